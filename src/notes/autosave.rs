//! Saving notes in the background: a named thread takes snapshots, waits for a quiet moment
//! (at most 2 s after the first unsaved edit) and writes them with
//! [`crate::notes::store::save_to`]. Nothing here waits on disk on the caller's thread except
//! [`Autosaver::flush`], [`Autosaver::sync`] and [`Autosaver::finish`] (exit and tests).
//!
//! Time comes from a [`Clock`], so tests move it by hand ([`ManualClock`]) instead of sleeping.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
#[cfg(not(target_arch = "wasm32"))]
use std::thread::JoinHandle;
use std::time::Duration;

use web_time::Instant;

use crate::format::NotesFile;
use crate::notes::NotesError;
use crate::notes::merge::Conflict;
use crate::notes::store::{self, DiskState};

/// Quiet time after an edit before saving.
pub const QUIET: Duration = Duration::from_millis(800);
/// Longest a pending edit waits while edits keep coming.
pub const MAX_DELAY: Duration = Duration::from_secs(2);

/// Where the saver reads the time.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> Instant;
}

/// The real time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock moved by hand, for tests: time only passes when [`ManualClock::advance`] is called.
#[derive(Debug)]
pub struct ManualClock(Mutex<Instant>);

impl Default for ManualClock {
    fn default() -> Self {
        Self(Mutex::new(Instant::now()))
    }
}

impl ManualClock {
    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.0.lock().map_or_else(|e| *e.into_inner(), |t| *t)
    }
}

#[cfg_attr(
    target_arch = "wasm32",
    expect(dead_code, reason = "the browser saver has no thread to command")
)]
enum Command {
    Edit(u64, std::sync::Arc<NotesFile>, Instant),
    Flush(Sender<()>),
    Sync(Sender<()>),
    Stop,
    Abandon,
}

/// The file had changed on disk when it was saved.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The snapshot we asked to save.
    pub ours: NotesFile,
    /// What was written: ours merged with what was on disk.
    pub written: NotesFile,
    /// Items both sides changed differently.
    pub conflicts: Vec<Conflict>,
}

/// What the saver did.
#[derive(Debug)]
pub enum Report {
    /// Written.
    Saved {
        /// The file.
        path: PathBuf,
        /// The notebook revision of the snapshot written.
        revision: u64,
        /// Set when the file had changed on disk and was merged.
        merged: Option<Box<Merged>>,
    },
    /// Not written; the file on disk is unchanged and the snapshot is kept for the next try.
    Failed {
        /// The file.
        path: PathBuf,
        /// The notebook revision of the snapshot not written.
        revision: u64,
        /// Why.
        error: NotesError,
    },
}

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::Autosaver;

/// Handle to the saver thread of one file.
#[cfg(not(target_arch = "wasm32"))]
pub struct Autosaver {
    tx: Sender<Command>,
    /// Edits are stamped by the caller, so a test's clock moves after the edit it follows.
    clock: Arc<dyn Clock>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Autosaver {
    /// Starts the saver for `path` on the real clock; `disk` is what was read from it.
    /// `wake` is called after each report (to repaint the UI).
    pub fn spawn(
        path: PathBuf,
        disk: DiskState,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        Self::spawn_with_clock(path, disk, wake, Arc::new(SystemClock))
    }

    /// Like [`Autosaver::spawn`], with the time read from `clock`.
    pub fn spawn_with_clock(
        path: PathBuf,
        disk: DiskState,
        wake: impl Fn() + Send + 'static,
        clock: Arc<dyn Clock>,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let (report_tx, reports) = mpsc::channel();
        let worker_clock = clock.clone();
        let thread = std::thread::Builder::new()
            .name("notes-autosave".into())
            .spawn(move || {
                Worker {
                    path,
                    disk,
                    pending: None,
                    unsaved: None,
                    reports: report_tx,
                    wake: Box::new(wake),
                    clock: worker_clock,
                }
                .run(&rx);
            })?;
        Ok(Self {
            tx,
            clock,
            reports,
            thread: Some(thread),
        })
    }

    /// Queues a snapshot (of notebook revision `revision`) to be saved soon.
    pub fn submit(&self, revision: u64, notes: NotesFile) {
        self.submit_shared(revision, std::sync::Arc::new(notes));
    }

    /// [`Self::submit`] of a shared state: the saver copies it on its own thread if it must.
    pub fn submit_shared(&self, revision: u64, notes: std::sync::Arc<NotesFile>) {
        let at = self.clock.now();
        self.tx.send(Command::Edit(revision, notes, at)).ok();
    }

    /// Writes anything pending now and waits for it (up to `timeout`). Exit and tests only.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (ack, done) = mpsc::channel();
        self.tx.send(Command::Flush(ack)).is_ok() && done.recv_timeout(timeout).is_ok()
    }

    /// Lets the saver look at its clock now and waits until it has (saved if due). Tests with
    /// a [`ManualClock`]; never from a frame.
    pub fn sync(&self, timeout: Duration) -> bool {
        let (ack, done) = mpsc::channel();
        self.tx.send(Command::Sync(ack)).is_ok() && done.recv_timeout(timeout).is_ok()
    }

    /// The next report, if any.
    pub fn try_report(&self) -> Option<Report> {
        self.reports.try_recv().ok()
    }

    /// Asks the saver to write what is pending and end, without waiting: keep polling
    /// [`Autosaver::try_report`] and [`Autosaver::is_finished`] to see the outcome.
    pub fn stop(&self) {
        self.tx.send(Command::Stop).ok();
    }

    /// True once the thread has ended; its reports are then all waiting in
    /// [`Autosaver::try_report`].
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Ends the saver without writing what is pending (everything was saved elsewhere) and
    /// without waiting for it.
    pub fn abandon(mut self) {
        self.tx.send(Command::Abandon).ok();
        self.thread.take();
    }

    /// Writes what is pending, ends the saver and waits for it up to `timeout` (exit); returns
    /// the last reports.
    pub fn finish(mut self, timeout: Duration) -> Vec<Report> {
        self.tx.send(Command::Stop).ok();
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        loop {
            match self
                .reports
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(report) => out.push(report),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    // Still blocked (on another process's lock, a slow disk): let it go.
                    self.thread.take();
                    return out;
                }
            }
        }
        if let Some(t) = self.thread.take() {
            t.join().ok();
        }
        out
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Autosaver {
    fn drop(&mut self) {
        // Pending edits are written before the thread ends.
        self.tx.send(Command::Stop).ok();
        if let Some(t) = self.thread.take() {
            t.join().ok();
        }
    }
}

/// A snapshot waiting for its quiet moment.
struct Pending {
    revision: u64,
    notes: NotesFile,
    first: Instant,
    last: Instant,
}

impl Pending {
    fn due(&self) -> Instant {
        (self.last + QUIET).min(self.first + MAX_DELAY)
    }
}

struct Worker {
    path: PathBuf,
    disk: DiskState,
    pending: Option<Pending>,
    /// A snapshot whose save failed: tried again with the next edit, a flush or the exit.
    unsaved: Option<(u64, NotesFile)>,
    reports: Sender<Report>,
    wake: Box<dyn Fn() + Send>,
    clock: Arc<dyn Clock>,
}

impl Worker {
    /// Takes a new snapshot, edited at `now`.
    fn edit(&mut self, revision: u64, notes: NotesFile, now: Instant) {
        let first = self.pending.as_ref().map_or(now, |p| p.first);
        self.unsaved = None;
        self.pending = Some(Pending {
            revision,
            notes,
            first,
            last: now,
        });
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn run(mut self, rx: &Receiver<Command>) {
        loop {
            let command = match &self.pending {
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(p) => rx.recv_timeout(p.due().saturating_duration_since(self.clock.now())),
            };
            match command {
                Ok(Command::Edit(revision, notes, now)) => {
                    self.edit(revision, std::sync::Arc::unwrap_or_clone(notes), now);
                }
                Ok(Command::Flush(ack)) => {
                    self.save();
                    ack.send(()).ok();
                }
                Ok(Command::Sync(ack)) => {
                    self.save_if_due();
                    ack.send(()).ok();
                }
                Err(RecvTimeoutError::Timeout) => self.save_if_due(),
                Ok(Command::Stop) | Err(RecvTimeoutError::Disconnected) => {
                    self.save();
                    return;
                }
                Ok(Command::Abandon) => return,
            }
        }
    }

    fn save_if_due(&mut self) {
        if self
            .pending
            .as_ref()
            .is_some_and(|p| p.due() <= self.clock.now())
        {
            self.save();
        }
    }

    fn save(&mut self) {
        let Some((revision, notes)) = self
            .pending
            .take()
            .map(|p| (p.revision, p.notes))
            .or_else(|| self.unsaved.take())
        else {
            return;
        };
        let report = match store::save_to(&self.path, &notes, self.disk.as_base()) {
            Ok(saved) => {
                let merged = saved.merged.map(|(written, conflicts)| {
                    Box::new(Merged {
                        ours: notes,
                        written,
                        conflicts,
                    })
                });
                self.disk = DiskState::Known(saved.written, saved.fingerprint);
                Report::Saved {
                    path: self.path.clone(),
                    revision,
                    merged,
                }
            }
            Err(error) => {
                self.unsaved = Some((revision, notes));
                Report::Failed {
                    path: self.path.clone(),
                    revision,
                    error,
                }
            }
        };
        if self.reports.send(report).is_ok() {
            (self.wake)();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::empty_notes;
    use crate::notes::book::NoteBook;

    const WAIT: Duration = Duration::from_secs(30);

    fn saver(path: &std::path::Path) -> (Autosaver, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::default());
        let saver =
            Autosaver::spawn_with_clock(path.to_owned(), DiskState::Missing, || {}, clock.clone())
                .unwrap();
        (saver, clock)
    }

    #[test]
    fn saves_after_the_quiet_time_on_the_injected_clock_and_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.notes.json");
        let (saver, clock) = saver(&path);
        let mut book = NoteBook::new(empty_notes(None));
        book.add_memo(None, "one", "1");
        saver.submit(1, book.file().clone());
        clock.advance(QUIET.checked_sub(Duration::from_millis(1)).unwrap());
        assert!(saver.sync(WAIT));
        assert!(!path.exists(), "not written before the quiet time");
        clock.advance(Duration::from_millis(1));
        assert!(saver.sync(WAIT));
        assert!(path.exists(), "written after the quiet time");
        assert!(matches!(
            saver.try_report(),
            Some(Report::Saved {
                merged: None,
                revision: 1,
                ..
            })
        ));
        book.add_memo(None, "two", "2");
        saver.submit(2, book.file().clone());
        drop(saver);
        assert_eq!(
            &store::load(&path).unwrap().notes,
            book.file(),
            "pending edit written on drop"
        );
    }

    #[test]
    fn edits_that_keep_coming_are_saved_after_the_max_delay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.notes.json");
        let (saver, clock) = saver(&path);
        let mut book = NoteBook::new(empty_notes(None));
        let step = QUIET / 2;
        let mut elapsed = Duration::ZERO;
        let mut revision = 0;
        while elapsed < MAX_DELAY {
            revision += 1;
            book.add_memo(None, "m", &revision.to_string());
            saver.submit(revision, book.file().clone());
            assert!(saver.sync(WAIT));
            assert!(
                !path.exists(),
                "not saved at {elapsed:?}: edits keep coming"
            );
            clock.advance(step);
            elapsed += step;
        }
        assert!(saver.sync(WAIT));
        assert!(path.exists(), "saved at the latest after {MAX_DELAY:?}");
        let Some(Report::Saved { revision: r, .. }) = saver.try_report() else {
            panic!("a save report");
        };
        assert_eq!(r, revision);
    }
}
