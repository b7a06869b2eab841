//! From layers to what agreement, triage and the class summary count: per loaded case, its
//! paragraphs, the coders who rated it, and every live highlight re-anchored by the reader's
//! rule ([`resolve_target`]); highlights that stay orphaned are set apart, never counted.
//!
//! Who rated a case: a coder whose notes file marks cases as coded (`coded`) rated exactly
//! those cases; a coder without marks rated every case they have a live item on.

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
    /// Char range in the paragraph where the highlight is anchored now.
    pub range: (usize, usize),
    /// Codes applied.
    pub codes: &'a [crate::format::Id],
}

/// A loaded case that at least one coder wrote on.
pub(crate) struct CaseMarks<'a> {
    /// The case.
    pub case: &'a Case,
    /// Its paragraphs in reading order.
    pub paras: Vec<Para<'a>>,
    /// Coders who rated the case (see the module's rule), ascending.
    pub rated: Vec<usize>,
    /// Live highlights found in the text, in layer order.
    pub marks: Vec<Mark<'a>>,
    /// Live highlights that could not be found in the text (left out of every figure).
    pub orphans: Vec<Orphan>,
}

/// A live highlight that cannot be re-anchored in the loaded text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Orphan {
    /// Case id.
    pub case: String,
    /// The paragraph it names (`section/paragraph`), if any.
    pub paragraph: Option<String>,
    /// Its coder (layer name).
    pub coder: String,
    /// Its quote, if stored.
    pub quote: Option<String>,
    /// The item id.
    pub item: String,
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
        let marked = !layer.notes.coded.is_empty();
        for case in &layer.notes.coded {
            if let Some(&ci) = index.get(case.as_str()) {
                let (cm, _) = slots[ci].get_or_insert_with(|| open_case(&library.cases[ci].doc));
                rate(&mut cm.rated, coder);
            }
        }
        for item in layer.notes.items.iter().filter(|i| !i.deleted) {
            let Some(&ci) = item.case.as_deref().and_then(|c| index.get(c)) else {
                continue;
            };
            if marked
                && !layer
                    .notes
                    .coded
                    .iter()
                    .any(|c| Some(c.as_str()) == item.case.as_deref())
            {
                continue;
            }
            let (cm, addresses) =
                slots[ci].get_or_insert_with(|| open_case(&library.cases[ci].doc));
            rate(&mut cm.rated, coder);
            if item.kind != ItemKind::Highlight {
                continue;
            }
            let Some(target) = &item.target else { continue };
            let found = target
                .paragraph
                .as_deref()
                .and_then(|a| addresses.get(a))
                .and_then(|&para| match resolve_target(cm.paras[para].text, target) {
                    Resolution::Exact { start, end } | Resolution::Moved { start, end } => {
                        Some((para, (start, end)))
                    }
                    Resolution::Orphaned => None,
                });
            match found {
                Some((para, range)) => cm.marks.push(Mark {
                    para,
                    coder,
                    range,
                    codes: &item.codes,
                }),
                None => cm.orphans.push(Orphan {
                    case: cm.case.id.clone(),
                    paragraph: target.paragraph.as_deref().map(str::to_owned),
                    coder: layer.author.clone(),
                    quote: target.exact.clone(),
                    item: item.id.clone(),
                }),
            }
        }
    }
    slots.into_iter().flatten().map(|(cm, _)| cm).collect()
}

/// Adds `coder` to `rated`, kept ascending and without duplicates.
fn rate(rated: &mut Vec<usize>, coder: usize) {
    if let Err(at) = rated.binary_search(&coder) {
        rated.insert(at, coder);
    }
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
        orphans: Vec::new(),
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
