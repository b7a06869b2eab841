//! One file (or folder, for the larger ones) per screen or panel.

pub mod agreement_view;
pub mod alliances_view;
pub mod backups_view;
pub mod class_step_view;
pub mod coded_view;
pub mod codes_view;
pub mod compare_view;
pub mod editor;
pub mod file_dialog_view;
pub mod framework_editor;
pub mod layers_view;
pub mod lesson_view;
pub mod library_view;
pub mod matrix_view;
pub mod palette_view;
pub mod problems_view;
pub mod reader;
pub mod search_view;
pub mod shortcuts_view;
