//! Work that must not block a frame: loading the library and native file dialogs.
//! Each job runs on a named thread and hands back an owned result over a channel.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use crate::library::{Library, LoadRequest};

/// Loads the library off the UI thread.
pub fn spawn_load(ctx: &egui::Context, request: LoadRequest) -> Option<Receiver<Library>> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    thread::Builder::new()
        .name("load-library".into())
        .spawn(move || {
            if tx.send(Library::load(&request)).is_ok() {
                ctx.request_repaint();
            }
        })
        .ok()?;
    Some(rx)
}

/// What a file dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// One folder of cases.
    Folder,
    /// One or more case files.
    Files,
    /// A notes file to open.
    OpenNotes,
    /// Where to save the notes.
    SaveNotes,
}

/// Shows a native open dialog on a worker thread (rfd blocks); `None` means cancelled or
/// unavailable (rfd cannot tell them apart).
pub fn spawn_dialog(ctx: &egui::Context, pick: Pick) -> Option<Receiver<Option<Vec<PathBuf>>>> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    thread::Builder::new()
        .name("file-dialog".into())
        .spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = match pick {
                Pick::Folder => dialog
                    .set_title("Open a folder of cases")
                    .pick_folder()
                    .map(|p| vec![p]),
                Pick::Files => dialog
                    .set_title("Open cases")
                    .add_filter("Caselens files", &["json"])
                    .pick_files(),
                Pick::OpenNotes => dialog
                    .set_title("Open notes")
                    .add_filter("Notes", &["json"])
                    .pick_file()
                    .map(|p| vec![p]),
                Pick::SaveNotes => dialog
                    .set_title("Save notes as")
                    .add_filter("Notes", &["json"])
                    .set_file_name("my.notes.json")
                    .save_file()
                    .map(|p| vec![p]),
            };
            if tx.send(picked).is_ok() {
                ctx.request_repaint();
            }
        })
        .ok()?;
    Some(rx)
}
