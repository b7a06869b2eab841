//! Framework edits, their impact on the bundled cases, renames through cases and notes, and
//! new documents (an empty case, a duplicate, a framework drafted from cases).

use super::framework;
use crate::authoring::{
    AuthoringError, CaseDraft, CaseEdit, FacetValue, FrameworkDraft, FrameworkEdit, Rewrite,
    duplicate, framework_from_cases, impact, new_case,
};
use crate::format::{Code, Dimension, Kind};
use crate::library::Library;

fn fw_draft() -> FrameworkDraft {
    FrameworkDraft::bundled("cases/asp-alliances.framework.json", ()).unwrap()
}

fn dimension(id: &str, kind: Kind) -> Dimension {
    Dimension {
        id: id.into(),
        label: id.into(),
        kind,
        help: None,
        options: Vec::new(),
        family: None,
    }
}

fn code(id: &str) -> Code {
    Code {
        id: id.into(),
        parent: None,
        label: id.into(),
        definition: None,
        example: None,
        color: None,
        refs: Vec::new(),
    }
}

#[test]
fn groups_and_dimensions_add_rename_reorder_regroup_delete() {
    let mut d = fw_draft();
    let g = d
        .apply(&FrameworkEdit::AddGroup {
            at: 0,
            id: None,
            title: "People".into(),
        })
        .unwrap()
        .created
        .unwrap();
    assert_eq!(g, "people");
    d.apply(&FrameworkEdit::AddDimension {
        group: g.clone(),
        at: 0,
        dimension: dimension("staff", Kind::Number),
    })
    .unwrap();
    let taken = d.apply(&FrameworkEdit::AddDimension {
        group: g.clone(),
        at: 0,
        dimension: dimension("founded", Kind::Year),
    });
    assert!(matches!(taken, Err(AuthoringError::Taken { .. })));
    d.apply(&FrameworkEdit::SetLabel {
        dimension: "staff".into(),
        label: "Staff".into(),
    })
    .unwrap();
    d.apply(&FrameworkEdit::SetHelp {
        dimension: "staff".into(),
        help: Some("Head count.".into()),
    })
    .unwrap();
    d.apply(&FrameworkEdit::SetKind {
        dimension: "staff".into(),
        kind: Kind::Choice,
    })
    .unwrap();
    d.apply(&FrameworkEdit::SetOptions {
        dimension: "staff".into(),
        options: vec!["small".into(), " ".into(), "large".into()],
    })
    .unwrap();
    assert_eq!(
        d.doc().dimension("staff").unwrap().options,
        ["small", "large"]
    );
    d.apply(&FrameworkEdit::MoveDimension {
        dimension: "founded".into(),
        group: g.clone(),
        to: 9,
    })
    .unwrap();
    assert_eq!(
        d.doc().groups[0]
            .dimensions
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        ["staff", "founded"]
    );
    d.apply(&FrameworkEdit::MoveGroup {
        group: g.clone(),
        to: 99,
    })
    .unwrap();
    assert_eq!(d.doc().groups.last().unwrap().id, g);
    deletes_and_undo(d, &g);
}

fn deletes_and_undo(mut d: FrameworkDraft, g: &str) {
    let not_empty = d.apply(&FrameworkEdit::DeleteGroup { group: g.into() });
    assert!(matches!(not_empty, Err(AuthoringError::Invalid(_))));
    d.apply(&FrameworkEdit::DeleteDimension {
        dimension: "staff".into(),
    })
    .unwrap();
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    d.apply(&FrameworkEdit::SetKind {
        dimension: "founded".into(),
        kind: Kind::Choice,
    })
    .unwrap();
    assert_eq!(
        d.problems().len(),
        1,
        "a choice without options is flagged at once"
    );
    while d.undo().is_some() {}
    assert_eq!(d.doc(), fw_draft().doc());
}

#[test]
fn codes_add_nest_recolour_define_cite_delete() {
    let mut d = fw_draft();
    d.apply(&FrameworkEdit::AddCode(code("RAT.practice.trust")))
        .unwrap();
    let c = d.doc().code("RAT.practice.trust").unwrap();
    assert_eq!(
        c.parent.as_deref(),
        Some("RAT.practice"),
        "the parent follows the id"
    );
    let orphan = d.apply(&FrameworkEdit::AddCode(code("NOPE.x")));
    assert!(
        matches!(orphan, Err(AuthoringError::Missing { .. })),
        "{orphan:?}"
    );
    d.apply(&FrameworkEdit::SetCodeColor {
        code: "RAT.practice.trust".into(),
        color: Some("#10b981".into()),
    })
    .unwrap();
    let bad = d.apply(&FrameworkEdit::SetCodeColor {
        code: "RAT.practice.trust".into(),
        color: Some("green".into()),
    });
    assert!(matches!(bad, Err(AuthoringError::Invalid(_))));
    d.apply(&FrameworkEdit::SetCodeDefinition {
        code: "RAT.practice.trust".into(),
        definition: Some("Partners chosen for trust.".into()),
    })
    .unwrap();
    d.apply(&FrameworkEdit::SetCodeRefs {
        code: "RAT.practice.trust".into(),
        refs: vec!["Gulati 1995".into()],
    })
    .unwrap();
    d.apply(&FrameworkEdit::SetCodeLabel {
        code: "RAT.practice.trust".into(),
        label: "Trust".into(),
    })
    .unwrap();
    let nested = d
        .apply(&FrameworkEdit::NestCode {
            code: "RAT.practice.trust".into(),
            parent: Some("RAT.theory".into()),
        })
        .unwrap();
    assert_eq!(nested.created.as_deref(), Some("RAT.theory.trust"));
    let c = d.doc().code("RAT.theory.trust").unwrap();
    assert_eq!(
        (c.label.as_str(), c.refs.len(), c.parent.as_deref()),
        ("Trust", 1, Some("RAT.theory"))
    );
    let under_itself = d.apply(&FrameworkEdit::NestCode {
        code: "RAT".into(),
        parent: Some("RAT.theory".into()),
    });
    assert!(under_itself.is_err());
    let has_children = d.apply(&FrameworkEdit::DeleteCode {
        code: "RAT.theory".into(),
    });
    assert!(matches!(has_children, Err(AuthoringError::Invalid(_))));
    d.apply(&FrameworkEdit::DeleteCode {
        code: "RAT.theory.trust".into(),
    })
    .unwrap();
    assert!(d.problems().is_empty(), "{:?}", d.problems());
}

#[test]
fn renaming_a_code_rewrites_children_families_cases_and_notes() {
    let lib = Library::bundled();
    let mut fw = fw_draft();
    let applied = fw
        .apply(&FrameworkEdit::RenameCode {
            code: "RAT.practice".into(),
            id: "RAT.pragmatic".into(),
        })
        .unwrap();
    assert!(fw.doc().code("RAT.pragmatic.fill-resource-gap").is_some());
    assert!(fw.problems().is_empty(), "{:?}", fw.problems());
    let rewrite = applied.rewrite.clone().unwrap();
    // The impact lists the cases the rename rewrites, and breaks none once rewritten.
    let cases: Vec<&crate::format::Case> = lib.cases.iter().map(|c| &c.doc).collect();
    let plan = impact(
        &FrameworkEdit::RenameCode {
            code: "RAT.practice".into(),
            id: "RAT.pragmatic".into(),
        },
        &framework(),
        &cases,
    )
    .unwrap();
    assert!(plan.broken.is_empty(), "{:?}", plan.broken);
    assert_eq!(plan.rewrite.as_ref(), Some(&rewrite));
    assert!(plan.rewritten.len() >= 2, "{:?}", plan.rewritten);
    // Each case draft applies it as one undoable edit, valid against the renamed framework.
    for id in &plan.rewritten {
        let mut d = super::draft(id);
        d.set_context(crate::authoring::CaseContext {
            framework: Some(fw.doc().clone()),
            known_frameworks: vec![],
        });
        assert!(!d.problems().is_empty(), "{id} is stale before the rewrite");
        d.apply(&CaseEdit::Rewrite(rewrite.clone())).unwrap();
        assert!(d.problems().is_empty(), "{id}: {:?}", d.problems());
        d.undo();
        assert_eq!(d.doc(), lib.case(id).unwrap());
    }
    // The notes: items' codes, restamped so the rename wins a merge.
    let mut notes = crate::format::empty_notes(None);
    let mut item = crate::test_support::highlight(
        &lib,
        "h",
        "background/p1",
        "founded in 1999",
        &["RAT.practice.credibility", "USER.x"],
    );
    item.modified = "2000-01-01T00:00:00.000Z".into();
    notes.items.push(item);
    let ids: Vec<&str> = plan.rewritten.iter().map(String::as_str).collect();
    let renamed = rewrite.apply_to_notes(&notes, &ids).unwrap();
    assert_eq!(
        renamed.items[0].codes,
        ["RAT.pragmatic.credibility", "USER.x"]
    );
    assert!(renamed.items[0].modified > notes.items[0].modified);
    assert_eq!(
        rewrite
            .inverse()
            .apply_to_notes(&renamed, &ids)
            .unwrap()
            .items[0]
            .codes,
        notes.items[0].codes
    );
    assert!(
        rewrite.apply_to_notes(&renamed, &ids).is_none(),
        "nothing left to rename"
    );
}

#[test]
fn renaming_a_dimension_moves_facets_and_cell_notes() {
    let mut fw = fw_draft();
    let rewrite = fw
        .apply(&FrameworkEdit::SetDimensionId {
            dimension: "founded".into(),
            id: "year-founded".into(),
        })
        .unwrap()
        .rewrite
        .unwrap();
    assert_eq!(
        rewrite,
        Rewrite::Dimension {
            from: "founded".into(),
            to: "year-founded".into()
        }
    );
    let mut d = super::draft("company-a");
    d.apply(&CaseEdit::Rewrite(rewrite.clone())).unwrap();
    assert!(d.doc().facets.contains_key("year-founded") && !d.doc().facets.contains_key("founded"));
    let mut notes = crate::format::empty_notes(None);
    let mut book = crate::notes::book::NoteBook::new(notes.clone());
    book.add_note("company-a", Some("founded"), "cell note");
    book.add_note("other-framework-case", Some("founded"), "not ours");
    notes = book.file().clone();
    let renamed = rewrite.apply_to_notes(&notes, &["company-a"]).unwrap();
    let dims: Vec<Option<&str>> = renamed
        .items
        .iter()
        .map(|i| i.target.as_ref().and_then(|t| t.dimension.as_deref()))
        .collect();
    assert_eq!(dims, [Some("year-founded"), Some("founded")]);
}

#[test]
fn retyping_or_removing_a_dimension_lists_the_cases_it_breaks_with_conversions() {
    let lib = Library::bundled();
    let cases: Vec<&crate::format::Case> = lib.cases.iter().map(|c| &c.doc).collect();
    // segments: a list in every case that covers it; as text, each offers "convert to text".
    let plan = impact(
        &FrameworkEdit::SetKind {
            dimension: "segments".into(),
            kind: Kind::Text,
        },
        &framework(),
        &cases,
    )
    .unwrap();
    assert!(!plan.broken.is_empty());
    let a = plan.broken.iter().find(|c| c.case == "company-a").unwrap();
    let labels: Vec<&str> = a.fixes.iter().map(|f| f.label.as_str()).collect();
    assert!(
        labels[0].starts_with("segments: convert to text: “financial services; life sciences"),
        "{labels:?}"
    );
    assert_eq!(
        &labels[1..],
        ["segments: mark unknown", "segments: remove (not covered)"]
    );
    // Applying the framework edit and the first fix leaves the case valid.
    let mut fw = fw_draft();
    fw.apply(&FrameworkEdit::SetKind {
        dimension: "segments".into(),
        kind: Kind::Text,
    })
    .unwrap();
    let mut d = super::draft("company-a");
    d.set_context(crate::authoring::CaseContext {
        framework: Some(fw.doc().clone()),
        known_frameworks: vec![],
    });
    d.apply_all(&a.fixes[0].edits, &a.fixes[0].label).unwrap();
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    assert!(matches!(
        d.doc().facets["segments"].value,
        Some(serde_json::Value::String(_))
    ));
    // Deleting a dimension: every case that covers it, fix = remove.
    let plan = impact(
        &FrameworkEdit::DeleteDimension {
            dimension: "founded".into(),
        },
        &framework(),
        &cases,
    )
    .unwrap();
    let covering = cases
        .iter()
        .filter(|c| c.facets.contains_key("founded"))
        .count();
    assert_eq!(plan.broken.len(), covering);
    assert!(plan.broken.iter().all(|c| c.fixes.iter().any(|f| f.edits
        == [CaseEdit::SetFacet {
            dimension: "founded".into(),
            value: FacetValue::NotCovered
        }])));
    // Deleting a code in use: alliances offer to drop it.
    let plan = impact(
        &FrameworkEdit::DeleteCode {
            code: "TYPE.hosting".into(),
        },
        &framework(),
        &cases,
    )
    .unwrap();
    assert!(
        plan.broken
            .iter()
            .any(|c| c.fixes.iter().any(|f| f.label.starts_with("alliance "))),
        "{:?}",
        plan.broken
    );
}

#[test]
fn new_and_duplicate_cases_are_valid_and_a_framework_drafted_from_cases_validates() {
    let fw = framework();
    let case = new_case(&fw, "my-case", "My case").unwrap();
    let d = CaseDraft::new(case.clone(), super::context());
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    assert!(matches!(
        new_case(&fw, "My Case", "x"),
        Err(AuthoringError::BadId { .. })
    ));
    let lib = Library::bundled();
    let a = lib.case("company-a").unwrap();
    let copy = duplicate(a, "company-a-2").unwrap();
    assert_eq!(
        (copy.id.as_str(), copy.title.ends_with("(copy)")),
        ("company-a-2", true)
    );
    assert_eq!(copy.sections, a.sections);
    // From two bundled cases, knowing the framework: its dimensions and codes, copied.
    let cases = [lib.case("corio").unwrap(), lib.case("jamcracker").unwrap()];
    let drafted = framework_from_cases(&cases, &[&fw], "mine", "Mine").unwrap();
    assert!(
        crate::validate::check_framework(&drafted).is_empty(),
        "{:?}",
        crate::validate::check_framework(&drafted)
    );
    for case in cases {
        let mut c = case.clone();
        c.framework = "mine".into();
        assert!(
            crate::validate::check_case(&c, Some(&drafted), &[]).is_empty(),
            "{}",
            case.id
        );
    }
    // Without it: kinds inferred from the values.
    let inferred = framework_from_cases(&cases, &[], "mine", "Mine").unwrap();
    assert!(
        crate::validate::check_framework(&inferred).is_empty(),
        "{:?}",
        crate::validate::check_framework(&inferred)
    );
    let kind = |id: &str| inferred.dimension(id).map(|d| d.kind);
    assert_eq!(kind("founded"), Some(Kind::Year));
    assert_eq!(kind("segments"), Some(Kind::List));
    assert_eq!(kind("is-asp"), Some(Kind::Bool));
    let types = inferred.dimension("alliance-types").unwrap();
    assert_eq!(
        (types.kind, types.family.as_deref()),
        (Kind::Codes, Some("TYPE"))
    );
    assert_eq!(inferred.dimension("founded").unwrap().label, "Founded");
}
