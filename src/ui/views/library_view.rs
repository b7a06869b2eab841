//! The list of loaded cases, with a filter.

use egui::{RichText, Ui};

use crate::ui::theme;
use crate::workspace::{Action, Workspace};

/// Transient state of the library list.
#[derive(Debug, Default)]
pub struct LibraryView {
    /// Filter typed by the user.
    pub filter: String,
}

impl LibraryView {
    /// Draws the list; clicks become [`Action::OpenCase`].
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        ui.heading("Library");
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("title, id, tag")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        ui.separator();
        let needle = self.filter.trim().to_lowercase();
        egui::ScrollArea::vertical()
            .id_salt("library-list")
            .show(ui, |ui| {
                let mut shown = 0;
                for entry in &ws.library.cases {
                    let case = &entry.doc;
                    if !crate::library::case_matches(case, &needle) {
                        continue;
                    }
                    shown += 1;
                    let selected = ws.open_case.as_deref() == Some(case.id.as_str());
                    ui.horizontal_top(|ui| {
                        let mut ticked = ws.compare.contains(&case.id);
                        let checkbox = ui
                            .add(egui::Checkbox::without_text(&mut ticked))
                            .on_hover_text("Tick to compare");
                        // The checkbox has no visible text; give screen readers (and tests) a name.
                        let name = format!("Compare {}", case.title);
                        ui.ctx()
                            .accesskit_node_builder(checkbox.id, |node| node.set_label(name));
                        if checkbox.changed() {
                            actions.push(Action::ToggleCompare(case.id.clone()));
                        }
                        // Leave room for the button's own padding, or a wrapped title would be
                        // slightly wider than the panel and the panel would grow every frame.
                        let width =
                            (ui.available_width() - 2.0 * ui.spacing().button_padding.x).max(40.0);
                        let response = ui
                            .scope(|ui| {
                                ui.set_max_width(width);
                                ui.add(
                                    egui::Button::selectable(selected, case.title.as_str()).wrap(),
                                )
                            })
                            .inner
                            .on_hover_text(format!("{}\n{}", case.id, entry.origin));
                        if response.clicked() {
                            actions.push(Action::OpenCase {
                                case: case.id.clone(),
                                at: None,
                            });
                        }
                    });
                }
                if ws.library.cases.is_empty() {
                    ui.label(
                        RichText::new("No cases loaded. Use File > Open, or drop case files here.")
                            .italics(),
                    );
                } else if shown == 0 {
                    ui.label(RichText::new("No case matches the filter.").italics());
                }
                let problems = ws.problem_count();
                if problems > 0 {
                    ui.add_space(8.0);
                    let text = RichText::new(format!(
                        "{problems} file(s) could not be loaded: show problems"
                    ))
                    .color(theme::WARNING);
                    if ui.link(text).clicked() {
                        actions.push(Action::ToggleProblems);
                    }
                }
            });
    }
}
