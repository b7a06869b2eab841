//! Speed of a class's notes (issue 14): 300 notes files of 40 highlights each over 200
//! synthetic cases (each student starts at another case, so about 60 students rate each
//! case, and drops a code now and then). Targets: opening them as layers <= 1 s; agreement
//! over 300 coders on 200 cases <= 1 s; `caselens notes merge` of the 300 files <= 1 s.
//! Run with `cargo bench --bench agreement`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caselens::agreement::summary::class_summary;
use caselens::agreement::triage::disagreements;
use caselens::agreement::{Bootstrap, CodeFilter, Options, Unit, agreement};
use caselens::format::{Case, NotesFile};
use caselens::notes::layers::{load_layers, read_many};
use caselens::notes::merge::{merge, merge_many};

const STUDENTS: usize = 300;
const HIGHLIGHTS: usize = 40;
const CASES: usize = 200;

/// Student `j`'s notes: the synthetic highlights starting at case `7 j`, own ids, and the
/// framework code dropped from every third highlight (shifted per student).
fn student(cases: &[Case], j: usize) -> NotesFile {
    let mut notes = synth::student(cases, j, HIGHLIGHTS);
    for (h, item) in notes.items.iter_mut().enumerate() {
        item.id = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("bench-agreement-{j}-{h}").as_bytes(),
        )
        .to_string();
        if (h + j).is_multiple_of(3) {
            item.codes.truncate(1);
        }
    }
    notes
}

fn write_class(dir: &Path, cases: &[Case]) -> Vec<PathBuf> {
    (0..STUDENTS)
        .map(|j| {
            let path = dir.join(format!("student-{j:03}.notes.json"));
            let bytes = caselens::notes::store::to_bytes(&student(cases, j)).expect("bytes");
            std::fs::write(&path, bytes).expect("write");
            path
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let lib = synth::library(synth::cases(CASES));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = write_class(dir.path(), &cases);
    let folder = vec![dir.path().to_owned()];

    let open = time(5, || {
        black_box(load_layers(&folder, &lib));
    });
    let layers = load_layers(&folder, &lib);
    assert_eq!(layers.layers.len(), STUDENTS, "{:?}", layers.problems);
    println!(
        "open {STUDENTS} notes files x {HIGHLIGHTS} highlights as layers: median {:.0} ms (target <= 1000)",
        ms(open)
    );

    for unit in [Unit::Paragraph, Unit::Char] {
        let options = Options::new(unit, CodeFilter::All);
        let t = time(5, || {
            black_box(agreement(&lib, &layers.layers, &options));
        });
        let r = agreement(&lib, &layers.layers, &options);
        println!(
            "agreement, {unit:?} units: {} coders, {} cases, {} codes, alpha {:.3}: median {:.0} ms (target <= 1000)",
            r.coders.len(),
            r.cases,
            r.codes.len(),
            r.overall.alpha.unwrap_or(f64::NAN),
            ms(t)
        );
    }
    // Issue 24: with the bootstrap interval of every alpha (1,000 draws), rolled up to the
    // families, and the first family as a semantic domain. Target <= 2 s.
    let family = r_family(&lib);
    for unit in [Unit::Paragraph, Unit::Char] {
        let options = Options {
            rollup: Some(caselens::agreement::Rollup::Level(2)),
            domain: family.clone(),
            bootstrap: Some(Bootstrap::default()),
            ..Options::new(unit, CodeFilter::All)
        };
        let t = time(5, || {
            black_box(agreement(&lib, &layers.layers, &options));
        });
        let r = agreement(&lib, &layers.layers, &options);
        let c = r.overall.confidence.expect("interval");
        println!(
            "agreement + bootstrap 1,000, {unit:?} units, rolled up to level 2, domain {:?}: {} coders, {} cases, {} codes, alpha {:.3} [{:.3}, {:.3}]: median {:.0} ms (target <= 2000)",
            family,
            r.coders.len(),
            r.cases,
            r.codes.len(),
            r.overall.alpha.unwrap_or(f64::NAN),
            c.low,
            c.high,
            ms(t)
        );
    }
    let triage = time(5, || {
        black_box(disagreements(&lib, &layers.layers, &CodeFilter::All, 50));
    });
    let summary = time(5, || {
        black_box(class_summary(&lib, &layers.layers, 5));
    });
    println!(
        "disagreement triage: median {:.0} ms; class summary: median {:.0} ms",
        ms(triage),
        ms(summary)
    );
    bench_merge(dir.path(), &paths);
}

/// The first code family of the library's frameworks (the semantic domain benched).
fn r_family(lib: &caselens::library::Library) -> Option<String> {
    let f = lib.frameworks.first()?;
    let empty = caselens::format::empty_notes(None);
    let book = caselens::codebook::Codebook::build(Some(&f.doc), &empty);
    book.families().first().map(|f| f.id.clone())
}

/// The merge of the 300 files: as `caselens notes merge` did it (one file after the other,
/// each merged into a copy of the result so far), in one pass, and through the binary.
fn bench_merge(dir: &Path, paths: &[PathBuf]) {
    let t = Instant::now();
    let mut folded: Option<NotesFile> = None;
    for p in paths {
        let n = caselens::notes::read_notes(p).expect("read");
        folded = Some(match folded {
            None => n,
            Some(acc) => merge(&acc, &n).0,
        });
    }
    let before = t.elapsed();
    let one_pass = time(3, || {
        let all: Vec<NotesFile> = read_many(paths)
            .into_iter()
            .map(|r| r.expect("read"))
            .collect();
        black_box(merge_many(all));
    });
    let out = dir.join("merged.out.json");
    let mut args: Vec<String> = vec!["notes".into(), "merge".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.display().to_string()]);
    let binary = time(3, || {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_caselens"))
            .args(&args)
            .output()
            .expect("run caselens");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    });
    println!(
        "notes merge of {} files: read one by one + fold {:.0} ms (before); read on 2 threads + one pass {:.0} ms; `caselens notes merge` {:.0} ms (target <= 1000)",
        paths.len(),
        ms(before),
        ms(one_pass),
        ms(binary)
    );
}
