//! How many of the shown authors marked each paragraph of a case, and where: the reader's
//! density band.

use std::collections::HashMap;
use std::ops::Range;

use crate::format::ItemKind;
use crate::library::Library;
use crate::notes::check;
use crate::notes::layers::Coder;
use std::collections::HashSet;

/// How many authors marked one paragraph, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphDensity {
    /// Distinct authors with a highlight in the paragraph.
    pub authors: usize,
    /// Raw char ranges with how many authors' highlights cover them (count > 0), in order,
    /// neighbours with the same count joined.
    pub segments: Vec<(Range<usize>, usize)>,
}

/// Where the shown authors' highlights of one case sit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Density {
    /// Number of shown authors (the "of N").
    pub total: usize,
    /// By `section/paragraph`.
    pub paragraphs: HashMap<String, ParagraphDensity>,
}

/// Where each shown author's live highlights of `case` land in the current text (highlights
/// that cannot be found are left out), counted per paragraph and per stretch of text.
pub fn density(library: &Library, case: &str, coders: &[Coder<'_>]) -> Density {
    let mut ranges: HashMap<String, Vec<(usize, Range<usize>)>> = HashMap::new();
    for (who, coder) in coders.iter().enumerate() {
        let highlights = coder.notes.items.iter().filter(|i| {
            !i.deleted && i.kind == ItemKind::Highlight && i.case.as_deref() == Some(case)
        });
        for item in highlights {
            let Some(target) = &item.target else { continue };
            let Some(paragraph) = &target.paragraph else {
                continue;
            };
            if let (_, Some((start, end))) = check::locate(library, case, target) {
                ranges
                    .entry(paragraph.to_string())
                    .or_default()
                    .push((who, start..end));
            }
        }
    }
    Density {
        total: coders.len(),
        paragraphs: ranges
            .into_iter()
            .map(|(p, marks)| (p, paragraph_density(&marks)))
            .collect(),
    }
}

/// Counts distinct authors per stretch of text, from `(author index, range)` marks.
pub fn paragraph_density(marks: &[(usize, Range<usize>)]) -> ParagraphDensity {
    let authors: HashSet<usize> = marks.iter().map(|(a, _)| *a).collect();
    let mut cuts: Vec<usize> = marks.iter().flat_map(|(_, r)| [r.start, r.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments: Vec<(Range<usize>, usize)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let count = marks
            .iter()
            .filter(|(_, r)| r.start <= a && b <= r.end)
            .map(|(who, _)| *who)
            .collect::<HashSet<_>>()
            .len();
        if count == 0 {
            continue;
        }
        match segments.last_mut() {
            Some((last, n)) if last.end == a && *n == count => last.end = b,
            _ => segments.push((a..b, count)),
        }
    }
    ParagraphDensity {
        authors: authors.len(),
        segments,
    }
}

/// The density band's hover text: "7 of 30 authors marked this paragraph".
pub fn density_text(marked: usize, total: usize) -> String {
    let noun = if total == 1 { "author" } else { "authors" };
    format!("{marked} of {total} {noun} marked this paragraph")
}
