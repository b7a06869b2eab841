//! Groups and their dimensions: a group's title, its place, *Add dimension* and *Delete
//! group* (when empty); a dimension's id, label, kind, options (a choice), family (codes) and
//! help, its place in its group or another, and *Delete dimension*.

use egui::{RichText, Ui};

use super::fields::{self, Field};
use super::{FrameworkEditorView, apply};
use crate::authoring::{FrameworkEdit, FrameworkPlace};
use crate::format::{Dimension, Framework, Group, Kind};
use crate::workspace::Action;
use crate::workspace::editing::framework::FrameworkEditor;

/// Every kind, in the order the kind box lists them.
const KINDS: [Kind; 7] = [
    Kind::Text,
    Kind::Number,
    Kind::Year,
    Kind::Bool,
    Kind::List,
    Kind::Choice,
    Kind::Codes,
];

impl FrameworkEditorView {
    /// Every group with its dimensions, then *Add group*.
    pub(super) fn groups_ui(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        actions: &mut Vec<Action>,
    ) {
        let fw = editor.draft.doc();
        for (gi, group) in fw.groups.iter().enumerate() {
            ui.push_id(("group", &group.id), |ui| {
                self.group_ui(ui, editor, (gi, group), actions);
            });
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.label("New group");
            let response =
                ui.add(egui::TextEdit::singleline(&mut self.new_group).hint_text("Title"));
            fields::name(ui, &response, "New group title".into());
            if ui.button("Add group").clicked() && !self.new_group.trim().is_empty() {
                let title = std::mem::take(&mut self.new_group);
                apply(
                    actions,
                    FrameworkEdit::AddGroup {
                        at: usize::MAX,
                        id: None,
                        title,
                    },
                );
            }
        });
    }

    fn group_ui(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        (gi, group): (usize, &Group),
        actions: &mut Vec<Action>,
    ) {
        let fw = editor.draft.doc();
        ui.separator();
        let of = format!("group {}", group.id);
        let focus = self.take_focus(|p| *p == FrameworkPlace::Group(group.id.clone()));
        let title = Field {
            label: "Group title",
            of: &of,
            focus,
        };
        fields::line(ui, title, &group.title, actions, |title| {
            FrameworkEdit::RenameGroup {
                group: group.id.clone(),
                title,
            }
        });
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("id {}", group.id)).small().weak());
            let moved = |to| FrameworkEdit::MoveGroup {
                group: group.id.clone(),
                to,
            };
            let up = ui.add_enabled(gi > 0, egui::Button::new("Move group up"));
            fields::name(ui, &up, format!("Move {of} up"));
            if up.clicked() {
                apply(actions, moved(gi - 1));
            }
            let last = gi + 1 >= fw.groups.len();
            let down = ui.add_enabled(!last, egui::Button::new("Move group down"));
            fields::name(ui, &down, format!("Move {of} down"));
            if down.clicked() {
                apply(actions, moved(gi + 1));
            }
            let delete = ui
                .add_enabled(
                    group.dimensions.is_empty(),
                    egui::Button::new("Delete group"),
                )
                .on_disabled_hover_text("Move or delete its dimensions first");
            fields::name(ui, &delete, format!("Delete {of}"));
            if delete.clicked() {
                let group = group.id.clone();
                apply(actions, FrameworkEdit::DeleteGroup { group });
            }
            let add = ui.button("Add dimension");
            fields::name(ui, &add, format!("Add dimension to {of}"));
            if add.clicked() {
                let id = crate::format::free_id("new-dimension", |id| fw.dimension(id).is_some());
                self.focus = Some(FrameworkPlace::Dimension(id.clone()));
                let dimension = Dimension {
                    id,
                    label: "New dimension".into(),
                    kind: Kind::Text,
                    help: None,
                    options: Vec::new(),
                    family: None,
                };
                apply(
                    actions,
                    FrameworkEdit::AddDimension {
                        group: group.id.clone(),
                        at: usize::MAX,
                        dimension,
                    },
                );
            }
        });
        for (di, dim) in group.dimensions.iter().enumerate() {
            ui.push_id(("dimension", &dim.id), |ui| {
                ui.indent("dimension", |ui| {
                    self.dimension_ui(ui, editor, (gi, group), (di, dim), actions);
                });
            });
        }
    }

    /// One dimension, folded under its label; opened (and its id focused) when it is new or
    /// its problem was clicked.
    fn dimension_ui(
        &mut self,
        ui: &mut Ui,
        editor: &FrameworkEditor,
        (gi, group): (usize, &Group),
        (di, dim): (usize, &Dimension),
        actions: &mut Vec<Action>,
    ) {
        let fw = editor.draft.doc();
        let place = FrameworkPlace::Dimension(dim.id.clone());
        let focus = self.take_focus(|p| *p == place);
        let open = self.opens(&place, focus);
        let mut header =
            egui::CollapsingHeader::new(format!("{} ({}, {})", dim.label, dim.id, dim.kind.name()))
                .id_salt("dimension");
        if open {
            header = header.open(Some(true));
        }
        header.show(ui, |ui| {
            let of = format!("dimension {}", dim.id);
            let id = Field {
                label: "Id",
                of: &of,
                focus,
            };
            self.id_field(ui, editor, (id, &dim.id), actions, |id| {
                FrameworkEdit::SetDimensionId {
                    dimension: dim.id.clone(),
                    id,
                }
            });
            fields::line(ui, Field::new("Label", &of), &dim.label, actions, |label| {
                FrameworkEdit::SetLabel {
                    dimension: dim.id.clone(),
                    label,
                }
            });
            kind_ui(ui, fw, dim, &of, actions);
            if dim.kind == Kind::Choice {
                let options = (Field::new("Options", &of), dim.options.as_slice());
                self.list_field(ui, options, actions, |options| FrameworkEdit::SetOptions {
                    dimension: dim.id.clone(),
                    options,
                });
            }
            let help = dim.help.clone().unwrap_or_default();
            fields::text(ui, Field::new("Help", &of), &help, actions, |help| {
                FrameworkEdit::SetHelp {
                    dimension: dim.id.clone(),
                    help: Some(help),
                }
            });
            place_ui(ui, fw, (gi, group), (di, dim), &of, actions);
        });
    }
}

/// The kind box, and the family box of a codes dimension.
fn kind_ui(ui: &mut Ui, fw: &Framework, dim: &Dimension, of: &str, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label("Kind");
        let response = egui::ComboBox::from_id_salt("kind")
            .selected_text(dim.kind.name())
            .show_ui(ui, |ui| {
                for kind in KINDS {
                    if ui.selectable_label(dim.kind == kind, kind.name()).clicked()
                        && dim.kind != kind
                    {
                        apply(
                            actions,
                            FrameworkEdit::SetKind {
                                dimension: dim.id.clone(),
                                kind,
                            },
                        );
                    }
                }
            })
            .response;
        fields::name(ui, &response, format!("Kind of {of}"));
        if dim.kind != Kind::Codes {
            return;
        }
        ui.label("Family");
        let set = |family: Option<String>| FrameworkEdit::SetFamily {
            dimension: dim.id.clone(),
            family,
        };
        let response = egui::ComboBox::from_id_salt("family")
            .selected_text(dim.family.as_deref().unwrap_or("any code"))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(dim.family.is_none(), "any code")
                    .clicked()
                {
                    apply(actions, set(None));
                }
                for code in &fw.codes {
                    let chosen = dim.family.as_deref() == Some(code.id.as_str());
                    if ui.selectable_label(chosen, &code.id).clicked() && !chosen {
                        apply(actions, set(Some(code.id.clone())));
                    }
                }
            })
            .response;
        fields::name(ui, &response, format!("Family of {of}"));
    });
}

/// Up, down, to another group, and *Delete dimension*.
fn place_ui(
    ui: &mut Ui,
    fw: &Framework,
    (gi, group): (usize, &Group),
    (di, dim): (usize, &Dimension),
    of: &str,
    actions: &mut Vec<Action>,
) {
    let moved = |group: &str, to| FrameworkEdit::MoveDimension {
        dimension: dim.id.clone(),
        group: group.to_owned(),
        to,
    };
    ui.horizontal_wrapped(|ui| {
        let up = ui.add_enabled(di > 0, egui::Button::new("Move up"));
        fields::name(ui, &up, format!("Move {of} up"));
        if up.clicked() {
            apply(actions, moved(&group.id, di - 1));
        }
        let last = di + 1 >= group.dimensions.len();
        let down = ui.add_enabled(!last, egui::Button::new("Move down"));
        fields::name(ui, &down, format!("Move {of} down"));
        if down.clicked() {
            apply(actions, moved(&group.id, di + 1));
        }
        let others: Vec<&Group> = fw
            .groups
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != gi)
            .map(|(_, g)| g)
            .collect();
        if !others.is_empty() {
            let response = ui
                .menu_button("Move to group…", |ui| {
                    for other in others {
                        if ui.button(&other.title).clicked() {
                            apply(actions, moved(&other.id, usize::MAX));
                        }
                    }
                })
                .response;
            fields::name(ui, &response, format!("Move {of} to group"));
        }
        let delete = ui.button("Delete dimension");
        fields::name(ui, &delete, format!("Delete {of}"));
        if delete.clicked() {
            let dimension = dim.id.clone();
            apply(actions, FrameworkEdit::DeleteDimension { dimension });
        }
    });
}
