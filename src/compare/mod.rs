//! The comparison model: cases of one framework side by side, one row per dimension.
//!
//! The GUI, the CLI and the exports all read this one model, so "equal", "shared" and
//! "different" mean the same thing everywhere.

pub mod alliances;
pub mod matrix;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::format::{Case, Evidence, Framework, ItemKind, Kind, NotesFile};

/// Errors building a comparison.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CompareError {
    /// Fewer than one case.
    #[error("choose at least one case to compare")]
    NoCases,
    /// Cases follow different frameworks.
    #[error(
        "cases follow different frameworks: \"{first}\" uses \"{first_framework}\" but \"{other}\" uses \"{other_framework}\"; only cases of one framework can be compared"
    )]
    MixedFrameworks {
        /// First case id.
        first: String,
        /// Its framework.
        first_framework: String,
        /// The case that differs.
        other: String,
        /// Its framework.
        other_framework: String,
    },
    /// The framework is not loaded.
    #[error("framework \"{0}\" is not loaded")]
    UnknownFramework(String),
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellState {
    /// A value with evidence.
    Value,
    /// Explicitly unknown, with a reason.
    Unknown,
    /// The case does not mention the dimension.
    NotCovered,
}

/// How the cells of a row relate. Only known values are compared: *unknown* and *not
/// covered* say the material is silent, never that two cases differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Every case has a value and all values are equal.
    Same,
    /// Two or more cases have values; some share a value or item, but not all are equal.
    PartlyShared,
    /// Two or more cases have values and no two of them share anything.
    Different,
    /// Some cases have a value, the others are silent, and the known values do not differ.
    KnownForSome,
    /// No case has a value.
    UnknownForAll,
}

impl Relation {
    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::PartlyShared => "partly shared",
            Self::Different => "different",
            Self::KnownForSome => "known for only some",
            Self::UnknownForAll => "unknown for all",
        }
    }

    /// True when the known values differ (what "differences only" keeps).
    pub fn is_difference(self) -> bool {
        matches!(self, Self::PartlyShared | Self::Different)
    }
}

/// Which rows a comparison shows: the one filter of the compare view, the CLI and exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowFilter {
    /// Only rows whose known values differ.
    pub differences_only: bool,
    /// With `differences_only`, also rows known for only some cases.
    pub with_partly_known: bool,
}

impl RowFilter {
    /// True when `row` is shown.
    pub fn keeps(self, row: &Row) -> bool {
        !self.differences_only
            || row.relation.is_difference()
            || (self.with_partly_known && row.relation == Relation::KnownForSome)
    }
}

/// Most cases a comparison shows side by side (the view, the CLI and exports alike).
pub const MAX_COMPARE: usize = 8;

/// Errors choosing the cases of a comparison.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SelectError {
    /// No case id was given.
    #[error("choose at least one case to compare")]
    NoCases,
    /// More ids than [`MAX_COMPARE`].
    #[error("at most {MAX_COMPARE} cases can be compared side by side; {0} were chosen")]
    TooMany(usize),
    /// An id names no loaded case.
    #[error("no case with id \"{id}\" (loaded: {loaded})")]
    UnknownCase {
        /// The id asked for.
        id: String,
        /// Ids that are loaded, comma-separated.
        loaded: String,
    },
    /// The same case twice.
    #[error("case \"{0}\" is chosen twice")]
    Duplicate(String),
    /// The cases cannot be compared (frameworks).
    #[error(transparent)]
    Compare(#[from] CompareError),
}

/// Turns chosen case ids into a comparison: the one rule set behind the compare view,
/// `caselens compare` and the exports (limit, unknown ids, duplicates, frameworks).
pub fn compare_ids(
    library: &crate::library::Library,
    ids: &[String],
    notes: Option<&NotesFile>,
) -> Result<Comparison, SelectError> {
    if ids.is_empty() {
        return Err(SelectError::NoCases);
    }
    if ids.len() > MAX_COMPARE {
        return Err(SelectError::TooMany(ids.len()));
    }
    let mut cases = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(SelectError::Duplicate(id.clone()));
        }
        let case = library.case(id).ok_or_else(|| SelectError::UnknownCase {
            id: id.clone(),
            loaded: library
                .cases
                .iter()
                .map(|c| c.doc.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
        cases.push(case);
    }
    let fw_id = &cases[0].framework;
    let framework = library
        .framework(fw_id)
        .ok_or_else(|| CompareError::UnknownFramework(fw_id.clone()))?;
    Ok(compare(framework, &cases, notes)?)
}

/// One item of a cell (a list entry, a code, or the single scalar value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellItem {
    /// Text shown (for codes, the code id; the UI looks up label and colour).
    pub text: String,
    /// True when another case of the row has the same item.
    pub shared: bool,
}

/// One case's cell in a row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Case id.
    pub case: String,
    /// Value, unknown or not covered.
    pub state: CellState,
    /// The raw value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Why it is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// Items with their sharing marks (empty unless `state` is `Value`).
    pub items: Vec<CellItem>,
    /// Evidence for the value.
    pub evidence: Vec<Evidence>,
    /// Number of the user's (not deleted) notes on this cell.
    pub notes: usize,
    /// Those notes, oldest first.
    pub note_items: Vec<CellNote>,
    /// True when the value rests only on sources whose citation says "unconfirmed".
    pub unconfirmed: bool,
}

/// One of the user's notes on a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellNote {
    /// Item id in the notes file.
    pub id: String,
    /// The note.
    pub text: String,
}

/// One dimension across the cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Dimension id.
    pub dimension: String,
    /// Dimension label.
    pub label: String,
    /// Group id.
    pub group: String,
    /// Value kind.
    #[serde(skip)]
    pub kind: Kind,
    /// How the cells relate.
    pub relation: Relation,
    /// How many cases have a value.
    pub known: usize,
    /// One cell per case, in case order.
    pub cells: Vec<Cell>,
}

/// A group of rows, as the framework groups them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRows {
    /// Group id.
    pub id: String,
    /// Group title.
    pub title: String,
    /// Rows in framework order.
    pub rows: Vec<Row>,
}

/// A case column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Case id.
    pub id: String,
    /// Case title.
    pub title: String,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Framework id.
    pub framework: String,
    /// Case columns, in the order asked for.
    pub cases: Vec<Column>,
    /// Rows by group.
    pub groups: Vec<GroupRows>,
}

impl Comparison {
    /// Every row in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }
}

/// Builds the comparison of `cases` (all of `framework`), with the user's cell notes if given.
pub fn compare(
    framework: &Framework,
    cases: &[&Case],
    notes: Option<&NotesFile>,
) -> Result<Comparison, CompareError> {
    let first = cases.first().ok_or(CompareError::NoCases)?;
    for c in cases {
        if c.framework != first.framework {
            return Err(CompareError::MixedFrameworks {
                first: first.id.clone(),
                first_framework: first.framework.clone(),
                other: c.id.clone(),
                other_framework: c.framework.clone(),
            });
        }
    }
    if first.framework != framework.id {
        return Err(CompareError::UnknownFramework(first.framework.clone()));
    }
    let notes = notes.map(|n| cell_notes(n, cases)).unwrap_or_default();
    let groups = framework
        .groups
        .iter()
        .map(|g| GroupRows {
            id: g.id.clone(),
            title: g.title.clone(),
            rows: g
                .dimensions
                .iter()
                .map(|d| row(&g.id, d, cases, &notes))
                .collect(),
        })
        .collect();
    Ok(Comparison {
        framework: framework.id.clone(),
        cases: cases
            .iter()
            .map(|c| Column {
                id: c.id.clone(),
                title: c.title.clone(),
            })
            .collect(),
        groups,
    })
}

/// The user's live notes on the cells of `cases`, by case and dimension, oldest first: one
/// pass over the items (a pass per cell went through 10,000 highlights a hundred times for
/// three cases, most of the frame that showed the comparison).
fn cell_notes<'a>(
    notes: &'a NotesFile,
    cases: &[&Case],
) -> HashMap<(&'a str, &'a str), Vec<CellNote>> {
    let mut by_cell: HashMap<(&str, &str), Vec<CellNote>> = HashMap::new();
    for it in &notes.items {
        if it.deleted || it.kind != ItemKind::Note {
            continue;
        }
        let (Some(case), Some(dimension)) = (
            it.case.as_deref(),
            it.target.as_ref().and_then(|t| t.dimension.as_deref()),
        ) else {
            continue;
        };
        if !cases.iter().any(|c| c.id == case) {
            continue;
        }
        by_cell
            .entry((case, dimension))
            .or_default()
            .push(CellNote {
                id: it.id.clone(),
                text: it.text.clone().unwrap_or_default(),
            });
    }
    by_cell
}

fn row(
    group: &str,
    dim: &crate::format::Dimension,
    cases: &[&Case],
    notes: &HashMap<(&str, &str), Vec<CellNote>>,
) -> Row {
    let keys: Vec<Option<BTreeSet<String>>> = cases
        .iter()
        .map(|c| {
            c.facets
                .get(dim.id.as_str())
                .filter(|f| f.value.is_some())
                .map(|f| {
                    facet_items(dim.kind, f)
                        .iter()
                        .map(|t| normalise(dim.kind, t))
                        .collect()
                })
        })
        .collect();
    let mut cells = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        let facet = case.facets.get(dim.id.as_str());
        let note_items = notes
            .get(&(case.id.as_str(), dim.id.as_str()))
            .cloned()
            .unwrap_or_default();
        let (state, items) = match (facet, &keys[i]) {
            (Some(f), Some(_)) => {
                let shown = facet_items(dim.kind, f);
                let items = shown
                    .into_iter()
                    .map(|text| {
                        let key = normalise(dim.kind, &text);
                        let shared = keys.iter().enumerate().any(|(j, other)| {
                            j != i && other.as_ref().is_some_and(|o| o.contains(&key))
                        });
                        CellItem { text, shared }
                    })
                    .collect();
                (CellState::Value, items)
            }
            (Some(f), None) if f.unknown.is_some() => (CellState::Unknown, Vec::new()),
            _ => (CellState::NotCovered, Vec::new()),
        };
        cells.push(Cell {
            case: case.id.clone(),
            state,
            value: facet.and_then(|f| f.value.clone()),
            unknown: facet.and_then(|f| f.unknown.clone()),
            items,
            evidence: facet.map(|f| f.evidence.clone()).unwrap_or_default(),
            notes: note_items.len(),
            note_items,
            unconfirmed: state == CellState::Value
                && facet.is_some_and(|f| {
                    f.evidence.iter().all(|e| {
                        e.source
                            .as_deref()
                            .and_then(|s| case.source(s))
                            .is_some_and(crate::format::Source::is_unconfirmed)
                    })
                }),
        });
    }
    Row {
        dimension: dim.id.clone(),
        label: dim.label.clone(),
        group: group.to_owned(),
        kind: dim.kind,
        relation: relation(&keys),
        known: keys.iter().flatten().count(),
        cells,
    }
}

/// The relation of a row from each case's comparable keys (`None`: no value). Silent cases
/// are left out of the comparison, so a value against *unknown* is never "different".
pub fn relation(keys: &[Option<BTreeSet<String>>]) -> Relation {
    let values: Vec<&BTreeSet<String>> = keys.iter().flatten().collect();
    if values.is_empty() {
        return Relation::UnknownForAll;
    }
    if values.windows(2).all(|w| w[0] == w[1]) {
        return if values.len() == keys.len() {
            Relation::Same
        } else {
            Relation::KnownForSome
        };
    }
    let any_shared = values.iter().enumerate().any(|(i, a)| {
        values
            .iter()
            .skip(i + 1)
            .any(|b| !a.is_disjoint(b) || (a.is_empty() && b.is_empty()))
    });
    if any_shared {
        Relation::PartlyShared
    } else {
        Relation::Different
    }
}

/// Items of a facet's value as shown to the user, a bound in words before the number
/// ("at least 100"): a bound is never equal to an exact value.
pub fn facet_items(kind: Kind, facet: &crate::format::Facet) -> Vec<String> {
    let items = value_items(kind, facet.value.as_ref().unwrap_or(&Value::Null));
    match facet.bound {
        Some(bound) => items
            .into_iter()
            .map(|i| format!("{} {i}", bound.words()))
            .collect(),
        None => items,
    }
}

/// Items of a value as shown to the user.
pub fn value_items(kind: Kind, value: &Value) -> Vec<String> {
    match (kind, value) {
        (Kind::List | Kind::Codes, Value::Array(items)) => items.iter().map(scalar_text).collect(),
        (Kind::Bool, Value::Bool(b)) => vec![if *b { "yes".into() } else { "no".into() }],
        (_, v) => vec![scalar_text(v)],
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Comparable keys of a value: sets for lists and codes, one key for scalars.
pub fn value_keys(kind: Kind, value: &Value) -> BTreeSet<String> {
    value_items(kind, value)
        .iter()
        .map(|t| normalise(kind, t))
        .collect()
}

/// Text after trimming and case folding; numbers by value; codes exactly.
fn normalise(kind: Kind, text: &str) -> String {
    match kind {
        Kind::Codes => text.to_owned(),
        Kind::Number | Kind::Year => text
            .parse::<f64>()
            .map_or_else(|_| text.to_owned(), |n| format!("{n}")),
        _ => text.trim().to_lowercase(),
    }
}

#[cfg(test)]
mod tests;
