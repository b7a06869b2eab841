//! The matrix's side panel: a bar chart of the counts per case, and the evidence behind the
//! cell clicked (each counted unit with its codes and passages).

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

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

/// One bar per case: the same units the grid's Total column counts.
fn bar_chart_ui(ui: &mut Ui, m: &Matrix, cases: &[&Case], book: &Codebook) {
    let color = theme::code_color(
        book.entry(&m.family)
            .map_or_else(|| crate::codebook::fallback_color(&m.family), |e| e.color),
    );
    let bars: Vec<Bar> = m
        .chart()
        .into_iter()
        .enumerate()
        .map(|(r, (_, n))| {
            let title = cases.get(r).map_or("", |c| c.title.as_str());
            Bar::new(r as f64, n as f64)
                .width(0.7)
                .fill(color)
                .name(format!("{title}: {n} coded unit(s)"))
        })
        .collect();
    let chart = BarChart::new(book.family_label(&m.family), bars).color(color);
    let titles: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
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
