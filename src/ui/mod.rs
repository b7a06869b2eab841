//! The egui front end. It reads [`crate::workspace::Workspace`] and turns user input into
//! [`crate::workspace::Action`]s; rules live in the pure modules.

pub mod app;
pub mod commands;
pub mod jobs;
pub mod layout;
pub mod notes_session;
pub mod theme;
pub mod views;
pub mod widgets;

use std::path::PathBuf;

pub use app::CaselensApp;

/// The smallest the window can be made (width, height).
pub const MIN_WINDOW: [f32; 2] = [640.0, 480.0];

/// Opens the main window on the bundled cases plus `paths`, saving notes to `notes` (or the default).
pub fn run_native(paths: Vec<PathBuf>, notes: Option<PathBuf>) -> Result<(), eframe::Error> {
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
        Box::new(move |cc| Ok(Box::new(CaselensApp::new(cc, paths, notes)))),
    )
}
