//! Timing helpers shared by the benchmarks: medians of repeated runs after a warm-up.
#![allow(dead_code, reason = "each bench uses some of the helpers")]

use std::time::{Duration, Instant};

/// The median of `samples`.
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median of `runs` timed calls of `f`, after a few untimed ones.
pub fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    for _ in 0..runs.min(5) {
        f();
    }
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// Median of `runs` timed calls of `f`, each on a fresh input from `setup` (made untimed:
/// a call that consumes its input, such as a load that takes the files' bytes).
pub fn time_with<I>(runs: usize, setup: impl FnMut() -> I, f: impl FnMut(I)) -> Duration {
    time_kept(runs, setup, f)
}

/// Median of `runs` timed calls of `f`, each on a fresh input from `setup`, with what `f`
/// returns dropped untimed (a load, timed without freeing what it loaded).
pub fn time_kept<I, O>(
    runs: usize,
    mut setup: impl FnMut() -> I,
    mut f: impl FnMut(I) -> O,
) -> Duration {
    for _ in 0..runs.min(5) {
        drop(f(setup()));
    }
    median(
        (0..runs)
            .map(|_| {
                let input = setup();
                let t = Instant::now();
                let out = f(input);
                let spent = t.elapsed();
                drop(std::hint::black_box(out));
                spent
            })
            .collect(),
    )
}
