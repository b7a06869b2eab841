//! The facets of the case being edited, by the framework's groups: each dimension's value by
//! its kind (or *unknown* with its reason, or *not covered*) and its evidence, which comes from
//! text selected in the reader (*Use as evidence*) or from a listed source.

use egui::{RichText, Ui};

use super::{buffered, push, typed};
use crate::authoring::{CaseEdit, EvidenceOwner, FacetValue};
use crate::format::case::Bound;
use crate::format::{Case, Dimension, Evidence, Kind};
use crate::ui::views::reader::Selection;
use crate::workspace::editing::EditorCmd;
use crate::workspace::{Action, Passage, Workspace};

/// Every dimension of the case's framework, grouped as the framework groups them.
/// `last` is what was last edited: *Use as evidence* by key (Ctrl+Shift+U) gives it the
/// selection.
pub(super) fn facets_ui(
    ui: &mut Ui,
    ws: &Workspace,
    case: &Case,
    selection: Option<&Selection>,
    last: &mut Option<EvidenceOwner>,
    goto: &mut Option<super::goto::Goto>,
    actions: &mut Vec<Action>,
) {
    let Some(fw) = ws.library.framework(&case.framework) else {
        ui.label(format!(
            "The framework \"{}\" is not loaded: its dimensions cannot be shown.",
            case.framework
        ));
        return;
    };
    if selection.is_none() {
        ui.label(
            RichText::new("Select words in the case text, then press Use as evidence on a facet.")
                .small(),
        );
    }
    let codebook = ws.codebook(&case.framework);
    for group in &fw.groups {
        ui.label(RichText::new(&group.title).strong());
        for dim in &group.dimensions {
            let before = actions.len();
            let place = crate::authoring::Place::Facet(dim.id.clone());
            ui.push_id(("facet", &dim.id), |ui| {
                super::goto::at(ui, goto, &place, |ui| {
                    facet_ui(ui, case, dim, &codebook, selection, actions);
                });
            });
            if actions.len() > before {
                *last = Some(EvidenceOwner::Facet(dim.id.clone()));
            }
        }
        ui.separator();
    }
}

/// The state a facet is in, as the editor's first choice.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Value,
    Unknown,
    NotCovered,
}

fn facet_ui(
    ui: &mut Ui,
    case: &Case,
    dim: &Dimension,
    codebook: &crate::codebook::Codebook,
    selection: Option<&Selection>,
    actions: &mut Vec<Action>,
) {
    let facet = case.facets.get(dim.id.as_str());
    let value = FacetValue::of_facet(facet, dim.kind);
    let state = match (&value, facet) {
        (_, None) => State::NotCovered,
        (Some(FacetValue::Unknown(_)), _) => State::Unknown,
        _ => State::Value,
    };
    let set = |value: FacetValue| {
        EditorCmd::Apply(CaseEdit::SetFacet {
            dimension: dim.id.clone(),
            value,
        })
    };
    let label = ui
        .horizontal(|ui| {
            let label = ui
                .label(&dim.label)
                .on_hover_text(dim.help.clone().unwrap_or_default());
            egui::ComboBox::from_id_salt("state")
                .selected_text(match state {
                    State::Value => "has a value",
                    State::Unknown => "unknown",
                    State::NotCovered => "not covered",
                })
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(state == State::Value, "has a value")
                        .clicked()
                        && state != State::Value
                    {
                        actions.push(Action::Editor(set(empty_value(dim))));
                    }
                    if ui
                        .selectable_label(state == State::Unknown, "unknown")
                        .clicked()
                        && state != State::Unknown
                    {
                        let why = "The sources do not say.".to_owned();
                        actions.push(Action::Editor(set(FacetValue::Unknown(why))));
                    }
                    if ui
                        .selectable_label(state == State::NotCovered, "not covered")
                        .clicked()
                    {
                        actions.push(Action::Editor(set(FacetValue::NotCovered)));
                    }
                })
                .response
                .labelled_by(label.id);
            label.id
        })
        .inner;
    match (state, value) {
        (State::Unknown, Some(FacetValue::Unknown(why))) => {
            let mut text = why.clone();
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text("Why it is unknown")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label);
            typed(&response, text, &why, actions, |why| CaseEdit::SetFacet {
                dimension: dim.id.clone(),
                value: FacetValue::Unknown(why),
            });
        }
        (State::Value, value) => {
            let value = value.unwrap_or_else(|| empty_value(dim));
            value_ui(ui, dim, label, &value, codebook, actions);
            let owner = EvidenceOwner::Facet(dim.id.clone());
            let evidence = facet.map_or(&[][..], |f| f.evidence.as_slice());
            evidence_ui(ui, case, evidence, &owner, selection, actions);
        }
        _ => {}
    }
}

/// A value of the dimension's kind with nothing in it yet.
fn empty_value(dim: &Dimension) -> FacetValue {
    match dim.kind {
        Kind::Text => FacetValue::Text(String::new()),
        Kind::Number => FacetValue::Number {
            value: 0.into(),
            bound: None,
        },
        Kind::Year => FacetValue::Year {
            value: 2000,
            bound: None,
        },
        Kind::Bool => FacetValue::Bool(false),
        Kind::List => FacetValue::List(Vec::new()),
        Kind::Choice => FacetValue::Choice(dim.options.first().cloned().unwrap_or_default()),
        Kind::Codes => FacetValue::Codes(Vec::new()),
    }
}

/// The value's own editor: a text, a figure with its bound, a year, yes/no, a list (one item a
/// line), a choice among the options, or codes of the dimension's family.
fn value_ui(
    ui: &mut Ui,
    dim: &Dimension,
    label: egui::Id,
    value: &FacetValue,
    codebook: &crate::codebook::Codebook,
    actions: &mut Vec<Action>,
) {
    let set = |value: FacetValue| CaseEdit::SetFacet {
        dimension: dim.id.clone(),
        value,
    };
    match value {
        FacetValue::Text(text) => {
            let mut t = text.clone();
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut t)
                        .desired_rows(1)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label);
            typed(&r, t, text, actions, |t| set(FacetValue::Text(t)));
        }
        FacetValue::List(items) => {
            let joined = items.join("\n");
            let (r, t) = buffered(ui, "list", &joined, |ui, t, id| {
                ui.add(
                    egui::TextEdit::multiline(t)
                        .id(id)
                        .desired_rows(2)
                        .hint_text("One item a line"),
                )
                .labelled_by(label)
            });
            typed(&r, t, &joined, actions, |t| {
                set(FacetValue::List(t.lines().map(str::to_owned).collect()))
            });
        }
        FacetValue::Number { value, bound } => {
            let bound = *bound;
            let typed_value = |t: &str| {
                crate::authoring::parse_number(t).map(|value| FacetValue::Number { value, bound })
            };
            let with_bound = |bound| FacetValue::Number {
                value: value.clone(),
                bound,
            };
            let figure = Figure {
                label,
                shown: value.to_string(),
                width: 120.0,
                bound,
            };
            figure_ui(ui, &figure, actions, typed_value, with_bound, &set);
        }
        FacetValue::Year { value, bound } => {
            let bound = *bound;
            let typed_value = |t: &str| {
                t.trim()
                    .parse::<i64>()
                    .ok()
                    .map(|value| FacetValue::Year { value, bound })
            };
            let with_bound = |bound| FacetValue::Year {
                value: *value,
                bound,
            };
            let figure = Figure {
                label,
                shown: value.to_string(),
                width: 80.0,
                bound,
            };
            figure_ui(ui, &figure, actions, typed_value, with_bound, &set);
        }
        FacetValue::Bool(b) => {
            let mut on = *b;
            if ui.checkbox(&mut on, "Yes").changed() {
                push(actions, EditorCmd::Apply(set(FacetValue::Bool(on))));
            }
        }
        FacetValue::Choice(current) => choice_ui(ui, dim, label, current, actions, &set),
        FacetValue::Codes(codes) => codes_ui(ui, dim, codes, codebook, actions, &set),
        FacetValue::Unknown(_) | FacetValue::NotCovered => {}
    }
}

/// One of the dimension's options.
fn choice_ui(
    ui: &mut Ui,
    dim: &Dimension,
    label: egui::Id,
    current: &str,
    actions: &mut Vec<Action>,
    set: &dyn Fn(FacetValue) -> CaseEdit,
) {
    egui::ComboBox::from_id_salt("choice")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for option in &dim.options {
                if ui.selectable_label(option == current, option).clicked() {
                    let v = FacetValue::Choice(option.clone());
                    push(actions, EditorCmd::Apply(set(v)));
                }
            }
        })
        .response
        .labelled_by(label);
}

/// Codes of the dimension's family, with the shared code picker.
fn codes_ui(
    ui: &mut Ui,
    dim: &Dimension,
    codes: &[String],
    codebook: &crate::codebook::Codebook,
    actions: &mut Vec<Action>,
    set: &dyn Fn(FacetValue) -> CaseEdit,
) {
    let mut chosen = codes.to_vec();
    crate::ui::widgets::code_picker::code_picker_ui(
        ui,
        ("codes", &dim.id),
        "Codes",
        codebook,
        &mut chosen,
    );
    if let Some(family) = &dim.family {
        chosen.retain(|c| codebook.entry(c).is_none_or(|e| &e.family == family));
    }
    if chosen != codes {
        push(actions, EditorCmd::Apply(set(FacetValue::Codes(chosen))));
    }
}

/// The reader's selection as evidence for `owner`.
pub(super) fn use_selection(owner: &EvidenceOwner, sel: &Selection) -> EditorCmd {
    EditorCmd::UseAsEvidence {
        to: owner.clone(),
        paragraph: sel.paragraph.clone(),
        quote: sel.text.clone(),
    }
}

/// *Cite a source*: one of the case's sources as evidence.
fn source_ui(ui: &mut Ui, case: &Case, owner: &EvidenceOwner, actions: &mut Vec<Action>) {
    if case.meta.sources.is_empty() {
        return;
    }
    let label = ui.label("Cite a source");
    egui::ComboBox::from_id_salt("cite-source")
        .selected_text("choose…")
        .show_ui(ui, |ui| {
            for source in &case.meta.sources {
                let text: String = source.citation.chars().take(60).collect();
                if ui
                    .selectable_label(false, format!("{}: {text}", source.id))
                    .clicked()
                {
                    let edit = CaseEdit::AddEvidence {
                        to: owner.clone(),
                        evidence: Evidence {
                            reference: None,
                            quote: None,
                            source: Some(source.id.clone()),
                        },
                    };
                    push(actions, EditorCmd::Apply(edit));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// A number or a year as the field shows it.
struct Figure {
    label: egui::Id,
    shown: String,
    width: f32,
    bound: Option<Bound>,
}

/// A figure's field and its bound: what is typed is set when it reads as a figure.
fn figure_ui(
    ui: &mut Ui,
    figure: &Figure,
    actions: &mut Vec<Action>,
    typed_value: impl Fn(&str) -> Option<FacetValue>,
    with_bound: impl Fn(Option<Bound>) -> FacetValue,
    set: &dyn Fn(FacetValue) -> CaseEdit,
) {
    ui.horizontal(|ui| {
        let (r, t) = buffered(ui, "figure", &figure.shown, |ui, t, id| {
            ui.add(
                egui::TextEdit::singleline(t)
                    .id(id)
                    .desired_width(figure.width),
            )
            .labelled_by(figure.label)
        });
        match typed_value(&t) {
            Some(value) => typed(&r, t, &figure.shown, actions, |_| set(value)),
            // Not a figure (yet): nothing to send; leaving the field shows the value again.
            None if r.lost_focus() => push(actions, EditorCmd::EndTyping),
            None => {}
        }
        bound_ui(ui, figure.label, figure.bound, actions, |b| {
            set(with_bound(b))
        });
    });
}

/// Exact, at least, at most or about.
fn bound_ui(
    ui: &mut Ui,
    label: egui::Id,
    bound: Option<Bound>,
    actions: &mut Vec<Action>,
    set: impl Fn(Option<Bound>) -> CaseEdit,
) {
    let name = |b: Option<Bound>| match b {
        None => "exact",
        Some(Bound::AtLeast) => "at least",
        Some(Bound::AtMost) => "at most",
        Some(Bound::About) => "about",
    };
    egui::ComboBox::from_id_salt("bound")
        .selected_text(name(bound))
        .show_ui(ui, |ui| {
            for b in [
                None,
                Some(Bound::AtLeast),
                Some(Bound::AtMost),
                Some(Bound::About),
            ] {
                if ui.selectable_label(b == bound, name(b)).clicked() && b != bound {
                    push(actions, EditorCmd::Apply(set(b)));
                }
            }
        })
        .response
        .labelled_by(label);
}

/// The evidence of a facet or an alliance, each opening its passage; *Use as evidence* adds
/// the reader's selection.
pub(super) fn evidence_ui(
    ui: &mut Ui,
    case: &Case,
    evidence: &[Evidence],
    owner: &EvidenceOwner,
    selection: Option<&Selection>,
    actions: &mut Vec<Action>,
) {
    for (index, e) in evidence.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let text = match (&e.reference, &e.quote, &e.source) {
                (Some(r), Some(q), _) => format!("¶ {r} “{q}”"),
                (Some(r), None, _) => format!("¶ {r}"),
                (_, _, Some(s)) => format!("source {s}"),
                _ => "evidence".to_owned(),
            };
            if let Some(paragraph) = &e.reference {
                if ui.link(text).clicked() {
                    actions.push(Action::OpenCase {
                        case: case.id.clone(),
                        at: Some(Passage {
                            paragraph: paragraph.to_string(),
                            quote: e.quote.clone(),
                            range: None,
                        }),
                    });
                }
            } else {
                ui.label(text);
            }
            if ui.small_button("Remove").clicked() {
                let from = owner.clone();
                push(
                    actions,
                    EditorCmd::Apply(CaseEdit::RemoveEvidence { from, index }),
                );
            }
        });
    }
    let use_it = ui
        .horizontal(|ui| {
            let use_it = ui
                .add_enabled(selection.is_some(), egui::Button::new("Use as evidence"))
                .on_hover_text("The words selected in the case text (Ctrl+Shift+U)")
                .on_disabled_hover_text("Select words in the case text first");
            source_ui(ui, case, owner, actions);
            use_it
        })
        .inner;
    if use_it.clicked()
        && let Some(sel) = selection
    {
        push(actions, use_selection(owner, sel));
    }
}
