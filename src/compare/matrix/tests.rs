use super::*;
use crate::library::Library;

fn col(m: &Matrix, code: &str) -> usize {
    m.codes.iter().position(|c| c == code).unwrap()
}

#[test]
fn corio_counts_each_coded_facet_and_alliance_once() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let cases: Vec<&Case> = ["company-a", "company-b", "corio"]
        .iter()
        .map(|id| lib.case(id).unwrap())
        .collect();
    let corio = cases[2];
    let m = build(fw, &cases, None, "RAT");
    let carries = |f: &crate::format::Facet, code: &str| {
        f.value
            .as_ref()
            .and_then(|v| v.as_array())
            .is_some_and(|a| {
                a.iter()
                    .any(|x| x.as_str().is_some_and(|x| x.starts_with(code)))
            })
    };
    let mut old_rule = 0;
    for code in [
        "RAT.practice.speed-and-cost",
        "RAT.practice.fill-resource-gap",
    ] {
        let facets: Vec<_> = corio.facets.values().filter(|f| carries(f, code)).collect();
        let allied: Vec<_> = corio
            .alliances
            .iter()
            .filter(|a| a.rationale.iter().any(|r| r == code))
            .collect();
        let count = m.count(2, col(&m, code));
        assert!(count > 0, "Corio is coded {code}");
        assert_eq!(count, facets.len() + allied.len(), "{code}: one per unit");
        old_rule += facets.iter().map(|f| f.evidence.len()).sum::<usize>();
    }
    // The rationale facet has several pieces of evidence; each used to count.
    assert!(old_rule > 2);
    // The parent counts the units under it once each, not the sum of its children.
    let units = corio
        .facets
        .values()
        .filter(|f| carries(f, "RAT.practice."))
        .count()
        + corio
            .alliances
            .iter()
            .filter(|a| a.rationale.iter().any(|r| r.starts_with("RAT.practice.")))
            .count();
    assert_eq!(m.count(2, col(&m, "RAT.practice")), units);
    let sum_children = m.count(2, col(&m, "RAT.practice.speed-and-cost"))
        + m.count(2, col(&m, "RAT.practice.fill-resource-gap"));
    assert!(units < sum_children, "a unit with two children counts once");
    // A source-only piece carries the citation the case lists for it.
    let pieces: Vec<&Piece> = m.row_units(2).iter().flat_map(|u| &u.evidence).collect();
    assert!(pieces.iter().any(|p| p.source.is_some()));
    for p in pieces.iter().filter(|p| p.source.is_some()) {
        let id = p.source.as_deref().unwrap();
        assert_eq!(
            p.citation.as_deref(),
            corio.source(id).map(|s| s.citation.as_str())
        );
    }
}

#[test]
fn parents_count_distinct_units_and_chart_equals_grid() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    let notes = &lib.notes[0].doc;
    let book = Codebook::build(Some(fw), notes);
    for family in book.families() {
        let m = build_with(&book, fw, &cases, Some(notes), &family.id);
        for (c, code) in m.codes.iter().enumerate() {
            for r in 0..m.cases.len() {
                let by_hand = m
                    .row_units(r)
                    .iter()
                    .filter(|u| u.codes.iter().any(|k| book.covers(code, k)))
                    .count();
                assert_eq!(m.count(r, c), by_hand, "{} x {code}", m.cases[r]);
            }
        }
        for (r, (case, bar)) in m.chart().into_iter().enumerate() {
            let in_grid: BTreeSet<usize> = (0..m.codes.len())
                .flat_map(|c| m.cells[r * m.codes.len() + c].iter().copied())
                .collect();
            assert_eq!(bar, in_grid.len(), "{case} in {}", family.id);
        }
    }
}

#[test]
fn user_highlights_count_under_user_family_and_default_family_has_codings() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let notes = &lib.notes[0].doc;
    let book = Codebook::build(Some(fw), notes);
    let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    let m = build_with(&book, fw, &cases, Some(notes), "USER");
    let coded = notes
        .items
        .iter()
        .filter(|i| {
            i.kind == ItemKind::Highlight
                && !i.deleted
                && i.codes.iter().any(|c| c.starts_with("USER."))
        })
        .count();
    let total: usize = (0..m.cases.len()).map(|r| m.row_total(r)).sum();
    assert_eq!(total, coded);
    // Each case alone opens on a family it has codings in (not always the first family).
    let mut not_first = 0;
    for case in &cases {
        let one = [*case];
        let fam = default_family(&book, fw, &one, None).unwrap();
        let m = build_with(&book, fw, &one, None, &fam);
        if case_units(fw, case, None)
            .iter()
            .any(|u| !u.codes.is_empty())
        {
            assert!(m.row_total(0) > 0, "{} opens on {fam}", case.id);
        }
        not_first += usize::from(fam != book.families()[0].id);
    }
    assert!(
        not_first > 0,
        "some case has no codings in the first family"
    );
}

#[test]
fn units_where_keeps_exactly_the_units_whose_codes_pass() {
    let lib = Library::bundled();
    let notes: NotesFile =
        serde_json::from_str(include_str!("../../../cases/examples/lecture.notes.json"))
            .expect("the sample notes");
    let mut tried = 0;
    for entry in &lib.cases {
        let case = &entry.doc;
        let fw = lib.framework(&case.framework).unwrap();
        let every = case_units(fw, case, Some(&notes));
        let codes: std::collections::BTreeSet<&str> = every
            .iter()
            .flat_map(|u| u.codes.iter().map(String::as_str))
            .collect();
        for code in codes {
            let kept = case_units_where(fw, case, Some(&notes), |c| c.contains(&code));
            let filtered: Vec<&Unit> = every
                .iter()
                .filter(|u| u.codes.iter().any(|c| c == code))
                .collect();
            assert_eq!(
                kept.iter().collect::<Vec<_>>(),
                filtered,
                "{} {code}",
                case.id
            );
            tried += 1;
        }
        assert!(case_units_where(fw, case, Some(&notes), |_| false).is_empty());
    }
    assert!(tried > 20, "the bundled cases carry codes ({tried})");
}
