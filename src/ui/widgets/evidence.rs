//! Evidence as every view shows it: a passage (its quote, opening the reader there) or a
//! listed source (its citation, marked when unconfirmed). One widget, so a source-only piece
//! reads the same in the reader, the matrix and a compare cell.

use egui::{RichText, Ui};

use crate::compare::matrix::Piece;
use crate::format::{Case, Evidence};
use crate::workspace::{Action, Passage};

/// One piece of evidence, whichever model it came from.
#[derive(Debug, Clone, Copy)]
pub struct EvidenceRef<'a> {
    /// `section/paragraph`, for a passage.
    pub paragraph: Option<&'a str>,
    /// The exact words, if quoted.
    pub quote: Option<&'a str>,
    /// A source id of the case, for a fact taken from a listed source.
    pub source: Option<&'a str>,
}

impl<'a> From<&'a Evidence> for EvidenceRef<'a> {
    fn from(e: &'a Evidence) -> Self {
        Self {
            paragraph: e.reference.as_deref(),
            quote: e.quote.as_deref(),
            source: e.source.as_deref(),
        }
    }
}

impl<'a> From<&'a Piece> for EvidenceRef<'a> {
    fn from(p: &'a Piece) -> Self {
        Self {
            paragraph: p.paragraph.as_deref(),
            quote: p.quote.as_deref(),
            source: p.source.as_deref(),
        }
    }
}

/// How much room the evidence gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Small `¶ section/paragraph` buttons and `[source]` tags in a row (facet lists).
    Compact,
    /// The quotes themselves as links, sources by citation (lists of evidence).
    Full,
    /// Text only, nothing to click (inside hover tips).
    Static,
}

/// Draws `evidence` of `case`; clicks on passages push [`Action::OpenCase`] at them.
pub fn evidence_ui(
    ui: &mut Ui,
    case: &Case,
    evidence: &[EvidenceRef<'_>],
    style: Style,
    actions: &mut Vec<Action>,
) {
    let mut draw = |ui: &mut Ui| {
        for e in evidence {
            if let Some(paragraph) = e.paragraph {
                passage_ui(ui, case, paragraph, e.quote, style, actions);
            } else if let Some(source) = e.source {
                source_ui(ui, case, source, style);
            }
        }
    };
    if style == Style::Compact {
        ui.horizontal_wrapped(draw);
    } else {
        draw(ui);
    }
}

fn passage_ui(
    ui: &mut Ui,
    case: &Case,
    paragraph: &str,
    quote: Option<&str>,
    style: Style,
    actions: &mut Vec<Action>,
) {
    let address = format!("¶ {paragraph}");
    let clicked = match (style, quote) {
        (Style::Compact, _) => {
            let hover = quote.map_or_else(|| "Show the paragraph".to_owned(), |q| format!("“{q}”"));
            ui.small_button(address).on_hover_text(hover).clicked()
        }
        (Style::Full, Some(q)) => ui
            .link(format!("“{q}”"))
            .on_hover_text(format!("Open {address} in the reader"))
            .clicked(),
        (Style::Full, None) => ui.link(address).clicked(),
        (Style::Static, q) => {
            if let Some(q) = q {
                ui.label(format!("“{q}”"));
            }
            ui.label(RichText::new(address).small().weak());
            false
        }
    };
    if clicked {
        actions.push(Action::OpenCase {
            case: case.id.clone(),
            at: Some(Passage {
                paragraph: paragraph.to_owned(),
                quote: quote.map(str::to_owned),
                range: None,
            }),
        });
    }
}

fn source_ui(ui: &mut Ui, case: &Case, id: &str, style: Style) {
    let source = case.source(id);
    let unconfirmed = source.is_some_and(crate::format::Source::is_unconfirmed);
    let citation = source.map_or(id, |s| s.citation.as_str());
    let mark = |text: RichText| {
        if unconfirmed {
            text.color(crate::ui::theme::status_color(
                ui.visuals(),
                crate::ui::theme::Status::Warning,
            ))
        } else {
            text
        }
    };
    if style == Style::Compact {
        let tag = if unconfirmed {
            format!("[{id}] unconfirmed")
        } else {
            format!("[{id}]")
        };
        ui.label(mark(RichText::new(tag).small()))
            .on_hover_text(citation);
    } else {
        let prefix = if unconfirmed {
            "Source (UNCONFIRMED)"
        } else {
            "Source"
        };
        ui.add(
            egui::Label::new(mark(RichText::new(format!("{prefix}: {citation}")).small())).wrap(),
        );
    }
}
