//! Caselens's own file dialog, drawn where the system's cannot open (no XDG desktop portal,
//! Xvfb): the folder with *Up*, a path field (Enter opens a folder or answers), the listing
//! filtered by extension with *Show all files*, the main button and Cancel. Its state and
//! rules are [`crate::workspace::file_dialog::FileDialog`]'s; this file only draws them.

use std::path::PathBuf;

use egui::RichText;

use crate::ui::theme;
use crate::workspace::file_dialog::{Accept, FileDialog, Mode};

/// What the user did with the dialog this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Still choosing.
    Open,
    /// Closed without an answer.
    Cancelled,
    /// The answer.
    Chosen(Vec<PathBuf>),
}

/// Draws `dialog` as a modal window.
pub fn file_dialog_ui(ctx: &egui::Context, dialog: &mut FileDialog) -> Outcome {
    let screen = ctx.content_rect();
    let mut outcome = Outcome::Open;
    let modal = egui::Modal::new(egui::Id::unique("caselens-file-dialog")).show(ctx, |ui| {
        ui.set_width((screen.width() * 0.8).min(640.0));
        ui.heading(&dialog.spec.title);
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(dialog.dir.parent().is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above")
                .clicked()
            {
                dialog.up();
            }
            let folder = format!("Folder: {}", dialog.dir.display());
            ui.add(egui::Label::new(RichText::new(folder).weak()).wrap());
        });
        ui.horizontal(|ui| {
            let label = ui.label("Path");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut dialog.path_text)
                        .desired_width(f32::INFINITY)
                        .hint_text("a name in this folder, or a whole path"),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                outcome = answer(dialog.enter());
            }
            // Typing goes to the path when nothing else has the keyboard.
            if !ui.ctx().memory(|m| m.focused().is_some()) {
                field.request_focus();
            }
        });
        filter_ui(ui, dialog);
        listing_ui(ui, dialog, (screen.height() * 0.45).max(80.0));
        if let Some(problem) = &dialog.problem {
            ui.add(egui::Label::new(RichText::new(problem).color(theme::WARNING)).wrap());
        }
        ui.horizontal(|ui| {
            let main = match dialog.spec.mode {
                Mode::OpenFolder => "Choose this folder",
                Mode::Save(_) => "Save",
                Mode::OpenFile | Mode::OpenFiles => "Open",
            };
            if ui.button(main).clicked() {
                outcome = answer(dialog.accept());
            }
            let cancel = ui.button("Cancel");
            ui.ctx()
                .accesskit_node_builder(cancel.id, |n| n.set_label("Cancel the file dialog"));
            if cancel.clicked() {
                outcome = Outcome::Cancelled;
            }
        });
    });
    if outcome == Outcome::Open && modal.should_close() {
        outcome = Outcome::Cancelled;
    }
    outcome
}

fn answer(accept: Accept) -> Outcome {
    match accept {
        Accept::Done(paths) => Outcome::Chosen(paths),
        Accept::Opened | Accept::Problem(_) => Outcome::Open,
    }
}

/// Which files show, and *Show all files*.
fn filter_ui(ui: &mut egui::Ui, dialog: &mut FileDialog) {
    if dialog.spec.extensions.is_empty() || dialog.spec.mode == Mode::OpenFolder {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let patterns: Vec<String> = dialog
            .spec
            .extensions
            .iter()
            .map(|e| format!("*.{e}"))
            .collect();
        let text = format!("{} ({})", dialog.spec.filter_name, patterns.join(", "));
        ui.label(RichText::new(text).small().weak());
        let mut all = dialog.all_files;
        if ui.checkbox(&mut all, "Show all files").changed() {
            dialog.set_all_files(all);
        }
    });
}

/// The folder's rows: a folder (`name/`) opens on a click, a file is chosen.
fn listing_ui(ui: &mut egui::Ui, dialog: &mut FileDialog, height: f32) {
    let mut clicked = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("file-dialog-listing")
            .max_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if dialog.entries.is_empty() {
                    ui.label(RichText::new("Nothing to show here.").weak());
                }
                for (i, entry) in dialog.entries.iter().enumerate() {
                    let text = if entry.is_dir {
                        format!("{}/", entry.name)
                    } else {
                        entry.name.clone()
                    };
                    let on = dialog.selected.contains(&entry.path);
                    if ui.selectable_label(on, text).clicked() {
                        clicked = Some(i);
                    }
                }
            });
    });
    if let Some(i) = clicked {
        dialog.click(i);
    }
}
