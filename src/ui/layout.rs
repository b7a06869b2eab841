//! Which side panels a window of a given width shows, so the main area (the reader's text, the
//! compare table, the matrix) keeps a readable width. Pure: plain numbers in, plain answers out;
//! the views only ask.
//!
//! The rule: the panels are considered in order (a panel the user opened with its toggle, then
//! the library, then the view's own side panel) and each shows only if the main area keeps its
//! minimum width beside everything shown so far. A panel that does not show collapses to a
//! toggle button. A panel the user opened shows whatever the width; the main area then keeps at
//! least [`MIN_SQUEEZED_WIDTH`].

/// Narrowest the main area gets beside the side panels that fit on their own: about 60
/// characters of body text, a comfortable reading line.
pub const MIN_MAIN_WIDTH: f32 = 480.0;

/// Narrowest the main area gets beside a panel the user opened although it does not fit: the
/// reader's highlight bar on one row and a short reading line.
pub const MIN_SQUEEZED_WIDTH: f32 = 400.0;

/// Narrowest a panel opened in a small window gets.
pub const MIN_PANEL_WIDTH: f32 = 200.0;

/// One of the panels beside the main area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Panel {
    /// The library list on the left.
    Library,
    /// The view's own panel on the right (the reader's Facets/Notes, the Matrix's evidence).
    Side,
}

/// Which panels show (`true`) and which are collapsed to a toggle (`false`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panels {
    /// The library list.
    pub library: bool,
    /// The view's side panel (always `false` for a view without one).
    pub side: bool,
}

impl Panels {
    /// True when `panel` shows.
    pub fn shows(self, panel: Panel) -> bool {
        match panel {
            Panel::Library => self.library,
            Panel::Side => self.side,
        }
    }

    fn set(&mut self, panel: Panel) {
        match panel {
            Panel::Library => self.library = true,
            Panel::Side => self.side = true,
        }
    }
}

/// The widths the rule weighs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    /// The whole window.
    pub window: f32,
    /// The library panel.
    pub library: f32,
    /// The view's side panel; `None` when the view has none.
    pub side: Option<f32>,
    /// The narrowest the view's main area may get (usually [`MIN_MAIN_WIDTH`]).
    pub main_min: f32,
}

impl Widths {
    fn of(&self, panel: Panel) -> Option<f32> {
        match panel {
            Panel::Library => Some(self.library),
            Panel::Side => self.side,
        }
    }
}

/// Which panels show in a window of `widths`, given the panel the user `opened` with its toggle
/// (at most one: opening one closes the other's toggle).
pub fn panels(widths: &Widths, opened: Option<Panel>) -> Panels {
    let mut shown = Panels::default();
    let mut room = widths.window;
    for panel in [opened, Some(Panel::Library), Some(Panel::Side)]
        .into_iter()
        .flatten()
    {
        let Some(width) = widths.of(panel) else {
            continue;
        };
        if shown.shows(panel) {
            continue;
        }
        if opened == Some(panel) || room - width >= widths.main_min {
            shown.set(panel);
            room -= width;
        }
    }
    shown
}

/// True when `panel` is collapsed to a toggle unless the user opens it.
pub fn collapses(widths: &Widths, panel: Panel) -> bool {
    widths.of(panel).is_some() && !panels(widths, None).shows(panel)
}

/// True when the tab bar offers a toggle for `panel`: the view has it and it is collapsed
/// (also when the other, opened panel pushed it out), or it is the opened one (to close it).
pub fn has_toggle(widths: &Widths, opened: Option<Panel>, panel: Panel) -> bool {
    widths.of(panel).is_some() && (opened == Some(panel) || !panels(widths, opened).shows(panel))
}

/// True when the view has `panel` and it shows without being opened (its toggle is not needed).
pub fn fits(widths: &Widths, panel: Panel) -> bool {
    widths.of(panel).is_some() && panels(widths, None).shows(panel)
}

/// What the app tells a view about its side panel this frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideSlot {
    /// The panel shows (else it is collapsed to a toggle in the tab bar).
    pub shown: bool,
    /// The narrowest the view's main area keeps beside it (see [`max_panel_width`]).
    pub main_min: f32,
}

impl Default for SideSlot {
    fn default() -> Self {
        Self {
            shown: true,
            main_min: MIN_MAIN_WIDTH,
        }
    }
}

/// The widest a panel may be dragged in `room` (the width the panel and the main area share)
/// while the main area keeps `main_min`; never below [`MIN_PANEL_WIDTH`].
pub fn max_panel_width(room: f32, main_min: f32) -> f32 {
    (room - main_min).max(MIN_PANEL_WIDTH)
}

/// What a side panel's width does this frame ([`panel_width`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelWidth {
    /// Set the panel to this width now (its width before a small window squeezed it).
    pub restore: Option<f32>,
    /// The width to give back once there is room again (`None`: nothing squeezed).
    pub wanted: Option<f32>,
}

/// A side panel's width across window sizes: when the window leaves the panel less room
/// (`max`) than its width (`stored`), the width it had is remembered (`wanted`); once the room
/// is back, that width is given back, in steps as the window grows. A width the user chose by
/// dragging within the room is never changed.
pub fn panel_width(stored: f32, wanted: Option<f32>, max: f32) -> PanelWidth {
    const SLACK: f32 = 0.5;
    if stored > max + SLACK {
        return PanelWidth {
            restore: None,
            wanted: Some(wanted.unwrap_or(stored).max(stored)),
        };
    }
    match wanted {
        Some(w) if max + SLACK >= w => PanelWidth {
            restore: Some(w),
            wanted: None,
        },
        Some(w) if stored + SLACK < max => PanelWidth {
            restore: Some(max),
            wanted: Some(w),
        },
        other => PanelWidth {
            restore: None,
            wanted: other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panel_squeezed_by_a_small_window_gets_its_width_back() {
        // 440 wide; the window shrinks and leaves it 240.
        let squeezed = panel_width(440.0, None, 240.0);
        assert_eq!(squeezed.wanted, Some(440.0));
        assert_eq!(squeezed.restore, None, "egui clamps it");
        // Now 240 wide; the window grows a little, then back to large.
        let half = panel_width(240.0, Some(440.0), 300.0);
        assert_eq!(
            half,
            PanelWidth {
                restore: Some(300.0),
                wanted: Some(440.0)
            }
        );
        let back = panel_width(300.0, Some(440.0), 1000.0);
        assert_eq!(
            back,
            PanelWidth {
                restore: Some(440.0),
                wanted: None
            }
        );
        // A width the user dragged to, with room to spare, stays.
        let dragged = panel_width(250.0, None, 1000.0);
        assert_eq!(
            dragged,
            PanelWidth {
                restore: None,
                wanted: None
            }
        );
    }

    const LIBRARY: f32 = 260.0;
    const FACETS: f32 = 440.0;
    const EVIDENCE: f32 = 380.0;

    fn reader(window: f32) -> Widths {
        Widths {
            window,
            library: LIBRARY,
            side: Some(FACETS),
            main_min: MIN_MAIN_WIDTH,
        }
    }

    fn shown(library: bool, side: bool) -> Panels {
        Panels { library, side }
    }

    #[test]
    fn the_reader_keeps_both_panels_when_wide_and_collapses_the_facets_first() {
        assert_eq!(panels(&reader(1600.0), None), shown(true, true));
        assert_eq!(panels(&reader(1280.0), None), shown(true, true));
        // 1000 - 260 leaves 740 for text: no room for 440 more.
        assert_eq!(panels(&reader(1000.0), None), shown(true, false));
        // 800 - 260 = 540: still a reading line beside the library.
        assert_eq!(panels(&reader(800.0), None), shown(true, false));
        assert_eq!(panels(&reader(700.0), None), shown(false, false));
    }

    #[test]
    fn the_main_area_never_gets_below_its_minimum_without_an_opened_panel() {
        for window in (600..=2000).step_by(10) {
            let w = reader(window as f32);
            let p = panels(&w, None);
            let used = if p.library { LIBRARY } else { 0.0 } + if p.side { FACETS } else { 0.0 };
            assert!(window as f32 - used >= MIN_MAIN_WIDTH, "{window}: {p:?}");
        }
    }

    #[test]
    fn the_matrix_evidence_panel_follows_the_same_rule() {
        let matrix = |window| Widths {
            side: Some(EVIDENCE),
            ..reader(window)
        };
        assert_eq!(panels(&matrix(1600.0), None), shown(true, true));
        assert_eq!(panels(&matrix(1280.0), None), shown(true, true));
        assert_eq!(panels(&matrix(1000.0), None), shown(true, false));
        assert_eq!(panels(&matrix(800.0), None), shown(true, false));
    }

    #[test]
    fn a_view_without_a_side_panel_shows_none_and_offers_no_toggle_for_it() {
        let compare = |window| Widths {
            side: None,
            main_min: 650.0,
            ..reader(window)
        };
        assert_eq!(panels(&compare(1600.0), None), shown(true, false));
        assert_eq!(panels(&compare(1000.0), None), shown(true, false));
        // Two case columns need 650: the library collapses at 800.
        assert_eq!(panels(&compare(800.0), None), shown(false, false));
        assert!(!collapses(&compare(800.0), Panel::Side));
        assert!(collapses(&compare(800.0), Panel::Library));
        assert!(!collapses(&compare(1000.0), Panel::Library));
    }

    #[test]
    fn an_opened_panel_shows_and_goes_first() {
        // At 800 the opened facets take the room; the library collapses.
        assert_eq!(
            panels(&reader(800.0), Some(Panel::Side)),
            shown(false, true)
        );
        // At 1000 the opened facets leave 560: no room for the library beside a reading line.
        assert_eq!(
            panels(&reader(1000.0), Some(Panel::Side)),
            shown(false, true)
        );
        // An opened library at 700 shows; the facets stay collapsed.
        assert_eq!(
            panels(&reader(700.0), Some(Panel::Library)),
            shown(true, false)
        );
        // Opening a panel that already fits changes nothing.
        assert_eq!(
            panels(&reader(1600.0), Some(Panel::Side)),
            shown(true, true)
        );
    }

    #[test]
    fn toggles_are_offered_exactly_for_the_panels_that_collapse() {
        assert!(!collapses(&reader(1280.0), Panel::Side));
        assert!(collapses(&reader(1000.0), Panel::Side));
        assert!(!collapses(&reader(1000.0), Panel::Library));
        assert!(collapses(&reader(700.0), Panel::Library));
        assert!(fits(&reader(1280.0), Panel::Side));
        assert!(!fits(&reader(1000.0), Panel::Side));
    }

    #[test]
    fn a_panel_pushed_out_by_an_opened_one_keeps_a_toggle_to_swap_back() {
        // At 1000 the library fits alone; opening the facets pushes it out: both toggles show.
        let w = reader(1000.0);
        assert!(!has_toggle(&w, None, Panel::Library));
        assert!(has_toggle(&w, None, Panel::Side));
        assert!(has_toggle(&w, Some(Panel::Side), Panel::Library));
        assert!(has_toggle(&w, Some(Panel::Side), Panel::Side));
        // Wide, nothing collapses and nothing needs a toggle.
        assert!(!has_toggle(&reader(1600.0), None, Panel::Library));
        assert!(!has_toggle(&reader(1600.0), None, Panel::Side));
        // No side panel, no toggle for it.
        let compare = Widths { side: None, ..w };
        assert!(!has_toggle(&compare, Some(Panel::Library), Panel::Side));
    }

    #[test]
    fn a_panel_may_be_dragged_only_as_wide_as_the_main_area_allows() {
        assert_eq!(max_panel_width(1020.0, MIN_MAIN_WIDTH), 540.0);
        assert_eq!(max_panel_width(500.0, MIN_MAIN_WIDTH), MIN_PANEL_WIDTH);
        assert_eq!(max_panel_width(800.0, MIN_SQUEEZED_WIDTH), 400.0);
    }
}
