//! Side panels keep the width the user gave them across a small window: egui stores a panel's
//! width as drawn, so a panel squeezed at 640x480 stayed narrow when the window grew again.
//! The rule is [`crate::ui::layout::panel_width`]; this reads and writes egui's panel state.

use egui::Ui;

use crate::ui::layout;

/// Call just before showing `egui::Panel::left/right(salt)` in `ui` with `max` as its largest
/// width: gives the panel back the width a small window took from it.
pub fn keep_width(ui: &Ui, salt: &str, max: f32) {
    // The id egui keeps the panel's state under (egui's `Panel::id`).
    let id = ui.scope_id().with_salt(egui::IdSalt::new(salt));
    let Some(state) = egui::containers::panel::PanelState::load(ui.ctx(), id) else {
        return;
    };
    let wanted_id = id.with("wanted-width");
    // Persisted with egui's memory: a window closed while small opens large with the width back.
    let wanted: Option<f32> = ui.data_mut(|d| d.get_persisted(wanted_id));
    let rule = layout::panel_width(state.outer_rect.width(), wanted, max);
    match rule.wanted {
        Some(w) => ui.data_mut(|d| {
            d.insert_persisted(wanted_id, w);
        }),
        None => ui.data_mut(|d| {
            d.remove::<f32>(wanted_id);
        }),
    }
    if let Some(width) = rule.restore {
        let mut rect = state.outer_rect;
        // Right panels grow to the left, left panels to the right: only the size is read.
        rect.set_width(width);
        let restored = egui::containers::panel::PanelState { outer_rect: rect };
        ui.data_mut(|d| d.insert_persisted(id, restored));
    }
}
