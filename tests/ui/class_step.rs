//! A lesson step "What the class marked": three students' notes files opened as layers, the
//! step added from the Agreement view with the lesson editor and presented; the passages and
//! codes it shows follow the ticked authors, and with no class open it says so.

use caselens::notes::layers::layer_key;
use caselens::workspace::class::ClassAction;
use caselens::workspace::present::{LessonSource, PresentCmd};
use caselens::workspace::{Action, View};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness_sized, new_lesson, write_company_a_notes};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

const MARKET: &str = "RAT.practice.market-access";
const SPEED: &str = "RAT.practice.speed-and-cost";
const PROVIDER: &str = "e-business solution provider";
const COMPANY_A: &str = "Company A: a wireless ASP for the front office";

/// All three mark "founders" in background/p3, Ana and Ben the provider in background/p1;
/// Market access is used by all three, Faster and cheaper by Ana and Cleo.
fn class_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_company_a_notes(
        dir.path(),
        "Ana",
        &[
            ("background/p1", PROVIDER, &[MARKET]),
            ("background/p3", "founders", &[SPEED]),
        ],
    );
    write_company_a_notes(
        dir.path(),
        "Ben",
        &[
            ("background/p1", PROVIDER, &[MARKET]),
            ("background/p3", "founders", &[]),
        ],
    );
    write_company_a_notes(
        dir.path(),
        "Cleo",
        &[("background/p3", "founders", &[SPEED, MARKET])],
    );
    dir
}

fn count(h: &H, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

/// Opens the first lesson of the user's notes and presents it (F11).
fn present_first_lesson(h: &mut H) {
    let lesson = h.state().workspace.notebook.file().lessons[0].clone();
    h.state_mut()
        .workspace
        .apply(Action::Present(PresentCmd::Open {
            lesson: Box::new(lesson),
            source: LessonSource::Mine,
        }));
    h.run();
    h.key_press(Key::F11);
    h.run();
    assert!(h.state().workspace.present.presenting());
}

/// File > Lesson editor…: a new lesson "Week 4" with the current view as its step.
fn new_lesson_with_current_view(h: &mut H) {
    new_lesson(h, "Week 4");
    h.get_by_label("Add current view as a step").click();
    h.run();
}

#[test]
fn a_class_step_added_from_the_agreement_view_presents_what_the_shown_students_marked() {
    let dir = class_folder();
    let mut app = app_on("company-a");
    app.open_layers_now(&[dir.path().to_owned()]);
    let mut h = harness_sized(app, 1280.0, 720.0);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run();
    assert_eq!(h.state().workspace.view, View::Agreement);
    new_lesson_with_current_view(&mut h);
    let steps = h.state().workspace.notebook.file().lessons[0].steps.clone();
    assert_eq!(steps.len(), 1);
    assert_eq!(
        (steps[0].view.as_str(), steps[0].cases.as_slice()),
        ("class", ["company-a".to_owned()].as_slice())
    );
    h.state_mut()
        .workspace
        .apply(Action::Present(PresentCmd::ToggleEditor));
    present_first_lesson(&mut h);

    assert!(
        h.query_by_label("Step 1 of 1: What the class marked: Company A")
            .is_some()
    );
    assert!(h.query_by_label("What the class marked").is_some());
    assert!(h.query_by_label(COMPANY_A).is_some());
    assert!(
        h.query_by_label("3 of 3 students wrote on this case")
            .is_some()
    );
    assert!(h.query_by_label("“founders”").is_some());
    assert!(h.query_by_label(&format!("“{PROVIDER}”")).is_some());
    assert!(h.query_by_label("¶ background/p1").is_some());
    assert!(h.query_by_label("Market access").is_some());
    assert!(
        h.query_by_label("Faster and cheaper than building")
            .is_some()
    );
    assert_eq!(
        count(&h, "3 of 3 students"),
        2,
        "founders, and Market access"
    );
    assert_eq!(
        count(&h, "2 of 3 students"),
        2,
        "the provider, and Faster and cheaper"
    );

    // Cleo's notes hidden: the counts are over the two students shown.
    let cleo = h
        .state()
        .notes
        .references()
        .iter()
        .find(|l| l.notes.author.as_deref() == Some("Cleo"))
        .map(layer_key)
        .expect("Cleo's layer");
    h.state_mut()
        .workspace
        .apply(Action::Class(ClassAction::ToggleLayer(cleo)));
    h.run();
    assert!(
        h.query_by_label("2 of 2 students wrote on this case")
            .is_some()
    );
    assert_eq!(
        count(&h, "2 of 2 students"),
        3,
        "founders, the provider, Market access"
    );
    assert_eq!(count(&h, "1 of 2 students"), 1, "Faster and cheaper");
    assert_eq!(count(&h, "2 of 3 students"), 0);
}

#[test]
fn a_class_step_with_no_class_open_says_so() {
    let mut app = app_on("company-b");
    app.workspace
        .apply(Action::Edit(caselens::workspace::Edit::Lesson(
            caselens::notes::lessons::LessonEdit::New {
                title: "Week 4".into(),
            },
        )));
    let id = app.workspace.notebook.file().lessons[0].id.clone();
    let step = caselens::format::Step {
        view: "class".into(),
        cases: vec!["company-a".into()],
        ..Default::default()
    };
    app.workspace
        .apply(Action::Edit(caselens::workspace::Edit::Lesson(
            caselens::notes::lessons::LessonEdit::AddStep {
                lesson: id,
                step: Box::new(step),
            },
        )));
    let mut h = harness_sized(app, 1280.0, 720.0);
    h.run();
    present_first_lesson(&mut h);
    assert!(h.query_by_label("What the class marked").is_some());
    assert!(
        h.query_by_label_contains("No class notes are open: File > Open class folder")
            .is_some()
    );
    assert!(
        h.query_by_label("Passages most students highlighted")
            .is_none()
    );
}

#[test]
fn the_lesson_editor_adds_the_class_summary_of_the_open_case_from_the_reader() {
    let mut h = harness_sized(app_on("company-b"), 1400.0, 1200.0);
    h.run();
    new_lesson_with_current_view(&mut h);
    h.get_by_label("Add class summary of this case as a step")
        .click();
    h.run();
    let views: Vec<(String, Vec<String>)> = h.state().workspace.notebook.file().lessons[0]
        .steps
        .iter()
        .map(|s| (s.view.clone(), s.cases.clone()))
        .collect();
    assert_eq!(
        views,
        [
            ("case".to_owned(), vec!["company-b".to_owned()]),
            ("class".to_owned(), vec!["company-b".to_owned()])
        ],
        "the reader's view, then what the class marked in its case"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace.notebook.file().lessons[0].steps.len(),
        1,
        "undoable like every lesson edit"
    );
}
