//! Cases by codes: a heatmap of coded units with sticky code headers and case names, the
//! evidence behind a cell, and a bar chart of the same counts.
//!
//! Its parts: `grid` (the heatmap) and `side` (the chart and the evidence of a cell); this file
//! builds the matrix, draws the controls and puts them together.

mod grid;
mod side;

use egui::{RichText, Ui};

use crate::codebook::Codebook;
use crate::compare::matrix::{self, Matrix};
use crate::notes::layers::Coder;
use crate::ui::layout::{self, SideSlot};
use crate::ui::theme;
use crate::workspace::class::{ClassAction, MatrixCount};
use crate::workspace::shown::MatrixScope;
use crate::workspace::{Action, Workspace};
use grid::{CellRef, Grid};

/// What the cached matrix was built from (the last part: the class choice's revision).
type CacheKey = (u64, u64, Vec<String>, String, u64);

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
    /// The framework, cases and codebook ([`Workspace::matrix_scope`]).
    matrix: MatrixScope<'a>,
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
        let Some(matrix_scope) = ws.matrix_scope() else {
            egui::CentralPanel::default().show(ui, |ui| ui.label("No cases loaded."));
            return;
        };
        let scope = Scope {
            matrix: matrix_scope,
            coders,
            count: &ws.class.matrix_count,
        };
        self.refresh(ws, &scope);
        let Some((_, m)) = self.cache.take() else {
            return;
        };
        if self.side.shown {
            let max = layout::max_panel_width(ui.available_width(), self.side.main_min);
            crate::ui::panel_width::keep_width(ui, "matrix-side", max);
            egui::Panel::right("matrix-side")
                .resizable(true)
                .default_size(theme::MATRIX_EVIDENCE_WIDTH)
                .max_size(max)
                .show(ui, |ui| {
                    let (cases, book) = (&scope.matrix.cases, &scope.matrix.codebook);
                    side::side_ui(ui, &m, cases, book, self.selected, actions);
                });
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
        // The rule the export shares: scope, family, count mode, what presenting hides.
        let m = ws.matrix(&scope.matrix, scope.coders);
        self.cache = Some((key, m));
        self.selected = None;
    }

    fn central_ui(
        &mut self,
        ui: &mut Ui,
        m: &Matrix,
        scope: &Scope<'_>,
        actions: &mut Vec<Action>,
    ) {
        let book = &scope.matrix.codebook;
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
        let (cases, book) = (&scope.matrix.cases, &scope.matrix.codebook);
        let grid = Grid {
            m,
            cols: &cols,
            cases,
            codebook: book,
            max: m.max_count().max(1),
            widths: Grid::widths(ui, m, &cols, cases, book),
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

/// What the matrix counts: a switch shown when layers are shown.
fn count_ui(ui: &mut Ui, scope: &Scope<'_>, actions: &mut Vec<Action>) {
    let (current, coders) = (scope.count, scope.coders);
    if coders.is_empty() {
        return;
    }
    // Says that the cases' own facets and alliances count too, with whose highlights.
    let text = |count: &MatrixCount| {
        let author = match count {
            MatrixCount::Author(key) => coders.iter().find(|c| c.key == key).map(|c| c.author),
            _ => None,
        };
        count.words(author)
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
