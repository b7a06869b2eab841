//! The app driven through its accessibility tree (`egui_kittest`), one binary for every view.

#[path = "../util.rs"]
mod util;

mod accessibility;
mod agreement_choices;
mod alliances;
mod answers;
mod browser;
mod browser_saves;
mod class;
mod class_step;
mod code_picker;
mod coded;
mod codes;
mod compare;
mod edit_highlight;
mod editor;
mod editor_fields;
mod editor_problems;
mod export;
mod feedback;
mod file_dialog;
mod framework_editor;
mod highlight_bar;
mod layer_codes;
mod library;
mod matrix;
mod matrix_labels;
mod notes;
mod notes_files;
mod palette;
mod present;
mod quit;
mod reader;
mod refi_import;
mod responsive;
mod search;
mod search_places;
mod small_windows;
mod steps;
mod tiny_windows;
mod typing;
mod windows_place;
mod your_name;
