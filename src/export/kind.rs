//! What *File > Export* writes from what the window shows: the kinds, their file names, and
//! the bytes of each, built from the workspace by the same pure exporters the CLI uses.

use std::path::Path;

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
    /// Every case with the user's highlights and memos as a REFI-QDA project.
    ProjectQdpx,
    /// The user's answers to the open case's student questions, as Markdown.
    AnswersMarkdown,
}

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 9] = [
        Self::ComparisonHtml,
        Self::ComparisonCsv,
        Self::MatrixCsv,
        Self::HighlightsCsv,
        Self::HighlightsAnnotations,
        Self::CaseHtml,
        Self::CodebookQdc,
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
            Self::CodebookQdc => "the codebook",
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
            Self::ComparisonHtml | Self::ComparisonCsv => ws.compare.len() >= 2,
            Self::CaseHtml | Self::AnswersMarkdown => ws.open_case.is_some(),
            Self::MatrixCsv
            | Self::HighlightsCsv
            | Self::HighlightsAnnotations
            | Self::ProjectQdpx => !ws.library.cases.is_empty(),
            Self::CodebookQdc => !ws.library.frameworks.is_empty(),
        }
    }
}

/// The bytes of `kind` for what `ws` shows, or why there is nothing to export.
pub fn for_workspace(ws: &Workspace, kind: ExportKind) -> Result<Vec<u8>, String> {
    let notes = ws.notebook.file();
    let text = match kind {
        ExportKind::CodebookQdc => {
            return super::refi::files::codebook(&ws.library, notes).map_err(|e| e.to_string());
        }
        ExportKind::ProjectQdpx => {
            let name = notes.author.as_deref().unwrap_or("Caselens project");
            return super::refi::files::project(&ws.library, notes, name)
                .map(|(bytes, _)| bytes)
                .map_err(|e| e.to_string());
        }
        ExportKind::ComparisonHtml | ExportKind::ComparisonCsv => {
            let cmp = ws.comparison().map_err(|e| e.to_string())?;
            let fw = ws
                .library
                .framework(&cmp.framework)
                .ok_or_else(|| format!("framework \"{}\" is not loaded", cmp.framework))?;
            if kind == ExportKind::ComparisonHtml {
                super::html::comparison(&cmp, fw, &ws.library, ws.row_filter())
            } else {
                super::csv(&cmp, fw, ws.row_filter())
            }
        }
        ExportKind::MatrixCsv => matrix(ws)?,
        ExportKind::HighlightsCsv => super::data::highlights_csv(ws.notebook.file(), &ws.library),
        ExportKind::HighlightsAnnotations => {
            super::annotation::jsonld(ws.notebook.file(), &ws.library)
        }
        ExportKind::CaseHtml => {
            let case = ws
                .open_case
                .as_deref()
                .and_then(|id| ws.library.case(id))
                .ok_or("no case is open in the reader")?;
            let fw = ws.library.framework(&case.framework);
            super::case_doc::html(case, fw, Some(ws.notebook.file()))
        }
        ExportKind::AnswersMarkdown => {
            let case = ws
                .open_case
                .as_deref()
                .and_then(|id| ws.library.case(id))
                .ok_or("no case is open in the reader")?;
            super::answers::markdown(case, ws.notebook.file())
        }
    };
    Ok(text.into_bytes())
}

/// The matrix as the Matrix view builds it: its cases (the ticked ones, else all, of the
/// first one's framework) and its family (the chosen one, else the first with codings).
fn matrix(ws: &Workspace) -> Result<String, String> {
    let cases = ws.scope_cases();
    let first = cases.first().ok_or("no case is loaded")?;
    let fw = ws
        .library
        .framework(&first.framework)
        .ok_or_else(|| format!("framework \"{}\" is not loaded", first.framework))?;
    let cases: Vec<_> = cases.into_iter().filter(|c| c.framework == fw.id).collect();
    let codebook = ws.codebook(&fw.id);
    let notes = Some(ws.notebook.file());
    // The view's rule: the chosen family while the codebook has it, else the default.
    let chosen = codebook.families().iter().any(|f| f.id == ws.matrix_family);
    let family = if chosen {
        ws.matrix_family.clone()
    } else {
        crate::compare::matrix::default_family(&codebook, fw, &cases, notes)
            .ok_or("the framework has no codes")?
    };
    let m = crate::compare::matrix::build_with(&codebook, fw, &cases, notes, &family);
    Ok(super::data::matrix_csv(&m))
}

/// Writes an export atomically (a crash leaves the old file or the new one, never half).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::notes::store::write_atomic(path, bytes).map_err(|e| {
        format!(
            "cannot write {}: {}",
            path.display(),
            crate::notes::store::why(&e)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, Library, LoadRequest};

    fn workspace() -> Workspace {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        Workspace::new(lib, vec![])
    }

    #[test]
    fn a_kind_is_available_only_when_there_is_something_to_write() {
        let mut ws = workspace();
        assert!(!ExportKind::ComparisonHtml.available(&ws), "nothing ticked");
        assert!(ExportKind::CodebookQdc.available(&ws));
        assert!(ExportKind::HighlightsCsv.available(&ws));
        ws.apply(crate::workspace::Action::OpenCase {
            case: "company-a".into(),
            at: None,
        });
        ws.apply(crate::workspace::Action::CompareWith("company-b".into()));
        assert!(ExportKind::ComparisonHtml.available(&ws));
        assert!(ExportKind::CaseHtml.available(&ws));
        let empty = Workspace::new(Library::default(), vec![]);
        for kind in ExportKind::ALL {
            assert!(!kind.available(&empty), "{kind:?} with nothing loaded");
        }
    }

    #[test]
    fn every_kind_has_a_file_name_with_its_extension() {
        for kind in ExportKind::ALL {
            assert!(kind.default_file_name().ends_with(kind.extension()));
            assert!(kind.menu_name().ends_with('…'));
        }
    }

    #[test]
    fn the_comparison_needs_ticked_cases_and_follows_the_view_filter() {
        let mut ws = workspace();
        let err = for_workspace(&ws, ExportKind::ComparisonHtml).unwrap_err();
        assert!(err.contains("choose at least one case"), "{err}");
        ws.compare = vec!["company-a".into(), "company-b".into()];
        let all = for_workspace(&ws, ExportKind::ComparisonCsv).unwrap();
        ws.compare_options.differences_only = true;
        let diff = for_workspace(&ws, ExportKind::ComparisonCsv).unwrap();
        assert!(diff.len() < all.len());
        let html =
            String::from_utf8(for_workspace(&ws, ExportKind::ComparisonHtml).unwrap()).unwrap();
        assert!(html.contains("differences only"), "{html}");
    }

    #[test]
    fn matrix_case_and_highlights_exports_are_built_from_the_workspace() {
        let mut ws = workspace();
        ws.compare = vec!["company-a".into(), "corio".into()];
        ws.matrix_family = "RAT".into();
        let m = String::from_utf8(for_workspace(&ws, ExportKind::MatrixCsv).unwrap()).unwrap();
        assert!(m.starts_with("case,RAT"), "{m}");
        assert_eq!(m.lines().count(), 3);
        // A family the codebook no longer has (a deleted user family): the view's default.
        ws.matrix_family = "GONE".into();
        let m = String::from_utf8(for_workspace(&ws, ExportKind::MatrixCsv).unwrap()).unwrap();
        let book = ws.codebook("asp-alliances");
        let cases = ws.scope_cases();
        let family = crate::compare::matrix::default_family(
            &book,
            ws.library.framework("asp-alliances").unwrap(),
            &cases,
            Some(ws.notebook.file()),
        )
        .unwrap();
        assert!(m.starts_with(&format!("case,{family}")), "{m}");
        ws.open_case = Some("corio".into());
        let h = String::from_utf8(for_workspace(&ws, ExportKind::CaseHtml).unwrap()).unwrap();
        assert!(h.starts_with("<!DOCTYPE html>") && h.contains("Corio"));
        let csv = for_workspace(&ws, ExportKind::HighlightsCsv).unwrap();
        assert!(
            String::from_utf8(csv)
                .unwrap()
                .starts_with("case,paragraph,start,end,text")
        );
        ws.apply(crate::workspace::Action::Edit(
            crate::workspace::Edit::Answer {
                case: "corio".into(),
                question: "q1".into(),
                text: "My answer".into(),
            },
        ));
        let md =
            String::from_utf8(for_workspace(&ws, ExportKind::AnswersMarkdown).unwrap()).unwrap();
        assert!(
            md.starts_with("# Answers: Corio") && md.contains("\n\nMy answer\n"),
            "{md}"
        );
        ws.open_case = None;
        assert!(for_workspace(&ws, ExportKind::CaseHtml).is_err());
        assert!(for_workspace(&ws, ExportKind::AnswersMarkdown).is_err());
    }

    #[test]
    fn highlights_as_web_annotations_are_the_notebooks_highlights_as_json_ld() {
        let mut ws = workspace();
        let text = &ws.library.case("corio").unwrap().sections[0].paragraphs[0].text;
        let anchor = crate::notes::anchor::new_anchor(text, 0, 5).unwrap();
        let address = {
            let s = &ws.library.case("corio").unwrap().sections[0];
            format!("{}/{}", s.id, s.paragraphs[0].id)
        };
        ws.notebook
            .add_highlight("corio", &address, anchor, vec![], Some("why".into()));
        let bytes = for_workspace(&ws, ExportKind::HighlightsAnnotations).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc["@context"], crate::export::annotation::CONTEXT);
        assert_eq!(doc["total"], 1);
        assert_eq!(doc["first"]["items"][0]["body"][0]["value"], "why");
        assert_eq!(ExportKind::HighlightsAnnotations.extension(), "jsonld");
    }

    #[test]
    fn write_file_replaces_the_whole_file_and_names_it_when_it_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_file(&path, b"a much longer first version").unwrap();
        write_file(&path, b"short").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
        let bad = dir.path().join("missing-folder").join("x.csv");
        let err = write_file(&bad, b"x").unwrap_err();
        assert!(err.contains("x.csv"), "{err}");
    }
}
