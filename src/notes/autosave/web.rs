//! The saver in the browser, with the desktop saver's API: no thread, a timer of the browser
//! ([`setTimeout`]) saves at the quiet moment, the same [`Worker`] does the save (into the
//! browser's storage). Flushes and stops save at once.
//!
//! [`setTimeout`]: https://developer.mozilla.org/docs/Web/API/Window/setTimeout

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::closure::Closure;

use super::{Clock, Report, SystemClock, Worker};
use crate::format::NotesFile;
use crate::notes::store::DiskState;

/// Handle to the saver of one file.
pub struct Autosaver {
    worker: Arc<Mutex<Worker>>,
    clock: Arc<dyn Clock>,
    reports: Receiver<Report>,
    stopped: AtomicBool,
}

/// Calls the wake function shared by the saver and the storage's commit callback.
fn call<F: Fn()>(wake: &Mutex<F>) {
    if let Ok(f) = wake.lock() {
        f();
    }
}

/// Saves if due; looks again later while an edit is still waiting (a timer may fire early).
fn tick(worker: &Weak<Mutex<Worker>>) {
    let Some(worker) = worker.upgrade() else {
        return;
    };
    let again = worker.lock().ok().and_then(|mut w| {
        w.save_if_due();
        let now = w.clock.now();
        w.pending
            .as_ref()
            .map(|p| p.due().saturating_duration_since(now))
    });
    if let Some(after) = again {
        schedule(Arc::downgrade(&worker), after);
    }
}

fn schedule(worker: Weak<Mutex<Worker>>, after: Duration) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(move || tick(&worker));
    let ms = i32::try_from(after.as_millis() + 1).unwrap_or(i32::MAX);
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
        .ok();
}

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
        let (report_tx, reports) = mpsc::channel();
        // Reports wait until IndexedDB has the bytes ([`Autosaver::try_report`]); its commit
        // wakes the window to take them.
        let wake = Arc::new(Mutex::new(wake));
        let on_commit = wake.clone();
        crate::platform::storage::when_committed(move || call(&on_commit));
        let worker = Worker {
            path,
            disk,
            pending: None,
            unsaved: None,
            reports: report_tx,
            wake: Box::new(move || call(&wake)),
            clock: clock.clone(),
        };
        Ok(Self {
            worker: Arc::new(Mutex::new(worker)),
            clock,
            reports,
            stopped: AtomicBool::new(false),
        })
    }

    fn with_worker(&self, f: impl FnOnce(&mut Worker)) {
        if let Ok(mut w) = self.worker.lock() {
            f(&mut w);
        }
    }

    /// [`Self::submit`] of a shared state (the browser has no saver thread to copy it on).
    pub fn submit_shared(&self, revision: u64, notes: Arc<NotesFile>) {
        self.submit(revision, Arc::unwrap_or_clone(notes));
    }

    /// Queues a snapshot (of notebook revision `revision`) to be saved soon.
    pub fn submit(&self, revision: u64, notes: NotesFile) {
        let at = self.clock.now();
        let mut due = None;
        self.with_worker(|w| {
            w.edit(revision, notes, at);
            due = w.pending.as_ref().map(super::Pending::due);
        });
        if let Some(due) = due {
            schedule(
                Arc::downgrade(&self.worker),
                due.saturating_duration_since(at),
            );
        }
    }

    /// Writes anything pending now.
    pub fn flush(&self, _timeout: Duration) -> bool {
        self.with_worker(Worker::save);
        true
    }

    /// Saves now if the quiet time has passed on the clock.
    pub fn sync(&self, _timeout: Duration) -> bool {
        self.with_worker(Worker::save_if_due);
        true
    }

    /// The next report, if any: only once what was saved is committed to IndexedDB, so
    /// nothing is shown as saved that a closed tab could still lose.
    pub fn try_report(&self) -> Option<Report> {
        if !crate::platform::storage::committed() {
            return None;
        }
        self.reports.try_recv().ok()
    }

    /// Writes what is pending and ends the saver.
    pub fn stop(&self) {
        self.with_worker(Worker::save);
        self.stopped.store(true, Ordering::Relaxed);
    }

    /// True once stopped; its reports are then all waiting in [`Autosaver::try_report`].
    pub fn is_finished(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Ends the saver without writing what is pending (everything was saved elsewhere).
    pub fn abandon(self) {
        self.with_worker(|w| {
            w.pending = None;
            w.unsaved = None;
        });
    }

    /// Writes what is pending, ends the saver and returns the last reports.
    pub fn finish(self, _timeout: Duration) -> Vec<Report> {
        self.stop();
        self.reports.try_iter().collect()
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Pending edits are written before the saver ends.
        self.with_worker(Worker::save);
    }
}
