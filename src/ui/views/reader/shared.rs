//! What every part of the reader reads: its input from the workspace, a code's label and
//! colour, and the evidence buttons under a facet or an alliance.

use egui::{Color32, Ui};

use crate::codebook::Codebook;
use crate::format::{Case, Evidence, Framework};
use crate::library::Library;
use crate::notes::book::NoteBook;
use crate::ui::theme;
use crate::ui::widgets::evidence::{EvidenceRef, Style};
use crate::workspace::Action;

/// What the reader needs from the workspace.
pub struct ReaderInput<'a> {
    /// The open case.
    pub case: &'a Case,
    /// Its framework.
    pub framework: Option<&'a Framework>,
    /// Labels, colours and hierarchy of the framework's and the user's codes.
    pub codebook: &'a Codebook,
    /// Other cases of the same framework (id, title) for "Compare with…".
    pub others: &'a [(&'a str, &'a str)],
    /// Everything loaded (to locate highlights).
    pub library: &'a Library,
    /// The user's notes.
    pub notebook: &'a NoteBook,
    /// Other people's notes shown beside the user's, never written (a lecturer's file).
    pub references: &'a [crate::notes::layers::ReferenceLayer],
    /// Workspace generation (cache key).
    pub generation: u64,
    /// Show instructor questions.
    pub show_instructor: bool,
    /// The case is being edited beside the text (the *Edit case* toggle is on).
    pub editing: bool,
    /// Answers typed but not saved yet, by (case, question).
    pub answers: &'a std::collections::BTreeMap<(String, String), String>,
    /// A search hit outside the paragraphs to mark (a facet, an alliance, a source…).
    pub spot: Option<&'a crate::workspace::spot::Spot>,
}

/// The search hit the reader marks this frame, and whether it was just jumped to (then the
/// reader scrolls to it once).
#[derive(Debug, Clone, Copy, Default)]
pub struct SpotMark<'a> {
    /// The hit, if any.
    pub spot: Option<&'a crate::workspace::spot::Spot>,
    /// True on the frame of the jump.
    pub jump: bool,
}

impl SpotMark<'_> {
    /// Marks `response` when `on`: a frame in the focus colour around it, selected for screen
    /// readers, scrolled into sight on the frame of the jump.
    pub fn mark(&self, ui: &Ui, response: &egui::Response, on: bool) {
        self.mark_in(ui, response.rect, response, on);
    }

    /// [`SpotMark::mark`] with the frame around `rect` (a whole row), `response` its label.
    pub fn mark_in(&self, ui: &Ui, rect: egui::Rect, response: &egui::Response, on: bool) {
        if !on || self.spot.is_none() {
            return;
        }
        let rect = rect.expand(3.0);
        ui.painter().rect_stroke(
            rect,
            3,
            egui::Stroke::new(3.0, theme::FOCUS_BG),
            egui::StrokeKind::Outside,
        );
        ui.ctx()
            .accesskit_node_builder(response.id, |n| n.set_selected(true));
        if self.jump {
            response.scroll_to_me(Some(egui::Align::Center));
        }
    }

    /// True when the spot satisfies `is`.
    pub fn is(&self, is: impl FnOnce(&crate::workspace::spot::Spot) -> bool) -> bool {
        self.spot.is_some_and(is)
    }
}

/// Label of a code (yours or the framework's); its id when unknown.
pub fn code_label(input: &ReaderInput<'_>, id: &str) -> String {
    input.codebook.label(id).to_owned()
}

/// Colour of a code (user or framework); a neutral yellow for uncoded highlights.
pub fn code_color(input: &ReaderInput<'_>, id: Option<&str>) -> Color32 {
    id.map_or(theme::UNCODED_HIGHLIGHT, |id| {
        theme::code_color(input.codebook.color(id))
    })
}

/// The evidence of a facet or an alliance, as compact buttons that open their passages.
pub fn evidence_ui(ui: &mut Ui, case: &Case, evidence: &[Evidence], actions: &mut Vec<Action>) {
    let refs: Vec<EvidenceRef<'_>> = evidence.iter().map(EvidenceRef::from).collect();
    crate::ui::widgets::evidence::evidence_ui(ui, case, &refs, Style::Compact, actions);
}
