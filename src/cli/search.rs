//! `caselens search QUERY [--library PATH]... [--notes FILE] [--format text|json]`: where the
//! query's words or phrases occur, grouped by case.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::Output;
use crate::search::{Index, Query};

/// Arguments of `caselens search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (typos tolerated) and "quoted phrases"; every one must occur in one place.
    #[arg(required = true, value_name = "QUERY", num_args = 1..)]
    pub query: Vec<String>,
    /// A folder or file of cases to add (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
    /// A notes file whose highlight comments, notes and memos are searched too.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
}

/// Searches the library (and notes); exit 0 with results, 1 with none, 2 for an empty query.
pub fn run(
    args: &SearchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let Some(query) = Query::parse(&args.query.join(" ")) else {
        writeln!(err, "caselens: the query has no word to search for")?;
        return Ok(ExitCode::from(2));
    };
    let notes = match args.notes.as_deref().map(crate::notes::read_notes) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(e)) => {
            writeln!(err, "caselens: {e}")?;
            return Ok(ExitCode::from(1));
        }
    };
    let lib = super::load_warning(&args.library, err)?;
    let results = Index::build(&lib, notes.as_ref()).search(&query);
    match args.format {
        Output::Json => {
            let report = json!({ "query": args.query.join(" "), "cases": results });
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        }
        Output::Text => {
            for case in &results {
                for hit in &case.hits {
                    writeln!(
                        out,
                        "{}  {}  {}",
                        case.case,
                        hit.place,
                        marked(&hit.snippet)
                    )?;
                }
            }
        }
    }
    let hits: usize = results.iter().map(|c| c.hits.len()).sum();
    if hits == 0 {
        writeln!(err, "no match")?;
        return Ok(ExitCode::from(1));
    }
    writeln!(err, "{hits} match(es) in {} case(s)", results.len())?;
    Ok(ExitCode::SUCCESS)
}

/// The snippet with its match between `[` and `]`.
fn marked(s: &crate::search::Snippet) -> String {
    let mut out = String::new();
    for (i, c) in s.text.chars().enumerate() {
        if i == s.mark.start {
            out.push('[');
        }
        if i == s.mark.end {
            out.push(']');
        }
        out.push(c);
    }
    if s.mark.end >= s.text.chars().count() {
        out.push(']');
    }
    out
}
