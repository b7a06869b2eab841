//! The parts of a case an edit changes, kept for undo: one section while typing in a
//! paragraph, not the whole case, so a long undo history of a large case stays small.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::format::{Alliance, Case, Facet, Meta, Question, Section};

/// Which part of a case an edit may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Title, subtitle, meta (with sources), ids, extensions.
    Header,
    /// One section (by position; the edit does not move sections).
    Section(usize),
    /// Every section.
    Sections,
    /// One facet.
    Facet(String),
    /// Every facet.
    Facets,
    /// The alliances.
    Alliances,
    /// The questions.
    Questions,
    /// Several parts.
    Many(Vec<Scope>),
}

/// The fields of a case outside its sections, facets, alliances and questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    schema: Option<String>,
    format: String,
    id: String,
    title: String,
    subtitle: Option<String>,
    framework: String,
    meta: Meta,
    extensions: BTreeMap<String, Value>,
}

/// A copy of a part of a case.
#[derive(Debug, Clone, PartialEq)]
pub enum CasePart {
    /// See [`Scope::Header`].
    Header(Box<Header>),
    /// A section and its position.
    Section(usize, Section),
    /// Every section.
    Sections(Vec<Section>),
    /// A facet (`None`: not covered).
    Facet(String, Option<Facet>),
    /// Every facet.
    Facets(BTreeMap<crate::format::Id, Facet>),
    /// The alliances.
    Alliances(Vec<Alliance>),
    /// The questions.
    Questions(Vec<Question>),
    /// The whole case.
    Whole(Box<Case>),
    /// Several parts, in the order they were taken.
    Many(Vec<CasePart>),
}

impl CasePart {
    /// A copy of the part of `case` that `scope` names.
    pub(crate) fn capture(case: &Case, scope: &Scope) -> Self {
        match scope {
            Scope::Header => Self::Header(Box::new(Header {
                schema: case.schema.clone(),
                format: case.format.clone(),
                id: case.id.clone(),
                title: case.title.clone(),
                subtitle: case.subtitle.clone(),
                framework: case.framework.clone(),
                meta: case.meta.clone(),
                extensions: case.extensions.clone(),
            })),
            Scope::Section(i) => match case.sections.get(*i) {
                Some(s) => Self::Section(*i, s.clone()),
                None => Self::Sections(case.sections.clone()),
            },
            Scope::Sections => Self::Sections(case.sections.clone()),
            Scope::Facet(d) => Self::Facet(d.clone(), case.facets.get(d.as_str()).cloned()),
            Scope::Facets => Self::Facets(case.facets.clone()),
            Scope::Alliances => Self::Alliances(case.alliances.clone()),
            Scope::Questions => Self::Questions(case.questions.clone()),
            Scope::Many(scopes) => {
                Self::Many(scopes.iter().map(|s| Self::capture(case, s)).collect())
            }
        }
    }

    /// Puts this part back into `case` and returns the part it replaced (for redo).
    pub(crate) fn restore(self, case: &mut Case) -> Self {
        match self {
            Self::Header(h) => {
                let h = *h;
                let old = Self::capture(case, &Scope::Header);
                case.schema = h.schema;
                case.format = h.format;
                case.id = h.id;
                case.title = h.title;
                case.subtitle = h.subtitle;
                case.framework = h.framework;
                case.meta = h.meta;
                case.extensions = h.extensions;
                old
            }
            Self::Section(i, s) => match case.sections.get_mut(i) {
                Some(slot) => Self::Section(i, std::mem::replace(slot, s)),
                None => Self::Sections(std::mem::take(&mut case.sections)),
            },
            Self::Sections(s) => Self::Sections(std::mem::replace(&mut case.sections, s)),
            Self::Facet(d, f) => {
                let old = match f {
                    Some(f) => case.facets.insert(d.as_str().into(), f),
                    None => case.facets.remove(d.as_str()),
                };
                Self::Facet(d, old)
            }
            Self::Facets(f) => Self::Facets(std::mem::replace(&mut case.facets, f)),
            Self::Alliances(a) => Self::Alliances(std::mem::replace(&mut case.alliances, a)),
            Self::Questions(q) => Self::Questions(std::mem::replace(&mut case.questions, q)),
            Self::Whole(c) => Self::Whole(Box::new(std::mem::replace(case, *c))),
            Self::Many(parts) => {
                // Put back in reverse: a later part may have been taken after an earlier one
                // changed (they never overlap in practice, but reverse order is always right).
                let mut olds: Vec<Self> =
                    parts.into_iter().rev().map(|p| p.restore(case)).collect();
                olds.reverse();
                Self::Many(olds)
            }
        }
    }

    /// The paragraphs (`section/paragraph`) whose text differs between this part and the same
    /// part of `case`, with their text in this part (`None`: the paragraph is not in it).
    pub(crate) fn changed_paragraphs(&self, case: &Case) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        match self {
            Self::Section(i, s) => {
                let now: &[Section] = case
                    .sections
                    .get(*i)
                    .map(std::slice::from_ref)
                    .unwrap_or_default();
                diff_sections(std::slice::from_ref(s), now, &mut out);
            }
            Self::Sections(s) => diff_sections(s, &case.sections, &mut out),
            Self::Whole(c) => diff_sections(&c.sections, &case.sections, &mut out),
            Self::Many(parts) => {
                for p in parts {
                    out.extend(p.changed_paragraphs(case));
                }
            }
            _ => {}
        }
        out
    }
}

/// Paragraphs of `before` whose text is not the same in `after` (by address), and paragraphs
/// new in `after`.
fn diff_sections(before: &[Section], after: &[Section], out: &mut Vec<(String, Option<String>)>) {
    let text_in = |sections: &[Section], s: &str, p: &str| {
        sections
            .iter()
            .find(|x| x.id == s)
            .and_then(|x| x.paragraphs.iter().find(|q| q.id == p))
            .map(|q| q.text.clone())
    };
    for s in before {
        for p in &s.paragraphs {
            if text_in(after, &s.id, &p.id).as_deref() != Some(p.text.as_str()) {
                out.push((format!("{}/{}", s.id, p.id), Some(p.text.clone())));
            }
        }
    }
    for s in after {
        for p in &s.paragraphs {
            if text_in(before, &s.id, &p.id).is_none() {
                out.push((format!("{}/{}", s.id, p.id), None));
            }
        }
    }
}

impl CasePart {
    /// True when `case` holds exactly this part (the change was a no-op).
    pub(crate) fn matches(&self, case: &Case) -> bool {
        match self {
            Self::Header(h) => {
                h.schema == case.schema
                    && h.format == case.format
                    && h.id == case.id
                    && h.title == case.title
                    && h.subtitle == case.subtitle
                    && h.framework == case.framework
                    && h.meta == case.meta
                    && h.extensions == case.extensions
            }
            Self::Section(i, s) => case.sections.get(*i) == Some(s),
            Self::Sections(s) => &case.sections == s,
            Self::Facet(d, f) => case.facets.get(d.as_str()) == f.as_ref(),
            Self::Facets(f) => &case.facets == f,
            Self::Alliances(a) => &case.alliances == a,
            Self::Questions(q) => &case.questions == q,
            Self::Whole(c) => **c == *case,
            Self::Many(parts) => parts.iter().all(|p| p.matches(case)),
        }
    }
}
