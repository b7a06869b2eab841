//! What the views show of the user's notes, the class's layers and the codes: one rule each,
//! read by every view and export (presenting hides your notes until N; the Matrix's scope,
//! family and count; which codebook a view over many cases uses).

use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use super::Effect;
use super::Workspace;
use crate::codebook::Codebook;
use crate::compare::matrix::{Matrix, MatrixQuery};
use crate::format::{Case, Framework, NotesFile};
use crate::notes::layers::Coder;

/// The cases and framework the Matrix covers.
#[derive(Debug, Clone)]
pub struct MatrixScope<'a> {
    /// The framework of the first case in scope.
    pub framework: &'a Framework,
    /// The cases in scope ([`Workspace::scope_cases`]) that follow `framework`.
    pub cases: Vec<&'a Case>,
    /// The codebook of `framework` and the user's codes.
    pub codebook: Arc<Codebook>,
}

impl Workspace {
    /// Number of files that failed to load (the library's and the layers').
    pub fn problem_count(&self) -> usize {
        self.library.failed().count() + self.class.problems.len()
    }

    /// Replaces the reference layers (the notes session's shared list).
    pub fn set_references(&mut self, layers: Arc<[crate::notes::layers::ReferenceLayer]>) {
        self.references = layers;
        self.references_revision += 1;
    }

    /// The comparison of the ticked cases, by the rules `caselens compare` uses.
    pub fn comparison(&self) -> Result<crate::compare::Comparison, crate::compare::SelectError> {
        // Presenting hides the user's cell notes unless shown ([`present`]).
        let notes = self.visible_notes();
        crate::compare::compare_ids(&self.library, &self.compare, notes)
    }

    /// The row filter the compare view and its exports use.
    pub fn row_filter(&self) -> crate::compare::RowFilter {
        crate::compare::RowFilter {
            differences_only: self.compare_options.differences_only,
            with_partly_known: self.compare_options.with_partly_known,
        }
    }

    pub(super) fn copy_comparison(&mut self) -> Option<Effect> {
        match self.comparison() {
            Ok(cmp) => {
                let fw = self.library.framework(&cmp.framework)?;
                self.message = Some("Comparison copied as Markdown.".into());
                Some(Effect::CopyText(crate::export::markdown(
                    &cmp,
                    fw,
                    self.row_filter(),
                )))
            }
            Err(e) => {
                self.message = Some(format!("Nothing copied: {e}."));
                None
            }
        }
    }

    /// The codebook (framework codes and the user's own) for cases of `framework_id`, rebuilt
    /// only when the library or the notes changed.
    pub fn codebook(&self, framework_id: &str) -> std::sync::Arc<crate::codebook::Codebook> {
        let key = (self.generation, self.notebook.revision);
        self.codebooks.get(key, framework_id, || {
            crate::codebook::Codebook::build(
                self.library.framework(framework_id),
                self.notebook.file(),
            )
        })
    }

    /// [`Workspace::scope_codebook`] with the codes the shown `coders` define in their own
    /// files (a classmate's `USER.…` codes), so class views show them by label, not by id.
    pub fn scope_codebook_with(&self, coders: &[Coder<'_>]) -> Arc<Codebook> {
        self.codebook_with(&self.scope_framework(), coders)
    }

    /// [`Workspace::codebook`] with the codes the shown `coders` define in their own files.
    pub fn codebook_with(&self, framework_id: &str, coders: &[Coder<'_>]) -> Arc<Codebook> {
        let others: Vec<&NotesFile> = coders
            .iter()
            .filter(|c| c.key != crate::notes::layers::YOU && !c.notes.codes.is_empty())
            .map(|c| c.notes)
            .collect();
        if others.is_empty() {
            return self.codebook(framework_id);
        }
        // The layers' codes change only with the reference layers (their revision), so the
        // stamp names the layers shown and that revision: hashing every code of 300 layers
        // each frame cost more than the view's drawing.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.references_revision.hash(&mut hasher);
        for c in coders.iter().filter(|c| c.key != crate::notes::layers::YOU) {
            c.key.hash(&mut hasher);
        }
        let generation = (self.generation, self.notebook.revision);
        let name = format!("{framework_id}\u{0}layers");
        self.codebooks
            .get_stamped(generation, &name, hasher.finish(), || {
                Codebook::build_with_layers(
                    self.library.framework(framework_id),
                    self.notebook.file(),
                    &others,
                )
            })
    }

    /// Cases the Alliances and Matrix views cover: the ticked ones, else every case.
    pub fn scope_cases(&self) -> Vec<&crate::format::Case> {
        if self.compare.is_empty() {
            self.library.cases.iter().map(|c| &c.doc).collect()
        } else {
            self.compare
                .iter()
                .filter_map(|id| self.library.case(id))
                .collect()
        }
    }

    /// True while presenting hides the user's own notes (until N shows them).
    pub fn hides_mine(&self) -> bool {
        self.present.hides_private()
    }

    /// Whether other people's notes (reference layers) are drawn in the reader: not while
    /// presenting hides notes.
    pub fn shows_layers(&self) -> bool {
        !self.hides_mine()
    }

    /// Whether instructor questions are shown: chosen, and not hidden by presenting.
    pub fn shows_instructor(&self) -> bool {
        self.show_instructor && !self.hides_mine()
    }

    /// The user's notes as the views show them: `None` while presenting hides them.
    pub fn visible_notes(&self) -> Option<&NotesFile> {
        (!self.hides_mine()).then(|| self.notebook.file())
    }

    /// The shown authors: the layers the user ticks, then the user's own notes when they
    /// count as an author and are not hidden by presenting.
    pub fn coders<'a>(&'a self, shown: Vec<Coder<'a>>) -> Vec<Coder<'a>> {
        let hide = self.hides_mine();
        shown
            .into_iter()
            .filter(|c| !(hide && c.key == crate::notes::layers::YOU))
            .collect()
    }

    /// The codebook a view over many cases uses (Coded passages, Agreement): the framework
    /// of the first case in scope (the ticked cases, else every case), else the first loaded
    /// framework, with the user's codes.
    pub fn scope_codebook(&self) -> Arc<Codebook> {
        self.codebook(&self.scope_framework())
    }

    /// The framework of the first case in scope, else the first loaded framework.
    fn scope_framework(&self) -> String {
        self.scope_cases()
            .first()
            .map(|c| c.framework.clone())
            .or_else(|| self.library.frameworks.first().map(|f| f.doc.id.clone()))
            .unwrap_or_default()
    }

    /// The Matrix's scope: the framework of the first case in scope, and the cases in scope
    /// of that framework. `None` when no case is loaded or its framework is missing.
    pub fn matrix_scope(&self) -> Option<MatrixScope<'_>> {
        let cases = self.scope_cases();
        let framework = self.library.framework(&cases.first()?.framework)?;
        Some(MatrixScope {
            framework,
            cases: cases
                .into_iter()
                .filter(|c| c.framework == framework.id)
                .collect(),
            codebook: self.codebook(&framework.id),
        })
    }

    /// The matrix the Matrix view shows and *Matrix as CSV* writes, for `coders` (the shown
    /// authors, [`Workspace::coders`]).
    pub fn matrix(&self, scope: &MatrixScope<'_>, coders: &[Coder<'_>]) -> Matrix {
        MatrixQuery {
            codebook: &scope.codebook,
            framework: scope.framework,
            cases: &scope.cases,
            notes: self.visible_notes(),
            family: &self.matrix_family,
            count: &self.class.matrix_count,
            coders,
        }
        .build()
    }
}
