//! The case editor's header: the case's file, Save, Save anyway, Save a copy as…, Undo,
//! Redo and Stop editing, the last command's outcome, the highlights the edits orphan and the
//! question *Stop editing* asks about unsaved changes.

use egui::{RichText, Ui};

use super::push;
use crate::authoring::{DraftFile, SaveMode};
use crate::workspace::editing::EditorCmd;
use crate::workspace::{Action, Workspace};

/// The case's file, Save, Save anyway, Save a copy as…, Undo, Redo and Close, and the last
/// save's outcome.
pub(super) fn header_ui(ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
    let Some(editor) = &ws.editor else {
        return;
    };
    let draft = &editor.draft;
    let modified = if draft.is_modified() { " •" } else { "" };
    ui.heading(format!("Editing{modified}"));
    let file = match draft.file() {
        DraftFile::New => "Not saved yet".to_owned(),
        DraftFile::Bundled(name) => {
            format!("{name} ships with Caselens: save a copy to keep changes")
        }
        DraftFile::Path(path) => path.display().to_string(),
    };
    ui.label(RichText::new(file).small());
    let problems = draft.problems().len();
    let own_file = matches!(draft.file(), DraftFile::Path(_));
    let save = save_label(own_file, crate::platform::IN_BROWSER);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(problems == 0, egui::Button::new(save))
            .on_disabled_hover_text("Fix the problems listed below, or use Save anyway")
            .clicked()
        {
            push(actions, EditorCmd::Save(SaveMode::Checked));
        }
        if problems > 0 && ui.button("Save anyway").clicked() {
            push(actions, EditorCmd::Save(SaveMode::Anyway));
        }
        if own_file && ui.button("Save a copy as…").clicked() {
            actions.push(Action::Pick(crate::workspace::Pick::SaveCaseAs));
        }
        let undo = draft.undo_label().map(|l| format!("Undo {l}"));
        if ui
            .add_enabled(undo.is_some(), egui::Button::new("Undo"))
            .on_hover_text(undo.unwrap_or_default())
            .clicked()
        {
            push(actions, EditorCmd::Undo);
        }
        if ui
            .add_enabled(draft.redo_label().is_some(), egui::Button::new("Redo"))
            .clicked()
        {
            push(actions, EditorCmd::Redo);
        }
        if ui.button("Stop editing").clicked() {
            push(actions, EditorCmd::Close);
        }
    });
    if let Some(status) = &editor.status {
        ui.label(RichText::new(status).small());
    }
    if let Some(warning) = crate::workspace::editing::orphans_message(&editor.orphans) {
        ui.label(RichText::new(warning).color(ui.visuals().warn_fg_color));
    }
    if editor.confirm_close {
        ui.label(RichText::new("This case has changes that are not saved.").strong());
        ui.horizontal(|ui| {
            if ui.button(save).clicked() {
                push(actions, EditorCmd::Save(SaveMode::Checked));
            }
            if ui.button("Discard changes").clicked() {
                push(actions, EditorCmd::Discard);
            }
            if ui.button("Keep editing").clicked() {
                push(actions, EditorCmd::KeepEditing);
            }
        });
    }
}

/// "Save" for the case's own file, "Save as…" when it has none (or ships with Caselens); in
/// the browser, where saving downloads the file and asks for no name, "Download".
fn save_label(own_file: bool, in_browser: bool) -> &'static str {
    match (in_browser, own_file) {
        (true, _) => "Download",
        (false, true) => "Save",
        (false, false) => "Save as…",
    }
}

#[cfg(test)]
mod tests {
    use super::save_label;

    #[test]
    fn the_save_button_says_download_in_the_browser() {
        assert_eq!(save_label(true, false), "Save");
        assert_eq!(save_label(false, false), "Save as…");
        assert_eq!(save_label(true, true), "Download");
        assert_eq!(save_label(false, true), "Download");
    }
}
