//! The *Coded passages* view: a code chosen in the picker lists Corio's coded facet; clicking it
//! opens the reader at that paragraph; All/Any; thousands of highlights in one list.

use caselens::workspace::{Action, View};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

const FACET_QUOTE: &str = "“PeopleSoft's applications filled a resource gap”";

/// The app with the Coded passages view opened by Ctrl+5.
fn coded_view(app: caselens::ui::CaselensApp) -> Harness<'static, caselens::ui::CaselensApp> {
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num5);
    h.run();
    assert_eq!(h.state().workspace.view, View::Coded);
    h
}

#[test]
fn a_code_chosen_in_the_picker_lists_corio_facet_and_a_click_opens_the_passage() {
    let mut h = coded_view(app_on("company-a"));
    assert!(
        h.query_by_label(FACET_QUOTE).is_none(),
        "no code chosen yet"
    );
    h.get_by_label("Codes").click();
    h.run();
    h.get_by_label("Search codes").type_text("faster");
    h.run();
    h.get_by_label("Practitioner rationale › Faster and cheaper than building")
        .click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(
        h.state().coded_view.codes,
        vec!["RAT.practice.speed-and-cost".to_owned()]
    );
    assert!(h.query_by_label("2 passage(s)").is_some());
    h.get_by_label(FACET_QUOTE).click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.view, View::Reader);
    assert_eq!(ws.open_case.as_deref(), Some("corio"));
    let focus = ws.focus.as_ref().expect("a passage in focus");
    assert_eq!(focus.paragraph, "alliances/p1");
}

#[test]
fn all_needs_every_code_any_takes_either() {
    let mut app = app_on("company-a");
    app.coded_view.codes = vec!["TYPE.hosting".into(), "RAT.practice.speed-and-cost".into()];
    let mut h = coded_view(app);
    assert!(
        h.query_by_label(FACET_QUOTE).is_none(),
        "Corio's rationale facet is not of TYPE"
    );
    assert!(h.query_by_label("0 passage(s)").is_some());
    h.get_by_label("Any code").click();
    h.run();
    assert!(h.query_by_label(FACET_QUOTE).is_some());
    h.get_by_label("All codes").click();
    h.run();
    assert!(h.query_by_label(FACET_QUOTE).is_none());
}

#[test]
fn thousands_of_highlights_are_one_list_with_only_visible_rows_laid_out() {
    let mut app = app_on("corio");
    let text: String = app
        .workspace
        .library
        .case("corio")
        .unwrap()
        .paragraph("background/p1")
        .unwrap()
        .text
        .chars()
        .take(5)
        .collect();
    for _ in 0..2000 {
        app.workspace
            .apply(Action::Edit(caselens::workspace::Edit::AddHighlight {
                paragraph: "background/p1".into(),
                start: 0,
                end: 5,
                codes: vec!["TYPE.hosting".into()],
                comment: String::new(),
            }));
    }
    app.coded_view.codes = vec!["TYPE.hosting".into()];
    let h = coded_view(app);
    let total = h.state().workspace.notebook.items().count();
    assert_eq!(total, 2000);
    let listed = h.query_all_by_label(&format!("“{text}”")).count();
    assert!(listed > 5 && listed < 100, "{listed} rows laid out");
}

#[test]
fn presenting_leaves_your_own_highlights_out_of_the_coded_passages_until_shown() {
    let mut app = app_on("corio");
    app.workspace
        .apply(Action::Edit(caselens::workspace::Edit::AddHighlight {
            paragraph: "background/p1".into(),
            start: 0,
            end: 5,
            codes: vec!["RAT.practice.speed-and-cost".into()],
            comment: String::new(),
        }));
    app.coded_view.codes = vec!["RAT.practice.speed-and-cost".into()];
    let mut h = coded_view(app);
    assert!(
        h.query_by_label("3 passage(s)").is_some(),
        "the facets and your highlight"
    );
    h.key_press(egui::Key::F11);
    h.run();
    assert!(h.state().workspace.present.hides_private());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num5);
    h.run();
    assert_eq!(h.state().workspace.view, View::Coded);
    assert!(
        h.query_by_label("2 passage(s)").is_some(),
        "only the cases' coded facets while your notes are hidden"
    );
    h.key_press(egui::Key::N);
    h.run();
    assert!(!h.state().workspace.present.hides_private());
    assert!(h.query_by_label("3 passage(s)").is_some(), "shown again");
}
