//! Import of a REFI-QDA project (`.qdpx`) whose sources are Caselens cases: its codebook into
//! the user's codes (as [`super::import`]) and the codings of its text selections as highlights.
//!
//! A source is matched to a case by the GUID Caselens gives the case's source, else by its text
//! (the case's narrative as [`super::qdpx::source_text`] writes it, a BOM and CRLF line ends
//! allowed). Offsets are only meaningful on the same text, so a source whose text differs is
//! reported and its codings are left out, never guessed. Pure: bytes in, a new notes file out.

use std::io::{Cursor, Read, Seek};

use roxmltree::Node;

use super::RefiCodebook;
use super::error::{ImportError, What};
use super::import::import_codebook;
use super::qdpx::{SourceText, source_text};
use super::xml;
use super::zipped::Archive;
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

/// Imports the codebook and the codings of a `.qdpx` (its bytes) on `cases`.
pub fn import_qdpx(
    notes: &NotesFile,
    bytes: &[u8],
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    import_qdpx_from(notes, Cursor::new(bytes), cases, frameworks)
}

/// Imports the codebook and the codings of a `.qdpx` read from `reader` (a file on disk is
/// never read whole: only the project XML and the texts of its sources are unpacked).
pub fn import_qdpx_from<R: Read + Seek>(
    notes: &NotesFile,
    reader: R,
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    let what = What::Project;
    let mut archive = Archive::open(reader)?;
    let (entry, qde) = archive.qde()?;
    let qde = qde.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&qde);
    let qde = std::str::from_utf8(qde).map_err(|_| ImportError::NotText(what))?;
    let doc = xml::parse(qde, what, Some(&entry))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        let found = root.tag_name().name().to_owned();
        return Err(ImportError::NotCodebook { what, found });
    }
    let skip = RefiCodebook::build(frameworks, notes).framework_guids();
    let codebook = root
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "CodeBook");
    let with_codes = import_codebook(notes, &doc, codebook, &skip, Some(&entry))?;
    let mut state = State {
        codes: RefiCodebook::build(frameworks, &with_codes.notes),
        notes: with_codes.notes,
        added: 0,
        duplicates: 0,
        skipped: Vec::new(),
    };
    let sources = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "TextSource");
    for node in sources {
        // One source's text at a time: it is dropped before the next is unpacked.
        let Some((case, source, map)) = state.match_source(node, &mut archive, cases)? else {
            continue;
        };
        for sel in node
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "PlainTextSelection")
        {
            state.selection(sel, case, &source, &map);
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

/// A source matched to a case: the case, its text, and the map from the file's char offsets
/// to ours.
type Matched<'c> = (&'c Case, SourceText, Vec<usize>);

struct State {
    codes: RefiCodebook,
    notes: NotesFile,
    added: usize,
    duplicates: usize,
    skipped: Vec<String>,
}

impl State {
    /// The case a source is, its text, and the map from the file's char offsets to ours.
    fn match_source<'c, R: Read + Seek>(
        &mut self,
        node: Node<'_, '_>,
        archive: &mut Archive<R>,
        cases: &[&'c Case],
    ) -> Result<Option<Matched<'c>>, ImportError> {
        let name = node.attribute("name").unwrap_or("(unnamed)");
        let Some(raw) = source_content(node, archive)? else {
            self.skipped
                .push(format!("source \"{name}\": its text is not in the file"));
            return Ok(None);
        };
        let text = raw.replace("\r\n", "\n");
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
        // The offset map only for a source that is a case (a char costs 8 bytes in it).
        Ok(matched.map(|(case, source)| (case, source, char_map(&raw))))
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
/// `Sources/`), or its `PlainTextContent`; `None` when absent or not UTF-8.
fn source_content<R: Read + Seek>(
    node: Node<'_, '_>,
    archive: &mut Archive<R>,
) -> Result<Option<String>, ImportError> {
    if let Some(path) = node.attribute("plainTextPath") {
        let file = path.strip_prefix("internal://").unwrap_or(path);
        let Some(bytes) = archive.read(&format!("sources/{file}"))? else {
            return Ok(None);
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        return Ok(std::str::from_utf8(bytes).ok().map(str::to_owned));
    }
    Ok(node
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "PlainTextContent")
        .map(|n| n.text().unwrap_or_default().to_owned()))
}

/// For each char offset of `text` (and its end), the offset in the text with CRLF as LF.
fn char_map(text: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        map.push(n);
        if !(c == '\r' && chars.peek() == Some(&'\n')) {
            n += 1;
        }
    }
    map.push(n);
    map
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
