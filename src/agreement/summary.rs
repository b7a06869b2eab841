//! "What the class marked": per case, the passages most authors highlighted and the codes
//! most of them used (every highlight counts, whatever its codes).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::extract::{CaseMarks, extract, sweep};
use crate::library::Library;
use crate::notes::layers::Layer;

/// Longest quote shown for a passage, in chars (a longer one ends in "…").
pub const QUOTE_CHARS: usize = 100;

/// A passage many authors highlighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkedPassage {
    /// `section/paragraph`.
    pub paragraph: String,
    /// How many authors highlighted something in it.
    pub authors: usize,
    /// The stretch the most authors' highlights cover (at most [`QUOTE_CHARS`] chars, "…"
    /// when cut), else the paragraph's beginning.
    pub quote: String,
    /// That stretch's char range in the paragraph, when highlights could be placed.
    pub range: Option<(usize, usize)>,
}

/// A code and how many authors used it on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeUse {
    /// Code id.
    pub code: String,
    /// Authors who applied it to a highlight on the case.
    pub authors: usize,
}

/// What the class marked in one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// Case id.
    pub case: String,
    /// Case title.
    pub title: String,
    /// Authors who rated the case (wrote anything on it, or marked it as coded).
    pub authors: usize,
    /// The most highlighted passages, most authors first (then reading order).
    pub passages: Vec<MarkedPassage>,
    /// The most used codes, most authors first (then by id).
    pub codes: Vec<CodeUse>,
}

/// Per loaded case some layer wrote on (library order): its `top` most highlighted passages
/// and `top` most used codes.
pub fn class_summary(library: &Library, layers: &[Layer], top: usize) -> Vec<CaseSummary> {
    extract(library, layers)
        .iter()
        .map(|cm| case_summary(cm, top))
        .collect()
}

/// Ranges of one paragraph: (coder, start, end).
type Ranges = Vec<(usize, usize, usize)>;

fn case_summary(cm: &CaseMarks<'_>, top: usize) -> CaseSummary {
    let mut paras: BTreeMap<usize, (BTreeSet<usize>, Ranges)> = BTreeMap::new();
    let mut codes: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for m in &cm.marks {
        let (authors, ranges) = paras.entry(m.para).or_default();
        authors.insert(m.coder);
        ranges.push((m.coder, m.range.0, m.range.1));
        for c in m.codes {
            codes.entry(c).or_default().insert(m.coder);
        }
    }
    let mut passages: Vec<(usize, usize, &Ranges)> = paras
        .iter()
        .map(|(&p, (authors, ranges))| (p, authors.len(), ranges))
        .collect();
    passages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut codes: Vec<CodeUse> = codes
        .into_iter()
        .map(|(code, authors)| CodeUse {
            code: code.to_owned(),
            authors: authors.len(),
        })
        .collect();
    codes.sort_by(|a, b| b.authors.cmp(&a.authors).then(a.code.cmp(&b.code)));
    codes.truncate(top);
    CaseSummary {
        case: cm.case.id.clone(),
        title: cm.case.title.clone(),
        authors: cm.rated.len(),
        passages: passages
            .into_iter()
            .take(top)
            .map(|(p, authors, ranges)| {
                let para = &cm.paras[p];
                let range = busiest(para.len, ranges);
                let (s, e) = range.unwrap_or((0, para.len));
                MarkedPassage {
                    paragraph: para.address.clone(),
                    authors,
                    quote: quote(para.text, s, e),
                    range,
                }
            })
            .collect(),
        codes,
    }
}

/// The first longest stretch covered by the most coders.
fn busiest(len: usize, ranges: &[(usize, usize, usize)]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None; // (coders, start, end)
    let mut run: Option<(usize, usize, usize)> = None;
    let close = |run: Option<(usize, usize, usize)>, best: &mut Option<(usize, usize, usize)>| {
        if let Some(r) = run
            && r.0 > 0
            && best.is_none_or(|b| r.0 > b.0 || (r.0 == b.0 && r.2 - r.1 > b.2 - b.1))
        {
            *best = Some(r);
        }
    };
    sweep(len, ranges, |s, e, depth| {
        let n = depth.len();
        match run {
            Some((k, rs, _)) if k == n => run = Some((k, rs, e)),
            _ => {
                close(run, &mut best);
                run = Some((n, s, e));
            }
        }
    });
    close(run, &mut best);
    best.map(|(_, s, e)| (s, e))
}

/// Chars `start..end` of `text`, cut to [`QUOTE_CHARS`] with "…".
fn quote(text: &str, start: usize, end: usize) -> String {
    let chars = text.chars().skip(start);
    let n = end.saturating_sub(start);
    if n > QUOTE_CHARS {
        let mut q: String = chars.take(QUOTE_CHARS - 1).collect();
        q = q.trim_end().to_owned();
        q.push('…');
        q
    } else {
        chars.take(n).collect()
    }
}
