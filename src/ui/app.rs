//! The main window: menus, library list, views, problems, notes; runs jobs and applies actions.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use serde::{Deserialize, Serialize};

use crate::library::{Bundled, Library, LoadRequest};
use crate::ui::jobs::{self, Pick};
use crate::ui::notes_session::NotesSession;
use crate::ui::views::alliances_view::AlliancesView;
use crate::ui::views::case_view::{ReaderInput, ReaderView};
use crate::ui::views::codes_view::CodesWindow;
use crate::ui::views::compare_view::CompareView;
use crate::ui::views::library_view::LibraryView;
use crate::ui::views::matrix_view::MatrixView;
use crate::ui::views::problems_view::problems_ui;
use crate::workspace::{Action, View, Workspace};

const OPEN_FILES: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const OPEN_FOLDER: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::O);
const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// UI preferences kept by eframe (never user data).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct UiSettings {
    recent_notes: Vec<PathBuf>,
    notes_path: Option<PathBuf>,
}

const SETTINGS_KEY: &str = "caselens-ui";

/// The Caselens application.
pub struct CaselensApp {
    /// Plain state; everything a test asserts on.
    pub workspace: Workspace,
    /// The notes file and its autosave.
    pub notes: NotesSession,
    library_view: LibraryView,
    /// The reader's view state.
    pub reader: ReaderView,
    compare_view: CompareView,
    alliances_view: AlliancesView,
    matrix_view: MatrixView,
    codes_window: CodesWindow,
    loading: Option<Receiver<Library>>,
    dialog: Option<(Pick, Receiver<Option<Vec<PathBuf>>>)>,
    /// Last message for the status bar.
    pub status: String,
}

impl CaselensApp {
    /// Starts the app, loading the library and the notes file on worker threads.
    /// `notes` is the notes file to use (default: the last one, else one in the user data folder).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        paths: Vec<PathBuf>,
        notes: Option<PathBuf>,
    ) -> Self {
        let request = LoadRequest {
            bundled: Bundled::All,
            paths: paths.clone(),
        };
        let settings: UiSettings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_library(Library::default(), paths);
        app.loading = jobs::spawn_load(&cc.egui_ctx, request);
        app.status = "Loading cases…".into();
        app.notes.recent = settings.recent_notes;
        if let Some(path) = notes
            .or(settings.notes_path)
            .or_else(crate::notes::store::default_path)
        {
            app.notes.open(&cc.egui_ctx, path);
        }
        app
    }

    /// An app over an already loaded library, with notes kept in memory only
    /// (tests, and callers that load themselves; see [`NotesSession::open_now`]).
    pub fn with_library(library: Library, paths: Vec<PathBuf>) -> Self {
        let status = summary(&library);
        Self {
            workspace: Workspace::new(library, paths),
            notes: NotesSession::default(),
            library_view: LibraryView::default(),
            reader: ReaderView::default(),
            compare_view: CompareView::default(),
            alliances_view: AlliancesView::default(),
            matrix_view: MatrixView::default(),
            codes_window: CodesWindow::default(),
            loading: None,
            dialog: None,
            status,
        }
    }

    /// Collects finished background work.
    pub fn poll_jobs(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.loading
            && let Ok(library) = rx.try_recv()
        {
            self.loading = None;
            self.status = summary(&library);
            self.workspace.set_library(library);
        }
        if let Some((pick, rx)) = &self.dialog
            && let Ok(picked) = rx.try_recv()
        {
            let pick = *pick;
            self.dialog = None;
            match (pick, picked.and_then(|p| if p.is_empty() { None } else { Some(p) })) {
                (Pick::Folder | Pick::Files, Some(paths)) => self.workspace.apply(Action::AddPaths(paths)),
                (Pick::OpenNotes, Some(mut paths)) => self.notes.open(ctx, paths.remove(0)),
                (Pick::SaveNotes, Some(mut paths)) => self.notes.save_as(&self.workspace, paths.remove(0)),
                (_, None) => self.status = "Nothing chosen. (You can also drop case files on the window or pass paths on the command line.)".into(),
            }
        }
        if self.workspace.reload_requested && self.loading.is_none() {
            self.workspace.reload_requested = false;
            self.status = "Loading cases…".into();
            self.loading = jobs::spawn_load(ctx, self.workspace.load_request());
        }
        self.notes.poll(ctx, &mut self.workspace);
    }

    /// True while the library or the notes are being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || self.notes.is_loading()
    }

    /// Draws the whole window into `ui`.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_jobs(&ctx);
        let mut actions = Vec::new();
        self.shortcuts(ui, &mut actions);
        self.dropped_files(ui, &mut actions);

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui, &mut actions);
            ui.horizontal(|ui| {
                for view in View::ALL {
                    if ui
                        .selectable_label(self.workspace.view == view, view.label())
                        .clicked()
                    {
                        actions.push(Action::SetView(view));
                    }
                }
                if !self.workspace.compare.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} case(s) ticked for comparison",
                            self.workspace.compare.len()
                        ))
                        .weak(),
                    );
                }
            });
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.is_loading() {
                    ui.spinner();
                }
                ui.label(RichText::new(&self.status).small());
                ui.separator();
                ui.label(RichText::new(&self.notes.status).small().weak());
            });
        });
        if let Some(problem) = self.notes.problem.clone() {
            egui::Panel::top("notes-problem").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(problem).color(crate::ui::theme::WARNING));
                    if ui.button("Dismiss").clicked() {
                        self.notes.problem = None;
                    }
                });
            });
        }
        if self.workspace.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(180.0)
                .show(ui, |ui| {
                    problems_ui(ui, &self.workspace, &mut actions);
                });
        }
        egui::Panel::left("library")
            .resizable(true)
            .default_size(260.0)
            .size_range(160.0..=360.0)
            .show(ui, |ui| {
                self.library_view.ui(ui, &self.workspace, &mut actions);
            });
        match self.workspace.view {
            View::Reader => self.reader_ui(ui, &mut actions),
            View::Compare => self.compare_view.ui(ui, &self.workspace, &mut actions),
            View::Alliances => self.alliances_view.ui(ui, &self.workspace, &mut actions),
            View::Matrix => self.matrix_view.ui(ui, &self.workspace, &mut actions),
        }
        self.codes_window.ui(&ctx, &self.workspace, &mut actions);
        for action in actions {
            self.workspace.apply(action);
        }
        if let Some(message) = self.workspace.message.take() {
            self.status = message;
        }
        // Start a requested reload and queue changed notes for saving in this frame, not the next.
        self.poll_jobs(&ctx);
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ws = &mut self.workspace;
        let Some(case) = ws.open_case.as_deref().and_then(|id| ws.library.case(id)) else {
            let loading = self.loading.is_some();
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label(if loading { "Loading…" } else { "Choose a case in the library, or open a folder of cases (File > Open folder…)." });
                });
            });
            return;
        };
        let others: Vec<(String, String)> = ws
            .library
            .cases
            .iter()
            .filter(|c| c.doc.framework == case.framework && c.doc.id != case.id)
            .map(|c| (c.doc.id.clone(), c.doc.title.clone()))
            .collect();
        let input = ReaderInput {
            case,
            framework: ws.library.framework(&case.framework),
            others: &others,
            library: &ws.library,
            notebook: &ws.notebook,
            generation: ws.generation,
            show_instructor: ws.show_instructor,
        };
        self.reader.ui(ui, &input, ws.focus.as_mut(), actions);
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(
                        egui::Button::new("Open files…")
                            .shortcut_text(ui.ctx().format_shortcut(&OPEN_FILES)),
                    )
                    .clicked()
                {
                    self.open_dialog(ui.ctx(), Pick::Files);
                }
                if ui
                    .add(
                        egui::Button::new("Open folder…")
                            .shortcut_text(ui.ctx().format_shortcut(&OPEN_FOLDER)),
                    )
                    .clicked()
                {
                    self.open_dialog(ui.ctx(), Pick::Folder);
                }
                if ui
                    .add(
                        egui::Button::new("Reload")
                            .shortcut_text(ui.ctx().format_shortcut(&RELOAD)),
                    )
                    .clicked()
                {
                    actions.push(Action::Reload);
                }
                ui.separator();
                if ui.button("Open notes…").clicked() {
                    self.open_dialog(ui.ctx(), Pick::OpenNotes);
                }
                if ui.button("Save notes as…").clicked() {
                    self.open_dialog(ui.ctx(), Pick::SaveNotes);
                }
                ui.menu_button("Recent notes", |ui| {
                    if self.notes.recent.is_empty() {
                        ui.label("None yet");
                    }
                    for path in self.notes.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.notes.open(ui.ctx(), path);
                        }
                    }
                });
                if let Some(path) = &self.notes.path {
                    ui.label(
                        RichText::new(format!("Notes file: {}", path.display()))
                            .small()
                            .weak(),
                    );
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT)))
                    .clicked()
                {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = egui::Button::new("Undo").shortcut_text(ui.ctx().format_shortcut(&UNDO));
                if ui
                    .add_enabled(self.workspace.notebook.can_undo(), undo)
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
                let redo = egui::Button::new("Redo").shortcut_text(ui.ctx().format_shortcut(&REDO));
                if ui
                    .add_enabled(self.workspace.notebook.can_redo(), redo)
                    .clicked()
                {
                    actions.push(Action::Redo);
                }
                ui.separator();
                if ui.button("Your codes…").clicked() {
                    self.codes_window.open = true;
                }
            });
            ui.menu_button("View", |ui| {
                let problems = format!("Problems ({})", self.workspace.problem_count());
                if ui
                    .selectable_label(self.workspace.show_problems, problems)
                    .clicked()
                {
                    actions.push(Action::ToggleProblems);
                }
                if ui
                    .selectable_label(self.workspace.show_instructor, "Instructor questions")
                    .clicked()
                {
                    actions.push(Action::ToggleInstructorQuestions);
                }
            });
        });
    }

    fn open_dialog(&mut self, ctx: &egui::Context, pick: Pick) {
        if self.dialog.is_none() {
            self.dialog = jobs::spawn_dialog(ctx, pick).map(|rx| (pick, rx));
        }
    }

    fn shortcuts(&mut self, ui: &egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        // Check the longer shortcut first so Ctrl+Shift+O is not taken as Ctrl+O.
        if ctx.input_mut(|i| i.consume_shortcut(&OPEN_FOLDER)) {
            self.open_dialog(&ctx, Pick::Folder);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&OPEN_FILES)) {
            self.open_dialog(&ctx, Pick::Files);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&RELOAD)) {
            actions.push(Action::Reload);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&QUIT)) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // While a notes text field has focus, Ctrl+Z belongs to the field.
        if !self.reader.editing_text && !self.compare_view.editing_text {
            if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_ALT)) {
                actions.push(Action::Redo);
            }
            if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
                actions.push(Action::Undo);
            }
        }
    }

    fn dropped_files(&mut self, ui: &egui::Ui, actions: &mut Vec<Action>) {
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            actions.push(Action::AddPaths(dropped));
        }
    }
}

fn summary(library: &Library) -> String {
    let failed = library.failed().count();
    let mut s = format!(
        "{} case(s), {} framework(s) loaded",
        library.cases.len(),
        library.frameworks.len()
    );
    if failed > 0 {
        s.push_str(&format!(
            "; {failed} file(s) could not be loaded (View > Problems)"
        ));
    }
    s
}

impl eframe::App for CaselensApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_jobs(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.root_ui(ui);
    }

    /// Called periodically and on shutdown: UI preferences to eframe, notes flushed to their file.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let settings = UiSettings {
            recent_notes: self.notes.recent.clone(),
            notes_path: self.notes.path.clone(),
        };
        eframe::set_value(storage, SETTINGS_KEY, &settings);
        self.notes.flush();
    }
}
