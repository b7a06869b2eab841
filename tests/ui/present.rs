//! Presentation mode and lessons, driven from the keyboard as a lecturer with a clicker would.

use std::sync::Arc;
use std::time::Duration;

use caselens::notes::autosave::ManualClock;
use caselens::workspace::View;
use caselens::workspace::present::SAMPLE_FILE;
use egui::accesskit::{Live, Role};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};

use crate::util::{MemoryStorage, app_on, harness, harness_sized, new_lesson};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

fn open_sample(h: &mut H) {
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Sample lesson").click();
    h.run();
}

fn shown(h: &H, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

fn step(h: &H) -> usize {
    h.state()
        .workspace
        .present
        .lesson
        .as_ref()
        .expect("lesson")
        .step
}

#[test]
fn the_sample_lesson_is_presented_from_the_keyboard() {
    let mut h = harness(app_on("corio"));
    h.run();
    open_sample(&mut h);
    assert!(shown(&h, "Step 1 of 10: Two companies side by side"));
    assert!(shown(&h, "1 / 10"));
    assert!(shown(&h, "Row 1 of 6 revealed: Sector"));
    assert!(
        !shown(&h, "Segments served"),
        "the second row is not revealed yet"
    );
    h.key_press(Key::F11);
    h.run();
    assert!(h.state().workspace.present.presenting());
    assert!(
        h.query_by_label("File").is_none(),
        "no menu while presenting"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(shown(&h, "Row 2 of 6 revealed: Segments served"));
    assert!(shown(&h, "Segments served"));
    for _ in 0..4 {
        h.key_press(Key::PageDown);
        h.run();
    }
    assert!(shown(&h, "Row 6 of 6 revealed: Is an ASP"));
    assert_eq!(step(&h), 0);
    h.key_press(Key::Space);
    h.run();
    assert_eq!(step(&h), 1);
    assert!(shown(&h, "2 / 10"));
    assert!(shown(&h, "Step 2 of 10: Company A: a claim of the source"));
    assert!(shown(&h, "Marked: “Europe's first wireless ASP”"));
    assert_eq!(h.state().workspace.view, View::Reader);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert!(
        shown(&h, "Row 6 of 6 revealed: Is an ASP"),
        "back: every row"
    );
    h.key_press(Key::PageUp);
    h.run();
    assert!(shown(&h, "Row 5 of 6 revealed: Pricing model"));
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().workspace.present.presenting());
    assert!(shown(&h, "File"), "the menu is back");
    assert_eq!(step(&h), 0, "the lesson stays open at its step");
    h.get_by_label("Close lesson").click();
    h.run();
    assert!(h.state().workspace.present.lesson.is_none());
    assert_eq!(h.state().workspace.open_case.as_deref(), Some("corio"));
    assert_eq!(h.state().workspace.view, View::Reader);
}

#[test]
fn f11_and_esc_restore_the_view_and_hide_private_notes_until_asked() {
    let mut app = app_on("company-a");
    app.workspace.show_instructor = true;
    let mut h = harness_sized(app, 1400.0, 4000.0);
    h.run();
    let instructor = "5. Instructor: The case is thin";
    assert!(h.query_by_label_contains(instructor).is_some());
    h.key_press(Key::F11);
    h.run();
    assert!(
        h.query_by_label_contains(instructor).is_none(),
        "hidden while presenting"
    );
    assert!(h.query_by_label("Leave").is_some());
    h.key_press(Key::N);
    h.run();
    assert!(
        h.query_by_label_contains(instructor).is_some(),
        "N shows them"
    );
    h.get_by_label("My notes").click();
    h.run();
    assert!(h.query_by_label_contains(instructor).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert_eq!(h.state().workspace.present.scale, 1.6);
    assert!((h.ctx.zoom_factor() - 1.6).abs() < 1e-3, "one zoom: egui's");
    h.key_press(Key::Escape);
    h.run();
    let ws = &h.state().workspace;
    assert!(!ws.present.presenting());
    assert_eq!(
        (ws.view, ws.open_case.as_deref()),
        (View::Reader, Some("company-a"))
    );
    assert!(
        (h.ctx.zoom_factor() - 1.0).abs() < 1e-3,
        "the window's zoom is back"
    );
    assert!(h.query_by_label_contains(instructor).is_some());
    assert!(shown(&h, "File"));
}

#[test]
fn the_presenter_view_shows_note_next_step_and_time_and_the_projector_the_step() {
    let clock = Arc::new(ManualClock::default());
    let mut app = app_on("company-a");
    app.present_ui.clock = clock.clone();
    let mut h = harness(app);
    h.run();
    open_sample(&mut h);
    h.key_press(Key::F11);
    h.run();
    h.get_by_label("Presenter view (second window)").click();
    h.run();
    clock.advance(Duration::from_secs(95));
    h.run();
    assert!(shown(&h, "Elapsed 1:35"));
    assert!(shown(&h, "Rows shown: 1 of 6"));
    assert!(shown(&h, "Presenter note"));
    assert!(
        h.query_by_label_contains("Reveal one row at a time")
            .is_some()
    );
    assert!(shown(&h, "Next: Company A: a claim of the source"));
    // The projector (embedded where there is no second window) shows the step alone.
    assert!(shown(&h, "Row 1 of 6 revealed: Sector"));
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(shown(&h, "Row 2 of 6 revealed: Segments served"));
}

#[test]
fn the_lesson_editor_adds_reorders_and_deletes_steps_with_undo() {
    let mut h = harness_sized(app_on("company-b"), 1400.0, 1200.0);
    h.run();
    new_lesson(&mut h, "Week 3");
    let lessons = |h: &H| h.state().workspace.notebook.file().lessons.clone();
    assert_eq!(lessons(&h)[0].title, "Week 3");
    h.get_by_label("Add current view as a step").click();
    h.run();
    h.state_mut()
        .workspace
        .apply(caselens::workspace::Action::CompareWith("company-a".into()));
    h.run();
    h.get_by_label("Add current view as a step").click();
    h.run();
    let views =
        |h: &H| -> Vec<String> { lessons(h)[0].steps.iter().map(|s| s.view.clone()).collect() };
    assert_eq!(views(&h), ["case", "compare"]);
    h.get_by_label("Move step 2 up").click();
    h.run();
    assert_eq!(views(&h), ["compare", "case"]);
    h.get_by_label("Delete step 1").click();
    h.run();
    assert_eq!(views(&h), ["case"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(views(&h), ["compare", "case"], "undo brings the step back");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(views(&h), ["case", "compare"], "and the order");
}

#[test]
fn a_lesson_file_with_old_style_steps_still_loads_and_opens_from_file_lessons() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.notes.json");
    std::fs::write(
        &path,
        r#"{"format": "caselens/notes@1", "lessons": [{"id": "w1", "title": "Old week", "steps": [
            {"view": "compare", "cases": ["company-a", "company-b"], "dimension": "rationale"},
            {"view": "case", "cases": ["company-b"], "paragraph": "background/p2"}]}]}"#,
    )
    .unwrap();
    let lib = caselens::library::Library::load(&caselens::library::LoadRequest {
        bundled: caselens::library::Bundled::All,
        paths: vec![path.clone()],
    });
    assert_eq!(lib.failed().count(), 0, "the old file loads");
    let mut app = caselens::ui::CaselensApp::with_library(lib.clone(), vec![path]);
    let mine = dir.path().join("mine.notes.json");
    app.notes.open_now(&mut app.workspace, mine);
    // The old file is shown for reference, beside the bundled lecture notes.
    app.notes.set_library_notes(&lib.notes);
    let mut h = harness(app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lessons").click();
    h.run();
    let sample = format!("Alliances or not? Company A against Company B (10 steps, {SAMPLE_FILE})");
    assert!(shown(&h, &sample), "the bundled lesson is listed");
    h.get_by_label("Old week (2 steps, old.notes.json)").click();
    h.run();
    assert!(shown(&h, "Step 1 of 2: Comparison: Company A, Company B"));
    assert!(
        shown(&h, "Partnering rationale"),
        "the old single dimension is its row"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(shown(
        &h,
        "Step 2 of 2: Case passage: Company B, Organisation background ¶ 2"
    ));
    // The slide says where the passage is in words, not by its address.
    assert!(shown(&h, "Organisation background ¶ 2"));
    assert!(!shown(&h, "background/p2"));
}

/// Roles a user acts on: each needs a name.
const CONTROLS: [Role; 6] = [
    Role::Button,
    Role::CheckBox,
    Role::TextInput,
    Role::Link,
    Role::MenuItem,
    Role::ComboBox,
];

/// Fails when a control shown has no name; returns how many controls were seen.
fn all_named(h: &H, what: &str) -> usize {
    let mut seen = 0;
    for node in h.root().children_recursive() {
        let node = node.accesskit_node();
        if !CONTROLS.contains(&node.role()) || node.is_hidden() {
            continue;
        }
        seen += 1;
        let named = node
            .label()
            .is_some_and(|l| l.chars().any(char::is_alphanumeric));
        assert!(named, "{what}: a {:?} has no name", node.role());
    }
    seen
}

#[test]
fn every_lesson_control_is_named_and_the_step_and_row_are_announced() {
    let mut h = harness(app_on("company-a"));
    h.run();
    open_sample(&mut h);
    assert!(all_named(&h, "lesson bar") >= 4);
    let live = |h: &H, label: &str| h.get_by_label(label).accesskit_node().live();
    assert_eq!(
        live(&h, "Step 1 of 10: Two companies side by side"),
        Live::Polite
    );
    assert_eq!(live(&h, "Row 1 of 6 revealed: Sector"), Live::Polite);
    h.key_press(Key::F11);
    h.run();
    assert!(all_named(&h, "presenting") >= 5);
    h.get_by_label("Presenter view (second window)").click();
    h.run();
    assert!(all_named(&h, "presenter view") >= 5);
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("New lesson").click();
    h.run();
    assert!(all_named(&h, "lesson editor") >= 8);
}

#[test]
fn the_presentation_scale_is_remembered_and_the_window_zoom_kept_apart() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!(
        (h.ctx.zoom_factor() - 0.9).abs() < 1e-3,
        "Ctrl+- zooms the window"
    );
    h.key_press(Key::F11);
    h.run();
    assert!(
        (h.ctx.zoom_factor() - 1.5).abs() < 1e-3,
        "the presentation scale"
    );
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        h.run();
    }
    assert!((h.ctx.zoom_factor() - 1.8).abs() < 1e-3);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    h.key_press(Key::Escape);
    h.run();
    assert!(
        (h.ctx.zoom_factor() - 0.9).abs() < 1e-3,
        "the window's zoom is back"
    );
    let mut app = caselens::ui::CaselensApp::with_library(crate::util::bundled(), Vec::new());
    app.restore_settings(&storage);
    assert_eq!(app.workspace.present.scale, 1.8, "remembered");
    let mut h2 = harness(app);
    h2.run();
    h2.key_press(Key::F11);
    h2.run();
    assert!((h2.ctx.zoom_factor() - 1.8).abs() < 1e-3);
    h2.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h2.run();
    assert!(
        (h2.ctx.zoom_factor() - 1.5).abs() < 1e-3,
        "Ctrl+0: the default"
    );
}

#[test]
fn two_clicker_presses_in_one_frame_are_two_steps() {
    let mut h = harness(app_on("company-a"));
    h.run();
    open_sample(&mut h);
    h.state_mut()
        .workspace
        .apply(caselens::workspace::Action::Present(
            caselens::workspace::present::PresentCmd::GoTo(2),
        ));
    h.run();
    h.key_press(Key::PageDown);
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(step(&h), 4);
    assert!(shown(&h, "5 / 10"));
}

#[test]
fn matrix_and_alliances_steps_show_their_view_under_the_step_title() {
    let mut h = harness(app_on("company-a"));
    h.run();
    open_sample(&mut h);
    h.key_press(Key::F11);
    h.run();
    let go = |h: &mut H, n: usize| {
        h.state_mut()
            .workspace
            .apply(caselens::workspace::Action::Present(
                caselens::workspace::present::PresentCmd::GoTo(n),
            ));
        h.run();
    };
    go(&mut h, 8);
    let ws = &h.state().workspace;
    assert_eq!((ws.view, ws.matrix_family.as_str()), (View::Matrix, "RAT"));
    // Exactly once (get_by_label fails on two).
    h.get_by_label("Practitioner rationales across the cases");
    go(&mut h, 9);
    assert_eq!(h.state().workspace.view, View::Alliances);
    h.get_by_label("Every alliance in the library");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().workspace.present.presenting());
    assert_eq!(
        h.state().workspace.view,
        View::Alliances,
        "the lesson stays open at its step"
    );
    h.get_by_label("Close lesson").click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(
        (ws.view, ws.open_case.as_deref()),
        (View::Reader, Some("company-a"))
    );
    assert!(
        ws.compare.is_empty() && ws.matrix_family.is_empty(),
        "as before the lesson"
    );
}

#[test]
fn text_selected_in_the_reader_becomes_the_marked_quote_of_a_new_step() {
    let mut h = harness_sized(app_on("company-a"), 1400.0, 1200.0);
    h.run();
    h.state_mut()
        .workspace
        .apply(caselens::workspace::Action::Edit(
            caselens::workspace::Edit::Lesson(caselens::notes::lessons::LessonEdit::New {
                title: "Week 4".into(),
            }),
        ));
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    let selected = h.state().reader.selection.clone().expect("a selection");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("Add current view as a step").click();
    h.run();
    let lessons = h.state().workspace.notebook.file().lessons.clone();
    let step = &lessons[0].steps[0];
    assert_eq!(
        (step.view.as_str(), step.paragraph.as_deref()),
        ("case", Some("background/p1"))
    );
    assert_eq!(step.quote.as_deref(), Some(selected.text.as_str()));
}

#[test]
fn the_lesson_editor_writes_a_presenter_note_shown_in_the_presenter_view() {
    let mut app = app_on("company-a");
    let lib = app.workspace.library.clone();
    // The bundled lecture notes as a reference file, as a loaded library gives them.
    app.notes.set_library_notes(&lib.notes);
    let mut h = harness_sized(app, 1400.0, 1200.0);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("Copy to my notes").click();
    h.run();
    h.get_by_label("1. Two companies side by side").click();
    h.run();
    assert!(shown(&h, "Rename step"), "the step is chosen");
    h.get_by_label("Presenter note").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Presenter note")
        .type_text("Start with sector.");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    let lessons = h.state().workspace.notebook.file().lessons.clone();
    assert_eq!(
        lessons[0].steps[0].note.as_deref(),
        Some("Start with sector.")
    );
    h.get_by_label("Open lesson").click();
    h.run();
    h.key_press(Key::F11);
    h.run();
    h.get_by_label("Presenter view (second window)").click();
    h.run();
    assert!(shown(&h, "Start with sector."));
}

#[test]
fn presenting_the_comparison_hides_cell_notes_until_shown() {
    let mut app = crate::util::a_with_b();
    app.workspace.apply(caselens::workspace::Action::Edit(
        caselens::workspace::Edit::AddNote {
            case: "company-a".into(),
            dimension: Some("founded".into()),
            text: "Check the founding year".into(),
        },
    ));
    let mut h = harness(app);
    h.run();
    assert!(shown(&h, "1 note(s)"), "the note marker");
    h.key_press(Key::F11);
    h.run();
    assert!(!shown(&h, "1 note(s)"), "hidden while presenting");
    h.key_press(Key::N);
    h.run();
    assert!(shown(&h, "1 note(s)"), "N shows it");
    h.key_press(Key::N);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(shown(&h, "1 note(s)"), "back after presenting");
}

#[test]
fn presenting_the_matrix_leaves_the_users_own_highlights_out_until_shown() {
    let mut app = app_on("company-a");
    app.workspace.apply(caselens::workspace::Action::Edit(
        caselens::workspace::Edit::AddHighlight {
            paragraph: "background/p1".into(),
            start: 0,
            end: 9,
            codes: vec!["RAT.practice.market-access".into()],
            comment: "mine".into(),
        },
    ));
    app.workspace
        .apply(caselens::workspace::Action::CompareWith("company-b".into()));
    app.workspace
        .apply(caselens::workspace::Action::SetMatrixFamily("RAT".into()));
    app.workspace
        .apply(caselens::workspace::Action::SetView(View::Matrix));
    let title = app
        .workspace
        .library
        .case("company-a")
        .expect("bundled")
        .title
        .clone();
    let mut h = harness_sized(app, 2200.0, 1200.0);
    h.run();
    let mine = format!("{title} x Market access: 1");
    assert!(shown(&h, &mine), "the user's highlight counts");
    h.key_press(Key::F11);
    h.run();
    assert!(!shown(&h, &mine), "not while presenting");
    h.get_by_label("My notes").click();
    h.run();
    assert!(shown(&h, &mine), "My notes shows it");
}

#[test]
fn lesson_commands_are_greyed_out_without_a_lesson_and_present_is_ticked() {
    // Tall enough for the whole View menu.
    let mut h = harness_sized(app_on("company-a"), 1400.0, 2000.0);
    h.run();
    let view_menu = |h: &mut H| {
        h.get_by_label("View").click();
        h.run();
    };
    view_menu(&mut h);
    assert!(
        h.get_by_label_contains("Next step")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        h.get_by_label_contains("Leave presentation")
            .accesskit_node()
            .is_disabled()
    );
    h.key_press(Key::Escape);
    h.run();
    open_sample(&mut h);
    view_menu(&mut h);
    assert!(
        !h.get_by_label_contains("Next step")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label_contains("Next step").click();
    h.run();
    assert!(shown(&h, "Row 2 of 6 revealed: Segments served"));
}

#[test]
fn at_a_large_scale_the_presentation_bar_keeps_its_controls_apart() {
    let mut h = harness_sized(app_on("company-a"), 1280.0, 720.0);
    h.run();
    open_sample(&mut h);
    h.key_press(Key::F11);
    h.run();
    for _ in 0..10 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        h.run();
    }
    assert_eq!(h.state().workspace.present.scale, 2.5);
    let rects: Vec<egui::Rect> = [
        "Previous",
        "Next",
        "My notes",
        "Presenter view (second window)",
        "Leave",
    ]
    .iter()
    .map(|l| h.get_by_label(l).rect())
    .collect();
    for (i, a) in rects.iter().enumerate() {
        // 1280 pixels at 250% are 512 points.
        assert!(
            a.right() <= 1280.0 / 2.5 + 0.5,
            "control {i} inside the window: {a:?}"
        );
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
    h.get_by_label("Presenter view (second window)").click();
    h.run();
    assert!(h.state().workspace.present.presenter_view());
}

#[test]
fn the_presenter_note_box_follows_undo_and_redo() {
    let mut app = app_on("company-a");
    let lib = app.workspace.library.clone();
    app.notes.set_library_notes(&lib.notes);
    let mut h = harness_sized(app, 1400.0, 1200.0);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("Copy to my notes").click();
    h.run();
    h.get_by_label("1. Two companies side by side").click();
    h.run();
    let note = |h: &H| {
        h.state().workspace.notebook.file().lessons[0].steps[0]
            .note
            .clone()
            .unwrap_or_default()
    };
    let before = note(&h);
    h.get_by_label("Presenter note").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Presenter note")
        .type_text("Start with sector.");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    assert_eq!(note(&h), "Start with sector.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(note(&h), before, "undone in the file");
    assert_eq!(
        h.get_by_label("Presenter note").value().unwrap_or_default(),
        before,
        "and in the box"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.get_by_label("Presenter note").value().as_deref(),
        Some("Start with sector."),
        "redone in the box"
    );
    // Save note on the box keeps the note (it was stale before).
    h.get_by_label("Save note").click();
    h.run();
    assert_eq!(note(&h), "Start with sector.");
}
