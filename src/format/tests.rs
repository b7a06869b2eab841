//! Parser tests: every kind of bad input gives a placed, readable message and never panics.

use super::*;

const MINIMAL_CASE: &str = r#"{
  "format": "caselens/case@1",
  "id": "tiny",
  "title": "Tiny",
  "framework": "fw",
  "meta": {"sources": [{"id": "s1", "citation": "A source"}]},
  "sections": [{"id": "bg", "title": "Background", "paragraphs": [{"id": "p1", "text": "Founded in 1999."}]}]
}"#;

fn parse_err(text: &[u8]) -> Vec<Diagnostic> {
    parse("f.case.json", text, Some(DocKind::Case)).expect_err("must fail")
}

fn one(text: &[u8]) -> Diagnostic {
    let d = parse_err(text);
    assert_eq!(d.len(), 1, "{d:?}");
    d.into_iter().next().unwrap()
}

#[test]
fn minimal_case_parses() {
    let (doc, _) = parse("f.case.json", MINIMAL_CASE.as_bytes(), None).unwrap();
    assert!(matches!(doc, Document::Case(c) if c.id == "tiny"));
}

#[test]
fn bom_is_accepted() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(MINIMAL_CASE.as_bytes());
    assert!(parse("f.case.json", &bytes, None).is_ok());
}

#[test]
fn truncated_json_is_placed() {
    let cut = &MINIMAL_CASE[..MINIMAL_CASE.len() / 2];
    let d = one(cut.as_bytes());
    assert!(d.message.contains("truncated"), "{}", d.message);
    assert!(d.line.is_some() && d.column.is_some());
}

#[test]
fn not_json_empty_and_non_object() {
    assert!(one(b"hello").message.contains("not valid JSON"));
    assert!(one(b"").message.contains("empty"));
    assert!(one(b"  \n ").message.contains("empty"));
    assert!(one(b"[1, 2]").message.contains("JSON object"));
}

#[test]
fn invalid_utf8_is_placed() {
    let d = one(b"{\n  \"id\": \"a\xff\"}");
    assert!(d.message.contains("UTF-8"));
    assert_eq!((d.line, d.column), (Some(2), Some(11)));
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = one(text.as_bytes());
    assert!(d.message.contains("nested too deeply"), "{}", d.message);
    let obj = format!(
        "{{\"format\": \"caselens/case@1\", \"x-deep\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(one(obj.as_bytes()).message.contains("nested too deeply"));
}

#[test]
fn wrong_type_is_placed_at_the_value() {
    let text = MINIMAL_CASE.replace("\"title\": \"Tiny\"", "\"title\": 42");
    let d = one(text.as_bytes());
    assert!(d.message.contains("invalid type"), "{}", d.message);
    assert_eq!((d.line, d.column), (Some(4), Some(12)));
}

#[test]
fn unknown_key_is_placed_at_the_key() {
    let text = MINIMAL_CASE.replace("\"id\": \"s1\"", "\"id\": \"s1\", \"cite\": 1");
    let d = one(text.as_bytes());
    assert!(d.message.contains("unknown field `cite`"), "{}", d.message);
    assert_eq!(d.line, Some(6));
    assert_eq!(d.column, Some(37));
}

#[test]
fn top_level_unknown_key_mentions_extensions_and_x_keys_round_trip() {
    let text = MINIMAL_CASE.replacen('{', "{\n  \"colour\": 1,", 1);
    assert!(one(text.as_bytes()).message.contains("x-"));
    let text = MINIMAL_CASE.replacen('{', "{\n  \"x-course\": {\"week\": 3},", 1);
    let (doc, _) = parse("f.case.json", text.as_bytes(), None).unwrap();
    let Document::Case(case) = doc else { panic!() };
    assert_eq!(case.extensions["x-course"]["week"], 3);
    let out = to_json_pretty(&*case, &case.extensions).unwrap();
    let (again, _) = parse("f.case.json", out.as_bytes(), None).unwrap();
    assert_eq!(again, Document::Case(case));
}

#[test]
fn newer_version_and_unknown_format() {
    let text = MINIMAL_CASE.replace("case@1", "case@2");
    assert!(
        one(text.as_bytes())
            .message
            .contains("this file was written by a newer Caselens (case@2)")
    );
    let text = MINIMAL_CASE.replace("caselens/case@1", "other/thing");
    assert!(one(text.as_bytes()).message.contains("unknown format"));
}

#[test]
fn missing_required_field() {
    let text = MINIMAL_CASE.replace("\"title\": \"Tiny\",", "");
    let d = one(text.as_bytes());
    assert!(d.message.contains("missing field `title`"), "{}", d.message);
    assert_eq!(d.line, Some(1));
}

#[test]
fn duplicate_keys_are_reported() {
    let text = MINIMAL_CASE.replace(
        "\"title\": \"Tiny\",",
        "\"title\": \"Tiny\",\n  \"title\": \"Again\",",
    );
    let d = parse_err(text.as_bytes());
    assert!(
        d.iter()
            .any(|d| d.message.contains("duplicate key `title`") && d.line == Some(5))
    );
}

#[test]
fn display_is_path_line_col_message() {
    let d = Diagnostic::new("a/b.case.json", Some(Pos { line: 3, column: 7 }), "bad");
    assert_eq!(d.to_string(), "a/b.case.json:3:7: bad");
    assert_eq!(Diagnostic::new("x", None, "m").to_string(), "x: m");
}

#[test]
fn id_syntax() {
    assert!(is_valid_id("company-a") && is_valid_id("a1.b_c") && is_valid_id("0"));
    assert!(
        !is_valid_id("")
            && !is_valid_id("Company")
            && !is_valid_id("-a")
            && !is_valid_id(&"a".repeat(65))
    );
    assert!(
        is_valid_code_id("RAT.market-access")
            && !is_valid_code_id("RAT..x")
            && !is_valid_code_id("RAT.a b")
    );
    assert!(is_valid_color("#3b82f6") && !is_valid_color("3b82f6") && !is_valid_color("#3b82fg"));
    assert!(is_valid_uuid("0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11") && !is_valid_uuid("0f8c1a3e"));
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(None))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse("f.case.json", &bytes, None);
        }

        #[test]
        fn corrupting_a_valid_case_never_panics(at in 0usize..400, byte in any::<u8>()) {
            let mut bytes = MINIMAL_CASE.as_bytes().to_vec();
            let i = at % bytes.len();
            bytes[i] = byte;
            if let Err(ds) = parse("f.case.json", &bytes, None) {
                prop_assert!(!ds.is_empty());
            }
        }
    }
}

/// Every list of a case read the usual way is as long as its room, and the case is the one
/// serde reads (and writes back the same JSON).
#[test]
fn a_parsed_case_keeps_no_spare_room_and_is_unchanged() {
    for (name, text) in crate::library::bundled_files()
        .iter()
        .filter(|(n, _)| n.ends_with(".case.json"))
    {
        let (doc, _) = parse(name, text.as_bytes(), None).expect("valid");
        let Document::Case(case) = doc else {
            panic!("{name} is a case")
        };
        let plain: Case = serde_json::from_str(text).expect("typed");
        assert_eq!(*case, plain, "{name}");
        assert_eq!(
            to_json_pretty(&*case, &case.extensions).expect("JSON"),
            to_json_pretty(&plain, &plain.extensions).expect("JSON"),
            "{name}"
        );
        let tight = |cap: usize, len: usize| cap == len;
        assert!(
            tight(case.sections.capacity(), case.sections.len()),
            "{name}"
        );
        assert!(
            case.sections
                .iter()
                .all(|s| tight(s.paragraphs.capacity(), s.paragraphs.len())),
            "{name}"
        );
        assert!(
            case.facets
                .values()
                .all(|f| tight(f.evidence.capacity(), f.evidence.len())),
            "{name}"
        );
        assert!(
            case.alliances
                .iter()
                .all(|a| tight(a.evidence.capacity(), a.evidence.len())),
            "{name}"
        );
        assert!(
            plain
                .facets
                .values()
                .any(|f| f.evidence.capacity() > f.evidence.len()),
            "{name}: read without shrinking, some list has spare room (else this test proves nothing)"
        );
    }
}
