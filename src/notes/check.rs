//! Checking a notes file against the cases it refers to: missing cases, paragraphs and
//! dimensions, unknown codes, and highlights whose text moved or can no longer be found.

use serde::Serialize;

use crate::format::{ItemKind, NotesFile};
use crate::library::Library;
use crate::notes::anchor::{Resolution, resolve_target};

/// How a highlight re-attaches to the current case text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorState {
    /// At its recorded place.
    Exact,
    /// Found elsewhere in its paragraph, or with small changes.
    Moved,
    /// Not found: kept, shown as orphaned.
    Orphaned,
}

/// One finding about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Item id.
    pub item: String,
    /// Short kind of finding (`orphaned`, `moved`, `missing-case`, ...).
    pub kind: &'static str,
    /// Words for the user.
    pub message: String,
}

/// Where a highlight lands now, with its char range when found.
pub fn locate(
    library: &Library,
    case: &str,
    target: &crate::format::Target,
) -> (AnchorState, Option<(usize, usize)>) {
    let Some(text) = library
        .case(case)
        .and_then(|c| c.paragraph(target.paragraph.as_deref().unwrap_or_default()))
        .map(|p| p.text.as_str())
    else {
        return (AnchorState::Orphaned, None);
    };
    match resolve_target(text, target) {
        Resolution::Exact { start, end } => (AnchorState::Exact, Some((start, end))),
        Resolution::Moved { start, end } => (AnchorState::Moved, Some((start, end))),
        Resolution::Orphaned => (AnchorState::Orphaned, None),
    }
}

/// Checks every live item of `notes` against `library`.
pub fn check(notes: &NotesFile, library: &Library) -> Vec<Finding> {
    let mut out = Vec::new();
    let user_codes: std::collections::HashSet<&str> =
        notes.codes.iter().map(|c| c.id.as_str()).collect();
    for item in notes.items.iter().filter(|i| !i.deleted) {
        let mut push = |kind: &'static str, message: String| {
            out.push(Finding {
                item: item.id.clone(),
                kind,
                message,
            });
        };
        let Some(case_id) = item.case.as_deref() else {
            continue;
        };
        let Some(case) = library.case(case_id) else {
            push("missing-case", format!("case \"{case_id}\" is not loaded"));
            continue;
        };
        let fw = library.framework(&case.framework);
        for code in &item.codes {
            let known =
                user_codes.contains(code.as_str()) || fw.is_some_and(|f| f.code(code).is_some());
            if !known {
                push(
                    "unknown-code",
                    format!(
                        "code \"{code}\" is neither yours nor in framework \"{}\"",
                        case.framework
                    ),
                );
            }
        }
        let Some(target) = &item.target else { continue };
        match item.kind {
            ItemKind::Highlight => {
                let paragraph = target.paragraph.as_deref().unwrap_or_default();
                if case.paragraph(paragraph).is_none() {
                    push(
                        "orphaned",
                        format!(
                            "paragraph {paragraph} no longer exists in {case_id}; the highlight is kept as orphaned"
                        ),
                    );
                    continue;
                }
                match locate(library, case_id, target).0 {
                    AnchorState::Exact => {}
                    AnchorState::Moved => push(
                        "moved",
                        format!(
                            "\"{}\" re-attached in {case_id} {paragraph} after the text changed",
                            target.exact.as_deref().unwrap_or_default()
                        ),
                    ),
                    AnchorState::Orphaned => push(
                        "orphaned",
                        format!(
                            "\"{}\" cannot be found in {case_id} {paragraph}; the highlight is kept as orphaned",
                            target.exact.as_deref().unwrap_or_default()
                        ),
                    ),
                }
            }
            ItemKind::Note => {
                for (kind, message) in note_findings(case, fw, target) {
                    push(kind, message);
                }
            }
            ItemKind::Memo => {}
        }
    }
    out.extend(lesson_findings(notes, library));
    out
}

/// Lesson steps whose cases, paragraph, quote, dimensions or family the library lacks; the
/// finding's `item` is "<lesson id> step <n>".
fn lesson_findings(notes: &NotesFile, library: &Library) -> Vec<Finding> {
    let mut out = Vec::new();
    for lesson in &notes.lessons {
        for (si, step) in lesson.steps.iter().enumerate() {
            for (kind, message) in step_findings(step, library) {
                out.push(Finding {
                    item: format!("{} step {}", lesson.id, si + 1),
                    kind,
                    message,
                });
            }
        }
    }
    out
}

/// A lesson step's cases, paragraph, dimensions or family that the library lacks (and a
/// class step without its one case).
fn step_findings(step: &crate::format::Step, library: &Library) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if step.kind() == Some(crate::format::StepView::Class) && step.cases.len() != 1 {
        out.push((
            "class-case",
            format!(
                "a class step shows one case: give its id in cases (found {})",
                step.cases.len()
            ),
        ));
    }
    let cases: Vec<&crate::format::Case> = step
        .cases
        .iter()
        .filter_map(|id| {
            let case = library.case(id);
            if case.is_none() {
                out.push(("missing-case", format!("case \"{id}\" is not loaded")));
            }
            case
        })
        .collect();
    if let (Some(p), Some(case)) = (&step.paragraph, cases.first()) {
        match case.paragraph(p) {
            None => out.push((
                "missing-paragraph",
                format!("case \"{}\" has no paragraph {p}", case.id),
            )),
            Some(par) => {
                if let Some(q) = step.quote.as_deref().filter(|q| !par.text.contains(q)) {
                    out.push((
                        "missing-quote",
                        format!("\"{q}\" is not in {} {p}", case.id),
                    ));
                }
            }
        }
    }
    let fw = cases.first().and_then(|c| library.framework(&c.framework));
    if let Some(fw) = fw {
        for d in step.dimension_ids() {
            if fw.dimension(&d).is_none() {
                out.push((
                    "missing-dimension",
                    format!("dimension \"{d}\" is not in framework \"{}\"", fw.id),
                ));
            }
        }
        if let Some(family) = step.family.as_deref().filter(|f| fw.code(f).is_none()) {
            out.push((
                "missing-family",
                format!("code family \"{family}\" is not in framework \"{}\"", fw.id),
            ));
        }
    }
    out
}

/// A note's dimension that the framework lacks, or a question that the case lacks.
fn note_findings(
    case: &crate::format::Case,
    fw: Option<&crate::format::Framework>,
    target: &crate::format::Target,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(d) = &target.dimension
        && fw.is_some_and(|f| f.dimension(d).is_none())
    {
        out.push((
            "missing-dimension",
            format!(
                "dimension \"{d}\" is not in framework \"{}\"",
                case.framework
            ),
        ));
    }
    if let Some(q) = &target.question
        && !case.questions.iter().any(|x| x.id == q)
    {
        out.push((
            "missing-question",
            format!("case \"{}\" has no question \"{q}\"", case.id),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, LoadRequest};

    #[test]
    fn sample_notes_are_clean_and_edits_are_reported() {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let notes = (*lib.notes[0].doc).clone();
        assert_eq!(check(&notes, &lib), vec![]);
        let mut broken = notes.clone();
        let h = broken
            .items
            .iter_mut()
            .find(|i| i.kind == ItemKind::Highlight)
            .unwrap();
        h.target.as_mut().unwrap().exact = Some("text that is nowhere in the case".into());
        h.codes.push("NOPE.x".into());
        let id = h.id.clone();
        let findings = check(&broken, &lib);
        assert!(
            findings
                .iter()
                .any(|f| f.item == id && f.kind == "orphaned")
        );
        assert!(
            findings
                .iter()
                .any(|f| f.item == id && f.kind == "unknown-code")
        );
        let mut answers = crate::notes::book::NoteBook::new(notes.clone());
        answers.answer("company-a", "q1", "A real question");
        let stray = answers
            .answer("company-a", "q-none", "No such question")
            .unwrap();
        let findings = check(answers.file(), &lib);
        assert_eq!(
            findings
                .iter()
                .map(|f| (f.item.as_str(), f.kind))
                .collect::<Vec<_>>(),
            [(stray.as_str(), "missing-question")]
        );
    }

    #[test]
    fn lesson_steps_on_what_the_library_lacks_are_reported() {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let mut notes = crate::format::empty_notes(None);
        let step = |json: &str| serde_json::from_str::<crate::format::Step>(json).unwrap();
        notes.lessons.push(crate::format::Lesson {
            id: "w1".into(),
            title: "W".into(),
            steps: vec![
                step(r#"{"view": "case", "cases": ["company-a"], "paragraph": "background/p1", "quote": "founded in 1999"}"#),
                step(r#"{"view": "compare", "cases": ["company-a", "nobody"], "dimensions": ["sector", "colour"]}"#),
                step(r#"{"view": "case", "cases": ["company-b"], "paragraph": "nowhere/p9"}"#),
                step(r#"{"view": "case", "cases": ["company-b"], "paragraph": "background/p1", "quote": "not in it"}"#),
                step(r#"{"view": "matrix", "cases": ["company-a"], "family": "NOPE", "dimension": "rationale"}"#),
                step(r#"{"view": "class", "cases": ["company-a"]}"#),
                step(r#"{"view": "class"}"#),
                step(r#"{"view": "class", "cases": ["nobody"]}"#),
            ],
        });
        let found: Vec<(String, &str)> = check(&notes, &lib)
            .into_iter()
            .map(|f| (f.item, f.kind))
            .collect();
        let want = [
            ("w1 step 2", "missing-case"),
            ("w1 step 2", "missing-dimension"),
            ("w1 step 3", "missing-paragraph"),
            ("w1 step 4", "missing-quote"),
            ("w1 step 5", "missing-family"),
            ("w1 step 7", "class-case"),
            ("w1 step 8", "missing-case"),
        ];
        assert_eq!(
            found,
            want.map(|(i, k)| (i.to_owned(), k)),
            "the first step and a class step on a loaded case are clean; the old single dimension is checked too"
        );
    }
}
