//! Notes files in the browser, where the notes live in the browser's storage and files come
//! and go through the file picker and downloads: *Open notes…* merges the uploaded file into
//! them by the rule of `caselens notes merge` (per item the newer edit wins, nothing is
//! dropped), and *Save notes as…* downloads them as a `.notes.json` to hand in or to move to
//! the desktop app. On the desktop these picks go their usual way.

use std::path::{Path, PathBuf};

use crate::ui::app::CaselensApp;
use crate::workspace::Pick;

/// The name notes are downloaded under.
pub const DOWNLOAD_NAME: &str = "my.notes.json";

impl CaselensApp {
    /// In the browser, answers the notes picks itself; true when it did.
    pub(super) fn browser_picked(&mut self, pick: Pick, paths: &[PathBuf]) -> bool {
        if !crate::platform::IN_BROWSER {
            return false;
        }
        match (pick, paths.first()) {
            (Pick::OpenNotes, Some(path)) => self.merge_uploaded_notes(path),
            (Pick::SaveNotesAs, _) => self.download_notes(),
            _ => return false,
        }
        true
    }

    /// Merges the notes file stored at `path` (an upload) into the user's notes.
    pub fn merge_uploaded_notes(&mut self, path: &Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match crate::notes::store::load(path) {
            Ok(loaded) => {
                let ours = self.workspace.notebook.file();
                let before = ours.items.len();
                let (merged, conflicts) =
                    crate::notes::merge::merge_with_base(None, ours, &loaded.notes);
                let added = merged.items.len().saturating_sub(before);
                self.workspace.replace_notes(merged);
                self.status = format!(
                    "Merged {name} into your notes: {added} new item(s), {} item(s) in both copies (the newer edit kept).",
                    conflicts.len()
                );
            }
            Err(e) => {
                self.status = format!("{name} was not merged (your notes are unchanged): {e}");
            }
        }
    }

    /// Downloads the user's notes as a notes file.
    pub fn download_notes(&mut self) {
        let result = crate::notes::store::to_bytes(self.workspace.notebook.file())
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::platform::download(DOWNLOAD_NAME, &bytes, "application/json"));
        self.status = match result {
            Ok(()) => format!("Your notes were downloaded as {DOWNLOAD_NAME}."),
            Err(e) => format!("Your notes could not be downloaded: {e}"),
        };
    }
}
