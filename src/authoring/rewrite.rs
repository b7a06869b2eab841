//! Renaming a code or dimension id of a framework everywhere it is used: the facets and
//! alliances of its cases, and the user's notes (items' codes, cell notes, lesson steps).
//!
//! A framework edit that renames an id returns a [`Rewrite`]; the UI applies it to each loaded
//! case draft as [`super::CaseEdit::Rewrite`] (undoable there) and to the notebook with
//! [`Rewrite::apply_to_notes`] (undoable as one notebook change). [`Rewrite::inverse`] undoes
//! it anywhere it was applied.

use crate::format::{Case, NotesFile, now};

/// An id renamed in a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewrite {
    /// A code and every code under it (`RAT.x` to `RAT.y` also renames `RAT.x.a`).
    Code {
        /// The old id.
        from: String,
        /// The new id.
        to: String,
        /// The framework's `codes` dimensions, whose facet values hold code ids.
        dimensions: Vec<String>,
    },
    /// A dimension.
    Dimension {
        /// The old id.
        from: String,
        /// The new id.
        to: String,
    },
}

/// `id` with `from` (or a code under it) renamed to `to`; `None` when `id` is not affected.
pub(crate) fn renamed(id: &str, from: &str, to: &str) -> Option<String> {
    if id == from {
        return Some(to.to_owned());
    }
    let rest = id.strip_prefix(from)?.strip_prefix('.')?;
    Some(format!("{to}.{rest}"))
}

/// Renames in place; true when something changed.
fn rename_in<T>(ids: &mut [T], from: &str, to: &str) -> bool
where
    T: std::ops::Deref<Target = str> + From<String>,
{
    let mut changed = false;
    for id in ids {
        if let Some(new) = renamed(id, from, to) {
            *id = new.into();
            changed = true;
        }
    }
    changed
}

impl Rewrite {
    /// The same rename backwards.
    #[must_use]
    pub fn inverse(&self) -> Self {
        match self {
            Self::Code {
                from,
                to,
                dimensions,
            } => Self::Code {
                from: to.clone(),
                to: from.clone(),
                dimensions: dimensions.clone(),
            },
            Self::Dimension { from, to } => Self::Dimension {
                from: to.clone(),
                to: from.clone(),
            },
        }
    }

    /// What it does, in a few words.
    pub fn describe(&self) -> String {
        match self {
            Self::Code { from, to, .. } => format!("rename code {from} to {to}"),
            Self::Dimension { from, to } => format!("rename dimension {from} to {to}"),
        }
    }

    /// Applies the rename to a case; true when it changed anything.
    pub fn apply_to_case(&self, case: &mut Case) -> bool {
        match self {
            Self::Code {
                from,
                to,
                dimensions,
            } => {
                let mut changed = false;
                for (dim, facet) in &mut case.facets {
                    if !dimensions.iter().any(|d| d == dim) {
                        continue;
                    }
                    let Some(serde_json::Value::Array(items)) = &mut facet.value else {
                        continue;
                    };
                    for item in items {
                        if let Some(new) = item.as_str().and_then(|s| renamed(s, from, to)) {
                            *item = serde_json::Value::String(new);
                            changed = true;
                        }
                    }
                }
                for a in &mut case.alliances {
                    changed |= rename_in(a.types.as_mut_slice(), from, to);
                    changed |= rename_in(a.rationale.as_mut_slice(), from, to);
                    changed |= rename_in(a.phase.as_mut_slice(), from, to);
                }
                changed
            }
            Self::Dimension { from, to } => match case.facets.remove(from.as_str()) {
                Some(facet) => {
                    case.facets.insert(to.as_str().into(), facet);
                    true
                }
                None => false,
            },
        }
    }

    /// True when the rename would change `case`.
    pub fn affects_case(&self, case: &Case) -> bool {
        self.apply_to_case(&mut case.clone())
    }

    /// The user's notes with the rename applied, or `None` when nothing changes. `cases` are
    /// the ids of the cases that follow the framework: a dimension's cell notes are renamed
    /// only on those. Every changed item is stamped as modified now, so the rename wins when
    /// copies of the notes are merged.
    pub fn apply_to_notes(&self, notes: &NotesFile, cases: &[&str]) -> Option<NotesFile> {
        let mut out = notes.clone();
        let stamp = now();
        let mut changed = false;
        let ours = |case: Option<&str>| case.is_some_and(|c| cases.contains(&c));
        for item in &mut out.items {
            let hit = match self {
                Self::Code { from, to, .. } => rename_in(&mut item.codes, from, to),
                Self::Dimension { from, to } => {
                    let dimension = item.target.as_mut().and_then(|t| t.dimension.as_mut());
                    match dimension {
                        Some(d) if d == from && ours(item.case.as_deref()) => {
                            *d = to.as_str().into();
                            true
                        }
                        _ => false,
                    }
                }
            };
            if hit {
                item.modified.clone_from(&stamp);
                changed = true;
            }
        }
        for step in out.lessons.iter_mut().flat_map(|l| l.steps.iter_mut()) {
            let applies =
                step.cases.is_empty() || step.cases.iter().any(|c| cases.contains(&c.as_str()));
            changed |= match self {
                Self::Code { from, to, .. } => rename_in(step.family.as_mut_slice(), from, to),
                Self::Dimension { from, to } if applies => {
                    let mut hit = false;
                    for d in step.dimension.iter_mut().chain(step.dimensions.iter_mut()) {
                        if d == from {
                            d.clone_from(to);
                            hit = true;
                        }
                    }
                    hit
                }
                Self::Dimension { .. } => false,
            };
        }
        if changed {
            out.modified = Some(stamp.to_string());
        }
        changed.then_some(out)
    }
}
