//! Notes files in the browser, where the notes live in the browser's storage and files come
//! and go through the file picker and downloads: *Open notes…* merges the uploaded file into
//! them by the rule of `caselens notes merge` (per item the newer edit wins, nothing is
//! dropped), and *Save notes as…* downloads them as a `.notes.json` to hand in or to move to
//! the desktop app. On the desktop these picks go their usual way. Also what the browser build
//! tells the user: where the notes live (status bar), once that clearing the site's data deletes
//! them, and that a second tab is read-only.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::RichText;

use crate::ui::app::CaselensApp;
use crate::workspace::{Action, Pick};

/// Hands a file (its name and bytes) to the user, or says why not.
pub type Download = dyn Fn(&str, &[u8]) -> Result<(), String> + Send + Sync;

/// Hands a file (name, bytes) to the user: the browser's download by default; tests record.
#[derive(Clone)]
pub struct Downloader(pub Arc<Download>);

impl Default for Downloader {
    fn default() -> Self {
        Self(Arc::new(|name, bytes| {
            crate::platform::download(name, bytes, "application/json")
        }))
    }
}

impl std::fmt::Debug for Downloader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Downloader")
    }
}

/// The browser build's side of the window (all off on the desktop).
#[derive(Debug, Default, Clone)]
pub struct BrowserState {
    /// How files are handed to the user (notes, editor saves, backups).
    pub download: Downloader,
    /// Running in the browser: notes live in its storage (tests set it to check the web paths).
    pub on: bool,
    /// The one-time notice about clearing site data was dismissed (kept in the settings).
    pub notice_seen: bool,
    /// Another tab has the notes open: this one shows them but saves nothing.
    pub read_only: bool,
}

/// The name notes are downloaded under.
pub const DOWNLOAD_NAME: &str = "my.notes.json";

impl CaselensApp {
    /// In the browser, answers the notes picks itself; true when it did.
    pub(super) fn browser_picked(&mut self, pick: Pick, paths: &[PathBuf]) -> bool {
        if !self.browser.on {
            return false;
        }
        match (pick, paths.first()) {
            (Pick::OpenNotes, Some(path)) => self.merge_uploaded_notes(path),
            (Pick::SaveNotesAs, _) => self.download_notes(),
            _ => return false,
        }
        true
    }

    /// In the browser, a save from the case or the framework editor downloads the file (the
    /// page has no disk to write it to), and the framework's save every case it changed too: a
    /// download counts as the save ([`crate::workspace::Workspace::download_case`]). True when
    /// it did.
    pub(super) fn browser_saved(&mut self, action: &Action) -> bool {
        if !self.browser.on {
            return false;
        }
        let download = self.browser.download.clone();
        let mut deliver = |name: &str, bytes: &[u8]| (download.0)(name, bytes);
        if !self.workspace.save_by_download(action, &mut deliver) {
            return false;
        }
        if let Some(message) = self.workspace.message.take() {
            self.status = message;
        }
        true
    }

    /// In the browser, files dropped on the page are read (asynchronously) and then taken like
    /// files picked with *Open files…*.
    pub(super) fn browser_drops(&mut self, ctx: &egui::Context) {
        let files = ctx.input(|i| i.raw.dropped_files.clone());
        if files.is_empty() || self.dialog.is_some() {
            return;
        }
        let job = crate::ui::jobs::spawn_read_dropped(ctx, files);
        self.dialog = Some((Pick::Files, job));
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
            .and_then(|bytes| (self.browser.download.0)(DOWNLOAD_NAME, &bytes));
        self.status = match result {
            Ok(()) => format!("Your notes were downloaded as {DOWNLOAD_NAME}."),
            Err(e) => format!("Your notes could not be downloaded: {e}"),
        };
    }
}

impl CaselensApp {
    /// The status bar's word on where notes live, in the browser.
    pub(super) fn browser_status_ui(&self, ui: &mut egui::Ui) {
        if !self.browser.on {
            return;
        }
        ui.separator();
        let text = if self.browser.read_only {
            "Notes: read-only here (open in another tab)"
        } else {
            "Notes: in this browser"
        };
        ui.label(RichText::new(text).small().weak());
    }

    /// The browser's notice, shown until dismissed: clearing the site's data deletes the notes
    /// (offering the download), or this tab is read-only.
    pub(super) fn browser_notice_ui(&mut self, ui: &mut egui::Ui) {
        if !self.browser.on || (self.browser.notice_seen && !self.browser.read_only) {
            return;
        }
        let warning =
            crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Warning);
        egui::Panel::top("browser-notice").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if self.browser.read_only {
                    ui.label(RichText::new("Your notes are open in another tab of this browser: this tab shows them read-only and saves nothing. Close the other tab and reload this one to edit here.").color(warning));
                    return;
                }
                ui.label(RichText::new("Your notes are kept in this browser. Clearing this site's data (cookies and site data) deletes them: download them now and then to keep a copy.").color(warning));
                if ui.button("Download notes").clicked() {
                    self.download_notes();
                }
                if ui.button("Got it").clicked() {
                    self.browser.notice_seen = true;
                }
            });
        });
    }

    /// Makes this tab read-only: the notes stored in the browser are shown, and nothing is saved
    /// (another tab owns them).
    pub fn open_read_only(&mut self) {
        self.browser.read_only = true;
        self.notes = crate::notes::session::NotesSession::default();
        if let Some(path) = crate::notes::store::default_path()
            && let Ok(loaded) = crate::notes::store::load(&path)
        {
            self.workspace.replace_notes(loaded.notes);
        }
        self.notes.status = "Read-only: your notes are open in another tab".into();
    }
}
