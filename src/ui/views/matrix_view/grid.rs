//! The matrix's heatmap: cases by codes with a total column, the code headers pinned to the
//! top and the case names to the left while the body scrolls; a click selects a cell.

use egui::{Align2, Color32, Pos2, Rect, Sense, Stroke, StrokeKind, TextStyle, Ui};
use egui::{pos2, vec2};

use crate::codebook::Codebook;
use crate::compare::matrix::Matrix;
use crate::format::Case;
use crate::ui::theme;

/// A cell of the grid: a row, and a code column (`None` for the row's total).
pub type CellRef = (usize, Option<usize>);

/// The heatmap with its code header row and case column pinned while the body scrolls.
pub struct Grid<'a> {
    pub m: &'a Matrix,
    /// Shown code columns (indices into `m.codes`).
    pub cols: &'a [usize],
    /// The rows' cases.
    pub cases: &'a [&'a Case],
    /// Labels and colours of the codes.
    pub codebook: &'a Codebook,
    pub max: usize,
    /// Width of the case column and of a code column ([`Grid::widths`]).
    pub widths: (f32, f32),
}

impl Grid<'_> {
    /// The case column's and a code column's widths in `ui`: a code column at least as wide as
    /// the longest word of any header (so "Complementary" never breaks inside a word at any
    /// scale or font); the case column as wide as the longest title, up to two fifths of the
    /// view.
    pub fn widths(
        ui: &Ui,
        m: &Matrix,
        cols: &[usize],
        cases: &[&Case],
        book: &Codebook,
    ) -> (f32, f32) {
        let width_of = |text: &str, style: TextStyle| {
            ui.painter()
                .layout_no_wrap(text.to_owned(), style.resolve(ui.style()), Color32::WHITE)
                .size()
                .x
        };
        let longest_word = cols
            .iter()
            .map(|&c| book.label(&m.codes[c]))
            .chain(["Total"])
            .flat_map(str::split_whitespace)
            .map(|w| width_of(w, TextStyle::Small))
            .fold(0.0, f32::max);
        let cell = theme::MATRIX_CELL_WIDTH.max(longest_word + 8.0);
        let widest_title = cases
            .iter()
            .map(|c| width_of(&c.title, TextStyle::Body))
            .fold(0.0, f32::max);
        // The case names take up to two fifths of the view; the code columns scroll.
        let room = (ui.available_width() * 0.4).max(theme::MATRIX_CASE_WIDTH);
        let case = (widest_title + 8.0).clamp(theme::MATRIX_CASE_WIDTH, room);
        (case, cell)
    }

    /// Left edge of shown column `i` (0 is the total), relative to the content.
    fn col_x(&self, i: usize) -> f32 {
        let (case, cell) = self.widths;
        case + theme::MATRIX_GAP + i as f32 * (cell + theme::MATRIX_GAP)
    }

    /// Top edge of row `r`, relative to the content.
    fn row_y(r: usize) -> f32 {
        theme::MATRIX_HEADER_HEIGHT
            + theme::MATRIX_GAP
            + r as f32 * (theme::MATRIX_ROW_HEIGHT + theme::MATRIX_GAP)
    }

    /// Draws the grid; returns the cell clicked this frame.
    pub fn ui(&self, ui: &mut Ui, selected: Option<CellRef>) -> Option<CellRef> {
        let size = vec2(
            self.col_x(self.cols.len() + 1),
            Self::row_y(self.m.cases.len()),
        );
        egui::ScrollArea::both()
            .id_salt("matrix")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let (content, _) = ui.allocate_exact_size(size, Sense::hover());
                let visible = viewport.translate(content.min.to_vec2());
                let body = Rect::from_min_max(
                    visible.min + vec2(self.widths.0, theme::MATRIX_HEADER_HEIGHT),
                    visible.max,
                );
                let clicked = self.cells_ui(ui, content.min, body, selected);
                self.header_ui(ui, content.min, visible);
                self.case_column_ui(ui, content.min, visible);
                clicked
            })
            .inner
    }

    fn cells_ui(
        &self,
        ui: &mut Ui,
        origin: Pos2,
        body: Rect,
        selected: Option<CellRef>,
    ) -> Option<CellRef> {
        let mut clicked = None;
        let cells = std::iter::once(None).chain(self.cols.iter().copied().map(Some));
        for (i, col) in cells.enumerate() {
            for r in 0..self.m.cases.len() {
                let rect = Rect::from_min_size(
                    origin + vec2(self.col_x(i), Self::row_y(r)),
                    vec2(self.widths.1, theme::MATRIX_ROW_HEIGHT),
                );
                if !rect.intersects(body) {
                    continue;
                }
                if self.cell_ui(ui, rect, body, (r, col), selected == Some((r, col))) {
                    clicked = Some((r, col));
                }
            }
        }
        clicked
    }

    /// One cell; true when clicked.
    fn cell_ui(
        &self,
        ui: &mut Ui,
        rect: Rect,
        body: Rect,
        (r, col): CellRef,
        is_selected: bool,
    ) -> bool {
        let count = col.map_or_else(|| self.m.row_total(r), |c| self.m.count(r, c));
        let fill = if count == 0 {
            ui.visuals().faint_bg_color
        } else {
            theme::heat(count as f32 / self.max as f32)
        };
        let painter = ui.painter().with_clip_rect(body);
        painter.rect_filled(rect, 3, fill);
        if is_selected {
            painter.rect_stroke(
                rect,
                3,
                Stroke::new(2.0, theme::FOCUS_BG),
                StrokeKind::Inside,
            );
        }
        if count > 0 {
            let font = TextStyle::Body.resolve(ui.style());
            let text = count.to_string();
            let text = if col.is_none() {
                format!("Σ {text}")
            } else {
                text
            };
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                text,
                font,
                theme::text_on(fill),
            );
        }
        let case = &self.cases[r].title;
        let code = col.map_or("Total", |c| self.codebook.label(&self.m.codes[c]));
        let label = format!("{case} x {code}: {count}");
        let response = ui.interact(
            rect.intersect(body),
            ui.make_persistent_id(("matrix-cell", r, col)),
            Sense::click(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        response
            .on_hover_text(if self.m.counts_authors() {
                format!("{count} author(s) used it; click for their highlights")
            } else {
                format!("{count} coded unit(s); click for the evidence")
            })
            .clicked()
    }

    /// The code headers, pinned to the top of the visible area.
    fn header_ui(&self, ui: &mut Ui, origin: Pos2, visible: Rect) {
        let band = Rect::from_min_size(
            visible.min,
            vec2(visible.width(), theme::MATRIX_HEADER_HEIGHT),
        );
        ui.painter().rect_filled(band, 0, ui.visuals().panel_fill);
        let clip = Rect::from_min_max(band.min + vec2(self.widths.0, 0.0), band.max);
        let book = self.codebook;
        let total = (
            "Total".to_owned(),
            "Every coded unit of the family, each once".to_owned(),
            None,
        );
        let heads = std::iter::once(total).chain(self.cols.iter().map(|&c| {
            let id = &self.m.codes[c];
            let entry = book.entry(id);
            let parent = entry.is_some_and(|e| !e.children.is_empty());
            let hover = if parent {
                format!(
                    "{} ({id}); counts every unit under it once",
                    book.path_label(id)
                )
            } else {
                format!("{} ({id})", book.path_label(id))
            };
            (
                book.label(id).to_owned(),
                hover,
                Some(theme::code_color(book.color(id))),
            )
        }));
        for (i, (label, hover, swatch)) in heads.enumerate() {
            let rect = Rect::from_min_size(
                pos2(origin.x + self.col_x(i), visible.min.y),
                vec2(self.widths.1, theme::MATRIX_HEADER_HEIGHT),
            );
            if rect.intersects(clip) {
                header_cell_ui(ui, rect, clip, &label, &hover, swatch);
            }
        }
    }

    /// The case names, pinned to the left of the visible area.
    fn case_column_ui(&self, ui: &mut Ui, origin: Pos2, visible: Rect) {
        let band = Rect::from_min_size(visible.min, vec2(self.widths.0, visible.height()));
        ui.painter().rect_filled(band, 0, ui.visuals().panel_fill);
        let clip = Rect::from_min_max(band.min + vec2(0.0, theme::MATRIX_HEADER_HEIGHT), band.max);
        let font = TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().text_color();
        for (r, case) in self.cases.iter().enumerate() {
            let rect = Rect::from_min_size(
                pos2(visible.min.x, origin.y + Self::row_y(r)),
                vec2(self.widths.0 - theme::MATRIX_GAP, theme::MATRIX_ROW_HEIGHT),
            );
            if !rect.intersects(clip) {
                continue;
            }
            let mut job =
                egui::text::LayoutJob::simple_singleline(case.title.clone(), font.clone(), color);
            job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 4.0);
            let galley = ui.painter().layout_job(job);
            let pos = pos2(rect.left() + 2.0, rect.center().y - galley.size().y / 2.0);
            ui.painter().with_clip_rect(clip).galley(pos, galley, color);
            let response = ui.interact(
                rect.intersect(clip),
                ui.make_persistent_id(("matrix-case", r)),
                Sense::hover(),
            );
            let title = case.title.clone();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &title));
            response.on_hover_text(&case.title);
        }
        let corner = Rect::from_min_size(
            visible.min,
            vec2(self.widths.0, theme::MATRIX_HEADER_HEIGHT),
        );
        ui.painter().rect_filled(corner, 0, ui.visuals().panel_fill);
        ui.painter().text(
            corner.left_bottom() + vec2(2.0, -6.0),
            Align2::LEFT_BOTTOM,
            "Case \\ code",
            TextStyle::Small.resolve(ui.style()),
            ui.visuals().weak_text_color(),
        );
    }
}

/// One code header: the label wrapped by words, bottom-aligned, over the code's colour.
fn header_cell_ui(
    ui: &mut Ui,
    rect: Rect,
    clip: Rect,
    label: &str,
    hover: &str,
    swatch: Option<Color32>,
) {
    // Laid out by hand: a wrapped label in a fixed cell wraps by words, where add_sized would
    // squeeze it letter by letter.
    let font = TextStyle::Small.resolve(ui.style());
    let color = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout(label.to_owned(), font, color, rect.width() - 4.0);
    let painter = ui.painter().with_clip_rect(clip.intersect(rect));
    let bottom = rect.bottom() - theme::MATRIX_SWATCH_HEIGHT - 2.0;
    painter.galley(
        pos2(rect.left() + 2.0, bottom - galley.size().y),
        galley,
        color,
    );
    if let Some(fill) = swatch {
        let strip = Rect::from_min_max(
            pos2(rect.left(), rect.bottom() - theme::MATRIX_SWATCH_HEIGHT),
            rect.right_bottom(),
        );
        painter.rect_filled(strip, 1, fill);
    }
    let response = ui.interact(
        rect.intersect(clip),
        ui.make_persistent_id(("matrix-head", label)),
        Sense::hover(),
    );
    let text = label.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, &text));
    response.on_hover_text(hover);
}
