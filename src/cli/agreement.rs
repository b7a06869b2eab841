//! `caselens agreement FILE... [--library PATH]... [--unit paragraph|char] [--codes FAMILY]
//! [--domain FAMILY] [--rollup N|CODE,CODE] [--bootstrap N] [--minimum A] [--format md|csv|json|matrix]`:
//! inter-coder agreement between notes files, per code, overall and over a semantic domain,
//! or the reliability data matrix.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::agreement::matrix::reliability_matrix;
use crate::agreement::triage::{Disagreement, disagreements};
use crate::agreement::{
    Bootstrap, CodeFilter, Options, Report, Rollup, Stats, Unit, agreement, bootstrap, words,
};
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
    /// Only the codes under this prefix (a framework family such as RAT, or a code id), or
    /// under each of several separated by commas (the codes chosen).
    #[arg(long, value_name = "FAMILY|CODE,CODE")]
    pub codes: Option<String>,
    /// Also treat the codes of this family as one variable (a semantic domain: per unit, the
    /// code each coder applied, or none); implies --codes FAMILY unless --codes is given.
    /// With --unit char it also gives cu-alpha and Cu-alpha (agreement on the codes, and on
    /// the domains, of the text two or more coders coded).
    #[arg(long, value_name = "FAMILY")]
    pub domain: Option<String>,
    /// Roll codes up to their ancestor at level N (1: the family, 2: RAT.practice), or to the
    /// chosen parents (RAT.practice,RAT.theory: each counts the codes under it), so a parent
    /// counts its children.
    #[arg(long, value_name = "N|CODE,CODE", value_parser = parse_rollup)]
    pub rollup: Option<Rollup>,
    /// Bootstrap draws for alpha's 95 % interval (Krippendorff's and Hayes' method, seeded);
    /// 0 for none.
    #[arg(long, value_name = "N", default_value_t = bootstrap::DRAWS)]
    pub bootstrap: usize,
    /// The smallest acceptable alpha: reports the probability alpha is below it.
    #[arg(long, value_name = "ALPHA", default_value_t = bootstrap::MINIMUM)]
    pub minimum: f64,
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
    /// The reliability data matrix as CSV: one row per unit (and code), one column per coder.
    Matrix,
}

/// Columns of the CSV output, in order.
pub const COLUMNS: [&str; 13] = [
    "code",
    "label",
    "coders",
    "units",
    "units_all_coders",
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "one_category",
    "alpha_low",
    "alpha_high",
    "p_alpha_below_minimum",
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
    let options = options(args);
    if args.format == AgreementOutput::Matrix {
        let rows = reliability_matrix(&lib, &loaded.layers, &options);
        for row in &rows {
            write!(out, "{}", record(row))?;
        }
        writeln!(
            err,
            "{} unit row(s), {} coder(s)",
            rows.len() - 1,
            loaded.layers.len()
        )?;
        return Ok(exit(loaded.all_loaded()));
    }
    let report = agreement(&lib, &loaded.layers, &options);
    if report.codes.is_empty() {
        let what = match &options.codes {
            CodeFilter::All => String::new(),
            CodeFilter::Family(f) => format!(" under \"{f}\""),
            CodeFilter::Codes(c) => format!(" under \"{}\"", c.join("\", \"")),
        };
        writeln!(
            err,
            "caselens: no highlight of these coders on a case two or more of them rated has a code{what}"
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
        AgreementOutput::Matrix => {}
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
    Ok(exit(loaded.all_loaded()))
}

/// Success when every file loaded, else 1.
fn exit(all_loaded: bool) -> ExitCode {
    if all_loaded {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `--rollup`: a level (1 or more) or parent code ids separated by commas.
fn parse_rollup(arg: &str) -> Result<Rollup, String> {
    if let Ok(level) = arg.trim().parse::<usize>() {
        return if level == 0 {
            Err("the level is 1 (the family) or more".to_owned())
        } else {
            Ok(Rollup::Level(level))
        };
    }
    let parents: Vec<String> = arg
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    if parents.is_empty() {
        Err("give a level (2) or parent codes (RAT.practice,RAT.theory)".to_owned())
    } else {
        Ok(Rollup::Parents(parents))
    }
}

/// The computation the arguments ask for (`--domain` implies `--codes` unless given).
fn options(args: &AgreementArgs) -> Options {
    let codes = args.codes.clone().or_else(|| args.domain.clone());
    Options {
        unit: match args.unit {
            UnitArg::Paragraph => Unit::Paragraph,
            UnitArg::Char => Unit::Char,
        },
        codes: match codes {
            None => CodeFilter::All,
            Some(c) if c.contains(',') => CodeFilter::Codes(
                c.split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            Some(c) => CodeFilter::Family(c),
        },
        rollup: args.rollup.clone(),
        domain: args.domain.clone(),
        bootstrap: (args.bootstrap > 0).then(|| Bootstrap {
            draws: args.bootstrap,
            minimum: args.minimum,
            ..Bootstrap::default()
        }),
    }
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

/// A figure with three decimals; "1.000 (one category only)" or "n/a" when undefined.
fn figure(x: Option<f64>, s: &Stats) -> String {
    match x {
        Some(x) => format!("{x:.3}"),
        None if s.one_category => "100%, one category only".to_owned(),
        None => "n/a".to_owned(),
    }
}

/// A share as a percentage with one decimal, or "n/a".
fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |x| format!("{:.1}%", x * 100.0))
}

/// A unit count (weights are whole numbers of paragraphs or characters).
fn count(x: f64) -> String {
    format!("{}", x.round() as u64)
}

/// A Markdown table, one row per code, an overall row and the domain's; the rules first.
fn markdown(r: &Report, labels: &Labels) -> String {
    let mut md = format!(
        "# Inter-coder agreement\n\n{} coders: {}  \nUnit: {}; {} case(s). Cohen's and Fleiss' kappa use the units every coder rated.  \n{}  \n{}\n",
        r.coders.len(),
        r.coders.join(", "),
        words::unit_name(r.unit),
        r.cases,
        words::raters(r),
        words::codes(r),
    );
    if let Some(o) = words::orphans(r) {
        md.push_str(&format!("\n{o}\n\n"));
        for o in &r.orphans {
            md.push_str(&format!(
                "- {} ¶ {} ({}): “{}”\n",
                o.case,
                o.paragraph.as_deref().unwrap_or("?"),
                o.coder,
                o.quote.as_deref().unwrap_or("")
            ));
        }
    }
    md.push_str("\n| Code | Label | Coders | Units | Units (all coders) | Agreement | Cohen's kappa | Fleiss' kappa | Krippendorff's alpha | Alpha 95% interval |\n");
    md.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let row = |code: &str, label: &str, s: &Stats| {
        format!(
            "| {code} | {label} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            s.coders,
            count(s.units),
            count(s.complete_units),
            percent(s.percent),
            if s.coders == 2 {
                figure(s.cohen, s)
            } else {
                "n/a".to_owned()
            },
            figure(s.fleiss, s),
            figure(s.alpha, s),
            words::interval(s).unwrap_or_else(|| "–".to_owned()),
        )
    };
    for c in &r.codes {
        md.push_str(&row(&c.code, labels.get(&c.code), &c.stats));
    }
    md.push_str(&row("**Overall**", "all codes pooled", &r.overall));
    if let Some(d) = &r.domain {
        md.push_str(&row(
            &format!("**Domain {}**", d.family),
            &format!("values: {}", d.values.join(", ")),
            &d.stats,
        ));
    }
    if let Some(u) = words::unitizing(r) {
        md.push_str(&format!("\n{u}\n"));
    }
    for line in words::coding(r) {
        md.push_str(&format!("\n{line}\n"));
    }
    md.push('\n');
    for d in words::DEFINITIONS {
        md.push_str(&format!("- {d}\n"));
    }
    md
}

fn csv_row(code: &str, label: &str, s: &Stats) -> String {
    let num = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.4}"));
    let c = s.confidence;
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
        s.one_category.to_string(),
        num(c.map(|c| c.low)),
        num(c.map(|c| c.high)),
        num(c.map(|c| c.below)),
    ])
}

/// CSV with [`COLUMNS`]; percentages 0 to 100; "n/a" where a figure is undefined.
fn csv(r: &Report, labels: &Labels) -> String {
    let mut out = record(&COLUMNS);
    for c in &r.codes {
        out.push_str(&csv_row(&c.code, labels.get(&c.code), &c.stats));
    }
    out.push_str(&csv_row("overall", "", &r.overall));
    if let Some(d) = &r.domain {
        out.push_str(&csv_row(
            &format!("domain:{}", d.family),
            &d.values.join(" | "),
            &d.stats,
        ));
    }
    if let (Some(c), Some(d)) = (&r.coding, &r.domain) {
        out.push_str(&csv_row(&format!("cu-alpha:{}", d.family), "", &c.cu));
        out.push_str(&csv_row("Cu-alpha", &c.domains.join(" | "), &c.domains_cu));
    }
    out
}

fn to_json(r: &Report, labels: &Labels) -> serde_json::Value {
    json!({
        "unit": r.unit,
        "coders": r.coders,
        "cases": r.cases,
        "shared_cases": r.shared_cases,
        "raters": words::raters(r),
        "codes_compared": words::codes(r),
        "rollup": r.rollup,
        "left_out": r.left_out,
        "orphans": r.orphans,
        "codes": r.codes.iter().map(|c| json!({
            "code": c.code, "label": labels.get(&c.code), "stats": c.stats,
        })).collect::<Vec<_>>(),
        "overall": r.overall,
        "domain": r.domain,
        "unitizing": r.unitizing,
        "coding": r.coding,
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
