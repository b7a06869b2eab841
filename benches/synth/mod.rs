//! A synthetic corpus of any size, for benches (`#[path = "synth/mod.rs"] mod synth;`) and
//! `examples/synth_corpus.rs`: `n` cases, copies of the bundled ones (real text, facets,
//! evidence and alliances) under new ids and titles, and a notes file with `k` highlights
//! spread over their paragraphs, each with one of 30 user codes (a third nested) and one
//! framework code, every other one with a comment that needs CSV quoting. The same `n` and
//! `k` always give the same files (ids and times are derived from the numbers).

#![allow(dead_code, reason = "each user takes the parts it needs")]

use std::time::{Duration, UNIX_EPOCH};

use caselens::format::empty_notes;
use caselens::format::{Case, Item, ItemKind, NotesFile, Target, UserCode};
use caselens::library::{Bundled, Entry, Library, LoadRequest, Origin};
use caselens::notes::anchor::new_anchor;

/// The bundled library (frameworks and cases).
pub fn bundled() -> Library {
    Library::bundled()
}

/// `n` cases: the bundled ones in turn, as `<id>-<i>` titled `<title> (synthetic <i>)`.
pub fn cases(n: usize) -> Vec<Case> {
    let lib = bundled();
    (0..n)
        .map(|i| {
            let mut c = lib.cases[i % lib.cases.len()].doc.clone();
            c.id = format!("{}-{i}", c.id);
            c.title = format!("{} (synthetic {i})", c.title);
            c
        })
        .collect()
}

/// The bundled frameworks with `cases` (and no bundled case).
pub fn library(cases: Vec<Case>) -> Library {
    let mut lib = Library::load(&LoadRequest {
        bundled: Bundled::FrameworksOnly,
        paths: Vec::new(),
    });
    lib.cases = cases
        .into_iter()
        .map(|doc| Entry {
            origin: Origin::File(format!("synthetic/{}.case.json", doc.id).into()),
            doc,
        })
        .collect();
    lib
}

/// An RFC 3339 time `seconds` after 2026-01-01T00:00:00Z.
fn time(seconds: u64) -> String {
    let t = UNIX_EPOCH + Duration::from_secs(1_767_225_600 + seconds);
    humantime::format_rfc3339_seconds(t).to_string()
}

/// A UUID derived from `key`.
fn uuid(key: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, key.as_bytes()).to_string()
}

/// 30 user codes, every third one nested under the one before.
fn user_codes() -> Vec<UserCode> {
    let mut codes: Vec<UserCode> = Vec::new();
    for i in 0..30 {
        let parent = (i % 3 == 1).then(|| codes[codes.len() - 1].id.clone());
        let id = match &parent {
            Some(p) => format!("{p}.c{i}"),
            None => format!("USER.c{i}"),
        };
        codes.push(UserCode {
            guid: Some(uuid(&format!("synth-code-{i}"))),
            codable: None,
            id,
            label: format!("Code {i}"),
            color: Some(format!("#{:06x}", (i as u32 * 0x002f_4d1b) & 0x00ff_ffff)),
            parent,
            definition: None,
        });
    }
    codes
}

/// Student `j` of a synthetic class: `k` highlights like [`notes`], starting at case `7 j`
/// (so neighbouring students overlap on most cases), by "Student j".
pub fn student(cases: &[Case], j: usize, k: usize) -> NotesFile {
    let offset = (j * 7) % cases.len();
    let rotated: Vec<Case> = cases[offset..]
        .iter()
        .chain(&cases[..offset])
        .cloned()
        .collect();
    let mut notes = notes(&rotated, k);
    notes.author = Some(format!("Student {j}"));
    notes
}

/// A synthetic class of `students` read-only layers, each [`student`] with `k` highlights.
pub fn class_layers(cases: &[Case], students: usize, k: usize) -> caselens::notes::layers::Layers {
    caselens::notes::layers::Layers {
        layers: (0..students)
            .map(|j| caselens::notes::layers::Layer {
                path: format!("/class/student-{j:03}.notes.json").into(),
                author: format!("Student {j}"),
                notes: student(cases, j, k),
            })
            .collect(),
        problems: Vec::new(),
    }
}

/// The id of the case most of `coders` wrote on (the heaviest case for the class views).
pub fn busiest_case(cases: &[Case], coders: &[caselens::notes::layers::Coder<'_>]) -> String {
    cases
        .iter()
        .max_by_key(|c| {
            coders
                .iter()
                .filter(|k| {
                    k.notes
                        .items
                        .iter()
                        .any(|i| i.case.as_deref() == Some(&c.id))
                })
                .count()
        })
        .map(|c| c.id.clone())
        .unwrap_or_default()
}

/// A notes file by "Synthetic Author" with `k` highlights over `cases` (round robin over the
/// cases, then over each case's paragraphs), 20 to 59 characters long.
pub fn notes(cases: &[Case], k: usize) -> NotesFile {
    let mut notes = empty_notes(Some("Synthetic Author".into()));
    notes.created = Some(time(0));
    notes.modified = Some(time(k as u64));
    notes.codes = user_codes();
    let lib = bundled();
    let framework_codes: Vec<String> = lib
        .frameworks
        .iter()
        .flat_map(|f| f.doc.codes.iter())
        .filter(|c| c.parent.is_some())
        .map(|c| c.id.clone())
        .collect();
    for h in 0..k {
        let case = &cases[h % cases.len()];
        let paragraphs: Vec<(String, &str)> = case
            .sections
            .iter()
            .flat_map(|s| {
                s.paragraphs
                    .iter()
                    .map(move |p| (format!("{}/{}", s.id, p.id), p.text.as_str()))
            })
            .collect();
        let (address, text) = &paragraphs[(h / cases.len()) % paragraphs.len()];
        let len = text.chars().count();
        let want = 20 + h % 40;
        let start = (h * 7) % len.saturating_sub(want).max(1);
        let Some(a) = new_anchor(text, start, (start + want).min(len)) else {
            continue;
        };
        let comment = (h % 2 == 0).then(|| format!("Point {h}: \"why\", see 🙂\nand more"));
        notes.items.push(Item {
            id: uuid(&format!("synth-highlight-{h}")),
            kind: ItemKind::Highlight,
            case: Some(case.id.as_str().into()),
            target: Some(Target {
                paragraph: Some(address.as_str().into()),
                exact: Some(a.exact),
                prefix: Some(a.prefix),
                suffix: Some(a.suffix),
                start: Some(a.start),
                end: Some(a.end),
                dimension: None,
                question: None,
            }),
            codes: vec![
                notes.codes[h % notes.codes.len()].id.as_str().into(),
                framework_codes[h % framework_codes.len()].as_str().into(),
            ],
            title: None,
            text: comment,
            created: time(h as u64).into(),
            modified: time(h as u64).into(),
            deleted: false,
            author: None,
        });
    }
    notes
}
