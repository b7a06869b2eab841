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
