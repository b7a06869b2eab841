//! A class in one view: which of the other people's notes files (layers, [`crate::notes::layers`])
//! are shown, how the Matrix counts over them, and the problems found opening them. Plain,
//! undo-free view state; nothing here writes a file.

use std::collections::{BTreeMap, BTreeSet};

pub use crate::compare::matrix::MatrixCount;
use crate::format::NotesFile;
use crate::library::Library;
use crate::library::Origin;
use crate::notes::layers::{
    Coder, LayerProblem, Layers, ProblemKind, ReferenceLayer, YOU, author_of, case_ids,
    cases_not_loaded, layer_key,
};
use std::path::PathBuf;

/// Which layers are shown and how the class views count; plain, undo-free view state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassState {
    /// Keys ([`layer_key`]) of layers the user hid; every other layer is shown.
    pub hidden: BTreeSet<String>,
    /// Count the user's own notes as one of the authors.
    pub include_mine: bool,
    /// The Layers panel is shown.
    pub show_panel: bool,
    /// What the matrix counts.
    pub matrix_count: MatrixCount,
    /// Problems found while opening layers (a file that failed with its error, two files by
    /// one author, items on cases that are not loaded), shown in the Problems panel.
    /// Each with the file it is about (words for the user: [`problem_text`]).
    pub problems: Vec<LayerProblem>,
    /// Author names the layers loader gave (by layer key), told apart when two files share
    /// an author ("Ana (ana2.notes.json)").
    pub names: BTreeMap<String, String>,
    /// Bumped whenever the shown layers change, so views can cache what they derive.
    pub revision: u64,
    /// *Open* in the Agreement view: the reader shows every class layer on this case for that
    /// moment only; the coders (the ticks) do not change. Ends with another case or view.
    pub peek: Option<String>,
}

/// A change to the layer choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassAction {
    /// Show or hide one layer (by key).
    ToggleLayer(String),
    /// Show every layer.
    ShowAll,
    /// Show every class layer in the reader on this case, for that moment only (the ticks,
    /// and so the coders, stay).
    Peek(String),
    /// Hide these layers (every layer's key: "none").
    HideAll(Vec<String>),
    /// Count your own notes as an author, or stop.
    ToggleMine,
    /// Show or hide the Layers panel.
    TogglePanel,
    /// Choose what the matrix counts.
    SetMatrixCount(MatrixCount),
}

impl ClassState {
    /// Carries out one change.
    pub fn apply(&mut self, action: ClassAction) {
        if !matches!(action, ClassAction::Peek(_) | ClassAction::TogglePanel) {
            self.peek = None;
        }
        match action {
            ClassAction::Peek(case) => self.peek = Some(case),
            ClassAction::ToggleLayer(key) => {
                if !self.hidden.remove(&key) {
                    self.hidden.insert(key);
                }
            }
            ClassAction::ShowAll => self.hidden.clear(),
            ClassAction::HideAll(keys) => self.hidden.extend(keys),
            ClassAction::ToggleMine => self.include_mine = !self.include_mine,
            ClassAction::TogglePanel => self.show_panel = !self.show_panel,
            ClassAction::SetMatrixCount(count) => self.matrix_count = count,
        }
        self.revision += 1;
    }

    /// True when the layer with this key is shown.
    pub fn is_shown(&self, key: &str) -> bool {
        !self.hidden.contains(key)
    }

    /// True when the reader, showing `case`, draws the layer with this key: a shown layer, or
    /// any class layer while the case is peeked at ([`ClassAction::Peek`]). Reference notes
    /// that are not class layers (the bundled sample lesson) are never added by a peek.
    pub fn shows_in_reader(&self, key: &str, case: Option<&str>) -> bool {
        self.is_shown(key)
            || (case.is_some() && self.peek.as_deref() == case && self.names.contains_key(key))
    }

    /// Ends a peek when the reader leaves its case (another case, another view).
    pub fn end_peek(&mut self, still_on: Option<&str>) {
        if self.peek.is_some() && self.peek.as_deref() != still_on {
            self.peek = None;
            self.revision += 1;
        }
    }

    /// Takes in what the layers loader read: remembers the authors' names and the problems
    /// (replacing those of an earlier load of the same files) and returns the layers to show.
    pub fn take_layers(&mut self, loaded: Layers) -> Vec<ReferenceLayer> {
        let fresh: BTreeSet<PathBuf> = loaded
            .layers
            .iter()
            .map(|l| l.path.clone())
            .chain(loaded.problems.iter().map(|p| p.path.clone()))
            .collect();
        // Problems of other files stay; a reopened file's old ones go.
        self.problems.retain(|p| !fresh.contains(&p.path));
        self.problems.extend(loaded.problems);
        self.revision += 1;
        loaded
            .layers
            .into_iter()
            .map(|l| {
                let layer = ReferenceLayer {
                    origin: Origin::File(l.path),
                    notes: std::sync::Arc::new(l.notes),
                };
                self.names.insert(layer_key(&layer), l.author);
                layer
            })
            .collect()
    }
}

impl ClassState {
    /// Checks the class's layers again against a library that was (re)loaded: items on cases
    /// it does not hold are reported anew, and no longer once their cases are loaded.
    pub fn recheck_cases(&mut self, layers: &[ReferenceLayer], library: &Library) {
        let class: Vec<(&PathBuf, &NotesFile)> = layers
            .iter()
            .filter(|l| self.names.contains_key(&layer_key(l)))
            .filter_map(|l| match &l.origin {
                Origin::File(path) => Some((path, &*l.notes)),
                Origin::Bundled(_) => None,
            })
            .collect();
        let before = self.problems.len();
        self.problems.retain(|p| {
            !matches!(p.kind, ProblemKind::CasesNotLoaded { .. })
                || !class.iter().any(|(path, _)| **path == p.path)
        });
        let removed = before - self.problems.len();
        // Looked up in a set: `Library::case` goes through the cases one by one, which for
        // 300 layers' items on 1,000 cases took 6 ms of the frame that takes in a reload.
        if !class.is_empty() {
            let known = case_ids(library);
            for (path, notes) in class {
                self.problems.extend(cases_not_loaded(path, notes, &known));
            }
        }
        if removed > 0 || self.problems.len() != before {
            self.revision += 1;
        }
    }
}

/// A layer problem in words for the user (a failed file says it was not opened).
pub fn problem_text(p: &LayerProblem) -> String {
    match p.kind {
        ProblemKind::Failed => format!(
            "{} was not opened as a layer: {}",
            p.path.display(),
            p.message
        ),
        _ => p.message.clone(),
    }
}

/// Keys and authors of layers, computed once per change of the layers (not every frame).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// `(key, author)` of each layer, in layer order.
    pub entries: Vec<(String, String)>,
    /// How many cases each layer's author marked as coded (0: no marks, so agreement counts
    /// them as a rater of every case they wrote on), in layer order.
    pub coded: Vec<usize>,
}

impl Roster {
    /// The roster of `layers`, named as the loader named them (else by [`author_of`]).
    pub fn of(layers: &[ReferenceLayer], state: &ClassState) -> Self {
        Self {
            entries: layers
                .iter()
                .map(|l| {
                    let key = layer_key(l);
                    let author = state
                        .names
                        .get(&key)
                        .cloned()
                        .unwrap_or_else(|| author_of(&l.notes, &l.origin));
                    (key, author)
                })
                .collect(),
            coded: layers.iter().map(|l| l.notes.coded.len()).collect(),
        }
    }

    /// The shown coders: each shown layer, then your own notes when they count.
    pub fn shown<'a>(
        &'a self,
        state: &ClassState,
        layers: &'a [ReferenceLayer],
        mine: &'a NotesFile,
    ) -> Vec<Coder<'a>> {
        self.shown_where(state, layers, mine, |key| state.is_shown(key))
    }

    /// The authors the reader draws on `case` ([`ClassState::shows_in_reader`]).
    pub fn in_reader<'a>(
        &'a self,
        state: &ClassState,
        layers: &'a [ReferenceLayer],
        mine: &'a NotesFile,
        case: &str,
    ) -> Vec<Coder<'a>> {
        self.shown_where(state, layers, mine, |key| {
            state.shows_in_reader(key, Some(case))
        })
    }

    fn shown_where<'a>(
        &'a self,
        state: &ClassState,
        layers: &'a [ReferenceLayer],
        mine: &'a NotesFile,
        shown: impl Fn(&str) -> bool,
    ) -> Vec<Coder<'a>> {
        let mut out: Vec<Coder<'a>> = self
            .entries
            .iter()
            .zip(layers)
            .filter(|((key, _), _)| shown(key))
            .map(|((key, author), layer)| Coder {
                key,
                author,
                notes: &layer.notes,
            })
            .collect();
        if state.include_mine {
            out.push(Coder {
                key: YOU,
                author: mine
                    .author
                    .as_deref()
                    .filter(|a| !a.is_empty())
                    .unwrap_or(YOU),
                notes: mine,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests;
