//! "Your codes": add, rename, recolour, nest, merge and delete the user's own codes.
//! Deleting says first what will happen to the items that use the code.

use egui::{RichText, Ui};

use crate::codebook::Codebook;
use crate::format::UserCode;
use crate::notes::book::CodeImpact;
use crate::ui::theme;
use crate::workspace::{Action, Edit, Workspace};

/// State of the codes window.
#[derive(Default)]
pub struct CodesWindow {
    new_label: String,
    new_color: [u8; 3],
    new_parent: Option<String>,
    renaming: Option<(String, String)>,
    /// The rename field takes focus once, when renaming starts.
    focus_rename: bool,
    merge_into: Option<(String, String)>,
    confirm_delete: Option<(String, CodeImpact)>,
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

impl CodesWindow {
    /// Draws the window when open.
    pub fn ui(&mut self, ctx: &egui::Context, ws: &Workspace, actions: &mut Vec<Action>) {
        if !ws.show_codes_window {
            return;
        }
        if self.new_color == [0, 0, 0] {
            self.new_color = [16, 185, 129];
        }
        let mut open = true;
        egui::Window::new("Your codes")
            .open(&mut open)
            .default_width(theme::CODES_WINDOW_WIDTH)
            .max_height(ctx.content_rect().height() * 0.85)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.body_ui(ui, ws, actions));
            });
        if !open {
            actions.push(Action::ToggleCodesWindow);
        }
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
        let all_ids: Vec<String> = codes.iter().map(|c| c.id.clone()).collect();
        let book = codebook(ws);
        for code in &codes {
            let depth = code.id.matches('.').count().saturating_sub(1);
            ui.horizontal(|ui| {
                ui.add_space(16.0 * depth as f32);
                self.code_row_ui(ui, code, &all_ids, &book, ws, actions);
            });
        }
        if let Some((from, into)) = self.merge_into.clone() {
            self.merge_ui(ui, ws, &book, &from, &into, actions);
        }
        ui.separator();
        self.new_code_ui(ui, &all_ids, &book, actions);
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
                if ui.button("OK").clicked()
                    || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                {
                    actions.push(Action::Edit(Edit::RenameCode {
                        id: id.clone(),
                        label: label.clone(),
                    }));
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
        actions: &mut Vec<Action>,
    ) {
        ui.label(RichText::new("New code").strong());
        ui.horizontal(|ui| {
            let label = ui.label("Label");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_label)
                    .desired_width(theme::CODE_LABEL_WIDTH),
            )
            .labelled_by(label.id);
            ui.color_edit_button_srgb(&mut self.new_color)
                .on_hover_text("Colour");
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
            if ui.button("Add code").clicked() && !self.new_label.trim().is_empty() {
                actions.push(Action::Edit(Edit::AddCode {
                    label: self.new_label.trim().to_owned(),
                    color: hex(self.new_color),
                    parent: self.new_parent.clone(),
                }));
                self.new_label.clear();
            }
        });
    }
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
