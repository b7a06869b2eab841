//! Lessons stored in a notes file: the lesson editor's changes (new, rename, delete, steps),
//! undoable like every notes edit through [`crate::notes::book::NoteBook::edit_lesson`].

use crate::format::{Lesson, NotesFile, Step};
use crate::notes::EditError;

/// A change to the lessons of the user's notes (undoable like every notes edit).
#[derive(Debug, Clone, PartialEq)]
pub enum LessonEdit {
    /// A new, empty lesson.
    New {
        /// Title.
        title: String,
    },
    /// Rename a lesson.
    Rename {
        /// Lesson id.
        lesson: String,
        /// New title.
        title: String,
    },
    /// Delete a lesson.
    Delete(String),
    /// Add a step at the end.
    AddStep {
        /// Lesson id.
        lesson: String,
        /// The step.
        step: Box<Step>,
    },
    /// Move a step.
    MoveStep {
        /// Lesson id.
        lesson: String,
        /// Current index.
        from: usize,
        /// New index.
        to: usize,
    },
    /// Retitle a step (empty: no title).
    RenameStep {
        /// Lesson id.
        lesson: String,
        /// Step index.
        index: usize,
        /// New title.
        title: String,
    },
    /// Set a step's presenter note (empty: no note).
    SetNote {
        /// Lesson id.
        lesson: String,
        /// Step index.
        index: usize,
        /// The note.
        note: String,
    },
    /// Delete a step.
    DeleteStep {
        /// Lesson id.
        lesson: String,
        /// Step index.
        index: usize,
    },
    /// Copy a lesson (from a reference file) into the user's notes.
    Copy(Box<Lesson>),
}

/// A lesson id from a title, unused in `notes` ("week-3", "week-3-2").
pub fn new_lesson_id(notes: &NotesFile, title: &str) -> String {
    let mut base: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    base = base
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(48);
    let base = base.trim_end_matches('-').to_owned();
    let base = if base.is_empty() {
        "lesson".to_owned()
    } else {
        base
    };
    crate::format::free_id(&base, |id| notes.lessons.iter().any(|l| l.id == id))
}

/// Applies a lesson edit to the lessons of `notes`.
pub fn edit_lessons(notes: &mut NotesFile, edit: LessonEdit) -> Result<(), EditError> {
    let no_lesson = |id: &str| EditError::NoLesson(id.to_owned());
    match edit {
        LessonEdit::New { title } => {
            let id = new_lesson_id(notes, &title);
            notes.lessons.push(Lesson {
                id,
                title,
                steps: Vec::new(),
            });
        }
        LessonEdit::Copy(lesson) => {
            let mut lesson = *lesson;
            if notes.lessons.iter().any(|l| l.id == lesson.id) {
                lesson.id = new_lesson_id(notes, &lesson.id);
            }
            notes.lessons.push(lesson);
        }
        LessonEdit::Delete(id) => {
            let before = notes.lessons.len();
            notes.lessons.retain(|l| l.id != id);
            if notes.lessons.len() == before {
                return Err(no_lesson(&id));
            }
        }
        LessonEdit::Rename { lesson, title } => {
            let l = find(notes, &lesson)?;
            l.title = title;
        }
        LessonEdit::AddStep { lesson, step } => find(notes, &lesson)?.steps.push(*step),
        LessonEdit::MoveStep { lesson, from, to } => {
            let l = find(notes, &lesson)?;
            if from < l.steps.len() && to < l.steps.len() {
                let s = l.steps.remove(from);
                l.steps.insert(to, s);
            }
        }
        LessonEdit::RenameStep {
            lesson,
            index,
            title,
        } => {
            if let Some(s) = find(notes, &lesson)?.steps.get_mut(index) {
                s.title = Some(title).filter(|t| !t.trim().is_empty());
            }
        }
        LessonEdit::SetNote {
            lesson,
            index,
            note,
        } => {
            if let Some(s) = find(notes, &lesson)?.steps.get_mut(index) {
                s.note = Some(note).filter(|n| !n.trim().is_empty());
            }
        }
        LessonEdit::DeleteStep { lesson, index } => {
            let l = find(notes, &lesson)?;
            if index < l.steps.len() {
                l.steps.remove(index);
            }
        }
    }
    Ok(())
}

fn find<'a>(notes: &'a mut NotesFile, id: &str) -> Result<&'a mut Lesson, EditError> {
    notes
        .lessons
        .iter_mut()
        .find(|l| l.id == id)
        .ok_or_else(|| EditError::NoLesson(id.to_owned()))
}
