//! The view's switches: unit, codes, roll-up (a level or the parents ticked), semantic
//! domain and minimum alpha.

use egui::{RichText, Ui};

use super::{AgreementView, MINIMUMS, ROLLUPS, family_text};
use crate::agreement::{Rollup, Unit};
use crate::codebook::Codebook;

impl AgreementView {
    /// Unit, family, roll-up, domain and minimum switches.
    pub(super) fn controls_ui(&mut self, ui: &mut Ui, book: &Codebook, coders: usize) {
        let c = &mut self.choice;
        ui.horizontal_wrapped(|ui| {
            ui.heading("Agreement");
            ui.label(RichText::new(format!("{coders} coder(s) shown")).weak());
            ui.separator();
            ui.label("Unit");
            ui.selectable_value(&mut c.unit, Unit::Paragraph, "Paragraph")
                .on_hover_text("Each paragraph × code: did the coder apply the code in it?");
            ui.selectable_value(&mut c.unit, Unit::Char, "Character")
                .on_hover_text(
                    "Each character × code: is it inside the coder's highlight with the code?",
                );
            ui.separator();
            let label = ui.label("Codes");
            let text = c
                .family
                .as_deref()
                .map_or_else(|| "All codes".to_owned(), |f| family_text(book, f));
            egui::ComboBox::from_id_salt("agreement-family")
                .selected_text(text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut c.family, None, "All codes");
                    for f in book.families() {
                        ui.selectable_value(
                            &mut c.family,
                            Some(f.id.clone()),
                            family_text(book, &f.id),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Roll up");
            egui::ComboBox::from_id_salt("agreement-rollup")
                .selected_text(rollup_text(c.rollup.as_ref()))
                // Several parents may be ticked: the list stays open until a click outside.
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut c.rollup, None, rollup_text(None));
                    for level in ROLLUPS {
                        let r = Some(Rollup::Level(level));
                        let text = rollup_text(r.as_ref());
                        ui.selectable_value(&mut c.rollup, r, text);
                    }
                    ui.separator();
                    ui.label(RichText::new("To the parents chosen:").small());
                    let parents = book.entries().iter().filter(|e| {
                        !e.children.is_empty()
                            && c.family.as_deref().is_none_or(|f| book.family(&e.id) == f)
                    });
                    for e in parents {
                        let mut on = c.rollup.as_ref().is_some_and(|r| r.has_parent(&e.id));
                        if ui.checkbox(&mut on, &e.id).changed() {
                            c.rollup = Rollup::toggle_parent(c.rollup.as_ref(), &e.id);
                        }
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("Count a code's children as the code (RAT.practice.market-access as RAT.practice at level 2, or under the parents ticked), as Coded passages does");
            ui.add_enabled(
                c.family.is_some(),
                egui::Checkbox::new(&mut c.domain, "As one variable (semantic domain)"),
            )
            .on_hover_text("Treat the chosen family's codes as the values of one variable: per unit, the code each coder applied, or none (ATLAS.ti's semantic domains)")
            .on_disabled_hover_text("Choose a code family first");
            let label = ui.label("Minimum alpha");
            egui::ComboBox::from_id_salt("agreement-minimum")
                .selected_text(minimum_text(c.minimum))
                .show_ui(ui, |ui| {
                    for m in MINIMUMS {
                        ui.selectable_value(&mut c.minimum, m, minimum_text(m));
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("The table gives the probability that alpha is below it (from 1,000 bootstrap draws)");
        });
    }
}

/// "No roll-up", "Level 2".
fn rollup_text(rollup: Option<&Rollup>) -> String {
    match rollup {
        None => "No roll-up".to_owned(),
        Some(Rollup::Level(1)) => "Level 1 (families)".to_owned(),
        Some(Rollup::Level(l)) => format!("Level {l}"),
        Some(Rollup::Parents(p)) => format!("To {}", p.join(", ")),
    }
}

/// "0.667".
fn minimum_text(thousandths: u16) -> String {
    format!("{:.3}", f64::from(thousandths) / 1000.0)
}
