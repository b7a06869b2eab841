//! The matrix's side panel: a bar chart of the counts per case, and the evidence behind the
//! cell clicked (each counted unit with its codes and passages).

use egui::{RichText, Ui};

use super::grid::CellRef;
use crate::codebook::Codebook;
use crate::compare::matrix::{Matrix, Unit, UnitOrigin};
use crate::format::Case;
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::evidence::{EvidenceRef, Style, evidence_ui};
use crate::workspace::Action;

/// The side panel: the bar chart, then the evidence behind the `selected` cell.
pub fn side_ui(
    ui: &mut Ui,
    m: &Matrix,
    cases: &[&Case],
    book: &Codebook,
    selected: Option<CellRef>,
    actions: &mut Vec<Action>,
) {
    ui.heading(if m.counts_authors() {
        "Authors per case"
    } else {
        "Coded units per case"
    });
    bar_chart_ui(ui, m, cases, book);
    ui.separator();
    let Some((r, c)) =
        selected.filter(|(r, c)| *r < m.cases.len() && c.is_none_or(|c| c < m.codes.len()))
    else {
        ui.label("Click a cell to see the evidence behind it.");
        return;
    };
    let case = cases[r];
    let (what, units): (&str, Vec<&Unit>) = match c {
        Some(c) => (book.path_label(&m.codes[c]), m.units(r, c).collect()),
        None => (
            book.family_label(&m.family),
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
                unit_ui(ui, case, unit, book, actions);
            }
        });
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

/// One bar per case, each named by its case (the title up to its colon; the whole title on
/// hover and for screen readers), its count beside it: the same units the grid's Total
/// column counts.
fn bar_chart_ui(ui: &mut Ui, m: &Matrix, cases: &[&Case], book: &Codebook) {
    let color = theme::code_color(
        book.entry(&m.family)
            .map_or_else(|| crate::codebook::fallback_color(&m.family), |e| e.color),
    );
    let chart = m.chart();
    let max = chart.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let what = if m.counts_authors() {
        "author(s)"
    } else {
        "coded unit(s)"
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let name_width = (ui.available_width() * 0.45).min(theme::MATRIX_CASE_WIDTH);
    for (r, (_, n)) in chart.into_iter().enumerate() {
        let title = cases.get(r).map_or("", |c| c.title.as_str());
        let row = ui.horizontal(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(name_width, row_height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_width(name_width);
                    ui.add(
                        egui::Label::new(crate::workspace::steps::short_title(title)).truncate(),
                    );
                },
            );
            // The bar takes what is left but room for the count.
            let room = (ui.available_width() - 4.0 * row_height).max(row_height);
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(room, row_height * 0.7), egui::Sense::hover());
            #[expect(clippy::cast_precision_loss, reason = "counts are small")]
            let share = n as f32 / max as f32;
            let bar = egui::Rect::from_min_size(
                rect.min,
                egui::vec2(rect.width() * share, rect.height()),
            );
            ui.painter().rect_filled(bar, 2, color);
            ui.label(n.to_string());
        });
        let name = format!("{title}: {n} {what}");
        let response = row.response.on_hover_text(&name);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
    }
}
