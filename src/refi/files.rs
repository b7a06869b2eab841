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
    /// A codebook CSV (Taguette's, or Caselens's own): codes only.
    CodebookCsv,
}

impl ImportKind {
    /// Both kinds, in menu order.
    pub const ALL: [Self; 3] = [Self::Codebook, Self::Project, Self::CodebookCsv];

    /// The menu entry.
    pub fn menu_name(self) -> &'static str {
        match self {
            Self::Codebook => "REFI-QDA codebook (.qdc)…",
            Self::Project => "REFI-QDA project (.qdpx)…",
            Self::CodebookCsv => "Codebook CSV (Taguette)…",
        }
    }

    /// File extensions the open dialog offers.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Codebook => &["qdc", "qde"],
            Self::Project => &["qdpx", "qde"],
            Self::CodebookCsv => &["csv"],
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
    /// Reports on what was left out or changed (a source not matched, a selection split at a
    /// paragraph break), one line each.
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
            let skip = RefiCodebook::build(&frameworks(library), current).framework_codes();
            let i = if bytes.starts_with(b"PK") {
                // A project chosen for its codebook: its .qde's codebook.
                let (_, qde) = super::zipped::Archive::open(std::io::Cursor::new(bytes))?.qde()?;
                super::import::import_qdc_with(current, &qde, &skip)?
            } else {
                super::import::import_qdc_with(current, bytes, &skip)?
            };
            Ok(codebook_outcome(i))
        }
        ImportKind::Project => {
            let cases: Vec<&Case> = library.cases.iter().map(|c| &c.doc).collect();
            let i =
                super::project_import::import_qdpx(current, bytes, &cases, &frameworks(library))?;
            Ok(project_outcome(i))
        }
        ImportKind::CodebookCsv => {
            let skip = RefiCodebook::build(&frameworks(library), current).framework_codes();
            let i = super::codebook_csv::import_codebook_csv(current, bytes, &skip)?;
            Ok(codebook_outcome(i))
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
        ImportKind::Codebook | ImportKind::CodebookCsv => What::Codebook,
        ImportKind::Project => What::Project,
    };
    let unreadable = |e: LibraryError| match e {
        LibraryError::TooLarge { bytes } => ImportError::TooLarge { what, bytes },
        e => ImportError::Read(e.to_string()),
    };
    match kind {
        ImportKind::CodebookCsv => {
            let bytes = read_at_most(path, super::xml::MAX_XML_BYTES).map_err(unreadable)?;
            import(kind, current, library, &bytes)
        }
        ImportKind::Codebook if !is_zip(path) => {
            let bytes = read_at_most(path, super::xml::MAX_XML_BYTES).map_err(unreadable)?;
            import(kind, current, library, &bytes)
        }
        ImportKind::Codebook => {
            // A .qdpx chosen as a codebook: only its .qde is unpacked, with the usual limits.
            let (file, _) = open_regular(path).map_err(unreadable)?;
            let (_, qde) = super::zipped::Archive::open(std::io::BufReader::new(file))?.qde()?;
            let skip = RefiCodebook::build(&frameworks(library), current).framework_codes();
            Ok(codebook_outcome(super::import::import_qdc_with(
                current, &qde, &skip,
            )?))
        }
        ImportKind::Project if !is_zip(path) => {
            // A bare .qde (or another XML file): read as the project XML.
            let bytes = read_at_most(path, super::xml::MAX_XML_BYTES).map_err(unreadable)?;
            let cases: Vec<&Case> = library.cases.iter().map(|c| &c.doc).collect();
            let i =
                super::project_import::import_qdpx(current, &bytes, &cases, &frameworks(library))?;
            Ok(project_outcome(i))
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

/// True when the file at `path` starts like a zip (`PK`); a file that cannot be read is
/// left to the reader, which says why.
fn is_zip(path: &Path) -> bool {
    let mut head = [0_u8; 2];
    open_regular(path)
        .ok()
        .and_then(|(mut f, _)| std::io::Read::read_exact(&mut f, &mut head).ok())
        .is_some_and(|()| &head == b"PK")
}

fn codebook_outcome(i: super::import::Imported) -> Outcome {
    Outcome {
        notes: i.notes,
        summary: format!(
            "{} code(s) added, {} updated, {} framework code(s) skipped",
            i.added, i.updated, i.skipped
        ),
        left_out: Vec::new(),
    }
}

fn project_outcome(i: super::project_import::ProjectImported) -> Outcome {
    let mut summary = format!(
        "{} code(s) added, {} highlight(s) added, {} memo(s) and note(s) added, {} already there",
        i.codes_added, i.highlights_added, i.notes_added, i.duplicates
    );
    if let Some(left_out) = i.left_out.summary() {
        summary.push_str(&format!("; left out: {left_out}"));
    }
    Outcome {
        notes: i.notes,
        summary,
        left_out: i.skipped,
    }
}

/// The codebook CSV (Taguette's form) of the loaded frameworks' codes and the user's codes.
pub fn codebook_csv(library: &Library, notes: &NotesFile) -> Vec<u8> {
    super::codebook_csv::codebook_csv(&frameworks(library), notes)
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
