use super::*;
use crate::authoring::FacetValue;
use crate::library::Library;
use crate::workspace::{Action, Edit};

fn ws() -> Workspace {
    Workspace::new(Library::bundled(), vec![])
}

fn apply(ws: &mut Workspace, cmd: EditorCmd) -> Option<Effect> {
    ws.apply(Action::Editor(cmd))
}

fn set_sector(text: &str) -> EditorCmd {
    EditorCmd::Apply(CaseEdit::SetFacet {
        dimension: "headquarters".into(),
        value: FacetValue::Text(text.into()),
    })
}

#[test]
fn a_bundled_case_is_edited_as_a_copy_saved_where_the_user_says_and_then_loaded() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = ws();
    ws.open_case = Some("company-b".into());
    assert_eq!(apply(&mut ws, EditorCmd::Start), None);
    let editor = ws.editor.as_ref().expect("editing");
    assert!(matches!(editor.draft.file(), DraftFile::Bundled(_)));
    apply(&mut ws, set_sector("Somewhere"));
    assert_eq!(
        ws.reader_case()
            .map(|c| c.facets.contains_key("headquarters")),
        Some(true),
        "the reader shows the draft"
    );
    // Saving a bundled case asks where.
    assert_eq!(
        apply(&mut ws, EditorCmd::Save(SaveMode::Anyway)),
        Some(Effect::Pick(Pick::SaveCaseAs))
    );
    let path = dir.path().join("b.case.json");
    let effect = apply(&mut ws, EditorCmd::SaveAs(path.clone()));
    assert!(matches!(effect, Some(Effect::Load(_))), "{effect:?}");
    assert!(path.exists());
    assert!(ws.paths.contains(&path), "the saved file loads next time");
    let status = ws.editor.as_ref().and_then(|e| e.status.clone());
    assert!(status.is_some_and(|s| s.starts_with("Saved to")));
}

#[test]
fn undo_and_redo_are_the_editors_while_a_case_is_edited() {
    let mut ws = ws();
    ws.open_case = Some("company-a".into());
    apply(&mut ws, EditorCmd::Start);
    let before = ws.reader_case().cloned();
    apply(&mut ws, set_sector("Here"));
    assert_ne!(ws.reader_case().cloned(), before);
    assert!(ws.can(&Action::Edit(Edit::Undo)));
    ws.apply(Action::Edit(Edit::Undo));
    assert_eq!(ws.reader_case().cloned(), before);
    ws.apply(Action::Edit(Edit::Redo));
    assert_ne!(ws.reader_case().cloned(), before);
    assert_eq!(ws.notebook.revision, 0, "the notes were not touched");
    // Unsaved changes: Stop editing asks instead of dropping them.
    apply(&mut ws, EditorCmd::Close);
    assert!(ws.editor.as_ref().is_some_and(|e| e.confirm_close));
    apply(&mut ws, EditorCmd::KeepEditing);
    assert!(ws.editor.as_ref().is_some_and(|e| !e.confirm_close));
    apply(&mut ws, EditorCmd::Discard);
    assert!(ws.editor.is_none());
    assert_eq!(ws.reader_case(), ws.library.case("company-a"));
}

#[test]
fn new_and_duplicated_cases_get_free_ids_and_open_in_the_reader() {
    let mut ws = ws();
    apply(&mut ws, EditorCmd::NewCase(String::new()));
    let id = ws.open_case.clone().expect("open");
    assert!(ws.library.case(&id).is_none(), "{id} is new");
    assert!(ws.reader_case().is_some());
    // A new case is unsaved: stopping asks, discarding drops it.
    apply(&mut ws, EditorCmd::Close);
    assert!(ws.editor.as_ref().is_some_and(|e| e.confirm_close));
    apply(&mut ws, EditorCmd::Discard);
    ws.open_case = Some("corio".into());
    apply(&mut ws, EditorCmd::Duplicate);
    assert_eq!(ws.open_case.as_deref(), Some("corio-copy"));
    assert_eq!(ws.free_case_id("corio"), "corio-2");
}

#[test]
fn the_selection_becomes_evidence_of_a_facet() {
    let mut ws = ws();
    ws.open_case = Some("company-a".into());
    apply(&mut ws, EditorCmd::Start);
    apply(&mut ws, set_sector("Europe"));
    let text = ws
        .reader_case()
        .and_then(|c| c.paragraph("background/p1"))
        .map(|p| p.text.clone())
        .expect("paragraph");
    let quote: String = text.chars().take(12).collect();
    apply(
        &mut ws,
        EditorCmd::UseAsEvidence {
            to: crate::authoring::EvidenceOwner::Facet("headquarters".into()),
            paragraph: "background/p1".into(),
            quote: quote.clone(),
        },
    );
    let facet = ws
        .reader_case()
        .and_then(|c| c.facets.get("headquarters"))
        .expect("facet");
    assert_eq!(facet.evidence.len(), 1);
    assert_eq!(facet.evidence[0].quote.as_deref(), Some(quote.as_str()));
}

#[test]
fn unsaved_edits_are_never_replaced_by_another_draft() {
    let mut ws = ws();
    ws.open_case = Some("company-a".into());
    apply(&mut ws, EditorCmd::Start);
    apply(&mut ws, set_sector("Here"));
    ws.open_case = Some("corio".into());
    apply(&mut ws, EditorCmd::Start);
    let editor = ws.editor.as_ref().expect("still editing");
    assert_eq!(editor.draft.doc().id, "company-a", "the draft is kept");
    assert!(editor.confirm_close, "the editor asks to save or discard");
    assert_eq!(ws.open_case.as_deref(), Some("company-a"), "and shows it");
    apply(&mut ws, EditorCmd::NewCase(String::new()));
    assert_eq!(
        ws.editor
            .as_ref()
            .map(|e| e.draft.doc().id.clone())
            .as_deref(),
        Some("company-a")
    );
    apply(&mut ws, EditorCmd::Discard);
    ws.open_case = Some("corio".into());
    apply(&mut ws, EditorCmd::Start);
    assert_eq!(
        ws.editor
            .as_ref()
            .map(|e| e.draft.doc().id.clone())
            .as_deref(),
        Some("corio")
    );
}
