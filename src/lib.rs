//! Caselens: load, compare and annotate structured business case studies.
//!
//! Modules import only from the floors below them, bottom up: [`format`](mod@format),
//! [`markdown`], [`appearance`], [`jobs`], [`palette`] -> [`validate`], [`schema`] ->
//! [`library`], [`codebook`] -> [`notes`] -> [`authoring`], [`compare`], [`search`],
//! [`agreement`], [`export`], [`refi`] -> [`workspace`] -> [`cli`], [`ui`]. Only [`ui`] names
//! egui; it reads the workspace and turns user actions into calls on it
//! (`tests/core/architecture.rs` keeps it so).

pub mod agreement;
pub mod appearance;
pub mod authoring;
pub mod cli;
pub mod codebook;
pub mod compare;
pub mod document;
pub mod export;
pub mod format;
pub mod jobs;
pub mod library;
pub mod markdown;
pub mod notes;
pub mod palette;
pub mod platform;
pub mod refi;
pub mod schema;
pub mod search;
#[cfg(test)]
mod test_support;
pub mod ui;
pub mod validate;
pub mod workspace;
