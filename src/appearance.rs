//! What the window looks like and which of its overlays shows: the themes a user can choose
//! and the requests the command table sends to the window rather than to the workspace.
//! Pure names and choices; `ui/theme.rs` turns a [`Theme`] into colours.

use serde::{Deserialize, Serialize};

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Dark text on light backgrounds.
    Light,
    /// Light text on dark backgrounds.
    Dark,
    /// White on black with strong outlines: for projectors and low vision.
    HighContrast,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Theme; 4] = [
        Theme::System,
        Theme::Light,
        Theme::Dark,
        Theme::HighContrast,
    ];

    /// The name in the View > Theme menu.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Follow the system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::HighContrast => "High contrast",
        }
    }
}

/// Something the command table asks of the window itself (not of the workspace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowRequest {
    /// Open the command palette.
    Palette,
    /// Show the keyboard shortcuts.
    Shortcuts,
    /// Use this colour theme.
    Theme(Theme),
    /// Ask for the name the notes are written under (*Edit > Your name*).
    YourName,
    /// List the notes' backups, to restore or download one (*File > Notes backups…*).
    NotesBackups,
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn themes_have_distinct_labels_and_round_trip() {
        let mut labels: Vec<&str> = Theme::ALL.iter().map(|t| t.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), Theme::ALL.len());
        for theme in Theme::ALL {
            let json = serde_json::to_string(&theme).expect("serialises");
            assert_eq!(serde_json::from_str::<Theme>(&json).expect("parses"), theme);
        }
    }
}
