//! Speed of the search (issue 12: one query over 1,000 cases <= 10 ms) on 1,000 synthetic
//! cases (the corpus of `examples/synth_corpus`) with 2,000 highlights: the index build once,
//! then the median of single queries (a word, a typo, two words, a phrase). Run with
//! `cargo bench --bench search`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;

use caselens::format::Case;
use caselens::search::{Index, Query};

fn main() {
    let lib = synth::library(synth::cases(1000));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let notes = synth::notes(&cases, 2000);
    let build = time(5, || {
        black_box(Index::build(&lib, Some(&notes)));
    });
    let index = Index::build(&lib, Some(&notes));
    println!(
        "corpus: {} cases, {} highlights, {} indexed texts; index build: median {:.1} ms",
        lib.cases.len(),
        notes.items.len(),
        index.len(),
        build.as_secs_f64() * 1e3
    );
    for q in [
        "alliance",
        "allaince",
        "hosting partners",
        "\"application service\"",
    ] {
        let query = Query::parse(q).expect("a query");
        let hits: usize = index.search(&query).iter().map(|c| c.hits.len()).sum();
        let t = time(30, || {
            black_box(index.search(&query));
        });
        println!(
            "search {q:<24} {hits:>6} hits: median {:.2} ms (target <= 10 ms)",
            t.as_secs_f64() * 1e3
        );
    }
}
