//! The framework editor's header: which framework (and *Edit another*), its file, the cases
//! a save also writes, Save, Undo, Redo, Close, the last outcome, and the question *Close*
//! asks with unsaved changes.

use egui::{RichText, Ui};

use super::push;
use crate::authoring::{DraftFile, SaveMode};
use crate::workspace::editing::framework::{CaseFile, FrameworkCmd, FrameworkEditor};
use crate::workspace::{Action, Workspace};

/// The framework's file, what a save also writes, Save, Save anyway, Undo, Redo, Close, the
/// last outcome, and the question *Close* asks.
pub(super) fn header_ui(
    ui: &mut Ui,
    ws: &Workspace,
    editor: &FrameworkEditor,
    actions: &mut Vec<Action>,
) {
    let draft = &editor.draft;
    let modified = if editor.is_modified() { " •" } else { "" };
    ui.horizontal(|ui| {
        ui.heading(format!("Framework: {}{modified}", draft.doc().title));
        let label = ui.label("Edit another");
        egui::ComboBox::from_id_salt("framework-pick")
            .selected_text(draft.doc().id.clone())
            .show_ui(ui, |ui| {
                for fw in &ws.library.frameworks {
                    if ui
                        .selectable_label(fw.doc.id == draft.doc().id, &fw.doc.id)
                        .clicked()
                    {
                        push(actions, FrameworkCmd::Start(Some(fw.doc.id.clone())));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let file = match draft.file() {
        DraftFile::New => "Not saved yet".to_owned(),
        DraftFile::Bundled(name) => {
            format!(
                "{name} ships with Caselens: save a copy to keep changes (it then replaces the bundled one)"
            )
        }
        DraftFile::Path(path) => path.display().to_string(),
    };
    ui.label(RichText::new(file).small());
    writes_ui(ui, editor);
    buttons_ui(ui, editor, actions);
    if let Some(status) = &editor.status {
        ui.label(RichText::new(status).small());
    }
    if editor.confirm_close {
        ui.label(RichText::new("This framework has changes that are not saved.").strong());
        ui.horizontal(|ui| {
            if ui.button("Save and close").clicked() {
                push(actions, FrameworkCmd::Save(SaveMode::Checked));
            }
            if ui.button("Discard changes").clicked() {
                push(actions, FrameworkCmd::Discard);
            }
            if ui.button("Keep editing").clicked() {
                push(actions, FrameworkCmd::KeepEditing);
            }
        });
    }
}

/// The cases a save writes besides the framework, and where.
fn writes_ui(ui: &mut Ui, editor: &FrameworkEditor) {
    let writes = editor.to_write();
    if !writes.is_empty() {
        let mut own = Vec::new();
        let mut copies = Vec::new();
        for (id, file) in &writes {
            match file {
                CaseFile::Own(path) => own.push(format!("{id} ({})", path.display())),
                CaseFile::BundledCopy => copies.push(id.as_str()),
            }
        }
        let mut text = format!(
            "Saving also writes the {} case(s) it changed:",
            writes.len()
        );
        if !own.is_empty() {
            text.push_str(&format!(" {}", own.join(", ")));
        }
        if !copies.is_empty() {
            text.push_str(&format!(
                " {}{} (bundled: saved as copies beside the framework, which then replace them)",
                if own.is_empty() { "" } else { "; " },
                copies.join(", ")
            ));
        }
        ui.label(RichText::new(text).small());
    }
}

/// The save button's words: in the browser, where saving downloads the framework (and the cases
/// it changed) without asking for a name, "Download framework".
fn save_label(file: &DraftFile, in_browser: bool) -> &'static str {
    match (in_browser, file) {
        (true, _) => "Download framework",
        (false, DraftFile::Path(_)) => "Save framework",
        (false, DraftFile::Bundled(_)) => "Save a copy as…",
        (false, DraftFile::New) => "Save framework as…",
    }
}

/// Save (or Save a copy as…, Save as…), Save anyway, Undo, Redo, Close.
fn buttons_ui(ui: &mut Ui, editor: &FrameworkEditor, actions: &mut Vec<Action>) {
    let draft = &editor.draft;
    let problems = draft.problems().len();
    ui.horizontal_wrapped(|ui| {
        let save = save_label(draft.file(), crate::platform::IN_BROWSER);
        if ui
            .add_enabled(problems == 0, egui::Button::new(save))
            .on_disabled_hover_text("Fix the problems listed beside the form, or use Save anyway")
            .clicked()
        {
            push(actions, FrameworkCmd::Save(SaveMode::Checked));
        }
        if problems > 0 && ui.button("Save framework anyway").clicked() {
            push(actions, FrameworkCmd::Save(SaveMode::Anyway));
        }
        let undo = draft.undo_label().map(|l| format!("Undo {l}"));
        if ui
            .add_enabled(undo.is_some(), egui::Button::new("Undo framework change"))
            .on_hover_text(undo.unwrap_or_default())
            .clicked()
        {
            push(actions, FrameworkCmd::Undo);
        }
        let redo = draft.redo_label().map(|l| format!("Redo {l}"));
        if ui
            .add_enabled(redo.is_some(), egui::Button::new("Redo framework change"))
            .on_hover_text(redo.unwrap_or_default())
            .clicked()
        {
            push(actions, FrameworkCmd::Redo);
        }
        if ui.button("Close framework").clicked() {
            push(actions, FrameworkCmd::Close);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_save_button_says_download_in_the_browser() {
        let path = DraftFile::Path(std::path::PathBuf::from("x.framework.json"));
        assert_eq!(save_label(&path, false), "Save framework");
        assert_eq!(save_label(&DraftFile::New, false), "Save framework as…");
        for file in [path, DraftFile::New] {
            assert_eq!(save_label(&file, true), "Download framework");
        }
    }
}
