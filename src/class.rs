//! A class in one view: other people's notes files shown as read-only layers (the reference
//! layers of [`crate::notes::session`]), which of them are shown, and what the views count over
//! them: how many authors marked each passage (the reader's density band), each author's coded
//! passages, and the "discussed" notes that disagreement triage writes into the user's own
//! file. No GUI types; nothing here writes a file.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use crate::format::{ItemKind, NotesFile};
use crate::library::{Library, Origin};
use crate::notes::check;
use crate::notes::layers::{LayerProblem, Layers, ProblemKind, cases_not_loaded};
use crate::notes::session::ReferenceLayer;
use crate::retrieve::{self, Mode, Passage};

/// The name the user's own notes go by among the authors.
pub const YOU: &str = "You";

/// What a matrix cell counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MatrixCount {
    /// Coded units of your own notes (and the cases' facets and alliances).
    #[default]
    Yours,
    /// Coded units as one author's notes make them (the layer's key).
    Author(String),
    /// How many of the shown authors used the code in the case.
    Authors,
}

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
}

/// A change to the layer choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassAction {
    /// Show or hide one layer (by key).
    ToggleLayer(String),
    /// Show every layer.
    ShowAll,
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
        match action {
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
                    notes: l.notes,
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
                Origin::File(path) => Some((path, &l.notes)),
                Origin::Bundled(_) => None,
            })
            .collect();
        let before = self.problems.len();
        self.problems.retain(|p| {
            !matches!(p.kind, ProblemKind::CasesNotLoaded { .. })
                || !class.iter().any(|(path, _)| **path == p.path)
        });
        let removed = before - self.problems.len();
        for (path, notes) in class {
            // Only the notes matter to the check; the copy is made only for a layer with
            // items on cases that are not loaded.
            if missing(notes, library) {
                let layer = crate::notes::layers::Layer {
                    path: path.clone(),
                    author: String::new(),
                    notes: notes.clone(),
                };
                self.problems.extend(cases_not_loaded(&layer, library));
            }
        }
        if removed > 0 || self.problems.len() != before {
            self.revision += 1;
        }
    }
}

/// True when a live item of `notes` is on a case `library` does not hold.
fn missing(notes: &NotesFile, library: &Library) -> bool {
    notes
        .items
        .iter()
        .filter(|i| !i.deleted)
        .filter_map(|i| i.case.as_deref())
        .any(|c| library.case(c).is_none())
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

/// One author's notes as the class views read them.
#[derive(Debug, Clone, Copy)]
pub struct Coder<'a> {
    /// The layer's key ([`layer_key`]), or [`YOU`] for your own notes.
    pub key: &'a str,
    /// Who wrote them.
    pub author: &'a str,
    /// The notes.
    pub notes: &'a NotesFile,
}

/// A layer's key: where it came from (unique among layers).
pub fn layer_key(layer: &ReferenceLayer) -> String {
    layer.origin.to_string()
}

/// Who wrote a notes file: its `author`, else its file name without `.notes.json`.
pub fn author_of(notes: &NotesFile, origin: &Origin) -> String {
    if let Some(author) = notes.author.as_deref().map(str::trim)
        && !author.is_empty()
    {
        return author.to_owned();
    }
    let name = match origin {
        Origin::Bundled(name) => name.rsplit('/').next().unwrap_or(name).to_owned(),
        Origin::File(path) => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        ),
    };
    name.strip_suffix(".notes.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name)
        .to_owned()
}

/// Keys and authors of layers, computed once per change of the layers (not every frame).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// `(key, author)` of each layer, in layer order.
    pub entries: Vec<(String, String)>,
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
        }
    }

    /// The shown coders: each shown layer, then your own notes when they count.
    pub fn shown<'a>(
        &'a self,
        state: &ClassState,
        layers: &'a [ReferenceLayer],
        mine: &'a NotesFile,
    ) -> Vec<Coder<'a>> {
        let mut out: Vec<Coder<'a>> = self
            .entries
            .iter()
            .zip(layers)
            .filter(|((key, _), _)| state.is_shown(key))
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

/// How many authors marked one paragraph, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphDensity {
    /// Distinct authors with a highlight in the paragraph.
    pub authors: usize,
    /// Raw char ranges with how many authors' highlights cover them (count > 0), in order,
    /// neighbours with the same count joined.
    pub segments: Vec<(Range<usize>, usize)>,
}

/// Where the shown authors' highlights of one case sit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Density {
    /// Number of shown authors (the "of N").
    pub total: usize,
    /// By `section/paragraph`.
    pub paragraphs: HashMap<String, ParagraphDensity>,
}

/// Where each shown author's live highlights of `case` land in the current text (highlights
/// that cannot be found are left out), counted per paragraph and per stretch of text.
pub fn density(library: &Library, case: &str, coders: &[Coder<'_>]) -> Density {
    let mut ranges: HashMap<String, Vec<(usize, Range<usize>)>> = HashMap::new();
    for (who, coder) in coders.iter().enumerate() {
        let highlights = coder.notes.items.iter().filter(|i| {
            !i.deleted && i.kind == ItemKind::Highlight && i.case.as_deref() == Some(case)
        });
        for item in highlights {
            let Some(target) = &item.target else { continue };
            let Some(paragraph) = &target.paragraph else {
                continue;
            };
            if let (_, Some((start, end))) = check::locate(library, case, target) {
                ranges
                    .entry(paragraph.clone())
                    .or_default()
                    .push((who, start..end));
            }
        }
    }
    Density {
        total: coders.len(),
        paragraphs: ranges
            .into_iter()
            .map(|(p, marks)| (p, paragraph_density(&marks)))
            .collect(),
    }
}

/// Counts distinct authors per stretch of text, from `(author index, range)` marks.
pub fn paragraph_density(marks: &[(usize, Range<usize>)]) -> ParagraphDensity {
    let authors: HashSet<usize> = marks.iter().map(|(a, _)| *a).collect();
    let mut cuts: Vec<usize> = marks.iter().flat_map(|(_, r)| [r.start, r.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments: Vec<(Range<usize>, usize)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let count = marks
            .iter()
            .filter(|(_, r)| r.start <= a && b <= r.end)
            .map(|(who, _)| *who)
            .collect::<HashSet<_>>()
            .len();
        if count == 0 {
            continue;
        }
        match segments.last_mut() {
            Some((last, n)) if last.end == a && *n == count => last.end = b,
            _ => segments.push((a..b, count)),
        }
    }
    ParagraphDensity {
        authors: authors.len(),
        segments,
    }
}

/// The density band's hover text: "7 of 30 authors marked this paragraph".
pub fn density_text(marked: usize, total: usize) -> String {
    let noun = if total == 1 { "author" } else { "authors" };
    format!("{marked} of {total} {noun} marked this paragraph")
}

/// Every passage coded with `codes` (under `mode`, in `scope`): your own notes' passages
/// (facets, alliances and highlights) as [`retrieve::coded`] finds them, then each shown
/// layer's highlights with their author, in library order, then paragraph order. `author`
/// keeps one author's passages only ([`YOU`] for yours, facets and alliances included).
pub fn coded_by(
    library: &Library,
    mine: &NotesFile,
    layers: &[Coder<'_>],
    query: &CodedQuery<'_>,
) -> Vec<Passage> {
    let wants = |who: &str| query.author.is_none_or(|a| a == who);
    let none;
    let mine = if query.hide_mine {
        none = crate::notes::book::empty_notes(None);
        &none
    } else {
        mine
    };
    let layers: Vec<Coder<'_>> = layers
        .iter()
        .filter(|c| !(query.hide_mine && c.key == YOU))
        .copied()
        .collect();
    let mut out: Vec<Passage> = Vec::new();
    // With nobody else shown, your passages are listed as before, without a name.
    let others = layers.iter().any(|c| c.key != YOU);
    if wants(YOU) {
        out.extend(
            retrieve::coded(library, mine, query.codes, query.mode, query.scope)
                .into_iter()
                .map(|mut p| {
                    if others && p.kind == retrieve::Kind::Highlight {
                        p.author = Some(YOU.to_owned());
                    }
                    p
                }),
        );
    }
    let others: Vec<&Coder<'_>> = layers
        .iter()
        .filter(|c| c.key != YOU && wants(c.author))
        .collect();
    out.extend(layer_passages(library, mine, &others, query));
    let case_order: HashMap<&str, usize> = library
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.doc.id.as_str(), i))
        .collect();
    // Stable: within one paragraph, yours first, then the layers in their order.
    out.sort_by_cached_key(|p| {
        (
            case_order
                .get(p.case.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            paragraph_order(library, &p.case, p.paragraph.as_deref()),
        )
    });
    out
}

/// The layers' live highlights coded with the query's codes (a code's children count, by
/// the framework's codes and yours), each with its author, in no particular order.
fn layer_passages(
    library: &Library,
    mine: &NotesFile,
    coders: &[&Coder<'_>],
    query: &CodedQuery<'_>,
) -> Vec<Passage> {
    let cases: HashMap<&str, &crate::format::Case> = library
        .cases
        .iter()
        .filter(|c| query.scope.is_none_or(|s| s.contains(&c.doc.id)))
        .map(|c| (c.doc.id.as_str(), &c.doc))
        .collect();
    // Per framework: each chosen code widened to itself and the codes under it.
    let mut widened: HashMap<&str, Vec<HashSet<String>>> = HashMap::new();
    let mut out = Vec::new();
    for coder in coders {
        let live = coder
            .notes
            .items
            .iter()
            .filter(|i| !i.deleted && i.kind == ItemKind::Highlight);
        for item in live {
            let Some(case) = item.case.as_deref().and_then(|c| cases.get(c)) else {
                continue;
            };
            let wanted = widened.entry(case.framework.as_str()).or_insert_with(|| {
                let book =
                    crate::codebook::Codebook::build(library.framework(&case.framework), mine);
                query
                    .codes
                    .iter()
                    .map(|c| {
                        std::iter::once(c.clone())
                            .chain(book.descendants(c).into_iter().map(|e| e.id.clone()))
                            .collect()
                    })
                    .collect()
            });
            let hit = |set: &HashSet<String>| item.codes.iter().any(|c| set.contains(c));
            let matched = match query.mode {
                Mode::And => !wanted.is_empty() && wanted.iter().all(hit),
                Mode::Or => wanted.iter().any(hit),
            };
            if !matched {
                continue;
            }
            let target = item.target.as_ref();
            out.push(Passage {
                case: case.id.clone(),
                title: case.title.clone(),
                kind: retrieve::Kind::Highlight,
                heading: format!("Highlight by {}", coder.author),
                paragraph: target.and_then(|t| t.paragraph.clone()),
                quote: target.and_then(|t| t.exact.clone()),
                citation: None,
                codes: item.codes.clone(),
                comment: item.text.clone(),
                author: Some(coder.author.to_owned()),
                created: Some(item.created.clone()),
            });
        }
    }
    out
}

/// What [`coded_by`] retrieves.
#[derive(Debug, Clone, Copy)]
pub struct CodedQuery<'a> {
    /// Chosen codes.
    pub codes: &'a [String],
    /// All or any of them.
    pub mode: Mode,
    /// Case ids to look in (`None`: every case).
    pub scope: Option<&'a [String]>,
    /// One author only (`None`: everyone).
    pub author: Option<&'a str>,
    /// Leave your own notes out (presenting hides them, [`crate::lesson`]): only the cases'
    /// coded facets and alliances and the other authors' highlights are listed.
    pub hide_mine: bool,
}

/// Position of a paragraph in its case's reading order (`usize::MAX` when not found).
fn paragraph_order(library: &Library, case: &str, address: Option<&str>) -> usize {
    let (Some(case), Some((section, paragraph))) =
        (library.case(case), address.and_then(|a| a.split_once('/')))
    else {
        return usize::MAX;
    };
    case.sections
        .iter()
        .flat_map(|s| {
            s.paragraphs
                .iter()
                .map(move |p| (s.id.as_str(), p.id.as_str()))
        })
        .position(|(s, p)| s == section && p == paragraph)
        .unwrap_or(usize::MAX)
}

/// How a note marking a disagreement as discussed starts (recognisable in the notes panel
/// and in exports).
pub const DISCUSSED: &str = "Discussed in class:";

/// The text of the note that marks the disagreement at `paragraph` as discussed.
pub fn discussed_text(paragraph: &str, what: &str) -> String {
    format!("{DISCUSSED} ¶ {paragraph}. {what}")
}

/// True when the user's notes hold a live note on `case` marking `paragraph` discussed.
pub fn is_discussed(notes: &NotesFile, case: &str, paragraph: &str) -> bool {
    let prefix = format!("{DISCUSSED} ¶ {paragraph}.");
    notes.items.iter().any(|i| {
        !i.deleted
            && i.kind == ItemKind::Note
            && i.case.as_deref() == Some(case)
            && i.text.as_deref().is_some_and(|t| t.starts_with(&prefix))
    })
}

#[cfg(test)]
mod tests;
