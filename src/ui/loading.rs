//! The library load running in the background: its job, its progress (files read / total)
//! shown in the status bar with a Cancel button, and what its end means for the status line.

use std::sync::Arc;
use std::time::Duration;

use egui::RichText;

use crate::jobs::{Job, Poll};
use crate::library::{Library, LoadRequest, Progress};

/// A library load in progress.
#[derive(Debug)]
pub struct Loading {
    job: Job<Library>,
    /// Shared with the loader; `None` for a job that reports no progress.
    progress: Option<Arc<Progress>>,
}

/// How a load ended.
#[derive(Debug)]
pub enum Ended {
    /// The library (of the files read before a cancel, when cancelled) and the status line.
    Loaded(Library, String),
    /// The load failed; the message is for the user.
    Failed(String),
}

impl Loading {
    /// Loads `request` on a worker thread, counting files; `what` names it ("Loading cases").
    pub fn spawn(ctx: &egui::Context, what: &str, request: LoadRequest) -> Self {
        let (job, progress) = crate::ui::jobs::spawn_tracked_load(ctx, what, request);
        Self::tracked(job, progress)
    }

    /// A job that reports its progress through `progress` (and stops when it is cancelled).
    pub fn tracked(job: Job<Library>, progress: Arc<Progress>) -> Self {
        Self {
            job,
            progress: Some(progress),
        }
    }

    /// A job with no progress to show.
    pub fn untracked(job: Job<Library>) -> Self {
        Self {
            job,
            progress: None,
        }
    }

    /// What the job is ("Loading cases").
    pub fn what(&self) -> &str {
        &self.job.what
    }

    /// True once Cancel was pressed.
    pub fn is_cancelled(&self) -> bool {
        self.progress.as_ref().is_some_and(|p| p.is_cancelled())
    }

    /// The end of the load, if it has ended.
    pub fn poll(&mut self) -> Option<Ended> {
        match self.job.poll() {
            Poll::Pending => None,
            Poll::Done(library) => {
                let summary = library.summary();
                let status = match self.progress.as_ref().map(|p| p.files()) {
                    Some((read, total)) if self.is_cancelled() && read < total => format!(
                        "Loading cancelled after {read} of {total} files: the cases read are \
                         shown (File > Reload loads them all). {summary}"
                    ),
                    _ => summary,
                };
                Some(Ended::Loaded(library, status))
            }
            Poll::Failed(message) => Some(Ended::Failed(message)),
        }
    }

    /// The progress bar, "Loading 3 / 10 files" and Cancel, for the status bar. Repaints
    /// while it runs so the count moves.
    pub fn ui(&self, ui: &mut egui::Ui) {
        let Some(progress) = &self.progress else {
            return;
        };
        ui.ctx().request_repaint_after(Duration::from_millis(100));
        let (done, total) = progress.files();
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.add(egui::ProgressBar::new(fraction).desired_width(120.0));
        ui.label(RichText::new(progress.text()).small());
        if progress.is_cancelled() {
            ui.label(RichText::new("Cancelling…").small());
        } else if ui
            .button("Cancel loading")
            .on_hover_text("Stop loading; the cases read so far are shown")
            .clicked()
        {
            progress.cancel();
        }
    }
}
