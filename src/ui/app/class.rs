//! The window's side of a class in one view: opening layers (off the UI thread, once the
//! library they are checked against has loaded), the Layers panel, and the views that read the
//! shown layers (matrix, coded passages, agreement).

use std::path::PathBuf;

use crate::jobs::Poll;
use crate::ui::app::CaselensApp;
use crate::ui::jobs;
use crate::workspace::{Action, View};

impl CaselensApp {
    /// Opens notes files and folders of them (every `*.notes.json`) as read-only layers on a
    /// worker thread; until the library has loaded, they wait for it.
    pub fn open_layers(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        if self.loading.is_some() || self.layers_job.is_some() {
            self.pending_layers.extend(paths);
            return;
        }
        self.status = "Opening layers…".into();
        let library = self.workspace.library.clone();
        self.layers_job = Some(jobs::spawn_layers_shared(ctx, paths, library));
    }

    /// Opens layers on the calling thread (tests, and callers that already wait).
    pub fn open_layers_now(&mut self, paths: &[PathBuf]) {
        let loaded = crate::notes::layers::load_layers(paths, &self.workspace.library);
        self.take_layers(loaded);
    }

    fn take_layers(&mut self, loaded: crate::notes::layers::Layers) {
        let problems = loaded.problems.len();
        let first = self.workspace.class.names.is_empty();
        let layers = self.workspace.class.take_layers(loaded);
        if first {
            // The first class opened: layers shown before it (the bundled lecture notes, a
            // lecturer's file) are not the class's authors; they start unticked.
            let keys = self
                .notes
                .references()
                .iter()
                .map(crate::notes::layers::layer_key);
            self.workspace.class.hidden.extend(keys);
        }
        let opened = self.notes.add_layers(layers);
        let mut status = format!("Opened {opened} layer(s), read-only");
        if problems > 0 {
            status.push_str(&format!("; {problems} problem(s), see View > Problems"));
            self.workspace.show_problems = true;
        }
        self.status = status;
        if opened > 0 {
            self.workspace.class.show_panel = true;
        }
    }

    /// Takes in layers read on a worker thread; starts those that waited for the library.
    pub(super) fn poll_layers(&mut self, ctx: &egui::Context) {
        if let Some(job) = &mut self.layers_job {
            match job.poll() {
                Poll::Pending => return,
                Poll::Done(loaded) => {
                    self.layers_job = None;
                    self.probe_note("layers opened");
                    self.take_layers(loaded);
                }
                Poll::Failed(message) => {
                    self.layers_job = None;
                    self.status = message;
                }
            }
        }
        if self.loading.is_none() && !self.pending_layers.is_empty() {
            let paths = std::mem::take(&mut self.pending_layers);
            self.open_layers(ctx, paths);
        }
    }

    /// Brings the class caches up to date and draws the Layers panel when it is shown.
    pub(super) fn layers_panel_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let case = match self.workspace.view {
            View::Reader => self.workspace.open_case.as_deref(),
            _ => None,
        };
        self.layers_view
            .refresh(&self.workspace, self.notes.references(), case);
        self.reader.density = self.layers_view.density();
        if !self.workspace.class.show_panel {
            return;
        }
        egui::Panel::right("layers")
            .resizable(true)
            .default_size(crate::ui::theme::LIBRARY_MIN_WIDTH + 60.0)
            .show(ui, |ui| {
                self.layers_view.ui(ui, &self.workspace, actions);
            });
    }

    /// The views that read the shown layers.
    pub(super) fn class_view_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let layers = self.notes.references();
        let coders = self.layers_view.coders(&self.workspace, layers);
        match self.workspace.view {
            View::Matrix => self.matrix_view.ui(ui, &self.workspace, &coders, actions),
            View::Coded => self.coded_view.ui(ui, &self.workspace, &coders, actions),
            _ => self
                .agreement_view
                .ui(ui, &self.workspace, &coders, actions),
        }
    }
}
