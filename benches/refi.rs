//! REFI-QDA: `.qdc` and `.qdpx` export (and `.qdpx` import) on the bundled corpus and on 200
//! cases with 2,000 highlights. Targets (issue 13): `.qdc` <= 3 ms, `.qdpx` <= 200 ms.
//! Hostile codebooks (issue 22): 100,000 sibling codes imported, and trees 32 (the deepest
//! read), 3,000 and 50,000 levels deep (refused); target: each well under 1 s.
//! Run with `cargo bench --bench refi`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "../tests/hostile.rs"]
mod hostile;

use std::collections::HashSet;

use std::hint::black_box;

use caselens::format::empty_notes;
use caselens::format::{Case, Framework, NotesFile};
use caselens::library::{Bundled, Library, LoadRequest};
use caselens::notes::anchor::new_anchor;
use caselens::notes::book::NoteBook;
use caselens::refi::{import, project_import, qdc, qdpx};

/// `per_case` highlights on each case (spread over its paragraphs), and 30 user codes.
fn notes_for(cases: &[&Case], per_case: usize) -> NotesFile {
    let mut book = NoteBook::new(empty_notes(Some("bench".into())));
    let mut codes: Vec<String> = Vec::new();
    for i in 0..30 {
        let parent = (i % 3 == 1).then(|| codes[codes.len() - 1].clone());
        let id = book
            .add_code(&format!("Code {i}"), "#10b981", parent.as_deref())
            .expect("code");
        codes.push(id);
    }
    for case in cases {
        let paragraphs: Vec<(String, &str)> = case
            .sections
            .iter()
            .flat_map(|s| {
                s.paragraphs
                    .iter()
                    .map(move |p| (format!("{}/{}", s.id, p.id), p.text.as_str()))
            })
            .collect();
        for k in 0..per_case {
            let (address, text) = &paragraphs[k % paragraphs.len()];
            let len = text.chars().count();
            let start = (k * 7) % len.saturating_sub(20).max(1);
            let Some(anchor) = new_anchor(text, start, (start + 20).min(len)) else {
                continue;
            };
            let picked = vec![
                codes[k % codes.len()].clone(),
                "RAT.practice.market-access".to_owned(),
            ];
            book.add_highlight(&case.id, address, anchor, picked, Some(format!("c{k}")));
        }
    }
    book.file().clone()
}

fn run(label: &str, cases: &[&Case], frameworks: &[&Framework], notes: &NotesFile) {
    let qdc_time = time(50, || {
        black_box(qdc::qdc(frameworks, notes).expect("qdc"));
    });
    let input = qdpx::Input {
        name: "bench",
        cases,
        frameworks,
        notes,
    };
    let project_time = time(10, || {
        black_box(qdpx::project(&input));
    });
    let project = qdpx::project(&input);
    let zip_time = time(10, || {
        black_box(qdpx::qdpx(&project).expect("zip"));
    });
    let total = time(10, || {
        black_box(qdpx::qdpx(&qdpx::project(&input)).expect("qdpx"));
    });
    let bytes = qdpx::qdpx(&project).expect("qdpx");
    let size = bytes.len();
    let empty = empty_notes(None);
    let import_time = time(10, || {
        let got = project_import::import_qdpx(&empty, &bytes, cases, frameworks).expect("import");
        assert_eq!(got.highlights_added, project.selections);
        black_box(got);
    });
    println!(
        "{label}: {} cases, {} highlights written ({} skipped): .qdc {qdc_time:?}; .qdpx {total:?} \
         (project {project_time:?} + zip {zip_time:?}, {} KiB); .qdpx import {import_time:?} \
         (medians)",
        cases.len(),
        project.selections,
        project.skipped,
        size / 1024
    );
}

/// Imports of the hostile codebooks: the flat one adds every code, the deep ones are refused
/// (except the 32 levels Caselens reads).
fn hostile() {
    let empty = empty_notes(None);
    let none = HashSet::new();
    let flat = hostile::flat_qdc(100_000);
    let flat_time = time(5, || {
        let got = import::import_qdc(&empty, flat.as_bytes(), &none).expect("flat import");
        assert_eq!(got.added, 100_000);
        black_box(got);
    });
    println!(
        "100,000 sibling codes ({} KiB .qdc): import {flat_time:?} (median)",
        flat.len() / 1024
    );
    for levels in [32, 3_000, 50_000] {
        let deep = hostile::deep_qdc(levels);
        let deep_time = time(10, || {
            let got = import::import_qdc(&empty, deep.as_bytes(), &none);
            assert_eq!(got.is_ok(), levels <= 32);
            black_box(got).ok();
        });
        println!(
            "{levels} nested codes ({} KiB .qdc): import {deep_time:?} (median)",
            deep.len() / 1024
        );
    }
    let deep = hostile::deep_qdpx(50_000);
    let deep_time = time(10, || {
        let got = project_import::import_qdpx(&empty, &deep, &[], &[]);
        assert!(got.is_err());
        black_box(got).ok();
    });
    println!(
        "50,000 nested codes in a .qdpx ({} KiB): import {deep_time:?} (median)",
        deep.len() / 1024
    );
}

fn main() {
    hostile();
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: Vec::new(),
    });
    let frameworks: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let bundled: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    run(
        "bundled corpus",
        &bundled,
        &frameworks,
        &notes_for(&bundled, 10),
    );
    // 200 cases (copies of the bundled ones under new ids), 10 highlights each.
    let synthetic: Vec<Case> = (0..200)
        .map(|i| {
            let mut c = bundled[i % bundled.len()].clone();
            c.id = format!("{}-{i}", c.id);
            c
        })
        .collect();
    let synthetic: Vec<&Case> = synthetic.iter().collect();
    run(
        "synthetic",
        &synthetic,
        &frameworks,
        &notes_for(&synthetic, 10),
    );
}
