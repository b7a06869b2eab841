//! Helpers shared by the test binaries.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use caselens::library::{Bundled, Library, LoadRequest};

/// A path inside the project.
pub fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The bundled library, loaded synchronously.
pub fn bundled() -> Library {
    Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: Vec::new(),
    })
}

/// The app on the bundled cases with notes kept in memory, showing `case` in the reader.
pub fn app_on(case: &str) -> caselens::ui::CaselensApp {
    let mut app = caselens::ui::CaselensApp::with_library(bundled(), Vec::new());
    app.workspace.apply(caselens::workspace::Action::OpenCase {
        case: case.to_owned(),
        at: None,
    });
    app
}

/// A harness drawing the whole window at `width` x `height`.
pub fn harness_sized(
    app: caselens::ui::CaselensApp,
    width: f32,
    height: f32,
) -> egui_kittest::Harness<'static, caselens::ui::CaselensApp> {
    egui_kittest::Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut caselens::ui::CaselensApp| app.root_ui(ui),
            app,
        )
}

/// A harness at a common laptop size.
pub fn harness(
    app: caselens::ui::CaselensApp,
) -> egui_kittest::Harness<'static, caselens::ui::CaselensApp> {
    harness_sized(app, 1400.0, 900.0)
}
