//! Lesson steps as the views show them: a step's title and rows, and the comparison of a
//! compare step, built once per change.

use std::sync::{Arc, PoisonError};

use super::Workspace;
use crate::compare::{Comparison, SelectError, compare_ids};
use crate::format::Step;
use crate::library::Library;

/// A step's title, or one made from what it shows.
pub fn step_title(step: &Step) -> String {
    if let Some(t) = step.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.to_owned();
    }
    let what: &str = match step.kind() {
        Some(v) => v.label(),
        None => &step.view,
    };
    match (step.cases.as_slice(), &step.paragraph) {
        ([case], Some(p)) => format!("{what}: {case} {p}"),
        ([], _) => what.to_owned(),
        (cases, _) => format!("{what}: {}", cases.join(", ")),
    }
}

/// The rows of a compare step: its dimensions, else every dimension of its cases' framework.
pub fn step_rows(step: &Step, library: &Library) -> Vec<String> {
    let ids = step.dimension_ids();
    if !ids.is_empty() {
        return ids;
    }
    step.cases
        .first()
        .and_then(|c| library.case(c))
        .and_then(|c| library.framework(&c.framework))
        .map(|fw| fw.dimensions().map(|(_, d)| d.id.clone()).collect())
        .unwrap_or_default()
}

/// The comparison a lesson's compare step shows, built once per change of the library, the
/// notes or what presenting hides (not every frame).
#[derive(Debug, Default)]
pub struct StepCache {
    inner: std::sync::Mutex<Option<(StepKey, Arc<StepComparison>)>>,
}

/// A compare step's comparison, or why it cannot be shown.
pub type StepComparison = Result<Comparison, SelectError>;

/// What a cached step comparison was built from: generation, notes revision, hidden, cases.
type StepKey = (u64, u64, bool, Vec<String>);

impl Clone for StepCache {
    fn clone(&self) -> Self {
        let state = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        Self {
            inner: std::sync::Mutex::new(state.clone()),
        }
    }
}

/// A cache is not state: two presentations are equal whatever they have cached.
impl PartialEq for StepCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Workspace {
    /// The comparison of a compare step's cases, with the user's notes as shown.
    pub fn step_comparison(&self, step: &Step) -> Arc<StepComparison> {
        let key = (
            self.generation,
            self.notebook.revision,
            self.hides_mine(),
            step.cases.clone(),
        );
        let mut cache = self
            .present
            .comparisons
            .inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((k, cmp)) = cache.as_ref()
            && *k == key
        {
            return cmp.clone();
        }
        let cmp = Arc::new(compare_ids(
            &self.library,
            &step.cases,
            self.visible_notes(),
        ));
        *cache = Some((key, cmp.clone()));
        cmp
    }
}
