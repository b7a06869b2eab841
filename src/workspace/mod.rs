//! What the user is looking at, as plain data: the library, the open case, the passage in
//! focus. Views push [`Action`]s; [`Workspace::apply`] carries them out. No GUI types here.

mod author;
mod can;
pub mod class;
mod comparing;
mod edit;
pub mod editing;
mod effects;
pub mod export;
pub mod file_dialog;
pub mod present;
pub mod script;
pub mod shown;
pub mod spot;
pub mod steps;
pub mod unsaved;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::format::empty_notes;
use crate::library::{Bundled, Library, LoadRequest};
use crate::notes::book::NoteBook;

pub use crate::compare::MAX_COMPARE;
pub use author::ask_for_name;
pub use effects::{Effect, Pick};

/// The main views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// One case.
    #[default]
    Reader,
    /// Cases side by side.
    Compare,
    /// Every alliance of the compared cases.
    Alliances,
    /// Cases by codes.
    Matrix,
    /// Every passage coded with chosen codes.
    Coded,
    /// Inter-coder agreement of the shown layers, and the disagreements to discuss.
    Agreement,
    /// The framework editor (a tab while a framework is edited).
    Framework,
}

impl View {
    /// Tab label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Compare => "Compare",
            Self::Alliances => "Alliances",
            Self::Matrix => "Matrix",
            Self::Coded => "Coded passages",
            Self::Agreement => "Agreement",
            Self::Framework => "Framework",
        }
    }

    /// The views that always have a tab, in tab order ([`View::Framework`] has one while a
    /// framework is edited).
    pub const ALL: [View; 6] = [
        View::Reader,
        View::Compare,
        View::Alliances,
        View::Matrix,
        View::Coded,
        View::Agreement,
    ];
}

/// Options of the compare view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareOptions {
    /// Show only rows whose known values differ.
    pub differences_only: bool,
    /// With `differences_only`, also rows known for only some cases.
    pub with_partly_known: bool,
    /// Mark values and items shared with another case.
    pub highlight_shared: bool,
    /// Collapsed group ids.
    pub collapsed: BTreeSet<String>,
}

/// A passage to scroll to and mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// `section/paragraph`.
    pub paragraph: String,
    /// Exact text to mark in it, if any.
    pub quote: Option<String>,
    /// Characters of the raw paragraph text to mark, instead of the quote's first occurrence.
    pub range: Option<(usize, usize)>,
    /// True until the reader has scrolled there once.
    pub scroll_pending: bool,
}

/// A passage of a case: a paragraph, and the exact text to mark in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// `section/paragraph`.
    pub paragraph: String,
    /// Exact text to mark in it, if any.
    pub quote: Option<String>,
    /// Characters of the raw paragraph text to mark (a search hit), if any.
    pub range: Option<(usize, usize)>,
}

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show a case in the reader, at a passage if given.
    OpenCase {
        /// Case id.
        case: String,
        /// Passage to scroll to and mark.
        at: Option<Passage>,
    },
    /// Show a native file dialog.
    Pick(Pick),
    /// Use this notes file (from the recent list or a dialog).
    OpenNotes(PathBuf),
    /// Save the notes to this file from now on.
    SaveNotesAs(PathBuf),
    /// Hide the notes problem banner.
    DismissNotesProblem,
    /// Show or hide the *Your codes* window.
    ToggleCodesWindow,
    /// Highlight the reader's selection.
    HighlightSelection,
    /// Copy the comparison, as shown, as Markdown.
    CopyComparison,
    /// Close the window.
    Quit,
    /// An answer being typed in its box (kept until the box is left: [`unsaved`]).
    TypeAnswer {
        /// Case id.
        case: String,
        /// Question id.
        question: String,
        /// The text as typed.
        text: String,
    },
    /// Something asked of the case editor.
    Editor(editing::EditorCmd),
    /// Name the notes' author (*Edit > Your name*, or the question on first use).
    SetYourName(String),
    /// Something asked of the framework editor.
    Framework(editing::framework::FrameworkCmd),
    /// Make a case from this document (read off the UI thread, then edited).
    CaseFromDocument(PathBuf),
    /// Add files or folders to the library (reloads).
    AddPaths(Vec<PathBuf>),
    /// Re-read every file, keeping the view.
    Reload,
    /// Show or hide the problems panel.
    ToggleProblems,
    /// Show or hide instructor questions.
    ToggleInstructorQuestions,
    /// Switch the main view.
    SetView(View),
    /// Add a case to, or remove it from, the comparison.
    ToggleCompare(String),
    /// Compare the open case with another one.
    CompareWith(String),
    /// Open a search hit: a paragraph at its match, anything else marked where it is shown.
    OpenHit {
        /// Case id.
        case: String,
        /// Where the hit is.
        place: crate::search::Place,
        /// The match, in characters of the place's text.
        range: (usize, usize),
    },
    /// Move a compared case to another column.
    MoveColumn {
        /// Current column.
        from: usize,
        /// New column.
        to: usize,
    },
    /// Remove a column from the comparison.
    RemoveColumn(String),
    /// Toggle "differences only".
    ToggleDifferencesOnly,
    /// Toggle adding rows known for only some cases to "differences only".
    TogglePartlyKnown,
    /// Toggle "highlight what is shared".
    ToggleHighlightShared,
    /// Collapse or expand a group of rows.
    ToggleGroup(String),
    /// Choose the code family of the matrix.
    SetMatrixFamily(String),
    /// A change to the user's notes (undoable).
    Edit(Edit),
    /// Open the search panel, over the open case only when `in_open_case` and the reader
    /// shows one.
    Search {
        /// Limit the search to the case in the reader.
        in_open_case: bool,
    },
    /// Close the search panel.
    CloseSearch,
    /// Open the next (`true`) or previous search hit.
    StepSearch(bool),
    /// Presentation mode and lessons ([`present`]).
    Present(present::PresentCmd),
    /// Open notes files and folders of them as read-only layers (a class's files).
    OpenLayers(Vec<PathBuf>),
    /// Choose which layers are shown, or what the class views count.
    Class(class::ClassAction),
    /// Open the command palette or the shortcuts, or change the theme.
    Window(crate::appearance::WindowRequest),
}

/// A change to the user's notes; every one can be undone.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Highlight raw chars `start..end` of a paragraph of the open case.
    AddHighlight {
        /// `section/paragraph`.
        paragraph: String,
        /// First char (raw text).
        start: usize,
        /// End char, exclusive.
        end: usize,
        /// Codes to apply.
        codes: Vec<String>,
        /// Comment.
        comment: String,
    },
    /// Note on a case's cell (`dimension`) or on the whole case.
    AddNote {
        /// Case id.
        case: String,
        /// Dimension id, for a cell note.
        dimension: Option<String>,
        /// The note.
        text: String,
    },
    /// A student's answer to a question of a case: added, or updating the answer already
    /// there (one per question); an empty text deletes it.
    Answer {
        /// Case id.
        case: String,
        /// Question id.
        question: String,
        /// The answer.
        text: String,
    },
    /// Memo on a case, or on the project.
    AddMemo {
        /// Case id, or `None` for the project.
        case: Option<String>,
        /// Title.
        title: String,
        /// Markdown.
        text: String,
    },
    /// Change an item (fields left `None` stay).
    UpdateItem {
        /// Item id.
        id: String,
        /// New text.
        text: Option<String>,
        /// New title.
        title: Option<String>,
        /// New codes.
        codes: Option<Vec<String>>,
    },
    /// Delete an item (tombstone).
    DeleteItem(String),
    /// New user code.
    AddCode {
        /// Label.
        label: String,
        /// `#rrggbb`.
        color: String,
        /// Parent user code.
        parent: Option<String>,
    },
    /// Rename a user code.
    RenameCode {
        /// Code id.
        id: String,
        /// New label.
        label: String,
    },
    /// Recolour a user code.
    RecolourCode {
        /// Code id.
        id: String,
        /// `#rrggbb`.
        color: String,
    },
    /// Nest a user code under another (or at the top).
    NestCode {
        /// Code id.
        id: String,
        /// New parent, or `None` for the top.
        parent: Option<String>,
    },
    /// Merge one user code into another code.
    MergeCodes {
        /// Code that goes away.
        from: String,
        /// Code that is kept.
        into: String,
    },
    /// Delete a user code (after the impact was shown).
    DeleteCode(String),
    /// Undo the last change to the notes.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// A change to the user's lessons (the lesson editor).
    Lesson(crate::notes::lessons::LessonEdit),
    /// Marks a case as coded by you, or takes the mark off (agreement: who rated what).
    SetCoded(String, bool),
    /// Marks the open case as coded, or takes the mark off.
    ToggleCoded,
    /// Take in what an import produced (the user's notes with the imported codes and codings).
    Import(Box<crate::format::NotesFile>),
}

/// Plain state of one window.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Everything loaded; shared, so a background job (the search index, an export) reads it
    /// without a copy. Replaced whole on a reload ([`Workspace::set_library`]).
    pub library: std::sync::Arc<Library>,
    /// Extra files and folders (besides the bundled cases).
    pub paths: Vec<PathBuf>,
    /// Case open in the reader.
    pub open_case: Option<String>,
    /// Passage in focus in the open case.
    pub focus: Option<Focus>,
    /// A search hit outside the paragraphs (a facet, an alliance, a source…) to mark.
    pub spot: Option<spot::Spot>,
    /// Problems panel shown.
    pub show_problems: bool,
    /// The *Your codes* window shown.
    pub show_codes_window: bool,
    /// Instructor questions shown.
    pub show_instructor: bool,
    /// The main view shown.
    pub view: View,
    /// Cases in the comparison, in column order.
    pub compare: Vec<String>,
    /// Compare view options.
    pub compare_options: CompareOptions,
    /// Code family of the matrix columns; empty until the user picks one (the view then
    /// shows the first family with codings, `compare::matrix::default_family`).
    pub matrix_family: String,
    /// The user's notes (highlights, cell notes, memos, own codes), with undo.
    pub notebook: NoteBook,
    /// Bumped whenever the library or notes change, so views can cache derived data.
    pub generation: u64,
    /// Codebooks of this generation, built on first use (see [`Workspace::codebook`]).
    pub codebooks: crate::codebook::CodebookCache,
    /// A message for the user about the last action.
    pub message: Option<String>,
    /// The search panel, when shown.
    pub search: Option<SearchPanel>,
    /// Presentation mode, the open lesson and the scales.
    pub present: present::Present,
    /// Which layers (other people's notes) are shown, and how the class views count.
    pub class: class::ClassState,
    /// The case being edited beside its text, if any.
    pub editor: Option<editing::CaseEditor>,
    /// Typed text not saved yet ([`unsaved`] holds the rule for it).
    pub drafts: unsaved::Drafts,
    /// The framework being edited, if any.
    pub framework_editor: Option<editing::framework::FrameworkEditor>,
    /// Other people's notes files shown read-only (the window's notes session shares its
    /// list; else the library's notes files); replaced by [`Workspace::set_references`].
    pub references: std::sync::Arc<[crate::notes::layers::ReferenceLayer]>,
    /// Bumped by [`Workspace::set_references`]: what the layers' contents give is rebuilt then.
    pub references_revision: u64,
}

/// State of the search panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPanel {
    /// Case the search is limited to (Ctrl+F in the reader), if any.
    pub scope: Option<String>,
}

impl Workspace {
    /// A workspace over an already loaded library; opens the first case.
    pub fn new(library: Library, paths: Vec<PathBuf>) -> Self {
        let mut ws = Self {
            library: std::sync::Arc::default(),
            paths,
            open_case: None,
            focus: None,
            spot: None,
            show_problems: false,
            show_codes_window: false,
            show_instructor: false,
            view: View::Reader,
            compare: Vec::new(),
            compare_options: CompareOptions::default(),
            matrix_family: String::new(),
            notebook: NoteBook::new(empty_notes(None)),
            generation: 0,
            codebooks: crate::codebook::CodebookCache::default(),
            message: None,
            search: None,
            present: present::Present::default(),
            class: class::ClassState::default(),
            editor: None,
            drafts: unsaved::Drafts::default(),
            framework_editor: None,
            references: std::sync::Arc::from([]),
            references_revision: 0,
        };
        ws.set_library(library);
        ws.set_references(crate::notes::layers::library_layers(&ws.library.notes));
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
    /// Returns the library it replaces, for the caller to free where that holds nothing up
    /// (1,000 cases take about 25 ms to free).
    pub fn set_library(&mut self, library: Library) -> std::sync::Arc<Library> {
        let old = std::mem::replace(&mut self.library, std::sync::Arc::new(library));
        self.generation += 1;
        let lib = &self.library;
        self.compare.retain(|id| lib.case(id).is_some());
        let still_there = self
            .open_case
            .as_deref()
            .is_some_and(|id| self.library.case(id).is_some());
        if !still_there {
            // Prefer the first case from the user's own files, else the first one.
            self.open_case = self
                .library
                .cases
                .iter()
                .find(|c| !c.origin.is_bundled())
                .or(self.library.cases.first())
                .map(|c| c.doc.id.clone());
            self.focus = None;
        }
        if self.library.failed().any(|f| !f.origin.is_bundled()) {
            self.show_problems = true;
        }
        self.refresh_orphans();
        old
    }

    /// Switches to another notes file's contents (a new undo history starts).
    pub fn set_notebook(&mut self, notebook: NoteBook) {
        self.notebook = notebook;
        self.generation += 1;
    }

    /// Takes in notes merged from disk, keeping undo history.
    pub fn replace_notes(&mut self, notes: crate::format::NotesFile) {
        let before = self.notebook.revision;
        self.notebook.replace(notes);
        if self.notebook.revision != before {
            self.generation += 1;
        }
    }

    /// Carries out one action; returns what the platform layer must do for it.
    pub fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::OpenCase { case, at } => self.open_case_at(case, at),
            Action::OpenHit { case, place, range } => self.open_hit(case, place, range),
            Action::Pick(pick) => return Some(Effect::Pick(pick)),
            Action::OpenNotes(path) => {
                // Switching files leaves the answer boxes: saved into the file they were typed for.
                self.leave_answers(None);
                return Some(Effect::OpenNotes(path));
            }
            Action::TypeAnswer {
                case,
                question,
                text,
            } => self.type_answer(case, question, text),
            Action::SaveNotesAs(path) => return Some(Effect::SaveNotesAs(path)),
            Action::DismissNotesProblem => return Some(Effect::DismissNotesProblem),
            Action::HighlightSelection => return Some(Effect::HighlightSelection),
            Action::Quit => return Some(Effect::Quit),
            Action::Search { in_open_case } => {
                let scope = self
                    .open_case
                    .clone()
                    .filter(|_| in_open_case && self.view == View::Reader);
                self.search = Some(SearchPanel { scope });
                return Some(Effect::FocusSearch);
            }
            Action::CloseSearch => self.search = None,
            Action::StepSearch(forward) => return Some(Effect::StepSearch(forward)),
            Action::Window(request) => return Some(Effect::Window(request)),
            Action::OpenLayers(paths) => return Some(Effect::OpenLayers(paths)),
            Action::Class(action) => self.class.apply(action),
            Action::CopyComparison => return self.copy_comparison(),
            Action::ToggleCodesWindow => self.show_codes_window = !self.show_codes_window,
            Action::AddPaths(paths) => {
                for p in paths {
                    if !self.paths.contains(&p) {
                        self.paths.push(p);
                    }
                }
                return Some(Effect::Load(self.load_request()));
            }
            Action::Reload => return Some(Effect::Load(self.load_request())),
            Action::Editor(_) | Action::Framework(_) => return self.route_to_editor(action),
            Action::SetYourName(name) => return self.set_your_name(&name),
            Action::CaseFromDocument(path) => return Some(Effect::ReadDocument(path)),
            Action::ToggleProblems => self.show_problems = !self.show_problems,
            Action::ToggleInstructorQuestions => self.show_instructor = !self.show_instructor,
            Action::SetView(view) => {
                self.view = view;
                if view != View::Reader {
                    self.class.end_peek(None);
                }
            }
            compare @ (Action::ToggleCompare(_)
            | Action::CompareWith(_)
            | Action::MoveColumn { .. }
            | Action::RemoveColumn(_)
            | Action::ToggleDifferencesOnly
            | Action::TogglePartlyKnown
            | Action::ToggleHighlightShared
            | Action::ToggleGroup(_)) => self.compare_apply(compare),
            Action::SetMatrixFamily(family) => self.matrix_family = family,
            // While a framework or a case is edited, undo and redo are its editor's.
            Action::Edit(Edit::Undo | Edit::Redo)
                if self.framework_editor_active() || self.editor.is_some() =>
            {
                return self.route_to_editor(action);
            }
            Action::Edit(edit) => self.notes_edit(edit),
            Action::Present(cmd) => return present::apply(self, cmd),
        }
        None
    }

    /// An editor's command, or undo, redo or save for the active editor: the framework
    /// editor's while it is shown (or no case is edited), else the case editor's.
    fn route_to_editor(&mut self, action: Action) -> Option<Effect> {
        use editing::EditorCmd as E;
        use editing::framework::FrameworkCmd as F;
        let framework = self.framework_editor_active();
        match action {
            Action::Editor(E::Save(mode)) if framework => self.framework_apply(F::Save(mode)),
            Action::Edit(Edit::Undo) if framework => self.framework_apply(F::Undo),
            Action::Edit(Edit::Redo) if framework => self.framework_apply(F::Redo),
            Action::Edit(Edit::Undo) => self.editor_apply(E::Undo),
            Action::Edit(Edit::Redo) => self.editor_apply(E::Redo),
            Action::Editor(cmd) => self.editor_apply(cmd),
            Action::Framework(cmd) => self.framework_apply(cmd),
            _ => None,
        }
    }

    fn open_case_at(&mut self, case: String, at: Option<Passage>) {
        if self.library.case(&case).is_none() {
            self.message = Some(format!("No case with id \"{case}\" is loaded."));
            return;
        }
        self.class.end_peek(Some(&case));
        // Another case leaves the answer boxes of the one shown: they are saved.
        if let Some(shown) = self.open_case.clone().filter(|c| *c != case) {
            self.leave_answers(Some(&shown));
        }
        if self.open_case.as_deref() != Some(&case) || at.is_some() {
            self.spot = None;
            self.focus = at.map(|p| Focus {
                paragraph: p.paragraph,
                quote: p.quote,
                range: p.range,
                scroll_pending: true,
            });
        }
        self.open_case = Some(case);
        self.view = View::Reader;
    }
}

#[cfg(test)]
mod tests;
