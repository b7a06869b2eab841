//! Saving notes in the background: a named thread takes snapshots, waits for a quiet moment
//! (at most 2 s after the last edit) and writes them with [`crate::notes::store::save`].
//! The UI thread never waits on disk except for the final flush on exit.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::format::NotesFile;
use crate::notes::merge::Conflict;
use crate::notes::store::{self, Fingerprint};

/// Quiet time after an edit before saving.
pub const QUIET: Duration = Duration::from_millis(800);
/// Longest a pending edit waits while edits keep coming.
pub const MAX_DELAY: Duration = Duration::from_millis(2000);

enum Command {
    Edit(NotesFile),
    Target(PathBuf, Option<(NotesFile, Fingerprint)>),
    Flush(Sender<()>),
    Stop,
}

/// What the saver did.
#[derive(Debug, Clone)]
pub enum Report {
    /// Written.
    Saved {
        /// The file.
        path: PathBuf,
        /// The file had changed on disk: what was written (ours merged with theirs) and conflicts.
        merged: Option<Box<(NotesFile, Vec<Conflict>)>>,
    },
    /// Not written; the file on disk is unchanged.
    Failed {
        /// The file.
        path: PathBuf,
        /// Why, for the user.
        message: String,
    },
}

/// Handle to the saver thread.
pub struct Autosaver {
    tx: Sender<Command>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// Starts the saver for `path`; `base` is what was read from it (`None` for a new file).
    /// `wake` is called after each report (to repaint the UI).
    pub fn spawn(
        path: PathBuf,
        base: Option<(NotesFile, Fingerprint)>,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let (report_tx, reports) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("notes-autosave".into())
            .spawn(move || {
                Worker {
                    path,
                    base,
                    pending: None,
                    reports: report_tx,
                    wake: Box::new(wake),
                }
                .run(&rx);
            })?;
        Ok(Self {
            tx,
            reports,
            thread: Some(thread),
        })
    }

    /// Queues a snapshot to be saved soon.
    pub fn submit(&self, notes: NotesFile) {
        self.tx.send(Command::Edit(notes)).ok();
    }

    /// Saves to another file from now on (Save as, or continuing beside a broken file).
    pub fn set_target(&self, path: PathBuf, base: Option<(NotesFile, Fingerprint)>) {
        self.tx.send(Command::Target(path, base)).ok();
    }

    /// Writes anything pending now and waits for it (up to `timeout`). For exit.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (ack, done) = mpsc::channel();
        self.tx.send(Command::Flush(ack)).is_ok() && done.recv_timeout(timeout).is_ok()
    }

    /// The next report, if any.
    pub fn try_report(&self) -> Option<Report> {
        self.reports.try_recv().ok()
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Saving on exit: pending edits are written before the thread ends.
        self.tx.send(Command::Stop).ok();
        if let Some(t) = self.thread.take() {
            t.join().ok();
        }
    }
}

struct Worker {
    path: PathBuf,
    base: Option<(NotesFile, Fingerprint)>,
    pending: Option<(NotesFile, Instant, Instant)>,
    reports: Sender<Report>,
    wake: Box<dyn Fn() + Send>,
}

impl Worker {
    fn run(mut self, rx: &Receiver<Command>) {
        loop {
            let command = match &self.pending {
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some((_, first, last)) => {
                    let due = (*last + QUIET).min(*first + MAX_DELAY);
                    rx.recv_timeout(due.saturating_duration_since(Instant::now()))
                }
            };
            match command {
                Ok(Command::Edit(notes)) => {
                    let now = Instant::now();
                    let first = self.pending.as_ref().map_or(now, |p| p.1);
                    self.pending = Some((notes, first, now));
                }
                Ok(Command::Target(path, base)) => {
                    self.path = path;
                    self.base = base;
                }
                Ok(Command::Flush(ack)) => {
                    self.save();
                    ack.send(()).ok();
                }
                Err(RecvTimeoutError::Timeout) => self.save(),
                Ok(Command::Stop) | Err(RecvTimeoutError::Disconnected) => {
                    self.save();
                    return;
                }
            }
        }
    }

    fn save(&mut self) {
        let Some((notes, _, _)) = self.pending.take() else {
            return;
        };
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).ok();
        }
        let base = self.base.as_ref().map(|(n, f)| (n, *f));
        let report = match store::save(&self.path, &notes, base) {
            Ok(saved) => {
                let written = saved
                    .merged
                    .as_ref()
                    .map_or_else(|| notes.clone(), |(m, _)| m.clone());
                self.base = Some((written, saved.fingerprint));
                Report::Saved {
                    path: self.path.clone(),
                    merged: saved.merged.map(Box::new),
                }
            }
            Err(e) => Report::Failed {
                path: self.path.clone(),
                message: e.to_string(),
            },
        };
        if self.reports.send(report).is_ok() {
            (self.wake)();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::book::{NoteBook, empty_notes};

    #[test]
    fn saves_after_a_quiet_moment_and_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.notes.json");
        let saver = Autosaver::spawn(path.clone(), None, || {}).unwrap();
        let mut book = NoteBook::new(empty_notes(None));
        book.add_memo(None, "one", "1");
        saver.submit(book.file().clone());
        assert!(!path.exists(), "not written at once");
        let deadline = Instant::now() + Duration::from_secs(5);
        while !path.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(path.exists(), "written after the quiet time");
        assert!(matches!(
            saver.try_report(),
            Some(Report::Saved { merged: None, .. })
        ));
        book.add_memo(None, "two", "2");
        saver.submit(book.file().clone());
        drop(saver);
        assert_eq!(
            &store::load(&path).unwrap().notes,
            book.file(),
            "pending edit written on drop"
        );
    }
}
