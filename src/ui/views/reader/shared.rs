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
    pub others: &'a [(String, String)],
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
