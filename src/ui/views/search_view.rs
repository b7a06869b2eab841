//! The search panel: a field, and the hits of [`crate::search`] grouped by case. Enter, a click
//! or F3 / Shift+F3 open a hit in the reader with its match marked.

use egui::text::LayoutJob;
use egui::{Key, RichText, TextFormat, Ui};

use crate::search::{CaseHits, Hit, Index, Place, Query};
use crate::ui::theme;
use crate::workspace::{Action, Workspace};

/// One line of the results list.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// A case title: index into the results.
    Header(usize),
    /// A hit: case index, hit index, and its number among all hits.
    Hit(usize, usize, usize),
}

/// State of the search panel.
#[derive(Default)]
pub struct SearchView {
    /// The text typed.
    pub text: String,
    /// Index of the current hit among all hits, once one was opened or stepped to.
    pub current: Option<usize>,
    /// Focus the field on the next frame.
    pub focus_pending: bool,
    index: Option<(u64, Index)>,
    /// Generation, scope and text the results are for.
    results_key: Option<(u64, Option<String>, String)>,
    results: Vec<CaseHits>,
    rows: Vec<Row>,
    /// (case index, hit index) of every hit, in order.
    flat: Vec<(usize, usize)>,
    /// A popup, menu or combo box was open when the panel last drew: an Escape now closes
    /// that, not the panel (a menu drawn before the panel has already closed by then).
    popup_was_open: bool,
    /// The current hit changed by F3, Enter or a click: the list scrolls to keep it in sight.
    reveal_current: bool,
    /// The list's scroll offset and visible height when it last drew.
    list_view: (f32, f32),
}

impl SearchView {
    /// Rebuilds the index when the workspace changed and re-runs the query when the text or the
    /// scope changed.
    pub fn refresh(&mut self, ws: &Workspace) {
        let scope = ws.search.as_ref().and_then(|s| s.scope.clone());
        let key = (ws.generation, scope.clone(), self.text.clone());
        if self.results_key.as_ref() == Some(&key) {
            return;
        }
        let index = match self.index.take() {
            Some((g, index)) if g == ws.generation => index,
            _ => Index::build(&ws.library, Some(ws.notebook.file())),
        };
        let index = &self.index.insert((ws.generation, index)).1;
        self.results = Query::parse(&self.text)
            .map(|q| index.search(&q))
            .unwrap_or_default();
        if let Some(scope) = &scope {
            self.results.retain(|c| c.case == *scope);
        }
        self.rows.clear();
        self.flat.clear();
        for (c, case) in self.results.iter().enumerate() {
            self.rows.push(Row::Header(c));
            for h in 0..case.hits.len() {
                self.rows.push(Row::Hit(c, h, self.flat.len()));
                self.flat.push((c, h));
            }
        }
        self.current = None;
        self.results_key = Some(key);
    }

    /// True while the search index is being built on a worker thread.
    pub fn indexing(&self) -> bool {
        false
    }

    /// Number of hits listed.
    pub fn hit_count(&self) -> usize {
        self.flat.len()
    }

    /// Makes the next (or previous) hit current and returns the action that opens it.
    pub fn step(&mut self, ws: &Workspace, forward: bool) -> Option<Action> {
        self.refresh(ws);
        let n = self.flat.len();
        if n == 0 {
            return None;
        }
        let i = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.open(i)
    }

    /// Makes hit `i` current and returns the action that opens it.
    fn open(&mut self, i: usize) -> Option<Action> {
        let (c, h) = *self.flat.get(i)?;
        self.current = Some(i);
        self.reveal_current = true;
        let case = &self.results[c];
        Some(open_action(&case.case, &case.hits[h]))
    }

    /// Draws the panel's contents.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .hint_text("words, \"a phrase\"")
                    .desired_width(theme::LIBRARY_WIDTH),
            );
            let r = r.labelled_by(label.id);
            if std::mem::take(&mut self.focus_pending) {
                r.request_focus();
            }
            self.refresh(ws);
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let i = self.current.unwrap_or(0);
                actions.extend(self.open(i));
            }
            ui.label(self.count_text());
            if let Some(scope) = ws.search.as_ref().and_then(|s| s.scope.as_deref()) {
                let title = ws.library.case(scope).map(|c| c.title.as_str());
                ui.label(format!("in {}", title.unwrap_or(scope)));
                if ui.button("All cases").clicked() {
                    actions.push(Action::Search {
                        in_open_case: false,
                    });
                }
            }
            if ui.button("Close").clicked() {
                actions.push(Action::CloseSearch);
            }
        });
        let no_modal = ui.ctx().memory(|m| m.top_modal_layer().is_none());
        let popup = egui::Popup::is_any_open(ui.ctx());
        let for_popup = std::mem::replace(&mut self.popup_was_open, popup) || popup;
        if no_modal && !for_popup && ui.input(|i| i.key_pressed(Key::Escape)) {
            actions.push(Action::CloseSearch);
        }
        ui.separator();
        self.results_ui(ui, actions);
    }

    /// "3 / 17", "17 hits" or "No hits".
    fn count_text(&self) -> String {
        match (self.current, self.flat.len()) {
            (_, 0) if Query::parse(&self.text).is_none() => String::new(),
            (_, 0) => "No hits".into(),
            (Some(i), n) => format!("{} / {n}", i + 1),
            (None, 1) => "1 hit".into(),
            (None, n) => format!("{n} hits"),
        }
    }

    fn results_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let row_height = ui.text_style_height(&egui::TextStyle::Button) + 6.0;
        let rows = self.rows.len();
        let mut clicked = None;
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if std::mem::take(&mut self.reveal_current)
            && let Some(offset) = self.offset_to_reveal(row_height + ui.spacing().item_spacing.y)
        {
            area = area.vertical_scroll_offset(offset);
        }
        let out = area.show_rows(ui, row_height, rows, |ui, range| {
            for row in &self.rows[range] {
                match *row {
                    Row::Header(c) => {
                        ui.label(RichText::new(&self.results[c].title).strong());
                    }
                    Row::Hit(c, h, i) => {
                        let hit = &self.results[c].hits[h];
                        let selected = self.current == Some(i);
                        if ui.selectable_label(selected, hit_job(ui, hit)).clicked() {
                            clicked = Some(i);
                        }
                    }
                }
            }
        });
        self.list_view = (out.state.clamped_offset().y, out.inner_rect.height());
        if let Some(i) = clicked {
            actions.extend(self.open(i));
            // A clicked row is in sight already.
            self.reveal_current = false;
        }
    }

    /// The scroll offset that brings the current hit's row into the list's sight (rows of
    /// `step` points), or `None` when it is in sight already.
    fn offset_to_reveal(&self, step: f32) -> Option<f32> {
        let current = self.current?;
        let row = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Hit(_, _, i) if *i == current))?;
        let (offset, height) = self.list_view;
        #[expect(clippy::cast_precision_loss, reason = "row numbers are far below 2^23")]
        let top = row as f32 * step;
        let in_sight = top >= offset && top + step <= offset + height;
        // Centred, so the rows around it show too.
        (!in_sight).then(|| (top - (height - step) / 2.0).max(0.0))
    }
}

/// The action opening `hit` of `case`: the reader at the hit, marked.
fn open_action(case: &str, hit: &Hit) -> Action {
    Action::OpenHit {
        case: case.to_owned(),
        place: hit.place.clone(),
        range: (hit.range.start, hit.range.end),
    }
}

/// Where a hit is, in words.
fn place_text(place: &Place) -> String {
    match place {
        Place::Paragraph { section, paragraph } => format!("¶ {section}/{paragraph}"),
        other => other.to_string(),
    }
}

/// A hit's place and its snippet with the match in the focus colour.
fn hit_job(ui: &Ui, hit: &Hit) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
    let weak = TextFormat::simple(font.clone(), ui.visuals().weak_text_color());
    let marked = TextFormat {
        background: theme::FOCUS_BG,
        ..TextFormat::simple(font, theme::FOCUS_FG)
    };
    let mut job = LayoutJob::default();
    job.append(&format!("{}  ", place_text(&hit.place)), 0.0, weak);
    let text = &hit.snippet.text;
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let (start, end) = (byte(hit.snippet.mark.start), byte(hit.snippet.mark.end));
    job.append(&text[..start], 0.0, plain.clone());
    job.append(&text[start..end], 0.0, marked);
    job.append(&text[end..], 0.0, plain);
    job
}
