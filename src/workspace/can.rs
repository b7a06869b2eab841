//! Whether a command can run now: the one rule that menus, the palette, shortcuts and
//! *File > Export* grey their entries by.

use super::present::PresentCmd;
use super::{Action, Edit, Pick, Workspace};

impl Workspace {
    /// True when `action` can run in the current state. State the window alone holds (the
    /// reader's selection) is the window's to add.
    pub fn can(&self, action: &Action) -> bool {
        match action {
            Action::Edit(Edit::Undo) if self.framework_editor_active() => self
                .framework_editor
                .as_ref()
                .is_some_and(|e| e.pending.is_some() || e.draft.undo_label().is_some()),
            Action::Edit(Edit::Redo) if self.framework_editor_active() => self
                .framework_editor
                .as_ref()
                .is_some_and(|e| e.draft.redo_label().is_some()),
            Action::Edit(Edit::Undo) => match &self.editor {
                Some(e) => e.draft.undo_label().is_some(),
                None => self.notebook.can_undo(),
            },
            Action::Edit(Edit::Redo) => match &self.editor {
                Some(e) => e.draft.redo_label().is_some(),
                None => self.notebook.can_redo(),
            },
            Action::Edit(Edit::ToggleCoded) => self.open_case.is_some(),
            Action::TogglePartlyKnown => self.compare_options.differences_only,
            Action::CopyComparison => self.can_compare(),
            Action::StepSearch(_) => self.search.is_some(),
            Action::Pick(Pick::Export(kind)) => kind.available(self),
            Action::Present(cmd) => self.can_present(cmd),
            Action::Editor(cmd) => self.can_edit(cmd),
            Action::Framework(cmd) => self.can_edit_framework(cmd),
            _ => true,
        }
    }

    fn can_edit(&self, cmd: &super::editing::EditorCmd) -> bool {
        use super::editing::EditorCmd as E;
        match cmd {
            E::Start => self.open_case.is_some() && self.editor.is_none(),
            E::Duplicate => self.reader_case().is_some(),
            E::NewCase(_) => !self.library.frameworks.is_empty(),
            E::OpenDraft(_) => true,
            E::Save(_) => self.editor.is_some() || self.framework_editor.is_some(),
            _ => self.editor.is_some(),
        }
    }

    fn can_edit_framework(&self, cmd: &super::editing::framework::FrameworkCmd) -> bool {
        use super::editing::framework::FrameworkCmd as F;
        match cmd {
            F::Start(_) => !self.library.frameworks.is_empty(),
            F::New => true,
            F::NewFromCases => !self.library.cases.is_empty(),
            _ => self.framework_editor.is_some(),
        }
    }

    /// A comparison needs two ticked cases.
    pub fn can_compare(&self) -> bool {
        self.compare.len() >= 2
    }

    fn can_present(&self, cmd: &PresentCmd) -> bool {
        let state = &self.present;
        match cmd {
            PresentCmd::Next | PresentCmd::Previous | PresentCmd::GoTo(_) | PresentCmd::Close => {
                state.lesson.is_some()
            }
            PresentCmd::Leave | PresentCmd::TogglePrivate | PresentCmd::TogglePresenterView => {
                state.presenting()
            }
            PresentCmd::OpenSample => super::present::sample_lesson(&self.library).is_some(),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use crate::workspace::export::ExportKind;

    #[test]
    fn comparison_commands_need_two_cases_and_lesson_steps_an_open_lesson() {
        let mut ws = Workspace::new(Library::bundled(), vec![]);
        ws.compare = vec!["company-a".into()];
        assert!(!ws.can(&Action::CopyComparison));
        assert!(!ws.can(&Action::Pick(Pick::Export(ExportKind::ComparisonCsv))));
        ws.compare.push("company-b".into());
        assert!(ws.can(&Action::CopyComparison));
        assert!(ws.can(&Action::Pick(Pick::Export(ExportKind::ComparisonCsv))));
        assert!(!ws.can(&Action::Present(PresentCmd::Next)));
        assert!(!ws.can(&Action::Edit(Edit::Undo)));
        assert!(ws.can(&Action::Present(PresentCmd::OpenSample)));
        ws.apply(Action::Present(PresentCmd::OpenSample));
        assert!(ws.can(&Action::Present(PresentCmd::Next)));
    }
}
