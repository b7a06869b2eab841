//! Which highlights the edits of the case being edited leave without their passage: the
//! user's and those of the loaded notes files (a class's, a reference lesson's). Highlights
//! re-anchor when they are read, so nothing is rewritten; the editor only says which ones the
//! reader would show as orphaned, while Undo can still bring their text back.

use crate::authoring::highlights_after_edit;
use crate::format::{Case, NotesFile};

/// Highlights of one notes file that lose their passage in one edited paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphans {
    /// Whose notes: "yours", or the notes file's name.
    pub whose: String,
    /// The paragraph (`section/paragraph`).
    pub paragraph: String,
    /// How many highlights.
    pub count: usize,
}

/// The highlights of `notes` (labelled `whose`) that resolve in the `saved` case and no
/// longer do in the `draft`, per paragraph whose text differs.
pub fn orphaned_by_edits<'a>(
    saved: &Case,
    draft: &Case,
    notes: impl IntoIterator<Item = (String, &'a NotesFile)>,
) -> Vec<Orphans> {
    let changed: Vec<(String, &str, Option<&str>)> = saved
        .sections
        .iter()
        .flat_map(|s| {
            s.paragraphs.iter().map(move |p| {
                let address = format!("{}/{}", s.id, p.id);
                (address, p.text.as_str())
            })
        })
        .filter_map(|(address, before)| {
            let after = draft.paragraph(&address).map(|p| p.text.as_str());
            (after != Some(before)).then_some((address, before, after))
        })
        .collect();
    if changed.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (whose, file) in notes {
        for (address, before, after) in &changed {
            let report = highlights_after_edit(file, &saved.id, address, Some(before), *after);
            let count = report.orphaned();
            if count > 0 {
                out.push(Orphans {
                    whose: whose.clone(),
                    paragraph: address.clone(),
                    count,
                });
            }
        }
    }
    out
}

/// One sentence for the editor: which highlights the edits orphan, or `None`.
pub fn orphans_message(orphans: &[Orphans]) -> Option<String> {
    if orphans.is_empty() {
        return None;
    }
    let total: usize = orphans.iter().map(|o| o.count).sum();
    let places: Vec<String> = orphans
        .iter()
        .map(|o| format!("{} in {} ({})", o.count, o.paragraph, o.whose))
        .collect();
    Some(format!(
        "These edits leave {total} highlight(s) without their passage: {}. The reader will show them as orphaned; undo the text edit (Ctrl+Z) to keep them.",
        places.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{bundled, highlight};

    #[test]
    fn a_rewritten_passage_orphans_the_highlight_on_it_and_an_untouched_one_does_not() {
        let lib = bundled();
        let saved = lib.case("company-a").expect("bundled").clone();
        let mut notes = crate::format::empty_notes(None);
        notes.items.push(highlight(
            &lib,
            "h1",
            "background/p1",
            "founded in 1999",
            &[],
        ));
        notes
            .items
            .push(highlight(&lib, "h2", "background/p2", "life sciences", &[]));
        let yours = |n| [("yours".to_owned(), n)];

        let mut draft = saved.clone();
        assert!(orphaned_by_edits(&saved, &draft, yours(&notes)).is_empty());
        assert_eq!(orphans_message(&[]), None);
        let p1 = &mut draft.sections[0].paragraphs[0];
        assert_eq!(p1.id, "p1");
        p1.text = "Entirely different words now.".into();
        let orphans = orphaned_by_edits(&saved, &draft, yours(&notes));
        assert_eq!(
            orphans,
            vec![Orphans {
                whose: "yours".into(),
                paragraph: "background/p1".into(),
                count: 1
            }]
        );
        let message = orphans_message(&orphans).expect("a message");
        assert!(message.contains("1 in background/p1 (yours)"), "{message}");

        // Words added around the passage keep the highlight.
        let mut draft = saved.clone();
        let p1 = &mut draft.sections[0].paragraphs[0];
        p1.text = format!("Today, {}", p1.text);
        assert!(orphaned_by_edits(&saved, &draft, yours(&notes)).is_empty());
    }
}
