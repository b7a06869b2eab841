//! The name the notes are written under: a bar under the menu asking for it on first use
//! (skippable, and never a modal in anyone's way), *Edit > Your name* to set it later, and
//! the remembered name given to notes files without an author. The rules are the
//! workspace's (`workspace::author`).

use egui::RichText;

use crate::ui::app::CaselensApp;
use crate::workspace::Action;

/// The name question's state, and the name remembered in the UI preferences.
#[derive(Debug, Default)]
pub struct NameState {
    /// The name last given (remembered across starts, for notes files without an author).
    pub remembered: Option<String>,
    /// The question was answered or skipped once: it is not asked again on its own.
    pub asked: bool,
    /// Ask on first use (set by a real start, [`CaselensApp::new`]; apps built for tests never
    /// ask on their own).
    pub first_use: bool,
    /// The question is shown, with the name being typed.
    pub typing: Option<String>,
}

impl CaselensApp {
    /// Opens the question (*Edit > Your name*), with the current name.
    pub(super) fn ask_name(&mut self) {
        let current = self.workspace.your_name().unwrap_or_default().to_owned();
        self.name.typing = Some(current);
    }

    /// Gives the remembered name to a notes file without one, and opens the question on first
    /// use once the notes are read.
    pub(super) fn name_rules(&mut self) {
        if self.notes.is_loading() {
            return;
        }
        if let Some(name) = &self.name.remembered {
            self.workspace.sign_notes(name);
        }
        let ask = crate::workspace::ask_for_name(
            self.name.asked,
            self.name.remembered.as_deref(),
            self.workspace.your_name(),
        );
        if self.name.first_use && ask && self.name.typing.is_none() {
            self.name.typing = Some(String::new());
        }
        self.name.first_use = false;
    }

    /// The bar asking for the name, while it is asked.
    pub(super) fn name_bar_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(typing) = &mut self.name.typing else {
            return;
        };
        let mut done = false;
        egui::Panel::top("your-name").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(RichText::new("Your name").strong());
                let field = ui
                    .add(
                        egui::TextEdit::singleline(typing)
                            .hint_text("as it should appear on your notes and exports"),
                    )
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Use this name").clicked() || entered {
                    actions.push(Action::SetYourName(typing.clone()));
                    done = true;
                }
                if ui
                    .button("Skip")
                    .on_hover_text("Edit > Your name sets it later")
                    .clicked()
                {
                    done = true;
                }
                ui.label(
                    RichText::new("Your notes file carries it as its author (the CSV export's author column, a class's views).")
                        .small()
                        .weak(),
                );
            });
        });
        if done {
            self.name.typing = None;
            self.name.asked = true;
        }
    }

    /// The status bar's "Notes by …".
    pub(super) fn name_status(&self) -> String {
        match self.workspace.your_name() {
            Some(name) => format!("Notes by {name}"),
            None => "Notes by: no name (Edit > Your name)".to_owned(),
        }
    }
}
