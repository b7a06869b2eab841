//! Import of a REFI-QDA project (`.qdpx`, or a bare `.qde`) whose sources are Caselens cases:
//! its codebook into the user's codes (as [`super::import`]), the codings of its text
//! selections as highlights, and its notes as memos and notes.
//!
//! A source is matched to a case by the GUID Caselens gives the case's source, else by its text
//! (the case's narrative as [`super::qdpx::source_text`] writes it, a BOM and CRLF line ends
//! allowed). Offsets are only meaningful on the same text, so a source whose text differs is
//! reported and its codings are left out, never guessed. Selections on the same range (tools
//! write one per coding) become one highlight with every code; a selection across paragraphs
//! becomes one highlight per paragraph. Everything else the file holds and Caselens does not
//! (other kinds of sources, sets, links, graphs) is counted in [`LeftOut`]. Pure: bytes in, a
//! new notes file out.

mod left_out;
mod notes;
mod selections;

use std::io::{Cursor, Read, Seek};

use roxmltree::Node;

pub use self::left_out::LeftOut;
use self::selections::Piece;
use super::RefiCodebook;
use super::error::{ImportError, What};
use super::import::{Alias, import_codebook, normal_guid};
use super::qdpx::{SourceText, source_text};
use super::xml;
use super::zipped::Archive;
use crate::format::{Case, Framework, NotesFile};

/// What a project import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectImported {
    /// The notes file with the codes and highlights added.
    pub notes: NotesFile,
    /// Codes added to the user's codes.
    pub codes_added: usize,
    /// Highlights added.
    pub highlights_added: usize,
    /// Memos and notes added.
    pub notes_added: usize,
    /// Highlights, memos and notes already in the notes (same case, paragraph, span and codes;
    /// same kind, title and text).
    pub duplicates: usize,
    /// Why sources or selections were left out or changed, one line each.
    pub skipped: Vec<String>,
    /// What the file holds that Caselens does not import, counted by kind.
    pub left_out: LeftOut,
}

/// Imports the codebook, the codings and the notes of a `.qdpx` (its bytes) on `cases`; a
/// `.qde` (the project XML alone) is read too.
pub fn import_qdpx(
    notes: &NotesFile,
    bytes: &[u8],
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    if !bytes.starts_with(b"PK") && looks_like_xml(bytes) {
        return import_qde(notes, bytes, cases, frameworks);
    }
    import_qdpx_from(notes, Cursor::new(bytes), cases, frameworks)
}

/// True when `bytes` start like XML (after a BOM and white space).
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// Imports a project XML (`.qde`) without its zip: sources with `PlainTextContent` are read,
/// sources in files are reported as absent.
pub fn import_qde(
    notes: &NotesFile,
    bytes: &[u8],
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    if bytes.len() as u64 > xml::MAX_XML_BYTES {
        return Err(ImportError::TooLarge {
            what: What::Project,
            bytes: bytes.len() as u64,
        });
    }
    import_xml::<Cursor<&[u8]>>(notes, bytes, "project.qde", None, cases, frameworks)
}

/// Imports the codebook and the codings of a `.qdpx` read from `reader` (a file on disk is
/// never read whole: only the project XML and the texts of its sources are unpacked).
pub fn import_qdpx_from<R: Read + Seek>(
    notes: &NotesFile,
    reader: R,
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    let mut archive = Archive::open(reader)?;
    let (entry, qde) = archive.qde()?;
    import_xml(notes, &qde, &entry, Some(&mut archive), cases, frameworks)
}

fn import_xml<R: Read + Seek>(
    notes: &NotesFile,
    qde: &[u8],
    entry: &str,
    mut archive: Option<&mut Archive<R>>,
    cases: &[&Case],
    frameworks: &[&Framework],
) -> Result<ProjectImported, ImportError> {
    let what = What::Project;
    let qde = qde.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(qde);
    let qde = std::str::from_utf8(qde).map_err(|_| ImportError::NotText(what))?;
    let doc = xml::parse(qde, what, Some(entry))?;
    let root = doc.root_element();
    if root.tag_name().name() == "CodeBook" {
        return Err(ImportError::CodebookNotProject);
    }
    if root.tag_name().name() != "Project" {
        let found = root.tag_name().name().to_owned();
        return Err(ImportError::NotCodebook { what, found });
    }
    let skip = RefiCodebook::build(frameworks, notes).framework_codes();
    let codebook = root.children().find(|n| is(*n, "CodeBook"));
    let with_codes = import_codebook(notes, &doc, codebook, &skip, Some(entry))?;
    let mut state = State {
        codes: RefiCodebook::build(frameworks, &with_codes.notes),
        aliases: with_codes.aliases,
        notes: with_codes.notes,
        added: 0,
        notes_added: 0,
        duplicates: 0,
        skipped: Vec::new(),
        left_out: LeftOut::count(&doc),
        makers: std::collections::BTreeSet::new(),
        made: Vec::new(),
    };
    let all_notes = notes::Notes::index(&doc);
    let mut used_notes = std::collections::HashSet::new();
    let sources = doc.descendants().filter(|n| is(*n, "TextSource"));
    for node in sources {
        // One source's text at a time: it is dropped before the next is unpacked.
        let Some((case, source, map)) = state.match_source(node, archive.as_deref_mut(), cases)?
        else {
            state.left_out.codings_elsewhere += codings_in(node);
            continue;
        };
        let mut pieces: Vec<Piece> = Vec::new();
        for sel in node.children().filter(|n| is(*n, "PlainTextSelection")) {
            let comments = all_notes.texts_of(sel, archive.as_deref_mut(), &mut used_notes)?;
            state.selection(sel, case, &source, &map, comments, &mut pieces);
        }
        let mut on_case = Vec::new();
        for note in all_notes.refs(node) {
            used_notes.insert(note.clone());
            if let Some(sel) = all_notes.selection_of(&note) {
                let comment = all_notes.text(&note, archive.as_deref_mut())?;
                state.selection(sel, case, &source, &map, comment, &mut pieces);
            } else {
                on_case.push(note);
            }
        }
        state.add_pieces(case, &source, selections::merge(pieces));
        for note in on_case {
            let archive = archive.as_deref_mut();
            state.note(&all_notes, note, Some(case), frameworks, archive)?;
        }
    }
    for note in all_notes.project_refs(root) {
        used_notes.insert(note.clone());
        state.note(&all_notes, note, None, frameworks, archive.as_deref_mut())?;
    }
    state.left_out.notes += all_notes.len().saturating_sub(used_notes.len());
    state.authors(root);
    Ok(ProjectImported {
        notes: state.notes,
        codes_added: with_codes.added,
        highlights_added: state.added,
        notes_added: state.notes_added,
        duplicates: state.duplicates,
        skipped: state.skipped,
        left_out: state.left_out,
    })
}

/// True for an element named `name` (any namespace).
fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// How many codings lie under `node`.
fn codings_in(node: Node<'_, '_>) -> usize {
    node.descendants().filter(|n| is(*n, "Coding")).count()
}

/// A source matched to a case: the case, its text, and the map from the file's char offsets
/// to ours.
type Matched<'c> = (&'c Case, SourceText, Vec<usize>);

struct State {
    codes: RefiCodebook,
    aliases: std::collections::HashMap<String, Alias>,
    notes: NotesFile,
    added: usize,
    notes_added: usize,
    duplicates: usize,
    skipped: Vec<String>,
    left_out: LeftOut,
    /// GUIDs of the users who made the selections, codings and notes read.
    makers: std::collections::BTreeSet<String>,
    /// Items added here (index in `notes.items`) with the GUID of the user who made them.
    made: Vec<(usize, String)>,
}

impl State {
    /// A file without an author takes the one user who made what was read; an item made by
    /// anyone else keeps its maker as its own `author`, and the summary says so.
    fn authors(&mut self, root: Node<'_, '_>) {
        let names: std::collections::BTreeMap<String, &str> = root
            .children()
            .filter(|n| is(*n, "Users"))
            .flat_map(|u| u.children().filter(|n| is(*n, "User")))
            .filter_map(|u| {
                let guid = u.attribute("guid").and_then(normal_guid)?;
                let name = u
                    .attribute("name")
                    .map(str::trim)
                    .filter(|n| !n.is_empty())?;
                self.makers.contains(&guid).then_some((guid, name))
            })
            .collect();
        let distinct: std::collections::BTreeSet<&str> = names.values().copied().collect();
        let has_author = self
            .notes
            .author
            .as_deref()
            .is_some_and(|a| !a.trim().is_empty());
        if !has_author && distinct.len() == 1 {
            let name = distinct
                .iter()
                .next()
                .copied()
                .unwrap_or_default()
                .to_owned();
            self.skipped.push(format!(
                "the codings were made by \"{name}\", now this notes file's author"
            ));
            self.notes.author = Some(name);
        }
        let author = self
            .notes
            .author
            .as_deref()
            .map(str::trim)
            .unwrap_or_default();
        let mut others: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (index, guid) in &self.made {
            let Some(&name) = names.get(guid) else {
                continue;
            };
            if name != author {
                self.notes.items[*index].author = Some(name.to_owned());
                *others.entry(name).or_default() += 1;
            }
        }
        if !others.is_empty() {
            let list: Vec<String> = others
                .iter()
                .map(|(name, n)| format!("{n} by \"{name}\""))
                .collect();
            self.skipped.push(format!(
                "items made by someone other than this file's author keep their maker as author: {}",
                list.join(", ")
            ));
        }
    }

    /// The case a source is, its text, and the map from the file's char offsets to ours.
    fn match_source<'c, R: Read + Seek>(
        &mut self,
        node: Node<'_, '_>,
        archive: Option<&mut Archive<R>>,
        cases: &[&'c Case],
    ) -> Result<Option<Matched<'c>>, ImportError> {
        let name = node.attribute("name").unwrap_or("(unnamed)");
        let Some(raw) = source_content(node, archive)? else {
            self.skipped.push(format!(
                "source \"{name}\": its text is not in the file; its codings are left out"
            ));
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

    /// The code ids of a selection's codings (codes this notes file does not know are
    /// dropped): a GUID of the file's codebook stands for the code it was imported as, any
    /// other for the code Caselens gives that GUID.
    fn codings(&self, sel: Node<'_, '_>, case: &Case) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in sel.descendants().filter(|n| is(*n, "CodeRef")) {
            let Some(g) = r.attribute("targetGUID").and_then(normal_guid) else {
                continue;
            };
            let id = match self.aliases.get(&g) {
                Some(Alias::User(id)) => Some(id.as_str()),
                Some(Alias::Framework(ours)) => self.codes.code_id(&case.framework, ours),
                None => self.codes.code_id(&case.framework, &g),
            };
            if let Some(id) = id
                && !out.iter().any(|c| c == id)
            {
                out.push(id.to_owned());
            }
        }
        out
    }
}

/// The text of a source or note: the file `plainTextPath` names (`internal://` in `sources/`
/// or `Sources/`), or its `PlainTextContent`; `None` when absent or not UTF-8.
fn source_content<R: Read + Seek>(
    node: Node<'_, '_>,
    archive: Option<&mut Archive<R>>,
) -> Result<Option<String>, ImportError> {
    if let Some(path) = node.attribute("plainTextPath") {
        let file = path.strip_prefix("internal://").unwrap_or(path);
        let Some(archive) = archive else {
            return Ok(None);
        };
        let Some(bytes) = archive.read(&format!("sources/{file}"))? else {
            return Ok(None);
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        return Ok(std::str::from_utf8(bytes).ok().map(str::to_owned));
    }
    Ok(node
        .children()
        .find(|n| is(*n, "PlainTextContent"))
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

#[cfg(test)]
mod tests;
