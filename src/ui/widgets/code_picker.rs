//! One code picker for every place that applies codes (the reader's highlight bar, the notes
//! panel's Edit…): a search box, the codes applied last ("Recent"), then the codebook's codes
//! grouped by family, checkboxes. The popup keeps one size whatever the search finds, so the
//! search box stays under the pointer. Up/Down move a highlighted row while the search keeps
//! focus, Enter (or Space after an arrow) toggles it, Escape closes.

use egui::{AsIdSalt, Id, Key, Modifiers, Response, RichText, Ui};

use crate::codebook::{CodeEntry, Codebook};
use crate::ui::theme;

/// What the picker reports.
pub struct PickerOutput {
    /// The picker's button.
    pub response: Response,
    /// True when the selection changed this frame.
    pub changed: bool,
}

/// A button labelled `label` showing the chosen codes; it opens the codes of `book` with a
/// search box (accessible name "Search codes"). Ticking a code adds it to `selected`, unticking
/// removes it. The search is cleared whenever the picker closes.
pub fn code_picker_ui(
    ui: &mut Ui,
    id_salt: impl AsIdSalt,
    label: &str,
    book: &Codebook,
    selected: &mut Vec<String>,
) -> PickerOutput {
    let id = ui.make_persistent_id(("code-picker", id_salt));
    let label = ui.label(label);
    let chosen = if selected.is_empty() {
        "none".to_owned()
    } else {
        selected
            .iter()
            .map(|c| book.label(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut changed = false;
    let inner = egui::ComboBox::from_id_salt(id)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .selected_text(chosen)
        .width(theme::CODE_PICKER_WIDTH / 2.0)
        // Room for the search box above the list, so the list gets its full height.
        .height(theme::CODE_PICKER_HEIGHT + 2.0 * theme::MATRIX_ROW_HEIGHT)
        .show_ui(ui, |ui| {
            ui.set_width(theme::CODE_PICKER_WIDTH);
            changed = popup_ui(ui, id, book, selected);
        });
    if inner.inner.is_none() {
        // Closed: the next opening starts with an empty search and focuses it again.
        ui.data_mut(|d| d.remove_temp::<SearchState>(id));
    }
    PickerOutput {
        response: inner.response.labelled_by(label.id),
        changed,
    }
}

/// How many recently applied codes the picker remembers.
const RECENT_LEN: usize = 6;

/// Heading of the group of recently applied codes.
const RECENT_HEADING: &str = "Recent";

/// Search text of an open picker and its highlighted row; `opened` is false until the box got
/// focus once; `navigating` is true after an arrow key, when Space toggles instead of typing.
#[derive(Clone, Default)]
struct SearchState {
    text: String,
    opened: bool,
    cursor: Option<usize>,
    navigating: bool,
    /// The recent codes as they were when the picker opened: ticking a code does not shift
    /// the rows under the keyboard's cursor; it comes first the next time.
    recent: Vec<String>,
}

/// Where the recently applied codes live: the UI's memory, shared by every picker.
fn recent_id() -> Id {
    Id::unique("code-picker-recent")
}

/// The codes applied last, most recent first (UI state, never saved with the notes).
pub fn recent_codes(ctx: &egui::Context) -> Vec<String> {
    ctx.data(|d| d.get_temp::<Vec<String>>(recent_id()))
        .unwrap_or_default()
}

/// Puts `code` first among the recent codes.
fn remember(ctx: &egui::Context, code: &str) {
    let mut recent = recent_codes(ctx);
    recent.retain(|c| c != code);
    recent.insert(0, code.to_owned());
    recent.truncate(RECENT_LEN);
    ctx.data_mut(|d| d.insert_temp(recent_id(), recent));
}

/// The keys the open picker takes from the search box this frame.
#[derive(Default)]
struct Keys {
    up: bool,
    down: bool,
    toggle: bool,
}

/// Takes Up, Down, Enter (and Space while navigating) before the focused search box sees them.
fn take_keys(ui: &Ui, search_id: Id, navigating: bool) -> Keys {
    if !ui.memory(|m| m.has_focus(search_id)) {
        return Keys::default();
    }
    ui.input_mut(|i| {
        let up = i.consume_key(Modifiers::NONE, Key::ArrowUp);
        let down = i.consume_key(Modifiers::NONE, Key::ArrowDown);
        let mut toggle = i.consume_key(Modifiers::NONE, Key::Enter);
        if navigating && i.consume_key(Modifiers::NONE, Key::Space) {
            i.events
                .retain(|e| !matches!(e, egui::Event::Text(t) if t == " "));
            toggle = true;
        }
        Keys { up, down, toggle }
    })
}

/// The rows of the open picker: the recent codes (only while the search is empty), then the
/// matches, each with the heading that starts its group.
fn rows<'a>(
    book: &'a Codebook,
    recent: &[String],
    query: &str,
) -> Vec<(Option<&'a str>, &'a CodeEntry)> {
    let mut rows = Vec::new();
    if query.trim().is_empty() {
        for (i, entry) in recent.iter().filter_map(|c| book.entry(c)).enumerate() {
            rows.push(((i == 0).then_some(RECENT_HEADING), entry));
        }
    }
    let mut family = None;
    for e in book.search(query) {
        let heading = (family != Some(e.family.as_str())).then(|| book.family_label(&e.family));
        family = Some(e.family.as_str());
        rows.push((heading, e));
    }
    rows
}

/// Adds `code` to `selected` or takes it away; an added code becomes the most recent.
fn toggle(ui: &Ui, selected: &mut Vec<String>, code: &str) {
    if selected.iter().any(|c| c == code) {
        selected.retain(|c| c != code);
    } else {
        selected.push(code.to_owned());
        remember(ui.ctx(), code);
    }
}

/// The open picker; returns true when the selection changed.
fn popup_ui(ui: &mut Ui, id: Id, book: &Codebook, selected: &mut Vec<String>) -> bool {
    let mut state: SearchState = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    // One size whatever the search finds: long paths are cut, never widen the popup.
    ui.set_width(theme::CODE_PICKER_WIDTH);
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let search_id = id.with("search");
    let keys = take_keys(ui, search_id, state.navigating);
    let before = state.text.clone();
    let search = ui.add(
        egui::TextEdit::singleline(&mut state.text)
            .id(search_id)
            .hint_text("Search codes")
            .desired_width(theme::CODE_PICKER_WIDTH),
    );
    ui.ctx()
        .accesskit_node_builder(search.id, |n| n.set_label("Search codes"));
    if !state.opened {
        search.request_focus();
        state.opened = true;
        state.recent = recent_codes(ui.ctx());
    }
    if state.text != before {
        // A new search: its first match is the one Enter takes.
        state.cursor = (!state.text.trim().is_empty()).then_some(0);
        state.navigating = false;
    }
    let rows = rows(book, &state.recent, &state.text);
    let last = rows.len().checked_sub(1);
    if keys.down {
        state.cursor = last.map(|l| state.cursor.map_or(0, |c| (c + 1).min(l)));
        state.navigating = true;
    }
    if keys.up {
        state.cursor = last.map(|l| state.cursor.map_or(0, |c| c.saturating_sub(1).min(l)));
        state.navigating = true;
    }
    let mut changed = false;
    if keys.toggle
        && let Some((_, entry)) = state.cursor.and_then(|c| rows.get(c))
    {
        toggle(ui, selected, &entry.id);
        changed = true;
    }
    let moved = keys.up || keys.down;
    egui::ScrollArea::vertical()
        .max_height(theme::CODE_PICKER_HEIGHT)
        .min_scrolled_height(theme::CODE_PICKER_HEIGHT)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if rows.is_empty() {
                ui.label(RichText::new("No code matches.").weak());
            }
            for (i, (heading, entry)) in rows.iter().enumerate() {
                if let Some(heading) = heading {
                    ui.label(RichText::new(*heading).small().strong());
                }
                let current = state.cursor == Some(i);
                if row_ui(ui, entry, selected, current, current && moved) {
                    changed = true;
                }
            }
        });
    ui.data_mut(|d| d.insert_temp(id, state));
    changed
}

/// One code: its colour, a checkbox with its path; `current` marks the keyboard's row.
/// Returns true when the checkbox was toggled.
fn row_ui(
    ui: &mut Ui,
    e: &CodeEntry,
    selected: &mut Vec<String>,
    current: bool,
    scroll: bool,
) -> bool {
    let background = ui.painter().add(egui::Shape::Noop);
    let mut on = selected.contains(&e.id);
    let text = RichText::new(&e.path).color(ui.visuals().text_color());
    let hover = e
        .definition
        .as_deref()
        .map_or_else(|| e.id.clone(), |d| format!("{}: {d}", e.id));
    let row = ui.horizontal(|ui| {
        let size = egui::vec2(theme::SWATCH_SIZE, theme::SWATCH_SIZE);
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2, theme::code_color(e.color));
        ui.checkbox(&mut on, text).on_hover_text(hover)
    });
    if current {
        let rect =
            egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), row.response.rect.y_range());
        let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.4);
        ui.painter()
            .set(background, egui::Shape::rect_filled(rect, 2, fill));
        if scroll {
            row.response.scroll_to_me(None);
        }
    }
    if row.inner.changed() {
        // The checkbox already flipped `on`; `toggle` reads `selected`, not `on`.
        toggle(ui, selected, &e.id);
        return true;
    }
    false
}
