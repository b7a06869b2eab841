//! Where in the editor a problem is: the validator addresses problems by JSON pointer
//! (`/facets/founded/evidence/0/quote`); the form needs the field (`Place::Evidence` of
//! `founded`, piece 0), by id rather than position. [`place_in_framework`] does the same for
//! the framework editor.

use crate::format::{Case, Framework};

/// The field of the case editor a problem points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A top-level field or a meta field (`title`, `meta/period`, …), as its pointer.
    Header(String),
    /// A source, by id.
    Source(String),
    /// A section (its id or title), by id.
    Section(String),
    /// A paragraph, by address (`section/paragraph`).
    Paragraph(String),
    /// A facet, by dimension id.
    Facet(String),
    /// A piece of evidence of a facet: dimension id and position.
    Evidence(String, usize),
    /// An alliance, by id.
    Alliance(String),
    /// A question, by id.
    Question(String),
    /// Nothing the form shows (the whole file).
    File,
}

/// The field of the framework editor a problem points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkPlace {
    /// The id, title or description, as its pointer (`id`, `title`).
    Header(String),
    /// A group, by id.
    Group(String),
    /// A dimension, by id.
    Dimension(String),
    /// A code, by id.
    Code(String),
    /// Nothing the form shows (the whole file).
    File,
}

/// The parts of a JSON pointer, unescaped.
fn parts(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The field `pointer` (an [`crate::validate::Issue`]'s) names in `fw`.
pub fn place_in_framework(fw: &Framework, pointer: &str) -> FrameworkPlace {
    let parts = parts(pointer);
    let index = |i: usize| parts.get(i).and_then(|p| p.parse::<usize>().ok());
    match parts.first().map(String::as_str) {
        None | Some("") => FrameworkPlace::File,
        Some("groups") => {
            let Some(group) = index(1).and_then(|i| fw.groups.get(i)) else {
                return FrameworkPlace::File;
            };
            match (parts.get(2).map(String::as_str), index(3)) {
                (Some("dimensions"), Some(di)) => group
                    .dimensions
                    .get(di)
                    .map_or(FrameworkPlace::Group(group.id.clone()), |d| {
                        FrameworkPlace::Dimension(d.id.clone())
                    }),
                _ => FrameworkPlace::Group(group.id.clone()),
            }
        }
        Some("codes") => index(1)
            .and_then(|i| fw.codes.get(i))
            .map_or(FrameworkPlace::File, |c| FrameworkPlace::Code(c.id.clone())),
        Some(_) => FrameworkPlace::Header(parts.join("/")),
    }
}

/// The field `pointer` (an [`crate::validate::Issue`]'s) names in `case`.
pub fn place(case: &Case, pointer: &str) -> Place {
    let parts = parts(pointer);
    let index = |i: usize| parts.get(i).and_then(|p| p.parse::<usize>().ok());
    let part = |i: usize| parts.get(i).map(String::as_str);
    match part(0) {
        None | Some("") => Place::File,
        Some("meta") if part(1) == Some("sources") => {
            index(2).and_then(|i| case.meta.sources.get(i)).map_or_else(
                || Place::Header("meta/sources".into()),
                |s| Place::Source(s.id.to_string()),
            )
        }
        Some("sections") => {
            let Some(s) = index(1).and_then(|i| case.sections.get(i)) else {
                return Place::File;
            };
            match (part(2), index(3).and_then(|i| s.paragraphs.get(i))) {
                (Some("paragraphs"), Some(p)) => Place::Paragraph(format!("{}/{}", s.id, p.id)),
                _ => Place::Section(s.id.to_string()),
            }
        }
        Some("facets") => {
            let dim = part(1).unwrap_or_default().to_owned();
            match (part(2), index(3)) {
                (Some("evidence"), Some(i)) => Place::Evidence(dim, i),
                _ => Place::Facet(dim),
            }
        }
        Some("alliances") => index(1)
            .and_then(|i| case.alliances.get(i))
            .map_or(Place::File, |a| Place::Alliance(a.id.to_string())),
        Some("questions") => index(1)
            .and_then(|i| case.questions.get(i))
            .map_or(Place::File, |q| Place::Question(q.id.to_string())),
        Some(_) => Place::Header(parts.join("/")),
    }
}
