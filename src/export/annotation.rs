//! The user's highlights as W3C Web Annotations (JSON-LD, the Web Annotation Data Model,
//! <https://www.w3.org/TR/annotation-model/>), for web annotation tools.
//!
//! One `AnnotationCollection` whose first (and only) `AnnotationPage` lists every live
//! highlight as an `Annotation` (motivation `highlighting`): its id is the `urn:uuid` of the
//! item id; `created`, `modified` and `creator` (the item's maker, else the notes file's
//! author, as a `Person`) come from the notes; the body holds a `TextualBody` with the comment (`purpose: commenting`) and
//! one per code with the code's label (`purpose: tagging`). The target's `source` names the
//! case paragraph ([`source_iri`]); its selectors, alternatives that select the same text, are
//! a `TextQuoteSelector` and a `TextPositionSelector` over the paragraph's *plain* text as the
//! reader shows it (markup removed, `•` before list items), counted in Unicode code points.
//!
//! A highlight is re-attached to its paragraph's current text first ([`locate`]), so a
//! highlight whose text moved is written where it is now. One whose text is no longer found
//! (or whose case is not loaded) keeps only a `TextQuoteSelector` with the quote as stored,
//! and is counted in [`Annotations::unplaced`]. Deleted items are left out.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::codebook::Codebook;
use crate::format::{Case, Item, ItemKind, NotesFile, Target};
use crate::library::Library;
use crate::markdown::render;
use crate::notes::anchor::CONTEXT_CHARS;
use crate::notes::check::locate;

/// The JSON-LD context of every Web Annotation document.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The exported document and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotations {
    /// The `AnnotationCollection`.
    pub collection: Collection,
    /// Highlights written.
    pub written: usize,
    /// Of those, highlights written without a position (their text is no longer in the case,
    /// or the case is not loaded).
    pub unplaced: usize,
}

/// An `AnnotationCollection` (model §5.1), its annotations on one embedded page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Collection {
    /// Always [`CONTEXT`].
    #[serde(rename = "@context")]
    pub context: &'static str,
    /// `urn:uuid:` derived from the notes file's author and creation time.
    pub id: String,
    /// Always `AnnotationCollection`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// A name for people.
    pub label: String,
    /// How many annotations.
    pub total: usize,
    /// The page of annotations (none when there are none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<Page>,
    /// The id of the last page (the same page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

/// An `AnnotationPage` (model §5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// `urn:uuid:` of the page.
    pub id: String,
    /// Always `AnnotationPage`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The collection's id.
    pub part_of: String,
    /// Index of the first item in the collection (0).
    pub start_index: usize,
    /// The annotations.
    pub items: Vec<Annotation>,
}

/// One highlight as an `Annotation` (model §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// `urn:uuid:` of the item id.
    pub id: String,
    /// Always `Annotation`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always `highlighting`.
    pub motivation: &'static str,
    /// RFC 3339 creation time.
    pub created: String,
    /// RFC 3339 time of the last change.
    pub modified: String,
    /// The notes file's author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<Agent>,
    /// The comment and the codes (none when there are neither).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Body>,
    /// The highlighted text.
    pub target: SpecificResource,
}

/// A `Person` by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agent {
    /// Always `Person`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The name.
    pub name: String,
}

/// A `TextualBody`: the comment (`commenting`) or a code's label (`tagging`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// Always `TextualBody`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `commenting` or `tagging`.
    pub purpose: &'static str,
    /// The text.
    pub value: String,
    /// `text/plain` for a comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
}

/// A `SpecificResource`: the case paragraph and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecificResource {
    /// Always `SpecificResource`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// [`source_iri`] of the paragraph.
    pub source: String,
    /// Alternatives that select the same text: quote, then position when it is known.
    pub selector: Vec<Selector>,
}

/// A selector of the paragraph's plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum Selector {
    /// The text and its context.
    TextQuoteSelector {
        /// The selected text.
        exact: String,
        /// Up to [`CONTEXT_CHARS`] code points before it.
        prefix: String,
        /// Up to [`CONTEXT_CHARS`] code points after it.
        suffix: String,
    },
    /// Code point offsets.
    TextPositionSelector {
        /// Start.
        start: usize,
        /// End (exclusive).
        end: usize,
    },
}

/// Where a highlight is in a paragraph's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainSelection {
    /// Start, in code points of the plain text.
    pub start: usize,
    /// End (exclusive), in code points of the plain text.
    pub end: usize,
    /// The selected plain text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] code points before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points after it.
    pub suffix: String,
}

/// The plain-text selection showing chars `start..end` of the raw Markdown paragraph `raw`
/// (`None` when none of that range is visible text).
pub fn plain_selection(raw: &str, start: usize, end: usize) -> Option<PlainSelection> {
    let rendered = render(raw);
    let range = rendered.to_plain(start..end)?;
    let chars: Vec<char> = rendered.plain.chars().collect();
    let cut = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    Some(PlainSelection {
        start: range.start,
        end: range.end,
        exact: cut(range.start, range.end),
        prefix: cut(range.start.saturating_sub(CONTEXT_CHARS), range.start),
        suffix: cut(range.end, (range.end + CONTEXT_CHARS).min(chars.len())),
    })
}

/// The IRI of a case paragraph: `urn:caselens:case:<case-id>#<section>/<paragraph>`.
pub fn source_iri(case: &str, paragraph: &str) -> String {
    format!(
        "urn:caselens:case:{}#{}",
        iri_part(case),
        paragraph
            .split('/')
            .map(iri_part)
            .collect::<Vec<_>>()
            .join("/")
    )
}

/// Percent-encodes every byte outside RFC 3986's unreserved characters.
fn iri_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `urn:uuid:` of an item id (a UUID; any other id gets a stable name-based UUID).
fn urn(id: &str) -> String {
    match uuid::Uuid::parse_str(id) {
        Ok(u) => format!("urn:uuid:{}", u.hyphenated()),
        Err(_) => format!("urn:uuid:{}", crate::format::guid("annotation", id)),
    }
}

/// Every live highlight of `notes` as one `AnnotationCollection`, in case order, then by
/// paragraph in the case's reading order, then by position.
pub fn collection(notes: &NotesFile, library: &Library) -> Annotations {
    let mut codebooks: HashMap<String, Codebook> = HashMap::new();
    let creator = notes.author.as_ref().map(|name| Agent {
        kind: "Person",
        name: name.clone(),
    });
    let mut rows: Vec<(SortKey, Annotation)> = Vec::new();
    let mut unplaced = 0;
    for item in notes
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Highlight && !i.deleted)
    {
        let Some((case_id, target)) = item.case.as_deref().zip(item.target.as_ref()) else {
            continue;
        };
        let case = library.case(case_id);
        let framework = case.map(|c| c.framework.clone()).unwrap_or_default();
        let codebook = codebooks
            .entry(framework.clone())
            .or_insert_with(|| Codebook::build(library.framework(&framework), notes));
        let placed = placed(library, case, target);
        unplaced += usize::from(placed.is_none());
        let key = SortKey {
            case: case_id.to_owned(),
            paragraph: case.map_or(usize::MAX, |c| paragraph_index(c, target)),
            start: placed.as_ref().map_or(usize::MAX, |p| p.start),
            id: item.id.clone(),
        };
        // An item another coder made (brought in from a project) names its own maker.
        let own = item.author.as_ref().map(|name| Agent {
            kind: "Person",
            name: name.clone(),
        });
        let value = annotation(
            item,
            case_id,
            target,
            placed,
            codebook,
            own.as_ref().or(creator.as_ref()),
        );
        rows.push((key, value));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let written = rows.len();
    Annotations {
        collection: wrap(notes, rows.into_iter().map(|(_, a)| a).collect()),
        written,
        unplaced,
    }
}

/// The collection as pretty-printed JSON-LD text, ending with a line break.
pub fn jsonld(notes: &NotesFile, library: &Library) -> String {
    collection(notes, library).text()
}

impl Annotations {
    /// The document as pretty-printed JSON-LD text, ending with a line break.
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.collection)
            .unwrap_or_else(|e| unreachable!("strings, numbers and lists always serialise: {e}"));
        text.push('\n');
        text
    }

    /// The document as a JSON value.
    pub fn document(&self) -> Value {
        serde_json::to_value(&self.collection)
            .unwrap_or_else(|e| unreachable!("strings, numbers and lists always serialise: {e}"))
    }
}

/// The `AnnotationCollection` around `items` (with one embedded page when there are any).
fn wrap(notes: &NotesFile, items: Vec<Annotation>) -> Collection {
    let key = format!(
        "{}|{}",
        notes.author.as_deref().unwrap_or_default(),
        notes.created.as_deref().unwrap_or_default()
    );
    let id = format!(
        "urn:uuid:{}",
        crate::format::guid("annotation-collection", &key)
    );
    let page = format!(
        "urn:uuid:{}",
        crate::format::guid("annotation-page", &format!("{key}|1"))
    );
    let label = match notes.author.as_deref() {
        Some(author) => format!("Caselens highlights by {author}"),
        None => "Caselens highlights".to_owned(),
    };
    let total = items.len();
    let first = (total > 0).then(|| Page {
        id: page.clone(),
        kind: "AnnotationPage",
        part_of: id.clone(),
        start_index: 0,
        items,
    });
    Collection {
        context: CONTEXT,
        id,
        kind: "AnnotationCollection",
        label,
        total,
        last: first.as_ref().map(|_| page),
        first,
    }
}

/// One highlight as an `Annotation`.
fn annotation(
    item: &Item,
    case: &str,
    target: &Target,
    placed: Option<PlainSelection>,
    codebook: &Codebook,
    creator: Option<&Agent>,
) -> Annotation {
    let mut body = Vec::new();
    if let Some(comment) = item.text.as_deref().filter(|t| !t.trim().is_empty()) {
        body.push(Body {
            kind: "TextualBody",
            purpose: "commenting",
            value: comment.to_owned(),
            format: Some("text/plain"),
        });
    }
    body.extend(item.codes.iter().map(|code| Body {
        kind: "TextualBody",
        purpose: "tagging",
        value: codebook.label(code).to_owned(),
        format: None,
    }));
    Annotation {
        id: urn(&item.id),
        kind: "Annotation",
        motivation: "highlighting",
        created: item.created.to_string(),
        modified: item.modified.to_string(),
        creator: creator.cloned(),
        body,
        target: SpecificResource {
            kind: "SpecificResource",
            source: source_iri(case, target.paragraph.as_deref().unwrap_or_default()),
            selector: selectors(target, placed),
        },
    }
}

/// The quote and position selectors of a placed highlight; the stored quote alone otherwise.
fn selectors(target: &Target, placed: Option<PlainSelection>) -> Vec<Selector> {
    if let Some(p) = placed {
        vec![
            Selector::TextQuoteSelector {
                exact: p.exact,
                prefix: p.prefix,
                suffix: p.suffix,
            },
            Selector::TextPositionSelector {
                start: p.start,
                end: p.end,
            },
        ]
    } else {
        let stored = |s: &Option<String>| s.clone().unwrap_or_default();
        vec![Selector::TextQuoteSelector {
            exact: stored(&target.exact),
            prefix: stored(&target.prefix),
            suffix: stored(&target.suffix),
        }]
    }
}

/// Where the highlight is now in its paragraph's plain text (`None` when orphaned).
fn placed(library: &Library, case: Option<&Case>, target: &Target) -> Option<PlainSelection> {
    let case = case?;
    let (_, range) = locate(library, &case.id, target);
    let (start, end) = range?;
    let raw = &case.paragraph(target.paragraph.as_deref()?)?.text;
    plain_selection(raw, start, end)
}

/// Order of annotations: case, paragraph, position, then id (fields compared in this order).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct SortKey {
    case: String,
    paragraph: usize,
    start: usize,
    id: String,
}

/// Position of the target's paragraph in the case's reading order (`usize::MAX` if absent).
fn paragraph_index(case: &Case, target: &Target) -> usize {
    let Some((section, paragraph)) = target.paragraph.as_deref().and_then(|a| a.split_once('/'))
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
        .position(|a| a == (section, paragraph))
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests;
