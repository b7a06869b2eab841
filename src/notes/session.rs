//! One notes lifecycle for a window: which file notes are saved to, loading a file and saving
//! it under another name on background jobs ([`crate::jobs`]), the autosaver, recent files,
//! read-only reference layers, and the messages the user must see.
//!
//! The rules, in one place:
//! - Nothing here waits on disk except [`NotesSession::open_now`], [`NotesSession::flush`],
//!   [`NotesSession::sync`] (tests, the command line) and [`NotesSession::on_exit`].
//! - Switching files never waits: the old saver writes what is pending on its own thread and
//!   its reports are still shown.
//! - The store merges a changed file; when edits were made while that save ran, the notebook
//!   takes in what was written with the same three-way rule ([`merge_with_base`]).
//! - A failed save keeps every edit in memory, says so, is retried with the next edit, and
//!   *Save notes as…* works whether or not a saver is running.
//! - A notes file given as a path (command line, dropped, *Open files…*) is a read-only
//!   reference layer while a notes file is open; only *Open notes…* (or `--notes`) makes a
//!   file the one notes are saved to. Reference layers are never written.
//!
//! No GUI types: the UI passes a [`Wake`] that repaints.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::format::empty_notes;
use crate::jobs::{Job, Poll, Wake};
use crate::library::Origin;
use crate::notes::autosave::{Autosaver, Clock, Report, SystemClock};
use crate::notes::book::NoteBook;
use crate::notes::layers::ReferenceLayer;
use crate::notes::merge::merge_with_base;
use crate::notes::store::{self, Base, DiskState, Loaded, Saved};
use crate::notes::{NotebookHost, NotesError};

/// Recent notes files remembered.
pub const RECENT_KEPT: usize = 8;
/// Longest the exit waits for the last save.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest a test waits for the saver to answer (only reached when it is stuck).
const TEST_TIMEOUT: Duration = Duration::from_mins(1);

type LoadOutcome = (PathBuf, Result<Option<Read>, NotesError>);

/// A notes file read, with the packed copy of it its saver keeps as what is on disk, made on
/// the loading job from the bytes read (deflating is a worker's work, not a frame's).
struct Read {
    loaded: Loaded,
    on_disk: store::Packed,
}

struct SaveAsOutcome {
    path: PathBuf,
    revision: u64,
    result: Result<Saved, NotesError>,
}

/// The notes file of one window and everything that keeps it safe.
pub struct NotesSession {
    /// Where notes are saved now (`None`: kept in memory only). Read it; change it through
    /// [`NotesSession::open`] and [`NotesSession::save_as`].
    pub path: Option<PathBuf>,
    /// A problem the user must know about (shown until dismissed).
    pub problem: Option<String>,
    /// Where notes whose last save failed are written on exit (default: the per-user data
    /// folder, then the temporary folder).
    pub rescue_dir: Option<PathBuf>,
    /// The last thing that happened to the notes file, for the status bar.
    pub status: String,
    /// Recently used notes files, newest first.
    pub recent: Vec<PathBuf>,
    saver: Option<Autosaver>,
    /// Savers of files no longer current, writing what was pending before they end.
    retiring: Vec<Autosaver>,
    loading: Option<Job<LoadOutcome>>,
    saving_as: Option<Job<SaveAsOutcome>>,
    /// Notebook revision last handed to the saver.
    submitted: u64,
    /// True while the last save of the current file failed.
    failing: bool,
    /// Shared with the workspace ([`NotesSession::shared_references`]): one copy of each
    /// layer, which presenting reads a reference lesson from.
    references: Arc<[ReferenceLayer]>,
    /// The reference layers changed since [`NotesSession::changed_references`] last said so.
    references_changed: bool,
    /// Layers opened as a class (`--layer`, *File > Open class folder…*): kept in
    /// `references` across library reloads.
    class: Vec<ReferenceLayer>,
    wake: Wake,
    clock: Arc<dyn Clock>,
}

impl Default for NotesSession {
    fn default() -> Self {
        Self::new(crate::jobs::no_wake())
    }
}

fn read(path: &Path) -> Result<Option<Read>, NotesError> {
    if !store::exists(path) {
        return Ok(None);
    }
    let (loaded, on_disk) = store::load_with_packed(path)?;
    Ok(Some(Read { loaded, on_disk }))
}

/// True when `a` and `b` name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The message for a save that failed.
fn save_failure(path: &Path, error: &NotesError) -> String {
    let keep = "Every edit is kept in memory; use File > Save notes as… to save them elsewhere.";
    match error {
        NotesError::Write { message, .. } => format!(
            "Your notes could not be saved to {}: {message}. {keep}",
            path.display()
        ),
        other => format!("{other}. {keep}"),
    }
}

impl NotesSession {
    /// A session with no file yet; `wake` is called when a job or a save has news.
    pub fn new(wake: Wake) -> Self {
        Self::with_clock(wake, Arc::new(SystemClock))
    }

    /// Like [`NotesSession::new`], with the autosaver's time read from `clock` (tests).
    pub fn with_clock(wake: Wake, clock: Arc<dyn Clock>) -> Self {
        Self {
            path: None,
            problem: None,
            rescue_dir: None,
            status: String::new(),
            recent: Vec::new(),
            saver: None,
            retiring: Vec::new(),
            loading: None,
            saving_as: None,
            submitted: 0,
            failing: false,
            references: Arc::from([]),
            references_changed: false,
            class: Vec::new(),
            wake,
            clock,
        }
    }

    /// True while a notes file is being read or saved under a new name.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || self.saving_as.is_some()
    }

    /// True while the last save failed (the UI offers *Save notes as…*).
    pub fn save_failed(&self) -> bool {
        self.failing
    }

    /// Makes `path` the notes file, read on a background job; the notebook is replaced when
    /// it is read ([`NotesSession::poll`]). Until then edits still go to the current file.
    pub fn open(&mut self, path: PathBuf) {
        if self.failing {
            // Switching now would drop the edits that could not be saved.
            self.problem = Some(format!(
                "{} was not opened: your notes are not saved yet. Save them with File > Save notes as… first.",
                path.display()
            ));
            return;
        }
        if self.saving_as.is_some() {
            self.problem = Some(format!(
                "{} was not opened: your notes are still being saved under a new name. Try again in a moment.",
                path.display()
            ));
            return;
        }
        if self.loading.is_none() && self.path.as_deref().is_some_and(|p| same_file(p, &path)) {
            self.status = format!("{} is already your notes file", path.display());
            return;
        }
        let what = format!("Reading the notes file {}", path.display());
        self.loading = Some(Job::spawn(
            "load-notes",
            what,
            self.wake.clone(),
            move || {
                let result = read(&path);
                (path, result)
            },
        ));
        self.status = "Loading notes…".into();
    }

    /// Like [`NotesSession::open`], reading on the calling thread (tests, the command line).
    pub fn open_now(&mut self, ws: &mut dyn NotebookHost, path: PathBuf) {
        self.open(path);
        if let Some(job) = self.loading.take() {
            self.finish_job(ws, job.wait());
        }
        self.submit(ws);
    }

    /// Saves the notes to `path` from now on (*Save notes as…*, which asked before replacing a
    /// file). Written on a background job, so it works with or without a running saver.
    pub fn save_as(&mut self, ws: &dyn NotebookHost, path: PathBuf) {
        if self.is_loading() {
            self.problem = Some(format!(
                "Your notes were not saved to {}: a notes file is still being read or saved. Try again in a moment.",
                path.display()
            ));
            return;
        }
        // Shared, not copied: the save reads it on its job.
        let notes = ws.notebook().shared();
        let revision = ws.notebook().revision;
        let what = format!("Saving your notes to {}", path.display());
        self.saving_as = Some(Job::spawn(
            "save-notes-as",
            what,
            self.wake.clone(),
            move || {
                let result = store::save_to(&path, &notes, Base::Overwrite);
                SaveAsOutcome {
                    path,
                    revision,
                    result,
                }
            },
        ));
        self.status = "Saving notes…".into();
    }

    /// Applies finished jobs and save reports; hands changed notes to the saver.
    pub fn poll(&mut self, ws: &mut dyn NotebookHost) {
        if let Some(job) = &mut self.loading {
            match job.poll() {
                Poll::Pending => {}
                done => {
                    self.loading = None;
                    self.finish_job(ws, done);
                }
            }
        }
        if let Some(job) = &mut self.saving_as {
            match job.poll() {
                Poll::Pending => {}
                Poll::Done(outcome) => {
                    self.saving_as = None;
                    self.finish_save_as(outcome);
                }
                Poll::Failed(message) => {
                    self.saving_as = None;
                    self.problem = Some(message);
                }
            }
        }
        self.take_reports(ws);
        self.submit(ws);
    }

    fn take_reports(&mut self, ws: &mut dyn NotebookHost) {
        while let Some(report) = self.saver.as_ref().and_then(Autosaver::try_report) {
            self.on_report(ws, report);
        }
        let mut old = Vec::new();
        self.retiring.retain(|saver| {
            let finished = saver.is_finished();
            old.extend(std::iter::from_fn(|| saver.try_report()));
            !finished
        });
        for report in old {
            match report {
                Report::Saved { path, .. } => {
                    self.status = format!("Notes saved to {}", path.display());
                }
                Report::Failed { path, error, .. } => {
                    self.problem = Some(format!(
                        "Your last edits to {} could not be saved: {error}",
                        path.display()
                    ));
                }
            }
        }
    }

    fn submit(&mut self, ws: &dyn NotebookHost) {
        if ws.notebook().revision != self.submitted
            && let Some(saver) = &self.saver
        {
            saver.submit_shared(ws.notebook().revision, ws.notebook().shared());
            self.submitted = ws.notebook().revision;
        }
    }

    fn on_report(&mut self, ws: &mut dyn NotebookHost, report: Report) {
        match report {
            Report::Saved {
                path,
                revision,
                merged,
            } => {
                if std::mem::take(&mut self.failing) {
                    self.problem = None;
                }
                self.status = format!("Notes saved to {}", path.display());
                let Some(merged) = merged else { return };
                if ws.notebook().revision == revision {
                    // Nothing changed since that snapshot: the notebook is what was written.
                    ws.replace_notes(merged.written);
                    self.submitted = ws.notebook().revision;
                } else {
                    // Edits made while it was saved: take in the other side's changes with
                    // the same rule the store used; the result is saved next.
                    let (m, _) =
                        merge_with_base(Some(&merged.ours), ws.notebook().file(), &merged.written);
                    ws.replace_notes(m);
                }
                self.problem = Some(format!(
                    "{} was changed by another program or window; the changes were merged with yours ({} conflict(s), the newer edit kept).",
                    path.display(),
                    merged.conflicts.len()
                ));
            }
            Report::Failed { path, error, .. } => {
                self.failing = true;
                self.status = format!("Not saved: {}", path.display());
                self.problem = Some(save_failure(&path, &error));
            }
        }
    }

    fn finish_job(&mut self, ws: &mut dyn NotebookHost, outcome: Poll<LoadOutcome>) {
        match outcome {
            Poll::Done((path, result)) => self.finish_load(ws, path, result),
            Poll::Failed(message) => {
                self.status = "Notes not loaded".into();
                self.problem = Some(message);
            }
            Poll::Pending => {}
        }
    }

    fn finish_load(
        &mut self,
        ws: &mut dyn NotebookHost,
        path: PathBuf,
        result: Result<Option<Read>, NotesError>,
    ) {
        let (notes, target, disk) = match result {
            Ok(Some(Read { loaded, on_disk })) if store::is_read_only(&path) => {
                self.status = format!("Notes (read-only): {}", path.display());
                self.problem = Some(format!(
                    "{} is read-only: your notes are shown, and Caselens does not change the file. Edits are kept in memory; use File > Save notes as… to save them elsewhere.",
                    path.display()
                ));
                let disk = DiskState::Known(on_disk, loaded.fingerprint);
                (loaded.notes, path, disk)
            }
            Ok(Some(Read { loaded, on_disk })) => {
                self.status = format!("Notes: {}", path.display());
                let disk = DiskState::Known(on_disk, loaded.fingerprint);
                (loaded.notes, path, disk)
            }
            Ok(None) => {
                self.status = format!("Notes will be saved to {}", path.display());
                (empty_notes(None), path, DiskState::Missing)
            }
            Err(e) => {
                let beside = store::sibling_path(&path);
                self.problem = Some(format!(
                    "Your notes file {} cannot be read, so it was left untouched:\n{e}\nNew notes are saved to {} beside it.",
                    path.display(),
                    beside.display()
                ));
                (empty_notes(None), beside, DiskState::Missing)
            }
        };
        // Notes written before any file was open are carried into this one.
        let notes = if self.path.is_none() && ws.notebook().revision != 0 {
            merge_with_base(None, ws.notebook().file(), &notes).0
        } else {
            notes
        };
        self.retire_saver(ws);
        self.failing = false;
        self.start_saver(&target, disk);
        self.remember(&target);
        self.edit_references(|layers| {
            layers.retain(|l| !matches!(&l.origin, Origin::File(p) if same_file(p, &target)));
        });
        self.class
            .retain(|l| !matches!(&l.origin, Origin::File(p) if same_file(p, &target)));
        self.path = Some(target);
        ws.set_notebook(NoteBook::new(notes));
        self.submitted = ws.notebook().revision;
    }

    /// Hands the latest notes to the current saver and lets it finish on its own thread.
    fn retire_saver(&mut self, ws: &dyn NotebookHost) {
        self.submit(ws);
        if let Some(saver) = self.saver.take() {
            saver.stop();
            self.retiring.push(saver);
        }
    }

    fn start_saver(&mut self, path: &Path, disk: DiskState) {
        let wake = self.wake.clone();
        match Autosaver::spawn_with_clock(path.to_owned(), disk, move || wake(), self.clock.clone())
        {
            Ok(saver) => self.saver = Some(saver),
            Err(e) => {
                self.failing = true;
                self.problem = Some(format!(
                    "Notes cannot be saved to {} automatically ({e}). Every edit is kept in memory; use File > Save notes as… to save them.",
                    path.display()
                ));
            }
        }
    }

    fn finish_save_as(&mut self, outcome: SaveAsOutcome) {
        let SaveAsOutcome {
            path,
            revision,
            result,
        } = outcome;
        match result {
            Ok(saved) => {
                // The new file holds everything the old saver still had pending.
                if let Some(old) = self.saver.take() {
                    old.abandon();
                }
                self.failing = false;
                self.problem = None;
                self.start_saver(&path, DiskState::Known(saved.written, saved.fingerprint));
                self.submitted = revision;
                self.remember(&path);
                self.edit_references(|layers| {
                    layers.retain(|l| !matches!(&l.origin, Origin::File(p) if same_file(p, &path)));
                });
                self.class
                    .retain(|l| !matches!(&l.origin, Origin::File(p) if same_file(p, &path)));
                self.status = format!("Notes saved to {}", path.display());
                self.path = Some(path);
            }
            Err(error) => {
                self.status = format!("Not saved: {}", path.display());
                self.problem = Some(save_failure(&path, &error));
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_KEPT);
    }

    /// Waits for the load and save-as jobs to end and applies them (tests and the command
    /// line; a frame polls instead).
    pub fn wait(&mut self, ws: &mut dyn NotebookHost) {
        if let Some(job) = self.loading.take() {
            self.finish_job(ws, job.wait());
        }
        if let Some(job) = self.saving_as.take() {
            match job.wait() {
                Poll::Done(outcome) => self.finish_save_as(outcome),
                Poll::Failed(message) => self.problem = Some(message),
                Poll::Pending => {}
            }
        }
        self.take_reports(ws);
        self.submit(ws);
    }

    /// Writes pending notes now and waits for it, then applies the reports. Tests and the
    /// command line only: a frame never calls this.
    pub fn flush(&mut self, ws: &mut dyn NotebookHost) {
        self.submit(ws);
        if let Some(saver) = &self.saver {
            saver.flush(TEST_TIMEOUT);
        }
        self.take_reports(ws);
    }

    /// Lets the autosaver act on its clock now (a [`crate::notes::autosave::ManualClock`]
    /// that a test moved) and waits until it has, then applies the reports. Tests only.
    pub fn sync(&mut self, ws: &mut dyn NotebookHost) {
        self.submit(ws);
        if let Some(saver) = &self.saver {
            saver.sync(TEST_TIMEOUT);
        }
        self.take_reports(ws);
    }

    fn rescue_dirs(&self) -> Vec<PathBuf> {
        match &self.rescue_dir {
            Some(dir) => vec![dir.clone()],
            None => store::default_path()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .into_iter()
                .chain([std::env::temp_dir()])
                .collect(),
        }
    }

    /// On exit: writes what is pending to every file (waiting at most [`EXIT_TIMEOUT`] each)
    /// and ends the savers. When the last save failed, the notes are written to a rescue file.
    /// Returns what the user should still be told (printed, the window is gone).
    pub fn on_exit(&mut self, ws: &dyn NotebookHost) -> Vec<String> {
        self.submit(ws);
        let mut messages = Vec::new();
        let savers = self.saver.take().into_iter().chain(self.retiring.drain(..));
        let mut failed = false;
        for saver in savers.collect::<Vec<_>>() {
            for report in saver.finish(EXIT_TIMEOUT) {
                if let Report::Failed { path, error, .. } = report {
                    failed |= self.path.as_deref() == Some(path.as_path());
                    messages.push(format!("notes not saved to {}: {error}", path.display()));
                }
            }
        }
        if failed {
            messages.push(store::rescue(ws.notebook().file(), self.rescue_dirs()));
        }
        messages
    }
}

mod references;

#[cfg(test)]
mod tests;
