//! What *File > Export* writes from what the window shows: the kinds, their file names, and
//! the bytes of each, built from the workspace by the same pure exporters the CLI uses.

use crate::export::ExportError;
use crate::format::NotesFile;
use crate::library::Library;
use crate::notes::layers::Coder;
use crate::workspace::Workspace;

/// One entry of *File > Export*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The comparison of the ticked cases, with the view's row filter, as an HTML handout.
    ComparisonHtml,
    /// The same comparison as CSV.
    ComparisonCsv,
    /// The Matrix view's cases by the codes of its family, as CSV.
    MatrixCsv,
    /// Every highlight of the user's notes, as CSV.
    HighlightsCsv,
    /// Every highlight of the user's notes, as W3C Web Annotations (JSON-LD).
    HighlightsAnnotations,
    /// The open case with the user's highlights and notes, as an HTML handout.
    CaseHtml,
    /// The frameworks' codes and the user's codes as a REFI-QDA codebook.
    CodebookQdc,
    /// The same codes as CSV in the form Taguette's codebook import reads.
    CodebookCsv,
    /// Every case with the user's highlights and memos as a REFI-QDA project.
    ProjectQdpx,
    /// The user's answers to the open case's student questions, as Markdown.
    AnswersMarkdown,
}

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 10] = [
        Self::ComparisonHtml,
        Self::ComparisonCsv,
        Self::MatrixCsv,
        Self::HighlightsCsv,
        Self::HighlightsAnnotations,
        Self::CaseHtml,
        Self::CodebookQdc,
        Self::CodebookCsv,
        Self::ProjectQdpx,
        Self::AnswersMarkdown,
    ];

    /// The menu entry.
    pub fn menu_name(self) -> &'static str {
        match self {
            Self::ComparisonHtml => "Comparison as HTML…",
            Self::ComparisonCsv => "Comparison as CSV…",
            Self::MatrixCsv => "Matrix as CSV…",
            Self::HighlightsCsv => "Highlights as CSV…",
            Self::HighlightsAnnotations => "Highlights as Web Annotations…",
            Self::CaseHtml => "Case with my notes as HTML…",
            Self::CodebookQdc => "Codebook for NVivo, MAXQDA, ATLAS.ti (.qdc)…",
            Self::CodebookCsv => "Codebook as CSV (Taguette)…",
            Self::ProjectQdpx => "Project for NVivo, MAXQDA, ATLAS.ti (.qdpx)…",
            Self::AnswersMarkdown => "My answers as Markdown…",
        }
    }

    /// What is written, for messages ("the comparison").
    pub fn what(self) -> &'static str {
        match self {
            Self::ComparisonHtml | Self::ComparisonCsv => "the comparison",
            Self::MatrixCsv => "the matrix",
            Self::HighlightsCsv | Self::HighlightsAnnotations => "your highlights",
            Self::CaseHtml => "the case with your notes",
            Self::CodebookQdc | Self::CodebookCsv => "the codebook",
            Self::ProjectQdpx => "the project",
            Self::AnswersMarkdown => "your answers",
        }
    }

    /// File extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::ComparisonHtml | Self::CaseHtml => "html",
            Self::HighlightsAnnotations => "jsonld",
            Self::CodebookQdc => "qdc",
            Self::ProjectQdpx => "qdpx",
            Self::AnswersMarkdown => "md",
            _ => "csv",
        }
    }

    /// Name of the file type in the save dialog's filter.
    pub fn filter_name(self) -> &'static str {
        match self.extension() {
            "html" => "HTML handout",
            "jsonld" => "W3C Web Annotations (JSON-LD)",
            "qdc" => "REFI-QDA codebook",
            "qdpx" => "REFI-QDA project",
            "md" => "Markdown",
            _ => "CSV (comma-separated values)",
        }
    }

    /// File name the save dialog proposes.
    pub fn default_file_name(self) -> &'static str {
        match self {
            Self::ComparisonHtml => "comparison.html",
            Self::ComparisonCsv => "comparison.csv",
            Self::MatrixCsv => "matrix.csv",
            Self::HighlightsCsv => "highlights.csv",
            Self::HighlightsAnnotations => "highlights.jsonld",
            Self::CaseHtml => "case.html",
            Self::CodebookQdc => "codebook.qdc",
            Self::CodebookCsv => "codebook.csv",
            Self::ProjectQdpx => "project.qdpx",
            Self::AnswersMarkdown => "answers.md",
        }
    }
}

impl ExportKind {
    /// True when the window shows something this kind can write (File > Export greys the
    /// others out): a comparison needs two ticked cases, a case export an open case.
    pub fn available(self, ws: &Workspace) -> bool {
        match self {
            Self::ComparisonHtml | Self::ComparisonCsv => ws.can_compare(),
            Self::CaseHtml | Self::AnswersMarkdown => ws.open_case.is_some(),
            Self::MatrixCsv
            | Self::HighlightsCsv
            | Self::HighlightsAnnotations
            | Self::ProjectQdpx => !ws.library.cases.is_empty(),
            Self::CodebookQdc | Self::CodebookCsv => {
                !ws.library.frameworks.is_empty() || !ws.notebook.file().codes.is_empty()
            }
        }
    }
}

impl ExportKind {
    /// True when the bytes depend on the library and the notes only (not on what the window
    /// shows): they are built off the UI thread from a shared snapshot ([`for_library`]).
    pub fn library_and_notes_only(self) -> bool {
        matches!(
            self,
            Self::CodebookQdc
                | Self::CodebookCsv
                | Self::ProjectQdpx
                | Self::HighlightsCsv
                | Self::HighlightsAnnotations
        )
    }
}

/// The bytes of `kind` from `library` and `notes` alone, for the kinds that need nothing else
/// ([`ExportKind::library_and_notes_only`]); `None` for the others.
pub fn for_library(
    library: &Library,
    notes: &NotesFile,
    kind: ExportKind,
) -> Option<Result<Vec<u8>, ExportError>> {
    kind.library_and_notes_only()
        .then(|| library_bytes(library, notes, kind))
}

/// The bytes of one of the kinds of [`ExportKind::library_and_notes_only`] (any other kind
/// is taken as the Web Annotations).
fn library_bytes(
    library: &Library,
    notes: &NotesFile,
    kind: ExportKind,
) -> Result<Vec<u8>, ExportError> {
    let writer = |e: crate::refi::RefiError| ExportError::Writer(Box::new(e));
    let text = match kind {
        ExportKind::CodebookQdc => {
            return crate::refi::files::codebook(library, notes).map_err(writer);
        }
        ExportKind::CodebookCsv => return Ok(crate::refi::files::codebook_csv(library, notes)),
        ExportKind::ProjectQdpx => {
            let name = notes.author.as_deref().unwrap_or("Caselens project");
            return crate::refi::files::project(library, notes, name)
                .map(|(bytes, _)| bytes)
                .map_err(writer);
        }
        ExportKind::HighlightsCsv => crate::export::data::highlights_csv(notes, library),
        _ => crate::export::annotation::jsonld(notes, library),
    };
    Ok(text.into_bytes())
}

/// The bytes of `kind` for what `ws` shows, or why there is nothing to export.
/// `coders` are the shown authors ([`Workspace::coders`]), which the Matrix counts in its
/// authors modes.
pub fn for_workspace(
    ws: &Workspace,
    kind: ExportKind,
    coders: &[Coder<'_>],
) -> Result<Vec<u8>, ExportError> {
    let text = match kind {
        ExportKind::ComparisonHtml | ExportKind::ComparisonCsv => {
            let cmp = ws.comparison()?;
            let fw = ws
                .library
                .framework(&cmp.framework)
                .ok_or_else(|| ExportError::NoFramework(cmp.framework.clone()))?;
            if kind == ExportKind::ComparisonHtml {
                crate::export::html::comparison(&cmp, fw, &ws.library, ws.row_filter())
            } else {
                crate::export::csv(&cmp, fw, ws.row_filter())
            }
        }
        ExportKind::MatrixCsv => {
            let scope = ws.matrix_scope().ok_or(ExportError::NoCase)?;
            crate::export::data::matrix_csv(&ws.matrix(&scope, coders))
        }
        ExportKind::CaseHtml => {
            let case = ws
                .open_case
                .as_deref()
                .and_then(|id| ws.library.case(id))
                .ok_or(ExportError::NoOpenCase)?;
            let fw = ws.library.framework(&case.framework);
            crate::export::case_doc::html(case, fw, Some(ws.notebook.file()))
        }
        ExportKind::AnswersMarkdown => {
            let case = ws
                .open_case
                .as_deref()
                .and_then(|id| ws.library.case(id))
                .ok_or(ExportError::NoOpenCase)?;
            crate::export::answers::markdown(case, ws.notebook.file())
        }
        ExportKind::CodebookQdc
        | ExportKind::CodebookCsv
        | ExportKind::ProjectQdpx
        | ExportKind::HighlightsCsv
        | ExportKind::HighlightsAnnotations => {
            return library_bytes(&ws.library, ws.notebook.file(), kind);
        }
    };
    Ok(text.into_bytes())
}

#[cfg(test)]
mod tests;
