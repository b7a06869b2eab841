//! Writes a synthetic corpus for speed measurements: N cases (copies of the bundled ones under
//! new ids) as `DIR/<id>.case.json`, and with `--notes K` a notes file `DIR/synth.notes.json`
//! with K highlights over them. The same arguments always write the same files.
//!
//! ```sh
//! cargo run --release --example synth_corpus -- 200 /tmp/synth --notes 2000
//! caselens export highlights --notes /tmp/synth/synth.notes.json --library /tmp/synth -o h.csv
//! ```

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use caselens::format::to_json_pretty;

const USAGE: &str = "usage: synth_corpus N DIR [--notes K]";

/// `(N, DIR, K)` from the command line.
fn parse_args(args: &[String]) -> Result<(usize, PathBuf, Option<usize>), String> {
    let number = |s: &str| s.parse::<usize>().map_err(|_| format!("not a number: {s}"));
    match args {
        [n, dir] => Ok((number(n)?, dir.into(), None)),
        [n, dir, flag, k] if flag == "--notes" => Ok((number(n)?, dir.into(), Some(number(k)?))),
        _ => Err(USAGE.to_owned()),
    }
}

fn write(dir: &std::path::Path, n: usize, k: Option<usize>) -> Result<String, String> {
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
    Ok(said)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|(n, dir, k)| write(&dir, n, k));
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
