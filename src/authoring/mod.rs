//! Writing and editing cases and frameworks: the pure core of the case and framework editors
//! (no egui here) and of `caselens new-framework`.
//!
//! - [`CaseEdit`] and [`FrameworkEdit`] are every change `docs/FORMAT.md` allows, applied to a
//!   [`Draft`] (a [`CaseDraft`] or a [`FrameworkDraft`]): one editing session of one file, with
//!   undo and redo (snapshots of the part an edit changes), the validator's problems for the
//!   current state, and the paragraphs the last change touched (so the UI can say which
//!   highlights it orphaned, [`highlights_after_edit`]).
//! - Files are written by a stable writer ([`writer`]): the key order and layout of the file
//!   that was opened are kept, so a one-word edit is a one-line diff, and `x-` extensions stay.
//! - Saving ([`Draft::save`]) is atomic, with a backup and a lock, like notes. A file changed on
//!   disk since it was opened is merged when the two sets of changes touch different things and
//!   refused otherwise ([`AuthoringError::ChangedOnDisk`]), so two windows never lose an edit.
//!   Bundled files are read-only; a case with problems is saved only by *Save anyway*, and the
//!   file then says so ([`SAVED_WITH_PROBLEMS`]).
//! - [`impact`] tells what a framework edit would break in the loaded cases and offers fixes;
//!   renaming a code or dimension id gives a [`Rewrite`] for every case and the user's notes.
//!
//! This module never shows anything and never decides when to save: that is the UI's.

mod authored;
mod case_apply;
mod case_edit;
mod case_parts;
mod case_text;
mod draft;
mod framework_edit;
mod highlights;
mod history;
mod ids;
mod impact;
mod merge;
mod new;
mod place;
mod rewrite;
mod save;
pub mod writer;

use std::path::PathBuf;

pub use authored::CaseContext;
pub use case_edit::{CaseEdit, EvidenceOwner, FacetValue, MetaList, MetaText, parse_number};
pub use draft::{Authored, CaseDraft, Draft, DraftFile, FrameworkDraft};
pub use framework_edit::FrameworkEdit;
pub use highlights::{HighlightFate, HighlightReport, highlights_after_edit};
pub use impact::{CaseImpact, Fix, FixChoice, FixKind, Impact, impact};
pub use new::{duplicate, framework_from_cases, new_case};
pub use place::{FrameworkPlace, Place, place, place_in_framework};
pub use rewrite::Rewrite;
pub use save::{SaveMode, Saved, saved_with_problems};
pub use writer::Layout;

pub use crate::format::case::SAVED_WITH_PROBLEMS;

/// What an applied edit made or implies, for the UI to follow up on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// The id of what the edit created (a new paragraph's `pN`, a new alliance's id, …).
    pub created: Option<String>,
    /// Ids renamed in a framework: the rewrite to apply to every loaded case and to the user's
    /// notes ([`Rewrite::apply_to_case`], [`Rewrite::apply_to_notes`]).
    pub rewrite: Option<Rewrite>,
}

/// Why an edit or a save did not happen. Nothing is changed when an edit fails, and a failed
/// save keeps the draft as it was.
#[derive(Debug, thiserror::Error)]
pub enum AuthoringError {
    /// No such thing in the document.
    #[error("there is no {what} \"{id}\"")]
    Missing {
        /// What was looked for ("section", "paragraph", "dimension", …).
        what: &'static str,
        /// Its id or address.
        id: String,
    },
    /// The id is used already.
    #[error("{what} id \"{id}\" is already used")]
    Taken {
        /// What kind of id.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The id is not well formed.
    #[error("{what} id \"{id}\" is not valid: {rule}")]
    BadId {
        /// What kind of id.
        what: &'static str,
        /// The id.
        id: String,
        /// What ids of this kind look like.
        rule: &'static str,
    },
    /// A value of the wrong kind for its dimension.
    #[error("dimension \"{dimension}\" takes {expected}")]
    WrongKind {
        /// The dimension.
        dimension: String,
        /// What it takes.
        expected: &'static str,
    },
    /// Anything else the edit cannot do, in words for the user.
    #[error("{0}")]
    Invalid(String),
    /// The file cannot be read as a document of this kind.
    #[error("cannot open {name}: {message}")]
    Unreadable {
        /// The file.
        name: String,
        /// Why.
        message: String,
    },
    /// Bundled files are part of the program.
    #[error(
        "{name} is bundled with Caselens and cannot be changed: use “Save a copy as…” to keep your edits in a file of your own"
    )]
    ReadOnlyBundled {
        /// The bundled file's name.
        name: String,
    },
    /// A draft that has no file yet.
    #[error("this draft has no file yet: use “Save as…” to choose where to save it")]
    NoPath,
    /// Saving a document with problems needs *Save anyway*.
    #[error(
        "{count} problem(s) left: fix them, or use “Save anyway” (the file will say it was saved with problems)"
    )]
    HasProblems {
        /// How many.
        count: usize,
    },
    /// The file changed on disk and the changes clash with ours; nothing was written.
    #[error("{} was changed by another window or program, and some of the same things were changed here ({}): nothing was saved and your edits are kept; use “Save a copy as…”, or reload the file and edit it again", path.display(), places.join(", "))]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// Where both sides changed the same thing (JSON paths, ids in place of indices).
        places: Vec<String>,
    },
    /// The file changed on disk into something that cannot be read; it was left untouched.
    #[error("{} was changed by another program and can no longer be read, so it was left untouched and your edits are kept (use “Save a copy as…”): {message}", path.display())]
    ChangedUnreadable {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        message: String,
    },
    /// Writing failed; the previous file is intact and the draft is kept.
    #[error("cannot save {}: {message} (the previous version is intact and your edits are kept)", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why, in words for the user ("the disk is full").
        message: String,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The document could not be turned into JSON (a number that JSON cannot hold).
    #[error("cannot write the document as JSON: {0}")]
    Encode(#[source] serde_json::Error),
}

impl AuthoringError {
    fn missing(what: &'static str, id: impl Into<String>) -> Self {
        Self::Missing {
            what,
            id: id.into(),
        }
    }
}

#[cfg(test)]
mod tests;
