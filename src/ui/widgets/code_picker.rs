//! One code picker for every place that applies codes (the reader's highlight bar, the notes
//! panel's Edit…): a search box, the codebook's codes grouped by family, checkboxes.

use egui::{AsIdSalt, Id, Response, RichText, Ui};

use crate::codebook::Codebook;
use crate::ui::theme;

/// What the picker reports.
pub struct PickerOutput {
    /// The picker's button.
    pub response: Response,
    /// True when the selection changed this frame.
    pub changed: bool,
}

/// Search text of an open picker; `opened` is false until the box got focus once.
#[derive(Clone, Default)]
struct SearchState {
    text: String,
    opened: bool,
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

/// The open picker; returns true when the selection changed.
fn popup_ui(ui: &mut Ui, id: Id, book: &Codebook, selected: &mut Vec<String>) -> bool {
    let mut state: SearchState = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let search = ui.add(
        egui::TextEdit::singleline(&mut state.text)
            .hint_text("Search codes")
            .desired_width(theme::CODE_PICKER_WIDTH),
    );
    ui.ctx()
        .accesskit_node_builder(search.id, |n| n.set_label("Search codes"));
    if !state.opened {
        search.request_focus();
        state.opened = true;
    }
    let hits = book.search(&state.text);
    let mut changed = false;
    egui::ScrollArea::vertical()
        .max_height(theme::CODE_PICKER_HEIGHT)
        .show(ui, |ui| {
            if hits.is_empty() {
                ui.label(RichText::new("No code matches.").weak());
            }
            let mut family = None;
            for e in hits {
                if family != Some(e.family.as_str()) {
                    family = Some(e.family.as_str());
                    ui.label(RichText::new(book.family_label(&e.family)).small().strong());
                }
                let mut on = selected.contains(&e.id);
                let text = RichText::new(&e.path).color(ui.visuals().text_color());
                let hover = e
                    .definition
                    .as_deref()
                    .map_or_else(|| e.id.clone(), |d| format!("{}: {d}", e.id));
                let r = ui
                    .horizontal(|ui| {
                        let size = egui::vec2(theme::SWATCH_SIZE, theme::SWATCH_SIZE);
                        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                        ui.painter()
                            .rect_filled(rect, 2, theme::code_color(e.color));
                        ui.checkbox(&mut on, text).on_hover_text(hover)
                    })
                    .inner;
                if r.changed() {
                    changed = true;
                    if on {
                        selected.push(e.id.clone());
                    } else {
                        selected.retain(|c| *c != e.id);
                    }
                }
            }
        });
    ui.data_mut(|d| d.insert_temp(id, state));
    changed
}
