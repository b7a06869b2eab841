//! Inter-coder agreement over notes layers (one coder per layer, see
//! [`crate::notes::layers`]): percentage agreement, Cohen's kappa (two coders), Fleiss' kappa
//! and Krippendorff's alpha (nominal, missing data allowed), per code and pooled over codes;
//! the passages where coders split most ([`triage`]); what a class marked ([`summary`]).
//!
//! Only highlights are coded by coders (facets and alliances belong to the case). A unit is a
//! paragraph × code ([`Unit::Paragraph`]) or a character × code ([`Unit::Char`]); its value
//! for a coder is 1 when one of the coder's highlights with that code covers it, else 0. A
//! coder with no live item at all on a case did not rate that case: missing for its units.
//! Highlights are placed by re-anchoring them in the loaded case text, else by their stored
//! offsets (one that has neither counts for paragraph units only). Items on cases that are not
//! loaded are left out (layers report them). Characters are never enumerated: runs of characters that every coder treats alike
//! count as one unit weighted by their length, which gives exactly the per-character figures.

pub mod class_step;
pub mod density;
mod extract;
pub mod stats;
pub mod summary;
pub mod triage;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

pub use stats::{Category, Stats, Tally, cohen_kappa};

use crate::library::Library;
use crate::notes::layers::Layer;
use extract::{CaseMarks, Mark, extract, sweep};

/// What one unit of coding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Each paragraph × code: did the coder apply the code anywhere in the paragraph?
    Paragraph,
    /// Each character × code: does one of the coder's highlights with the code cover it?
    Char,
}

/// Which codes to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CodeFilter {
    /// Every code some coder used on a highlight.
    All,
    /// The codes under a prefix (a family id such as `RAT`, or any code id), itself included.
    Family(String),
}

impl CodeFilter {
    /// True when `code` is compared.
    pub fn accepts(&self, code: &str) -> bool {
        match self {
            Self::All => true,
            Self::Family(prefix) => {
                code == prefix
                    || code
                        .strip_prefix(prefix.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            }
        }
    }
}

/// How to compute agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The unit.
    pub unit: Unit,
    /// The codes.
    pub codes: CodeFilter,
}

/// The figures of one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreement {
    /// Code id.
    pub code: String,
    /// Its statistics.
    pub stats: Stats,
}

/// Agreement per code and overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The unit used.
    pub unit: Unit,
    /// The coders' names, in layer order.
    pub coders: Vec<String>,
    /// Loaded cases at least one coder wrote on (the others have no data).
    pub cases: usize,
    /// One entry per code, sorted by id.
    pub codes: Vec<CodeAgreement>,
    /// Pooled over codes: every unit × code counts once.
    pub overall: Stats,
}

/// Agreement between `layers` (one coder each) on the cases of `library`.
pub fn agreement(library: &Library, layers: &[Layer], options: &Options) -> Report {
    let cases = extract(library, layers);
    let codes = codes_used(&cases, &options.codes);
    let coders = layers.len();
    let mut tallies: Vec<Tally> = codes.iter().map(|_| Tally::new(coders, 2)).collect();
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    for cm in cases.iter().filter(|c| c.rated.len() >= 2) {
        let mut by_code: Vec<Vec<&Mark<'_>>> = codes.iter().map(|_| Vec::new()).collect();
        for m in &cm.marks {
            for code in m.codes {
                if let Some(&k) = index.get(code.as_str())
                    && by_code[k].last().is_none_or(|last| !std::ptr::eq(*last, m))
                {
                    by_code[k].push(m);
                }
            }
        }
        for (tally, marks) in tallies.iter_mut().zip(&by_code) {
            match options.unit {
                Unit::Paragraph => add_paragraphs(tally, cm, marks),
                Unit::Char => add_chars(tally, cm, marks),
            }
        }
    }
    let mut overall = Tally::new(coders, 2);
    for t in &tallies {
        overall.merge(t);
    }
    Report {
        unit: options.unit,
        coders: layers.iter().map(|l| l.author.clone()).collect(),
        cases: cases.len(),
        codes: codes
            .into_iter()
            .zip(&tallies)
            .map(|(code, t)| CodeAgreement {
                code,
                stats: t.stats(),
            })
            .collect(),
        overall: overall.stats(),
    }
}

/// Every code on a highlight of `cases` that `filter` accepts, sorted.
pub(crate) fn codes_used(cases: &[CaseMarks<'_>], filter: &CodeFilter) -> Vec<String> {
    let mut codes: BTreeSet<&str> = BTreeSet::new();
    for m in cases.iter().flat_map(|c| &c.marks) {
        codes.extend(
            m.codes
                .iter()
                .map(String::as_str)
                .filter(|c| filter.accepts(c)),
        );
    }
    codes.into_iter().map(str::to_owned).collect()
}

/// Adds `weight` units on which the coders of `rated` for which `present` holds said 1, the
/// other rated coders 0, the rest nothing.
fn add(tally: &mut Tally, rated: &[usize], present: impl Fn(usize) -> bool, weight: f64) {
    if tally.coders() == 2 {
        let values: Vec<Option<Category>> = (0..2)
            .map(|c| rated.contains(&c).then(|| usize::from(present(c))))
            .collect();
        tally.add_unit(&values, weight);
    } else {
        let yes = rated.iter().filter(|&&c| present(c)).count();
        tally.add_counts(&[rated.len() - yes, yes], weight);
    }
}

/// Paragraph × code units of one case for one code (`marks` carry the code).
fn add_paragraphs(tally: &mut Tally, cm: &CaseMarks<'_>, marks: &[&Mark<'_>]) {
    let mut present: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for m in marks {
        let coders = present.entry(m.para).or_default();
        if !coders.contains(&m.coder) {
            coders.push(m.coder);
        }
    }
    for coders in present.values() {
        add(tally, &cm.rated, |c| coders.contains(&c), 1.0);
    }
    let untouched = cm.paras.len() - present.len();
    if untouched > 0 {
        add(tally, &cm.rated, |_| false, untouched as f64);
    }
}

/// Character × code units of one case for one code, as weighted runs.
fn add_chars(tally: &mut Tally, cm: &CaseMarks<'_>, marks: &[&Mark<'_>]) {
    let mut ranges: BTreeMap<usize, Vec<(usize, usize, usize)>> = BTreeMap::new();
    for m in marks {
        if let Some((s, e)) = m.range {
            ranges.entry(m.para).or_default().push((m.coder, s, e));
        }
    }
    let mut untouched: usize = 0;
    for (i, p) in cm.paras.iter().enumerate() {
        match ranges.get(&i) {
            None => untouched += p.len,
            Some(r) => sweep(p.len, r, |s, e, depth| {
                add(tally, &cm.rated, |c| depth.contains_key(&c), (e - s) as f64);
            }),
        }
    }
    if untouched > 0 {
        add(tally, &cm.rated, |_| false, untouched as f64);
    }
}
