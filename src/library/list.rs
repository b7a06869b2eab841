//! The library list's order: sort keys and filters over the loaded cases, as a pure function
//! of the library, the user's notes and the choices made. The facts each case is filtered on
//! are gathered once per library and notes ([`ListFacts::new`]); [`ListFacts::order`] then
//! only compares them, so it is cheap enough to redo whenever a choice changes.
//!
//! Filters of one kind (two ticked tags) match a case having any of them; filters of
//! different kinds (a tag and a region) must all match, and so must the typed text.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::format::{AllianceStatus, Case, Kind, NotesFile};
use crate::library::Library;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// The order the cases were loaded in (bundled first, then by path).
    #[default]
    Library,
    /// Title, A to Z (case-insensitive).
    Title,
    /// The first year in the period, earliest first; cases without a year last.
    Period,
    /// Region, A to Z; cases without a region last.
    Region,
    /// Number of my notes on the case, most first.
    MyNotes,
}

impl SortKey {
    /// Every sort key, in the order the picker lists them.
    pub const ALL: [SortKey; 5] = [
        Self::Library,
        Self::Title,
        Self::Period,
        Self::Region,
        Self::MyNotes,
    ];

    /// The name shown in the picker.
    pub fn label(self) -> &'static str {
        match self {
            Self::Library => "Load order",
            Self::Title => "Title",
            Self::Period => "Period",
            Self::Region => "Region",
            Self::MyNotes => "Number of my notes",
        }
    }
}

/// The user's choices: text, filters and sort. Equal choices give the same order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ListChoice {
    /// Text to find in the title, id, tags or organisations (any case).
    pub text: String,
    /// Cases with any of these tags.
    pub tags: BTreeSet<String>,
    /// Cases in any of these regions.
    pub regions: BTreeSet<String>,
    /// Cases with any of these framework codes present (a code includes its children).
    pub codes: BTreeSet<String>,
    /// Cases with an alliance of any of these types (a type includes its children).
    pub alliance_types: BTreeSet<String>,
    /// Cases with an alliance in any of these statuses.
    pub statuses: BTreeSet<&'static str>,
    /// Only cases with at least one of my notes.
    pub has_notes: bool,
    /// Sort order.
    pub sort: SortKey,
}

impl ListChoice {
    /// How many filters (besides the text) are set.
    pub fn filter_count(&self) -> usize {
        self.tags.len()
            + self.regions.len()
            + self.codes.len()
            + self.alliance_types.len()
            + self.statuses.len()
            + usize::from(self.has_notes)
    }

    /// Clears every filter and the text; keeps the sort.
    pub fn clear_filters(&mut self) {
        *self = Self {
            sort: self.sort,
            ..Self::default()
        };
    }
}

/// What one case is filtered and sorted on (its notes are counted apart, in [`ListFacts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Facts {
    /// Title, id, tags and organisations, lower-cased, joined by newlines.
    haystack: String,
    title: String,
    year: Option<i32>,
    period: String,
    region: Option<String>,
    tags: Vec<String>,
    codes: Vec<String>,
    alliance_types: Vec<String>,
    statuses: Vec<&'static str>,
}

/// The values a filter can take, each with how many cases have it (for the pickers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Tags.
    pub tags: BTreeMap<String, usize>,
    /// Regions.
    pub regions: BTreeMap<String, usize>,
    /// Framework codes present in facets and alliances.
    pub codes: BTreeMap<String, usize>,
    /// Alliance types.
    pub alliance_types: BTreeMap<String, usize>,
    /// Alliance statuses, by name.
    pub statuses: BTreeMap<&'static str, usize>,
}

/// The part of the list's facts that depends on the library alone: every case's facts and
/// the filter options. Gathered where the library is loaded (the loading thread, see
/// [`Library::prepare_list`]) and handed over with it, so the first frame after a load only
/// counts notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    facts: Vec<Facts>,
    options: Options,
    /// The case list they were gathered from (its buffer's address and length): a library
    /// whose cases were replaced since does not use them.
    cases: (usize, usize),
}

impl CaseFacts {
    /// Gathers the facts of `library`'s cases.
    pub fn new(library: &Library) -> Self {
        // The `codes` dimensions of each framework, looked up once rather than per case.
        let dims: HashMap<&str, Vec<&str>> = library
            .frameworks
            .iter()
            .map(|f| {
                let codes = f.doc.dimensions().filter(|(_, d)| d.kind == Kind::Codes);
                (
                    f.doc.id.as_str(),
                    codes.map(|(_, d)| d.id.as_str()).collect(),
                )
            })
            .collect();
        // On every core: with 10,000 cases this is the one costly step (once per library).
        let facts: Vec<Facts> = super::load::par_map(&library.cases, |e| {
            let dims = dims
                .get(e.doc.framework.as_str())
                .map_or(&[][..], Vec::as_slice);
            case_facts(&e.doc, dims)
        });
        let mut options = Options::default();
        for f in &facts {
            let add = |map: &mut BTreeMap<String, usize>, values: &[String]| {
                for v in values {
                    *map.entry(v.clone()).or_default() += 1;
                }
            };
            add(&mut options.tags, &f.tags);
            add(&mut options.regions, f.region.as_slice());
            add(&mut options.codes, &f.codes);
            add(&mut options.alliance_types, &f.alliance_types);
            for s in &f.statuses {
                *options.statuses.entry(s).or_default() += 1;
            }
        }
        Self {
            facts,
            options,
            cases: cases_key(library),
        }
    }

    /// True when these are the facts of `library`'s current case list.
    pub fn is_of(&self, library: &Library) -> bool {
        self.cases == cases_key(library)
    }
}

/// Identifies a library's case list: moving the library (into an `Arc`, over a channel)
/// keeps it; a new or cloned list has another address.
fn cases_key(library: &Library) -> (usize, usize) {
    (library.cases.as_ptr() as usize, library.cases.len())
}

/// The facts of every case of a library, in library order, with the user's notes counted per
/// case, and the filter options.
#[derive(Debug, Clone, Default)]
pub struct ListFacts {
    cases: std::sync::Arc<CaseFacts>,
    notes: Vec<usize>,
}

impl ListFacts {
    /// The facts of `library`'s cases (those gathered at load when it has them, else gathered
    /// now); `notes` are the user's notes (counted per case).
    pub fn new(library: &Library, notes: &NotesFile) -> Self {
        let cases = library
            .list_facts()
            .unwrap_or_else(|| std::sync::Arc::new(CaseFacts::new(library)));
        let mut out = Self {
            cases,
            notes: Vec::new(),
        };
        out.set_notes(library, notes);
        out
    }

    /// The library's part of the facts (shared, not copied).
    pub fn case_facts(&self) -> &std::sync::Arc<CaseFacts> {
        &self.cases
    }

    /// What the filters can be set to.
    pub fn options(&self) -> &Options {
        &self.cases.options
    }

    /// Counts the notes per case again (after a notes edit), keeping the rest: `library`
    /// must be the one the facts were gathered from.
    pub fn set_notes(&mut self, library: &Library, notes: &NotesFile) {
        let counts = note_counts(notes);
        self.notes = library
            .cases
            .iter()
            .map(|e| counts.get(e.doc.id.as_str()).copied().unwrap_or(0))
            .collect();
    }

    /// Number of cases.
    pub fn len(&self) -> usize {
        self.cases.facts.len()
    }

    /// True when there are no cases.
    pub fn is_empty(&self) -> bool {
        self.cases.facts.is_empty()
    }

    /// The positions (in the library's case list) of the cases `choice` keeps, in its order.
    /// Ties keep library order.
    pub fn order(&self, choice: &ListChoice) -> Vec<usize> {
        let needle = choice.text.trim().to_lowercase();
        let f = &self.cases.facts;
        let mut kept: Vec<usize> = (0..f.len())
            .filter(|&i| keeps(&f[i], self.notes(i), choice, &needle))
            .collect();
        match choice.sort {
            SortKey::Library => {}
            SortKey::Title => kept.sort_by(|&a, &b| f[a].title.cmp(&f[b].title)),
            SortKey::Period => kept.sort_by(|&a, &b| {
                last_if_none(f[a].year, f[b].year).then_with(|| f[a].period.cmp(&f[b].period))
            }),
            SortKey::Region => {
                kept.sort_by(|&a, &b| last_if_none(f[a].region.as_ref(), f[b].region.as_ref()));
            }
            SortKey::MyNotes => kept.sort_by_key(|&i| std::cmp::Reverse(self.notes(i))),
        }
        kept
    }

    /// Number of my notes on the case at `position`.
    pub fn notes(&self, position: usize) -> usize {
        self.notes.get(position).copied().unwrap_or(0)
    }
}

impl Library {
    /// Gathers the list's facts of the cases now ([`CaseFacts`]), for a loading thread to
    /// hand over with the library.
    pub fn prepare_list(&mut self) {
        self.list_facts = Some(std::sync::Arc::new(CaseFacts::new(self)));
    }

    /// The list's facts gathered by [`Library::prepare_list`], when they are of the cases the
    /// library holds now.
    pub fn list_facts(&self) -> Option<std::sync::Arc<CaseFacts>> {
        self.list_facts.clone().filter(|f| f.is_of(self))
    }
}

/// Live notes per case id.
fn note_counts(notes: &NotesFile) -> HashMap<&str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for item in notes.items.iter().filter(|i| !i.deleted) {
        if let Some(case) = &item.case {
            *counts.entry(case.as_str()).or_default() += 1;
        }
    }
    counts
}

/// Some before None, then ascending.
fn last_if_none<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// True when `code` is `wanted` or one of its children (dotted ids).
fn under(code: &str, wanted: &str) -> bool {
    code.strip_prefix(wanted)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// True when any of `values` is under any of `wanted` (or nothing is wanted).
fn any_under(values: &[String], wanted: &BTreeSet<String>) -> bool {
    wanted.is_empty() || values.iter().any(|v| wanted.iter().any(|w| under(v, w)))
}

fn keeps(f: &Facts, notes: usize, c: &ListChoice, needle: &str) -> bool {
    (needle.is_empty() || f.haystack.contains(needle))
        && (c.tags.is_empty() || f.tags.iter().any(|t| c.tags.contains(t)))
        && (c.regions.is_empty() || f.region.as_ref().is_some_and(|r| c.regions.contains(r)))
        && any_under(&f.codes, &c.codes)
        && any_under(&f.alliance_types, &c.alliance_types)
        && (c.statuses.is_empty() || f.statuses.iter().any(|s| c.statuses.contains(s)))
        && (!c.has_notes || notes > 0)
}

/// The first four-digit number in `period`, read as a year.
pub fn first_year(period: &str) -> Option<i32> {
    let bytes = period.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = &bytes[i..i + 4];
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (bounded && digits.iter().all(u8::is_ascii_digit))
            .then(|| period[i..i + 4].parse().ok())
            .flatten()
    })
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The facts of one case; `dims` are its framework's dimensions of kind `codes`.
fn case_facts(case: &Case, dims: &[&str]) -> Facts {
    let meta = &case.meta;
    let mut haystack = format!("{}\n{}", case.title, case.id);
    for s in meta.tags.iter().chain(&meta.organisations) {
        haystack.push('\n');
        haystack.push_str(s);
    }
    let mut codes: Vec<String> = Vec::new();
    for dim in dims {
        if let Some(serde_json::Value::Array(items)) =
            case.facets.get(*dim).and_then(|f| f.value.as_ref())
        {
            codes.extend(items.iter().filter_map(|v| v.as_str().map(str::to_owned)));
        }
    }
    for a in &case.alliances {
        codes.extend(
            a.types
                .iter()
                .chain(&a.rationale)
                .map(std::string::ToString::to_string),
        );
        codes.extend(a.phase.as_deref().map(str::to_owned));
    }
    let period = meta.period.clone().unwrap_or_default();
    Facts {
        haystack: haystack.to_lowercase(),
        title: case.title.to_lowercase(),
        year: first_year(&period),
        period,
        region: meta.region.clone().filter(|r| !r.trim().is_empty()),
        tags: sorted(meta.tags.clone()),
        codes: sorted(codes),
        alliance_types: sorted(
            case.alliances
                .iter()
                .flat_map(|a| a.types.iter().map(std::string::ToString::to_string))
                .collect(),
        ),
        statuses: {
            let mut s: Vec<&'static str> = case
                .alliances
                .iter()
                .map(|a| AllianceStatus::as_str(a.status))
                .collect();
            s.sort_unstable();
            s.dedup();
            s
        },
    }
}

#[cfg(test)]
mod tests;
