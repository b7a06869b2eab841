//! File > Export: the menu entries exist and are enabled only when there is something to
//! write (the writing itself is tested through the pure exporters and the CLI).

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util;

const ENTRIES: [&str; 10] = [
    "Comparison as HTML…",
    "Comparison as CSV…",
    "Matrix as CSV…",
    "Highlights as CSV…",
    "Highlights as Web Annotations…",
    "Case with my notes as HTML…",
    "Codebook for NVivo, MAXQDA, ATLAS.ti (.qdc)…",
    "Codebook as CSV (Taguette)…",
    "Project for NVivo, MAXQDA, ATLAS.ti (.qdpx)…",
    "My answers as Markdown…",
];

fn disabled(h: &egui_kittest::Harness<'_, caselens::ui::CaselensApp>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn file_export_lists_every_export_and_enables_the_comparison_once_two_cases_are_ticked() {
    let mut h = util::harness(util::app_on("company-a"));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    for entry in ENTRIES {
        assert!(h.query_by_label(entry).is_some(), "{entry}");
    }
    // Nothing ticked: no comparison to export; the open case, the matrix and the highlights can be.
    assert!(disabled(&h, "Comparison as HTML…"));
    assert!(disabled(&h, "Comparison as CSV…"));
    for entry in [
        "Matrix as CSV…",
        "Highlights as CSV…",
        "Highlights as Web Annotations…",
        "Case with my notes as HTML…",
        "My answers as Markdown…",
    ] {
        assert!(!disabled(&h, entry), "{entry}");
    }
    let mut h = util::harness(util::a_with_b());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(!disabled(&h, "Comparison as HTML…"));
    assert!(!disabled(&h, "Comparison as CSV…"));
}

/// Runs frames until the status bar stops saying `start` (the worker thread has reported);
/// no clock is involved.
fn wait_for_status(h: &mut egui_kittest::Harness<'_, caselens::ui::CaselensApp>, start: &str) {
    for _ in 0..100_000 {
        h.run();
        if !h.state().status.starts_with(start) {
            return;
        }
        std::thread::yield_now();
    }
}

#[test]
fn a_codebook_exported_from_one_window_imports_into_another_as_one_undoable_change() {
    use caselens::refi::files::ImportKind;
    use caselens::workspace::export::ExportKind;
    use caselens::workspace::{Action, Edit};
    let dir = tempfile::tempdir().unwrap();
    let qdc = dir.path().join("codes.qdc");
    let mut app = util::app_on("company-a");
    for (label, color) in [("Trust", "#336699"), ("Early trust", "#993366")] {
        app.workspace.apply(Action::Edit(Edit::AddCode {
            label: label.into(),
            color: color.into(),
            parent: None,
        }));
    }
    let mut h = util::harness(app);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().status = "before".into();
    h.state_mut()
        .export_to(&ctx, ExportKind::CodebookQdc, qdc.clone());
    wait_for_status(&mut h, "before");
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );

    let mut h = util::harness(util::app_on("company-a"));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    assert!(h.query_by_label("REFI-QDA codebook (.qdc)…").is_some());
    assert!(h.query_by_label("REFI-QDA project (.qdpx)…").is_some());
    let ctx = h.ctx.clone();
    h.state_mut().import_from(&ctx, ImportKind::Codebook, qdc);
    wait_for_status(&mut h, "Importing");
    let labels = |h: &egui_kittest::Harness<'_, caselens::ui::CaselensApp>| -> Vec<String> {
        let mut l: Vec<String> = h
            .state()
            .workspace
            .notebook
            .file()
            .codes
            .iter()
            .map(|c| c.label.clone())
            .collect();
        l.sort();
        l
    };
    assert_eq!(labels(&h), ["Early trust", "Trust"], "{}", h.state().status);
    assert!(
        h.state().status.starts_with("Imported: 2 code(s) added"),
        "{}",
        h.state().status
    );
    h.state_mut().workspace.apply(Action::Edit(Edit::Undo));
    h.run();
    assert!(labels(&h).is_empty(), "one undo takes the import back");

    let bad = dir.path().join("bad.qdc");
    std::fs::write(&bad, b"not xml").unwrap();
    h.state_mut().import_from(&ctx, ImportKind::Codebook, bad);
    wait_for_status(&mut h, "Importing");
    assert!(
        h.state().status.starts_with("Nothing imported"),
        "{}",
        h.state().status
    );
    assert!(
        labels(&h).is_empty(),
        "a file that cannot be read changes nothing"
    );
}

#[test]
fn an_export_is_written_whole_and_the_status_bar_says_where_or_why_not() {
    use caselens::workspace::export::ExportKind;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cmp.html");
    let mut h = util::harness(util::a_with_b());
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().status = "before".into();
    h.state_mut()
        .export_to(&ctx, ExportKind::ComparisonHtml, path.clone());
    wait_for_status(&mut h, "before");
    let said = format!("Exported the comparison to {}.", path.display());
    assert_eq!(h.state().status, said);
    assert!(h.query_by_label(&said).is_some(), "shown in the status bar");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Company B"));
    // A folder that does not exist: nothing written, the reason shown.
    let bad = dir.path().join("missing").join("m.csv");
    h.state_mut().status = "before".into();
    h.state_mut()
        .export_to(&ctx, ExportKind::MatrixCsv, bad.clone());
    wait_for_status(&mut h, "before");
    let status = h.state().status.clone();
    assert!(
        status.starts_with("Could not export the matrix: cannot write ")
            && status.contains("m.csv"),
        "{status}"
    );
    assert!(!bad.exists());
    // Nothing to export: no case ticked.
    h.state_mut().workspace.compare.clear();
    h.state_mut()
        .export_to(&ctx, ExportKind::ComparisonCsv, dir.path().join("c.csv"));
    assert_eq!(
        h.state().status,
        "Nothing exported: choose at least one case to compare."
    );
}
