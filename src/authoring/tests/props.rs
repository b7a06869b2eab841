//! Property tests: any sequence of edits (a) saves to bytes that reload as the same case and
//! save again to the same bytes, and (b) undone step by step gives back the original bytes
//! (and redone, the edited ones).

use proptest::prelude::*;

use super::{context, draft, framework};
use crate::authoring::{CaseDraft, CaseEdit, DraftFile, EvidenceOwner, FacetValue, MetaList};
use crate::format::{Audience, Evidence, Kind};

/// An edit described by numbers and text, turned into a real edit against the draft's state
/// when it is applied (indices wrap around what exists).
#[derive(Debug, Clone)]
enum Op {
    Title(String),
    Subtitle(String),
    Tags(Vec<String>),
    AddSource(String),
    RemoveSource(usize),
    AddSection(usize, String),
    RenameSection(usize, String),
    MoveSection(usize, usize),
    DeleteSection(usize),
    EditText(usize, usize, String),
    Split(usize, usize, usize),
    Merge(usize, usize),
    MoveParagraph(usize, usize, usize, usize),
    AddParagraph(usize, usize, String),
    DeleteParagraph(usize, usize),
    SetFacet(usize, u8, String),
    AddEvidence(usize, usize, usize, usize),
    RemoveEvidence(usize, usize),
    AddQuestion(String, bool),
    DeleteQuestion(usize),
}

/// Text with what JSON must escape, non-ASCII and line breaks.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z é\"\\\\\n\t\u{1F600}/-]{0,14}"
}

fn op() -> impl Strategy<Value = Op> {
    let n = || 0usize..12;
    prop_oneof![
        text().prop_map(Op::Title),
        text().prop_map(Op::Subtitle),
        prop::collection::vec(text(), 0..3).prop_map(Op::Tags),
        text().prop_map(Op::AddSource),
        n().prop_map(Op::RemoveSource),
        (n(), text()).prop_map(|(a, t)| Op::AddSection(a, t)),
        (n(), text()).prop_map(|(a, t)| Op::RenameSection(a, t)),
        (n(), n()).prop_map(|(a, b)| Op::MoveSection(a, b)),
        n().prop_map(Op::DeleteSection),
        (n(), n(), text()).prop_map(|(a, b, t)| Op::EditText(a, b, t)),
        (n(), n(), 0usize..200).prop_map(|(a, b, c)| Op::Split(a, b, c)),
        (n(), n()).prop_map(|(a, b)| Op::Merge(a, b)),
        (n(), n(), n(), n()).prop_map(|(a, b, c, d)| Op::MoveParagraph(a, b, c, d)),
        (n(), n(), text()).prop_map(|(a, b, t)| Op::AddParagraph(a, b, t)),
        (n(), n()).prop_map(|(a, b)| Op::DeleteParagraph(a, b)),
        (0usize..40, 0u8..4, text()).prop_map(|(a, b, t)| Op::SetFacet(a, b, t)),
        (0usize..40, n(), n(), n()).prop_map(|(a, b, c, d)| Op::AddEvidence(a, b, c, d)),
        (0usize..40, n()).prop_map(|(a, b)| Op::RemoveEvidence(a, b)),
        (text(), any::<bool>()).prop_map(|(t, b)| Op::AddQuestion(t, b)),
        n().prop_map(Op::DeleteQuestion),
    ]
}

/// The `i`th (wrapping) element's id, if there are any.
fn pick<T>(items: &[T], i: usize, id: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return "missing".to_owned();
    }
    id(&items[i % items.len()])
}

/// The paragraph `(section, paragraph)` chosen by two numbers.
fn paragraph(d: &CaseDraft, s: usize, p: usize) -> (String, String) {
    let sections = &d.doc().sections;
    if sections.is_empty() {
        return ("missing".into(), "missing".into());
    }
    let section = &sections[s % sections.len()];
    (
        section.id.to_string(),
        pick(&section.paragraphs, p, |x| x.id.to_string()),
    )
}

/// A value for the `i`th dimension of the framework, of its kind, from `t`.
fn facet(i: usize, variant: u8, t: &str) -> (String, FacetValue) {
    let fw = framework();
    let dims: Vec<_> = fw.dimensions().map(|(_, d)| d.clone()).collect();
    let d = &dims[i % dims.len()];
    let len = t.chars().count();
    let value = match (variant, d.kind) {
        (0, _) => FacetValue::NotCovered,
        (1, _) => FacetValue::Unknown(t.to_owned()),
        (_, Kind::Text) => FacetValue::Text(t.to_owned()),
        (_, Kind::Number) => FacetValue::Number {
            value: serde_json::Number::from_f64(len as f64 / 4.0).unwrap_or(0.into()),
            bound: None,
        },
        (_, Kind::Year) => FacetValue::Year {
            value: 1990 + len as i64,
            bound: None,
        },
        (_, Kind::Bool) => FacetValue::Bool(len.is_multiple_of(2)),
        (_, Kind::List) => FacetValue::List(t.split(' ').map(str::to_owned).collect()),
        (_, Kind::Choice) => FacetValue::Choice(d.options[len % d.options.len()].clone()),
        (_, Kind::Codes) => FacetValue::Codes(d.family.iter().cloned().collect()),
    };
    (d.id.clone(), value)
}

fn dimension_id(i: usize) -> String {
    let fw = framework();
    let dims: Vec<_> = fw.dimensions().map(|(_, d)| d.id.clone()).collect();
    dims[i % dims.len()].clone()
}

fn edit(d: &CaseDraft, op: &Op) -> CaseEdit {
    if let Some(e) = paragraph_edit(d, op) {
        return e;
    }
    let section = |i: usize| pick(&d.doc().sections, i, |s| s.id.to_string());
    match op.clone() {
        Op::Title(t) => CaseEdit::SetTitle(t),
        Op::Subtitle(t) => CaseEdit::SetSubtitle(Some(t)),
        Op::Tags(values) => CaseEdit::SetMetaList {
            field: MetaList::Tags,
            values,
        },
        Op::AddSource(citation) => CaseEdit::AddSource {
            id: None,
            citation,
            url: None,
        },
        Op::RemoveSource(i) => CaseEdit::RemoveSource {
            source: pick(&d.doc().meta.sources, i, |s| s.id.to_string()),
        },
        Op::AddSection(at, title) => CaseEdit::AddSection {
            at,
            id: None,
            title,
        },
        Op::RenameSection(i, title) => CaseEdit::RenameSection {
            section: section(i),
            title,
        },
        Op::MoveSection(i, to) => CaseEdit::MoveSection {
            section: section(i),
            to,
        },
        Op::DeleteSection(i) => CaseEdit::DeleteSection {
            section: section(i),
        },
        Op::SetFacet(i, v, t) => {
            let (dimension, value) = facet(i, v, &t);
            CaseEdit::SetFacet { dimension, value }
        }
        Op::AddEvidence(i, s, p, len) => {
            let (section, paragraph) = paragraph(d, s, p);
            let address = format!("{section}/{paragraph}");
            let quote = d
                .doc()
                .paragraph(&address)
                .map(|x| x.text.chars().take(len).collect());
            CaseEdit::AddEvidence {
                to: EvidenceOwner::Facet(dimension_id(i)),
                evidence: Evidence {
                    reference: Some(address.into()),
                    quote,
                    source: None,
                },
            }
        }
        Op::RemoveEvidence(i, index) => CaseEdit::RemoveEvidence {
            from: EvidenceOwner::Facet(dimension_id(i)),
            index,
        },
        Op::AddQuestion(text, instructor) => CaseEdit::AddQuestion {
            text,
            audience: if instructor {
                Audience::Instructor
            } else {
                Audience::Student
            },
        },
        Op::DeleteQuestion(i) => CaseEdit::DeleteQuestion {
            question: pick(&d.doc().questions, i, |q| q.id.to_string()),
        },
        // The paragraph edits, made above.
        _ => CaseEdit::SetTitle(String::new()),
    }
}

fn paragraph_edit(d: &CaseDraft, op: &Op) -> Option<CaseEdit> {
    let section = |i: usize| pick(&d.doc().sections, i, |s| s.id.to_string());
    Some(match op.clone() {
        Op::EditText(s, p, text) => {
            let (section, paragraph) = paragraph(d, s, p);
            CaseEdit::EditParagraph {
                section,
                paragraph,
                text,
            }
        }
        Op::Split(s, p, at) => {
            let (section, paragraph) = paragraph(d, s, p);
            CaseEdit::SplitParagraph {
                section,
                paragraph,
                at,
            }
        }
        Op::Merge(s, p) => {
            let (section, paragraph) = paragraph(d, s, p);
            CaseEdit::MergeWithNext { section, paragraph }
        }
        Op::MoveParagraph(s, p, t, to) => {
            let (section, paragraph) = paragraph(d, s, p);
            CaseEdit::MoveParagraph {
                section,
                paragraph,
                to_section: section_id(d, t),
                to,
            }
        }
        Op::AddParagraph(s, at, text) => CaseEdit::AddParagraph {
            section: section(s),
            at,
            text,
        },
        Op::DeleteParagraph(s, p) => {
            let (section, paragraph) = paragraph(d, s, p);
            CaseEdit::DeleteParagraph { section, paragraph }
        }
        _ => return None,
    })
}

fn section_id(d: &CaseDraft, i: usize) -> String {
    pick(&d.doc().sections, i, |s| s.id.to_string())
}

/// Applies `ops` to Company A; returns the draft and how many undo steps they made.
fn edited(ops: &[Op]) -> (CaseDraft, usize) {
    let mut d = draft("company-a");
    let mut steps = 0;
    for op in ops {
        let e = edit(&d, op);
        let before = d.state();
        if d.apply(&e).is_ok() && d.state() != before {
            steps += 1;
        }
    }
    (d, steps)
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(Some(64)))]

    /// What is saved reloads as the same case, and saves again to the same bytes.
    #[test]
    fn saving_and_reloading_an_edited_case_gives_the_same_case(ops in prop::collection::vec(op(), 1..25)) {
        let (d, _) = edited(&ops);
        let text = d.to_text(false).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = CaseDraft::from_bytes(DraftFile::New, text.as_bytes(), context())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(again.doc(), d.doc());
        prop_assert_eq!(again.to_text(false).ok(), Some(text));
    }

    /// As many undos as edits give back the original bytes; as many redos, the edited ones.
    #[test]
    fn any_edits_then_as_many_undos_give_back_the_original_bytes(ops in prop::collection::vec(op(), 1..25)) {
        let original = draft("company-a").to_text(false).ok();
        let (mut d, steps) = edited(&ops);
        let edited_text = d.to_text(false).ok();
        for _ in 0..steps {
            prop_assert!(d.undo().is_some());
        }
        prop_assert!(d.undo().is_none(), "no more steps than edits");
        prop_assert_eq!(d.to_text(false).ok(), original);
        prop_assert!(!d.is_modified());
        for _ in 0..steps {
            prop_assert!(d.redo().is_some());
        }
        prop_assert_eq!(d.to_text(false).ok(), edited_text);
    }
}
