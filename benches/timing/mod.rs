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
