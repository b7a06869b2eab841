//! `caselens answers` through the real binary: a notes file's answers to company-a's
//! questions as Markdown, on standard output and in a file.

use crate::util::{caselens, text};
use caselens::format::empty_notes;
use caselens::notes::book::NoteBook;

/// A notes file with an answer to q1 and q5 (an instructor question) of company-a.
fn notes(dir: &std::path::Path) -> String {
    let mut book = NoteBook::new(empty_notes(Some("Ada Student".into())));
    book.answer(
        "company-a",
        "q1",
        "Company A, because *no partner* is named.",
    );
    book.answer("company-a", "q5", "Only for instructors");
    let path = dir.join("my.notes.json");
    caselens::notes::store::save(&path, book.file(), None).expect("test setup");
    path.display().to_string()
}

#[test]
fn answers_as_markdown_on_stdout_and_in_a_file() {
    let dir = tempfile::tempdir().expect("test setup");
    let notes = notes(dir.path());
    let o = caselens(&["answers", "--notes", &notes, "--case", "company-a"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.starts_with("# Answers: Company A"), "{md}");
    assert!(md.contains("Author: Ada Student"), "{md}");
    assert!(
        md.contains("Company A, because *no partner* is named."),
        "{md}"
    );
    assert!(
        !md.contains("Only for instructors"),
        "instructor questions are left out"
    );
    assert_eq!(md.matches("_(not answered)_").count(), 3, "{md}");
    let file = dir.path().join("answers.md");
    let f = file.display().to_string();
    let o = caselens(&[
        "answers",
        "--notes",
        &notes,
        "--case",
        "company-a",
        "-o",
        &f,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).expect("written"), md);
}

#[test]
fn unknown_case_or_unreadable_notes_exit_1() {
    let dir = tempfile::tempdir().expect("test setup");
    let notes = notes(dir.path());
    let o = caselens(&["answers", "--notes", &notes, "--case", "no-such-case"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("no-such-case"));
    let missing = dir.path().join("missing.notes.json").display().to_string();
    let o = caselens(&["answers", "--notes", &missing, "--case", "company-a"]);
    assert_eq!(o.status.code(), Some(1));
    let o = caselens(&["answers", "--case", "company-a"]);
    assert_eq!(o.status.code(), Some(2), "--notes is required");
}
