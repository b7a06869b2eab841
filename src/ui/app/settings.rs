//! The window's preferences kept by eframe's storage (never user data): the theme, the scales,
//! the panels, the recent notes files, the case last open and the library's paths. Read when
//! the app starts (so the start itself, [`CaselensApp::new`], is here), written every 30 s and
//! on shutdown.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::appearance::Theme;
use crate::library::{Bundled, Library, LoadRequest};
use crate::ui::app::CaselensApp;
use crate::ui::layout::Panel;
use crate::ui::loading::Loading;
use crate::ui::notes_session::NotesSession;
use crate::ui::theme;

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
    /// The name the notes are written under, for notes files without an author.
    your_name: Option<String>,
    /// The name was asked for (answered or skipped): not asked again on its own.
    name_asked: bool,
    /// In the browser: the notice that clearing site data deletes the notes was dismissed.
    browser_notice_seen: bool,
}

const SETTINGS_KEY: &str = "caselens-ui";

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
        app.browser.on = crate::platform::IN_BROWSER;
        // A real start asks for the name on first use (apps built for tests never do).
        app.name.first_use = true;
        // The system's file dialogs where they can open; Caselens's own elsewhere (Xvfb).
        // In the browser: its own file picker (rfd's web dialog).
        app.native_dialogs = crate::platform::IN_BROWSER
            || crate::workspace::file_dialog::native_available(
                &crate::workspace::file_dialog::Platform::probe(),
            );
        if let Some(path) = notes
            .or(notes_path)
            .or_else(crate::notes::store::default_path)
        {
            app.notes.open(path);
        }
        app
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
        self.name.remembered = settings.your_name;
        self.name.asked = settings.name_asked;
        self.browser.notice_seen = settings.browser_notice_seen;
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
            your_name: self.name.remembered.clone(),
            name_asked: self.name.asked,
            browser_notice_seen: self.browser.notice_seen,
        }
    }

    /// Writes the UI preferences to `storage` (for [`eframe::App::save`]).
    pub(super) fn save_settings(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings());
    }
}

/// The paths of `paths` that still exist (a folder removed since is not an error at start).
fn existing(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths.iter().filter(|p| p.exists()).cloned().collect()
}
