//! Saving the framework editor's work where there is no disk (the browser): the framework and
//! every case its edits changed are handed to the user as downloads, one file each, after the
//! same checks as a save ([`Workspace::save_framework`]). Each file handed over counts as saved;
//! one that could not be keeps its changes and is named.

use crate::authoring::{CaseContext, DraftFile, SaveMode};
use crate::workspace::Workspace;
use crate::workspace::editing::download::{Deliver, KEEP_IT};

impl Workspace {
    /// Downloads the framework as `<id>.framework.json` and each case it changed under its own
    /// file's name (a bundled case as `<id>.case.json`); the editor's header and the status bar
    /// list the files.
    pub fn download_framework(&mut self, mode: SaveMode, deliver: Deliver<'_>) {
        let Some(editor) = self.framework_editor.as_mut() else {
            return;
        };
        let status = editor.download_all(mode, deliver);
        editor.status = Some(status.clone());
        if editor.confirm_close && !editor.is_modified() {
            self.leave_framework_view();
        }
        self.message = Some(status);
    }
}

impl super::FrameworkEditor {
    /// Hands over the framework, then the cases it changed; says what was downloaded.
    fn download_all(&mut self, mode: SaveMode, deliver: Deliver<'_>) -> String {
        if self.pending.is_some() {
            return "First choose how to fix the cases the last change breaks, or cancel it."
                .into();
        }
        let broken = self.cases_with_problems();
        if mode == SaveMode::Checked && !broken.is_empty() {
            return format!(
                "Not saved: with this framework these cases would have problems: {}. Fix them, or use “Save anyway”.",
                broken.join(", ")
            );
        }
        let name = format!("{}.framework.json", self.draft.doc().id);
        let handed = self
            .draft
            .saved_text(mode)
            .map_err(|e| e.to_string())
            .and_then(|text| deliver(&name, text.as_bytes()));
        if let Err(e) = handed {
            return format!("Not saved: {e}");
        }
        self.draft.mark_saved();
        self.pending_save = None;
        // The renames in the notes are the notes session's to save: no longer to undo.
        self.notes_unsaved.clear();
        let context = CaseContext {
            framework: Some(self.draft.doc().clone()),
            known_frameworks: Vec::new(),
        };
        let mut downloaded = vec![name];
        let mut failed = Vec::new();
        let changed: Vec<String> = self.to_write().into_iter().map(|(id, _)| id).collect();
        for id in changed {
            let Some(companion) = self.cases.get_mut(&id) else {
                continue;
            };
            companion.draft.set_context(context.clone());
            companion
                .draft
                .replace(companion.doc.clone(), "change with the framework");
            let name = match companion.draft.file() {
                DraftFile::Path(path) => path
                    .file_name()
                    .map_or_else(|| format!("{id}.case.json"), |n| n.to_string_lossy().into()),
                _ => format!("{id}.case.json"),
            };
            let handed = companion
                .draft
                .saved_text(mode)
                .map_err(|e| e.to_string())
                .and_then(|text| deliver(&name, text.as_bytes()));
            match handed {
                Ok(()) => {
                    companion.draft.mark_saved();
                    companion.written();
                    downloaded.push(name);
                }
                Err(e) => failed.push(format!("{id}: {e}")),
            }
        }
        let mut status = match downloaded.len() {
            1 => format!("Downloaded as {}.", downloaded[0]),
            n => format!(
                "Downloaded {n} files, one download each: {} and the cases it changed, {}.",
                downloaded[0],
                downloaded[1..].join(", ")
            ),
        };
        if !failed.is_empty() {
            status.push_str(&format!(
                " Not downloaded (your changes are kept): {}.",
                failed.join("; ")
            ));
        }
        status.push(' ');
        status.push_str(KEEP_IT);
        status
    }
}
