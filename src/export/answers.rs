//! A student's answers to a case's questions, as Markdown for handing in: the case title,
//! the author and date when known, then each student question with its answer (notes items
//! whose target is `{"question": id}`) or "_(not answered)_". Instructor questions are left out.

use crate::format::{Audience, Case, Item, NotesFile};
use crate::notes::book::is_answer;

/// The live answer to `question` of `case` in `notes`, if any.
pub fn answer<'a>(notes: &'a NotesFile, case: &str, question: &str) -> Option<&'a Item> {
    notes
        .items
        .iter()
        .filter(|i| !i.deleted && is_answer(i, case, question))
        .max_by(|a, b| a.modified.cmp(&b.modified))
}

/// The answers of `notes` to the student questions of `case`, as Markdown.
pub fn markdown(case: &Case, notes: &NotesFile) -> String {
    let mut out = format!("# Answers: {}\n\n", one_line(&case.title));
    let questions: Vec<_> = case
        .questions
        .iter()
        .filter(|q| q.audience == Audience::Student)
        .collect();
    let answers: Vec<Option<&Item>> = questions
        .iter()
        .map(|q| answer(notes, &case.id, &q.id))
        .collect();
    let mut head = Vec::new();
    if let Some(author) = notes.author.as_deref().filter(|a| !a.trim().is_empty()) {
        head.push(format!("Author: {}", one_line(author)));
    }
    let latest = answers.iter().flatten().map(|i| i.modified.as_str()).max();
    if let Some(date) = latest.or(notes.modified.as_deref()) {
        head.push(format!("Date: {}", date.get(..10).unwrap_or(date)));
    }
    if !head.is_empty() {
        out.push_str(&head.join("  \n"));
        out.push_str("\n\n");
    }
    if questions.is_empty() {
        out.push_str("_This case has no questions for students._\n");
    }
    for (n, (q, a)) in questions.iter().zip(&answers).enumerate() {
        out.push_str(&format!("## Question {}\n\n", n + 1));
        for line in q.text.lines() {
            out.push_str(&format!("> {line}\n"));
        }
        out.push('\n');
        match a.and_then(|i| i.text.as_deref()).map(str::trim) {
            Some(text) if !text.is_empty() => out.push_str(text),
            _ => out.push_str("_(not answered)_"),
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Line breaks folded to spaces, for a title or a header line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::empty_notes;
    use crate::library::{Bundled, Library, LoadRequest};
    use crate::notes::book::NoteBook;

    fn company_a() -> Case {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        lib.case("company-a").unwrap().clone()
    }

    #[test]
    fn answered_unanswered_and_instructor_questions() {
        let case = company_a();
        let mut book = NoteBook::new(empty_notes(Some("Ada Student".into())));
        book.answer("company-a", "q2", "Build the servers,\nbuy the rest.");
        book.answer("company-a", "q5", "Instructor only");
        book.answer("company-b", "q1", "Another case");
        let id = book.answer("company-a", "q3", "Deleted").unwrap();
        book.delete_item(&id).unwrap();
        let md = markdown(&case, book.file());
        assert!(md.starts_with("# Answers: Company A"), "{md}");
        assert!(md.contains("Author: Ada Student  \nDate: 20"), "{md}");
        assert_eq!(
            md.matches("## Question ").count(),
            4,
            "student questions only"
        );
        assert!(!md.contains("Instructor only") && !md.contains("Another case"));
        assert!(!md.contains("Deleted"));
        let q2 = md.split("## Question 2").nth(1).unwrap();
        assert!(q2.starts_with("\n\n> The case authors suggest"), "{q2}");
        assert!(q2.contains("\n\nBuild the servers,\nbuy the rest.\n\n## Question 3"));
        assert_eq!(md.matches("_(not answered)_").count(), 3, "{md}");
        assert!(md.ends_with("_(not answered)_\n"));
    }

    #[test]
    fn no_author_no_date() {
        let mut notes = empty_notes(None);
        notes.modified = None;
        let md = markdown(&company_a(), &notes);
        assert!(md.starts_with(
            "# Answers: Company A: a wireless ASP for the front office\n\n## Question 1\n"
        ));
    }
}
