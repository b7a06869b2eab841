use super::*;
use crate::format::{empty_notes, slug};

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

#[test]
fn marking_a_case_as_coded_is_one_undoable_change_that_survives_merges() {
    let mut b = NoteBook::new(empty_notes(None));
    b.set_coded("company-a", true).expect("mark");
    b.set_coded("company-a", true).expect("again");
    assert_eq!(b.file().coded, ["company-a"], "marked once");
    assert_eq!(
        b.undo().as_deref(),
        Some("a change to the cases you marked as coded")
    );
    assert!(b.file().coded.is_empty());
    b.redo();
    b.set_coded("company-b", true).expect("mark");
    b.set_coded("company-a", false).expect("unmark");
    assert_eq!(b.file().coded, ["company-b"]);
    // Two copies: the marks of both are kept.
    let mut other = empty_notes(None);
    other.coded = vec!["company-c".into(), "company-b".into()];
    let (merged, _) = crate::notes::merge::merge(b.file(), &other);
    assert_eq!(merged.coded, ["company-b", "company-c"]);
    let all = crate::notes::merge::merge_many(vec![b.file().clone(), other]);
    assert_eq!(all.expect("merged").0.coded, ["company-b", "company-c"]);
    // Without marks nothing is written: older files stay byte for byte.
    let json = serde_json::to_string(&empty_notes(None)).expect("json");
    assert!(!json.contains("coded"), "{json}");
}

/// One change to the notes in the undo test.
#[derive(Debug, Clone)]
enum Change {
    Highlight(usize),
    Note(usize),
    Retext(usize, usize),
    Recode(usize),
    Delete(usize),
    Code(usize),
    Coded(usize, bool),
}

fn arb_change() -> impl proptest::strategy::Strategy<Value = Change> {
    use proptest::prelude::*;
    prop_oneof![
        (0..5usize).prop_map(Change::Highlight),
        (0..5usize).prop_map(Change::Note),
        (0..50usize, 0..3usize).prop_map(|(i, t)| Change::Retext(i, t)),
        (0..50usize).prop_map(Change::Recode),
        (0..50usize).prop_map(Change::Delete),
        (0..4usize).prop_map(Change::Code),
        (0..3usize, any::<bool>()).prop_map(|(c, on)| Change::Coded(c, on)),
    ]
}

/// Makes `change` on `b` (an item chosen among the live ones by index, modulo their number).
fn make(b: &mut NoteBook, change: &Change) {
    let live: Vec<String> = b.items().map(|i| i.id.clone()).collect();
    let pick = |i: usize| live.get(i % live.len().max(1)).cloned();
    match change {
        Change::Highlight(p) => {
            b.add_highlight("c", &format!("s/p{p}"), anchor("quote"), vec![], None);
        }
        Change::Note(c) => {
            b.add_note(&format!("case-{c}"), None, "a note");
        }
        Change::Retext(i, t) => {
            if let Some(id) = pick(*i) {
                b.update_item(&id, Some(format!("text {t}")), None, None)
                    .ok();
            }
        }
        Change::Recode(i) => {
            if let Some(id) = pick(*i) {
                b.update_item(&id, None, None, Some(vec![format!("RAT.{i}")]))
                    .ok();
            }
        }
        Change::Delete(i) => {
            if let Some(id) = pick(*i) {
                b.delete_item(&id).ok();
            }
        }
        Change::Code(n) => {
            b.add_code(&format!("Code {n}"), "#336699", None).ok();
        }
        Change::Coded(c, on) => {
            b.set_coded(&format!("case-{c}"), *on).ok();
        }
    }
}

/// What a state holds for the user: the live items as written (their `modified` stamp left
/// out: undo re-stamps what it changes so it wins merges), the codes and the marks.
fn content(f: &NotesFile) -> (Vec<Item>, Vec<crate::format::UserCode>, Vec<String>) {
    let mut live: Vec<Item> = f
        .items
        .iter()
        .filter(|i| !i.deleted)
        .map(|i| Item {
            modified: Default::default(),
            ..i.clone()
        })
        .collect();
    live.sort_by(|a, b| a.id.cmp(&b.id));
    (live, f.codes.clone(), f.coded.clone())
}

proptest::proptest! {
    #![proptest_config(crate::test_support::proptest_config(None))]
    /// After any run of edits, undoing them one by one passes back through every earlier
    /// state exactly, and redoing them through every later one.
    #[test]
    fn undo_and_redo_after_many_edits_restore_each_state_exactly(
        changes in proptest::collection::vec(arb_change(), 1..40)
    ) {
        let mut b = NoteBook::new(empty_notes(None));
        let mut states = vec![content(b.file())];
        for change in &changes {
            let revision = b.revision;
            make(&mut b, change);
            if b.revision != revision {
                states.push(content(b.file()));
            }
        }
        for expected in states.iter().rev().skip(1) {
            proptest::prop_assert!(b.undo().is_some());
            proptest::prop_assert_eq!(&content(b.file()), expected);
        }
        proptest::prop_assert!(b.undo().is_none(), "every change undone");
        for expected in states.iter().skip(1) {
            proptest::prop_assert!(b.redo().is_some());
            proptest::prop_assert_eq!(&content(b.file()), expected);
        }
        proptest::prop_assert!(!b.can_redo());
    }
}

#[test]
fn an_undone_item_edit_keeps_what_a_merge_brought_in_since() {
    let mut b = NoteBook::new(empty_notes(None));
    let mine = b.add_memo(None, "Mine", "text");
    b.update_item(&mine, Some("edited".into()), None, None)
        .unwrap();
    // A colleague's memo arrives from the disk copy (a merge, not an undoable change).
    let mut merged = b.file().clone();
    let mut theirs = merged.items[0].clone();
    theirs.id = "theirs".into();
    theirs.title = Some("Theirs".into());
    merged.items.push(theirs);
    b.replace(merged);
    assert_eq!(b.undo().as_deref(), Some("editing a memo “Mine”"));
    assert_eq!(b.item(&mine).and_then(|i| i.text.as_deref()), Some("text"));
    assert!(b.item("theirs").is_some(), "the merged memo stays");
}

#[test]
fn an_answer_is_found_after_each_kind_of_change() {
    let mut b = NoteBook::new(empty_notes(None));
    let a = b.answer("c", "q1", "first").unwrap();
    // Other items before and after it do not move it for the look-up.
    b.add_memo(Some("c"), "memo", "text");
    assert_eq!(b.answer_to("c", "q1").unwrap().id, a);
    b.answer("c", "q2", "second");
    assert_eq!(
        b.answer_to("c", "q2").unwrap().text.as_deref(),
        Some("second")
    );
    b.answer("c", "q1", "");
    assert!(b.answer_to("c", "q1").is_none(), "deleted");
    b.undo();
    assert_eq!(
        b.answer_to("c", "q1").unwrap().text.as_deref(),
        Some("first"),
        "back after an undo"
    );
    b.redo();
    assert!(b.answer_to("c", "q1").is_none(), "gone again after a redo");
    // A state taken in from disk.
    let mut other = NoteBook::new(empty_notes(None));
    other.answer("d", "q9", "theirs");
    b.replace(other.file().clone());
    assert!(b.answer_to("c", "q2").is_none());
    assert_eq!(
        b.answer_to("d", "q9").unwrap().text.as_deref(),
        Some("theirs")
    );
    // A copy answers for its own state.
    let mut copy = b.clone();
    copy.answer("d", "q9", "changed in the copy");
    assert_eq!(
        b.answer_to("d", "q9").unwrap().text.as_deref(),
        Some("theirs")
    );
    assert_eq!(
        copy.answer_to("d", "q9").unwrap().text.as_deref(),
        Some("changed in the copy")
    );
}
