//! The library load running in the background: its job, its progress (files read / total)
//! shown in the status bar with a Cancel button, and what its end means for the status line.

use std::sync::{Arc, Mutex, PoisonError};
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
}

/// How long one task of a stepwise load goes on reading and checking files (at least one
/// file): a few milliseconds, so the page stays responsive while the load takes few tasks.
pub const STEP_BUDGET: Duration = Duration::from_millis(8);

/// How the load runs.
#[derive(Debug)]
enum Run {
    /// On a worker thread (on the desktop), or as one piece (a job from elsewhere).
    Job(Job<Library>),
    /// A few milliseconds of reading and checking files per task between the frames (the
    /// browser has no threads, and one long task would hold back the first frame and freeze
    /// the page): the state those tasks move on, the library when they are done.
    Steps(Arc<Mutex<Stepped>>),
    /// Ended and handed over.
    Ended,
}

/// A stepwise load's state, shared by [`Loading`] and the steps ([`Loading::stepwise`]).
#[derive(Debug)]
enum Stepped {
    /// Files still to read or check.
    Going(Box<Stepwise>),
    /// Every file read and checked: the library, for the next poll to hand over.
    Done(Library),
    /// Handed over.
    Taken,
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
    /// In the browser, a few files per task between the frames instead ([`Loading::stepwise`]).
    pub fn spawn(ctx: &egui::Context, what: &str, request: LoadRequest) -> Self {
        if crate::platform::IN_BROWSER {
            let (loading, steps) = Self::stepwise(ctx, what, &request, STEP_BUDGET);
            crate::platform::between_frames(steps);
            return loading;
        }
        let (job, progress) = crate::ui::jobs::spawn_tracked_load(ctx, what, request);
        Self::tracked(job, progress)
    }

    /// Loads `request` in steps: the load, and the function that reads and checks files for
    /// `budget` per call (at least one file) from the context's second frame on, true while
    /// files remain and the load is still held. Its last call leaves the library for
    /// [`Loading::poll`] and asks for a frame. No worker thread: in the browser
    /// [`crate::platform::between_frames`] calls it.
    pub fn stepwise(
        ctx: &egui::Context,
        what: &str,
        request: &LoadRequest,
        budget: Duration,
    ) -> (Self, impl FnMut() -> bool + 'static + use<>) {
        let progress = Progress::new();
        let state = Arc::new(Mutex::new(Stepped::Going(Box::new(Stepwise::new(
            request, &progress,
        )))));
        let loading = Self {
            what: what.to_owned(),
            run: Run::Steps(state.clone()),
            progress: Some(progress.clone()),
        };
        let ctx = ctx.clone();
        let steps = move || {
            // The first frame shows the window before any file is read: that frame is already
            // the page's longest (the app's start), the load must not hold it back.
            if ctx.cumulative_pass_nr() == 0 {
                return true;
            }
            // Nobody waits for a load whose `Loading` was dropped (another load replaced it).
            if Arc::strong_count(&state) == 1 {
                return false;
            }
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            let Stepped::Going(steps) = &mut *state else {
                return false;
            };
            let task_started = Instant::now();
            loop {
                let (started, read) = (Instant::now(), progress.files().0);
                let more = steps.step(&progress);
                let kind = if progress.files().0 > read {
                    "read"
                } else {
                    "check"
                };
                crate::ui::page::note_step(kind, started.elapsed());
                if !more {
                    break;
                }
                if task_started.elapsed() >= budget {
                    return true;
                }
            }
            let started = Instant::now();
            if let Stepped::Going(steps) = std::mem::replace(&mut *state, Stepped::Taken) {
                *state = Stepped::Done(steps.finish().library);
            }
            crate::ui::page::note_step("finish", started.elapsed());
            // The frame that hands the library over.
            ctx.request_repaint();
            false
        };
        (loading, steps)
    }

    /// A job that reports its progress through `progress` (and stops when it is cancelled).
    pub fn tracked(job: Job<Library>, progress: Arc<Progress>) -> Self {
        Self {
            what: job.what.clone(),
            run: Run::Job(job),
            progress: Some(progress),
        }
    }

    /// A job with no progress to show.
    pub fn untracked(job: Job<Library>) -> Self {
        Self {
            what: job.what.clone(),
            run: Run::Job(job),
            progress: None,
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

    /// The end of the load, if it has ended (a stepwise load's, once its steps are done).
    pub fn poll(&mut self) -> Option<Ended> {
        let polled = match &mut self.run {
            Run::Job(job) => job.poll(),
            Run::Steps(state) => {
                let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
                match std::mem::replace(&mut *state, Stepped::Taken) {
                    Stepped::Done(library) => Poll::Done(library),
                    going => {
                        *state = going;
                        Poll::Pending
                    }
                }
            }
            Run::Ended => Poll::Pending,
        };
        if matches!(polled, Poll::Done(_) | Poll::Failed(_)) {
            self.run = Run::Ended;
        }
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

    /// A stepwise load of the bundled files, and its step function.
    fn bundled_steps(
        ctx: &egui::Context,
        budget: Duration,
    ) -> (Loading, impl FnMut() -> bool + 'static + use<>) {
        let request = LoadRequest {
            bundled: Bundled::All,
            paths: Vec::new(),
        };
        Loading::stepwise(ctx, "Loading cases", &request, budget)
    }

    fn case_ids(library: &Library) -> Vec<String> {
        library.cases.iter().map(|c| c.doc.id.clone()).collect()
    }

    #[test]
    fn a_stepwise_load_reads_one_file_per_step_and_ends_with_the_whole_library() {
        let ctx = egui::Context::default();
        // No time for more than the one file every step takes.
        let (mut loading, mut step) = bundled_steps(&ctx, Duration::ZERO);
        assert_eq!(loading.what(), "Loading cases");
        let total = loading.progress.as_ref().map_or(0, |p| p.files().1);
        assert!(total > 10, "the bundled files are listed at once: {total}");
        let read = |l: &Loading| l.progress.as_ref().map_or(0, |p| p.files().0);
        assert!(step() && step(), "steps wait for the first frame");
        assert_eq!(read(&loading), 0, "nothing is read before the first frame");
        first_frame(&ctx);
        let mut steps = 0;
        while step() {
            steps += 1;
            assert!(
                loading.poll().is_none(),
                "nothing to hand over while files remain"
            );
            assert_eq!(
                read(&loading),
                steps.min(total),
                "one file per step, then none"
            );
        }
        // Every file read, a step to start the checks, every file checked, and the last step,
        // which finds no file left and finishes the library.
        assert_eq!(steps + 1, total + 1 + total + 1);
        assert!(!step(), "no step after the end");
        let Some(Ended::Loaded(library, status)) = loading.poll() else {
            panic!("the bundled files load");
        };
        assert_eq!(case_ids(&library), case_ids(&Library::bundled()));
        assert_eq!(status, library.summary());
        assert!(loading.poll().is_none(), "handed over once");
    }

    #[test]
    fn a_step_goes_on_until_its_budget_is_spent() {
        let ctx = egui::Context::default();
        // A budget never spent: every file read and checked in one step.
        let (mut loading, mut step) = bundled_steps(&ctx, Duration::MAX);
        first_frame(&ctx);
        assert!(!step(), "done in one step");
        let Some(Ended::Loaded(library, _)) = loading.poll() else {
            panic!("loaded in one step");
        };
        assert_eq!(case_ids(&library), case_ids(&Library::bundled()));
    }

    #[test]
    fn the_steps_of_a_dropped_load_stop() {
        let ctx = egui::Context::default();
        let (loading, mut step) = bundled_steps(&ctx, Duration::ZERO);
        first_frame(&ctx);
        assert!(step(), "files remain");
        let read = loading.progress.as_ref().map_or(0, |p| p.files().0);
        // Replaced by another load, say: the files left are not read.
        let progress = loading.progress.clone().expect("progress");
        drop(loading);
        assert!(!step(), "no step for a load nobody holds");
        assert_eq!(progress.files().0, read);
    }

    #[test]
    fn a_cancelled_stepwise_load_hands_over_the_cases_read() {
        let ctx = egui::Context::default();
        let (mut loading, mut step) = bundled_steps(&ctx, Duration::ZERO);
        first_frame(&ctx);
        assert!(step() && step() && step());
        loading.progress.as_ref().expect("progress").cancel();
        while step() {}
        let Some(Ended::Loaded(library, status)) = loading.poll() else {
            panic!("a cancelled load hands over what it read");
        };
        assert!(
            status.starts_with("Loading cancelled after 3 of "),
            "{status}"
        );
        assert!(library.cases.len() < Library::bundled().cases.len());
    }
}
