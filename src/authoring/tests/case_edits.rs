//! One test per kind of edit of a case's header and text: what it changes, what it refuses,
//! and undo.

use super::draft;
use crate::authoring::{AuthoringError, CaseEdit, MetaList, MetaText};

pub(super) fn para(section: &str, paragraph: &str, text: &str) -> CaseEdit {
    CaseEdit::EditParagraph {
        section: section.into(),
        paragraph: paragraph.into(),
        text: text.into(),
    }
}

fn ids(d: &crate::authoring::CaseDraft, section: &str) -> Vec<String> {
    d.doc()
        .sections
        .iter()
        .find(|s| s.id == section)
        .map(|s| s.paragraphs.iter().map(|p| p.id.to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn title_subtitle_and_meta_fields() {
    let mut d = draft("company-a");
    d.apply(&CaseEdit::SetTitle("New title".into())).unwrap();
    d.apply(&CaseEdit::SetSubtitle(Some("  ".into()))).unwrap();
    d.apply(&CaseEdit::SetMetaText {
        field: MetaText::Period,
        value: Some("1999-2002".into()),
    })
    .unwrap();
    d.apply(&CaseEdit::SetMetaText {
        field: MetaText::License,
        value: None,
    })
    .unwrap();
    d.apply(&CaseEdit::SetMetaList {
        field: MetaList::Tags,
        values: vec!["a".into(), " ".into(), " b ".into()],
    })
    .unwrap();
    let c = d.doc();
    assert_eq!(c.title, "New title");
    assert_eq!(c.subtitle, None, "a blank subtitle is no subtitle");
    assert_eq!(c.meta.period.as_deref(), Some("1999-2002"));
    assert_eq!(c.meta.license, None);
    assert_eq!(c.meta.tags, ["a", "b"]);
    assert!(d.problems().is_empty());
    for _ in 0..5 {
        d.undo().unwrap();
    }
    assert_eq!(d.doc(), draft("company-a").doc());
    assert!(
        !d.is_modified(),
        "undo back to the opened state is unmodified"
    );
}

#[test]
fn sources_add_edit_remove() {
    let mut d = draft("company-a");
    let made = d
        .apply(&CaseEdit::AddSource {
            id: None,
            citation: "Annual report 2000".into(),
            url: Some("https://example.org".into()),
        })
        .unwrap();
    assert_eq!(made.created.as_deref(), Some("source-1"));
    d.apply(&CaseEdit::EditSource {
        source: "source-1".into(),
        citation: "Annual report 2001".into(),
        url: Some(String::new()),
    })
    .unwrap();
    let s = d.doc().source("source-1").unwrap();
    assert_eq!(
        (s.citation.as_str(), s.url.as_deref()),
        ("Annual report 2001", None)
    );
    let taken = d.apply(&CaseEdit::AddSource {
        id: Some("seed-000".into()),
        citation: String::new(),
        url: None,
    });
    assert!(
        matches!(taken, Err(AuthoringError::Taken { .. })),
        "{taken:?}"
    );
    // Removing a cited source is allowed; validation points at the evidence that cites it.
    d.apply(&CaseEdit::RemoveSource {
        source: "seed-000".into(),
    })
    .unwrap();
    assert!(d.problems().iter().any(|i| {
        i.message
            .contains("source \"seed-000\" is referenced but not listed")
    }));
}

#[test]
fn sections_add_rename_move_delete() {
    let mut d = draft("company-a");
    let made = d
        .apply(&CaseEdit::AddSection {
            at: 1,
            id: None,
            title: "Later events!".into(),
        })
        .unwrap();
    assert_eq!(made.created.as_deref(), Some("later-events"));
    assert_eq!(d.doc().sections[1].paragraphs[0].id, "p1");
    assert!(
        d.problems().is_empty(),
        "a new section is valid: {:?}",
        d.problems()
    );
    d.apply(&CaseEdit::RenameSection {
        section: "later-events".into(),
        title: "Later".into(),
    })
    .unwrap();
    d.apply(&CaseEdit::MoveSection {
        section: "later-events".into(),
        to: 99,
    })
    .unwrap();
    assert_eq!(d.doc().sections.last().unwrap().title, "Later");
    let bad = d.apply(&CaseEdit::AddSection {
        at: 0,
        id: Some("Bad Id".into()),
        title: "x".into(),
    });
    assert!(matches!(bad, Err(AuthoringError::BadId { .. })), "{bad:?}");
    d.apply(&CaseEdit::DeleteSection {
        section: "background".into(),
    })
    .unwrap();
    assert!(
        d.problems()
            .iter()
            .any(|i| i.message.contains("does not name a paragraph")),
        "evidence into the deleted section is flagged"
    );
}

#[test]
fn editing_a_paragraph_flags_a_quote_that_no_longer_occurs_at_once() {
    let mut d = draft("company-a");
    assert!(d.problems().is_empty());
    let text = d.doc().paragraph("background/p1").unwrap().text.clone();
    d.apply(&para(
        "background",
        "p1",
        &text.replace("founded in 1999", "set up in 1999"),
    ))
    .unwrap();
    let problems = d.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].pointer, "/facets/founded/evidence/0/quote");
    assert_eq!(
        crate::authoring::place(d.doc(), &problems[0].pointer),
        crate::authoring::Place::Evidence("founded".into(), 0),
        "the problem leads to its field"
    );
    assert!(
        problems[0]
            .message
            .contains("does not occur in paragraph background/p1")
    );
    d.undo();
    assert!(d.problems().is_empty());
}

#[test]
fn split_gives_the_next_id_and_evidence_follows_its_quote() {
    let mut d = draft("company-a");
    let text = d.doc().paragraph("business-model/p2").unwrap().text.clone();
    let at = text
        .find("That is")
        .map(|b| text[..b].chars().count())
        .unwrap();
    let made = d
        .apply(&CaseEdit::SplitParagraph {
            section: "business-model".into(),
            paragraph: "p2".into(),
            at,
        })
        .unwrap();
    assert_eq!(made.created.as_deref(), Some("p5"), "after p1..p4");
    assert_eq!(ids(&d, "business-model"), ["p1", "p2", "p5", "p3", "p4"]);
    let c = d.doc();
    assert!(
        c.paragraph("business-model/p2")
            .unwrap()
            .text
            .ends_with("ASP\".")
    );
    assert!(
        c.paragraph("business-model/p5")
            .unwrap()
            .text
            .starts_with("That is")
    );
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    // Merging back gives the text we started with, and ids are not renumbered.
    d.apply(&CaseEdit::MergeWithNext {
        section: "business-model".into(),
        paragraph: "p2".into(),
    })
    .unwrap();
    assert_eq!(d.doc().paragraph("business-model/p2").unwrap().text, text);
    assert_eq!(ids(&d, "business-model"), ["p1", "p2", "p3", "p4"]);
    let past_end = d.apply(&CaseEdit::SplitParagraph {
        section: "business-model".into(),
        paragraph: "p2".into(),
        at: 10_000,
    });
    assert!(matches!(past_end, Err(AuthoringError::Invalid(_))));
}

#[test]
fn merge_repoints_evidence_and_the_last_paragraph_has_nothing_to_merge_with() {
    let mut d = draft("company-a");
    d.apply(&CaseEdit::MergeWithNext {
        section: "background".into(),
        paragraph: "p1".into(),
    })
    .unwrap();
    assert_eq!(ids(&d, "background"), ["p1", "p3"]);
    // The segments facet quoted background/p2; it now points at the merged paragraph.
    let refs: Vec<&str> = d.doc().facets["segments"]
        .evidence
        .iter()
        .filter_map(|e| e.reference.as_deref())
        .collect();
    assert!(refs.contains(&"background/p1") && !refs.contains(&"background/p2"));
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    assert!(
        d.doc()
            .paragraph("background/p1")
            .unwrap()
            .text
            .contains("markets:\n- financial")
    );
    let last = d.apply(&CaseEdit::MergeWithNext {
        section: "background".into(),
        paragraph: "p3".into(),
    });
    assert!(matches!(last, Err(AuthoringError::Invalid(_))));
}

#[test]
fn add_move_delete_paragraphs_never_reuse_an_id() {
    let mut d = draft("company-a");
    let made = d
        .apply(&CaseEdit::AddParagraph {
            section: "outcome".into(),
            at: 0,
            text: "First.".into(),
        })
        .unwrap();
    assert_eq!(made.created.as_deref(), Some("p2"));
    assert_eq!(ids(&d, "outcome"), ["p2", "p1"]);
    d.apply(&CaseEdit::DeleteParagraph {
        section: "outcome".into(),
        paragraph: "p2".into(),
    })
    .unwrap();
    // Moving background/p3 (quoted by the region facet) into outcome: p3 is free there.
    d.apply(&CaseEdit::MoveParagraph {
        section: "background".into(),
        paragraph: "p3".into(),
        to_section: "outcome".into(),
        to: 5,
    })
    .unwrap();
    assert_eq!(ids(&d, "outcome"), ["p1", "p3"]);
    assert!(
        d.problems().is_empty(),
        "evidence followed: {:?}",
        d.problems()
    );
    // Moving background/p1 into outcome, where p1 is taken: it becomes p4.
    let moved = d
        .apply(&CaseEdit::MoveParagraph {
            section: "background".into(),
            paragraph: "p1".into(),
            to_section: "outcome".into(),
            to: 0,
        })
        .unwrap();
    assert_eq!(moved.created.as_deref(), Some("p4"));
    assert_eq!(ids(&d, "outcome"), ["p4", "p1", "p3"]);
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    // Within a section, a move keeps the id.
    d.apply(&CaseEdit::MoveParagraph {
        section: "outcome".into(),
        paragraph: "p4".into(),
        to_section: "outcome".into(),
        to: 2,
    })
    .unwrap();
    assert_eq!(ids(&d, "outcome"), ["p1", "p3", "p4"]);
}
