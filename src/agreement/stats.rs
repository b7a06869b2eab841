//! Agreement statistics on general nominal reliability data: units × coders, each value a
//! category or missing, each unit with a weight (1 for a paragraph, a length for a run of
//! characters that every coder treats alike).
//!
//! Everything is accumulated in a [`Tally`] whose parts only add up, so tallies of several
//! codes pool into an overall one with [`Tally::merge`], and a weighted unit counts exactly
//! like that many identical units.

use serde::Serialize;

/// A category of a nominal variable (0, 1, … up to the tally's number of categories).
pub type Category = usize;

/// The agreement figures of one tally. A figure is `None` when it is undefined (no unit to
/// compute it on, or no variation at all so that chance agreement is already perfect).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stats {
    /// Number of coders.
    pub coders: usize,
    /// Units with at least two values (the units percentage agreement and alpha use).
    pub units: f64,
    /// Units every coder rated (the units Cohen's and Fleiss' kappa use).
    pub complete_units: f64,
    /// Mean share of agreeing coder pairs per unit, over units with two or more values
    /// (for two coders: the share of units both coded alike), 0 to 1.
    pub percent: Option<f64>,
    /// Cohen's kappa, only for exactly two coders, over the units both rated.
    pub cohen: Option<f64>,
    /// Fleiss' kappa over the units every coder rated.
    pub fleiss: Option<f64>,
    /// Krippendorff's alpha (nominal), every unit with two or more values, missing allowed.
    pub alpha: Option<f64>,
    /// Every value of every pairable unit fell in one category: the coders agree perfectly,
    /// but kappa and alpha are undefined (chance agreement is already perfect).
    pub one_category: bool,
    /// The bootstrap interval of alpha, when asked for (`Tally::bootstrap`).
    pub confidence: Option<Confidence>,
}

/// A 95 % bootstrap interval of alpha and the chance it is below a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Confidence {
    /// Lower end (2.5th percentile of the draws).
    pub low: f64,
    /// Upper end (97.5th percentile).
    pub high: f64,
    /// Number of draws.
    pub draws: usize,
    /// The minimum asked about.
    pub minimum: f64,
    /// Share of the draws with alpha below `minimum` (KALPHA's q).
    pub below: f64,
}

/// Sums from which every statistic is computed; add units, merge tallies, then [`Tally::stats`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    coders: usize,
    categories: usize,
    /// Krippendorff's coincidence matrix, `categories × categories`, row-major.
    coincidence: Vec<f64>,
    /// Weight of units with two or more values.
    pairable: f64,
    /// Pairs of values within units: Σ weight × m (m − 1) / 2 (KALPHA's `nprs`).
    pairs: f64,
    /// Sum over those units of weight × share of agreeing pairs.
    agreeing: f64,
    /// Weight of units every coder rated.
    complete: f64,
    /// Over complete units: sum of weight × `P_i` (Fleiss' per-unit agreement).
    fleiss_agreement: f64,
    /// Over complete units: sum of weight × values per category.
    fleiss_totals: Vec<f64>,
    /// Cohen's contingency table (coder 1 × coder 2) over units both rated; two coders only.
    contingency: Vec<f64>,
}

impl Tally {
    /// An empty tally for `coders` coders and `categories` categories.
    pub fn new(coders: usize, categories: usize) -> Self {
        Self {
            coders,
            categories,
            coincidence: vec![0.0; categories * categories],
            pairable: 0.0,
            pairs: 0.0,
            agreeing: 0.0,
            complete: 0.0,
            fleiss_agreement: 0.0,
            fleiss_totals: vec![0.0; categories],
            contingency: vec![0.0; categories * categories],
        }
    }

    /// Number of coders.
    pub fn coders(&self) -> usize {
        self.coders
    }

    /// Adds one unit: one value per coder (`None`: that coder did not rate it), `weight`
    /// identical units at once. Values out of range are ignored like missing ones.
    pub fn add_unit(&mut self, values: &[Option<Category>], weight: f64) {
        let mut counts = vec![0usize; self.categories];
        for v in values.iter().take(self.coders).flatten() {
            if let Some(c) = counts.get_mut(*v) {
                *c += 1;
            }
        }
        self.add_counts(&counts, weight);
        if self.coders == 2
            && let (Some(Some(a)), Some(Some(b))) = (values.first(), values.get(1))
            && *a < self.categories
            && *b < self.categories
        {
            self.contingency[a * self.categories + b] += weight;
        }
    }

    /// Adds one unit known only by how many coders gave each category (`counts[c]`), `weight`
    /// times. Enough for every statistic but Cohen's kappa, which needs to know who said what:
    /// use [`Tally::add_unit`] for two coders.
    pub fn add_counts(&mut self, counts: &[usize], weight: f64) {
        let m: usize = counts.iter().take(self.categories).sum();
        if m < 2 || weight <= 0.0 {
            return;
        }
        let mf = m as f64;
        let k = self.categories;
        let mut same_pairs = 0.0;
        for (c, &nc) in counts.iter().enumerate().take(k) {
            if nc == 0 {
                continue;
            }
            let ncf = nc as f64;
            same_pairs += ncf * (ncf - 1.0);
            for (d, &nd) in counts.iter().enumerate().take(k) {
                let pairs = if c == d {
                    ncf * (ncf - 1.0)
                } else {
                    ncf * nd as f64
                };
                self.coincidence[c * k + d] += weight * pairs / (mf - 1.0);
            }
        }
        let p_i = same_pairs / (mf * (mf - 1.0));
        self.pairable += weight;
        self.pairs += weight * mf * (mf - 1.0) / 2.0;
        self.agreeing += weight * p_i;
        if m == self.coders {
            self.complete += weight;
            self.fleiss_agreement += weight * p_i;
            for (t, &nc) in self.fleiss_totals.iter_mut().zip(counts) {
                *t += weight * nc as f64;
            }
        }
    }

    /// Adds another tally of the same shape (pooling codes into an overall figure).
    pub fn merge(&mut self, other: &Tally) {
        let add = |a: &mut [f64], b: &[f64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.coincidence, &other.coincidence);
        add(&mut self.fleiss_totals, &other.fleiss_totals);
        add(&mut self.contingency, &other.contingency);
        self.pairable += other.pairable;
        self.pairs += other.pairs;
        self.agreeing += other.agreeing;
        self.complete += other.complete;
        self.fleiss_agreement += other.fleiss_agreement;
    }

    /// Every statistic of the units added so far.
    pub fn stats(&self) -> Stats {
        Stats {
            coders: self.coders,
            units: self.pairable,
            complete_units: self.complete,
            percent: (self.pairable > 0.0).then(|| self.agreeing / self.pairable),
            cohen: self.cohen(),
            fleiss: self.fleiss(),
            alpha: self.alpha(),
            one_category: self.pairable > 0.0
                && self.marginals().iter().filter(|&&m| m > 0.0).count() == 1,
            confidence: None,
        }
    }

    /// Pairs of values within units (Σ weight × m (m − 1) / 2).
    pub fn pairs(&self) -> f64 {
        self.pairs
    }

    /// Number of categories.
    pub fn categories(&self) -> usize {
        self.categories
    }

    /// Krippendorff's coincidence matrix, `categories × categories`, row-major.
    pub fn coincidence(&self) -> &[f64] {
        &self.coincidence
    }

    /// Row sums of the coincidence matrix (`n_c`: pairable values per category).
    pub fn marginals(&self) -> Vec<f64> {
        let k = self.categories;
        (0..k)
            .map(|c| self.coincidence[c * k..(c + 1) * k].iter().sum())
            .collect()
    }

    /// Krippendorff's alpha for nominal data: 1 − (n − 1) Σ_{c≠k} `o_ck` / Σ_{c≠k} `n_c` `n_k`.
    fn alpha(&self) -> Option<f64> {
        let k = self.categories;
        let marginals = self.marginals();
        let n: f64 = marginals.iter().sum();
        let mut observed = 0.0;
        let mut expected = 0.0;
        for c in 0..k {
            for d in (0..k).filter(|&d| d != c) {
                observed += self.coincidence[c * k + d];
                expected += marginals[c] * marginals[d];
            }
        }
        (n > 1.0 && expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
    }

    /// Fleiss' kappa: (P̄ − P̄e) / (1 − P̄e) over the units every coder rated.
    fn fleiss(&self) -> Option<f64> {
        if self.coders < 2 || self.complete <= 0.0 {
            return None;
        }
        let p_bar = self.fleiss_agreement / self.complete;
        let total = self.complete * self.coders as f64;
        let p_e: f64 = self.fleiss_totals.iter().map(|t| (t / total).powi(2)).sum();
        (1.0 - p_e > 1e-12).then(|| (p_bar - p_e) / (1.0 - p_e))
    }

    /// Cohen's kappa: (`p_o` − `p_e`) / (1 − `p_e`) from the two coders' contingency table.
    fn cohen(&self) -> Option<f64> {
        if self.coders != 2 {
            return None;
        }
        cohen_kappa(&self.contingency, self.categories)
    }
}

/// Cohen's kappa of a `k × k` contingency table (row-major: rows coder 1, columns coder 2);
/// `None` when it is empty or both coders used a single, same category only.
pub fn cohen_kappa(table: &[f64], k: usize) -> Option<f64> {
    let total: f64 = table.iter().take(k * k).sum();
    if total <= 0.0 || table.len() < k * k {
        return None;
    }
    let observed: f64 = (0..k).map(|c| table[c * k + c]).sum::<f64>() / total;
    let expected: f64 = (0..k)
        .map(|c| {
            let row: f64 = (0..k).map(|d| table[c * k + d]).sum();
            let col: f64 = (0..k).map(|d| table[d * k + c]).sum();
            row * col
        })
        .sum::<f64>()
        / (total * total);
    (1.0 - expected > 1e-12).then(|| (observed - expected) / (1.0 - expected))
}
