//! Import of a REFI-QDA project (`.qdpx`) whose sources are Caselens cases: its codebook into
//! the user's codes (as [`super::import`]) and the codings of its text selections as highlights.
//!
//! A source is matched to a case by the GUID Caselens gives the case's source, else by its text
//! (the case's narrative as [`super::qdpx::source_text`] writes it, a BOM and CRLF line ends
//! allowed). Offsets are only meaningful on the same text, so a source whose text differs is
//! reported and its codings are left out, never guessed. Pure: bytes in, a new notes file out.

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use roxmltree::{Document, Node};

use super::RefiCodebook;
use super::import::{ImportError, import_qdc};
use super::qdpx::{SourceText, source_text};
use crate::format::{Case, Framework, Item, ItemKind, NotesFile, is_valid_uuid};
use crate::notes::anchor::new_anchor;

/// What a project import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectImported {
    /// The notes file with the codes and highlights added.
    pub notes: NotesFile,
    /// Codes added to the user's codes.
    pub codes_added: usize,
    /// Highlights added.
    pub highlights_added: usize,
    /// Selections already in the notes (same case, paragraph, span and codes).
    pub duplicates: usize,
    /// Why sources or selections were left out, one line each.
    pub skipped: Vec<String>,
}

/// The files of a `.qdpx`: the project XML and every other entry by lower-cased path.
struct Archive {
    qde: String,
    files: HashMap<String, Vec<u8>>,
}

fn read_archive(bytes: &[u8]) -> Result<Archive, ImportError> {
    let zip_err = |e: zip::result::ZipError| ImportError::Zip(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
    let mut qde = None;
    let mut files = HashMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(zip_err)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(zip_err)?
            .replace('\\', "/")
            .to_lowercase();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| ImportError::Zip(e.to_string()))?;
        let is_qde = std::path::Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("qde"));
        if is_qde && qde.is_none() {
            qde = Some(data);
        } else {
            files.insert(name, data);
        }
    }
    let qde = qde.ok_or(ImportError::NoProject)?;
    let qde = qde.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&qde);
    let qde = String::from_utf8(qde.to_vec()).map_err(|_| ImportError::NotText)?;
    Ok(Archive { qde, files })
}

/// Imports the codebook and the codings of a `.qdpx` on `cases`.
pub fn import_qdpx(
    notes: &NotesFile,
    bytes: &[u8],
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    let archive = read_archive(bytes)?;
    let doc = Document::parse(&archive.qde).map_err(|e| ImportError::Xml(e.to_string()))?;
    if doc.root_element().tag_name().name() != "Project" {
        let name = doc.root_element().tag_name().name().to_owned();
        return Err(ImportError::NotCodebook(name));
    }
    let skip = RefiCodebook::build(frameworks, notes).framework_guids();
    let with_codes = import_qdc(notes, archive.qde.as_bytes(), &skip)?;
    let mut state = State {
        codes: RefiCodebook::build(frameworks, &with_codes.notes),
        notes: with_codes.notes,
        added: 0,
        duplicates: 0,
        skipped: Vec::new(),
    };
    let sources: Vec<(Node<'_, '_>, &Case, SourceText, Vec<usize>)> = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "TextSource")
        .filter_map(|n| state.match_source(n, &archive, cases))
        .collect();
    for (node, case, source, map) in &sources {
        for sel in node
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "PlainTextSelection")
        {
            state.selection(sel, case, source, map);
        }
    }
    Ok(ProjectImported {
        notes: state.notes,
        codes_added: with_codes.added,
        highlights_added: state.added,
        duplicates: state.duplicates,
        skipped: state.skipped,
    })
}

struct State {
    codes: RefiCodebook,
    notes: NotesFile,
    added: usize,
    duplicates: usize,
    skipped: Vec<String>,
}

impl State {
    /// The case a source is, its text, and the map from the file's char offsets to ours.
    fn match_source<'a, 'i, 'c>(
        &mut self,
        node: Node<'a, 'i>,
        archive: &Archive,
        cases: &[&'c Case],
    ) -> Option<(Node<'a, 'i>, &'c Case, SourceText, Vec<usize>)> {
        let name = node.attribute("name").unwrap_or("(unnamed)");
        let Some(raw) = source_content(node, archive) else {
            self.skipped
                .push(format!("source \"{name}\": its text is not in the file"));
            return None;
        };
        let (text, map) = normalise(&raw);
        let guid = node.attribute("guid").map(str::to_ascii_lowercase);
        let by_guid = cases
            .iter()
            .find(|c| guid.as_deref() == Some(super::guid("source", &c.id).as_str()));
        let matched = by_guid
            .map(|c| (*c, source_text(c)))
            .filter(|(_, s)| s.text == text)
            .or_else(|| {
                cases
                    .iter()
                    .map(|c| (*c, source_text(c)))
                    .find(|(_, s)| s.text == text)
            });
        if matched.is_none() {
            let why = if by_guid.is_some() {
                "its text differs from the case's (the case changed?)"
            } else {
                "no loaded case has this text"
            };
            self.skipped.push(format!(
                "source \"{name}\": {why}; its codings are left out"
            ));
        }
        matched.map(|(case, source)| (node, case, source, map))
    }

    /// Adds the highlight of one selection (or says why not).
    fn selection(&mut self, sel: Node<'_, '_>, case: &Case, source: &SourceText, map: &[usize]) {
        let position = |a: &str| -> Option<usize> {
            let n: usize = sel.attribute(a)?.trim().parse().ok()?;
            map.get(n).copied()
        };
        let label = sel.attribute("name").unwrap_or_default();
        let (Some(start), Some(end)) = (position("startPosition"), position("endPosition")) else {
            self.skipped.push(format!(
                "{}: a selection has no valid startPosition/endPosition",
                case.id
            ));
            return;
        };
        let Some((address, raw, anchor_range)) = locate(case, source, start, end) else {
            self.skipped.push(format!(
                "{}: selection \"{label}\" ({start}-{end}) is not within one paragraph",
                case.id
            ));
            return;
        };
        let Some(anchor) = new_anchor(raw, anchor_range.0, anchor_range.1) else {
            return;
        };
        let codes = self.codings(sel, case);
        let comment = sel
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == "Description")
            .and_then(|d| d.text())
            .map(|t| t.replace("\r\n", "\n"))
            .filter(|t| !t.trim().is_empty());
        let same = |i: &Item| {
            !i.deleted
                && i.kind == ItemKind::Highlight
                && i.case.as_deref() == Some(case.id.as_str())
                && i.target.as_ref().is_some_and(|t| {
                    t.paragraph.as_deref() == Some(address.as_str())
                        && t.start == Some(anchor.start)
                        && t.end == Some(anchor.end)
                })
                && i.codes == codes
        };
        if self.notes.items.iter().any(same) {
            self.duplicates += 1;
            return;
        }
        let id = sel
            .attribute("guid")
            .map(str::to_ascii_lowercase)
            .filter(|g| is_valid_uuid(g) && !self.notes.items.iter().any(|i| &i.id == g))
            .unwrap_or_else(crate::format::new_id);
        let now = crate::format::now();
        let created = sel
            .attribute("creationDateTime")
            .filter(|t| crate::validate::is_timestamp(t))
            .map_or_else(|| now.clone(), str::to_owned);
        self.notes.items.push(Item {
            id,
            kind: ItemKind::Highlight,
            case: Some(case.id.clone()),
            target: Some(anchor.into_target(address)),
            codes,
            title: None,
            text: comment,
            created,
            modified: now,
            deleted: false,
        });
        self.added += 1;
    }

    /// The code ids of a selection's codings (codes this notes file does not know are dropped).
    fn codings(&self, sel: Node<'_, '_>, case: &Case) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in sel
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "CodeRef")
        {
            let Some(g) = r.attribute("targetGUID") else {
                continue;
            };
            let g = g
                .trim_matches(|c| c == '{' || c == '}')
                .to_ascii_lowercase();
            if let Some(id) = self.codes.code_id(&case.framework, &g)
                && !out.iter().any(|c| c == id)
            {
                out.push(id.to_owned());
            }
        }
        out
    }
}

/// The text of a source: the file `plainTextPath` names (`internal://` in `sources/` or
/// `Sources/`), or its `PlainTextContent`.
fn source_content(node: Node<'_, '_>, archive: &Archive) -> Option<String> {
    if let Some(path) = node.attribute("plainTextPath") {
        let file = path
            .strip_prefix("internal://")
            .unwrap_or(path)
            .to_lowercase();
        let bytes = archive.files.get(&format!("sources/{file}"))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return String::from_utf8(bytes.to_vec()).ok();
    }
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == "PlainTextContent")
        .map(|n| n.text().unwrap_or_default().to_owned())
}

/// The text with CRLF as LF, and for each char offset of the original (and its end) the
/// offset in the result.
fn normalise(text: &str) -> (String, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut n = 0;
    for (i, &c) in chars.iter().enumerate() {
        map.push(n);
        if c == '\r' && chars.get(i + 1) == Some(&'\n') {
            continue;
        }
        out.push(c);
        n += 1;
    }
    map.push(n);
    (out, map)
}

/// The paragraph holding plain chars `start..end` of the source: its address, raw text and the
/// raw char range.
fn locate<'c>(
    case: &'c Case,
    source: &SourceText,
    start: usize,
    end: usize,
) -> Option<(String, &'c str, (usize, usize))> {
    if start >= end {
        return None;
    }
    let (address, (offset, rendered)) = source
        .paragraphs
        .iter()
        .find(|(_, (offset, r))| *offset <= start && end <= offset + r.plain.chars().count())?;
    let raw_range = rendered.to_raw(start - offset..end - offset)?;
    let raw = case.paragraph(address)?.text.as_str();
    Some((address.clone(), raw, (raw_range.start, raw_range.end)))
}

#[cfg(test)]
mod tests;
