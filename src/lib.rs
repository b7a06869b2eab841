//! Caselens: load, compare and annotate structured business case studies.
//!
//! Pure modules (no GUI): [`format`] (the file formats), [`validate`] (checks beyond types),
//! [`library`] (loading files and folders), [`jobs`] (background work), [`cli`] (the command line). The egui front end
//! lives in [`ui`] and only reads this state and turns user actions into calls on it.

pub mod agreement;
pub mod appearance;
pub mod class;
pub mod cli;
pub mod codebook;
pub mod compare;
pub mod document;
pub mod export;
pub mod format;
pub mod jobs;
pub mod lesson;
pub mod library;
pub mod markdown;
pub mod notes;
pub mod palette;
pub mod retrieve;
pub mod schema;
pub mod search;
#[cfg(test)]
mod test_support;
pub mod ui;
pub mod validate;
pub mod workspace;
