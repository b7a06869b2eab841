//! An editing session of one case or framework file: the document, where it lives, undo and
//! redo, and the validator's problems for the current state.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::history::{History, Step};
use super::writer::{Layout, Shape};
use super::{Applied, AuthoringError, SAVED_WITH_PROBLEMS};
use crate::format::{Case, DocKind, Document, Framework};
use crate::validate::Issue;

/// A document the editors can edit: a [`Case`] or a [`Framework`].
pub trait Authored: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Its edits.
    type Edit;
    /// A copy of the part of it an edit changes (kept for undo).
    type Part;
    /// What checking it needs besides itself.
    type Context;
    /// Its file kind.
    const KIND: DocKind;
    /// Applies `edit` as a whole or not at all; returns what it did and the part it replaced.
    fn apply_edit(
        &mut self,
        edit: &Self::Edit,
        context: &Self::Context,
    ) -> Result<(Applied, Self::Part), AuthoringError>;
    /// Puts `part` back and returns the part it replaced.
    fn restore(&mut self, part: Self::Part) -> Self::Part;
    /// A copy of the whole document as a part.
    fn whole(&self) -> Self::Part;
    /// True when the document holds exactly `part` (an edit changed nothing).
    fn holds(&self, part: &Self::Part) -> bool;
    /// What an edit does, in a few words.
    fn describe(edit: &Self::Edit) -> String;
    /// Edits with the same key merge into one undo step when typed.
    fn typing_key(edit: &Self::Edit) -> Option<String>;
    /// The validator's problems.
    fn check(&self, context: &Self::Context) -> Vec<Issue>;
    /// Top-level `x-` extensions.
    fn extensions(&self) -> &BTreeMap<String, Value>;
    /// Top-level `x-` extensions, to change.
    fn extensions_mut(&mut self) -> &mut BTreeMap<String, Value>;
    /// The document in a parsed file of its kind.
    fn from_document(doc: Document) -> Option<Self>;
    /// Patterns of the objects that are maps (their keys are data), for the writer.
    const MAPS: &'static [&'static str];
    /// The canonical order of the keys of the map at `pattern` (one of [`Authored::MAPS`]).
    fn map_order(&self, context: &Self::Context, pattern: &str) -> Vec<String>;
    /// Paragraphs whose text differs between `part` and the document: `(address, text in
    /// part)`.
    fn changed_paragraphs(_part: &Self::Part, _now: &Self) -> Vec<(String, Option<String>)> {
        Vec::new()
    }
}

/// What a draft knows of its file on disk: the bytes it last read from it or wrote to it
/// (compared with the file before a save; parsed again only to merge).
#[derive(Debug, Clone)]
pub(crate) enum DiskState {
    /// Nothing read or written yet.
    None,
    /// The bytes last read or written.
    Known(Vec<u8>),
}

/// Where a draft's file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftFile {
    /// Not saved yet (a new case, a duplicate, a draft from a document).
    New,
    /// Bundled with the program (the name under `cases/`): read-only.
    Bundled(String),
    /// A file of the user's.
    Path(PathBuf),
}

/// An editing session of one case or framework.
#[derive(Debug, Clone)]
pub struct Draft<D: Authored> {
    pub(super) doc: D,
    pub(super) context: D::Context,
    pub(super) file: DraftFile,
    /// What was last read from or written to the file (for saving without clobbering).
    pub(super) disk: DiskState,
    pub(super) layout: Layout,
    pub(super) history: History<D::Part>,
    /// The current state's number: every change makes a new one; undo returns to an old one.
    pub(super) state: u64,
    next_state: u64,
    /// The state last saved (or opened), if any.
    pub(super) saved_state: Option<u64>,
    problems: OnceCell<Vec<Issue>>,
    last_change: Vec<(String, Option<String>)>,
    /// The value of [`SAVED_WITH_PROBLEMS`] in the file as opened.
    opened_with_problems: Option<u64>,
}

/// An editing session of a case.
pub type CaseDraft = Draft<Case>;

/// An editing session of a framework.
pub type FrameworkDraft = Draft<Framework>;

impl<D: Authored> Draft<D> {
    /// A draft of a document that has no file yet.
    pub fn new(doc: D, context: D::Context) -> Self {
        Self::make(
            doc,
            context,
            DraftFile::New,
            Layout::default(),
            DiskState::None,
        )
    }

    fn make(
        mut doc: D,
        context: D::Context,
        file: DraftFile,
        layout: Layout,
        disk: DiskState,
    ) -> Self {
        let opened_with_problems = doc
            .extensions_mut()
            .remove(SAVED_WITH_PROBLEMS)
            .and_then(|v| v.as_u64());
        let saved_state = (file != DraftFile::New).then_some(0);
        Self {
            doc,
            context,
            file,
            disk,
            layout,
            history: History::default(),
            state: 0,
            next_state: 1,
            saved_state,
            problems: OnceCell::new(),
            last_change: Vec::new(),
            opened_with_problems,
        }
    }

    /// Opens a file of the user's. A file with problems opens (so they can be fixed); one
    /// that is not a readable file of this kind does not.
    pub fn open(path: &Path, context: D::Context) -> Result<Self, AuthoringError> {
        let bytes = crate::library::read_limited(path).map_err(|e| AuthoringError::Unreadable {
            name: path.display().to_string(),
            message: e.to_string(),
        })?;
        let (doc, layout) = parse::<D>(&path.display().to_string(), &bytes)?;
        let disk = DiskState::Known(bytes);
        Ok(Self::make(
            doc,
            context,
            DraftFile::Path(path.to_owned()),
            layout,
            disk,
        ))
    }

    /// Opens a bundled file (`cases/….json`) read-only: it saves only under another name.
    pub fn bundled(name: &str, context: D::Context) -> Result<Self, AuthoringError> {
        let text = crate::library::bundled_files()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
            .ok_or_else(|| AuthoringError::missing("bundled file", name))?;
        let (doc, layout) = parse::<D>(name, text.as_bytes())?;
        Ok(Self::make(
            doc,
            context,
            DraftFile::Bundled(name.to_owned()),
            layout,
            DiskState::None,
        ))
    }

    /// A draft of `bytes` read from `file` elsewhere (tests, a file the UI has read): the
    /// layout is learned from them.
    pub fn from_bytes(
        file: DraftFile,
        bytes: &[u8],
        context: D::Context,
    ) -> Result<Self, AuthoringError> {
        let name = match &file {
            DraftFile::New => "draft".to_owned(),
            DraftFile::Bundled(n) => n.clone(),
            DraftFile::Path(p) => p.display().to_string(),
        };
        let (doc, layout) = parse::<D>(&name, bytes)?;
        let disk = match &file {
            DraftFile::Path(_) => DiskState::Known(bytes.to_vec()),
            _ => DiskState::None,
        };
        Ok(Self::make(doc, context, file, layout, disk))
    }

    /// The number of problems the file said it was saved with (*Save anyway*), when opened.
    /// The mark is not part of the document: a save writes it again only under *Save anyway*.
    pub fn opened_with_problems(&self) -> Option<u64> {
        self.opened_with_problems
    }

    /// The document as it is now.
    pub fn doc(&self) -> &D {
        &self.doc
    }

    /// Where its file is.
    pub fn file(&self) -> &DraftFile {
        &self.file
    }

    /// What checking needs (a case's framework).
    pub fn context(&self) -> &D::Context {
        &self.context
    }

    /// Changes what checking needs (the framework was edited or loaded).
    pub fn set_context(&mut self, context: D::Context) {
        self.context = context;
        self.problems = OnceCell::new();
    }

    /// True when the draft differs from its file (always for a draft without one).
    pub fn is_modified(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// A number for the current state: it changes with every edit, undo and redo, and comes
    /// back when undo returns to a state (views can compare it to redraw).
    pub fn state(&self) -> u64 {
        self.state
    }

    /// The validator's problems for the current state (computed once per state).
    pub fn problems(&self) -> &[Issue] {
        self.problems.get_or_init(|| self.doc.check(&self.context))
    }

    /// The paragraphs the last edit, undo or redo changed: `(section/paragraph, its text
    /// before; None when it did not exist)`.
    pub fn last_change(&self) -> &[(String, Option<String>)] {
        &self.last_change
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: &D::Edit) -> Result<Applied, AuthoringError> {
        self.apply_as(edit, None)
    }

    /// Applies an edit typed into a field: successive typed edits of the same field are one
    /// undo step, until [`Draft::end_typing`] or another kind of change.
    pub fn apply_typing(&mut self, edit: &D::Edit) -> Result<Applied, AuthoringError> {
        let key = D::typing_key(edit);
        self.apply_as(edit, key)
    }

    /// Ends a run of typing (the field lost focus): the next typed edit is a new undo step.
    pub fn end_typing(&mut self) {
        self.history.end_typing();
    }

    fn apply_as(
        &mut self,
        edit: &D::Edit,
        typing: Option<String>,
    ) -> Result<Applied, AuthoringError> {
        let (applied, part) = self.doc.apply_edit(edit, &self.context)?;
        if self.doc.holds(&part) {
            return Ok(applied);
        }
        self.last_change = D::changed_paragraphs(&part, &self.doc);
        let merge = typing.as_deref().is_some_and(|k| self.history.typing_in(k));
        if !merge {
            if typing.is_none() {
                self.history.end_typing();
            }
            self.history.push(Step {
                label: D::describe(edit),
                part,
                state: self.state,
                typing,
            });
        }
        self.new_state();
        Ok(applied)
    }

    /// Applies several edits as one undo step labelled `label` (a fix offered by
    /// [`super::impact`]): all of them, or none when one fails.
    pub fn apply_all(
        &mut self,
        edits: &[D::Edit],
        label: &str,
    ) -> Result<Vec<Applied>, AuthoringError> {
        let mut doc = self.doc.clone();
        let applied = edits
            .iter()
            .map(|e| doc.apply_edit(e, &self.context).map(|(a, _)| a))
            .collect::<Result<Vec<_>, _>>()?;
        self.replace(doc, label);
        Ok(applied)
    }

    /// Replaces the whole document as one undo step labelled `label`.
    pub fn replace(&mut self, doc: D, label: &str) {
        if doc == self.doc {
            return;
        }
        let part = self.doc.whole();
        self.doc = doc;
        self.last_change = D::changed_paragraphs(&part, &self.doc);
        self.history.end_typing();
        self.history.push(Step {
            label: label.to_owned(),
            part,
            state: self.state,
            typing: None,
        });
        self.new_state();
    }

    fn new_state(&mut self) {
        self.state = self.next_state;
        self.next_state += 1;
        self.problems = OnceCell::new();
    }

    /// Goes back one step; says what it undid, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.history.pop_undo()?;
        Some(self.travel(step, History::push_redo))
    }

    /// Restores `step` and records what it replaced with `record` (the other stack); returns
    /// its label.
    fn travel(
        &mut self,
        step: Step<D::Part>,
        record: fn(&mut History<D::Part>, Step<D::Part>),
    ) -> String {
        let replaced = self.doc.restore(step.part);
        self.last_change = D::changed_paragraphs(&replaced, &self.doc);
        record(
            &mut self.history,
            Step {
                label: step.label.clone(),
                part: replaced,
                state: self.state,
                typing: None,
            },
        );
        self.state = step.state;
        self.problems = OnceCell::new();
        step.label
    }

    /// Re-applies the last undone step; says what it redid, or `None` when there is none.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.history.pop_redo()?;
        Some(self.travel(step, History::push_undo_keep_redo))
    }

    /// What [`Draft::undo`] would undo ("edit paragraph background/p1").
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    /// What [`Draft::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// The file's text as it would be saved now (`with_problems`: marked as saved with
    /// problems when it has any).
    pub fn to_text(&self, with_problems: bool) -> Result<String, AuthoringError> {
        let mut extensions = self.doc.extensions().clone();
        let count = self.problems().len();
        if with_problems && count > 0 {
            extensions.insert(SAVED_WITH_PROBLEMS.to_owned(), Value::from(count));
        }
        let orders: Vec<Vec<String>> = D::MAPS
            .iter()
            .map(|p| self.doc.map_order(&self.context, p))
            .collect();
        let maps: Vec<(&str, &[String])> = D::MAPS
            .iter()
            .zip(&orders)
            .map(|(p, o)| (*p, o.as_slice()))
            .collect();
        super::writer::write(&self.doc, &extensions, &self.layout, Shape { maps: &maps })
    }
}

/// A document of kind `D` and its layout, from the bytes of a file named `name`.
pub(super) fn parse<D: Authored>(name: &str, bytes: &[u8]) -> Result<(D, Layout), AuthoringError> {
    let unreadable = |message: String| AuthoringError::Unreadable {
        name: name.to_owned(),
        message,
    };
    let (doc, _) = crate::format::parse(name, bytes, Some(D::KIND)).map_err(|diagnostics| {
        unreadable(
            diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let kind = doc.kind();
    let doc = D::from_document(doc).ok_or_else(|| {
        unreadable(format!(
            "this is a {} file, not a {} file",
            kind.name(),
            D::KIND.name()
        ))
    })?;
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let maps: Vec<(&str, &[String])> = D::MAPS.iter().map(|p| (*p, &[][..])).collect();
    Ok((doc, Layout::learn(text, Shape { maps: &maps })))
}
