//! Saving and loading a notes file of 10,000 items. Target (issue 5): <= 50 ms each.
//! Run with `cargo bench --bench notes`.

#[path = "timing/mod.rs"]
mod timing;
use timing::median;

use std::time::{Duration, Instant};

use caselens::format::empty_notes;
use caselens::notes::anchor::new_anchor;
use caselens::notes::book::NoteBook;
use caselens::notes::store;

fn main() {
    let text = "Company A is an e-business solution provider founded in 1999. It specialises in front-office applications.";
    let mut book = NoteBook::new(empty_notes(Some("bench".into())));
    for i in 0..10_000 {
        match i % 3 {
            0 => {
                let start = i % 40;
                let anchor = new_anchor(text, start, start + 20).expect("anchor");
                book.add_highlight(
                    "company-a",
                    "background/p1",
                    anchor,
                    vec!["RAT.practice.market-access".into()],
                    Some(format!("comment {i}")),
                );
            }
            1 => {
                book.add_note("company-b", Some("rationale"), &format!("note {i}"));
            }
            _ => {
                book.add_memo(
                    None,
                    &format!("memo {i}"),
                    "Some *Markdown* text for the memo.",
                );
            }
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.notes.json");
    let notes = book.file().clone();
    let mut base = None;
    let mut saves = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let saved = store::save(&path, &notes, base.as_ref().map(|(n, f)| (n, *f))).expect("save");
        saves.push(t.elapsed());
        base = Some((notes.clone(), saved.fingerprint));
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let loads: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let loaded = store::load(&path).expect("load");
            assert_eq!(loaded.notes.items.len(), 10_000);
            t.elapsed()
        })
        .collect();
    let ser: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(store::to_bytes(&notes).expect("bytes"));
            t.elapsed()
        })
        .collect();
    let bytes = std::fs::read(&path).expect("read");
    let parse: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(caselens::notes::parse_notes(&path, &bytes).expect("parse"));
            t.elapsed()
        })
        .collect();
    println!(
        "notes: of which serializing: {:?}; parsing + checking without I/O: {:?} (medians)",
        median(ser),
        median(parse)
    );
    println!(
        "notes: save 10,000 items ({:.1} MB, atomic + backup): {:?} (median)",
        size as f64 / 1e6,
        median(saves)
    );
    println!(
        "notes: load + validate 10,000 items: {:?} (median)",
        median(loads)
    );
}
