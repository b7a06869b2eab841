//! Short confirmations in the status bar: a reload that found no problem, a copy, and an undo
//! or redo by name.

use caselens::workspace::{Action, Edit};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{a_with_b, app_on, harness};

/// Ctrl as a real keyboard on Linux sends it: both `ctrl` and `command`.
const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);

#[test]
fn a_reload_frees_the_library_it_replaces() {
    let mut h = harness(app_on("company-a"));
    h.run();
    let old = std::sync::Arc::downgrade(&h.state().workspace.library);
    h.key_press(Key::F5);
    // Frames run until the reload has been taken in and the old library freed, which a
    // worker does; no clock is involved.
    for _ in 0..100_000 {
        h.run_steps(1);
        if !h.state().is_loading() && old.strong_count() == 0 {
            break;
        }
        std::thread::yield_now();
    }
    assert!(!h.state().is_loading(), "reloaded");
    assert_eq!(old.strong_count(), 0, "the replaced library is freed");
    assert!(h.state().workspace.library.case("company-a").is_some());
}

#[test]
fn f5_says_the_reload_found_no_problem() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.state_mut().status = "something else".into();
    h.key_press(Key::F5);
    h.step();
    assert!(
        h.state().is_loading() || h.state().status.contains("no problems"),
        "F5 starts a reload"
    );
    // Frames run until the loading thread has handed over; no clock is involved.
    for _ in 0..100_000 {
        h.run_steps(1);
        if !h.state().is_loading() {
            break;
        }
        std::thread::yield_now();
    }
    h.run();
    assert!(
        h.query_by_label_contains("loaded; no problems.").is_some(),
        "{}",
        h.state().status
    );
    assert_eq!(
        h.state().workspace.open_case.as_deref(),
        Some("company-a"),
        "the reload kept the place"
    );
}

#[test]
fn copy_as_markdown_is_confirmed() {
    let mut h = harness(a_with_b());
    h.run();
    h.get_by_label("Copy as Markdown").click();
    h.run();
    assert!(h.query_by_label("Comparison copied as Markdown.").is_some());
}

#[test]
fn undo_and_redo_say_what_they_did() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Edit(Edit::AddMemo {
        case: None,
        title: "Comparing A and B".into(),
        text: "t".into(),
    }));
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(
        h.query_by_label("Undone: adding a memo “Comparing A and B”.")
            .is_some(),
        "{}",
        h.state().status
    );
    h.key_press_modifiers(CTRL.plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert!(
        h.query_by_label("Redone: adding a memo “Comparing A and B”.")
            .is_some()
    );
}
