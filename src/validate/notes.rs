//! Checks of a notes file on its own (the cases it refers to are checked by `notes check`).

use std::collections::{HashMap, HashSet};

use super::{CodeRef, Issue, Issues, check_codes};
use crate::format::{ItemKind, NotesFile, is_valid_code_id, is_valid_uuid};

/// One notes item: id, times, codes, and the target its kind needs.
fn check_item(out: &mut Issues, ip: &str, item: &crate::format::Item, user_codes: &HashSet<&str>) {
    if !is_valid_uuid(&item.id) {
        out.at(
            format!("{ip}/id"),
            format!("item id \"{}\" is not a UUID", item.id),
        );
    }
    for (field, v) in [("created", &item.created), ("modified", &item.modified)] {
        if !is_timestamp(v) {
            out.at(
                format!("{ip}/{field}"),
                format!("\"{v}\" is not an RFC 3339 time such as 2026-11-23T09:00:00Z"),
            );
        }
    }
    for (i, code) in item.codes.iter().enumerate() {
        if code.starts_with("USER.") && !user_codes.contains(code.as_str()) {
            out.at(
                format!("{ip}/codes/{i}"),
                format!("user code \"{code}\" is not defined in `codes`"),
            );
        } else if !is_valid_code_id(code) {
            out.at(
                format!("{ip}/codes/{i}"),
                format!("\"{code}\" is not a code id"),
            );
        }
    }
    check_target(out, ip, item);
}

/// The target of a notes item, as its kind needs it.
fn check_target(out: &mut Issues, ip: &str, item: &crate::format::Item) {
    let target = item.target.as_ref();
    match item.kind {
        ItemKind::Highlight => {
            if item.case.is_none() {
                out.at(ip, "a highlight names its `case`");
            }
            match target {
                Some(t)
                    if t.paragraph.is_some()
                        && t.exact.as_deref().is_some_and(|e| !e.is_empty()) =>
                {
                    if t.dimension.is_some() {
                        out.at(
                            format!("{ip}/target/dimension"),
                            "a highlight targets a text span, not a dimension",
                        );
                    }
                    if t.question.is_some() {
                        out.at(
                            format!("{ip}/target/question"),
                            "a highlight targets a text span, not a question",
                        );
                    }
                    for (field, v) in [("prefix", &t.prefix), ("suffix", &t.suffix)] {
                        if v.as_ref().is_some_and(|s| s.chars().count() > 32) {
                            out.at(
                                format!("{ip}/target/{field}"),
                                format!("`{field}` holds at most 32 characters"),
                            );
                        }
                    }
                    if let (Some(s), Some(e)) = (t.start, t.end)
                        && s > e
                    {
                        out.at(format!("{ip}/target/start"), "`start` is after `end`");
                    }
                }
                _ => out.at(
                    ip,
                    "a highlight needs a target with `paragraph` and a non-empty `exact`",
                ),
            }
        }
        ItemKind::Note => {
            if item.case.is_none() {
                out.at(ip, "a note names its `case`");
            }
            if let Some(t) = target
                && !is_note_target(t)
            {
                out.at(
                    format!("{ip}/target"),
                    "a note's target is {\"dimension\": id} (a cell), {\"question\": id} (an answer), or absent for the whole case",
                );
            }
        }
        ItemKind::Memo => {
            if target.is_some() {
                out.at(format!("{ip}/target"), "a memo has no target");
            }
        }
    }
}

/// A note's target holds exactly one of `dimension` and `question`, and nothing of a span.
fn is_note_target(t: &crate::format::Target) -> bool {
    let span = t.paragraph.is_some()
        || t.exact.is_some()
        || t.prefix.is_some()
        || t.suffix.is_some()
        || t.start.is_some()
        || t.end.is_some();
    !span && (t.dimension.is_some() != t.question.is_some())
}

/// Checks a notes file on its own (the cases it refers to are checked by `notes check`).
pub fn check_notes(notes: &NotesFile) -> Vec<Issue> {
    let mut out = Issues::default();
    let user_codes: HashSet<&str> = notes.codes.iter().map(|c| c.id.as_str()).collect();
    let list: Vec<CodeRef<'_>> = notes
        .codes
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref(), c.color.as_deref()))
        .collect();
    check_codes(&mut out, &list, &user_codes, true);
    for (field, value) in [("created", &notes.created), ("modified", &notes.modified)] {
        if let Some(v) = value
            && !is_timestamp(v)
        {
            out.at(
                format!("/{field}"),
                format!("\"{v}\" is not an RFC 3339 time such as 2026-11-23T09:00:00Z"),
            );
        }
    }
    let mut items = HashMap::new();
    for (ii, item) in notes.items.iter().enumerate() {
        let ip = format!("/items/{ii}");
        out.unique(
            &mut items,
            &item.id,
            move || format!("/items/{ii}/id"),
            "item",
        );
        check_item(&mut out, &ip, item, &user_codes);
    }
    let mut lessons = HashMap::new();
    for (li, lesson) in notes.lessons.iter().enumerate() {
        out.id(|| format!("/lessons/{li}/id"), "lesson", &lesson.id);
        out.unique(
            &mut lessons,
            &lesson.id,
            move || format!("/lessons/{li}/id"),
            "lesson",
        );
        for (si, step) in lesson.steps.iter().enumerate() {
            if !matches!(
                step.view.as_str(),
                "case" | "compare" | "matrix" | "alliances" | "class"
            ) {
                out.at(
                    format!("/lessons/{li}/steps/{si}/view"),
                    format!(
                        "view \"{}\" is not one of case, compare, matrix, alliances, class",
                        step.view
                    ),
                );
            }
            if step.view == "class" && step.cases.len() != 1 {
                out.at(
                    format!("/lessons/{li}/steps/{si}/cases"),
                    format!(
                        "a class step shows one case: give its id in cases (found {})",
                        step.cases.len()
                    ),
                );
            }
            if step.reveal && step.view != "compare" {
                out.at(
                    format!("/lessons/{li}/steps/{si}/reveal"),
                    "only a compare step reveals its rows one at a time".to_owned(),
                );
            }
        }
    }
    out.0
}

/// Loose RFC 3339 check: `YYYY-MM-DDTHH:MM:SS` then fraction and zone.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (s.ends_with('Z') || s.ends_with('z') || s[19..].contains('+') || s[19..].contains('-'))
}
