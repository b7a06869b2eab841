use super::*;
use std::sync::Arc;

#[test]
fn opens_first_case_and_keeps_it_across_reload() {
    let lib = Library::bundled();
    let mut ws = Workspace::new(lib.clone(), vec![]);
    let first = ws.open_case.clone().expect("bundled cases exist");
    let other = lib
        .cases
        .iter()
        .map(|c| c.doc.id.clone())
        .find(|id| *id != first)
        .expect("two cases");
    ws.apply(Action::OpenCase {
        case: other.clone(),
        at: Some(Passage {
            paragraph: "background/p1".into(),
            quote: None,
            range: None,
        }),
    });
    let before = Arc::clone(&ws.library);
    let replaced = ws.set_library(lib);
    assert!(
        Arc::ptr_eq(&replaced, &before),
        "the caller gets the replaced library to free"
    );
    assert!(!Arc::ptr_eq(&ws.library, &before));
    assert_eq!(ws.open_case, Some(other));
    assert!(ws.focus.is_some(), "reload keeps the passage in focus");
}

#[test]
fn a_case_remembered_from_last_time_opens_once_the_library_has_loaded() {
    let mut ws = Workspace::new(Library::default(), vec![]);
    ws.open_case = Some("company-b".into());
    ws.set_library(Library::bundled());
    assert_eq!(ws.open_case.as_deref(), Some("company-b"));
    let mut ws = Workspace::new(Library::default(), vec![]);
    ws.open_case = Some("gone".into());
    ws.set_library(Library::bundled());
    assert_eq!(
        ws.open_case.as_deref(),
        Library::bundled().cases.first().map(|c| c.doc.id.as_str()),
        "a case that no longer loads falls back to the first"
    );
}

#[test]
fn unknown_case_is_ignored_and_add_paths_requests_reload() {
    let mut ws = Workspace::new(Library::bundled(), vec![]);
    let before = ws.open_case.clone();
    ws.apply(Action::OpenCase {
        case: "no-such-case".into(),
        at: None,
    });
    assert_eq!(ws.open_case, before);
    let effect = ws.apply(Action::AddPaths(vec!["/tmp/x".into(), "/tmp/x".into()]));
    assert_eq!(ws.paths.len(), 1);
    assert_eq!(effect, Some(Effect::Load(ws.load_request())));
}

#[test]
fn compare_selection_is_capped_ordered_and_reorderable() {
    let lib = Library::bundled();
    let ids: Vec<String> = lib.cases.iter().map(|c| c.doc.id.clone()).collect();
    let mut ws = Workspace::new(lib, vec![]);
    for id in &ids {
        ws.apply(Action::ToggleCompare(id.clone()));
    }
    assert_eq!(ws.compare.len(), MAX_COMPARE);
    assert!(ws.message.is_some());
    ws.apply(Action::MoveColumn { from: 0, to: 2 });
    assert_eq!(ws.compare[2], ids[0]);
    ws.apply(Action::RemoveColumn(ids[0].clone()));
    assert!(!ws.compare.contains(&ids[0]));
    ws.apply(Action::ToggleCompare(ids[1].clone()));
    assert!(!ws.compare.contains(&ids[1]));
}

#[test]
fn highlight_undo_redo_through_actions() {
    let mut ws = Workspace::new(Library::bundled(), vec![]);
    ws.apply(Action::OpenCase {
        case: "company-a".into(),
        at: None,
    });
    let gen0 = ws.generation;
    ws.apply(Action::Edit(Edit::AddHighlight {
        paragraph: "background/p1".into(),
        start: 0,
        end: 9,
        codes: vec!["RAT.practice.market-access".into()],
        comment: "c".into(),
    }));
    assert_eq!(ws.notebook.items().count(), 1);
    assert!(ws.generation > gen0, "views rebuild after a notes change");
    let item = ws.notebook.items().next().unwrap().clone();
    assert_eq!(
        item.target.as_ref().unwrap().exact.as_deref(),
        Some("Company A")
    );
    ws.apply(Action::Edit(Edit::Undo));
    assert_eq!(ws.notebook.items().count(), 0);
    ws.apply(Action::Edit(Edit::Redo));
    assert_eq!(ws.notebook.items().count(), 1);
    ws.apply(Action::Edit(Edit::DeleteCode("USER.nope".into())));
    assert!(
        ws.message
            .as_deref()
            .is_some_and(|m| m.contains("USER.nope"))
    );
}

#[test]
fn answer_through_actions_is_one_undoable_item() {
    let mut ws = Workspace::new(Library::bundled(), vec![]);
    let answer = |text: &str| {
        Action::Edit(Edit::Answer {
            case: "company-a".into(),
            question: "q1".into(),
            text: text.into(),
        })
    };
    ws.apply(answer("first"));
    ws.apply(answer("second"));
    let text = |ws: &Workspace| {
        ws.notebook
            .answer_to("company-a", "q1")
            .and_then(|i| i.text.clone())
    };
    assert_eq!(text(&ws).as_deref(), Some("second"));
    assert_eq!(ws.notebook.items().count(), 1);
    ws.apply(Action::Edit(Edit::Undo));
    assert_eq!(text(&ws).as_deref(), Some("first"));
    ws.apply(answer(""));
    assert_eq!(text(&ws), None, "an emptied answer is deleted");
}

#[test]
fn compare_with_and_open_evidence_switch_views() {
    let mut ws = Workspace::new(Library::bundled(), vec![]);
    ws.apply(Action::OpenCase {
        case: "company-a".into(),
        at: None,
    });
    ws.apply(Action::CompareWith("company-b".into()));
    assert_eq!(ws.view, View::Compare);
    assert_eq!(
        ws.compare,
        vec!["company-a".to_owned(), "company-b".to_owned()]
    );
    ws.apply(Action::OpenCase {
        case: "company-b".into(),
        at: Some(Passage {
            paragraph: "background/p1".into(),
            quote: None,
            range: None,
        }),
    });
    assert_eq!(ws.view, View::Reader);
    assert_eq!(ws.open_case.as_deref(), Some("company-b"));
    assert_eq!(
        ws.focus.as_ref().map(|f| f.paragraph.as_str()),
        Some("background/p1")
    );
}

#[test]
fn the_codebook_with_layers_is_reused_until_a_layer_changes() {
    use crate::notes::layers::{Coder, ReferenceLayer, layer_key};
    use std::sync::Arc;
    let code = |label: &str| crate::format::UserCode {
        id: "USER.claim".to_owned(),
        label: label.to_owned(),
        color: None,
        parent: None,
        definition: None,
        guid: None,
        codable: None,
    };
    let layer = |label: &str| {
        let mut notes = empty_notes(Some("Ana".into()));
        notes.codes = vec![code(label)];
        ReferenceLayer {
            origin: crate::library::Origin::File("/class/ana.notes.json".into()),
            notes: notes.into(),
        }
    };
    let mut ws = Workspace::new(Library::bundled(), vec![]);
    let framework = ws.library.frameworks[0].doc.id.clone();
    let book = |ws: &Workspace| {
        let layers = Arc::clone(&ws.references);
        let key = layer_key(&layers[0]);
        let coders = [Coder {
            key: &key,
            author: "Ana",
            notes: &layers[0].notes,
        }];
        ws.codebook_with(&framework, &coders)
    };
    ws.set_references(Arc::from([layer("A claim")]));
    let first = book(&ws);
    assert_eq!(first.label("USER.claim"), "A claim");
    assert!(Arc::ptr_eq(&first, &book(&ws)), "nothing changed: reused");
    // The same file read again with its code relabelled: a new book with the new label.
    ws.set_references(Arc::from([layer("A relabelled claim")]));
    let second = book(&ws);
    assert!(!Arc::ptr_eq(&first, &second), "a layer changed: rebuilt");
    assert_eq!(second.label("USER.claim"), "A relabelled claim");
    assert!(Arc::ptr_eq(&second, &book(&ws)), "and reused again");
    // Without the layer shown, the plain codebook (which does not know the code).
    assert_eq!(
        ws.codebook_with(&framework, &[]).label("USER.claim"),
        "USER.claim"
    );
}
