//! A student's answers in the reader: typed under a question, saved to the notes as a note
//! targeting the question when the box is left or on Ctrl+Enter (not on every keystroke), and
//! shown again when the case is reopened.

use caselens::workspace::Action;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

/// Ctrl as a real keyboard on Linux sends it: both `ctrl` and `command`.
const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// The saved answer to `question` of company-a, if any.
fn saved(h: &H, question: &str) -> Option<String> {
    let book = &h.state().workspace.notebook;
    let item = book.answer_to("company-a", question)?;
    assert_eq!(
        item.target.as_ref().and_then(|t| t.question.as_deref()),
        Some(question)
    );
    item.text.clone()
}

#[test]
fn an_answer_is_saved_on_ctrl_enter_or_leaving_the_box_and_shown_on_reopening() {
    let mut h = harness(app_on("company-a"));
    h.run();
    assert!(
        h.query_by_label("Answer to q5").is_none(),
        "no box under instructor questions"
    );
    h.get_by_label("Answer to q1").focus();
    h.run();
    h.get_by_label("Answer to q1")
        .type_text("Company A, I think");
    h.run();
    assert_eq!(saved(&h, "q1"), None, "not saved on every keystroke");
    h.key_down_modifiers(CTRL, Key::Enter);
    h.run();
    h.key_up_modifiers(CTRL, Key::Enter);
    h.run();
    assert_eq!(saved(&h, "q1").as_deref(), Some("Company A, I think"));
    assert!(
        !h.state().status.contains("Select text"),
        "Ctrl+Enter in an answer box is not a failed highlight: {}",
        h.state().status
    );
    assert_eq!(h.state().workspace.notebook.items().count(), 1);
    // Leaving a box saves it too, updating the one answer rather than adding another.
    h.get_by_label("Answer to q1").type_text(".");
    h.run();
    h.get_by_label("Answer to q2").focus();
    h.run();
    assert_eq!(saved(&h, "q1").as_deref(), Some("Company A, I think."));
    h.get_by_label("Answer to q2")
        .type_text("Partner for the network");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(saved(&h, "q2").as_deref(), Some("Partner for the network"));
    assert_eq!(h.state().workspace.notebook.items().count(), 2);
    // Reopened, the boxes show the saved answers.
    for case in ["company-b", "company-a"] {
        h.state_mut().workspace.apply(Action::OpenCase {
            case: case.into(),
            at: None,
        });
        h.run();
    }
    assert_eq!(
        h.get_by_label("Answer to q1").value().as_deref(),
        Some("Company A, I think.")
    );
    assert!(h.query_by_label("Answer to q3").is_some());
}

#[test]
fn the_notes_panel_lists_an_answer_as_an_answer_to_its_question() {
    use caselens::workspace::{Action, Edit};
    let mut app = crate::util::app_on("company-a");
    let first = app
        .workspace
        .library
        .case("company-a")
        .and_then(|c| c.questions.first())
        .map(|q| q.id.to_string())
        .expect("a question");
    app.workspace.apply(Action::Edit(Edit::Answer {
        case: "company-a".into(),
        question: first,
        text: "Because the facts say so.".into(),
    }));
    let mut h = crate::util::harness(app);
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    assert!(h.query_by_label("answer to question 1").is_some());
    assert!(h.query_by_label("on the case").is_none());
}
