//! Every edit of a case file (`docs/FORMAT.md` §1) as data, and how each is applied.
//!
//! Things are named by id (sections, paragraphs, sources, dimensions, alliances, questions),
//! never by position, except where a position is the point (`at`, `to`). Paragraph ids are
//! never renumbered: a new paragraph gets the next `pN` of its section.

use serde_json::{Number, Value};

use super::case_parts::Scope;
use super::rewrite::Rewrite;
use crate::format::case::Bound;
use crate::format::{Alliance, Audience, Case, Evidence, Facet, Kind};

/// One change to a case.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseEdit {
    /// Set the title.
    SetTitle(String),
    /// Set the subtitle (`None` or blank: no subtitle).
    SetSubtitle(Option<String>),
    /// Set one of the free-text meta fields (`None` or blank: absent).
    SetMetaText {
        /// Which field.
        field: MetaText,
        /// The new value.
        value: Option<String>,
    },
    /// Set one of the list meta fields (blank items are dropped).
    SetMetaList {
        /// Which field.
        field: MetaList,
        /// The new items.
        values: Vec<String>,
    },
    /// Add a source at the end (`id: None`: the next free `source-N`).
    AddSource {
        /// Its id.
        id: Option<String>,
        /// The citation.
        citation: String,
        /// Its address.
        url: Option<String>,
    },
    /// Change a source's citation and URL.
    EditSource {
        /// The source's id.
        source: String,
        /// The citation.
        citation: String,
        /// Its address (`None` or blank: none).
        url: Option<String>,
    },
    /// Remove a source (evidence citing it is then flagged by validation).
    RemoveSource {
        /// The source's id.
        source: String,
    },
    /// Add a section with one empty paragraph `p1` at position `at` (clamped).
    AddSection {
        /// Position among the sections.
        at: usize,
        /// Its id (`None`: made from the title).
        id: Option<String>,
        /// Heading.
        title: String,
    },
    /// Change a section's heading (its id stays).
    RenameSection {
        /// The section's id.
        section: String,
        /// The new heading.
        title: String,
    },
    /// Move a section to position `to` (clamped).
    MoveSection {
        /// The section's id.
        section: String,
        /// The new position.
        to: usize,
    },
    /// Delete a section and its paragraphs.
    DeleteSection {
        /// The section's id.
        section: String,
    },
    /// Replace a paragraph's text.
    EditParagraph {
        /// The section's id.
        section: String,
        /// The paragraph's id.
        paragraph: String,
        /// The new text.
        text: String,
    },
    /// Split a paragraph at a char offset: the text after it becomes a new paragraph (the next
    /// `pN`) right after; whitespace at the cut is dropped. Evidence whose quote is now only in
    /// the new paragraph follows it.
    SplitParagraph {
        /// The section's id.
        section: String,
        /// The paragraph's id.
        paragraph: String,
        /// Where to cut, in chars.
        at: usize,
    },
    /// Merge a paragraph with the one after it (joined by a space, or a line break next to a
    /// list); evidence on the second follows the merged paragraph.
    MergeWithNext {
        /// The section's id.
        section: String,
        /// The first paragraph's id.
        paragraph: String,
    },
    /// Move a paragraph to position `to` (clamped) of a section. In another section it gets
    /// that section's next `pN` if its id is taken there; evidence follows it.
    MoveParagraph {
        /// The section's id.
        section: String,
        /// The paragraph's id.
        paragraph: String,
        /// The section to move it to (may be the same).
        to_section: String,
        /// The position there.
        to: usize,
    },
    /// Add a paragraph (the next `pN`) at position `at` (clamped) of a section.
    AddParagraph {
        /// The section's id.
        section: String,
        /// The position.
        at: usize,
        /// Its text.
        text: String,
    },
    /// Delete a paragraph (evidence pointing at it is then flagged by validation).
    DeleteParagraph {
        /// The section's id.
        section: String,
        /// The paragraph's id.
        paragraph: String,
    },
    /// Set, mark unknown or remove the facet of a dimension.
    SetFacet {
        /// The dimension's id.
        dimension: String,
        /// The value.
        value: FacetValue,
    },
    /// Add a piece of evidence to a facet with a value, or to an alliance.
    AddEvidence {
        /// What the evidence is for.
        to: EvidenceOwner,
        /// `{"ref": "section/paragraph", "quote": ...}` or `{"source": id}`.
        evidence: Evidence,
    },
    /// Remove a piece of evidence by its position.
    RemoveEvidence {
        /// What the evidence is for.
        from: EvidenceOwner,
        /// Its position in the list.
        index: usize,
    },
    /// Add an alliance at the end (an empty id: the next free `aN`).
    AddAlliance(Box<Alliance>),
    /// Replace an alliance (its id may change to a free one).
    EditAlliance {
        /// The alliance's current id.
        alliance: String,
        /// What it becomes.
        with: Box<Alliance>,
    },
    /// Delete an alliance.
    DeleteAlliance {
        /// The alliance's id.
        alliance: String,
    },
    /// Add a question at the end (the next free `qN`).
    AddQuestion {
        /// The question.
        text: String,
        /// Who it is for.
        audience: Audience,
    },
    /// Change a question.
    EditQuestion {
        /// The question's id.
        question: String,
        /// The question.
        text: String,
        /// Who it is for.
        audience: Audience,
    },
    /// Delete a question.
    DeleteQuestion {
        /// The question's id.
        question: String,
    },
    /// Rename code or dimension ids everywhere in the case (after a framework edit).
    Rewrite(Rewrite),
}

/// The free-text fields of `meta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaText {
    /// `period`.
    Period,
    /// `region`.
    Region,
    /// `industry`.
    Industry,
    /// `license`.
    License,
}

/// The list fields of `meta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaList {
    /// `organisations`.
    Organisations,
    /// `tags`.
    Tags,
    /// `authors`.
    Authors,
}

/// What a piece of evidence supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceOwner {
    /// The facet of this dimension.
    Facet(String),
    /// The alliance with this id.
    Alliance(String),
}

/// A facet as the editor sets it: a value of the dimension's kind, unknown with a reason, or
/// not covered (absent).
#[derive(Debug, Clone, PartialEq)]
pub enum FacetValue {
    /// `text`.
    Text(String),
    /// `number`, with the `bound` choice ([`parse_number`] reads what the user typed).
    Number {
        /// The figure.
        value: Number,
        /// Exact when `None`.
        bound: Option<Bound>,
    },
    /// `year`, with the `bound` choice.
    Year {
        /// The year.
        value: i64,
        /// Exact when `None`.
        bound: Option<Bound>,
    },
    /// `bool`.
    Bool(bool),
    /// `list`.
    List(Vec<String>),
    /// `choice`: one of the dimension's options.
    Choice(String),
    /// `codes`: code ids (of the dimension's family, when it has one).
    Codes(Vec<String>),
    /// Unknown, with the reason (any evidence is dropped: an unknown facet has none).
    Unknown(String),
    /// Not covered: the facet is removed.
    NotCovered,
}

impl FacetValue {
    /// The dimension kind this value is for (`None` for unknown and not covered).
    pub fn kind(&self) -> Option<Kind> {
        Some(match self {
            Self::Text(_) => Kind::Text,
            Self::Number { .. } => Kind::Number,
            Self::Year { .. } => Kind::Year,
            Self::Bool(_) => Kind::Bool,
            Self::List(_) => Kind::List,
            Self::Choice(_) => Kind::Choice,
            Self::Codes(_) => Kind::Codes,
            Self::Unknown(_) | Self::NotCovered => return None,
        })
    }

    /// The facet's JSON value and bound, for the values that have one.
    pub(crate) fn json(&self) -> Option<(Value, Option<Bound>)> {
        let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        Some(match self {
            Self::Text(s) | Self::Choice(s) => (Value::String(s.clone()), None),
            Self::Number { value, bound } => (Value::Number(value.clone()), *bound),
            Self::Year { value, bound } => (Value::from(*value), *bound),
            Self::Bool(b) => (Value::Bool(*b), None),
            Self::List(v) | Self::Codes(v) => (strings(v), None),
            Self::Unknown(_) | Self::NotCovered => return None,
        })
    }

    /// What the facet of a dimension of `kind` holds now, as the editor shows it (`None` when
    /// its value does not fit the kind, which validation reports).
    pub fn of_facet(facet: Option<&Facet>, kind: Kind) -> Option<Self> {
        let Some(facet) = facet else {
            return Some(Self::NotCovered);
        };
        if let (None, Some(reason)) = (&facet.value, &facet.unknown) {
            return Some(Self::Unknown(reason.clone()));
        }
        let value = facet.value.as_ref()?;
        let strings = || -> Option<Vec<String>> {
            value
                .as_array()?
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        Some(match kind {
            Kind::Text => Self::Text(value.as_str()?.to_owned()),
            Kind::Choice => Self::Choice(value.as_str()?.to_owned()),
            Kind::Number => Self::Number {
                value: value.as_number()?.clone(),
                bound: facet.bound,
            },
            Kind::Year => Self::Year {
                value: value.as_i64()?,
                bound: facet.bound,
            },
            Kind::Bool => Self::Bool(value.as_bool()?),
            Kind::List => Self::List(strings()?),
            Kind::Codes => Self::Codes(strings()?),
        })
    }
}

/// A number as the user typed it: an integer stays an integer (`100`, not `100.0`); `None` when
/// it is not a finite number.
pub fn parse_number(text: &str) -> Option<Number> {
    let text = text.trim();
    if let Ok(i) = text.parse::<i64>() {
        return Some(Number::from(i));
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

impl CaseEdit {
    /// What the edit does, in a few words, for *Undo …* and *Redo …*.
    pub fn describe(&self) -> String {
        match self {
            Self::SetTitle(_) => "edit the title".into(),
            Self::SetSubtitle(_) => "edit the subtitle".into(),
            Self::SetMetaText { field, .. } => format!("edit the {}", meta_text_name(*field)),
            Self::SetMetaList { field, .. } => format!("edit the {}", meta_list_name(*field)),
            Self::AddSource { .. } => "add a source".into(),
            Self::EditSource { source, .. } => format!("edit source {source}"),
            Self::RemoveSource { source } => format!("remove source {source}"),
            Self::AddSection { title, .. } => format!("add section “{title}”"),
            Self::RenameSection { section, .. } => format!("rename section {section}"),
            Self::MoveSection { section, .. } => format!("move section {section}"),
            Self::DeleteSection { section } => format!("delete section {section}"),
            Self::EditParagraph {
                section, paragraph, ..
            } => format!("edit paragraph {section}/{paragraph}"),
            Self::SplitParagraph {
                section, paragraph, ..
            } => format!("split paragraph {section}/{paragraph}"),
            Self::MergeWithNext { section, paragraph } => {
                format!("merge paragraph {section}/{paragraph} with the next")
            }
            Self::MoveParagraph {
                section, paragraph, ..
            } => format!("move paragraph {section}/{paragraph}"),
            Self::AddParagraph { section, .. } => format!("add a paragraph to {section}"),
            Self::DeleteParagraph { section, paragraph } => {
                format!("delete paragraph {section}/{paragraph}")
            }
            Self::SetFacet { dimension, .. } => format!("set {dimension}"),
            Self::AddEvidence { to, .. } => format!("add evidence to {}", owner_name(to)),
            Self::RemoveEvidence { from, .. } => {
                format!("remove evidence from {}", owner_name(from))
            }
            Self::AddAlliance(_) => "add an alliance".into(),
            Self::EditAlliance { alliance, .. } => format!("edit alliance {alliance}"),
            Self::DeleteAlliance { alliance } => format!("delete alliance {alliance}"),
            Self::AddQuestion { .. } => "add a question".into(),
            Self::EditQuestion { question, .. } => format!("edit question {question}"),
            Self::DeleteQuestion { question } => format!("delete question {question}"),
            Self::Rewrite(r) => r.describe(),
        }
    }

    /// Edits with the same key, one after the other, are one undo step when typed
    /// ([`super::Draft::apply_typing`]): the same field of the same thing.
    pub(crate) fn typing_key(&self) -> Option<String> {
        match self {
            Self::SetTitle(_)
            | Self::SetSubtitle(_)
            | Self::SetMetaText { .. }
            | Self::SetMetaList { .. }
            | Self::EditSource { .. }
            | Self::RenameSection { .. }
            | Self::EditParagraph { .. }
            | Self::SetFacet { .. }
            | Self::EditAlliance { .. }
            | Self::EditQuestion { .. } => Some(format!("{:?}", self.scope_key())),
            _ => None,
        }
    }

    /// The thing an edit changes, without the new value (for [`CaseEdit::typing_key`]).
    fn scope_key(&self) -> (std::mem::Discriminant<Self>, String) {
        let what = match self {
            Self::SetMetaText { field, .. } => format!("{field:?}"),
            Self::SetMetaList { field, .. } => format!("{field:?}"),
            Self::EditSource { source, .. } => source.clone(),
            Self::RenameSection { section, .. } => section.clone(),
            Self::EditParagraph {
                section, paragraph, ..
            } => format!("{section}/{paragraph}"),
            Self::SetFacet { dimension, .. } => dimension.clone(),
            Self::EditAlliance { alliance, .. } => alliance.clone(),
            Self::EditQuestion { question, .. } => question.clone(),
            _ => String::new(),
        };
        (std::mem::discriminant(self), what)
    }

    /// The parts of the case the edit may change (what undo keeps).
    pub(crate) fn scope(&self, case: &Case) -> Scope {
        let section = |id: &str| {
            case.sections
                .iter()
                .position(|s| s.id == id)
                .map_or(Scope::Sections, Scope::Section)
        };
        let with_evidence =
            |inner: Scope| Scope::Many(vec![inner, Scope::Facets, Scope::Alliances]);
        match self {
            Self::SetTitle(_)
            | Self::SetSubtitle(_)
            | Self::SetMetaText { .. }
            | Self::SetMetaList { .. }
            | Self::AddSource { .. }
            | Self::EditSource { .. }
            | Self::RemoveSource { .. } => Scope::Header,
            Self::RenameSection { section: s, .. }
            | Self::EditParagraph { section: s, .. }
            | Self::AddParagraph { section: s, .. }
            | Self::DeleteParagraph { section: s, .. } => section(s),
            Self::SplitParagraph { section: s, .. } | Self::MergeWithNext { section: s, .. } => {
                with_evidence(section(s))
            }
            Self::AddSection { .. } | Self::MoveSection { .. } | Self::DeleteSection { .. } => {
                Scope::Sections
            }
            Self::MoveParagraph { .. } => with_evidence(Scope::Sections),
            Self::SetFacet { dimension, .. } => Scope::Facet(dimension.clone()),
            Self::AddEvidence { to: owner, .. } | Self::RemoveEvidence { from: owner, .. } => {
                match owner {
                    EvidenceOwner::Facet(d) => Scope::Facet(d.clone()),
                    EvidenceOwner::Alliance(_) => Scope::Alliances,
                }
            }
            Self::AddAlliance(_) | Self::EditAlliance { .. } | Self::DeleteAlliance { .. } => {
                Scope::Alliances
            }
            Self::AddQuestion { .. } | Self::EditQuestion { .. } | Self::DeleteQuestion { .. } => {
                Scope::Questions
            }
            Self::Rewrite(_) => Scope::Many(vec![Scope::Facets, Scope::Alliances]),
        }
    }
}

fn meta_text_name(field: MetaText) -> &'static str {
    match field {
        MetaText::Period => "period",
        MetaText::Region => "region",
        MetaText::Industry => "industry",
        MetaText::License => "licence",
    }
}

fn meta_list_name(field: MetaList) -> &'static str {
    match field {
        MetaList::Organisations => "organisations",
        MetaList::Tags => "tags",
        MetaList::Authors => "authors",
    }
}

fn owner_name(owner: &EvidenceOwner) -> String {
    match owner {
        EvidenceOwner::Facet(d) => d.clone(),
        EvidenceOwner::Alliance(a) => format!("alliance {a}"),
    }
}
