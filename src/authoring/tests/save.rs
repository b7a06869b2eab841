//! Saving: atomic with backups, stable bytes, bundled files read-only, *Save anyway*, and two
//! windows on one file (merged when they changed different things, refused when not).

use std::path::{Path, PathBuf};

use super::{bundled_cases, context, draft};
use crate::authoring::{
    AuthoringError, CaseDraft, CaseEdit, DraftFile, SAVED_WITH_PROBLEMS, SaveMode, new_case,
    saved_with_problems,
};

/// A copy of Company A in a temporary folder.
fn on_disk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("company-a.case.json");
    let text = bundled_cases()
        .into_iter()
        .find(|(n, _)| n.ends_with("company-a.case.json"))
        .unwrap()
        .1;
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn open(path: &Path) -> CaseDraft {
    CaseDraft::open(path, context()).unwrap()
}

fn edit_paragraph(d: &mut CaseDraft, address: &str, f: impl Fn(&str) -> String) {
    let (section, paragraph) = address.split_once('/').unwrap();
    let text = f(&d.doc().paragraph(address).unwrap().text);
    d.apply(&CaseEdit::EditParagraph {
        section: section.into(),
        paragraph: paragraph.into(),
        text,
    })
    .unwrap();
}

#[test]
fn save_writes_atomically_keeps_a_backup_and_saves_the_same_bytes_twice() {
    let (_dir, path) = on_disk();
    let original = std::fs::read_to_string(&path).unwrap();
    let mut d = open(&path);
    assert!(!d.is_modified());
    d.apply(&CaseEdit::SetTitle("Company A, revised".into()))
        .unwrap();
    assert!(d.is_modified());
    let saved = d.save(SaveMode::Checked).unwrap();
    assert!(!saved.merged && saved.problems == 0);
    assert!(!d.is_modified());
    let first = std::fs::read_to_string(&path).unwrap();
    assert_eq!(super::writer::changed_lines(&original, &first), 1);
    d.save(SaveMode::Checked).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "a second save is identical"
    );
    let backups = crate::notes::store::backups(&path);
    assert_eq!(backups.len(), 2);
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), original);
    // Reloading gives the same case.
    assert_eq!(open(&path).doc(), d.doc());
    // Undo back to the saved state counts as unmodified; past it, modified.
    d.undo();
    assert!(d.is_modified());
}

#[test]
fn a_bundled_case_saves_only_as_a_copy_and_a_new_one_needs_a_path() {
    let mut d = draft("company-b");
    d.apply(&CaseEdit::SetTitle("Mine now".into())).unwrap();
    let err = d.save(SaveMode::Checked).unwrap_err();
    assert!(matches!(err, AuthoringError::ReadOnlyBundled { .. }));
    assert!(err.to_string().contains("Save a copy as…"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("sub").join("mine.case.json");
    d.save_as(&copy, SaveMode::Checked).unwrap();
    assert_eq!(d.file(), &DraftFile::Path(copy.clone()));
    assert_eq!(open(&copy).doc().title, "Mine now");
    // The new case of a framework is valid at once, and has no file until "Save as…".
    let mut fresh = CaseDraft::new(
        new_case(&super::framework(), "fresh", "Fresh").unwrap(),
        context(),
    );
    assert!(fresh.problems().is_empty(), "{:?}", fresh.problems());
    assert!(fresh.is_modified());
    assert!(matches!(
        fresh.save(SaveMode::Checked),
        Err(AuthoringError::NoPath)
    ));
    fresh
        .save_as(&dir.path().join("fresh.case.json"), SaveMode::Checked)
        .unwrap();
    assert!(!fresh.is_modified());
}

#[test]
fn save_anyway_marks_the_file_and_a_clean_save_clears_the_mark() {
    let (_dir, path) = on_disk();
    let mut d = open(&path);
    edit_paragraph(&mut d, "background/p1", |t| {
        t.replace("founded in 1999", "set up in 1999")
    });
    let err = d.save(SaveMode::Checked).unwrap_err();
    assert!(
        matches!(err, AuthoringError::HasProblems { count: 1 }),
        "{err}"
    );
    assert!(err.to_string().contains("Save anyway"));
    let saved = d.save(SaveMode::Anyway).unwrap();
    assert_eq!(saved.problems, 1);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(saved_with_problems(&bytes), Some(1));
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(&format!("\n  \"{SAVED_WITH_PROBLEMS}\": 1\n}}")),
        "last, as a new key"
    );
    // It loads (as any x- key) and says so; the mark is not part of the case.
    let reopened = open(&path);
    assert_eq!(reopened.opened_with_problems(), Some(1));
    assert_eq!(reopened.doc(), d.doc());
    d.undo();
    d.save(SaveMode::Checked).unwrap();
    assert_eq!(saved_with_problems(&std::fs::read(&path).unwrap()), None);
}

#[test]
fn two_windows_that_change_different_things_are_merged() {
    let (_dir, path) = on_disk();
    let mut a = open(&path);
    let mut b = open(&path);
    a.apply(&CaseEdit::SetTitle("Title from A".into())).unwrap();
    a.save(SaveMode::Checked).unwrap();
    edit_paragraph(&mut b, "outcome/p1", |t| format!("{t} (B)"));
    b.apply(&CaseEdit::AddQuestion {
        text: "From B?".into(),
        audience: crate::format::Audience::Student,
    })
    .unwrap();
    let saved = b.save(SaveMode::Checked).unwrap();
    assert!(saved.merged);
    let on_disk = open(&path);
    assert_eq!(on_disk.doc().title, "Title from A");
    assert!(
        on_disk
            .doc()
            .paragraph("outcome/p1")
            .unwrap()
            .text
            .ends_with("(B)")
    );
    assert_eq!(on_disk.doc(), b.doc(), "B's draft holds the merge it wrote");
    assert_eq!(
        b.undo_label(),
        Some("merge with the changes saved elsewhere")
    );
    // A saves again: B's changes are merged into A too; nothing is lost either way.
    a.apply(&CaseEdit::SetSubtitle(Some("A's subtitle".into())))
        .unwrap();
    assert!(a.save(SaveMode::Checked).unwrap().merged);
    let last = open(&path);
    assert_eq!(last.doc().subtitle.as_deref(), Some("A's subtitle"));
    assert_eq!(last.doc().questions.last().unwrap().text, "From B?");
}

#[test]
fn two_windows_that_change_the_same_thing_are_refused_and_keep_the_edits() {
    let (_dir, path) = on_disk();
    let mut a = open(&path);
    let mut b = open(&path);
    edit_paragraph(&mut a, "background/p2", |t| format!("{t} A"));
    a.save(SaveMode::Checked).unwrap();
    let written_by_a = std::fs::read(&path).unwrap();
    edit_paragraph(&mut b, "background/p2", |t| format!("{t} B"));
    let mine = b.doc().clone();
    let err = b.save(SaveMode::Checked).unwrap_err();
    let AuthoringError::ChangedOnDisk { places, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(places, &["sections/background/paragraphs/p2/text"]);
    assert!(err.to_string().contains("Save a copy as…"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        written_by_a,
        "nothing written"
    );
    assert_eq!(b.doc(), &mine, "the draft is kept");
    assert!(b.is_modified());
}

#[test]
fn a_file_changed_into_something_unreadable_is_left_alone() {
    let (_dir, path) = on_disk();
    let mut d = open(&path);
    std::fs::write(&path, b"{ not json").unwrap();
    d.apply(&CaseEdit::SetTitle("x".into())).unwrap();
    let err = d.save(SaveMode::Checked).unwrap_err();
    assert!(
        matches!(err, AuthoringError::ChangedUnreadable { .. }),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"{ not json");
}

#[test]
fn a_write_that_fails_says_why_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that is a file: nothing can be written there, whoever runs the test.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"").unwrap();
    let mut d = draft("company-a");
    d.apply(&CaseEdit::SetTitle("kept".into())).unwrap();
    let err = d
        .save_as(&blocker.join("x.case.json"), SaveMode::Checked)
        .unwrap_err();
    assert!(matches!(err, AuthoringError::Write { .. }), "{err}");
    assert!(err.to_string().contains("your edits are kept"), "{err}");
    assert_eq!(d.doc().title, "kept");
    assert!(
        matches!(d.file(), DraftFile::Bundled(_)),
        "still the bundled draft"
    );
}

#[test]
fn the_saved_text_refuses_problems_unless_anyway_which_marks_them_in_the_file() {
    let (_dir, path) = on_disk();
    let mut d = open(&path);
    assert_eq!(
        d.saved_text(SaveMode::Checked).unwrap(),
        d.to_text(false).unwrap(),
        "no problems: the plain text"
    );
    edit_paragraph(&mut d, "background/p1", |t| {
        t.replace("founded in 1999", "set up in 1999")
    });
    let err = d.saved_text(SaveMode::Checked).unwrap_err();
    assert!(
        matches!(err, AuthoringError::HasProblems { count: 1 }),
        "{err}"
    );
    let text = d.saved_text(SaveMode::Anyway).unwrap();
    assert_eq!(saved_with_problems(text.as_bytes()), Some(1));
}
