//! The case reader: title, meta, sources, narrative, facets by group, alliances, questions.

use egui::{Align, RichText, Ui};
use serde_json::Value;

use crate::format::{Audience, Case, Dimension, Evidence, Facet, Framework, Kind};
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::paragraph::{find_chars, paragraph_ui};
use crate::workspace::{Action, Focus};

/// Draws the reader for `case`. `focus` is the passage to scroll to and mark.
pub fn case_ui(
    ui: &mut Ui,
    case: &Case,
    framework: Option<&Framework>,
    others: &[(String, String)],
    focus: Option<&mut Focus>,
    show_instructor: bool,
    actions: &mut Vec<Action>,
) {
    egui::Panel::right("facets-panel")
        .resizable(true)
        .default_size(440.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("facets-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    facets_ui(ui, case, framework, actions);
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(("reader", &case.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(760.0));
                header_ui(ui, case);
                if !others.is_empty() {
                    ui.menu_button("Compare with…", |ui| {
                        for (id, title) in others {
                            if ui.button(title).clicked() {
                                actions.push(Action::CompareWith(id.clone()));
                            }
                        }
                    });
                }
                narrative_ui(ui, case, focus);
                alliances_ui(ui, case, framework, actions);
                questions_ui(ui, case, show_instructor, actions);
            });
    });
}

fn header_ui(ui: &mut Ui, case: &Case) {
    ui.add_space(6.0);
    ui.heading(RichText::new(&case.title).size(24.0));
    if let Some(sub) = &case.subtitle {
        ui.label(RichText::new(sub).italics());
    }
    let m = &case.meta;
    egui::Grid::new("meta")
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            let mut row = |label: &str, value: String| {
                if !value.is_empty() {
                    ui.label(RichText::new(label).weak());
                    ui.label(value);
                    ui.end_row();
                }
            };
            row("Organisations", m.organisations.join(", "));
            row("Period", m.period.clone().unwrap_or_default());
            row("Region", m.region.clone().unwrap_or_default());
            row("Industry", m.industry.clone().unwrap_or_default());
            row("Tags", m.tags.join(", "));
            row("Authors", m.authors.join(", "));
            row("Licence", m.license.clone().unwrap_or_default());
        });
    egui::CollapsingHeader::new(format!("Sources ({})", m.sources.len()))
        .id_salt("sources")
        .default_open(true)
        .show(ui, |ui| {
            for s in &m.sources {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("[{}]", s.id)).monospace());
                    if s.is_unconfirmed() {
                        ui.label(
                            RichText::new("UNCONFIRMED")
                                .small()
                                .strong()
                                .color(theme::WARNING),
                        )
                        .on_hover_text("Not checked against a primary source: treat with care.");
                    }
                    ui.label(&s.citation);
                    if let Some(url) = &s.url {
                        ui.hyperlink(url);
                    }
                });
            }
        });
    ui.separator();
}

fn narrative_ui(ui: &mut Ui, case: &Case, mut focus: Option<&mut Focus>) {
    for section in &case.sections {
        ui.add_space(8.0);
        ui.label(RichText::new(&section.title).size(19.0).strong());
        for p in &section.paragraphs {
            let address = format!("{}/{}", section.id, p.id);
            let here = focus.as_deref().filter(|f| f.paragraph == address);
            let mark = here.map(|f| match &f.quote {
                Some(q) => find_chars(&p.text, q).unwrap_or(0..p.text.chars().count()),
                None => 0..p.text.chars().count(),
            });
            ui.add_space(4.0);
            let response = paragraph_ui(ui, &p.text, mark.clone());
            if let Some(f) = focus.as_deref_mut()
                && f.paragraph == address
                && f.scroll_pending
            {
                response.scroll_to_me(Some(Align::Center));
                f.scroll_pending = false;
            }
            response.on_hover_text(format!("¶ {address}"));
        }
    }
}

fn facets_ui(ui: &mut Ui, case: &Case, framework: Option<&Framework>, actions: &mut Vec<Action>) {
    let Some(fw) = framework else {
        ui.label(format!("Framework \"{}\" is not loaded.", case.framework));
        return;
    };
    ui.heading(&fw.title);
    let total = fw.dimensions().count();
    let with_value = fw
        .dimensions()
        .filter(|(_, d)| case.facets.get(&d.id).is_some_and(|f| f.value.is_some()))
        .count();
    let unknown = fw
        .dimensions()
        .filter(|(_, d)| case.facets.get(&d.id).is_some_and(|f| f.unknown.is_some()))
        .count();
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
                    // Label column of fixed width; the value column wraps in what is left.
                    ui.horizontal_top(|ui| {
                        let label_width = (ui.available_width() * 0.32).clamp(110.0, 170.0);
                        ui.allocate_ui_with_layout(
                            egui::vec2(label_width, 0.0),
                            egui::Layout::top_down(Align::LEFT),
                            |ui| {
                                ui.set_width(label_width);
                                let label = ui.add(
                                    egui::Label::new(RichText::new(&dim.label).strong()).wrap(),
                                );
                                if let Some(help) = &dim.help {
                                    label.on_hover_text(help);
                                }
                            },
                        );
                        ui.vertical(|ui| match case.facets.get(&dim.id) {
                            None => {
                                ui.label(
                                    RichText::new("not covered")
                                        .italics()
                                        .color(theme::NOT_COVERED),
                                );
                            }
                            Some(facet) => facet_ui(ui, case, fw, dim, facet, actions),
                        });
                    });
                    ui.add_space(6.0);
                }
            });
    }
}

fn facet_ui(
    ui: &mut Ui,
    case: &Case,
    fw: &Framework,
    dim: &Dimension,
    facet: &Facet,
    actions: &mut Vec<Action>,
) {
    if let Some(reason) = &facet.unknown {
        ui.label(
            RichText::new("unknown")
                .italics()
                .strong()
                .color(theme::UNKNOWN),
        )
        .on_hover_text(reason);
        ui.label(RichText::new(reason).small().weak());
        return;
    }
    if let Some(value) = &facet.value {
        value_ui(ui, fw, dim, value);
    }
    evidence_ui(ui, case, &facet.evidence, actions);
}

/// Typed rendering of a facet value.
pub fn value_ui(ui: &mut Ui, fw: &Framework, dim: &Dimension, value: &Value) {
    match (dim.kind, value) {
        (Kind::Bool, Value::Bool(b)) => {
            ui.label(if *b { "yes" } else { "no" });
        }
        (Kind::Codes, Value::Array(items)) => {
            ui.horizontal_wrapped(|ui| {
                for item in items.iter().filter_map(Value::as_str) {
                    let code = fw.code(item);
                    let fill = theme::parse_color(code.and_then(|c| c.color.as_deref()));
                    let label = code.map_or(item, |c| c.label.as_str());
                    let hover = code
                        .and_then(|c| c.definition.as_deref())
                        .map(|d| format!("{item}: {d}"));
                    chip_ui(ui, label, fill, hover.as_deref());
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

fn evidence_ui(ui: &mut Ui, case: &Case, evidence: &[Evidence], actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for e in evidence {
            if let Some(address) = &e.reference {
                let text = format!("¶ {address}");
                let hover = e
                    .quote
                    .as_ref()
                    .map_or_else(|| "Show the paragraph".to_owned(), |q| format!("“{q}”"));
                if ui.small_button(text).on_hover_text(hover).clicked() {
                    actions.push(Action::ShowEvidence {
                        paragraph: address.clone(),
                        quote: e.quote.clone(),
                    });
                }
            } else if let Some(source_id) = &e.source {
                let source = case.source(source_id);
                let unconfirmed = source.is_some_and(crate::format::Source::is_unconfirmed);
                let text = if unconfirmed {
                    format!("[{source_id}] unconfirmed")
                } else {
                    format!("[{source_id}]")
                };
                let rich = if unconfirmed {
                    RichText::new(text).small().color(theme::WARNING)
                } else {
                    RichText::new(text).small()
                };
                ui.label(rich)
                    .on_hover_text(source.map_or("", |s| s.citation.as_str()));
            }
        }
    });
}

fn alliances_ui(ui: &mut Ui, case: &Case, fw: Option<&Framework>, actions: &mut Vec<Action>) {
    if case.alliances.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Alliances").size(19.0).strong());
    let code_label = |id: &str| {
        fw.and_then(|f| f.code(id))
            .map_or_else(|| id.to_owned(), |c| c.label.clone())
    };
    egui::Grid::new("alliances")
        .num_columns(6)
        .striped(true)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "Partner",
                "Types",
                "Rationale",
                "Phase",
                "Status",
                "Evidence",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for a in &case.alliances {
                let partner = ui.label(&a.partner);
                if let Some(s) = &a.summary {
                    partner.on_hover_text(s);
                }
                ui.label(
                    a.types
                        .iter()
                        .map(|c| code_label(c))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                ui.label(
                    a.rationale
                        .iter()
                        .map(|c| code_label(c))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                ui.label(a.phase.as_deref().map(code_label).unwrap_or_default());
                ui.label(a.status.as_str());
                ui.vertical(|ui| evidence_ui(ui, case, &a.evidence, actions));
                ui.end_row();
            }
        });
}

fn questions_ui(ui: &mut Ui, case: &Case, show_instructor: bool, actions: &mut Vec<Action>) {
    if case.questions.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Questions").size(19.0).strong());
    let mut n = 0;
    for q in &case.questions {
        if q.audience == Audience::Instructor && !show_instructor {
            continue;
        }
        n += 1;
        let prefix = if q.audience == Audience::Instructor {
            "Instructor: "
        } else {
            ""
        };
        ui.label(RichText::new(format!("{n}. {prefix}{}", q.text)).size(theme::BODY_SIZE));
    }
    let hidden = case
        .questions
        .iter()
        .filter(|q| q.audience == Audience::Instructor)
        .count();
    if hidden > 0 {
        let text = if show_instructor {
            "Hide instructor questions".to_owned()
        } else {
            format!("Show {hidden} instructor question(s)")
        };
        if ui.small_button(text).clicked() {
            actions.push(Action::ToggleInstructorQuestions);
        }
    }
    ui.add_space(24.0);
}
