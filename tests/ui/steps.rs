//! Lesson steps as presented and as made from the current view (issue 23): codes and cases by
//! label, the view reproduced by *Add current view as a step*, tall steps scrolled by keys.

use caselens::format::{Lesson, Step};
use caselens::workspace::Action;
use caselens::workspace::present::{LessonSource, PresentCmd};
use egui::Key;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// Opens a lesson of the user's made of `steps`, at its first step, and presents it.
fn present_steps(h: &mut H, steps: Vec<Step>) {
    let lesson = Lesson {
        id: "test".into(),
        title: "Test lesson".into(),
        steps,
    };
    h.state_mut()
        .workspace
        .apply(Action::Present(PresentCmd::Open {
            lesson: Box::new(lesson),
            source: LessonSource::Mine,
        }));
    h.run();
    h.key_press(Key::F11);
    h.run();
}

fn compare_step(cases: &[&str], dimensions: &[&str]) -> Step {
    Step {
        view: "compare".into(),
        cases: cases.iter().map(|c| (*c).to_owned()).collect(),
        dimensions: dimensions.iter().map(|d| (*d).to_owned()).collect(),
        ..Step::default()
    }
}

#[test]
fn a_presented_compare_step_shows_codes_by_label() {
    let mut h = harness(app_on("corio"));
    h.run();
    present_steps(
        &mut h,
        vec![compare_step(
            &["corio", "jamcracker"],
            &["rationale", "lifecycle-phases"],
        )],
    );
    let count = |h: &H, text: &str| h.query_all_by_label_contains(text).count();
    assert_eq!(count(&h, "RAT.practice"), 0, "no code id");
    assert_eq!(count(&h, "PHASE."), 0, "no code id");
    assert!(count(&h, "Fill a resource gap") > 0);
    assert!(count(&h, "Implementation") > 0);
}

#[test]
fn compare_cells_name_their_codes_by_label_for_screen_readers() {
    let mut app = app_on("corio");
    app.workspace
        .apply(Action::CompareWith("jamcracker".to_owned()));
    // Tall enough for every row.
    let mut h = crate::util::harness_sized(app, 1400.0, 6000.0);
    h.run();
    assert_eq!(h.state().workspace.view, caselens::workspace::View::Compare);
    assert_eq!(h.query_all_by_label_contains("RAT.practice").count(), 0);
    assert!(h.query_all_by_label_contains("Fill a resource gap").count() > 0);
}
