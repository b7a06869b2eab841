//! One file per screen or panel.

pub mod case_view;
pub mod library_view;
pub mod problems_view;
