//! The stable writer: bundled files round-trip byte for byte; a second save is identical; a
//! one-word edit is a one-line diff; `x-` extensions stay.

use super::{bundled_cases, context, draft, parse_case};
use crate::authoring::{CaseDraft, CaseEdit, DraftFile, FrameworkDraft};

#[test]
fn every_bundled_case_and_framework_is_written_back_byte_for_byte() {
    for (name, text) in bundled_cases() {
        let d = CaseDraft::bundled(name, context()).unwrap();
        let written = d.to_text(false).unwrap();
        assert!(
            written == text,
            "{name} differs:\n{}",
            first_difference(text, &written)
        );
    }
    let fw = FrameworkDraft::bundled("cases/asp-alliances.framework.json", ()).unwrap();
    let text = crate::library::bundled_files()
        .iter()
        .find(|(n, _)| n.ends_with(".framework.json"))
        .unwrap()
        .1;
    assert_eq!(fw.to_text(false).unwrap(), text);
}

pub(super) fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map_or_else(
            || format!("lengths {} and {}", a.len(), b.len()),
            |(i, (x, y))| format!("line {}:\n- {x}\n+ {y}", i + 1),
        )
}

/// Lines of `a` and `b` that differ, position by position (the texts have as many lines).
pub(super) fn changed_lines(a: &str, b: &str) -> usize {
    assert_eq!(
        a.lines().count(),
        b.lines().count(),
        "{}",
        first_difference(a, b)
    );
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).count()
}

#[test]
fn a_one_word_edit_is_a_one_line_diff_and_a_second_save_is_identical() {
    let mut d = draft("company-a");
    let before = d.to_text(false).unwrap();
    let p = d
        .doc()
        .paragraph("background/p1")
        .unwrap()
        .text
        .replace("founded", "started");
    d.apply(&CaseEdit::EditParagraph {
        section: "background".into(),
        paragraph: "p1".into(),
        text: p,
    })
    .unwrap();
    let after = d.to_text(false).unwrap();
    assert_eq!(changed_lines(&before, &after), 1);
    assert_eq!(d.to_text(false).unwrap(), after, "writing is deterministic");
    // Reloading what was written gives the same case, and writes the same bytes again.
    let again = CaseDraft::from_bytes(DraftFile::New, after.as_bytes(), context()).unwrap();
    assert_eq!(again.doc(), d.doc());
    assert_eq!(again.to_text(false).unwrap(), after);
}

#[test]
fn a_hand_written_layout_is_kept_and_new_keys_go_after_their_predecessor() {
    // Keys in an order of the author's own, an extension in the middle, facets alphabetical.
    let text = r#"{
  "id": "mine",
  "x-editor": {"by": "hand"},
  "format": "caselens/case@1",
  "title": "Mine",
  "framework": "asp-alliances",
  "sections": [
    {
      "title": "One",
      "id": "one",
      "paragraphs": [
        {
          "text": "Founded in 1999 in Oslo.",
          "id": "p1"
        }
      ]
    }
  ],
  "meta": {
    "sources": [
      {
        "id": "s",
        "citation": "Me"
      }
    ]
  },
  "facets": {
    "region": {
      "unknown": "Not said."
    },
    "founded": {
      "evidence": [
        {
          "ref": "one/p1",
          "quote": "Founded in 1999"
        }
      ],
      "value": 1999
    }
  }
}
"#;
    let mut d = CaseDraft::from_bytes(DraftFile::New, text.as_bytes(), context()).unwrap();
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    let written = d.to_text(false).unwrap();
    assert!(
        written.starts_with(
            "{\n  \"id\": \"mine\",\n  \"x-editor\": {\n    \"by\": \"hand\"\n  },\n  \"format\""
        ),
        "{written}"
    );
    assert!(
        written.contains("\"title\": \"One\",\n      \"id\": \"one\""),
        "{written}"
    );
    assert!(
        written.contains("\"text\": \"Founded in 1999 in Oslo.\",\n          \"id\": \"p1\""),
        "{written}"
    );
    let region = written.find("\"region\"").unwrap();
    let founded = written.find("\"founded\"").unwrap();
    assert!(region < founded, "the file's facet order is kept");
    // A subtitle goes after the title, where the types put it.
    d.apply(&CaseEdit::SetSubtitle(Some("Sub".into()))).unwrap();
    let with_sub = d.to_text(false).unwrap();
    assert!(
        with_sub.contains("\"title\": \"Mine\",\n  \"subtitle\": \"Sub\",\n  \"framework\""),
        "{with_sub}"
    );
    assert_eq!(parse_case(&with_sub), *d.doc());
}
