//! The case editor as plain data: the case being edited beside its text (a [`CaseDraft`]), and
//! what each editor command does to it. Saving writes the file (atomic, with a backup and a
//! lock, [`crate::authoring`]) and reloads the library so the other views see the case.

mod download;
pub mod framework;

use std::path::{Path, PathBuf};

use super::{Effect, Focus, Pick, Workspace};
use crate::authoring::{CaseContext, CaseDraft, CaseEdit, DraftFile, SaveMode};
use crate::format::{Case, Evidence};

mod orphans;
pub use download::Deliver;
pub use orphans::{Orphans, orphaned_by_edits, orphans_message};

/// The case being edited, and where it is saved.
#[derive(Debug, Clone)]
pub struct CaseEditor {
    /// The editing session (undo, problems, the file).
    pub draft: CaseDraft,
    /// What the last save or failed command said, for the editor's header.
    pub status: Option<String>,
    /// The save dialog asks where to write (bundled or new case), then saves in this mode.
    pending_save: Option<SaveMode>,
    /// *Stop editing* was asked with unsaved changes: the editor asks to save or discard.
    pub confirm_close: bool,
    /// Highlights (the user's and the loaded notes files') that the text edits leave without
    /// their passage, compared with the case as loaded.
    pub orphans: Vec<Orphans>,
}

/// Something asked of the case editor.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorCmd {
    /// Edit the case open in the reader (a bundled case is edited as a copy to save elsewhere).
    Start,
    /// A new, empty case of a framework (its id, or the first loaded when empty).
    NewCase(String),
    /// Edit a copy of the case open in the reader, under a new id.
    Duplicate,
    /// Edit a case drafted elsewhere (from a document): not saved yet.
    OpenDraft(Box<Case>),
    /// One undoable change.
    Apply(CaseEdit),
    /// A change while typing: changes until [`EditorCmd::EndTyping`] are one undo step.
    Type(CaseEdit),
    /// The field being typed in lost focus.
    EndTyping,
    /// Use a selected passage of the case text as evidence for a facet or an alliance.
    UseAsEvidence {
        /// What the evidence is for.
        to: crate::authoring::EvidenceOwner,
        /// `section/paragraph`.
        paragraph: String,
        /// The selected text.
        quote: String,
    },
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Save to the case's file (asks where when it has none, or is bundled).
    Save(SaveMode),
    /// Save to this file from now on.
    SaveAs(PathBuf),
    /// Stop editing; with unsaved changes the editor asks first ([`CaseEditor::confirm_close`]).
    Close,
    /// Stop editing and drop unsaved changes.
    Discard,
    /// Keep editing (the answer to the question *Stop editing* asked).
    KeepEditing,
}

impl Workspace {
    /// The case the reader shows: the draft while the open case is being edited.
    pub fn reader_case(&self) -> Option<&Case> {
        let id = self.open_case.as_deref()?;
        match &self.editor {
            Some(e) if e.draft.doc().id == id => Some(e.draft.doc()),
            _ => self.library.case(id),
        }
    }

    /// True when the case open in the reader is the one being edited (the form shows).
    pub fn editing_open_case(&self) -> bool {
        self.editor
            .as_ref()
            .is_some_and(|e| self.open_case.as_deref() == Some(e.draft.doc().id.as_str()))
    }

    /// An id like `base` that no loaded case has ("acme", "acme-2", …).
    pub fn free_case_id(&self, base: &str) -> String {
        let base = if base.is_empty() { "case" } else { base };
        crate::format::free_id(base, |id| self.library.case(id).is_some())
    }

    /// What the case editor's checks need: the case's framework and the loaded ones.
    fn case_context(&self, framework: &str) -> CaseContext {
        CaseContext {
            framework: self.library.framework(framework).cloned(),
            known_frameworks: self
                .library
                .frameworks
                .iter()
                .map(|f| f.doc.id.clone())
                .collect(),
        }
    }

    /// Carries out an editor command; returns what the window must do.
    pub fn editor_apply(&mut self, cmd: EditorCmd) -> Option<Effect> {
        let replaces = match cmd {
            EditorCmd::Start => !self.editing_open_case(),
            EditorCmd::NewCase(_) | EditorCmd::Duplicate | EditorCmd::OpenDraft(_) => true,
            _ => false,
        };
        if replaces && self.unsaved_draft_in_the_way() {
            return None;
        }
        match cmd {
            EditorCmd::Start => self.start_editing(),
            EditorCmd::NewCase(framework) => self.new_case(&framework),
            EditorCmd::Duplicate => self.duplicate_open_case(),
            EditorCmd::OpenDraft(case) => self.edit_new(*case),
            EditorCmd::Save(mode) => return self.save_case(mode),
            EditorCmd::SaveAs(path) => return self.save_case_as(&path),
            EditorCmd::Close => match &mut self.editor {
                Some(e) if e.draft.is_modified() => e.confirm_close = true,
                _ => self.editor = None,
            },
            EditorCmd::Discard => self.editor = None,
            EditorCmd::KeepEditing => {
                if let Some(e) = &mut self.editor {
                    e.confirm_close = false;
                }
            }
            other => self.change_draft(other),
        }
        None
    }

    /// True (and the editor asks to save or discard) when a draft with unsaved changes would
    /// be replaced: another case is never opened over unsaved edits.
    fn unsaved_draft_in_the_way(&mut self) -> bool {
        let Some(editor) = &mut self.editor else {
            return false;
        };
        let id = editor.draft.doc().id.clone();
        if !editor.draft.is_modified() {
            return false;
        }
        editor.confirm_close = true;
        self.message = Some(format!(
            "{id} has changes that are not saved: save or discard them first."
        ));
        self.open_case = Some(id);
        self.view = super::View::Reader;
        true
    }

    fn change_draft(&mut self, cmd: EditorCmd) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        let result = match cmd {
            EditorCmd::Apply(edit) => editor.draft.apply(&edit).map(|_| ()),
            EditorCmd::Type(edit) => editor.draft.apply_typing(&edit).map(|_| ()),
            EditorCmd::EndTyping => {
                editor.draft.end_typing();
                Ok(())
            }
            EditorCmd::UseAsEvidence {
                to,
                paragraph,
                quote,
            } => editor
                .draft
                .apply(&CaseEdit::AddEvidence {
                    to,
                    evidence: Evidence {
                        reference: Some(paragraph.into()),
                        quote: Some(quote),
                        source: None,
                    },
                })
                .map(|_| ()),
            EditorCmd::Undo => {
                editor.status = editor.draft.undo().map(|what| format!("Undone: {what}"));
                Ok(())
            }
            EditorCmd::Redo => {
                editor.status = editor.draft.redo().map(|what| format!("Redone: {what}"));
                Ok(())
            }
            _ => Ok(()),
        };
        match result {
            Ok(()) => {
                self.generation += 1;
                self.refresh_orphans();
            }
            Err(e) => editor.status = Some(e.to_string()),
        }
    }

    /// Recounts the highlights the draft's text edits orphan (after every change, undo and
    /// redo: only paragraphs whose text differs from the loaded case are looked at).
    pub(super) fn refresh_orphans(&mut self) {
        let Some(editor) = &self.editor else {
            return;
        };
        let draft = editor.draft.doc();
        let orphans = match self.library.case(&draft.id) {
            Some(saved) => {
                let layers = self.library.notes.iter().map(|e| {
                    let path = match &e.origin {
                        crate::library::Origin::File(p) => p.clone(),
                        crate::library::Origin::Bundled(name) => PathBuf::from(name),
                    };
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    (name, &*e.doc)
                });
                let mine = std::iter::once(("yours".to_owned(), self.notebook.file()));
                orphaned_by_edits(saved, draft, mine.chain(layers))
            }
            None => Vec::new(),
        };
        if let Some(editor) = &mut self.editor {
            editor.orphans = orphans;
        }
    }

    fn start_editing(&mut self) {
        let Some(id) = self.open_case.clone() else {
            return;
        };
        if self.editor.as_ref().is_some_and(|e| e.draft.doc().id == id) {
            return;
        }
        let Some(entry) = self.library.cases.iter().find(|c| c.doc.id == id) else {
            return;
        };
        if self
            .framework_editor
            .as_ref()
            .is_some_and(|f| f.has_unsaved_case(&id))
        {
            self.message = Some(format!(
                "{id} has changes from the framework editor that are not saved: save or discard the framework first."
            ));
            return;
        }
        let context = self.case_context(&entry.doc.framework);
        let draft = match &entry.origin {
            crate::library::Origin::File(path) => CaseDraft::open(path, context),
            crate::library::Origin::Bundled(name) => CaseDraft::bundled(name, context),
        };
        match draft {
            Ok(draft) => self.set_editor(draft),
            Err(e) => self.message = Some(format!("{id} cannot be edited: {e}")),
        }
    }

    fn new_case(&mut self, framework: &str) {
        let framework = if framework.is_empty() {
            self.library
                .frameworks
                .first()
                .map(|f| f.doc.id.clone())
                .unwrap_or_default()
        } else {
            framework.to_owned()
        };
        let Some(fw) = self.library.framework(&framework) else {
            self.message = Some(format!("framework \"{framework}\" is not loaded"));
            return;
        };
        let id = self.free_case_id("new-case");
        match crate::authoring::new_case(fw, &id, "New case") {
            Ok(case) => self.edit_new(case),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn duplicate_open_case(&mut self) {
        let Some(case) = self.reader_case().cloned() else {
            return;
        };
        let id = self.free_case_id(&format!("{}-copy", case.id));
        match crate::authoring::duplicate(&case, &id) {
            Ok(copy) => self.edit_new(copy),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Edits a case that has no file yet, shown in the reader.
    fn edit_new(&mut self, mut case: Case) {
        if self.library.case(&case.id).is_some() {
            case.id = self.free_case_id(&case.id);
        }
        let context = self.case_context(&case.framework);
        self.set_editor(CaseDraft::new(case, context));
    }

    fn set_editor(&mut self, draft: CaseDraft) {
        self.open_case = Some(draft.doc().id.clone());
        self.focus = None::<Focus>;
        self.view = super::View::Reader;
        self.editor = Some(CaseEditor {
            draft,
            status: None,
            pending_save: None,
            confirm_close: false,
            orphans: Vec::new(),
        });
        self.generation += 1;
    }

    fn save_case(&mut self, mode: SaveMode) -> Option<Effect> {
        let editor = self.editor.as_mut()?;
        if !matches!(editor.draft.file(), DraftFile::Path(_)) {
            editor.pending_save = Some(mode);
            return Some(Effect::Pick(Pick::SaveCaseAs));
        }
        let result = editor.draft.save(mode);
        self.after_save(result)
    }

    fn save_case_as(&mut self, path: &Path) -> Option<Effect> {
        let editor = self.editor.as_mut()?;
        let mode = editor.pending_save.take().unwrap_or(SaveMode::Checked);
        let result = editor.draft.save_as(path, mode);
        self.after_save(result)
    }

    /// After a save: the file joins the library (so it loads next time too) and the library
    /// reloads; a failed save keeps the draft and says why.
    fn after_save(
        &mut self,
        result: Result<crate::authoring::Saved, crate::authoring::AuthoringError>,
    ) -> Option<Effect> {
        let editor = self.editor.as_mut()?;
        match result {
            Ok(saved) => {
                let mut status = format!("Saved to {}", saved.path.display());
                if saved.merged {
                    status.push_str(" (changes made elsewhere were merged in)");
                }
                if saved.problems > 0 {
                    status.push_str(&format!(" with {} problem(s)", saved.problems));
                }
                editor.status = Some(status);
                // Saved from the question *Stop editing* asked: editing stops.
                if editor.confirm_close {
                    self.editor = None;
                }
                let covered = self
                    .paths
                    .iter()
                    .any(|p| saved.path.starts_with(p) || *p == saved.path);
                if !covered {
                    self.paths.push(saved.path);
                }
                Some(Effect::Load(self.load_request()))
            }
            Err(e) => {
                editor.status = Some(format!("Not saved: {e}"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
