//! `caselens export qdc|qdpx|codebook-csv` and `caselens import qdc|qdpx|codebook-csv`: REFI-QDA
//! files for `NVivo`, MAXQDA, ATLAS.ti, `QualCoder` and others, and the codebook CSV Taguette
//! reads, written and read by [`crate::refi`]. Exit 0 when
//! done, 1 on bad input with a message (nothing is written then).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use super::Common;
use crate::format::{Case, Framework};
use crate::library::{Bundled, Library, LoadRequest};
use crate::notes::store::{self, Base};
use crate::refi::files::ImportKind;
use crate::refi::{self, RefiCodebook};

/// `caselens import ...`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Add the codes of a REFI-QDA codebook (.qdc, or a .qde project's codebook) to your codes
    /// (a code whose GUID you already have is updated instead).
    Qdc {
        /// The .qdc file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The notes file to add the codes to (created when missing).
        #[arg(long, value_name = "FILE")]
        notes: PathBuf,
        /// A folder or file of cases and frameworks to add (their codes are not imported).
        #[arg(long = "library", value_name = "PATH")]
        library: Vec<PathBuf>,
    },
    /// Add the codes of a codebook CSV (Taguette's `tag`/`name`/`path` and `description`
    /// columns, or Caselens's own export) to your codes (a code already there is updated).
    CodebookCsv {
        /// The .csv file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The notes file to add the codes to (created when missing).
        #[arg(long, value_name = "FILE")]
        notes: PathBuf,
        /// A folder or file of cases and frameworks to add (their codes are not imported).
        #[arg(long = "library", value_name = "PATH")]
        library: Vec<PathBuf>,
    },
    /// Add the codes, codings, memos and notes of a REFI-QDA project (.qdpx, or a bare .qde)
    /// whose sources are the loaded cases (matched by Caselens' source GUID or by text) to
    /// your notes.
    Qdpx {
        /// The .qdpx file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The notes file to add to (created when missing).
        #[arg(long, value_name = "FILE")]
        notes: PathBuf,
        /// A folder or file of cases and frameworks to add.
        #[arg(long = "library", value_name = "PATH")]
        library: Vec<PathBuf>,
    },
}

fn load(library: &[PathBuf]) -> Library {
    Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: library.to_vec(),
    })
}

fn frameworks(lib: &Library) -> Vec<&Framework> {
    lib.frameworks.iter().map(|f| &f.doc).collect()
}

fn fail(err: &mut dyn Write, message: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    writeln!(err, "caselens: {message}")?;
    Ok(ExitCode::from(1))
}

/// Writes `bytes` to the output (`-`: stdout), atomically.
fn emit(
    output: &Path,
    bytes: &[u8],
    what: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if output == Path::new("-") {
        out.write_all(bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    match crate::export::write_file(output, bytes) {
        Ok(()) => {
            writeln!(err, "wrote {what} to {}", output.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => fail(err, why),
    }
}

/// `caselens export qdc`: the frameworks' codes and, with `--notes`, the user's codes.
pub fn export_qdc(
    notes: Option<&Path>,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let notes = match notes.map(crate::notes::read_notes).transpose() {
        Ok(n) => n.unwrap_or_else(|| crate::format::empty_notes(None)),
        Err(e) => return fail(err, e),
    };
    let lib = load(&common.library);
    let book = RefiCodebook::build(&frameworks(&lib), &notes);
    match refi::qdc::qdc_of(&book) {
        Ok(xml) => emit(
            &common.output,
            xml.as_bytes(),
            &format!("{} code(s)", book_size(&book)),
            out,
            err,
        ),
        Err(e) => fail(err, e),
    }
}

/// `caselens export codebook-csv`: the codes as `export qdc` has them, as Taguette's CSV.
pub fn export_codebook_csv(
    notes: Option<&Path>,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let notes = match notes.map(crate::notes::read_notes).transpose() {
        Ok(n) => n.unwrap_or_else(|| crate::format::empty_notes(None)),
        Err(e) => return fail(err, e),
    };
    let lib = load(&common.library);
    let book = RefiCodebook::build(&frameworks(&lib), &notes);
    if book.roots.is_empty() {
        return fail(err, refi::RefiError::NoCodes);
    }
    let bytes = refi::codebook_csv::csv_of(&book);
    emit(
        &common.output,
        &bytes,
        &format!("{} code(s)", book_size(&book)),
        out,
        err,
    )
}

fn book_size(book: &RefiCodebook) -> usize {
    fn count(codes: &[refi::RefiCode]) -> usize {
        codes.iter().map(|c| 1 + count(&c.children)).sum()
    }
    count(&book.roots)
}

/// `caselens export qdpx`: every loaded case with the highlights, memos and notes of `notes`.
pub fn export_qdpx(
    notes_path: &Path,
    common: &Common,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let notes = match crate::notes::read_notes(notes_path) {
        Ok(n) => n,
        Err(e) => return fail(err, e),
    };
    let lib = load(&common.library);
    let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    let name = project_name(notes_path);
    let project = refi::qdpx::project(&refi::qdpx::Input {
        name: &name,
        cases: &cases,
        frameworks: &frameworks(&lib),
        notes: &notes,
    });
    let bytes = match refi::qdpx::qdpx(&project) {
        Ok(b) => b,
        Err(e) => return fail(err, e),
    };
    if project.skipped > 0 {
        writeln!(
            err,
            "{} highlight(s) left out: their text is no longer in the case, or the case is not loaded (see `caselens notes check`)",
            project.skipped
        )?;
    }
    let what = format!(
        "{} case(s) and {} highlight(s)",
        cases.len(),
        project.selections
    );
    emit(&common.output, &bytes, &what, out, err)
}

/// "lecture" for `lecture.notes.json`.
fn project_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".notes.json").unwrap_or(&name);
    if stem.is_empty() {
        "Caselens project".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Runs `caselens import ...`.
pub fn run_import(
    command: &ImportCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let (kind, file, notes, library) = match command {
        ImportCommand::Qdc {
            file,
            notes,
            library,
        } => (ImportKind::Codebook, file, notes, library),
        ImportCommand::Qdpx {
            file,
            notes,
            library,
        } => (ImportKind::Project, file, notes, library),
        ImportCommand::CodebookCsv {
            file,
            notes,
            library,
        } => (ImportKind::CodebookCsv, file, notes, library),
    };
    import_into(file, notes, library, out, err, |current, lib| {
        refi::files::import_file(kind, current, lib, file)
    })
}

/// Reads `file`, runs `import` on the notes at `notes_path` (empty when missing), and saves
/// the result there through the notes store (merging with a concurrent change, never
/// clobbering it). Nothing is written when the import fails.
fn import_into(
    file: &Path,
    notes_path: &Path,
    library: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
    import: impl FnOnce(
        &crate::format::NotesFile,
        &Library,
    ) -> Result<refi::files::Outcome, refi::import::ImportError>,
) -> anyhow::Result<ExitCode> {
    let (current, base) = if notes_path.exists() {
        match store::load(notes_path) {
            Ok(l) => (l.notes, Some(l.fingerprint)),
            Err(e) => return fail(err, e),
        }
    } else {
        (crate::format::empty_notes(None), None)
    };
    let lib = load(library);
    let refi::files::Outcome {
        notes: mut new,
        summary,
        left_out: skipped,
    } = match import(&current, &lib) {
        Ok(o) => o,
        Err(e) => return fail(err, format!("{}: {e}", file.display())),
    };
    if new != current {
        new.modified = Some(crate::format::now().to_string());
        let base = match &base {
            Some(fp) => Base::Known(&current, *fp),
            None => Base::Missing,
        };
        if let Err(e) = store::save_to(notes_path, &new, base) {
            return fail(err, e);
        }
    }
    for line in &skipped {
        writeln!(err, "{line}")?;
    }
    writeln!(out, "{summary}")?;
    writeln!(err, "your notes are in {}", notes_path.display())?;
    Ok(ExitCode::SUCCESS)
}
