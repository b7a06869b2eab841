//! The reader's text: the case's title, meta and sources, its narrative (paragraphs painted
//! with the highlights, the focus marked, the shown layers' density in the margin), and its
//! alliances.

use std::collections::HashMap;

use egui::{Align, RichText, Ui};

use super::highlight::Selection;
use super::located::Marks;
use super::shared::{SpotMark, evidence_ui};
use crate::codebook::Codebook;
use crate::format::Case;
use crate::search::Place;
use crate::ui::theme;
use crate::ui::widgets::density::{BAND_GAP, BAND_WIDTH, density_band_ui};
use crate::ui::widgets::in_sight::out_of_sight;
use crate::ui::widgets::paragraph::{SelectableOutput, find_chars, selectable_paragraph_ui};
use crate::workspace::{Action, Focus};

/// The case's title, subtitle, meta and sources.
pub fn header_ui(ui: &mut Ui, case: &Case, mark: SpotMark<'_>) {
    ui.add_space(6.0);
    ui.heading(RichText::new(&case.title).size(theme::TITLE_SIZE));
    if let Some(sub) = &case.subtitle {
        let r = ui.label(RichText::new(sub).italics());
        mark.mark(ui, &r, mark.is(|s| s.place == Place::Subtitle));
    }
    let m = &case.meta;
    egui::Grid::new("meta")
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            let mut row = |label: &str, field: &str, value: String| {
                if !value.is_empty() {
                    ui.label(RichText::new(label).weak());
                    // Text in a grid does not wrap unless asked: the value takes what is left.
                    let r = ui.add(egui::Label::new(value).wrap());
                    mark.mark(ui, &r, mark.is(|s| s.is_meta(field)));
                    ui.end_row();
                }
            };
            row("Organisations", "organisations", m.organisations.join(", "));
            row("Period", "period", m.period.clone().unwrap_or_default());
            row("Region", "region", m.region.clone().unwrap_or_default());
            row(
                "Industry",
                "industry",
                m.industry.clone().unwrap_or_default(),
            );
            row("Tags", "tags", m.tags.join(", "));
            row("Authors", "authors", m.authors.join(", "));
            row("Licence", "license", m.license.clone().unwrap_or_default());
        });
    let on_sources = mark.is(|s| s.is_meta("sources"));
    let sources = egui::CollapsingHeader::new(format!("Sources ({})", m.sources.len()))
        .id_salt("sources")
        .default_open(true)
        .open((mark.jump && on_sources).then_some(true))
        .show(ui, |ui| {
            for s in &m.sources {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("[{}]", s.id)).monospace());
                    if s.is_unconfirmed() {
                        ui.label(RichText::new("UNCONFIRMED").small().strong().color(
                            crate::ui::theme::status_color(
                                ui.visuals(),
                                crate::ui::theme::Status::Warning,
                            ),
                        ))
                        .on_hover_text("Not checked against a primary source: treat with care.");
                    }
                    ui.label(&s.citation);
                    if let Some(url) = &s.url {
                        ui.hyperlink(url);
                    }
                });
            }
        });
    let rect = sources
        .body_response
        .as_ref()
        .map_or(sources.header_response.rect, |b| {
            b.rect.union(sources.header_response.rect)
        });
    mark.mark_in(ui, rect, &sources.header_response, on_sources);
    ui.separator();
}

/// The height each paragraph of a case took when last drawn at a width: a paragraph out of
/// sight takes its place without being rendered and laid out (a case's whole text laid out
/// again, when a panel opened and the width changed, made the slowest frames of a session).
#[derive(Debug, Default)]
pub struct Heights {
    /// The case and the width the heights are for.
    of: (String, f32),
    /// Height by `section/paragraph`, with the space after it.
    by_address: HashMap<String, f32>,
}

impl Heights {
    /// Forgets every height unless they are for `case` at `width`.
    pub(super) fn keep_for(&mut self, case: &str, width: f32) {
        if self.of.0 != case || self.of.1 != width {
            *self = Self {
                of: (case.to_owned(), width),
                by_address: HashMap::new(),
            };
        }
    }

    /// The remembered height of `key`, if drawn at this width.
    pub(super) fn get(&self, key: &str) -> Option<f32> {
        self.by_address.get(key).copied()
    }

    /// Remembers the height of `key`, with the space after it.
    pub(super) fn set(&mut self, key: &str, height: f32) {
        self.by_address.insert(key.to_owned(), height);
    }

    /// The remembered height of `address`, else a guess from its length.
    fn of(&self, ui: &Ui, address: &str, chars: usize) -> f32 {
        if let Some(h) = self.by_address.get(address) {
            return *h;
        }
        let line = theme::BODY_SIZE * 1.4;
        // About half an em a character.
        let per_line = (ui.available_width() / (theme::BODY_SIZE * 0.5)).max(1.0);
        (chars as f32 / per_line).ceil().max(1.0) * line + ui.spacing().item_spacing.y
    }
}

/// The sections and their paragraphs, painted with the marks `by_paragraph`, beside the shown
/// layers' `density` band; the paragraph of `focus` is marked and scrolled to, and a text
/// selected becomes the `current` selection; `in_sight` becomes the first paragraph in sight
/// once the text is scrolled past its start. Paragraphs out of sight keep their place
/// (`heights`) and their accessible name, and are drawn when scrolled to.
pub fn narrative_ui(
    ui: &mut Ui,
    case: &Case,
    by_paragraph: &Marks,
    current: &mut Option<Selection>,
    density: Option<&crate::agreement::density::Density>,
    mut focus: Option<&mut Focus>,
    (in_sight, heights): (&mut Option<String>, &mut Heights),
) {
    let top = ui.clip_rect().top();
    // While the start of the text shows, the view is the case's opening.
    let mut seen = ui.cursor().top() >= top;
    *in_sight = None;
    let of = (case.id.clone(), ui.available_width());
    if heights.of != of {
        *heights = Heights {
            of,
            by_address: HashMap::new(),
        };
    }
    for section in &case.sections {
        ui.add_space(8.0);
        ui.label(
            RichText::new(&section.title)
                .size(theme::SECTION_SIZE)
                .strong(),
        );
        for p in &section.paragraphs {
            let address = format!("{}/{}", section.id, p.id);
            let here = focus.as_deref().filter(|f| f.paragraph == address);
            let mark = here.map(|f| focus_mark(f, &p.text));
            ui.add_space(4.0);
            let pending = here.is_some_and(|f| f.scroll_pending);
            let selected = current.as_ref().is_some_and(|s| s.paragraph == address);
            let height = heights.of(ui, &address, p.text.len());
            if !pending && !selected && out_of_sight(ui, height) {
                let rect = place_ui(ui, &address, height);
                if !seen && rect.top() >= top {
                    seen = true;
                    *in_sight = Some(address.clone());
                }
                continue;
            }
            let y0 = ui.cursor().top();
            let marks = by_paragraph
                .get(&address)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let draw = |ui: &mut Ui| {
                selectable_paragraph_ui(
                    ui,
                    &format!("para-{}-{address}", case.id),
                    &format!("Paragraph {address}"),
                    &p.text,
                    marks,
                    mark,
                )
            };
            let out = match density.filter(|d| d.total > 0) {
                Some(d) => with_band_ui(ui, &address, d, p.text.chars().count(), draw),
                None => draw(ui),
            };
            if !seen && out.response.rect.top() >= top {
                seen = true;
                *in_sight = Some(address.clone());
            }
            if out.focused {
                let selection = out.selection.map(|range| Selection {
                    paragraph: address.clone(),
                    text: p.text.chars().skip(range.start).take(range.len()).collect(),
                    range,
                });
                if selection != *current {
                    // The highlight bar above was drawn from the old selection.
                    ui.ctx().request_repaint();
                    *current = selection;
                }
            }
            if let Some(f) = focus.as_deref_mut()
                && f.paragraph == address
                && f.scroll_pending
            {
                out.response.scroll_to_me(Some(Align::Center));
                f.scroll_pending = false;
            }
            heights.by_address.insert(address, ui.cursor().top() - y0);
        }
    }
}

/// The place of a paragraph out of sight, `height` tall with the space after it, under the
/// paragraph's accessible name (a screen reader still lists it).
fn place_ui(ui: &mut Ui, address: &str, height: f32) -> egui::Rect {
    let size = egui::vec2(ui.available_width(), height - ui.spacing().item_spacing.y);
    let (rect, place) = ui.allocate_exact_size(size, egui::Sense::hover());
    place.widget_info(|| {
        let name = format!("Paragraph {address}");
        egui::WidgetInfo::labeled(egui::Role::Paragraph, true, name)
    });
    rect
}

/// A paragraph drawn by `draw` with the density band in the margin on its left.
fn with_band_ui(
    ui: &mut Ui,
    address: &str,
    density: &crate::agreement::density::Density,
    chars: usize,
    draw: impl FnOnce(&mut Ui) -> SelectableOutput,
) -> SelectableOutput {
    let inner = ui.horizontal_top(|ui| {
        let left = ui.cursor().left();
        ui.add_space(BAND_WIDTH + BAND_GAP);
        let out = draw(ui);
        let text = out.response.rect;
        let band = egui::Rect::from_min_max(
            egui::pos2(left, text.top()),
            egui::pos2(left + BAND_WIDTH, text.bottom()),
        );
        let total = density.total;
        density_band_ui(
            ui,
            band,
            address,
            density.paragraphs.get(address),
            total,
            chars,
        );
        out
    });
    inner.inner
}

/// The case's alliances with their codes and evidence, under the narrative.
pub fn alliances_ui(
    ui: &mut Ui,
    case: &Case,
    book: &Codebook,
    mark: SpotMark<'_>,
    actions: &mut Vec<Action>,
) {
    if case.alliances.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new("Alliances")
            .size(theme::SECTION_SIZE)
            .strong(),
    );
    let labels = |ids: &[crate::format::Id]| {
        ids.iter()
            .map(|c| book.label(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows: Vec<AllianceRow<'_>> = case
        .alliances
        .iter()
        .map(|a| AllianceRow {
            alliance: a,
            coded: [
                labels(&a.types),
                labels(&a.rationale),
                a.phase
                    .as_deref()
                    .map(|p| book.label(p).to_owned())
                    .unwrap_or_default(),
            ],
        })
        .collect();
    alliance_list_ui(ui, case, &rows, mark, actions);
}

/// An alliance of the reader's case with its code labels: types, rationale and phase.
struct AllianceRow<'a> {
    alliance: &'a crate::format::Alliance,
    coded: [String; 3],
}

/// The names of [`AllianceRow::coded`].
const ALLIANCE_CODED: [&str; 3] = ["Types", "Rationale", "Phase"];

/// The alliances one under another, each wrapped to the reading width (a six-column table
/// broke words and evidence buttons at any reading width; the Alliances tab is the table).
fn alliance_list_ui(
    ui: &mut Ui,
    case: &Case,
    rows: &[AllianceRow<'_>],
    mark: SpotMark<'_>,
    actions: &mut Vec<Action>,
) {
    for row in rows {
        let a = row.alliance;
        ui.add_space(6.0);
        let top = ui.cursor().top();
        let partner = ui
            .horizontal_wrapped(|ui| {
                let partner = ui.label(RichText::new(&a.partner).strong());
                if let Some(s) = &a.summary {
                    partner.clone().on_hover_text(s);
                }
                ui.label(RichText::new(a.status.as_str()).weak());
                partner
            })
            .inner;
        for (name, text) in ALLIANCE_CODED.iter().zip(&row.coded) {
            if !text.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(*name).weak());
                    ui.label(text);
                });
            }
        }
        evidence_ui(ui, case, &a.evidence, actions);
        let rect = egui::Rect::from_x_y_ranges(ui.min_rect().x_range(), top..=ui.cursor().top());
        mark.mark_in(ui, rect, &partner, mark.is(|s| s.is_alliance(&a.id)));
    }
}

/// The characters of `text` to mark for `focus`: its range when given (and inside the text),
/// else the quote's first occurrence, else the whole paragraph.
pub fn focus_mark(focus: &Focus, text: &str) -> std::ops::Range<usize> {
    let len = text.chars().count();
    match (&focus.range, &focus.quote) {
        (Some((start, end)), _) if start < end && *end <= len => *start..*end,
        (_, Some(q)) => find_chars(text, q).unwrap_or(0..len),
        _ => 0..len,
    }
}
