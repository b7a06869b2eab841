//! The main window: menus, library list, views, problems, notes; runs jobs and applies actions.

mod class;
mod class_step;
mod present;

use std::path::PathBuf;

use egui::RichText;
use serde::{Deserialize, Serialize};

use crate::appearance::{Theme, WindowRequest};
use crate::export::refi::files::{ImportKind, Outcome as ImportOutcome};
use crate::jobs::{Job, Poll};
use crate::library::{Bundled, Library, LoadRequest};
use crate::ui::commands::{self, Command, Menu};
use crate::ui::jobs;
use crate::ui::layout::{self, Panel};
use crate::ui::loading::{Ended, Loading};
use crate::ui::notes_session::NotesSession;
use crate::ui::theme;
use crate::ui::views::agreement_view::AgreementView;
use crate::ui::views::alliances_view::AlliancesView;
use crate::ui::views::case_view::{ReaderInput, ReaderView};
use crate::ui::views::coded_view::CodedView;
use crate::ui::views::codes_view::CodesWindow;
use crate::ui::views::compare_view::CompareView;
use crate::ui::views::layers_view::LayersView;
use crate::ui::views::library_view::LibraryView;
use crate::ui::views::matrix_view::MatrixView;
use crate::ui::views::palette_view::{self, PaletteView};
use crate::ui::views::problems_view::problems_ui;
use crate::ui::views::search_view::SearchView;
use crate::ui::views::shortcuts_view::ShortcutsView;
use crate::workspace::{Action, Edit, Effect, Pick, View, Workspace};

/// UI preferences kept by eframe (never user data).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct UiSettings {
    recent_notes: Vec<PathBuf>,
    notes_path: Option<PathBuf>,
    /// The case last open, reopened at start when it still loads.
    open_case: Option<String>,
    /// The colour theme.
    theme: Theme,
    /// The UI scale (egui's zoom factor); `None` leaves egui's.
    ui_scale: Option<f32>,
    /// The scale of presentation mode (Ctrl+= / Ctrl+- while presenting).
    present_scale: Option<f32>,
    /// The side panel opened with its toggle in a narrow window.
    opened_panel: Option<Panel>,
    /// The problems panel shown.
    show_problems: bool,
    /// Files and folders added to the library (besides the bundled cases), reloaded at start
    /// when no paths are given on the command line.
    library_paths: Vec<PathBuf>,
}

const SETTINGS_KEY: &str = "caselens-ui";

/// The Caselens application.
pub struct CaselensApp {
    /// Plain state; everything a test asserts on.
    pub workspace: Workspace,
    /// The notes file and its autosave.
    pub notes: NotesSession,
    /// The library list's state.
    pub library_view: LibraryView,
    /// The reader's view state.
    pub reader: ReaderView,
    compare_view: CompareView,
    alliances_view: AlliancesView,
    matrix_view: MatrixView,
    /// The *Coded passages* view's state.
    pub coded_view: CodedView,
    codes_window: CodesWindow,
    /// The search panel's state.
    pub search_view: SearchView,
    /// The Layers panel and the caches the class views share.
    pub layers_view: LayersView,
    /// The *Agreement* view's state.
    pub agreement_view: AgreementView,
    /// A lesson step "What the class marked".
    class_step_view: crate::ui::views::class_step_view::ClassStepView,
    layers_job: Option<Job<crate::notes::layers::Layers>>,
    /// Layer paths waiting for the library to load (they are checked against it).
    pending_layers: Vec<PathBuf>,
    loading: Option<Loading>,
    /// The start check (`--quit-after-frames`), when asked for.
    pub start_check: Option<crate::ui::start_check::StartCheck>,
    dialog: Option<(Pick, Job<Option<Vec<PathBuf>>>)>,
    /// An export being written: what it is, and the job (its message, or why it failed).
    export: Option<(crate::export::ExportKind, Job<Result<String, String>>)>,
    import: Option<Job<Result<ImportOutcome, String>>>,
    commands: Vec<Command>,
    /// The panel the user opened with its toggle although the window is too narrow for it.
    opened_panel: Option<Panel>,
    /// Last message for the status bar.
    pub status: String,
    /// Presentation mode's window state (the presenter's clock, the lesson editor).
    pub present_ui: present::PresentUi,
    /// The command palette.
    pub palette: PaletteView,
    /// The keyboard shortcuts overlay.
    pub shortcuts: ShortcutsView,
    /// The colour theme chosen.
    pub theme: Theme,
    /// The theme last given to the context (applied again when [`Self::theme`] differs).
    applied_theme: Option<Theme>,
    /// A UI scale read from the settings, given to the context on the next frame.
    pending_scale: Option<f32>,
    /// The context's UI scale at the last frame, saved with the settings.
    ui_scale: Option<f32>,
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
        cc.egui_ctx.all_styles_mut(theme::apply_text_sizes);
        let (paths, request) = if paths.is_empty() {
            let last = existing(&settings.library_paths);
            let request = LoadRequest {
                bundled: Bundled::All,
                paths: last.clone(),
            };
            (last, request)
        } else {
            (paths, request)
        };
        let notes_path = settings.notes_path.clone();
        let mut app = Self::with_library(Library::default(), paths);
        app.loading = Some(Loading::spawn(&cc.egui_ctx, "Loading cases", request));
        app.status = "Loading cases…".into();
        app.notes = NotesSession::new(crate::ui::notes_session::repaint(&cc.egui_ctx));
        app.apply_settings(settings);
        if let Some(path) = notes
            .or(notes_path)
            .or_else(crate::notes::store::default_path)
        {
            app.notes.open(path);
        }
        app
    }

    /// An app over an already loaded library, with notes kept in memory only
    /// (tests, and callers that load themselves; see [`NotesSession::open_now`]).
    pub fn with_library(library: Library, paths: Vec<PathBuf>) -> Self {
        let status = library.summary();
        Self {
            workspace: Workspace::new(library, paths),
            notes: NotesSession::default(),
            library_view: LibraryView::default(),
            reader: ReaderView::default(),
            compare_view: CompareView::default(),
            alliances_view: AlliancesView::default(),
            matrix_view: MatrixView::default(),
            coded_view: CodedView::default(),
            codes_window: CodesWindow::default(),
            search_view: SearchView::default(),
            layers_view: LayersView::default(),
            class_step_view: Default::default(),
            agreement_view: AgreementView::default(),
            layers_job: None,
            pending_layers: Vec::new(),
            loading: None,
            start_check: None,
            dialog: None,
            export: None,
            import: None,
            commands: commands::table(),
            opened_panel: None,
            present_ui: present::PresentUi::default(),
            status,
            palette: PaletteView::default(),
            shortcuts: ShortcutsView::default(),
            theme: Theme::default(),
            applied_theme: None,
            pending_scale: None,
            ui_scale: None,
        }
    }

    /// Takes the UI preferences saved by [`eframe::App::save`] in `storage` (theme, scale,
    /// panels, recent notes, the case last open); nothing when there are none.
    pub fn restore_settings(&mut self, storage: &dyn eframe::Storage) {
        if let Some(settings) = eframe::get_value(storage, SETTINGS_KEY) {
            self.apply_settings(settings);
        }
    }

    fn apply_settings(&mut self, settings: UiSettings) {
        self.notes.recent = settings.recent_notes;
        // Kept by `set_library` when the loaded library still has it.
        self.workspace.open_case = settings.open_case;
        self.theme = settings.theme;
        self.pending_scale = settings.ui_scale;
        if let Some(scale) = settings.present_scale {
            self.workspace.present.scale = scale;
        }
        self.opened_panel = settings.opened_panel;
        self.workspace.show_problems = settings.show_problems;
    }

    fn settings(&self) -> UiSettings {
        UiSettings {
            recent_notes: self.notes.recent.clone(),
            notes_path: self.notes.path.clone(),
            open_case: self.workspace.open_case.clone(),
            theme: self.theme,
            // While presenting, egui's zoom is the presentation scale: keep the window's own.
            ui_scale: if self.workspace.present.presenting() {
                Some(self.workspace.present.zoom)
            } else {
                self.ui_scale
            },
            present_scale: Some(self.workspace.present.scale),
            opened_panel: self.opened_panel,
            show_problems: self.workspace.show_problems,
            library_paths: self.workspace.paths.clone(),
        }
    }

    /// The look and the overlays: the theme and scale when they changed, then the shortcuts
    /// overlay and the palette (before the panels, so their keys win); returns the command the
    /// palette ran.
    fn window_ui(&mut self, ctx: &egui::Context) -> Option<Action> {
        if self.applied_theme != Some(self.theme) {
            theme::apply_theme(ctx, self.theme);
            self.applied_theme = Some(self.theme);
            ctx.request_repaint();
        }
        if let Some(scale) = self.pending_scale.take() {
            ctx.set_zoom_factor(scale);
        }
        self.ui_scale = Some(ctx.zoom_factor());
        self.shortcuts.ui(ctx, &self.commands);
        if !self.palette.is_open() {
            return None;
        }
        let entries: Vec<palette_view::Entry> = self
            .commands
            .iter()
            .map(|c| palette_view::Entry {
                name: self.command_label(c),
                shortcut: commands::shortcut_text(ctx, c),
                menu: c.menu.path(),
                enabled: self.command_enabled(&c.action),
                action: c.action.clone(),
            })
            .collect();
        self.palette.ui(ctx, &entries)
    }

    fn window_request(&mut self, ctx: &egui::Context, request: WindowRequest) {
        match request {
            WindowRequest::Palette => self.palette.open(),
            WindowRequest::Shortcuts => self.shortcuts.open = true,
            WindowRequest::Theme(theme) => self.theme = theme,
        }
        ctx.request_repaint();
    }

    /// Collects finished background work.
    pub fn poll_jobs(&mut self, ctx: &egui::Context) {
        if let Some(job) = &mut self.loading {
            match job.poll() {
                None => {}
                Some(Ended::Loaded(library, status)) => {
                    self.loading = None;
                    self.status = status;
                    // Notes files given as paths: reference layers (or the notes file if none is open).
                    self.notes.set_library_notes(&library.notes);
                    self.workspace.set_library(library);
                    // A class's layers against the cases now loaded.
                    let ws = &mut self.workspace;
                    ws.class.recheck_cases(self.notes.references(), &ws.library);
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
        self.notes.poll(&mut self.workspace);
    }

    /// Starts writing `kind` to `path` (the answer of File > Export's save dialog), or says in
    /// the status bar why there is nothing to write.
    pub fn export_to(
        &mut self,
        ctx: &egui::Context,
        kind: crate::export::ExportKind,
        path: PathBuf,
    ) {
        match crate::export::kind::for_workspace(&self.workspace, kind) {
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
        self.import = Some(jobs::spawn_import(ctx, kind, path, current, library));
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
        let mut status = format!("Imported: {}", outcome.summary);
        if !outcome.left_out.is_empty() {
            status.push_str(&format!("; {} left out", outcome.left_out.len()));
        }
        status.push_str(" (Ctrl+Z undoes it).");
        self.apply(ctx, Action::Edit(Edit::Import(Box::new(outcome.notes))));
        self.status = status;
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
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some((pick, job)) = &mut self.dialog else {
            return;
        };
        let pick = *pick;
        let picked = match job.poll() {
            Poll::Pending => return,
            Poll::Done(picked) => picked.filter(|p| !p.is_empty()),
            Poll::Failed(message) => {
                self.dialog = None;
                self.status = message;
                return;
            }
        };
        self.dialog = None;
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
        let Some(effect) = self.workspace.apply(action) else {
            return;
        };
        match effect {
            Effect::Pick(pick) => {
                if self.dialog.is_none() {
                    self.dialog = Some((pick, jobs::spawn_dialog(ctx, pick)));
                }
            }
            Effect::OpenNotes(path) => self.notes.open(path),
            Effect::SaveNotesAs(path) => self.notes.save_as(&self.workspace, path),
            Effect::DismissNotesProblem => self.notes.problem = None,
            Effect::HighlightSelection if self.reader.selection.is_some() => {
                self.reader.highlight_requested = true;
            }
            // Ctrl+Enter in an answer box saves the answer (case_view::answer_ui).
            Effect::HighlightSelection if crate::ui::views::case_view::answer_has_focus(ctx) => {}
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
            Effect::Window(request) => self.window_request(ctx, request),
            Effect::Present(on) => self.window_mode(ctx, on),
            Effect::StepSearch(forward) => {
                if self.workspace.search.is_some()
                    && let Some(open) = self.search_view.step(&self.workspace, forward)
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

    /// Draws the whole window into `ui`.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        text_sizes(ui);
        self.poll_jobs(&ctx);
        commands::set_modes(&ctx, self.present_modes());
        let mut actions = commands::pressed(&ctx, &self.commands);
        actions.extend(self.window_ui(&ctx));
        self.sync_present(&ctx);
        if self.workspace.present.presenting() {
            self.presenting_ui(ui, &mut actions);
            self.lesson_editor_ui(&ctx, &mut actions);
            return self.end_frame(&ctx, actions);
        }
        self.dropped_files(ui, &mut actions);
        let widths = self.widths(ui.max_rect().width());
        // Back to the automatic rule once the window has room for the opened panel.
        if let Some(panel) = self.opened_panel
            && layout::fits(&widths, panel)
        {
            self.opened_panel = None;
        }
        let menu = egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui, &mut actions);
            self.tabs_ui(ui, &widths, &mut actions);
        });
        if self.workspace.present.lesson.is_some() {
            egui::Panel::top("lesson-bar").show(ui, |ui| {
                crate::ui::views::lesson_view::bar_ui(ui, &self.workspace, &mut actions);
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        self.notes_problem_ui(ui, &mut actions);
        if self.workspace.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(theme::PROBLEMS_HEIGHT)
                .show(ui, |ui| {
                    problems_ui(ui, &self.workspace, &mut actions);
                });
        }
        if self.workspace.search.is_some() {
            egui::Panel::bottom("search")
                .resizable(true)
                .default_size(theme::PROBLEMS_HEIGHT)
                .show(ui, |ui| {
                    self.search_view.ui(ui, &self.workspace, &mut actions);
                });
        }
        self.layers_panel_ui(ui, &mut actions);
        self.views_ui(ui, &widths, &mut actions);
        // Windows open below the menu bar, never over it.
        let below_menu = menu.response.rect.bottom();
        self.codes_window
            .ui(&ctx, below_menu, &self.workspace, &mut actions);
        self.lesson_editor_ui(&ctx, &mut actions);
        self.end_frame(&ctx, actions);
    }

    /// Applies the frame's actions, shows the last message, queues changed notes for saving.
    fn end_frame(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        for action in actions {
            self.apply(ctx, action);
        }
        if let Some(message) = self.workspace.message.take() {
            self.status = message;
        }
        // Queue changed notes for saving in this frame, not the next.
        self.poll_jobs(ctx);
    }

    /// The widths [`layout::panels`] weighs for the current view in a window `window` wide.
    fn widths(&self, window: f32) -> layout::Widths {
        let has_case = self.workspace.open_case.is_some();
        let (side, main_min) = match self.workspace.view {
            View::Reader if has_case => (Some(theme::FACETS_PANEL_WIDTH), layout::MIN_MAIN_WIDTH),
            View::Matrix => (Some(theme::MATRIX_EVIDENCE_WIDTH), layout::MIN_MAIN_WIDTH),
            // Two case columns beside the dimension column, and the scroll bar.
            View::Compare => (
                None,
                theme::COMPARE_DIM_WIDTH + 2.0 * theme::COMPARE_MIN_COL_WIDTH + 16.0,
            ),
            View::Reader | View::Alliances | View::Coded | View::Agreement => {
                (None, layout::MIN_MAIN_WIDTH)
            }
        };
        layout::Widths {
            window,
            library: theme::LIBRARY_WIDTH,
            side,
            main_min,
        }
    }

    /// The library panel (when it shows), then the current view, told whether its side panel
    /// shows: both as [`layout::panels`] decides.
    fn views_ui(&mut self, ui: &mut egui::Ui, widths: &layout::Widths, actions: &mut Vec<Action>) {
        let panels = layout::panels(widths, self.opened_panel);
        // Beside a panel opened in a window too narrow for it, the main area keeps less.
        let opened = self.opened_panel;
        let main_min = |panel| {
            if opened == Some(panel) && !layout::fits(widths, panel) {
                layout::MIN_SQUEEZED_WIDTH
            } else {
                widths.main_min
            }
        };
        if panels.library {
            let beside = if panels.side { widths.side } else { None };
            let room = widths.window - beside.unwrap_or(0.0);
            let max = layout::max_panel_width(room, main_min(Panel::Library))
                .min(theme::LIBRARY_MAX_WIDTH);
            egui::Panel::left("library")
                .resizable(true)
                .default_size(theme::LIBRARY_WIDTH)
                .size_range(theme::LIBRARY_MIN_WIDTH..=max)
                .show(ui, |ui| {
                    self.library_view.ui(ui, &self.workspace, actions);
                });
        }
        let side = layout::SideSlot {
            shown: panels.side,
            main_min: main_min(Panel::Side),
        };
        self.reader.side = side;
        self.matrix_view.side = side;
        self.view_ui(ui, actions);
        // A matrix cell clicked while its evidence panel is collapsed opens the panel.
        if std::mem::take(&mut self.matrix_view.wants_side) && !panels.side {
            self.opened_panel = Some(Panel::Side);
            ui.ctx().request_repaint();
        }
    }

    /// The current view, or the lesson's step (a passage or a comparison) when a lesson is open.
    fn view_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        if self.class_step_ui(ui) {
            return;
        }
        if crate::ui::views::lesson_view::step_ui(ui, &self.workspace) {
            return;
        }
        match self.workspace.view {
            View::Reader => self.reader_ui(ui, actions),
            View::Compare => self.compare_view.ui(ui, &self.workspace, actions),
            View::Alliances => self.alliances_view.ui(ui, &self.workspace, actions),
            View::Matrix | View::Coded | View::Agreement => self.class_view_ui(ui, actions),
        }
    }

    /// A toggle in the tab bar for a panel collapsed for want of room: opens or closes it.
    fn panel_toggle_ui(&mut self, ui: &mut egui::Ui, panel: Panel, text: &str, hover: &str) {
        let open = self.opened_panel == Some(panel);
        // A framed button, so it reads as a control beside the tabs.
        if ui
            .add(egui::Button::new(text).selected(open))
            .on_hover_text(hover)
            .clicked()
        {
            // At most one opened panel: opening one closes the other.
            self.opened_panel = if open { None } else { Some(panel) };
        }
    }

    fn tabs_ui(&mut self, ui: &mut egui::Ui, widths: &layout::Widths, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            if layout::has_toggle(widths, self.opened_panel, Panel::Library) {
                let hover = "The window is narrow: show or hide the library of cases";
                self.panel_toggle_ui(ui, Panel::Library, "Library", hover);
                ui.separator();
            }
            for view in View::ALL {
                if ui
                    .selectable_label(self.workspace.view == view, view.label())
                    .clicked()
                {
                    actions.push(Action::SetView(view));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if layout::has_toggle(widths, self.opened_panel, Panel::Side) {
                    let (text, hover) = match self.workspace.view {
                        View::Matrix => (
                            "Chart and evidence",
                            "The window is narrow: show or hide the chart and the evidence of a cell",
                        ),
                        _ => (
                            "Facets and notes",
                            "The window is narrow: show or hide the case's facets and your notes",
                        ),
                    };
                    self.panel_toggle_ui(ui, Panel::Side, text, hover);
                }
                if !self.workspace.compare.is_empty() {
                    let text = format!(
                        "{} case(s) ticked for comparison",
                        self.workspace.compare.len()
                    );
                    ui.add(egui::Label::new(RichText::new(text).weak()).truncate());
                }
            });
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        // Wrapped: in a narrow window the bar takes a second line rather than cut a message.
        ui.horizontal_wrapped(|ui| {
            if self.is_busy() {
                ui.spinner();
            }
            ui.label(RichText::new(&self.status).small());
            if let Some(loading) = &self.loading {
                loading.ui(ui);
            }
            ui.separator();
            ui.label(RichText::new(&self.notes.status).small().weak());
            let references = self.notes.references();
            let layers: Vec<String> = references.iter().take(3).map(|l| l.name()).collect();
            if !layers.is_empty() {
                ui.separator();
                let text = if references.len() > layers.len() {
                    format!("Reference (read-only): {} layers", references.len())
                } else {
                    format!("Reference (read-only): {}", layers.join(", "))
                };
                ui.label(RichText::new(text).small().weak());
            }
        });
    }

    fn notes_problem_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(problem) = &self.notes.problem else {
            return;
        };
        egui::Panel::top("notes-problem").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(problem).color(crate::ui::theme::WARNING));
                if self.notes.save_failed() && ui.button("Save notes as…").clicked() {
                    actions.push(Action::Pick(Pick::SaveNotesAs));
                }
                if ui.button("Dismiss").clicked() {
                    actions.push(Action::DismissNotesProblem);
                }
            });
        });
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let hide = self.workspace.present.hides_private();
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
        let codebook = ws.codebook(&case.framework);
        let input = ReaderInput {
            case,
            framework: ws.library.framework(&case.framework),
            codebook: &codebook,
            others: &others,
            library: &ws.library,
            // Presenting hides the user's notes and the reference layers unless shown.
            notebook: if hide {
                self.present_ui.no_notes()
            } else {
                &ws.notebook
            },
            references: if hide { &[] } else { self.notes.references() },
            generation: ws.generation | if hide { 1 << 62 } else { 0 },
            show_instructor: ws.show_instructor && !hide,
        };
        self.reader.ui(ui, &input, ws.focus.as_mut(), actions);
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.commands_ui(ui, Menu::File, actions);
                ui.menu_button("Import", |ui| self.commands_ui(ui, Menu::Import, actions));
                ui.menu_button("Export", |ui| self.commands_ui(ui, Menu::Export, actions));
                ui.menu_button("Lessons", |ui| self.lessons_menu_ui(ui, actions));
                self.recent_notes_ui(ui, actions);
                ui.separator();
                self.commands_ui(ui, Menu::FileEnd, actions);
            });
            ui.menu_button("Edit", |ui| self.commands_ui(ui, Menu::Edit, actions));
            ui.menu_button("View", |ui| {
                self.commands_ui(ui, Menu::View, actions);
                ui.separator();
                self.commands_ui(ui, Menu::Compare, actions);
                ui.separator();
                ui.menu_button("Theme", |ui| self.commands_ui(ui, Menu::Theme, actions));
            });
            ui.menu_button("Help", |ui| self.commands_ui(ui, Menu::Help, actions));
        });
    }

    /// The commands of one menu, with their shortcuts, ticks and enabled states.
    fn commands_ui(&self, ui: &mut egui::Ui, menu: Menu, actions: &mut Vec<Action>) {
        for command in self.commands.iter().filter(|c| c.menu == menu) {
            let mut button = egui::Button::new(self.command_label(command));
            let shortcut = commands::shortcut_text(ui.ctx(), command);
            if !shortcut.is_empty() {
                button = button.shortcut_text(shortcut);
            }
            if let Some(on) = self.command_ticked(&command.action) {
                button = button.selected(on);
            }
            if ui
                .add_enabled(self.command_enabled(&command.action), button)
                .clicked()
            {
                actions.push(command.action.clone());
            }
        }
    }

    fn command_label(&self, command: &Command) -> String {
        match command.action {
            Action::ToggleProblems => format!("Problems ({})", self.workspace.problem_count()),
            _ => command.name.to_owned(),
        }
    }

    /// `Some(on)` for commands that toggle something.
    fn command_ticked(&self, action: &Action) -> Option<bool> {
        let ws = &self.workspace;
        let opts = &ws.compare_options;
        match action {
            Action::ToggleProblems => Some(ws.show_problems),
            Action::ToggleInstructorQuestions => Some(ws.show_instructor),
            Action::ToggleCodesWindow => Some(ws.show_codes_window),
            Action::Class(crate::class::ClassAction::TogglePanel) => Some(ws.class.show_panel),
            Action::ToggleDifferencesOnly => Some(opts.differences_only),
            Action::TogglePartlyKnown => Some(opts.with_partly_known),
            Action::ToggleHighlightShared => Some(opts.highlight_shared),
            Action::SetView(view) => Some(ws.view == *view),
            Action::Window(WindowRequest::Theme(theme)) => Some(self.theme == *theme),
            Action::Present(cmd) => self.present_ticked(cmd),
            _ => None,
        }
    }

    fn command_enabled(&self, action: &Action) -> bool {
        let ws = &self.workspace;
        match action {
            Action::Edit(Edit::Undo) => ws.notebook.can_undo(),
            Action::Edit(Edit::Redo) => ws.notebook.can_redo(),
            Action::HighlightSelection => self.reader.selection.is_some(),
            Action::TogglePartlyKnown => ws.compare_options.differences_only,
            Action::CopyComparison => ws.compare.len() >= 2,
            Action::StepSearch(_) => ws.search.is_some(),
            Action::Pick(Pick::Export(kind)) => kind.available(ws),
            Action::Present(cmd) => self.present_enabled(cmd),
            _ => true,
        }
    }

    fn recent_notes_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.separator();
        ui.menu_button("Recent notes", |ui| {
            if self.notes.recent.is_empty() {
                ui.label("None yet");
            }
            for path in &self.notes.recent {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::OpenNotes(path.clone()));
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

/// The paths of `paths` that still exist (a folder removed since is not an error at start).
fn existing(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths.iter().filter(|p| p.exists()).cloned().collect()
}

/// Gives the context and `ui` the app's text sizes once (egui's `Small` is 9 px by default);
/// `CaselensApp::new` does it before the first frame, this covers apps built without it.
fn text_sizes(ui: &mut egui::Ui) {
    if !theme::has_text_sizes(&ui.ctx().global_style()) {
        ui.ctx().all_styles_mut(theme::apply_text_sizes);
    }
    if !theme::has_text_sizes(ui.style()) {
        theme::apply_text_sizes(ui.style_mut());
    }
}

impl eframe::App for CaselensApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_jobs(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.root_ui(ui);
        let loading = self.is_loading();
        if let Some(check) = &mut self.start_check {
            check.frame_drawn(ui.ctx(), loading);
        }
    }

    /// Called every 30 s and on shutdown: UI preferences only. Notes are saved by their own
    /// thread; this runs on the UI thread and must never wait on disk.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings());
    }

    /// The window is closing: pending notes are written (the only wait on disk).
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        for message in self.notes.on_exit(&self.workspace) {
            eprintln!("caselens: {message}");
        }
    }
}
