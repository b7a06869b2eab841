//! Round trips through what other tools do to a project (issue 21): memos and notes, merged
//! and split selections, every GUID replaced, things Caselens does not import.

use std::collections::HashMap;
use std::io::{Read as _, Write as _};

use super::*;
use crate::format::{Item, Target, UserCode};

fn item(kind: ItemKind, case: Option<&str>, title: Option<&str>, text: &str) -> Item {
    Item {
        id: crate::format::new_id(),
        kind,
        case: case.map(Into::into),
        target: None,
        codes: Vec::new(),
        title: title.map(str::to_owned),
        text: Some(text.to_owned()),
        created: "2026-11-23T09:05:00Z".into(),
        modified: "2026-11-23T09:05:00Z".into(),
        deleted: false,
        author: None,
    }
}

/// The fixture with memos and notes, and a colourless, non-codable group of codes.
fn rich(lib: &Library) -> Fixture {
    let mut f = fixture(lib);
    let case = f.cases[0].id.clone();
    f.notes.items.push(item(
        ItemKind::Memo,
        None,
        Some("Project memo"),
        "All cases",
    ));
    f.notes.items.push(item(
        ItemKind::Memo,
        Some(&case),
        Some("On A"),
        "Memo *text*",
    ));
    f.notes.items.push(item(
        ItemKind::Note,
        Some(&case),
        None,
        "A note on the case",
    ));
    let fw = lib.framework(&f.cases[0].framework).unwrap();
    let (_, dim) = fw.dimensions().next().unwrap();
    let mut cell = item(ItemKind::Note, Some(&case), None, "On a cell");
    cell.target = Some(Target {
        dimension: Some(dim.id.as_str().into()),
        ..Target::default()
    });
    f.notes.items.push(cell);
    f.notes.codes.push(UserCode {
        id: "USER.groups".into(),
        label: "Groups".into(),
        color: None,
        parent: None,
        definition: None,
        guid: Some("0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11".into()),
        codable: Some(false),
    });
    f.notes.codes.push(UserCode {
        id: "USER.groups.member".into(),
        label: "Member".into(),
        color: None,
        parent: Some("USER.groups".into()),
        definition: None,
        guid: None,
        codable: None,
    });
    f
}

/// `(kind, case, title, text, target)` of live memos and notes, sorted.
/// `(kind, case, title, text, target)` of one memo or note.
type Memo = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Target>,
);

fn memos(n: &NotesFile) -> Vec<Memo> {
    let mut v: Vec<_> = n
        .items
        .iter()
        .filter(|i| !i.deleted && i.kind != ItemKind::Highlight)
        .map(|i| {
            (
                format!("{:?}", i.kind),
                i.case.as_deref().map(str::to_owned),
                i.title.clone(),
                i.text.clone(),
                i.target.clone(),
            )
        })
        .collect();
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

/// `(label path, colour, codable)` of every user code, sorted.
fn code_shape(n: &NotesFile) -> Vec<(String, Option<String>, Option<bool>)> {
    let label = |id: &str| n.codes.iter().find(|c| c.id == id).map(|c| c.label.clone());
    let mut v: Vec<_> = n
        .codes
        .iter()
        .map(|c| {
            let path = match c.parent.as_deref().and_then(label) {
                Some(p) => format!("{p} > {}", c.label),
                None => c.label.clone(),
            };
            (path, c.color.clone(), c.codable)
        })
        .collect();
    v.sort();
    v
}

/// The zip's entries, the qde changed by `edit`, names changed by `rename`.
fn rezip(bytes: &[u8], edit: impl Fn(&str) -> String, rename: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut text = String::new();
        e.read_to_string(&mut text).unwrap();
        let name = e.name().unwrap().into_owned();
        let text = if name == "project.qde" {
            edit(&text)
        } else {
            text
        };
        out.start_file(rename(&name), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// What `QualCoder` does at each export: a new GUID for every code, source, selection, note
/// and user.
fn new_guids(bytes: &[u8]) -> Vec<u8> {
    let qde = {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name("project.qde")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let doc = roxmltree::Document::parse(&qde).unwrap();
    let mut map: HashMap<String, String> = HashMap::new();
    for n in doc.descendants() {
        for a in n.attributes() {
            if crate::format::is_valid_uuid(a.value()) {
                map.entry(a.value().to_owned())
                    .or_insert_with(crate::format::new_id);
            }
        }
    }
    assert!(map.len() > 50, "every code, source and selection has one");
    let swap = |s: &str| {
        let mut s = s.to_owned();
        for (old, new) in &map {
            s = s.replace(old, new);
        }
        s
    };
    rezip(bytes, swap, swap)
}

#[test]
fn codes_highlights_memos_and_notes_round_trip_and_a_second_import_adds_nothing() {
    let lib = Library::bundled();
    let f = rich(&lib);
    let p = export(&lib, &f);
    crate::refi::tests::assert_valid("Project.xsd", &p.qde);
    assert!(
        p.qde.contains("name=\"Groups\" isCodable=\"false\">"),
        "kept, without a colour"
    );
    assert!(p.qde.contains("name=\"Member\" isCodable=\"true\"/>"));
    let bytes = qdpx(&p).unwrap();
    let got = import(&lib, &f, &empty_notes(None), &bytes);
    assert_eq!(got.skipped, [MADE_BY_ANA]);
    assert_eq!((got.codes_added, got.notes_added), (4, 4));
    assert_eq!(code_shape(&got.notes), code_shape(&f.notes));
    assert_eq!(by_label(&got.notes, &f.cases), by_label(&f.notes, &f.cases));
    assert_eq!(memos(&got.notes), memos(&f.notes));
    assert!(crate::validate::check_notes(&got.notes).is_empty());
    let again = import(&lib, &f, &got.notes, &bytes);
    assert_eq!(
        (again.codes_added, again.highlights_added, again.notes_added),
        (0, 0, 0)
    );
    assert_eq!(again.notes, got.notes);
}

#[test]
fn a_project_whose_guids_were_all_replaced_lands_on_the_same_codes_and_highlights() {
    let lib = Library::bundled();
    let f = rich(&lib);
    let bytes = qdpx(&export(&lib, &f)).unwrap();
    let renewed = new_guids(&bytes);
    assert_ne!(renewed, bytes);
    // Onto the notes it came from: nothing new, the framework codes not copied as the user's.
    let got = import(&lib, &f, &f.notes, &renewed);
    assert_eq!(got.skipped, Vec::<String>::new());
    assert_eq!(
        (got.codes_added, got.highlights_added, got.notes_added),
        (0, 0, 0)
    );
    assert_eq!(got.notes.items, f.notes.items);
    // Into an empty file, then the same renewed project again: the second adds nothing.
    let first = import(&lib, &f, &empty_notes(None), &renewed);
    assert_eq!(first.codes_added, 4, "only the user's codes");
    assert_eq!(
        by_label(&first.notes, &f.cases),
        by_label(&f.notes, &f.cases)
    );
    let twice = import(&lib, &f, &first.notes, &new_guids(&bytes));
    assert_eq!(
        (twice.codes_added, twice.highlights_added, twice.notes_added),
        (0, 0, 0)
    );
}

#[test]
fn one_selection_per_coding_comes_back_as_one_highlight_with_both_codes() {
    let lib = Library::bundled();
    let f = fixture(&lib);
    let bytes = qdpx(&export(&lib, &f)).unwrap();
    // Split every selection with two codings into two selections, the comment on each.
    let split = |qde: &str| {
        let doc = roxmltree::Document::parse(qde).unwrap();
        let mut out = qde.to_owned();
        for sel in doc
            .descendants()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
        {
            let codings: Vec<_> = sel
                .children()
                .filter(|n| n.has_tag_name("Coding"))
                .collect();
            if codings.len() < 2 {
                continue;
            }
            let whole = &qde[sel.range()];
            let second = &qde[codings[1].range()];
            let first_only = whole.replacen(second, "", 1);
            let second_only = whole.replacen(&qde[codings[0].range()], "", 1).replacen(
                sel.attribute("guid").unwrap(),
                &crate::format::new_id(),
                1,
            );
            out = out.replacen(whole, &format!("{first_only}\n{second_only}"), 1);
        }
        out
    };
    let got = import(
        &lib,
        &f,
        &empty_notes(None),
        &rezip(&bytes, split, str::to_owned),
    );
    assert_eq!(got.highlights_added, 6);
    assert_eq!(by_label(&got.notes, &f.cases), by_label(&f.notes, &f.cases));
}

/// A one-source project on the unicode case with the given selections.
fn qde_with(f: &Fixture, body: &str) -> Vec<u8> {
    let case = &f.cases[3];
    let text = crate::refi::qdpx::source_text(case).text;
    let content = crate::refi::text(&text);
    format!(
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Sources>\
         <TextSource guid=\"3f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"u\">\
         <PlainTextContent>{content}</PlainTextContent>{body}</TextSource></Sources>\
         <Notes><Note guid=\"4f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"memo\">\
         <PlainTextContent>An annotation</PlainTextContent></Note>\
         <Note guid=\"5f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"on a code\">\
         <PlainTextContent>lost?</PlainTextContent></Note></Notes>\
         <Sets><Set guid=\"6f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"s\"/></Sets></Project>"
    )
    .into_bytes()
}

#[test]
fn a_selection_across_two_paragraphs_becomes_two_highlights_and_a_heading_is_reported() {
    let lib = Library::bundled();
    let f = fixture(&lib);
    let source = crate::refi::qdpx::source_text(&f.cases[3]);
    let (p1, _) = &source.paragraphs["intro/p1"];
    let (p2, _) = &source.paragraphs["intro/p2"];
    // From "team." in p1 to "Lists" in p2; then the section title "Intro" alone.
    let (start, end) = (p2 - 7, p2 + 5);
    let heading = source.text.find("Intro").unwrap();
    let heading = source.text[..heading].chars().count();
    let body = format!(
        "<PlainTextSelection guid=\"7f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" startPosition=\"{start}\" endPosition=\"{end}\">\
         <NoteRef targetGUID=\"4f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\"/></PlainTextSelection>\
         <PlainTextSelection guid=\"8f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" startPosition=\"{heading}\" endPosition=\"{}\">\
         <Coding guid=\"9f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\"><CodeRef targetGUID=\"0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a12\"/></Coding></PlainTextSelection>\
         <PlainTextSelection guid=\"cf8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" startPosition=\"{heading}\" endPosition=\"{}\"/>",
        heading + 5,
        p1 + 4
    );
    assert!(*p1 < start);
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|x| &x.doc).collect();
    let cases: Vec<&Case> = f.cases.iter().collect();
    let got = import_qdpx(&empty_notes(None), &qde_with(&f, &body), &cases, &fws).unwrap();
    let spans: Vec<(String, String, Option<String>)> = got
        .notes
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Highlight)
        .map(|i| {
            let t = i.target.as_ref().unwrap();
            (
                t.paragraph.as_deref().unwrap().to_owned(),
                t.exact.clone().unwrap(),
                i.text.clone(),
            )
        })
        .collect();
    let note = Some("An annotation".to_owned());
    assert_eq!(
        spans,
        [
            ("intro/p1".into(), "team.".into(), note.clone()),
            ("intro/p2".into(), "Lists".into(), note),
            ("intro/p1".into(), "Cafe".into(), None),
        ],
        "an uncoded span with a note keeps the note as its comment"
    );
    assert!(
        got.skipped
            .iter()
            .any(|s| s.contains("crosses 2 paragraphs")),
        "{:?}",
        got.skipped
    );
    assert!(
        got.skipped
            .iter()
            .any(|s| s.contains("lies on a heading line")),
        "{:?}",
        got.skipped
    );
    assert!(
        got.skipped
            .iter()
            .any(|s| s.contains("its part on a heading line is left out")),
        "{:?}",
        got.skipped
    );
    // The loose note becomes a project memo; the set and the heading's coding are counted.
    assert_eq!(got.notes_added, 1);
    assert_eq!(
        got.left_out.summary().as_deref(),
        Some("1 coding not on a paragraph, 1 set")
    );
}

#[test]
fn a_qualcoder_annotation_note_becomes_a_highlight_with_its_comment() {
    // As QualCoder's create_annotation_note_xml writes it: the span inside the note, the note
    // referred to from the text source.
    let lib = Library::bundled();
    let f = fixture(&lib);
    let source = crate::refi::qdpx::source_text(&f.cases[3]);
    let (p2, _) = &source.paragraphs["intro/p2"];
    let body = "<NoteRef targetGUID=\"af8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\"/>";
    let qde = String::from_utf8(qde_with(&f, body)).unwrap().replacen(
        "<Notes>",
        &format!(
            "<Notes><Note guid=\"af8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" creatingUser=\"\" \
             creationDateTime=\"2021-01-15T23:37:54Z\"><PlainTextContent>Look here</PlainTextContent>\
             <PlainTextSelection guid=\"bf8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" startPosition=\"{p2}\" endPosition=\"{}\"/></Note>",
            p2 + 5
        ),
        1,
    );
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|x| &x.doc).collect();
    let cases: Vec<&Case> = f.cases.iter().collect();
    let got = import_qdpx(&empty_notes(None), qde.as_bytes(), &cases, &fws).unwrap();
    let h: Vec<(&str, Option<&str>, &str)> = got
        .notes
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Highlight)
        .map(|i| {
            let t = i.target.as_ref().unwrap();
            (
                t.exact.as_deref().unwrap(),
                i.text.as_deref(),
                i.created.as_str(),
            )
        })
        .collect();
    assert_eq!(h, [("Lists", Some("Look here"), "2021-01-15T23:37:54Z")]);
    assert_eq!(got.highlights_added, 1);
}

#[test]
fn codings_by_someone_else_keep_their_maker_as_author() {
    let lib = Library::bundled();
    let f = fixture(&lib);
    let bytes = qdpx(&export(&lib, &f)).unwrap();
    let got = import(&lib, &f, &empty_notes(Some("Ben".into())), &bytes);
    let made = f.notes.items.iter().filter(|i| !i.deleted).count();
    assert_eq!(
        got.skipped,
        [format!(
            "items made by someone other than this file's author keep their maker as author: {made} by \"Ana\""
        )]
    );
    assert_eq!(got.notes.author.as_deref(), Some("Ben"));
    assert!(!got.notes.items.is_empty());
    assert!(
        got.notes
            .items
            .iter()
            .all(|i| i.author.as_deref() == Some("Ana"))
    );
}

#[test]
fn two_coders_highlights_keep_their_makers_through_a_round_trip() {
    let lib = Library::bundled();
    let mut f = fixture(&lib);
    // One of Ana's highlights was brought in from Carl, on the same range as another of hers.
    let first = f
        .notes
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Highlight)
        .unwrap()
        .clone();
    let mut carls = first.clone();
    carls.id = crate::format::new_id();
    carls.author = Some("Carl".into());
    carls.text = Some("Carl's reading".into());
    f.notes.items.push(carls);
    let project = export(&lib, &f);
    assert!(
        project.qde.contains("name=\"Carl\"") && project.qde.contains("name=\"Ana\""),
        "both users are listed"
    );
    let bytes = qdpx(&project).unwrap();
    let got = import(&lib, &f, &empty_notes(None), &bytes);
    assert_eq!(
        got.notes.author, None,
        "two makers: no one becomes the author"
    );
    let by = |who: Option<&str>| {
        got.notes
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Highlight && i.author.as_deref() == who)
            .count()
    };
    let highlights = f
        .notes
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Highlight && !i.deleted)
        .count();
    assert_eq!(
        by(Some("Carl")),
        1,
        "Carl's highlight stays his, not merged into Ana's"
    );
    assert_eq!(by(Some("Ana")), highlights - 1);
    let carl = got
        .notes
        .items
        .iter()
        .find(|i| i.author.as_deref() == Some("Carl"))
        .unwrap();
    assert_eq!(carl.text.as_deref(), Some("Carl's reading"));
    // Into Ana's own file, only Carl's item carries an author.
    let into_ana = import(&lib, &f, &empty_notes(Some("Ana".into())), &bytes);
    let authors: Vec<Option<&str>> = into_ana
        .notes
        .items
        .iter()
        .filter(|i| i.author.is_some())
        .map(|i| i.author.as_deref())
        .collect();
    assert_eq!(authors, [Some("Carl")]);
}
