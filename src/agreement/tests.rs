//! Agreement statistics against published worked examples, and on notes layers.

use proptest::prelude::*;

use super::stats::{Category, Tally, cohen_kappa};
use super::summary::class_summary;
use super::triage::disagreements;
use super::{CodeFilter, Options, Unit, agreement};
use crate::format::empty_notes;
use crate::format::{Item, NotesFile};
use crate::library::Library;
use crate::notes::layers::Layer;

mod domains;

/// Chosen parents: a code counts as the nearest chosen parent above it, or as itself.
#[test]
fn rolling_up_to_chosen_parents() {
    let r = super::Rollup::Parents(vec!["RAT".into(), "RAT.practice".into(), "TYPE.x".into()]);
    assert_eq!(r.apply("RAT.practice.market-access"), "RAT.practice");
    assert_eq!(r.apply("RAT.practice"), "RAT.practice");
    assert_eq!(r.apply("RAT.theory.rbv"), "RAT");
    assert_eq!(
        r.apply("TYPE.xy"),
        "TYPE.xy",
        "a prefix of the id is not a parent"
    );
    assert_eq!(r.apply("ACT"), "ACT");
    assert_eq!(super::Rollup::Level(1).apply("RAT.theory.rbv"), "RAT");
    let level = super::Rollup::Level(2);
    let one = super::Rollup::toggle_parent(Some(&level), "RAT.theory");
    assert_eq!(one, Some(super::Rollup::Parents(vec!["RAT.theory".into()])));
    let two = super::Rollup::toggle_parent(one.as_ref(), "RAT.practice").expect("two");
    assert!(two.has_parent("RAT.practice") && two.has_parent("RAT.theory"));
    let back = super::Rollup::toggle_parent(Some(&two), "RAT.practice");
    assert_eq!(back, one);
    assert_eq!(
        super::Rollup::toggle_parent(one.as_ref(), "RAT.theory"),
        None
    );
}

fn close(got: Option<f64>, want: f64) {
    let got = got.expect("defined");
    assert!((got - want).abs() < 0.0005, "got {got}, want {want}");
}

/// Reliability data as the papers print it: one row per coder, `0` for a missing value,
/// values 1.. mapped to categories 0...
fn tally(rows: &[&[usize]], categories: usize) -> Tally {
    let mut t = Tally::new(rows.len(), categories);
    for u in 0..rows[0].len() {
        let values: Vec<Option<Category>> = rows.iter().map(|r| r[u].checked_sub(1)).collect();
        t.add_unit(&values, 1.0);
    }
    t
}

/// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
/// Communication Departmental Papers 43, section A: binary data, two observers, 10 units
/// (A: 0100000010, B: 1110010000), alpha = 0.095.
#[test]
fn krippendorff_binary_two_observers() {
    let a = [1, 2, 1, 1, 1, 1, 1, 1, 2, 1];
    let b = [2, 2, 2, 1, 1, 2, 1, 1, 1, 1];
    let s = tally(&[&a, &b], 2).stats();
    close(s.alpha, 0.095);
    assert_eq!(s.units, 10.0);
}

/// Krippendorff (2011), section C: nominal data, four observers, 12 units, missing values
/// (published alpha = 0.743).
#[test]
fn krippendorff_nominal_four_observers_with_missing_data() {
    let a = [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0];
    let b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3];
    let c = [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0];
    let d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0];
    let s = tally(&[&a, &b, &c, &d], 5).stats();
    close(s.alpha, 0.743);
    // Unit 12 has a single value and is not pairable.
    assert_eq!(s.units, 11.0);
    // Fleiss' kappa only uses the units all four rated (units 2 to 9).
    assert_eq!(s.complete_units, 8.0);
}

/// Wikipedia, "Cohen's kappa", simple example: 50 proposals, both yes 20, both no 15,
/// A yes / B no 5, A no / B yes 10: `p_o` = 0.7, `p_e` = 0.5, kappa = 0.4.
#[test]
fn cohen_textbook_example() {
    // Rows: A yes, A no; columns: B yes, B no.
    close(cohen_kappa(&[20.0, 5.0, 10.0, 15.0], 2), 0.4);
    let mut t = Tally::new(2, 2);
    for (a, b, n) in [(0, 0, 20.0), (0, 1, 5.0), (1, 0, 10.0), (1, 1, 15.0)] {
        t.add_unit(&[Some(a), Some(b)], n);
    }
    let s = t.stats();
    close(s.cohen, 0.4);
    close(s.percent, 0.7);
    assert_eq!(s.complete_units, 50.0);
}

/// Fleiss (1971) worked example as given on Wikipedia, "Fleiss' kappa": 10 subjects,
/// 14 raters, 5 categories; P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
#[test]
fn fleiss_worked_example() {
    let table: [[usize; 5]; 10] = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];
    let mut t = Tally::new(14, 5);
    for row in &table {
        t.add_counts(row, 1.0);
    }
    let s = t.stats();
    close(s.fleiss, 0.210);
    close(s.percent, 0.378);
    assert_eq!(s.cohen, None, "Cohen's kappa is for two coders");
}

#[test]
fn weights_count_like_repeated_units_and_tallies_pool() {
    let mut once = Tally::new(3, 2);
    let mut split = Tally::new(3, 2);
    let units: [[Option<Category>; 3]; 3] = [
        [Some(0), Some(1), None],
        [Some(1), Some(1), Some(1)],
        [Some(0), Some(0), Some(1)],
    ];
    for (i, u) in units.iter().enumerate() {
        once.add_unit(u, 3.0);
        let mut part = Tally::new(3, 2);
        for _ in 0..3 {
            part.add_unit(u, 1.0);
        }
        if i == 0 {
            split = part;
        } else {
            split.merge(&part);
        }
    }
    let (a, b) = (once.stats(), split.stats());
    assert_eq!(a.units, b.units);
    for (x, y) in [
        (a.alpha, b.alpha),
        (a.fleiss, b.fleiss),
        (a.percent, b.percent),
    ] {
        assert!((x.expect("x") - y.expect("y")).abs() < 1e-12);
    }
}

/// Reliability data: units × coders, each value a category of `k` or missing.
fn data() -> impl Strategy<Value = (usize, Vec<Vec<Option<usize>>>)> {
    (2usize..6, 2usize..4).prop_flat_map(|(coders, k)| {
        let value = prop::option::weighted(0.8, 0..k);
        (
            Just(k),
            prop::collection::vec(prop::collection::vec(value, coders), 1..30),
        )
    })
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(None))]
    #[test]
    fn identical_coders_agree_perfectly((k, units) in data()) {
        let coders = units[0].len();
        let mut t = Tally::new(coders, k);
        let mut used = std::collections::BTreeSet::new();
        for u in &units {
            // Every coder who rated the unit gives its first coder's value (or 0).
            let v = u[0].unwrap_or(0);
            let row: Vec<Option<usize>> = u.iter().map(|x| x.map(|_| v)).collect();
            if row.iter().flatten().count() >= 2 {
                used.insert(v);
            }
            t.add_unit(&row, 1.0);
        }
        let s = t.stats();
        if s.units > 0.0 {
            prop_assert!((s.percent.expect("percent") - 1.0).abs() < 1e-9);
        }
        if used.len() >= 2 {
            prop_assert!((s.alpha.expect("alpha") - 1.0).abs() < 1e-9);
        }
        if let Some(f) = s.fleiss {
            prop_assert!((f - 1.0).abs() < 1e-9);
        }
        if let Some(c) = s.cohen {
            prop_assert!((c - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn figures_stay_in_range((k, units) in data()) {
        let mut t = Tally::new(units[0].len(), k);
        for u in &units {
            t.add_unit(u, 1.0);
        }
        let s = t.stats();
        if let Some(p) = s.percent {
            prop_assert!((-1e-9..=1.0 + 1e-9).contains(&p));
        }
        for x in [s.alpha, s.fleiss, s.cohen].into_iter().flatten() {
            prop_assert!((-1.0 - 1e-9..=1.0 + 1e-9).contains(&x), "{x}");
        }
        prop_assert!(s.complete_units <= s.units);
    }
}

/// A highlight on company-a with `codes` over chars start..end of `paragraph`.
fn highlight(lib: &Library, paragraph: &str, start: usize, end: usize, codes: &[&str]) -> Item {
    let id = crate::format::new_id();
    crate::test_support::highlight_at(lib, &id, paragraph, start..end, codes)
}

fn layer(author: &str, items: Vec<Item>) -> Layer {
    let mut notes: NotesFile = empty_notes(Some(author.into()));
    notes.items = items;
    Layer {
        path: format!("{author}.notes.json").into(),
        author: author.into(),
        notes,
    }
}

const MA: &str = "RAT.practice.market-access";
const MK: &str = "TYPE.marketing";

/// Ana and Ben on company-a (11 paragraphs): both code background/p1 with MA (overlapping
/// 0..10 and 5..15); Ana codes alliances/p1 with MK, Ben business-model/p1.
fn two_coders(lib: &Library) -> Vec<Layer> {
    vec![
        layer(
            "Ana",
            vec![
                highlight(lib, "background/p1", 0, 10, &[MA]),
                highlight(lib, "alliances/p1", 0, 20, &[MK]),
            ],
        ),
        layer(
            "Ben",
            vec![
                highlight(lib, "background/p1", 5, 15, &[MA]),
                highlight(lib, "business-model/p1", 0, 10, &[MK]),
            ],
        ),
    ]
}

#[test]
fn paragraph_units_by_hand() {
    let lib = Library::bundled();
    let layers = two_coders(&lib);
    let options = Options::new(Unit::Paragraph, CodeFilter::All);
    let r = agreement(&lib, &layers, &options);
    assert_eq!(r.coders, ["Ana", "Ben"]);
    assert_eq!(r.cases, 1);
    let codes: Vec<&str> = r.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, [MA, MK]);
    // MA: 11 paragraphs, all agree (1 both yes, 10 both no).
    let ma = r.codes[0].stats;
    assert_eq!(ma.units, 11.0);
    close(ma.percent, 1.0);
    close(ma.cohen, 1.0);
    close(ma.alpha, 1.0);
    // MK: 9 both no, 1 Ana only, 1 Ben only: p_o = 9/11, p_e = 101/121, kappa = -0.1;
    // coincidences o00 = 18, o01 = o10 = 2, n = 22: alpha = 1 - 21 * 4 / (2 * 20 * 2) = -0.05.
    let mk = r.codes[1].stats;
    close(mk.percent, 9.0 / 11.0);
    close(mk.cohen, -0.1);
    close(mk.alpha, -0.05);
    // Overall: 22 units, table [[1, 1], [1, 19]]: p_o = 20/22, p_e = 404/484, kappa = 0.45.
    assert_eq!(r.overall.units, 22.0);
    close(r.overall.cohen, 0.45);
    // A family: only the RAT codes.
    let rat = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::Family("RAT".into())),
    );
    assert_eq!(rat.codes.len(), 1);
    assert_eq!(rat.codes[0].code, MA);
}

#[test]
fn char_units_weigh_runs_by_length() {
    let lib = Library::bundled();
    let layers = two_coders(&lib);
    let r = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Char, CodeFilter::Family("RAT".into())),
    );
    let total: usize = lib
        .case("company-a")
        .expect("case")
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.text.chars().count())
        .sum();
    let s = r.codes[0].stats;
    assert_eq!(s.units, total as f64);
    // 5 chars both, 5 Ana only, 5 Ben only, the rest neither.
    close(s.percent, (total - 10) as f64 / total as f64);
    let n = total as f64;
    let (both, ana, ben) = (5.0, 10.0, 10.0);
    let po = (n - 10.0) / n;
    let pe = (ana * ben + (n - ana) * (n - ben)) / (n * n);
    close(s.cohen, (po - pe) / (1.0 - pe));
    let _ = both;
}

#[test]
fn a_coder_without_items_on_a_case_is_missing_there() {
    let lib = Library::bundled();
    let mut layers = two_coders(&lib);
    layers.push(layer("Cem", Vec::new()));
    let r = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::All),
    );
    // Cem is missing everywhere: no complete unit, so no Fleiss; alpha as with two coders.
    assert_eq!(r.overall.complete_units, 0.0);
    assert_eq!(r.overall.fleiss, None);
    assert_eq!(r.overall.cohen, None);
    close(r.codes[1].stats.alpha, -0.05);
}

#[test]
fn triage_lists_split_passages_with_who_applied_what() {
    let lib = Library::bundled();
    let layers = two_coders(&lib);
    let found = disagreements(&lib, &layers, &CodeFilter::All, 10);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].paragraph, "business-model/p1");
    assert_eq!(found[1].paragraph, "alliances/p1");
    let d = &found[1];
    assert_eq!(d.split, 1.0);
    assert_eq!(d.rated, 2);
    assert_eq!(d.range, Some((0, 20)));
    assert_eq!(d.codes[0].code, MK);
    assert_eq!(d.codes[0].applied, ["Ana"]);
    assert_eq!(d.codes[0].not_applied, ["Ben"]);
}

#[test]
fn class_summary_counts_authors_per_passage_and_code() {
    let lib = Library::bundled();
    let layers = two_coders(&lib);
    let s = class_summary(&lib, &layers, 2);
    assert_eq!(s.len(), 1);
    let c = &s[0];
    assert_eq!((c.case.as_str(), c.authors), ("company-a", 2));
    assert_eq!(c.passages[0].paragraph, "background/p1");
    assert_eq!(c.passages[0].authors, 2);
    // Chars 5..10 are covered by both.
    assert_eq!(c.passages[0].range, Some((5, 10)));
    let text = &lib.case("company-a").expect("case").sections[0].paragraphs[0].text;
    assert_eq!(
        c.passages[0].quote,
        text.chars().skip(5).take(5).collect::<String>()
    );
    assert_eq!(c.codes.len(), 2);
    assert_eq!(c.codes[0].authors, 2);
}

/// Adds `weight` units on which the coders of `rated` for which `present` holds said 1, the
/// other rated coders 0, the rest nothing.
fn add(tally: &mut Tally, rated: &[usize], present: impl Fn(usize) -> bool, weight: f64) {
    let values: Vec<Option<Category>> = (0..tally.coders())
        .map(|c| rated.contains(&c).then(|| usize::from(present(c))))
        .collect();
    tally.add_unit(&values, weight);
}

/// Per-character figures by brute force: every character one unit.
fn by_characters(
    len: usize,
    coders: usize,
    rated: &[usize],
    ranges: &[(usize, usize, usize)],
) -> Tally {
    let mut t = Tally::new(coders, 2);
    for ch in 0..len {
        let present = |c: usize| ranges.iter().any(|&(r, s, e)| r == c && s <= ch && ch < e);
        add(&mut t, rated, present, 1.0);
    }
    t
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(None))]
    #[test]
    fn weighted_runs_equal_enumerating_characters(
        coders in 2usize..5,
        len in 1usize..60,
        raw in prop::collection::vec((0usize..5, 0usize..70, 0usize..30), 0..8),
        missing in prop::collection::vec(any::<bool>(), 5),
    ) {
        let ranges: Vec<(usize, usize, usize)> = raw
            .iter()
            .map(|&(c, s, l)| (c % coders, s, s + l))
            .collect();
        let rated: Vec<usize> = (0..coders).filter(|&c| !missing[c] || c < 2).collect();
        let mut runs = Tally::new(coders, 2);
        super::extract::sweep(len, &ranges, |s, e, depth| {
            add(&mut runs, &rated, |c| depth.contains_key(&c), (e - s) as f64);
        });
        let (a, b) = (runs.stats(), by_characters(len, coders, &rated, &ranges).stats());
        prop_assert!((a.units - b.units).abs() < 1e-9);
        for (x, y) in [(a.percent, b.percent), (a.alpha, b.alpha), (a.fleiss, b.fleiss), (a.cohen, b.cohen)] {
            match (x, y) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{x} vs {y}"),
                (x, y) => prop_assert_eq!(x.is_some(), y.is_some()),
            }
        }
    }
}
