//! The three file formats of FORMAT.md as Rust types, and the parser that turns bytes into
//! them with exact, user-readable diagnostics (`file:line:col: message`).
//!
//! This module knows JSON and the shape of each format; cross-references (quotes, codes,
//! dimensions) are checked in [`crate::validate`].

pub mod case;
pub mod framework;
pub mod notes;
pub mod position;
pub mod site;
mod strict;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use case::{
    Alliance, AllianceStatus, Audience, Case, Evidence, Facet, Meta, Paragraph, Question, Section,
    Source,
};
pub use framework::{Code, Dimension, Framework, Group, Kind};
pub use notes::{
    Item, ItemKind, Lesson, NotesFile, Step, StepView, Target, UserCode, empty_notes, free_id,
    new_id, now, slug, stamp,
};
pub use position::{Pos, PositionIndex};

/// A short string of a file (an id, a code, a `section/paragraph` address, a time): kept in
/// place when it fits in 24 bytes, as almost all do, instead of in an allocation of its own.
/// Reads, writes, compares and hashes as the `str` it holds.
pub type Id = compact_str::CompactString;

/// One problem found in a file, with its place when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// File name or path as shown to the user.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// What is wrong, in words a case author understands.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at a position (or at no position).
    pub fn new(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Which of the three formats a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// `*.framework.json`.
    Framework,
    /// `*.case.json`.
    Case,
    /// `*.notes.json`.
    Notes,
}

impl DocKind {
    /// The name used in format tags (`caselens/<name>@1`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Framework => "framework",
            Self::Case => "case",
            Self::Notes => "notes",
        }
    }

    /// Guesses the kind from a file name (`x.case.json`).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        if lower.ends_with(".case.json") {
            Some(Self::Case)
        } else if lower.ends_with(".framework.json") {
            Some(Self::Framework)
        } else if lower.ends_with(".notes.json") {
            Some(Self::Notes)
        } else {
            None
        }
    }
}

/// A parsed file of any of the three formats.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A case.
    Case(Box<Case>),
    /// A framework.
    Framework(Box<Framework>),
    /// A notes file.
    Notes(Box<NotesFile>),
}

impl Document {
    /// The document's kind.
    pub fn kind(&self) -> DocKind {
        match self {
            Self::Case(_) => DocKind::Case,
            Self::Framework(_) => DocKind::Framework,
            Self::Notes(_) => DocKind::Notes,
        }
    }
}

/// Largest file Caselens reads (bigger files are refused before being read whole).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// [`parse`] of bytes the caller no longer needs: a valid file's text becomes its position
/// index without a copy (the library reads thousands of files this way).
pub fn parse_owned(
    name: &str,
    bytes: Vec<u8>,
    hint: Option<DocKind>,
) -> Result<(Document, PositionIndex), Vec<Diagnostic>> {
    match String::from_utf8(bytes) {
        Ok(text) if !text.starts_with('\u{feff}') && !text.trim().is_empty() => {
            match fast_path(&text, hint) {
                Some(doc) => Ok((doc, PositionIndex::from_text(text))),
                None => careful(name, &text, hint),
            }
        }
        Ok(text) => parse(name, text.as_bytes(), hint),
        Err(e) => parse(name, e.as_bytes(), hint),
    }
}

/// [`parse`] without the position index for a file that takes the fast path: `None` in its
/// place, and [`index_of`] builds it from the same bytes should a later check need one. The
/// index holds a copy of the text: 5.6 MB for 10,000 highlights, which loading notes no longer
/// allocates (and frees) for nothing.
pub fn parse_unindexed(
    name: &str,
    bytes: &[u8],
    hint: Option<DocKind>,
) -> Result<(Document, Option<PositionIndex>), Vec<Diagnostic>> {
    let body = text_of(bytes).map_err(|(pos, msg)| vec![Diagnostic::new(name, pos, msg)])?;
    match fast_path(body, hint) {
        Some(doc) => Ok((doc, None)),
        None => careful(name, body, hint).map(|(doc, index)| (doc, Some(index))),
    }
}

/// The position index of the text in `bytes` (as [`parse`] returns it).
pub fn index_of(bytes: &[u8]) -> PositionIndex {
    PositionIndex::build(text_of(bytes).unwrap_or_default())
}

/// Parses one file. `name` is used in diagnostics; `hint` is the kind implied by the file name.
///
/// On success also returns the position index, so later checks can point at values.
pub fn parse(
    name: &str,
    bytes: &[u8],
    hint: Option<DocKind>,
) -> Result<(Document, PositionIndex), Vec<Diagnostic>> {
    let body = text_of(bytes).map_err(|(pos, msg)| vec![Diagnostic::new(name, pos, msg)])?;
    match fast_path(body, hint) {
        Some(doc) => Ok((doc, PositionIndex::build(body))),
        None => careful(name, body, hint),
    }
}

/// The path for a text the fast path refused: the JSON tree, then the typed document with
/// every problem placed.
fn careful(
    name: &str,
    body: &str,
    hint: Option<DocKind>,
) -> Result<(Document, PositionIndex), Vec<Diagnostic>> {
    let fail = |pos: Option<Pos>, msg: String| vec![Diagnostic::new(name, pos, msg)];
    let value: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(e) => {
            // Columns from serde_json count bytes; recount in characters for editors.
            let pos = char_position(body, e.line(), e.column());
            return Err(fail(Some(pos), json_message(&e)));
        }
    };
    let index = PositionIndex::build(body);
    let Value::Object(map) = value else {
        return Err(fail(
            index.value(""),
            "expected a JSON object at the top level".to_owned(),
        ));
    };
    typed_document(name, body, map, index, hint)
}

/// The text of a file: UTF-8, without a BOM, not empty.
fn text_of(bytes: &[u8]) -> Result<&str, (Option<Pos>, String)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        (
            Some(end_position(valid)),
            format!(
                "the file is not valid UTF-8 (bad byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err((None, "the file is empty; expected a JSON object".to_owned()));
    }
    Ok(body)
}

/// The careful path: duplicate keys, the kind, `x-` extensions and typed errors, all placed.
fn typed_document(
    name: &str,
    body: &str,
    mut map: serde_json::Map<String, Value>,
    index: PositionIndex,
    hint: Option<DocKind>,
) -> Result<(Document, PositionIndex), Vec<Diagnostic>> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    if position::has_duplicate_keys(body) {
        problems.extend(index.duplicate_keys().iter().map(|(ptr, pos)| {
            Diagnostic::new(
                name,
                Some(*pos),
                format!("duplicate key `{}`", last_segment(ptr)),
            )
        }));
    }

    let kind = match detect_kind(&map, hint) {
        Ok(k) => k,
        Err(e) => {
            problems.push(Diagnostic::new(
                name,
                index.value("/format").or(index.value("")),
                e.to_string(),
            ));
            return Err(problems);
        }
    };

    // Top-level `x-` keys are extensions: set aside, written back on save.
    let ext_keys: Vec<String> = map
        .keys()
        .filter(|k| k.starts_with("x-"))
        .cloned()
        .collect();
    let mut extensions = BTreeMap::new();
    for k in ext_keys {
        if let Some(v) = map.remove(&k) {
            extensions.insert(k, v);
        }
    }
    let value = Value::Object(map);
    let doc = match kind {
        DocKind::Case => typed::<Case>(name, value, &index).map(|mut c| {
            c.extensions = extensions;
            Document::Case(Box::new(c))
        }),
        DocKind::Framework => typed::<Framework>(name, value, &index).map(|mut f| {
            f.extensions = extensions;
            Document::Framework(Box::new(f))
        }),
        DocKind::Notes => typed::<NotesFile>(name, value, &index).map(|mut n| {
            n.extensions = extensions;
            Document::Notes(Box::new(n))
        }),
    };
    match doc {
        Ok(doc) if problems.is_empty() => Ok((doc, index)),
        Ok(_) => Err(problems),
        Err(d) => {
            problems.push(d);
            Err(problems)
        }
    }
}

/// Valid files without extensions deserialize straight from the text, skipping the JSON tree
/// and the error-path tracking; anything else (errors, `x-` keys, other versions, duplicate
/// keys) takes the careful path that explains what is wrong.
fn fast_path(body: &str, hint: Option<DocKind>) -> Option<Document> {
    // Cheap look at the format tag so the right type is tried first: near the top, where
    // it usually is, before the whole text.
    let tag = |hay: &str| {
        if hay.contains("\"caselens/notes@1\"") {
            Some(DocKind::Notes)
        } else if hay.contains("\"caselens/case@1\"") {
            Some(DocKind::Case)
        } else if hay.contains("\"caselens/framework@1\"") {
            Some(DocKind::Framework)
        } else {
            None
        }
    };
    let head = &body[..body.floor_char_boundary(512)];
    let kind = tag(head).or_else(|| tag(body)).or(hint)?;
    // A case's typed parse refuses repeated keys itself (`strict`); the other formats hold
    // maps and values that do not, so their text is scanned first.
    if kind != DocKind::Case && position::has_duplicate_keys(body) {
        return None;
    }
    match kind {
        DocKind::Notes => serde_json::from_str::<NotesFile>(body)
            .ok()
            .filter(|n| n.format == notes::NOTES_FORMAT)
            .map(|mut n| {
                // Read by doubling: 10,000 highlights sat in room for 16,384.
                n.items.shrink_to_fit();
                Document::Notes(Box::new(n))
            }),
        DocKind::Case => serde_json::from_str::<Case>(body)
            .ok()
            .filter(|c| c.format == case::CASE_FORMAT)
            .map(|mut c| {
                c.shrink_to_fit();
                Document::Case(Box::new(c))
            }),
        DocKind::Framework => serde_json::from_str::<Framework>(body)
            .ok()
            .filter(|f| f.format == framework::FRAMEWORK_FORMAT)
            .map(|f| Document::Framework(Box::new(f))),
    }
}

/// Why a file's `format` tag is not one Caselens reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatTagError {
    /// No `format` key and no kind from the file name.
    #[error(
        "missing key `format` (expected \"caselens/case@1\", \"caselens/framework@1\" or \"caselens/notes@1\")"
    )]
    Missing,
    /// `format` is not a string.
    #[error("`format` must be a string such as \"caselens/case@1\"")]
    NotAString,
    /// Not a `caselens/<kind>@<version>` tag.
    #[error(
        "unknown format \"{0}\" (expected \"caselens/case@1\", \"caselens/framework@1\" or \"caselens/notes@1\")"
    )]
    Unknown(String),
    /// A Caselens tag of a kind it does not read.
    #[error("unknown format \"{0}\": Caselens reads case, framework and notes files")]
    UnknownKind(String),
    /// Written by a newer Caselens.
    #[error(
        "this file was written by a newer Caselens ({kind}@{version}); this version reads {kind}@1"
    )]
    Newer {
        /// The kind's name.
        kind: String,
        /// The version in the file.
        version: u32,
    },
    /// Version 0.
    #[error("unknown format version \"{format}\" (expected {kind}@1)")]
    VersionZero {
        /// The whole tag.
        format: String,
        /// The kind's name.
        kind: String,
    },
}

/// Reads the kind and version from `format`, refusing other and newer formats.
fn detect_kind(
    map: &serde_json::Map<String, Value>,
    hint: Option<DocKind>,
) -> Result<DocKind, FormatTagError> {
    let Some(format) = map.get("format") else {
        return hint.ok_or(FormatTagError::Missing);
    };
    let Some(format) = format.as_str() else {
        return Err(FormatTagError::NotAString);
    };
    let parsed = format
        .strip_prefix("caselens/")
        .and_then(|rest| rest.split_once('@'))
        .and_then(|(k, v)| Some((k, v.parse::<u32>().ok()?)));
    let Some((kind_name, version)) = parsed else {
        return Err(FormatTagError::Unknown(format.to_owned()));
    };
    let kind = match kind_name {
        "case" => DocKind::Case,
        "framework" => DocKind::Framework,
        "notes" => DocKind::Notes,
        _ => return Err(FormatTagError::UnknownKind(format.to_owned())),
    };
    if version > 1 {
        return Err(FormatTagError::Newer {
            kind: kind_name.to_owned(),
            version,
        });
    }
    if version == 0 {
        return Err(FormatTagError::VersionZero {
            format: format.to_owned(),
            kind: kind_name.to_owned(),
        });
    }
    Ok(kind)
}

/// Deserializes a typed document, turning serde's error path into a position.
fn typed<T: DeserializeOwned>(
    name: &str,
    value: Value,
    index: &PositionIndex,
) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let pointer = path_to_pointer(err.path());
        let message = err.inner().to_string();
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            // The path may or may not end with the unknown key; point at the key itself.
            let suffix = format!("/{}", position::escape_segment(field));
            let object = pointer.strip_suffix(&suffix).unwrap_or(&pointer).to_owned();
            let at = position::join(&object, field);
            let pointer = object;
            let pos = index.key(&at).or_else(|| index.nearest(&pointer));
            let hint = if pointer.is_empty() {
                " (top-level extensions must start with `x-`)"
            } else {
                ""
            };
            return Diagnostic::new(name, pos, format!("{message}{hint}"));
        }
        let place = if pointer.is_empty() {
            String::new()
        } else {
            format!(" at {pointer}")
        };
        Diagnostic::new(name, index.nearest(&pointer), format!("{message}{place}"))
    })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out = position::join(&out, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

fn last_segment(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Rewords `serde_json`'s syntax errors where they are cryptic.
fn json_message(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    // serde_json appends " at line L column C"; we print the place ourselves.
    let msg = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
    match e.classify() {
        serde_json::error::Category::Eof => {
            format!("the file ends too early ({msg}); is it truncated?")
        }
        serde_json::error::Category::Syntax if msg.contains("recursion limit") => {
            "JSON is nested too deeply (more than 128 levels)".to_owned()
        }
        serde_json::error::Category::Syntax => format!("not valid JSON: {msg}"),
        _ => msg,
    }
}

/// Converts `serde_json`'s (line, byte column) into a character column.
fn char_position(text: &str, line: usize, byte_column: usize) -> Pos {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return Pos {
            line,
            column: byte_column,
        };
    };
    let mut cut = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(cut) {
        cut -= 1;
    }
    Pos {
        line: line.max(1),
        column: line_text[..cut].chars().count().max(1),
    }
}

/// Position just after the end of `text`.
fn end_position(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or_default();
    Pos {
        line,
        column: last.chars().count() + 1,
    }
}

/// Serializes a document as pretty JSON, writing its `x-` extensions back at the top level.
pub fn to_json_pretty<T: Serialize>(
    doc: &T,
    extensions: &BTreeMap<String, Value>,
) -> serde_json::Result<String> {
    let mut value = serde_json::to_value(doc)?;
    if let Value::Object(map) = &mut value {
        for (k, v) in extensions {
            map.insert(k.clone(), v.clone());
        }
    }
    let mut s = serde_json::to_string_pretty(&value)?;
    s.push('\n');
    Ok(s)
}

/// True for ids of cases, sections, dimensions etc.: `^[a-z0-9][a-z0-9._-]{0,63}$`.
pub fn is_valid_id(id: &str) -> bool {
    // Bytes, not chars: every allowed character is ASCII (and a non-ASCII byte is refused).
    let bytes = id.as_bytes();
    bytes
        .first()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && bytes.len() <= 64
        && bytes[1..].iter().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// True for code ids: dotted parts of `[A-Za-z0-9-]`.
pub fn is_valid_code_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// True for `#rrggbb`.
pub fn is_valid_color(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Namespace of every UUID v5 GUID Caselens derives (fixed forever: changing it changes every
/// exported GUID).
pub const NAMESPACE: uuid::Uuid = uuid::uuid!("e1154e57-fd41-483b-aaea-01d088dd2abd");

/// The GUID of `key` of a kind of thing (`"case"`, `"selection"`, …): UUID v5, stable.
pub fn guid(kind: &str, key: &str) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, format!("{kind}:{key}").as_bytes()).to_string()
}

/// True for a UUID in its canonical 8-4-4-4-12 hex form.
pub fn is_valid_uuid(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests;
