//! Reusable pieces of UI.

pub mod chip;
pub mod paragraph;
