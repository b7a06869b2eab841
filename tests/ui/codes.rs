//! The *Your codes* window: add, rename, recolour, nest, merge and delete, each through the
//! window as a user would, each checked on the notes and on what the window shows.

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
