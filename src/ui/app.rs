//! The main window: menu, library list, reader, problems; runs jobs and applies actions.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::library::{Bundled, Library, LoadRequest};
use crate::ui::jobs::{self, Pick};
use crate::ui::views::alliances_view::AlliancesView;
use crate::ui::views::case_view::case_ui;
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

/// The Caselens application.
pub struct CaselensApp {
    /// Plain state; everything a test asserts on.
    pub workspace: Workspace,
    library_view: LibraryView,
    compare_view: CompareView,
    alliances_view: AlliancesView,
    matrix_view: MatrixView,
    loading: Option<Receiver<Library>>,
    dialog: Option<Receiver<Option<Vec<PathBuf>>>>,
    /// Last message for the status bar.
    pub status: String,
}

impl CaselensApp {
    /// Starts the app and loads the library on a worker thread.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        let request = LoadRequest {
            bundled: Bundled::All,
            paths: paths.clone(),
        };
        let mut app = Self::with_library(Library::default(), paths);
        app.loading = jobs::spawn_load(&cc.egui_ctx, request);
        app.status = "Loading cases…".into();
        app
    }

    /// An app over an already loaded library (tests, and callers that load themselves).
    pub fn with_library(library: Library, paths: Vec<PathBuf>) -> Self {
        let status = summary(&library);
        Self {
            workspace: Workspace::new(library, paths),
            library_view: LibraryView::default(),
            compare_view: CompareView::default(),
            alliances_view: AlliancesView::default(),
            matrix_view: MatrixView::default(),
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
        if let Some(rx) = &self.dialog
            && let Ok(picked) = rx.try_recv()
        {
            self.dialog = None;
            match picked {
                Some(paths) if !paths.is_empty() => self.workspace.apply(Action::AddPaths(paths)),
                _ => self.status = "Nothing opened. (You can also drop files on the window or pass folders on the command line.)".into(),
            }
        }
        if self.workspace.reload_requested && self.loading.is_none() {
            self.workspace.reload_requested = false;
            self.status = "Loading cases…".into();
            self.loading = jobs::spawn_load(ctx, self.workspace.load_request());
        }
    }

    /// True while the library is being (re)loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
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
                if self.loading.is_some() {
                    ui.spinner();
                }
                ui.label(RichText::new(&self.status).small());
            });
        });
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
            View::Reader => {
                let ws = &mut self.workspace;
                let case = ws.open_case.as_deref().and_then(|id| ws.library.case(id));
                match case {
                    Some(case) => {
                        let fw = ws.library.framework(&case.framework);
                        let others: Vec<(String, String)> = ws
                            .library
                            .cases
                            .iter()
                            .filter(|c| c.doc.framework == case.framework && c.doc.id != case.id)
                            .map(|c| (c.doc.id.clone(), c.doc.title.clone()))
                            .collect();
                        case_ui(
                            ui,
                            case,
                            fw,
                            &others,
                            ws.focus.as_mut(),
                            ws.show_instructor,
                            &mut actions,
                        );
                    }
                    None => {
                        let loading = self.loading.is_some();
                        egui::CentralPanel::default().show(ui, |ui| {
                            ui.centered_and_justified(|ui| {
                                ui.label(if loading { "Loading…" } else { "Choose a case in the library, or open a folder of cases (File > Open folder…)." });
                            });
                        });
                    }
                }
            }
            View::Compare => self.compare_view.ui(ui, &self.workspace, &mut actions),
            View::Alliances => self.alliances_view.ui(ui, &self.workspace, &mut actions),
            View::Matrix => self.matrix_view.ui(ui, &self.workspace, &mut actions),
        }
        for action in actions {
            self.workspace.apply(action);
        }
        if let Some(message) = self.workspace.message.take() {
            self.status = message;
        }
        if self.workspace.reload_requested {
            self.poll_jobs(&ctx);
        }
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
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT)))
                    .clicked()
                {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
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
            self.dialog = jobs::spawn_dialog(ctx, pick);
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
}
