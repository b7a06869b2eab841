//! The case reader: title, meta, sources, narrative, facets by group, alliances, questions.

use std::collections::HashMap;
use std::ops::Range;

use egui::{Align, Color32, RichText, Ui};
use serde_json::Value;

use crate::codebook::Codebook;
use crate::format::{Audience, Case, Dimension, Evidence, Facet, Framework, ItemKind, Kind};
use crate::library::Library;
use crate::notes::book::NoteBook;
use crate::notes::check;
use crate::ui::layout::{self, SideSlot};
use crate::ui::theme;
use crate::ui::views::notes_view::NotesPanel;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::code_picker::code_picker_ui;
use crate::ui::widgets::evidence::{EvidenceRef, Style};
use crate::ui::widgets::paragraph::{find_chars, selectable_paragraph_ui};
use crate::workspace::{Action, Edit, Focus};

/// Which list the reader's side panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// Facets by group.
    #[default]
    Facets,
    /// The user's notes on this case.
    Notes,
}

/// A text selection in one paragraph (raw char offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// `section/paragraph`.
    pub paragraph: String,
    /// Raw char range.
    pub range: Range<usize>,
    /// The selected text.
    pub text: String,
}

/// Highlights of the open case, located in the current text (re-anchoring can be costly,
/// so it runs once per notes or library change, not every frame).
#[derive(Default)]
pub struct Located {
    key: (String, u64, u64, u64),
    by_paragraph: HashMap<String, Vec<(Range<usize>, Color32)>>,
    /// Where each highlight of the case sits now, by item id.
    pub states: HashMap<String, (check::AnchorState, Option<(usize, usize)>)>,
}

/// The reader's own state: selection, highlight draft, side tab.
#[derive(Default)]
pub struct ReaderView {
    /// Side panel tab.
    pub tab: SideTab,
    /// Current selection, kept while the user picks codes.
    pub selection: Option<Selection>,
    draft_codes: Vec<String>,
    draft_comment: String,
    located: Located,
    /// Notes panel state.
    pub notes: NotesPanel,
    /// Set by the Highlight command; the bar adds the highlight when it is next drawn.
    pub highlight_requested: bool,
    /// Whether the Facets/Notes panel shows this frame (the app decides, by the window's width).
    pub side: SideSlot,
    /// Where the shown layers' authors marked the open case, with a stamp that changes when it
    /// is recomputed (the app sets it every frame; `None`: no layer is shown).
    pub density: Option<(u64, std::sync::Arc<crate::class::Density>)>,
}

/// What the reader needs from the workspace.
pub struct ReaderInput<'a> {
    /// The open case.
    pub case: &'a Case,
    /// Its framework.
    pub framework: Option<&'a Framework>,
    /// Labels, colours and hierarchy of the framework's and the user's codes.
    pub codebook: &'a Codebook,
    /// Other cases of the same framework (id, title) for "Compare with…".
    pub others: &'a [(String, String)],
    /// Everything loaded (to locate highlights).
    pub library: &'a Library,
    /// The user's notes.
    pub notebook: &'a NoteBook,
    /// Other people's notes shown beside the user's, never written (a lecturer's file).
    pub references: &'a [crate::notes::session::ReferenceLayer],
    /// Workspace generation (cache key).
    pub generation: u64,
    /// Show instructor questions.
    pub show_instructor: bool,
}

impl ReaderView {
    /// Draws the reader. `focus` is the passage to scroll to and mark.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        focus: Option<&mut Focus>,
        actions: &mut Vec<Action>,
    ) {
        let case = input.case;
        self.locate(input);
        if self
            .selection
            .as_ref()
            .is_some_and(|s| case.paragraph(&s.paragraph).is_none())
        {
            self.selection = None;
        }
        if self.side.shown {
            self.side_panel_ui(ui, input, actions);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            // The text gets the panel's own width: a wider row above (the bar in a very
            // narrow window) must not widen the text under the side panel.
            let panel = ui.available_rect_before_wrap();
            self.highlight_bar_ui(ui, input, actions);
            let below =
                egui::Rect::from_min_max(egui::pos2(panel.left(), ui.cursor().top()), panel.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(below), |ui| {
                self.text_ui(ui, input, focus, actions);
            });
        });
    }

    /// The case text and what follows it, wrapped to the reading width or less.
    fn text_ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        focus: Option<&mut Focus>,
        actions: &mut Vec<Action>,
    ) {
        let case = input.case;
        egui::ScrollArea::vertical()
            .id_salt(("reader", &case.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
                header_ui(ui, case);
                if !input.others.is_empty() {
                    ui.menu_button("Compare with…", |ui| {
                        for (id, title) in input.others {
                            if ui.button(title).clicked() {
                                actions.push(Action::CompareWith(id.clone()));
                            }
                        }
                    });
                }
                let density = self.density.clone();
                self.narrative_ui(ui, case, density.as_ref().map(|(_, d)| &**d), focus);
                alliances_ui(ui, case, input.codebook, actions);
                questions_ui(ui, input, actions);
            });
    }

    /// The Facets/Notes panel on the right, no wider than leaves the text its reading width.
    fn side_panel_ui(&mut self, ui: &mut Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
        let case = input.case;
        egui::Panel::right("facets-panel")
            .resizable(true)
            .default_size(theme::FACETS_PANEL_WIDTH)
            .max_size(layout::max_panel_width(
                ui.available_width(),
                self.side.main_min,
            ))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, SideTab::Facets, "Facets");
                    let n = input
                        .notebook
                        .items()
                        .filter(|i| i.case.as_deref() == Some(case.id.as_str()) || i.case.is_none())
                        .count();
                    ui.selectable_value(&mut self.tab, SideTab::Notes, format!("Notes ({n})"));
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("facets-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| match self.tab {
                        SideTab::Facets => {
                            facets_ui(ui, case, input.framework, input.codebook, actions);
                        }
                        SideTab::Notes => {
                            self.notes.ui(ui, input, &self.located.states, actions);
                        }
                    });
            });
    }

    /// Finds where each highlight of the open case sits now (cached per notes revision).
    fn locate(&mut self, input: &ReaderInput<'_>) {
        let key = (
            input.case.id.clone(),
            input.generation + input.references.len() as u64,
            input.notebook.revision,
            self.density.as_ref().map_or(0, |(stamp, _)| *stamp),
        );
        if self.located.key == key && self.located.key.0 == input.case.id {
            return;
        }
        let mut by_paragraph: HashMap<String, Vec<(Range<usize>, Color32)>> = HashMap::new();
        // The shown layers first and faint (stronger where more authors marked the text), so
        // the user's own highlights draw over them.
        if let Some((_, density)) = self.density.as_ref().filter(|(_, d)| d.total > 0) {
            for (paragraph, d) in &density.paragraphs {
                let marks = by_paragraph.entry(paragraph.clone()).or_default();
                for (range, count) in &d.segments {
                    let share = *count as f32 / density.total as f32;
                    let color = theme::REFERENCE_HIGHLIGHT.gamma_multiply(0.35 + 0.65 * share);
                    marks.push((range.clone(), color));
                }
            }
        }
        let mut states = HashMap::new();
        for item in input.notebook.items().filter(|i| {
            i.kind == ItemKind::Highlight && i.case.as_deref() == Some(input.case.id.as_str())
        }) {
            let Some(target) = &item.target else { continue };
            let (state, range) = check::locate(input.library, &input.case.id, target);
            states.insert(item.id.clone(), (state, range));
            if let Some((start, end)) = range {
                let color =
                    code_color(input, item.codes.first().map(String::as_str)).gamma_multiply(0.55);
                by_paragraph
                    .entry(target.paragraph.clone().unwrap_or_default())
                    .or_default()
                    .push((start..end, color));
            }
        }
        self.located = Located {
            key,
            by_paragraph,
            states,
        };
    }

    /// The bar above the text: the selection's quote, the code picker, Highlight and Cancel on
    /// one line, and under them the comment box across the bar (it grows with its text, then
    /// scrolls). Disabled without a selection.
    fn highlight_bar_ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        actions: &mut Vec<Action>,
    ) {
        // The bar is always there (disabled without a selection) so the text does not jump
        // under the pointer while the user is selecting.
        let sel = self.selection.clone();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let text = match &sel {
                    Some(sel) => {
                        let preview: String = sel.text.chars().take(70).collect();
                        let more = if sel.text.chars().count() > 70 {
                            "…"
                        } else {
                            ""
                        };
                        RichText::new(format!("“{preview}{more}”")).italics()
                    }
                    None => RichText::new("Select text in a paragraph to highlight it.").weak(),
                };
                ui.add(egui::Label::new(text).truncate());
            });
            ui.add_enabled_ui(sel.is_some(), |ui| {
                ui.horizontal(|ui| {
                    code_picker_ui(
                        ui,
                        "highlight-codes",
                        "Codes",
                        input.codebook,
                        &mut self.draft_codes,
                    );
                    self.highlight_buttons_ui(ui, sel.as_ref(), actions);
                });
                comment_box_ui(ui, &mut self.draft_comment);
            });
        });
    }

    /// Highlight (also the command table's Ctrl+Enter) and Cancel.
    fn highlight_buttons_ui(
        &mut self,
        ui: &mut Ui,
        sel: Option<&Selection>,
        actions: &mut Vec<Action>,
    ) {
        // The shortcut is the command table's (Ctrl+Enter): Ctrl+H would also delete a
        // character in the comment box.
        let pressed = std::mem::take(&mut self.highlight_requested);
        let button = ui.button("Highlight").on_hover_text(format!(
            "Highlight the selection ({})",
            ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(
                egui::Modifiers::COMMAND,
                egui::Key::Enter
            ))
        ));
        if let Some(sel) = sel
            && (button.clicked() || pressed)
        {
            actions.push(Action::Edit(Edit::AddHighlight {
                paragraph: sel.paragraph.clone(),
                start: sel.range.start,
                end: sel.range.end,
                codes: std::mem::take(&mut self.draft_codes),
                comment: std::mem::take(&mut self.draft_comment),
            }));
            self.selection = None;
            // A fresh undo history: Ctrl+Z in the empty box must not bring this comment back.
            let id = comment_id();
            if let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), id) {
                state.set_undoer(Default::default());
                state.store(ui.ctx(), id);
            }
        }
        if ui.button("Cancel").clicked() {
            self.selection = None;
        }
    }

    fn narrative_ui(
        &mut self,
        ui: &mut Ui,
        case: &Case,
        density: Option<&crate::class::Density>,
        mut focus: Option<&mut Focus>,
    ) {
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
                let marks = self
                    .located
                    .by_paragraph
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
                if out.focused {
                    let selection = out.selection.map(|range| Selection {
                        paragraph: address.clone(),
                        text: p.text.chars().skip(range.start).take(range.len()).collect(),
                        range,
                    });
                    if selection != self.selection {
                        // The highlight bar above was drawn from the old selection.
                        ui.ctx().request_repaint();
                        self.selection = selection;
                    }
                }
                if let Some(f) = focus.as_deref_mut()
                    && f.paragraph == address
                    && f.scroll_pending
                {
                    out.response.scroll_to_me(Some(Align::Center));
                    f.scroll_pending = false;
                }
            }
        }
    }
}

/// A paragraph drawn by `draw` with the density band in the margin on its left.
fn with_band_ui(
    ui: &mut Ui,
    address: &str,
    density: &crate::class::Density,
    chars: usize,
    draw: impl FnOnce(&mut Ui) -> crate::ui::widgets::paragraph::SelectableOutput,
) -> crate::ui::widgets::paragraph::SelectableOutput {
    use crate::ui::widgets::density::{BAND_GAP, BAND_WIDTH, density_band_ui};
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

/// The id of the highlight bar's comment box (its undo history lives under it).
fn comment_id() -> egui::Id {
    egui::Id::unique("highlight-comment")
}

/// The comment of the next highlight: as wide as the bar, one line that grows with the text
/// up to [`theme::COMMENT_MAX_HEIGHT`], then scrolls.
fn comment_box_ui(ui: &mut Ui, comment: &mut String) {
    // Top-aligned: a centred row would place the box in the middle of the scroll area's
    // minimum height, under a label left at the top.
    ui.horizontal_top(|ui| {
        let label = ui.label("Comment");
        egui::ScrollArea::vertical()
            .id_salt("highlight-comment-scroll")
            .max_height(theme::COMMENT_MAX_HEIGHT)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(comment)
                        .id(comment_id())
                        .desired_rows(1)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
    });
}

/// Label of a code (yours or the framework's); its id when unknown.
pub fn code_label(input: &ReaderInput<'_>, id: &str) -> String {
    input.codebook.label(id).to_owned()
}

/// Colour of a code (user or framework); a neutral yellow for uncoded highlights.
pub fn code_color(input: &ReaderInput<'_>, id: Option<&str>) -> Color32 {
    id.map_or(theme::UNCODED_HIGHLIGHT, |id| {
        theme::code_color(input.codebook.color(id))
    })
}

fn header_ui(ui: &mut Ui, case: &Case) {
    ui.add_space(6.0);
    ui.heading(RichText::new(&case.title).size(theme::TITLE_SIZE));
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
                    // Text in a grid does not wrap unless asked: the value takes what is left.
                    ui.add(egui::Label::new(value).wrap());
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

fn facets_ui(
    ui: &mut Ui,
    case: &Case,
    framework: Option<&Framework>,
    book: &Codebook,
    actions: &mut Vec<Action>,
) {
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
                            Some(facet) => facet_ui(ui, case, book, dim, facet, actions),
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
    book: &Codebook,
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

fn evidence_ui(ui: &mut Ui, case: &Case, evidence: &[Evidence], actions: &mut Vec<Action>) {
    let refs: Vec<EvidenceRef<'_>> = evidence.iter().map(EvidenceRef::from).collect();
    crate::ui::widgets::evidence::evidence_ui(ui, case, &refs, Style::Compact, actions);
}

fn alliances_ui(ui: &mut Ui, case: &Case, book: &Codebook, actions: &mut Vec<Action>) {
    if case.alliances.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new("Alliances")
            .size(theme::SECTION_SIZE)
            .strong(),
    );
    let labels = |ids: &[String]| {
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
    alliance_list_ui(ui, case, &rows, actions);
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
fn alliance_list_ui(ui: &mut Ui, case: &Case, rows: &[AllianceRow<'_>], actions: &mut Vec<Action>) {
    for row in rows {
        let a = row.alliance;
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            let partner = ui.label(RichText::new(&a.partner).strong());
            if let Some(s) = &a.summary {
                partner.on_hover_text(s);
            }
            ui.label(RichText::new(a.status.as_str()).weak());
        });
        for (name, text) in ALLIANCE_CODED.iter().zip(&row.coded) {
            if !text.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(*name).weak());
                    ui.label(text);
                });
            }
        }
        evidence_ui(ui, case, &a.evidence, actions);
    }
}

/// The case's questions, each student question with its answer box; the instructor
/// questions behind a toggle.
fn questions_ui(ui: &mut Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
    let case = input.case;
    if case.questions.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new("Questions")
            .size(theme::SECTION_SIZE)
            .strong(),
    );
    let mut n = 0;
    for q in &case.questions {
        let instructor = q.audience == Audience::Instructor;
        if instructor && !input.show_instructor {
            continue;
        }
        n += 1;
        let prefix = if instructor { "Instructor: " } else { "" };
        ui.label(RichText::new(format!("{n}. {prefix}{}", q.text)).size(theme::BODY_SIZE));
        if !instructor {
            answer_ui(ui, input, &q.id, actions);
            ui.add_space(8.0);
        }
    }
    let hidden = case
        .questions
        .iter()
        .filter(|q| q.audience == Audience::Instructor)
        .count();
    if hidden > 0 {
        let text = if input.show_instructor {
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

fn answer_focus_key() -> egui::Id {
    egui::Id::unique("caselens-answer-box-focused")
}

/// True while an answer box has the keyboard focus (its Ctrl+Enter saves the answer, so the
/// app's Highlight command has nothing to say).
pub fn answer_has_focus(ctx: &egui::Context) -> bool {
    let focused = ctx.memory(egui::Memory::focused);
    focused.is_some() && ctx.data(|d| d.get_temp::<egui::Id>(answer_focus_key())) == focused
}

/// The answer box of one question: shows the saved answer; what is typed is kept as a draft
/// and saved (one undoable [`Edit::Answer`]) when the box loses focus or on Ctrl+Enter, not on
/// every keystroke.
fn answer_ui(ui: &mut Ui, input: &ReaderInput<'_>, question: &str, actions: &mut Vec<Action>) {
    let case = &input.case.id;
    let id = egui::Id::unique(("answer", case, question));
    let draft_id = id.with("draft");
    let saved = input
        .notebook
        .answer_to(case, question)
        .and_then(|i| i.text.clone())
        .unwrap_or_default();
    let mut draft = ui
        .data(|d| d.get_temp::<String>(draft_id))
        .unwrap_or_else(|| saved.clone());
    let r = ui.add(
        egui::TextEdit::multiline(&mut draft)
            .id(id)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("Your answer"),
    );
    let name = format!("Answer to {question}");
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label(name));
    // The command table takes Ctrl+Enter's key press; the held keys still show it.
    let ctrl_enter = r.has_focus()
        && ui.input_mut(|i| {
            let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Enter);
            i.consume_shortcut(&shortcut) || (i.modifiers.command && i.key_down(egui::Key::Enter))
        });
    let commit = (r.lost_focus() || ctrl_enter) && draft != saved;
    if commit {
        actions.push(Action::Edit(Edit::Answer {
            case: case.clone(),
            question: question.to_owned(),
            text: draft.clone(),
        }));
    }
    let hint = if commit || (draft == saved && !saved.is_empty()) {
        "Saved"
    } else if draft != saved {
        "Not saved yet: Ctrl+Enter or leave the box to save"
    } else {
        ""
    };
    if !hint.is_empty() {
        ui.label(RichText::new(hint).small().weak());
    }
    if r.has_focus() {
        ui.data_mut(|d| {
            d.insert_temp(draft_id, draft);
            d.insert_temp(answer_focus_key(), r.id);
        });
    } else {
        ui.data_mut(|d| d.remove_temp::<String>(draft_id));
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
