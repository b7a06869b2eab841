//! The reader's highlight bar: the comment box is multi-line, as wide as the bar, and starts
//! a fresh undo history for every highlight; its buttons stay on one line at 1280x720.

use caselens::ui::CaselensApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness, harness_sized};

type H = Harness<'static, CaselensApp>;

/// Selects the whole of Company A's first paragraph.
fn select(h: &mut H) {
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    assert!(h.state().reader.selection.is_some());
}

fn comment(h: &H) -> String {
    h.get_by_label("Comment").value().unwrap_or_default()
}

#[test]
fn the_comment_box_takes_several_lines_across_the_bar() {
    let mut h = harness(app_on("company-a"));
    h.run();
    select(&mut h);
    h.get_by_label("Comment").click();
    h.run();
    h.get_by_label("Comment").type_text("line one");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Comment").type_text("line two");
    h.run();
    assert_eq!(comment(&h), "line one\nline two");
    let field = h.get_by_label("Comment").rect();
    let highlight = h.get_by_label("Highlight").rect();
    assert!(
        field.width() > 400.0,
        "as wide as the bar, not a 150 px box: {field:?}"
    );
    assert!(
        field.top() > highlight.bottom(),
        "on its own line under the buttons"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run();
    let item = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(
        item.and_then(|i| i.text).as_deref(),
        Some("line one\nline two"),
        "Ctrl+Enter highlights with the whole comment"
    );
}

#[test]
fn after_a_highlight_ctrl_z_in_the_empty_comment_box_brings_nothing_back() {
    let mut h = harness(app_on("company-a"));
    h.run();
    select(&mut h);
    h.get_by_label("Comment").click();
    h.run();
    h.get_by_label("Comment").type_text("first thoughts");
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    assert_eq!(h.state().workspace.notebook.items().count(), 1);
    select(&mut h);
    assert_eq!(comment(&h), "");
    h.get_by_label("Comment").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(comment(&h), "", "the previous comment stays gone");
    assert_eq!(
        h.state().workspace.notebook.items().count(),
        1,
        "and the highlight stays"
    );
}

#[test]
fn at_1280x720_codes_highlight_and_cancel_share_one_line() {
    let mut h = harness_sized(app_on("company-a"), 1280.0, 720.0);
    h.run();
    select(&mut h);
    let codes = h
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Codes")
        .rect();
    let highlight = h.get_by_label("Highlight").rect();
    let cancel = h.get_by_label("Cancel").rect();
    assert_eq!(
        highlight.center().y,
        cancel.center().y,
        "Cancel did not wrap"
    );
    assert_eq!(codes.center().y, highlight.center().y);
    assert!(cancel.left() > highlight.right());
}
