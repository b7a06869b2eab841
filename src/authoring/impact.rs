//! What a framework edit would break in the loaded cases, before it is made, and the fixes
//! the editor can offer: convert a value to the dimension's new kind (text to list, list to
//! text, …), mark it unknown, or remove it; drop a deleted code.
//!
//! A case is broken by an edit when validating it against the edited framework finds problems
//! that validating it against the framework as it is does not. Id renames break nothing: they
//! come with a [`Rewrite`] that follows them in every case (and the user's notes).

use serde_json::Value;

use super::case_edit::{CaseEdit, FacetValue, parse_number};
use super::rewrite::Rewrite;
use super::{AuthoringError, FrameworkEdit};
use crate::format::case::Bound;
use crate::format::framework::in_family;
use crate::format::{Alliance, Case, Dimension, Framework, Kind};
use crate::validate::{Issue, check_case};

/// What a framework edit does to the loaded cases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Impact {
    /// Cases the edit would leave with new problems.
    pub broken: Vec<CaseImpact>,
    /// For an id rename: the rewrite that keeps every case and the notes in step.
    pub rewrite: Option<Rewrite>,
    /// Cases the rewrite changes.
    pub rewritten: Vec<String>,
}

/// One case an edit breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseImpact {
    /// The case's id.
    pub case: String,
    /// The problems the edit would add.
    pub problems: Vec<Issue>,
    /// Fixes to offer, each one undoable step on the case's draft
    /// ([`super::Draft::apply_all`]).
    pub fixes: Vec<Fix>,
}

/// A fix the editor can offer for one facet or alliance.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What it does (`pricing: convert to text: “fixed fee”`, `pricing: mark unknown`).
    pub label: String,
    /// Which kind of fix it is.
    pub kind: FixKind,
    /// What it fixes: the facet's dimension id, or the alliance's id.
    pub about: String,
    /// The edits, to apply together.
    pub edits: Vec<CaseEdit>,
}

/// The kinds of fix [`impact`] offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    /// The value said in the dimension's new kind.
    Convert,
    /// The facet becomes unknown, its reason keeping the old value.
    MarkUnknown,
    /// The facet goes (not covered).
    Remove,
    /// An alliance drops the codes the framework no longer has.
    DropCodes,
}

/// The user's answer to an edit that breaks cases: one rule for every facet it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixChoice {
    /// Convert each value where it can be said in the new kind; mark the others unknown (or
    /// remove them when their dimension is gone).
    Convert,
    /// Mark each facet unknown (or remove it when its dimension is gone).
    MarkUnknown,
    /// Remove each facet (not covered).
    Remove,
}

impl FixChoice {
    /// The kinds of fix this choice takes for a facet, in order of preference.
    fn preference(self) -> &'static [FixKind] {
        match self {
            Self::Convert => &[FixKind::Convert, FixKind::MarkUnknown, FixKind::Remove],
            Self::MarkUnknown => &[FixKind::MarkUnknown, FixKind::Remove],
            Self::Remove => &[FixKind::Remove],
        }
    }
}

impl CaseImpact {
    /// The fixes `choice` makes of this case: for each facet the first kind it prefers that
    /// is offered, and every alliance's [`FixKind::DropCodes`].
    pub fn chosen(&self, choice: FixChoice) -> Vec<&Fix> {
        let mut out: Vec<&Fix> = Vec::new();
        for fix in &self.fixes {
            if fix.kind == FixKind::DropCodes {
                out.push(fix);
                continue;
            }
            if out.iter().any(|f| f.about == fix.about) {
                continue;
            }
            let best = choice.preference().iter().find_map(|kind| {
                self.fixes
                    .iter()
                    .find(|f| f.about == fix.about && f.kind == *kind)
            });
            out.extend(best);
        }
        out
    }
}

impl Impact {
    /// True when some broken case is offered a fix of `kind` (the editor offers the choices
    /// that do something).
    pub fn offers(&self, kind: FixKind) -> bool {
        self.broken
            .iter()
            .any(|c| c.fixes.iter().any(|f| f.kind == kind))
    }
}

/// What `edit` of `framework` would do to `cases` (those of other frameworks are ignored).
pub fn impact(
    edit: &FrameworkEdit,
    framework: &Framework,
    cases: &[&Case],
) -> Result<Impact, AuthoringError> {
    let mut after = framework.clone();
    let applied = edit.apply(&mut after)?;
    let mut out = Impact {
        rewrite: applied.rewrite.clone(),
        ..Impact::default()
    };
    for case in cases.iter().filter(|c| c.framework == framework.id) {
        let mut moved = (*case).clone();
        if let Some(r) = &applied.rewrite
            && r.apply_to_case(&mut moved)
        {
            out.rewritten.push(case.id.clone());
        }
        let before = check_case(case, Some(framework), &[]);
        let problems: Vec<Issue> = check_case(&moved, Some(&after), &[])
            .into_iter()
            .filter(|i| !before.contains(i))
            .collect();
        if problems.is_empty() {
            continue;
        }
        let fixes = fixes(&moved, framework, &after, &problems);
        out.broken.push(CaseImpact {
            case: case.id.clone(),
            problems,
            fixes,
        });
    }
    Ok(out)
}

/// The fixes for the facets and alliances `problems` point at.
fn fixes(case: &Case, before: &Framework, after: &Framework, problems: &[Issue]) -> Vec<Fix> {
    let mut out = Vec::new();
    for (dim, facet) in &case.facets {
        let prefix = format!("/facets/{dim}");
        let hit = problems.iter().any(|i| {
            i.pointer
                .strip_prefix(&prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
        if !hit {
            continue;
        }
        let set = |value: FacetValue| CaseEdit::SetFacet {
            dimension: dim.to_string(),
            value,
        };
        if let (Some(d), Some(value)) = (after.dimension(dim), &facet.value) {
            let from = before.dimension(dim).map(|d| d.kind);
            if let Some(converted) = convert(value, facet.bound, from, d, after) {
                out.push(Fix {
                    label: format!(
                        "{dim}: convert to {}: {}",
                        d.kind.name(),
                        preview(&converted)
                    ),
                    kind: FixKind::Convert,
                    about: dim.to_string(),
                    edits: vec![set(converted)],
                });
            }
            out.push(Fix {
                label: format!("{dim}: mark unknown"),
                kind: FixKind::MarkUnknown,
                about: dim.to_string(),
                edits: vec![set(FacetValue::Unknown(format!(
                    "Recorded as {} before the dimension changed; not yet restated.",
                    shown(value)
                )))],
            });
        }
        out.push(Fix {
            label: format!("{dim}: remove (not covered)"),
            kind: FixKind::Remove,
            about: dim.to_string(),
            edits: vec![set(FacetValue::NotCovered)],
        });
    }
    for a in &case.alliances {
        if let Some(fixed) = without_missing_codes(a, after) {
            out.push(Fix {
                label: format!(
                    "alliance {}: drop the codes the framework no longer has",
                    a.id
                ),
                kind: FixKind::DropCodes,
                about: a.id.to_string(),
                edits: vec![CaseEdit::EditAlliance {
                    alliance: a.id.to_string(),
                    with: Box::new(fixed),
                }],
            });
        }
    }
    out
}

fn without_missing_codes(a: &Alliance, fw: &Framework) -> Option<Alliance> {
    let mut fixed = a.clone();
    fixed.types.retain(|c| fw.code(c).is_some());
    fixed.rationale.retain(|c| fw.code(c).is_some());
    if fixed.phase.as_deref().is_some_and(|p| fw.code(p).is_none()) {
        fixed.phase = None;
    }
    (fixed != *a).then_some(fixed)
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("“{s}”"),
        other => other.to_string(),
    }
}

fn preview(value: &FacetValue) -> String {
    let bound = |b: &Option<Bound>| b.map(|b| format!("{} ", b.words())).unwrap_or_default();
    match value {
        FacetValue::Text(s) | FacetValue::Choice(s) => format!("“{s}”"),
        FacetValue::Number { value, bound: b } => format!("{}{value}", bound(b)),
        FacetValue::Year { value, bound: b } => format!("{}{value}", bound(b)),
        FacetValue::Bool(b) => b.to_string(),
        FacetValue::List(v) | FacetValue::Codes(v) => format!("{v:?}"),
        FacetValue::Unknown(r) => format!("unknown: {r}"),
        FacetValue::NotCovered => "not covered".to_owned(),
    }
}

/// The strings a value holds: itself, or its items.
fn strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Value::Number(n) => Some(vec![n.to_string()]),
        Value::Bool(b) => Some(vec![if *b { "yes" } else { "no" }.to_owned()]),
        Value::Null | Value::Object(_) => None,
    }
}

/// `value` as a value of dimension `to`, when it can be said without guessing.
/// `from` is the dimension's kind before: a codes value that stays codes keeps the codes that
/// still fit; any other value converts only if every item fits.
pub(crate) fn convert(
    value: &Value,
    bound: Option<Bound>,
    from: Option<Kind>,
    to: &Dimension,
    fw: &Framework,
) -> Option<FacetValue> {
    let one = || -> Option<String> {
        match strings(value)?.as_slice() {
            [only] => Some(only.trim().to_owned()),
            _ => None,
        }
    };
    Some(match to.kind {
        Kind::Text => FacetValue::Text(strings(value)?.join("; ")),
        Kind::List => {
            let items = match value {
                Value::String(s) => s
                    .split([';', '\n'])
                    .map(|x| x.trim().to_owned())
                    .filter(|x| !x.is_empty())
                    .collect(),
                _ => strings(value)?,
            };
            FacetValue::List(items)
        }
        Kind::Number => FacetValue::Number {
            value: value
                .as_number()
                .cloned()
                .or_else(|| parse_number(&one()?))?,
            bound,
        },
        Kind::Year => FacetValue::Year {
            value: value
                .as_i64()
                .or_else(|| {
                    value
                        .as_f64()
                        .filter(|f| f.fract() == 0.0)
                        .map(|f| f as i64)
                })
                .or_else(|| one()?.parse().ok())?,
            bound,
        },
        Kind::Bool => FacetValue::Bool(match one()?.to_lowercase().as_str() {
            "yes" | "true" => true,
            "no" | "false" => false,
            _ => return None,
        }),
        Kind::Choice => {
            let s = one()?;
            FacetValue::Choice(
                to.options
                    .iter()
                    .find(|o| o.eq_ignore_ascii_case(&s))?
                    .clone(),
            )
        }
        Kind::Codes => {
            let mut items = strings(value)?;
            let fits = |c: &String| {
                fw.code(c).is_some() && to.family.as_deref().is_none_or(|f| in_family(c, f))
            };
            if from == Some(Kind::Codes) {
                items.retain(fits);
            }
            if items.is_empty() || !items.iter().all(fits) {
                return None;
            }
            FacetValue::Codes(items)
        }
    })
}
