//! The project's `<Note>`s: on a text source they become the case's memos and notes, on the
//! project the project's memos, on a selection its comment; a note on a source that holds a
//! `PlainTextSelection` (how `QualCoder` writes a comment on an uncoded span) becomes a
//! highlight with that comment. A note's text is its `PlainTextContent` or the file its
//! `plainTextPath` names (what `NVivo` and Caselens write).

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};

use roxmltree::{Document, Node};

use super::{State, is, source_content};
use crate::format::{Case, Framework, Item, ItemKind, Target};
use crate::refi::error::ImportError;
use crate::refi::import::normal_guid;
use crate::refi::zipped::Archive;

/// The notes of a project by GUID.
pub(super) struct Notes<'a, 'i> {
    by_guid: HashMap<String, Node<'a, 'i>>,
}

impl<'a, 'i> Notes<'a, 'i> {
    /// The `Note`s of the project's `Notes`.
    pub fn index(doc: &'a Document<'i>) -> Self {
        let mut by_guid = HashMap::new();
        for notes in doc.root_element().children().filter(|n| is(*n, "Notes")) {
            for note in notes.children().filter(|n| is(*n, "Note")) {
                if let Some(g) = note.attribute("guid").and_then(normal_guid) {
                    by_guid.entry(g).or_insert(note);
                }
            }
        }
        Self { by_guid }
    }

    /// How many notes the project holds.
    pub fn len(&self) -> usize {
        self.by_guid.len()
    }

    /// The GUIDs of the notes `node` refers to (its `NoteRef` children) that exist.
    pub fn refs(&self, node: Node<'_, '_>) -> Vec<String> {
        node.children()
            .filter(|n| is(*n, "NoteRef"))
            .filter_map(|n| n.attribute("targetGUID").and_then(normal_guid))
            .filter(|g| self.by_guid.contains_key(g))
            .collect()
    }

    /// The notes of the project itself: its `NoteRef`s, and notes nothing refers to.
    pub fn project_refs(&self, root: Node<'_, '_>) -> Vec<String> {
        let referred: HashSet<String> = root
            .descendants()
            .filter(|n| is(*n, "NoteRef"))
            .filter_map(|n| n.attribute("targetGUID").and_then(normal_guid))
            .collect();
        let mut out = self.refs(root);
        let mut loose: Vec<(usize, String)> = self
            .by_guid
            .iter()
            .filter(|(g, _)| !referred.contains(*g))
            .map(|(g, n)| (n.range().start, g.clone()))
            .collect();
        loose.sort();
        out.extend(loose.into_iter().map(|(_, g)| g));
        out
    }

    /// The texts of the notes a selection refers to (they become its comment).
    pub fn texts_of<R: Read + Seek>(
        &self,
        sel: Node<'_, '_>,
        mut archive: Option<&mut Archive<R>>,
        used: &mut HashSet<String>,
    ) -> Result<Vec<String>, ImportError> {
        let mut out = Vec::new();
        for g in self.refs(sel) {
            let node = self.by_guid[&g];
            used.insert(g);
            if let Some(text) = source_content(node, archive.as_deref_mut())? {
                let text = text.replace("\r\n", "\n");
                if !text.trim().is_empty() {
                    out.push(text);
                }
            }
        }
        Ok(out)
    }

    fn get(&self, guid: &str) -> Option<Node<'a, 'i>> {
        self.by_guid.get(guid).copied()
    }

    /// The `PlainTextSelection` inside note `guid`: `QualCoder` writes a comment on an uncoded
    /// span as a note holding the span, referred to from the text source.
    pub fn selection_of(&self, guid: &str) -> Option<Node<'a, 'i>> {
        self.get(guid)?
            .children()
            .find(|n| is(*n, "PlainTextSelection"))
    }

    /// The text of note `guid` (empty when it has none).
    pub fn text<R: Read + Seek>(
        &self,
        guid: &str,
        archive: Option<&mut Archive<R>>,
    ) -> Result<Vec<String>, ImportError> {
        let Some(node) = self.get(guid) else {
            return Ok(Vec::new());
        };
        Ok(source_content(node, archive)?
            .map(|t| t.replace("\r\n", "\n"))
            .filter(|t| !t.trim().is_empty())
            .into_iter()
            .collect())
    }
}

impl State {
    /// Adds the note `guid` on `case` (`None`: on the project) unless it is there already.
    /// A note named as Caselens names a case's notes ("Note on <case>", "Note on <case>:
    /// <dimension>") comes back as a note on that case (or cell); any other as a memo titled
    /// with its name.
    pub(super) fn note<R: Read + Seek>(
        &mut self,
        notes: &Notes<'_, '_>,
        guid: String,
        case: Option<&Case>,
        frameworks: &[&Framework],
        archive: Option<&mut Archive<R>>,
    ) -> Result<(), ImportError> {
        let Some(node) = notes.get(&guid) else {
            return Ok(());
        };
        let Some(text) = source_content(node, archive)? else {
            self.left_out.notes += 1;
            return Ok(());
        };
        let text = text.replace("\r\n", "\n");
        let name = node.attribute("name").map(str::trim).unwrap_or_default();
        let (kind, title, target) = kind_of(name, case, frameworks);
        let case_id: Option<crate::format::Id> = case.map(|c| c.id.as_str().into());
        let body = Some(text).filter(|t| !t.is_empty());
        let same = |i: &Item| {
            !i.deleted
                && i.kind == kind
                && i.case == case_id
                && i.title == title
                && i.text == body
                && i.target == target
        };
        if self.notes.items.iter().any(same) {
            self.duplicates += 1;
            return Ok(());
        }
        let now = crate::format::now();
        let stamp = |a: &str| {
            node.attribute(a)
                .filter(|t| crate::validate::is_timestamp(t))
                .map(Into::into)
        };
        let id = Some(guid)
            .filter(|g| !self.notes.items.iter().any(|i| &i.id == g))
            .unwrap_or_else(crate::format::new_id);
        self.notes.items.push(Item {
            id,
            kind,
            case: case_id,
            target,
            codes: Vec::new(),
            title,
            text: body,
            created: stamp("creationDateTime").unwrap_or_else(|| now.clone()),
            modified: stamp("modifiedDateTime").unwrap_or(now),
            deleted: false,
            author: None,
        });
        let maker = node
            .attribute("creatingUser")
            .and_then(crate::refi::import::normal_guid);
        if let Some(maker) = maker {
            self.made.push((self.notes.items.len() - 1, maker.clone()));
            self.makers.insert(maker);
        }
        self.notes_added += 1;
        Ok(())
    }
}

/// What a note named `name` comes back as: a note on its case (or one of its cells) when it is
/// named as Caselens names them, else a memo titled with its name.
fn kind_of(
    name: &str,
    case: Option<&Case>,
    frameworks: &[&Framework],
) -> (ItemKind, Option<String>, Option<Target>) {
    match case {
        Some(c) => match name.strip_prefix(&format!("Note on {}", c.title)) {
            Some("") => (ItemKind::Note, None, None),
            Some(rest) => {
                let label = rest.strip_prefix(": ").unwrap_or(rest);
                let dimension = frameworks
                    .iter()
                    .find(|f| f.id == c.framework)
                    .and_then(|f| f.dimensions().find(|(_, d)| d.label == label))
                    .map(|(_, d)| d.id.clone());
                match dimension {
                    Some(d) => (
                        ItemKind::Note,
                        None,
                        Some(Target {
                            dimension: Some(d.into()),
                            ..Target::default()
                        }),
                    ),
                    None => (ItemKind::Memo, Some(name.to_owned()), None),
                }
            }
            None => (
                ItemKind::Memo,
                Some(name.to_owned()).filter(|n| !n.is_empty()),
                None,
            ),
        },
        None => (
            ItemKind::Memo,
            Some(name.to_owned()).filter(|n| !n.is_empty() && n != "Note"),
            None,
        ),
    }
}
