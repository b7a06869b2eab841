//! The command line: `caselens [PATH...]` opens the app; subcommands work without a window.

pub mod agreement;
pub mod answers;
pub mod coded;
pub mod export;
pub mod new_case;
pub mod new_framework;
pub mod refi;
pub mod search;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
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
    /// The notes file to open and save to (default: the last one used, else my.notes.json in
    /// the user data folder).
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// A notes file, or a folder of them (every *.notes.json), shown read-only as one layer
    /// per author beside your notes (repeatable). Your notes stay the only file written.
    #[arg(long = "layer", value_name = "PATH")]
    pub layer: Vec<PathBuf>,
    /// Start check: open the window, print the time to the first frame, wait for the library
    /// to load, draw N more frames, print the peak memory, and exit 0.
    #[arg(long, value_name = "N")]
    pub quit_after_frames: Option<u32>,
    /// Frame probe: write one line per frame to FILE (time since start, the CPU time of the
    /// frame's work, what caused it).
    #[arg(long, value_name = "FILE")]
    pub frame_log: Option<PathBuf>,
    /// Replay the user steps of FILE (README, "The frame probe"), then close the window.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
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
    /// Merge and check notes files.
    #[command(subcommand)]
    Notes(NotesCommand),
    /// Write handouts (Markdown, HTML) and data (CSV) for other tools.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Bring codes from other tools (REFI-QDA) into your notes.
    #[command(subcommand)]
    Import(refi::ImportCommand),
    /// A student's answers to a case's questions, as Markdown for handing in.
    Answers(answers::AnswersArgs),
    /// Find words (typos tolerated) and "quoted phrases" in the cases and your notes.
    Search(search::SearchArgs),
    /// Every passage coded with the given codes (a parent includes its children).
    Coded(coded::CodedArgs),
    /// Inter-coder agreement between notes files (percent, Cohen, Fleiss, Krippendorff).
    Agreement(agreement::AgreementArgs),
    /// A draft case from a document (.txt, .md, .html, .docx, .odt, .pdf, .epub).
    NewCase(new_case::NewCaseArgs),
    /// Draft a framework from the dimensions and codes a set of cases uses.
    NewFramework(new_framework::NewFrameworkArgs),
    /// Compare cases of one framework side by side.
    Compare {
        /// Case ids (1 to 8; two or more to compare).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// A folder or file to add (repeatable).
        #[arg(long = "library", value_name = "PATH")]
        library: Vec<PathBuf>,
        /// A notes file whose cell notes are counted.
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareOutput::Md)]
        format: CompareOutput,
        /// Only rows whose known values differ (a value against "unknown" is not a difference).
        #[arg(long)]
        diff_only: bool,
        /// With --diff-only, also rows known for only some of the cases.
        #[arg(long, requires = "diff_only")]
        with_partly_known: bool,
    },
}

/// Options every export takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Output file; `-` writes to stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// A folder or file of cases to add (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
}

/// `caselens notes ...`.
#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Merge notes files by item id and modification time into OUT.
    Merge {
        /// Notes files to merge (two or more).
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write the merged notes.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Check a notes file against the cases it refers to; report orphaned highlights.
    Check {
        /// The notes file.
        file: PathBuf,
        /// A folder or file of cases to add (repeatable).
        #[arg(long = "library", value_name = "PATH")]
        library: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
}

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareOutput {
    /// Markdown tables.
    Md,
    /// CSV, one row per dimension.
    Csv,
    /// JSON with `rows`.
    Json,
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
        Command::Export(command) => export::run(command, out, err),
        Command::Import(command) => refi::run_import(command, out, err),
        Command::Answers(args) => answers::run(args, out, err),
        Command::Search(args) => search::run(args, out, err),
        Command::Coded(args) => coded::run(args, out, err),
        Command::Agreement(args) => agreement::run(args, out, err),
        Command::NewCase(args) => new_case::run(args, out, err),
        Command::NewFramework(args) => new_framework::run(args, out, err),
        Command::List { library, format } => list(library, *format, out, err),
        Command::Notes(NotesCommand::Merge { files, output }) => {
            notes_merge(files, output, out, err)
        }
        Command::Notes(NotesCommand::Check {
            file,
            library,
            format,
        }) => notes_check(file, library, *format, out, err),
        Command::Compare {
            ids,
            library,
            notes,
            format,
            diff_only,
            with_partly_known,
        } => compare(
            ids,
            library,
            notes.as_deref(),
            *format,
            crate::compare::RowFilter {
                differences_only: *diff_only,
                with_partly_known: *with_partly_known,
            },
            out,
            err,
        ),
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
                    "saved_with_problems": saved_with_problems(&f.origin),
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
                if let Some(n) = saved_with_problems(&f.origin) {
                    writeln!(
                        out,
                        "{}: note: saved with {n} problem(s) on purpose (“Save anyway” in the editor); fix them and save again to clear this note",
                        f.origin
                    )?;
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

/// Loads the bundled cases and `paths` (the `--library` folders), and warns on `err` about
/// every file that did not load (its problems with `file:line:column`, as `validate` says
/// them); the command goes on without those files.
pub(crate) fn load_warning(
    paths: &[std::path::PathBuf],
    err: &mut dyn Write,
) -> std::io::Result<Library> {
    let lib = Library::load(&LoadRequest {
        bundled: crate::library::Bundled::All,
        paths: paths.to_vec(),
    });
    let mut skipped = 0;
    for f in lib.failed().filter(|f| !f.origin.is_bundled()) {
        for p in &f.problems {
            writeln!(err, "warning: {p}")?;
        }
        skipped += 1;
    }
    if skipped > 0 {
        writeln!(
            err,
            "warning: {skipped} file(s) skipped (`caselens validate` lists their problems)"
        )?;
    }
    Ok(lib)
}

/// The problem count a user's file says it was saved with (*Save anyway*), if it says so.
fn saved_with_problems(origin: &crate::library::Origin) -> Option<u64> {
    let crate::library::Origin::File(path) = origin else {
        return None;
    };
    let bytes = crate::library::read_limited(path).ok()?;
    let key = crate::authoring::SAVED_WITH_PROBLEMS.as_bytes();
    memchr::memmem::find(&bytes, key)?;
    crate::authoring::saved_with_problems(&bytes)
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

fn compare(
    ids: &[String],
    library: &[PathBuf],
    notes: Option<&std::path::Path>,
    format: CompareOutput,
    filter: crate::compare::RowFilter,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: library.to_vec(),
    });
    let notes_file = match notes {
        None => None,
        Some(path) => match crate::notes::read_notes(path) {
            Ok(n) => Some(n),
            Err(e) => {
                writeln!(err, "caselens: {e}")?;
                return Ok(ExitCode::from(1));
            }
        },
    };
    let cmp = match crate::compare::compare_ids(&lib, ids, notes_file.as_ref()) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "caselens: {e}")?;
            return Ok(ExitCode::from(1));
        }
    };
    let Some(fw) = lib.framework(&cmp.framework) else {
        writeln!(
            err,
            "caselens: framework \"{}\" is not loaded",
            cmp.framework
        )?;
        return Ok(ExitCode::from(1));
    };
    match format {
        CompareOutput::Md => write!(out, "{}", crate::export::markdown(&cmp, fw, filter))?,
        CompareOutput::Csv => write!(out, "{}", crate::export::csv(&cmp, fw, filter))?,
        CompareOutput::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&crate::export::json(&cmp, filter))?
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

fn notes_merge(
    files: &[PathBuf],
    output: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut all = Vec::with_capacity(files.len());
    for read in crate::notes::layers::read_many(files) {
        match read {
            Ok(n) => all.push(n),
            Err(e) => {
                writeln!(err, "caselens: {e}")?;
                return Ok(ExitCode::from(1));
            }
        }
    }
    let Some((merged, conflicts)) = crate::notes::merge::merge_many(all) else {
        return Ok(ExitCode::from(2));
    };
    let conflicts: Vec<(&PathBuf, _)> =
        conflicts.into_iter().map(|(i, c)| (&files[i], c)).collect();
    if let Err(e) = crate::notes::store::save(output, &merged, None) {
        writeln!(err, "caselens: {e}")?;
        return Ok(ExitCode::from(1));
    }
    for (file, c) in &conflicts {
        writeln!(out, "conflict\t{}\t{}\t{}", c.id, file.display(), c.message)?;
    }
    let live = merged.items.iter().filter(|i| !i.deleted).count();
    writeln!(
        err,
        "merged {} file(s) into {}: {live} item(s), {} code(s), {} conflict(s)",
        files.len(),
        output.display(),
        merged.codes.len(),
        conflicts.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn notes_check(
    file: &std::path::Path,
    library: &[PathBuf],
    format: Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let notes = match crate::notes::read_notes(file) {
        Ok(n) => n,
        Err(e) => {
            writeln!(err, "caselens: {e}")?;
            return Ok(ExitCode::from(1));
        }
    };
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: library.to_vec(),
    });
    let findings = crate::notes::check::check(&notes, &lib);
    match format {
        Output::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(
                &json!({"file": file.display().to_string(), "findings": findings})
            )?
        )?,
        Output::Text => {
            for f in &findings {
                writeln!(
                    out,
                    "{}: {} {}: {}",
                    file.display(),
                    f.kind,
                    f.item,
                    f.message
                )?;
            }
            let live = notes.items.iter().filter(|i| !i.deleted).count();
            writeln!(err, "{live} item(s) checked, {} finding(s)", findings.len())?;
        }
    }
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
