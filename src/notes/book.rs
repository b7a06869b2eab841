//! Editing a notes file: highlights, cell notes, memos, the user's own codes, and undo.
//!
//! Deletions are tombstones and every change stamps `modified`, so two copies of a file can be
//! merged by id and time. Undo restores an earlier state but re-stamps what it changes (and
//! turns undone additions into tombstones), so an undo is itself a newer edit when merged.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::format::notes::NOTES_FORMAT;
use crate::format::{Item, ItemKind, NotesFile, Target, UserCode};
use crate::notes::anchor::NewAnchor;

/// Most undo steps kept (undo history is never written to disk).
pub const UNDO_LIMIT: usize = 200;

/// RFC 3339 time, to the millisecond, in UTC.
pub fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// A fresh item id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An empty notes file.
pub fn empty_notes(author: Option<String>) -> NotesFile {
    let t = now();
    NotesFile {
        schema: None,
        format: NOTES_FORMAT.to_owned(),
        author,
        created: Some(t.clone()),
        modified: Some(t),
        codes: Vec::new(),
        items: Vec::new(),
        lessons: Vec::new(),
        extensions: Default::default(),
    }
}

/// True when `item` is a live or deleted note answering `question` of `case`.
pub fn is_answer(item: &Item, case: &str, question: &str) -> bool {
    item.kind == ItemKind::Note
        && item.case.as_deref() == Some(case)
        && item.target.as_ref().and_then(|t| t.question.as_deref()) == Some(question)
}

/// What deleting a user code would do, said before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeImpact {
    /// Codes removed (the code and the codes nested under it).
    pub codes: Vec<String>,
    /// Live items that would lose one of these codes.
    pub items: usize,
}

impl CodeImpact {
    /// A sentence for the confirmation dialog.
    pub fn describe(&self) -> String {
        let nested = self.codes.len().saturating_sub(1);
        let mut s = format!("{} item(s) will lose this code", self.items);
        if nested > 0 {
            s.push_str(&format!("; {nested} nested code(s) are deleted with it"));
        }
        s.push_str(". The items themselves are kept.");
        s
    }
}

/// Errors of notebook edits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No such item.
    #[error("no note with id {0}")]
    NoItem(String),
    /// No such user code.
    #[error("no code {0} among your codes")]
    NoCode(String),
    /// A code with that id exists.
    #[error("you already have a code {0}")]
    CodeExists(String),
    /// The label gives no usable id.
    #[error("a code needs a label with at least one letter or digit")]
    EmptyLabel,
    /// Nesting a code under itself or its descendant.
    #[error("a code cannot be nested under itself or under a code nested in it")]
    Cycle,
    /// No such lesson in the user's notes.
    #[error("no lesson {0} in your notes")]
    NoLesson(String),
}

/// A notes file being edited, with undo and redo.
#[derive(Debug, Clone)]
pub struct NoteBook {
    file: NotesFile,
    undo: Vec<NotesFile>,
    redo: Vec<NotesFile>,
    /// Bumped on every change (saves and views compare it).
    pub revision: u64,
}

impl NoteBook {
    /// Wraps a loaded file.
    pub fn new(file: NotesFile) -> Self {
        Self {
            file,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
        }
    }

    /// The current state.
    pub fn file(&self) -> &NotesFile {
        &self.file
    }

    /// Replaces the state without an undo point (after a merge with the disk copy).
    pub fn replace(&mut self, file: NotesFile) {
        if file != self.file {
            self.file = file;
            self.revision += 1;
        }
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn edit<R>(
        &mut self,
        f: impl FnOnce(&mut NotesFile) -> Result<R, EditError>,
    ) -> Result<R, EditError> {
        let before = self.file.clone();
        let result = f(&mut self.file)?;
        if self.file != before {
            self.file.modified = Some(now());
            self.undo.push(before);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
            self.revision += 1;
        }
        Ok(result)
    }

    /// Replaces the whole state as one undoable change (an import).
    pub fn replace_undoably(&mut self, file: NotesFile) {
        // The closure cannot fail.
        self.edit(|f| {
            *f = file;
            Ok(())
        })
        .ok();
    }

    /// Changes the lessons (the lesson editor, [`crate::lesson::edit_lessons`]) as one
    /// undoable change.
    pub fn edit_lesson(&mut self, edit: crate::lesson::LessonEdit) -> Result<(), EditError> {
        self.edit(|f| crate::lesson::edit_lessons(f, edit))
    }

    /// Goes back one change; says what it undid ("adding a highlight “…”"), or `None` when
    /// there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let previous = self.undo.pop()?;
        let what = describe_change(&previous, &self.file);
        let current = self.travel(previous);
        self.redo.push(current);
        Some(what)
    }

    /// Re-applies the last undone change; says what it redid, or `None` when there is none.
    pub fn redo(&mut self) -> Option<String> {
        let next = self.redo.pop()?;
        let what = describe_change(&self.file, &next);
        let current = self.travel(next);
        self.undo.push(current);
        Some(what)
    }

    /// Moves to `state` (re-stamped so it wins merges) and returns the state left behind.
    fn travel(&mut self, state: NotesFile) -> NotesFile {
        let current = std::mem::replace(&mut self.file, state.clone());
        self.file = restamp(current.clone(), state);
        self.revision += 1;
        current
    }

    /// Live (not deleted) items.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.file.items.iter().filter(|i| !i.deleted)
    }

    /// The live item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// Adds a new live item and returns its id.
    fn push_new(
        &mut self,
        kind: ItemKind,
        case: Option<&str>,
        target: Option<Target>,
        codes: Vec<String>,
        title: Option<String>,
        text: Option<String>,
    ) -> String {
        let id = new_id();
        let t = now();
        let item = Item {
            id: id.clone(),
            kind,
            case: case.map(str::to_owned),
            target,
            codes,
            title,
            text,
            created: t.clone(),
            modified: t,
            deleted: false,
        };
        let _ = self.edit(|f| {
            f.items.push(item);
            Ok(())
        });
        id
    }

    /// Adds a highlight on `paragraph` of `case`.
    pub fn add_highlight(
        &mut self,
        case: &str,
        paragraph: &str,
        anchor: NewAnchor,
        codes: Vec<String>,
        comment: Option<String>,
    ) -> String {
        let target = Target {
            paragraph: Some(paragraph.to_owned()),
            exact: Some(anchor.exact),
            prefix: Some(anchor.prefix),
            suffix: Some(anchor.suffix),
            start: Some(anchor.start),
            end: Some(anchor.end),
            dimension: None,
            question: None,
        };
        self.push_new(
            ItemKind::Highlight,
            Some(case),
            Some(target),
            codes,
            None,
            comment.filter(|c| !c.trim().is_empty()),
        )
    }

    /// Adds a note on a case's cell (`dimension`) or on the whole case.
    pub fn add_note(&mut self, case: &str, dimension: Option<&str>, text: &str) -> String {
        let target = dimension.map(|d| Target {
            dimension: Some(d.to_owned()),
            ..Target::default()
        });
        self.push_new(
            ItemKind::Note,
            Some(case),
            target,
            Vec::new(),
            None,
            Some(text.to_owned()),
        )
    }

    /// Adds a Markdown memo on a case, or on the project when `case` is `None`.
    pub fn add_memo(&mut self, case: Option<&str>, title: &str, text: &str) -> String {
        self.push_new(
            ItemKind::Memo,
            case,
            None,
            Vec::new(),
            Some(title.to_owned()),
            Some(text.to_owned()),
        )
    }

    /// Changes an item's text, title and codes (None leaves a field as it is).
    pub fn update_item(
        &mut self,
        id: &str,
        text: Option<String>,
        title: Option<String>,
        codes: Option<Vec<String>>,
    ) -> Result<(), EditError> {
        self.edit(|f| {
            let item = f
                .items
                .iter_mut()
                .find(|i| i.id == id && !i.deleted)
                .ok_or_else(|| EditError::NoItem(id.to_owned()))?;
            let mut changed = false;
            if let Some(t) = text {
                let t = Some(t).filter(|t| !t.is_empty());
                changed |= item.text != t;
                item.text = t;
            }
            if let Some(t) = title {
                changed |= item.title.as_deref() != Some(t.as_str());
                item.title = Some(t);
            }
            if let Some(c) = codes {
                changed |= item.codes != c;
                item.codes = c;
            }
            if changed {
                item.modified = now();
            }
            Ok(())
        })
    }

    /// The live answer of `case` to question `question` (a note targeting the question).
    pub fn answer_to(&self, case: &str, question: &str) -> Option<&Item> {
        self.items().find(|i| is_answer(i, case, question))
    }

    /// Saves the answer to `question` of `case`: adds it, or updates the live answer (one per
    /// question); an empty or blank text deletes it (a tombstone). Returns the item id, or
    /// `None` when there is no answer left.
    pub fn answer(&mut self, case: &str, question: &str, text: &str) -> Option<String> {
        let blank = text.trim().is_empty();
        let existing = self.answer_to(case, question).map(|i| i.id.clone());
        match existing {
            Some(id) if blank => {
                self.delete_item(&id).ok();
                None
            }
            Some(id) => {
                self.update_item(&id, Some(text.to_owned()), None, None)
                    .ok();
                Some(id)
            }
            None if blank => None,
            None => {
                let target = Target {
                    question: Some(question.to_owned()),
                    ..Target::default()
                };
                Some(self.push_new(
                    ItemKind::Note,
                    Some(case),
                    Some(target),
                    Vec::new(),
                    None,
                    Some(text.to_owned()),
                ))
            }
        }
    }

    /// Deletes an item (a tombstone stays so merges know).
    pub fn delete_item(&mut self, id: &str) -> Result<(), EditError> {
        self.edit(|f| {
            let item = f
                .items
                .iter_mut()
                .find(|i| i.id == id && !i.deleted)
                .ok_or_else(|| EditError::NoItem(id.to_owned()))?;
            item.deleted = true;
            item.modified = now();
            Ok(())
        })
    }

    /// Adds a user code; its id is `USER.<slug of label>` (under `parent` if given).
    pub fn add_code(
        &mut self,
        label: &str,
        color: &str,
        parent: Option<&str>,
    ) -> Result<String, EditError> {
        let slug = slug(label).ok_or(EditError::EmptyLabel)?;
        let base = parent.unwrap_or("USER");
        let id = format!("{base}.{slug}");
        self.edit(|f| {
            if let Some(p) = parent
                && !f.codes.iter().any(|c| c.id == p)
            {
                return Err(EditError::NoCode(p.to_owned()));
            }
            if f.codes.iter().any(|c| c.id == id) {
                return Err(EditError::CodeExists(id.clone()));
            }
            f.codes.push(UserCode {
                id: id.clone(),
                label: label.trim().to_owned(),
                color: Some(color.to_owned()),
                parent: parent.map(str::to_owned),
                definition: None,
                guid: Some(new_id()),
            });
            Ok(id.clone())
        })
    }

    /// Renames a user code (its id stays, so items keep it).
    pub fn rename_code(&mut self, id: &str, label: &str) -> Result<(), EditError> {
        self.edit(|f| {
            let code = f
                .codes
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(|| EditError::NoCode(id.to_owned()))?;
            code.label = label.trim().to_owned();
            Ok(())
        })
    }

    /// Sets a user code's colour (`#rrggbb`).
    pub fn recolour_code(&mut self, id: &str, color: &str) -> Result<(), EditError> {
        self.edit(|f| {
            let code = f
                .codes
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(|| EditError::NoCode(id.to_owned()))?;
            code.color = Some(color.to_owned());
            Ok(())
        })
    }

    /// Nests a user code under another (or back at the top with `None`). Code ids are paths
    /// (FORMAT.md), so the code and everything under it get new ids and items follow.
    pub fn nest_code(&mut self, id: &str, parent: Option<&str>) -> Result<String, EditError> {
        self.edit(|f| {
            if !f.codes.iter().any(|c| c.id == id) {
                return Err(EditError::NoCode(id.to_owned()));
            }
            if let Some(p) = parent {
                if p == id || p.starts_with(&format!("{id}.")) {
                    return Err(EditError::Cycle);
                }
                if !f.codes.iter().any(|c| c.id == p) {
                    return Err(EditError::NoCode(p.to_owned()));
                }
            }
            let last = id.rsplit('.').next().unwrap_or(id);
            let new_id = format!("{}.{last}", parent.unwrap_or("USER"));
            if new_id != id && f.codes.iter().any(|c| c.id == new_id) {
                return Err(EditError::CodeExists(new_id));
            }
            let renames: HashMap<String, String> = f
                .codes
                .iter()
                .filter(|c| c.id == id || c.id.starts_with(&format!("{id}.")))
                .map(|c| (c.id.clone(), format!("{new_id}{}", &c.id[id.len()..])))
                .collect();
            for c in &mut f.codes {
                if let Some(n) = renames.get(&c.id) {
                    c.id = n.clone();
                    c.parent = n
                        .rsplit_once('.')
                        .map(|(p, _)| p.to_owned())
                        .filter(|p| p != "USER");
                }
            }
            rewrite_item_codes(f, |code| renames.get(code).cloned().map(Some));
            Ok(new_id.clone())
        })
    }

    /// Merges user code `from` into `into`: items move to the kept code; `from` goes away.
    pub fn merge_codes(&mut self, from: &str, into: &str) -> Result<(), EditError> {
        self.edit(|f| {
            if from == into || into.starts_with(&format!("{from}.")) {
                return Err(EditError::Cycle);
            }
            if !f.codes.iter().any(|c| c.id == from) {
                return Err(EditError::NoCode(from.to_owned()));
            }
            // `into` may be a framework code; only user codes must exist here.
            if into.starts_with("USER.") && !f.codes.iter().any(|c| c.id == into) {
                return Err(EditError::NoCode(into.to_owned()));
            }
            // Codes nested under `from` move under `into` when it is a user code, else to the top.
            let new_parent = if into.starts_with("USER.") {
                into.to_owned()
            } else {
                "USER".to_owned()
            };
            let renames: HashMap<String, String> = f
                .codes
                .iter()
                .filter(|c| c.id.starts_with(&format!("{from}.")))
                .map(|c| (c.id.clone(), format!("{new_parent}{}", &c.id[from.len()..])))
                .collect();
            f.codes.retain(|c| c.id != from);
            for c in &mut f.codes {
                if let Some(n) = renames.get(&c.id) {
                    c.id = n.clone();
                    c.parent = n
                        .rsplit_once('.')
                        .map(|(p, _)| p.to_owned())
                        .filter(|p| p != "USER");
                }
            }
            rewrite_item_codes(f, |code| {
                if code == from {
                    Some(Some(into.to_owned()))
                } else {
                    renames.get(code).cloned().map(Some)
                }
            });
            Ok(())
        })
    }

    /// What [`NoteBook::delete_code`] would do.
    pub fn code_impact(&self, id: &str) -> CodeImpact {
        let codes: Vec<String> = self
            .file
            .codes
            .iter()
            .filter(|c| c.id == id || c.id.starts_with(&format!("{id}.")))
            .map(|c| c.id.clone())
            .collect();
        let items = self
            .items()
            .filter(|i| i.codes.iter().any(|c| codes.contains(c)))
            .count();
        CodeImpact { codes, items }
    }

    /// Deletes a user code and the codes nested under it; items keep everything else.
    pub fn delete_code(&mut self, id: &str) -> Result<CodeImpact, EditError> {
        let impact = self.code_impact(id);
        if impact.codes.is_empty() {
            return Err(EditError::NoCode(id.to_owned()));
        }
        self.edit(|f| {
            f.codes.retain(|c| !impact.codes.contains(&c.id));
            rewrite_item_codes(f, |code| {
                if impact.codes.iter().any(|c| c == code) {
                    Some(None)
                } else {
                    None
                }
            });
            Ok(())
        })?;
        Ok(impact)
    }
}

/// What changed from `before` to `after`, in words for the status bar.
pub fn describe_change(before: &NotesFile, after: &NotesFile) -> String {
    let live = |f: &NotesFile| -> HashMap<String, Item> {
        f.items
            .iter()
            .filter(|i| !i.deleted)
            .map(|i| (i.id.clone(), i.clone()))
            .collect()
    };
    let (old, new) = (live(before), live(after));
    let mut parts: Vec<String> = Vec::new();
    for (verb, items) in [
        (
            "adding",
            new.values()
                .filter(|i| !old.contains_key(&i.id))
                .collect::<Vec<_>>(),
        ),
        (
            "deleting",
            old.values().filter(|i| !new.contains_key(&i.id)).collect(),
        ),
        (
            "editing",
            new.values()
                .filter(|i| old.get(&i.id).is_some_and(|o| o != *i))
                .collect(),
        ),
    ] {
        if let [one] = items.as_slice() {
            parts.push(format!("{verb} {}", item_words(one)));
        } else if !items.is_empty() {
            parts.push(format!("{verb} {} items", items.len()));
        }
    }
    if before.codes != after.codes {
        parts.push("a change to your codes".to_owned());
    }
    if before.lessons != after.lessons {
        parts.push("a change to your lessons".to_owned());
    }
    if parts.is_empty() {
        "a change to your notes".to_owned()
    } else {
        parts.join(", ")
    }
}

/// "a highlight “Company A”", "a memo “Comparing A and B”".
fn item_words(item: &Item) -> String {
    let kind = match item.kind {
        ItemKind::Highlight => "a highlight",
        ItemKind::Note => "a note",
        ItemKind::Memo => "a memo",
    };
    let text = item
        .target
        .as_ref()
        .and_then(|t| t.exact.clone())
        .or_else(|| item.title.clone())
        .or_else(|| item.text.clone())
        .unwrap_or_default();
    let short: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("{kind} “{short}{more}”")
}

/// Applies `map` to every live item's codes: `None` keeps a code, `Some(None)` drops it,
/// `Some(Some(new))` replaces it. Changed items get a new `modified`.
fn rewrite_item_codes(f: &mut NotesFile, map: impl Fn(&str) -> Option<Option<String>>) {
    let t = now();
    for item in f.items.iter_mut().filter(|i| !i.deleted) {
        let mut codes: Vec<String> = Vec::with_capacity(item.codes.len());
        for c in &item.codes {
            match map(c) {
                None => codes.push(c.clone()),
                Some(Some(n)) => codes.push(n),
                Some(None) => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        codes.retain(|c| seen.insert(c.clone()));
        if codes != item.codes {
            item.codes = codes;
            item.modified = t.clone();
        }
    }
}

/// Makes `target` (an earlier state) win a later merge: items it changes get a new
/// `modified`; items it lacks (additions being undone) become tombstones.
fn restamp(current: NotesFile, mut target: NotesFile) -> NotesFile {
    // Strictly after every stamp in the current state, so the undo wins a merge even when it
    // comes within the same millisecond as the change it undoes.
    let latest = current
        .items
        .iter()
        .filter_map(|i| humantime::parse_rfc3339(&i.modified).ok())
        .max();
    let mut t = now();
    if let Some(l) = latest
        && humantime::parse_rfc3339(&t).is_ok_and(|x| x <= l)
    {
        t = humantime::format_rfc3339_millis(l + std::time::Duration::from_millis(1)).to_string();
    }
    let old: HashMap<&str, &Item> = current.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for item in &mut target.items {
        if old.get(item.id.as_str()).is_some_and(|o| *o != item) {
            item.modified = t.clone();
        }
    }
    let kept: std::collections::HashSet<String> =
        target.items.iter().map(|i| i.id.clone()).collect();
    for item in current.items.iter().filter(|i| !kept.contains(&i.id)) {
        let mut tomb = item.clone();
        tomb.deleted = true;
        tomb.modified = t.clone();
        target.items.push(tomb);
    }
    target.modified = Some(t);
    target
}

/// `Trust in partners` -> `trust-in-partners`.
pub(crate) fn slug(label: &str) -> Option<String> {
    let mut s = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str) -> NewAnchor {
        NewAnchor {
            exact: text.to_owned(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: text.chars().count(),
        }
    }

    #[test]
    fn add_undo_redo_highlight() {
        let mut b = NoteBook::new(empty_notes(None));
        let id = b.add_highlight(
            "c",
            "s/p1",
            anchor("quote"),
            vec!["RAT.x".into()],
            Some("why".into()),
        );
        assert!(b.item(&id).is_some());
        assert_eq!(
            b.undo().as_deref(),
            Some("adding a highlight “quote”"),
            "an undo says what it undid"
        );
        assert!(b.item(&id).is_none(), "undone addition is gone");
        assert!(
            b.file().items.iter().any(|i| i.id == id && i.deleted),
            "and kept as a tombstone for merges"
        );
        assert_eq!(b.redo().as_deref(), Some("adding a highlight “quote”"));
        assert_eq!(b.item(&id).map(|i| i.text.as_deref()), Some(Some("why")));
        b.update_item(&id, Some("because".into()), None, None)
            .unwrap();
        assert_eq!(b.undo().as_deref(), Some("editing a highlight “quote”"));
        b.delete_item(&id).unwrap();
        assert_eq!(b.undo().as_deref(), Some("deleting a highlight “quote”"));
        assert!(b.redo().is_some());
        assert!(b.redo().is_none(), "nothing left to redo");
        assert!(!b.can_redo());
    }

    #[test]
    fn delete_is_a_tombstone_and_undo_restamps() {
        let mut b = NoteBook::new(empty_notes(None));
        let id = b.add_memo(None, "M", "text");
        b.delete_item(&id).unwrap();
        let tombstone = b.file().items[0].clone();
        assert!(tombstone.deleted);
        // No waiting: the undo comes within the same millisecond here.
        b.undo();
        let item = &b.file().items[0];
        assert!(!item.deleted);
        let (merged, _) = crate::notes::merge::merge(b.file(), &{
            let mut theirs = b.file().clone();
            theirs.items = vec![tombstone.clone()];
            theirs
        });
        assert!(
            !merged.items[0].deleted,
            "the restored item ({}) is newer than the tombstone ({})",
            item.modified, tombstone.modified
        );
        assert_eq!(b.delete_item("nope"), Err(EditError::NoItem("nope".into())));
    }

    #[test]
    fn codes_add_rename_nest_merge_delete() {
        let mut b = NoteBook::new(empty_notes(None));
        let trust = b.add_code("Trust", "#10b981", None).unwrap();
        assert_eq!(trust, "USER.trust");
        assert_eq!(
            b.add_code("trust", "#000000", None),
            Err(EditError::CodeExists("USER.trust".into()))
        );
        let risk = b.add_code("Risk of lock-in", "#ef4444", None).unwrap();
        assert_eq!(risk, "USER.risk-of-lock-in");
        let h = b.add_highlight(
            "c",
            "s/p",
            anchor("x"),
            vec![risk.clone(), "RAT.y".into()],
            None,
        );
        b.rename_code(&trust, "Mutual trust").unwrap();
        assert_eq!(b.file().codes[0].label, "Mutual trust");
        // Nest risk under trust: id and item follow.
        let nested = b.nest_code(&risk, Some(&trust)).unwrap();
        assert_eq!(nested, "USER.trust.risk-of-lock-in");
        assert_eq!(
            b.item(&h).unwrap().codes,
            vec![nested.clone(), "RAT.y".to_owned()]
        );
        assert_eq!(b.nest_code(&trust, Some(&nested)), Err(EditError::Cycle));
        // Validation accepts the nested ids.
        assert!(
            crate::validate::check_notes(b.file()).is_empty(),
            "{:?}",
            crate::validate::check_notes(b.file())
        );
        // Impact is said first, then the delete does exactly that.
        let impact = b.code_impact(&trust);
        assert_eq!(impact.codes.len(), 2);
        assert_eq!(impact.items, 1);
        assert!(impact.describe().contains("1 item(s) will lose this code"));
        let done = b.delete_code(&trust).unwrap();
        assert_eq!(done, impact);
        assert!(b.file().codes.is_empty());
        assert_eq!(b.item(&h).unwrap().codes, vec!["RAT.y".to_owned()]);
    }

    #[test]
    fn merging_codes_moves_items_to_the_kept_code() {
        let mut b = NoteBook::new(empty_notes(None));
        let a = b.add_code("A", "#111111", None).unwrap();
        let c = b.add_code("C", "#222222", None).unwrap();
        let h1 = b.add_highlight("c", "s/p", anchor("x"), vec![a.clone()], None);
        let h2 = b.add_highlight("c", "s/p", anchor("y"), vec![a.clone(), c.clone()], None);
        b.merge_codes(&a, &c).unwrap();
        assert_eq!(b.item(&h1).unwrap().codes, vec![c.clone()]);
        assert_eq!(
            b.item(&h2).unwrap().codes,
            vec![c.clone()],
            "no duplicate after merge"
        );
        assert_eq!(b.file().codes.len(), 1);
        b.undo();
        assert_eq!(b.file().codes.len(), 2);
        assert_eq!(b.item(&h1).unwrap().codes, vec![a]);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("  Trust in partners! "),
            Some("trust-in-partners".into())
        );
        assert_eq!(slug("???"), None);
    }

    #[test]
    fn answer_adds_updates_deletes_and_undoes() {
        let mut b = NoteBook::new(empty_notes(None));
        assert_eq!(
            b.answer("c", "q1", "  "),
            None,
            "a blank answer adds nothing"
        );
        assert_eq!(b.file().items.len(), 0);
        let id = b.answer("c", "q1", "First try").unwrap();
        let item = b.item(&id).unwrap();
        assert_eq!(item.kind, ItemKind::Note);
        assert_eq!(item.case.as_deref(), Some("c"));
        let t = item.target.as_ref().unwrap();
        assert_eq!(t.question.as_deref(), Some("q1"));
        assert_eq!(t.dimension, None);
        assert_eq!(b.answer("c", "q1", "Better").as_deref(), Some(id.as_str()));
        assert_eq!(b.file().items.len(), 1, "one answer per question");
        assert_eq!(
            b.answer_to("c", "q1").unwrap().text.as_deref(),
            Some("Better")
        );
        assert!(b.answer_to("c", "q2").is_none() && b.answer_to("d", "q1").is_none());
        b.undo();
        assert_eq!(
            b.answer_to("c", "q1").unwrap().text.as_deref(),
            Some("First try")
        );
        assert_eq!(b.answer("c", "q1", ""), None);
        assert!(
            b.answer_to("c", "q1").is_none(),
            "empty text deletes the answer"
        );
        assert!(b.file().items[0].deleted, "as a tombstone");
        let again = b.answer("c", "q1", "New").unwrap();
        assert_ne!(again, id, "a new answer after the deletion");
    }
}
