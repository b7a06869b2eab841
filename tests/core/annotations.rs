//! `caselens export annotations` through the real binary: W3C Web Annotations (JSON-LD) whose
//! selectors point at the highlighted text of the paragraph as a reader sees it.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{caselens, stderr};
use caselens::notes::anchor::new_anchor;
use serde_json::{Value, json};

/// A paragraph with Markdown, a combining accent, an emoji ZWJ sequence and a list line.
const RAW: &str =
    "**Cafe\u{301}** met 👩\u{200d}👩\u{200d}👧 *naïve* 🙂 buyers.\n- e\u{301}te\u{301} deals";

/// [`RAW`] as the reader shows it, written out by hand (markup removed, `•` and two spaces
/// for the list marker).
const PLAIN: &str =
    "Cafe\u{301} met 👩\u{200d}👩\u{200d}👧 naïve 🙂 buyers.\n•  e\u{301}te\u{301} deals";

/// Char range of `needle` in `haystack`.
fn find(haystack: &str, needle: &str) -> (usize, usize) {
    let (h, n): (Vec<char>, Vec<char>) = (haystack.chars().collect(), needle.chars().collect());
    let start = h
        .windows(n.len())
        .position(|w| w == n.as_slice())
        .expect("test setup");
    (start, start + n.len())
}

/// A folder with one case whose paragraph is [`RAW`], and a notes file: three highlights
/// (one with a comment and two codes), one deleted, one whose text is no longer there.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("test setup");
    let case = json!({
        "format": "caselens/case@1", "id": "emoji", "title": "Emoji", "framework": "asp-alliances",
        "meta": {"sources": [{"id": "s1", "citation": "Made up for a test"}]},
        "sections": [{"id": "s", "title": "Text", "paragraphs": [{"id": "p1", "text": RAW}]}]
    });
    std::fs::write(dir.path().join("emoji.case.json"), case.to_string()).expect("test setup");
    let t = "2026-11-26T10:00:00Z";
    let item = |n: u32, needle: &str, codes: Value, comment: &str, deleted: bool| {
        let (start, end) = find(RAW, needle);
        let a = new_anchor(RAW, start, end).expect("test setup");
        json!({"id": format!("5b0c8f8e-0000-4000-8000-00000000000{n}"), "kind": "highlight",
               "case": "emoji", "deleted": deleted,
               "target": {"paragraph": "s/p1", "exact": a.exact, "prefix": a.prefix,
                          "suffix": a.suffix, "start": a.start, "end": a.end},
               "codes": codes, "text": comment, "created": t, "modified": t})
    };
    let mut gone = item(5, "buyers", json!([]), "", false);
    gone["target"]["exact"] = json!("sellers");
    let notes = json!({
        "format": "caselens/notes@1", "author": "Zoë",
        "codes": [{"id": "USER.trust", "label": "Trust, early", "color": "#10b981"}],
        "items": [
            item(1, "👩\u{200d}👩\u{200d}👧 *naïve* 🙂", json!(["USER.trust", "RAT.practice.market-access"]), "Family 🙂", false),
            item(2, "**Cafe\u{301}**", json!([]), "", false),
            item(3, "e\u{301}te\u{301}", json!([]), "", false),
            item(4, "met", json!([]), "", true),
            gone,
        ]
    });
    let path = dir.path().join("z.notes.json");
    std::fs::write(&path, notes.to_string()).expect("test setup");
    (dir, path)
}

fn export(notes: &Path, library: &Path, output: &str) -> Output {
    caselens(&[
        "export",
        "annotations",
        "--notes",
        &notes.display().to_string(),
        "--library",
        &library.display().to_string(),
        "-o",
        output,
    ])
}

#[test]
fn export_annotations_writes_json_ld_whose_positions_cut_the_quotes_out_of_the_plain_text() {
    let (dir, notes) = corpus();
    let out = dir.path().join("h.jsonld");
    let o = export(&notes, dir.path(), &out.display().to_string());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("h.jsonld"), "says where it wrote");
    assert!(
        stderr(&o).contains("1 of 4 highlights have no position"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert_eq!(doc["total"], 4, "the deleted highlight is left out");
    let items = doc["first"]["items"].as_array().unwrap();
    let plain: Vec<char> = PLAIN.chars().collect();
    let mut quotes = Vec::new();
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["target"]["source"], "urn:caselens:case:emoji#s/p1");
        let selectors = a["target"]["selector"].as_array().unwrap();
        let quote = &selectors[0];
        assert_eq!(quote["type"], "TextQuoteSelector");
        let Some(pos) = selectors.get(1) else {
            assert_eq!(quote["exact"], "sellers", "only the orphan has no position");
            continue;
        };
        assert_eq!(pos["type"], "TextPositionSelector");
        let (s, e) = (pos["start"].as_u64().unwrap(), pos["end"].as_u64().unwrap());
        let cut: String = plain[s as usize..e as usize].iter().collect();
        assert_eq!(cut, quote["exact"].as_str().unwrap());
        quotes.push((s, e, cut));
    }
    // In the paragraph's order, offsets in code points of the plain text.
    assert_eq!(
        quotes,
        [
            (0, 5, "Cafe\u{301}".to_owned()),
            (10, 23, "👩\u{200d}👩\u{200d}👧 naïve 🙂".to_owned()),
            (35, 40, "e\u{301}te\u{301}".to_owned()),
        ]
    );
    let bodies = &items[1]["body"];
    assert_eq!(
        bodies[0],
        json!({"type": "TextualBody", "purpose": "commenting", "value": "Family 🙂", "format": "text/plain"})
    );
    assert_eq!(bodies[1]["purpose"], "tagging");
    assert_eq!(bodies[1]["value"], "Trust, early");
    assert_eq!(
        items[1]["creator"],
        json!({"type": "Person", "name": "Zoë"})
    );
    assert_eq!(
        items[1]["id"],
        "urn:uuid:5b0c8f8e-0000-4000-8000-000000000001"
    );
    // `-o -` writes the same bytes to stdout.
    let o = export(&notes, dir.path(), "-");
    assert_eq!(String::from_utf8(o.stdout).unwrap(), text);
}

#[test]
fn export_annotations_needs_a_readable_notes_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.notes.json");
    let o = export(&missing, dir.path(), "-");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing.notes.json"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let o = caselens(&["export", "annotations", "-o", "-"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--notes"), "{}", stderr(&o));
}
