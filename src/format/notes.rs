//! The notes file (`*.notes.json`, FORMAT.md section 3): one person's annotations.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Id;
use std::time::SystemTime;

/// Format tag of a version 1 notes file.
pub const NOTES_FORMAT: &str = "caselens/notes@1";

/// Everything one person writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotesFile {
    /// Relative path to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `caselens/notes@1`.
    pub format: String,
    /// Who wrote the notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// RFC 3339 creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// RFC 3339 time of the last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The user's own codes (`USER.` ids).
    #[serde(default)]
    pub codes: Vec<UserCode>,
    /// Highlights, notes and memos, tombstones included.
    #[serde(default)]
    pub items: Vec<Item>,
    /// Lesson plans.
    #[serde(default)]
    pub lessons: Vec<Lesson>,
    /// Ids of the cases the author marked as coded (read and coded, even when nothing was
    /// found): agreement then counts the author as a rater of exactly these cases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coded: Vec<String>,
    /// Top-level `x-` keys, kept and written back unchanged.
    #[serde(skip)]
    pub extensions: BTreeMap<String, Value>,
}

/// A code the user made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCode {
    /// `USER.`-prefixed dotted id.
    pub id: String,
    /// Label.
    pub label: String,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Parent code, if nested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// When to apply it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// A UUID that stays when the code is renamed, nested or merged into (its id is a path and
    /// changes); REFI-QDA exports use it as the code's GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// `false`: the code groups others and is not applied (a REFI-QDA `isCodable="false"`
    /// code, kept so that it goes back out the same); absent means codable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codable: Option<bool>,
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A coded, commented text span.
    Highlight,
    /// A note on a case, or on one of its cells.
    Note,
    /// A Markdown memo on a case or the project.
    Memo,
}

/// One highlight, note or memo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// UUID.
    pub id: String,
    /// Item kind.
    pub kind: ItemKind,
    /// Case id, or null for a project memo.
    #[serde(default)]
    pub case: Option<Id>,
    /// What the item is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Codes applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Id>,
    /// Memo title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Comment or Markdown body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// RFC 3339 creation time.
    pub created: Id,
    /// RFC 3339 time of the last change; decides merges.
    pub modified: Id,
    /// Tombstone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Who made the item when it is not the file's `author` (codings by another coder that a
    /// REFI-QDA project brought in); absent means the file's author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// A text span (highlight), a dimension (cell note) or a question (a student's answer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// `section/paragraph` of a highlight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<Id>,
    /// The highlighted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// Up to 32 characters before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Up to 32 characters after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Start offset hint, in chars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// End offset hint (exclusive), in chars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Dimension id of a cell note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Id>,
    /// Question id of the case, for a note that answers that question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Id>,
}

/// A prepared sequence of views for class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Lesson id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Steps in order.
    #[serde(default)]
    pub steps: Vec<Step>,
}

/// One step of a lesson: one view to show the class (FORMAT.md section 3, "Lessons").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `case` (a passage), `compare` (cases side by side), `matrix` (cases by the codes of a
    /// family), `alliances` (the alliances table) or `class` (what the class marked in the one
    /// case of `cases`: the passages most students highlighted, the codes most used).
    pub view: String,
    /// Title shown above the step and announced ("Step 3 of 12: `<title>`").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Case ids shown.
    #[serde(default)]
    pub cases: Vec<String>,
    /// Dimension to focus on (files before `dimensions`; read as a one-row `dimensions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// Dimensions (rows) of a compare step, in order; empty: every dimension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<String>,
    /// Reveal the rows of a compare step one at a time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reveal: bool,
    /// Paragraph to show (`section/paragraph`) in a case step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// Exact text of the paragraph to mark in a case step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Code family (a top-level code id, such as `RAT`) of a matrix step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Presenter note: shown to the presenter only, never on the projector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Step {
    /// The rows of a compare step: `dimensions`, else the old single `dimension`.
    pub fn dimension_ids(&self) -> Vec<String> {
        if self.dimensions.is_empty() {
            self.dimension.iter().cloned().collect()
        } else {
            self.dimensions.clone()
        }
    }
}

impl Step {
    /// What the step shows (`None`: a view this version does not know).
    pub fn kind(&self) -> Option<StepView> {
        StepView::parse(&self.view)
    }
}

/// What a lesson step shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepView {
    /// A passage of one case.
    Case,
    /// Cases side by side on chosen dimensions.
    Compare,
    /// Cases by the codes of one family.
    Matrix,
    /// The alliances table.
    Alliances,
    /// What the class marked in one case: the passages most of the shown authors highlighted
    /// and the codes most of them used (the class-summary step of the agreement module).
    Class,
}

impl StepView {
    /// The view named in a step (`case`, `compare`, `matrix`, `alliances`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "case" => Some(Self::Case),
            "compare" => Some(Self::Compare),
            "matrix" => Some(Self::Matrix),
            "alliances" => Some(Self::Alliances),
            "class" => Some(Self::Class),
            _ => None,
        }
    }

    /// Its name in the notes file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Case => "case",
            Self::Compare => "compare",
            Self::Matrix => "matrix",
            Self::Alliances => "alliances",
            Self::Class => "class",
        }
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Case => "Case passage",
            Self::Compare => "Comparison",
            Self::Matrix => "Matrix",
            Self::Alliances => "Alliances",
            Self::Class => "What the class marked",
        }
    }
}

/// RFC 3339 time, to the millisecond, in UTC.
pub fn now() -> Id {
    // `web_time`: std's `SystemTime::now()` panics in the browser.
    let since_epoch = web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .unwrap_or_default();
    stamp(SystemTime::UNIX_EPOCH + since_epoch)
}

/// `time` as an item's RFC 3339 stamp, to the millisecond, in UTC.
pub fn stamp(time: SystemTime) -> Id {
    compact_str::format_compact!("{}", humantime::format_rfc3339_millis(time))
}

/// A fresh item id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An empty notes file.
pub fn empty_notes(author: Option<String>) -> NotesFile {
    let t = now();
    NotesFile {
        schema: None,
        format: NOTES_FORMAT.to_owned(),
        author,
        created: Some(t.to_string()),
        modified: Some(t.to_string()),
        codes: Vec::new(),
        items: Vec::new(),
        lessons: Vec::new(),
        coded: Vec::new(),
        extensions: Default::default(),
    }
}

/// An id like `base` that `taken` does not hold: `base`, else `base-2`, `base-3`, …
pub fn free_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_owned())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

/// `Trust in partners` -> `trust-in-partners`.
pub fn slug(label: &str) -> Option<String> {
    let mut s = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    (!s.is_empty()).then_some(s)
}
