//! Presentation mode's window state: the presenter's clock, the window mode before presenting,
//! the zoom last given to egui, and the lesson editor's choices and drafts. Plain state, never
//! saved; drawn and changed by the app's `present` concern.

use std::sync::Arc;
use std::time::Duration;

use web_time::Instant;

use crate::format::empty_notes;
use crate::notes::autosave::{Clock, SystemClock};
use crate::notes::book::NoteBook;

/// Window state of presentation mode and the lesson editor (never saved).
pub struct PresentUi {
    /// Where the presenter's clock reads the time (a `ManualClock` in tests).
    pub clock: Arc<dyn Clock>,
    /// When the open lesson started.
    pub(super) started: Option<Instant>,
    /// Whether the window was full screen before presenting.
    pub(super) was_fullscreen: bool,
    /// The zoom presentation mode last gave egui.
    pub(super) applied: Option<f32>,
    /// Shown to the reader instead of the user's notes while they are hidden.
    pub(super) no_notes: NoteBook,
    /// Lesson editor: the lesson chosen.
    pub(super) editing: Option<String>,
    /// Lesson editor: the step chosen.
    pub(super) step: Option<usize>,
    /// Lesson editor: the title being typed (new lesson, rename).
    pub(super) title: String,
    /// Lesson editor: the step title being typed.
    pub(super) step_title: String,
    /// Lesson editor: the presenter note being typed.
    pub(super) step_note: String,
    /// Lesson editor: the step's title and note in the file when the fields last followed it
    /// (undo and redo change the file; untouched fields follow).
    pub(super) step_saved: (String, String),
}

impl Default for PresentUi {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            started: None,
            was_fullscreen: false,
            applied: None,
            no_notes: NoteBook::new(empty_notes(None)),
            editing: None,
            step: None,
            title: String::new(),
            step_title: String::new(),
            step_note: String::new(),
            step_saved: (String::new(), String::new()),
        }
    }
}

impl PresentUi {
    /// An empty notebook, shown instead of the user's notes while presenting hides them.
    pub(super) fn no_notes(&self) -> &NoteBook {
        &self.no_notes
    }

    /// Time since the open lesson started.
    pub fn elapsed(&self) -> Duration {
        self.started.map_or(Duration::ZERO, |s| {
            self.clock.now().saturating_duration_since(s)
        })
    }
}
