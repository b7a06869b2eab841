//! A [`Document`] as a draft case (FORMAT.md section 1) that is valid as it stands: the
//! document's sections and paragraphs, its title and authors, the file itself as the one
//! source, and no facets, alliances or questions: every dimension of the framework is "not
//! covered" (absent), for the author to fill in.
//!
//! Ids are stable: the same document gives the same ids. The case id and section ids are made
//! from titles (lower case ASCII letters and digits, accents taken off, anything else a `-`, at
//! most 64 characters); a repeated section id gets `-2`, `-3`...; paragraphs are `p1`, `p2`...
//! in each section. The date is not turned into a `period` (a document's date is not the period
//! its case covers); it goes in the source's citation.

use std::collections::{BTreeMap, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization as _;

use super::Document;
use crate::format::case::CASE_FORMAT;
use crate::format::{Case, Meta, Paragraph, Section, Source, is_valid_id};

/// The framework a draft follows unless told otherwise: the bundled one.
pub const DEFAULT_FRAMEWORK: &str = "asp-alliances";

/// The id of the source that stands for the document itself.
pub const DOCUMENT_SOURCE_ID: &str = "document";

/// Choices for [`draft_case`].
#[derive(Debug, Clone, Copy)]
pub struct DraftOptions<'a> {
    /// Id of the framework the case follows.
    pub framework: &'a str,
    /// The case id; `None`: made from the title.
    pub case_id: Option<&'a str>,
}

impl Default for DraftOptions<'_> {
    fn default() -> Self {
        Self {
            framework: DEFAULT_FRAMEWORK,
            case_id: None,
        }
    }
}

/// Why a draft could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The id given is not a valid case id.
    #[error(
        "\"{0}\" is not a valid case id: use 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
    )]
    BadId(String),
}

/// The draft case of a document.
pub fn draft_case(doc: &Document, options: &DraftOptions<'_>) -> Result<Case, DraftError> {
    let id = match options.case_id {
        Some(id) if is_valid_id(id) => id.to_owned(),
        Some(id) => return Err(DraftError::BadId(id.to_owned())),
        None => {
            let stem = doc.file_name.rsplit_once('.').map_or("", |(stem, _)| stem);
            [slug(&doc.title), slug(stem)]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_else(|| "case".to_owned())
        }
    };
    let mut ids = Ids::default();
    let sections = doc
        .sections
        .iter()
        .map(|s| Section {
            id: ids.unique(&slug(&s.title), "section").into(),
            title: s.title.clone(),
            paragraphs: s
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, text)| Paragraph {
                    id: compact_str::format_compact!("p{}", i + 1),
                    text: text.clone(),
                })
                .collect(),
        })
        .collect();
    let citation = format!(
        "{}, {}, {}",
        doc.file_name,
        doc.title,
        doc.date.as_deref().unwrap_or("date not given")
    );
    Ok(Case {
        schema: None,
        format: CASE_FORMAT.to_owned(),
        id,
        title: doc.title.clone(),
        subtitle: None,
        framework: options.framework.to_owned(),
        meta: Meta {
            organisations: Vec::new(),
            period: None,
            region: None,
            industry: None,
            tags: Vec::new(),
            authors: doc.authors.clone(),
            license: None,
            sources: vec![Source {
                id: DOCUMENT_SOURCE_ID.into(),
                citation,
                url: None,
            }],
        },
        sections,
        facets: BTreeMap::new(),
        alliances: Vec::new(),
        questions: Vec::new(),
        extensions: BTreeMap::new(),
    })
}

/// Most characters in an id.
const MAX_ID: usize = 64;

/// An id made from text: ASCII letters (accents removed) and digits in lower case, other runs
/// as one `-`, no `-` at either end, at most 64 characters. Empty when nothing is left.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_ID {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // The accent of a decomposed letter.
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(MAX_ID);
    out.trim_end_matches('-').to_owned()
}

/// Ids handed out, and for each base the next suffix to try (so a title used a thousand
/// times does not retry `-2`, `-3`... each time).
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base` (or `fallback` when empty), made unique with `-2`, `-3`...
    fn unique(&mut self, base: &str, fallback: &str) -> String {
        let base = if base.is_empty() { fallback } else { base };
        let mut candidate = base.to_owned();
        let mut n = self.next.get(base).copied().unwrap_or(2);
        while self.used.contains(&candidate) {
            let suffix = format!("-{n}");
            let mut stem = base.to_owned();
            stem.truncate(MAX_ID - suffix.len());
            candidate = format!("{}{suffix}", stem.trim_end_matches('-'));
            n += 1;
        }
        self.next.insert(base.to_owned(), n);
        self.used.insert(candidate.clone());
        candidate
    }
}
