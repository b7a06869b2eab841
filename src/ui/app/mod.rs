//! The main window: menus, library list, views, problems, notes; runs jobs and applies actions.
//!
//! This file holds the app's state and its frame ([`CaselensApp::root_ui`]); each concern
//! beside it adds methods to [`CaselensApp`]: `settings` (what eframe keeps), `effects`
//! (background jobs and applying actions), `chrome` (menus, tabs, status bar, overlays), `body`
//! (library panel and the current view), `class`, `class_step`, `present` and `probe` (the
//! frame probe's log and script). They name this file's items; this file names none of theirs
//! (it calls their methods on `self`), only the leaf `present_ui`, so the imports run one way.

mod backups;
mod body;
mod chrome;
mod class;
mod class_step;
mod effects;
mod name;
mod present;
mod present_ui;
mod probe;
mod quit;
mod settings;
mod web_files;

pub use web_files::Downloader;

use std::path::PathBuf;
use web_time::Instant;

use crate::appearance::Theme;
use crate::jobs::Job;
use crate::library::Library;
use crate::refi::files::Outcome as ImportOutcome;
use crate::ui::commands::{self, Command};
use crate::ui::layout::{self, Panel};
use crate::ui::loading::Loading;
use crate::ui::notes_session::NotesSession;
use crate::ui::theme;
use crate::ui::views::agreement_view::AgreementView;
use crate::ui::views::alliances_view::AlliancesView;
use crate::ui::views::coded_view::CodedView;
use crate::ui::views::codes_view::CodesWindow;
use crate::ui::views::compare_view::CompareView;
use crate::ui::views::layers_view::LayersView;
use crate::ui::views::library_view::LibraryView;
use crate::ui::views::matrix_view::MatrixView;
use crate::ui::views::palette_view::PaletteView;
use crate::ui::views::problems_view::problems_ui;
use crate::ui::views::reader::ReaderView;
use crate::ui::views::search_view::SearchView;
use crate::ui::views::shortcuts_view::ShortcutsView;
use crate::workspace::{Action, Pick, Workspace};

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
    /// The case editor beside the reader.
    pub editor_view: crate::ui::views::editor::EditorView,
    /// The framework editor, in the main area.
    pub framework_view: crate::ui::views::framework_editor::FrameworkEditorView,
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
    /// The frame log (`--frame-log`), when asked for.
    pub frame_log: Option<crate::ui::frame_probe::FrameLog>,
    /// A scripted session being replayed (`--script`).
    pub script: Option<crate::ui::frame_probe::ScriptRun>,
    dialog: Option<(Pick, Job<Option<Vec<PathBuf>>>)>,
    /// Caselens's own file dialog, open (where the system's cannot open, and in tests).
    pub file_dialog: Option<(Pick, crate::workspace::file_dialog::FileDialog)>,
    /// The system's file dialogs can open here (else Caselens draws its own).
    pub native_dialogs: bool,
    /// The folder the own file dialog showed last.
    last_dir: Option<PathBuf>,
    /// An export being written: what it is, and the job (its message, or why it failed).
    export: Option<(
        crate::workspace::export::ExportKind,
        Job<Result<String, String>>,
    )>,
    import: Option<Job<Result<ImportOutcome, String>>>,
    /// Test hook: an export's job waits for this before building its bytes (a test holds
    /// the sender, to see the window work on while an export runs).
    pub export_gate: Option<std::sync::mpsc::Receiver<()>>,
    /// A document being read into a draft case.
    document: Option<Job<Result<crate::format::Case, String>>>,
    commands: Vec<Command>,
    /// The panel the user opened with its toggle although the window is too narrow for it.
    opened_panel: Option<Panel>,
    /// Last message for the status bar.
    pub status: String,
    /// Presentation mode's window state (the presenter's clock, the lesson editor).
    pub present_ui: present_ui::PresentUi,
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
    /// The question asked when the window closes with unsaved work.
    pub quit: quit::QuitState,
    /// The browser build's notices and modes.
    pub browser: web_files::BrowserState,
    /// The name the notes are written under: remembered, and the question on first use.
    pub name: name::NameState,
    /// *File > Notes backups…*.
    pub backups: crate::ui::views::backups_view::BackupsView,
    /// Frames after a library load still timed for the page ([`crate::ui::page::note_step`]).
    draws_after_load: u8,
    /// The frame that takes in the window's first library draws the library list and leaves
    /// the view for the next frame ([`CaselensApp::view_ui`]).
    view_next_frame: bool,
    /// Set once the letters drawn ahead of need are drawn ([`CaselensApp::draw_letters_ahead`]).
    letters_ahead: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl CaselensApp {
    /// An app over an already loaded library, with notes kept in memory only
    /// (tests, and callers that load themselves; see [`NotesSession::open_now`]).
    pub fn with_library(library: Library, paths: Vec<PathBuf>) -> Self {
        let status = library.summary();
        Self {
            workspace: Workspace::new(library, paths),
            notes: NotesSession::default(),
            library_view: LibraryView::default(),
            reader: ReaderView::default(),
            editor_view: crate::ui::views::editor::EditorView::default(),
            framework_view: Default::default(),
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
            frame_log: None,
            script: None,
            dialog: None,
            file_dialog: None,
            native_dialogs: false,
            last_dir: None,
            export: None,
            import: None,
            export_gate: None,
            document: None,
            commands: commands::table(),
            opened_panel: None,
            present_ui: present_ui::PresentUi::default(),
            status,
            palette: PaletteView::default(),
            shortcuts: ShortcutsView::default(),
            theme: Theme::default(),
            applied_theme: None,
            pending_scale: None,
            ui_scale: None,
            quit: quit::QuitState::default(),
            browser: web_files::BrowserState::default(),
            name: name::NameState::default(),
            backups: Default::default(),
            draws_after_load: 0,
            letters_ahead: None,
            view_next_frame: false,
        }
    }

    /// From the second frame on, draws the letters of the app's text sizes a few milliseconds
    /// per task between the frames ([`crate::ui::warm`]), so the first frame that shows a case
    /// finds them drawn; the library is handed over once they are. The browser's page only
    /// (the desktop draws them on a thread, [`crate::ui::warm::on_thread`]): a test's frames
    /// stay as they were.
    pub fn draw_letters_ahead(&mut self, ctx: &egui::Context) {
        let (done, steps) = crate::ui::warm::Warmup::steps(ctx, crate::ui::warm::STEP_BUDGET);
        crate::platform::between_frames(steps);
        self.letters_ahead = Some(done);
    }

    /// True while letters are still being drawn ahead ([`CaselensApp::draw_letters_ahead`]).
    pub(crate) fn drawing_letters_ahead(&self) -> bool {
        self.letters_ahead
            .as_ref()
            .is_some_and(|done| !done.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// Draws the whole window into `ui`.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        text_sizes(ui);
        self.poll_jobs(&ctx);
        self.close_request(&ctx);
        commands::set_modes(&ctx, self.present_modes());
        let mut actions = commands::pressed(&ctx, &self.commands);
        actions.extend(self.window_ui(&ctx));
        self.sync_present(&ctx);
        if self.workspace.present.presenting() {
            // Below the presentation bar.
            let top = self.presenting_ui(ui, &mut actions);
            self.lesson_editor_ui(&ctx, top, &mut actions);
            return self.end_frame(&ctx, actions);
        }
        if self.browser.on {
            self.browser_drops(ui.ctx());
        } else {
            Self::dropped_files(ui, &mut actions);
        }
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
        // Windows open below the menu bar and the lesson bar, never over them.
        let mut below_bars = menu.response.rect.bottom();
        if self.workspace.present.lesson.is_some() {
            let bar = egui::Panel::top("lesson-bar").show(ui, |ui| {
                crate::ui::views::lesson_view::bar_ui(ui, &self.workspace, &mut actions);
            });
            below_bars = below_bars.max(bar.response.rect.bottom());
        }
        self.name_bar_ui(ui, &mut actions);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        self.notes_problem_ui(ui, &mut actions);
        self.browser_notice_ui(ui);
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
        self.codes_window
            .ui(&ctx, below_bars, &self.workspace, &mut actions);
        self.lesson_editor_ui(&ctx, below_bars, &mut actions);
        self.end_frame(&ctx, actions);
    }

    /// Applies the frame's actions, shows the last message, queues changed notes for saving.
    fn end_frame(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        self.file_dialog_ui(ctx);
        self.quit_ui(ctx);
        for action in actions {
            self.apply(ctx, action);
        }
        self.report_drafts();
        self.name_rules();
        if let Some(message) = self.workspace.message.take() {
            self.status = message;
        }
        // Queue changed notes for saving in this frame, not the next.
        self.poll_jobs(ctx);
    }
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
    /// Caps the texture side at 2,048 pixels (egui's portable default): egui lays its glyph
    /// atlas out as a strip as wide as the driver allows, 16,384 pixels here, 2 MB from the
    /// first frame in the app and as much again in the driver; 2,048 wide, it grows only as
    /// tall as the letters drawn need (3.3 MB less with a case open).
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = Some(raw_input.max_texture_side.unwrap_or(2048).min(2048));
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.probe_begin();
        self.poll_jobs(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.probe_begin();
        self.script_frame(ui.ctx());
        let work = self.probe_work();
        let started = Instant::now();
        self.root_ui(ui);
        self.probe_work_ended(work);
        let loading = self.is_loading();
        // How long the views took while loading and just after (the browser's loading steps).
        if let Some(seconds) = frame.info().cpu_usage
            && (loading || self.draws_after_load > 0)
        {
            // The whole previous frame, painting included.
            let took = std::time::Duration::try_from_secs_f32(seconds).unwrap_or_default();
            crate::ui::page::note_step("whole frame", took);
        }
        if loading {
            crate::ui::page::note_step("draw while loading", started.elapsed());
        } else if self.draws_after_load > 0 {
            let what = if self.draws_after_load == 3 {
                "first draw"
            } else {
                "next draws"
            };
            crate::ui::page::note_step(what, started.elapsed());
            self.draws_after_load -= 1;
        }
        if let Some(check) = &mut self.start_check {
            check.frame_drawn(ui.ctx(), loading);
        }
        self.probe_end(ui.ctx());
        crate::ui::page::publish(&self.workspace, loading, &self.notes.status);
    }

    /// Called every 30 s and on shutdown: UI preferences only. Notes are saved by their own
    /// thread; this runs on the UI thread and must never wait on disk.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_settings(storage);
    }

    /// The window is closing: pending notes are written (the only wait on disk).
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(log) = &mut self.frame_log {
            log.flush();
        }
        for message in self.notes.on_exit(&self.workspace) {
            eprintln!("caselens: {message}");
        }
    }
}
