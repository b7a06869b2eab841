//! The user's notes files: reading with exact errors (writing, merging and anchoring build on
//! this). A notes file that cannot be read is never overwritten. [`session`] is the one
//! lifecycle of a window's notes file (open, save as, autosave, reference layers, messages).

pub mod anchor;
pub mod autosave;
pub mod book;
pub mod check;
pub mod codes;
pub mod layers;
pub mod lessons;
pub mod merge;
pub mod session;
pub mod store;

use std::path::{Path, PathBuf};

use crate::format::{self, Diagnostic, DocKind, Document, NotesFile};

/// Errors of notebook edits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No such item.
    #[error("no note with id {0}")]
    NoItem(String),
    /// No such user code.
    #[error("no code {0} among your codes")]
    NoCode(String),
    /// A code with that id exists.
    #[error("you already have a code {0}")]
    CodeExists(String),
    /// The label gives no usable id.
    #[error("a code needs a label with at least one letter or digit")]
    EmptyLabel,
    /// Nesting a code under itself or its descendant.
    #[error("a code cannot be nested under itself or under a code nested in it")]
    Cycle,
    /// No such lesson in the user's notes.
    #[error("no lesson {0} in your notes")]
    NoLesson(String),
}

/// What a notes session needs of the window's state: the user's notebook (the workspace
/// implements it; the session never sees the rest).
pub trait NotebookHost {
    /// The user's notes, with undo.
    fn notebook(&self) -> &book::NoteBook;
    /// Takes in notes merged from disk, keeping undo history.
    fn replace_notes(&mut self, notes: NotesFile);
    /// Puts a whole new notebook in place (another file was opened).
    fn set_notebook(&mut self, notebook: book::NoteBook);
}

/// Errors reading or writing notes.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// The file could not be read.
    #[error("cannot read notes file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: crate::library::LibraryError,
    },
    /// The file is not a valid notes file.
    #[error("{}", diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every problem found.
        diagnostics: Vec<Diagnostic>,
    },
    /// Writing failed; the previous file is intact.
    #[error("cannot save notes to {}: {message} (the previous version is intact)", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why, in words for the user ("the disk is full").
        message: String,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The notes would make a file larger than Caselens reads; nothing was written.
    #[error(
        "cannot save notes to {}: they would make a file of {:.1} MB, and Caselens reads notes files of at most {} MB (nothing was written; the previous version is intact)",
        path.display(),
        *bytes as f64 / 1_048_576.0,
        crate::format::MAX_FILE_BYTES / 1_048_576
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The size it would have had.
        bytes: u64,
    },
    /// The notes file is read-only: Caselens does not replace it.
    #[error(
        "{} is read-only, so Caselens does not change it (make it writable, or save your notes under another name)",
        path.display()
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The file was changed on disk into something we cannot read; it was left untouched.
    #[error("{} was changed by another program and can no longer be read, so it was left untouched: {message}", path.display())]
    Changed {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        message: String,
    },
}

/// Reads and checks a notes file.
pub fn read_notes(path: &Path) -> Result<NotesFile, NotesError> {
    let bytes = crate::library::read_limited(path).map_err(|source| NotesError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_notes(path, &bytes)
}

/// Parses and checks the bytes of a notes file; `path` names it in messages.
pub fn parse_notes(path: &Path, bytes: &[u8]) -> Result<NotesFile, NotesError> {
    let name = path.display().to_string();
    let (doc, index) = format::parse_unindexed(&name, bytes, Some(DocKind::Notes))
        .map_err(|diagnostics| NotesError::Invalid { diagnostics })?;
    let Document::Notes(notes) = doc else {
        return Err(NotesError::Invalid {
            diagnostics: vec![Diagnostic::new(
                &name,
                None,
                format!("this is a {} file, not a notes file", doc.kind().name()),
            )],
        });
    };
    let issues = crate::validate::check_notes(&notes);
    if !issues.is_empty() {
        let index = index.unwrap_or_else(|| format::index_of(bytes));
        return Err(NotesError::Invalid {
            diagnostics: issues
                .iter()
                .map(|i| crate::library::issue_diagnostic(&name, &index, i))
                .collect(),
        });
    }
    Ok(*notes)
}
