//! Cases by codes: a heatmap of coded units with sticky code headers and case names, the
//! evidence behind a cell, and a bar chart of the same counts.

use std::sync::Arc;

use egui::{Align2, Color32, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, TextStyle, Ui};
use egui::{pos2, vec2};
use egui_plot::{Bar, BarChart, Plot};

use crate::class::{ClassAction, Coder, MatrixCount};
use crate::codebook::Codebook;
use crate::compare::matrix::{self, Matrix, Unit, UnitOrigin};
use crate::format::NotesFile;
use crate::format::{Case, Framework};
use crate::ui::layout::{self, SideSlot};
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::evidence::{EvidenceRef, Style, evidence_ui};
use crate::workspace::{Action, Workspace};

/// What the cached matrix was built from (the last part: the class choice's revision).
type CacheKey = (u64, u64, Vec<String>, String, u64);

/// A cell of the grid: a row, and a code column (`None` for the row's total).
type CellRef = (usize, Option<usize>);

/// Selected cell, the "hide empty codes" toggle and the cached matrix.
#[derive(Default)]
pub struct MatrixView {
    selected: Option<CellRef>,
    /// Show columns without codings in the scope (off by default: they are hidden).
    show_empty: bool,
    cache: Option<(CacheKey, Matrix)>,
    /// Whether the chart and evidence panel shows this frame (the app decides, by the width).
    pub side: SideSlot,
    /// Set when a cell was clicked while the panel is collapsed: the app opens it.
    pub wants_side: bool,
}

/// What one frame of the view reads.
struct Scope<'a> {
    fw: &'a Framework,
    cases: Vec<&'a Case>,
    codebook: Arc<Codebook>,
    /// The shown authors (layers, and yours when they count).
    coders: &'a [Coder<'a>],
    /// What the cells count.
    count: &'a MatrixCount,
}

impl MatrixView {
    /// Draws the view.
    /// `coders` are the shown layers' authors (the count switch offers them).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        coders: &[Coder<'_>],
        actions: &mut Vec<Action>,
    ) {
        let cases = ws.scope_cases();
        let Some(fw) = cases
            .first()
            .and_then(|c| ws.library.framework(&c.framework))
        else {
            egui::CentralPanel::default().show(ui, |ui| ui.label("No cases loaded."));
            return;
        };
        let scope = Scope {
            fw,
            cases: cases.into_iter().filter(|c| c.framework == fw.id).collect(),
            codebook: ws.codebook(&fw.id),
            coders,
            count: &ws.class.matrix_count,
        };
        self.refresh(ws, &scope);
        let Some((_, m)) = self.cache.take() else {
            return;
        };
        if self.side.shown {
            egui::Panel::right("matrix-side")
                .resizable(true)
                .default_size(theme::MATRIX_EVIDENCE_WIDTH)
                .max_size(layout::max_panel_width(
                    ui.available_width(),
                    self.side.main_min,
                ))
                .show(ui, |ui| self.side_ui(ui, &m, &scope, actions));
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &m, &scope, actions));
        self.cache = self.cache.take().or(Some((cache_key(ws), m)));
    }

    /// Rebuilds the matrix when the library, the notes, the scope or the family changed.
    fn refresh(&mut self, ws: &Workspace, scope: &Scope<'_>) {
        let key = cache_key(ws);
        if self.cache.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let book = &scope.codebook;
        // Presenting leaves the user's own highlights out unless shown.
        let notes = (!ws.present.hides_private()).then(|| ws.notebook.file());
        let chosen = book.families().iter().any(|f| f.id == ws.matrix_family);
        let family = if chosen {
            ws.matrix_family.clone()
        } else {
            matrix::default_family(book, scope.fw, &scope.cases, notes).unwrap_or_default()
        };
        let m = build(scope, notes, &family);
        self.cache = Some((key, m));
        self.selected = None;
    }

    fn side_ui(&mut self, ui: &mut Ui, m: &Matrix, scope: &Scope<'_>, actions: &mut Vec<Action>) {
        ui.heading(if m.counts_authors() {
            "Authors per case"
        } else {
            "Coded units per case"
        });
        bar_chart_ui(ui, m, scope);
        ui.separator();
        let Some((r, c)) = self
            .selected
            .filter(|(r, c)| *r < m.cases.len() && c.is_none_or(|c| c < m.codes.len()))
        else {
            ui.label("Click a cell to see the evidence behind it.");
            return;
        };
        let case = scope.cases[r];
        let (what, units): (&str, Vec<&Unit>) = match c {
            Some(c) => (
                scope.codebook.path_label(&m.codes[c]),
                m.units(r, c).collect(),
            ),
            None => (
                scope.codebook.family_label(&m.family),
                m.row_units(r).iter().collect(),
            ),
        };
        ui.label(
            RichText::new(if m.counts_authors() {
                let n = c.map_or_else(|| m.row_total(r), |c| m.count(r, c));
                format!(
                    "{} x {what}: {n} author(s), {} highlight(s)",
                    case.title,
                    units.len()
                )
            } else {
                format!("{} x {what}: {} coded unit(s)", case.title, units.len())
            })
            .strong(),
        );
        egui::ScrollArea::vertical()
            .id_salt("matrix-units")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for unit in units {
                    unit_ui(ui, case, unit, &scope.codebook, actions);
                }
            });
    }

    fn central_ui(
        &mut self,
        ui: &mut Ui,
        m: &Matrix,
        scope: &Scope<'_>,
        actions: &mut Vec<Action>,
    ) {
        let book = &scope.codebook;
        // Wrapped, so the family picker stays in a narrow window.
        ui.horizontal_wrapped(|ui| {
            ui.heading("Matrix");
            let label = ui.label("Code family");
            egui::ComboBox::from_id_salt("matrix-family")
                .selected_text(family_text(book, &m.family))
                .show_ui(ui, |ui| {
                    for f in book.families() {
                        let text = family_text(book, &f.id);
                        if ui.selectable_label(f.id == m.family, text).clicked() {
                            actions.push(Action::SetMatrixFamily(f.id.clone()));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            let mut hide = !self.show_empty;
            if ui
                .checkbox(&mut hide, "Hide empty codes")
                .on_hover_text("Hide the codes that no case in the scope carries")
                .changed()
            {
                self.show_empty = !hide;
            }
            count_ui(ui, scope, actions);
        });
        let cols: Vec<usize> = if self.show_empty {
            (0..m.codes.len()).collect()
        } else {
            m.nonempty_columns()
        };
        let unit = if m.counts_authors() {
            matrix::AUTHORS_COUNTING_UNIT
        } else {
            matrix::COUNTING_UNIT
        };
        ui.add(egui::Label::new(RichText::new(unit).small().weak()).wrap());
        let hidden = m.codes.len() - cols.len();
        if hidden > 0 {
            ui.label(
                RichText::new(format!(
                    "{hidden} code(s) of this family have no codings in these cases and are hidden."
                ))
                .small()
                .weak(),
            );
        }
        let grid = Grid {
            m,
            cols: &cols,
            scope,
            max: m.max_count().max(1),
        };
        if let Some(clicked) = grid.ui(ui, self.selected) {
            self.selected = Some(clicked);
            // The evidence shows in the side panel: open it if it is collapsed.
            self.wants_side = !self.side.shown;
        }
    }
}

fn cache_key(ws: &Workspace) -> CacheKey {
    (
        ws.generation,
        ws.notebook.revision,
        ws.compare.clone(),
        ws.matrix_family.clone(),
        ws.class.revision,
    )
}

/// The matrix as the class choice asks: your units, one author's, or the authors per code.
fn build(scope: &Scope<'_>, notes: Option<&NotesFile>, family: &str) -> Matrix {
    let book = &scope.codebook;
    match scope.count {
        MatrixCount::Authors if !scope.coders.is_empty() => {
            let coders: Vec<(&str, &NotesFile)> =
                scope.coders.iter().map(|c| (c.author, c.notes)).collect();
            matrix::build_authors(book, &scope.cases, &coders, family)
        }
        MatrixCount::Author(key) => {
            let notes = scope
                .coders
                .iter()
                .find(|c| c.key == key)
                .map(|c| c.notes)
                .or(notes);
            matrix::build_with(book, scope.fw, &scope.cases, notes, family)
        }
        MatrixCount::Yours | MatrixCount::Authors => {
            matrix::build_with(book, scope.fw, &scope.cases, notes, family)
        }
    }
}

/// What the matrix counts: a switch shown when layers are shown.
fn count_ui(ui: &mut Ui, scope: &Scope<'_>, actions: &mut Vec<Action>) {
    let (current, coders) = (scope.count, scope.coders);
    if coders.is_empty() {
        return;
    }
    let text = |count: &MatrixCount| match count {
        MatrixCount::Yours => "Your coded units".to_owned(),
        MatrixCount::Authors => "Authors who used each code".to_owned(),
        MatrixCount::Author(key) => coders.iter().find(|c| c.key == key).map_or_else(
            || "Your coded units".to_owned(),
            |c| format!("Units of {}", c.author),
        ),
    };
    let label = ui.label("Count");
    egui::ComboBox::from_id_salt("matrix-count")
        .selected_text(text(current))
        .show_ui(ui, |ui| {
            let mut options = vec![MatrixCount::Yours, MatrixCount::Authors];
            options.extend(coders.iter().map(|c| MatrixCount::Author(c.key.to_owned())));
            for option in options {
                if ui
                    .selectable_label(*current == option, text(&option))
                    .clicked()
                {
                    actions.push(Action::Class(ClassAction::SetMatrixCount(option)));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

fn family_text(book: &Codebook, family: &str) -> String {
    let label = book.family_label(family);
    if label == family || family == crate::codebook::USER_FAMILY {
        label.to_owned()
    } else {
        format!("{label} ({family})")
    }
}

/// One counted unit: what it is, then each piece of evidence (passages open in the reader).
fn unit_ui(ui: &mut Ui, case: &Case, unit: &Unit, book: &Codebook, actions: &mut Vec<Action>) {
    let heading = match &unit.author {
        Some(author) => format!("Highlight by {author}"),
        None => unit.origin.heading(),
    };
    ui.label(RichText::new(heading).small().strong());
    ui.horizontal_wrapped(|ui| {
        for code in &unit.codes {
            let fill = theme::code_color(book.color(code));
            chip_ui(ui, book.label(code), fill, Some(book.path_label(code)));
        }
    });
    if let UnitOrigin::Highlight {
        comment: Some(text),
        ..
    } = &unit.origin
    {
        ui.label(RichText::new(text).small().italics());
    }
    let pieces: Vec<EvidenceRef<'_>> = unit.evidence.iter().map(EvidenceRef::from).collect();
    evidence_ui(ui, case, &pieces, Style::Full, actions);
    if unit.evidence.is_empty() {
        ui.label(RichText::new("(no evidence recorded)").small().weak());
    }
    ui.add_space(6.0);
}

/// The heatmap with its code header row and case column pinned while the body scrolls.
struct Grid<'a> {
    m: &'a Matrix,
    /// Shown code columns (indices into `m.codes`).
    cols: &'a [usize],
    scope: &'a Scope<'a>,
    max: usize,
}

impl Grid<'_> {
    /// Left edge of shown column `i` (0 is the total), relative to the content.
    fn col_x(i: usize) -> f32 {
        theme::MATRIX_CASE_WIDTH
            + theme::MATRIX_GAP
            + i as f32 * (theme::MATRIX_CELL_WIDTH + theme::MATRIX_GAP)
    }

    /// Top edge of row `r`, relative to the content.
    fn row_y(r: usize) -> f32 {
        theme::MATRIX_HEADER_HEIGHT
            + theme::MATRIX_GAP
            + r as f32 * (theme::MATRIX_ROW_HEIGHT + theme::MATRIX_GAP)
    }

    /// Draws the grid; returns the cell clicked this frame.
    fn ui(&self, ui: &mut Ui, selected: Option<CellRef>) -> Option<CellRef> {
        let size = vec2(
            Self::col_x(self.cols.len() + 1),
            Self::row_y(self.m.cases.len()),
        );
        egui::ScrollArea::both()
            .id_salt("matrix")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let (content, _) = ui.allocate_exact_size(size, Sense::hover());
                let visible = viewport.translate(content.min.to_vec2());
                let body = Rect::from_min_max(
                    visible.min + vec2(theme::MATRIX_CASE_WIDTH, theme::MATRIX_HEADER_HEIGHT),
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
                    origin + vec2(Self::col_x(i), Self::row_y(r)),
                    vec2(theme::MATRIX_CELL_WIDTH, theme::MATRIX_ROW_HEIGHT),
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
        let case = &self.scope.cases[r].title;
        let code = col.map_or("Total", |c| self.scope.codebook.label(&self.m.codes[c]));
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
        let clip = Rect::from_min_max(band.min + vec2(theme::MATRIX_CASE_WIDTH, 0.0), band.max);
        let book = &self.scope.codebook;
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
                pos2(origin.x + Self::col_x(i), visible.min.y),
                vec2(theme::MATRIX_CELL_WIDTH, theme::MATRIX_HEADER_HEIGHT),
            );
            if rect.intersects(clip) {
                header_cell_ui(ui, rect, clip, &label, &hover, swatch);
            }
        }
    }

    /// The case names, pinned to the left of the visible area.
    fn case_column_ui(&self, ui: &mut Ui, origin: Pos2, visible: Rect) {
        let band = Rect::from_min_size(
            visible.min,
            vec2(theme::MATRIX_CASE_WIDTH, visible.height()),
        );
        ui.painter().rect_filled(band, 0, ui.visuals().panel_fill);
        let clip = Rect::from_min_max(band.min + vec2(0.0, theme::MATRIX_HEADER_HEIGHT), band.max);
        let font = TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().text_color();
        for (r, case) in self.scope.cases.iter().enumerate() {
            let rect = Rect::from_min_size(
                pos2(visible.min.x, origin.y + Self::row_y(r)),
                vec2(
                    theme::MATRIX_CASE_WIDTH - theme::MATRIX_GAP,
                    theme::MATRIX_ROW_HEIGHT,
                ),
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
            vec2(theme::MATRIX_CASE_WIDTH, theme::MATRIX_HEADER_HEIGHT),
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
    let galley = ui.painter().layout(
        label.to_owned(),
        font,
        color,
        theme::MATRIX_CELL_WIDTH - 4.0,
    );
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

/// One bar per case: the same units the grid's Total column counts.
fn bar_chart_ui(ui: &mut Ui, m: &Matrix, scope: &Scope<'_>) {
    let book = &scope.codebook;
    let color = theme::code_color(
        book.entry(&m.family)
            .map_or_else(|| crate::codebook::fallback_color(&m.family), |e| e.color),
    );
    let bars: Vec<Bar> = m
        .chart()
        .into_iter()
        .enumerate()
        .map(|(r, (_, n))| {
            let title = scope.cases.get(r).map_or("", |c| c.title.as_str());
            Bar::new(r as f64, n as f64)
                .width(0.7)
                .fill(color)
                .name(format!("{title}: {n} coded unit(s)"))
        })
        .collect();
    let chart = BarChart::new(book.family_label(&m.family), bars).color(color);
    let titles: Vec<String> = scope.cases.iter().map(|c| c.id.clone()).collect();
    Plot::new("codings-plot")
        .height(theme::MATRIX_CHART_HEIGHT)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid([false, true])
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                titles.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| plot.bar_chart(chart));
}
