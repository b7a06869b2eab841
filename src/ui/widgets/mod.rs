//! Reusable pieces of UI.

pub mod chip;
pub mod code_picker;
pub mod density;
pub mod evidence;
pub mod in_sight;
pub mod paragraph;
pub mod text_dialog;
