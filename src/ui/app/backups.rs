//! What the notes backups window's buttons do: *Restore* makes the notes what a backup holds
//! (one undoable change, saved like any edit, so the version it replaces is kept as a backup
//! too); *Download* (the browser) hands a backup over as a notes file.

use std::path::Path;

use crate::notes::store;
use crate::ui::app::CaselensApp;
use crate::ui::views::backups_view::BackupCmd;
use crate::workspace::{Action, Edit};

impl CaselensApp {
    /// Carries out what the backups window asked.
    pub(super) fn backup_cmd(&mut self, ctx: &egui::Context, cmd: BackupCmd) {
        match cmd {
            BackupCmd::Restore(path) => self.restore_backup(ctx, &path),
            BackupCmd::Download(path) => self.download_backup(&path),
        }
    }

    fn restore_backup(&mut self, ctx: &egui::Context, backup: &Path) {
        let when = store::saved_at_text(backup);
        match store::load(backup) {
            Ok(loaded) => {
                self.apply(ctx, Action::Edit(Edit::Import(Box::new(loaded.notes))));
                self.status = format!(
                    "Restored your notes as saved {when} (Ctrl+Z undoes it; the version replaced is kept as a backup)."
                );
            }
            Err(e) => {
                self.status = format!(
                    "The backup saved {when} could not be read (your notes are unchanged): {e}"
                );
            }
        }
    }

    fn download_backup(&mut self, backup: &Path) {
        let when = store::saved_at_text(backup);
        let stamp = backup
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let name = format!("my.backup-{stamp}.notes.json");
        let result = store::backup_bytes(backup)
            .map_err(|e| e.to_string())
            .and_then(|bytes| (self.browser.download.0)(&name, &bytes));
        self.status = match result {
            Ok(()) => format!("The backup saved {when} was downloaded as {name}."),
            Err(e) => format!("The backup saved {when} could not be downloaded: {e}"),
        };
    }
}
