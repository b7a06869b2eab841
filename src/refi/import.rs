//! Import of a REFI-QDA codebook (`.qdc`, or the `CodeBook` of a `.qde`) into the user's codes.
//!
//! Pure: the notes file in, a new notes file out; a file that cannot be read gives an error and
//! no new file, so nothing changes. Hierarchy, colours and descriptions are kept. A code whose
//! GUID one of the user's codes already carries updates that code (label, colour, definition)
//! instead of adding a second one; framework codes (their GUIDs passed in `skip`) are not the
//! user's and are left out, their children moving up a level.

use std::collections::HashSet;

use roxmltree::{Document, Node};

use crate::format::slug;
use crate::format::{NotesFile, UserCode, is_valid_uuid};

/// Why a codebook could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not UTF-8 text.
    #[error("not a REFI-QDA codebook: the file is not UTF-8 text")]
    NotText,
    /// Not well-formed XML.
    #[error("not a REFI-QDA codebook: {0}")]
    Xml(String),
    /// XML, but neither a `CodeBook` nor a `Project` with one.
    #[error("not a REFI-QDA codebook: the document is <{0}>, not <CodeBook> or <Project>")]
    NotCodebook(String),
    /// Not a zip, or a zip that cannot be read.
    #[error("not a REFI-QDA project (.qdpx): {0}")]
    Zip(String),
    /// A zip without a `*.qde` file.
    #[error("not a REFI-QDA project (.qdpx): the zip holds no .qde file")]
    NoProject,
    /// A `Code` without a name.
    #[error("line {line}: a <Code> has no name")]
    NoName {
        /// Line of the element.
        line: u32,
    },
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The notes file with the codes added and updated.
    pub notes: NotesFile,
    /// Codes added.
    pub added: usize,
    /// Existing codes (same GUID) updated.
    pub updated: usize,
    /// Codes left out because they are framework codes.
    pub skipped: usize,
}

/// Imports the codes of a `.qdc` (or `.qde`) file; accepts a BOM and CRLF line ends.
pub fn import_qdc(
    notes: &NotesFile,
    bytes: &[u8],
    skip: &HashSet<String>,
) -> Result<Imported, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let doc = Document::parse(text).map_err(|e| ImportError::Xml(e.to_string()))?;
    let root = doc.root_element();
    let codebook = match root.tag_name().name() {
        "CodeBook" => Some(root),
        "Project" => child(root, "CodeBook"),
        other => return Err(ImportError::NotCodebook(other.to_owned())),
    };
    let mut state = State {
        notes: notes.clone(),
        added: 0,
        updated: 0,
        skipped: 0,
        skip,
    };
    if let Some(codes) = codebook.and_then(|c| child(c, "Codes")) {
        state.codes(&doc, codes, None)?;
    }
    Ok(Imported {
        notes: state.notes,
        added: state.added,
        updated: state.updated,
        skipped: state.skipped,
    })
}

struct State<'s> {
    notes: NotesFile,
    added: usize,
    updated: usize,
    skipped: usize,
    skip: &'s HashSet<String>,
}

impl State<'_> {
    /// Imports the `Code` children of `parent_node` under the user code `parent`.
    fn codes(
        &mut self,
        doc: &Document<'_>,
        parent_node: Node<'_, '_>,
        parent: Option<&str>,
    ) -> Result<(), ImportError> {
        for node in parent_node
            .children()
            .filter(|n| n.has_tag_name_local("Code"))
        {
            let name = node.attribute("name").map(str::trim).unwrap_or_default();
            if name.is_empty() {
                let line = doc.text_pos_at(node.range().start).row;
                return Err(ImportError::NoName { line });
            }
            let guid = node.attribute("guid").and_then(normal_guid);
            let id = if guid.as_ref().is_some_and(|g| self.skip.contains(g)) {
                self.skipped += 1;
                parent.map(str::to_owned)
            } else {
                Some(self.upsert(node, name, guid, parent))
            };
            self.codes(doc, node, id.as_deref())?;
        }
        Ok(())
    }

    /// Updates the user code with this GUID, or adds a new one; returns its id.
    fn upsert(
        &mut self,
        node: Node<'_, '_>,
        name: &str,
        guid: Option<String>,
        parent: Option<&str>,
    ) -> String {
        let color = node.attribute("color").and_then(normal_color);
        let definition = child(node, "Description")
            .and_then(|d| d.text())
            .map(|t| t.replace("\r\n", "\n").trim().to_owned())
            .filter(|t| !t.is_empty());
        if let Some(g) = &guid
            && let Some(code) = self
                .notes
                .codes
                .iter_mut()
                .find(|c| c.guid.as_deref().and_then(normal_guid).as_ref() == Some(g))
        {
            let before = code.clone();
            code.label = name.to_owned();
            code.color = color.or(code.color.take());
            code.definition = definition.or(code.definition.take());
            if *code != before {
                self.updated += 1;
            }
            return code.id.clone();
        }
        let base = format!(
            "{}.{}",
            parent.unwrap_or("USER"),
            slug(name).unwrap_or_else(|| "code".to_owned())
        );
        let mut id = base.clone();
        let mut n = 2;
        while self.notes.codes.iter().any(|c| c.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.notes.codes.push(UserCode {
            id: id.clone(),
            label: name.to_owned(),
            color,
            parent: parent.map(str::to_owned),
            definition,
            guid: Some(guid.unwrap_or_else(crate::format::new_id)),
        });
        self.added += 1;
        id
    }
}

/// The first child element named `name` (any namespace).
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name_local(name))
}

trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for Node<'_, '_> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

/// A GUID in lower case without braces, if it is one.
fn normal_guid(g: &str) -> Option<String> {
    let g = g.trim();
    let g = g
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(g)
        .to_ascii_lowercase();
    is_valid_uuid(&g).then_some(g)
}

/// `#rrggbb` (lower case) from `#rrggbb` or `#rgb`.
fn normal_color(c: &str) -> Option<String> {
    let hex = c.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(
            hex.chars()
                .flat_map(|c| [c, c])
                .fold(String::from("#"), |mut s, c| {
                    s.push(c.to_ascii_lowercase());
                    s
                }),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
