//! The codebook as a tree (a code under its parent, indented): a code's id (renaming it renames
//! the codes under it, in every case and in the notes), label, colour, definition, example and
//! references; *Add code under* (nesting a new code), *Nest under…* (moving a code and its
//! children), and *Delete code* (when nothing is under it).

use egui::{RichText, Ui};

use super::fields::{self, Field};
use super::{FrameworkEditorView, apply, push};
use crate::authoring::{FrameworkEdit, FrameworkPlace};
use crate::format::{Code, Framework};
use crate::ui::theme;
use crate::workspace::Action;
use crate::workspace::editing::framework::{FrameworkCmd, FrameworkEditor};

/// A new code with this id and no label, colour or definition yet.
fn new_code(id: String) -> Code {
    Code {
        id,
        parent: None,
        label: "New code".into(),
        definition: None,
        example: None,
        color: None,
        refs: Vec::new(),
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

impl FrameworkEditorView {
    /// Every code in the codebook's order, indented under its parent; then *Add code*.
    pub(super) fn codes_ui(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        actions: &mut Vec<Action>,
    ) {
        let fw = editor.draft.doc();
        for (ci, code) in fw.codes.iter().enumerate() {
            let depth = code.id.matches('.').count();
            ui.push_id(("code", &code.id), |ui| {
                ui.horizontal_top(|ui| {
                    ui.add_space(theme::CODE_INDENT * depth as f32);
                    ui.vertical(|ui| self.code_ui(ui, editor, (ci, code), actions));
                });
            });
        }
        if ui.button("Add top-level code").clicked() {
            let id = crate::format::free_id("NEW", |id| fw.code(id).is_some());
            self.focus = Some(FrameworkPlace::Code(id.clone()));
            apply(actions, FrameworkEdit::AddCode(new_code(id)));
        }
    }

    /// One code, folded under its id and label.
    fn code_ui(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        (ci, code): (usize, &Code),
        actions: &mut Vec<Action>,
    ) {
        let fw = editor.draft.doc();
        let place = FrameworkPlace::Code(code.id.clone());
        let focus = self.take_focus(|p| *p == place);
        let open = self.opens(&place, focus);
        let mut header =
            egui::CollapsingHeader::new(format!("{}  {}", code.id, code.label)).id_salt("code");
        if open {
            header = header.open(Some(true));
        }
        header.show(ui, |ui| {
            let of = format!("code {}", code.id);
            let id = Field {
                label: "Id",
                of: &of,
                focus,
            };
            self.id_field(ui, editor, (id, &code.id), actions, |id| {
                FrameworkEdit::RenameCode {
                    code: code.id.clone(),
                    id,
                }
            });
            fields::line(
                ui,
                Field::new("Label", &of),
                &code.label,
                actions,
                |label| FrameworkEdit::SetCodeLabel {
                    code: code.id.clone(),
                    label,
                },
            );
            color_ui(ui, code, &of, actions);
            let definition = code.definition.clone().unwrap_or_default();
            fields::text(
                ui,
                Field::new("Definition", &of),
                &definition,
                actions,
                |d| FrameworkEdit::SetCodeDefinition {
                    code: code.id.clone(),
                    definition: Some(d),
                },
            );
            let example = code.example.clone().unwrap_or_default();
            fields::line(ui, Field::new("Example", &of), &example, actions, |e| {
                FrameworkEdit::SetCodeExample {
                    code: code.id.clone(),
                    example: Some(e),
                }
            });
            let refs = (Field::new("References", &of), code.refs.as_slice());
            self.list_field(ui, refs, actions, |refs| FrameworkEdit::SetCodeRefs {
                code: code.id.clone(),
                refs,
            });
            self.code_buttons_ui(ui, fw, (ci, code), &of, actions);
        });
    }

    /// *Add code under*, *Nest under…*, up, down and *Delete code*.
    fn code_buttons_ui(
        &mut self,
        ui: &mut Ui,
        fw: &Framework,
        (ci, code): (usize, &Code),
        of: &str,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let add = ui.button("Add code under");
            fields::name(ui, &add, format!("Add code under {}", code.id));
            if add.clicked() {
                let id =
                    crate::format::free_id(&format!("{}.new", code.id), |id| fw.code(id).is_some());
                self.focus = Some(FrameworkPlace::Code(id.clone()));
                apply(actions, FrameworkEdit::AddCode(new_code(id)));
            }
            // Not under itself, nor under a code below it.
            let parents: Vec<&Code> = fw
                .codes
                .iter()
                .filter(|c| c.id != code.id && !c.id.starts_with(&format!("{}.", code.id)))
                .collect();
            let nest = ui
                .menu_button("Nest under…", |ui| {
                    let mut nest = |parent: Option<String>| {
                        push(
                            actions,
                            FrameworkCmd::Apply(FrameworkEdit::NestCode {
                                code: code.id.clone(),
                                parent,
                            }),
                        );
                    };
                    if code.parent.is_some() && ui.button("(top level)").clicked() {
                        nest(None);
                    }
                    for parent in parents {
                        if ui.button(&parent.id).clicked() {
                            nest(Some(parent.id.clone()));
                        }
                    }
                })
                .response;
            fields::name(ui, &nest, format!("Nest {of} under"));
            let moved = |to| FrameworkEdit::MoveCode {
                code: code.id.clone(),
                to,
            };
            let up = ui.add_enabled(ci > 0, egui::Button::new("Move up"));
            fields::name(ui, &up, format!("Move {of} up"));
            if up.clicked() {
                apply(actions, moved(ci - 1));
            }
            let down = ui.add_enabled(ci + 1 < fw.codes.len(), egui::Button::new("Move down"));
            fields::name(ui, &down, format!("Move {of} down"));
            if down.clicked() {
                apply(actions, moved(ci + 1));
            }
            let leaf = !fw
                .codes
                .iter()
                .any(|c| c.parent.as_deref() == Some(&code.id));
            let delete = ui
                .add_enabled(leaf, egui::Button::new("Delete code"))
                .on_disabled_hover_text("Delete or move the codes under it first");
            fields::name(ui, &delete, format!("Delete {of}"));
            if delete.clicked() {
                let code = code.id.clone();
                apply(actions, FrameworkEdit::DeleteCode { code });
            }
        });
    }
}

/// The colour (dragging in the picker is one undo step) and *No colour*.
fn color_ui(ui: &mut Ui, code: &Code, of: &str, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label("Colour");
        let mut rgb = code
            .color
            .as_deref()
            .and_then(|c| egui::Color32::from_hex(c).ok())
            .map_or([128, 128, 128], |c| [c.r(), c.g(), c.b()]);
        let response = ui.color_edit_button_srgb(&mut rgb);
        fields::name(ui, &response, format!("Colour of {of}"));
        if response.changed() {
            push(
                actions,
                FrameworkCmd::Type(FrameworkEdit::SetCodeColor {
                    code: code.id.clone(),
                    color: Some(hex(rgb)),
                }),
            );
        }
        match &code.color {
            Some(c) => {
                ui.label(RichText::new(c).small().weak());
                let none = ui.button("No colour");
                fields::name(ui, &none, format!("No colour for {of}"));
                if none.clicked() {
                    apply(
                        actions,
                        FrameworkEdit::SetCodeColor {
                            code: code.id.clone(),
                            color: None,
                        },
                    );
                }
            }
            None => {
                ui.label(RichText::new("none").small().weak());
            }
        }
    });
}
