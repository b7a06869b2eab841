//! Which notes file the window writes to, loading it off the UI thread, and autosave.
//! A file that cannot be read is left untouched; notes then go to a new file beside it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crate::notes::NotesError;
use crate::notes::autosave::{Autosaver, Report};
use crate::notes::book::{NoteBook, empty_notes};
use crate::notes::merge::merge;
use crate::notes::store::{self, Loaded};
use crate::workspace::Workspace;

type LoadResult = (PathBuf, Result<Option<Loaded>, NotesError>);

/// The notes file of this window.
#[derive(Default)]
pub struct NotesSession {
    /// Where notes are saved now.
    pub path: Option<PathBuf>,
    autosaver: Option<Autosaver>,
    submitted: u64,
    loading: Option<Receiver<LoadResult>>,
    /// A problem the user must know about (shown in a banner until dismissed).
    pub problem: Option<String>,
    /// Last save result, for the status bar.
    pub status: String,
    /// Recently used notes files, newest first.
    pub recent: Vec<PathBuf>,
}

fn read(path: &Path) -> Result<Option<Loaded>, NotesError> {
    if !path.exists() {
        return Ok(None);
    }
    store::load(path).map(Some)
}

impl NotesSession {
    /// Starts loading `path` on a worker thread.
    pub fn open(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.flush();
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("load-notes".into())
            .spawn(move || {
                let result = read(&path);
                if tx.send((path, result)).is_ok() {
                    ctx.request_repaint();
                }
            });
        if spawned.is_ok() {
            self.loading = Some(rx);
            self.status = "Loading notes…".into();
        }
    }

    /// Loads `path` on the calling thread (tests and the command line).
    pub fn open_now(
        &mut self,
        ws: &mut Workspace,
        path: PathBuf,
        wake: impl Fn() + Send + 'static,
    ) {
        self.flush();
        let result = read(&path);
        self.finish_load(ws, path, result, wake);
    }

    /// True while a notes file is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn finish_load(
        &mut self,
        ws: &mut Workspace,
        path: PathBuf,
        result: Result<Option<Loaded>, NotesError>,
        wake: impl Fn() + Send + 'static,
    ) {
        self.autosaver = None;
        let (book, target, base) = match result {
            Ok(Some(loaded)) => {
                self.status = format!("Notes: {}", path.display());
                (
                    NoteBook::new(loaded.notes.clone()),
                    path,
                    Some((loaded.notes, loaded.fingerprint)),
                )
            }
            Ok(None) => {
                self.status = format!("Notes will be saved to {}", path.display());
                (NoteBook::new(empty_notes(None)), path, None)
            }
            Err(e) => {
                let beside = store::sibling_path(&path);
                self.problem = Some(format!(
                    "Your notes file {} cannot be read, so it was left untouched:\n{e}\nNew notes are saved to {} beside it.",
                    path.display(),
                    beside.display()
                ));
                (NoteBook::new(empty_notes(None)), beside, None)
            }
        };
        self.remember(&target);
        match Autosaver::spawn(target.clone(), base, wake) {
            Ok(a) => self.autosaver = Some(a),
            Err(e) => {
                self.problem = Some(format!(
                    "Cannot start saving notes: {e}. Your notes stay in memory; use File > Save notes as…"
                ))
            }
        }
        self.path = Some(target);
        ws.set_notebook(book);
        self.submitted = ws.notebook.revision;
    }

    /// Saves to `path` from now on (Save notes as).
    pub fn save_as(&mut self, ws: &Workspace, path: PathBuf) {
        if let Some(a) = &self.autosaver {
            a.set_target(path.clone(), None);
            a.submit(ws.notebook.file().clone());
            self.remember(&path);
            self.path = Some(path);
            self.problem = None;
        }
    }

    fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(8);
    }

    /// Applies load results and save reports; queues a save when the notes changed.
    pub fn poll(&mut self, ctx: &egui::Context, ws: &mut Workspace) {
        if let Some(rx) = &self.loading
            && let Ok((path, result)) = rx.try_recv()
        {
            self.loading = None;
            let ctx = ctx.clone();
            self.finish_load(ws, path, result, move || ctx.request_repaint());
        }
        while let Some(report) = self.autosaver.as_ref().and_then(Autosaver::try_report) {
            match report {
                Report::Saved { path, merged: None } => {
                    self.status = format!("Notes saved to {}", path.display())
                }
                Report::Saved {
                    path,
                    merged: Some(merged),
                } => {
                    let (theirs, conflicts) = *merged;
                    let (m, _) = merge(ws.notebook.file(), &theirs);
                    ws.replace_notes(m);
                    self.problem = Some(format!(
                        "{} was changed by another program or window; the changes were merged with yours ({} conflict(s), the newer edit kept).",
                        path.display(),
                        conflicts.len()
                    ));
                }
                Report::Failed { message, .. } => self.problem = Some(message),
            }
        }
        if ws.notebook.revision != self.submitted
            && let Some(a) = &self.autosaver
        {
            a.submit(ws.notebook.file().clone());
            self.submitted = ws.notebook.revision;
        }
    }

    /// Writes pending notes now (on exit and before switching files).
    pub fn flush(&self) {
        if let Some(a) = &self.autosaver {
            a.flush(Duration::from_secs(5));
        }
    }
}
