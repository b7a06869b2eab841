//! The frame probe's side of the window (`--frame-log`, `--script`): timing each frame's work,
//! noting what caused it, and replaying a script's steps through the actions the views send.

use crate::ui::app::CaselensApp;
use crate::ui::frame_probe::Next;
use crate::workspace::script::{self, Field, Step};

impl CaselensApp {
    /// Notes what the current frame does, for the frame log.
    pub(super) fn probe_note(&mut self, what: &str) {
        if let Some(log) = &mut self.frame_log {
            log.note(what);
        }
    }

    /// The views' background work running before the frame (search index, agreement), to
    /// name its end as the frame's cause.
    pub(super) fn probe_work(&self) -> (bool, bool) {
        (self.search_view.indexing(), self.agreement_view.computing())
    }

    /// Notes the views' background work that ended in this frame.
    pub(super) fn probe_work_ended(&mut self, before: (bool, bool)) {
        let now = self.probe_work();
        if before.0 && !now.0 {
            self.probe_note("search index ready");
        }
        if before.1 && !now.1 {
            self.probe_note("agreement computed");
        }
    }

    /// The frame's work begins (the frame log times it from here).
    pub(super) fn probe_begin(&mut self) {
        if let Some(log) = &mut self.frame_log {
            log.begin();
        }
    }

    /// The frame's work ended: its line is written.
    pub(super) fn probe_end(&mut self, ctx: &egui::Context) {
        if let Some(log) = &mut self.frame_log {
            log.end(ctx.input(|i| !i.events.is_empty()));
        }
    }

    /// Runs this frame's part of the script, if one is given: waits for background work,
    /// types a character, or carries out the next step; closes the window at its end.
    pub(super) fn script_frame(&mut self, ctx: &egui::Context) {
        let busy = self.is_busy() || self.layers_job.is_some() || self.search_view.busy();
        let Some(run) = &mut self.script else {
            return;
        };
        let next = run.next(busy);
        // A script draws frame after frame, as a user at work would cause.
        ctx.request_repaint();
        match next {
            Next::Wait | Next::Idle => {}
            Next::Type(field, c) => {
                match field {
                    Field::Search => self.search_view.text.push(c),
                    Field::Filter => self.library_view.choice.text.push(c),
                }
                self.probe_note(&format!("type {c:?}"));
            }
            Next::Run(step) => self.script_step(ctx, &step),
            Next::Done => {
                if let Some(run) = &self.script {
                    for problem in &run.problems {
                        eprintln!("caselens: script {}: {problem}", run.path.display());
                    }
                }
                self.script = None;
                if let Some(log) = &mut self.frame_log {
                    log.flush();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn script_step(&mut self, ctx: &egui::Context, step: &Step) {
        self.probe_note(&format!("step {step:?}"));
        match step {
            Step::Type(Field::Search, _) => self.search_view.text.clear(),
            Step::Type(Field::Filter, _) => self.library_view.choice.text.clear(),
            Step::Export(kind, path) => self.export_to(ctx, *kind, path.clone()),
            _ => {}
        }
        match script::actions(&self.workspace, step) {
            Ok(actions) => {
                for action in actions {
                    self.apply(ctx, action);
                }
            }
            Err(why) => {
                if let Some(run) = &mut self.script {
                    run.problems.push(format!("{step:?}: {why}"));
                }
            }
        }
    }
}
