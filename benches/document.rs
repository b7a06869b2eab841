//! Documents into draft cases (issue 19): a 100-page two-column PDF with running headers
//! (target <= 2 s) and a 200-page Word document (target <= 1 s), read and drafted.
//! Run with `cargo bench --bench document`. The inputs are committed in
//! benches/fixtures/documents/ (made by `bash scripts/doc-fixtures.sh --speed`).

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use caselens::document::{DraftOptions, draft_case, format_of, read_bytes};

fn run(name: &str, pages: usize, runs: usize, target: Duration) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/fixtures/documents")
        .join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        println!(
            "{name}: not found at {}; make it with `bash scripts/doc-fixtures.sh --speed`",
            path.display()
        );
        return;
    };
    let format = format_of(&path).expect("a known extension");
    let doc = read_bytes(&path, format, &bytes).expect("the bench document reads");
    let read = time(runs, || {
        black_box(read_bytes(&path, format, &bytes).expect("read"));
    });
    let draft = time(runs, || {
        black_box(draft_case(&doc, &DraftOptions::default()).expect("draft"));
    });
    let verdict = if read + draft <= target { "ok" } else { "OVER" };
    if format == caselens::document::Format::Pdf {
        // For comparison: pdf-extract's own plain text (content-stream order, no layout).
        let plain = time(runs, || {
            black_box(pdf_extract::extract_text_from_mem(&bytes).expect("plain text"));
        });
        println!("{name}: pdf-extract's plain text alone: {plain:?}");
    }
    println!(
        "{name}: {pages} pages, {} KiB -> {} sections, {} paragraphs: read {read:?} + draft \
         {draft:?} (median of {runs}); target {target:?}: {verdict}",
        bytes.len() / 1024,
        doc.sections.len(),
        doc.paragraph_count(),
    );
}

fn main() {
    run("long.pdf", 100, 5, Duration::from_secs(2));
    run("long.docx", 200, 10, Duration::from_secs(1));
}
