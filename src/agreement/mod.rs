//! Inter-coder agreement over notes layers (one coder per layer, see
//! [`crate::notes::layers`]): percentage agreement, Cohen's kappa (two coders), Fleiss' kappa
//! and Krippendorff's alpha (nominal, missing data allowed), per code, pooled over codes, and
//! over a semantic domain (a code family as one variable, as ATLAS.ti offers); a bootstrap
//! interval of alpha ([`bootstrap`]); the reliability data matrix ([`matrix`]); the passages
//! where coders split most ([`triage`]); what a class marked ([`summary`]).
//!
//! Only highlights are coded by coders (facets and alliances belong to the case). A unit is a
//! paragraph × code ([`Unit::Paragraph`]) or a character × code ([`Unit::Char`]); its value
//! for a coder is 1 when one of the coder's highlights with that code covers it, else 0. Who
//! rated a case: a coder who marks cases as coded (the notes file's `coded`) rated exactly the
//! marked cases; a coder without marks rated every case they have a live item on. A coder who
//! did not rate a case is missing for its units. Highlights are placed by re-anchoring them in
//! the loaded text (the reader's rule); those that stay orphaned count in no unit and are
//! listed. Items on cases that are not loaded are left out (layers report them). The codes
//! compared are those used on a case two or more coders rated (a code only a lone rater used
//! would add units nobody else could disagree on); the report lists the ones left out.
//! Characters are never enumerated: runs of characters that every coder treats alike count as
//! one unit weighted by their length, which gives exactly the per-character figures.

pub mod bootstrap;
pub mod class_step;
pub mod density;
mod extract;
pub mod matrix;
pub mod stats;
pub mod summary;
pub mod triage;
pub mod unitizing;
mod units;
pub mod words;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub use bootstrap::Bootstrap;
pub use extract::Orphan;
pub use stats::{Category, Confidence, Stats, Tally, cohen_kappa};

use crate::library::Library;
use crate::notes::layers::Layer;
use extract::{CaseMarks, extract};
use units::cells;

/// How codes are rolled up, so a parent counts its descendants (as `caselens coded` does).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Rollup {
    /// Every code to its ancestor at this level (1: the family, 2: `RAT.practice`).
    Level(usize),
    /// Every code under one of these parents to that parent (the nearest, when two chosen
    /// parents contain it); other codes stay as they are.
    Parents(Vec<String>),
}

impl Rollup {
    /// The code `code` counts as.
    pub fn apply<'c>(&'c self, code: &'c str) -> &'c str {
        match self {
            Self::Level(level) => roll_up(code, *level),
            Self::Parents(parents) => parents
                .iter()
                .filter(|p| under(code, p))
                .max_by_key(|p| p.len())
                .map_or(code, String::as_str),
        }
    }

    /// True when `parent` is one of the chosen parents.
    pub fn has_parent(&self, parent: &str) -> bool {
        matches!(self, Self::Parents(p) if p.iter().any(|c| c == parent))
    }

    /// `rollup` with `parent` chosen, or no longer chosen when it was (a level gives way to
    /// the parents; no parent left: no roll-up).
    pub fn toggle_parent(rollup: Option<&Self>, parent: &str) -> Option<Self> {
        let mut parents = match rollup {
            Some(Self::Parents(p)) => p.clone(),
            _ => Vec::new(),
        };
        if let Some(at) = parents.iter().position(|c| c == parent) {
            parents.remove(at);
        } else {
            parents.push(parent.to_owned());
            parents.sort();
        }
        (!parents.is_empty()).then_some(Self::Parents(parents))
    }
}

/// What one unit of coding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Each paragraph × code: did the coder apply the code anywhere in the paragraph?
    Paragraph,
    /// Each character × code: does one of the coder's highlights with the code cover it?
    Char,
}

/// Which codes to compare.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum CodeFilter {
    /// Every code some coder used on a highlight.
    All,
    /// The codes under a prefix (a family id such as `RAT`, or any code id), itself included.
    Family(String),
    /// The codes chosen, each with the codes under it.
    Codes(Vec<String>),
}

impl CodeFilter {
    /// True when `code` is compared.
    pub fn accepts(&self, code: &str) -> bool {
        match self {
            Self::All => true,
            Self::Family(prefix) => under(code, prefix),
            Self::Codes(chosen) => chosen.iter().any(|c| under(code, c)),
        }
    }
}

/// True when `code` is `prefix` or one of its descendants.
fn under(code: &str, prefix: &str) -> bool {
    code == prefix
        || code
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// `code` cut to its first `level` dotted parts (`RAT.practice.market-access` at level 2 is
/// `RAT.practice`); codes no deeper than `level` stay as they are.
pub fn roll_up(code: &str, level: usize) -> &str {
    match code.match_indices('.').nth(level.saturating_sub(1)) {
        Some((at, _)) if level > 0 => &code[..at],
        _ => code,
    }
}

/// How to compute agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The unit.
    pub unit: Unit,
    /// The codes.
    pub codes: CodeFilter,
    /// Roll codes up to a level or to chosen parents, so a parent counts its children, as
    /// `caselens coded` does.
    pub rollup: Option<Rollup>,
    /// Also treat the codes of this family as one variable (a semantic domain).
    pub domain: Option<String>,
    /// Add a bootstrap interval to every alpha.
    pub bootstrap: Option<Bootstrap>,
}

impl Options {
    /// Per-code units of `unit` over `codes`, nothing else.
    pub fn new(unit: Unit, codes: CodeFilter) -> Self {
        Self {
            unit,
            codes,
            rollup: None,
            domain: None,
            bootstrap: None,
        }
    }
}

/// The figures of one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreement {
    /// Code id.
    pub code: String,
    /// Its statistics.
    pub stats: Stats,
}

/// A semantic domain's figures: its codes as the values of one nominal variable per unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainAgreement {
    /// The family.
    pub family: String,
    /// The values that occurred: "none" (no code of the domain), a code, or codes joined by
    /// " + " when a coder applied several to one unit.
    pub values: Vec<String>,
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
    /// Of them, how many mark the cases they coded (the others rated the cases they wrote on).
    pub marking: usize,
    /// Loaded cases at least one coder rated.
    pub cases: usize,
    /// Of them, the cases two or more coders rated (the only ones with units).
    pub shared_cases: usize,
    /// The codes asked for.
    pub filter: CodeFilter,
    /// How codes were rolled up, if they were.
    pub rollup: Option<Rollup>,
    /// One entry per code, sorted by id.
    pub codes: Vec<CodeAgreement>,
    /// Codes used only on cases a single coder rated: left out of every figure.
    pub left_out: Vec<String>,
    /// Pooled over codes: every unit × code counts once.
    pub overall: Stats,
    /// The semantic domain, when asked for.
    pub domain: Option<DomainAgreement>,
    /// Highlights that could not be found in the text (counted in no unit).
    pub orphans: Vec<Orphan>,
    /// Krippendorff's unitizing alpha (character units only).
    pub unitizing: Option<UnitizingAgreement>,
    /// cu-alpha and Cu-alpha (character units with a semantic domain only).
    pub coding: Option<CodingAgreement>,
}

/// ATLAS.ti's cu-alpha and Cu-alpha (Krippendorff et al. 2016), see [`unitizing::coding`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodingAgreement {
    /// cu-alpha: the codes of the semantic domain as values, over the characters two or more
    /// coders gave one of them.
    pub cu: Stats,
    /// The semantic domains of Cu-alpha: the compared codes' ancestors at the domain's level.
    pub domains: Vec<String>,
    /// Cu-alpha: the domains as values, over the characters two or more coders gave a code of
    /// one of them.
    #[serde(rename = "Cu")]
    pub domains_cu: Stats,
}

/// Krippendorff's u-alpha over the cases every coder rated, their texts one continuum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitizingAgreement {
    /// Cases every coder rated (the others are left out: u-alpha has no missing data).
    pub cases: usize,
    /// Length of the continuum in characters.
    pub chars: u64,
    /// u-alpha per code, in the order of [`Report::codes`].
    pub codes: Vec<Option<f64>>,
    /// Over every code.
    pub alpha: Option<f64>,
}

/// The compared codes of `cases` (filtered, rolled up), sorted: those used on a case two or
/// more coders rated, and those used only where a single coder did.
pub(crate) fn codes_used(cases: &[CaseMarks<'_>], options: &Options) -> (Vec<String>, Vec<String>) {
    let mut shared: BTreeSet<&str> = BTreeSet::new();
    let mut lone: BTreeSet<&str> = BTreeSet::new();
    for cm in cases {
        let set = if cm.rated.len() >= 2 {
            &mut shared
        } else {
            &mut lone
        };
        for m in &cm.marks {
            set.extend(wanted(m.codes, options));
        }
    }
    let left_out = lone.difference(&shared).map(|c| (*c).to_owned()).collect();
    (shared.into_iter().map(str::to_owned).collect(), left_out)
}

/// The compared codes among `codes`, rolled up.
fn wanted<'c>(
    codes: &'c [crate::format::Id],
    options: &'c Options,
) -> impl Iterator<Item = &'c str> {
    codes
        .iter()
        .filter(|c| options.codes.accepts(c))
        .map(|c| options.rollup.as_ref().map_or(c.as_str(), |r| r.apply(c)))
}

/// Per mark of `cm`, the indices into `index` of its compared codes, ascending, no repeats.
fn mark_codes(
    cm: &CaseMarks<'_>,
    index: &HashMap<&str, usize>,
    options: &Options,
) -> Vec<Vec<usize>> {
    cm.marks
        .iter()
        .map(|m| {
            let mut ks: Vec<usize> = wanted(m.codes, options)
                .filter_map(|c| index.get(c).copied())
                .collect();
            ks.sort_unstable();
            ks.dedup();
            ks
        })
        .collect()
}

/// Agreement between `layers` (one coder each) on the cases of `library`.
pub fn agreement(library: &Library, layers: &[Layer], options: &Options) -> Report {
    let cases = extract(library, layers);
    let (codes, left_out) = codes_used(&cases, options);
    let coders = layers.len();
    let mut tallies: Vec<Tally> = codes.iter().map(|_| Tally::new(coders, 2)).collect();
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let in_domain: Vec<bool> = codes
        .iter()
        .map(|c| options.domain.as_deref().is_some_and(|d| under(c, d)))
        .collect();
    let mut domain = domain::Domain::default();
    let mut coding = CodingOver::new(&codes, &in_domain, options);
    for (case, cm) in cases.iter().enumerate().filter(|(_, c)| c.rated.len() >= 2) {
        let per_mark = mark_codes(cm, &index, options);
        cells(cm, &per_mark, options.unit, false, |cell| {
            add_binary(&mut tallies, cm, cell.sets, cell.weight);
            if options.domain.is_some() {
                domain.add(cm, cell.sets, &in_domain, cell.weight);
            }
            if let Some(c) = &mut coding {
                c.add(case, cm, cell);
            }
        });
    }
    let mut overall = Tally::new(coders, 2);
    for t in &tallies {
        overall.merge(t);
    }
    let stats = |t: &Tally, row: u64| {
        let mut s = t.stats();
        if let Some(b) = &options.bootstrap {
            let seeded = Bootstrap {
                seed: b.seed.wrapping_add(row),
                ..*b
            };
            s.confidence = t.bootstrap(&seeded);
        }
        s
    };
    let unitizing = (options.unit == Unit::Char && coders >= 2)
        .then(|| unitizing_over(&cases, coders, &index, options));
    Report {
        unit: options.unit,
        coders: layers.iter().map(|l| l.author.clone()).collect(),
        marking: layers.iter().filter(|l| !l.notes.coded.is_empty()).count(),
        cases: cases.len(),
        shared_cases: cases.iter().filter(|c| c.rated.len() >= 2).count(),
        filter: options.codes.clone(),
        rollup: options.rollup.clone(),
        overall: stats(&overall, 0),
        domain: options.domain.as_ref().map(|family| {
            let (values, tally) = domain.finish(coders, &codes);
            DomainAgreement {
                family: family.clone(),
                values,
                stats: stats(&tally, 1),
            }
        }),
        codes: codes
            .into_iter()
            .zip(&tallies)
            .enumerate()
            .map(|(i, (code, t))| CodeAgreement {
                code,
                stats: stats(t, i as u64 + 2),
            })
            .collect(),
        left_out,
        orphans: cases
            .iter()
            .flat_map(|c| c.orphans.iter().cloned())
            .collect(),
        unitizing,
        coding: coding.map(|c| c.finish(coders)),
    }
}

/// cu-alpha and Cu-alpha being read (character units with a semantic domain only).
struct CodingOver {
    /// The semantic domains of Cu-alpha.
    domains: Vec<String>,
    /// Per compared code, its value for cu-alpha (itself, when of the domain).
    of_code: Vec<Option<usize>>,
    /// Per compared code, its value for Cu-alpha (its domain).
    of_domain: Vec<Option<usize>>,
    cu: unitizing::coding::Coding,
    domains_cu: unitizing::coding::Coding,
}

impl CodingOver {
    /// `None` unless character units and a semantic domain were asked for.
    fn new(codes: &[String], in_domain: &[bool], options: &Options) -> Option<Self> {
        let family = options
            .domain
            .as_deref()
            .filter(|_| options.unit == Unit::Char)?;
        let (domains, of_domain) = unitizing::coding::domains(codes, family);
        Some(Self {
            domains,
            of_code: in_domain
                .iter()
                .enumerate()
                .map(|(k, &inside)| inside.then_some(k))
                .collect(),
            of_domain,
            cu: unitizing::coding::Coding::default(),
            domains_cu: unitizing::coding::Coding::default(),
        })
    }

    /// Adds one cell of case number `case`.
    fn add(&mut self, case: usize, cm: &CaseMarks<'_>, cell: &units::Cell<'_>) {
        let at = cell
            .para
            .zip(cell.range)
            .map(|(para, (start, end))| unitizing::coding::Place {
                case,
                para,
                start,
                end,
            });
        self.cu
            .add(&cm.rated, cell.sets, &self.of_code, cell.weight, at);
        self.domains_cu
            .add(&cm.rated, cell.sets, &self.of_domain, cell.weight, at);
    }

    fn finish(self, coders: usize) -> CodingAgreement {
        CodingAgreement {
            cu: self.cu.finish(coders),
            domains: self.domains,
            domains_cu: self.domains_cu.finish(coders),
        }
    }
}

/// u-alpha over the cases all `coders` rated, one after the other on one continuum.
fn unitizing_over(
    cases: &[CaseMarks<'_>],
    coders: usize,
    index: &HashMap<&str, usize>,
    options: &Options,
) -> UnitizingAgreement {
    let mut spans = Vec::new();
    let mut at: u64 = 0;
    let mut rated = 0;
    for cm in cases.iter().filter(|c| c.rated.len() == coders) {
        rated += 1;
        let mut offsets = Vec::with_capacity(cm.paras.len());
        for p in &cm.paras {
            offsets.push(at);
            at += p.len as u64;
        }
        for (m, codes) in cm.marks.iter().zip(mark_codes(cm, index, options)) {
            let (s, e) = m.range;
            for category in codes {
                spans.push(unitizing::Span {
                    coder: m.coder,
                    category,
                    start: offsets[m.para] + s as u64,
                    len: (e - s) as u64,
                });
            }
        }
    }
    let u = unitizing::unitizing_alpha(coders, index.len(), at, &spans);
    UnitizingAgreement {
        cases: rated,
        chars: at,
        codes: u.categories.iter().map(|c| c.alpha).collect(),
        alpha: u.alpha,
    }
}

/// Adds one cell to every code's tally: a rated coder says 1 when the code is in their set.
fn add_binary(tallies: &mut [Tally], cm: &CaseMarks<'_>, sets: &[Vec<usize>], weight: f64) {
    let rated = cm.rated.len();
    if let Some(t) = tallies.first()
        && t.coders() == 2
    {
        for (k, tally) in tallies.iter_mut().enumerate() {
            let mut values = [None, None];
            for (r, &c) in cm.rated.iter().enumerate() {
                values[c] = Some(usize::from(sets[r].binary_search(&k).is_ok()));
            }
            tally.add_unit(&values, weight);
        }
        return;
    }
    let mut yes = vec![0usize; tallies.len()];
    for set in sets {
        for &k in set {
            yes[k] += 1;
        }
    }
    for (tally, y) in tallies.iter_mut().zip(yes) {
        tally.add_counts(&[rated - y, y], weight);
    }
}

mod domain;
