//! The question a framework edit that breaks loaded cases asks before it is made.

use egui::RichText;

use super::push;
use crate::authoring::{FixChoice, FixKind};
use crate::ui::theme;
use crate::workspace::editing::framework::{FrameworkCmd, FrameworkEditor};
use crate::workspace::{Action, Workspace};

/// The question an edit that breaks cases asks: the cases, their problems and the fixes
/// offered, and one rule for them all (or Cancel).
pub(super) fn impact_ui(
    ctx: &egui::Context,
    ws: &Workspace,
    editor: &FrameworkEditor,
    actions: &mut Vec<Action>,
) {
    let Some(pending) = &editor.pending else {
        return;
    };
    let plan = &pending.impact;
    let modal = egui::Modal::new(egui::Id::unique("framework-impact")).show(ctx, |ui| {
        ui.set_max_width(theme::IMPACT_DIALOG_WIDTH);
        ui.heading(format!(
            "“{}” breaks {} loaded case(s)",
            pending.edit.describe(),
            plan.broken.len()
        ));
        ui.label("Choose how to fix them (one undoable step with the change), or cancel it.");
        egui::ScrollArea::vertical()
            .max_height(ctx.content_rect().height() * 0.5)
            .show(ui, |ui| {
                for case in &plan.broken {
                    // By title, as the library lists it; the id tells same-titled cases apart.
                    let name = ws
                        .library
                        .case(&case.case)
                        .map_or_else(|| case.case.clone(), |c| format!("{} ({})", c.title, c.id));
                    ui.label(RichText::new(name).strong());
                    for problem in &case.problems {
                        ui.label(RichText::new(&problem.message).small());
                    }
                    let offered: Vec<&str> = case.fixes.iter().map(|f| f.label.as_str()).collect();
                    ui.label(
                        RichText::new(format!("Fixes: {}", offered.join("; ")))
                            .small()
                            .weak(),
                    );
                    ui.separator();
                }
            });
        ui.horizontal_wrapped(|ui| {
            let choices = [
                (FixKind::Convert, FixChoice::Convert, "Convert the values"),
                (
                    FixKind::MarkUnknown,
                    FixChoice::MarkUnknown,
                    "Mark the facets unknown",
                ),
                (FixKind::Remove, FixChoice::Remove, "Remove the facets"),
            ];
            for (kind, choice, label) in choices {
                if plan.offers(kind) && ui.button(label).clicked() {
                    push(actions, FrameworkCmd::Fix(choice));
                }
            }
            if ui.button("Cancel the change").clicked() {
                push(actions, FrameworkCmd::CancelPending);
            }
        });
    });
    if modal.should_close() {
        push(actions, FrameworkCmd::CancelPending);
    }
}
