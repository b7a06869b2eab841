//! Krippendorff's unitizing alpha (u-alpha) for a continuum several coders cut into units of
//! categories (Krippendorff, K. 1995, "On the reliability of unitizing contiguous data",
//! Sociological Methodology 25: 47–76; and Content Analysis, 2nd ed., 2004, pp. 251–256):
//! per category c,
//!
//! - observed disagreement `D_o = 2 / (m (m − 1) L²) · Σ over coder pairs Σ δ²(g, h)`, over
//!   every pair of overlapping segments (units of c and the gaps between them) of the two
//!   coders, where δ² is `(b_g − b_h)² + (e_g − e_h)²` for two overlapping units, `l_g²` for a
//!   unit inside the other coder's gap (and the other way round), else 0;
//! - expected disagreement
//!   `D_e = (2 / L) Σ_g [(N − 1)(2 l_g³ − 3 l_g² + l_g) / 3 + l_g² Σ_h (l_h − l_g + 1)] / (m L (m L − 1) − Σ_g l_g (l_g − 1))`,
//!   over the N units g of c of every coder, and the gaps h of every coder with `l_h ≥ l_g`;
//!
//! and `u-alpha_c = 1 − D_o / D_e`; the overall u-alpha is `1 − Σ_c D_o / Σ_c D_e`. One coder's
//! overlapping units of a category are joined first (the measure assumes they do not
//! overlap); touching ones stay two units. Every coder unitizes the whole continuum: there is
//! no missing data. ATLAS.ti's cu-alpha and Cu-alpha (Krippendorff et al. 2016), agreement on the
//! values given to what coders identified, are in [`coding`].

use serde::Serialize;

pub mod coding;

/// One coder's unit of a category on the continuum: `start..start + len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The coder (0-based).
    pub coder: usize,
    /// The category (0-based).
    pub category: usize,
    /// First position.
    pub start: u64,
    /// Length (> 0).
    pub len: u64,
}

/// The disagreements and alpha of one category.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CategoryAlpha {
    /// Observed disagreement.
    pub observed: f64,
    /// Expected disagreement.
    pub expected: f64,
    /// `1 − observed / expected`; `None` when nothing is expected (no unit of the category).
    pub alpha: Option<f64>,
}

/// u-alpha per category and overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitizingAlpha {
    /// Per category, in category order.
    pub categories: Vec<CategoryAlpha>,
    /// Over every category: `1 − Σ D_o / Σ D_e`.
    pub alpha: Option<f64>,
}

/// A coder's segments of one category over `0..length`: `(start, len, is_unit)`, in order.
fn segments(units: &[(u64, u64)], length: u64) -> Vec<(u64, u64, bool)> {
    let mut sorted: Vec<(u64, u64)> = units
        .iter()
        .map(|&(s, l)| (s.min(length), (s + l).min(length)))
        .filter(|(s, e)| s < e)
        .collect();
    sorted.sort_unstable();
    let mut joined: Vec<(u64, u64)> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match joined.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => joined.push((s, e)),
        }
    }
    let mut out = Vec::with_capacity(joined.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in joined {
        if s > at {
            out.push((at, s - at, false));
        }
        out.push((s, e - s, true));
        at = e;
    }
    if length > at {
        out.push((at, length - at, false));
    }
    out
}

/// δ² of two overlapping segments `(start, len, is_unit)`.
fn distance(g: (u64, u64, bool), h: (u64, u64, bool)) -> f64 {
    let (bg, lg, ug) = (g.0 as f64, g.1 as f64, g.2);
    let (bh, lh, uh) = (h.0 as f64, h.1 as f64, h.2);
    match (ug, uh) {
        (true, true) => (bg - bh).powi(2) + (bg + lg - bh - lh).powi(2),
        (true, false) if bh <= bg && bg + lg <= bh + lh => lg * lg,
        (false, true) if bg <= bh && bh + lh <= bg + lg => lh * lh,
        _ => 0.0,
    }
}

/// Σ δ² over the overlapping segment pairs of two coders (a sweep along the continuum).
fn pair_disagreement(a: &[(u64, u64, bool)], b: &[(u64, u64, bool)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        sum += distance(a[i], b[j]);
        let (ea, eb) = (a[i].0 + a[i].1, b[j].0 + b[j].1);
        if ea <= eb {
            i += 1;
        }
        if eb <= ea {
            j += 1;
        }
    }
    sum
}

/// u-alpha of `coders` coders who each cut `0..length` into `spans` of `categories` categories.
pub fn unitizing_alpha(
    coders: usize,
    categories: usize,
    length: u64,
    spans: &[Span],
) -> UnitizingAlpha {
    let m = coders as f64;
    let l = length as f64;
    let per: Vec<CategoryAlpha> = (0..categories)
        .map(|c| {
            let by_coder: Vec<Vec<(u64, u64, bool)>> = (0..coders)
                .map(|k| {
                    let units: Vec<(u64, u64)> = spans
                        .iter()
                        .filter(|s| s.coder == k && s.category == c)
                        .map(|s| (s.start, s.len))
                        .collect();
                    segments(&units, length)
                })
                .collect();
            category(&by_coder, m, l)
        })
        .collect();
    let (o, e) = per
        .iter()
        .fold((0.0, 0.0), |(o, e), c| (o + c.observed, e + c.expected));
    UnitizingAlpha {
        alpha: (e > 0.0).then(|| 1.0 - o / e),
        categories: per,
    }
}

/// The disagreements of one category from each coder's segments.
fn category(by_coder: &[Vec<(u64, u64, bool)>], m: f64, l: f64) -> CategoryAlpha {
    if m < 2.0 || l <= 0.0 {
        return CategoryAlpha {
            observed: 0.0,
            expected: 0.0,
            alpha: None,
        };
    }
    let mut pairs = 0.0;
    for (i, a) in by_coder.iter().enumerate() {
        for b in &by_coder[i + 1..] {
            pairs += pair_disagreement(a, b);
        }
    }
    let observed = 2.0 * pairs / (m * (m - 1.0) * l * l);
    let units: Vec<f64> = by_coder
        .iter()
        .flatten()
        .filter(|s| s.2)
        .map(|s| s.1 as f64)
        .collect();
    let mut gaps: Vec<f64> = by_coder
        .iter()
        .flatten()
        .filter(|s| !s.2)
        .map(|s| s.1 as f64)
        .collect();
    gaps.sort_by(f64::total_cmp);
    // Suffix sums: Σ over gaps of at least a length, of (gap + 1) and of 1.
    let mut tail = vec![(0.0, 0.0); gaps.len() + 1];
    for i in (0..gaps.len()).rev() {
        tail[i] = (tail[i + 1].0 + gaps[i] + 1.0, tail[i + 1].1 + 1.0);
    }
    let n = units.len() as f64;
    let mut sum = 0.0;
    for &lg in &units {
        let first = gaps.partition_point(|&h| h < lg);
        let (plus_one, count) = tail[first];
        sum += (n - 1.0) * (2.0 * lg.powi(3) - 3.0 * lg * lg + lg) / 3.0
            + lg * lg * (plus_one - lg * count);
    }
    let squares: f64 = units.iter().map(|lg| lg * (lg - 1.0)).sum();
    let denominator = m * l * (m * l - 1.0) - squares;
    let expected = if denominator > 0.0 {
        2.0 / l * sum / denominator
    } else {
        0.0
    };
    CategoryAlpha {
        observed,
        expected,
        alpha: (expected > 0.0).then(|| 1.0 - observed / expected),
    }
}

#[cfg(test)]
mod tests;
