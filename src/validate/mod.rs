//! Checks beyond the types: ids, uniqueness, references, quotes, value kinds and codes.
//!
//! Each check returns every [`Issue`] it finds (not only the first), addressed by JSON pointer
//! so the caller can turn it into a line and column with the file's position index.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::format::framework::in_family;
use crate::format::{
    Case, Evidence, Framework, ItemKind, Kind, NotesFile, is_valid_code_id, is_valid_color,
    is_valid_id, is_valid_uuid,
};

/// One problem, addressed by JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// RFC 6901 pointer to the offending value.
    pub pointer: String,
    /// True when the offending thing is the member's key rather than its value.
    pub at_key: bool,
    /// What is wrong.
    pub message: String,
}

#[derive(Default)]
struct Issues(Vec<Issue>);

impl Issues {
    fn at(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            pointer: pointer.into(),
            at_key: false,
            message: message.into(),
        });
    }

    fn at_key(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            pointer: pointer.into(),
            at_key: true,
            message: message.into(),
        });
    }

    fn id(&mut self, pointer: impl FnOnce() -> String, what: &str, id: &str) {
        if !is_valid_id(id) {
            self.at(
                pointer(),
                format!("{what} id \"{id}\" is not valid: use 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"),
            );
        }
    }

    /// Records ids and reports the second and later occurrences.
    fn unique<'a, P: Fn() -> String>(
        &mut self,
        seen: &mut HashMap<&'a str, P>,
        id: &'a str,
        pointer: P,
        what: &str,
    ) {
        if let Some(first) = seen.get(id) {
            self.at(
                pointer(),
                format!("duplicate {what} id \"{id}\" (first used at {})", first()),
            );
        } else {
            seen.insert(id, pointer);
        }
    }
}

fn ptr(parts: &[&str]) -> String {
    parts.iter().fold(String::new(), |acc, p| {
        crate::format::position::join(&acc, p)
    })
}

/// Checks a framework on its own.
pub fn check_framework(fw: &Framework) -> Vec<Issue> {
    let mut out = Issues::default();
    out.id(|| "/id".into(), "framework", &fw.id);
    let mut groups = HashMap::new();
    let mut dims = HashMap::new();
    let codes: HashSet<&str> = fw.codes.iter().map(|c| c.id.as_str()).collect();
    for (gi, group) in fw.groups.iter().enumerate() {
        let gp = format!("/groups/{gi}");
        out.id(|| format!("{gp}/id"), "group", &group.id);
        out.unique(
            &mut groups,
            &group.id,
            move || format!("/groups/{gi}/id"),
            "group",
        );
        for (di, dim) in group.dimensions.iter().enumerate() {
            let dp = format!("{gp}/dimensions/{di}");
            out.id(|| format!("{dp}/id"), "dimension", &dim.id);
            out.unique(
                &mut dims,
                &dim.id,
                move || format!("/groups/{gi}/dimensions/{di}/id"),
                "dimension",
            );
            match dim.kind {
                Kind::Choice if dim.options.is_empty() => {
                    out.at(
                        format!("{dp}/kind"),
                        format!(
                            "dimension \"{}\" is a choice but lists no `options`",
                            dim.id
                        ),
                    );
                }
                Kind::Choice => {
                    let mut seen = HashSet::new();
                    for (oi, o) in dim.options.iter().enumerate() {
                        if !seen.insert(o) {
                            out.at(
                                format!("{dp}/options/{oi}"),
                                format!("option \"{o}\" is listed twice"),
                            );
                        }
                    }
                }
                _ if !dim.options.is_empty() => {
                    out.at(
                        format!("{dp}/options"),
                        format!(
                            "only choice dimensions have `options`; \"{}\" is not a choice",
                            dim.id
                        ),
                    );
                }
                _ => {}
            }
            if let Some(family) = &dim.family {
                if dim.kind != Kind::Codes {
                    out.at(
                        format!("{dp}/family"),
                        format!(
                            "only codes dimensions have a `family`; \"{}\" is not of kind codes",
                            dim.id
                        ),
                    );
                } else if !codes.contains(family.as_str()) {
                    out.at(
                        format!("{dp}/family"),
                        format!("family \"{family}\" is not a code of this framework"),
                    );
                }
            }
        }
    }
    let list: Vec<CodeRef<'_>> = fw
        .codes
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref(), c.color.as_deref()))
        .collect();
    check_codes(&mut out, &list, &codes, false);
    out.0
}

/// (id, parent, color) of a framework or user code.
type CodeRef<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

/// Checks every code of a `/codes` array and that ids are unique.
fn check_codes(out: &mut Issues, codes: &[CodeRef<'_>], known: &HashSet<&str>, user: bool) {
    let mut seen = HashMap::new();
    for (ci, (id, parent, color)) in codes.iter().enumerate() {
        let cp = format!("/codes/{ci}");
        check_code(out, &cp, id, *parent, *color, known, user);
        out.unique(&mut seen, id, move || format!("/codes/{ci}/id"), "code");
    }
}

fn check_code(
    out: &mut Issues,
    cp: &str,
    id: &str,
    parent: Option<&str>,
    color: Option<&str>,
    known: &HashSet<&str>,
    user: bool,
) {
    if !is_valid_code_id(id) {
        out.at(format!("{cp}/id"), format!("code id \"{id}\" is not valid: use dotted parts of letters, digits and '-' (e.g. RAT.market-access)"));
    }
    if user && !id.starts_with("USER.") {
        out.at(
            format!("{cp}/id"),
            format!("user code id \"{id}\" must start with `USER.`"),
        );
    }
    let expected_parent = id.rsplit_once('.').map(|(p, _)| p);
    match (parent, expected_parent) {
        (Some(p), _) if !(known.contains(p) || (user && p == "USER")) => {
            out.at(
                format!("{cp}/parent"),
                format!("parent code \"{p}\" does not exist"),
            );
        }
        (Some(p), Some(e)) if p != e => {
            out.at(
                format!("{cp}/parent"),
                format!(
                    "parent of \"{id}\" must be \"{e}\" (the id without its last part), not \"{p}\""
                ),
            );
        }
        (Some(p), None) => out.at(
            format!("{cp}/parent"),
            format!("\"{id}\" is a top-level code and cannot have parent \"{p}\""),
        ),
        (None, Some(e)) if !user && known.contains(e) => {
            out.at(
                format!("{cp}/id"),
                format!(
                    "code \"{id}\" lies under \"{e}\" but has no `parent`: add \"parent\": \"{e}\""
                ),
            );
        }
        (None, Some(e)) if !user => out.at(
            format!("{cp}/id"),
            format!("code \"{id}\" needs its parent code \"{e}\", which does not exist"),
        ),
        _ => {}
    }
    if let Some(c) = color
        && !is_valid_color(c)
    {
        out.at(
            format!("{cp}/color"),
            format!("color \"{c}\" is not of the form #rrggbb"),
        );
    }
}

/// Checks a case; `framework` is `None` when the named framework is not loaded.
pub fn check_case(
    case: &Case,
    framework: Option<&Framework>,
    known_frameworks: &[&str],
) -> Vec<Issue> {
    let mut out = Issues::default();
    out.id(|| "/id".into(), "case", &case.id);
    if case.meta.sources.is_empty() {
        out.at(
            "/meta/sources",
            "a case lists at least one source in `meta.sources`",
        );
    }
    check_structure(&mut out, case);
    if framework.is_none() {
        let list = if known_frameworks.is_empty() {
            "none".to_owned()
        } else {
            known_frameworks.join(", ")
        };
        out.at(
            "/framework",
            format!(
                "unknown framework \"{}\" (loaded frameworks: {list})",
                case.framework
            ),
        );
    }
    for (dim_id, facet) in &case.facets {
        check_facet(&mut out, case, framework, dim_id, facet);
    }
    check_alliances(&mut out, case, framework);
    let mut questions = HashMap::new();
    for (qi, q) in case.questions.iter().enumerate() {
        out.id(|| format!("/questions/{qi}/id"), "question", &q.id);
        out.unique(
            &mut questions,
            &q.id,
            move || format!("/questions/{qi}/id"),
            "question",
        );
    }
    out.0
}

/// Sources, sections and paragraphs: ids well formed and unique.
fn check_structure(out: &mut Issues, case: &Case) {
    let mut sources = HashMap::new();
    for (i, s) in case.meta.sources.iter().enumerate() {
        out.id(|| format!("/meta/sources/{i}/id"), "source", &s.id);
        out.unique(
            &mut sources,
            &s.id,
            move || format!("/meta/sources/{i}/id"),
            "source",
        );
    }
    if case.sections.is_empty() {
        out.at("/sections", "a case has at least one section");
    }
    let mut sections = HashMap::new();
    for (si, s) in case.sections.iter().enumerate() {
        out.id(|| format!("/sections/{si}/id"), "section", &s.id);
        out.unique(
            &mut sections,
            &s.id,
            move || format!("/sections/{si}/id"),
            "section",
        );
        if s.paragraphs.is_empty() {
            out.at(
                format!("/sections/{si}/paragraphs"),
                format!(
                    "section \"{}\" has no paragraphs (at least one is needed)",
                    s.id
                ),
            );
        }
        let mut paras = HashMap::new();
        for (pi, p) in s.paragraphs.iter().enumerate() {
            out.id(
                || format!("/sections/{si}/paragraphs/{pi}/id"),
                "paragraph",
                &p.id,
            );
            out.unique(
                &mut paras,
                &p.id,
                move || format!("/sections/{si}/paragraphs/{pi}/id"),
                "paragraph",
            );
        }
    }
}

/// One facet: value or unknown, evidence, its value against the dimension, a bound.
fn check_facet(
    out: &mut Issues,
    case: &Case,
    framework: Option<&Framework>,
    dim_id: &str,
    facet: &crate::format::Facet,
) {
    // Pointers are only spelled out for an issue: a valid facet allocates none.
    let fp = || ptr(&["facets", dim_id]);
    let dim = framework.and_then(|f| f.dimension(dim_id));
    if let Some(fw) = framework
        && dim.is_none()
    {
        out.at_key(
            fp(),
            format!("\"{dim_id}\" is not a dimension of framework \"{}\"", fw.id),
        );
    }
    match (&facet.value, &facet.unknown) {
        (Some(_), Some(_)) => out.at(
            fp(),
            "a facet has either `value` (with `evidence`) or `unknown`, not both",
        ),
        (None, None) => out.at(
            fp(),
            "a facet needs `value` with `evidence`, or `unknown` with a reason",
        ),
        (None, Some(reason)) => {
            if reason.trim().is_empty() {
                out.at(
                    format!("{}/unknown", fp()),
                    "say why the value is unknown (the reason is empty)",
                );
            }
            if !facet.evidence.is_empty() {
                out.at(
                    format!("{}/evidence", fp()),
                    "an unknown facet has no `evidence`; put what the source says in the reason",
                );
            }
        }
        (Some(value), None) => {
            if facet.evidence.is_empty() {
                out.at(
                    fp(),
                    "a facet with a value needs at least one piece of evidence",
                );
            }
            if let (Some(dim), Some(fw)) = (dim, framework) {
                check_value(out, &|| format!("{}/value", fp()), value, dim, fw);
            }
        }
    }
    if facet.bound.is_some() {
        let bp = format!("{}/bound", fp());
        if facet.value.is_none() {
            out.at(
                bp,
                "a `bound` qualifies a value; a facet without a value has no bound",
            );
        } else if let Some(dim) = dim
            && !matches!(dim.kind, Kind::Number | Kind::Year)
        {
            let kind = format!("{:?}", dim.kind).to_lowercase();
            out.at(
                bp,
                format!(
                    "only number and year dimensions take a `bound`; \"{dim_id}\" is of kind {kind}"
                ),
            );
        }
    }
    check_evidence(out, case, &fp, &facet.evidence);
}

/// Alliances: ids, codes that exist, evidence.
fn check_alliances(out: &mut Issues, case: &Case, framework: Option<&Framework>) {
    let mut alliances = HashMap::new();
    for (ai, a) in case.alliances.iter().enumerate() {
        let ap = format!("/alliances/{ai}");
        out.id(|| format!("{ap}/id"), "alliance", &a.id);
        out.unique(
            &mut alliances,
            &a.id,
            move || format!("/alliances/{ai}/id"),
            "alliance",
        );
        if let Some(fw) = framework {
            for (field, list) in [("types", &a.types), ("rationale", &a.rationale)] {
                for (i, code) in list.iter().enumerate() {
                    if fw.code(code).is_none() {
                        out.at(
                            format!("{ap}/{field}/{i}"),
                            format!("code \"{code}\" does not exist in framework \"{}\"", fw.id),
                        );
                    }
                }
            }
            if let Some(phase) = &a.phase
                && fw.code(phase).is_none()
            {
                out.at(
                    format!("{ap}/phase"),
                    format!("code \"{phase}\" does not exist in framework \"{}\"", fw.id),
                );
            }
        }
        check_evidence(out, case, &|| ap.clone(), &a.evidence);
    }
}

fn check_evidence(
    out: &mut Issues,
    case: &Case,
    parent: &dyn Fn() -> String,
    evidence: &[Evidence],
) {
    for (ei, e) in evidence.iter().enumerate() {
        let ep = || format!("{}/evidence/{ei}", parent());
        match (&e.reference, &e.source) {
            (Some(_), Some(_)) => out.at(
                ep(),
                "evidence is either {\"ref\": ...} or {\"source\": ...}, not both",
            ),
            (None, None) => out.at(
                ep(),
                "evidence needs `ref` (\"section/paragraph\") or `source` (a source id)",
            ),
            (None, Some(source)) => {
                if e.quote.is_some() {
                    out.at(
                        format!("{}/quote", ep()),
                        "a quote belongs to `ref` evidence; `source` evidence has no quote",
                    );
                }
                if case.source(source).is_none() {
                    out.at(
                        format!("{}/source", ep()),
                        format!("source \"{source}\" is referenced but not listed in meta.sources"),
                    );
                }
            }
            (Some(reference), None) => {
                if !reference.contains('/') {
                    out.at(
                        format!("{}/ref", ep()),
                        format!("ref \"{reference}\" must be \"sectionId/paragraphId\""),
                    );
                    continue;
                }
                match case.paragraph(reference) {
                    None => out.at(
                        format!("{}/ref", ep()),
                        format!("ref \"{reference}\" does not name a paragraph of this case"),
                    ),
                    Some(p) => {
                        if let Some(q) = &e.quote
                            && memchr::memmem::find(p.text.as_bytes(), q.as_bytes()).is_none()
                        {
                            out.at(
                                format!("{}/quote", ep()),
                                format!(
                                    "quote \"{}\" does not occur in paragraph {reference}",
                                    shorten(q)
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s.to_owned()
    }
}

fn check_value(
    out: &mut Issues,
    vp: &dyn Fn() -> String,
    value: &Value,
    dim: &crate::format::Dimension,
    fw: &Framework,
) {
    let bad = |out: &mut Issues| {
        out.at(
            vp(),
            format!(
                "dimension \"{}\" is of kind {:?}: its value must be {}",
                dim.id,
                dim.kind,
                dim.kind.expected()
            )
            .replace("kind Text", "kind text"),
        );
    };
    let scalar_ok = match dim.kind {
        Kind::Text => value.is_string(),
        Kind::Number => value.is_number(),
        Kind::Year => value.is_i64() || value.is_u64(),
        Kind::Bool => value.is_boolean(),
        Kind::List | Kind::Choice | Kind::Codes => true,
    };
    if !scalar_ok {
        bad(out);
        return;
    }
    match dim.kind {
        Kind::Text | Kind::Number | Kind::Year | Kind::Bool => {}
        Kind::List => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.is_string() {
                        out.at(
                            format!("{}/{i}", vp()),
                            format!("items of list dimension \"{}\" must be strings", dim.id),
                        );
                    }
                }
            }
            None => bad(out),
        },
        Kind::Choice => match value.as_str() {
            Some(s) if !dim.options.iter().any(|o| o == s) => {
                out.at(
                    vp(),
                    format!(
                        "\"{s}\" is not an option of \"{}\" (options: {})",
                        dim.id,
                        dim.options.join(", ")
                    ),
                );
            }
            Some(_) => {}
            None => bad(out),
        },
        Kind::Codes => match value.as_array() {
            Some(items) => check_code_values(out, vp, items, dim, fw),
            None => bad(out),
        },
    }
}

/// The items of a `codes` value: strings naming codes of the framework, in the family.
fn check_code_values(
    out: &mut Issues,
    vp: &dyn Fn() -> String,
    items: &[Value],
    dim: &crate::format::Dimension,
    fw: &Framework,
) {
    for (i, item) in items.iter().enumerate() {
        let ip = || format!("{}/{i}", vp());
        let Some(code) = item.as_str() else {
            out.at(ip(), "code ids are strings");
            continue;
        };
        if fw.code(code).is_none() {
            out.at(
                ip(),
                format!("code \"{code}\" does not exist in framework \"{}\"", fw.id),
            );
        } else if let Some(family) = &dim.family
            && !in_family(code, family)
        {
            out.at(
                ip(),
                format!(
                    "code \"{code}\" is not in family \"{family}\" required by dimension \"{}\"",
                    dim.id
                ),
            );
        }
    }
}

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

#[cfg(test)]
mod tests;
