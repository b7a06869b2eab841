//! A window made very small and large again (issue 23, items 10 and 14): every view tab stays
//! in the tab bar at 640x480, and the side panels take their width back afterwards.

use caselens::ui::CaselensApp;
use caselens::workspace::{Action, View};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness_sized};

type H = Harness<'static, CaselensApp>;

/// Every view tab shows whole inside the window, and no other control covers it.
fn tabs_whole(h: &H, width: f32, what: &str) {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, 480.0));
    let buttons: Vec<egui::Rect> = ["Library", "Facets and notes", "Chart and evidence"]
        .into_iter()
        .filter_map(|b| h.query_by_role_and_label(Role::Button, b))
        .map(|n| n.rect())
        .collect();
    for view in View::ALL {
        let tab = h.get_by_role_and_label(Role::Button, view.label()).rect();
        assert!(
            window.contains_rect(tab),
            "{what}: tab {} at {tab:?}",
            view.label()
        );
        for b in &buttons {
            assert!(
                !b.intersects(tab),
                "{what}: a panel button {b:?} covers {} {tab:?}",
                view.label()
            );
        }
    }
}

#[test]
fn at_640x480_every_tab_stays_in_the_reader_and_the_matrix() {
    let mut h = harness_sized(app_on("company-a"), 640.0, 480.0);
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "Facets and notes")
            .is_some(),
        "the side panel is a toggle at this size"
    );
    tabs_whole(&h, 640.0, "Reader");
    h.state_mut().workspace.apply(Action::SetView(View::Matrix));
    h.run();
    h.run();
    tabs_whole(&h, 640.0, "Matrix");
}

/// Left edge of the reader's Facets/Notes panel (its Facets tab).
fn facets_left(h: &H) -> f32 {
    h.get_by_role_and_label(Role::Button, "Facets")
        .rect()
        .left()
}

#[test]
fn after_640x480_the_side_panel_takes_its_width_back() {
    let mut h = harness_sized(app_on("company-a"), 1600.0, 900.0);
    h.run();
    let wide = 1600.0 - facets_left(&h);
    h.set_size(egui::vec2(640.0, 480.0));
    h.run();
    h.get_by_role_and_label(Role::Button, "Facets and notes")
        .click();
    h.run();
    h.run();
    let small = 640.0 - facets_left(&h);
    assert!(small < wide - 20.0, "squeezed at 640: {small} < {wide}");
    h.set_size(egui::vec2(1600.0, 900.0));
    h.run();
    h.run();
    let again = 1600.0 - facets_left(&h);
    assert!((again - wide).abs() < 1.0, "back to {wide}, not {again}");
}
