//! The framework editor as plain data: the framework being edited (a [`FrameworkDraft`]) and
//! what each [`FrameworkCmd`] does to it, to the loaded cases that follow it and to the user's
//! notes.
//!
//! **Cases never break silently.** Before an edit that can change cases
//! ([`FrameworkEdit::touches_cases`]) is made, [`crate::authoring::impact`] checks every loaded
//! case of the framework. An edit that would leave cases with problems is held as
//! [`FrameworkEditor::pending`], with the cases and the fixes offered, until the user picks one
//! rule for them ([`FixChoice`]: convert, mark unknown, remove) or cancels. A renamed code or
//! dimension id follows into every case and the notes at once.
//!
//! **One undoable step.** A framework edit, the case changes it brought and the notes rewrite
//! are one step: undo in the framework editor puts back the framework, the cases (snapshots of
//! each changed case, before and after) and the notes (the inverse rename, applied as a
//! notebook change, so it is stamped and wins merges like any edit of the notes).
//!
//! **How changed case files are written.** The cases an edit changes are kept by the editor
//! beside the framework (each as a [`CaseDraft`] opened from its file, with the changed
//! document) and are written together with the framework when it is saved, each atomically
//! with a backup and a lock through the authoring save (a file changed elsewhere meanwhile is
//! merged, or refused without losing the edits). Before anything is written, every changed
//! case is checked against the edited framework; with problems, nothing is saved unless the
//! user said *Save anyway*. Bundled cases cannot be written: a changed bundled case is saved as
//! a copy in the folder of the framework's file (`<id>.case.json`, or `<id>-2.case.json` when
//! that name is taken); being the user's file with the same id, the copy replaces the bundled
//! case from then on. The editor lists the files a save will write ([`FrameworkEditor::to_write`]).
//! The notes are the notes session's to save, as always. *Discard* drops the changed cases and
//! undoes the renames in the notes. While a case is open in the case editor, a framework edit
//! that would change it is refused (save or close it first), and the case editor does not open
//! a case the framework editor has changed and not saved.
//!
//! Its parts: `change` (making an edit, its cases and notes, undo and redo), `save`
//! (saving, closing, discarding) and `download` (the browser's save: every file a download).

mod change;
mod download;
mod save;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::authoring::{
    CaseDraft, DraftFile, FixChoice, FrameworkDraft, FrameworkEdit, Impact, Rewrite, SaveMode,
};
use crate::format::framework::FRAMEWORK_FORMAT;
use crate::format::{Case, Framework, Group};
use crate::library::Origin;
use crate::workspace::{Effect, View, Workspace};

/// Most linked steps kept (as many as the draft keeps undo steps).
const LINK_LIMIT: usize = 200;

/// The framework being edited, the cases its edits changed, and an edit waiting for the user.
#[derive(Debug, Clone)]
pub struct FrameworkEditor {
    /// The editing session (undo, problems, the file).
    pub draft: FrameworkDraft,
    /// What the last save or failed command said, for the editor's header.
    pub status: Option<String>,
    /// The save dialog asks where to write (bundled or new framework), then saves in this mode.
    pending_save: Option<SaveMode>,
    /// *Close* was asked with unsaved changes: the editor asks to save or discard.
    pub confirm_close: bool,
    /// An edit that would break loaded cases, waiting for the user to choose how to fix them.
    pub pending: Option<PendingEdit>,
    /// The cases the framework's edits changed, by id, saved with it.
    cases: BTreeMap<String, Companion>,
    /// What each framework step did to the cases and the notes.
    links: Vec<Link>,
    /// Renames applied to the notes since the framework was last saved (*Discard* undoes them).
    notes_unsaved: Vec<Rewrite>,
}

/// An edit held until the user says how to fix the cases it breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingEdit {
    /// The edit.
    pub edit: FrameworkEdit,
    /// The cases it breaks, with the fixes offered.
    pub impact: Impact,
    /// It was typed (merges with the typing before it when it changes no case).
    typing: bool,
}

/// A case changed by the framework's edits: its file's draft, the case as read or last saved,
/// and as it is now (`modified` when they differ, kept so a frame compares no cases).
#[derive(Debug, Clone)]
struct Companion {
    draft: CaseDraft,
    saved: Case,
    doc: Case,
    modified: bool,
}

/// What one framework step (`before` -> `after`, the draft's states) did besides.
#[derive(Debug, Clone)]
struct Link {
    before: u64,
    after: u64,
    /// `(case id, before, after)`.
    cases: Vec<(String, Case, Case)>,
    /// The rename applied to the notes.
    notes: Option<Rewrite>,
}

/// Where saving writes a changed case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseFile {
    /// The user's file.
    Own(PathBuf),
    /// A bundled case: a copy in the framework's folder.
    BundledCopy,
}

/// Something asked of the framework editor.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameworkCmd {
    /// Edit a loaded framework (`None`: the open case's, else the first loaded).
    Start(Option<String>),
    /// A new, empty framework (saved where the user says).
    New,
    /// A framework drafted from the cases ticked for comparison (all loaded cases when none
    /// is ticked): their dimensions and codes.
    NewFromCases,
    /// One undoable change.
    Apply(FrameworkEdit),
    /// A change while typing: changes until [`FrameworkCmd::EndTyping`] are one undo step.
    Type(FrameworkEdit),
    /// The field being typed in lost focus.
    EndTyping,
    /// The answer to [`FrameworkEditor::pending`]: make the edit and fix the cases so.
    Fix(FixChoice),
    /// The answer to [`FrameworkEditor::pending`]: do not make the edit.
    CancelPending,
    /// Undo the last change (with what it did to cases and notes).
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Save the framework and the cases it changed (asks where when it has no file of its
    /// own).
    Save(SaveMode),
    /// Save the framework to this file from now on.
    SaveAs(PathBuf),
    /// Stop editing; with unsaved changes the editor asks first.
    Close,
    /// Stop editing, drop unsaved changes and undo their renames in the notes.
    Discard,
    /// Keep editing (the answer to the question *Close* asked).
    KeepEditing,
}

impl FrameworkEditor {
    fn new(draft: FrameworkDraft) -> Self {
        Self {
            draft,
            status: None,
            pending_save: None,
            confirm_close: false,
            pending: None,
            cases: BTreeMap::new(),
            links: Vec::new(),
            notes_unsaved: Vec::new(),
        }
    }

    /// True when the framework or a case it changed has changes not saved.
    pub fn is_modified(&self) -> bool {
        self.draft.is_modified() || self.cases.values().any(Companion::is_modified)
    }

    /// True when the editor holds unsaved changes to case `id`.
    pub fn has_unsaved_case(&self, id: &str) -> bool {
        self.cases.get(id).is_some_and(Companion::is_modified)
    }

    /// The cases a save will write besides the framework, and where.
    pub fn to_write(&self) -> Vec<(String, CaseFile)> {
        self.cases
            .iter()
            .filter(|(_, c)| c.is_modified())
            .map(|(id, c)| {
                let file = match c.draft.file() {
                    DraftFile::Path(p) => CaseFile::Own(p.clone()),
                    _ => CaseFile::BundledCopy,
                };
                (id.clone(), file)
            })
            .collect()
    }

    /// The case as the framework's edits left it, when they changed it.
    pub fn changed_case(&self, id: &str) -> Option<&Case> {
        self.cases.get(id).map(|c| &c.doc)
    }

    /// Why `edit` cannot be made now, in words (validation of a field as it is typed, before
    /// it is sent); `None` when it can.
    pub fn refusal(&self, edit: &FrameworkEdit) -> Option<String> {
        let mut fw = self.draft.doc().clone();
        edit.apply(&mut fw).err().map(|e| e.to_string())
    }
}

impl Companion {
    /// A case as read from its file.
    fn new(draft: CaseDraft) -> Self {
        let doc = draft.doc().clone();
        Self {
            draft,
            saved: doc.clone(),
            doc,
            modified: false,
        }
    }

    fn is_modified(&self) -> bool {
        self.modified
    }

    /// The case as the framework's edits leave it now.
    fn set(&mut self, doc: Case) {
        self.modified = doc != self.saved;
        self.doc = doc;
    }

    /// The case was written.
    fn written(&mut self) {
        self.saved = self.doc.clone();
        self.modified = false;
    }
}

impl Workspace {
    /// True when undo, redo and save go to the framework editor: it is open and shown, or
    /// open while no case is edited.
    pub fn framework_editor_active(&self) -> bool {
        self.framework_editor.is_some() && (self.view == View::Framework || self.editor.is_none())
    }

    /// An id like `base` that no loaded framework has.
    pub fn free_framework_id(&self, base: &str) -> String {
        crate::format::free_id(base, |id| self.library.framework(id).is_some())
    }

    /// The ids of the loaded cases of `framework` (what a rename in it rewrites).
    pub(super) fn case_ids_of(&self, framework: &str) -> Vec<&str> {
        self.library
            .cases
            .iter()
            .filter(|c| c.doc.framework == framework)
            .map(|c| c.doc.id.as_str())
            .collect()
    }

    /// Carries out a framework editor command; returns what the window must do.
    pub fn framework_apply(&mut self, cmd: FrameworkCmd) -> Option<Effect> {
        let replaces = match &cmd {
            FrameworkCmd::Start(id) => {
                let id = id.clone().or_else(|| self.default_framework());
                self.framework_editor
                    .as_ref()
                    .is_none_or(|e| Some(&e.draft.doc().id) != id.as_ref())
            }
            FrameworkCmd::New | FrameworkCmd::NewFromCases => true,
            _ => false,
        };
        if replaces && self.unsaved_framework_in_the_way() {
            return None;
        }
        match cmd {
            FrameworkCmd::Start(id) => self.start_framework(id),
            FrameworkCmd::New => self.new_framework(),
            FrameworkCmd::NewFromCases => self.new_framework_from_cases(),
            FrameworkCmd::Save(mode) => return self.save_framework(mode),
            FrameworkCmd::SaveAs(path) => return self.save_framework_as(&path),
            FrameworkCmd::Close => self.close_framework(),
            FrameworkCmd::Discard => self.discard_framework(),
            FrameworkCmd::KeepEditing => {
                if let Some(e) = &mut self.framework_editor {
                    e.confirm_close = false;
                }
            }
            FrameworkCmd::Apply(edit) => self.framework_change(edit, false),
            FrameworkCmd::Type(edit) => self.framework_change(edit, true),
            FrameworkCmd::EndTyping => {
                if let Some(e) = &mut self.framework_editor {
                    e.draft.end_typing();
                }
            }
            FrameworkCmd::Fix(choice) => self.resolve_pending(Some(choice)),
            FrameworkCmd::CancelPending => self.resolve_pending(None),
            FrameworkCmd::Undo => self.framework_travel(true),
            FrameworkCmd::Redo => self.framework_travel(false),
        }
        None
    }

    /// The framework *Edit framework* opens: the open case's, else the first loaded.
    fn default_framework(&self) -> Option<String> {
        self.reader_case()
            .map(|c| c.framework.clone())
            .or_else(|| self.library.frameworks.first().map(|f| f.doc.id.clone()))
    }

    /// True (and the editor asks to save or discard) when a framework with unsaved changes
    /// would be replaced.
    fn unsaved_framework_in_the_way(&mut self) -> bool {
        let Some(editor) = &mut self.framework_editor else {
            return false;
        };
        if !editor.is_modified() {
            return false;
        }
        editor.confirm_close = true;
        self.message = Some(format!(
            "Framework {} has changes that are not saved: save or discard them first.",
            editor.draft.doc().id
        ));
        self.view = View::Framework;
        true
    }

    fn start_framework(&mut self, id: Option<String>) {
        let Some(id) = id.or_else(|| self.default_framework()) else {
            self.message = Some("No framework is loaded.".into());
            return;
        };
        if self
            .framework_editor
            .as_ref()
            .is_some_and(|e| e.draft.doc().id == id)
        {
            self.view = View::Framework;
            return;
        }
        let Some(entry) = self.library.frameworks.iter().find(|f| f.doc.id == id) else {
            self.message = Some(format!("framework \"{id}\" is not loaded"));
            return;
        };
        let draft = match &entry.origin {
            Origin::File(path) => FrameworkDraft::open(path, ()),
            Origin::Bundled(name) => FrameworkDraft::bundled(name, ()),
        };
        match draft {
            Ok(draft) => self.set_framework_editor(draft),
            Err(e) => self.message = Some(format!("{id} cannot be edited: {e}")),
        }
    }

    fn new_framework(&mut self) {
        let framework = Framework {
            schema: None,
            format: FRAMEWORK_FORMAT.to_owned(),
            id: self.free_framework_id("my-framework"),
            title: "New framework".to_owned(),
            description: None,
            groups: vec![Group {
                id: "dimensions".to_owned(),
                title: "Dimensions".to_owned(),
                dimensions: Vec::new(),
            }],
            codes: Vec::new(),
            extensions: BTreeMap::new(),
        };
        self.set_framework_editor(FrameworkDraft::new(framework, ()));
    }

    fn new_framework_from_cases(&mut self) {
        // The ticked cases, else every case, as the Matrix takes them.
        let cases: Vec<&Case> = self.scope_cases();
        if cases.is_empty() {
            self.message = Some("No case is loaded to draft a framework from.".into());
            return;
        }
        let known: Vec<&Framework> = self.library.frameworks.iter().map(|f| &f.doc).collect();
        let id = self.free_framework_id("from-cases");
        match crate::authoring::framework_from_cases(&cases, &known, &id, "Framework from cases") {
            Ok(framework) => self.set_framework_editor(FrameworkDraft::new(framework, ())),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn set_framework_editor(&mut self, draft: FrameworkDraft) {
        self.framework_editor = Some(FrameworkEditor::new(draft));
        self.view = View::Framework;
        self.generation += 1;
    }
}

#[cfg(test)]
mod tests;
