//! A semantic domain: the codes of one family as the values of one nominal variable per unit
//! (ATLAS.ti's semantic domains). A rated coder's value on a unit is the domain code they
//! applied there, "none" when they applied none, or the codes joined by " + " when they
//! applied several (a value of its own: the codes of a domain are meant to exclude each other).
//! A domain of one code is that code's present/absent variable, so its alpha is the binary one.

use std::collections::HashMap;

use super::extract::CaseMarks;
use super::stats::{Category, Tally};

/// The name of the value "no code of the domain".
pub(super) const NONE: &str = "none";

/// Units collected until every value is known (a tally needs the number of categories).
#[derive(Default)]
pub(super) struct Domain {
    /// Distinct values (sorted code indices of the domain; empty: none), by first occurrence.
    values: HashMap<Vec<usize>, Category>,
    /// Per unit: (coder, value) for every rated coder, and the weight.
    units: Vec<(Vec<(usize, Category)>, f64)>,
}

impl Domain {
    /// Adds one cell: `sets` per rated coder of `cm`, `in_domain[k]` whether code `k` belongs.
    pub(super) fn add(
        &mut self,
        cm: &CaseMarks<'_>,
        sets: &[Vec<usize>],
        in_domain: &[bool],
        weight: f64,
    ) {
        if self.values.is_empty() {
            self.values.insert(Vec::new(), 0);
        }
        let unit = cm
            .rated
            .iter()
            .zip(sets)
            .map(|(&coder, set)| {
                let key: Vec<usize> = set.iter().copied().filter(|&k| in_domain[k]).collect();
                let next = self.values.len();
                (coder, *self.values.entry(key).or_insert(next))
            })
            .collect();
        self.units.push((unit, weight));
    }

    /// The values' names (in category order) and the tally of every unit.
    pub(super) fn finish(self, coders: usize, codes: &[String]) -> (Vec<String>, Tally) {
        let mut names = vec![String::new(); self.values.len().max(1)];
        names[0] = NONE.to_owned();
        for (key, &c) in &self.values {
            if !key.is_empty() {
                let parts: Vec<&str> = key.iter().map(|&k| codes[k].as_str()).collect();
                names[c] = parts.join(" + ");
            }
        }
        let mut tally = Tally::new(coders, names.len());
        for (unit, weight) in &self.units {
            if coders == 2 {
                let mut values = [None, None];
                for &(coder, v) in unit {
                    values[coder] = Some(v);
                }
                tally.add_unit(&values, *weight);
            } else {
                let mut counts = vec![0usize; names.len()];
                for &(_, v) in unit {
                    counts[v] += 1;
                }
                tally.add_counts(&counts, *weight);
            }
        }
        (names, tally)
    }
}
