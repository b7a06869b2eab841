//! Semantic checks, one test per kind of broken reference.

use super::*;
use crate::format::{Case, Framework};
use crate::format::{Document, parse};

const FRAMEWORK: &str = r##"{
  "format": "caselens/framework@1", "id": "fw", "title": "FW",
  "groups": [{"id": "g", "title": "G", "dimensions": [
    {"id": "founded", "label": "Founded", "kind": "year"},
    {"id": "pricing", "label": "Pricing", "kind": "choice", "options": ["fixed monthly fee", "licence"]},
    {"id": "rationale", "label": "Rationale", "kind": "codes", "family": "RAT"},
    {"id": "asp", "label": "ASP", "kind": "bool"},
    {"id": "verticals", "label": "Verticals", "kind": "list"}
  ]}],
  "codes": [
    {"id": "RAT", "label": "Rationale"},
    {"id": "RAT.market-access", "parent": "RAT", "label": "Market access", "color": "#3b82f6"},
    {"id": "TYPE", "label": "Types"},
    {"id": "TYPE.marketing", "parent": "TYPE", "label": "Marketing"}
  ]
}"##;

fn framework(text: &str) -> Framework {
    match parse("fw.framework.json", text.as_bytes(), None).unwrap().0 {
        Document::Framework(f) => *f,
        _ => unreachable!(),
    }
}

fn case(facets: &str, extra: &str) -> Case {
    let text = format!(
        r#"{{"format": "caselens/case@1", "id": "c", "title": "C", "framework": "fw",
        "meta": {{"sources": [{{"id": "s1", "citation": "x"}}]}},
        "sections": [{{"id": "bg", "title": "B", "paragraphs": [{{"id": "p1", "text": "Founded in 1999 in Europe."}}]}}],
        "facets": {{{facets}}} {extra}}}"#
    );
    match parse("c.case.json", text.as_bytes(), None).unwrap().0 {
        Document::Case(c) => *c,
        _ => unreachable!(),
    }
}

fn messages(case: &Case) -> Vec<String> {
    let fw = framework(FRAMEWORK);
    check_case(case, Some(&fw), &["fw"])
        .into_iter()
        .map(|i| i.message)
        .collect()
}

#[test]
fn good_case_has_no_issues() {
    let c = case(
        r#""founded": {"value": 1999, "evidence": [{"ref": "bg/p1", "quote": "Founded in 1999"}]},
           "pricing": {"unknown": "not stated"},
           "rationale": {"value": ["RAT.market-access"], "evidence": [{"source": "s1"}]}"#,
        "",
    );
    assert_eq!(messages(&c), Vec::<String>::new());
    assert!(check_framework(&framework(FRAMEWORK)).is_empty());
}

#[test]
fn every_broken_reference_is_reported_not_only_the_first() {
    let c = case(
        r#""founded": {"value": "1999", "evidence": [{"ref": "bg/p9"}]},
           "pricing": {"value": "free", "evidence": [{"ref": "bg/p1", "quote": "Founded in 2000"}]},
           "rationale": {"value": ["TYPE.marketing", "RAT.nope"], "evidence": [{"source": "s2"}]},
           "asp": {"value": true},
           "verticals": {"value": ["a", 3], "evidence": [{"ref": "bg/p1", "source": "s1"}]},
           "nonsense": {"unknown": "x"}"#,
        r#", "alliances": [{"id": "A1", "partner": "P", "types": ["TYPE.nope"], "phase": "PHASE.x"}],
           "questions": [{"id": "q1", "text": "?"}, {"id": "q1", "text": "?"}]"#,
    );
    let m = messages(&c).join("\n");
    for expected in [
        "its value must be an integer year",
        "ref \"bg/p9\" does not name a paragraph",
        "\"free\" is not an option of \"pricing\"",
        "quote \"Founded in 2000\" does not occur in paragraph bg/p1",
        "code \"TYPE.marketing\" is not in family \"RAT\"",
        "code \"RAT.nope\" does not exist",
        "source \"s2\" is referenced but not listed",
        "a facet with a value needs at least one piece of evidence",
        "items of list dimension \"verticals\" must be strings",
        "either {\"ref\": ...} or {\"source\": ...}",
        "\"nonsense\" is not a dimension of framework \"fw\"",
        "alliance id \"A1\" is not valid",
        "code \"TYPE.nope\" does not exist",
        "code \"PHASE.x\" does not exist",
        "duplicate question id \"q1\"",
    ] {
        assert!(m.contains(expected), "missing {expected:?} in:\n{m}");
    }
}

#[test]
fn facet_shape_errors() {
    let c = case(
        r#""founded": {"value": 1999, "unknown": "x", "evidence": [{"source": "s1"}]}, "asp": {}, "pricing": {"unknown": " "}"#,
        "",
    );
    let m = messages(&c).join("\n");
    assert!(m.contains("not both"));
    assert!(m.contains("needs `value`"));
    assert!(m.contains("reason is empty"));
    let c = case(
        r#""founded": {"value": null, "evidence": [{"source": "s1"}]}"#,
        "",
    );
    assert!(messages(&c).join("\n").contains("integer year"));
}

#[test]
fn bound_only_on_number_or_year_values() {
    let c = case(
        r#""founded": {"value": 1999, "bound": "at-least", "evidence": [{"ref": "bg/p1", "quote": "Founded in 1999"}]}"#,
        "",
    );
    assert_eq!(messages(&c), Vec::<String>::new());
    let c = case(
        r#""founded": {"unknown": "not stated", "bound": "about"},
           "asp": {"value": true, "bound": "at-most", "evidence": [{"source": "s1"}]}"#,
        "",
    );
    let m = messages(&c).join("\n");
    for expected in [
        "a facet without a value has no bound",
        "only number and year dimensions take a `bound`; \"asp\" is of kind bool",
    ] {
        assert!(m.contains(expected), "missing {expected:?} in:\n{m}");
    }
    assert_eq!(messages(&c).len(), 2, "{m}");
    let bad = r#""founded": {"value": 1999, "bound": "roughly", "evidence": [{"source": "s1"}]}"#;
    let text = format!(
        r#"{{"format": "caselens/case@1", "id": "c", "title": "C", "framework": "fw",
        "meta": {{"sources": [{{"id": "s1", "citation": "x"}}]}},
        "sections": [{{"id": "bg", "title": "B", "paragraphs": [{{"id": "p1", "text": "x"}}]}}],
        "facets": {{{bad}}}}}"#
    );
    assert!(parse("c.case.json", text.as_bytes(), None).is_err());
    assert_eq!(crate::format::case::Bound::AtLeast.words(), "at least");
    assert_eq!(crate::format::case::Bound::AtMost.words(), "at most");
    assert_eq!(crate::format::case::Bound::About.words(), "about");
}

#[test]
fn unknown_framework_lists_loaded_ones() {
    let c = case("", "");
    let issues = check_case(&c, None, &["asp-alliances"]);
    assert_eq!(issues.len(), 1);
    assert_eq!(
        issues[0].message,
        "unknown framework \"fw\" (loaded frameworks: asp-alliances)"
    );
    assert_eq!(issues[0].pointer, "/framework");
}

#[test]
fn framework_checks() {
    let broken = FRAMEWORK
        .replace(r#"{"id": "asp", "label": "ASP", "kind": "bool"}"#, r#"{"id": "founded", "label": "Again", "kind": "bool", "options": ["x"]}"#)
        .replace(r##""parent": "RAT", "label": "Market access", "color": "#3b82f6""##, r#""parent": "TYPE", "label": "M", "color": "blue""#)
        .replace(r#"{"id": "TYPE.marketing", "parent": "TYPE", "label": "Marketing"}"#, r#"{"id": "TYPE.marketing", "parent": "NOPE", "label": "Marketing"}, {"id": "X.y", "label": "orphan"}"#)
        .replace(r#""options": ["fixed monthly fee", "licence"]"#, r#""options": []"#)
        .replace(r#""family": "RAT""#, r#""family": "FAM""#);
    let m: Vec<String> = check_framework(&framework(&broken))
        .into_iter()
        .map(|i| i.message)
        .collect();
    let m = m.join("\n");
    for expected in [
        "duplicate dimension id \"founded\"",
        "only choice dimensions have `options`",
        "is a choice but lists no `options`",
        "family \"FAM\" is not a code",
        "parent of \"RAT.market-access\" must be \"RAT\"",
        "color \"blue\" is not of the form #rrggbb",
        "parent code \"NOPE\" does not exist",
        "code \"X.y\" needs its parent code \"X\"",
    ] {
        assert!(m.contains(expected), "missing {expected:?} in:\n{m}");
    }
}

#[test]
fn notes_checks() {
    let text = r#"{"format": "caselens/notes@1", "created": "yesterday",
      "codes": [{"id": "trust", "label": "Trust"}],
      "items": [
        {"id": "x", "kind": "highlight", "case": "c", "created": "2026-11-23T09:00:00Z", "modified": "2026-11-23T09:00:00Z"},
        {"id": "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11", "kind": "memo", "case": null, "target": {"dimension": "d"},
         "codes": ["USER.missing"], "created": "2026-11-23T09:00:00Z", "modified": "2026-11-23T09:00:00+01:00"}
      ],
      "lessons": [{"id": "w1", "title": "W", "steps": [{"view": "slides"}, {"view": "alliances"}, {"view": "case", "reveal": true},
        {"view": "class"}, {"view": "class", "cases": ["c"]}]}]}"#;
    let Document::Notes(n) = parse("n.notes.json", text.as_bytes(), None).unwrap().0 else {
        panic!()
    };
    let m: Vec<String> = check_notes(&n).into_iter().map(|i| i.message).collect();
    let m = m.join("\n");
    for expected in [
        "must start with `USER.`",
        "is not an RFC 3339 time",
        "item id \"x\" is not a UUID",
        "a highlight needs a target",
        "a memo has no target",
        "user code \"USER.missing\" is not defined",
        "view \"slides\" is not one of case, compare, matrix, alliances, class",
        "only a compare step reveals its rows one at a time",
        "a class step shows one case: give its id in cases (found 0)",
    ] {
        assert!(m.contains(expected), "missing {expected:?} in:\n{m}");
    }
    assert!(!m.contains("\"alliances\""), "alliances is a view: {m}");
    assert!(!m.contains("view \"class\""), "class is a view: {m}");
    assert!(
        !m.contains("(found 1)"),
        "one case is what a class step needs: {m}"
    );
}

#[test]
fn timestamps() {
    assert!(is_timestamp("2026-11-23T09:00:00Z"));
    assert!(is_timestamp("2026-11-23T09:00:00.123+01:00"));
    assert!(!is_timestamp("2026-11-23"));
    assert!(!is_timestamp("2026-11-23T09:00:00"));
}

#[test]
fn answer_targets_a_question() {
    let item = |id: &str, target: &str| {
        format!(
            r#"{{"id": "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a{id}", "kind": "note", "case": "c",
              "target": {target}, "text": "t",
              "created": "2026-11-23T09:00:00Z", "modified": "2026-11-23T09:00:00Z"}}"#
        )
    };
    let items = [
        item("11", r#"{"question": "q1"}"#),
        item("12", r#"{"dimension": "d"}"#),
        item("13", r#"{"question": "q1", "dimension": "d"}"#),
        item("14", r#"{"question": "q1", "paragraph": "s/p1"}"#),
    ];
    let text = format!(
        r#"{{"format": "caselens/notes@1", "items": [{}]}}"#,
        items.join(",")
    );
    let Document::Notes(n) = parse("n.notes.json", text.as_bytes(), None).unwrap().0 else {
        panic!()
    };
    assert_eq!(
        n.items[0].target.as_ref().unwrap().question.as_deref(),
        Some("q1")
    );
    let at: Vec<String> = check_notes(&n).into_iter().map(|i| i.pointer).collect();
    assert_eq!(
        at,
        ["/items/2/target", "/items/3/target"],
        "only the mixed targets"
    );
}
