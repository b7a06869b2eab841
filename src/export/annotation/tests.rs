//! Tests of the Web Annotation export.

use serde_json::json;

use super::*;
use crate::format::empty_notes;
use crate::library::{Bundled, LoadRequest};
use crate::notes::anchor::new_anchor;
use crate::notes::book::NoteBook;

/// Markup, a combining accent, a family emoji (a ZWJ sequence) and a list line.
const RAW: &str =
    "**Cafe\u{301}** met 👩\u{200d}👩\u{200d}👧 *naïve* 🙂 buyers.\n- e\u{301}te\u{301} deals";

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Char range of `needle` in `haystack`.
fn find(haystack: &str, needle: &str) -> (usize, usize) {
    let (h, n) = (chars(haystack), chars(needle));
    let start = h.windows(n.len()).position(|w| w == n.as_slice()).unwrap();
    (start, start + n.len())
}

/// The bundled library with Company A's first paragraph replaced by `text`.
fn library_with(text: &str) -> (Library, String) {
    let mut lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    });
    let case = &mut lib
        .cases
        .iter_mut()
        .find(|c| c.doc.id == "company-a")
        .unwrap()
        .doc;
    let section = &mut case.sections[0];
    section.paragraphs[0].text = text.to_owned();
    let address = format!("{}/{}", section.id, section.paragraphs[0].id);
    (lib, address)
}

/// Highlights on [`RAW`]: over the bold accent, over the emoji and the emphasis (with a
/// comment and two codes), over the list line; one deleted; one whose text is gone.
fn fixture() -> (Library, String, NotesFile) {
    let (lib, address) = library_with(RAW);
    let mut book = NoteBook::new(empty_notes(Some("Zoë".into())));
    let user = book.add_code("Trust, early", "#10b981", None).unwrap();
    let mut add = |needle: &str, codes: Vec<String>, comment: Option<&str>| {
        let (s, e) = find(RAW, needle);
        let anchor = new_anchor(RAW, s, e).unwrap();
        book.add_highlight(
            "company-a",
            &address,
            anchor,
            codes,
            comment.map(Into::into),
        )
    };
    add("**Cafe\u{301}**", vec![], None);
    let codes = vec![user, "RAT.practice.market-access".to_owned()];
    add(
        "👩\u{200d}👩\u{200d}👧 *naïve* 🙂",
        codes,
        Some("Family 🙂, e\u{301}"),
    );
    add("e\u{301}te\u{301}", vec![], Some("  "));
    let gone = add("met", vec![], None);
    book.delete_item(&gone).unwrap();
    let mut notes = book.file().clone();
    let mut orphan = notes.items[0].clone();
    orphan.id = "not-a-uuid".into();
    orphan.target.as_mut().unwrap().exact = Some("no longer in the text".into());
    notes.items.push(orphan);
    (lib, address, notes)
}

fn items(doc: &Value) -> &Vec<Value> {
    doc["first"]["items"].as_array().unwrap()
}

fn selector<'a>(a: &'a Value, kind: &str) -> Option<&'a Value> {
    a["target"]["selector"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == kind)
}

#[test]
fn the_document_parses_and_has_the_models_keys_and_types() {
    let (lib, _, notes) = fixture();
    let doc: Value = serde_json::from_str(&jsonld(&notes, &lib)).unwrap();
    assert_eq!(doc["@context"], CONTEXT);
    assert_eq!(doc["type"], "AnnotationCollection");
    assert!(doc["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(doc["total"], 4);
    assert_eq!(doc["first"]["type"], "AnnotationPage");
    assert_eq!(doc["first"]["partOf"], doc["id"]);
    assert_eq!(doc["last"], doc["first"]["id"]);
    assert_eq!(items(&doc).len(), 4);
    for a in items(&doc) {
        let id = a["id"].as_str().unwrap();
        let uuid = id.strip_prefix("urn:uuid:").unwrap();
        assert!(uuid::Uuid::parse_str(uuid).is_ok(), "{id}");
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["motivation"], "highlighting");
        for t in ["created", "modified"] {
            humantime::parse_rfc3339(a[t].as_str().unwrap()).unwrap();
        }
        assert_eq!(a["creator"], json!({"type": "Person", "name": "Zoë"}));
        let source = a["target"]["source"].as_str().unwrap();
        assert!(
            source.starts_with("urn:caselens:case:company-a#"),
            "{source}"
        );
        let quote = selector(a, "TextQuoteSelector").unwrap();
        for k in ["exact", "prefix", "suffix"] {
            assert!(quote[k].is_string(), "{k}");
        }
        for body in a["body"].as_array().into_iter().flatten() {
            assert_eq!(body["type"], "TextualBody");
            assert!(body["value"].is_string());
            assert!(["commenting", "tagging"].contains(&body["purpose"].as_str().unwrap()));
        }
    }
    // Every id is distinct.
    let ids: std::collections::HashSet<&str> = items(&doc)
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
}

#[test]
fn each_position_cuts_the_quote_out_of_the_plain_paragraph() {
    let (lib, address, notes) = fixture();
    let out = collection(&notes, &lib);
    let doc = out.document();
    assert_eq!((out.written, out.unplaced), (4, 1));
    let plain = chars(
        &render(
            &lib.case("company-a")
                .unwrap()
                .paragraph(&address)
                .unwrap()
                .text,
        )
        .plain,
    );
    let mut exacts = Vec::new();
    for a in items(&doc) {
        let Some(pos) = selector(a, "TextPositionSelector") else {
            continue;
        };
        let (s, e) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        let quote = selector(a, "TextQuoteSelector").unwrap();
        let cut = |from: usize, to: usize| plain[from..to].iter().collect::<String>();
        assert_eq!(cut(s, e), quote["exact"].as_str().unwrap());
        assert_eq!(
            cut(s.saturating_sub(CONTEXT_CHARS), s),
            quote["prefix"].as_str().unwrap()
        );
        assert_eq!(
            cut(e, (e + CONTEXT_CHARS).min(plain.len())),
            quote["suffix"]
        );
        exacts.push(cut(s, e));
    }
    // Markup is not part of the plain text: the quotes are what the reader sees.
    assert_eq!(
        exacts,
        [
            "Cafe\u{301}",
            "👩\u{200d}👩\u{200d}👧 naïve 🙂",
            "e\u{301}te\u{301}"
        ]
    );
    // "Café" is 5 code points at 0, the family emoji 5 code points.
    let first = selector(&items(&doc)[0], "TextPositionSelector").unwrap();
    assert_eq!(
        (first["start"].clone(), first["end"].clone()),
        (json!(0), json!(5))
    );
}

#[test]
fn bodies_carry_the_comment_and_each_codes_label_and_deleted_items_are_left_out() {
    let (lib, _, notes) = fixture();
    let doc = collection(&notes, &lib).document();
    let deleted = notes.items.iter().find(|i| i.deleted).unwrap();
    assert!(
        items(&doc).iter().all(|a| a["id"] != urn(&deleted.id)),
        "the deleted highlight is left out"
    );
    assert_eq!(
        notes.items.iter().filter(|i| !i.deleted).count(),
        items(&doc).len()
    );
    let family = &items(&doc)[1];
    let bodies = family["body"].as_array().unwrap();
    assert_eq!(bodies[0]["purpose"], "commenting");
    assert_eq!(bodies[0]["value"], "Family 🙂, e\u{301}");
    assert_eq!(
        bodies[1],
        json!({"type": "TextualBody", "purpose": "tagging", "value": "Trust, early"})
    );
    assert_eq!(bodies[2]["value"], "Market access");
    // No comment and no codes: no body at all (a blank comment is no comment).
    assert!(items(&doc)[0].get("body").is_none());
    assert!(items(&doc)[2].get("body").is_none());
}

#[test]
fn a_moved_highlight_is_written_where_it_is_now_and_an_orphan_keeps_its_quote_only() {
    let (_, address, notes) = fixture();
    let ete = "e\u{301}te\u{301}";
    // Words inserted before the text: the list-line highlight (a full 32-char prefix)
    // moves with it; the first two were nearer the paragraph's start than 32 chars (a
    // short prefix means "this close to the start") and are no longer, so are orphaned.
    let moved = format!("New opening words. {RAW}");
    let (lib, _) = library_with(&moved);
    let out = collection(&notes, &lib);
    let doc = out.document();
    assert_eq!((out.written, out.unplaced), (4, 3));
    let plain = render(&moved).plain;
    let a = &items(&doc)[0];
    let pos = selector(a, "TextPositionSelector").unwrap();
    let (s, e) = (pos["start"].as_u64().unwrap(), pos["end"].as_u64().unwrap());
    let before = plain.split(ete).next().unwrap().chars().count() as u64;
    assert_eq!((s, e), (before, before + 5));
    assert!(before > find(RAW, ete).0 as u64, "it moved");
    let orphans = &items(&doc)[1..];
    for orphan in orphans {
        assert_eq!(
            orphan["target"]["source"],
            source_iri("company-a", &address)
        );
        assert_eq!(orphan["target"]["selector"].as_array().unwrap().len(), 1);
    }
    let stored: Vec<&Value> = orphans
        .iter()
        .map(|o| &selector(o, "TextQuoteSelector").unwrap()["exact"])
        .collect();
    // The quote as stored (raw Markdown): nothing says where it would be in plain text.
    assert!(stored.contains(&&json!("**Cafe\u{301}**")), "{stored:?}");
    assert!(
        stored.contains(&&json!("no longer in the text")),
        "{stored:?}"
    );
    let odd = format!("urn:uuid:{}", crate::refi::guid("annotation", "not-a-uuid"));
    assert!(orphans.iter().any(|o| o["id"] == odd));
}

#[test]
fn the_same_notes_give_the_same_bytes_and_no_highlights_give_an_empty_collection() {
    let (lib, _, notes) = fixture();
    assert_eq!(jsonld(&notes, &lib), jsonld(&notes, &lib));
    let empty = collection(&empty_notes(None), &lib);
    assert_eq!(empty.document()["total"], 0);
    assert!(empty.document().get("first").is_none());
    assert_eq!(empty.document()["label"], "Caselens highlights");
    assert_eq!(
        source_iri("a b", "s/p#1"),
        "urn:caselens:case:a%20b#s/p%231"
    );
}
