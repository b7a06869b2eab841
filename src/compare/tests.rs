//! Relation and sharing semantics, per kind.

use super::*;
use crate::format::{Document, parse};

const FW: &str = r#"{"format": "caselens/framework@1", "id": "fw", "title": "FW",
  "groups": [{"id": "g", "title": "G", "dimensions": [
    {"id": "t", "label": "Text", "kind": "text"},
    {"id": "n", "label": "Number", "kind": "number"},
    {"id": "y", "label": "Year", "kind": "year"},
    {"id": "b", "label": "Bool", "kind": "bool"},
    {"id": "l", "label": "List", "kind": "list"},
    {"id": "c", "label": "Codes", "kind": "codes"},
    {"id": "ch", "label": "Choice", "kind": "choice", "options": ["x", "y"]}
  ]}],
  "codes": [{"id": "R", "label": "R"}, {"id": "R.a", "parent": "R", "label": "A"}, {"id": "R.b", "parent": "R", "label": "B"}]}"#;

fn fw() -> Framework {
    match parse("fw.framework.json", FW.as_bytes(), None).unwrap().0 {
        Document::Framework(f) => *f,
        _ => unreachable!(),
    }
}

fn case(id: &str, facets: &str) -> Case {
    let text = format!(
        r#"{{"format": "caselens/case@1", "id": "{id}", "title": "Case {id}", "framework": "fw",
        "meta": {{"sources": [{{"id": "s", "citation": "c"}}]}},
        "sections": [{{"id": "a", "title": "A", "paragraphs": [{{"id": "p1", "text": "x"}}]}}],
        "facets": {{{facets}}}}}"#
    );
    match parse("c.case.json", text.as_bytes(), None).unwrap().0 {
        Document::Case(c) => *c,
        _ => unreachable!(),
    }
}

fn v(value: &str) -> String {
    format!(r#"{{"value": {value}, "evidence": [{{"source": "s"}}]}}"#)
}

fn row_of<'a>(cmp: &'a Comparison, dim: &str) -> &'a Row {
    cmp.rows().find(|r| r.dimension == dim).unwrap()
}

#[test]
fn text_is_equal_after_trimming_and_case_folding() {
    let a = case("a", &format!(r#""t": {}"#, v(r#""  Fixed Monthly Fee ""#)));
    let b = case("b", &format!(r#""t": {}"#, v(r#""fixed monthly fee""#)));
    let cmp = compare(&fw(), &[&a, &b], None).unwrap();
    assert_eq!(row_of(&cmp, "t").relation, Relation::Same);
    assert!(row_of(&cmp, "t").cells.iter().all(|c| c.items[0].shared));
}

#[test]
fn numbers_and_years_compare_exactly() {
    let a = case("a", &format!(r#""n": {}, "y": {}"#, v("100"), v("1999")));
    let b = case("b", &format!(r#""n": {}, "y": {}"#, v("100.0"), v("2000")));
    let cmp = compare(&fw(), &[&a, &b], None).unwrap();
    assert_eq!(row_of(&cmp, "n").relation, Relation::Same);
    assert_eq!(row_of(&cmp, "y").relation, Relation::Different);
    assert!(!row_of(&cmp, "y").cells[0].items[0].shared);
}

#[test]
fn lists_and_codes_are_sets_and_cells_mark_shared_items() {
    let a = case(
        "a",
        &format!(
            r#""l": {}, "c": {}"#,
            v(r#"["Retail", "Finance"]"#),
            v(r#"["R.a", "R.b"]"#)
        ),
    );
    let b = case(
        "b",
        &format!(
            r#""l": {}, "c": {}"#,
            v(r#"["finance ", "retail"]"#),
            v(r#"["R.b"]"#)
        ),
    );
    let c = case(
        "c",
        &format!(r#""l": {}, "c": {}"#, v(r#"["Health"]"#), v(r#"["R.b"]"#)),
    );
    let cmp = compare(&fw(), &[&a, &b], None).unwrap();
    assert_eq!(
        row_of(&cmp, "l").relation,
        Relation::Same,
        "order and case do not matter"
    );
    let cmp = compare(&fw(), &[&a, &b, &c], None).unwrap();
    assert_eq!(row_of(&cmp, "l").relation, Relation::PartlyShared);
    let codes = row_of(&cmp, "c");
    assert_eq!(codes.relation, Relation::PartlyShared);
    let marks: Vec<(&str, bool)> = codes.cells[0]
        .items
        .iter()
        .map(|i| (i.text.as_str(), i.shared))
        .collect();
    assert_eq!(marks, vec![("R.a", false), ("R.b", true)]);
    assert!(codes.cells[2].items[0].shared);
    assert!(!row_of(&cmp, "l").cells[2].items[0].shared);
}

#[test]
fn unknown_and_not_covered_are_not_values() {
    let a = case(
        "a",
        &format!(r#""b": {}, "ch": {{"unknown": "silent"}}"#, v("true")),
    );
    let b = case(
        "b",
        &format!(r#""b": {}, "ch": {{"unknown": "silent"}}"#, v("true")),
    );
    let c = case("c", r#""ch": {"unknown": "silent"}"#);
    let cmp = compare(&fw(), &[&a, &b, &c], None).unwrap();
    let bools = row_of(&cmp, "b");
    assert_eq!(
        bools.relation,
        Relation::KnownForSome,
        "two agree, one is not covered: nothing differs"
    );
    assert_eq!(bools.known, 2);
    assert_eq!(bools.cells[2].state, CellState::NotCovered);
    let choice = row_of(&cmp, "ch");
    assert_eq!(choice.relation, Relation::UnknownForAll);
    assert_eq!(choice.cells[0].state, CellState::Unknown);
    assert_eq!(choice.cells[0].unknown.as_deref(), Some("silent"));
    assert!(!Relation::UnknownForAll.is_difference() && !Relation::Same.is_difference());
    assert!(!Relation::KnownForSome.is_difference());
    assert!(Relation::Different.is_difference() && Relation::PartlyShared.is_difference());
}

#[test]
fn a_value_against_unknown_is_not_a_difference_but_two_known_values_are() {
    // Company A founded 1999, Company B unknown: the material is silent, not different.
    let a = case("a", &format!(r#""y": {}"#, v("1999")));
    let b = case("b", r#""y": {"unknown": "silent"}"#);
    let c = case("c", &format!(r#""y": {}"#, v("2000")));
    let cmp = compare(&fw(), &[&a, &b], None).unwrap();
    let row = row_of(&cmp, "y");
    assert_eq!(row.relation, Relation::KnownForSome);
    let diff = RowFilter {
        differences_only: true,
        with_partly_known: false,
    };
    assert!(!diff.keeps(row), "differences only hides it");
    let with_some = RowFilter {
        with_partly_known: true,
        ..diff
    };
    assert!(with_some.keeps(row), "the second toggle adds it");
    assert!(RowFilter::default().keeps(row));
    let cmp = compare(&fw(), &[&a, &b, &c], None).unwrap();
    let row = row_of(&cmp, "y");
    assert_eq!(
        row.relation,
        Relation::Different,
        "1999 vs 2000, one silent"
    );
    assert_eq!(row.known, 2);
    assert!(diff.keeps(row));
}

#[test]
fn mixed_frameworks_and_empty_selection_are_errors() {
    let a = case("a", "");
    let mut b = case("b", "");
    b.framework = "other".into();
    let err = compare(&fw(), &[&a, &b], None).unwrap_err();
    assert!(err.to_string().contains("different frameworks"));
    assert_eq!(
        compare(&fw(), &[], None).unwrap_err(),
        CompareError::NoCases
    );
}

#[test]
fn cell_notes_are_counted_and_tombstones_ignored() {
    let a = case("a", "");
    let notes: NotesFile = serde_json::from_str(
        r#"{"format": "caselens/notes@1", "items": [
        {"id": "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11", "kind": "note", "case": "a", "target": {"dimension": "t"},
         "created": "2026-11-23T09:00:00Z", "modified": "2026-11-23T09:00:00Z"},
        {"id": "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a12", "kind": "note", "case": "a", "target": {"dimension": "t"},
         "created": "2026-11-23T09:00:00Z", "modified": "2026-11-23T09:00:00Z", "deleted": true}]}"#,
    )
    .unwrap();
    let cmp = compare(&fw(), &[&a], Some(&notes)).unwrap();
    assert_eq!(row_of(&cmp, "t").cells[0].notes, 1);
    assert_eq!(
        row_of(&cmp, "t").cells[0].note_items[0].id,
        "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11",
        "the live note, not the tombstone"
    );
    assert_eq!(row_of(&cmp, "n").cells[0].notes, 0);
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(None))]
        /// Relation is symmetric in case order, and AllEqual iff every key set is the same.
        #[test]
        fn relation_ignores_order(sets in proptest::collection::vec(proptest::option::of(proptest::collection::btree_set("[a-c]", 0..3)), 1..6)) {
            let mut reversed = sets.clone();
            reversed.reverse();
            prop_assert_eq!(relation(&sets), relation(&reversed));
            let all_same = sets.iter().all(|s| s.is_some() && s == &sets[0]);
            prop_assert_eq!(relation(&sets) == Relation::Same, all_same);
        }

        /// Silent cases never make a difference: the rows "differences only" keeps depend on
        /// the known values alone.
        #[test]
        fn silent_cases_never_make_a_difference(sets in proptest::collection::vec(proptest::option::of(proptest::collection::btree_set("[a-c]", 0..3)), 1..6)) {
            let known: Vec<_> = sets.iter().flatten().cloned().map(Some).collect();
            prop_assert_eq!(relation(&sets).is_difference(), relation(&known).is_difference());
            if known.is_empty() {
                prop_assert_eq!(relation(&sets), Relation::UnknownForAll);
            }
        }
    }
}

#[test]
fn one_rule_set_turns_ids_into_a_comparison() {
    let lib = crate::library::Library::load(&crate::library::LoadRequest {
        bundled: crate::library::Bundled::All,
        paths: vec![],
    });
    let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        compare_ids(&lib, &[], None).unwrap_err(),
        SelectError::NoCases
    );
    let all: Vec<String> = lib.cases.iter().map(|c| c.doc.id.clone()).collect();
    assert!(
        all.len() > MAX_COMPARE,
        "the bundled corpus has more cases than the limit"
    );
    assert_eq!(
        compare_ids(&lib, &all, None).unwrap_err(),
        SelectError::TooMany(all.len())
    );
    let err = compare_ids(&lib, &ids(&["company-a", "nope"]), None).unwrap_err();
    assert!(
        matches!(&err, SelectError::UnknownCase { id, loaded } if id == "nope" && loaded.contains("company-b"))
    );
    assert!(
        err.to_string().starts_with("no case with id \"nope\""),
        "{err}"
    );
    assert_eq!(
        compare_ids(&lib, &ids(&["company-a", "company-a"]), None).unwrap_err(),
        SelectError::Duplicate("company-a".into())
    );
    let cmp = compare_ids(&lib, &ids(&["company-b", "company-a"]), None).unwrap();
    let order: Vec<&str> = cmp.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        order,
        ["company-b", "company-a"],
        "columns in the order asked for"
    );
}

#[test]
fn a_bound_is_shown_in_words_and_is_not_equal_to_an_exact_value() {
    let bounded = r#""n": {"value": 100, "bound": "at-least", "evidence": [{"source": "s"}]}"#;
    let a = case("a", bounded);
    let b = case("b", &format!(r#""n": {}"#, v("100")));
    let c = case("c", bounded);
    let cmp = compare(&fw(), &[&a, &b], None).unwrap();
    let row = row_of(&cmp, "n");
    assert_eq!(row.cells[0].items[0].text, "at least 100");
    assert_eq!(row.cells[1].items[0].text, "100");
    assert_eq!(
        row.relation,
        Relation::Different,
        "more than 100 is not 100"
    );
    let cmp = compare(&fw(), &[&a, &c], None).unwrap();
    assert_eq!(row_of(&cmp, "n").relation, Relation::Same);
}

#[test]
fn cell_notes_go_to_their_own_case_and_dimension_oldest_first() {
    let (a, b) = (case("a", ""), case("b", ""));
    let item = |n: u8, kind: &str, case: &str, dim: &str, text: &str| {
        format!(
            r#"{{"id": "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a{n:02}", "kind": "{kind}", "case": "{case}",
             "target": {{"dimension": "{dim}"}}, "text": "{text}",
             "created": "2026-11-23T09:00:00Z", "modified": "2026-11-23T09:00:00Z"}}"#
        )
    };
    let items = [
        item(1, "note", "b", "t", "b first"),
        item(2, "note", "a", "t", "a on t"),
        item(3, "memo", "a", "t", "a memo is not a cell note"),
        item(4, "note", "c", "t", "a case not compared"),
        item(5, "note", "b", "t", "b second"),
        item(6, "note", "b", "n", "b on n"),
    ];
    let notes: NotesFile = serde_json::from_str(&format!(
        r#"{{"format": "caselens/notes@1", "items": [{}]}}"#,
        items.join(",")
    ))
    .unwrap();
    let cmp = compare(&fw(), &[&a, &b], Some(&notes)).unwrap();
    let texts = |dim: &str, col: usize| -> Vec<String> {
        row_of(&cmp, dim).cells[col]
            .note_items
            .iter()
            .map(|n| n.text.clone())
            .collect()
    };
    assert_eq!(texts("t", 0), ["a on t"]);
    assert_eq!(texts("t", 1), ["b first", "b second"]);
    assert_eq!(texts("n", 1), ["b on n"]);
    assert!(texts("n", 0).is_empty());
    assert_eq!(row_of(&cmp, "t").cells[1].notes, 2);
}
