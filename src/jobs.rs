//! Background work that must not block a frame: each job runs on a named thread and hands back
//! an owned result. A job that panics or whose thread cannot start is reported as failed, so no
//! view waits forever ("Loading…" that never ends). No GUI types: the caller passes a `wake`
//! function (the UI passes one that repaints).
//!
//! In the browser there are no threads: a job runs to its end when it is spawned, on the
//! caller's thread, and is `Done` at its first poll; the API is the same, so every job compiles
//! and works on both targets. Work that the browser finishes later (a file picker) hands its
//! result through [`Job::channel`].

use std::sync::mpsc::{self, Receiver, TryRecvError};

/// A function that wakes whoever polls the job (the UI repaints).
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

/// A wake function that does nothing (tests, the command line).
pub fn no_wake() -> Wake {
    std::sync::Arc::new(|| {})
}

/// What a poll found.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still running.
    Pending,
    /// Finished with this result.
    Done(T),
    /// The job ended without a result; the message is for the user.
    Failed(String),
}

/// A running background job producing a `T`.
#[derive(Debug)]
pub struct Job<T> {
    /// Shown to the user while it runs and when it fails ("Loading cases").
    pub what: String,
    rx: Option<Receiver<T>>,
    failed: Option<String>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a thread named `name`; calls `wake` when the result is ready or the
    /// job failed.
    pub fn spawn(
        name: &str,
        what: impl Into<String>,
        wake: Wake,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        let what = what.into();
        let (tx, rx) = mpsc::channel();
        match start(name, wake, tx, work) {
            Ok(handle) => Self {
                what,
                rx: Some(rx),
                failed: None,
                thread: handle,
            },
            Err(e) => Self {
                failed: Some(format!("{what} could not start: {e}")),
                what,
                rx: None,
                thread: None,
            },
        }
    }

    /// A job whose result someone else sends later (a browser callback); dropping the sender
    /// unsent fails the job.
    pub fn channel(what: impl Into<String>) -> (mpsc::Sender<T>, Self) {
        let (tx, rx) = mpsc::channel();
        let job = Self {
            what: what.into(),
            rx: Some(rx),
            failed: None,
            thread: None,
        };
        (tx, job)
    }

    /// A job that already finished (tests, synchronous callers).
    pub fn ready(what: impl Into<String>, value: T) -> Self {
        let (tx, rx) = mpsc::channel();
        tx.send(value).ok();
        Self {
            what: what.into(),
            rx: Some(rx),
            failed: None,
            thread: None,
        }
    }

    /// Takes the result if the job has ended. After `Done` or `Failed`, polls return `Pending`
    /// forever, so drop the job.
    pub fn poll(&mut self) -> Poll<T> {
        if let Some(message) = self.failed.take() {
            return Poll::Failed(message);
        }
        let Some(rx) = &self.rx else {
            return Poll::Pending;
        };
        match rx.try_recv() {
            Ok(value) => {
                self.rx = None;
                Poll::Done(value)
            }
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => {
                self.rx = None;
                Poll::Failed(format!(
                    "{} failed unexpectedly (an internal error); nothing was changed. Try again, and please report it if it persists.",
                    self.what
                ))
            }
        }
    }

    /// Waits for the job to end (tests and the command line only, never the UI thread).
    pub fn wait(mut self) -> Poll<T> {
        if let Some(message) = self.failed.take() {
            return Poll::Failed(message);
        }
        if let Some(thread) = self.thread.take() {
            // The thread has woken its poller and ended once joined.
            thread.join().ok();
        }
        match self.rx.take().map(|rx| rx.recv()) {
            Some(Ok(value)) => Poll::Done(value),
            _ => Poll::Failed(format!("{} failed unexpectedly", self.what)),
        }
    }
}

/// Runs `work` on a thread named `name`, sending its result on `tx` and waking when it ends
/// (even by a panic: the dropped sender then tells the poller).
#[cfg(not(target_arch = "wasm32"))]
fn start<T: Send + 'static>(
    name: &str,
    wake: Wake,
    tx: mpsc::Sender<T>,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<Option<std::thread::JoinHandle<()>>> {
    struct WakeOnDrop(Wake);
    impl Drop for WakeOnDrop {
        fn drop(&mut self) {
            (self.0)();
        }
    }
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _wake = WakeOnDrop(wake);
            let result = work();
            tx.send(result).ok();
        })
        .map(Some)
}

/// The browser has no threads: `work` runs now, on the caller's thread.
#[cfg(target_arch = "wasm32")]
#[expect(
    clippy::unnecessary_wraps,
    clippy::needless_pass_by_value,
    reason = "the same signature as the desktop's, which can fail to start a thread and moves the sender and wake into it"
)]
fn start<T: Send + 'static>(
    _name: &str,
    wake: Wake,
    tx: mpsc::Sender<T>,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<Option<std::thread::JoinHandle<()>>> {
    tx.send(work()).ok();
    wake();
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_finished_job_hands_over_its_result_once_and_wakes() {
        let woken = std::sync::Arc::new(AtomicUsize::new(0));
        let w = woken.clone();
        let job = Job::spawn(
            "test-job",
            "Adding",
            std::sync::Arc::new(move || {
                w.fetch_add(1, Ordering::SeqCst);
            }),
            || 2 + 2,
        );
        assert_eq!(job.wait(), Poll::Done(4));
        assert_eq!(woken.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_panicking_job_is_reported_as_failed_not_pending_forever() {
        let mut job: Job<u32> =
            Job::spawn("test-panic", "Loading cases", no_wake(), || panic!("boom"));
        // The thread ends by panicking; wait on the channel without a clock.
        let outcome = loop {
            match job.poll() {
                Poll::Pending => std::thread::yield_now(),
                other => break other,
            }
        };
        match outcome {
            Poll::Failed(m) => assert!(m.contains("Loading cases"), "{m}"),
            other => panic!("expected a failure, got {other:?}"),
        }
        assert_eq!(job.poll(), Poll::Pending, "reported once");
    }

    #[test]
    fn a_channel_job_is_pending_until_sent_and_fails_when_the_sender_is_dropped() {
        let (tx, mut job) = Job::channel("Picking a file");
        assert_eq!(job.poll(), Poll::Pending);
        tx.send(7).unwrap();
        assert_eq!(job.poll(), Poll::Done(7));
        let (tx, mut job) = Job::<u8>::channel("Picking a file");
        drop(tx);
        assert!(matches!(job.poll(), Poll::Failed(m) if m.contains("Picking a file")));
    }

    #[test]
    fn a_ready_job_is_done_at_the_first_poll() {
        let mut job = Job::ready("x", "v");
        assert_eq!(job.poll(), Poll::Done("v"));
    }
}
