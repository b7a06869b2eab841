//! Import of a REFI-QDA codebook (`.qdc`, or the `CodeBook` of a `.qde`) into the user's codes.
//!
//! Pure: the notes file in, a new notes file out; a file that cannot be read gives an error and
//! no new file, so nothing changes. Hierarchy, colours and descriptions are kept. A code whose
//! GUID one of the user's codes already carries updates that code (label, colour, definition)
//! instead of adding a second one; framework codes (their GUIDs passed in `skip`) are not the
//! user's and are left out, their children moving up a level.

use std::collections::{HashMap, HashSet};

use roxmltree::{Document, Node};

use super::FrameworkCodes;
pub use super::error::{ImportError, What};
pub use super::limits::MAX_ID_PART;
use super::xml::{self, MAX_CODE_DEPTH, MAX_XML_BYTES};
use crate::format::slug;
use crate::format::{NotesFile, UserCode, is_valid_uuid};

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The notes file with the codes added and updated.
    pub notes: NotesFile,
    /// Codes added.
    pub added: usize,
    /// Existing codes (same GUID, or same label under the same parent) updated.
    pub updated: usize,
    /// Codes left out because they are framework codes.
    pub skipped: usize,
    /// The code each GUID of the file stands for here (codings refer to codes by GUID, and a
    /// tool may have replaced every GUID).
    pub aliases: HashMap<String, Alias>,
}

/// What a code GUID of an imported file stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alias {
    /// One of the user's codes (its id).
    User(String),
    /// A framework code (its GUID as Caselens writes it).
    Framework(String),
}

/// Imports the codes of a `.qdc` (or `.qde`) file; accepts a BOM and CRLF line ends. `skip`
/// holds the GUIDs of the framework codes.
pub fn import_qdc(
    notes: &NotesFile,
    bytes: &[u8],
    skip: &HashSet<String>,
) -> Result<Imported, ImportError> {
    let known = FrameworkCodes {
        guids: skip.clone(),
        paths: HashMap::new(),
    };
    import_qdc_with(notes, bytes, &known)
}

/// Imports the codes of a `.qdc` (or `.qde`) file, recognising framework codes by GUID and by
/// label path.
pub fn import_qdc_with(
    notes: &NotesFile,
    bytes: &[u8],
    skip: &FrameworkCodes,
) -> Result<Imported, ImportError> {
    let what = What::Codebook;
    if bytes.len() as u64 > MAX_XML_BYTES {
        return Err(ImportError::TooLarge {
            what,
            bytes: bytes.len() as u64,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText(what))?;
    let doc = xml::parse(text, what, None)?;
    let root = doc.root_element();
    let codebook = match root.tag_name().name() {
        "CodeBook" => Some(root),
        "Project" => child(root, "CodeBook"),
        other => {
            return Err(ImportError::NotCodebook {
                what,
                found: other.to_owned(),
            });
        }
    };
    import_codebook(notes, &doc, codebook, skip, None)
}

/// Imports the codes of the `CodeBook` element `codebook` of a parsed document; `entry` names
/// the file inside a project in messages. The tree is walked without recursion, and nesting
/// deeper than [`MAX_CODE_DEPTH`] is refused.
pub(crate) fn import_codebook(
    notes: &NotesFile,
    doc: &Document<'_>,
    codebook: Option<Node<'_, '_>>,
    skip: &FrameworkCodes,
    entry: Option<&str>,
) -> Result<Imported, ImportError> {
    let mut state = State {
        ids: notes.codes.iter().map(|c| c.id.clone()).collect(),
        by_guid: HashMap::new(),
        by_label: HashMap::new(),
        suffixes: HashMap::new(),
        notes: notes.clone(),
        added: 0,
        updated: 0,
        skipped: 0,
        aliases: HashMap::new(),
        skip,
    };
    // The GUIDs the codes are exported with, derived ones included (issue 21: a code exported
    // with a derived GUID came back as a second code).
    let guids = super::user_guids(notes);
    for (i, c) in state.notes.codes.iter().enumerate() {
        for g in c
            .guid
            .as_deref()
            .and_then(normal_guid)
            .into_iter()
            .chain(guids.get(&c.id).cloned())
        {
            state.by_guid.entry(g).or_insert(i);
        }
        state
            .by_label
            .entry((c.parent.clone(), c.label.clone()))
            .or_insert(i);
    }
    if let Some(codes) = codebook.and_then(|c| child(c, "Codes")) {
        state.codes(doc, codes, entry)?;
    }
    Ok(Imported {
        notes: state.notes,
        added: state.added,
        updated: state.updated,
        skipped: state.skipped,
        aliases: state.aliases,
    })
}

struct State<'s> {
    notes: NotesFile,
    /// Every code id in `notes`.
    ids: HashSet<String>,
    /// Normalised GUID → index in `notes.codes` (the first code carrying it).
    by_guid: HashMap<String, usize>,
    /// (parent id, label) → index in `notes.codes`: a code whose GUID is unknown is the code
    /// with its label under the same parent (a tool that replaces GUIDs keeps labels).
    by_label: HashMap<(Option<String>, String), usize>,
    /// The last suffix tried for an id taken ("USER.a" → 3 after "USER.a-3").
    suffixes: HashMap<String, usize>,
    added: usize,
    updated: usize,
    skipped: usize,
    aliases: HashMap<String, Alias>,
    skip: &'s FrameworkCodes,
}

/// Where a `Code` element sits among the framework codes, for matching by label path.
#[derive(Debug, Clone)]
enum Among {
    /// At the top, where a family root may be.
    Top,
    /// Under the framework code with this GUID.
    Framework(String),
    /// Under a code that is not a framework code.
    Elsewhere,
}

impl Among {
    /// The GUID of the framework code named `name` here, if there is one.
    fn framework_code(&self, skip: &FrameworkCodes, name: &str) -> Option<String> {
        if skip.paths.is_empty() {
            return None;
        }
        let parent = match self {
            Self::Top => None,
            Self::Framework(g) => Some(g.clone()),
            Self::Elsewhere => return None,
        };
        skip.paths.get(&(parent, name.to_owned())).cloned()
    }
}

/// A `Code` element to import: the element, the user code it goes under, its depth, and where
/// it sits among the framework codes.
type Pending<'a, 'i> = (Node<'a, 'i>, Option<String>, usize, Among);

impl State<'_> {
    /// Imports the `Code` elements under `codes`, in document order, each under the user code
    /// of the nearest `Code` around it that is imported.
    fn codes(
        &mut self,
        doc: &Document<'_>,
        codes: Node<'_, '_>,
        entry: Option<&str>,
    ) -> Result<(), ImportError> {
        let line = |node: Node<'_, '_>| doc.text_pos_at(node.range().start).row;
        // Children pushed in reverse so that they are taken in document order.
        let mut stack: Vec<Pending<'_, '_>> = Vec::new();
        push_codes(&mut stack, codes, None, 1, &Among::Top);
        while let Some((node, parent, depth, framework_parent)) = stack.pop() {
            if depth > MAX_CODE_DEPTH {
                return Err(ImportError::TooDeep {
                    place: xml::place(entry, line(node), None),
                });
            }
            let name = node.attribute("name").map(str::trim).unwrap_or_default();
            if name.is_empty() {
                return Err(ImportError::NoName {
                    place: xml::place(entry, line(node), None),
                });
            }
            let guid = node.attribute("guid").and_then(normal_guid);
            let framework = match &guid {
                Some(g) if self.skip.guids.contains(g) => Some(g.clone()),
                Some(g) if self.by_guid.contains_key(g) => None,
                _ => framework_parent.framework_code(self.skip, name),
            };
            let (id, framework_here) = if let Some(ours) = framework {
                self.skipped += 1;
                if let Some(g) = &guid {
                    self.aliases
                        .insert(g.clone(), Alias::Framework(ours.clone()));
                }
                (parent, Among::Framework(ours))
            } else {
                let id = self.upsert(node, name, guid.clone(), parent.as_deref());
                if let Some(g) = guid {
                    self.aliases.insert(g, Alias::User(id.clone()));
                }
                (Some(id), Among::Elsewhere)
            };
            push_codes(&mut stack, node, id.as_deref(), depth + 1, &framework_here);
        }
        Ok(())
    }

    /// Updates the user code with this GUID (else with this label under the same parent), or
    /// adds a new one; returns its id.
    fn upsert(
        &mut self,
        node: Node<'_, '_>,
        name: &str,
        guid: Option<String>,
        parent: Option<&str>,
    ) -> String {
        let color = node.attribute("color").and_then(normal_color);
        // `isCodable` is required in REFI files; a codebook CSV has none, and then the flag a
        // code has is kept.
        let codable_attr = node.attribute("isCodable").map(|v| v.trim() == "false");
        let codable = codable_attr.and_then(|no| no.then_some(false));
        let definition = child(node, "Description")
            .and_then(|d| d.text())
            .map(|t| t.replace("\r\n", "\n").trim().to_owned())
            .filter(|t| !t.is_empty());
        let known = guid
            .as_ref()
            .and_then(|g| self.by_guid.get(g))
            .or_else(|| {
                self.by_label
                    .get(&(parent.map(str::to_owned), name.to_owned()))
            })
            .copied();
        if let Some(code) = known.and_then(|i| self.notes.codes.get_mut(i)) {
            let before = code.clone();
            code.label = name.to_owned();
            code.color = color.or(code.color.take());
            code.definition = definition.or(code.definition.take());
            if codable_attr.is_some() {
                code.codable = codable;
            }
            if *code != before {
                self.updated += 1;
            }
            return code.id.clone();
        }
        let id = self.free_id(parent, name);
        let guid = guid.unwrap_or_else(crate::format::new_id);
        let index = self.notes.codes.len();
        self.by_guid.entry(guid.clone()).or_insert(index);
        self.ids.insert(id.clone());
        self.notes.codes.push(UserCode {
            id: id.clone(),
            label: name.to_owned(),
            color,
            parent: parent.map(str::to_owned),
            definition,
            guid: Some(guid),
            codable,
        });
        self.added += 1;
        id
    }

    /// `parent.slug` for a new code (the slug of at most [`MAX_ID_PART`] characters), with a
    /// suffix when that id is taken.
    fn free_id(&mut self, parent: Option<&str>, name: &str) -> String {
        let mut part = slug(name).unwrap_or_else(|| "code".to_owned());
        if part.len() > MAX_ID_PART {
            part.truncate(MAX_ID_PART);
            part.truncate(part.trim_end_matches('-').len());
        }
        let base = format!("{}.{part}", parent.unwrap_or("USER"));
        if !self.ids.contains(&base) {
            return base;
        }
        let n = self.suffixes.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if !self.ids.contains(&id) {
                return id;
            }
        }
    }
}

/// Pushes the `Code` children of `node` on `stack`, last first.
fn push_codes<'a, 'i>(
    stack: &mut Vec<Pending<'a, 'i>>,
    node: Node<'a, 'i>,
    parent: Option<&str>,
    depth: usize,
    framework: &Among,
) {
    let start = stack.len();
    for c in node.children().filter(|n| n.has_tag_name_local("Code")) {
        stack.push((c, parent.map(str::to_owned), depth, framework.clone()));
    }
    stack[start..].reverse();
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
pub(crate) fn normal_guid(g: &str) -> Option<String> {
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
