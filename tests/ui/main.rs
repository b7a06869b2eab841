//! The app driven through its accessibility tree (egui_kittest), one binary for every view.

#[path = "../util.rs"]
mod util;

mod compare;
mod notes;
mod reader;
