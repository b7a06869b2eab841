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
