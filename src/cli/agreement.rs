//! `caselens agreement FILE... [--library PATH]... [--unit paragraph|char] [--codes FAMILY]
//! [--format md|csv|json]`: inter-coder agreement between notes files, per code and overall.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::agreement::triage::{Disagreement, disagreements};
use crate::agreement::{CodeFilter, Options, Report, Stats, Unit, agreement};
use crate::export::data::record;
use crate::library::{Bundled, Library, LoadRequest};
use crate::notes::layers::{Layer, load_layers};

/// Arguments of `caselens agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// Notes files, one per coder, or folders (every `*.notes.json` in them).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A folder or file of cases to add (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    pub library: Vec<PathBuf>,
    /// What one unit is: a paragraph × code, or a character × code.
    #[arg(long, value_enum, default_value_t = UnitArg::Paragraph)]
    pub unit: UnitArg,
    /// Only the codes under this prefix (a framework family such as RAT, or a code id).
    #[arg(long, value_name = "FAMILY")]
    pub codes: Option<String>,
    /// Also list the N passages where the coders split most, with who applied which code
    /// (Markdown and JSON only).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub disagreements: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AgreementOutput::Md)]
    pub format: AgreementOutput,
}

/// `--unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Each paragraph × code: was the code applied anywhere in it?
    Paragraph,
    /// Each character × code: is it inside a highlight with the code?
    Char,
}

/// Output formats of `agreement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreementOutput {
    /// A Markdown table.
    Md,
    /// CSV (RFC 4180), one row per code and an `overall` row.
    Csv,
    /// JSON with `coders`, `codes` and `overall`.
    Json,
}

/// Columns of the CSV output, in order.
pub const COLUMNS: [&str; 9] = [
    "code",
    "label",
    "coders",
    "units",
    "units_all_coders",
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
];

/// Prints agreement between the notes files; exit 1 when a file failed to load, fewer than
/// two coders loaded, or no code is left to compare.
pub fn run(
    args: &AgreementArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: args.library.clone(),
    });
    let loaded = load_layers(&args.files, &lib);
    for p in &loaded.problems {
        writeln!(err, "caselens: {}", p.message)?;
    }
    if loaded.layers.len() < 2 {
        writeln!(
            err,
            "caselens: agreement needs two or more coders; {} notes file(s) loaded",
            loaded.layers.len()
        )?;
        return Ok(ExitCode::from(1));
    }
    let options = Options {
        unit: match args.unit {
            UnitArg::Paragraph => Unit::Paragraph,
            UnitArg::Char => Unit::Char,
        },
        codes: args
            .codes
            .clone()
            .map_or(CodeFilter::All, CodeFilter::Family),
    };
    let report = agreement(&lib, &loaded.layers, &options);
    if report.codes.is_empty() {
        let what = args
            .codes
            .as_ref()
            .map_or_else(String::new, |f| format!(" under \"{f}\""));
        writeln!(
            err,
            "caselens: no highlight of these coders on a loaded case has a code{what}"
        )?;
        return Ok(ExitCode::from(1));
    }
    let labels = Labels::new(&lib, &loaded.layers);
    let split = if args.disagreements > 0 {
        disagreements(&lib, &loaded.layers, &options.codes, args.disagreements)
    } else {
        Vec::new()
    };
    match args.format {
        AgreementOutput::Md => {
            write!(out, "{}", markdown(&report, &labels))?;
            write!(out, "{}", split_markdown(&split))?;
        }
        AgreementOutput::Csv => write!(out, "{}", csv(&report, &labels))?,
        AgreementOutput::Json => {
            let mut doc = to_json(&report, &labels);
            if args.disagreements > 0 {
                doc["disagreements"] = serde_json::to_value(&split)?;
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
    }
    writeln!(
        err,
        "{} coder(s), {} case(s), {} code(s)",
        report.coders.len(),
        report.cases,
        report.codes.len()
    )?;
    Ok(if loaded.all_loaded() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Code labels: the frameworks' (with their path), else the first user code definition.
struct Labels(std::collections::HashMap<String, String>);

impl Labels {
    fn new(lib: &Library, layers: &[Layer]) -> Self {
        let mut map = std::collections::HashMap::new();
        let empty = crate::format::empty_notes(None);
        for f in &lib.frameworks {
            let book = crate::codebook::Codebook::build(Some(&f.doc), &empty);
            for e in book.entries() {
                map.entry(e.id.clone()).or_insert_with(|| e.path.clone());
            }
        }
        for c in layers.iter().flat_map(|l| &l.notes.codes) {
            map.entry(c.id.clone()).or_insert_with(|| c.label.clone());
        }
        Self(map)
    }

    fn get(&self, code: &str) -> &str {
        self.0.get(code).map_or("", String::as_str)
    }
}

/// A figure with three decimals, or "n/a".
fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.3}"))
}

/// A share as a percentage with one decimal, or "n/a".
fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |x| format!("{:.1}%", x * 100.0))
}

/// A unit count (weights are whole numbers of paragraphs or characters).
fn count(x: f64) -> String {
    format!("{}", x.round() as u64)
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Paragraph => "paragraph × code",
        Unit::Char => "character × code",
    }
}

/// A Markdown table, one row per code and an overall row.
fn markdown(r: &Report, labels: &Labels) -> String {
    let mut md = format!(
        "# Inter-coder agreement\n\n{} coders: {}  \nUnit: {}; {} case(s). Cohen's and Fleiss' kappa use the units every coder rated.\n\n",
        r.coders.len(),
        r.coders.join(", "),
        unit_name(r.unit),
        r.cases
    );
    md.push_str("| Code | Label | Coders | Units | Units (all coders) | Agreement | Cohen's kappa | Fleiss' kappa | Krippendorff's alpha |\n");
    md.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let row = |code: &str, label: &str, s: &Stats| {
        format!(
            "| {code} | {label} | {} | {} | {} | {} | {} | {} | {} |\n",
            s.coders,
            count(s.units),
            count(s.complete_units),
            percent(s.percent),
            figure(s.cohen),
            figure(s.fleiss),
            figure(s.alpha)
        )
    };
    for c in &r.codes {
        md.push_str(&row(&c.code, labels.get(&c.code), &c.stats));
    }
    md.push_str(&row("**Overall**", "all codes pooled", &r.overall));
    md
}

fn csv_row(code: &str, label: &str, s: &Stats) -> String {
    let num = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.4}"));
    record(&[
        code.to_owned(),
        label.to_owned(),
        s.coders.to_string(),
        count(s.units),
        count(s.complete_units),
        s.percent
            .map_or_else(|| "n/a".to_owned(), |p| format!("{:.2}", p * 100.0)),
        num(s.cohen),
        num(s.fleiss),
        num(s.alpha),
    ])
}

/// CSV with [`COLUMNS`]; percentages 0 to 100; "n/a" where a figure is undefined.
fn csv(r: &Report, labels: &Labels) -> String {
    let mut out = record(&COLUMNS);
    for c in &r.codes {
        out.push_str(&csv_row(&c.code, labels.get(&c.code), &c.stats));
    }
    out.push_str(&csv_row("overall", "", &r.overall));
    out
}

fn to_json(r: &Report, labels: &Labels) -> serde_json::Value {
    json!({
        "unit": r.unit,
        "coders": r.coders,
        "cases": r.cases,
        "codes": r.codes.iter().map(|c| json!({
            "code": c.code, "label": labels.get(&c.code), "stats": c.stats,
        })).collect::<Vec<_>>(),
        "overall": r.overall,
    })
}

/// The most split passages as a Markdown list (nothing when there are none).
fn split_markdown(split: &[Disagreement]) -> String {
    if split.is_empty() {
        return String::new();
    }
    let mut md = "\n## Most split passages\n\n".to_owned();
    for d in split {
        md.push_str(&format!(
            "- **{}** ¶ {} ({} coders, split {:.2})\n",
            d.case, d.paragraph, d.rated, d.split
        ));
        for c in &d.codes {
            md.push_str(&format!(
                "  - {}: applied by {}; not by {}\n",
                c.code,
                names(&c.applied),
                names(&c.not_applied)
            ));
        }
    }
    md
}

/// Names joined by commas ("nobody" for none).
fn names(list: &[String]) -> String {
    if list.is_empty() {
        "nobody".to_owned()
    } else {
        list.join(", ")
    }
}
