//! From layers to what agreement, triage and the class summary count: per loaded case, its
//! paragraphs, the coders who wrote anything on it, and every live highlight with its
//! resolved character range.

use std::collections::HashMap;

use crate::format::{Case, ItemKind};
use crate::library::Library;
use crate::notes::anchor::{Resolution, resolve_target};
use crate::notes::layers::Layer;

/// One paragraph of a case.
pub(crate) struct Para<'a> {
    /// `section/paragraph`.
    pub address: String,
    /// Its text.
    pub text: &'a str,
    /// Its length in chars.
    pub len: usize,
}

/// One live highlight of one coder.
pub(crate) struct Mark<'a> {
    /// Index into [`CaseMarks::paras`].
    pub para: usize,
    /// Index of the coder (layer).
    pub coder: usize,
    /// Char range in the paragraph: anchored, else the stored hints; `None` if neither.
    pub range: Option<(usize, usize)>,
    /// Codes applied.
    pub codes: &'a [String],
}

/// A loaded case that at least one coder wrote on.
pub(crate) struct CaseMarks<'a> {
    /// The case.
    pub case: &'a Case,
    /// Its paragraphs in reading order.
    pub paras: Vec<Para<'a>>,
    /// Coders with at least one live item on the case, ascending.
    pub rated: Vec<usize>,
    /// Live highlights on existing paragraphs, in layer order.
    pub marks: Vec<Mark<'a>>,
}

/// Every loaded case some layer has a live item on, in library order.
pub(crate) fn extract<'a>(library: &'a Library, layers: &'a [Layer]) -> Vec<CaseMarks<'a>> {
    let index: HashMap<&str, usize> = library
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.doc.id.as_str(), i))
        .collect();
    let mut slots: Vec<Option<(CaseMarks<'a>, HashMap<String, usize>)>> =
        library.cases.iter().map(|_| None).collect();
    for (coder, layer) in layers.iter().enumerate() {
        for item in layer.notes.items.iter().filter(|i| !i.deleted) {
            let Some(&ci) = item.case.as_deref().and_then(|c| index.get(c)) else {
                continue;
            };
            let (cm, addresses) =
                slots[ci].get_or_insert_with(|| open_case(&library.cases[ci].doc));
            if cm.rated.last() != Some(&coder) {
                cm.rated.push(coder);
            }
            if item.kind != ItemKind::Highlight {
                continue;
            }
            let Some(target) = &item.target else { continue };
            let Some(&para) = target.paragraph.as_deref().and_then(|a| addresses.get(a)) else {
                continue;
            };
            let p = &cm.paras[para];
            let range = match resolve_target(p.text, target) {
                Resolution::Exact { start, end } | Resolution::Moved { start, end } => {
                    Some((start, end))
                }
                Resolution::Orphaned => match (target.start, target.end) {
                    (Some(s), Some(e)) if s.min(p.len) < e.min(p.len) => {
                        Some((s.min(p.len), e.min(p.len)))
                    }
                    _ => None,
                },
            };
            cm.marks.push(Mark {
                para,
                coder,
                range,
                codes: &item.codes,
            });
        }
    }
    slots.into_iter().flatten().map(|(cm, _)| cm).collect()
}

fn open_case(case: &Case) -> (CaseMarks<'_>, HashMap<String, usize>) {
    let paras: Vec<Para<'_>> = case
        .sections
        .iter()
        .flat_map(|s| {
            s.paragraphs.iter().map(move |p| Para {
                address: format!("{}/{}", s.id, p.id),
                text: &p.text,
                len: p.text.chars().count(),
            })
        })
        .collect();
    let addresses = paras
        .iter()
        .enumerate()
        .map(|(i, p)| (p.address.clone(), i))
        .collect();
    let marks = CaseMarks {
        case,
        paras,
        rated: Vec::new(),
        marks: Vec::new(),
    };
    (marks, addresses)
}

/// Coverage along `len` chars by `ranges` (coder, start, end): calls `f(start, end, depth)`
/// for each maximal stretch (including uncovered ones), `depth` mapping each coder covering
/// it to how many of its ranges do.
pub(crate) fn sweep(
    len: usize,
    ranges: &[(usize, usize, usize)],
    mut f: impl FnMut(usize, usize, &HashMap<usize, u32>),
) {
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(ranges.len() * 2);
    for &(coder, s, e) in ranges {
        let (s, e) = (s.min(len), e.min(len));
        if s < e {
            events.push((s, true, coder));
            events.push((e, false, coder));
        }
    }
    events.sort_unstable();
    let mut depth: HashMap<usize, u32> = HashMap::new();
    let mut at = 0;
    for (pos, open, coder) in events {
        if pos > at {
            f(at, pos, &depth);
            at = pos;
        }
        if open {
            *depth.entry(coder).or_insert(0) += 1;
        } else if let Some(d) = depth.get_mut(&coder) {
            *d -= 1;
            if *d == 0 {
                depth.remove(&coder);
            }
        }
    }
    if len > at {
        f(at, len, &depth);
    }
}
