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

/// What an open dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// One folder of cases.
    Folder,
    /// One or more files.
    Files,
}

/// Shows a native open dialog on a worker thread (rfd blocks); `None` means cancelled or
/// unavailable (rfd cannot tell them apart).
pub fn spawn_dialog(ctx: &egui::Context, pick: Pick) -> Option<Receiver<Option<Vec<PathBuf>>>> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    thread::Builder::new()
        .name("file-dialog".into())
        .spawn(move || {
            let dialog = rfd::FileDialog::new().set_title("Open cases");
            let picked = match pick {
                Pick::Folder => dialog.pick_folder().map(|p| vec![p]),
                Pick::Files => dialog.add_filter("Caselens files", &["json"]).pick_files(),
            };
            if tx.send(picked).is_ok() {
                ctx.request_repaint();
            }
        })
        .ok()?;
    Some(rx)
}
