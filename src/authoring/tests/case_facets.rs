//! Edits of facets, evidence, alliances and questions; typing as one undo step; what an edit
//! does to highlights; where a problem leads.

use super::case_edits::para;
use super::draft;
use crate::authoring::{AuthoringError, CaseEdit, EvidenceOwner, FacetValue, parse_number};
use crate::format::case::Bound;
use crate::format::{Alliance, AllianceStatus, Audience, Evidence};

fn set(
    d: &mut crate::authoring::CaseDraft,
    dim: &str,
    value: FacetValue,
) -> Result<crate::authoring::Applied, AuthoringError> {
    d.apply(&CaseEdit::SetFacet {
        dimension: dim.into(),
        value,
    })
}

#[test]
fn facets_of_every_kind_unknown_and_not_covered() {
    let mut d = draft("company-a");
    set(
        &mut d,
        "founded",
        FacetValue::Year {
            value: 1998,
            bound: Some(Bound::About),
        },
    )
    .unwrap();
    assert_eq!(
        d.doc().facets["founded"].evidence.len(),
        2,
        "evidence is kept"
    );
    assert_eq!(d.doc().facets["founded"].bound, Some(Bound::About));
    set(
        &mut d,
        "revenue-usd-m",
        FacetValue::Number {
            value: parse_number("12.5").unwrap(),
            bound: Some(Bound::AtLeast),
        },
    )
    .unwrap();
    assert!(
        d.problems()
            .iter()
            .any(|i| i.pointer == "/facets/revenue-usd-m"),
        "a new value needs evidence"
    );
    d.apply(&CaseEdit::AddEvidence {
        to: EvidenceOwner::Facet("revenue-usd-m".into()),
        evidence: Evidence {
            reference: None,
            quote: None,
            source: Some("seed-000".into()),
        },
    })
    .unwrap();
    set(&mut d, "headquarters", FacetValue::Text("Europe".into())).unwrap();
    set(&mut d, "founders", FacetValue::List(vec!["A".into()])).unwrap();
    set(&mut d, "exclusivity", FacetValue::Bool(false)).unwrap();
    set(
        &mut d,
        "pricing-model",
        FacetValue::Choice("per user".into()),
    )
    .unwrap();
    set(
        &mut d,
        "rationale",
        FacetValue::Codes(vec!["RAT.practice.market-access".into()]),
    )
    .unwrap();
    set(&mut d, "is-asp", FacetValue::Unknown("Not said.".into())).unwrap();
    assert!(
        d.doc().facets["is-asp"].evidence.is_empty(),
        "an unknown facet has no evidence"
    );
    set(&mut d, "key-figures", FacetValue::NotCovered).unwrap();
    assert!(!d.doc().facets.contains_key("key-figures"));
}

#[test]
fn facet_values_of_the_wrong_kind_or_dimension_are_refused_and_read_back() {
    let mut d = draft("company-a");
    set(
        &mut d,
        "pricing-model",
        FacetValue::Choice("per user".into()),
    )
    .unwrap();
    let wrong = set(&mut d, "founded", FacetValue::Text("1999".into()));
    assert!(
        matches!(wrong, Err(AuthoringError::WrongKind { .. })),
        "{wrong:?}"
    );
    let unknown_dim = set(&mut d, "no-such", FacetValue::Bool(true));
    assert!(matches!(unknown_dim, Err(AuthoringError::Missing { .. })));
    let bad_choice = set(
        &mut d,
        "delivery-model",
        FacetValue::Choice("teleport".into()),
    );
    assert!(
        bad_choice.is_ok(),
        "validation, not the edit, judges options"
    );
    assert!(
        d.problems()
            .iter()
            .any(|i| i.message.contains("not an option"))
    );
    // Read back as the editor shows them.
    let kind_of = |dim: &str| super::framework().dimension(dim).unwrap().kind;
    assert_eq!(
        FacetValue::of_facet(
            d.doc().facets.get("pricing-model"),
            kind_of("pricing-model")
        ),
        Some(FacetValue::Choice("per user".into()))
    );
    assert_eq!(
        FacetValue::of_facet(None, kind_of("founded")),
        Some(FacetValue::NotCovered)
    );
    assert_eq!(parse_number("100"), Some(serde_json::Number::from(100)));
    assert_eq!(parse_number("x"), None);
}

#[test]
fn evidence_by_selection_and_removal() {
    let mut d = draft("company-a");
    let add = |quote: &str| CaseEdit::AddEvidence {
        to: EvidenceOwner::Facet("sector".into()),
        evidence: Evidence {
            reference: Some("background/p1".into()),
            quote: Some(quote.into()),
            source: None,
        },
    };
    d.apply(&add("front-office applications")).unwrap();
    assert!(d.problems().is_empty());
    d.apply(&add("not in the text")).unwrap();
    assert_eq!(d.problems().len(), 1);
    let n = d.doc().facets["sector"].evidence.len();
    d.apply(&CaseEdit::RemoveEvidence {
        from: EvidenceOwner::Facet("sector".into()),
        index: n - 1,
    })
    .unwrap();
    assert!(d.problems().is_empty());
    let on_unknown = d.apply(&CaseEdit::AddEvidence {
        to: EvidenceOwner::Facet("headquarters".into()),
        evidence: Evidence {
            reference: None,
            quote: None,
            source: Some("seed-000".into()),
        },
    });
    assert!(matches!(on_unknown, Err(AuthoringError::Invalid(_))));
    let out_of_range = d.apply(&CaseEdit::RemoveEvidence {
        from: EvidenceOwner::Facet("sector".into()),
        index: 99,
    });
    assert!(matches!(out_of_range, Err(AuthoringError::Missing { .. })));
}

#[test]
fn alliances_and_questions() {
    let mut d = draft("company-a");
    let alliance = Alliance {
        id: Default::default(),
        partner: "A telco".into(),
        types: vec!["TYPE.go-to-market".into()],
        rationale: vec![],
        phase: None,
        status: AllianceStatus::Planned,
        summary: Some(" ".into()),
        evidence: vec![Evidence {
            reference: None,
            quote: None,
            source: Some("seed-000".into()),
        }],
    };
    let made = d
        .apply(&CaseEdit::AddAlliance(Box::new(alliance.clone())))
        .unwrap();
    assert_eq!(made.created.as_deref(), Some("a1"));
    assert_eq!(d.doc().alliances[0].summary, None);
    let mut changed = d.doc().alliances[0].clone();
    changed.id = "telco".into();
    changed.status = AllianceStatus::Active;
    d.apply(&CaseEdit::EditAlliance {
        alliance: "a1".into(),
        with: Box::new(changed),
    })
    .unwrap();
    assert_eq!(d.doc().alliances[0].id, "telco");
    d.apply(&CaseEdit::AddEvidence {
        to: EvidenceOwner::Alliance("telco".into()),
        evidence: Evidence {
            reference: Some("background/p1".into()),
            quote: Some("1999".into()),
            source: None,
        },
    })
    .unwrap();
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    d.apply(&CaseEdit::DeleteAlliance {
        alliance: "telco".into(),
    })
    .unwrap();
    assert!(d.doc().alliances.is_empty());

    let q = d
        .apply(&CaseEdit::AddQuestion {
            text: "Why?".into(),
            audience: Audience::Instructor,
        })
        .unwrap();
    let q = q.created.unwrap();
    let n = d.doc().questions.len();
    assert_eq!(q, format!("q{n}"), "after the bundled q1..");
    d.apply(&CaseEdit::EditQuestion {
        question: q.clone(),
        text: "Why not?".into(),
        audience: Audience::Student,
    })
    .unwrap();
    assert_eq!(
        d.doc().questions.last().unwrap().audience,
        Audience::Student
    );
    d.apply(&CaseEdit::DeleteQuestion {
        question: q.clone(),
    })
    .unwrap();
    let gone = d.apply(&CaseEdit::DeleteQuestion { question: q });
    assert!(matches!(gone, Err(AuthoringError::Missing { .. })));
}

#[test]
fn typing_is_one_undo_step_per_field_and_a_failed_edit_changes_nothing() {
    let mut d = draft("company-a");
    let text = d.doc().paragraph("outcome/p1").unwrap().text.clone();
    for n in 1..=5 {
        d.apply_typing(&para("outcome", "p1", &format!("{text}{}", "!".repeat(n))))
            .unwrap();
    }
    d.apply_typing(&CaseEdit::SetTitle("T".into())).unwrap();
    assert_eq!(d.undo_label(), Some("edit the title"));
    d.undo();
    assert_eq!(d.undo_label(), Some("edit paragraph outcome/p1"));
    d.undo();
    assert_eq!(
        d.doc().paragraph("outcome/p1").unwrap().text,
        text,
        "five keystrokes, one step"
    );
    assert!(d.undo().is_none());
    assert_eq!(d.redo().as_deref(), Some("edit paragraph outcome/p1"));
    assert!(
        d.doc()
            .paragraph("outcome/p1")
            .unwrap()
            .text
            .ends_with("!!!!!")
    );
    // A no-op is not a step; a failing edit leaves no trace.
    let state = d.state();
    d.apply(&CaseEdit::SetTitle(d.doc().title.clone())).unwrap();
    assert!(d.apply(&para("outcome", "p9", "x")).is_err());
    assert_eq!(d.state(), state);
}

#[test]
fn last_change_names_the_paragraphs_for_the_highlight_report() {
    let lib = crate::test_support::bundled();
    let mut notes = crate::format::empty_notes(None);
    notes.items.push(crate::test_support::highlight(
        &lib,
        "h1",
        "background/p1",
        "marketing and customer service",
        &[],
    ));
    notes.items.push(crate::test_support::highlight(
        &lib,
        "h2",
        "background/p1",
        "founded in 1999",
        &[],
    ));
    notes.items.push(crate::test_support::highlight(
        &lib,
        "h3",
        "background/p2",
        "life sciences",
        &[],
    ));
    let mut d = draft("company-a");
    let text = d.doc().paragraph("background/p1").unwrap().text.clone();
    d.apply(&para(
        "background",
        "p1",
        &format!("Today, {}", text.replace("founded in 1999", "started")),
    ))
    .unwrap();
    assert_eq!(
        d.last_change(),
        [("background/p1".to_owned(), Some(text.clone()))]
    );
    let report = d.highlight_report(&notes);
    assert_eq!(report.len(), 1, "only the edited paragraph");
    assert_eq!(
        (report[0].kept(), report[0].moved(), report[0].orphaned()),
        (0, 1, 1)
    );
    let orphan = report[0]
        .fates
        .iter()
        .find(|f| f.orphaned_by_edit())
        .unwrap();
    assert_eq!(orphan.item, "h2");
    // Undo brings it back: the report of the undo says so.
    d.undo();
    let report = d.highlight_report(&notes);
    assert_eq!((report[0].kept(), report[0].orphaned()), (2, 0));
    // Deleting the paragraph orphans both.
    d.apply(&CaseEdit::DeleteParagraph {
        section: "background".into(),
        paragraph: "p1".into(),
    })
    .unwrap();
    assert_eq!(d.highlight_report(&notes)[0].orphaned(), 2);
}

#[test]
fn problems_lead_to_their_fields() {
    use crate::authoring::{Place, place};
    let d = draft("corio");
    let c = d.doc();
    assert_eq!(
        place(c, "/sections/1/paragraphs/0/id"),
        Place::Paragraph(format!(
            "{}/{}",
            c.sections[1].id, c.sections[1].paragraphs[0].id
        ))
    );
    assert_eq!(
        place(c, "/sections/1"),
        Place::Section(c.sections[1].id.to_string())
    );
    assert_eq!(
        place(c, "/alliances/0/types/1"),
        Place::Alliance(c.alliances[0].id.to_string())
    );
    assert_eq!(
        place(c, "/questions/0/id"),
        Place::Question(c.questions[0].id.to_string())
    );
    assert_eq!(
        place(c, "/meta/sources/0/id"),
        Place::Source(c.meta.sources[0].id.to_string())
    );
    assert_eq!(place(c, "/facets/founded"), Place::Facet("founded".into()));
    assert_eq!(
        place(c, "/meta/period"),
        Place::Header("meta/period".into())
    );
    assert_eq!(place(c, "/sections/99"), Place::File);
    assert_eq!(place(c, ""), Place::File);
}
