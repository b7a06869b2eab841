//! The framework editor, in the main area while a framework is edited: its title and
//! description, its groups with their dimensions, and its codebook as a tree, with the
//! validator's problems beside the form. Every change is a [`FrameworkCmd`] on the workspace,
//! which keeps the draft, its undo, the cases it changes and the question about cases an edit
//! would break (the dialog drawn here).
//!
//! Its parts: `header` (file, save, undo, close), `dimensions` (groups and dimensions), `codes`
//! (the codebook), `fields` (the text fields they share: typed fields, and id and list fields
//! committed when they lose focus, checked as they are typed) and `impact` (the question about
//! the cases an edit breaks).

mod codes;
mod dimensions;
mod fields;
mod header;
mod impact;

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::authoring::{DraftFile, FrameworkEdit, FrameworkPlace};
use crate::format::Framework;
use crate::ui::theme;
use crate::workspace::editing::framework::{FrameworkCmd, FrameworkEditor};
use crate::workspace::{Action, Workspace};
use fields::Field;

/// What the editor keeps between frames: the id and list fields being typed, what to open or
/// focus next.
#[derive(Default)]
pub struct FrameworkEditorView {
    /// Text of id and list fields while typed, by field key (committed on losing focus).
    buffers: HashMap<String, String>,
    /// The title of the next group.
    new_group: String,
    /// A dimension or code to open and focus (just added, or its problem clicked).
    focus: Option<FrameworkPlace>,
    /// A dimension or code to keep open under its new id (its id was just changed).
    reopen: Option<FrameworkPlace>,
}

/// Pushes a framework editor command.
fn push(actions: &mut Vec<Action>, cmd: FrameworkCmd) {
    actions.push(Action::Framework(cmd));
}

/// Pushes one undoable framework edit.
fn apply(actions: &mut Vec<Action>, edit: FrameworkEdit) {
    push(actions, FrameworkCmd::Apply(edit));
}

impl FrameworkEditorView {
    /// Draws the editor of the framework being edited: the header, the problems beside the
    /// form, the form, and the question about the cases an edit breaks.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        let Some(editor) = &ws.framework_editor else {
            return;
        };
        egui::Panel::top("framework-editor-header").show(ui, |ui| {
            header::header_ui(ui, ws, editor, actions);
        });
        egui::Panel::right("framework-problems")
            .resizable(true)
            .default_size(theme::FRAMEWORK_PROBLEMS_WIDTH)
            .show(ui, |ui| self.problems_ui(ui, editor));
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("framework-editor")
                .auto_shrink([false, false])
                .show(ui, |ui| self.form_ui(ui, editor, actions));
        });
        impact::impact_ui(ui.ctx(), ws, editor, actions);
    }

    fn form_ui(&mut self, ui: &mut Ui, editor: &FrameworkEditor, actions: &mut Vec<Action>) {
        let fw = editor.draft.doc();
        egui::CollapsingHeader::new("Title and description")
            .default_open(true)
            .show(ui, |ui| self.details_ui(ui, editor, fw, actions));
        let dimensions: usize = fw.groups.iter().map(|g| g.dimensions.len()).sum();
        egui::CollapsingHeader::new(format!(
            "Groups and dimensions ({} groups, {dimensions} dimensions)",
            fw.groups.len()
        ))
        .default_open(true)
        .show(ui, |ui| self.groups_ui(ui, editor, actions));
        egui::CollapsingHeader::new(format!("Codes ({})", fw.codes.len()))
            .default_open(true)
            .show(ui, |ui| self.codes_ui(ui, editor, actions));
    }

    fn details_ui(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        fw: &Framework,
        actions: &mut Vec<Action>,
    ) {
        let focus_id = self.take_focus(|p| *p == FrameworkPlace::Header("id".into()));
        let focus = focus_id || self.take_focus(|p| matches!(p, FrameworkPlace::Header(_)));
        // Cases name their framework by id: only a framework not saved yet takes another.
        if matches!(editor.draft.file(), DraftFile::New) {
            let field = Field {
                label: "Framework id",
                of: "",
                focus: focus_id,
            };
            self.id_field(ui, editor, (field, &fw.id), actions, FrameworkEdit::SetId);
        } else {
            ui.label(RichText::new(format!("Framework id: {}", fw.id)).small());
        }
        let title = Field {
            label: "Framework title",
            of: "",
            focus: focus && !focus_id,
        };
        fields::line(ui, title, &fw.title, actions, FrameworkEdit::SetTitle);
        let description = fw.description.clone().unwrap_or_default();
        let field = Field::new("Framework description", "");
        fields::text(ui, field, &description, actions, |d| {
            FrameworkEdit::SetDescription(Some(d))
        });
    }

    /// True when `place` is to be opened: it takes the focus, or its id was just changed.
    fn opens(&mut self, place: &FrameworkPlace, focus: bool) -> bool {
        let renamed = self.reopen.as_ref() == Some(place);
        if renamed {
            self.reopen = None;
        }
        focus || renamed
    }

    /// Takes the place to focus when `matches` says it is drawn here.
    fn take_focus(&mut self, matches: impl Fn(&FrameworkPlace) -> bool) -> bool {
        if self.focus.as_ref().is_some_and(matches) {
            self.focus = None;
            return true;
        }
        false
    }

    /// The validator's problems, each focusing its field.
    fn problems_ui(&mut self, ui: &mut Ui, editor: &FrameworkEditor) {
        let problems = editor.draft.problems();
        ui.heading(format!("Problems ({})", problems.len()));
        if problems.is_empty() {
            ui.label(RichText::new("No problems: the framework is valid.").small());
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("framework-problems")
            .show(ui, |ui| {
                for issue in problems {
                    let place =
                        crate::authoring::place_in_framework(editor.draft.doc(), &issue.pointer);
                    let text = format!("{}: {}", issue.pointer, issue.message);
                    if place == FrameworkPlace::File {
                        ui.label(text);
                    } else if ui.link(text).clicked() {
                        self.focus = Some(place);
                    }
                }
            });
    }
}
