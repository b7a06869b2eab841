//! Saving from the editors where there is no disk (the browser): the file is handed to the user
//! as a download, and a download that started counts as the save. The same refusals as a save
//! (problems without *Save anyway*); the draft is then no longer unsaved, and the editor's
//! header and the status bar say under which name it was downloaded.

use super::EditorCmd;
use super::framework::FrameworkCmd;
use crate::authoring::SaveMode;
use crate::workspace::{Action, Workspace};

/// Hands a file (its name and bytes) to the user, or says why it could not (the browser's
/// download; tests record what they were given).
pub type Deliver<'a> = &'a mut dyn FnMut(&str, &[u8]) -> Result<(), String>;

impl Workspace {
    /// Carries out `action` by downloads when it saves from an editor (routed as a save is:
    /// *Save* goes to the framework editor while it is the active one); false, and nothing
    /// done, for any other action or when no editor is open to save.
    pub fn save_by_download(&mut self, action: &Action, deliver: Deliver<'_>) -> bool {
        let (framework, mode) = match action {
            Action::Editor(EditorCmd::Save(mode)) => (self.framework_editor_active(), *mode),
            Action::Framework(FrameworkCmd::Save(mode)) => (true, *mode),
            // The file a save dialog named cannot be written here: a download it is.
            Action::Editor(EditorCmd::SaveAs(_)) => (false, SaveMode::Checked),
            Action::Framework(FrameworkCmd::SaveAs(_)) => (true, SaveMode::Checked),
            _ => return false,
        };
        if framework && self.framework_editor.is_some() {
            self.download_framework(mode, deliver);
        } else if !framework && self.editor.is_some() {
            self.download_case(mode, deliver);
        } else {
            return false;
        }
        true
    }

    /// Saves the case editor's draft as a download named `<id>.case.json`. Once handed over
    /// the draft counts as saved; saved from the question *Stop editing* asked, editing stops.
    pub fn download_case(&mut self, mode: SaveMode, deliver: Deliver<'_>) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        let name = format!("{}.case.json", editor.draft.doc().id);
        let handed = editor
            .draft
            .saved_text(mode)
            .map_err(|e| e.to_string())
            .and_then(|text| deliver(&name, text.as_bytes()));
        let status = match handed {
            Ok(()) => {
                editor.draft.mark_saved();
                editor.pending_save = None;
                format!("Downloaded as {name}. {KEEP_IT}")
            }
            Err(e) => format!("Not saved: {e}"),
        };
        editor.status = Some(status.clone());
        if editor.confirm_close && !editor.draft.is_modified() {
            self.editor = None;
        }
        self.message = Some(status);
    }
}

/// What to do with a downloaded file, said once after its name.
pub(super) const KEEP_IT: &str = "A browser keeps no files: put it in your course page's cases/ folder (listed in cases/index.json) or open it in the desktop app.";
