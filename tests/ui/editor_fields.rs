//! Fields of the case editor whose value is parsed from the text (lists, figures) keep what is
//! typed while they have the focus: a new line, a separator or a decimal point is not lost
//! before the next item or digit is typed.

use caselens::authoring::{CaseEdit, FacetValue};
use caselens::workspace::Action;
use caselens::workspace::editing::EditorCmd;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness_sized};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// A new case in the editor with `dimension` given `value`, in a window tall enough for the
/// form.
fn editing(dimension: &str, value: FacetValue) -> H {
    let mut app = app_on("company-a");
    app.workspace
        .apply(Action::Editor(EditorCmd::NewCase(String::new())));
    app.workspace
        .apply(Action::Editor(EditorCmd::Apply(CaseEdit::SetFacet {
            dimension: dimension.into(),
            value,
        })));
    let mut h = harness_sized(app, 1600.0, 3000.0);
    h.run();
    h
}

fn facet(h: &H, dimension: &str) -> Option<FacetValue> {
    let editor = h.state().workspace.editor.as_ref().expect("editing");
    let dim = h
        .state()
        .workspace
        .library
        .framework(&editor.draft.doc().framework)
        .and_then(|f| f.dimension(dimension))
        .expect("dimension")
        .kind;
    FacetValue::of_facet(editor.draft.doc().facets.get(dimension), dim)
}

#[test]
fn a_list_facet_takes_a_second_item_typed_after_a_new_line() {
    let mut h = editing("segments", FacetValue::List(Vec::new()));
    let field = h.get_by_role_and_label(Role::MultilineTextInput, "Segments served");
    field.click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Segments served")
        .type_text("Offices");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Segments served")
        .type_text("Cafes");
    h.run();
    assert_eq!(
        facet(&h, "segments"),
        Some(FacetValue::List(vec!["Offices".into(), "Cafes".into()]))
    );
}

#[test]
fn a_figure_takes_a_decimal_point_and_a_cleared_field_takes_a_new_figure() {
    let value = FacetValue::Number {
        value: serde_json::Number::from(7),
        bound: None,
    };
    let mut h = editing("revenue-usd-m", value);
    h.get_by_role_and_label(Role::TextInput, "Revenue (USD m)")
        .click();
    h.run();
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Revenue (USD m)")
        .type_text("2");
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Revenue (USD m)")
        .type_text(".");
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Revenue (USD m)")
        .type_text("5");
    h.run();
    let Some(FacetValue::Number { value, .. }) = facet(&h, "revenue-usd-m") else {
        panic!("a number");
    };
    assert_eq!(value.as_f64(), Some(2.5));
}

#[test]
fn a_meta_list_takes_a_second_name_typed_after_the_separator() {
    let mut h = editing("segments", FacetValue::List(Vec::new()));
    let label = "Organisations (; between)";
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    for part in ["Acme", ";", " ", "Beta"] {
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(part);
        h.run();
    }
    let editor = h.state().workspace.editor.as_ref().expect("editing");
    assert_eq!(
        editor.draft.doc().meta.organisations,
        vec!["Acme".to_owned(), "Beta".to_owned()]
    );
}
