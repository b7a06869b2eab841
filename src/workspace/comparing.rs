//! The comparison's columns and options: which cases are compared, in which order, and what
//! the Compare view filters and marks.

use super::{Action, MAX_COMPARE, View, Workspace};

impl Workspace {
    /// Carries out an action on the comparison (columns and options).
    pub(super) fn compare_apply(&mut self, action: Action) {
        let options = &mut self.compare_options;
        match action {
            Action::ToggleCompare(case_id) => self.toggle_compare(case_id),
            Action::CompareWith(other) => self.compare_with(other),
            Action::MoveColumn { from, to }
                if from < self.compare.len() && to < self.compare.len() =>
            {
                let id = self.compare.remove(from);
                self.compare.insert(to, id);
            }
            Action::RemoveColumn(case_id) => self.compare.retain(|c| *c != case_id),
            Action::ToggleDifferencesOnly => options.differences_only = !options.differences_only,
            Action::TogglePartlyKnown => options.with_partly_known = !options.with_partly_known,
            Action::ToggleHighlightShared => options.highlight_shared = !options.highlight_shared,
            Action::ToggleGroup(group) if !options.collapsed.remove(&group) => {
                options.collapsed.insert(group);
            }
            _ => {}
        }
    }

    fn toggle_compare(&mut self, case_id: String) {
        if let Some(i) = self.compare.iter().position(|c| *c == case_id) {
            self.compare.remove(i);
        } else if self.compare.len() >= MAX_COMPARE {
            self.message = Some(format!(
                "At most {MAX_COMPARE} cases can be compared side by side; untick one first."
            ));
        } else if self.library.case(&case_id).is_some() {
            self.compare.push(case_id);
        }
    }

    fn compare_with(&mut self, other: String) {
        if let Some(open) = self.open_case.clone()
            && self.library.case(&other).is_some()
        {
            self.compare = vec![open];
            if !self.compare.contains(&other) {
                self.compare.push(other);
            }
            self.view = View::Compare;
        }
    }
}
