//! REFI-QDA XML as other people send it, read with limits checked before parsing: the size,
//! the attributes of each element (the XML parser checks duplicates pairwise, so 100,000
//! attributes on one element would take many seconds) and the number of nodes; no DTD, so no
//! entities to expand. Errors say where, in lines and columns.

use roxmltree::{Document, ParsingOptions};

use super::error::{ImportError, What};
pub use super::limits::{MAX_ATTRIBUTES, MAX_CODE_DEPTH, MAX_XML_BYTES, MAX_XML_NODES};

/// Parses `text` as the XML of a `what`; `entry` names the file inside a project in messages.
pub fn parse<'t>(
    text: &'t str,
    what: What,
    entry: Option<&str>,
) -> Result<Document<'t>, ImportError> {
    if text.len() as u64 > MAX_XML_BYTES {
        return Err(ImportError::TooLarge {
            what,
            bytes: text.len() as u64,
        });
    }
    if let Some(at) = element_with_too_many_attributes(text) {
        let (line, column) = line_column(text, at);
        return Err(ImportError::TooManyAttributes {
            what,
            place: place(entry, line, Some(column)),
        });
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => ImportError::TooManyNodes { what },
        e => {
            let pos = e.pos();
            let message = e.to_string();
            let message = message
                .strip_suffix(&format!(" at {pos}"))
                .unwrap_or(&message)
                .to_owned();
            ImportError::Xml {
                what,
                place: place(entry, pos.row, Some(pos.col)),
                message,
            }
        }
    })
}

/// "line 3, column 5", or "project.qde, line 3" inside a project.
pub fn place(entry: Option<&str>, line: u32, column: Option<u32>) -> String {
    let mut out = entry.map(|e| format!("{e}, ")).unwrap_or_default();
    out.push_str(&format!("line {line}"));
    if let Some(c) = column {
        out.push_str(&format!(", column {c}"));
    }
    out
}

/// Line and column (1-based, in chars) of byte `at`.
fn line_column(text: &str, at: usize) -> (u32, u32) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

/// The byte offset of the first start tag with more than [`MAX_ATTRIBUTES`] attributes, in
/// one pass without parsing: `=` outside quotes in a start tag is counted; comments, CDATA,
/// processing instructions and declarations are skipped.
fn element_with_too_many_attributes(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', bytes.get(i..)?) {
        let start = i + lt;
        let rest = bytes.get(start..)?;
        let skip_to = |end: &[u8]| {
            memchr::memmem::find(rest, end).map_or(bytes.len(), |e| start + e + end.len())
        };
        i = if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") {
            skip_to(b">")
        } else {
            let (end, attributes) = start_tag(rest);
            if attributes > MAX_ATTRIBUTES {
                return Some(start);
            }
            start + end
        };
    }
    None
}

/// The length of the start tag at the beginning of `tag` and how many attributes it has.
fn start_tag(tag: &[u8]) -> (usize, usize) {
    let mut quote = None;
    let mut attributes = 0;
    for (n, &b) in tag.iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'=') => attributes += 1,
            (None, b'>' | b'<') => return (n + usize::from(b == b'>'), attributes),
            (None, _) => {}
        }
    }
    (tag.len(), attributes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_counted_outside_quotes_comments_and_cdata() {
        let many = (0..=MAX_ATTRIBUTES)
            .map(|i| format!(" a{i}=\"x\""))
            .collect::<Vec<_>>()
            .concat();
        let text = format!("<CodeBook>\n<!-- <x {many}> -->\n<![CDATA[<x {many}>]]>\n<Codes");
        assert_eq!(element_with_too_many_attributes(&text), None);
        let quoted = format!("<CodeBook name=\"{}\"/>", "=".repeat(1000));
        assert_eq!(element_with_too_many_attributes(&quoted), None);
        let bad = format!("{text}/>\n<Code{many}/>");
        let err = parse(&bad, What::Codebook, None).unwrap_err().to_string();
        assert!(
            err.contains("line 5, column 1: an element has more than 64"),
            "{err}"
        );
    }

    #[test]
    fn errors_say_where_without_the_parsers_own_position() {
        let err = parse("<CodeBook>\n  <Codes>", What::Project, Some("project.qde"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("not a REFI-QDA project (.qdpx): project.qde, line "),
            "{err}"
        );
        let err = parse("<a>\n<b></c></a>", What::Codebook, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2, column "), "{err}");
        assert!(!err.contains(" at 2:"), "{err}");
    }
}
