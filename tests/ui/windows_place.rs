//! The Lesson editor and Your codes windows open below the menu, the view tabs and the lesson
//! bar, never over them (issue 23, item 15).

use std::borrow::Cow;

use caselens::ui::CaselensApp;
use caselens::workspace::Action;
use caselens::workspace::present::PresentCmd;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

type H = egui_kittest::Harness<'static, CaselensApp>;

/// The rect of the window titled `title`.
fn window(h: &H, title: &'static str) -> egui::Rect {
    h.ctx
        .memory(|m| m.area_rect(egui::Id::unique(Some(Cow::Borrowed(title)))))
        .expect("the window is shown")
}

/// The lowest bar above the views: the tabs, or the lesson bar's Close lesson button.
fn bars_bottom(h: &H) -> f32 {
    let tabs = h
        .get_by_role_and_label(Role::Button, "Agreement")
        .rect()
        .bottom();
    h.query_by_label("Close lesson")
        .map_or(tabs, |n| tabs.max(n.rect().bottom()))
}

#[test]
fn the_lesson_editor_opens_below_the_menu_and_tabs() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    let editor = window(&h, "Lesson editor");
    assert!(
        editor.top() >= bars_bottom(&h),
        "{editor:?} below {}",
        bars_bottom(&h)
    );
}

#[test]
fn with_a_lesson_open_both_windows_open_below_the_lesson_bar() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.state_mut()
        .workspace
        .apply(Action::Present(PresentCmd::OpenSample));
    h.state_mut().workspace.apply(Action::ToggleCodesWindow);
    h.state_mut()
        .workspace
        .apply(Action::Present(PresentCmd::ToggleEditor));
    h.run();
    h.run();
    assert!(
        h.query_by_label("Close lesson").is_some(),
        "the lesson bar shows"
    );
    for title in ["Lesson editor", "Your codes"] {
        let rect = window(&h, title);
        assert!(
            rect.top() >= bars_bottom(&h),
            "{title} {rect:?} below {}",
            bars_bottom(&h)
        );
    }
}
