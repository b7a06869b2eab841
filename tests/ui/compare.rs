//! The compare view, driven through its accessibility tree.

use caselens::compare::compare;
use caselens::library::{Bundled, Library, LoadRequest};
use caselens::ui::CaselensApp;
use caselens::workspace::View;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::bundled;

/// Tall enough that every row of the comparison is laid out.
fn harness(app: CaselensApp) -> Harness<'static, CaselensApp> {
    crate::util::harness_sized(app, 1600.0, 6000.0)
}

fn tick_two_and_compare(h: &mut Harness<'static, CaselensApp>, a: &str, b: &str) {
    h.get_by_label(&format!("Compare {a}")).click();
    h.run();
    h.get_by_label(&format!("Compare {b}")).click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
}

#[test]
fn differences_only_keeps_exactly_the_rows_that_differ() {
    let lib = bundled();
    let a = lib.case("company-a").unwrap().clone();
    let b = lib.case("company-b").unwrap().clone();
    let cmp = compare(lib.framework("asp-alliances").unwrap(), &[&a, &b], None).unwrap();
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.run();
    tick_two_and_compare(&mut h, &a.title, &b.title);
    assert_eq!(h.state().workspace.view, View::Compare);
    assert_eq!(
        h.state().workspace.compare,
        vec!["company-a".to_owned(), "company-b".to_owned()]
    );
    for row in cmp.rows() {
        assert!(
            h.query_all_by_label(&row.label).next().is_some(),
            "row {} shown before filtering",
            row.label
        );
    }
    let hidden: Vec<&str> = cmp
        .rows()
        .filter(|r| !r.relation.is_difference())
        .map(|r| r.label.as_str())
        .collect();
    assert!(!hidden.is_empty(), "the pair has rows without differences");
    h.get_by_label("Differences only").click();
    h.run();
    assert!(h.state().workspace.compare_options.differences_only);
    for row in cmp.rows() {
        let shown = h.query_all_by_label(&row.label).next().is_some();
        assert_eq!(
            shown,
            row.relation.is_difference(),
            "row {} ({:?})",
            row.label,
            row.relation
        );
    }
}

#[test]
fn clicking_a_cell_opens_the_case_at_its_evidence() {
    let lib = bundled();
    let a = lib.case("company-a").unwrap().clone();
    let b = lib.case("company-b").unwrap().clone();
    let cmp = compare(lib.framework("asp-alliances").unwrap(), &[&a, &b], None).unwrap();
    let row = cmp.rows().find(|r| r.dimension == "founded").unwrap();
    let cell = &row.cells[0];
    let evidence = cell
        .evidence
        .iter()
        .find(|e| e.reference.is_some())
        .unwrap();
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.run();
    tick_two_and_compare(&mut h, &a.title, &b.title);
    let label = format!("{}: {}: {}", row.label, a.title, cell.items[0].text);
    h.get_by_label(&label).click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.view, View::Reader);
    assert_eq!(ws.open_case.as_deref(), Some("company-a"));
    let focus = ws.focus.as_ref().expect("focus");
    assert_eq!(
        Some(focus.paragraph.as_str()),
        evidence.reference.as_deref()
    );
    assert_eq!(focus.quote, evidence.quote);
}

#[test]
fn collapse_a_group_and_remove_a_column() {
    let lib = bundled();
    let a = lib.case("company-a").unwrap().clone();
    let b = lib.case("company-b").unwrap().clone();
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.run();
    tick_two_and_compare(&mut h, &a.title, &b.title);
    assert!(h.query_by_label("Founded").is_some());
    h.get_by_label_contains("Organisation (").click();
    h.run();
    assert!(
        h.query_by_label("Founded").is_none(),
        "collapsed group hides its rows"
    );
    h.get_by_label_contains("Organisation (").click();
    h.run();
    assert!(h.query_by_label("Founded").is_some());
    let removes: Vec<_> = h.query_all_by_label("Remove").collect();
    assert_eq!(removes.len(), 2);
    removes[0].click();
    h.run();
    assert_eq!(h.state().workspace.compare, vec!["company-b".to_owned()]);
}

#[test]
fn the_view_shows_the_error_the_cli_prints() {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![crate::util::project("tests/fixtures/other-course")],
    });
    let ids = vec!["company-a".to_owned(), "acme".to_owned()];
    let expected = caselens::compare::compare_ids(&lib, &ids, None)
        .expect_err("cases of two frameworks")
        .to_string();
    assert!(expected.contains("different frameworks"), "{expected}");
    let mut app = CaselensApp::with_library(lib, vec![]);
    for id in ids {
        app.workspace
            .apply(caselens::workspace::Action::ToggleCompare(id));
    }
    app.workspace
        .apply(caselens::workspace::Action::SetView(View::Compare));
    let mut h = harness(app);
    h.run();
    assert!(
        h.query_by_label_contains(&expected).is_some(),
        "the compare view shows: {expected}"
    );
}

#[test]
fn two_columns_share_the_width_of_the_window() {
    let app = crate::util::a_with_b();
    let mut h = crate::util::harness_sized(app, 1400.0, 900.0);
    h.run();
    let last = h.get_by_label_contains("Founded: Company B").rect();
    assert!(
        last.max.x > 1400.0 - 40.0,
        "the last column ends at {} of 1400 px",
        last.max.x
    );
}

#[test]
fn copy_as_markdown_copies_the_rows_shown() {
    let mut app = crate::util::a_with_b();
    app.workspace
        .apply(caselens::workspace::Action::ToggleDifferencesOnly);
    let expected = {
        let ws = &app.workspace;
        let cmp = ws.comparison().unwrap();
        let fw = ws.library.framework(&cmp.framework).unwrap();
        caselens::export::markdown(&cmp, fw, ws.row_filter())
    };
    let mut h = harness(app);
    h.run();
    h.get_by_label("Copy as Markdown").click();
    // The copy happens in the frame that handles the click.
    h.step();
    let copied: Vec<&String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec![&expected]);
    assert!(expected.contains("| Region |"), "differing rows are in it");
    assert!(
        !expected.contains("| Founded |"),
        "known-for-some rows are not"
    );
}

#[test]
fn a_cell_note_shows_on_hover_and_opens_from_its_marker() {
    let mut app = crate::util::a_with_b();
    app.workspace.apply(caselens::workspace::Action::Edit(
        caselens::workspace::Edit::AddNote {
            case: "company-a".into(),
            dimension: Some("founded".into()),
            text: "Check the founding year in another source".into(),
        },
    ));
    let mut h = crate::util::harness_sized(app, 1400.0, 900.0);
    h.run();
    let cell = h.get_by_label_contains("Founded: Company A");
    cell.hover();
    h.run();
    assert!(
        h.query_by_label("Check the founding year in another source")
            .is_some(),
        "the hover shows the note's text"
    );
    let marker = h.get_by_label("1 note(s)").rect();
    h.hover_at(marker.center());
    h.event(egui::Event::PointerButton {
        pos: marker.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: marker.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    assert_eq!(
        h.get_by_label("Cell note").value().as_deref(),
        Some("Check the founding year in another source"),
        "the note opened for editing"
    );
    assert_eq!(h.state().workspace.view, View::Compare, "not the reader");
    h.get_by_label("Cell note").type_text(" (FACTS)");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    let notes: Vec<_> = h.state().workspace.notebook.items().cloned().collect();
    assert_eq!(notes.len(), 1, "edited, not added");
    assert_eq!(
        notes[0].text.as_deref(),
        Some("Check the founding year in another source (FACTS)")
    );
}

#[test]
fn rows_below_the_view_are_drawn_when_scrolled_to() {
    // Rows out of sight are not laid out until they come near (the view's first frame used to
    // measure all of them); scrolling must still reach and draw every one.
    let mut app = crate::util::app_on("corio");
    app.workspace
        .apply(caselens::workspace::Action::CompareWith(
            "jamcracker".to_owned(),
        ));
    let cmp = app.workspace.comparison().expect("a comparison");
    let first = cmp.rows().next().expect("rows").label.clone();
    let group = cmp.groups.last().expect("groups");
    let last = group.rows.last().expect("rows").label.clone();
    let last_group = format!("- {} ({} rows)", group.title, group.rows.len());
    let labels: Vec<String> = group.rows.iter().map(|r| r.label.clone()).collect();
    let mut h = crate::util::harness_sized(app, 1000.0, 500.0);
    h.run();
    assert_eq!(h.state().workspace.view, View::Compare);
    assert!(h.query_by_label(&first).is_some(), "the first row is drawn");
    assert!(
        h.query_by_label(&last).is_none(),
        "the last row is out of sight"
    );
    // Down to the last group, then row by row as each comes near.
    h.get_by_label(&last_group).scroll_to_me();
    h.run();
    for row in &labels {
        if let Some(node) = h.query_by_label(row) {
            node.scroll_to_me();
            h.run();
        }
    }
    let node = h.get_by_label(&last);
    assert!(node.rect().bottom() <= 500.0, "the last row is in sight");
}
