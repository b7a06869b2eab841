//! File > Export: the menu entries exist and are enabled only when there is something to
//! write (the writing itself is tested through the pure exporters and the CLI).

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util;

const ENTRIES: [&str; 5] = [
    "Comparison as HTML…",
    "Comparison as CSV…",
    "Matrix as CSV…",
    "Highlights as CSV…",
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
