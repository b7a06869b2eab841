//! Writes a synthetic corpus for speed measurements: N cases (copies of the bundled ones under
//! new ids) as `DIR/<id>.case.json`, and with `--notes K` a notes file `DIR/synth.notes.json`
//! with K highlights over them. With `--class L CLASSDIR`, L students' notes files (40
//! highlights each, neighbours overlapping) go to `CLASSDIR/student-NNN.notes.json`, to open as
//! layers (a folder apart: in DIR they would be loaded as the library's notes). The same
//! arguments always write the same files.
//!
//! ```sh
//! cargo run --release --example synth_corpus -- 200 /tmp/synth --notes 2000
//! cargo run --release --example synth_corpus -- 1000 /tmp/s --notes 10000 --class 300 /tmp/class
//! caselens export highlights --notes /tmp/synth/synth.notes.json --library /tmp/synth -o h.csv
//! ```

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use caselens::format::to_json_pretty;

const USAGE: &str = "usage: synth_corpus N DIR [--notes K] [--class L CLASSDIR]";

/// Highlights per student of `--class`.
const STUDENT_HIGHLIGHTS: usize = 40;

/// What to write.
struct Args {
    n: usize,
    dir: PathBuf,
    notes: Option<usize>,
    class: Option<(usize, PathBuf)>,
}

/// The arguments, from the command line.
fn parse_args(args: &[String]) -> Result<Args, String> {
    let number = |s: &str| s.parse::<usize>().map_err(|_| format!("not a number: {s}"));
    let [n, dir, rest @ ..] = args else {
        return Err(USAGE.to_owned());
    };
    let mut parsed = Args {
        n: number(n)?,
        dir: dir.into(),
        notes: None,
        class: None,
    };
    let mut rest = rest;
    loop {
        rest = match rest {
            [] => return Ok(parsed),
            [flag, k, more @ ..] if flag == "--notes" => {
                parsed.notes = Some(number(k)?);
                more
            }
            [flag, l, dir, more @ ..] if flag == "--class" => {
                parsed.class = Some((number(l)?, dir.into()));
                more
            }
            _ => return Err(USAGE.to_owned()),
        };
    }
}

/// Writes `students` notes files of [`STUDENT_HIGHLIGHTS`] highlights over `cases` to `dir`.
fn write_class(
    dir: &std::path::Path,
    cases: &[caselens::format::Case],
    students: usize,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for j in 0..students {
        let notes = synth::student(cases, j, STUDENT_HIGHLIGHTS);
        let path = dir.join(format!("student-{j:03}.notes.json"));
        let text = to_json_pretty(&notes, &notes.extensions).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn write(args: &Args) -> Result<String, String> {
    let (dir, n, k) = (args.dir.as_path(), args.n, args.notes);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let save = |name: String, text: serde_json::Result<String>| {
        let path = dir.join(name);
        let text = text.map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let cases = synth::cases(n);
    for case in &cases {
        let mut case = case.clone();
        case.schema = None;
        save(
            format!("{}.case.json", case.id),
            to_json_pretty(&case, &case.extensions),
        )?;
    }
    let mut said = format!("wrote {n} cases to {}", dir.display());
    if let Some(k) = k.filter(|_| n > 0) {
        let notes = synth::notes(&cases, k);
        save(
            "synth.notes.json".into(),
            to_json_pretty(&notes, &notes.extensions),
        )?;
        said.push_str(&format!(
            " and {} highlights to synth.notes.json",
            notes.items.len()
        ));
    }
    if let Some((students, class)) = args.class.as_ref().filter(|_| n > 0) {
        write_class(class, &cases, *students)?;
        said.push_str(&format!(
            "; {students} students' notes files to {}",
            class.display()
        ));
    }
    Ok(said)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|a| write(&a));
    match result {
        Ok(said) => {
            println!("{said}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("synth_corpus: {why}");
            ExitCode::from(2)
        }
    }
}
