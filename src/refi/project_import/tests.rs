use std::io::Write as _;

use super::*;
use crate::format::ItemKind;
use crate::format::empty_notes;
use crate::library::Library;
use crate::notes::anchor::new_anchor;
use crate::notes::book::NoteBook;
use crate::refi::qdpx::{Input, Project, project, qdpx};

/// A case with emoji, combining accents and markup in its paragraphs.
fn unicode_case() -> Case {
    serde_json::from_value(serde_json::json!({
        "format": "caselens/case@1", "id": "unicode", "title": "Ünïcode 🎉",
        "framework": "asp-alliances",
        "meta": {"sources": [{"id": "s", "citation": "Made up"}]},
        "sections": [{"id": "intro", "title": "Intro", "paragraphs": [
            {"id": "p1", "text": "Cafe\u{301} 👩‍👩‍👧 met the *nai\u{308}ve* team."},
            {"id": "p2", "text": "Lists:\n- **e\u{301}tude** 🎻\n- second line"}
        ]}]
    }))
    .unwrap()
}

fn highlight(book: &mut NoteBook, case: &Case, address: &str, quote: &str, codes: &[&str]) {
    let (s, p) = address.split_once('/').unwrap();
    let raw = &case.sections.iter().find(|x| x.id == s).unwrap().paragraphs[..]
        .iter()
        .find(|x| x.id == p)
        .unwrap()
        .text;
    let start = raw[..raw.find(quote).unwrap()].chars().count();
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

/// The report when the codings of a project by Ana go into a notes file without an author.
const MADE_BY_ANA: &str = "the codings were made by \"Ana\", now this notes file's author";

struct Fixture {
    cases: Vec<Case>,
    notes: NotesFile,
}

fn fixture(lib: &Library) -> Fixture {
    let mut cases: Vec<Case> = lib.cases.iter().take(3).map(|c| c.doc.clone()).collect();
    cases.push(unicode_case());
    let mut book = NoteBook::new(empty_notes(Some("Ana".into())));
    let trust = book.add_code("Trust", "#10b981", None).unwrap();
    let early = book.add_code("Early", "#aabbcc", Some(&trust)).unwrap();
    for case in &cases[..3] {
        let p = &case.sections[0].paragraphs[0];
        let address = format!("{}/{}", case.sections[0].id, p.id);
        let words: String = p.text.chars().take(15).collect();
        highlight(&mut book, case, &address, &words, &["RAT.theory", &early]);
    }
    let u = &cases[3];
    highlight(&mut book, u, "intro/p1", "👩‍👩‍👧", &[&trust]);
    highlight(
        &mut book,
        u,
        "intro/p1",
        "*nai\u{308}ve* team",
        &["RAT.theory"],
    );
    highlight(
        &mut book,
        u,
        "intro/p2",
        "e\u{301}tude** 🎻",
        &[&early, &trust],
    );
    Fixture {
        cases,
        notes: book.file().clone(),
    }
}

/// Live highlights as `(case, paragraph, visible text, codes, comment)`, sorted: what the
/// reader shows (markup at a highlight's edge is not text, so a round trip may drop it).
fn codings(
    notes: &NotesFile,
    cases: &[Case],
) -> Vec<(String, String, String, Vec<String>, String)> {
    let mut out: Vec<_> = notes
        .items
        .iter()
        .filter(|i| !i.deleted && i.kind == ItemKind::Highlight)
        .map(|i| {
            let t = i.target.as_ref().unwrap();
            let case = cases
                .iter()
                .find(|c| Some(c.id.as_str()) == i.case.as_deref())
                .unwrap();
            let (s, p) = t.paragraph.as_deref().unwrap().split_once('/').unwrap();
            let section = case.sections.iter().find(|x| x.id == s).unwrap();
            let raw = &section.paragraphs.iter().find(|x| x.id == p).unwrap().text;
            let rendered = crate::markdown::render(raw);
            let plain = rendered.to_plain(t.start.unwrap()..t.end.unwrap()).unwrap();
            let visible: String = rendered
                .plain
                .chars()
                .skip(plain.start)
                .take(plain.len())
                .collect();
            (
                i.case.as_deref().unwrap().to_owned(),
                t.paragraph.as_deref().unwrap().to_owned(),
                visible,
                i.codes
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
                i.text.clone().unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

fn export(lib: &Library, f: &Fixture) -> Project {
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|x| &x.doc).collect();
    let cases: Vec<&Case> = f.cases.iter().collect();
    project(&Input {
        name: "p",
        cases: &cases,
        frameworks: &fws,
        notes: &f.notes,
    })
}

fn import(lib: &Library, f: &Fixture, notes: &NotesFile, bytes: &[u8]) -> ProjectImported {
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|x| &x.doc).collect();
    let cases: Vec<&Case> = f.cases.iter().collect();
    import_qdpx(notes, bytes, &cases, &fws).unwrap()
}

/// The user's code ids in `from` renamed by GUID to those in `to` (ids may differ).
fn by_label(
    notes: &NotesFile,
    cases: &[Case],
) -> Vec<(String, String, String, Vec<String>, String)> {
    let label = |id: &String| {
        notes
            .codes
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| id.clone(), |c| c.label.clone())
    };
    codings(notes, cases)
        .into_iter()
        .map(|(c, p, s, codes, t)| (c, p, s, codes.iter().map(label).collect(), t))
        .collect()
}

#[test]
fn a_project_round_trips_into_an_empty_notes_file_with_the_same_codings() {
    let lib = Library::bundled();
    let f = fixture(&lib);
    let bytes = qdpx(&export(&lib, &f)).unwrap();
    let got = import(&lib, &f, &empty_notes(None), &bytes);
    assert_eq!(got.skipped, [MADE_BY_ANA]);
    assert_eq!(
        got.notes.author.as_deref(),
        Some("Ana"),
        "the one user who coded"
    );
    assert_eq!((got.codes_added, got.highlights_added), (2, 6));
    assert_eq!(codings(&got.notes, &f.cases), codings(&f.notes, &f.cases));
    assert_eq!(by_label(&got.notes, &f.cases), by_label(&f.notes, &f.cases));
    // Without markup at their edges, highlights keep their exact offsets.
    let spans = |n: &NotesFile| {
        let mut v: Vec<(String, Option<usize>, Option<usize>)> = n
            .items
            .iter()
            .filter_map(|i| i.target.as_ref())
            .filter(|t| !t.exact.as_deref().unwrap().starts_with('*'))
            .map(|t| (t.exact.clone().unwrap(), t.start, t.end))
            .collect();
        v.sort();
        v
    };
    let imported = spans(&got.notes);
    assert_eq!(spans(&f.notes).len(), 5);
    for span in spans(&f.notes) {
        assert!(imported.contains(&span), "{span:?} in {imported:?}");
    }
    assert!(crate::validate::check_notes(&got.notes).is_empty());
    // Again: nothing new.
    let again = import(&lib, &f, &got.notes, &bytes);
    assert_eq!((again.highlights_added, again.duplicates), (0, 6));
    assert_eq!(again.notes.items, got.notes.items);
}

/// The project as another tool might zip it: `Sources/`, another `.qde` name, CRLF line ends
/// with positions counted on them, and a BOM.
fn as_another_tool(p: &Project) -> Vec<u8> {
    let doc = roxmltree::Document::parse(&p.qde).unwrap();
    let mut qde = p.qde.clone();
    for src in doc.descendants().filter(|n| n.has_tag_name("TextSource")) {
        let path = src
            .attribute("plainTextPath")
            .unwrap()
            .replace("internal://", "sources/");
        let text = &p.sources.iter().find(|(k, _)| *k == path).unwrap().1;
        let shift = |n: usize| n + text.chars().take(n).filter(|&c| c == '\n').count();
        for sel in src
            .children()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
        {
            let (s, e) = (
                sel.attribute("startPosition").unwrap(),
                sel.attribute("endPosition").unwrap(),
            );
            let old = format!("startPosition=\"{s}\" endPosition=\"{e}\"");
            let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
            let new = format!(
                "startPosition=\"{}\" endPosition=\"{}\"",
                shift(s),
                shift(e)
            );
            qde = qde.replacen(&old, &new, 1);
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("My Project.qde", o).unwrap();
    zip.write_all(b"\xEF\xBB\xBF").unwrap();
    zip.write_all(qde.as_bytes()).unwrap();
    for (path, text) in &p.sources {
        zip.start_file(path.replace("sources/", "Sources/"), o)
            .unwrap();
        zip.write_all(text.replace('\n', "\r\n").as_bytes())
            .unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn another_tools_layout_with_crlf_and_a_bom_gives_the_same_codings() {
    let lib = Library::bundled();
    let f = fixture(&lib);
    let bytes = as_another_tool(&export(&lib, &f));
    let got = import(&lib, &f, &empty_notes(Some("Ana".into())), &bytes);
    assert_eq!(got.skipped, Vec::<String>::new());
    assert_eq!(codings(&got.notes, &f.cases), codings(&f.notes, &f.cases));
}

#[test]
fn a_changed_case_is_reported_and_its_codings_left_out() {
    let lib = Library::bundled();
    let mut f = fixture(&lib);
    let bytes = qdpx(&export(&lib, &f)).unwrap();
    f.cases[3].sections[0].paragraphs[0].text = "Rewritten.".into();
    let got = import(&lib, &f, &empty_notes(Some("Ana".into())), &bytes);
    assert_eq!(got.highlights_added, 3);
    assert_eq!(got.skipped.len(), 1);
    assert!(
        got.skipped[0].contains("its text differs"),
        "{:?}",
        got.skipped
    );
}

#[test]
fn what_is_not_a_project_is_an_error() {
    let lib = Library::bundled();
    let f = fixture(&lib);
    let cases: Vec<&Case> = f.cases.iter().collect();
    let err = |b: &[u8]| {
        import_qdpx(&f.notes, b, &cases, &[])
            .unwrap_err()
            .to_string()
    };
    assert!(err(b"not a zip").starts_with("not a REFI-QDA project (.qdpx): "));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    let empty = zip.finish().unwrap().into_inner();
    assert_eq!(
        err(&empty),
        "not a REFI-QDA project (.qdpx): the zip holds no .qde file"
    );
}

mod roundtrip;
