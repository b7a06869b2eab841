//! Files that failed to load, each with all of its messages.

use egui::{RichText, Ui};

use crate::workspace::{Action, Workspace};

/// Draws the problems panel body.
pub fn problems_ui(ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.heading("Problems");
        if ui.button("Hide").clicked() {
            actions.push(Action::ToggleProblems);
        }
        if ui.button("Reload (F5)").clicked() {
            actions.push(Action::Reload);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let mut any = false;
            for file in ws.library.failed() {
                any = true;
                ui.label(RichText::new(file.origin.to_string()).strong().color(
                    crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Warning),
                ));
                for p in &file.problems {
                    ui.label(RichText::new(p.to_string()).monospace());
                }
                ui.add_space(4.0);
            }
            any |= crate::ui::views::layers_view::layer_problems_ui(ui, ws);
            if !any {
                ui.label("Every file loaded.");
            }
        });
}
