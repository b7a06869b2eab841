//! The reader's side panel: the case's facets by group (typed values, evidence), or the notes
//! panel, as the tab chosen says.

use egui::{Align, RichText, Ui};
use serde_json::Value;

use super::located::States;
use super::notes::NotesPanel;
use super::shared::{ReaderInput, SpotMark, evidence_ui};
use crate::codebook::Codebook;
use crate::format::{Case, Dimension, Facet, Framework, Kind};
use crate::ui::layout;
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::in_sight::out_of_sight;
use crate::workspace::Action;

/// Which list the reader's side panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// Facets by group.
    #[default]
    Facets,
    /// The user's notes on this case.
    Notes,
}

/// The Facets/Notes panel on the right, no wider than leaves the text `main_min` wide: the
/// `tab` chosen shows the case's facets by group, or the `notes` panel with where each
/// highlight sits now (`states`).
#[expect(
    clippy::too_many_arguments,
    reason = "the reader's parts, each borrowed apart from the others"
)]
pub fn side_panel_ui(
    ui: &mut Ui,
    input: &ReaderInput<'_>,
    tab: &mut SideTab,
    notes: &mut NotesPanel,
    states: &States,
    main_min: f32,
    mark: SpotMark<'_>,
    (actions, heights): (&mut Vec<Action>, &mut super::text::Heights),
) {
    let case = input.case;
    let max = layout::max_panel_width(ui.available_width(), main_min);
    crate::ui::panel_width::keep_width(ui, "facets-panel", max);
    egui::Panel::right("facets-panel")
        .resizable(true)
        .default_size(theme::FACETS_PANEL_WIDTH)
        .max_size(max)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(tab, SideTab::Facets, "Facets");
                let n = input
                    .notebook
                    .items()
                    .filter(|i| i.case.as_deref() == Some(case.id.as_str()) || i.case.is_none())
                    .count();
                ui.selectable_value(tab, SideTab::Notes, format!("Notes ({n})"));
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("facets-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| match tab {
                    SideTab::Facets => {
                        heights.keep_for(&case.id, ui.available_width());
                        let book = input.codebook;
                        facets_ui(ui, case, input.framework, book, mark, (actions, heights));
                    }
                    SideTab::Notes => {
                        notes.ui(ui, input, states, actions);
                    }
                });
        });
}

fn facets_ui(
    ui: &mut Ui,
    case: &Case,
    framework: Option<&Framework>,
    book: &Codebook,
    mark: SpotMark<'_>,
    (actions, heights): (&mut Vec<Action>, &mut super::text::Heights),
) {
    let Some(fw) = framework else {
        ui.label(format!("Framework \"{}\" is not loaded.", case.framework));
        return;
    };
    ui.heading(&fw.title);
    let total = fw.dimensions().count();
    let facets = || {
        fw.dimensions()
            .filter_map(|(_, d)| case.facets.get(d.id.as_str()))
    };
    let with_value = facets().filter(|f| f.value.is_some()).count();
    let unknown = facets().filter(|f| f.unknown.is_some()).count();
    ui.label(
        RichText::new(format!(
            "{total} dimensions: {with_value} with a value, {unknown} unknown, {} not covered",
            total - with_value - unknown
        ))
        .weak(),
    );
    for group in &fw.groups {
        egui::CollapsingHeader::new(RichText::new(&group.title).strong())
            .id_salt(("group", &group.id))
            .default_open(true)
            .show(ui, |ui| {
                for dim in &group.dimensions {
                    let on = mark.is(|s| s.is_facet(&dim.id));
                    // Out of sight (and not the search hit to show): its place only, under its
                    // name; a panel narrowed by another one lays out only what shows.
                    let guess = 2.0 * theme::BODY_SIZE * 1.4 + 6.0 + ui.spacing().item_spacing.y;
                    let height = heights.get(&dim.id).unwrap_or(guess);
                    if !on && out_of_sight(ui, height) {
                        let size = egui::vec2(
                            ui.available_width(),
                            height - 6.0 - ui.spacing().item_spacing.y,
                        );
                        let (_, place) = ui.allocate_exact_size(size, egui::Sense::hover());
                        place.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Label, true, &dim.label)
                        });
                        ui.add_space(6.0);
                        continue;
                    }
                    let top = ui.cursor().top();
                    // Label column of fixed width; the value column wraps in what is left.
                    let row = ui.horizontal_top(|ui| {
                        let label_width = (ui.available_width() * 0.32).clamp(110.0, 170.0);
                        let label = ui.allocate_ui_with_layout(
                            egui::vec2(label_width, 0.0),
                            egui::Layout::top_down(Align::LEFT),
                            |ui| {
                                ui.set_width(label_width);
                                let label = ui.add(
                                    egui::Label::new(RichText::new(&dim.label).strong()).wrap(),
                                );
                                if let Some(help) = &dim.help {
                                    label.clone().on_hover_text(help);
                                }
                                label
                            },
                        );
                        ui.vertical(|ui| match case.facets.get(dim.id.as_str()) {
                            None => {
                                ui.label(RichText::new("not covered").italics().color(
                                    crate::ui::theme::status_color(
                                        ui.visuals(),
                                        crate::ui::theme::Status::NotCovered,
                                    ),
                                ));
                            }
                            Some(facet) => facet_ui(ui, case, book, dim, facet, actions),
                        });
                        label.inner
                    });
                    mark.mark_in(ui, row.response.rect, &row.inner, on);
                    ui.add_space(6.0);
                    heights.set(&dim.id, ui.cursor().top() - top);
                }
            });
    }
}

fn facet_ui(
    ui: &mut Ui,
    case: &Case,
    book: &Codebook,
    dim: &Dimension,
    facet: &Facet,
    actions: &mut Vec<Action>,
) {
    if let Some(reason) = &facet.unknown {
        ui.label(RichText::new("unknown").italics().strong().color(
            crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Unknown),
        ))
        .on_hover_text(reason);
        ui.label(RichText::new(reason).small().weak());
        return;
    }
    match (&facet.value, facet.bound) {
        (Some(_), Some(_)) => {
            ui.label(crate::compare::facet_items(dim.kind, facet).join(", "));
        }
        (Some(value), None) => value_ui(ui, book, dim, value),
        (None, _) => {}
    }
    evidence_ui(ui, case, &facet.evidence, actions);
}

/// Typed rendering of a facet value.
pub fn value_ui(ui: &mut Ui, book: &Codebook, dim: &Dimension, value: &Value) {
    match (dim.kind, value) {
        (Kind::Bool, Value::Bool(b)) => {
            ui.label(if *b { "yes" } else { "no" });
        }
        (Kind::Codes, Value::Array(items)) => {
            ui.horizontal_wrapped(|ui| {
                for item in items.iter().filter_map(Value::as_str) {
                    let fill = theme::code_color(book.color(item));
                    let hover = book
                        .entry(item)
                        .and_then(|c| c.definition.as_deref())
                        .map_or_else(|| item.to_owned(), |d| format!("{item}: {d}"));
                    chip_ui(ui, book.label(item), fill, Some(&hover));
                }
            });
        }
        (Kind::List, Value::Array(items)) => {
            ui.horizontal_wrapped(|ui| {
                for item in items.iter().filter_map(Value::as_str) {
                    chip_ui(
                        ui,
                        item,
                        ui.visuals().faint_bg_color.gamma_multiply(1.0),
                        None,
                    );
                }
            });
        }
        (_, Value::String(s)) => {
            ui.label(s.as_str());
        }
        (_, other) => {
            ui.label(other.to_string());
        }
    }
}
