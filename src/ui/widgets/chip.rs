//! A small rounded label, used for codes and list items.

use egui::{Color32, CornerRadius, Response, Role, Sense, TextStyle, Ui, WidgetInfo};

use crate::ui::theme;

/// Draws a chip with `text` on `fill`; `hover` is shown on hover.
///
/// Laid out as one unbreakable piece (its size is known before allocation), so a wrapped row
/// moves a long chip to the next line instead of squeezing it.
pub fn chip_ui(ui: &mut Ui, text: &str, fill: Color32, hover: Option<&str>) -> Response {
    let font = TextStyle::Small.resolve(ui.style());
    let max_text = (ui.max_rect().width() - 12.0).max(40.0);
    // A see-through fill (a faint tint) is judged over the panel: from the tint alone the text
    // was white on white in the light theme.
    let text_color = theme::text_on_over(fill, ui.visuals().panel_fill);
    let galley = ui
        .painter()
        .layout(text.to_owned(), font, text_color, max_text);
    let padding = egui::vec2(6.0, 2.0);
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * padding, Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter().rect_filled(rect, CornerRadius::same(8), fill);
        ui.painter().galley(rect.min + padding, galley, text_color);
    }
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, text));
    match hover {
        Some(h) => response.on_hover_text(h),
        None => response,
    }
}
