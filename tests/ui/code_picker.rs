//! The shared code picker (reader's highlight bar): search focused on opening, grouped codes
//! with paths, "No code matches.", the search cleared when the picker reopens, your own codes
//! by label.

use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

/// Company A in the reader with its first paragraph selected, so the highlight bar is live.
fn with_selection(app: CaselensApp) -> Harness<'static, CaselensApp> {
    let mut h = harness(app);
    h.run();
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    assert!(h.state().reader.selection.is_some());
    h
}

#[test]
fn search_is_focused_says_when_nothing_matches_and_is_cleared_on_reopening() {
    let mut h = with_selection(app_on("company-a"));
    h.get_by_label("Codes").click();
    h.run();
    assert!(
        h.get_by_label("Search codes").is_focused(),
        "focused when opened"
    );
    h.get_by_label("Search codes")
        .type_text("zzzz no such code");
    h.run();
    assert!(h.query_by_label("No code matches.").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Search codes").is_none(), "closed");
    // The facets panel has a "Partnering rationale" row too: the family heading is one more.
    let before = h.query_all_by_label("Partnering rationale").count();
    h.get_by_label("Codes").click();
    h.run();
    assert_eq!(h.get_by_label("Search codes").value().as_deref(), Some(""));
    assert!(h.query_by_label("No code matches.").is_none());
    // Grouped by family, nested codes by their path.
    assert_eq!(
        h.query_all_by_label("Partnering rationale").count(),
        before + 1
    );
    assert!(
        h.query_by_label("Practitioner rationale › Market access")
            .is_some()
    );
}

#[test]
fn your_own_codes_are_offered_by_label_and_applied() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Edit(Edit::AddCode {
        label: "Mutual trust".into(),
        color: "#10b981".into(),
        parent: None,
    }));
    let id = app.workspace.notebook.file().codes[0].id.clone();
    let mut h = with_selection(app);
    h.get_by_label("Codes").click();
    h.run();
    h.get_by_label("Search codes").type_text("trust");
    h.run();
    assert!(h.query_by_label("Your own codes").is_some(), "its family");
    h.get_by_label("Mutual trust").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    let item = h
        .state()
        .workspace
        .notebook
        .items()
        .next()
        .cloned()
        .unwrap();
    assert_eq!(item.codes, vec![id]);
}

/// The codes of Company A's framework and the user's, as the picker lists them.
fn listed(h: &Harness<'static, CaselensApp>) -> Vec<String> {
    let book = h.state().workspace.codebook("asp-alliances");
    book.search("").iter().map(|e| e.id.clone()).collect()
}

/// The codes of the highlight added last.
fn last_highlight_codes(h: &Harness<'static, CaselensApp>) -> Vec<caselens::format::Id> {
    h.state()
        .workspace
        .notebook
        .items()
        .last()
        .map(|i| i.codes.clone())
        .expect("a highlight")
}

#[test]
fn arrows_move_a_highlighted_row_and_enter_toggles_it_while_the_search_keeps_focus() {
    let mut h = with_selection(app_on("company-a"));
    h.get_by_label("Codes").click();
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(
        h.get_by_label("Search codes").is_focused(),
        "the search keeps focus while the arrows move"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        h.query_by_label("Search codes").is_some(),
        "Enter toggles, the picker stays open"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Search codes").is_none(), "Escape closes");
    h.get_by_label("Highlight").click();
    h.run();
    assert_eq!(last_highlight_codes(&h), vec![listed(&h)[1].clone()]);
}

#[test]
fn enter_takes_the_first_match_of_a_search() {
    let mut h = with_selection(app_on("company-a"));
    h.get_by_label("Codes").click();
    h.run();
    h.get_by_label("Search codes").type_text("market access");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    let book = h.state().workspace.codebook("asp-alliances");
    let first = book.search("market access")[0].id.clone();
    assert_eq!(last_highlight_codes(&h), vec![first]);
}

#[test]
fn codes_applied_last_come_first_under_recent() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Edit(Edit::AddCode {
        label: "Mutual trust".into(),
        color: "#10b981".into(),
        parent: None,
    }));
    let id = app.workspace.notebook.file().codes[0].id.clone();
    let mut h = with_selection(app);
    h.get_by_label("Codes").click();
    h.run();
    assert!(h.query_by_label("Recent").is_none(), "nothing applied yet");
    h.get_by_label("Search codes").type_text("trust");
    h.run();
    h.get_by_label("Mutual trust").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();

    // The next selection: the code applied last is the picker's first row.
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Codes").click();
    h.run();
    assert!(h.query_by_label("Recent").is_some(), "a Recent group");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    assert_eq!(h.state().workspace.notebook.items().count(), 2);
    assert_eq!(last_highlight_codes(&h), vec![id]);
}

#[test]
fn the_popup_keeps_its_size_and_place_while_the_search_narrows_the_list() {
    let mut h = with_selection(app_on("company-a"));
    h.get_by_label("Codes").click();
    h.run();
    let popup = |h: &Harness<'static, CaselensApp>| {
        let search = h.get_by_label("Search codes").rect();
        // The popup is the one area in front of the window's panels.
        let list = h.ctx.memory(|m| {
            let mut fronts: Vec<egui::Rect> = m
                .areas()
                .visible_layer_ids()
                .into_iter()
                .filter(|l| l.order == egui::Order::Foreground)
                .filter_map(|l| m.area_rect(l.id))
                .collect();
            assert_eq!(fronts.len(), 1, "one popup: {fronts:?}");
            fronts.pop()
        });
        (search, list)
    };
    let before = popup(&h);
    h.get_by_label("Search codes").type_text("hosting");
    h.run();
    assert_eq!(popup(&h), before, "one match");
    h.get_by_label("Search codes").type_text("zzzz");
    h.run();
    assert!(h.query_by_label("No code matches.").is_some());
    assert_eq!(popup(&h), before, "no match");
}

#[test]
fn space_after_an_arrow_toggles_and_otherwise_types_in_the_search() {
    let mut h = with_selection(app_on("company-a"));
    h.get_by_label("Codes").click();
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(
        h.get_by_label("Search codes").value().as_deref(),
        Some(""),
        "that Space ticked the row, it typed nothing"
    );
    h.get_by_label("Search codes").type_text("market access");
    h.run();
    assert_eq!(
        h.get_by_label("Search codes").value().as_deref(),
        Some("market access"),
        "a Space while typing is text"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    assert_eq!(last_highlight_codes(&h), vec![listed(&h)[0].clone()]);
}

#[test]
fn ticking_by_keyboard_does_not_shift_the_rows_under_the_cursor() {
    let mut h = with_selection(app_on("company-a"));
    h.get_by_label("Codes").click();
    h.run();
    for key in [egui::Key::ArrowDown, egui::Key::ArrowDown, egui::Key::Enter] {
        h.key_press(key);
        h.run();
    }
    // The code just ticked joins "Recent" only at the next opening: a second Enter unticks
    // the same row instead of ticking the one that moved under the cursor.
    assert!(h.query_by_label("Recent").is_none());
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    assert_eq!(last_highlight_codes(&h), Vec::<String>::new());
}

#[test]
fn enter_takes_a_label_that_starts_with_the_search_before_a_description_match() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Edit(Edit::AddCode {
        label: "Hosting risk".into(),
        color: "#10b981".into(),
        parent: None,
    }));
    let parent = app.workspace.notebook.file().codes[0].id.clone();
    app.workspace.apply(Action::Edit(Edit::AddCode {
        label: "Vendor dependence".into(),
        color: "#10b981".into(),
        parent: Some(parent),
    }));
    let id = app.workspace.notebook.file().codes[1].id.clone();
    let mut h = with_selection(app);
    h.get_by_label("Codes").click();
    h.run();
    // "ISV alliance" matches too, by its definition ("independent software vendor").
    h.get_by_label("Search codes").type_text("vendor dep");
    h.run();
    assert!(
        h.query_by_label("Hosting risk › Vendor dependence")
            .is_some()
    );
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    assert_eq!(last_highlight_codes(&h), vec![id]);
}
