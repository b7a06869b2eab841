//! The search panel: Ctrl+Shift+F / Ctrl+F, hits grouped by case, Enter and F3 open hits.

use caselens::search::{Index, Place, Query};
use caselens::ui::CaselensApp;
use caselens::ui::views::reader::focus_mark;
use caselens::workspace::{Focus, View};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, bundled, harness};

fn open_search(h: &mut egui_kittest::Harness<'static, CaselensApp>, shift: bool) {
    let modifiers = if shift {
        Modifiers::COMMAND.plus(Modifiers::SHIFT)
    } else {
        Modifiers::COMMAND
    };
    h.key_press_modifiers(modifiers, Key::F);
    h.run();
}

/// Paragraph hits for `text` over the bundled cases, as the panel lists them.
fn expected(text: &str) -> Vec<(String, Place, std::ops::Range<usize>)> {
    let lib = bundled();
    let index = Index::build(&lib, None);
    index
        .search(&Query::parse(text).expect("a query"))
        .into_iter()
        .flat_map(|c| {
            let case = c.case.clone();
            c.hits
                .into_iter()
                .map(move |h| (case.clone(), h.place, h.range))
        })
        .collect()
}

#[test]
fn ctrl_shift_f_opens_the_panel_with_the_field_focused() {
    let mut h = harness(CaselensApp::with_library(bundled(), vec![]));
    h.run();
    open_search(&mut h, true);
    assert!(h.state().workspace.search.is_some());
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Search")
            .is_focused()
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().workspace.search.is_none(), "Escape closes it");
}

#[test]
fn typing_lists_hits_under_case_headers_and_f3_steps_through_them() {
    let lib = bundled();
    let mut h = harness(CaselensApp::with_library(lib.clone(), vec![]));
    h.run();
    open_search(&mut h, true);
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("allaince");
    h.run();
    let hits = expected("allaince");
    assert!(hits.len() > 1, "the typo still finds alliances");
    assert_eq!(h.state().search_view.hit_count(), hits.len());
    let title = &lib.case(&hits[0].0).expect("case").title;
    // Once in the library list, once as the header of its hits.
    let shown = h.query_all_by_label(title).count();
    assert!(shown >= 2, "case header {title}");
    // Step to the first paragraph hit with F3, then check F3 moves on.
    let first_para = hits
        .iter()
        .position(|(_, p, _)| matches!(p, Place::Paragraph { .. }))
        .expect("a paragraph hit");
    for _ in 0..=first_para {
        h.key_press(Key::F3);
        h.run();
    }
    let (case, place, range) = &hits[first_para];
    let Place::Paragraph { section, paragraph } = place else {
        unreachable!()
    };
    let ws = &h.state().workspace;
    assert_eq!(ws.view, View::Reader);
    assert_eq!(ws.open_case.as_deref(), Some(case.as_str()));
    let focus = ws.focus.clone().expect("focus");
    assert_eq!(focus.paragraph, format!("{section}/{paragraph}"));
    assert_eq!(focus.range, Some((range.start, range.end)));
    assert_eq!(h.state().search_view.current, Some(first_para));
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().search_view.current, Some(first_para + 1));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(h.state().search_view.current, Some(first_para));
    assert!(
        h.query_by_label(&format!("{} / {}", first_para + 1, hits.len()))
            .is_some()
    );
}

#[test]
fn enter_in_the_field_opens_the_first_hit() {
    let hits = expected("allaince");
    let (case, place, range) = hits[0].clone();
    let mut h = harness(CaselensApp::with_library(bundled(), vec![]));
    h.run();
    open_search(&mut h, true);
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("allaince");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.open_case.as_deref(), Some(case.as_str()));
    if let Place::Paragraph { .. } = place {
        let focus = ws.focus.clone().expect("focus");
        assert_eq!(focus.range, Some((range.start, range.end)));
    }
    assert_eq!(h.state().search_view.current, Some(0));
}

#[test]
fn ctrl_f_in_the_reader_searches_the_open_case_only() {
    let mut h = harness(app_on("company-b"));
    h.run();
    open_search(&mut h, false);
    let scope = h.state().workspace.search.clone().expect("open").scope;
    assert_eq!(scope.as_deref(), Some("company-b"));
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("allaince");
    h.run();
    let in_b = expected("allaince")
        .iter()
        .filter(|(c, _, _)| c == "company-b")
        .count();
    assert!(in_b > 0);
    assert_eq!(h.state().search_view.hit_count(), in_b);
}

#[test]
fn the_reader_marks_the_given_range_not_the_first_occurrence() {
    let focus = Focus {
        paragraph: "s/p".into(),
        quote: Some("ab".into()),
        range: Some((4, 6)),
        scroll_pending: false,
    };
    assert_eq!(focus_mark(&focus, "ab, ab, ab"), 4..6);
    let quote_only = Focus {
        range: None,
        ..focus.clone()
    };
    assert_eq!(focus_mark(&quote_only, "ab, ab, ab"), 0..2);
    let outside = Focus {
        range: Some((4, 60)),
        ..focus
    };
    assert_eq!(
        focus_mark(&outside, "ab, ab, ab"),
        0..2,
        "a stale range is ignored"
    );
}

#[test]
fn clicking_a_paragraph_hit_opens_it_with_its_range() {
    let lib = bundled();
    let results = Index::build(&lib, None).search(&Query::parse("allaince").expect("a query"));
    let (case, hit) = results
        .iter()
        .flat_map(|c| c.hits.iter().map(move |h| (c.case.clone(), h.clone())))
        .find(|(_, h)| matches!(h.place, Place::Paragraph { .. }))
        .expect("a paragraph hit");
    let Place::Paragraph { section, paragraph } = &hit.place else {
        unreachable!()
    };
    let mut h = harness(CaselensApp::with_library(lib.clone(), vec![]));
    h.run();
    open_search(&mut h, true);
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("allaince");
    h.run();
    let label = format!("¶ {section}/{paragraph}  {}", hit.snippet.text);
    h.get_by_label(&label).click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.open_case.as_deref(), Some(case.as_str()));
    let focus = ws.focus.clone().expect("focus");
    assert_eq!(focus.paragraph, format!("{section}/{paragraph}"));
    assert_eq!(focus.range, Some((hit.range.start, hit.range.end)));
}

#[test]
fn escape_closes_an_open_combo_box_or_menu_first_then_the_panel() {
    let mut h = harness(CaselensApp::with_library(bundled(), vec![]));
    h.run();
    open_search(&mut h, true);
    // A combo box drawn after the panel (the library's sort).
    h.get_by_role_and_label(Role::ComboBox, "Sort by").click();
    h.run();
    assert!(h.query_by_role_and_label(Role::Button, "Title").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_role_and_label(Role::Button, "Title").is_none());
    assert!(
        h.state().workspace.search.is_some(),
        "Escape closed the combo box only"
    );
    // A menu drawn before the panel (the menu bar).
    h.get_by_label("View").click();
    h.run();
    assert!(
        h.query_by_label_contains("Problems (").is_some(),
        "the View menu is open"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Problems (").is_none());
    assert!(
        h.state().workspace.search.is_some(),
        "Escape closed the menu only"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state().workspace.search.is_none(),
        "then Escape closes the panel"
    );
}
