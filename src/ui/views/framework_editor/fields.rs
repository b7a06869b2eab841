//! The fields the framework editor's parts share. Text (titles, labels, help, definitions) is
//! sent as it is typed, one undo step per field; ids and lists (options, references) are kept
//! here while typed and sent when the field loses focus (Enter or a click elsewhere), so a
//! half-typed id or option never reaches the cases; an id is checked as it is typed.
//!
//! Each field shows a short label ("Label") and is named for screen readers with what it
//! belongs to ("Label of dimension founded"), since every dimension and code has the same
//! fields.

use egui::{RichText, Ui};

use super::{FrameworkEditorView, push};
use crate::authoring::{FrameworkEdit, FrameworkPlace};
use crate::ui::theme;
use crate::workspace::Action;
use crate::workspace::editing::framework::{FrameworkCmd, FrameworkEditor};

/// A field's label, what it belongs to (empty: the framework), and whether it takes the focus
/// now (its problem was clicked).
#[derive(Clone, Copy)]
pub(super) struct Field<'a> {
    pub label: &'a str,
    pub of: &'a str,
    pub focus: bool,
}

impl<'a> Field<'a> {
    /// A field of `of` that does not take the focus.
    pub fn new(label: &'a str, of: &'a str) -> Self {
        Self {
            label,
            of,
            focus: false,
        }
    }

    /// The name a screen reader reads (and tests find it by).
    pub fn name(&self) -> String {
        if self.of.is_empty() {
            self.label.to_owned()
        } else {
            format!("{} of {}", self.label, self.of)
        }
    }

    /// Shows the label and names `response` after the field; takes the focus when asked.
    fn attach(&self, ui: &Ui, response: &egui::Response) {
        let name = self.name();
        ui.ctx()
            .accesskit_node_builder(response.id, |n| n.set_label(name));
        if self.focus {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
        }
    }
}

/// Names a control that is not a text field (a combo box, a button) after what it belongs to.
pub(super) fn name(ui: &Ui, response: &egui::Response, name: String) {
    ui.ctx()
        .accesskit_node_builder(response.id, |n| n.set_label(name));
}

/// Sends the edit of a typed field that changed, and ends its undo step when it loses focus.
fn typed(
    response: &egui::Response,
    text: String,
    before: &str,
    actions: &mut Vec<Action>,
    make: impl FnOnce(String) -> FrameworkEdit,
) {
    if response.changed() && text != before {
        push(actions, FrameworkCmd::Type(make(text)));
    }
    if response.lost_focus() {
        push(actions, FrameworkCmd::EndTyping);
    }
}

/// A one-line field sent as typed.
pub(super) fn line(
    ui: &mut Ui,
    field: Field<'_>,
    value: &str,
    actions: &mut Vec<Action>,
    make: impl FnOnce(String) -> FrameworkEdit,
) {
    ui.horizontal(|ui| {
        ui.label(field.label);
        let mut text = value.to_owned();
        let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY));
        field.attach(ui, &response);
        typed(&response, text, value, actions, make);
    });
}

/// A text of several lines sent as typed.
pub(super) fn text(
    ui: &mut Ui,
    field: Field<'_>,
    value: &str,
    actions: &mut Vec<Action>,
    make: impl FnOnce(String) -> FrameworkEdit,
) {
    ui.label(field.label);
    let mut text = value.to_owned();
    let response = ui.add(
        egui::TextEdit::multiline(&mut text)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    field.attach(ui, &response);
    typed(&response, text, value, actions, make);
}

impl FrameworkEditorView {
    /// An id field: what is typed is checked at once (the reason shows under it) and sent as
    /// `make(id)` when the field loses focus; a refused id goes back to `value`.
    pub(super) fn id_field(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        (field, value): (Field<'_>, &str),
        actions: &mut Vec<Action>,
        make: impl Fn(String) -> FrameworkEdit,
    ) {
        let key = format!("id/{}", field.name());
        let mut text = self
            .buffers
            .get(&key)
            .cloned()
            .unwrap_or_else(|| value.to_owned());
        let response = ui
            .horizontal(|ui| {
                ui.label(field.label);
                ui.add(egui::TextEdit::singleline(&mut text).desired_width(theme::ID_FIELD_WIDTH))
            })
            .inner;
        field.attach(ui, &response);
        if response.changed() {
            self.buffers.insert(key.clone(), text.clone());
        }
        let changed = text != value;
        if changed && let Some(why) = editor.refusal(&make(text.clone())) {
            ui.label(RichText::new(why).small().color(theme::WARNING));
        }
        if response.lost_focus() {
            self.buffers.remove(&key);
            if changed {
                let edit = make(text);
                // Its section stays open under the new id.
                self.reopen = match &edit {
                    FrameworkEdit::SetDimensionId { id, .. } => {
                        Some(FrameworkPlace::Dimension(id.clone()))
                    }
                    FrameworkEdit::RenameCode { id, .. } => Some(FrameworkPlace::Code(id.clone())),
                    _ => None,
                };
                push(actions, FrameworkCmd::Apply(edit));
            }
        }
    }

    /// A list edited one item a line, sent as `make(items)` when the field loses focus.
    pub(super) fn list_field(
        &mut self,
        ui: &mut Ui,
        (field, items): (Field<'_>, &[String]),
        actions: &mut Vec<Action>,
        make: impl FnOnce(Vec<String>) -> FrameworkEdit,
    ) {
        let key = format!("list/{}", field.name());
        let joined = items.join("\n");
        let mut text = self
            .buffers
            .get(&key)
            .cloned()
            .unwrap_or_else(|| joined.clone());
        ui.label(field.label);
        let response = ui.add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("One a line"),
        );
        field.attach(ui, &response);
        if response.changed() {
            self.buffers.insert(key.clone(), text.clone());
        }
        if response.lost_focus() {
            self.buffers.remove(&key);
            if text != joined {
                let items = text.lines().map(str::to_owned).collect();
                push(actions, FrameworkCmd::Apply(make(items)));
            }
        }
    }
}
