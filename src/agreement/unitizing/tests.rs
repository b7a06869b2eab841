//! u-alpha on Krippendorff's published worked examples. The data and the figures are as `DKPro`
//! Statistics' tests transcribe them (`Krippendorff2004Test`, `Krippendorff1995Test` in
//! dkpro/dkpro-statistics); the books themselves could not be consulted here.

use super::{Span, unitizing_alpha};

/// A unit as the paper lists it: (start, length).
type Unit = (u64, u64);

fn span(coder: usize, category: usize, start: u64, len: u64) -> Span {
    Span {
        coder,
        category,
        start,
        len,
    }
}

/// Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
/// Sage, p. 254: a continuum from 150 to 450 (here 0 to 300), observers i and j, categories
/// c and k. i: c at 225+70 and 370+30, k at 180+60 and 300+50; j: c at 220+80, 355+20 and
/// 400+20, k as i. Figures: `D_o(c)` = 0.0144, `D_e(c)` = 0.0532, u-alpha(c) = 0.7286,
/// `D_o(k)` = 0, `D_e(k)` = 0.0490, u-alpha(k) = 1, u-alpha = 0.8591.
#[test]
fn krippendorff_2004_p254() {
    let (c, k) = (0, 1);
    let at = |b: u64| b - 150;
    let spans = [
        span(0, c, at(225), 70),
        span(0, c, at(370), 30),
        span(1, c, at(220), 80),
        span(1, c, at(355), 20),
        span(1, c, at(400), 20),
        span(0, k, at(180), 60),
        span(0, k, at(300), 50),
        span(1, k, at(180), 60),
        span(1, k, at(300), 50),
    ];
    let u = unitizing_alpha(2, 2, 300, &spans);
    let near = |x: f64, want: f64, tol: f64| assert!((x - want).abs() < tol, "{x} vs {want}");
    near(u.categories[c].observed, 0.0144, 0.0001);
    near(u.categories[c].expected, 0.0532, 0.0001);
    near(u.categories[c].alpha.expect("c"), 0.7286, 0.0001);
    near(u.categories[k].observed, 0.0, 1e-12);
    near(u.categories[k].expected, 0.0490, 0.0001);
    near(u.categories[k].alpha.expect("k"), 1.0, 1e-12);
    near(u.alpha.expect("alpha"), 0.8591, 0.0005);
}

/// Krippendorff, K. (1995). On the reliability of unitizing contiguous data. Sociological
/// Methodology 25: 47–76, p. 57: four pairs of coders on a continuum of 24, one category
/// each (A: Bertha/Bill, B: John/Jill, C: Gerret/Gill, D: Heather/Hill). Observed
/// disagreements: A 0.03125, B 2.26736, C 0.02777, D 0.38715 (Jill's and Hill's touching
/// units stay separate units).
#[test]
fn krippendorff_1995_p57_observed_disagreements() {
    let pairs: [(&[Unit], &[Unit], f64); 4] = [
        (&[(2, 8), (14, 6)], &[(4, 4), (15, 2)], 0.03125),
        (
            &[(0, 18)],
            &[(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)],
            2.26736,
        ),
        (
            &[(2, 6), (10, 2), (14, 4), (20, 2)],
            &[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
            0.02777,
        ),
        (
            &[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
            &[(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
            0.38715,
        ),
    ];
    for (a, b, want) in pairs {
        let spans: Vec<Span> = a
            .iter()
            .map(|&(s, l)| span(0, 0, s, l))
            .chain(b.iter().map(|&(s, l)| span(1, 0, s, l)))
            .collect();
        let u = unitizing_alpha(2, 1, 24, &spans);
        let got = u.categories[0].observed;
        assert!((got - want).abs() < 0.00001, "{got} vs {want}");
    }
}

#[test]
fn identical_unitizations_agree_perfectly_and_order_does_not_matter() {
    let one = [span(0, 0, 3, 5), span(0, 0, 12, 4), span(0, 1, 0, 2)];
    let mut spans: Vec<Span> = one.to_vec();
    spans.extend(one.iter().map(|s| Span { coder: 1, ..*s }));
    spans.extend(one.iter().map(|s| Span { coder: 2, ..*s }));
    let u = unitizing_alpha(3, 2, 20, &spans);
    assert_eq!(u.alpha, Some(1.0));
    spans.reverse();
    assert_eq!(unitizing_alpha(3, 2, 20, &spans).alpha, Some(1.0));
    // No unit of a category: nothing expected, alpha undefined.
    assert_eq!(unitizing_alpha(2, 1, 20, &[]).alpha, None);
}
