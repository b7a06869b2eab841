use super::*;
use crate::library::Library;
use crate::workspace::Action;

fn ws() -> Workspace {
    let mut ws = Workspace::new(Library::bundled(), vec![]);
    ws.apply(Action::OpenCase {
        case: "company-a".into(),
        at: None,
    });
    ws
}

fn typed(ws: &mut Workspace, question: &str, text: &str) {
    ws.apply(Action::TypeAnswer {
        case: "company-a".into(),
        question: question.into(),
        text: text.into(),
    });
}

#[test]
fn a_typed_answer_is_unsaved_until_its_box_is_left_and_closing_leaves_it() {
    let mut ws = ws();
    typed(&mut ws, "q1", "Draft");
    let unsaved = ws.unsaved();
    assert_eq!(unsaved.len(), 1);
    assert_eq!(unsaved[0].kind, UnsavedKind::Answer);
    assert!(unsaved[0].name.contains("question 1"), "{unsaved:?}");
    assert_eq!(
        ws.closing(),
        Closing::Close,
        "an answer is saved, not asked about"
    );
    assert_eq!(
        ws.notebook
            .answer_to("company-a", "q1")
            .and_then(|i| i.text.as_deref()),
        Some("Draft")
    );
    // Typing the saved text back is no draft.
    typed(&mut ws, "q1", "Draft");
    assert!(ws.unsaved().is_empty());
}

#[test]
fn what_is_saved_only_on_purpose_is_asked_about_then_saved_or_discarded() {
    let mut ws = ws();
    ws.drafts.writing.push(Pending {
        name: "A memo".into(),
        save: Edit::AddMemo {
            case: Some("company-a".into()),
            title: "Memo".into(),
            text: "Typed".into(),
        },
    });
    let Closing::Ask(asked) = ws.closing() else {
        panic!("asks");
    };
    assert_eq!(asked[0].kind, UnsavedKind::Dialog);
    assert!(!asked[0].kind.saved_by_leaving());
    assert_eq!(ws.save_unsaved(), Ok(()));
    assert_eq!(ws.notebook.items().count(), 1);
    assert_eq!(ws.closing(), Closing::Close);
    typed(&mut ws, "q2", "Gone");
    ws.discard_unsaved();
    assert!(ws.unsaved().is_empty());
}

#[test]
fn a_changed_case_draft_is_asked_about_and_one_that_needs_a_place_is_not_closed() {
    let mut ws = ws();
    ws.apply(Action::Editor(EditorCmd::Start));
    ws.apply(Action::Editor(EditorCmd::Apply(
        crate::authoring::CaseEdit::SetFacet {
            dimension: "headquarters".into(),
            value: crate::authoring::FacetValue::Text("Elsewhere".into()),
        },
    )));
    let Closing::Ask(asked) = ws.closing() else {
        panic!("asks");
    };
    assert_eq!(asked[0].kind, UnsavedKind::Case);
    // A bundled case is saved as a copy: Save needs a place first, so nothing closes.
    let Err((_, effect)) = ws.save_unsaved() else {
        panic!("not saved");
    };
    assert_eq!(effect, Some(Effect::Pick(super::super::Pick::SaveCaseAs)));
    ws.discard_unsaved();
    assert!(ws.editor.is_none());
}

#[test]
fn an_untouched_field_follows_its_saved_text_and_typing_is_kept() {
    let (mut field, mut base) = ("A".to_owned(), "A".to_owned());
    assert!(follow_saved(&mut field, &mut base, ""), "undone: follows");
    assert_eq!((field.as_str(), base.as_str()), ("", ""));
    assert!(!follow_saved(&mut field, &mut base, ""));
    field.push_str("typed");
    assert!(!follow_saved(&mut field, &mut base, "B"), "typing is kept");
    assert_eq!((field.as_str(), base.as_str()), ("typed", "B"));
}

#[test]
fn save_and_quit_saves_a_changed_case_to_its_file_or_keeps_it_open_saying_why() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = ws();
    ws.apply(Action::Editor(EditorCmd::Start));
    let path = dir.path().join("a.case.json");
    ws.apply(Action::Editor(EditorCmd::SaveAs(path.clone())));
    ws.apply(Action::Editor(EditorCmd::Apply(
        crate::authoring::CaseEdit::SetFacet {
            dimension: "headquarters".into(),
            value: crate::authoring::FacetValue::Text("Elsewhere".into()),
        },
    )));
    assert!(matches!(ws.closing(), Closing::Ask(_)));
    // The edit leaves a problem: a checked save refuses, the draft stays, the window too.
    let Err((why, None)) = ws.save_unsaved() else {
        panic!("not saved with a problem");
    };
    assert!(
        why.contains("Not saved") && why.ends_with("The window stays open."),
        "{why}"
    );
    assert_eq!(ws.unsaved().len(), 1, "the changes are kept");
    // Without the problem, it is saved to its file and the window may close.
    ws.apply(Action::Editor(EditorCmd::Undo));
    ws.apply(Action::Editor(EditorCmd::Apply(
        crate::authoring::CaseEdit::SetTitle("Company A, edited".into()),
    )));
    assert_eq!(ws.save_unsaved(), Ok(()));
    assert!(ws.unsaved().is_empty());
    let written = std::fs::read_to_string(&path).expect("saved");
    assert!(written.contains("Company A, edited"));
}

#[test]
fn a_changed_framework_is_asked_about_saved_to_a_place_first_and_discarded_on_request() {
    let mut ws = ws();
    assert!(ws.unsaved().is_empty());
    ws.apply(Action::Framework(FrameworkCmd::Start(None)));
    ws.apply(Action::Framework(FrameworkCmd::Apply(
        crate::authoring::FrameworkEdit::SetTitle("My grid".into()),
    )));
    let Closing::Ask(asked) = ws.closing() else {
        panic!("asks");
    };
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].kind, UnsavedKind::Framework);
    assert!(asked[0].name.contains("My grid"), "{}", asked[0].name);
    // The bundled framework is saved as a copy: Save needs a place first, so nothing closes.
    let Err((why, effect)) = ws.save_unsaved() else {
        panic!("not saved");
    };
    assert!(why.contains("framework"), "{why}");
    assert_eq!(
        effect,
        Some(Effect::Pick(super::super::Pick::SaveFrameworkAs))
    );
    ws.discard_unsaved();
    assert!(ws.unsaved().is_empty());
}
