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
                    let hay = format!(
                        "{} {} {} {}",
                        case.title,
                        case.id,
                        case.meta.tags.join(" "),
                        case.meta.organisations.join(" ")
                    )
                    .to_lowercase();
                    if !needle.is_empty() && !hay.contains(&needle) {
                        continue;
                    }
                    shown += 1;
                    let selected = ws.open_case.as_deref() == Some(case.id.as_str());
                    let response = ui
                        .selectable_label(selected, &case.title)
                        .on_hover_text(format!("{}\n{}", case.id, entry.origin));
                    if response.clicked() {
                        actions.push(Action::OpenCase(case.id.clone()));
                    }
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
