//! Lesson steps as the views show them: a step's title and rows, and the comparison of a
//! compare step, built once per change.

use std::sync::{Arc, PoisonError};

use super::Workspace;
use crate::compare::{Comparison, SelectError, compare_ids};
use crate::format::{Step, StepView};
use crate::library::Library;

/// A step's title, or one made from what it shows, with cases by name and a passage by its
/// section and paragraph number ("Case passage: Company B, Background ¶ 2"), never by ids.
pub fn step_title(step: &Step, library: &Library) -> String {
    if let Some(t) = step.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.to_owned();
    }
    let what: String = match step.kind() {
        Some(StepView::Matrix) => match step.family.as_deref().filter(|f| !f.is_empty()) {
            Some(family) => format!("Matrix ({})", family_label(step, family, library)),
            None => StepView::Matrix.label().to_owned(),
        },
        Some(v) => v.label().to_owned(),
        None => step.view.clone(),
    };
    let names: Vec<String> = step.cases.iter().map(|c| case_name(library, c)).collect();
    match (step.cases.as_slice(), &step.paragraph) {
        ([case], Some(p)) => format!(
            "{what}: {}, {}",
            case_name(library, case),
            passage_place(library, case, p)
        ),
        ([], _) => what,
        _ => format!("{what}: {}", names.join(", ")),
    }
}

/// A case's short name: its title up to the first colon ("Company A" for "Company A: a
/// wireless ASP for the front office"), its whole title when there is none, else its id.
pub fn case_name(library: &Library, case_id: &str) -> String {
    library.case(case_id).map_or_else(
        || case_id.to_owned(),
        |case| short_title(&case.title).to_owned(),
    )
}

/// A title up to its first colon ("Company A" for "Company A: a wireless ASP for the front
/// office"), the whole title when there is none.
pub fn short_title(title: &str) -> &str {
    title
        .split_once(':')
        .map(|(head, _)| head.trim())
        .filter(|head| !head.is_empty())
        .unwrap_or(title.trim())
}

/// Where a paragraph is, in words: its section's title and its number in the section
/// ("Background ¶ 2" for `background/p2`); the address itself when the case lacks it.
pub fn passage_place(library: &Library, case_id: &str, address: &str) -> String {
    let place = library.case(case_id).and_then(|case| {
        let (section_id, paragraph_id) = address.split_once('/')?;
        let section = case.sections.iter().find(|s| s.id == section_id)?;
        let n = section
            .paragraphs
            .iter()
            .position(|p| p.id == paragraph_id)?;
        Some(format!("{} ¶ {}", section.title, n + 1))
    });
    place.unwrap_or_else(|| address.to_owned())
}

/// The label of a matrix step's family, from its first case's framework (else the id).
fn family_label(step: &Step, family: &str, library: &Library) -> String {
    step.cases
        .iter()
        .filter_map(|c| library.case(c))
        .find_map(|c| library.framework(&c.framework))
        .and_then(|fw| fw.codes.iter().find(|code| code.id == family))
        .map_or_else(|| family.to_owned(), |code| code.label.clone())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn step(view: &str, cases: &[&str]) -> Step {
        Step {
            view: view.into(),
            cases: cases.iter().map(|c| (*c).to_owned()).collect(),
            ..Step::default()
        }
    }

    #[test]
    fn made_up_titles_name_cases_passages_and_families_in_words() {
        let lib = Library::bundled();
        let mut passage = step("case", &["futurelink"]);
        passage.paragraph = Some("background/p2".into());
        assert_eq!(
            step_title(&passage, &lib),
            "Case passage: FutureLink, Organisation background ¶ 2"
        );
        let mut matrix = step("matrix", &["company-a", "company-b", "corio"]);
        assert_eq!(
            step_title(&matrix, &lib),
            "Matrix: Company A, Company B, Corio"
        );
        matrix.family = Some("RAT".into());
        assert_eq!(
            step_title(&matrix, &lib),
            "Matrix (Partnering rationale): Company A, Company B, Corio"
        );
        assert_eq!(
            step_title(&step("compare", &["siebel-partners", "gone"]), &lib),
            "Comparison: Siebel Systems and its implementation partners, gone",
            "a title without a colon whole; an unknown case by its id"
        );
        assert_eq!(
            passage_place(&lib, "futurelink", "nowhere/p9"),
            "nowhere/p9"
        );
        passage.title = Some("Own title".into());
        assert_eq!(step_title(&passage, &lib), "Own title");
    }

    #[test]
    fn a_compare_step_is_compared_once_until_the_notes_the_library_or_its_cases_change() {
        use crate::workspace::{Action, Edit};
        let mut ws = Workspace::new(Library::bundled(), vec![]);
        let ab = step("compare", &["company-a", "company-b"]);
        let first = ws.step_comparison(&ab);
        assert!(first.is_ok());
        assert!(Arc::ptr_eq(&first, &ws.step_comparison(&ab)), "reused");
        // The user's notes change: compared again (a cell note now shows).
        ws.apply(Action::Edit(Edit::AddNote {
            case: "company-a".into(),
            dimension: None,
            text: "a note".into(),
        }));
        let noted = ws.step_comparison(&ab);
        assert!(!Arc::ptr_eq(&first, &noted), "the notes changed");
        assert!(
            Arc::ptr_eq(&noted, &ws.step_comparison(&ab)),
            "reused again"
        );
        // Another step's cases.
        let ac = step("compare", &["company-a", "corio"]);
        let other = ws.step_comparison(&ac);
        assert!(!Arc::ptr_eq(&noted, &other));
        let ids = |c: &StepComparison| -> Vec<String> {
            c.as_ref()
                .map(|c| c.cases.iter().map(|k| k.id.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(ids(&other), ["company-a", "corio"]);
        assert!(Arc::ptr_eq(&other, &ws.step_comparison(&ac)));
        // A reload: compared again.
        ws.set_library(Library::bundled());
        assert!(
            !Arc::ptr_eq(&other, &ws.step_comparison(&ac)),
            "the library changed"
        );
    }
}
