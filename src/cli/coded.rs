//! `caselens coded CODE... [--notes FILE] [--library PATH]... [--any] [--format md|csv|json]`:
//! every passage coded with the chosen codes, across the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::codebook::Codebook;
use crate::export::data::record;
use crate::format::NotesFile;
use crate::library::Library;
use crate::search::coded::{Mode, Passage, coded};

/// Arguments of `caselens coded`.
#[derive(Debug, Args)]
pub struct CodedArgs {
    /// Code ids (or exact labels); a parent code includes the codes under it.
    #[arg(required = true, value_name = "CODE")]
    pub codes: Vec<String>,
    /// A notes file whose highlights (and own codes) are searched too.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// A folder or file of cases to add (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
    /// A passage coded with any of the codes (default: with every one).
    #[arg(long)]
    pub any: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CodedOutput::Md)]
    pub format: CodedOutput,
}

/// Output formats of `coded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CodedOutput {
    /// Markdown, grouped by case.
    Md,
    /// CSV (RFC 4180), one row per passage.
    Csv,
    /// A JSON array of passages.
    Json,
}

/// Columns of the CSV output, in order.
pub const COLUMNS: [&str; 11] = [
    "case",
    "title",
    "kind",
    "heading",
    "paragraph",
    "quote",
    "citation",
    "codes",
    "comment",
    "author",
    "created",
];

/// Prints the passages coded with `args.codes`; exit 1 when a code is unknown or none match.
pub fn run(args: &CodedArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let notes = match &args.notes {
        None => crate::format::empty_notes(None),
        Some(path) => match crate::notes::read_notes(path) {
            Ok(n) => n,
            Err(e) => return fail(err, e),
        },
    };
    let lib = super::load_warning(&args.library, err)?;
    let codebooks = codebooks(&lib, &notes);
    let mut codes = Vec::new();
    for code in &args.codes {
        match resolve(&codebooks, code) {
            Ok(id) => codes.push(id),
            Err(message) => return fail(err, message),
        }
    }
    let mode = if args.any { Mode::Or } else { Mode::And };
    let found = coded(&lib, &notes, &codes, mode, None);
    if found.is_empty() {
        return fail(err, "no passage is coded with those codes");
    }
    let labels =
        |ids: &[String]| -> Vec<String> { ids.iter().map(|c| label(&codebooks, c)).collect() };
    match args.format {
        CodedOutput::Md => write!(out, "{}", markdown(&found, &labels(&codes), mode, &labels))?,
        CodedOutput::Csv => write!(out, "{}", csv(&found))?,
        CodedOutput::Json => writeln!(out, "{}", serde_json::to_string_pretty(&to_json(&found))?)?,
    }
    writeln!(err, "{} passage(s)", found.len())?;
    Ok(ExitCode::SUCCESS)
}

/// One codebook per loaded framework (with the user's codes), or the user's codes alone.
fn codebooks(lib: &Library, notes: &NotesFile) -> Vec<Codebook> {
    let mut out: Vec<Codebook> = lib
        .frameworks
        .iter()
        .map(|f| Codebook::build(Some(&f.doc), notes))
        .collect();
    if out.is_empty() {
        out.push(Codebook::build(None, notes));
    }
    out
}

/// The id of a code given by id or exact label; else a message naming close labels.
fn resolve(codebooks: &[Codebook], code: &str) -> Result<String, String> {
    let entries = || {
        codebooks
            .iter()
            .flat_map(super::super::codebook::Codebook::entries)
    };
    if entries().any(|e| e.id == code) {
        return Ok(code.to_owned());
    }
    if let Some(e) = entries().find(|e| e.label.eq_ignore_ascii_case(code)) {
        return Ok(e.id.clone());
    }
    let words: String = code
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut close: Vec<String> = Vec::new();
    for word in words.split_whitespace().rev().filter(|w| w.len() > 2) {
        for e in codebooks.iter().flat_map(|b| b.search(word)) {
            let line = format!("{} ({})", e.label, e.id);
            if !close.contains(&line) && close.len() < 6 {
                close.push(line);
            }
        }
    }
    let hint = if close.is_empty() {
        "run `caselens list` for the frameworks, or see Edit > Your codes".to_owned()
    } else {
        format!("close: {}", close.join(", "))
    };
    Err(format!("unknown code \"{code}\"; {hint}"))
}

/// The label of a code in the first codebook that knows it (the id otherwise).
fn label(codebooks: &[Codebook], id: &str) -> String {
    codebooks
        .iter()
        .find_map(|b| b.entry(id).map(|e| e.path.clone()))
        .unwrap_or_else(|| id.to_owned())
}

/// Where a passage is: `¶ address`, a citation, or nothing.
fn place(p: &Passage) -> String {
    match (&p.paragraph, &p.citation) {
        (Some(a), _) => format!("¶ {a}"),
        (None, Some(c)) => format!("source: {c}"),
        (None, None) => String::new(),
    }
}

/// Markdown grouped by case.
fn markdown(
    found: &[Passage],
    chosen: &[String],
    mode: Mode,
    labels: &dyn Fn(&[String]) -> Vec<String>,
) -> String {
    let joiner = if mode == Mode::And { " and " } else { " or " };
    let mut md = format!(
        "# Coded passages: {}\n\n{} passage(s)\n",
        chosen.join(joiner),
        found.len()
    );
    let mut case = "";
    for p in found {
        if p.case != case {
            case = &p.case;
            md.push_str(&format!("\n## {} ({})\n\n", p.title, p.case));
        }
        md.push_str(&format!("- **{}** {}", p.heading, place(p)));
        if let Some(q) = &p.quote {
            md.push_str(&format!(": \"{q}\""));
        }
        md.push_str(&format!("  \n  Codes: {}", labels(&p.codes).join("; ")));
        if let Some(c) = &p.comment {
            md.push_str(&format!("  \n  Comment: {c}"));
        }
        md.push('\n');
    }
    md
}

/// CSV (RFC 4180) with [`COLUMNS`].
fn csv(found: &[Passage]) -> String {
    let mut out = record(&COLUMNS);
    for p in found {
        let o = |s: &Option<String>| s.clone().unwrap_or_default();
        out.push_str(&record(&[
            p.case.clone(),
            p.title.clone(),
            p.kind.as_str().to_owned(),
            p.heading.clone(),
            o(&p.paragraph),
            o(&p.quote),
            o(&p.citation),
            p.codes.join(";"),
            o(&p.comment),
            o(&p.author),
            o(&p.created),
        ]));
    }
    out
}

/// A JSON array, one object per passage.
fn to_json(found: &[Passage]) -> serde_json::Value {
    found
        .iter()
        .map(|p| {
            json!({
                "case": p.case, "title": p.title, "kind": p.kind.as_str(),
                "heading": p.heading, "paragraph": p.paragraph, "quote": p.quote,
                "citation": p.citation, "codes": p.codes, "comment": p.comment,
                "author": p.author, "created": p.created,
            })
        })
        .collect()
}

fn fail(err: &mut dyn Write, message: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    writeln!(err, "caselens: {message}")?;
    Ok(ExitCode::from(1))
}
