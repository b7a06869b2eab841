//! Small windows and legible text: side panels collapse to toggles so the main text keeps a
//! readable width and wraps inside it; nothing is drawn in egui's 9 px `Small` size.

use caselens::ui::CaselensApp;
use caselens::ui::theme;
use caselens::workspace::{Action, View};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util::{a_with_b, app_on, harness_sized};

/// The accessible name of the first paragraph of `case`.
fn first_paragraph(app: &CaselensApp, case: &str) -> String {
    let case = app.workspace.library.case(case).expect("a bundled case");
    let section = &case.sections[0];
    format!("Paragraph {}/{}", section.id, section.paragraphs[0].id)
}

fn reader_at(width: f32, height: f32) -> (Harness<'static, CaselensApp>, String) {
    let app = app_on("company-a");
    let paragraph = first_paragraph(&app, "company-a");
    let mut h = harness_sized(app, width, height);
    h.run();
    (h, paragraph)
}

#[test]
fn at_800x600_the_facets_panel_is_a_toggle_and_opened_it_sits_right_of_the_wrapped_text() {
    let (mut h, paragraph) = reader_at(800.0, 600.0);
    // Collapsed: the text has the window beside the library, and a toggle offers the panel.
    assert!(
        h.query_by_label("Facets").is_none(),
        "the panel is collapsed"
    );
    let text = h.get_by_label(&paragraph).rect();
    assert!(text.right() <= 800.0, "the text fits the window: {text:?}");
    h.get_by_label("Facets and notes").click();
    h.run();
    // Opened: the panel shows, and the text wraps left of it instead of running under it.
    let panel_left = h.get_by_label("Facets").rect().left();
    let text = h.get_by_label(&paragraph).rect();
    assert!(
        text.right() <= panel_left,
        "the paragraph {text:?} runs under the panel starting at {panel_left}"
    );
    assert!(text.width() >= 200.0, "the text keeps a usable width");
    // The library it pushed out keeps a toggle: pressing it swaps the panels back.
    assert!(
        h.query_by_label("Filter").is_none(),
        "the library made room"
    );
    h.get_by_role_and_label(Role::Button, "Library").click();
    h.run();
    assert!(h.query_by_label("Filter").is_some(), "the library is back");
    assert!(
        h.query_by_label("Facets").is_none(),
        "and the facets collapsed"
    );
    // The side toggle still opens and closes the facets.
    h.get_by_label("Facets and notes").click();
    h.run();
    assert!(h.query_by_label("Facets").is_some());
    h.get_by_label("Facets and notes").click();
    h.run();
    assert!(h.query_by_label("Facets").is_none());
}

#[test]
fn at_1600_and_1280_the_reader_shows_both_panels_and_no_toggles() {
    for (width, height) in [(1600.0, 1000.0), (1280.0, 720.0)] {
        let (h, paragraph) = reader_at(width, height);
        assert!(h.query_by_label("Facets and notes").is_none(), "{width}");
        assert!(
            h.query_by_label("Library").is_some(),
            "{width}: the library heading"
        );
        let panel_left = h.get_by_label("Facets").rect().left();
        let text = h.get_by_label(&paragraph).rect();
        assert!(
            text.right() <= panel_left,
            "{width}: {text:?} vs {panel_left}"
        );
    }
}

#[test]
fn in_a_narrow_compare_view_the_library_is_a_toggle_that_opens_it() {
    let app = a_with_b();
    let title = app.workspace.library.case("corio").unwrap().title.clone();
    let tick = format!("Compare {title}");
    let mut h = harness_sized(app, 800.0, 600.0);
    h.run();
    assert_eq!(h.state().workspace.view, View::Compare);
    assert!(
        h.query_by_label(&tick).is_none(),
        "the library is collapsed"
    );
    h.get_by_label("Library").click();
    h.run();
    h.get_by_label(&tick).click();
    h.run();
    assert!(h.state().workspace.compare.iter().any(|c| c == "corio"));
}

#[test]
fn at_800x600_the_matrix_family_picker_is_in_view_and_a_cell_click_opens_the_evidence() {
    let mut app = a_with_b();
    app.workspace.apply(Action::SetView(View::Matrix));
    let mut h = harness_sized(app, 800.0, 600.0);
    h.run();
    let picker = h.get_by_label("Code family").rect();
    assert!(
        picker.right() <= 800.0 && picker.bottom() <= 600.0,
        "{picker:?}"
    );
    // Nothing is drawn over it: the evidence panel is collapsed to a toggle.
    assert!(h.query_by_label("Coded units per case").is_none());
    assert!(h.query_by_label("Chart and evidence").is_some());
    let cell = h
        .get_all_by_label_contains(" x Total: ")
        .next()
        .expect("a total cell")
        .rect();
    assert!(cell.right() <= 800.0, "{cell:?}");
    h.get_all_by_label_contains(" x Total: ")
        .next()
        .unwrap()
        .click();
    h.run();
    let picker = h.get_by_label("Code family").rect();
    let heading = h.get_by_label("Coded units per case").rect();
    assert!(
        picker.right() <= heading.left(),
        "the panel opened beside the picker, not over it"
    );
}

#[test]
fn small_text_is_at_least_body_size_minus_two() {
    let (h, _) = reader_at(1400.0, 900.0);
    let small = h.ctx.global_style().text_styles[&egui::TextStyle::Small].size;
    assert!(small >= theme::BODY_SIZE - 2.0, "Small is {small} px");
    // And the drawn text is that big: a compare relation tag is one line of it.
    let mut h = harness_sized(a_with_b(), 1600.0, 1000.0);
    h.run();
    let tag = ["same", "partly shared", "different", "known for only some"]
        .iter()
        .find_map(|t| {
            h.query_all_by_role_and_label(Role::Label, t)
                .next()
                .map(|n| n.rect())
        })
        .expect("a row's relation tag");
    assert!(tag.height() >= theme::BODY_SIZE - 2.0, "{tag:?}");
}

#[test]
fn compare_numbers_start_at_the_column_edge_like_text() {
    let mut h = harness_sized(a_with_b(), 1600.0, 1000.0);
    h.run();
    // Company A: founded 1999 (a year) and a sector in words, in the same column.
    let year = h.get_by_role_and_label(Role::Label, "1999").rect();
    let text = h
        .get_by_role_and_label(
            Role::Label,
            "E-business solutions: front-office applications for sales, marketing and customer service",
        )
        .rect();
    assert!(
        (year.left() - text.left()).abs() < 1.0,
        "the year starts at {} and the text at {}",
        year.left(),
        text.left()
    );
}

#[test]
fn at_1600_the_compare_columns_share_the_width() {
    let mut h = harness_sized(a_with_b(), 1600.0, 1000.0);
    h.run();
    // Each case column's "Open" button sits at the column's left edge: two columns of about
    // half of what the library and the dimension column leave, reaching the window's right.
    let opens: Vec<egui::Rect> = h.get_all_by_label("Open").map(|n| n.rect()).collect();
    assert_eq!(opens.len(), 2);
    let column = opens[1].left() - opens[0].left();
    assert!(column > 500.0, "a column is {column} px");
    assert!(opens[1].left() + column >= 1550.0, "{opens:?}");
}

#[test]
fn compare_relation_tags_take_their_lines_without_running_into_the_next_row() {
    let mut h = harness_sized(a_with_b(), 1280.0, 720.0);
    h.run();
    // "known for only some (1 of 2 known)" takes two lines at a legible size; its row (the
    // cells' click targets span it) must be tall enough for them.
    let rows: Vec<egui::Rect> = h
        .get_all_by_role(Role::Button)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains(": Company A"))
        })
        .map(|n| n.rect())
        .collect();
    let tags: Vec<egui::Rect> = h
        .get_all_by_role_and_label(Role::Label, "known for only some (1 of 2 known)")
        .map(|n| n.rect())
        .collect();
    assert!(!tags.is_empty() && !rows.is_empty());
    for tag in &tags {
        let row = rows
            .iter()
            .find(|r| r.top() <= tag.top() && tag.top() < r.bottom())
            .expect("the tag's row");
        assert!(
            tag.bottom() <= row.bottom(),
            "tag {tag:?} runs out of its row {row:?}"
        );
    }
}

#[test]
fn at_800x600_nothing_in_the_reader_runs_under_the_opened_facets_panel() {
    for case in ["agilera", "corio", "company-a"] {
        let mut h = harness_sized(app_on(case), 800.0, 600.0);
        h.run();
        h.get_by_label("Facets and notes").click();
        h.run();
        let panel = h.get_by_label("Facets").rect();
        let panel_left = panel.left();
        // The status bar runs under the whole window, below the panel, not under it.
        let status_top = h.get_by_label_contains("Notes by").rect().top();
        // Everything that starts left of the panel (the bar, the text, the alliances, the
        // questions) ends before it, the whole scroll height down. The tab bar above the
        // panel is not under it.
        let under: Vec<String> = h
            .get_all_by(|n| n.raw_bounds().is_some())
            .filter(|n| {
                let r = n.rect();
                r.left() < panel_left - 1.0
                    && r.right() > panel_left + 0.5
                    && r.bottom() > panel.top()
                    && r.top() < status_top
            })
            .map(|n| format!("{:?} {:?}", n.accesskit_node().label(), n.rect()))
            .collect();
        assert!(
            under.is_empty(),
            "{case}: under the panel at {panel_left}: {under:#?}"
        );
    }
}
