//! Whose notes these are: the notes file's `author` (docs/FORMAT.md §3), which exports (the
//! CSV's author column, the W3C annotations' creator) and a class's views use. The rules:
//! the name is asked for once, on first use, and may be skipped; *Edit > Your name* sets it at
//! any time; a notes file with no author takes the name remembered, one with an author keeps
//! it. No GUI types here.

use super::{Effect, Workspace};

impl Workspace {
    /// The name the notes are written under (the notes file's author), if any.
    pub fn your_name(&self) -> Option<&str> {
        self.notebook
            .file()
            .author
            .as_deref()
            .filter(|n| !n.trim().is_empty())
    }

    /// Names the notes' author (not an undoable change: undo keeps the name); the window
    /// remembers the name for notes files opened later.
    pub fn set_your_name(&mut self, name: &str) -> Option<Effect> {
        let name = name.trim();
        self.notebook.set_author(name);
        self.generation += 1;
        self.message = Some(if name.is_empty() {
            "Your notes carry no name now.".to_owned()
        } else {
            format!("Your notes are now by {name}.")
        });
        Some(Effect::RememberName(name.to_owned()))
    }

    /// Gives a notes file without an author the `remembered` name; a file with an author keeps
    /// it. True when it named the file.
    pub fn sign_notes(&mut self, remembered: &str) -> bool {
        if self.your_name().is_some() || remembered.trim().is_empty() {
            return false;
        }
        self.notebook.set_author(remembered);
        self.generation += 1;
        true
    }
}

/// True when the name is to be asked for now: never asked (nor skipped) before, no name
/// remembered, and the notes file (read by now) has none.
pub fn ask_for_name(
    asked_before: bool,
    remembered: Option<&str>,
    notes_author: Option<&str>,
) -> bool {
    !asked_before && remembered.is_none_or(|n| n.trim().is_empty()) && notes_author.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use crate::workspace::{Action, Edit};

    #[test]
    fn the_name_is_the_notes_author_kept_through_undo_and_given_to_a_file_without_one() {
        let mut ws = Workspace::new(Library::bundled(), vec![]);
        assert!(ask_for_name(false, None, ws.your_name()));
        ws.apply(Action::Edit(Edit::AddMemo {
            case: None,
            title: "t".into(),
            text: "x".into(),
        }));
        assert_eq!(
            ws.apply(Action::SetYourName(" Ana Lima ".into())),
            Some(Effect::RememberName("Ana Lima".into()))
        );
        assert_eq!(ws.your_name(), Some("Ana Lima"));
        ws.apply(Action::Edit(Edit::Undo));
        assert_eq!(ws.your_name(), Some("Ana Lima"), "undo keeps the name");
        assert!(!ask_for_name(true, None, None), "asked once");
        assert!(!ask_for_name(false, Some("Ana"), None));
        // A file by someone else keeps its author; one without takes the remembered name.
        assert!(!ws.sign_notes("Ben"));
        ws.set_notebook(crate::notes::book::NoteBook::new(
            crate::format::empty_notes(None),
        ));
        assert!(ws.sign_notes("Ana Lima"));
        assert_eq!(ws.notebook.file().author.as_deref(), Some("Ana Lima"));
    }
}
