use super::*;
use crate::library::Library;

fn workspace() -> Workspace {
    Workspace::new(Library::bundled(), vec![])
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
    let err = for_workspace(&ws, ExportKind::ComparisonHtml, &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("choose at least one case"), "{err}");
    ws.compare = vec!["company-a".into(), "company-b".into()];
    let all = for_workspace(&ws, ExportKind::ComparisonCsv, &[]).unwrap();
    ws.compare_options.differences_only = true;
    let diff = for_workspace(&ws, ExportKind::ComparisonCsv, &[]).unwrap();
    assert!(diff.len() < all.len());
    let html =
        String::from_utf8(for_workspace(&ws, ExportKind::ComparisonHtml, &[]).unwrap()).unwrap();
    assert!(html.contains("differences only"), "{html}");
}

#[test]
fn matrix_case_and_highlights_exports_are_built_from_the_workspace() {
    let mut ws = workspace();
    ws.compare = vec!["company-a".into(), "corio".into()];
    ws.matrix_family = "RAT".into();
    let m = String::from_utf8(for_workspace(&ws, ExportKind::MatrixCsv, &[]).unwrap()).unwrap();
    assert!(m.starts_with("case,RAT"), "{m}");
    assert_eq!(m.lines().count(), 3);
    // A family the codebook no longer has (a deleted user family): the view's default.
    ws.matrix_family = "GONE".into();
    let m = String::from_utf8(for_workspace(&ws, ExportKind::MatrixCsv, &[]).unwrap()).unwrap();
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
    let h = String::from_utf8(for_workspace(&ws, ExportKind::CaseHtml, &[]).unwrap()).unwrap();
    assert!(h.starts_with("<!DOCTYPE html>") && h.contains("Corio"));
    let csv = for_workspace(&ws, ExportKind::HighlightsCsv, &[]).unwrap();
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
        String::from_utf8(for_workspace(&ws, ExportKind::AnswersMarkdown, &[]).unwrap()).unwrap();
    assert!(
        md.starts_with("# Answers: Corio") && md.contains("\n\nMy answer\n"),
        "{md}"
    );
    ws.open_case = None;
    assert!(for_workspace(&ws, ExportKind::CaseHtml, &[]).is_err());
    assert!(for_workspace(&ws, ExportKind::AnswersMarkdown, &[]).is_err());
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
    let bytes = for_workspace(&ws, ExportKind::HighlightsAnnotations, &[]).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["@context"], crate::export::annotation::CONTEXT);
    assert_eq!(doc["total"], 1);
    assert_eq!(doc["first"]["items"][0]["body"][0]["value"], "why");
    assert_eq!(ExportKind::HighlightsAnnotations.extension(), "jsonld");
}

#[test]
fn the_matrix_csv_equals_the_grid_when_it_counts_authors() {
    use crate::compare::matrix::{MatrixCount, build_authors};
    use crate::notes::layers::Coder;
    let mut ws = workspace();
    ws.compare = vec!["company-a".into(), "corio".into()];
    ws.matrix_family = "RAT".into();
    ws.class.matrix_count = MatrixCount::Authors;
    let lib = &ws.library;
    let code = "RAT.practice";
    let ana = crate::test_support::notes(
        "Ana",
        vec![crate::test_support::highlight(
            lib,
            "h1",
            "background/p1",
            "Company A",
            &[code],
        )],
    );
    let ben = crate::test_support::notes(
        "Ben",
        vec![crate::test_support::highlight(
            lib,
            "h2",
            "background/p1",
            "Company A",
            &[code],
        )],
    );
    let coders = [
        Coder {
            key: "ana",
            author: "Ana",
            notes: &ana,
        },
        Coder {
            key: "ben",
            author: "Ben",
            notes: &ben,
        },
    ];
    // The grid as the view counts authors: two authors used the code in Company A.
    let book = ws.codebook("asp-alliances");
    let cases = ws.scope_cases();
    let grid = build_authors(&book, &cases, &[("Ana", &ana), ("Ben", &ben)], "RAT");
    let col = grid.codes.iter().position(|c| c == code).expect("column");
    assert_eq!(grid.count(0, col), 2);
    let csv =
        String::from_utf8(for_workspace(&ws, ExportKind::MatrixCsv, &coders).unwrap()).unwrap();
    assert_eq!(csv, crate::export::data::matrix_csv(&grid));
    // Counting your units instead gives another file (you coded nothing).
    ws.class.matrix_count = MatrixCount::Yours;
    let yours =
        String::from_utf8(for_workspace(&ws, ExportKind::MatrixCsv, &coders).unwrap()).unwrap();
    assert_ne!(yours, csv);
}

#[test]
fn the_kinds_built_off_the_frame_need_only_the_library_and_the_notes() {
    let ws = workspace();
    for kind in ExportKind::ALL {
        let alone = for_library(&ws.library, ws.notebook.file(), kind);
        assert_eq!(alone.is_some(), kind.library_and_notes_only(), "{kind:?}");
        let Some(alone) = alone else { continue };
        // .qdpx and .qdc carry fresh ids and times: compare what does not change.
        let (alone, shown) = (
            alone.expect("built"),
            for_workspace(&ws, kind, &[]).expect("built"),
        );
        match kind {
            ExportKind::HighlightsCsv | ExportKind::HighlightsAnnotations => {
                assert_eq!(alone, shown, "{kind:?}");
            }
            _ => assert!(!alone.is_empty() && !shown.is_empty(), "{kind:?}"),
        }
    }
}
