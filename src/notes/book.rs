//! Editing a notes file: highlights, cell notes, memos, the user's own codes, and undo.
//!
//! Deletions are tombstones and every change stamps `modified`, so two copies of a file can be
//! merged by id and time. Undo restores an earlier state but re-stamps what it changes (and
//! turns undone additions into tombstones), so an undo is itself a newer edit when merged.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::format::{Id, Item, ItemKind, NotesFile, Target};
use crate::format::{new_id, now};
use crate::notes::EditError;
use crate::notes::anchor::NewAnchor;

/// Most undo steps kept (undo history is never written to disk).
pub const UNDO_LIMIT: usize = 200;

/// True when `item` is a live or deleted note answering `question` of `case`.
pub fn is_answer(item: &Item, case: &str, question: &str) -> bool {
    answered(item) == Some((case, question))
}

/// The case and the question `item` answers, when it is an answer (live or deleted).
fn answered(item: &Item) -> Option<(&str, &str)> {
    if item.kind != ItemKind::Note {
        return None;
    }
    Some((
        item.case.as_deref()?,
        item.target.as_ref()?.question.as_deref()?,
    ))
}

/// A notes file being edited, with undo and redo. Each state is shared ([`Arc`]): a background
/// job (an export, the search index) takes the current one without a copy, and an edit copies
/// only a state someone else still holds.
#[derive(Debug, Clone)]
pub struct NoteBook {
    pub(super) file: Arc<NotesFile>,
    undo: Vec<UndoPoint>,
    redo: Vec<Arc<NotesFile>>,
    /// Bumped on every change (saves and views compare it).
    pub revision: u64,
    /// The live answers, looked up by [`NoteBook::answer_to`].
    answers: Answers,
}

/// Where each live answer is among the items, by case and question, for one revision: the
/// reader looks up the answer of every question it shows, every frame, and going through
/// 10,000 items for each took about half a millisecond a frame. Built on the first look-up
/// after a change.
#[derive(Debug, Default)]
struct Answers(Mutex<Option<(u64, AnswerIndex)>>);

/// Case id -> question id -> position of the live answer in the items (the first, as a scan
/// would find it).
type AnswerIndex = HashMap<Id, HashMap<Id, usize>>;

impl Clone for Answers {
    /// A copy builds its own index when first asked (its changes are its own).
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Answers {
    /// The position of the live answer of `case` to `question` in `file`'s items, `file`
    /// being the state of `revision`.
    fn position(
        &self,
        file: &NotesFile,
        revision: u64,
        case: &str,
        question: &str,
    ) -> Option<usize> {
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let index = match &mut *cached {
            Some((built, index)) if *built == revision => index,
            stale => &mut stale.insert((revision, answer_index(file))).1,
        };
        index.get(case)?.get(question).copied()
    }
}

/// Indexes the live answers of `file`.
fn answer_index(file: &NotesFile) -> AnswerIndex {
    let mut index = AnswerIndex::new();
    let live = file.items.iter().enumerate().filter(|(_, i)| !i.deleted);
    for (at, (case, question)) in live.filter_map(|(at, i)| Some((at, answered(i)?))) {
        index
            .entry(case.into())
            .or_default()
            .entry(question.into())
            .or_insert(at);
    }
    index
}

/// What undoing one change needs. An edit of one item keeps only that item as it was, so an
/// edit neither copies nor compares the whole file (10,000 highlights took milliseconds per
/// edit); other changes (codes, lessons, marks, an import) keep the whole earlier state.
#[derive(Debug, Clone)]
enum UndoPoint {
    /// The whole earlier state.
    State(Arc<NotesFile>),
    /// The items one edit changed, by id, as they were before it (`None`: it added the item).
    Items(Vec<(String, Option<Item>)>),
}

impl NoteBook {
    /// Wraps a loaded file.
    pub fn new(file: NotesFile) -> Self {
        Self {
            file: Arc::new(file),
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            answers: Answers::default(),
        }
    }

    /// The current state.
    pub fn file(&self) -> &NotesFile {
        &self.file
    }

    /// The current state, shared (for a background job: no copy).
    pub fn shared(&self) -> Arc<NotesFile> {
        Arc::clone(&self.file)
    }

    /// Replaces the state without an undo point (after a merge with the disk copy).
    pub fn replace(&mut self, file: NotesFile) {
        if file != *self.file {
            self.file = Arc::new(file);
            self.revision += 1;
        }
    }

    /// Names the notes' author (empty: no name). Not a change to undo: the name holds in
    /// every undo and redo state too, so undoing an earlier edit keeps it.
    pub fn set_author(&mut self, name: &str) {
        let author = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
        if self.file.author == author {
            return;
        }
        // An item undo point takes the author of the state it is undone from.
        let states = self.undo.iter_mut().filter_map(|p| match p {
            UndoPoint::State(state) => Some(state),
            UndoPoint::Items(_) => None,
        });
        for state in states.chain(self.redo.iter_mut()) {
            Arc::make_mut(state).author.clone_from(&author);
        }
        let file = Arc::make_mut(&mut self.file);
        file.author = author;
        file.modified = Some(now().to_string());
        self.revision += 1;
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub(super) fn edit<R>(
        &mut self,
        f: impl FnOnce(&mut NotesFile) -> Result<R, EditError>,
    ) -> Result<R, EditError> {
        let before = Arc::clone(&self.file);
        // Copies the state (`before` holds it), as the undo point needs.
        let result = f(Arc::make_mut(&mut self.file))?;
        if *self.file != *before {
            self.changed(UndoPoint::State(before));
        }
        Ok(result)
    }

    /// Stamps the change just made, keeps `point` to undo it, and drops what was undone.
    fn changed(&mut self, point: UndoPoint) {
        Arc::make_mut(&mut self.file).modified = Some(now().to_string());
        self.undo.push(point);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision += 1;
    }

    /// Changes the live item `id` with `change` as one undoable change, keeping only the
    /// item as it was for the undo; `change` says whether it changed anything (nothing
    /// changes, and nothing is copied, when it did not).
    fn edit_item(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut Item) -> bool,
    ) -> Result<(), EditError> {
        let at = self
            .file
            .items
            .iter()
            .position(|i| i.id == id && !i.deleted)
            .ok_or_else(|| EditError::NoItem(id.to_owned()))?;
        let old = self.file.items[at].clone();
        let mut item = old.clone();
        if !change(&mut item) {
            return Ok(());
        }
        // Copies the state only while a job (a save, the search index) still reads it.
        Arc::make_mut(&mut self.file).items[at] = item;
        self.changed(UndoPoint::Items(vec![(id.to_owned(), Some(old))]));
        Ok(())
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

    /// Changes the lessons (the lesson editor, [`crate::notes::lessons::edit_lessons`]) as one
    /// undoable change.
    pub fn edit_lesson(
        &mut self,
        edit: crate::notes::lessons::LessonEdit,
    ) -> Result<(), EditError> {
        self.edit(|f| crate::notes::lessons::edit_lessons(f, edit))
    }

    /// Marks `case` as coded by the author (or takes the mark off) as one undoable change;
    /// nothing changes when the mark is already as asked.
    pub fn set_coded(&mut self, case: &str, coded: bool) -> Result<(), EditError> {
        if self.file.coded.iter().any(|c| c == case) == coded {
            return Ok(());
        }
        self.edit(|f| {
            if coded {
                f.coded.push(case.to_owned());
            } else {
                f.coded.retain(|c| c != case);
            }
            Ok(())
        })
    }

    /// Goes back one change; says what it undid ("adding a highlight “…”"), or `None` when
    /// there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let previous = match self.undo.pop()? {
            UndoPoint::State(state) => state,
            UndoPoint::Items(items) => Arc::new(revert(&self.file, items)),
        };
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
        self.undo.push(UndoPoint::State(current));
        Some(what)
    }

    /// Moves to `state` (re-stamped so it wins merges) and returns the state left behind.
    fn travel(&mut self, state: Arc<NotesFile>) -> Arc<NotesFile> {
        let current = Arc::clone(&self.file);
        self.file = Arc::new(restamp(&current, Arc::unwrap_or_clone(state)));
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
            case: case.map(Into::into),
            target,
            codes: codes.into_iter().map(Into::into).collect(),
            title,
            text,
            created: t.clone(),
            modified: t,
            deleted: false,
            author: None,
        };
        Arc::make_mut(&mut self.file).items.push(item);
        self.changed(UndoPoint::Items(vec![(id.clone(), None)]));
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
        let target = anchor.into_target(paragraph.to_owned());
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
            dimension: Some(d.into()),
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
        self.edit_item(id, |item| {
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
                item.codes = c.into_iter().map(Into::into).collect();
            }
            if changed {
                item.modified = now();
            }
            changed
        })
    }

    /// The live answer of `case` to question `question` (a note targeting the question).
    pub fn answer_to(&self, case: &str, question: &str) -> Option<&Item> {
        let at = self
            .answers
            .position(&self.file, self.revision, case, question)?;
        self.file.items.get(at)
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
                    question: Some(question.into()),
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
        self.edit_item(id, |item| {
            item.deleted = true;
            item.modified = now();
            true
        })
    }
}
/// `current` with the items of an item undo point put back as they were (an added one taken
/// out); the rest of `current` (other items, codes, a merge taken in since) stays.
fn revert(current: &NotesFile, items: Vec<(String, Option<Item>)>) -> NotesFile {
    let mut state = current.clone();
    for (id, before) in items.into_iter().rev() {
        let at = state.items.iter().position(|i| i.id == id);
        match (at, before) {
            (Some(at), Some(item)) => state.items[at] = item,
            (Some(at), None) => {
                state.items.remove(at);
            }
            (None, Some(item)) => state.items.push(item),
            (None, None) => {}
        }
    }
    state
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
    if before.coded != after.coded {
        parts.push("a change to the cases you marked as coded".to_owned());
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

/// `modified`; items it lacks (additions being undone) become tombstones.
fn restamp(current: &NotesFile, mut target: NotesFile) -> NotesFile {
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
        t = crate::format::stamp(l + std::time::Duration::from_millis(1));
    }
    let old: HashMap<&str, &Item> = current.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for item in &mut target.items {
        if old.get(item.id.as_str()).is_some_and(|o| *o != item) {
            item.modified.clone_from(&t);
        }
    }
    let kept: std::collections::HashSet<String> =
        target.items.iter().map(|i| i.id.clone()).collect();
    for item in current.items.iter().filter(|i| !kept.contains(&i.id)) {
        let mut tomb = item.clone();
        tomb.deleted = true;
        tomb.modified.clone_from(&t);
        target.items.push(tomb);
    }
    target.modified = Some(t.to_string());
    target
}

#[cfg(test)]
mod tests;
