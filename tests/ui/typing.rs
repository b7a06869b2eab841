//! Keys typed into text fields belong to the field: Ctrl+Z never undoes a notes edit while a
//! field has focus (one rule for the whole app), Ctrl+H is not an app shortcut, and dialogs
//! that take text fit the window, save on Ctrl+Enter and ask before Escape discards.

use caselens::workspace::{Action, Edit, View};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness, harness_sized};

/// Ctrl as a real keyboard on Linux sends it: both `ctrl` and `command`.
const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);

fn with_one_memo(case: &str) -> caselens::ui::CaselensApp {
    let mut app = app_on(case);
    app.workspace.apply(Action::Edit(Edit::AddMemo {
        case: None,
        title: "Kept".into(),
        text: "a memo that Ctrl+Z in a field must not undo".into(),
    }));
    app
}

/// Selects the whole of Company A's first paragraph with the keyboard.
fn select_first_paragraph(h: &mut egui_kittest::Harness<'static, caselens::ui::CaselensApp>) {
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.run();
}

fn memos(h: &egui_kittest::Harness<'static, caselens::ui::CaselensApp>) -> usize {
    h.state().workspace.notebook.items().count()
}

/// Types into the field labelled `label`, presses Ctrl+Z there, and checks the notes edit
/// survived; then leaves the field and checks Ctrl+Z undoes it after all.
fn ctrl_z_in_field_keeps_notes(
    mut h: egui_kittest::Harness<'static, caselens::ui::CaselensApp>,
    label: &str,
) {
    h.run();
    assert_eq!(memos(&h), 1);
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("agil");
    h.run();
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(memos(&h), 1, "Ctrl+Z in {label} undid a notes edit");
    // Outside any field the same key undoes the notes edit: the rule is not "never".
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().workspace.apply(Action::SetView(View::Reader));
    h.run();
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(memos(&h), 0, "Ctrl+Z outside a field undoes");
}

#[test]
fn ctrl_z_in_the_library_filter_edits_the_filter_not_the_notes() {
    ctrl_z_in_field_keeps_notes(harness(with_one_memo("company-a")), "Filter");
}

#[test]
fn ctrl_z_in_the_comment_box_edits_the_comment_not_the_notes() {
    let mut h = harness(with_one_memo("company-a"));
    h.run();
    select_first_paragraph(&mut h);
    assert!(h.state().reader.selection.is_some());
    ctrl_z_in_field_keeps_notes(h, "Comment");
}

#[test]
fn ctrl_z_in_the_your_codes_label_field_keeps_notes() {
    let mut app = with_one_memo("company-a");
    app.workspace.apply(Action::ToggleCodesWindow);
    ctrl_z_in_field_keeps_notes(harness(app), "Label");
}

#[test]
fn ctrl_z_while_a_passage_is_selected_still_undoes() {
    let mut h = harness(with_one_memo("company-a"));
    h.run();
    select_first_paragraph(&mut h);
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        memos(&h),
        0,
        "a read-only passage is not a field being typed in"
    );
}

#[test]
fn the_comment_is_saved_exactly_as_typed_with_the_highlight_shortcut() {
    let mut h = harness(app_on("company-a"));
    h.run();
    select_first_paragraph(&mut h);
    h.get_by_label("Comment").click();
    h.run();
    h.get_by_label("Comment")
        .type_text("first highlight comment");
    h.run();
    // The old shortcut is only the field's Backspace now: it must not highlight.
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    assert_eq!(memos(&h), 0, "Ctrl+H is not the Highlight shortcut");
    h.get_by_label("Comment").type_text("t");
    h.run();
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    let items: Vec<_> = h.state().workspace.notebook.items().cloned().collect();
    assert_eq!(items.len(), 1, "Ctrl+Enter highlights");
    assert_eq!(items[0].text.as_deref(), Some("first highlight comment"));
}

fn open_cell_note(h: &mut egui_kittest::Harness<'static, caselens::ui::CaselensApp>) {
    h.run();
    h.get_by_label_contains("Founded: Company A")
        .click_secondary();
    h.run();
    h.get_by_label("Add note…").click();
    h.run();
}

#[test]
fn a_long_cell_note_keeps_its_dialog_inside_the_window() {
    let mut h = harness_sized(crate::util::a_with_b(), 1000.0, 700.0);
    open_cell_note(&mut h);
    let long: String = (1..=80).fold(String::new(), |mut s, i| {
        s.push_str(&format!("line {i} of a long note\n"));
        s
    });
    h.get_by_label("Cell note").type_text(&long);
    h.run();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 700.0));
    for label in ["Note on a cell", "Save note", "Cancel"] {
        let rect = h.get_by_label_contains(label).rect();
        assert!(
            window.contains_rect(rect),
            "{label} at {rect:?} is outside the window"
        );
    }
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    let note = h
        .state()
        .workspace
        .notebook
        .items()
        .next()
        .cloned()
        .expect("Ctrl+Enter saved the note");
    assert_eq!(note.text.as_deref(), Some(long.as_str()));
    assert_eq!(
        note.target.and_then(|t| t.dimension).as_deref(),
        Some("founded")
    );
}

#[test]
fn escape_asks_before_discarding_a_typed_cell_note() {
    let mut h = harness(crate::util::a_with_b());
    open_cell_note(&mut h);
    h.get_by_label("Cell note").type_text("half a thought");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Discard what you typed?").is_some(),
        "Escape asks first"
    );
    h.get_by_label("Keep editing").click();
    h.run();
    assert_eq!(
        h.get_by_label("Cell note").value().as_deref(),
        Some("half a thought"),
        "the text is still there"
    );
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.query_by_label("Cell note").is_none(), "closed");
    assert_eq!(memos(&h), 0);
    // With nothing typed, Escape just closes.
    open_cell_note(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Cell note").is_none());
}

#[test]
fn the_memo_editor_saves_on_ctrl_enter_and_asks_before_escape_discards() {
    let mut h = harness(with_one_memo("company-a"));
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    h.get_by_label("New memo").click();
    h.run();
    h.get_by_label("Memo text").type_text("draft thought");
    h.run();
    // Ctrl+Z while typing edits the memo text, not the notes.
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(memos(&h), 1);
    h.get_by_label("Memo text").type_text("second thought");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Discard what you typed?").is_some());
    h.get_by_label("Keep editing").click();
    h.run();
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    assert_eq!(memos(&h), 2, "Ctrl+Enter saved the memo");
    assert!(h.query_by_label("Memo text").is_none(), "the editor closed");
    let texts: Vec<String> = h
        .state()
        .workspace
        .notebook
        .items()
        .filter_map(|i| i.text.clone())
        .collect();
    assert!(
        texts.iter().any(|t| t.ends_with("second thought")),
        "{texts:?}"
    );
}

#[test]
fn ctrl_z_in_the_code_search_and_the_rename_field_keeps_notes() {
    let mut h = harness(with_one_memo("company-a"));
    h.run();
    select_first_paragraph(&mut h);
    h.get_by_label("Codes").click();
    h.run();
    h.get_by_label("Search codes").type_text("mark");
    h.run();
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(memos(&h), 1, "Ctrl+Z in the code search undid a notes edit");
    h.key_press(Key::Escape);
    h.run();

    h.state_mut()
        .workspace
        .apply(Action::Edit(caselens::workspace::Edit::AddCode {
            label: "Trust".into(),
            color: "#336699".into(),
            parent: None,
        }));
    h.state_mut().workspace.apply(Action::ToggleCodesWindow);
    h.run();
    h.get_by_label("Rename").click();
    h.run();
    h.get_by_label("New label").type_text("ed");
    h.run();
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace.notebook.file().codes.len(),
        1,
        "Ctrl+Z in the rename field undid adding the code"
    );
}
