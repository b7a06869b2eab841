//! cu-alpha and Cu-alpha on hand-computable continua, Krippendorff's (2011) §C data read as
//! a continuum, and their properties. No figure published for cu-alpha or Cu-alpha could be
//! consulted here (Krippendorff et al. 2016 and Content Analysis, 4th ed., were not
//! available), so none is claimed; the segment correction follows §12.6's equations 36–37
//! as the R package quallmer's `reliability_alpha_u` reads them.

use proptest::prelude::*;

use super::{Coding, Place, domains};

/// cu-alpha of `coders` coders over `stretches` (its length and each coder's codes), one
/// after the other in one paragraph, or each in a paragraph of its own when `apart`.
fn coded(
    coders: usize,
    stretches: &[(f64, Vec<Vec<usize>>)],
    value_of: &[Option<usize>],
    apart: bool,
) -> crate::agreement::Stats {
    let mut c = Coding::default();
    let who: Vec<usize> = (0..coders).collect();
    let mut at = 0;
    for (i, (len, sets)) in stretches.iter().enumerate() {
        let end = at + *len as usize;
        let place = Place {
            case: 0,
            para: if apart { i } else { 0 },
            start: at,
            end,
        };
        c.add(&who, sets, value_of, *len, Some(place));
        at = if apart { 0 } else { end };
    }
    c.finish(coders)
}

/// cu-alpha of stretches one after the other in one paragraph.
fn alpha(
    coders: usize,
    stretches: &[(f64, Vec<Vec<usize>>)],
    value_of: &[Option<usize>],
) -> Option<f64> {
    coded(coders, stretches, value_of, false).alpha
}

const ALL: [Option<usize>; 3] = [Some(0), Some(1), Some(2)];

/// Two coders: 10 characters valued (A, A), the next 10 (A, B), 30 more only coder 0 valued
/// (B, unpaired), 5 nobody did. Coincidences A–A 20, A–B and B–A 10; n 40, `n_A` 30, `n_B` 10.
/// Segments and their pairable lengths: coder 0's A (20 characters, 20 paired) and B (30,
/// none), coder 1's A (10) and B (10): Σ l² = 400 + 0 + 100 + 100 = 600, so
/// alpha = 1 − (40 − 600 / 40) · 20 / (2 · 30 · 10) = 1 − 25 · 20 / 600 = 1/6.
#[test]
fn two_coders_by_hand() {
    let (a, b) = (0, 1);
    let stretches = [
        (10.0, vec![vec![a], vec![a]]),
        (10.0, vec![vec![a], vec![b]]),
        (30.0, vec![vec![b], vec![]]),
        (5.0, vec![vec![], vec![]]),
    ];
    let s = coded(2, &stretches, &ALL, false);
    let got = s.alpha.expect("alpha");
    assert!((got - 1.0 / 6.0).abs() < 1e-12, "{got}");
    assert!((s.units - 20.0).abs() < 1e-12, "the characters both valued");
    assert_eq!(s.confidence, None);
}

/// A segment is one judgement: one segment each over the same 100 characters, A against B,
/// is one disagreeing unit (alpha 0, as two coders' alpha on one unit), not 100 independent
/// characters (per-character alpha would be 1 − 199 · 200 / 20,000 = −0.99).
#[test]
fn a_segment_counts_as_one_judgement() {
    let (a, b) = (0, 1);
    let one = [(100.0, vec![vec![a], vec![b]])];
    let got = alpha(2, &one, &ALL).expect("alpha");
    assert!(got.abs() < 1e-12, "{got}");
    // The same characters cut into one-character segments (each its own paragraph): −0.99.
    let cut: Vec<(f64, Vec<Vec<usize>>)> =
        (0..100).map(|_| (1.0, vec![vec![a], vec![b]])).collect();
    let got = coded(2, &cut, &ALL, true).alpha.expect("alpha");
    assert!((got + 0.99).abs() < 1e-12, "{got}");
}

/// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, §C: observers A–D,
/// units 1–12, values 1–5, missing data; nominal alpha = 0.743. Read as 12 one-character
/// segments (each in a paragraph of its own) where a missing value is a character the
/// observer left unvalued, cu-alpha is that alpha: with one-character segments cu-alpha is
/// the ordinary nominal alpha over what coders valued.
#[test]
fn krippendorff_2011_section_c_as_a_continuum() {
    let rows: [[usize; 12]; 4] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
        [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
    ];
    let value_of: Vec<Option<usize>> = (0..=5).map(|v| (v > 0).then_some(v)).collect();
    let stretches: Vec<(f64, Vec<Vec<usize>>)> = (0..12)
        .map(|u| (1.0, rows.iter().map(|r| vec![r[u]]).collect()))
        .collect();
    let got = coded(4, &stretches, &value_of, true).alpha.expect("alpha");
    assert!((got - 0.743).abs() < 0.0005, "{got}");
}

#[test]
fn one_value_only_is_perfect_agreement_on_one_category() {
    let mut c = Coding::default();
    c.add(&[0, 1], &[vec![0], vec![0]], &ALL, 7.0, None);
    c.add(&[0, 1], &[vec![0], vec![]], &ALL, 3.0, None);
    let s = c.finish(2);
    assert_eq!(s.alpha, None);
    assert!(s.one_category);
    assert!(
        (s.units - 7.0).abs() < 1e-12,
        "only the stretch both valued pairs"
    );
}

#[test]
fn domains_are_the_ancestors_at_the_familys_level() {
    let codes: Vec<String> = [
        "RAT",
        "RAT.practice",
        "RAT.practice.market",
        "RAT.theory",
        "ACT.x",
    ]
    .iter()
    .map(|c| (*c).to_owned())
    .collect();
    let (list, of) = domains(&codes, "RAT.theory");
    assert_eq!(list, ["ACT.x", "RAT.practice", "RAT.theory"]);
    assert_eq!(of, [None, Some(1), Some(1), Some(2), Some(0)]);
    let (top, of) = domains(&codes, "RAT");
    assert_eq!(top, ["ACT", "RAT"]);
    assert_eq!(of, [Some(1), Some(1), Some(1), Some(1), Some(0)]);
}

/// Up to 4 coders, 6 stretches, codes 0..4 (a coder may apply none or several).
/// Stretches: each one's length and every coder's codes there.
type Stretches = Vec<(f64, Vec<Vec<usize>>)>;

fn codings() -> impl Strategy<Value = (usize, Stretches)> {
    (2usize..=4).prop_flat_map(|m| {
        let set = proptest::collection::vec(0usize..4, 0..=2);
        let stretch = (1u32..20, proptest::collection::vec(set, m));
        (
            Just(m),
            proptest::collection::vec(stretch.prop_map(|(l, s)| (f64::from(l), s)), 1..6),
        )
    })
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(None))]
    #[test]
    fn identical_coders_agree_perfectly((m, stretches) in codings()) {
        let same: Vec<(f64, Vec<Vec<usize>>)> = stretches
            .iter()
            .map(|(l, sets)| (*l, vec![sets[0].clone(); m]))
            .collect();
        let value_of = [Some(0), Some(1), Some(2), Some(3)];
        if let Some(a) = alpha(m, &same, &value_of) {
            prop_assert!((a - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn permuting_coders_or_stretches_changes_nothing((m, stretches) in codings()) {
        let value_of = [Some(0), Some(1), None, Some(3)];
        let base = alpha(m, &stretches, &value_of);
        let mut turned: Vec<(f64, Vec<Vec<usize>>)> = stretches
            .iter()
            .map(|(l, sets)| {
                let mut s = sets.clone();
                s.rotate_left(1);
                (*l, s)
            })
            .collect();
        turned.reverse();
        let again = alpha(m, &turned, &value_of);
        match (base, again) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
            (a, b) => prop_assert_eq!(a, b),
        }
    }

    /// Cu-alpha where every domain holds one code is cu-alpha over those codes.
    #[test]
    fn domains_of_one_code_each_are_the_codes((m, stretches) in codings()) {
        let codes: Vec<String> = ["D.a", "D.b", "D.c", "D.d"].iter().map(|c| (*c).to_owned()).collect();
        let (_, of) = domains(&codes, "D.a");
        let cu = alpha(m, &stretches, &[Some(0), Some(1), Some(2), Some(3)]);
        prop_assert_eq!(alpha(m, &stretches, &of), cu);
    }
}
