//! Drawing only what is in sight in a long grid or list inside a scroll area: a row out of
//! sight takes its place (at the size it had when last drawn) without its text being laid
//! out. Laying out hundreds of new labels at once made the first frame of a large class's
//! views the slowest of a session; laid out, they still cost every frame.

use egui::Ui;

/// True when `height` points from the cursor down are out of the visible area.
pub fn out_of_sight(ui: &Ui, height: f32) -> bool {
    let top = ui.cursor().top();
    !ui.clip_rect()
        .y_range()
        .intersects(egui::Rangef::new(top, top + height))
}

/// The sizes a grid's rows took when last in sight, so rows out of sight keep their place
/// and the columns keep their widths while scrolling.
#[derive(Debug, Clone, Copy)]
pub struct GridSizes<const N: usize> {
    /// Widest cell seen in each column.
    widths: [f32; N],
    /// Tallest row seen.
    row: f32,
}

impl<const N: usize> Default for GridSizes<N> {
    fn default() -> Self {
        Self {
            widths: [0.0; N],
            row: 0.0,
        }
    }
}

impl<const N: usize> GridSizes<N> {
    /// Notes the size of a drawn cell of `column`.
    pub fn saw(&mut self, column: usize, response: &egui::Response) {
        if let Some(w) = self.widths.get_mut(column) {
            *w = w.max(response.rect.width());
        }
        self.row = self.row.max(response.rect.height());
    }

    /// The height of a row: the tallest seen, at least a line of text.
    pub fn row_height(&self, ui: &Ui) -> f32 {
        self.row.max(ui.text_style_height(&egui::TextStyle::Body))
    }

    /// Draws the next grid row with `row` when it is in sight; else takes its place (the row
    /// height, each column at its width seen) and ends the row.
    pub fn row(&mut self, ui: &mut Ui, row: impl FnOnce(&mut Ui, &mut Self)) {
        let height = self.row_height(ui);
        if out_of_sight(ui, height) {
            for (column, width) in self.widths.iter().enumerate() {
                let tall = if column == 0 { height } else { 0.0 };
                ui.allocate_exact_size(egui::vec2(*width, tall), egui::Sense::hover());
            }
        } else {
            row(ui, self);
        }
        ui.end_row();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_out_of_sight_keep_their_place_without_being_drawn() {
        let ctx = egui::Context::default();
        let mut sizes = GridSizes::<2>::default();
        let mut drawn = Vec::new();
        let mut bottom = [0.0; 2];
        for bottom in &mut bottom {
            drawn.clear();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                egui::ScrollArea::vertical()
                    .max_height(100.0)
                    .show(ui, |ui| {
                        egui::Grid::new("rows").show(ui, |ui| {
                            for i in 0..200 {
                                sizes.row(ui, |ui, sizes| {
                                    drawn.push(i);
                                    let r = ui.label(format!("row {i}"));
                                    sizes.saw(0, &r);
                                    let r = ui.label("a second cell");
                                    sizes.saw(1, &r);
                                });
                            }
                        });
                        *bottom = ui.min_rect().bottom();
                    });
            });
            // The fonts' texture is not uploaded anywhere here.
            output.textures_delta.clear();
        }
        assert!(!drawn.is_empty() && drawn.len() < 20, "{drawn:?}");
        assert_eq!(drawn[0], 0, "the rows at the top");
        assert!(
            (bottom[1] - bottom[0]).abs() < 0.5 && bottom[1] > 200.0 * sizes.row,
            "every row takes its place: {bottom:?}"
        );
    }
}
