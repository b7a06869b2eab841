//! `caselens export …`: handouts and data files written by the pure exporters of
//! [`crate::export`]. `-o -` writes to stdout; a file is written atomically. Exit 0 when
//! written, 1 on bad input (unknown case or family, unreadable notes, unwritable file) with a
//! message, 2 on usage errors (clap).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};

use super::Common;
use crate::format::NotesFile;
use crate::library::Library;

/// `caselens export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A comparison of cases as a Markdown or HTML handout, or CSV.
    Compare {
        /// Case ids (1 to 8).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Output format (default: from the output file's extension, else md).
        #[arg(long, value_enum)]
        format: Option<CompareFormat>,
        /// Only rows whose known values differ (a value against "unknown" is not a difference).
        #[arg(long)]
        diff_only: bool,
        /// With --diff-only, also rows known for only some of the cases.
        #[arg(long, requires = "diff_only")]
        with_partly_known: bool,
        /// A notes file whose cell notes are shown (HTML) or counted.
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// Cases by the codes of a family, as CSV (counts in the Matrix view's unit).
    Matrix {
        /// Code family (`RAT`, or `USER` for your own codes).
        #[arg(long, value_name = "FAMILY")]
        family: String,
        /// A case to include (repeatable; default: every case of the family's framework).
        #[arg(long = "case", value_name = "ID")]
        cases: Vec<String>,
        /// A notes file whose highlights are counted (and whose own codes form `USER`).
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// One record per case and code (`case,code,label,count`) instead of a wide table.
        #[arg(long)]
        long: bool,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// Every highlight of a notes file, as CSV.
    Highlights {
        /// The notes file.
        #[arg(long, value_name = "FILE")]
        notes: PathBuf,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// One case with your highlights and notes, as a Markdown or HTML handout.
    Case {
        /// Case id.
        id: String,
        /// Output format (default: from the output file's extension, else md).
        #[arg(long, value_enum)]
        format: Option<CaseFormat>,
        /// The notes file whose highlights and notes are shown.
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// The frameworks' codes and your own as a REFI-QDA codebook (.qdc) for `NVivo`, MAXQDA,
    /// ATLAS.ti, `QualCoder`.
    Qdc {
        /// A notes file whose own codes are included.
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// The frameworks' codes and your own as CSV in the form Taguette's codebook import reads
    /// (`tag`, `description`, `color`; levels joined by `.`).
    CodebookCsv {
        /// A notes file whose own codes are included.
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// Every loaded case with your highlights, memos and notes as a REFI-QDA project (.qdpx).
    Qdpx {
        /// The notes file.
        #[arg(long, value_name = "FILE")]
        notes: PathBuf,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
    /// Every highlight of a notes file as W3C Web Annotations (JSON-LD), for web annotation
    /// tools.
    Annotations {
        /// The notes file.
        #[arg(long, value_name = "FILE")]
        notes: PathBuf,
        /// Where to write, and which cases to load.
        #[command(flatten)]
        common: Common,
    },
}

/// Formats of `export compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Markdown tables.
    Md,
    /// A self-contained HTML handout with evidence as footnotes.
    Html,
    /// CSV, one row per dimension.
    Csv,
}

/// Formats of `export case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaseFormat {
    /// Markdown with `<mark>` and footnotes.
    Md,
    /// A self-contained HTML handout.
    Html,
}

/// The extension of `path`, lower-cased ("" when none).
fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Runs an export subcommand.
pub fn run(
    command: &ExportCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        ExportCommand::Compare {
            ids,
            format,
            diff_only,
            with_partly_known,
            notes,
            common,
        } => {
            let filter = crate::compare::RowFilter {
                differences_only: *diff_only,
                with_partly_known: *with_partly_known,
            };
            let format = format.unwrap_or(match extension(&common.output).as_str() {
                "html" | "htm" => CompareFormat::Html,
                "csv" => CompareFormat::Csv,
                _ => CompareFormat::Md,
            });
            compare(ids, format, filter, notes.as_deref(), common, out, err)
        }
        ExportCommand::Matrix {
            family,
            cases,
            notes,
            long,
            common,
        } => matrix(family, cases, notes.as_deref(), *long, common, out, err),
        ExportCommand::Highlights { notes, common } => {
            let lib = load(common, err)?;
            let notes = match read(Some(notes), err)? {
                Ok(n) => n,
                Err(code) => return Ok(code),
            };
            let text =
                crate::export::data::highlights_csv(notes.as_ref().unwrap_or(&empty()), &lib);
            emit(&common.output, &text, "highlights", out, err)
        }
        ExportCommand::Case {
            id,
            format,
            notes,
            common,
        } => {
            let format = format.unwrap_or(match extension(&common.output).as_str() {
                "html" | "htm" => CaseFormat::Html,
                _ => CaseFormat::Md,
            });
            case(id, format, notes.as_deref(), common, out, err)
        }
        ExportCommand::Qdc { notes, common } => {
            super::refi::export_qdc(notes.as_deref(), common, out, err)
        }
        ExportCommand::CodebookCsv { notes, common } => {
            super::refi::export_codebook_csv(notes.as_deref(), common, out, err)
        }
        ExportCommand::Qdpx { notes, common } => super::refi::export_qdpx(notes, common, out, err),
        ExportCommand::Annotations { notes, common } => annotations(notes, common, out, err),
    }
}

fn empty() -> NotesFile {
    crate::format::empty_notes(None)
}

/// The library of `common`, with a warning on `err` for each file that did not load.
fn load(common: &Common, err: &mut dyn Write) -> std::io::Result<Library> {
    super::load_warning(&common.library, err)
}

/// The notes file, if one is named; `Err(exit code)` after saying why it cannot be read.
fn read(
    path: Option<&Path>,
    err: &mut dyn Write,
) -> anyhow::Result<Result<Option<NotesFile>, ExitCode>> {
    let Some(path) = path else {
        return Ok(Ok(None));
    };
    match crate::notes::read_notes(path) {
        Ok(n) => Ok(Ok(Some(n))),
        Err(e) => {
            writeln!(err, "caselens: {e}")?;
            Ok(Err(ExitCode::from(1)))
        }
    }
}

/// Writes `text` to `output` (`-`: stdout), atomically for a file.
fn emit(
    output: &Path,
    text: &str,
    what: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if output == Path::new("-") {
        out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    match crate::export::write_file(output, text.as_bytes()) {
        Ok(()) => {
            writeln!(err, "wrote {what} to {}", output.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => {
            writeln!(err, "caselens: {why}")?;
            Ok(ExitCode::from(1))
        }
    }
}

fn fail(err: &mut dyn Write, message: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    writeln!(err, "caselens: {message}")?;
    Ok(ExitCode::from(1))
}

fn compare(
    ids: &[String],
    format: CompareFormat,
    filter: crate::compare::RowFilter,
    notes: Option<&Path>,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = load(common, err)?;
    let notes = match read(notes, err)? {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let cmp = match crate::compare::compare_ids(&lib, ids, notes.as_ref()) {
        Ok(c) => c,
        Err(e) => return fail(err, e),
    };
    let Some(fw) = lib.framework(&cmp.framework) else {
        return fail(
            err,
            format!("framework \"{}\" is not loaded", cmp.framework),
        );
    };
    let text = match format {
        CompareFormat::Md => crate::export::markdown(&cmp, fw, filter),
        CompareFormat::Html => crate::export::html::comparison(&cmp, fw, &lib, filter),
        CompareFormat::Csv => crate::export::csv(&cmp, fw, filter),
    };
    emit(&common.output, &text, "the comparison", out, err)
}

fn matrix(
    family: &str,
    ids: &[String],
    notes: Option<&Path>,
    long: bool,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = load(common, err)?;
    let notes = match read(notes, err)? {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let book_notes = notes.clone().unwrap_or_else(empty);
    let (fw, cases) = match matrix_scope(&lib, family, ids, &book_notes) {
        Ok(scope) => scope,
        Err(message) => return fail(err, message),
    };
    let codebook = crate::codebook::Codebook::build(Some(fw), &book_notes);
    let m = crate::compare::matrix::build_with(&codebook, fw, &cases, notes.as_ref(), family);
    let text = if long {
        crate::export::data::matrix_csv_long(&m, &codebook)
    } else {
        crate::export::data::matrix_csv(&m)
    };
    emit(&common.output, &text, "the matrix", out, err)
}

/// The framework and cases of a matrix: the named cases (one framework), else every case of
/// the one framework that has `family`.
fn matrix_scope<'a>(
    lib: &'a Library,
    family: &str,
    ids: &[String],
    notes: &NotesFile,
) -> Result<(&'a crate::format::Framework, Vec<&'a crate::format::Case>), String> {
    let has_family = |fw: &crate::format::Framework| {
        crate::codebook::Codebook::build(Some(fw), notes)
            .families()
            .iter()
            .any(|f| f.id == family)
    };
    let fw = if ids.is_empty() {
        let found: Vec<_> = lib
            .frameworks
            .iter()
            .map(|f| &f.doc)
            .filter(|f| has_family(f))
            .collect();
        match found.as_slice() {
            [one] => *one,
            [] => return Err(no_family(lib, family, notes)),
            _ => {
                return Err(format!(
                    "family \"{family}\" is in several frameworks; choose the cases with --case"
                ));
            }
        }
    } else {
        let cmp = crate::compare::compare_ids(lib, ids, None).map_err(|e| e.to_string())?;
        let fw = lib
            .framework(&cmp.framework)
            .ok_or_else(|| format!("framework \"{}\" is not loaded", cmp.framework))?;
        if !has_family(fw) {
            return Err(no_family(lib, family, notes));
        }
        fw
    };
    let cases = if ids.is_empty() {
        lib.cases
            .iter()
            .map(|c| &c.doc)
            .filter(|c| c.framework == fw.id)
            .collect()
    } else {
        ids.iter().filter_map(|id| lib.case(id)).collect()
    };
    Ok((fw, cases))
}

fn no_family(lib: &Library, family: &str, notes: &NotesFile) -> String {
    let mut known: Vec<String> = lib
        .frameworks
        .iter()
        .flat_map(|f| {
            crate::codebook::Codebook::build(Some(&f.doc), notes)
                .families()
                .iter()
                .map(|x| x.id.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    known.sort();
    known.dedup();
    let hint = if family == crate::codebook::USER_FAMILY {
        "; your own codes come with --notes FILE"
    } else {
        ""
    };
    format!(
        "no code family \"{family}\" (families: {}){hint}",
        known.join(", ")
    )
}

/// `export annotations`: says how many highlights were written without a position.
fn annotations(
    notes: &Path,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = load(common, err)?;
    let notes = match read(Some(notes), err)? {
        Ok(n) => n.unwrap_or_else(empty),
        Err(code) => return Ok(code),
    };
    let export = crate::export::annotation::collection(&notes, &lib);
    if export.unplaced > 0 {
        writeln!(
            err,
            "{} of {} highlights have no position (their text is no longer in the case, or \
             the case is not loaded): written with their quote only",
            export.unplaced, export.written
        )?;
    }
    let what = format!("{} highlights as Web Annotations", export.written);
    emit(&common.output, &export.text(), &what, out, err)
}

fn case(
    id: &str,
    format: CaseFormat,
    notes: Option<&Path>,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = load(common, err)?;
    let notes = match read(notes, err)? {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let Some(case) = lib.case(id) else {
        let loaded: Vec<&str> = lib.cases.iter().map(|c| c.doc.id.as_str()).collect();
        return fail(
            err,
            format!("no case with id \"{id}\" (loaded: {})", loaded.join(", ")),
        );
    };
    let fw = lib.framework(&case.framework);
    let text = match format {
        CaseFormat::Md => crate::export::case_doc::markdown(case, fw, notes.as_ref()),
        CaseFormat::Html => crate::export::case_doc::html(case, fw, notes.as_ref()),
    };
    emit(&common.output, &text, "the case", out, err)
}
