//! Search over a library and a notes file: titles, meta, paragraphs, facet values and unknown
//! reasons, alliances, questions, and the user's highlight comments, notes and memos.
//!
//! [`Index::build`] folds every text once (see [`mod@fold`]) and lists its words against one
//! vocabulary; [`Index::search`] matches a [`Query`]'s words against the vocabulary (exact
//! substring, or a typo-tolerant prefix), then walks the entries' word lists, so a query costs
//! one pass over word ids rather than an edit distance per word of the corpus. A quoted phrase
//! is found by substring search in the folded text. Every hit carries the matched character
//! range of the original text (the raw paragraph text for paragraphs) and a snippet.

pub mod coded;
pub mod fold;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::format::{Case, ItemKind, NotesFile};
use crate::library::Library;

use fold::{Folded, allowed_typos, fold, prefix_distance};

/// Where in a case a text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// The case's title.
    Title,
    /// The case's subtitle.
    Subtitle,
    /// A metadata field (`organisations`, `period`, `region`, `industry`, `tags`, `authors`,
    /// `license`, `sources`).
    Meta {
        /// The field.
        field: String,
    },
    /// A paragraph of the narrative.
    Paragraph {
        /// Section id.
        section: crate::format::Id,
        /// Paragraph id.
        paragraph: crate::format::Id,
    },
    /// A facet's value or its unknown reason.
    Facet {
        /// The dimension.
        dimension: crate::format::Id,
    },
    /// An alliance's partner or summary.
    Alliance {
        /// Alliance id.
        id: crate::format::Id,
    },
    /// A question.
    Question {
        /// Question id.
        id: crate::format::Id,
    },
    /// A highlight's comment, a note or a memo of the notes file.
    Note {
        /// Item id.
        item: String,
    },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Title => write!(f, "title"),
            Place::Subtitle => write!(f, "subtitle"),
            Place::Meta { field } => write!(f, "meta:{field}"),
            Place::Paragraph { section, paragraph } => write!(f, "¶{section}/{paragraph}"),
            Place::Facet { dimension } => write!(f, "facet:{dimension}"),
            Place::Alliance { id } => write!(f, "alliance:{id}"),
            Place::Question { id } => write!(f, "question:{id}"),
            Place::Note { item } => write!(f, "note:{item}"),
        }
    }
}

/// One searchable text.
#[derive(Debug)]
struct Entry {
    case: usize,
    place: Place,
    text: String,
    folded: Folded,
    /// (word id, byte offset of the word in the folded text).
    words: Vec<(u32, u32)>,
}

/// Everything searchable of a library (and a notes file), folded once.
#[derive(Debug, Default)]
pub struct Index {
    cases: Vec<(String, String)>,
    entries: Vec<Entry>,
    vocabulary: Vec<(String, Box<[char]>)>,
    /// For each vocabulary word, the entries holding it, in order.
    postings: Vec<Vec<u32>>,
}

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A folded word, matched with typo tolerance.
    Word(String),
    /// A folded phrase, matched exactly.
    Phrase(String),
}

/// A parsed query: every term must match within one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The terms.
    pub terms: Vec<Term>,
}

impl Query {
    /// Parses `"quoted phrases"` and words (an unclosed quote runs to the end); `None` when
    /// nothing is left to search for.
    pub fn parse(input: &str) -> Option<Query> {
        let mut terms = Vec::new();
        for (i, part) in input.split('"').enumerate() {
            let folded = fold(part);
            if i % 2 == 1 {
                let phrase = folded.trim();
                if !phrase.is_empty() {
                    terms.push(Term::Phrase(phrase.to_owned()));
                }
            } else {
                terms.extend(words(&folded).map(|(_, w)| Term::Word(w.to_owned())));
            }
        }
        (!terms.is_empty()).then_some(Query { terms })
    }
}

/// The alphanumeric runs of folded text with their byte offsets.
fn words(folded: &str) -> impl Iterator<Item = (usize, &str)> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - folded.as_ptr() as usize, w))
}

/// A snippet of text around a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// About 60 characters around the match, on one line, `…` where cut.
    pub text: String,
    /// The match, in characters of `text`.
    pub mark: Range<usize>,
}

/// One entry that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Where it is.
    pub place: Place,
    /// The first match, in characters of the original text.
    pub range: Range<usize>,
    /// Every match of every term, in characters of the original text, in order.
    pub matches: Vec<Range<usize>>,
    /// Context around `range`.
    pub snippet: Snippet,
}

/// The hits of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseHits {
    /// Case id.
    pub case: String,
    /// Case title.
    pub title: String,
    /// Hits in the order of the case (title, meta, paragraphs, …, notes).
    pub hits: Vec<Hit>,
}

/// How a vocabulary word matches a query word: byte offset and length in the word.
type WordMatch = Option<(u32, u32)>;

impl Index {
    /// Indexes every case of `library` in its order, and the live items of `notes` on them.
    pub fn build(library: &Library, notes: Option<&NotesFile>) -> Index {
        let mut builder = Builder::default();
        let mut by_id = HashMap::new();
        for (i, case) in library.cases.iter().enumerate() {
            builder.case(i, &case.doc);
            by_id.insert(case.doc.id.as_str(), i);
        }
        if let Some(notes) = notes {
            for item in notes.items.iter().filter(|i| !i.deleted) {
                let Some(&case) = item.case.as_deref().and_then(|c| by_id.get(c)) else {
                    continue;
                };
                let place = Place::Note {
                    item: item.id.clone(),
                };
                if item.kind != ItemKind::Highlight {
                    builder.add(case, place.clone(), item.title.as_deref());
                }
                builder.add(case, place, item.text.as_deref());
            }
        }
        builder.entries.sort_by_key(|e| e.case);
        let mut postings = vec![Vec::new(); builder.vocabulary.len()];
        for (e, entry) in builder.entries.iter().enumerate() {
            for &(id, _) in &entry.words {
                let list: &mut Vec<u32> = &mut postings[id as usize];
                if list.last() != Some(&(e as u32)) {
                    list.push(e as u32);
                }
            }
        }
        Index {
            postings,
            cases: library
                .cases
                .iter()
                .map(|c| (c.doc.id.clone(), c.doc.title.clone()))
                .collect(),
            entries: builder.entries,
            vocabulary: builder.vocabulary,
        }
    }

    /// Number of indexed texts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The hits of `query`, grouped by case in library order.
    pub fn search(&self, query: &Query) -> Vec<CaseHits> {
        // Per term, how each vocabulary word matches: a word term's own matches; for a phrase,
        // the words containing its longest word, without which an entry cannot hold it.
        let filters: Vec<Option<Vec<WordMatch>>> = query
            .terms
            .iter()
            .map(|term| match term {
                Term::Word(w) => Some(self.match_vocabulary(w, true)),
                Term::Phrase(p) => words(p)
                    .map(|(_, w)| w)
                    .max_by_key(|w| w.len())
                    .map(|w| self.match_vocabulary(w, false)),
            })
            .collect();
        let mut out: Vec<CaseHits> = Vec::new();
        // One list of an entry's matches, reused: a common word visits thousands of entries.
        let mut found = Vec::new();
        for entry in self.candidates(&filters).map(|e| &self.entries[e]) {
            let Some(hit) = entry_hit(entry, query, &filters, &mut found) else {
                continue;
            };
            if out
                .last()
                .is_none_or(|c| c.case != self.cases[entry.case].0)
            {
                let (id, title) = &self.cases[entry.case];
                out.push(CaseHits {
                    case: id.clone(),
                    title: title.clone(),
                    hits: Vec::new(),
                });
            }
            if let Some(last) = out.last_mut() {
                last.hits.push(hit);
            }
        }
        out
    }

    /// The entries that can match: those holding a word of the term whose matching words
    /// occur in the fewest entries (every entry when no term narrows it).
    fn candidates(&self, filters: &[Option<Vec<WordMatch>>]) -> Box<dyn Iterator<Item = usize>> {
        let narrowest = filters
            .iter()
            .flatten()
            .map(|f| {
                let ids: Vec<usize> = (0..f.len()).filter(|&i| f[i].is_some()).collect();
                let total: usize = ids.iter().map(|&i| self.postings[i].len()).sum();
                (total, ids)
            })
            .min_by_key(|(total, _)| *total);
        let Some((_, ids)) = narrowest else {
            return Box::new(0..self.entries.len());
        };
        let mut entries: Vec<usize> = ids
            .iter()
            .flat_map(|&i| self.postings[i].iter().map(|&e| e as usize))
            .collect();
        entries.sort_unstable();
        entries.dedup();
        Box::new(entries.into_iter())
    }

    /// For every vocabulary word, where (if at all) it matches the folded query word `w`
    /// (with typos if `fuzzy`).
    fn match_vocabulary(&self, w: &str, fuzzy: bool) -> Vec<WordMatch> {
        let q: Vec<char> = w.chars().collect();
        let max = if fuzzy { allowed_typos(q.len()) } else { 0 };
        self.vocabulary
            .iter()
            .map(|(s, word)| {
                if let Some(at) = s.find(w) {
                    return Some((at as u32, w.len() as u32));
                }
                if max == 0 {
                    return None;
                }
                let (_, chars) = prefix_distance(&q, word, max)?;
                let bytes: usize = word[..chars].iter().map(|c| c.len_utf8()).sum();
                Some((0, bytes as u32))
            })
            .collect()
    }
}

/// The hit of `entry` if every term of `query` matches in it.
fn entry_hit(
    entry: &Entry,
    query: &Query,
    filters: &[Option<Vec<WordMatch>>],
    found: &mut Vec<(usize, usize)>,
) -> Option<Hit> {
    found.clear();
    for (term, filter) in query.terms.iter().zip(filters) {
        let before = found.len();
        let matched = |&(id, at): &(u32, u32)| {
            let m = filter.as_ref().map_or(Some((0, 0)), |f| f[id as usize]);
            m.map(|(off, len)| (at as usize + off as usize, len as usize))
        };
        match term {
            Term::Phrase(p) => {
                if filter.is_some() && !entry.words.iter().any(|w| matched(w).is_some()) {
                    return None;
                }
                let text = &entry.folded.text;
                found.extend(
                    text.match_indices(p.as_str())
                        .map(|(at, m)| (at, at + m.len())),
                );
            }
            Term::Word(_) => found.extend(
                entry
                    .words
                    .iter()
                    .filter_map(matched)
                    .map(|(start, len)| (start, start + len)),
            ),
        }
        if found.len() == before {
            return None;
        }
    }
    found.sort_unstable();
    found.dedup();
    let matches: Vec<Range<usize>> = found
        .iter()
        .map(|&(s, e)| entry.folded.original_range(s, e))
        .collect();
    let range = matches.first()?.clone();
    Some(Hit {
        place: entry.place.clone(),
        snippet: snippet(&entry.text, &range),
        range,
        matches,
    })
}

/// About 60 characters of `text` around `range` (in characters), on one line.
pub fn snippet(text: &str, range: &Range<usize>) -> Snippet {
    const CONTEXT: usize = 30;
    let from = range.start.saturating_sub(CONTEXT);
    let to = range.end + CONTEXT;
    let mut rest = text.chars().skip(from);
    // Room for the context and two ellipses, most of it ASCII.
    let mut out = String::with_capacity(to - from + 6);
    let mut offset = 0;
    if from > 0 {
        out.push('…');
        offset = 1;
    }
    out.extend(
        rest.by_ref()
            .take(to - from)
            .map(|c| if c.is_whitespace() { ' ' } else { c }),
    );
    if rest.next().is_some() {
        out.push('…');
    }
    Snippet {
        text: out,
        mark: range.start - from + offset..range.end - from + offset,
    }
}

/// Collects entries and the vocabulary.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    vocabulary: Vec<(String, Box<[char]>)>,
    ids: HashMap<String, u32>,
}

impl Builder {
    /// Adds the searchable texts of `case`.
    fn case(&mut self, i: usize, case: &Case) {
        self.add(i, Place::Title, Some(&case.title));
        self.add(i, Place::Subtitle, case.subtitle.as_deref());
        let m = &case.meta;
        let meta = |f: &str| Place::Meta { field: f.into() };
        for (field, values) in [
            ("organisations", &m.organisations),
            ("tags", &m.tags),
            ("authors", &m.authors),
        ] {
            for v in values {
                self.add(i, meta(field), Some(v));
            }
        }
        for (field, value) in [
            ("period", &m.period),
            ("region", &m.region),
            ("industry", &m.industry),
            ("license", &m.license),
        ] {
            self.add(i, meta(field), value.as_deref());
        }
        for s in &m.sources {
            self.add(i, meta("sources"), Some(&s.citation));
        }
        for section in &case.sections {
            for p in &section.paragraphs {
                let place = Place::Paragraph {
                    section: section.id.clone(),
                    paragraph: p.id.clone(),
                };
                self.add(i, place, Some(&p.text));
            }
        }
        self.case_rest(i, case);
    }

    /// Adds facets, alliances and questions of `case`.
    fn case_rest(&mut self, i: usize, case: &Case) {
        for (dimension, facet) in &case.facets {
            let place = || Place::Facet {
                dimension: dimension.clone(),
            };
            if let Some(v) = &facet.value {
                self.add(i, place(), Some(&value_text(v)));
            }
            self.add(i, place(), facet.unknown.as_deref());
        }
        for a in &case.alliances {
            let place = || Place::Alliance { id: a.id.clone() };
            self.add(i, place(), Some(&a.partner));
            self.add(i, place(), a.summary.as_deref());
        }
        for q in &case.questions {
            self.add(i, Place::Question { id: q.id.clone() }, Some(&q.text));
        }
    }

    /// Adds one text, if any.
    fn add(&mut self, case: usize, place: Place, text: Option<&str>) {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return;
        };
        let folded = Folded::new(text);
        let words = words(&folded.text)
            .map(|(at, w)| (self.word_id(w), at as u32))
            .collect();
        self.entries.push(Entry {
            case,
            place,
            text: text.to_owned(),
            folded,
            words,
        });
    }

    fn word_id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.vocabulary.len() as u32;
        self.vocabulary.push((w.to_owned(), w.chars().collect()));
        self.ids.insert(w.to_owned(), id);
        id
    }
}

/// A facet value as text: strings as they are, lists joined with `; `, anything else as JSON.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(value_text).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}
