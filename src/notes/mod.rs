//! The user's notes files: reading with exact errors (writing, merging and anchoring build on
//! this). A notes file that cannot be read is never overwritten. [`session`] is the one
//! lifecycle of a window's notes file (open, save as, autosave, reference layers, messages).

pub mod anchor;
pub mod autosave;
pub mod book;
pub mod check;
pub mod layers;
pub mod merge;
pub mod session;
pub mod store;

use std::path::{Path, PathBuf};

use crate::format::{self, Diagnostic, DocKind, Document, NotesFile};

/// Errors reading or writing notes.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// The file could not be read.
    #[error("cannot read notes file {}: {message}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
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
        /// Why.
        message: String,
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
    let bytes = crate::library::read_limited(path).map_err(|message| NotesError::Read {
        path: path.to_owned(),
        message,
    })?;
    parse_notes(path, &bytes)
}

/// Parses and checks the bytes of a notes file; `path` names it in messages.
pub fn parse_notes(path: &Path, bytes: &[u8]) -> Result<NotesFile, NotesError> {
    let name = path.display().to_string();
    let (doc, index) = format::parse(&name, bytes, Some(DocKind::Notes))
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
        return Err(NotesError::Invalid {
            diagnostics: issues
                .iter()
                .map(|i| crate::library::issue_diagnostic(&name, &index, i))
                .collect(),
        });
    }
    Ok(*notes)
}
