//! The command line: `caselens [PATH...]` opens the app; subcommands work without a window.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::library::{Bundled, Library, LoadRequest};

/// Read, compare and annotate structured business case studies.
#[derive(Debug, Parser)]
#[command(
    name = "caselens",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a subcommand the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Case, framework or notes files, or folders of them, to open besides the bundled cases.
    pub paths: Vec<PathBuf>,
    /// A folder of cases to add to the library (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check case, framework and notes files; exit 0 if all are valid, 1 if any is not.
    Validate {
        /// Files or folders. Frameworks named here and the bundled ones are used to check cases.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
    /// List every loaded case and framework (bundled, plus --library folders).
    List {
        /// A folder or file to add (repeatable).
        #[arg(long = "library", value_name = "PATH")]
        library: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// Human-readable lines.
    Text,
    /// One JSON document, for machines.
    Json,
}

/// Runs a subcommand, writing results to `out` and problems to `err`.
pub fn run(
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate { paths, format } => validate(paths, *format, out, err),
        Command::List { library, format } => list(library, *format, out, err),
    }
}

fn validate(
    paths: &[PathBuf],
    format: Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    for p in paths {
        if !p.exists() {
            writeln!(err, "caselens: {}: no such file or folder", p.display())?;
            return Ok(ExitCode::from(2));
        }
    }
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::FrameworksOnly,
        paths: paths.to_vec(),
    });
    let files: Vec<_> = lib
        .files
        .iter()
        .filter(|f| !f.origin.is_bundled())
        .collect();
    let valid = files.iter().all(|f| f.is_valid());
    match format {
        Output::Json => {
            let report = json!({
                "valid": valid,
                "files": files.iter().map(|f| json!({
                    "path": f.origin.to_string(),
                    "kind": f.kind,
                    "id": f.id,
                    "valid": f.is_valid(),
                    "problems": f.problems,
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        }
        Output::Text => {
            let mut bad = 0;
            for f in &files {
                for p in &f.problems {
                    writeln!(out, "{p}")?;
                }
                bad += usize::from(!f.is_valid());
            }
            let problems: usize = files.iter().map(|f| f.problems.len()).sum();
            if files.is_empty() {
                writeln!(
                    err,
                    "no case, framework or notes files found (they end in .case.json, .framework.json or .notes.json)"
                )?;
            } else if valid {
                writeln!(err, "{} file(s) valid", files.len())?;
            } else {
                writeln!(
                    err,
                    "{bad} of {} file(s) invalid, {problems} problem(s)",
                    files.len()
                )?;
            }
        }
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn list(
    library: &[PathBuf],
    format: Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: library.to_vec(),
    });
    match format {
        Output::Json => {
            let report = json!({
                "cases": lib.cases.iter().map(|c| json!({
                    "id": c.doc.id, "title": c.doc.title, "framework": c.doc.framework, "source": c.origin.to_string(),
                })).collect::<Vec<_>>(),
                "frameworks": lib.frameworks.iter().map(|f| json!({
                    "id": f.doc.id, "title": f.doc.title, "source": f.origin.to_string(),
                })).collect::<Vec<_>>(),
                "problems": lib.failed().flat_map(|f| f.problems.iter()).collect::<Vec<_>>(),
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&report).context("encode list")?
            )?;
        }
        Output::Text => {
            for f in &lib.frameworks {
                writeln!(
                    out,
                    "framework\t{}\t{}\t{}",
                    f.doc.id, f.doc.title, f.origin
                )?;
            }
            for c in &lib.cases {
                writeln!(
                    out,
                    "case\t{}\t{}\t{}\t{}",
                    c.doc.id, c.doc.title, c.doc.framework, c.origin
                )?;
            }
            for f in lib.failed() {
                for p in &f.problems {
                    writeln!(err, "{p}")?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
