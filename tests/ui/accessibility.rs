//! Every control of every view has a name a screen reader can read: the test walks the whole
//! accessibility tree of each view (and of the menus, the palette, the shortcuts overlay and
//! the codes window) and fails on any button, check box, link, text field or other control
//! without a label. A hint text alone does not count: AT-SPI reads such a field as unnamed.

use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit, View};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use crate::util::{a_with_b, app_on, harness_sized};

/// Ctrl as a real keyboard on Linux sends it: both `ctrl` and `command`.
const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);

/// Roles a user acts on: each needs a name.
const CONTROLS: [Role; 19] = [
    Role::Button,
    Role::DefaultButton,
    Role::CheckBox,
    Role::RadioButton,
    Role::Switch,
    Role::Link,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SearchInput,
    Role::EditableComboBox,
    Role::ComboBox,
    Role::Slider,
    Role::SpinButton,
    Role::MenuItem,
    Role::MenuItemCheckBox,
    Role::MenuItemRadio,
    Role::Tab,
    Role::ListBoxOption,
    Role::DisclosureTriangle,
];

/// True when `label` names something: a symbol alone ("✕", "🗑") is not a name.
fn names(label: Option<String>) -> bool {
    label.is_some_and(|l| l.chars().any(char::is_alphanumeric))
}

/// The controls shown, and those of them without a label (role, bounds, nearest named
/// ancestor).
fn walk<S>(h: &Harness<'_, S>) -> (usize, Vec<String>) {
    let mut seen = 0;
    let mut unnamed = Vec::new();
    for node in h.root().children_recursive() {
        let node = node.accesskit_node();
        if !CONTROLS.contains(&node.role()) || node.is_hidden() {
            continue;
        }
        seen += 1;
        if !names(node.label()) {
            let near =
                std::iter::successors(node.parent(), egui_kittest::kittest::AccessKitNode::parent)
                    .find_map(|n| n.label())
                    .unwrap_or_default();
            unnamed.push(format!(
                "{:?} at {:?} inside {near:?}",
                node.role(),
                node.raw_bounds()
            ));
        }
    }
    (seen, unnamed)
}

/// Fails when a control of what `h` shows has no label; `at_least` controls must be seen, so
/// the walk cannot pass by finding nothing.
fn assert_all_labelled(h: &Harness<'static, CaselensApp>, what: &str, at_least: usize) {
    let (seen, unnamed) = walk(h);
    assert!(
        unnamed.is_empty(),
        "{what}: {} of {seen} control(s) have no label:\n{}",
        unnamed.len(),
        unnamed.join("\n")
    );
    assert!(
        seen >= at_least,
        "{what}: only {seen} control(s) seen, expected {at_least} or more"
    );
}

fn harness(app: CaselensApp) -> Harness<'static, CaselensApp> {
    let mut h = harness_sized(app, 1500.0, 1000.0);
    h.run();
    h
}

fn with_notes(mut app: CaselensApp) -> CaselensApp {
    app.workspace.apply(Action::Edit(Edit::AddMemo {
        case: Some("company-a".into()),
        title: "A memo".into(),
        text: "Something to read out".into(),
    }));
    app.workspace.apply(Action::Edit(Edit::AddNote {
        case: "company-a".into(),
        dimension: None,
        text: "A note".into(),
    }));
    app
}

fn in_view(view: View) -> CaselensApp {
    let mut app = with_notes(a_with_b());
    app.workspace.apply(Action::SetView(view));
    app
}

#[test]
fn the_walk_catches_a_field_with_only_a_hint_and_a_symbol_button() {
    let mut text = String::new();
    let mut h = Harness::new_ui(move |ui| {
        ui.add(egui::TextEdit::singleline(&mut text).hint_text("Find"));
        let _ = ui.button("×");
        let _ = ui.button("Close");
    });
    h.run();
    let (seen, unnamed) = walk(&h);
    assert_eq!(seen, 3);
    assert_eq!(unnamed.len(), 2, "{unnamed:?}");
}

#[test]
fn the_reader_and_its_facets_are_labelled() {
    let mut h = harness(with_notes(app_on("company-a")));
    assert_all_labelled(&h, "Reader", 20);
    // A selection brings the highlight bar (codes, comment, Highlight).
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.run();
    assert!(h.state().reader.selection.is_some());
    assert_all_labelled(&h, "Reader with a selection", 20);
}

#[test]
fn the_notes_panel_is_labelled() {
    let mut h = harness(with_notes(app_on("company-a")));
    h.get(by().label_contains("Notes (")).click();
    h.run();
    assert!(
        h.query_all_by_label_contains("A memo").next().is_some(),
        "the notes panel shows"
    );
    assert_all_labelled(&h, "Notes panel", 20);
}

#[test]
fn compare_with_two_cases_ticked_is_labelled() {
    let h = harness(in_view(View::Compare));
    assert_eq!(h.state().workspace.compare.len(), 2);
    assert_all_labelled(&h, "Compare", 20);
}

#[test]
fn alliances_matrix_and_coded_passages_are_labelled() {
    for view in [View::Alliances, View::Matrix, View::Coded] {
        let h = harness(in_view(view));
        assert_all_labelled(&h, view.label(), 10);
    }
}

#[test]
fn the_framework_editor_and_its_question_about_cases_are_labelled() {
    use caselens::workspace::editing::framework::FrameworkCmd;
    let mut app = app_on("company-a");
    app.workspace
        .apply(Action::Framework(FrameworkCmd::Start(None)));
    let mut h = harness(app);
    // A choice, a codes dimension and a code opened: every kind of field shows.
    for header in [
        "Delivery model (delivery-model, choice)",
        "Partnering rationale (rationale, codes)",
        "RAT  Partnering rationale",
    ] {
        h.get_by_label(header).scroll_to_me();
        h.run();
        h.get_by_label(header).click();
        h.run();
    }
    assert!(
        h.query_by_label("Options of dimension delivery-model")
            .is_some()
    );
    assert!(h.query_by_label("Family of dimension rationale").is_some());
    assert!(h.query_by_label("Colour of code RAT").is_some());
    assert_all_labelled(&h, "Framework editor", 60);
    h.state_mut()
        .workspace
        .apply(Action::Framework(FrameworkCmd::Apply(
            caselens::authoring::FrameworkEdit::DeleteDimension {
                dimension: "founded".into(),
            },
        )));
    h.run();
    assert!(h.query_by_label("Cancel the change").is_some());
    assert_all_labelled(&h, "The cases a deletion breaks", 4);
}

#[test]
fn the_search_panel_is_labelled() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Search {
        in_open_case: false,
    });
    app.search_view.text = "alliance".into();
    let h = harness(app);
    assert!(h.state().search_view.hit_count() > 0);
    assert_all_labelled(&h, "Search panel", 20);
}

#[test]
fn the_codes_window_is_labelled() {
    let mut app = with_notes(app_on("company-a"));
    app.workspace.apply(Action::Edit(Edit::AddCode {
        label: "Trust".into(),
        color: "#3366cc".into(),
        parent: None,
    }));
    app.workspace.apply(Action::ToggleCodesWindow);
    let h = harness(app);
    assert!(
        h.query_all_by_label("Trust").next().is_some(),
        "the codes window shows"
    );
    assert_all_labelled(&h, "Your codes", 20);
}

#[test]
fn the_palette_and_the_shortcuts_overlay_are_labelled() {
    let mut h = harness(app_on("company-a"));
    h.key_press_modifiers(CTRL, Key::K);
    h.run();
    assert!(h.state().palette.is_open());
    assert_all_labelled(&h, "Command palette", 30);
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().shortcuts.open);
    assert_all_labelled(&h, "Keyboard shortcuts", 1);
}

#[test]
fn every_menu_is_labelled() {
    let mut h = harness(with_notes(app_on("company-a")));
    for menu in ["File", "Edit", "View", "Help"] {
        h.get_by_role_and_label(Role::Button, menu).click();
        h.run();
        assert_all_labelled(&h, menu, 5);
        h.key_press(Key::Escape);
        h.run();
    }
}
