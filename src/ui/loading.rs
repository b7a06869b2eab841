//! The library load running in the background: its job, its progress (files read / total)
//! shown in the status bar with a Cancel button, and what its end means for the status line.

use std::sync::Arc;
use std::time::Duration;
use web_time::Instant;

use egui::RichText;

use crate::jobs::{Job, Poll};
use crate::library::{Library, LoadRequest, Progress, Stepwise};

/// A library load in progress.
#[derive(Debug)]
pub struct Loading {
    /// What it is ("Loading cases").
    what: String,
    run: Run,
    /// Shared with the loader; `None` for a job that reports no progress.
    progress: Option<Arc<Progress>>,
    /// How long a poll of a stepwise load goes on taking steps ([`STEP_BUDGET`]).
    budget: Duration,
}

/// How long one poll of a stepwise load goes on reading and checking files: a few
/// milliseconds, so a frame stays short while the load takes few frames (each frame costs the
/// browser its own drawing besides).
pub const STEP_BUDGET: Duration = Duration::from_millis(4);

/// How the load runs.
#[derive(Debug)]
enum Run {
    /// On a worker thread (on the desktop), or as one piece (a job from elsewhere).
    Job(Job<Library>),
    /// A few milliseconds of reading and checking files per poll, in the frame (the browser has
    /// no threads, and one long task would hold back the first frame and freeze the page); the
    /// context asks for the next frame.
    Steps(Box<Stepwise>, egui::Context),
    /// Ended and handed over.
    Ended,
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
    /// In the browser, a few files per frame instead ([`Loading::stepwise`]).
    pub fn spawn(ctx: &egui::Context, what: &str, request: LoadRequest) -> Self {
        if crate::platform::IN_BROWSER {
            return Self::stepwise(ctx, what, &request);
        }
        let (job, progress) = crate::ui::jobs::spawn_tracked_load(ctx, what, request);
        Self::tracked(job, progress)
    }

    /// Loads `request` in the frames after the first, reading and checking files for
    /// [`STEP_BUDGET`] per [`Loading::poll`] (at least one step), asking for the next frame
    /// until every file is read and checked (no worker thread).
    pub fn stepwise(ctx: &egui::Context, what: &str, request: &LoadRequest) -> Self {
        let progress = Progress::new();
        let steps = Stepwise::new(request, &progress);
        ctx.request_repaint();
        Self {
            what: what.to_owned(),
            run: Run::Steps(Box::new(steps), ctx.clone()),
            progress: Some(progress),
            budget: STEP_BUDGET,
        }
    }

    /// A job that reports its progress through `progress` (and stops when it is cancelled).
    pub fn tracked(job: Job<Library>, progress: Arc<Progress>) -> Self {
        Self {
            what: job.what.clone(),
            run: Run::Job(job),
            progress: Some(progress),
            budget: STEP_BUDGET,
        }
    }

    /// A job with no progress to show.
    pub fn untracked(job: Job<Library>) -> Self {
        Self {
            what: job.what.clone(),
            run: Run::Job(job),
            progress: None,
            budget: STEP_BUDGET,
        }
    }

    /// What the job is ("Loading cases").
    pub fn what(&self) -> &str {
        &self.what
    }

    /// True once Cancel was pressed.
    pub fn is_cancelled(&self) -> bool {
        self.progress.as_ref().is_some_and(|p| p.is_cancelled())
    }

    /// The end of the load, if it has ended.
    /// A stepwise load reads or checks its next files here, for [`STEP_BUDGET`] (at least one).
    pub fn poll(&mut self) -> Option<Ended> {
        let polled = match &mut self.run {
            Run::Job(job) => job.poll(),
            Run::Steps(steps, ctx) => {
                // The first frame shows the window before any file is read: that frame is
                // already the page's longest (the app's start), the load must not add to it.
                if ctx.cumulative_pass_nr() == 0 {
                    ctx.request_repaint();
                    return None;
                }
                let unshared = Progress::default();
                let progress = self.progress.as_deref().unwrap_or(&unshared);
                let poll_started = Instant::now();
                // Steps until the budget is spent (at least one): fewer frames while loading.
                loop {
                    let (started, read) = (Instant::now(), progress.files().0);
                    let more = steps.step(progress);
                    let kind = if progress.files().0 > read {
                        "read"
                    } else {
                        "check"
                    };
                    crate::ui::page::note_step(kind, started.elapsed());
                    if !more {
                        break;
                    }
                    if poll_started.elapsed() >= self.budget {
                        ctx.request_repaint();
                        return None;
                    }
                }
                let started = Instant::now();
                let polled = match std::mem::replace(&mut self.run, Run::Ended) {
                    Run::Steps(steps, _) => Poll::Done(steps.finish().library),
                    _ => Poll::Pending,
                };
                crate::ui::page::note_step("finish", started.elapsed());
                polled
            }
            Run::Ended => Poll::Pending,
        };
        match polled {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Bundled;

    /// Runs one (empty) frame of `ctx`, as the window does before the load reads anything.
    fn first_frame(ctx: &egui::Context) {
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
    }

    #[test]
    fn a_stepwise_load_reads_one_file_per_poll_and_ends_with_the_whole_library() {
        let ctx = egui::Context::default();
        let request = LoadRequest {
            bundled: Bundled::All,
            paths: Vec::new(),
        };
        let mut loading = Loading::stepwise(&ctx, "Loading cases", &request);
        // No time for more than the one step every poll takes.
        loading.budget = Duration::ZERO;
        assert_eq!(loading.what(), "Loading cases");
        let total = loading.progress.as_ref().map_or(0, |p| p.files().1);
        assert!(total > 10, "the bundled files are listed at once: {total}");
        let read = |l: &Loading| l.progress.as_ref().map_or(0, |p| p.files().0);
        assert!(loading.poll().is_none() && loading.poll().is_none());
        assert_eq!(read(&loading), 0, "nothing is read before the first frame");
        first_frame(&ctx);
        let mut polls = 0;
        let ended = loop {
            polls += 1;
            if let Some(ended) = loading.poll() {
                break ended;
            }
            let done = loading.progress.as_ref().map_or(0, |p| p.files().0);
            assert_eq!(done, polls.min(total), "one file per poll, then none");
        };
        // Every file read, a poll to start the checks, every file checked, the hand-over.
        assert_eq!(polls, total + 1 + total + 1);
        let Ended::Loaded(library, status) = ended else {
            panic!("the bundled files load");
        };
        let ids = |l: &Library| l.cases.iter().map(|c| c.doc.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&library), ids(&Library::bundled()));
        assert_eq!(status, library.summary());
        assert!(loading.poll().is_none(), "handed over once");
    }

    #[test]
    fn a_poll_takes_steps_until_its_budget_is_spent() {
        let ctx = egui::Context::default();
        let request = LoadRequest {
            bundled: Bundled::All,
            paths: Vec::new(),
        };
        let mut loading = Loading::stepwise(&ctx, "Loading cases", &request);
        first_frame(&ctx);
        // A budget never spent: every file read and checked, and handed over, in one poll.
        loading.budget = Duration::MAX;
        let Some(Ended::Loaded(library, _)) = loading.poll() else {
            panic!("loaded in one poll");
        };
        let ids = |l: &Library| l.cases.iter().map(|c| c.doc.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&library), ids(&Library::bundled()));
    }
}
