//! "Your codes": add, rename, recolour, nest, merge and delete the user's own codes, listed as
//! their tree (children under their parent, indented). Deleting says first what will happen to
//! the items that use the code. Escape cancels a rename, and closes the window when no field
//! is being edited; a new code gets the first palette colour no code of the user's has yet.

use egui::{Key, RichText, Ui};

use crate::codebook::{Codebook, USER_FAMILY};
use crate::format::UserCode;
use crate::notes::codes::CodeImpact;
use crate::ui::theme;
use crate::workspace::{Action, Edit, Workspace};

/// State of the codes window.
#[derive(Default)]
pub struct CodesWindow {
    new_label: String,
    /// The colour the user picked for the next code; `None`: the first unused palette colour.
    new_color: Option<[u8; 3]>,
    new_parent: Option<String>,
    renaming: Option<(String, String)>,
    /// The rename field takes focus once, when renaming starts.
    focus_rename: bool,
    merge_into: Option<(String, String)>,
    confirm_delete: Option<(String, CodeImpact)>,
    /// A text field had focus at the end of the last frame (so an Escape now was meant for it).
    was_typing: bool,
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

impl CodesWindow {
    /// Draws the window when open, below `top` (the menu bar's bottom edge).
    pub fn ui(&mut self, ctx: &egui::Context, top: f32, ws: &Workspace, actions: &mut Vec<Action>) {
        if !ws.show_codes_window {
            // Closed: a half-typed rename or a pending merge does not come back on reopening.
            self.renaming = None;
            self.merge_into = None;
            self.was_typing = false;
            return;
        }
        let escape = ctx.input(|i| i.key_pressed(Key::Escape))
            && !self.was_typing
            && self.confirm_delete.is_none()
            && !egui::Popup::is_any_open(ctx)
            && ctx.memory(|m| m.top_modal_layer().is_none());
        let content = ctx.content_rect();
        let area = egui::Rect::from_min_max(egui::pos2(content.left(), top), content.max);
        let mut open = true;
        egui::Window::new("Your codes")
            .open(&mut open)
            .default_width(theme::CODES_WINDOW_WIDTH)
            .default_pos(area.left_top() + egui::vec2(theme::WINDOW_OFFSET, theme::WINDOW_OFFSET))
            .constrain_to(area)
            .max_height(area.height() * 0.9)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.body_ui(ui, ws, actions));
            });
        if !open || escape {
            actions.push(Action::ToggleCodesWindow);
        }
        self.was_typing = crate::ui::commands::typing(ctx);
        if let Some((id, impact)) = self.confirm_delete.clone() {
            let book = codebook(ws);
            let modal =
                egui::Modal::new(crate::ui::views::compare_view::ui_id("confirm-delete-code"))
                    .show(ctx, |ui| {
                        ui.heading(format!("Delete “{}”?", book.path_label(&id)));
                        ui.label(impact.describe());
                        ui.horizontal(|ui| {
                            if ui.button("Delete").clicked() {
                                actions.push(Action::Edit(Edit::DeleteCode(id.clone())));
                                self.confirm_delete = None;
                            }
                            if ui.button("Keep it").clicked() {
                                self.confirm_delete = None;
                            }
                        });
                    });
            if modal.should_close() {
                self.confirm_delete = None;
            }
        }
    }

    fn body_ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        let codes = ws.notebook.file().codes.clone();
        ui.label(
            RichText::new(
                "Your own codes live in your notes file. Framework codes cannot be changed here.",
            )
            .small()
            .weak(),
        );
        ui.separator();
        if codes.is_empty() {
            ui.label("No codes yet.");
        }
        let book = codebook(ws);
        // Tree order from the codebook: each parent, then its children, indented.
        let mut tree: Vec<(usize, &UserCode)> = book
            .codes_in_family(USER_FAMILY)
            .filter_map(|e| {
                let code = codes.iter().find(|c| c.id == e.id)?;
                Some((depth(&book, &e.id), code))
            })
            .collect();
        for code in &codes {
            if !tree.iter().any(|(_, c)| c.id == code.id) {
                tree.push((0, code));
            }
        }
        let all_ids: Vec<String> = tree.iter().map(|(_, c)| c.id.clone()).collect();
        for (depth, code) in tree {
            ui.horizontal(|ui| {
                ui.add_space(theme::CODE_INDENT * depth as f32);
                self.code_row_ui(ui, code, &all_ids, &book, ws, actions);
            });
        }
        if let Some((from, into)) = self.merge_into.clone() {
            self.merge_ui(ui, ws, &book, &from, &into, actions);
        }
        ui.separator();
        let next_color = self.new_color.unwrap_or_else(|| unused_color(&codes));
        self.new_code_ui(ui, &all_ids, &book, next_color, actions);
    }

    /// One code: colour, label (or its rename field), Nest under…, Merge into…, Delete….
    fn code_row_ui(
        &mut self,
        ui: &mut Ui,
        code: &UserCode,
        all_ids: &[String],
        book: &Codebook,
        ws: &Workspace,
        actions: &mut Vec<Action>,
    ) {
        let mut rgb = {
            let c = theme::code_color(book.color(&code.id));
            [c.r(), c.g(), c.b()]
        };
        if ui
            .color_edit_button_srgb(&mut rgb)
            .on_hover_text("Colour")
            .changed()
        {
            actions.push(Action::Edit(Edit::RecolourCode {
                id: code.id.clone(),
                color: hex(rgb),
            }));
        }
        self.label_ui(ui, code, actions);
        // A code cannot go under itself or under one of its own children.
        let others: Vec<&String> = all_ids
            .iter()
            .filter(|o| **o != code.id && !book.is_ancestor(&code.id, o))
            .collect();
        ui.menu_button("Nest under…", |ui| {
            if ui.button("(top level)").clicked() {
                actions.push(Action::Edit(Edit::NestCode {
                    id: code.id.clone(),
                    parent: None,
                }));
            }
            for other in &others {
                if ui
                    .button(book.path_label(other))
                    .on_hover_text(*other)
                    .clicked()
                {
                    actions.push(Action::Edit(Edit::NestCode {
                        id: code.id.clone(),
                        parent: Some((*other).clone()),
                    }));
                }
            }
        });
        ui.menu_button("Merge into…", |ui| {
            for other in &others {
                if ui
                    .button(book.path_label(other))
                    .on_hover_text(*other)
                    .clicked()
                {
                    self.merge_into = Some((code.id.clone(), (*other).clone()));
                }
            }
        });
        if ui.small_button("Delete…").clicked() {
            self.confirm_delete = Some((code.id.clone(), ws.notebook.code_impact(&code.id)));
        }
    }

    /// The code's label, or the field that renames it.
    fn label_ui(&mut self, ui: &mut Ui, code: &UserCode, actions: &mut Vec<Action>) {
        match &mut self.renaming {
            Some((id, label)) if *id == code.id => {
                let r = ui.text_edit_singleline(label);
                ui.ctx()
                    .accesskit_node_builder(r.id, |n| n.set_label("New label"));
                if std::mem::take(&mut self.focus_rename) {
                    r.request_focus();
                }
                let (enter, escape) =
                    ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
                if ui.button("OK").clicked() || (r.lost_focus() && enter) {
                    actions.push(Action::Edit(Edit::RenameCode {
                        id: id.clone(),
                        label: label.clone(),
                    }));
                    self.renaming = None;
                } else if ui.button("Cancel").clicked() || (r.lost_focus() && escape) {
                    self.renaming = None;
                }
            }
            _ => {
                ui.label(RichText::new(&code.label).strong())
                    .on_hover_text(&code.id);
                if ui.small_button("Rename").clicked() {
                    self.renaming = Some((code.id.clone(), code.label.clone()));
                    self.focus_rename = true;
                }
            }
        }
    }

    /// Says what a merge does, then Merge or Cancel.
    fn merge_ui(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        book: &Codebook,
        from: &str,
        into: &str,
        actions: &mut Vec<Action>,
    ) {
        ui.separator();
        let n = ws
            .notebook
            .items()
            .filter(|i| i.codes.iter().any(|c| c == from))
            .count();
        let (from_label, into_label) = (book.path_label(from), book.path_label(into));
        ui.label(format!(
            "Merge “{from_label}” into “{into_label}”: {n} item(s) move to “{into_label}”, \
             and “{from_label}” goes away."
        ));
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked() {
                actions.push(Action::Edit(Edit::MergeCodes {
                    from: from.to_owned(),
                    into: into.to_owned(),
                }));
                self.merge_into = None;
            }
            if ui.button("Cancel").clicked() {
                self.merge_into = None;
            }
        });
    }

    fn new_code_ui(
        &mut self,
        ui: &mut Ui,
        all_ids: &[String],
        book: &Codebook,
        mut color: [u8; 3],
        actions: &mut Vec<Action>,
    ) {
        ui.label(RichText::new("New code").strong());
        ui.horizontal(|ui| {
            let label = ui.label("Label");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_label)
                        .desired_width(theme::CODE_LABEL_WIDTH),
                )
                .labelled_by(label.id);
            // Enter in the field adds the code, as the button does.
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .color_edit_button_srgb(&mut color)
                .on_hover_text("Colour")
                .changed()
            {
                self.new_color = Some(color);
            }
            let under = ui.label("under");
            egui::ComboBox::from_id_salt("new-code-parent")
                .selected_text(
                    self.new_parent
                        .as_deref()
                        .map_or("top level", |p| book.path_label(p)),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.new_parent, None, "top level");
                    for id in all_ids {
                        let text = book.path_label(id);
                        ui.selectable_value(&mut self.new_parent, Some(id.clone()), text);
                    }
                })
                .response
                .labelled_by(under.id);
            let clicked = ui.button("Add code").clicked();
            if (clicked || entered) && !self.new_label.trim().is_empty() {
                actions.push(Action::Edit(Edit::AddCode {
                    label: self.new_label.trim().to_owned(),
                    color: hex(color),
                    parent: self.new_parent.clone(),
                }));
                self.new_label.clear();
                // The next code gets the next unused palette colour again.
                self.new_color = None;
            }
        });
    }
}

/// How deep `id` sits under the user's top-level codes (0 at the top).
fn depth(book: &Codebook, id: &str) -> usize {
    let mut depth = 0;
    let mut at = book.entry(id).and_then(|e| e.parent.clone());
    while let Some(parent) = at.filter(|p| p != USER_FAMILY && depth < 32) {
        depth += 1;
        at = book.entry(&parent).and_then(|e| e.parent.clone());
    }
    depth
}

/// The first palette colour none of `codes` has; when all are taken, the palette goes round.
fn unused_color(codes: &[UserCode]) -> [u8; 3] {
    let used: Vec<String> = codes
        .iter()
        .filter_map(|c| c.color.as_deref())
        .map(str::to_ascii_lowercase)
        .collect();
    let palette = theme::CODE_PALETTE.map(|c| [c.r(), c.g(), c.b()]);
    palette
        .iter()
        .find(|c| !used.contains(&hex(**c)))
        .copied()
        .unwrap_or(palette[codes.len() % palette.len()])
}

/// Codes with labels for the window: the open case's framework (for merges into its codes)
/// and the user's own.
fn codebook(ws: &Workspace) -> std::sync::Arc<Codebook> {
    let framework = ws
        .open_case
        .as_deref()
        .and_then(|id| ws.library.case(id))
        .map_or("", |c| c.framework.as_str());
    ws.codebook(framework)
}
