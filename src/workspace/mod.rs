//! What the user is looking at, as plain data: the library, the open case, the passage in
//! focus. Views push [`Action`]s; [`Workspace::apply`] carries them out. No GUI types here.

use std::path::PathBuf;

use crate::library::{Bundled, Library, LoadRequest};

/// The bundled case a first-time user sees.
pub const STARTING_CASE: &str = "company-a";

/// A passage to scroll to and mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// `section/paragraph`.
    pub paragraph: String,
    /// Exact text to mark in it, if any.
    pub quote: Option<String>,
    /// True until the reader has scrolled there once.
    pub scroll_pending: bool,
}

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show a case in the reader.
    OpenCase(String),
    /// Jump to a paragraph of the open case and mark a quote.
    ShowEvidence {
        /// `section/paragraph`.
        paragraph: String,
        /// Exact text to mark.
        quote: Option<String>,
    },
    /// Add files or folders to the library (reloads).
    AddPaths(Vec<PathBuf>),
    /// Re-read every file, keeping the view.
    Reload,
    /// Show or hide the problems panel.
    ToggleProblems,
    /// Show or hide instructor questions.
    ToggleInstructorQuestions,
}

/// Plain state of one window.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Everything loaded.
    pub library: Library,
    /// Extra files and folders (besides the bundled cases).
    pub paths: Vec<PathBuf>,
    /// Case open in the reader.
    pub open_case: Option<String>,
    /// Passage in focus in the open case.
    pub focus: Option<Focus>,
    /// Problems panel shown.
    pub show_problems: bool,
    /// Instructor questions shown.
    pub show_instructor: bool,
    /// Set when the library must be (re)loaded; the UI runs the load off the UI thread.
    pub reload_requested: bool,
}

impl Workspace {
    /// A workspace over an already loaded library; opens the first case.
    pub fn new(library: Library, paths: Vec<PathBuf>) -> Self {
        let mut ws = Self {
            library: Library::default(),
            paths,
            open_case: None,
            focus: None,
            show_problems: false,
            show_instructor: false,
            reload_requested: false,
        };
        ws.set_library(library);
        ws
    }

    /// What to load for this workspace.
    pub fn load_request(&self) -> LoadRequest {
        LoadRequest {
            bundled: Bundled::All,
            paths: self.paths.clone(),
        }
    }

    /// Replaces the library after a (re)load, keeping the open case when it still exists.
    pub fn set_library(&mut self, library: Library) {
        self.library = library;
        let still_there = self
            .open_case
            .as_deref()
            .is_some_and(|id| self.library.case(id).is_some());
        if !still_there {
            // Prefer the first case from the user's own files, else the bundled starting
            // case, else the first one.
            self.open_case = self
                .library
                .cases
                .iter()
                .find(|c| !c.origin.is_bundled())
                .or_else(|| {
                    self.library
                        .cases
                        .iter()
                        .find(|c| c.doc.id == STARTING_CASE)
                })
                .or(self.library.cases.first())
                .map(|c| c.doc.id.clone());
            self.focus = None;
        }
        if self.library.failed().any(|f| !f.origin.is_bundled()) {
            self.show_problems = true;
        }
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::OpenCase(case_id) => {
                if self.library.case(&case_id).is_some()
                    && self.open_case.as_deref() != Some(&case_id)
                {
                    self.open_case = Some(case_id);
                    self.focus = None;
                }
            }
            Action::ShowEvidence { paragraph, quote } => {
                self.focus = Some(Focus {
                    paragraph,
                    quote,
                    scroll_pending: true,
                });
            }
            Action::AddPaths(paths) => {
                for p in paths {
                    if !self.paths.contains(&p) {
                        self.paths.push(p);
                    }
                }
                self.reload_requested = true;
            }
            Action::Reload => self.reload_requested = true,
            Action::ToggleProblems => self.show_problems = !self.show_problems,
            Action::ToggleInstructorQuestions => self.show_instructor = !self.show_instructor,
        }
    }

    /// Number of files that failed to load.
    pub fn problem_count(&self) -> usize {
        self.library.failed().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LoadRequest;

    fn bundled() -> Library {
        Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        })
    }

    #[test]
    fn opens_first_case_and_keeps_it_across_reload() {
        let lib = bundled();
        let mut ws = Workspace::new(lib.clone(), vec![]);
        let first = ws.open_case.clone().expect("bundled cases exist");
        let other = lib
            .cases
            .iter()
            .map(|c| c.doc.id.clone())
            .find(|id| *id != first)
            .expect("two cases");
        ws.apply(Action::OpenCase(other.clone()));
        ws.apply(Action::ShowEvidence {
            paragraph: "background/p1".into(),
            quote: None,
        });
        ws.set_library(lib);
        assert_eq!(ws.open_case, Some(other));
        assert!(ws.focus.is_some(), "reload keeps the passage in focus");
    }

    #[test]
    fn unknown_case_is_ignored_and_add_paths_requests_reload() {
        let mut ws = Workspace::new(bundled(), vec![]);
        let before = ws.open_case.clone();
        ws.apply(Action::OpenCase("no-such-case".into()));
        assert_eq!(ws.open_case, before);
        ws.apply(Action::AddPaths(vec!["/tmp/x".into(), "/tmp/x".into()]));
        assert_eq!(ws.paths.len(), 1);
        assert!(ws.reload_requested);
    }
}
