//! The egui front end. It reads [`crate::workspace::Workspace`] and turns user input into
//! [`crate::workspace::Action`]s; rules live in the pure modules.

pub mod app;
pub mod commands;
pub mod frame_probe;
pub mod jobs;
pub mod layout;
pub mod loading;
pub mod notes_session;
pub mod page;
pub mod panel_width;
pub mod start_check;
pub mod theme;
pub mod views;
pub mod warm;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod widgets;

#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;

pub use app::{CaselensApp, Downloader};

/// The smallest the window can be made (width, height).
pub const MIN_WINDOW: [f32; 2] = [640.0, 480.0];

#[cfg(not(target_arch = "wasm32"))]
/// Opens the main window on the bundled cases plus `paths`, saving notes to `notes` (or the
/// default), with the notes files (or folders of them) `layers` shown read-only, one layer per
/// author.
pub fn run_native(
    paths: Vec<PathBuf>,
    notes: Option<PathBuf>,
    layers: Vec<PathBuf>,
) -> Result<(), eframe::Error> {
    run_native_checked(paths, notes, layers, None)
}

#[cfg(not(target_arch = "wasm32"))]
/// [`run_native`], with the start check of `caselens --quit-after-frames` when `check` is given.
pub fn run_native_checked(
    paths: Vec<PathBuf>,
    notes: Option<PathBuf>,
    layers: Vec<PathBuf>,
    check: Option<start_check::StartCheck>,
) -> Result<(), eframe::Error> {
    run_native_probed(paths, notes, layers, check, None)
}

/// The frame probe of `caselens --frame-log FILE --script FILE`: the log and the script run.
pub struct Probe {
    /// Where each frame's line is written.
    pub log: Option<frame_probe::FrameLog>,
    /// The session to replay, if any.
    pub script: Option<frame_probe::ScriptRun>,
}

#[cfg(not(target_arch = "wasm32"))]
/// [`run_native_checked`], with the frame probe when `probe` is given.
pub fn run_native_probed(
    paths: Vec<PathBuf>,
    notes: Option<PathBuf>,
    layers: Vec<PathBuf>,
    check: Option<start_check::StartCheck>,
    probe: Option<Probe>,
) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default();
    // The window and taskbar icon; a broken image only costs the icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("Caselens")
            .with_app_id("caselens")
            .with_inner_size([1280.0, 800.0])
            // Half of a 1280-wide screen: the menus, the tabs with their panel toggles, the
            // highlight bar and a reading line of layout::MIN_MAIN_WIDTH still fit; below
            // it the views have no room for their text.
            .with_min_inner_size(MIN_WINDOW)
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Caselens",
        options,
        Box::new(move |cc| {
            let mut app = CaselensApp::new(cc, paths, notes);
            app.start_check = check;
            if let Some(probe) = probe {
                app.frame_log = probe.log;
                app.script = probe.script;
            }
            app.open_layers(&cc.egui_ctx, layers);
            // The reader's first draw, the longest frame of a session, finds its letters drawn.
            warm::on_thread(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
}
