//! The *Your codes* window: add, rename, recolour, nest, merge and delete, each through the
//! window as a user would, each checked on the notes and on what the window shows.

use std::borrow::Cow;

use caselens::workspace::{Action, Edit};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

type H = Harness<'static, caselens::ui::CaselensApp>;

fn label_of(h: &H, label: &str) -> Option<String> {
    h.state()
        .workspace
        .notebook
        .file()
        .codes
        .iter()
        .find(|c| c.label == label)
        .map(|c| c.id.clone())
}

fn add_code(h: &mut H, label: &str) -> String {
    h.get_by_label("Label").click();
    h.run();
    h.get_by_label("Label").type_text(label);
    h.run();
    h.get_by_label("Add code").click();
    h.run();
    label_of(h, label).unwrap_or_else(|| panic!("{label} was added"))
}

fn opened() -> H {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::ToggleCodesWindow);
    let mut h = harness(app);
    h.run();
    h
}

#[test]
fn add_rename_and_recolour_a_code() {
    let mut h = opened();
    let id = add_code(&mut h, "Trust");
    assert!(id.starts_with("USER."), "{id}");
    assert!(h.query_by_label("Trust").is_some(), "listed by its label");

    h.get_by_label("Rename").click();
    h.run();
    h.get_by_label("New label").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("New label").type_text("Confidence");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let code = h.state().workspace.notebook.file().codes[0].clone();
    assert_eq!(code.label, "Confidence");
    assert!(h.query_by_label("Confidence").is_some());
    assert!(h.query_by_label("Trust").is_none(), "the old name is gone");

    // The colour button is a native colour picker; the window turns it into this action.
    h.state_mut()
        .workspace
        .apply(Action::Edit(Edit::RecolourCode {
            id: code.id.clone(),
            color: "#123456".into(),
        }));
    h.run();
    let book = h.state().workspace.codebook("asp-alliances");
    assert_eq!(
        book.color(&code.id),
        caselens::codebook::Rgb(0x12, 0x34, 0x56)
    );
}

#[test]
fn nest_a_code_under_another_then_merge_and_delete() {
    let mut h = opened();
    let trust = add_code(&mut h, "Trust");
    let early = add_code(&mut h, "Early trust");
    // Nest "Early trust" under "Trust": its own Nest under… menu is the second one.
    h.get_all_by_label("Nest under…")
        .nth(1)
        .expect("two codes")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Trust").click();
    h.run();
    let nested = label_of(&h, "Early trust").expect("still there");
    assert_ne!(nested, early, "nesting re-keys the code under its parent");
    assert!(nested.starts_with(&format!("{trust}.")), "{nested}");
    assert!(
        h.query_by_label_contains("Trust › Early trust").is_some()
            || h.query_by_label("Early trust").is_some()
    );

    let third = add_code(&mut h, "Doubt");
    h.state_mut().workspace.apply(Action::Edit(Edit::AddMemo {
        case: None,
        title: "m".into(),
        text: "t".into(),
    }));
    // Merge "Doubt" into "Trust" through its Merge into… menu (the last code listed).
    h.get_all_by_label("Merge into…")
        .last()
        .expect("menus")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Trust").click();
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    assert!(label_of(&h, "Doubt").is_none(), "{third} merged away");

    // Delete asks first, then deletes.
    h.get_all_by_label("Delete…")
        .next()
        .expect("a code")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("Delete “").is_some(),
        "asks first"
    );
    h.get_by_label("Delete").click();
    h.run();
    assert!(label_of(&h, "Trust").is_none(), "deleted");
}

#[test]
fn rename_has_cancel_and_escape_cancels_it_then_closes_the_window() {
    let mut h = opened();
    add_code(&mut h, "Trust");
    let start_rename = |h: &mut H| {
        h.get_by_label("Rename").click();
        h.run();
        h.get_by_label("New label").type_text(" half");
        h.run();
    };
    start_rename(&mut h);
    // The rename's Cancel, beside its OK (the reader's highlight bar has one too).
    let ok = h.get_by_label("OK").rect();
    h.get_all_by_label("Cancel")
        .find(|c| c.rect().center().y == ok.center().y)
        .expect("Cancel beside OK")
        .click();
    h.run();
    assert!(h.query_by_label("New label").is_none(), "Cancel ends it");
    assert!(label_of(&h, "Trust").is_some(), "the name is unchanged");

    start_rename(&mut h);
    assert!(h.get_by_label("New label").is_focused());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("New label").is_none(), "Escape ends it");
    assert!(label_of(&h, "Trust").is_some());
    assert!(
        h.state().workspace.show_codes_window,
        "the first Escape was the field's"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        !h.state().workspace.show_codes_window,
        "a second Escape closes"
    );

    // A rename left half-typed does not come back with the window.
    h.state_mut().workspace.apply(Action::ToggleCodesWindow);
    h.run();
    start_rename(&mut h);
    h.state_mut().workspace.apply(Action::ToggleCodesWindow);
    h.run();
    h.state_mut().workspace.apply(Action::ToggleCodesWindow);
    h.run();
    assert!(
        h.query_by_label("New label").is_none(),
        "reopened without it"
    );
    assert!(h.query_by_label("Trust").is_some());
}

#[test]
fn a_nested_child_is_listed_under_its_parent_indented() {
    let mut h = opened();
    add_code(&mut h, "Early");
    add_code(&mut h, "Trust");
    // "Early" is listed first: its Nest under… menu is the first one.
    h.get_all_by_label("Nest under…")
        .next()
        .expect("two codes")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Trust").click();
    h.run();
    let early = label_of(&h, "Early").expect("still there");
    assert!(early.starts_with(&label_of(&h, "Trust").expect("parent")));
    let parent = h.get_by_label("Trust").rect();
    let child = h.get_by_label("Early").rect();
    assert!(child.top() > parent.bottom(), "under its parent");
    assert!(child.left() > parent.left(), "indented");
}

#[test]
fn each_new_code_gets_its_own_palette_colour() {
    let mut h = opened();
    add_code(&mut h, "Trust");
    add_code(&mut h, "Doubt");
    add_code(&mut h, "Fear");
    let colours: Vec<Option<String>> = h
        .state()
        .workspace
        .notebook
        .file()
        .codes
        .iter()
        .map(|c| c.color.clone())
        .collect();
    assert_eq!(colours.len(), 3);
    assert!(colours.iter().all(Option::is_some));
    assert_ne!(colours[0], colours[1], "{colours:?}");
    assert_ne!(colours[1], colours[2], "{colours:?}");
    assert_ne!(colours[0], colours[2], "{colours:?}");
}

#[test]
fn the_window_opens_below_the_menu_bar() {
    let h = opened();
    let window = h
        .ctx
        // egui names a window's area after its title's text (an `Option<Cow<str>>`).
        .memory(|m| m.area_rect(egui::Id::unique(Some(Cow::Borrowed("Your codes")))))
        .expect("the window is shown");
    // The view tabs are the menu bar's lowest row.
    let tabs = h
        .get_all_by_label("Alliances")
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("the Alliances tab");
    assert!(
        window.top() >= tabs.bottom(),
        "window {window:?}, menu bar down to {tabs:?}"
    );
}

#[test]
fn enter_in_the_new_code_label_adds_the_code() {
    let mut h = opened();
    h.get_by_label("Label").click();
    h.run();
    h.get_by_label("Label").type_text("Vendor trust");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(label_of(&h, "Vendor trust").is_some(), "Enter added it");
    assert_eq!(
        h.get_by_label("Label").value().as_deref(),
        Some(""),
        "the field is ready for the next code"
    );
}
