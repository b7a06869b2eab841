//! Lesson steps as presented and as made from the current view (issue 23): codes and cases by
//! label, the view reproduced by *Add current view as a step*, tall steps scrolled by keys.

use caselens::format::{Lesson, Step};
use caselens::notes::lessons::LessonEdit;
use caselens::workspace::present::{LessonSource, PresentCmd};
use caselens::workspace::{Action, Edit};
use egui::Key;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// Makes a lesson of the user's of `steps` (in their notes: presenting reads it from there by
/// id), opens it at its first step and presents it.
fn present_steps(h: &mut H, steps: Vec<Step>) {
    let ws = &mut h.state_mut().workspace;
    ws.apply(Action::Edit(Edit::Lesson(LessonEdit::New {
        title: "Test lesson".into(),
    })));
    let id = ws.notebook.file().lessons[0].id.clone();
    for step in steps {
        ws.apply(Action::Edit(Edit::Lesson(LessonEdit::AddStep {
            lesson: id.clone(),
            step: Box::new(step),
        })));
    }
    let lesson: Lesson = ws.notebook.file().lessons[0].clone();
    ws.apply(Action::Present(PresentCmd::Open {
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

#[test]
fn a_reader_step_added_after_scrolling_shows_the_paragraph_in_sight() {
    let mut h = crate::util::harness_sized(app_on("company-a"), 1400.0, 700.0);
    h.run();
    h.state_mut()
        .workspace
        .apply(Action::Edit(caselens::workspace::Edit::Lesson(
            caselens::notes::lessons::LessonEdit::New {
                title: "Week 4".into(),
            },
        )));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    assert!(
        h.query_by_label_contains("(its title, no passage)")
            .is_some(),
        "at the top, the editor says the step shows no passage"
    );
    h.get_by_label("Paragraph business-model/p3").scroll_to_me();
    h.run();
    let in_sight = h.state().reader.in_sight.clone();
    assert!(in_sight.is_some(), "scrolled past the opening");
    h.get_by_label("Add current view as a step").click();
    h.run();
    let lessons = h.state().workspace.notebook.file().lessons.clone();
    let step = &lessons[0].steps[0];
    assert_eq!(step.view, "case");
    assert_eq!(step.paragraph, in_sight);
    assert_eq!(step.quote, None, "nothing was selected");
}

#[test]
fn a_compare_step_added_with_differences_only_keeps_those_rows() {
    let mut h = harness(crate::util::a_with_b());
    h.run();
    h.state_mut()
        .workspace
        .apply(Action::Edit(caselens::workspace::Edit::Lesson(
            caselens::notes::lessons::LessonEdit::New {
                title: "Week 5".into(),
            },
        )));
    h.state_mut().workspace.apply(Action::ToggleDifferencesOnly);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("Add current view as a step").click();
    h.run();
    let lessons = h.state().workspace.notebook.file().lessons.clone();
    let step = &lessons[0].steps[0];
    let ws = &h.state().workspace;
    let cmp = ws.comparison().expect("a comparison");
    let kept = cmp.rows().filter(|r| ws.row_filter().keeps(r)).count();
    assert_eq!(step.dimensions.len(), kept);
    assert!(kept < cmp.rows().count());
    assert!(
        h.query_by_label_contains(&format!("({kept} of {} rows)", cmp.rows().count()))
            .is_some()
    );
}

/// The rect of the one node labelled `label`.
fn rect_of(h: &H, label: &str) -> egui::Rect {
    h.get_by_label(label).rect()
}

#[test]
fn down_and_up_scroll_a_tall_compare_step_and_its_header_stays() {
    let (width, height) = (1000.0, 500.0);
    let mut h = crate::util::harness_sized(app_on("corio"), width, height);
    h.run();
    present_steps(&mut h, vec![compare_step(&["corio", "jamcracker"], &[])]);
    let lib = crate::util::bundled();
    let corio = lib.case("corio").expect("corio").title.clone();
    let cmp = h
        .state()
        .workspace
        .step_comparison(&compare_step(&["corio", "jamcracker"], &[]));
    let cmp = cmp.as_ref().as_ref().expect("a comparison");
    let last = cmp.rows().last().expect("rows").label.clone();
    let first = cmp.rows().next().expect("rows").label.clone();
    let in_sight = |r: egui::Rect| r.top() >= 0.0 && r.bottom() <= height;
    assert!(
        !in_sight(rect_of(&h, &last)),
        "the last row starts out of sight"
    );
    let header = rect_of(&h, &corio);
    let mut presses = 0;
    while !in_sight(rect_of(&h, &last)) && presses < 30 {
        h.key_press(Key::ArrowDown);
        h.run();
        presses += 1;
    }
    assert!(in_sight(rect_of(&h, &last)), "Down reaches the last row");
    assert!(presses > 1, "more than one screen");
    assert_eq!(rect_of(&h, &corio), header, "the header stays put");
    assert_eq!(
        h.state().workspace.present.lesson.as_ref().map(|l| l.step),
        Some(0)
    );
    for _ in 0..presses {
        h.key_press(Key::ArrowUp);
        h.run();
    }
    assert!(
        in_sight(rect_of(&h, &first)),
        "Up comes back to the first row"
    );
}
