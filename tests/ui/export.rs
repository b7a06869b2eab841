//! File > Export: the menu entries exist and are enabled only when there is something to
//! write (the writing itself is tested through the pure exporters and the CLI).

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util;

const ENTRIES: [&str; 6] = [
    "Comparison as HTML…",
    "Comparison as CSV…",
    "Matrix as CSV…",
    "Highlights as CSV…",
    "Highlights as Web Annotations…",
    "Case with my notes as HTML…",
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

/// Runs frames until the status bar stops saying the export is being written.
fn wait_for_status(h: &mut egui_kittest::Harness<'_, caselens::ui::CaselensApp>, start: &str) {
    for _ in 0..500 {
        h.run();
        if !h.state().status.starts_with(start) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn an_export_is_written_whole_and_the_status_bar_says_where_or_why_not() {
    use caselens::export::ExportKind;
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
