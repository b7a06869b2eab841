//! Data for analysis as CSV (RFC 4180): UTF-8 without a BOM, one header row, a fixed column
//! order, `\r\n` after every record, and a field quoted (with `"` doubled) when it holds a
//! comma, a quote or a line break. R's `read.csv` and pandas' `read_csv` read these files
//! without options.

use std::collections::HashMap;

use crate::codebook::Codebook;
use crate::compare::matrix::Matrix;
use crate::format::{Case, ItemKind, NotesFile};
use crate::library::Library;
use crate::notes::anchor::locate;

/// The record separator of every CSV file Caselens writes.
pub const RECORD_END: &str = "\r\n";

/// Columns of [`highlights_csv`], in order.
pub const HIGHLIGHT_COLUMNS: [&str; 11] = [
    "case",
    "paragraph",
    "start",
    "end",
    "text",
    "codes",
    "code_labels",
    "comment",
    "author",
    "created",
    "id",
];

/// One field, quoted when it must be.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One record (fields quoted as needed) with its `\r\n`.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str(RECORD_END);
    out
}

/// The cases-by-codes matrix, wide: a `case` column, then one column per code of the family
/// (by id, in the matrix's tree order); each cell counts the matrix's units
/// (see [`crate::compare::matrix::COUNTING_UNIT`]).
pub fn matrix_csv(m: &Matrix) -> String {
    let mut header = vec!["case".to_owned()];
    header.extend(m.codes.iter().cloned());
    let mut out = record(&header);
    for (r, case) in m.cases.iter().enumerate() {
        let mut row = vec![case.clone()];
        row.extend((0..m.codes.len()).map(|c| m.count(r, c).to_string()));
        out.push_str(&record(&row));
    }
    out
}

/// The same matrix, long: one record per case and code (`case,code,label,count`), zeros
/// included, in the wide file's order.
pub fn matrix_csv_long(m: &Matrix, codebook: &Codebook) -> String {
    let mut out = record(&["case", "code", "label", "count"]);
    for (r, case) in m.cases.iter().enumerate() {
        for (c, code) in m.codes.iter().enumerate() {
            out.push_str(&record(&[
                case.as_str(),
                code.as_str(),
                codebook.path_label(code),
                &m.count(r, c).to_string(),
            ]));
        }
    }
    out
}

/// Every live highlight of a notes file, one record each (columns: [`HIGHLIGHT_COLUMNS`]).
///
/// `start` and `end` are char offsets in the paragraph's raw text: where the highlight is
/// found in the loaded case, else the offsets stored in the file. `codes` are ids and
/// `code_labels` their labels, both `;`-separated in the same order. Records are sorted by
/// case, by paragraph in the case's order, then by start.
pub fn highlights_csv(notes: &NotesFile, library: &Library) -> String {
    let mut codebooks: HashMap<String, Codebook> = HashMap::new();
    let author = notes.author.clone().unwrap_or_default();
    let mut rows: Vec<(SortKey, Vec<String>)> = Vec::new();
    for item in notes
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Highlight && !i.deleted)
    {
        let case_id = item.case.as_deref().unwrap_or_default().to_owned();
        let case = library.case(&case_id);
        let framework = case.map(|c| c.framework.clone()).unwrap_or_default();
        let codebook = codebooks
            .entry(framework.clone())
            .or_insert_with(|| Codebook::build(library.framework(&framework), notes));
        let target = item.target.as_ref();
        let paragraph = target
            .and_then(|t| t.paragraph.as_deref())
            .unwrap_or_default()
            .to_owned();
        let (start, end) = case
            .zip(target)
            .and_then(|(c, t)| located(c, t))
            .or(target.and_then(|t| t.start.zip(t.end)))
            .map_or((String::new(), String::new()), |(s, e)| {
                (s.to_string(), e.to_string())
            });
        let labels: Vec<&str> = item.codes.iter().map(|c| codebook.path_label(c)).collect();
        let key = SortKey {
            case: case_id.clone(),
            paragraph: case.map_or(usize::MAX, |c| paragraph_index(c, &paragraph)),
            address: paragraph.clone(),
            start: start.parse().unwrap_or(usize::MAX),
        };
        rows.push((
            key,
            vec![
                case_id,
                paragraph,
                start,
                end,
                target.and_then(|t| t.exact.clone()).unwrap_or_default(),
                item.codes.join(";"),
                labels.join(";"),
                item.text.clone().unwrap_or_default(),
                item.author.clone().unwrap_or_else(|| author.clone()),
                item.created.to_string(),
                item.id.clone(),
            ],
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = record(&HIGHLIGHT_COLUMNS);
    for (_, row) in rows {
        out.push_str(&record(&row));
    }
    out
}

/// Order of highlight records.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct SortKey {
    case: String,
    paragraph: usize,
    address: String,
    start: usize,
}

/// Position of `section/paragraph` in the case's reading order (`usize::MAX` if absent).
fn paragraph_index(case: &Case, address: &str) -> usize {
    case.sections
        .iter()
        .flat_map(|s| {
            s.paragraphs
                .iter()
                .map(move |p| format!("{}/{}", s.id, p.id))
        })
        .position(|a| a == address)
        .unwrap_or(usize::MAX)
}

/// Where a highlight is in the current text of its paragraph, if it is found there.
fn located(case: &Case, target: &crate::format::Target) -> Option<(usize, usize)> {
    let paragraph = case.paragraph(target.paragraph.as_deref()?)?;
    locate(&paragraph.text, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
        assert_eq!(field("é🙂"), "é🙂");
        assert_eq!(record(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }
}
