//! Saving the framework editor's work: the framework, then every case its edits changed
//! (bundled ones as copies beside the framework), then the library reloads. Closing and
//! discarding.

use std::path::{Path, PathBuf};

use super::FrameworkEditor;
use crate::authoring::{CaseContext, DraftFile, SaveMode};
use crate::workspace::{Effect, Pick, View, Workspace};

impl Workspace {
    /// Saves to the framework's file, or asks where when it has none of the user's.
    pub(super) fn save_framework(&mut self, mode: SaveMode) -> Option<Effect> {
        let editor = self.framework_editor.as_mut()?;
        if editor.pending.is_some() {
            editor.status = Some(
                "First choose how to fix the cases the last change breaks, or cancel it.".into(),
            );
            return None;
        }
        if !matches!(editor.draft.file(), DraftFile::Path(_)) {
            editor.pending_save = Some(mode);
            return Some(Effect::Pick(Pick::SaveFrameworkAs));
        }
        self.write_framework(None, mode)
    }

    /// Saves to `path` (the save dialog's answer) in the mode *Save* asked for.
    pub(super) fn save_framework_as(&mut self, path: &Path) -> Option<Effect> {
        let editor = self.framework_editor.as_mut()?;
        let mode = editor.pending_save.take().unwrap_or(SaveMode::Checked);
        self.write_framework(Some(path), mode)
    }

    fn write_framework(&mut self, path: Option<&Path>, mode: SaveMode) -> Option<Effect> {
        let mut editor = self.framework_editor.take()?;
        let effect = self.write_all(&mut editor, path, mode);
        // Saved from the question *Close* asked: editing stops once everything is written.
        if effect.is_some() && editor.confirm_close && !editor.is_modified() {
            self.leave_framework_view();
        } else {
            self.framework_editor = Some(editor);
        }
        effect
    }

    /// Checks the changed cases, writes the framework, then the cases; says what was written.
    fn write_all(
        &mut self,
        editor: &mut FrameworkEditor,
        path: Option<&Path>,
        mode: SaveMode,
    ) -> Option<Effect> {
        let framework = editor.draft.doc().clone();
        let context = CaseContext {
            framework: Some(framework),
            known_frameworks: Vec::new(),
        };
        let changed: Vec<String> = editor.to_write().into_iter().map(|(id, _)| id).collect();
        let broken = editor.cases_with_problems();
        if mode == SaveMode::Checked && !broken.is_empty() {
            editor.status = Some(format!(
                "Not saved: with this framework these cases would have problems: {}. Fix them, or use “Save anyway”.",
                broken.join(", ")
            ));
            return None;
        }
        let saved = match path {
            Some(path) => editor.draft.save_as(path, mode),
            None => editor.draft.save(mode),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(e) => {
                editor.status = Some(format!("Not saved: {e}"));
                return None;
            }
        };
        let folder = saved
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut status = format!("Saved to {}", saved.path.display());
        if saved.merged {
            status.push_str(" (changes made elsewhere were merged in)");
        }
        let mut written = vec![saved.path];
        let mut failed = Vec::new();
        for id in &changed {
            let Some(companion) = editor.cases.get_mut(id) else {
                continue;
            };
            companion.draft.set_context(context.clone());
            companion
                .draft
                .replace(companion.doc.clone(), "change with the framework");
            let result = match companion.draft.file() {
                DraftFile::Path(_) => companion.draft.save(mode),
                _ => companion.draft.save_as(&free_case_path(&folder, id), mode),
            };
            match result {
                Ok(saved) => {
                    companion.written();
                    written.push(saved.path);
                }
                Err(e) => failed.push(format!("{id}: {e}")),
            }
        }
        if written.len() > 1 {
            let files: Vec<String> = written[1..]
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            status.push_str(&format!("; the cases it changed: {}", files.join(", ")));
        }
        if !failed.is_empty() {
            status.push_str(&format!(
                "; not saved (your changes are kept): {}",
                failed.join("; ")
            ));
        }
        editor.status = Some(status);
        editor.notes_unsaved.clear();
        for path in written {
            self.remember_path(path);
        }
        Some(Effect::Load(self.load_request()))
    }

    /// Adds a written file to the library's paths unless a folder of them holds it.
    fn remember_path(&mut self, path: PathBuf) {
        if !self.paths.iter().any(|p| path.starts_with(p)) {
            self.paths.push(path);
        }
    }

    pub(super) fn close_framework(&mut self) {
        match &mut self.framework_editor {
            Some(e) if e.is_modified() => e.confirm_close = true,
            Some(_) => self.leave_framework_view(),
            None => {}
        }
    }

    /// Drops the editor, its unsaved framework and cases, and undoes its renames in the notes.
    pub(super) fn discard_framework(&mut self) {
        let Some(editor) = self.framework_editor.take() else {
            return;
        };
        let framework = editor.draft.doc().id.clone();
        let cases = self.case_ids_of(&framework);
        let mut notes = self.notebook.file().clone();
        let mut changed = false;
        for rewrite in editor.notes_unsaved.iter().rev() {
            if let Some(undone) = rewrite.inverse().apply_to_notes(&notes, &cases) {
                notes = undone;
                changed = true;
            }
        }
        if changed {
            // One notes change, so one undo in the notes puts the renames back.
            self.notebook.replace_undoably(notes);
            crate::workspace::present::refresh(self);
        }
        self.leave_framework_view();
    }

    pub(super) fn leave_framework_view(&mut self) {
        self.framework_editor = None;
        if self.view == View::Framework {
            self.view = View::Reader;
        }
        self.generation += 1;
    }
}

impl FrameworkEditor {
    /// The changed cases that would have problems with the framework as it is: `id (count)`.
    pub(super) fn cases_with_problems(&self) -> Vec<String> {
        let framework = self.draft.doc();
        self.cases
            .iter()
            .filter(|(_, c)| c.is_modified())
            .filter_map(|(id, c)| {
                let n = crate::validate::check_case(&c.doc, Some(framework), &[]).len();
                (n > 0).then(|| format!("{id} ({n})"))
            })
            .collect()
    }
}

/// `<folder>/<id>.case.json`, or `<id>-2.case.json`, … when that file exists.
fn free_case_path(folder: &Path, id: &str) -> PathBuf {
    std::iter::once(format!("{id}.case.json"))
        .chain((2..).map(|n| format!("{id}-{n}.case.json")))
        .map(|name| folder.join(name))
        .find(|p| !p.exists())
        .unwrap_or_else(|| folder.join(format!("{id}.case.json")))
}
