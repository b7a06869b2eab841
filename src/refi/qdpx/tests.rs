use std::io::Read as _;

use super::*;
use crate::format::empty_notes;
use crate::library::Library;
use crate::notes::anchor::new_anchor;
use crate::notes::book::NoteBook;
use crate::refi::tests::assert_valid;

/// A case whose paragraph mixes emoji (one a ZWJ sequence), combining accents and markup.
fn unicode_case() -> Case {
    serde_json::from_value(serde_json::json!({
        "format": "caselens/case@1",
        "id": "unicode",
        "title": "Ünïcode 🎉 case",
        "framework": "asp-alliances",
        "meta": {"sources": [{"id": "s", "citation": "Made up"}]},
        "sections": [
            {"id": "intro", "title": "Intro 👋", "paragraphs": [
                {"id": "p1", "text": "Cafe\u{301} 👩‍👩‍👧 met the *nai\u{308}ve* team."},
                {"id": "p2", "text": "Lists:\n- **e\u{301}tude** 🎻\n- second line"}
            ]},
            {"id": "next", "title": "Next", "paragraphs": [
                {"id": "p1", "text": "The end 🏁 of e\u{301}verything."}
            ]}
        ]
    }))
    .unwrap()
}

/// Adds a highlight of the first `quote` in the raw text of `case`'s paragraph.
fn highlight(book: &mut NoteBook, case: &Case, address: &str, quote: &str, codes: &[&str]) {
    let (s, p) = address.split_once('/').unwrap();
    let raw = &case
        .sections
        .iter()
        .find(|x| x.id == s)
        .unwrap()
        .paragraphs
        .iter()
        .find(|x| x.id == p)
        .unwrap()
        .text;
    let byte = raw.find(quote).unwrap();
    let start = raw[..byte].chars().count();
    let anchor = new_anchor(raw, start, start + quote.chars().count()).unwrap();
    let codes = codes.iter().map(|c| (*c).to_owned()).collect();
    book.add_highlight(
        &case.id,
        address,
        anchor,
        codes,
        Some(format!("on {quote}")),
    );
}

/// `(start, end, name, code GUIDs)` of every selection in the qde.
fn selections(qde: &str) -> Vec<(usize, usize, String, Vec<String>)> {
    let doc = roxmltree::Document::parse(qde).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("PlainTextSelection"))
        .map(|n| {
            let codes = n
                .descendants()
                .filter(|c| c.has_tag_name("CodeRef"))
                .map(|c| c.attribute("targetGUID").unwrap().to_owned())
                .collect();
            (
                n.attribute("startPosition").unwrap().parse().unwrap(),
                n.attribute("endPosition").unwrap().parse().unwrap(),
                n.attribute("name").unwrap().to_owned(),
                codes,
            )
        })
        .collect()
}

fn cut(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn selections_cut_out_the_highlighted_text_with_emoji_and_combining_accents() {
    let lib = Library::bundled();
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let case = unicode_case();
    let mut book = NoteBook::new(empty_notes(Some("Ana Müller".into())));
    let quotes = [
        ("intro/p1", "👩‍👩‍👧", "👩‍👩‍👧"),
        ("intro/p1", "Cafe\u{301}", "Cafe\u{301}"),
        // Markup inside the highlight: the source holds the text without it.
        ("intro/p1", "*nai\u{308}ve* team", "nai\u{308}ve team"),
        ("intro/p2", "e\u{301}tude** 🎻", "e\u{301}tude 🎻"),
        (
            "next/p1",
            "🏁 of e\u{301}verything",
            "🏁 of e\u{301}verything",
        ),
    ];
    for (address, quote, _) in quotes {
        highlight(&mut book, &case, address, quote, &["RAT.theory"]);
    }
    let project = project(&Input {
        name: "Unicode",
        cases: &[&case],
        frameworks: &fws,
        notes: book.file(),
    });
    assert_valid("Project.xsd", &project.qde);
    assert_eq!((project.selections, project.skipped), (5, 0));
    let (path, source) = &project.sources[0];
    assert_eq!(path, &format!("sources/{}.txt", guid("source", "unicode")));
    let found = selections(&project.qde);
    let mut cuts: Vec<String> = found.iter().map(|s| cut(source, s.0, s.1)).collect();
    let mut expected: Vec<String> = quotes.iter().map(|q| q.2.to_owned()).collect();
    cuts.sort();
    expected.sort();
    assert_eq!(cuts, expected);
    for (start, end, name, codes) in &found {
        assert_eq!(&cut(source, *start, *end), name);
        assert_eq!(
            codes,
            &[crate::refi::framework_code_guid(
                "asp-alliances",
                "RAT.theory"
            )]
        );
    }
    // Code points, not UTF-16 units or bytes: the family emoji is 5 code points.
    let family = found.iter().find(|s| s.2 == "👩‍👩‍👧").unwrap();
    assert_eq!(family.1 - family.0, 5);
}

#[test]
fn bundled_corpus_project_validates_and_every_selection_points_at_its_highlight() {
    let lib = Library::bundled();
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    let mut book = NoteBook::new(empty_notes(Some("R & D <team>".into())));
    let mine = book.add_code("Trust", "#10b981", None).unwrap();
    let mut expected = Vec::new();
    for case in &cases {
        let p = &case.sections[0].paragraphs[0];
        let address = format!("{}/{}", case.sections[0].id, p.id);
        let words: String = p.text.chars().take(12).collect();
        highlight(
            &mut book,
            case,
            &address,
            &words,
            &["RAT.theory", &mine, "NOPE.x"],
        );
        expected.push(crate::markdown::plain(&words));
    }
    book.add_memo(Some(&cases[0].id), "Memo & more", "Body *md*");
    book.add_memo(None, "Project memo", "All cases");
    book.add_note(&cases[1].id, Some("rationale"), "Why?");
    let input = Input {
        name: "Corpus",
        cases: &cases,
        frameworks: &fws,
        notes: book.file(),
    };
    let p = project(&input);
    assert_valid("Project.xsd", &p.qde);
    assert_eq!(p.selections, cases.len());
    let texts: HashMap<String, &String> = p.sources.iter().map(|(k, v)| (k.clone(), v)).collect();
    let doc = roxmltree::Document::parse(&p.qde).unwrap();
    let mut cuts = Vec::new();
    for src in doc.descendants().filter(|n| n.has_tag_name("TextSource")) {
        let path = src.attribute("plainTextPath").unwrap();
        let text = texts[&format!("sources/{}", path.strip_prefix("internal://").unwrap())];
        for sel in src
            .children()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
        {
            let s: usize = sel.attribute("startPosition").unwrap().parse().unwrap();
            let e: usize = sel.attribute("endPosition").unwrap().parse().unwrap();
            cuts.push(cut(text, s, e));
            let refs = sel
                .descendants()
                .filter(|n| n.has_tag_name("CodeRef"))
                .count();
            assert_eq!(refs, 2, "the unknown code is left out, the other two kept");
        }
    }
    cuts.sort();
    expected.sort();
    assert_eq!(cuts, expected);
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("Note")).count(),
        3
    );
    assert!(p.qde.contains("name=\"R &amp; D &lt;team&gt;\""));
    assert!(doc.descendants().any(|n| n.has_tag_name("VariableValue")));
    // Same input, same bytes; the zip holds the qde and every source.
    let bytes = qdpx(&p).unwrap();
    assert_eq!(bytes, qdpx(&project(&input)).unwrap());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    // The qde, one text per case, one per memo and note (QualCoder reads notes only from
    // files).
    assert_eq!(zip.len(), 1 + cases.len() + 3);
    for note in doc.descendants().filter(|n| n.has_tag_name("Note")) {
        let path = note.attribute("plainTextPath").unwrap();
        let name = path.replace("internal://", "sources/");
        assert!(zip.by_name(&name).is_ok(), "{name} is in the zip");
        assert!(!note.children().any(|c| c.has_tag_name("PlainTextContent")));
    }
    let mut qde = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    assert_eq!(qde, p.qde);
}

#[test]
fn orphaned_highlights_and_missing_cases_are_counted_not_written() {
    let lib = Library::bundled();
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let mut case = unicode_case();
    let mut book = NoteBook::new(empty_notes(None));
    highlight(&mut book, &case, "next/p1", "🏁 of", &[]);
    highlight(&mut book, &case, "intro/p1", "met the", &[]);
    case.sections[1].paragraphs[0].text = "Rewritten entirely.".into();
    let mut other = case.clone();
    other.id = "gone".into();
    highlight(&mut book, &other, "intro/p1", "met", &[]);
    let p = project(&Input {
        name: "x",
        cases: &[&case],
        frameworks: &fws,
        notes: book.file(),
    });
    assert_eq!((p.selections, p.skipped), (1, 2));
    assert_valid("Project.xsd", &p.qde);
}

#[test]
fn facets_become_typed_variable_values_and_bounds_are_left_out() {
    let fw: Framework = serde_json::from_value(serde_json::json!({
        "format": "caselens/framework@1", "id": "f", "title": "F",
        "groups": [{"id": "g", "title": "G", "dimensions": [
            {"id": "n", "label": "Staff", "kind": "number"},
            {"id": "b", "label": "Bounded", "kind": "number"},
            {"id": "y", "label": "Founded", "kind": "year"},
            {"id": "ok", "label": "Profitable", "kind": "bool"},
            {"id": "l", "label": "Products", "kind": "list"},
            {"id": "u", "label": "Unknown", "kind": "text"}
        ]}],
        "codes": [{"id": "X", "label": "X"}]
    }))
    .unwrap();
    let mut case = unicode_case();
    case.framework = "f".into();
    let facets = serde_json::json!({
        "n": {"value": 2.5}, "b": {"value": 100, "bound": "at-least"}, "y": {"value": 1999},
        "ok": {"value": false}, "l": {"value": ["a", "b"]}, "u": {"unknown": "not said"}
    });
    case.facets = serde_json::from_value(facets).unwrap();
    let p = project(&Input {
        name: "x",
        cases: &[&case],
        frameworks: &[&fw],
        notes: &empty_notes(None),
    });
    assert_valid("Project.xsd", &p.qde);
    for v in [
        "<FloatValue>2.5</FloatValue>",
        "<IntegerValue>1999</IntegerValue>",
        "<BooleanValue>false</BooleanValue>",
        "<TextValue>a; b</TextValue>",
    ] {
        assert!(p.qde.contains(v), "{v}");
    }
    assert_eq!(p.qde.matches("<VariableValue>").count(), 4);
}
