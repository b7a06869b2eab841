//! `caselens new-framework --from CASE... [-o OUT.framework.json] [--id ID] [--title TITLE]`:
//! a draft framework from the dimensions and codes a set of cases uses, for people who start
//! from cases.
//!
//! The cases are read as files, not checked against a framework (a case whose framework is not
//! at hand is exactly what this is for). A dimension or code that the framework the cases name
//! defines (bundled, or a `*.framework.json` among the paths) is copied from it; the others are
//! inferred from the values. What it writes passes `caselens validate`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::authoring::{FrameworkDraft, SaveMode, framework_from_cases};
use crate::format::{Case, DocKind, Document, Framework};
use crate::library::{Bundled, Library, LoadRequest};

/// Arguments of `caselens new-framework`.
#[derive(Debug, Args)]
pub struct NewFrameworkArgs {
    /// Case files, folders of them, or ids of bundled cases.
    #[arg(long = "from", required = true, num_args = 1.., value_name = "CASE")]
    pub from: Vec<String>,
    /// Where to write the framework (default, or `-`: standard output).
    #[arg(short, long, value_name = "OUT.framework.json")]
    pub output: Option<PathBuf>,
    /// The new framework's id.
    #[arg(long, value_name = "ID", default_value = "new-framework")]
    pub id: String,
    /// Its title (default: "Framework drafted from N cases").
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

/// Drafts the framework and writes it.
pub fn run(
    args: &NewFrameworkArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let paths: Vec<PathBuf> = args
        .from
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .collect();
    let mut cases: Vec<Case> = Vec::new();
    for arg in &args.from {
        let path = Path::new(arg);
        let found = if path.exists() {
            read_cases(path, err)?
        } else {
            bundled_case(arg).into_iter().collect()
        };
        if found.is_empty() {
            writeln!(
                err,
                "caselens: {arg}: no case file there, and no bundled case with that id"
            )?;
            return Ok(ExitCode::from(2));
        }
        cases.extend(found);
    }
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::FrameworksOnly,
        paths,
    });
    let known: Vec<&Framework> = lib
        .frameworks
        .iter()
        .map(|f| &f.doc)
        .filter(|f| cases.iter().any(|c| c.framework == f.id))
        .collect();
    let refs: Vec<&Case> = cases.iter().collect();
    let title = args.title.clone().unwrap_or_else(|| match cases.len() {
        1 => "Framework drafted from 1 case".to_owned(),
        n => format!("Framework drafted from {n} cases"),
    });
    let framework = framework_from_cases(&refs, &known, &args.id, &title)?;
    let summary = format!(
        "{} dimension(s) in {} group(s) and {} code(s) from {} case(s)",
        framework.dimensions().count(),
        framework.groups.len(),
        framework.codes.len(),
        cases.len()
    );
    let mut draft = FrameworkDraft::new(framework, ());
    if let Some(path) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        draft.save_as(path, SaveMode::Checked)?;
        writeln!(err, "wrote {}: {summary}", path.display())?;
    } else {
        out.write_all(draft.to_text(false)?.as_bytes())?;
        writeln!(err, "{summary}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The cases in a file or folder, read without checking them against a framework.
fn read_cases(path: &Path, err: &mut dyn Write) -> anyhow::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for file in crate::library::expand(path) {
        let Ok(file) = file else { continue };
        let name = file.display().to_string();
        if DocKind::from_file_name(&name) != Some(DocKind::Case) {
            continue;
        }
        let bytes = crate::library::read_limited(&file).with_context(|| format!("read {name}"))?;
        match crate::format::parse(&name, &bytes, Some(DocKind::Case)) {
            Ok((Document::Case(case), _)) => cases.push(*case),
            Ok(_) => {}
            Err(problems) => {
                for p in problems {
                    writeln!(err, "{p}")?;
                }
                anyhow::bail!("{name} cannot be read as a case (see above)");
            }
        }
    }
    Ok(cases)
}

/// The bundled case with this id.
fn bundled_case(case_id: &str) -> Option<Case> {
    crate::library::bundled_files()
        .iter()
        .filter(|(name, _)| name.ends_with(".case.json"))
        .find_map(
            |(name, text)| match crate::format::parse(name, text.as_bytes(), None) {
                Ok((Document::Case(c), _)) if c.id == case_id => Some(*c),
                _ => None,
            },
        )
}
