//! Plain text: blocks separated by blank lines. A block of one short line without closing
//! punctuation, followed by more text, is a heading; a block whose lines all start with a list
//! marker (`-`, `*`, `+`, `•`) is a list (unmarked lines continue the item above); a block whose
//! lines all hold cells apart by two or more spaces is a table (rules of dashes or `=` dropped).

use std::path::Path;

use super::DocumentError;
use super::flow::{Builder, Meta};
use super::text::decode;

/// Reads plain text. Plain text has no metadata: the title is the first heading or the file's name.
#[expect(
    clippy::unnecessary_wraps,
    reason = "every reader has the same signature; the binary formats can fail"
)]
pub(crate) fn read(_path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    let text = decode(bytes);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let blocks: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|b| {
            b.lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect();
    let mut builder = Builder::default();
    for (i, block) in blocks.iter().enumerate() {
        let more_follows = i + 1 < blocks.len();
        if more_follows && is_heading(block) {
            builder.heading(block[0]);
        } else if block.iter().all(|l| list_marker(l).is_some()) || is_list(block) {
            list(&mut builder, block);
        } else if is_table(block) {
            for line in block.iter().filter(|l| !is_rule(l)) {
                let cells: Vec<String> = cells(line).into_iter().map(str::to_owned).collect();
                builder.table_row(&cells);
            }
        } else {
            builder.paragraph(&block.join(" "));
        }
    }
    Ok((builder, Meta::default()))
}

fn is_heading(block: &[&str]) -> bool {
    let [line] = block else { return false };
    let line = line.trim();
    line.chars().count() <= 80
        && list_marker(line).is_none()
        && !line.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// The text after a list marker, if the line starts with one.
fn list_marker(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let rest = line
        .strip_prefix(['-', '*', '+', '•', '◦', '▪'])
        .filter(|r| r.starts_with(char::is_whitespace))?;
    Some(rest.trim())
}

/// A list whose items may wrap onto unmarked lines.
fn is_list(block: &[&str]) -> bool {
    block.first().is_some_and(|l| list_marker(l).is_some())
}

fn list(builder: &mut Builder, block: &[&str]) {
    let mut item = String::new();
    for line in block {
        if let Some(text) = list_marker(line) {
            builder.list_item(&item);
            item = text.to_owned();
        } else {
            item.push(' ');
            item.push_str(line.trim());
        }
    }
    builder.list_item(&item);
}

fn is_rule(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line
            .chars()
            .all(|c| matches!(c, '-' | '=' | ' ' | '+' | '|'))
}

fn cells(line: &str) -> Vec<&str> {
    line.trim()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

fn is_table(block: &[&str]) -> bool {
    let rows: Vec<&&str> = block.iter().filter(|l| !is_rule(l)).collect();
    rows.len() >= 2 && rows.iter().all(|l| cells(l).len() >= 2)
}
