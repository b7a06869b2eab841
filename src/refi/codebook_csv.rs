//! The codebook as CSV in the form Taguette's codebook import reads (`taguette.import_codebook`,
//! version 1.5): a header row naming a `tag` column and a `description` column (Caselens adds
//! `color`, which Taguette ignores), then one row per code. Taguette has no nesting of its own:
//! a tag is a path whose levels are joined by `.`, so a code's row holds its labels from the
//! top joined by `.`; a `.` inside a label is written as `․` (U+2024, which looks the same) so
//! that it does not make a level, and is read back as `.`.
//!
//! The file starts with a UTF-8 byte order mark: Taguette guesses the encoding (chardet), and
//! the mark is what makes that guess certain. The import reads the same columns by Taguette's
//! rules (one of `tag`, `name` or `path`, case-insensitive; `description` optional; empty rows
//! skipped; cells trimmed) and goes through the REFI codebook import, so codes already there
//! (same label under the same parent) are updated, not added twice, and framework codes are
//! recognised by their label path.

use std::collections::HashMap;

use super::error::ImportError;
use super::import::{Imported, import_codebook};
use super::{FrameworkCodes, RefiCode, RefiCodebook, attr, text};
use crate::format::{Framework, NotesFile};

/// What replaces a `.` inside a label (a `.` separates levels in a Taguette tag).
pub const DOT_IN_LABEL: char = '\u{2024}';

/// The codebook CSV of the frameworks' codes and the user's codes, in tree order.
pub fn codebook_csv(frameworks: &[&Framework], notes: &NotesFile) -> Vec<u8> {
    csv_of(&RefiCodebook::build(frameworks, notes))
}

/// The codebook CSV of an already built codebook.
pub fn csv_of(book: &RefiCodebook) -> Vec<u8> {
    let mut out = String::from("\u{feff}tag,description,color\r\n");
    let mut stack: Vec<(String, &RefiCode)> = book
        .roots
        .iter()
        .rev()
        .map(|c| (String::new(), c))
        .collect();
    while let Some((prefix, code)) = stack.pop() {
        let label = code.name.replace('.', &DOT_IN_LABEL.to_string());
        let path = if prefix.is_empty() {
            label
        } else {
            format!("{prefix}.{label}")
        };
        let description = code.description.as_deref().unwrap_or_default();
        out.push_str(&format!(
            "{},{},{}\r\n",
            cell(&path),
            cell(description),
            cell(&code.color)
        ));
        stack.extend(code.children.iter().rev().map(|c| (path.clone(), c)));
    }
    out.into_bytes()
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The rows of a CSV text (RFC 4180, as Python's `csv` reads it: quoted cells may hold commas,
/// doubled quotes and line breaks).
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n' | '\r') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err("a quoted cell is not closed".to_owned());
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    Ok(rows)
}

/// One code of the CSV: its label, description, colour and children (indices).
#[derive(Default)]
struct Node {
    label: String,
    description: String,
    color: String,
    children: Vec<usize>,
}

/// Imports the codes of a codebook CSV (Taguette's, or Caselens's own) into `notes`.
pub fn import_codebook_csv(
    notes: &NotesFile,
    bytes: &[u8],
    skip: &FrameworkCodes,
) -> Result<Imported, ImportError> {
    let bad = |row: Option<usize>, message: &str| ImportError::Csv {
        place: row.map_or_else(String::new, |r| format!("row {r}: ")),
        message: message.to_owned(),
    };
    if bytes.len() as u64 > super::limits::MAX_XML_BYTES {
        return Err(ImportError::Read(format!(
            "the codebook CSV is larger than {} MB",
            super::limits::MAX_XML_BYTES / 1_048_576
        )));
    }
    if bytes.starts_with(b"PK") || super::project_import::looks_like_xml(bytes) {
        return Err(bad(
            None,
            "this is a REFI-QDA file: import it with `caselens import qdc` or `caselens import qdpx` (File > Import > REFI-QDA codebook or project)",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| bad(None, "the file is not UTF-8 text (save it as CSV UTF-8)"))?;
    let rows = parse_csv(text).map_err(|m| bad(None, &m))?;
    let mut rows = rows.into_iter();
    let header = rows.next().ok_or_else(|| bad(None, "the file is empty"))?;
    let (tag, description, color) = columns(&header).map_err(|m| bad(None, m))?;
    let needed = tag.max(description.unwrap_or_default()) + 1;
    let mut nodes = vec![Node::default()];
    let mut index: HashMap<(usize, String), usize> = HashMap::new();
    for (n, row) in rows.enumerate() {
        let number = n + 2;
        if row.len() < needed {
            return Err(bad(Some(number), "not enough columns"));
        }
        if row.iter().all(String::is_empty) {
            continue;
        }
        let path = row[tag].trim();
        if path.is_empty() {
            return Err(bad(Some(number), "empty tag name"));
        }
        let labels: Vec<String> = path
            .split('.')
            .map(|l| l.trim().replace(DOT_IN_LABEL, "."))
            .filter(|l| !l.is_empty())
            .collect();
        if labels.len() > super::limits::MAX_CODE_DEPTH {
            return Err(bad(
                Some(number),
                &format!(
                    "the tag has more than {} levels; Caselens imports at most that many",
                    super::limits::MAX_CODE_DEPTH
                ),
            ));
        }
        let mut at = 0;
        for label in labels {
            let key = (at, label.clone());
            at = if let Some(&i) = index.get(&key) {
                i
            } else {
                nodes.push(Node {
                    label,
                    ..Node::default()
                });
                let i = nodes.len() - 1;
                nodes[at].children.push(i);
                index.insert(key, i);
                i
            };
        }
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |s| s.trim());
        nodes[at].description = get(description).to_owned();
        nodes[at].color = get(color).to_owned();
    }
    let xml = codebook_xml(&nodes);
    let doc = super::xml::parse(&xml, super::error::What::Codebook, None)?;
    let root = doc.root_element();
    import_codebook(notes, &doc, Some(root), skip, None)
}

/// The columns of the tag path, the description and the colour, by Taguette's rules: the
/// header is read case-insensitively and exactly one of `tag`, `name`, `path` names the tag.
fn columns(header: &[String]) -> Result<(usize, Option<usize>, Option<usize>), &'static str> {
    let header: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let names = ["tag", "name", "path"];
    let tag = match names.iter().filter(|n| col(n).is_some()).count() {
        0 => return Err("no 'tag', 'name', or 'path' column"),
        1 => names.iter().find_map(|n| col(n)).unwrap_or_default(),
        _ => return Err("not sure which column to use for tag name"),
    };
    Ok((tag, col("description"), col("color")))
}

/// The nodes as a REFI codebook (depth is bounded by [`super::limits::MAX_CODE_DEPTH`]).
fn codebook_xml(nodes: &[Node]) -> String {
    fn write(out: &mut String, nodes: &[Node], i: usize) {
        let n = &nodes[i];
        out.push_str(&format!("<Code name=\"{}\"", attr(&n.label)));
        if !n.color.is_empty() {
            out.push_str(&format!(" color=\"{}\"", attr(&n.color)));
        }
        out.push('>');
        if !n.description.is_empty() {
            out.push_str(&format!(
                "<Description>{}</Description>",
                text(&n.description)
            ));
        }
        for &c in &n.children {
            write(out, nodes, c);
        }
        out.push_str("</Code>");
    }
    let mut out = String::from("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>");
    for &c in &nodes[0].children {
        write(&mut out, nodes, c);
    }
    out.push_str("</Codes></CodeBook>");
    out
}

#[cfg(test)]
mod tests;
