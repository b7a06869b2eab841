//! The density band in the margin of a paragraph: how many of the shown authors marked it
//! (the band's strength, its hover text and accessible label), and where (darker stretches
//! placed by the share of the text they cover).

use egui::{Rect, Sense, Ui, pos2};

use crate::agreement::density::{ParagraphDensity, density_text};
use egui::Color32;

/// Width of the band in the margin.
pub const BAND_WIDTH: f32 = 8.0;

/// Space between the band and the text.
pub const BAND_GAP: f32 = 6.0;

/// Draws the band in `rect` (the margin beside a paragraph `chars` long) for `address`.
pub fn density_band_ui(
    ui: &mut Ui,
    rect: Rect,
    address: &str,
    density: Option<&ParagraphDensity>,
    total: usize,
    chars: usize,
) {
    let marked = density.map_or(0, |d| d.authors);
    let hover = density_text(marked, total);
    let label = format!("Paragraph {address}: {hover}");
    let response = ui.interact(
        rect,
        ui.make_persistent_id(("density-band", address)),
        Sense::hover(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    let painter = ui.painter();
    painter.rect_filled(rect, 2, ui.visuals().faint_bg_color);
    if let Some(d) = density.filter(|_| total > 0) {
        let share = marked as f32 / total as f32;
        painter.rect_filled(rect, 2, density_color(share * 0.6));
        let chars = chars.max(1) as f32;
        let inner = rect.shrink2(egui::vec2(1.5, 0.0));
        for (range, count) in &d.segments {
            let top = inner.top() + inner.height() * range.start as f32 / chars;
            let bottom = inner.top() + inner.height() * range.end as f32 / chars;
            let stretch = Rect::from_min_max(
                pos2(inner.left(), top),
                pos2(inner.right(), bottom.max(top + 2.0)),
            );
            painter.rect_filled(stretch, 1, density_color(*count as f32 / total as f32));
        }
    }
    response.on_hover_text(hover);
}

/// The band's colour for a share `t` (0..=1) of the authors: the reference layers' blue, from
/// faint to strong.
pub fn density_color(t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let alpha = (40.0 + 215.0 * t).round() as u8;
    Color32::from_rgba_unmultiplied(50, 100, 170, alpha)
}
