//! Speed of the retrieval of coded passages (`retrieve::coded`, issue 12) on 200 synthetic
//! cases with 2,000 highlights (the corpus of `examples/synth_corpus`): the highlights of one
//! user code (target <= 1 ms) and all 2,000 highlights, by any of the 30 user codes (target
//! <= 8 ms). Each figure is the whole retrieval from loaded cases and notes to the list of
//! passages. Run with `cargo bench --bench coded`.

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::time::{Duration, Instant};

use caselens::format::Case;
use caselens::retrieve::{Mode, coded};

/// Median of `runs` timed calls, after a few untimed ones.
fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    for _ in 0..runs.min(5) {
        f();
    }
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let lib = synth::library(synth::cases(200));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let notes = synth::notes(&cases, 2000);
    let one = vec![notes.codes[3].id.clone()];
    let every: Vec<String> = notes.codes.iter().map(|c| c.id.clone()).collect();
    for (what, codes, target) in [("one code", &one, 1.0), ("all highlights", &every, 8.0)] {
        let found = coded(&lib, &notes, codes, Mode::Or, None);
        let t = time(50, || {
            black_box(coded(&lib, &notes, codes, Mode::Or, None));
        });
        println!(
            "coded, {what}: {} passage(s) from {} cases in {:.3} ms (target <= {target} ms)",
            found.len(),
            cases.len(),
            t.as_secs_f64() * 1000.0
        );
    }
}
