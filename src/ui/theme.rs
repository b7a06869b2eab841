//! Colours and spacing in one place.

use egui::Color32;

/// Background of a quote brought into focus from evidence.
pub const FOCUS_BG: Color32 = Color32::from_rgb(255, 226, 122);
/// Text on [`FOCUS_BG`].
pub const FOCUS_FG: Color32 = Color32::from_rgb(20, 20, 20);
/// "unknown" facets.
pub const UNKNOWN: Color32 = Color32::from_rgb(200, 130, 40);
/// "not covered" facets.
pub const NOT_COVERED: Color32 = Color32::from_gray(130);
/// Warnings (problems, unconfirmed sources).
pub const WARNING: Color32 = Color32::from_rgb(220, 90, 60);
/// Paragraph text size.
pub const BODY_SIZE: f32 = 15.0;

/// Parses `#rrggbb`; falls back to a neutral grey.
pub fn parse_color(hex: Option<&str>) -> Color32 {
    hex.and_then(|h| {
        let h = h.strip_prefix('#')?;
        let v = u32::from_str_radix(h, 16).ok()?;
        let [_, r, g, b] = v.to_be_bytes();
        Some(Color32::from_rgb(r, g, b))
    })
    .unwrap_or(Color32::from_gray(120))
}

/// Black or white, whichever reads better on `bg`.
pub fn text_on(bg: Color32) -> Color32 {
    let lum = 0.299 * f32::from(bg.r()) + 0.587 * f32::from(bg.g()) + 0.114 * f32::from(bg.b());
    if lum > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}
