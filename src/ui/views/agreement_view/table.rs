//! The agreement table: the rules the figures follow, one row per figure set with the units
//! behind each figure, the orphaned highlights, and what the figures mean. A class's table
//! has a row per code (150 at 300 students): only the rows in sight are drawn.

use egui::{RichText, Ui};

use super::{family_text, names};
use crate::agreement::{Report, Stats, words};
use crate::codebook::Codebook;
use crate::ui::widgets::in_sight::GridSizes;

/// The table's column widths and row height when last seen.
pub(super) type Sizes = GridSizes<{ COLUMNS.len() }>;

/// The rules the figures follow, the table (overall first, the domain, then one row per
/// code; each figure with the units behind it), the orphans, and what the figures mean.
pub(super) fn table_ui(ui: &mut Ui, report: &Report, book: &Codebook, sizes: &mut Sizes) {
    ui.label(
        RichText::new(format!(
            "Agreement of {} on {} case(s), unit: {}",
            names(&report.coders),
            report.cases,
            words::unit_name(report.unit)
        ))
        .strong(),
    );
    for line in [words::raters(report), words::codes(report)] {
        ui.label(RichText::new(line).small());
    }
    grid_ui(ui, report, book, sizes);
    if let Some(u) = words::unitizing(report) {
        ui.label(u);
    }
    for line in words::coding(report) {
        ui.label(line);
    }
    if let Some(text) = words::orphans(report) {
        egui::CollapsingHeader::new(RichText::new(text).small())
            .id_salt("agreement-orphans")
            .show(ui, |ui| {
                for o in &report.orphans {
                    ui.label(format!(
                        "{} ¶ {} ({}): “{}”",
                        o.case,
                        o.paragraph.as_deref().unwrap_or("?"),
                        o.coder,
                        o.quote.as_deref().unwrap_or("")
                    ));
                }
            });
    }
    egui::CollapsingHeader::new("What these figures mean")
        .id_salt("agreement-help")
        .show(ui, |ui| {
            for d in words::DEFINITIONS {
                ui.label(RichText::new(format!("• {d}")).small());
            }
        });
}

/// The table itself: a row per figure set, only the rows in sight drawn.
fn grid_ui(ui: &mut Ui, report: &Report, book: &Codebook, sizes: &mut Sizes) {
    egui::Grid::new("agreement-table")
        .striped(true)
        .num_columns(8)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (column, head) in COLUMNS.iter().enumerate() {
                sizes.saw(column, &ui.label(RichText::new(*head).strong()));
            }
            ui.end_row();
            let mut rows = vec![("Overall".to_owned(), &report.overall, true)];
            if let Some(d) = &report.domain {
                rows.push((
                    format!("Domain {}", family_text(book, &d.family)),
                    &d.stats,
                    true,
                ));
            }
            rows.extend(
                report
                    .codes
                    .iter()
                    .map(|c| (book.path_label(&c.code).to_owned(), &c.stats, false)),
            );
            for (name, s, strong) in rows {
                sizes.row(ui, |ui, sizes| {
                    let text = if strong {
                        RichText::new(&name).strong()
                    } else {
                        RichText::new(&name)
                    };
                    sizes.saw(0, &ui.label(text));
                    for (column, (head, cell)) in COLUMNS[1..].iter().zip(cells(s)).enumerate() {
                        let r = ui.label(&cell);
                        sizes.saw(column + 1, &r);
                        r.widget_info(|| {
                            let label = format!("{name} {head}: {cell}");
                            egui::WidgetInfo::labeled(egui::Role::Label, true, label)
                        });
                    }
                });
            }
        });
}

/// The table's columns.
pub const COLUMNS: [&str; 8] = [
    "Code",
    "Coders",
    "Percent",
    // Said once in the header, not in every cell of a class of three or more.
    "Cohen (2 coders)",
    "Fleiss",
    "Alpha",
    "Alpha 95 %",
    "Below minimum",
];

/// The cells of one row after its name: each figure with the units behind it.
pub fn cells(s: &Stats) -> [String; 7] {
    let n = s.units.round();
    let percent = match s.percent {
        Some(p) => format!("{:.1} % ({n} units)", 100.0 * p),
        None => "– (0 units)".to_owned(),
    };
    let c = s.confidence;
    [
        s.coders.to_string(),
        percent,
        if s.coders == 2 {
            words::cell(s.cohen, s.complete_units, s)
        } else {
            "–".to_owned()
        },
        words::cell(s.fleiss, s.complete_units, s),
        words::cell(s.alpha, s.units, s),
        c.map_or_else(
            || "–".to_owned(),
            |c| format!("{:.3} – {:.3}", c.low, c.high),
        ),
        c.map_or_else(
            || "–".to_owned(),
            |c| format!("P(α < {}) = {:.3}", c.minimum, c.below),
        ),
    ]
}
