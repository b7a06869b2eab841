//! A small rounded label, used for codes and list items.

use egui::{Color32, CornerRadius, Response, RichText, Ui};

use crate::ui::theme;

/// Draws a chip with `text` on `fill`; `hover` is shown on hover.
pub fn chip_ui(ui: &mut Ui, text: &str, fill: Color32, hover: Option<&str>) -> Response {
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(egui::Margin::symmetric(6, 1));
    let response = frame
        .show(ui, |ui| {
            ui.label(RichText::new(text).color(theme::text_on(fill)).small())
        })
        .inner;
    match hover {
        Some(h) => response.on_hover_text(h),
        None => response,
    }
}
