//! Colours and spacing in one place.

use egui::Color32;

/// Background of a quote brought into focus from evidence.
pub const FOCUS_BG: Color32 = Color32::from_rgb(255, 226, 122);
/// Text on [`FOCUS_BG`].
pub const FOCUS_FG: Color32 = Color32::from_rgb(20, 20, 20);
/// "unknown" facets. The status colours below are mid-tones, about 4:1 against the light
/// theme's white, the dark theme's grey and high contrast's black alike (the lighter tones they
/// replaced fell to 2.3:1 on white).
pub const UNKNOWN: Color32 = Color32::from_rgb(170, 111, 34);
/// "not covered" facets.
pub const NOT_COVERED: Color32 = Color32::from_gray(130);
/// Warnings (problems, unconfirmed sources).
pub const WARNING: Color32 = Color32::from_rgb(220, 90, 60);
/// A highlight without codes.
pub const UNCODED_HIGHLIGHT: Color32 = Color32::from_rgb(250, 204, 21);
/// Highlights of a reference layer (someone else's notes), under the user's own.
pub const REFERENCE_HIGHLIGHT: Color32 = Color32::from_rgba_premultiplied(70, 110, 160, 90);
/// Paragraph text size.
pub const BODY_SIZE: f32 = 15.0;
/// The smallest text anywhere (egui's `Small` style: tags, reasons, evidence, headers):
/// body size minus two points.
pub const SMALL_SIZE: f32 = BODY_SIZE - 2.0;
/// Group headings in tables.
pub const GROUP_SIZE: f32 = 15.0;
/// Section headings in the reader.
pub const SECTION_SIZE: f32 = 19.0;
/// The case title in the reader.
pub const TITLE_SIZE: f32 = 24.0;
/// The library panel: its width at start, and the range it can be dragged to.
pub const LIBRARY_WIDTH: f32 = 260.0;
/// Narrowest the library panel gets.
pub const LIBRARY_MIN_WIDTH: f32 = 160.0;
/// Starting width of the case editor beside the text.
pub const EDITOR_WIDTH: f32 = 420.0;
/// The framework editor's problems beside its form, at start.
pub const FRAMEWORK_PROBLEMS_WIDTH: f32 = 320.0;
/// The widest the question about cases a framework edit breaks gets.
pub const IMPACT_DIALOG_WIDTH: f32 = 640.0;
/// An id field of the framework editor.
pub const ID_FIELD_WIDTH: f32 = 240.0;
/// Widest the library panel gets.
pub const LIBRARY_MAX_WIDTH: f32 = 360.0;
/// The problems panel's height at start.
pub const PROBLEMS_HEIGHT: f32 = 180.0;
/// The reader's facets and notes panel at start.
pub const FACETS_PANEL_WIDTH: f32 = 440.0;
/// The widest a line of case text gets (readable line length).
pub const READING_WIDTH: f32 = 760.0;
/// The comment box of the highlight bar: the tallest it grows before it scrolls (four lines).
pub const COMMENT_MAX_HEIGHT: f32 = 4.0 * BODY_SIZE * 1.4;
/// The quote at the top of a highlight's editor: the tallest it gets before it scrolls.
pub const EDIT_QUOTE_HEIGHT: f32 = 5.0 * BODY_SIZE * 1.4;
/// The matrix's evidence panel at start.
pub const MATRIX_EVIDENCE_WIDTH: f32 = 380.0;
/// The *Your codes* window at start.
pub const CODES_WINDOW_WIDTH: f32 = 520.0;
/// The label field for a new code.
pub const CODE_LABEL_WIDTH: f32 = 160.0;
/// How far a child code is indented under its parent in the *Your codes* window.
pub const CODE_INDENT: f32 = 16.0;
/// How far a window opens from the corner of the space below the menu bar.
pub const WINDOW_OFFSET: f32 = 24.0;
/// Colours given to new codes, in order: each new code takes the first one not yet used.
pub const CODE_PALETTE: [Color32; 10] = [
    Color32::from_rgb(16, 185, 129),
    Color32::from_rgb(59, 130, 246),
    Color32::from_rgb(245, 158, 11),
    Color32::from_rgb(239, 68, 68),
    Color32::from_rgb(139, 92, 246),
    Color32::from_rgb(236, 72, 153),
    Color32::from_rgb(20, 184, 166),
    Color32::from_rgb(132, 204, 22),
    Color32::from_rgb(249, 115, 22),
    Color32::from_rgb(100, 116, 139),
];
/// Alliances table: starting widths of the case, partner, types, rationale and phase columns.
pub const ALLIANCE_COLUMNS: [f32; 5] = [200.0, 200.0, 180.0, 180.0, 120.0];
/// Alliances table: the narrowest a column can be dragged to.
pub const ALLIANCE_MIN_COLUMN: f32 = 60.0;
/// Alliances table: header and row heights.
pub const ALLIANCE_ROW_HEIGHTS: (f32, f32) = (24.0, 40.0);
/// Hover tips with evidence and notes.
pub const HOVER_WIDTH: f32 = 360.0;
/// Compare view: the dimension column.
pub const COMPARE_DIM_WIDTH: f32 = 190.0;
/// Compare view: the narrowest case column (wider when the window has room).
pub const COMPARE_MIN_COL_WIDTH: f32 = 220.0;
/// Compare view: the sticky header of case titles.
pub const COMPARE_HEADER_HEIGHT: f32 = 56.0;
/// Compare view: a group heading row.
pub const COMPARE_GROUP_HEIGHT: f32 = 26.0;
/// Compare view: padding inside cells.
pub const COMPARE_PAD: f32 = 6.0;
/// Compare rows whose cases all agree.
pub const SAME: Color32 = Color32::from_rgb(69, 139, 78);
/// Compare rows where some cases share a value.
pub const PARTLY_SHARED: Color32 = Color32::from_rgb(149, 120, 37);
/// Compare rows whose known values all differ.
pub const DIFFERENT: Color32 = Color32::from_rgb(200, 90, 70);
/// Items shared with another case, when "highlight what is shared" is on.
pub const SHARED: Color32 = Color32::from_rgb(50, 141, 74);

/// Sets the app's text sizes in `style`: egui's `Small` (9 px by default, what `.small()`,
/// chips and the matrix headers use) becomes [`SMALL_SIZE`].
pub fn apply_text_sizes(style: &mut egui::Style) {
    style.text_styles.insert(
        egui::TextStyle::Small,
        egui::FontId::proportional(SMALL_SIZE),
    );
}

/// True when `style` already has the app's text sizes.
pub fn has_text_sizes(style: &egui::Style) -> bool {
    style
        .text_styles
        .get(&egui::TextStyle::Small)
        .is_some_and(|f| f.size >= SMALL_SIZE)
}

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

/// Black or white, whichever contrasts more with `bg` (WCAG contrast ratio; always 4.5:1 or
/// more, so a code's colour can be any colour and its label still reads, in every theme).
pub fn text_on(bg: Color32) -> Color32 {
    let lum = relative_luminance(bg);
    // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    if (lum + 0.05) * (lum + 0.05) > 0.05 * 1.05 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Black or white for text on `fill` drawn over `under` (a see-through fill, such as a
/// highlight tint, is judged by the colour it makes on the panel, which differs by theme).
pub fn text_on_over(fill: Color32, under: Color32) -> Color32 {
    text_on(over(fill, under))
}

/// The opaque colour `fill` (premultiplied, possibly see-through) makes when painted on `under`.
pub fn over(fill: Color32, under: Color32) -> Color32 {
    let keep = 1.0 - f32::from(fill.a()) / 255.0;
    let mix = |f: u8, u: u8| (f32::from(f) + f32::from(u) * keep).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(fill.r(), under.r()),
        mix(fill.g(), under.g()),
        mix(fill.b(), under.b()),
    )
}

/// WCAG relative luminance of an sRGB colour (0 black, 1 white).
pub fn relative_luminance(c: Color32) -> f32 {
    let channel = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Matrix: width of the sticky case-name column.
pub const MATRIX_CASE_WIDTH: f32 = 200.0;
/// Matrix: width of a code column.
pub const MATRIX_CELL_WIDTH: f32 = 84.0;
/// Matrix: height of the sticky code header row (four lines of small text and the swatch).
pub const MATRIX_HEADER_HEIGHT: f32 = 72.0;
/// Matrix: height of a case row.
pub const MATRIX_ROW_HEIGHT: f32 = 28.0;
/// Matrix: gap between cells.
pub const MATRIX_GAP: f32 = 2.0;
/// Matrix: height of the colour strip under a code's header.
pub const MATRIX_SWATCH_HEIGHT: f32 = 4.0;
/// Matrix: height of the codings chart.
pub const MATRIX_CHART_HEIGHT: f32 = 220.0;
/// Heatmap colour of the smallest non-zero count.
pub const HEAT_LOW: Color32 = Color32::from_rgb(200, 225, 245);
/// Heatmap colour of the largest count.
pub const HEAT_HIGH: Color32 = Color32::from_rgb(180, 40, 60);
/// Code picker: width of the popup and its search box.
pub const CODE_PICKER_WIDTH: f32 = 320.0;
/// Code picker: height of the list of codes before it scrolls.
pub const CODE_PICKER_HEIGHT: f32 = 300.0;
/// Side of the colour square before a code in a list.
pub const SWATCH_SIZE: f32 = 10.0;
/// Height of a filter's drop-down list before it scrolls.
pub const FILTER_POPUP_HEIGHT: f32 = 400.0;

/// Heatmap colour for `t` in 0..=1 (between [`HEAT_LOW`] and [`HEAT_HIGH`]).
pub fn heat(t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    Color32::from_rgb(
        lerp(HEAT_LOW.r(), HEAT_HIGH.r()),
        lerp(HEAT_LOW.g(), HEAT_HIGH.g()),
        lerp(HEAT_LOW.b(), HEAT_HIGH.b()),
    )
}

/// A codebook colour as an egui colour.
pub fn code_color(rgb: crate::codebook::Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// The command palette's width.
pub const PALETTE_WIDTH: f32 = 560.0;
/// The command palette's list: the tallest it gets before it scrolls.
pub const PALETTE_LIST_HEIGHT: f32 = 360.0;
/// The keyboard shortcuts overlay's width.
pub const SHORTCUTS_WIDTH: f32 = 560.0;
/// The keyboard shortcuts overlay: the column of command names.
pub const SHORTCUTS_NAME_WIDTH: f32 = 320.0;
/// The high-contrast theme's focus, hover and selection outline.
pub const HIGH_CONTRAST_FOCUS: Color32 = Color32::from_rgb(255, 221, 0);

/// Makes `theme` the context's look: egui's light or dark visuals with a stronger focus
/// outline, or [`high_contrast`] (in the dark slot, so `dark_mode` is true).
pub fn apply_theme(ctx: &egui::Context, theme: crate::appearance::Theme) {
    use crate::appearance::Theme;
    let dark = match theme {
        Theme::HighContrast => high_contrast(),
        _ => with_strong_focus(egui::Visuals::dark()),
    };
    ctx.set_fonts(fonts_for(theme));
    ctx.set_visuals_of(egui::Theme::Dark, dark);
    ctx.set_visuals_of(
        egui::Theme::Light,
        with_strong_focus(egui::Visuals::light()),
    );
    ctx.set_theme(match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Light => egui::ThemePreference::Light,
        Theme::Dark | Theme::HighContrast => egui::ThemePreference::Dark,
    });
}

/// The name of the `PROJECTOR_FONT` (Inter) in egui's font definitions.
pub const PROJECTOR_FONT_NAME: &str = "Inter";

/// Inter Regular (SIL Open Font License 1.1, `assets/fonts/OFL.txt`): the high-contrast theme's
/// text font. egui's own (Ubuntu Light) has thin strokes that a projector washes out.
const PROJECTOR_FONT: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");

/// The fonts of `theme`: egui's, with `PROJECTOR_FONT` first for proportional text in the
/// high-contrast theme (egui's stay behind it for what Inter lacks, then the system's).
pub fn fonts_for(theme: crate::appearance::Theme) -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    if theme == crate::appearance::Theme::HighContrast {
        fonts.font_data.insert(
            PROJECTOR_FONT_NAME.to_owned(),
            std::sync::Arc::new(egui::FontData::from_static(PROJECTOR_FONT)),
        );
        if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
            family.insert(0, PROJECTOR_FONT_NAME.to_owned());
        }
    }
    fonts
}

/// egui's visuals with the keyboard focus drawn as a 2 px outline and a fill in the selection
/// colours (egui draws a focused widget with its `active` look: a 1 px outline by default, easy
/// to miss, and in menus no outline at all, only the fill).
fn with_strong_focus(mut visuals: egui::Visuals) -> egui::Visuals {
    let selection = visuals.selection;
    visuals.widgets.active.bg_stroke = egui::Stroke::new(2.0, selection.stroke.color);
    visuals.widgets.active.weak_bg_fill = selection.bg_fill;
    visuals
}

/// White on black, yellow outlines for focus, hover and selection, a framed look for every
/// button: readable on a projector and for low vision.
pub fn high_contrast() -> egui::Visuals {
    use egui::Stroke;
    let white = Color32::WHITE;
    let black = Color32::BLACK;
    let focus = HIGH_CONTRAST_FOCUS;
    let mut v = egui::Visuals::dark();
    v.panel_fill = black;
    v.window_fill = black;
    v.extreme_bg_color = black;
    v.faint_bg_color = Color32::from_gray(24);
    v.code_bg_color = Color32::from_gray(32);
    v.window_stroke = Stroke::new(2.0, white);
    v.weak_text_alpha = 0.8;
    v.disabled_alpha = 0.6;
    v.hyperlink_color = Color32::from_rgb(130, 210, 255);
    v.warn_fg_color = Color32::from_rgb(255, 180, 60);
    v.error_fg_color = Color32::from_rgb(255, 170, 170);
    v.selection.bg_fill = Color32::from_rgb(0, 64, 160);
    v.selection.stroke = Stroke::new(2.0, focus);
    v.text_cursor.stroke = Stroke::new(2.0, focus);
    let w = &mut v.widgets;
    w.noninteractive.bg_fill = black;
    w.noninteractive.weak_bg_fill = black;
    w.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_gray(200));
    w.noninteractive.fg_stroke = Stroke::new(1.0, white);
    w.inactive.weak_bg_fill = Color32::from_gray(16);
    w.inactive.bg_fill = Color32::from_gray(40);
    w.inactive.bg_stroke = Stroke::new(1.0, white);
    w.inactive.fg_stroke = Stroke::new(1.0, white);
    w.hovered.weak_bg_fill = Color32::from_gray(56);
    w.hovered.bg_fill = Color32::from_gray(64);
    w.hovered.bg_stroke = Stroke::new(2.0, focus);
    w.hovered.fg_stroke = Stroke::new(1.5, white);
    // Menus draw focus with the fill alone.
    w.active.weak_bg_fill = Color32::from_rgb(0, 64, 160);
    w.active.bg_fill = Color32::from_gray(72);
    w.active.bg_stroke = Stroke::new(3.0, focus);
    w.active.fg_stroke = Stroke::new(2.0, white);
    w.open.weak_bg_fill = Color32::from_gray(40);
    w.open.bg_stroke = Stroke::new(1.0, white);
    w.open.fg_stroke = Stroke::new(1.0, white);
    v
}

/// A colour that says something about a value (unknown, not covered, a warning, how compared
/// cases relate): mid-tones in the light and dark themes, bright tones in high contrast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// [`UNKNOWN`].
    Unknown,
    /// [`NOT_COVERED`] (and "unknown for all").
    NotCovered,
    /// [`WARNING`].
    Warning,
    /// [`SAME`].
    Same,
    /// [`PARTLY_SHARED`].
    PartlyShared,
    /// [`DIFFERENT`].
    Different,
    /// [`SHARED`].
    Shared,
}

impl Status {
    /// Every status colour.
    pub const ALL: [Status; 7] = [
        Status::Unknown,
        Status::NotCovered,
        Status::Warning,
        Status::Same,
        Status::PartlyShared,
        Status::Different,
        Status::Shared,
    ];
}

/// The colour of `status` in the theme of `visuals`: in high contrast a light tone that reads
/// at 7:1 or more on every background text sits on there (the mid-tones read at about 4:1,
/// which a projector washes out).
pub fn status_color(visuals: &egui::Visuals, status: Status) -> Color32 {
    if is_high_contrast(visuals) {
        return match status {
            Status::Unknown => Color32::from_rgb(255, 200, 120),
            Status::NotCovered => Color32::from_gray(205),
            Status::Warning => Color32::from_rgb(255, 180, 160),
            Status::Same => Color32::from_rgb(130, 230, 145),
            Status::PartlyShared => Color32::from_rgb(240, 215, 110),
            Status::Different => Color32::from_rgb(255, 180, 165),
            Status::Shared => Color32::from_rgb(130, 230, 160),
        };
    }
    match status {
        Status::Unknown => UNKNOWN,
        Status::NotCovered => NOT_COVERED,
        Status::Warning => WARNING,
        Status::Same => SAME,
        Status::PartlyShared => PARTLY_SHARED,
        Status::Different => DIFFERENT,
        Status::Shared => SHARED,
    }
}

/// The backgrounds text sits on in `visuals` (panels, windows, striped rows, text fields, code
/// blocks, buttons at rest).
pub fn text_backgrounds(visuals: &egui::Visuals) -> [Color32; 7] {
    [
        visuals.panel_fill,
        visuals.window_fill,
        visuals.faint_bg_color,
        visuals.extreme_bg_color,
        visuals.code_bg_color,
        visuals.widgets.inactive.weak_bg_fill,
        visuals.widgets.noninteractive.bg_fill,
    ]
}

/// True when `visuals` are the high-contrast set (what tests and the menus ask).
pub fn is_high_contrast(visuals: &egui::Visuals) -> bool {
    visuals.dark_mode
        && visuals.panel_fill == Color32::BLACK
        && visuals.selection.stroke.color == HIGH_CONTRAST_FOCUS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_on_code_and_highlight_colours_read_in_every_theme() {
        let mut backgrounds: Vec<Color32> = CODE_PALETTE.to_vec();
        backgrounds.extend([FOCUS_BG, UNCODED_HIGHLIGHT, HEAT_LOW, HEAT_HIGH]);
        backgrounds.extend((0..=20).map(|i| heat(i as f32 / 20.0)));
        backgrounds.extend((0..=255).step_by(5).map(Color32::from_gray));
        for bg in backgrounds {
            let ratio = contrast(text_on(bg), bg);
            assert!(ratio >= 4.5, "{bg:?}: {ratio:.2}");
        }
        assert!(contrast(FOCUS_FG, FOCUS_BG) >= 4.5);
    }

    /// A highlight is a see-through tint: on white it is pale, on black dark, and its text
    /// follows (white text on a pale yellow tint was unreadable in the light theme).
    #[test]
    fn text_on_a_see_through_highlight_follows_the_panel() {
        let tint = UNCODED_HIGHLIGHT.gamma_multiply(0.55);
        let light = egui::Visuals::light().panel_fill;
        let dark = egui::Visuals::dark().panel_fill;
        assert_eq!(text_on_over(tint, light), Color32::BLACK);
        assert_eq!(text_on_over(tint, Color32::BLACK), Color32::WHITE);
        for under in [light, dark, Color32::BLACK] {
            for code in CODE_PALETTE {
                for alpha in [0.35, 0.55, 1.0] {
                    let fill = code.gamma_multiply(alpha);
                    let ratio = contrast(text_on_over(fill, under), over(fill, under));
                    assert!(ratio >= 4.5, "{fill:?} over {under:?}: {ratio:.2}");
                }
            }
        }
        assert_eq!(over(Color32::RED, Color32::BLUE), Color32::RED);
        assert_eq!(over(Color32::TRANSPARENT, light), light);
    }

    #[test]
    fn status_colours_read_on_light_dark_and_high_contrast_backgrounds() {
        let backgrounds = [
            egui::Visuals::light().panel_fill,
            egui::Visuals::dark().panel_fill,
            high_contrast().panel_fill,
        ];
        for colour in [
            UNKNOWN,
            NOT_COVERED,
            WARNING,
            SAME,
            PARTLY_SHARED,
            DIFFERENT,
            SHARED,
        ] {
            for bg in backgrounds {
                let ratio = contrast(colour, bg);
                assert!(ratio >= 3.5, "{colour:?} on {bg:?}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn high_contrast_text_and_focus_are_strong() {
        let v = high_contrast();
        assert!(is_high_contrast(&v));
        assert!(contrast(v.widgets.noninteractive.fg_stroke.color, v.panel_fill) >= 20.0);
        assert!(contrast(HIGH_CONTRAST_FOCUS, v.panel_fill) >= 12.0);
        assert!(contrast(Color32::WHITE, v.selection.bg_fill) >= 7.0);
        assert!(v.widgets.active.bg_stroke.width >= 2.0);
        assert!(!is_high_contrast(&with_strong_focus(egui::Visuals::dark())));
    }

    #[test]
    fn every_text_colour_of_high_contrast_reads_at_7_to_1() {
        let v = high_contrast();
        let mut texts: Vec<(String, Color32)> = Status::ALL
            .iter()
            .map(|s| (format!("{s:?}"), status_color(&v, *s)))
            .collect();
        texts.extend([
            ("text".to_owned(), v.text_color()),
            ("weak text".to_owned(), v.weak_text_color()),
            ("strong text".to_owned(), v.strong_text_color()),
            ("link".to_owned(), v.hyperlink_color),
            ("warning".to_owned(), v.warn_fg_color),
            ("error".to_owned(), v.error_fg_color),
            ("button".to_owned(), v.widgets.inactive.fg_stroke.color),
        ]);
        for (name, colour) in texts {
            for bg in text_backgrounds(&v) {
                let ratio = contrast(colour, bg);
                assert!(ratio >= 7.0, "{name} {colour:?} on {bg:?}: {ratio:.2}");
            }
        }
        // The light and dark themes keep their colours.
        assert_eq!(
            status_color(&egui::Visuals::dark(), Status::Unknown),
            UNKNOWN
        );
    }
}
