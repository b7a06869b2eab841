//! Where the open case's highlights sit in its current text, and the shown layers' marks beside
//! them: the colours the narrative paints, by paragraph. Re-anchoring can be costly, so it runs
//! once per notes, library or layers change, not every frame.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::Color32;

use super::shared::{ReaderInput, code_color};
use crate::agreement::density::Density;
use crate::format::ItemKind;
use crate::notes::check;
use crate::ui::theme;

/// Where each highlight sits now, by item id: its anchor's state and its char range, if any.
pub type States = HashMap<String, (check::AnchorState, Option<(usize, usize)>)>;

/// The marks of each paragraph (`section/paragraph`): char ranges and their colours.
pub type Marks = HashMap<String, Vec<(Range<usize>, Color32)>>;

/// Highlights of the open case, located in the current text (re-anchoring can be costly,
/// so it runs once per notes or library change, not every frame).
#[derive(Default)]
pub struct Located {
    key: (String, u64, u64, u64),
    /// The marks the narrative paints, by paragraph.
    pub by_paragraph: Marks,
    /// Where each highlight of the case sits now, by item id.
    pub states: States,
}

impl Located {
    /// Finds where each highlight of the open case sits now (cached per notes revision), with
    /// the shown layers' `density` (and its stamp) under them.
    pub fn refresh(&mut self, input: &ReaderInput<'_>, density: Option<&(u64, Arc<Density>)>) {
        let key = (
            input.case.id.clone(),
            input.generation + input.references.len() as u64,
            input.notebook.revision,
            density.map_or(0, |(stamp, _)| *stamp),
        );
        if self.key == key && self.key.0 == input.case.id {
            return;
        }
        let mut by_paragraph: Marks = HashMap::new();
        // The shown layers first and faint (stronger where more authors marked the text), so
        // the user's own highlights draw over them.
        if let Some((_, density)) = density.filter(|(_, d)| d.total > 0) {
            for (paragraph, d) in &density.paragraphs {
                let marks = by_paragraph.entry(paragraph.clone()).or_default();
                for (range, count) in &d.segments {
                    let share = *count as f32 / density.total as f32;
                    let color = theme::REFERENCE_HIGHLIGHT.gamma_multiply(0.35 + 0.65 * share);
                    marks.push((range.clone(), color));
                }
            }
        }
        let mut states = HashMap::new();
        for item in input.notebook.items().filter(|i| {
            i.kind == ItemKind::Highlight && i.case.as_deref() == Some(input.case.id.as_str())
        }) {
            let Some(target) = &item.target else { continue };
            let (state, range) = check::locate(input.library, &input.case.id, target);
            states.insert(item.id.clone(), (state, range));
            if let Some((start, end)) = range {
                let color = code_color(
                    input,
                    item.codes.first().map(compact_str::CompactString::as_str),
                )
                .gamma_multiply(0.55);
                by_paragraph
                    .entry(target.paragraph.as_deref().unwrap_or_default().to_owned())
                    .or_default()
                    .push((start..end, color));
            }
        }
        *self = Located {
            key,
            by_paragraph,
            states,
        };
    }
}
