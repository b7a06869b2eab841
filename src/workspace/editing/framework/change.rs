//! Making an edit of the framework being edited: checking what it does to the loaded cases
//! (and holding it while it breaks some), the cases and notes it changes with it, and undo and
//! redo of all of that as one step.

use crate::authoring::{
    AuthoringError, CaseContext, CaseDraft, CaseEdit, Fix, FixChoice, FrameworkEdit, Impact,
    Rewrite, impact,
};
use crate::format::{Case, Framework};
use crate::library::Origin;
use crate::workspace::Workspace;

use super::{Companion, FrameworkEditor, LINK_LIMIT, Link, PendingEdit};

impl Workspace {
    /// The loaded cases that follow framework `id`, as the editor's changes left them.
    fn framework_cases(&self, editor: &FrameworkEditor, id: &str) -> Vec<(String, Case)> {
        self.library
            .cases
            .iter()
            .filter(|c| c.doc.framework == id)
            .map(|c| {
                let doc = editor.changed_case(&c.doc.id).unwrap_or(&c.doc);
                (c.doc.id.clone(), doc.clone())
            })
            .collect()
    }

    /// Checks an edit against the cases and makes it, or holds it when it breaks some.
    pub(super) fn framework_change(&mut self, edit: FrameworkEdit, typing: bool) {
        let Some(mut editor) = self.framework_editor.take() else {
            return;
        };
        if let Err(why) = self.framework_edit_allowed(&editor, &edit) {
            editor.status = Some(why);
        } else if edit.touches_cases() {
            let id = editor.draft.doc().id.clone();
            let cases = self.framework_cases(&editor, &id);
            let refs: Vec<&Case> = cases.iter().map(|(_, c)| c).collect();
            match impact(&edit, editor.draft.doc(), &refs) {
                Err(e) => editor.status = Some(e.to_string()),
                Ok(plan) if !plan.broken.is_empty() => {
                    editor.pending = Some(PendingEdit {
                        edit,
                        impact: plan,
                        typing,
                    });
                }
                Ok(plan) => self.commit(&mut editor, &edit, typing, &plan, None),
            }
        } else {
            self.commit(&mut editor, &edit, typing, &Impact::default(), None);
        }
        self.framework_editor = Some(editor);
    }

    /// Why `edit` cannot be made now, if it cannot.
    fn framework_edit_allowed(
        &self,
        editor: &FrameworkEditor,
        edit: &FrameworkEdit,
    ) -> Result<(), String> {
        if editor.pending.is_some() {
            return Err(
                "First choose how to fix the cases the last change breaks, or cancel it.".into(),
            );
        }
        let FrameworkEdit::SetId(new) = edit else {
            return Ok(());
        };
        let current = &editor.draft.doc().id;
        let naming = self
            .library
            .cases
            .iter()
            .filter(|c| c.doc.framework == *current)
            .count();
        if naming > 0 {
            return Err(format!(
                "{naming} loaded case(s) name framework \"{current}\": its id cannot change"
            ));
        }
        if new != current && self.library.framework(new).is_some() {
            return Err(format!("a framework with id \"{new}\" is already loaded"));
        }
        Ok(())
    }

    pub(super) fn resolve_pending(&mut self, choice: Option<FixChoice>) {
        let Some(mut editor) = self.framework_editor.take() else {
            return;
        };
        if let Some(pending) = editor.pending.take() {
            match choice {
                Some(choice) => {
                    let PendingEdit {
                        edit,
                        impact: plan,
                        typing,
                    } = pending;
                    self.commit(&mut editor, &edit, typing, &plan, Some(choice));
                }
                None => {
                    editor.status = Some(format!("Not done: {}", pending.edit.describe()));
                }
            }
        }
        self.framework_editor = Some(editor);
    }

    /// Makes `edit`, with the rename it brings and the fixes `choice` picks in the cases of
    /// `plan`, and the rename in the notes: one undoable step.
    fn commit(
        &mut self,
        editor: &mut FrameworkEditor,
        edit: &FrameworkEdit,
        typing: bool,
        plan: &Impact,
        choice: Option<FixChoice>,
    ) {
        let mut touched: Vec<String> = plan.rewritten.clone();
        for broken in &plan.broken {
            if !touched.contains(&broken.case) {
                touched.push(broken.case.clone());
            }
        }
        if let Err(why) = self.open_companions(editor, &touched) {
            editor.status = Some(why);
            return;
        }
        let before = editor.draft.state();
        let applied = if typing && touched.is_empty() {
            editor.draft.apply_typing(edit)
        } else {
            editor.draft.apply(edit)
        };
        let applied = match applied {
            Ok(applied) => applied,
            Err(e) => {
                editor.status = Some(e.to_string());
                return;
            }
        };
        let after = editor.draft.state();
        if before == after {
            return;
        }
        editor.status = None;
        let mut link = Link {
            before,
            after,
            cases: Vec::new(),
            notes: None,
        };
        let framework = editor.draft.doc().clone();
        for id in &touched {
            let fixes: Vec<&Fix> = match (choice, plan.broken.iter().find(|c| c.case == *id)) {
                (Some(choice), Some(broken)) => broken.chosen(choice),
                _ => Vec::new(),
            };
            let Some(companion) = editor.cases.get_mut(id) else {
                continue;
            };
            let old = companion.doc.clone();
            let mut new = old.clone();
            if let Some(rewrite) = &applied.rewrite {
                rewrite.apply_to_case(&mut new);
            }
            match with_fixes(new, &fixes, &framework) {
                Ok(new) if new != old => {
                    companion.set(new.clone());
                    link.cases.push((id.clone(), old, new));
                }
                Ok(_) => {}
                Err(e) => editor.status = Some(format!("{id} could not be fixed: {e}")),
            }
        }
        if let Some(rewrite) = applied.rewrite
            && self.rewrite_notes(&rewrite, &framework.id)
        {
            editor.notes_unsaved.push(rewrite.clone());
            link.notes = Some(rewrite);
        }
        if !link.cases.is_empty() || link.notes.is_some() {
            editor.links.push(link);
            if editor.links.len() > LINK_LIMIT {
                editor.links.remove(0);
            }
        }
        self.generation += 1;
    }

    /// Opens a draft of each case in `ids` the editor has not changed yet (from its file, or
    /// bundled); refuses when one is open in the case editor or cannot be read.
    fn open_companions(&self, editor: &mut FrameworkEditor, ids: &[String]) -> Result<(), String> {
        if let Some(case_editor) = &self.editor {
            let open = &case_editor.draft.doc().id;
            if ids.contains(open) {
                return Err(format!(
                    "This change also changes {open}, which is open in the case editor: save it or stop editing it first."
                ));
            }
        }
        let context = CaseContext {
            framework: Some(editor.draft.doc().clone()),
            known_frameworks: Vec::new(),
        };
        let missing: Vec<&String> = ids
            .iter()
            .filter(|id| !editor.cases.contains_key(*id))
            .collect();
        for id in missing {
            let Some(entry) = self.library.cases.iter().find(|c| c.doc.id == *id) else {
                return Err(format!("case {id} is no longer loaded"));
            };
            let draft = match &entry.origin {
                Origin::File(path) => CaseDraft::open(path, context.clone()),
                Origin::Bundled(name) => CaseDraft::bundled(name, context.clone()),
            }
            .map_err(|e| format!("{id} cannot be changed with the framework: {e}"))?;
            editor.cases.insert(id.clone(), Companion::new(draft));
        }
        Ok(())
    }

    /// Applies `rewrite` to the notes as one notebook change; true when it changed them.
    pub(super) fn rewrite_notes(&mut self, rewrite: &Rewrite, framework: &str) -> bool {
        let cases = self.case_ids_of(framework);
        let Some(notes) = rewrite.apply_to_notes(self.notebook.file(), &cases) else {
            return false;
        };
        self.notebook.replace_undoably(notes);
        crate::workspace::present::refresh(self);
        true
    }

    /// Undoes (`undo`) or redoes a framework step, and what it did to cases and notes.
    pub(super) fn framework_travel(&mut self, undo: bool) {
        let Some(mut editor) = self.framework_editor.take() else {
            return;
        };
        if let Some(pending) = editor.pending.take() {
            editor.status = Some(format!("Not done: {}", pending.edit.describe()));
            self.framework_editor = Some(editor);
            return;
        }
        let from = editor.draft.state();
        let label = if undo {
            editor.draft.undo()
        } else {
            editor.draft.redo()
        };
        let to = editor.draft.state();
        editor.status = Some(match (&label, undo) {
            (Some(what), true) => format!("Undone: {what}"),
            (Some(what), false) => format!("Redone: {what}"),
            (None, true) => "Nothing to undo.".to_owned(),
            (None, false) => "Nothing to redo.".to_owned(),
        });
        let link = editor
            .links
            .iter()
            .find(|l| (l.after, l.before) == if undo { (from, to) } else { (to, from) })
            .cloned();
        if let Some(link) = link {
            for (id, before, after) in link.cases {
                if let Some(companion) = editor.cases.get_mut(&id) {
                    companion.set(if undo { before } else { after });
                }
            }
            if let Some(rewrite) = link.notes {
                let rewrite = if undo { rewrite.inverse() } else { rewrite };
                let framework = editor.draft.doc().id.clone();
                self.rewrite_notes(&rewrite, &framework);
                editor.notes_unsaved.push(rewrite);
            }
        }
        if label.is_some() {
            self.generation += 1;
        }
        self.framework_editor = Some(editor);
    }
}

/// `case` with the edits of `fixes` made against `framework`.
fn with_fixes(case: Case, fixes: &[&Fix], framework: &Framework) -> Result<Case, AuthoringError> {
    if fixes.is_empty() {
        return Ok(case);
    }
    let context = CaseContext {
        framework: Some(framework.clone()),
        known_frameworks: Vec::new(),
    };
    let mut draft = CaseDraft::new(case, context);
    let edits: Vec<CaseEdit> = fixes.iter().flat_map(|f| f.edits.iter().cloned()).collect();
    draft.apply_all(&edits, "fix")?;
    Ok(draft.doc().clone())
}
