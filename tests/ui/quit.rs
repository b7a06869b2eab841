//! Quitting, F5, another notes file and another case never lose typed text (issue 23, item 1).
//! The rule lives in `workspace::unsaved`: a typed answer is saved when its box is left, and
//! quitting leaves it; what is saved only on purpose (a memo in its dialog, a highlight being
//! made, a case with unsaved changes) makes the real close request ask first.

use caselens::authoring::FacetValue;
use caselens::workspace::editing::EditorCmd;
use caselens::workspace::{Action, View};
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// The commands the app sent to its window in the last frame.
fn commands(h: &H) -> Vec<ViewportCommand> {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// What the platform does when the window's close button is pressed (or after
/// `ViewportCommand::Close`): one frame with a close request. True when the app let it close
/// (it did not send `CancelClose`).
fn close_window(h: &mut H) -> bool {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
    let closes = !commands(h).contains(&ViewportCommand::CancelClose);
    h.run();
    closes
}

/// Ctrl+Q, then the close request the window turns it into.
fn ctrl_q(h: &mut H) -> bool {
    // One frame with the key, so its output is the one looked at.
    let input = h.input_mut();
    input.events.push(egui::Event::ModifiersChanged(CTRL));
    input.events.push(egui::Event::Key {
        key: Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: CTRL,
    });
    h.step();
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    assert!(
        commands(h).contains(&ViewportCommand::Close),
        "Ctrl+Q asks the window to close"
    );
    close_window(h)
}

fn answer(h: &H, question: &str) -> Option<String> {
    h.state()
        .workspace
        .notebook
        .answer_to("company-a", question)
        .and_then(|i| i.text.clone())
}

fn type_answer(h: &mut H, question: &str, text: &str) {
    let label = format!("Answer to {question}");
    h.get_by_label(&label).focus();
    h.run();
    h.get_by_label(&label).type_text(text);
    h.run();
    assert_eq!(answer(h, question), None, "not saved while typing");
}

#[test]
fn ctrl_q_while_typing_an_answer_saves_it_as_leaving_the_box_does() {
    let mut h = harness(app_on("company-a"));
    h.run();
    type_answer(&mut h, "q1", "Typed, then Ctrl+Q");
    assert!(ctrl_q(&mut h), "nothing else is unsaved: the window closes");
    assert_eq!(answer(&h, "q1").as_deref(), Some("Typed, then Ctrl+Q"));
}

#[test]
fn f5_keeps_a_typed_answer_and_another_case_or_notes_file_saves_it() {
    let mut h = harness(app_on("company-a"));
    h.run();
    type_answer(&mut h, "q1", "Kept over F5");
    h.key_press(Key::F5);
    // Frames run until the reload's worker thread has handed the library over.
    let before = h.state().workspace.generation;
    for _ in 0..100_000 {
        h.run_steps(1);
        if !h.state().is_loading() {
            break;
        }
        std::thread::yield_now();
    }
    h.run();
    assert!(h.state().workspace.generation > before, "reloaded");
    assert_eq!(
        h.get_by_label("Answer to q1").value().as_deref(),
        Some("Kept over F5")
    );
    assert!(
        h.query_by_label("Not saved yet: Ctrl+Enter or leave the box to save")
            .is_some()
    );
    // Another case leaves the box: the answer is saved.
    h.state_mut().workspace.apply(Action::OpenCase {
        case: "company-b".into(),
        at: None,
    });
    h.run();
    assert_eq!(answer(&h, "q1").as_deref(), Some("Kept over F5"));
    // Another notes file: saved into the file it was typed for, before the switch.
    h.state_mut().workspace.apply(Action::OpenCase {
        case: "company-a".into(),
        at: None,
    });
    h.run();
    type_answer(&mut h, "q2", "Before switching files");
    let dir = tempfile::tempdir().expect("a temporary folder");
    h.state_mut()
        .workspace
        .apply(Action::OpenNotes(dir.path().join("other.notes.json")));
    assert_eq!(answer(&h, "q2").as_deref(), Some("Before switching files"));
}

#[test]
fn closing_with_a_memo_being_written_asks_and_keep_editing_keeps_it() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    h.get_by_label("New memo").click();
    h.run();
    h.get_by_label("Memo text").click();
    h.get_by_label("Memo text").type_text("Half a thought");
    h.run();
    assert!(!close_window(&mut h), "the close is cancelled");
    assert!(h.query_by_label("Quit with unsaved work?").is_some());
    assert!(h.query_by_label_contains("Half a thought").is_some());
    h.get_by_label("Keep editing").click();
    h.run();
    assert!(h.query_by_label("Quit with unsaved work?").is_none());
    assert_eq!(
        h.get_by_label("Memo text").value().as_deref(),
        Some("Half a thought")
    );
    // Asked again, Save saves the memo and closes.
    assert!(!close_window(&mut h));
    h.get_by_label("Save and quit").click();
    h.step();
    assert!(commands(&h).contains(&ViewportCommand::Close));
    h.run();
    let memo = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(memo.and_then(|m| m.text).as_deref(), Some("Half a thought"));
    assert!(close_window(&mut h), "answered: the window closes");
}

#[test]
fn closing_with_a_half_made_highlight_asks_and_save_adds_it() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("Comment").click();
    h.run();
    h.get_by_label("Comment").type_text("Why this matters");
    h.run();
    assert!(!ctrl_q(&mut h), "asked first");
    assert!(
        h.query_by_label_contains("A highlight being made")
            .is_some()
    );
    h.get_by_label("Save and quit").click();
    h.run();
    let item = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(
        item.and_then(|i| i.text).as_deref(),
        Some("Why this matters")
    );
}

#[test]
fn closing_with_unsaved_case_changes_asks_and_discard_drops_them() {
    let mut h = harness(app_on("company-a"));
    h.run();
    let ws = &mut h.state_mut().workspace;
    ws.apply(Action::Editor(EditorCmd::Start));
    ws.apply(Action::Editor(EditorCmd::Apply(
        caselens::authoring::CaseEdit::SetFacet {
            dimension: "headquarters".into(),
            value: FacetValue::Text("Elsewhere".into()),
        },
    )));
    ws.apply(Action::SetView(View::Compare));
    h.run();
    let unsaved = h.state().workspace.unsaved();
    assert_eq!(unsaved.len(), 1, "{unsaved:?}");
    assert!(!close_window(&mut h), "never lost silently");
    assert!(h.query_by_label_contains("(case editor)").is_some());
    for answer in ["Save and quit", "Discard and quit", "Keep editing"] {
        assert!(h.query_by_label(answer).is_some(), "{answer}");
    }
    h.get_by_label("Discard and quit").click();
    h.step();
    assert!(commands(&h).contains(&ViewportCommand::Close));
    h.run();
    assert!(h.state().workspace.unsaved().is_empty());
    assert!(close_window(&mut h));
}

#[test]
fn closing_with_a_cell_note_being_written_asks_and_save_adds_it() {
    let mut h = harness(crate::util::a_with_b());
    h.run();
    h.get_by_label_contains("Founded: Company A")
        .click_secondary();
    h.run();
    h.get_by_label("Add note…").click();
    h.run();
    h.get_by_label("Cell note").type_text("Check the year");
    h.run();
    assert!(!close_window(&mut h), "asked first");
    assert!(h.query_by_label_contains("A note on a cell").is_some());
    h.get_by_label("Save and quit").click();
    h.step();
    assert!(commands(&h).contains(&ViewportCommand::Close));
    h.run();
    let note = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(note.and_then(|n| n.text).as_deref(), Some("Check the year"));
}

#[test]
fn closing_with_a_presenter_note_typed_in_the_lesson_editor_asks() {
    let mut app = app_on("company-a");
    let lib = app.workspace.library.clone();
    app.notes.set_library_notes(&lib.notes);
    let mut h = crate::util::harness_sized(app, 1400.0, 1200.0);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("Copy to my notes").click();
    h.run();
    h.get_by_label("1. Two companies side by side").click();
    h.run();
    h.get_by_label("Presenter note").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Presenter note")
        .type_text("Typed, not saved");
    h.run();
    assert!(!close_window(&mut h), "asked first");
    assert!(
        h.query_by_label_contains("A presenter note for step 1")
            .is_some()
    );
    h.get_by_label("Save and quit").click();
    h.run();
    let lessons = &h.state().workspace.notebook.file().lessons;
    assert_eq!(
        lessons[0].steps[0].note.as_deref(),
        Some("Typed, not saved")
    );
}

#[test]
fn a_selection_does_not_follow_into_another_case_with_the_same_paragraph_ids() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("Comment").click();
    h.run();
    h.get_by_label("Comment").type_text("About Company A");
    h.run();
    assert_eq!(h.state().workspace.unsaved().len(), 1);
    h.state_mut().workspace.apply(Action::OpenCase {
        case: "company-b".into(),
        at: None,
    });
    h.run();
    assert!(
        h.state().reader.selection.is_none(),
        "not a passage of Company B"
    );
    assert!(
        h.state().workspace.unsaved().is_empty(),
        "nothing a save could put on Company B"
    );
}
