//! *Coded passages*: every highlight, facet and alliance coded with the chosen codes, across
//! the ticked cases (or all), in one list where only the visible rows are laid out.

use egui::{Label, RichText, ScrollArea, Sense, TextStyle, Ui};

use crate::codebook::Codebook;
use crate::notes::layers::{Coder, YOU};
use crate::search::coded::{CodedQuery, coded_by};
use crate::search::coded::{Mode, Passage};
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::code_picker::code_picker_ui;
use crate::workspace::{Action, Passage as Place, Workspace};

/// What the results were computed from: (generation, notes revision, codes, mode, scope,
/// author, revision of the layer choice).
type Key = (
    u64,
    u64,
    Vec<String>,
    Mode,
    Vec<String>,
    Option<String>,
    u64,
    bool,
);

/// Chosen codes, mode and the cached results.
#[derive(Default)]
pub struct CodedView {
    /// Chosen code ids.
    pub codes: Vec<String>,
    /// AND (every code) or OR (any code).
    pub mode: Mode,
    /// Only this author's passages (`None`: everyone's; [`YOU`] for your own notes).
    pub author: Option<String>,
    cache: Option<(Key, Vec<Passage>)>,
}

impl CodedView {
    /// Draws the view.
    /// `coders` are the shown layers' authors: their highlights are listed too, each with its
    /// author, and the author filter offers them.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        coders: &[Coder<'_>],
        actions: &mut Vec<Action>,
    ) {
        egui::CentralPanel::default().show(ui, |ui| {
            let book = ws.scope_codebook_with(coders);
            ui.horizontal(|ui| {
                ui.heading("Coded passages");
                let scope = if ws.compare.is_empty() {
                    "all cases"
                } else {
                    "the ticked cases"
                };
                ui.label(RichText::new(format!("in {scope}")).weak());
            });
            self.controls_ui(ui, &book, coders);
            let nothing_chosen = self.codes.is_empty();
            let found = self.results(ws, coders);
            ui.label(RichText::new(summary(found.len(), nothing_chosen)).weak());
            ui.separator();
            list_ui(ui, &book, found, actions);
        });
    }

    /// The code picker and the All/Any toggle.
    fn controls_ui(&mut self, ui: &mut Ui, book: &Codebook, coders: &[Coder<'_>]) {
        ui.horizontal(|ui| {
            code_picker_ui(ui, "coded-passages", "Codes", book, &mut self.codes);
            ui.selectable_value(&mut self.mode, Mode::And, "All codes")
                .on_hover_text("A passage carries every chosen code (or one under it)");
            ui.selectable_value(&mut self.mode, Mode::Or, "Any code")
                .on_hover_text("A passage carries at least one chosen code (or one under it)");
            self.author_ui(ui, coders);
        });
    }

    /// The author filter, when layers are shown: everyone, you, or one author.
    fn author_ui(&mut self, ui: &mut Ui, coders: &[Coder<'_>]) {
        if coders.iter().all(|c| c.key == YOU) {
            self.author = None;
            return;
        }
        let label = ui.label("Author");
        let shown = self.author.as_deref().unwrap_or("Everyone").to_owned();
        egui::ComboBox::from_id_salt("coded-author")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.author, None, "Everyone");
                ui.selectable_value(&mut self.author, Some(YOU.to_owned()), YOU);
                for c in coders.iter().filter(|c| c.key != YOU) {
                    ui.selectable_value(&mut self.author, Some(c.author.to_owned()), c.author);
                }
            })
            .response
            .labelled_by(label.id);
    }

    /// The passages for the current choice, recomputed only when it or the data changed.
    fn results(&mut self, ws: &Workspace, coders: &[Coder<'_>]) -> &[Passage] {
        let key: Key = (
            ws.generation,
            ws.notebook.revision,
            self.codes.clone(),
            self.mode,
            ws.compare.clone(),
            self.author.clone(),
            ws.class.revision,
            ws.hides_mine(),
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = if self.codes.is_empty() {
                Vec::new()
            } else {
                let scope = (!ws.compare.is_empty()).then_some(ws.compare.as_slice());
                let query = CodedQuery {
                    codes: &self.codes,
                    mode: self.mode,
                    scope,
                    author: self.author.as_deref(),
                    hide_mine: ws.hides_mine(),
                };
                coded_by(&ws.library, ws.notebook.file(), coders, &query)
            };
            self.cache = Some((key, found));
        }
        self.cache.as_ref().map_or(&[], |(_, v)| v.as_slice())
    }
}

/// "N passage(s)", or what to do first.
fn summary(count: usize, nothing_chosen: bool) -> String {
    if nothing_chosen {
        "Choose one or more codes to list the passages coded with them.".to_owned()
    } else {
        format!("{count} passage(s)")
    }
}

/// Every result in one scroll area; only the visible rows are laid out.
fn list_ui(ui: &mut Ui, book: &Codebook, found: &[Passage], actions: &mut Vec<Action>) {
    let line = ui.text_style_height(&TextStyle::Body);
    let spacing = ui.spacing().item_spacing.y;
    let row_height = 3.0 * (line + spacing) + theme::MATRIX_ROW_HEIGHT / 2.0;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, found.len(), |ui, range| {
            for p in &found[range] {
                ui.allocate_ui(egui::vec2(ui.available_width(), row_height), |ui| {
                    ui.set_height(row_height - spacing);
                    row_ui(ui, book, p, actions);
                });
            }
        });
}

/// One passage: case and what it is, code chips, the quote (click opens it), the comment.
fn row_ui(ui: &mut Ui, book: &Codebook, p: &Passage, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&p.title).strong());
        if let Some(author) = &p.author {
            ui.label(RichText::new(format!("by {author}")).italics());
        }
        ui.add(Label::new(RichText::new(&p.heading).weak()).truncate());
    });
    ui.horizontal(|ui| {
        for code in &p.codes {
            let fill = theme::code_color(book.color(code));
            chip_ui(ui, book.label(code), fill, Some(book.path_label(code)));
        }
    });
    let text = match (&p.quote, &p.citation) {
        (Some(q), _) => format!("“{q}”"),
        (None, Some(c)) => format!("Source: {c}"),
        (None, None) => p.paragraph.clone().unwrap_or_else(|| p.heading.clone()),
    };
    let mut line = text.clone();
    if let Some(c) = &p.comment {
        line.push_str(&format!("  · {c}"));
    }
    let response = ui
        .add(
            Label::new(RichText::new(line).color(ui.visuals().hyperlink_color))
                .truncate()
                .sense(Sense::click()),
        )
        .on_hover_text(match &p.paragraph {
            Some(a) => format!("Open ¶ {a} in the reader"),
            None => "Open the case".to_owned(),
        });
    if response.clicked() {
        actions.push(Action::OpenCase {
            case: p.case.clone(),
            at: p.paragraph.clone().map(|paragraph| Place {
                paragraph,
                quote: p.quote.clone(),
                range: None,
            }),
        });
    }
}
