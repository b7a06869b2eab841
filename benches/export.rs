//! Speed of the data exports on 200 synthetic cases with 2,000 highlights (the corpus of
//! `examples/synth_corpus`): all highlights as CSV (target, issue 13: <= 10 ms), the matrix as
//! CSV, the comparison of 8 cases as an HTML handout, and the highlights as W3C Web
//! Annotations (JSON-LD). Each figure is the whole export from loaded cases and notes to the
//! file's text. Run with `cargo bench --bench export`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;

use caselens::codebook::Codebook;
use caselens::compare::{RowFilter, compare, matrix};
use caselens::export::{annotation, data, html};
use caselens::format::Case;

fn kib(text: &str) -> usize {
    text.len() / 1024
}

fn main() {
    let lib = synth::library(synth::cases(200));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let notes = synth::notes(&cases, 2000);
    let refs: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    let fw = lib.framework("asp-alliances").expect("bundled framework");
    println!(
        "corpus: {} cases, {} highlights, {} user codes",
        refs.len(),
        notes.items.len(),
        notes.codes.len()
    );

    let csv = data::highlights_csv(&notes, &lib);
    let t = time(50, || {
        black_box(data::highlights_csv(&notes, &lib));
    });
    println!(
        "highlights CSV: {t:?} (median; target 10 ms), {} records, {} KiB",
        csv.matches("\r\n").count() - 1,
        kib(&csv)
    );

    let codebook = Codebook::build(Some(fw), &notes);
    let family = matrix::default_family(&codebook, fw, &refs, Some(&notes)).expect("a family");
    let build = || matrix::build_with(&codebook, fw, &refs, Some(&notes), &family);
    let m = build();
    let t = time(30, || {
        black_box(data::matrix_csv(&build()));
    });
    let write_only = time(100, || {
        black_box(data::matrix_csv(&m));
    });
    println!(
        "matrix CSV (family {family}, {} cases x {} codes): {t:?} built and written, \
         {write_only:?} written only (medians)",
        m.cases.len(),
        m.codes.len()
    );

    let eight: Vec<&Case> = refs.iter().take(8).copied().collect();
    let handout = || {
        let cmp = compare(fw, &eight, Some(&notes)).expect("comparison");
        html::comparison(&cmp, fw, &lib, RowFilter::default())
    };
    let page = handout();
    let t = time(100, || {
        black_box(handout());
    });
    println!(
        "comparison HTML, 8 cases: {t:?} (median, comparison built and written), {} KiB",
        kib(&page)
    );

    let out = annotation::collection(&notes, &lib);
    let text = out.text();
    let t = time(30, || {
        black_box(annotation::collection(&notes, &lib).text());
    });
    let built = time(30, || {
        black_box(annotation::collection(&notes, &lib));
    });
    let written = time(30, || {
        black_box(out.text());
    });
    println!(
        "annotations JSON-LD: {t:?} (median; built {built:?} + text {written:?}), {} annotations \
         ({} without position), {} KiB",
        out.written,
        out.unplaced,
        kib(&text)
    );
}
