//! *Notes > Edit…* of a highlight: the editor shows the quote being edited, and its codes are
//! a compact picker, so the comment and Save stay in view even in a small window.

use caselens::workspace::{Action, Edit};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness_sized};

#[test]
fn edit_shows_the_quote_and_keeps_comment_and_save_in_view() {
    let mut app = app_on("company-a");
    let text = app
        .workspace
        .library
        .case("company-a")
        .and_then(|c| c.paragraph("background/p1"))
        .map(|p| p.text.clone())
        .expect("the first paragraph");
    assert!(
        text.chars().count() > 80,
        "longer than the notes list shows"
    );
    app.workspace.apply(Action::Edit(Edit::AddHighlight {
        paragraph: "background/p1".into(),
        start: 0,
        end: text.chars().count(),
        codes: Vec::new(),
        comment: "my comment".into(),
    }));
    let mut h = harness_sized(app, 1280.0, 720.0);
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    h.get_by_label("Edit…").click();
    h.run();
    assert!(
        h.query_by_label(&format!("“{text}”")).is_some(),
        "the whole quote being edited"
    );
    let save = h.get_by_label("Save").rect();
    let comment = h.get_by_label("Comment text").rect();
    assert!(save.bottom() <= 720.0, "Save in view: {save:?}");
    assert!(comment.bottom() <= save.top(), "the comment above Save");
    h.get_by_label("Comment text").type_text(", edited");
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run();
    let item = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(
        item.and_then(|i| i.text).as_deref(),
        Some("my comment, edited")
    );
}

#[test]
fn the_editors_picker_searches_ticks_by_keyboard_and_escape_closes_only_the_picker() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Edit(Edit::AddHighlight {
        paragraph: "background/p1".into(),
        start: 0,
        end: 20,
        codes: Vec::new(),
        comment: String::new(),
    }));
    let mut h = harness_sized(app, 1280.0, 720.0);
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    h.get_by_label("Edit…").click();
    h.run();
    // The editor's picker is the lower of the two (the highlight bar has one too).
    h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, "Codes")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("the editor's picker")
        .click();
    h.run();
    assert!(h.get_by_label("Search codes").is_focused());
    h.get_by_label("Search codes").type_text("market access");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Search codes").is_none(),
        "the picker closed"
    );
    assert!(
        h.query_by_label("Discard what you typed?").is_none(),
        "the editor did not take that Escape"
    );
    h.get_by_label("Save").click();
    h.run();
    let book = h.state().workspace.codebook("asp-alliances");
    let first: caselens::format::Id = book.search("market access")[0].id.as_str().into();
    let item = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(item.map(|i| i.codes), Some(vec![first]));
}
