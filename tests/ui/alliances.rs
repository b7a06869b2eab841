//! The Alliances view: sorting by a column header and filtering by a code.

use caselens::compare::alliances::{self, SortKey};
use caselens::format::Case;
use caselens::ui::CaselensApp;
use caselens::workspace::View;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{bundled, harness_sized};

fn alliances_of_all() -> Harness<'static, CaselensApp> {
    // Tall enough that every row of the (virtualised) table is laid out.
    let mut h = harness_sized(
        CaselensApp::with_library(bundled(), Vec::new()),
        1800.0,
        4000.0,
    );
    h.run();
    // The reader also has an "Alliances" heading: the tab is the button.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Alliances")
        .click();
    h.run();
    assert_eq!(h.state().workspace.view, View::Alliances);
    h
}

fn rows(h: &Harness<'static, CaselensApp>) -> Vec<alliances::AllianceRow> {
    let cases: Vec<&Case> = h
        .state()
        .workspace
        .library
        .cases
        .iter()
        .map(|c| &c.doc)
        .collect();
    alliances::rows(&cases)
}

/// Top of the first node named `label` (partners are drawn as labels in their row).
fn top_of(h: &Harness<'static, CaselensApp>, label: &str) -> f32 {
    h.query_all_by_label(label)
        .map(|n| n.rect().top())
        .fold(f32::INFINITY, f32::min)
}

fn assert_rows_in_order(h: &Harness<'static, CaselensApp>, partners: &[String]) {
    let tops: Vec<f32> = partners.iter().map(|p| top_of(h, p)).collect();
    assert!(tops.iter().all(|t| t.is_finite()), "every row shown");
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "rows in order {partners:?}: {tops:?}"
    );
}

#[test]
fn clicking_a_header_sorts_by_that_column_and_again_reverses() {
    let mut h = alliances_of_all();
    let all = rows(&h);
    let mut partners: Vec<String> = alliances::filter_sort(&all, None, SortKey::Partner, false)
        .into_iter()
        .map(|r| r.partner)
        .collect();
    partners.dedup();
    h.get_by_label("Partner").click();
    h.run();
    assert!(h.query_by_label("Partner ^").is_some(), "sorted ascending");
    assert_rows_in_order(&h, &partners);
    h.get_by_label("Partner ^").click();
    h.run();
    partners.reverse();
    assert!(h.query_by_label("Partner v").is_some(), "sorted descending");
    assert_rows_in_order(&h, &partners);
}

#[test]
fn filtering_by_a_code_keeps_only_the_alliances_that_carry_it() {
    let mut h = alliances_of_all();
    let all = rows(&h);
    let code = "TYPE.hosting";
    let (kept, dropped): (Vec<_>, Vec<_>) = all.iter().partition(|r| r.has_code(code));
    assert!(!kept.is_empty() && !dropped.is_empty());
    h.get_by_label("Filter by code").click();
    h.run();
    // Only codes the alliances carry are offered, by family and path.
    assert!(h.query_by_label("Alliance type › Joint venture").is_none());
    let option = "Alliance type › Hosting partnership";
    h.get_by_label(option).scroll_to_me();
    h.run();
    h.get_by_label(option).click();
    h.run();
    for r in &kept {
        assert!(h.query_by_label(&r.partner).is_some(), "{} kept", r.partner);
    }
    for r in dropped
        .iter()
        .filter(|d| kept.iter().all(|k| k.partner != d.partner))
    {
        assert!(
            h.query_by_label(&r.partner).is_none(),
            "{} dropped",
            r.partner
        );
    }
}
