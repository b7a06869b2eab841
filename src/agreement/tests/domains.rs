//! Published examples reproduced from notes files through semantic domains; the rater rule
//! with `coded` marks; the stated codebook; roll-up; orphans; the bootstrap; and properties
//! (identical coders, permutations, a one-code domain equals the binary variable).

use proptest::prelude::*;

use super::super::{Bootstrap, CodeFilter, Options, Unit, agreement};
use crate::format::{Case, Item, ItemKind, Paragraph, empty_notes};
use crate::library::{Entry, Library, Origin};
use crate::notes::anchor::new_anchor;
use crate::notes::layers::Layer;

/// The bundled frameworks and `cases` of `paras` paragraphs each (ids `p1`…, texts from
/// company-a made distinct by their number).
fn library(cases: &[&str], paras: usize) -> Library {
    let mut lib = Library::bundled();
    let model = lib.case("company-a").expect("company-a").clone();
    let texts: Vec<String> = model
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.clone()))
        .collect();
    lib.cases = cases
        .iter()
        .map(|id| {
            let mut c: Case = model.clone();
            c.id = (*id).to_owned();
            c.sections.truncate(1);
            c.sections[0].id = "s".into();
            c.sections[0].paragraphs = (1..=paras)
                .map(|i| Paragraph {
                    id: compact_str::format_compact!("p{i}"),
                    text: format!("{i}. {}", texts[i % texts.len()]),
                })
                .collect();
            Entry {
                doc: c,
                origin: Origin::File(format!("{id}.case.json").into()),
            }
        })
        .collect();
    lib
}

/// A highlight on `case` ¶ `s/p<para>` over chars `start..end`, with `codes`.
fn mark(lib: &Library, case: &str, para: usize, start: usize, end: usize, codes: &[&str]) -> Item {
    let address = format!("s/p{para}");
    let text = &lib
        .case(case)
        .and_then(|c| c.paragraph(&address))
        .expect("paragraph")
        .text;
    let a = new_anchor(text, start, end).expect("anchor");
    Item {
        id: crate::format::new_id(),
        kind: ItemKind::Highlight,
        case: Some(case.into()),
        target: Some(a.into_target(address)),
        codes: codes.iter().map(|&c| c.into()).collect(),
        title: None,
        text: None,
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        deleted: false,
        author: None,
    }
}

fn layer(author: &str, items: Vec<Item>, coded: &[&str]) -> Layer {
    let mut notes = empty_notes(Some(author.into()));
    notes.items = items;
    notes.coded = coded.iter().map(|c| (*c).to_owned()).collect();
    Layer {
        path: format!("{author}.notes.json").into(),
        author: author.into(),
        notes,
    }
}

fn domain(family: &str, unit: Unit) -> Options {
    Options {
        domain: Some(family.into()),
        ..Options::new(unit, CodeFilter::Family(family.into()))
    }
}

/// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
/// Communication, Departmental Papers 43, section C, "Nominal data, any number of observers,
/// missing values": observers A–D, units 1–12, values 1–5 (0 here: missing); nominal alpha
/// = 0.743 as published. Each unit is a one-paragraph case; an observer's value is a highlight
/// coded `K.<value>` there, a missing value no item on the case (so the observer did not rate
/// it), and the family K is the semantic domain.
#[test]
fn krippendorff_2011_section_c_from_notes_files() {
    let rows: [[usize; 12]; 4] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
        [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
    ];
    let ids: Vec<String> = (1..=12).map(|u| format!("unit-{u}")).collect();
    let names: Vec<&str> = ids.iter().map(String::as_str).collect();
    let lib = library(&names, 1);
    let layers: Vec<Layer> = rows
        .iter()
        .zip(["A", "B", "C", "D"])
        .map(|(row, who)| {
            let items = row
                .iter()
                .zip(&names)
                .filter(|(v, _)| **v > 0)
                .map(|(v, case)| mark(&lib, case, 1, 0, 5, &[&format!("K.{v}")]))
                .collect();
            layer(who, items, &[])
        })
        .collect();
    let r = agreement(&lib, &layers, &domain("K", Unit::Paragraph));
    let d = r.domain.expect("domain");
    let alpha = d.stats.alpha.expect("alpha");
    assert_eq!(format!("{alpha:.3}"), "0.743", "{alpha}");
    // Unit 12 has one value: not pairable. The values: none never occurs but is one.
    assert_eq!(d.stats.units, 11.0);
    assert!(d.values.iter().any(|v| v == "K.5"));
    // The same with the cases marked as coded instead of inferred from the items.
    let marked: Vec<Layer> = layers
        .iter()
        .zip(&rows)
        .map(|(l, row)| {
            let mut l = l.clone();
            l.notes.coded = row
                .iter()
                .zip(&ids)
                .filter(|(v, _)| **v > 0)
                .map(|(_, c)| c.clone())
                .collect();
            l
        })
        .collect();
    let again = agreement(&lib, &marked, &domain("K", Unit::Paragraph));
    assert_eq!(again.domain.expect("domain").stats.alpha, Some(alpha));
}

/// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
/// Bulletin 76(5), 378–382: 30 patients, 6 psychiatrists, 5 diagnoses; kappa = .430 as
/// published (0.4302445 by R's `irr::kappam.fleiss` on the `diagnoses` data, which lists the
/// raters' diagnoses per patient as reproduced in statsmodels' `test_inter_rater.py`). One
/// case of 30 paragraphs; each rater's diagnosis is a highlight coded `DX.<diagnosis>`.
#[test]
fn fleiss_1971_from_notes_files() {
    let diagnoses: [[usize; 6]; 30] = [
        [4, 4, 4, 4, 4, 4],
        [2, 2, 2, 5, 5, 5],
        [2, 3, 3, 3, 3, 5],
        [5, 5, 5, 5, 5, 5],
        [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3],
        [3, 3, 3, 3, 5, 5],
        [1, 1, 3, 3, 3, 4],
        [1, 1, 4, 4, 4, 4],
        [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4],
        [1, 2, 4, 4, 4, 4],
        [2, 2, 2, 3, 3, 3],
        [1, 4, 4, 4, 4, 4],
        [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5],
        [1, 1, 1, 4, 5, 5],
        [1, 1, 1, 1, 1, 2],
        [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5],
        [2, 4, 4, 4, 4, 4],
        [2, 2, 4, 5, 5, 5],
        [1, 1, 4, 4, 4, 4],
        [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4],
        [1, 1, 1, 1, 5, 5],
        [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 3, 3, 3],
        [5, 5, 5, 5, 5, 5],
    ];
    let lib = library(&["ward"], 30);
    let layers: Vec<Layer> = (0..6)
        .map(|rater| {
            let items = diagnoses
                .iter()
                .enumerate()
                .map(|(p, row)| mark(&lib, "ward", p + 1, 0, 4, &[&format!("DX.{}", row[rater])]))
                .collect();
            layer(&format!("Psychiatrist {}", rater + 1), items, &[])
        })
        .collect();
    let r = agreement(&lib, &layers, &domain("DX", Unit::Paragraph));
    let kappa = r.domain.expect("domain").stats.fleiss.expect("kappa");
    assert_eq!(format!("{kappa:.3}"), "0.430", "{kappa}");
    assert!((kappa - 0.430_244_5).abs() < 1e-7, "{kappa}");
}

/// Krippendorff (2004), Content Analysis, 2nd ed., p. 254 (see `unitizing::tests`), from
/// notes files: one case whose text is the 300-character continuum, observers i and j as
/// two coders, categories c and k as codes U.c and U.k, each unit a highlight. u-alpha =
/// 0.8591, per code 0.7286 and 1 (as `DKPro` Statistics transcribes the example).
#[test]
fn krippendorff_2004_unitizing_from_notes_files() {
    let mut lib = library(&["continuum"], 1);
    let text = (0..75).fold(String::new(), |mut t, i| {
        use std::fmt::Write as _;
        let _ = write!(t, "{i:03} ");
        t
    });
    assert_eq!(text.chars().count(), 300);
    lib.cases[0].doc.sections[0].paragraphs[0].text = text;
    let unit =
        |b: usize, l: usize, code: &str| mark(&lib, "continuum", 1, b - 150, b - 150 + l, &[code]);
    let layers = vec![
        layer(
            "i",
            vec![
                unit(225, 70, "U.c"),
                unit(370, 30, "U.c"),
                unit(180, 60, "U.k"),
                unit(300, 50, "U.k"),
            ],
            &[],
        ),
        layer(
            "j",
            vec![
                unit(220, 80, "U.c"),
                unit(355, 20, "U.c"),
                unit(400, 20, "U.c"),
                unit(180, 60, "U.k"),
                unit(300, 50, "U.k"),
            ],
            &[],
        ),
    ];
    let r = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Char, CodeFilter::Family("U".into())),
    );
    assert!(r.orphans.is_empty(), "{:?}", r.orphans);
    let u = r.unitizing.expect("u-alpha");
    assert_eq!((u.cases, u.chars), (1, 300));
    let near = |x: Option<f64>, want: f64, tol: f64| {
        let x = x.expect("defined");
        assert!((x - want).abs() < tol, "{x} vs {want}");
    };
    near(u.alpha, 0.8591, 0.0005);
    near(u.codes[0], 0.7286, 0.0001);
    near(u.codes[1], 1.0, 1e-12);
    let paragraphs = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::All),
    );
    assert_eq!(paragraphs.unitizing, None, "u-alpha is for character units");
}

/// Paragraph 1 of a one-case library, Ana's highlight over `a`, Ben's over `b`, both coded X.
fn pair(
    a: Option<(usize, usize)>,
    b: Option<(usize, usize)>,
    coded: bool,
) -> (Library, Vec<Layer>) {
    let lib = library(&["c1"], 3);
    let items = |r: Option<(usize, usize)>| {
        r.map(|(s, e)| mark(&lib, "c1", 1, s, e, &["X.one"]))
            .into_iter()
            .collect()
    };
    let marks: &[&str] = if coded { &["c1"] } else { &[] };
    let layers = vec![layer("Ana", items(a), marks), layer("Ben", items(b), marks)];
    (lib, layers)
}

#[test]
fn a_case_marked_as_coded_is_rated_even_with_nothing_coded() {
    // Ben found nothing: without marks he is missing, with them he rated every unit absent.
    let (lib, layers) = pair(Some((0, 5)), None, false);
    let r = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::All),
    );
    assert_eq!(
        r.shared_cases, 0,
        "Ben wrote nothing, so he did not rate c1"
    );
    assert!(r.codes.is_empty() && r.left_out == ["X.one"]);
    let (lib, layers) = pair(Some((0, 5)), None, true);
    let r = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::All),
    );
    assert_eq!((r.marking, r.shared_cases), (2, 1));
    // 3 paragraphs: 1 split, 2 both absent.
    assert_eq!(r.overall.units, 3.0);
    assert!((r.overall.percent.expect("percent") - 2.0 / 3.0).abs() < 1e-12);
    // A stray memo on a case not marked as coded does not make its author a rater there.
    let mut layers = layers;
    let lib2 = library(&["c1", "c2"], 3);
    let memo = Item {
        kind: ItemKind::Memo,
        target: None,
        case: Some("c2".into()),
        ..mark(&lib2, "c2", 1, 0, 3, &[])
    };
    layers[1].notes.items.push(memo.clone());
    layers[0].notes.items.push(memo);
    let r = agreement(
        &lib2,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::All),
    );
    assert_eq!(r.cases, 1, "c2 is rated by nobody");
}

#[test]
fn codes_used_only_where_a_single_coder_rated_are_left_out() {
    let lib = library(&["c1", "lone"], 4);
    let shared = |who: &str, p: usize| layer(who, vec![mark(&lib, "c1", p, 0, 5, &["X.one"])], &[]);
    let base = vec![shared("Ana", 1), shared("Ben", 2)];
    let before = agreement(&lib, &base, &Options::new(Unit::Paragraph, CodeFilter::All));
    let mut more = base.clone();
    more[0]
        .notes
        .items
        .push(mark(&lib, "lone", 1, 0, 5, &["Y.only-ana"]));
    let after = agreement(&lib, &more, &Options::new(Unit::Paragraph, CodeFilter::All));
    assert_eq!(after.left_out, ["Y.only-ana"]);
    assert_eq!(after.codes.len(), 1);
    assert_eq!(after.overall, before.overall, "the lone code moves nothing");
    assert!(super::super::words::codes(&after).contains("Y.only-ana"));
}

#[test]
fn rolling_up_counts_children_as_their_parent() {
    let lib = library(&["c1"], 2);
    let layers = vec![
        layer(
            "Ana",
            vec![mark(&lib, "c1", 1, 0, 5, &["RAT.practice"])],
            &[],
        ),
        layer(
            "Ben",
            vec![mark(&lib, "c1", 1, 0, 5, &["RAT.practice.market-access"])],
            &[],
        ),
    ];
    let flat = agreement(
        &lib,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::All),
    );
    assert_eq!(flat.codes.len(), 2);
    assert!(
        flat.codes
            .iter()
            .all(|c| c.stats.alpha.is_some_and(|a| a <= 0.0))
    );
    let rolled = agreement(
        &lib,
        &layers,
        &Options {
            rollup: Some(super::super::Rollup::Level(2)),
            ..Options::new(Unit::Paragraph, CodeFilter::All)
        },
    );
    assert_eq!(rolled.codes.len(), 1);
    assert_eq!(rolled.codes[0].code, "RAT.practice");
    assert_eq!(rolled.codes[0].stats.alpha, Some(1.0));
    let to_parent = Options {
        rollup: Some(super::super::Rollup::Parents(vec!["RAT.practice".into()])),
        ..Options::new(Unit::Paragraph, CodeFilter::All)
    };
    let chosen = agreement(&lib, &layers, &to_parent);
    assert_eq!(
        (chosen.codes, chosen.overall),
        (rolled.codes, rolled.overall)
    );
    assert_eq!(
        super::super::roll_up("RAT.practice.market-access", 1),
        "RAT"
    );
    assert_eq!(super::super::roll_up("RAT", 2), "RAT");
}

#[test]
fn orphans_count_in_no_unit_and_are_listed() {
    let lib = library(&["c1"], 2);
    let mut gone = mark(&lib, "c1", 1, 0, 12, &["X.one"]);
    if let Some(t) = &mut gone.target {
        t.exact = Some("words that are not in the text".into());
        t.prefix = None;
        t.suffix = None;
    }
    let layers = vec![
        layer("Ana", vec![mark(&lib, "c1", 1, 0, 12, &["X.one"])], &[]),
        layer(
            "Ben",
            vec![gone, mark(&lib, "c1", 2, 0, 3, &["X.two"])],
            &[],
        ),
    ];
    for unit in [Unit::Paragraph, Unit::Char] {
        let r = agreement(&lib, &layers, &Options::new(unit, CodeFilter::All));
        assert_eq!(r.orphans.len(), 1, "{unit:?}");
        assert_eq!(r.orphans[0].coder, "Ben");
        let one = r.codes.iter().find(|c| c.code == "X.one").expect("X.one");
        // Ana alone marks X.one now: the orphan's stored offsets do not agree with her.
        assert!(
            one.stats.alpha.is_none_or(|a| a < 0.5),
            "{unit:?}: {:?}",
            one.stats
        );
    }
}

#[test]
fn one_category_is_perfect_agreement_not_a_bare_gap() {
    let (lib, layers) = pair(Some((0, 5)), Some((0, 5)), false);
    let lib3 = lib;
    let r = agreement(
        &lib3,
        &layers,
        &Options::new(Unit::Paragraph, CodeFilter::Family("X".into())),
    );
    // Both marked paragraph 1 only: categories vary, alpha = 1.
    assert_eq!(r.overall.alpha, Some(1.0));
    assert!(!r.overall.one_category);
    let mut t = super::super::Tally::new(2, 2);
    t.add_unit(&[Some(1), Some(1)], 4.0);
    let s = t.stats();
    assert!(s.one_category && s.alpha.is_none());
    assert_eq!(
        super::super::words::cell(s.alpha, s.units, &s),
        "100 %, one category only (4 units)"
    );
}

#[test]
fn the_bootstrap_is_seeded_and_brackets_alpha() {
    let rows: [[Option<usize>; 4]; 8] = [
        [Some(0), Some(0), Some(0), Some(1)],
        [Some(1), Some(1), Some(1), Some(1)],
        [Some(0), Some(0), None, Some(0)],
        [Some(1), Some(0), Some(1), Some(1)],
        [Some(0), Some(0), Some(0), Some(0)],
        [Some(1), Some(1), Some(0), Some(1)],
        [Some(0), Some(1), Some(0), Some(0)],
        [Some(1), Some(1), Some(1), None],
    ];
    let mut t = super::super::Tally::new(4, 2);
    for r in &rows {
        t.add_unit(r, 1.0);
    }
    let b = Bootstrap::default();
    let c = t.bootstrap(&b).expect("interval");
    assert_eq!(t.bootstrap(&b), Some(c), "same seed, same interval");
    let other = t.bootstrap(&Bootstrap { seed: 7, ..b }).expect("interval");
    assert_ne!(other, c, "another seed, other draws");
    let alpha = t.stats().alpha.expect("alpha");
    assert!(c.low <= alpha && alpha <= c.high, "{c:?} {alpha}");
    assert!(c.low >= -1.0 && c.high <= 1.0);
    assert!((0.0..=1.0).contains(&c.below));
    assert_eq!(c.draws, 1_000);
    // The lower the minimum, the less likely alpha falls below it.
    let lax = t
        .bootstrap(&Bootstrap { minimum: -1.0, ..b })
        .expect("interval");
    assert_eq!(lax.below, 0.0);
}

/// Random highlights of up to four coders on a two-paragraph case, codes of family D.
fn coders() -> impl Strategy<Value = Vec<Vec<(usize, usize, usize, usize)>>> {
    prop::collection::vec(
        prop::collection::vec((1usize..3, 0usize..30, 1usize..20, 0usize..3), 1..4),
        2..5,
    )
}

fn layers_of(
    lib: &Library,
    coders: &[Vec<(usize, usize, usize, usize)>],
    codes: &[&str],
) -> Vec<Layer> {
    coders
        .iter()
        .enumerate()
        .map(|(i, marks)| {
            let items = marks
                .iter()
                .map(|&(p, s, l, k)| mark(lib, "c1", p, s, s + l, &[codes[k % codes.len()]]))
                .collect();
            layer(&format!("coder {i}"), items, &["c1"])
        })
        .collect()
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(Some(48)))]

    #[test]
    fn a_domain_of_one_code_is_the_binary_variable(coders in coders(), chars in any::<bool>()) {
        let lib = library(&["c1"], 2);
        let layers = layers_of(&lib, &coders, &["D.only"]);
        let unit = if chars { Unit::Char } else { Unit::Paragraph };
        let r = agreement(&lib, &layers, &domain("D", unit));
        let d = r.domain.expect("domain").stats;
        let b = r.codes[0].stats;
        for (x, y) in [(d.alpha, b.alpha), (d.fleiss, b.fleiss), (d.percent, b.percent)] {
            match (x, y) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{x} vs {y}"),
                (x, y) => prop_assert_eq!(x.is_some(), y.is_some()),
            }
        }
    }

    #[test]
    fn permuting_coders_changes_nothing_and_identical_coders_agree(coders in coders(), chars in any::<bool>()) {
        let lib = library(&["c1"], 2);
        let codes = ["D.a", "D.b", "D.c"];
        let unit = if chars { Unit::Char } else { Unit::Paragraph };
        let layers = layers_of(&lib, &coders, &codes);
        let mut reversed = layers.clone();
        reversed.reverse();
        let (a, b) = (agreement(&lib, &layers, &domain("D", unit)), agreement(&lib, &reversed, &domain("D", unit)));
        let (da, db) = (a.domain.expect("a").stats, b.domain.expect("b").stats);
        for (x, y) in [(da.alpha, db.alpha), (da.fleiss, db.fleiss), (a.overall.alpha, b.overall.alpha)] {
            match (x, y) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{x} vs {y}"),
                (x, y) => prop_assert_eq!(x.is_some(), y.is_some()),
            }
        }
        let same = layers_of(&lib, &[coders[0].clone(), coders[0].clone(), coders[0].clone()], &codes);
        let r = agreement(&lib, &same, &domain("D", unit));
        prop_assert!(r.domain.expect("domain").stats.alpha.is_none_or(|a| (a - 1.0).abs() < 1e-12));
        prop_assert!(r.overall.percent.is_some_and(|p| (p - 1.0).abs() < 1e-12));
    }
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(Some(32)))]

    #[test]
    fn the_order_of_the_cases_changes_nothing(
        first in coders(),
        second in coders(),
        chars in any::<bool>(),
    ) {
        let lib = library(&["c1", "c2"], 2);
        let codes = ["D.a", "D.b"];
        let mut layers = layers_of(&lib, &first, &codes);
        for (i, marks) in second.iter().enumerate().take(layers.len()) {
            for &(p, s, l, k) in marks {
                layers[i].notes.items.push(mark(&lib, "c2", p, s, s + l, &[codes[k % 2]]));
            }
            layers[i].notes.coded.push("c2".into());
        }
        let mut swapped = lib.clone();
        swapped.cases.reverse();
        let unit = if chars { Unit::Char } else { Unit::Paragraph };
        let (a, b) = (agreement(&lib, &layers, &domain("D", unit)), agreement(&swapped, &layers, &domain("D", unit)));
        let (da, db) = (a.domain.expect("a").stats, b.domain.expect("b").stats);
        for (x, y) in [(da.alpha, db.alpha), (a.overall.alpha, b.overall.alpha), (a.overall.fleiss, b.overall.fleiss), (a.overall.percent, b.overall.percent)] {
            match (x, y) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{x} vs {y}"),
                (x, y) => prop_assert_eq!(x.is_some(), y.is_some()),
            }
        }
    }
}
