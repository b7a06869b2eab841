//! REFI-QDA files from and into what is loaded: the one place the CLI and *File > Export /
//! Import* build a `.qdc` or `.qdpx` and read one back into the user's notes.

use std::path::Path;

use crate::format::{Case, Framework, NotesFile};
use crate::library::{Library, LibraryError, open_regular, read_at_most};

use super::error::{ImportError, What};
use super::{RefiCodebook, RefiError};

/// What *File > Import* reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// A `.qdc` codebook (or a `.qde` project's codebook): codes only.
    Codebook,
    /// A `.qdpx` project whose sources are the loaded cases: codes and codings.
    Project,
}

impl ImportKind {
    /// Both kinds, in menu order.
    pub const ALL: [Self; 2] = [Self::Codebook, Self::Project];

    /// The menu entry.
    pub fn menu_name(self) -> &'static str {
        match self {
            Self::Codebook => "REFI-QDA codebook (.qdc)…",
            Self::Project => "REFI-QDA project (.qdpx)…",
        }
    }

    /// File extensions the open dialog offers.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Codebook => &["qdc", "qde"],
            Self::Project => &["qdpx"],
        }
    }
}

/// The result of an import: the new notes, a summary line, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The notes with the imported codes and codings.
    pub notes: NotesFile,
    /// One line for the user ("3 code(s) added, …").
    pub summary: String,
    /// What was left out, one line each.
    pub left_out: Vec<String>,
}

fn frameworks(lib: &Library) -> Vec<&Framework> {
    lib.frameworks.iter().map(|f| &f.doc).collect()
}

/// Reads `bytes` of `kind` into `current` (framework codes are never imported as yours).
pub fn import(
    kind: ImportKind,
    current: &NotesFile,
    library: &Library,
    bytes: &[u8],
) -> Result<Outcome, ImportError> {
    match kind {
        ImportKind::Codebook => {
            let skip = RefiCodebook::build(&frameworks(library), current).framework_guids();
            let i = super::import::import_qdc(current, bytes, &skip)?;
            Ok(Outcome {
                notes: i.notes,
                summary: format!(
                    "{} code(s) added, {} updated, {} framework code(s) skipped",
                    i.added, i.updated, i.skipped
                ),
                left_out: Vec::new(),
            })
        }
        ImportKind::Project => {
            let cases: Vec<&Case> = library.cases.iter().map(|c| &c.doc).collect();
            let i =
                super::project_import::import_qdpx(current, bytes, &cases, &frameworks(library))?;
            Ok(project_outcome(i))
        }
    }
}

/// Reads the file at `path` as `kind` and imports it into `current`. Only a regular file is
/// opened (a pipe or a device is refused before anything waits on it); a codebook is read to
/// at most [`super::xml::MAX_XML_BYTES`], a project is never read whole (only the entries used
/// are unpacked, with limits).
pub fn import_file(
    kind: ImportKind,
    current: &NotesFile,
    library: &Library,
    path: &Path,
) -> Result<Outcome, ImportError> {
    let what = match kind {
        ImportKind::Codebook => What::Codebook,
        ImportKind::Project => What::Project,
    };
    let unreadable = |e: LibraryError| match e {
        LibraryError::TooLarge { bytes } => ImportError::TooLarge { what, bytes },
        e => ImportError::Read(e.to_string()),
    };
    match kind {
        ImportKind::Codebook => {
            let bytes = read_at_most(path, super::xml::MAX_XML_BYTES).map_err(unreadable)?;
            import(kind, current, library, &bytes)
        }
        ImportKind::Project => {
            let cases: Vec<&Case> = library.cases.iter().map(|c| &c.doc).collect();
            let i = if crate::platform::IN_BROWSER {
                // The browser has the picked file's bytes, not a file to seek in.
                let bytes = read_at_most(path, u64::MAX).map_err(unreadable)?;
                super::project_import::import_qdpx_from(
                    current,
                    std::io::Cursor::new(bytes),
                    &cases,
                    &frameworks(library),
                )?
            } else {
                let (file, _) = open_regular(path).map_err(unreadable)?;
                super::project_import::import_qdpx_from(
                    current,
                    std::io::BufReader::new(file),
                    &cases,
                    &frameworks(library),
                )?
            };
            Ok(project_outcome(i))
        }
    }
}

fn project_outcome(i: super::project_import::ProjectImported) -> Outcome {
    Outcome {
        notes: i.notes,
        summary: format!(
            "{} code(s) added, {} highlight(s) added, {} already there",
            i.codes_added, i.highlights_added, i.duplicates
        ),
        left_out: i.skipped,
    }
}

/// The `.qdc` of the loaded frameworks' codes and the user's codes.
pub fn codebook(library: &Library, notes: &NotesFile) -> Result<Vec<u8>, RefiError> {
    let book = RefiCodebook::build(&frameworks(library), notes);
    super::qdc::qdc_of(&book).map(String::into_bytes)
}

/// The `.qdpx` of every loaded case with the user's notes; also how many highlights were
/// left out because their text is gone or their case is not loaded.
pub fn project(
    library: &Library,
    notes: &NotesFile,
    name: &str,
) -> Result<(Vec<u8>, usize), RefiError> {
    let cases: Vec<&Case> = library.cases.iter().map(|c| &c.doc).collect();
    let project = super::qdpx::project(&super::qdpx::Input {
        name,
        cases: &cases,
        frameworks: &frameworks(library),
        notes,
    });
    Ok((super::qdpx::qdpx(&project)?, project.skipped))
}
