//! The coding of identified units, ATLAS.ti's cu-alpha and Cu-alpha (Krippendorff, Mathet,
//! Bouvry & Widlöcher 2016, "On the reliability of unitizing textual continua: Further
//! developments", Quality & Quantity 50: 2347–2364): how well coders agree on the *values*
//! they gave the stretches they both identified, leaving aside where they cut.
//!
//! cu-alpha takes the codes of one semantic domain as the values; Cu-alpha takes the semantic
//! domains themselves as the values (a coder's codes collapsed to the domains they belong
//! to). Both are nominal alpha over the continuum's positions, where a coder who gave no value
//! of the variable at a position is missing there (not "none"): only positions two or more
//! coders valued are pairable, each coder pair there weighted `1 / (m − 1)` as in any alpha
//! with missing data, so for two coders the coincidence of values c and k is the length of
//! text one coder gave c and the other k. A coder who gave several values at one position
//! gave their combination (a value of its own: a domain's codes exclude each other).

use std::collections::HashMap;

use crate::agreement::stats::{Category, Tally};

/// Positions collected until every value is known (a tally needs the number of categories).
#[derive(Debug, Default)]
pub struct Coding {
    /// Distinct values (sorted value indices), by first occurrence.
    values: HashMap<Vec<usize>, Category>,
    /// Per stretch: (coder, value) for every coder who valued it, and its length.
    stretches: Vec<(Vec<(usize, Category)>, f64)>,
}

impl Coding {
    /// Adds a stretch of `weight` positions where coder `coders[r]` applied the codes
    /// `sets[r]`; `value_of[k]` is the value code `k` stands for (`None`: not of the
    /// variable). Coders with no value there are missing.
    pub fn add(
        &mut self,
        coders: &[usize],
        sets: &[Vec<usize>],
        value_of: &[Option<usize>],
        weight: f64,
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
        if valued.len() >= 2 && weight > 0.0 {
            self.stretches.push((valued, weight));
        }
    }

    /// The tally of every pairable stretch among `coders` coders.
    pub fn finish(&self, coders: usize) -> Tally {
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
