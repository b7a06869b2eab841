//! The app driven through its accessibility tree (`egui_kittest`), one binary for every view.

#[path = "../util.rs"]
mod util;

mod accessibility;
mod alliances;
mod answers;
mod class;
mod class_step;
mod code_picker;
mod coded;
mod codes;
mod compare;
mod edit_highlight;
mod editor;
mod export;
mod feedback;
mod framework_editor;
mod highlight_bar;
mod library;
mod matrix;
mod notes;
mod notes_files;
mod palette;
mod present;
mod reader;
mod search;
mod small_windows;
mod typing;
