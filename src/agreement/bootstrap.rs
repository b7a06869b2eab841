//! A bootstrap interval for Krippendorff's alpha, by Krippendorff's algorithm as Hayes' KALPHA
//! macro implements it (Hayes & Krippendorff 2007, "Answering the call for a standard
//! reliability measure for coding data", Communication Methods and Measures 1(1); Krippendorff,
//! "Algorithm for bootstrapping a distribution of alpha", afhayes.com/public/alphaboot.pdf):
//! pairs of pairable values are resampled from the coincidence matrix (`o_ck / n` for a pair of
//! like values, `2 o_ck / n` for a pair of unlike ones), `M = min(25 q, (m − 1) n / 2)` pairs
//! per draw (`q` the non-empty cells, `m` the coders), and each draw gives
//! `alpha* = 1 − Σ δ / (M · D_e)`, floored at −1, with KALPHA's correction for draws that
//! lack variation. Seeded: the same data and seed give the same interval on every machine.
//! With rare codes (a small `D_e`) the `25 q` cap makes the interval wide, as KALPHA's is.

use super::stats::{Confidence, Tally};

/// Draws when nobody says otherwise (`--bootstrap`).
pub const DRAWS: usize = 1_000;

/// The smallest alpha commonly accepted for tentative conclusions (Krippendorff 2004: 0.667;
/// 0.8 for firm ones).
pub const MINIMUM: f64 = 0.667;

/// The seed of every interval unless another is given (any fixed number: reproducibility).
pub const SEED: u64 = 0x00C0_FFEE;

/// What to bootstrap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    /// Number of draws (at least 1).
    pub draws: usize,
    /// Seed of the random numbers.
    pub seed: u64,
    /// The smallest acceptable alpha: the report gives the probability alpha is below it.
    pub minimum: f64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Self {
            draws: DRAWS,
            seed: SEED,
            minimum: MINIMUM,
        }
    }
}

/// `SplitMix64` (Steele, Lea & Flood 2014): written out so a seed gives the same draws whatever
/// version of a random-number crate is built, which a published interval needs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Tally {
    /// The bootstrap interval of this tally's alpha; `None` when alpha is undefined.
    pub fn bootstrap(&self, b: &Bootstrap) -> Option<Confidence> {
        let k = self.categories();
        let o = self.coincidence();
        let marginals = self.marginals();
        let n: f64 = marginals.iter().sum();
        let expected: f64 = (0..k)
            .flat_map(|c| (0..k).filter(move |&d| d != c).map(move |d| (c, d)))
            .map(|(c, d)| marginals[c] * marginals[d])
            .sum::<f64>();
        if n <= 1.0 || expected <= 0.0 || b.draws == 0 {
            return None;
        }
        // Expected disagreement per pair of values (nominal δ = 1 for unlike values).
        let d_e = expected / (n * (n - 1.0));
        // Chance that a resampled pair is unlike: the observed disagreement per pair.
        let unlike: f64 = (0..k)
            .flat_map(|c| (0..k).filter(move |&d| d != c).map(move |d| c * k + d))
            .map(|i| o[i])
            .sum::<f64>()
            / n;
        let cells = o.iter().filter(|&&x| x > 0.0).count() as f64;
        let pairs = (25.0 * cells)
            .min((self.coders() as f64 - 1.0) * n / 2.0)
            .floor()
            .max(1.0);
        let m = pairs as usize;
        let mut rng = SplitMix(b.seed);
        // Categories with pairs of like values: with one only, a draw of like pairs alone
        // says nothing and counts as 0.
        let like = (0..k).filter(|&c| o[c * k + c] > 0.0).count();
        let mut ones = 0usize;
        let mut alphas: Vec<f64> = (0..b.draws)
            .map(|_| {
                let disagreeing = (0..m).filter(|_| rng.unit() < unlike).count();
                let a = (1.0 - disagreeing as f64 / (pairs * d_e)).max(-1.0);
                if a >= 1.0 && like == 1 {
                    0.0
                } else {
                    ones += usize::from(a >= 1.0);
                    a
                }
            })
            .collect();
        // As many draws of 1 as chance predicts for data without variation (every one of the
        // units' pairs alike: Σ_c (o_cc / n)^pairs) count as 0: the algorithm's correction.
        if like > 1 {
            let diagonal = (0..k).map(|c| o[c * k + c] / n);
            let expected_ones =
                (b.draws as f64 * diagonal.map(|p| p.powf(self.pairs())).sum::<f64>()).round();
            let mut left = (expected_ones as usize).min(ones);
            for a in &mut alphas {
                if left == 0 {
                    break;
                }
                if *a >= 1.0 {
                    *a = 0.0;
                    left -= 1;
                }
            }
        }
        alphas.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let i = ((p * b.draws as f64) as usize).clamp(1, b.draws);
            alphas[i - 1]
        };
        let below = alphas.iter().filter(|&&a| a < b.minimum).count() as f64 / b.draws as f64;
        Some(Confidence {
            low: at(0.025),
            high: alphas[((0.975 * b.draws as f64) as usize).min(b.draws - 1)],
            draws: b.draws,
            minimum: b.minimum,
            below,
        })
    }
}
