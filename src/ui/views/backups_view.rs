//! *File > Notes backups…*: the last saved versions of the notes (every save keeps the version
//! it replaces, [`crate::notes::store::BACKUPS_KEPT`] of them), newest first, each with when it
//! was saved and its size, to restore (an undoable change of the notes) or, in the browser, to
//! download. Escape or Close closes it.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText};

use crate::notes::store;
use crate::ui::theme;

/// What the user asked of a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupCmd {
    /// Make the notes what this backup holds.
    Restore(PathBuf),
    /// Hand this backup to the user as a file (the browser).
    Download(PathBuf),
}

/// One backup as listed.
#[derive(Debug, Clone)]
struct Listed {
    path: PathBuf,
    when: String,
    bytes: Option<u64>,
}

/// The window's state.
#[derive(Debug, Default)]
pub struct BackupsView {
    /// True while it shows.
    pub open: bool,
    /// The notes file the backups are of (`None`: the notes are saved nowhere).
    notes: Option<PathBuf>,
    listed: Vec<Listed>,
}

impl BackupsView {
    /// Opens the window on the backups of the notes saved at `notes`, listed now (names and
    /// sizes only: a backup is read when it is restored or downloaded).
    pub fn show(&mut self, notes: Option<&Path>) {
        self.open = true;
        self.notes = notes.map(Path::to_path_buf);
        self.listed = notes
            .map(store::backups)
            .unwrap_or_default()
            .into_iter()
            .rev()
            .map(|path| Listed {
                when: store::saved_at_text(&path),
                bytes: store::backup_size(&path),
                path,
            })
            .collect();
    }

    /// Draws the window when open; `downloads`: offer *Download* (the browser). Returns what
    /// the user asked (the window closes after a restore).
    pub fn ui(&mut self, ctx: &egui::Context, downloads: bool) -> Option<BackupCmd> {
        if !self.open {
            return None;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.open = false;
            return None;
        }
        let mut cmd = None;
        let modal = egui::Modal::new(egui::Id::unique("notes-backups")).show(ctx, |ui| {
            ui.set_width(theme::SHORTCUTS_WIDTH);
            ui.heading("Notes backups");
            self.intro_ui(ui, downloads);
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .max_height(ui.ctx().content_rect().height() * 0.6)
                .show(ui, |ui| cmd = self.list_ui(ui, downloads));
            ui.add_space(6.0);
            ui.button("Close").clicked()
        });
        if modal.inner || modal.should_close() || matches!(cmd, Some(BackupCmd::Restore(_))) {
            self.open = false;
        }
        cmd
    }

    fn intro_ui(&self, ui: &mut egui::Ui, downloads: bool) {
        let text = match &self.notes {
            None => "Your notes are not saved anywhere in this window (read-only, or no notes file), so it keeps no backups.".to_owned(),
            Some(_) if self.listed.is_empty() => "No backups yet: each save keeps the version it replaces.".to_owned(),
            Some(_) if downloads => format!(
                "Each save keeps the version it replaces, the last {} in this browser. Restoring one replaces your notes with it (Ctrl+Z undoes that, and the version replaced is kept as a backup too). Download one to keep it elsewhere.",
                store::BACKUPS_KEPT
            ),
            Some(path) => format!(
                "Each save keeps the version it replaces, the last {}, in {}. Restoring one replaces your notes with it (Ctrl+Z undoes that, and the version replaced is kept as a backup too).",
                store::BACKUPS_KEPT,
                store::backup_dir(path).display()
            ),
        };
        ui.label(RichText::new(text).weak());
    }

    fn list_ui(&self, ui: &mut egui::Ui, downloads: bool) -> Option<BackupCmd> {
        let mut cmd = None;
        egui::Grid::new("notes-backups-list")
            .num_columns(4)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for (n, backup) in self.listed.iter().enumerate() {
                    ui.label(format!("Saved {}", backup.when));
                    ui.label(backup.bytes.map_or_else(
                        || "unreadable".to_owned(),
                        |b| format!("{:.1} KB", b as f64 / 1000.0),
                    ));
                    let which = if n == 0 {
                        "the newest backup".to_owned()
                    } else {
                        format!("backup {} (from the newest)", n + 1)
                    };
                    if ui
                        .button("Restore")
                        .on_hover_text(format!("Replace your notes with {which}"))
                        .clicked()
                    {
                        cmd = Some(BackupCmd::Restore(backup.path.clone()));
                    }
                    if downloads
                        && ui
                            .button("Download")
                            .on_hover_text(format!("Download {which} as a notes file"))
                            .clicked()
                    {
                        cmd = Some(BackupCmd::Download(backup.path.clone()));
                    }
                    ui.end_row();
                }
            });
        cmd
    }
}
