//! Typed work that is not saved yet, and the one rule for it. No GUI types here.
//!
//! The rule: **typed text is never dropped silently.**
//! - An answer box saves when it is left (its hint says so), and moving away from it is
//!   leaving it: opening another case, switching notes files (saved into the file it was
//!   typed for) and quitting save it. F5 keeps it in its box.
//! - What is saved only on purpose (a note, memo or cell note in its dialog, a presenter note
//!   typed in the lesson editor, a highlight being made, a case with unsaved changes in the
//!   editor) stays while the window is open; closing the
//!   window asks about it, as the cell-note dialog asks before throwing typed text away:
//!   *Save and quit*, *Discard and quit* or *Keep editing*.
//!
//! [`Workspace::unsaved`] answers "what is unsaved?" for the quit question; each editor (the
//! case editor, the framework editor) has its entry there and in the save and the discard.

use std::collections::BTreeMap;

use super::editing::EditorCmd;
use super::editing::framework::{FrameworkCmd, FrameworkEditor};
use super::{Edit, Effect, Workspace};
use crate::authoring::SaveMode;

/// Something typed or made that would be lost by closing now, saved only on purpose, as the
/// views report it every frame (the view keeps the text; this is what saving it would do).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// What it is, for the quit question ("A new memo on Company A").
    pub name: String,
    /// The edit that saves it.
    pub save: Edit,
}

/// Typed text that is not saved yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drafts {
    /// Answers typed but not saved yet, by (case, question).
    pub answers: BTreeMap<(String, String), String>,
    /// Texts being written in a dialog or a box saved by its button: a note or memo, a cell
    /// note, a presenter note.
    pub writing: Vec<Pending>,
    /// A highlight being made: a selection with codes or a comment.
    pub highlight: Option<Pending>,
}

/// What kind of thing is unsaved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedKind {
    /// An answer typed in its box (saved when the box is left).
    Answer,
    /// A text in a dialog or a box saved by its button (a note, memo, cell or presenter note).
    Dialog,
    /// A highlight being made.
    Highlight,
    /// A case with changes in the case editor.
    Case,
    /// A framework (and the cases its edits changed) in the framework editor.
    Framework,
}

/// One unsaved thing, named for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// What it is, in words.
    pub name: String,
    /// Its kind.
    pub kind: UnsavedKind,
}

impl UnsavedKind {
    /// True for what leaving its place saves (an answer box); the rest is asked about.
    pub fn saved_by_leaving(self) -> bool {
        self == Self::Answer
    }
}

/// What closing the window does now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    /// Nothing is lost: close.
    Close,
    /// Ask first about these (save, discard or keep editing).
    Ask(Vec<Unsaved>),
}

impl Workspace {
    /// Everything that is not saved yet, by name: typed answers, a note or memo being written,
    /// a highlight being made, a case with unsaved changes.
    pub fn unsaved(&self) -> Vec<Unsaved> {
        let mut out: Vec<Unsaved> = self
            .drafts
            .answers
            .keys()
            .map(|(case, question)| Unsaved {
                name: self.answer_name(case, question),
                kind: UnsavedKind::Answer,
            })
            .collect();
        let writing = self.drafts.writing.iter().map(|p| (p, UnsavedKind::Dialog));
        let highlight = self
            .drafts
            .highlight
            .iter()
            .map(|p| (p, UnsavedKind::Highlight));
        for (p, kind) in writing.chain(highlight) {
            out.push(Unsaved {
                name: p.name.clone(),
                kind,
            });
        }
        if let Some(editor) = self.editor.as_ref().filter(|e| e.draft.is_modified()) {
            out.push(Unsaved {
                name: format!(
                    "Changes to the case “{}” (case editor)",
                    editor.draft.doc().title
                ),
                kind: UnsavedKind::Case,
            });
        }
        if let Some(editor) = self.framework_editor.as_ref().filter(|e| e.is_modified()) {
            out.push(Unsaved {
                name: format!(
                    "Changes to the framework “{}” (framework editor)",
                    editor.draft.doc().title
                ),
                kind: UnsavedKind::Framework,
            });
        }
        out
    }

    /// "Your answer to question 2 of Company A: …".
    fn answer_name(&self, case: &str, question: &str) -> String {
        let found = self.library.case(case);
        let number = found
            .and_then(|c| c.questions.iter().position(|q| q.id == question))
            .map_or_else(|| question.to_owned(), |i| format!("question {}", i + 1));
        let title = found.map_or(case, |c| c.title.as_str());
        format!("Your answer to {number} of {title}")
    }

    /// Keeps an answer being typed (an empty draft equal to the saved answer is none).
    pub fn type_answer(&mut self, case: String, question: String, text: String) {
        let saved = self
            .notebook
            .answer_to(&case, &question)
            .and_then(|i| i.text.clone())
            .unwrap_or_default();
        if text == saved {
            self.drafts.answers.remove(&(case, question));
        } else {
            self.drafts.answers.insert((case, question), text);
        }
    }

    /// Leaves every answer box: the typed answers are saved (one undoable edit each), as
    /// leaving a box saves it. `only_case` limits it to the answers of one case.
    pub fn leave_answers(&mut self, only_case: Option<&str>) {
        let keys: Vec<(String, String)> = self
            .drafts
            .answers
            .keys()
            .filter(|(case, _)| only_case.is_none_or(|c| c == case))
            .cloned()
            .collect();
        for (case, question) in keys {
            if let Some(text) = self
                .drafts
                .answers
                .remove(&(case.clone(), question.clone()))
            {
                self.apply(super::Action::Edit(Edit::Answer {
                    case,
                    question,
                    text,
                }));
            }
        }
    }

    /// The window is asked to close: typed answers are saved (closing leaves their boxes);
    /// then it closes, or asks about what is saved only on purpose.
    pub fn closing(&mut self) -> Closing {
        self.leave_answers(None);
        let ask = self.unsaved();
        if ask.is_empty() {
            Closing::Close
        } else {
            Closing::Ask(ask)
        }
    }

    /// *Save and quit*: saves everything unsaved. `Ok` when the window may close; `Err` with
    /// the reason when something could not be saved (the case needs a place, or has problems):
    /// the window then stays, with the effect to carry out (the save dialog), if any.
    pub fn save_unsaved(&mut self) -> Result<(), (String, Option<Effect>)> {
        self.leave_answers(None);
        let writing = std::mem::take(&mut self.drafts.writing);
        for pending in writing.into_iter().chain(self.drafts.highlight.take()) {
            self.apply(super::Action::Edit(pending.save));
        }
        self.save_case_to_quit()?;
        self.save_framework_to_quit()
    }

    /// The case editor's part of *Save and quit*.
    fn save_case_to_quit(&mut self) -> Result<(), (String, Option<Effect>)> {
        if !self.editor.as_ref().is_some_and(|e| e.draft.is_modified()) {
            return Ok(());
        }
        let effect = self.editor_apply(EditorCmd::Save(SaveMode::Checked));
        let saved = !self.editor.as_ref().is_some_and(|e| e.draft.is_modified());
        let status = self.editor.as_ref().and_then(|e| e.status.clone());
        quit_after_save(saved, effect, status, "case")
    }

    /// The framework editor's part of *Save and quit* (the framework and the cases its edits
    /// changed).
    fn save_framework_to_quit(&mut self) -> Result<(), (String, Option<Effect>)> {
        if !self
            .framework_editor
            .as_ref()
            .is_some_and(FrameworkEditor::is_modified)
        {
            return Ok(());
        }
        let effect = self.framework_apply(FrameworkCmd::Save(SaveMode::Checked));
        let saved = !self
            .framework_editor
            .as_ref()
            .is_some_and(FrameworkEditor::is_modified);
        let status = self
            .framework_editor
            .as_ref()
            .and_then(|e| e.status.clone());
        quit_after_save(saved, effect, status, "framework")
    }

    /// *Discard and quit*: drops everything unsaved.
    pub fn discard_unsaved(&mut self) {
        self.drafts = Drafts::default();
        if self.editor.as_ref().is_some_and(|e| e.draft.is_modified()) {
            self.editor = None;
        }
        if self
            .framework_editor
            .as_ref()
            .is_some_and(FrameworkEditor::is_modified)
        {
            // Discarding also takes the renames back out of the notes.
            self.framework_apply(FrameworkCmd::Discard);
        }
    }
}

/// Whether the window may close after an editor's save: `saved`, or why not (with the save
/// dialog to show when the file needs a place).
fn quit_after_save(
    saved: bool,
    effect: Option<Effect>,
    status: Option<String>,
    what: &str,
) -> Result<(), (String, Option<Effect>)> {
    match effect {
        Some(Effect::Load(_)) | None if saved => Ok(()),
        Some(pick @ Effect::Pick(_)) => Err((
            format!("Choose where to save the {what}, then quit again."),
            Some(pick),
        )),
        _ => {
            let why = status.unwrap_or_else(|| format!("The {what} was not saved."));
            let stop = if why.ends_with('.') { "" } else { "." };
            Err((format!("{why}{stop} The window stays open."), None))
        }
    }
}

/// A text field showing a saved text (`base`: what it showed when last in step with the
/// file): when the saved text changes under it (undo, redo, another save), an untouched field
/// follows it; a field with typing of its own keeps the typing. Returns true when it followed.
pub fn follow_saved(field: &mut String, base: &mut String, saved: &str) -> bool {
    if base == saved {
        return false;
    }
    let untouched = field == base;
    if untouched {
        saved.clone_into(field);
    }
    saved.clone_into(base);
    untouched
}

#[cfg(test)]
mod tests;
