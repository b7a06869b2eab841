//! Closing the window without losing typed work: the real close request (Ctrl+Q, the window's
//! close button) asks the workspace what is unsaved ([`crate::workspace::unsaved`], which
//! holds the rule) and, when something would be lost, cancels the close and asks: *Save and
//! quit*, *Discard and quit* or *Keep editing*.

use egui::RichText;

use crate::ui::app::CaselensApp;
use crate::workspace::unsaved::{Closing, Unsaved};

/// The quit question's state.
#[derive(Debug, Default)]
pub struct QuitState {
    /// The question is shown, about these unsaved things.
    pub asking: Option<Vec<Unsaved>>,
    /// The user answered: the next close request closes.
    confirmed: bool,
}

impl CaselensApp {
    /// Tells the workspace what the views hold unsaved (a note, memo or cell note being
    /// written, a presenter note typed, the highlight being made), so its "what is unsaved?"
    /// sees them.
    pub(super) fn report_drafts(&mut self) {
        let (dialog, highlight) = self.reader.pending();
        let writing = [
            dialog,
            self.compare_view.pending(),
            self.lesson_note_pending(),
        ];
        self.workspace.drafts.writing = writing.into_iter().flatten().collect();
        self.workspace.drafts.highlight = highlight;
    }

    /// Forgets in the views what [`Self::report_drafts`] reported (saved or discarded).
    fn clear_drafts(&mut self) {
        self.reader.clear_pending();
        self.compare_view.clear_pending();
        self.clear_lesson_note();
    }

    /// The window was asked to close: lets it close, or cancels and asks.
    pub(super) fn close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.quit.confirmed {
            return;
        }
        self.report_drafts();
        match self.workspace.closing() {
            Closing::Close => {}
            Closing::Ask(unsaved) => {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.quit.asking = Some(unsaved);
            }
        }
        // Answers saved by closing reach the saver (and `on_exit` writes them).
        self.poll_jobs(ctx);
    }

    /// The quit question, while it is asked.
    pub(super) fn quit_ui(&mut self, ctx: &egui::Context) {
        let Some(unsaved) = &self.quit.asking else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("quit-question")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Quit with unsaved work?");
            ui.label("These are not saved yet:");
            for item in unsaved {
                ui.add(egui::Label::new(RichText::new(format!("• {}", item.name))).wrap());
            }
            ui.horizontal(|ui| {
                if ui.button("Save and quit").clicked() {
                    answer = Some(Answer::Save);
                }
                if ui.button("Discard and quit").clicked() {
                    answer = Some(Answer::Discard);
                }
                if ui.button("Keep editing").clicked() {
                    answer = Some(Answer::Keep);
                }
            });
        });
        match answer {
            None => {}
            Some(Answer::Keep) => self.quit.asking = None,
            Some(Answer::Discard) => {
                self.report_drafts();
                self.workspace.discard_unsaved();
                self.clear_drafts();
                self.close_now(ctx);
            }
            Some(Answer::Save) => self.save_and_quit(ctx),
        }
    }

    fn save_and_quit(&mut self, ctx: &egui::Context) {
        self.report_drafts();
        let result = self.workspace.save_unsaved();
        self.clear_drafts();
        match result {
            Ok(()) => self.close_now(ctx),
            Err((why, effect)) => {
                self.quit.asking = None;
                self.status = why;
                if let Some(effect) = effect {
                    self.carry_out(ctx, effect);
                }
            }
        }
    }

    fn close_now(&mut self, ctx: &egui::Context) {
        self.quit.asking = None;
        self.quit.confirmed = true;
        self.poll_jobs(ctx);
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

enum Answer {
    Save,
    Discard,
    Keep,
}
