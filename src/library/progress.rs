//! Progress and cancellation of a library load, shared between the loading thread and whoever
//! shows it: files done out of files found, and a flag that asks the loader to stop.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Shared by the loader (which counts) and the window (which shows and may cancel).
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
    /// Cancel once this many files are done (0: never).
    stop_after: AtomicUsize,
}

impl Progress {
    /// A fresh handle, for sharing through an `Arc`.
    pub fn new() -> std::sync::Arc<Self> {
        std::sync::Arc::new(Self::default())
    }

    /// (files read and parsed, files found); the total is 0 until the folders are listed.
    pub fn files(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Sets how many files were found.
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Counts one more file done.
    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let stop = self.stop_after.load(Ordering::Relaxed);
        if stop > 0 && done >= stop {
            self.cancel();
        }
    }

    /// Cancels by itself once `files` files are done (tests of a cancel in mid-load).
    pub fn cancel_after(&self, files: usize) {
        self.stop_after.store(files, Ordering::Relaxed);
    }

    /// Sets the count of files done (tests that stand in for a loader).
    pub fn set_done(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Asks the loader to stop after the files it is reading.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True once [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// "Loading 3 / 10 files" (or "Listing files" before the total is known).
    pub fn text(&self) -> String {
        match self.files() {
            (_, 0) => "Listing files…".to_owned(),
            (done, total) => format!("Loading {done} / {total} files"),
        }
    }
}
