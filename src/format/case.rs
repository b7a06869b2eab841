//! The case file (`*.case.json`, FORMAT.md section 1).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Id;

/// Format tag of a version 1 case file.
pub const CASE_FORMAT: &str = "caselens/case@1";

/// Top-level extension key of a case or framework saved with problems (the editor's *Save
/// anyway*): how many problems it had. Older versions read it as any `x-` key; `caselens
/// validate` prints a note for it.
pub const SAVED_WITH_PROBLEMS: &str = "x-caselens-saved-with-problems";

/// One structured case study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Relative path to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `caselens/case@1`.
    pub format: String,
    /// Case id, unique in a library.
    pub id: String,
    /// Title shown in lists and headers.
    pub title: String,
    /// Optional subtitle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Id of the framework the facets follow.
    pub framework: String,
    /// Descriptive metadata and sources.
    pub meta: Meta,
    /// The narrative.
    pub sections: Vec<Section>,
    /// Dimension id to facet.
    #[serde(default, deserialize_with = "super::strict::unique_map")]
    pub facets: BTreeMap<Id, Facet>,
    /// Alliances of the case's organisation(s).
    #[serde(default)]
    pub alliances: Vec<Alliance>,
    /// Questions for students and instructors.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Top-level `x-` keys, kept and written back unchanged.
    #[serde(skip)]
    pub extensions: BTreeMap<String, Value>,
}

/// Case metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Organisations the case is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
    /// Period covered, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Region, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Industry, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Authors of the case file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Licence of the case text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Sources the case is built from (at least one).
    pub sources: Vec<Source>,
}

/// A source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Source id, referenced by `{"source": id}` evidence.
    pub id: Id,
    /// Human-readable citation.
    pub citation: String,
    /// Optional address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Source {
    /// True when the citation says the fact was not checked against a primary source.
    pub fn is_unconfirmed(&self) -> bool {
        self.citation.to_lowercase().contains("unconfirmed")
    }
}

/// A titled part of the narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Section id, unique in the case.
    pub id: Id,
    /// Heading.
    pub title: String,
    /// Paragraphs (at least one).
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of light Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Paragraph id, unique in its section.
    pub id: Id,
    /// Text; `*emphasis*` and `- ` list lines allowed.
    pub text: String,
}

/// A facet: a value with evidence, or an explained unknown.
///
/// Kept as one struct with optional parts (rather than an untagged enum) so a malformed facet
/// gets a precise message instead of serde's "did not match any variant".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facet {
    /// The value; its JSON type is fixed by the dimension's kind.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Value>,
    /// Evidence for the value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Why the value is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// Marks a `number` or `year` value as a bound rather than an exact figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
}

/// How a `number` or `year` value relates to the figure the source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// The source gives a lower bound ("more than", "over", "at least").
    AtLeast,
    /// The source gives an upper bound ("up to", "at most").
    AtMost,
    /// The source gives an approximate figure ("about").
    About,
}

impl Bound {
    /// The bound in words, to put before the value ("at least 100").
    pub fn words(self) -> &'static str {
        match self {
            Self::AtLeast => "at least",
            Self::AtMost => "at most",
            Self::About => "about",
        }
    }
}

/// Keeps an explicit `null` as `Some(Null)` so it can be reported rather than read as absent.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    super::strict::StrictValue::deserialize(d).map(|v| Some(v.0))
}

/// A piece of evidence: a paragraph (with an optional exact quote) or a listed source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// `section/paragraph` address.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Id>,
    /// Exact substring of the referenced paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Id of a source in `meta.sources`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Id>,
}

/// Status of an alliance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AllianceStatus {
    /// Announced or negotiated, not yet running.
    Planned,
    /// Running.
    Active,
    /// Ended as agreed.
    Ended,
    /// Ended early.
    Terminated,
    /// In or after litigation.
    Litigated,
    /// Not known.
    #[default]
    Unknown,
}

impl AllianceStatus {
    /// Lower-case name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Active => "active",
            Self::Ended => "ended",
            Self::Terminated => "terminated",
            Self::Litigated => "litigated",
            Self::Unknown => "unknown",
        }
    }
}

/// An alliance with a partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alliance {
    /// Alliance id, unique in the case.
    pub id: Id,
    /// The partner, by name or description.
    pub partner: String,
    /// Alliance type codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<Id>,
    /// Rationale codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rationale: Vec<Id>,
    /// Lifecycle phase code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Id>,
    /// Status.
    #[serde(default)]
    pub status: AllianceStatus,
    /// One-line summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Evidence for the alliance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Who a question is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Shown to everyone.
    #[default]
    Student,
    /// Hidden in student and presentation views unless shown on purpose.
    Instructor,
}

/// A discussion question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Question id, unique in the case.
    pub id: Id,
    /// The question.
    pub text: String,
    /// Who it is for.
    #[serde(default)]
    pub audience: Audience,
}

impl Case {
    /// The paragraph at `section/paragraph`, if it exists.
    pub fn paragraph(&self, address: &str) -> Option<&Paragraph> {
        let (section_id, paragraph_id) = address.split_once('/')?;
        self.sections
            .iter()
            .find(|s| s.id == section_id)?
            .paragraphs
            .iter()
            .find(|p| p.id == paragraph_id)
    }

    /// Where the paragraph at `section/paragraph` comes in reading order (`usize::MAX` when
    /// there is no such paragraph, so unplaced passages sort last).
    pub fn reading_order(&self, address: Option<&str>) -> usize {
        let Some((section, paragraph)) = address.and_then(|a| a.split_once('/')) else {
            return usize::MAX;
        };
        self.sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(move |p| (&s.id, &p.id)))
            .position(|(s, p)| s == section && p == paragraph)
            .unwrap_or(usize::MAX)
    }

    /// The source with this id.
    pub fn source(&self, source_id: &str) -> Option<&Source> {
        self.meta.sources.iter().find(|s| s.id == source_id)
    }

    /// Gives back the room its lists grew into while being read: a list read from JSON
    /// doubles as it grows (a facet's one piece of evidence sits in room for four), which
    /// with 10,000 cases held about a tenth of the library's memory. Changes no value.
    pub fn shrink_to_fit(&mut self) {
        let meta = &mut self.meta;
        for list in [&mut meta.organisations, &mut meta.tags, &mut meta.authors] {
            list.shrink_to_fit();
        }
        meta.sources.shrink_to_fit();
        self.sections.shrink_to_fit();
        for section in &mut self.sections {
            section.paragraphs.shrink_to_fit();
        }
        for facet in self.facets.values_mut() {
            facet.evidence.shrink_to_fit();
        }
        self.alliances.shrink_to_fit();
        for alliance in &mut self.alliances {
            alliance.types.shrink_to_fit();
            alliance.rationale.shrink_to_fit();
            alliance.evidence.shrink_to_fit();
        }
        self.questions.shrink_to_fit();
    }
}
