//! Changes to the user's notes through the workspace: every [`Edit`], undoable, and what the
//! notes session needs of the workspace.

use super::{Edit, Workspace};
use crate::notes::EditError;
use crate::notes::anchor::new_anchor;
use crate::notes::book::NoteBook;

impl Workspace {
    /// A change to the notes: applied (an answer's draft then is no draft), its problem said,
    /// and the views told when something changed.
    pub(super) fn notes_edit(&mut self, edit: Edit) {
        if let Edit::Answer { case, question, .. } = &edit {
            self.drafts
                .answers
                .remove(&(case.clone(), question.clone()));
        }
        let before = self.notebook.revision;
        if let Err(e) = self.apply_edit(edit) {
            self.message = Some(e.to_string());
        }
        if self.notebook.revision != before {
            self.generation += 1;
            super::present::refresh(self);
        }
    }

    pub(super) fn apply_edit(&mut self, edit: Edit) -> Result<(), EditError> {
        let book = &mut self.notebook;
        match edit {
            Edit::AddHighlight {
                paragraph,
                start,
                end,
                codes,
                comment,
            } => {
                let Some(case) = self.open_case.clone() else {
                    return Ok(());
                };
                let text = self
                    .library
                    .case(&case)
                    .and_then(|c| c.paragraph(&paragraph))
                    .map(|p| p.text.clone());
                if let Some(anchor) = text.and_then(|t| new_anchor(&t, start, end)) {
                    book.add_highlight(&case, &paragraph, anchor, codes, Some(comment));
                }
            }
            Edit::AddNote {
                case,
                dimension,
                text,
            } => {
                book.add_note(&case, dimension.as_deref(), &text);
            }
            Edit::Answer {
                case,
                question,
                text,
            } => {
                book.answer(&case, &question, &text);
            }
            Edit::AddMemo { case, title, text } => {
                book.add_memo(case.as_deref(), &title, &text);
            }
            Edit::UpdateItem {
                id,
                text,
                title,
                codes,
            } => book.update_item(&id, text, title, codes)?,
            Edit::DeleteItem(id) => book.delete_item(&id)?,
            Edit::AddCode {
                label,
                color,
                parent,
            } => {
                book.add_code(&label, &color, parent.as_deref())?;
            }
            Edit::RenameCode { id, label } => book.rename_code(&id, &label)?,
            Edit::RecolourCode { id, color } => book.recolour_code(&id, &color)?,
            Edit::NestCode { id, parent } => {
                book.nest_code(&id, parent.as_deref())?;
            }
            Edit::MergeCodes { from, into } => book.merge_codes(&from, &into)?,
            Edit::DeleteCode(id) => {
                let impact = book.delete_code(&id)?;
                self.message = Some(format!("Deleted {}: {}", id, impact.describe()));
            }
            Edit::Undo => {
                self.message = Some(match book.undo() {
                    Some(what) => format!("Undone: {what}."),
                    None => "Nothing to undo.".into(),
                });
            }
            Edit::Import(notes) => book.replace_undoably(*notes),
            Edit::Lesson(edit) => book.edit_lesson(edit)?,
            Edit::SetCoded(case, coded) => book.set_coded(&case, coded)?,
            Edit::ToggleCoded => toggle_coded(book, self.open_case.as_deref())?,
            Edit::Redo => {
                self.message = Some(match book.redo() {
                    Some(what) => format!("Redone: {what}."),
                    None => "Nothing to redo.".into(),
                });
            }
        }
        Ok(())
    }
}

impl crate::notes::NotebookHost for Workspace {
    fn notebook(&self) -> &NoteBook {
        &self.notebook
    }

    fn replace_notes(&mut self, notes: crate::format::NotesFile) {
        Workspace::replace_notes(self, notes);
    }

    fn set_notebook(&mut self, notebook: NoteBook) {
        Workspace::set_notebook(self, notebook);
    }
}

/// Marks `case` (the open one) as coded, or takes its mark off.
fn toggle_coded(book: &mut NoteBook, case: Option<&str>) -> Result<(), EditError> {
    match case {
        Some(case) => {
            let coded = !book.file().coded.iter().any(|c| c == case);
            book.set_coded(case, coded)
        }
        None => Ok(()),
    }
}
