//! Comparisons as Markdown, CSV and JSON, for the clipboard, the CLI and other tools;
//! handouts ([`html`], [`case_doc`]), data as CSV ([`data`]) and [`write_file`] for all of them.

pub mod annotation;
pub mod answers;
pub mod case_doc;
pub mod data;
pub mod html;

use std::path::Path;

use serde_json::json;

use crate::codebook::Codebook;
use crate::compare::{Cell, CellState, Comparison, Row};
use crate::format::{Framework, Kind};

/// Which rows to write: the comparison's own filter.
pub use crate::compare::RowFilter;

/// A cell as one line of text: items joined, codes by label, unknown and not covered marked.
pub fn cell_text(codebook: &Codebook, kind: Kind, cell: &Cell) -> String {
    match cell.state {
        CellState::NotCovered => "not covered".to_owned(),
        CellState::Unknown => "unknown".to_owned(),
        CellState::Value => cell
            .items
            .iter()
            .map(|i| match kind {
                Kind::Codes => codebook.label(&i.text).to_owned(),
                _ => i.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Comparison cells hold framework codes only (facet values), so the user's codes are not needed.
fn framework_codebook(fw: &Framework) -> Codebook {
    Codebook::build(Some(fw), &crate::format::empty_notes(None))
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown document: one table per group, a relation column at the end.
pub fn markdown(cmp: &Comparison, fw: &Framework, filter: RowFilter) -> String {
    let mut out = format!(
        "# Comparison: {}\n\n",
        cmp.cases
            .iter()
            .map(|c| c.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    );
    let codebook = framework_codebook(fw);
    for group in &cmp.groups {
        let rows: Vec<&Row> = group.rows.iter().filter(|r| filter.keeps(r)).collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("## {}\n\n| Dimension |", md_escape(&group.title)));
        for c in &cmp.cases {
            out.push_str(&format!(" {} |", md_escape(&c.title)));
        }
        out.push_str(" Relation |\n|---|");
        out.push_str(&"---|".repeat(cmp.cases.len()));
        out.push_str("---|\n");
        for row in rows {
            out.push_str(&format!("| {} |", md_escape(&row.label)));
            for cell in &row.cells {
                let text = md_escape(&cell_text(&codebook, row.kind, cell));
                let text = match cell.state {
                    CellState::Value => text,
                    _ => format!("*{text}*"),
                };
                out.push_str(&format!(" {text} |"));
            }
            out.push_str(&format!(" {} |\n", row.relation.label()));
        }
        out.push('\n');
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// CSV (RFC 4180): group, dimension, label, relation, then one column per case.
pub fn csv(cmp: &Comparison, fw: &Framework, filter: RowFilter) -> String {
    let mut header = vec![
        "group".to_owned(),
        "dimension".to_owned(),
        "label".to_owned(),
        "relation".to_owned(),
    ];
    header.extend(cmp.cases.iter().map(|c| c.id.clone()));
    let mut out = header
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    let codebook = framework_codebook(fw);
    for row in cmp.rows().filter(|r| filter.keeps(r)) {
        let mut fields = vec![
            row.group.clone(),
            row.dimension.clone(),
            row.label.clone(),
            row.relation.label().to_owned(),
        ];
        fields.extend(row.cells.iter().map(|c| cell_text(&codebook, row.kind, c)));
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// JSON with `rows` of `dimension`, `group`, `relation` and per-case `cells`.
pub fn json(cmp: &Comparison, filter: RowFilter) -> serde_json::Value {
    json!({
        "framework": cmp.framework,
        "cases": cmp.cases,
        "rows": cmp.rows().filter(|r| filter.keeps(r)).map(|r| json!({
            "dimension": r.dimension,
            "label": r.label,
            "group": r.group,
            "relation": r.relation,
            "cells": r.cells.iter().map(|c| json!({
                "case": c.case,
                "state": c.state,
                "value": c.value,
                "unknown": c.unknown,
                "shared": c.items.iter().filter(|i| i.shared).map(|i| i.text.clone()).collect::<Vec<_>>(),
                "evidence": c.evidence,
                "notes": c.notes,
                "unconfirmed": c.unconfirmed,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Why an export could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the file failed; a file that was there is intact.
    #[error("cannot write {}: {message}", path.display())]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// Why, in words for the user ("the disk is full").
        message: String,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The cases' framework is not loaded.
    #[error("framework \"{0}\" is not loaded")]
    NoFramework(String),
    /// The export is of the open case and none is open.
    #[error("no case is open in the reader")]
    NoOpenCase,
    /// No case is loaded.
    #[error("no case is loaded")]
    NoCase,
    /// The cases to compare could not be chosen.
    #[error(transparent)]
    Select(#[from] crate::compare::SelectError),
    /// A writer for another tool failed.
    #[error(transparent)]
    Writer(Box<dyn std::error::Error + Send + Sync>),
}

/// Writes an export atomically (a crash leaves the old file or the new one, never half).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::notes::store::write_atomic(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        message: crate::notes::store::why(&source),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, Library, LoadRequest};

    fn ab() -> (Library, Comparison) {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let fw = lib.framework("asp-alliances").unwrap();
        let cmp = crate::compare::compare(
            fw,
            &[
                lib.case("company-a").unwrap(),
                lib.case("company-b").unwrap(),
            ],
            None,
        )
        .unwrap();
        (lib, cmp)
    }

    #[test]
    fn markdown_has_a_table_per_group_and_escapes_pipes() {
        let (lib, cmp) = ab();
        let md = markdown(
            &cmp,
            lib.framework("asp-alliances").unwrap(),
            RowFilter::default(),
        );
        assert!(md.starts_with("# Comparison: "));
        assert_eq!(md.matches("\n## ").count(), cmp.groups.len());
        assert!(md.contains("| Founded | 1999 | *unknown* |"), "{md}");
        assert_eq!(md_escape("a|b"), "a\\|b");
    }

    #[test]
    fn csv_quotes_and_filters() {
        let (lib, cmp) = ab();
        let fw = lib.framework("asp-alliances").unwrap();
        let all = csv(&cmp, fw, RowFilter::default());
        let diff = csv(
            &cmp,
            fw,
            RowFilter {
                differences_only: true,
                with_partly_known: false,
            },
        );
        assert_eq!(all.lines().count(), 1 + cmp.rows().count());
        assert_eq!(
            diff.lines().count(),
            1 + cmp.rows().filter(|r| r.relation.is_difference()).count()
        );
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }

    #[test]
    fn json_rows_have_the_documented_keys() {
        let (_, cmp) = ab();
        let v = json(&cmp, RowFilter::default());
        let row = &v["rows"][0];
        for key in ["dimension", "group", "relation", "cells"] {
            assert!(!row[key].is_null(), "{key}");
        }
        assert_eq!(row["cells"][0]["state"], "value");
        assert_eq!(row["cells"][1]["state"], "unknown");
    }

    #[test]
    fn write_file_replaces_the_whole_file_and_names_it_when_it_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_file(&path, b"a much longer first version").unwrap();
        write_file(&path, b"short").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
        let bad = dir.path().join("missing-folder").join("x.csv");
        let err = write_file(&bad, b"x").unwrap_err().to_string();
        assert!(err.contains("x.csv"), "{err}");
    }
}
