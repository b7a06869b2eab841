//! The coding of identified units, ATLAS.ti's cu-alpha and Cu-alpha (Krippendorff, Mathet,
//! Bouvry & Widlöcher 2016, "On the reliability of unitizing textual continua: Further
//! developments", Quality & Quantity 50: 2347–2364; Krippendorff, Content Analysis, 4th ed.,
//! 2019, §12.6): how well coders agree on the *values* they gave the stretches they both
//! identified, leaving aside where they cut.
//!
//! cu-alpha takes the codes of one semantic domain as the values; Cu-alpha takes the semantic
//! domains themselves as the values (a coder's codes collapsed to the domains they belong
//! to). Both restrict the coincidences of values to the text two or more coders valued: a
//! coder who gave no value of the variable at a position is not paired there. Observed: for
//! two coders, `o_ck` is the length of text one coder gave c and the other k (with more
//! coders, each pair at a position weighs `1 / (m − 1)` over the m coders who valued it).
//! Expected: a coder's segment (a run of one value) is one judgement, not independent
//! characters, so the `n − 1` of alpha's expected disagreement becomes `n − Σ_g l_g² / n`, over
//! every segment g of its pairable length `l_g` (the part of it another coder valued):
//!
//! `alpha = 1 − (n − Σ l_g² / n) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k`
//!
//! (§12.6's equations 36–37 as the R package quallmer's `reliability_alpha_u` reads them; the
//! book could not be consulted here. That reading weighs every pair `1 / (m − 1)` over all m
//! coders of the continuum; here a coder who gave no value is not paired, as with missing
//! data, which is the same for two coders.)
//!
//! With segments of one character this is the ordinary nominal alpha. A coder who gave
//! several values at one position gave their combination (a value of its own: a domain's codes
//! exclude each other). Segments end at paragraph ends.

use std::collections::HashMap;

use crate::agreement::stats::{Category, Stats, Tally};

/// Where a stretch lies: the case (its index), the paragraph and the characters `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The case, by index.
    pub case: usize,
    /// The paragraph, by index.
    pub para: usize,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A coder's segment being read: its value, where it ends, and its pairable length so far.
#[derive(Debug, Clone, Copy)]
struct Run {
    value: Category,
    case: usize,
    para: usize,
    end: usize,
    pairable: f64,
}

/// Positions collected until every value is known (a tally needs the number of categories).
#[derive(Debug, Default)]
pub struct Coding {
    /// Distinct values (sorted value indices), by first occurrence.
    values: HashMap<Vec<usize>, Category>,
    /// Per stretch: (coder, value) for every coder who valued it, and its length.
    stretches: Vec<(Vec<(usize, Category)>, f64)>,
    /// Each coder's segment being read.
    runs: HashMap<usize, Run>,
    /// Σ over finished segments of their pairable length squared.
    squares: f64,
}

impl Coding {
    /// Adds the stretch `at` of `weight` positions (`None`: a stretch that ends every segment)
    /// where coder `coders[r]` applied the codes `sets[r]`; `value_of[k]` is the value code `k`
    /// stands for (`None`: not of the variable). Coders with no value there are not paired.
    pub fn add(
        &mut self,
        coders: &[usize],
        sets: &[Vec<usize>],
        value_of: &[Option<usize>],
        weight: f64,
        at: Option<Place>,
    ) {
        let mut valued = Vec::with_capacity(coders.len());
        for (&coder, set) in coders.iter().zip(sets) {
            let mut key: Vec<usize> = set
                .iter()
                .filter_map(|&k| value_of.get(k).copied().flatten())
                .collect();
            key.sort_unstable();
            key.dedup();
            if key.is_empty() {
                continue;
            }
            let next = self.values.len();
            valued.push((coder, *self.values.entry(key).or_insert(next)));
        }
        let pairable = valued.len() >= 2 && weight > 0.0;
        self.segments(&valued, at, if pairable { weight } else { 0.0 });
        if pairable {
            self.stretches.push((valued, weight));
        }
    }

    /// Extends or ends each coder's segment with the stretch `at` (`pairable` of its length).
    fn segments(&mut self, valued: &[(usize, Category)], at: Option<Place>, pairable: f64) {
        let ended: Vec<usize> = self
            .runs
            .iter()
            .filter(|(coder, run)| {
                let same = valued.iter().any(|&(c, v)| c == **coder && v == run.value);
                !(same
                    && at.is_some_and(|p| {
                        (p.case, p.para, p.start) == (run.case, run.para, run.end)
                    }))
            })
            .map(|(coder, _)| *coder)
            .collect();
        for coder in ended {
            if let Some(run) = self.runs.remove(&coder) {
                self.squares += run.pairable * run.pairable;
            }
        }
        let Some(p) = at else {
            return;
        };
        for &(coder, value) in valued {
            let run = self.runs.entry(coder).or_insert(Run {
                value,
                case: p.case,
                para: p.para,
                end: p.start,
                pairable: 0.0,
            });
            run.end = p.end;
            run.pairable += pairable;
        }
    }

    /// cu-alpha (or Cu-alpha) and its units (the characters two or more coders valued), among
    /// `coders` coders; no bootstrap interval (segments, not characters, are the draws).
    pub fn finish(mut self, coders: usize) -> Stats {
        self.segments(&[], None, 0.0);
        let tally = self.tally(coders);
        let mut stats = tally.stats();
        stats.confidence = None;
        stats.alpha = segment_alpha(&tally, self.squares);
        stats
    }

    /// The tally of every pairable stretch among `coders` coders.
    fn tally(&self, coders: usize) -> Tally {
        let categories = self.values.len().max(1);
        let mut tally = Tally::new(coders, categories);
        for (valued, weight) in &self.stretches {
            if coders == 2 {
                let mut values = [None, None];
                for &(coder, v) in valued {
                    values[coder] = Some(v);
                }
                tally.add_unit(&values, *weight);
            } else {
                let mut counts = vec![0usize; categories];
                for &(_, v) in valued {
                    counts[v] += 1;
                }
                tally.add_counts(&counts, *weight);
            }
        }
        tally
    }
}

/// `1 − (n − squares / n) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k`; `None` when one value only.
fn segment_alpha(tally: &Tally, squares: f64) -> Option<f64> {
    let k = tally.categories();
    let o = tally.coincidence();
    let marginals = tally.marginals();
    let n: f64 = marginals.iter().sum();
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..k {
        for d in (0..k).filter(|&d| d != c) {
            observed += o[c * k + d];
            expected += marginals[c] * marginals[d];
        }
    }
    (expected > 0.0 && n > 0.0).then(|| 1.0 - (n - squares / n) * observed / expected)
}

/// The semantic domains beside `family` among `codes`: every code's ancestor at `family`'s
/// level (`RAT.practice` for `RAT.practice.market-access` when the family is `RAT.theory`),
/// sorted, and per code the index of its domain (`None`: a code above that level).
pub fn domains(codes: &[String], family: &str) -> (Vec<String>, Vec<Option<usize>>) {
    let level = family.matches('.').count();
    let ancestor = |c: &str| -> Option<String> {
        let parts: Vec<&str> = c.split('.').collect();
        (parts.len() > level).then(|| parts[..=level].join("."))
    };
    let mut list: Vec<String> = codes.iter().filter_map(|c| ancestor(c)).collect();
    list.sort();
    list.dedup();
    let of = codes
        .iter()
        .map(|c| ancestor(c).and_then(|a| list.binary_search(&a).ok()))
        .collect();
    (list, of)
}

#[cfg(test)]
mod tests;
