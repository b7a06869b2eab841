//! `caselens answers --notes FILE --case ID [-o FILE]`: a student's answers as Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

/// Arguments of `caselens answers`.
#[derive(Debug, Args)]
pub struct AnswersArgs {
    /// The notes file holding the answers.
    #[arg(long, value_name = "FILE")]
    pub notes: PathBuf,
    /// The case whose questions are answered.
    #[arg(long = "case", value_name = "ID")]
    pub case: String,
    /// A folder or file of cases to add (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
    /// Where to write the Markdown (default, or `-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Writes the answers of `args.notes` to the questions of `args.case` as Markdown.
pub fn run(
    args: &AnswersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let notes = match crate::notes::read_notes(&args.notes) {
        Ok(n) => n,
        Err(e) => return fail(err, e),
    };
    let lib = super::load_warning(&args.library, err)?;
    let Some(case) = lib.case(&args.case) else {
        return fail(err, format!("no case \"{}\" is loaded", args.case));
    };
    let text = crate::export::answers::markdown(case, &notes);
    match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        None => out.write_all(text.as_bytes())?,
        Some(path) => match crate::export::write_file(path, text.as_bytes()) {
            Ok(()) => writeln!(err, "wrote the answers to {}", path.display())?,
            Err(why) => return fail(err, why),
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn fail(err: &mut dyn Write, message: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    writeln!(err, "caselens: {message}")?;
    Ok(ExitCode::from(1))
}
