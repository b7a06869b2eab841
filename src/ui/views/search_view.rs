//! The search panel: a field, and the hits of [`crate::search`] grouped by case. Enter, a click
//! or F3 / Shift+F3 open a hit in the reader with its match marked.

use egui::text::LayoutJob;
use egui::{Key, RichText, TextFormat, Ui};

use std::sync::Arc;

use crate::jobs::{Job, Poll};
use crate::search::{CaseHits, Hit, Index, Place, Query};
use crate::ui::theme;
use crate::workspace::{Action, Workspace};

/// Hits above which the list replaced by new results is freed on a worker thread.
const FREED_OFF_THREAD: usize = 1_000;
/// Cases plus notes items up to which the index is built in the frame (the bundled cases and
/// a course's notes take a few milliseconds); above, on a worker thread.
pub const INLINE_INDEX_TEXTS: usize = 200;

/// Generation of the index, scope and text of a query's results.
type ResultsKey = (u64, Option<String>, String);

/// One line of the results list.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// A case title: index into the results.
    Header(usize),
    /// A hit: case index, hit index, and its number among all hits.
    Hit(usize, usize, usize),
}

/// State of the search panel.
pub struct SearchView {
    /// The text typed.
    pub text: String,
    /// Index of the current hit among all hits, once one was opened or stepped to.
    pub current: Option<usize>,
    /// Focus the field on the next frame.
    pub focus_pending: bool,
    /// Cases plus notes items up to which the index is built in the frame
    /// ([`INLINE_INDEX_TEXTS`]; tests set 0 to take the worker's path).
    pub inline_texts: usize,
    /// The index serving queries, and the workspace generation it was built for: an older
    /// one serves until the new one is ready.
    index: Option<(u64, Arc<Index>)>,
    /// The index of a newer generation, being built on a worker thread.
    indexing: Option<(u64, Job<Index>)>,
    /// The generation whose index could not be built, and why (not tried again until the
    /// workspace changes).
    index_error: Option<(u64, String)>,
    /// Generation of the index, scope and text the results are for.
    results_key: Option<ResultsKey>,
    /// The index was built in the frame (a small library): queries run there too; else on a
    /// worker thread.
    index_inline: bool,
    /// A query running on a worker thread, and what it is for.
    querying: Option<(ResultsKey, Job<Vec<CaseHits>>)>,
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

impl Default for SearchView {
    fn default() -> Self {
        Self {
            text: String::new(),
            current: None,
            focus_pending: false,
            inline_texts: INLINE_INDEX_TEXTS,
            index: None,
            indexing: None,
            index_error: None,
            results_key: None,
            index_inline: true,
            querying: None,
            results: Vec::new(),
            rows: Vec::new(),
            flat: Vec::new(),
            popup_was_open: false,
            reveal_current: false,
            list_view: (0.0, 0.0),
        }
    }
}

impl SearchView {
    /// Keeps the index up to date with the workspace (built in the frame for a small library,
    /// else on a worker thread while the old index serves) and re-runs the query when the
    /// text, the scope or the index changed.
    pub fn refresh(&mut self, ctx: &egui::Context, ws: &Workspace) {
        self.update_index(ctx, ws);
        let Some((generation, _)) = &self.index else {
            return;
        };
        let scope = ws.search.as_ref().and_then(|s| s.scope.clone());
        let key = (*generation, scope.clone(), self.text.clone());
        if self.results_key.as_ref() == Some(&key) {
            return;
        }
        if let Some((k, job)) = &mut self.querying {
            match job.poll() {
                // The hits shown stay until the query for the latest text has run.
                Poll::Pending if *k == key => return,
                Poll::Pending => {}
                Poll::Done(results) => {
                    let k = k.clone();
                    self.querying = None;
                    let latest = k == key;
                    self.show_results(k, results);
                    if latest {
                        return;
                    }
                }
                Poll::Failed(_) => self.querying = None,
            }
        }
        let Some((generation, index)) = &self.index else {
            return;
        };
        let query = Query::parse(&self.text);
        if !self.index_inline
            && let Some(query) = query
        {
            // A large index: the query runs on a worker, typing goes on.
            let job = crate::ui::jobs::spawn_query(ctx, Arc::clone(index), query, scope);
            self.querying = Some(((*generation, key.1, key.2), job));
            return;
        }
        let mut results = query.map(|q| index.search(&q)).unwrap_or_default();
        if let Some(scope) = &scope {
            results.retain(|c| c.case == *scope);
        }
        self.show_results(key, results);
    }

    /// Lists `results` (of the query `key`), none current.
    fn show_results(&mut self, key: ResultsKey, results: Vec<CaseHits>) {
        let old = std::mem::replace(&mut self.results, results);
        // Freeing thousands of hits took up to 35 ms of a frame (the allocator consolidating
        // its free lists): a worker frees a large list.
        if old.iter().map(|c| c.hits.len()).sum::<usize>() > FREED_OFF_THREAD {
            crate::ui::jobs::drop_off_thread(old);
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

    /// Takes a finished index, and starts building one when the workspace changed.
    fn update_index(&mut self, ctx: &egui::Context, ws: &Workspace) {
        if let Some((generation, job)) = &mut self.indexing {
            let generation = *generation;
            match job.poll() {
                Poll::Pending => {}
                Poll::Done(index) => {
                    self.indexing = None;
                    self.index_error = None;
                    // Freeing a large index takes a frame's time: the worker does it.
                    self.index_inline = false;
                    if let Some((_, old)) = self.index.replace((generation, Arc::new(index))) {
                        crate::ui::jobs::drop_off_thread(old);
                    }
                }
                Poll::Failed(message) => {
                    self.indexing = None;
                    self.index_error = Some((generation, message));
                }
            }
        }
        let current = |g: Option<u64>| g == Some(ws.generation);
        if current(self.index.as_ref().map(|(g, _)| *g))
            || current(self.indexing.as_ref().map(|(g, _)| *g))
            || current(self.index_error.as_ref().map(|(g, _)| *g))
        {
            return;
        }
        let notes = ws.notebook.file();
        if ws.library.cases.len() + notes.items.len() <= self.inline_texts {
            let index = Index::build(&ws.library, Some(notes));
            self.index = Some((ws.generation, Arc::new(index)));
            self.index_inline = true;
            return;
        }
        let job = crate::ui::jobs::spawn_index(ctx, Arc::clone(&ws.library), ws.notebook.shared());
        self.indexing = Some((ws.generation, job));
    }

    /// Builds the index of workspace generation `generation` with `job` instead of starting
    /// one (tests inject a job that never ends, to see the old index keep serving).
    pub fn index_with(&mut self, generation: u64, job: Job<Index>) {
        self.indexing = Some((generation, job));
    }

    /// True while a newer index is being built on a worker thread.
    pub fn indexing(&self) -> bool {
        self.indexing.is_some()
    }

    /// True while the index is built or a query runs on a worker thread.
    pub fn busy(&self) -> bool {
        self.indexing.is_some() || self.querying.is_some()
    }

    /// Number of hits listed.
    pub fn hit_count(&self) -> usize {
        self.flat.len()
    }

    /// Makes the next (or previous) hit current and returns the action that opens it.
    pub fn step(&mut self, ctx: &egui::Context, ws: &Workspace, forward: bool) -> Option<Action> {
        self.refresh(ctx, ws);
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
            self.refresh(ui.ctx(), ws);
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let i = self.current.unwrap_or(0);
                actions.extend(self.open(i));
            }
            ui.label(self.count_text());
            // The hits above come from the last index until the new one is ready.
            if self.indexing() {
                ui.label("Indexing…");
            } else if let Some((_, why)) = &self.index_error {
                ui.label(why.as_str());
            }
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
