//! Cases side by side: one column per case, one row per dimension, sticky header and
//! dimension column, typed cells, evidence on hover, click to open the passage. The columns
//! share the window's width; which cases and rows are shown is decided by
//! [`Workspace::comparison`] and [`Workspace::row_filter`], the rules of `caselens compare`.
//!
//! Its parts: `header` (toolbar, case titles) and `cells` (cells, dimension column), both over
//! `table` (what they read); this file puts them together.

mod cells;
mod header;
mod table;

use std::sync::Arc;

use egui::{Align, Color32, Layout, Rect, RichText, Sense, Ui, UiBuilder, pos2, vec2};

use crate::compare::{Comparison, GroupRows, Row};
use crate::format::Framework;
use crate::ui::theme;
use crate::ui::widgets::text_dialog::{Outcome, TextDialog};
use crate::workspace::{Action, Edit, Workspace};
use cells::{cell_interaction, cells_ui, dim_texts};
use header::{header_ui, toolbar_ui};
use table::{
    DIM_WIDTH, GROUP_HEIGHT, Geometry, HEADER_HEIGHT, MIN_COL_WIDTH, NoteDraft, PAD, Table,
};

/// A comparison as built, or why it could not be.
type Built = Arc<Result<Comparison, String>>;

/// Cached comparison and measured row heights.
#[derive(Default)]
pub struct CompareView {
    /// Shared, so a frame takes it without copying every cell (the table borrows the view).
    cache: Option<(u64, Vec<String>, Built)>,
    row_heights: std::collections::HashMap<String, f32>,
    note_draft: Option<NoteDraft>,
}

impl CompareView {
    /// The comparison for the workspace's selection, rebuilt only when it changes.
    pub fn comparison(&mut self, ws: &Workspace) -> Built {
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|(g, sel, _)| *g == ws.generation && *sel == ws.compare);
        if !fresh {
            let built = ws.comparison().map_err(|e| format!("Cannot compare: {e}."));
            self.cache = Some((ws.generation, ws.compare.clone(), Arc::new(built)));
        }
        match &self.cache {
            Some((_, _, result)) => Arc::clone(result),
            None => unreachable!("just filled"),
        }
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        self.note_ui(ui.ctx(), actions);
        egui::CentralPanel::default().show(ui, |ui| {
            toolbar_ui(ui, ws, actions);
            ui.separator();
            if !ws.can_compare() {
                ui.label("Tick two to eight cases in the library (or use \"Compare with…\" in the reader) to see them side by side.");
                if ws.compare.len() == 1 {
                    ui.label(RichText::new(format!("Selected: {}", ws.compare[0])).weak());
                }
                return;
            }
            match &*self.comparison(ws) {
                Err(message) => {
                    ui.label(RichText::new(message).color(crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Warning)));
                }
                Ok(cmp) => {
                    if let Some(fw) = ws.library.framework(&cmp.framework) {
                        self.table_ui(ui, cmp, fw, ws, actions);
                    }
                }
            }
        });
    }

    fn table_ui(
        &mut self,
        ui: &mut Ui,
        cmp: &Comparison,
        fw: &Framework,
        ws: &Workspace,
        actions: &mut Vec<Action>,
    ) {
        let n = cmp.cases.len().max(1) as f32;
        // Columns share the width the window has; below the minimum the table scrolls.
        let col_width = ((ui.available_width() - DIM_WIDTH - 16.0) / n).max(MIN_COL_WIDTH);
        egui::ScrollArea::both()
            .id_salt("compare-table")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.min_rect().min;
                let table = Table {
                    cmp,
                    fw,
                    book: ws.codebook(&cmp.framework),
                    ws,
                    geo: Geometry {
                        origin,
                        visible: viewport.translate(origin.to_vec2()),
                        col_width,
                        total_width: DIM_WIDTH + col_width * n,
                    },
                };
                let mut y = HEADER_HEIGHT;
                for group in &cmp.groups {
                    y = self.group_ui(ui, &table, group, y, actions);
                }
                ui.allocate_rect(
                    Rect::from_min_size(origin, vec2(table.geo.total_width, y + PAD)),
                    Sense::hover(),
                );
                header_ui(ui, &table, actions);
            });
    }

    /// A group's header and rows, from `y`; returns the `y` below it.
    fn group_ui(
        &mut self,
        ui: &mut Ui,
        t: &Table<'_>,
        group: &GroupRows,
        mut y: f32,
        actions: &mut Vec<Action>,
    ) -> f32 {
        let filter = t.ws.row_filter();
        let collapsed = t.ws.compare_options.collapsed.contains(&group.id);
        let rows: Vec<&Row> = group.rows.iter().filter(|r| filter.keeps(r)).collect();
        // Group header, sticky on the left like the dimension column.
        let header_rect = Rect::from_min_size(
            pos2(t.geo.visible.min.x, t.geo.origin.y + y),
            vec2(t.geo.visible.width().min(t.geo.total_width), GROUP_HEIGHT),
        );
        let arrow = if collapsed { "+" } else { "-" };
        let text = format!("{arrow} {} ({} rows)", group.title, rows.len());
        let clicked = ui
            .scope_builder(
                UiBuilder::new()
                    .max_rect(header_rect)
                    .layout(Layout::left_to_right(Align::Center)),
                |ui| {
                    ui.add(
                        egui::Button::new(RichText::new(text).strong().size(theme::GROUP_SIZE))
                            .frame(false),
                    )
                    .on_hover_text("Collapse or expand the group")
                    .clicked()
                },
            )
            .inner;
        if clicked {
            actions.push(Action::ToggleGroup(group.id.clone()));
        }
        y += GROUP_HEIGHT;
        if !collapsed {
            for (ri, row) in rows.iter().enumerate() {
                y += self.row_ui(ui, t, row, ri % 2 == 1, y, actions);
            }
        }
        y
    }

    /// One row at `y`; returns its height.
    fn row_ui(
        &mut self,
        ui: &mut Ui,
        t: &Table<'_>,
        row: &Row,
        striped: bool,
        y: f32,
        actions: &mut Vec<Action>,
    ) -> f32 {
        let known = self.row_heights.get(&row.dimension).copied();
        let top = t.geo.origin.y + y;
        // Rows far outside the viewport are not laid out: their measured height, or until they
        // come near it, the measured rows' average. Measuring every row in the view's first
        // frame took 10-12 ms for three cases of 33 dimensions, most of them out of sight.
        let height = known.unwrap_or_else(|| self.estimated_row_height(ui));
        if far_from(t.geo.visible, top, height) {
            return height;
        }
        let stripe_idx = ui.painter().add(egui::Shape::Noop);
        let height = cells_ui(ui, t, row, top);
        // The whole cell is the hover/click target for its evidence.
        for (ci, cell) in row.cells.iter().enumerate() {
            let rect =
                Rect::from_min_size(pos2(t.geo.col_x(ci), top), vec2(t.geo.col_width, height));
            if let Some(draft) = cell_interaction(ui, rect, t, row, cell, actions) {
                self.note_draft = Some(draft);
            }
        }
        let bg = ui.visuals().panel_fill;
        let stripe = ui.visuals().faint_bg_color;
        if striped {
            let row_rect =
                Rect::from_min_size(pos2(t.geo.origin.x, top), vec2(t.geo.total_width, height));
            ui.painter()
                .set(stripe_idx, egui::Shape::rect_filled(row_rect, 0.0, stripe));
        }
        // Sticky dimension label.
        let dim_rect = Rect::from_min_size(pos2(t.geo.visible.min.x, top), vec2(DIM_WIDTH, height));
        ui.painter()
            .rect_filled(dim_rect, 0.0, if striped { blend(bg, stripe) } else { bg });
        ui.scope_builder(UiBuilder::new().max_rect(dim_rect.shrink(PAD)), |ui| {
            for text in dim_texts(ui.visuals(), row) {
                ui.label(text);
            }
        });
        if known != Some(height) {
            self.row_heights.insert(row.dimension.clone(), height);
            ui.ctx().request_repaint();
        }
        height
    }

    /// The height taken for a row not yet measured: the measured rows' average, or three lines
    /// of text before any is.
    fn estimated_row_height(&self, ui: &Ui) -> f32 {
        if self.row_heights.is_empty() {
            3.0 * ui.text_style_height(&egui::TextStyle::Body) + 2.0 * PAD
        } else {
            self.row_heights.values().sum::<f32>() / self.row_heights.len() as f32
        }
    }

    /// The cell note being written, when something typed in it would be lost.
    pub fn pending(&self) -> Option<crate::workspace::unsaved::Pending> {
        let draft = self.note_draft.as_ref().filter(|d| d.text.is_dirty())?;
        Some(crate::workspace::unsaved::Pending {
            name: format!("A note on a cell ({})", draft.label),
            save: note_edit(draft),
        })
    }

    /// Closes the cell-note dialog (its text was saved or discarded by the quit question).
    pub fn clear_pending(&mut self) {
        self.note_draft = None;
    }

    fn note_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(draft) = &mut self.note_draft else {
            return;
        };
        let dialog = TextDialog {
            id: "cell-note",
            title: "Note on a cell",
            context: &draft.label,
            field: "Cell note",
            save: "Save note",
            allow_empty: false,
        };
        match dialog.show(ctx, &mut draft.text) {
            Outcome::Open => {}
            Outcome::Save => {
                actions.push(Action::Edit(note_edit(draft)));
                self.note_draft = None;
            }
            Outcome::Close => self.note_draft = None,
        }
    }
}

/// What saving a cell note does: update the note it edits, or add one on the cell.
fn note_edit(draft: &NoteDraft) -> Edit {
    match &draft.id {
        Some(id) => Edit::UpdateItem {
            id: id.clone(),
            text: Some(draft.text.text.clone()),
            title: None,
            codes: None,
        },
        None => Edit::AddNote {
            case: draft.case.clone(),
            dimension: Some(draft.dimension.clone()),
            text: draft.text.text.clone(),
        },
    }
}

/// True when a row at `top`, `height` tall, is more than 200 px outside `visible`: it is not
/// laid out this frame.
fn far_from(visible: Rect, top: f32, height: f32) -> bool {
    top + height < visible.min.y - 200.0 || top > visible.max.y + 200.0
}

fn blend(a: Color32, b: Color32) -> Color32 {
    if b == Color32::TRANSPARENT { a } else { b }
}

/// A fixed id for a modal.
pub fn ui_id(name: &str) -> egui::Id {
    egui::Id::unique(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_near_the_view_are_laid_out_and_far_ones_are_not() {
        let visible = Rect::from_min_max(pos2(0.0, 1000.0), pos2(800.0, 1500.0));
        assert!(!far_from(visible, 1200.0, 40.0), "in sight");
        assert!(!far_from(visible, 1650.0, 40.0), "within 200 px below");
        assert!(!far_from(visible, 780.0, 40.0), "within 200 px above");
        assert!(far_from(visible, 1750.0, 40.0), "beyond 200 px below");
        assert!(far_from(visible, 700.0, 40.0), "beyond 200 px above");
        // A tall row reaching into sight from above is laid out.
        assert!(!far_from(visible, 500.0, 600.0));
    }
}
