//! What every part of the comparison table reads: the comparison, its framework and
//! codebook, the workspace, and where the table is drawn this frame; and a cell note being
//! written.

use egui::{Pos2, Rect};

use crate::compare::Comparison;
use crate::format::Framework;
use crate::ui::theme;
use crate::ui::widgets::text_dialog::TextDraft;
use crate::workspace::Workspace;

pub use theme::{
    COMPARE_DIM_WIDTH as DIM_WIDTH, COMPARE_GROUP_HEIGHT as GROUP_HEIGHT,
    COMPARE_HEADER_HEIGHT as HEADER_HEIGHT, COMPARE_MIN_COL_WIDTH as MIN_COL_WIDTH,
    COMPARE_PAD as PAD,
};

/// A cell note being written.
#[derive(Debug, Clone)]
pub struct NoteDraft {
    /// The note being edited, or `None` for a new one.
    pub(super) id: Option<String>,
    pub(super) case: String,
    pub(super) dimension: String,
    pub(super) label: String,
    pub(super) text: TextDraft,
}

/// Where the table is drawn this frame.
pub struct Geometry {
    pub(super) origin: Pos2,
    pub(super) visible: Rect,
    pub(super) col_width: f32,
    pub(super) total_width: f32,
}

impl Geometry {
    /// Left edge of case column `col`.
    pub fn col_x(&self, col: usize) -> f32 {
        self.origin.x + DIM_WIDTH + self.col_width * col as f32
    }
}

/// What every part of the table reads.
pub struct Table<'a> {
    pub(super) cmp: &'a Comparison,
    pub(super) fw: &'a Framework,
    pub(super) book: std::sync::Arc<crate::codebook::Codebook>,
    pub(super) ws: &'a Workspace,
    pub(super) geo: Geometry,
}
