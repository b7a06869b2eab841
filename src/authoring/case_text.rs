//! Case edits that make or move things with ids: sections, paragraphs, alliances, questions.
//!
//! Paragraph ids are never renumbered. A new paragraph gets `p` plus one more than the highest
//! number its section uses, in its paragraphs or in evidence still pointing into it, so an id
//! that evidence (or a reader's highlight) once named is not handed to other text.

use super::AuthoringError;
use super::ids::{check_id, fresh_id, next_id, non_blank, taken};
use crate::format::{Alliance, Case, Evidence, Paragraph, Question, Section};

pub(crate) fn section_index(case: &Case, section: &str) -> Result<usize, AuthoringError> {
    case.sections
        .iter()
        .position(|s| s.id == section)
        .ok_or_else(|| AuthoringError::missing("section", section))
}

pub(crate) fn paragraph_index(
    case: &Case,
    section: &str,
    paragraph: &str,
) -> Result<(usize, usize), AuthoringError> {
    let si = section_index(case, section)?;
    let pi = case.sections[si]
        .paragraphs
        .iter()
        .position(|p| p.id == paragraph)
        .ok_or_else(|| AuthoringError::missing("paragraph", format!("{section}/{paragraph}")))?;
    Ok((si, pi))
}

pub(crate) fn alliance_index(case: &Case, alliance: &str) -> Result<usize, AuthoringError> {
    case.alliances
        .iter()
        .position(|a| a.id == alliance)
        .ok_or_else(|| AuthoringError::missing("alliance", alliance))
}

pub(crate) fn question_mut<'a>(
    case: &'a mut Case,
    question: &str,
) -> Result<&'a mut Question, AuthoringError> {
    case.questions
        .iter_mut()
        .find(|q| q.id == question)
        .ok_or_else(|| AuthoringError::missing("question", question))
}

/// Every piece of evidence in the case (facets and alliances).
fn all_evidence(case: &mut Case) -> impl Iterator<Item = &mut Evidence> {
    case.facets
        .values_mut()
        .flat_map(|f| f.evidence.iter_mut())
        .chain(
            case.alliances
                .iter_mut()
                .flat_map(|a| a.evidence.iter_mut()),
        )
}

/// The next `pN` of section `si`: past every id its paragraphs and evidence use.
pub(crate) fn next_paragraph_id(case: &Case, si: usize) -> String {
    let section = &case.sections[si];
    let prefix = format!("{}/", section.id);
    let referenced = case
        .facets
        .values()
        .flat_map(|f| f.evidence.iter())
        .chain(case.alliances.iter().flat_map(|a| a.evidence.iter()))
        .filter_map(|e| e.reference.as_deref()?.strip_prefix(prefix.as_str()));
    next_id(
        "p",
        section
            .paragraphs
            .iter()
            .map(|p| p.id.as_str())
            .chain(referenced),
    )
}

pub(crate) fn add_section(
    case: &mut Case,
    at: usize,
    id: Option<&str>,
    title: &str,
) -> Result<String, AuthoringError> {
    let id = fresh_id("section", id, title, |id| {
        case.sections.iter().any(|s| s.id == id)
    })?;
    let at = at.min(case.sections.len());
    case.sections.insert(
        at,
        Section {
            id: id.as_str().into(),
            title: title.to_owned(),
            paragraphs: vec![Paragraph {
                id: "p1".into(),
                text: String::new(),
            }],
        },
    );
    Ok(id)
}

/// Points evidence at `from` (`section/paragraph`) to `to` when `moves` says so.
fn repoint(case: &mut Case, from: &str, to: &str, moves: impl Fn(&Evidence) -> bool) {
    for e in all_evidence(case) {
        if e.reference.as_deref() == Some(from) && moves(e) {
            e.reference = Some(to.into());
        }
    }
}

pub(crate) fn split(
    case: &mut Case,
    section: &str,
    paragraph: &str,
    at: usize,
) -> Result<String, AuthoringError> {
    let (si, pi) = paragraph_index(case, section, paragraph)?;
    let text = &case.sections[si].paragraphs[pi].text;
    let Some(cut) = byte_offset(text, at) else {
        return Err(AuthoringError::Invalid(format!(
            "cannot split {section}/{paragraph} at character {at}: it has {} characters",
            text.chars().count()
        )));
    };
    let first = text[..cut].trim_end().to_owned();
    let second = text[cut..].trim_start().to_owned();
    let id = next_paragraph_id(case, si);
    let s = &mut case.sections[si];
    s.paragraphs[pi].text.clone_from(&first);
    s.paragraphs.insert(
        pi + 1,
        Paragraph {
            id: id.as_str().into(),
            text: second.clone(),
        },
    );
    repoint(
        case,
        &format!("{section}/{paragraph}"),
        &format!("{section}/{id}"),
        |e| {
            e.quote
                .as_deref()
                .is_some_and(|q| !first.contains(q) && second.contains(q))
        },
    );
    Ok(id)
}

/// The byte offset of char `at` in `text` (the end counts), if there is one.
fn byte_offset(text: &str, at: usize) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(at)
}

pub(crate) fn merge_with_next(
    case: &mut Case,
    section: &str,
    paragraph: &str,
) -> Result<(), AuthoringError> {
    let (si, pi) = paragraph_index(case, section, paragraph)?;
    let s = &mut case.sections[si];
    if pi + 1 >= s.paragraphs.len() {
        return Err(AuthoringError::Invalid(format!(
            "{section}/{paragraph} is the last paragraph of its section: there is none to merge it with"
        )));
    }
    let next = s.paragraphs.remove(pi + 1);
    let first = &mut s.paragraphs[pi].text;
    *first = join(first, &next.text);
    repoint(
        case,
        &format!("{section}/{}", next.id),
        &format!("{section}/{paragraph}"),
        |_| true,
    );
    Ok(())
}

/// Two paragraphs' texts as one: a space between them, a line break next to a list line.
fn join(a: &str, b: &str) -> String {
    if a.is_empty() || b.is_empty() {
        return format!("{a}{b}");
    }
    let is_list = |line: &str| line.trim_start().starts_with("- ");
    let list = is_list(b.lines().next().unwrap_or_default())
        || is_list(a.lines().last().unwrap_or_default());
    format!("{a}{}{b}", if list { "\n" } else { " " })
}

pub(crate) fn move_paragraph(
    case: &mut Case,
    section: &str,
    paragraph: &str,
    to_section: &str,
    to: usize,
) -> Result<String, AuthoringError> {
    let (si, pi) = paragraph_index(case, section, paragraph)?;
    let ti = section_index(case, to_section)?;
    let mut p = case.sections[si].paragraphs.remove(pi);
    if si != ti {
        let address = format!("{to_section}/{}", p.id);
        let free = !case.sections[ti].paragraphs.iter().any(|q| q.id == p.id)
            && !case
                .facets
                .values()
                .flat_map(|f| f.evidence.iter())
                .chain(case.alliances.iter().flat_map(|a| a.evidence.iter()))
                .any(|e| e.reference.as_deref() == Some(address.as_str()));
        if !free {
            p.id = next_paragraph_id(case, ti).into();
        }
        repoint(
            case,
            &format!("{section}/{paragraph}"),
            &format!("{to_section}/{}", p.id),
            |_| true,
        );
    }
    let id = p.id.to_string();
    let target = &mut case.sections[ti].paragraphs;
    target.insert(to.min(target.len()), p);
    Ok(id)
}

pub(crate) fn add_alliance(case: &mut Case, alliance: &Alliance) -> Result<String, AuthoringError> {
    let mut a = alliance.clone();
    if a.id.trim().is_empty() {
        a.id = next_id("a", case.alliances.iter().map(|x| x.id.as_str())).into();
    } else {
        check_id("alliance", &a.id)?;
        if case.alliances.iter().any(|x| x.id == a.id) {
            return Err(taken("alliance", &a.id));
        }
    }
    a.summary = non_blank(a.summary.as_deref());
    let id = a.id.to_string();
    case.alliances.push(a);
    Ok(id)
}
