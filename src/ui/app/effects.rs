//! Background work and what actions do: polling the jobs (library load, dialogs, layers,
//! exports, imports, notes), starting exports and imports, and carrying out the effect an
//! action returns.

use std::path::PathBuf;
use web_time::Instant;

use crate::jobs::{Job, Poll};
use crate::library::Library;
use crate::refi::files::ImportKind;
use crate::ui::app::CaselensApp;
use crate::ui::jobs;
use crate::ui::loading::{Ended, Loading};
use crate::workspace::editing::EditorCmd;
use crate::workspace::editing::framework::FrameworkCmd;
use crate::workspace::{Action, Edit, Effect, Pick};

impl CaselensApp {
    /// Collects finished background work.
    pub fn poll_jobs(&mut self, ctx: &egui::Context) {
        // The hand-over waits for the letters drawn ahead (the browser's), so that the first
        // frame with a case does not draw them all at once.
        let held = self.drawing_letters_ahead();
        if let Some(job) = &mut self.loading
            && !held
        {
            match job.poll() {
                None => {}
                Some(Ended::Loaded(library, status)) => {
                    let started = Instant::now();
                    self.loading = None;
                    self.probe_note("library loaded");
                    self.status = status;
                    // Notes files given as paths: reference layers (or the notes file if none is open).
                    self.notes.set_library_notes(&library.notes);
                    // The window's first library: no view has been drawn yet.
                    let first = self.workspace.library.cases.is_empty();
                    let old = self.workspace.set_library(library);
                    // Freeing 1,000 cases took 25-30 ms of the frame that took in a reload.
                    crate::ui::jobs::drop_off_thread(old);
                    // A class's layers against the cases now loaded.
                    let ws = &mut self.workspace;
                    ws.class.recheck_cases(self.notes.references(), &ws.library);
                    crate::ui::page::note_step("hand-over", started.elapsed());
                    self.draws_after_load = 3;
                    // The first layout of the list and of the view in one frame was the
                    // longest frame on the desktop (16 ms at 1,000 cases) and, with the
                    // browser's own drawing (20-40 ms a frame without a GPU), a task over
                    // 50 ms in the browser: the view waits for the next frame. Only the
                    // first time: a reload keeps the view drawn (an answer being typed in
                    // it stays in its box).
                    self.view_next_frame = first;
                }
                Some(Ended::Failed(message)) => {
                    self.loading = None;
                    self.status = message.clone();
                    self.workspace.message = Some(message);
                }
            }
        }
        self.poll_dialog(ctx);
        self.poll_layers(ctx);
        self.poll_export();
        self.poll_import(ctx);
        self.poll_document(ctx);
        self.notes.poll(&mut self.workspace);
        // Reference lessons are read from the session's layers, shared, not copied.
        if let Some(layers) = self.notes.changed_references() {
            self.workspace.set_references(layers);
        }
    }

    /// Starts writing `kind` to `path` (the answer of File > Export's save dialog), or says in
    /// the status bar why there is nothing to write.
    pub fn export_to(
        &mut self,
        ctx: &egui::Context,
        kind: crate::workspace::export::ExportKind,
        path: PathBuf,
    ) {
        // What needs only the library and the notes is built on the job, from shared
        // snapshots: the frame copies nothing.
        if kind.library_and_notes_only() {
            let library = std::sync::Arc::clone(&self.workspace.library);
            let notes = self.workspace.notebook.shared();
            let gate = self.export_gate.take();
            let build = move || {
                if let Some(gate) = gate {
                    gate.recv().ok();
                }
                crate::workspace::export::for_library(&library, &notes, kind)
                    .unwrap_or_else(|| Err(crate::export::ExportError::NoCase))
                    .map_err(|e| e.to_string())
            };
            self.export = Some((kind, jobs::spawn_export(ctx, path, build)));
            return;
        }
        // The Matrix counts the shown authors in its authors modes, as on screen.
        let coders = self
            .layers_view
            .coders(&self.workspace, self.notes.references());
        let bytes = crate::workspace::export::for_workspace(&self.workspace, kind, &coders);
        match bytes {
            Ok(bytes) => self.export = Some((kind, jobs::spawn_write(ctx, path, bytes))),
            Err(why) => self.status = format!("Nothing exported: {why}."),
        }
    }

    /// Starts reading `path` as `kind` into the notes on a worker thread; the result comes in
    /// as one undoable edit ([`Self::poll_jobs`]). A file that cannot be read changes nothing.
    pub fn import_from(&mut self, ctx: &egui::Context, kind: ImportKind, path: PathBuf) {
        let current = self.workspace.notebook.file().clone();
        let library = self.workspace.library.clone();
        self.status = format!("Importing {}…", path.display());
        self.import = Some(jobs::spawn_import_shared(ctx, kind, path, current, library));
    }

    fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.import else {
            return;
        };
        let outcome = match job.poll() {
            Poll::Pending => return,
            Poll::Done(Ok(outcome)) => outcome,
            Poll::Done(Err(why)) | Poll::Failed(why) => {
                self.import = None;
                self.status = format!("Nothing imported: {why}.");
                return;
            }
        };
        self.import = None;
        // The summary names every kind of thing left out ("left out: 9 codings on non-text
        // sources, 16 sets"), as the CLI prints it; the per-source reports are counted.
        let mut status = format!("Imported: {}", outcome.summary);
        if let Some(first) = outcome.left_out.first() {
            let n = outcome.left_out.len();
            status.push_str(&format!("; {n} report(s), the first: {first}"));
        }
        status.push_str(" (Ctrl+Z undoes it).");
        self.apply(ctx, Action::Edit(Edit::Import(Box::new(outcome.notes))));
        self.status = status;
    }

    fn poll_document(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.document else {
            return;
        };
        let case = match job.poll() {
            Poll::Pending => return,
            Poll::Done(Ok(case)) => case,
            Poll::Done(Err(why)) | Poll::Failed(why) => {
                self.document = None;
                self.status = format!("No case made: {why}");
                return;
            }
        };
        self.document = None;
        self.status = format!(
            "“{}” is a draft case: fill in its facets beside the text, then save it (Ctrl+S).",
            case.title
        );
        self.apply(ctx, Action::Editor(EditorCmd::OpenDraft(Box::new(case))));
    }

    fn poll_export(&mut self) {
        let Some((kind, job)) = &mut self.export else {
            return;
        };
        let what = kind.what();
        self.status = match job.poll() {
            Poll::Pending => return,
            Poll::Done(Ok(path)) => format!("Exported {what} to {path}."),
            Poll::Done(Err(why)) => format!("Could not export {what}: {why}."),
            Poll::Failed(message) => message,
        };
        self.export = None;
        self.probe_note("export written");
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some((pick, job)) = &mut self.dialog else {
            return;
        };
        let pick = *pick;
        let picked = match job.poll() {
            Poll::Pending => return,
            Poll::Done(picked) => picked,
            Poll::Failed(message) => {
                self.dialog = None;
                self.status = message;
                return;
            }
        };
        self.dialog = None;
        self.picked(ctx, pick, picked);
        // The system's dialog cannot say "cancelled" from "could not open".
        if self.status.starts_with("Nothing") {
            self.status.push_str(" If no dialog appeared, start Caselens with CASELENS_FILE_DIALOG=builtin for its own.");
        }
    }

    /// Opens the file dialog for `pick`: the system's where it can open, else Caselens's own.
    fn open_dialog(&mut self, ctx: &egui::Context, pick: Pick) {
        if self.dialog.is_some() || self.file_dialog.is_some() {
            return;
        }
        if self.native_dialogs {
            self.dialog = Some((pick, jobs::spawn_dialog(ctx, pick)));
            return;
        }
        let start = self
            .last_dir
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let spec = crate::workspace::file_dialog::Spec::for_pick(pick);
        let dialog = crate::workspace::file_dialog::FileDialog::new(spec, &start);
        self.file_dialog = Some((pick, dialog));
    }

    /// Caselens's own file dialog, while it is open; its answer is taken as the system's.
    pub(super) fn file_dialog_ui(&mut self, ctx: &egui::Context) {
        use crate::ui::views::file_dialog_view::{Outcome, file_dialog_ui};
        let Some((pick, dialog)) = &mut self.file_dialog else {
            return;
        };
        let pick = *pick;
        let picked = match file_dialog_ui(ctx, dialog) {
            Outcome::Open => return,
            Outcome::Cancelled => None,
            Outcome::Chosen(paths) => Some(paths),
        };
        self.last_dir = Some(dialog.dir.clone());
        self.file_dialog = None;
        self.picked(ctx, pick, picked);
    }

    /// What a dialog for `pick` answered (`None`: nothing chosen).
    fn picked(&mut self, ctx: &egui::Context, pick: Pick, picked: Option<Vec<PathBuf>>) {
        let picked = picked.filter(|p| !p.is_empty());
        if let Some(paths) = &picked
            && self.browser_picked(pick, paths)
        {
            return;
        }
        if let Pick::Import(kind) = pick {
            match picked {
                Some(mut paths) => self.import_from(ctx, kind, paths.remove(0)),
                None => self.status = "Nothing imported: no file was chosen. (`caselens import` reads the same files from the command line.)".into(),
            }
            return;
        }
        if let Pick::Export(kind) = pick {
            match picked {
                Some(mut paths) => self.export_to(ctx, kind, paths.remove(0)),
                None => self.status = "Nothing exported: no file was chosen. (`caselens export` writes the same files from the command line.)".into(),
            }
            return;
        }
        let action = match (pick, picked) {
            (Pick::Folder | Pick::Files, Some(paths)) => Action::AddPaths(paths),
            (Pick::ClassFolder, Some(paths)) => Action::OpenLayers(paths),
            (Pick::OpenNotes, Some(mut paths)) => Action::OpenNotes(paths.remove(0)),
            (Pick::SaveNotesAs, Some(mut paths)) => Action::SaveNotesAs(paths.remove(0)),
            (Pick::Document, Some(mut paths)) => Action::CaseFromDocument(paths.remove(0)),
            (Pick::SaveCaseAs, Some(mut paths)) => {
                Action::Editor(EditorCmd::SaveAs(paths.remove(0)))
            }
            (Pick::SaveFrameworkAs, Some(mut paths)) => {
                Action::Framework(FrameworkCmd::SaveAs(paths.remove(0)))
            }
            (Pick::Export(_) | Pick::Import(_), Some(_)) => return,
            (_, None) => {
                self.status = "Nothing chosen. (You can also drop case files on the window or pass paths on the command line.)".into();
                return;
            }
        };
        self.apply(ctx, action);
    }

    /// Carries out an action and the effect it returns.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        if self.browser_saved(&action) {
            return;
        }
        if let Some(effect) = self.workspace.apply(action) {
            self.carry_out(ctx, effect);
        }
    }

    /// Carries out what an action asked of the window.
    pub(super) fn carry_out(&mut self, ctx: &egui::Context, effect: Effect) {
        match effect {
            Effect::Pick(pick) => self.open_dialog(ctx, pick),
            Effect::OpenNotes(path) => self.notes.open(path),
            Effect::SaveNotesAs(path) => self.notes.save_as(&self.workspace, path),
            Effect::DismissNotesProblem => self.notes.problem = None,
            Effect::HighlightSelection if self.reader.selection.is_some() => {
                self.reader.highlight_requested = true;
            }
            // Ctrl+Enter in an answer box saves the answer (reader::questions).
            Effect::HighlightSelection if crate::ui::views::reader::answer_has_focus(ctx) => {}
            Effect::HighlightSelection => {
                self.status = "Select text in a paragraph first, then highlight it.".into();
            }
            Effect::CopyText(text) => ctx.copy_text(text),
            // A load still running is superseded: its result is dropped with its job.
            Effect::Load(request) => {
                self.start_loading(Loading::spawn(ctx, "Reloading cases", request));
            }
            Effect::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Effect::FocusSearch => self.search_view.focus_pending = true,
            Effect::OpenLayers(paths) => self.open_layers(ctx, paths),
            Effect::ReadDocument(path) => {
                let framework = self
                    .workspace
                    .reader_case()
                    .map(|c| c.framework.clone())
                    .or_else(|| {
                        self.workspace
                            .library
                            .frameworks
                            .first()
                            .map(|f| f.doc.id.clone())
                    })
                    .unwrap_or_default();
                self.status = format!("Reading {}…", path.display());
                self.document = Some(jobs::spawn_document(ctx, path, framework));
            }
            Effect::Window(request) => self.window_request(ctx, request),
            Effect::RememberName(name) => {
                self.name.remembered = Some(name).filter(|n| !n.is_empty());
                self.name.asked = true;
            }
            Effect::Present(on) => self.window_mode(ctx, on),
            Effect::StepSearch(forward) => {
                if self.workspace.search.is_some()
                    && let Some(open) = self.search_view.step(ctx, &self.workspace, forward)
                {
                    self.workspace.apply(open);
                }
            }
        }
    }

    /// Loads the library with `job` (the app's own loader, or a test's); its result or its
    /// failure is taken by [`Self::poll_jobs`].
    pub fn load_with(&mut self, job: Job<Library>) {
        self.start_loading(Loading::untracked(job));
    }

    /// Loads the library with `loading`, whose progress the status bar shows with Cancel.
    pub fn start_loading(&mut self, loading: Loading) {
        self.status = format!("{}…", loading.what());
        self.loading = Some(loading);
    }

    /// True while the library or the notes are being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || self.notes.is_loading()
    }

    /// True while any background work runs (loading, a dialog, an export or an import): the
    /// status bar shows a spinner, so work longer than a frame is never silent.
    pub fn is_busy(&self) -> bool {
        self.is_loading() || self.dialog.is_some() || self.export.is_some() || self.import.is_some()
    }
}
