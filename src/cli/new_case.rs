//! `caselens new-case FILE [--framework ID] [--id ID] [-o OUT.case.json] [--force]`: a draft
//! case from a document (see [`crate::document`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::document::draft::DEFAULT_FRAMEWORK;
use crate::document::{DraftOptions, draft_case};
use crate::library::{Bundled, Library, LoadRequest};

/// Arguments of `caselens new-case`.
#[derive(Debug, Args)]
pub struct NewCaseArgs {
    /// The document: .txt, .md, .html, .docx, .odt, .pdf (with a text layer) or .epub.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The framework the case follows; every dimension starts "not covered".
    #[arg(long, value_name = "ID", default_value = DEFAULT_FRAMEWORK)]
    pub framework: String,
    /// The case id (default: made from the document's title).
    #[arg(long = "id", value_name = "ID")]
    pub case_id: Option<String>,
    /// Where to write the case; must end in .case.json (default: `<id>.case.json` in the current
    /// folder). An existing file is never replaced without --force.
    #[arg(short, long, value_name = "OUT.case.json")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// A framework file, or a folder of them, to choose --framework from besides the bundled
    /// ones (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
}

/// Reads the document, drafts the case, checks it and writes it; nothing is written on error.
pub fn run(
    args: &NewCaseArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let doc = match crate::document::read(&args.file) {
        Ok(doc) => doc,
        Err(e) => return fail(err, format!("{:#}", anyhow::Error::from(e))),
    };
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::FrameworksOnly,
        paths: args.library.clone(),
    });
    let Some(framework) = lib.framework(&args.framework) else {
        let known: Vec<&str> = lib.frameworks.iter().map(|f| f.doc.id.as_str()).collect();
        return fail(
            err,
            format!(
                "no framework \"{}\" is loaded (loaded: {}); pass --library PATH to add yours",
                args.framework,
                known.join(", ")
            ),
        );
    };
    let options = DraftOptions {
        framework: &framework.id,
        case_id: args.case_id.as_deref(),
    };
    let case = match draft_case(&doc, &options) {
        Ok(case) => case,
        Err(e) => return fail(err, e),
    };
    let problems = crate::validate::check_case(&case, Some(framework), &[framework.id.as_str()]);
    if let Some(problem) = problems.first() {
        return fail(
            err,
            format!(
                "the draft of {} is not a valid case ({} at {}); please report this",
                args.file.display(),
                problem.message,
                problem.pointer
            ),
        );
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.case.json", case.id)));
    if !path
        .to_string_lossy()
        .to_lowercase()
        .ends_with(".case.json")
    {
        return fail(
            err,
            format!(
                "{}: a case file's name ends in .case.json (that is how Caselens finds it)",
                path.display()
            ),
        );
    }
    // Pretty JSON with a final newline, keys in the order of FORMAT.md (the struct's), as the
    // notes writer does; a draft has no `x-` extensions for `format::to_json_pretty` to add.
    let mut json = serde_json::to_string_pretty(&case)?;
    json.push('\n');
    if let Err(why) = write_new(&path, json.as_bytes(), args.force) {
        return fail(err, why);
    }
    let paragraphs: usize = case.sections.iter().map(|s| s.paragraphs.len()).sum();
    writeln!(
        out,
        "wrote {}: case \"{}\", {} section(s), {} paragraph(s) from {}; every dimension of {} is not covered yet",
        path.display(),
        case.id,
        case.sections.len(),
        paragraphs,
        doc.format.describe(),
        framework.id
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to a new file at `path`, or replaces it when `force`; a failed write leaves
/// nothing behind (a temporary file in the same folder, renamed into place when complete).
fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let shown = path.display();
    if !force && path.exists() {
        return Err(format!(
            "{shown} already exists; pass --force to replace it, or -o to write elsewhere"
        ));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder)
        .map_err(|e| format!("cannot write in {}: {e}", folder.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    if force {
        temp.persist(path)
            .map_err(|e| format!("cannot write {shown}: {}", e.error))?;
    } else {
        // Never replaces a file that appeared meanwhile.
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "{shown} already exists; pass --force to replace it, or -o to write elsewhere"
                )
            } else {
                format!("cannot write {shown}: {}", e.error)
            }
        })?;
    }
    Ok(())
}

fn fail(err: &mut dyn Write, message: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    writeln!(err, "caselens: {message}")?;
    Ok(ExitCode::from(1))
}
