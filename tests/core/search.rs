//! `caselens search` through the real binary: text and JSON output, typos, phrases, notes,
//! --library folders, "no match" and usage errors.

use caselens::search::{Place, fold::fold};

use crate::util::{bundled, project};
use crate::util::{caselens, text};

#[test]
fn a_typo_finds_alliances_as_text_lines_grouped_by_case() {
    let o = caselens(&["search", "allaince"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 5, "{out}");
    assert!(lines.iter().all(|l| l.split("  ").count() >= 3), "{out}");
    assert!(out.to_lowercase().contains("[allian"), "{out}");
    let order: Vec<String> = bundled().cases.iter().map(|c| c.doc.id.clone()).collect();
    let mut seen: Vec<&str> = lines.iter().filter_map(|l| l.split("  ").next()).collect();
    seen.dedup();
    let positions: Vec<usize> = seen
        .iter()
        .map(|id| order.iter().position(|o| o == id).expect("a bundled case"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
}

#[test]
fn json_ranges_slice_the_raw_paragraph_text() {
    let o = caselens(&["search", "\"Application Service\"", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let lib = bundled();
    let mut paragraphs = 0;
    for case in v["cases"].as_array().expect("cases") {
        let doc = lib.case(case["case"].as_str().expect("id")).expect("case");
        for hit in case["hits"].as_array().expect("hits") {
            assert!(hit["snippet"]["text"].is_string() && hit["snippet"]["mark"].is_object());
            let place: Place = match hit["place"]["kind"].as_str() {
                Some("paragraph") => Place::Paragraph {
                    section: hit["place"]["section"].as_str().expect("s").into(),
                    paragraph: hit["place"]["paragraph"].as_str().expect("p").into(),
                },
                _ => continue,
            };
            let Place::Paragraph { section, paragraph } = place else {
                continue;
            };
            let p = doc
                .sections
                .iter()
                .find(|s| s.id == section)
                .and_then(|s| s.paragraphs.iter().find(|p| p.id == paragraph))
                .expect("the paragraph");
            let (a, b) = (hit["range"]["start"].as_u64(), hit["range"]["end"].as_u64());
            let (a, b) = (a.expect("start") as usize, b.expect("end") as usize);
            let slice: String = p.text.chars().skip(a).take(b - a).collect();
            assert_eq!(fold(&slice), "application service", "{slice:?}");
            paragraphs += 1;
        }
    }
    assert!(paragraphs > 0, "{v}");
}

#[test]
fn notes_and_library_folders_are_searched() {
    let dir = tempfile::tempdir().expect("test setup");
    let mut notes = caselens::format::empty_notes(None);
    notes.items.push(
        serde_json::from_value(serde_json::json!({
            "id": "6f1c2f0e-8c43-4b8e-9f0a-3c1d2e4f5a6b", "kind": "memo", "case": "company-a",
            "text": "Ask the class about the quokka clause",
            "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"
        }))
        .expect("an item"),
    );
    let path = dir.path().join("my.notes.json");
    caselens::notes::store::save(&path, &notes, None).expect("test setup");
    let o = caselens(&["search", "QUOKKA", "--notes", path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout).trim(),
        "company-a  note:6f1c2f0e-8c43-4b8e-9f0a-3c1d2e4f5a6b  Ask the class about the [quokka] clause"
    );
    let folder = project("tests/fixtures/other-course");
    let o = caselens(&[
        "search",
        "acme",
        "--library",
        folder.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("  title  [Acme] Hosting"));
}

#[test]
fn no_match_exits_1_and_usage_errors_exit_2() {
    let o = caselens(&["search", "\"qqq zzz\""]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(text(&o.stderr).trim(), "no match");
    assert_eq!(caselens(&["search"]).status.code(), Some(2));
    assert_eq!(caselens(&["search", "\"\""]).status.code(), Some(2));
    assert_eq!(
        caselens(&["search", "asp", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
}
