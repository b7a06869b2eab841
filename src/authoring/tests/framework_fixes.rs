//! Choosing one fix for every facet an edit breaks, where a framework's problems are in the
//! editor, and the framework id of a new framework.

use super::framework;
use crate::authoring::{
    AuthoringError, CaseEdit, FacetValue, FixChoice, FixKind, FrameworkDraft, FrameworkEdit,
    FrameworkPlace, impact, place_in_framework,
};
use crate::format::Kind;
use crate::library::Library;

#[test]
fn one_choice_picks_a_fix_per_facet_and_falls_back_when_it_is_not_offered() {
    let lib = Library::bundled();
    let cases: Vec<&crate::format::Case> = lib.cases.iter().map(|c| &c.doc).collect();
    // segments as text: every covering case is offered convert, unknown and remove.
    let plan = impact(
        &FrameworkEdit::SetKind {
            dimension: "segments".into(),
            kind: Kind::Text,
        },
        &framework(),
        &cases,
    )
    .unwrap();
    assert!(plan.offers(FixKind::Convert) && plan.offers(FixKind::MarkUnknown));
    let a = plan.broken.iter().find(|c| c.case == "company-a").unwrap();
    let kinds = |choice| -> Vec<FixKind> { a.chosen(choice).iter().map(|f| f.kind).collect() };
    assert_eq!(kinds(FixChoice::Convert), [FixKind::Convert]);
    assert_eq!(kinds(FixChoice::MarkUnknown), [FixKind::MarkUnknown]);
    assert_eq!(kinds(FixChoice::Remove), [FixKind::Remove]);
    let unknown = a.chosen(FixChoice::MarkUnknown)[0];
    assert_eq!(unknown.about, "segments");
    assert!(matches!(
        &unknown.edits[..],
        [CaseEdit::SetFacet {
            value: FacetValue::Unknown(why),
            ..
        }] if why.contains("financial services")
    ));
    // A deleted dimension cannot hold an unknown facet: every choice removes it.
    let plan = impact(
        &FrameworkEdit::DeleteDimension {
            dimension: "founded".into(),
        },
        &framework(),
        &cases,
    )
    .unwrap();
    assert!(!plan.offers(FixKind::MarkUnknown) && !plan.offers(FixKind::Convert));
    let mut fw = framework();
    FrameworkEdit::DeleteDimension {
        dimension: "founded".into(),
    }
    .apply(&mut fw)
    .unwrap();
    for case in &plan.broken {
        for choice in [
            FixChoice::Convert,
            FixChoice::MarkUnknown,
            FixChoice::Remove,
        ] {
            let kinds: Vec<FixKind> = case.chosen(choice).iter().map(|f| f.kind).collect();
            assert_eq!(kinds, [FixKind::Remove], "{}", case.case);
        }
        // The removal applies against the framework without the dimension.
        let mut d = super::draft(&case.case);
        d.set_context(crate::authoring::CaseContext {
            framework: Some(fw.clone()),
            known_frameworks: vec![],
        });
        let fix = case.chosen(FixChoice::Remove)[0];
        d.apply_all(&fix.edits, &fix.label).unwrap();
        assert!(d.problems().is_empty(), "{}: {:?}", case.case, d.problems());
    }
    // A deleted code: alliances drop it whatever the choice for the facets.
    let plan = impact(
        &FrameworkEdit::DeleteCode {
            code: "TYPE.hosting".into(),
        },
        &framework(),
        &cases,
    )
    .unwrap();
    let with_alliance = plan
        .broken
        .iter()
        .find(|c| c.fixes.iter().any(|f| f.kind == FixKind::DropCodes))
        .expect("an alliance uses TYPE.hosting");
    assert!(
        with_alliance
            .chosen(FixChoice::Remove)
            .iter()
            .any(|f| f.kind == FixKind::DropCodes)
    );
}

#[test]
fn a_problem_of_a_framework_points_at_its_group_dimension_or_code() {
    let mut fw = framework();
    fw.groups[1].dimensions[2].kind = Kind::Choice;
    let problems = crate::validate::check_framework(&fw);
    let dim = fw.groups[1].dimensions[2].id.clone();
    assert_eq!(
        place_in_framework(&fw, &problems[0].pointer),
        FrameworkPlace::Dimension(dim)
    );
    assert_eq!(
        place_in_framework(&fw, "/groups/0/id"),
        FrameworkPlace::Group(fw.groups[0].id.clone())
    );
    assert_eq!(
        place_in_framework(&fw, "/codes/1/parent"),
        FrameworkPlace::Code(fw.codes[1].id.clone())
    );
    assert_eq!(
        place_in_framework(&fw, "/title"),
        FrameworkPlace::Header("title".into())
    );
    assert_eq!(place_in_framework(&fw, ""), FrameworkPlace::File);
    assert_eq!(place_in_framework(&fw, "/groups/99"), FrameworkPlace::File);
}

#[test]
fn a_new_framework_can_take_another_id_and_only_some_edits_touch_cases() {
    let mut d = FrameworkDraft::bundled("cases/asp-alliances.framework.json", ()).unwrap();
    d.apply(&FrameworkEdit::SetId("my-grid".into())).unwrap();
    assert_eq!(d.doc().id, "my-grid");
    assert!(matches!(
        d.apply(&FrameworkEdit::SetId("My Grid".into())),
        Err(AuthoringError::BadId { .. })
    ));
    assert!(FrameworkEdit::SetId("x".into()).touches_cases());
    assert!(
        FrameworkEdit::SetKind {
            dimension: "founded".into(),
            kind: Kind::Text
        }
        .touches_cases()
    );
    assert!(!FrameworkEdit::SetTitle("x".into()).touches_cases());
    assert!(
        !FrameworkEdit::SetLabel {
            dimension: "founded".into(),
            label: "x".into()
        }
        .touches_cases()
    );
}
