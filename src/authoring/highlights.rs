//! What an edit of a paragraph's text does to the highlights people made on it: still in
//! place, moved, or orphaned, by the same re-anchoring the notes use
//! ([`crate::notes::anchor`]). Nothing is rewritten: highlights re-anchor when they are read,
//! so this only says what the reader will see.

use super::draft::CaseDraft;
use crate::format::{ItemKind, NotesFile};
use crate::notes::anchor::{Resolution, resolve_target};

/// Where one highlight lands before and after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightFate {
    /// The highlight's item id.
    pub item: String,
    /// Where it was before the edit.
    pub before: Resolution,
    /// Where it is after the edit (orphaned when the paragraph is gone).
    pub after: Resolution,
}

impl HighlightFate {
    /// True when the edit orphaned it (it was found before and is not now).
    pub fn orphaned_by_edit(&self) -> bool {
        !matches!(self.before, Resolution::Orphaned) && matches!(self.after, Resolution::Orphaned)
    }
}

/// The highlights of one notes file on one edited paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HighlightReport {
    /// The paragraph (`section/paragraph`).
    pub paragraph: String,
    /// Every live highlight on it.
    pub fates: Vec<HighlightFate>,
}

impl HighlightReport {
    /// Highlights at the same place as before.
    pub fn kept(&self) -> usize {
        self.count(|f| matches!(f.after, Resolution::Exact { .. }))
    }

    /// Highlights found elsewhere in the paragraph, or with small changes inside.
    pub fn moved(&self) -> usize {
        self.count(|f| matches!(f.after, Resolution::Moved { .. }))
    }

    /// Highlights this edit orphaned ("2 highlights orphaned by this edit").
    pub fn orphaned(&self) -> usize {
        self.count(HighlightFate::orphaned_by_edit)
    }

    fn count(&self, f: impl Fn(&HighlightFate) -> bool) -> usize {
        self.fates.iter().filter(|x| f(x)).count()
    }
}

/// The live highlights of `notes` on `paragraph` of `case_id`, resolved in the text `before`
/// and `after` an edit (`None`: the paragraph did not exist, or no longer does).
pub fn highlights_after_edit(
    notes: &NotesFile,
    case_id: &str,
    paragraph: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> HighlightReport {
    let resolve = |text: Option<&str>, target| {
        text.map_or(Resolution::Orphaned, |t| resolve_target(t, target))
    };
    let fates = notes
        .items
        .iter()
        .filter(|i| {
            !i.deleted && i.kind == ItemKind::Highlight && i.case.as_deref() == Some(case_id)
        })
        .filter_map(|i| {
            let target = i.target.as_ref()?;
            (target.paragraph.as_deref() == Some(paragraph)).then(|| HighlightFate {
                item: i.id.clone(),
                before: resolve(before, target),
                after: resolve(after, target),
            })
        })
        .collect();
    HighlightReport {
        paragraph: paragraph.to_owned(),
        fates,
    }
}

impl CaseDraft {
    /// What the last edit, undo or redo did to the highlights of `notes` (the user's, or a
    /// layer's) on the paragraphs it changed; paragraphs without highlights are left out.
    pub fn highlight_report(&self, notes: &NotesFile) -> Vec<HighlightReport> {
        self.last_change()
            .iter()
            .map(|(address, before)| {
                let after = self.doc().paragraph(address).map(|p| p.text.as_str());
                highlights_after_edit(notes, &self.doc().id, address, before.as_deref(), after)
            })
            .filter(|r| !r.fates.is_empty())
            .collect()
    }
}
