use serde_json::json;

use super::*;

const TEXT: &str = "Café déjà vu 🙂 <script>x</script> and *fast* growth.\n- first & last";

fn case() -> Case {
    serde_json::from_value(json!({
        "format": "caselens/case@1", "id": "demo", "title": "Demo <Co>", "framework": "fw",
        "subtitle": "A \"quoted\" subtitle",
        "meta": {"organisations": ["Demo"], "period": "2001",
                 "sources": [{"id": "s1", "citation": "Interview, unconfirmed"}]},
        "sections": [{"id": "s", "title": "Story", "paragraphs": [
            {"id": "p1", "text": TEXT},
            {"id": "p2", "text": "Plain second paragraph."}]}],
        "questions": [{"id": "q1", "text": "Student question?"},
                      {"id": "q2", "text": "Secret teacher question", "audience": "instructor"}]
    }))
    .unwrap()
}

fn span(start: usize, end: usize) -> serde_json::Value {
    let a = crate::notes::anchor::new_anchor(TEXT, start, end).unwrap();
    json!({"paragraph": "s/p1", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix,
           "start": a.start, "end": a.end})
}

fn notes() -> NotesFile {
    let t = "2026-11-26T10:00:00Z";
    serde_json::from_value(json!({
        "format": "caselens/notes@1", "author": "Ana",
        "codes": [{"id": "USER.trust", "label": "Trust", "color": "#10b981"}],
        "items": [
            // "déjà vu 🙂": chars 5..14, with a combining-free accent and an emoji.
            {"id": "h1", "kind": "highlight", "case": "demo", "target": span(5, 14),
             "codes": ["USER.trust"], "text": "Comment <b>bold</b>\nsecond line", "created": t, "modified": t},
            {"id": "h2", "kind": "highlight", "case": "demo", "target": span(39, 41),
             "created": t, "modified": t},
            {"id": "h3", "kind": "highlight", "case": "demo",
             "target": {"paragraph": "s/p2", "exact": "gone text", "start": 0, "end": 9},
             "text": "orphan", "created": t, "modified": t},
            {"id": "h4", "kind": "highlight", "case": "demo", "target": span(0, 4),
             "created": t, "modified": t, "deleted": true},
            {"id": "n1", "kind": "note", "case": "demo", "text": "Case-level note", "created": t, "modified": t},
            {"id": "m1", "kind": "memo", "case": "demo", "title": "Memo title", "text": "Memo *body*",
             "created": t, "modified": t},
            {"id": "x1", "kind": "note", "case": "other", "text": "Not this case", "created": t, "modified": t}
        ]
    }))
    .unwrap()
}

#[test]
fn html_marks_highlights_in_their_code_colour_with_footnotes() {
    let html = html(&case(), None, Some(&notes()));
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The highlight covers exactly its text, coloured by its code, with footnote 1 after it.
    assert!(
        html.contains("border-bottom: 2px solid #10b981;\" title=\"Trust\">déjà vu 🙂</mark><sup class=\"fn\"><a href=\"#fn1\""),
        "{html}"
    );
    // A highlight inside emphasis keeps the emphasis ("fa" of "*fast*", chars 39..41).
    assert!(
        html.contains("\"><em>fa</em></mark><sup class=\"fn\"><a href=\"#fn2\""),
        "{html}"
    );
    assert!(html.contains("</sup><em>st</em> growth."), "{html}");
    // Everything from the files is escaped.
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert!(html.contains("<title>Demo &lt;Co&gt;</title>"));
    assert!(html.contains("Comment &lt;b&gt;bold&lt;/b&gt;\nsecond line"));
    // The list line becomes a line with a bullet; markup characters are not shown.
    assert!(html.contains("<br>• first &amp; last"), "{html}");
    assert!(!html.contains("*fast*"));
    // Notes, memos, orphaned highlights; no other case's notes, no deleted highlight,
    // no instructor question.
    for part in [
        "Case-level note",
        "Memo title",
        "Memo *body*",
        "gone text",
        "Student question?",
    ] {
        assert!(html.contains(part), "{part}");
    }
    for part in ["Not this case", "Secret teacher question"] {
        assert!(!html.contains(part), "{part}");
    }
    assert_eq!(html.matches("<mark ").count(), 2);
    assert!(html.contains("UNCONFIRMED"));
}

#[test]
fn markdown_marks_highlights_and_lists_comments_as_footnotes() {
    let md = markdown(&case(), None, Some(&notes()));
    assert!(
        md.starts_with("# Demo &lt;Co>\n\n*A \"quoted\" subtitle*\n\n"),
        "{md}"
    );
    // No HTML from the files reaches a Markdown renderer; only the handout's own marks.
    assert!(
        md.contains("&lt;script>x&lt;/script>") && !md.contains("<script>"),
        "{md}"
    );
    assert!(md.contains("Café <mark>déjà vu 🙂</mark>[^1] "), "{md}");
    assert!(
        md.contains("[^1]: ¶ s/p1. Codes: Trust. Comment &lt;b>bold&lt;/b>\n    second line\n"),
        "{md}"
    );
    assert!(md.contains("*<mark>fa</mark>[^2]st*"), "{md}");
    assert!(md.contains("[^2]: ¶ s/p1. Codes: no codes.\n"), "{md}");
    assert!(md.contains("## Highlights that no longer match the text"));
    assert!(md.contains("- *on the case:* Case-level note"));
    assert!(!md.contains("Secret teacher question"));
}

#[test]
fn a_case_without_notes_is_its_plain_narrative() {
    let md = markdown(&case(), None, None);
    assert!(!md.contains("<mark>") && !md.contains("[^"));
    assert!(md.contains(&TEXT.replace('<', "&lt;")));
    let html = html(&case(), None, None);
    assert!(!html.contains("<mark") && !html.contains("class=\"footnotes\""));
}
