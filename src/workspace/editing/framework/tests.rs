use super::*;
use crate::authoring::FixChoice;
use crate::format::Kind;
use crate::library::{Library, LoadRequest};
use crate::workspace::editing::EditorCmd;
use crate::workspace::{Action, Edit, Pick};

const SPEED: &str = "RAT.practice.speed-and-cost";

fn ws() -> Workspace {
    Workspace::new(Library::bundled(), vec![])
}

fn apply(ws: &mut Workspace, cmd: FrameworkCmd) -> Option<Effect> {
    ws.apply(Action::Framework(cmd))
}

fn edit(ws: &mut Workspace, edit: FrameworkEdit) -> Option<Effect> {
    apply(ws, FrameworkCmd::Apply(edit))
}

fn editor(ws: &Workspace) -> &FrameworkEditor {
    ws.framework_editor.as_ref().expect("a framework is edited")
}

/// The case as the framework editor left it, or as loaded.
fn case<'a>(ws: &'a Workspace, id: &str) -> &'a Case {
    editor(ws)
        .changed_case(id)
        .or_else(|| ws.library.case(id))
        .expect("case")
}

fn status(ws: &Workspace) -> String {
    editor(ws).status.clone().unwrap_or_default()
}

/// A note on corio coded with `code`, and a cell note on its `founded`.
fn notes_on_corio(ws: &mut Workspace, code: &str) -> String {
    let id = ws.notebook.add_note("corio", None, "fast and cheap");
    ws.apply(Action::Edit(Edit::UpdateItem {
        id: id.clone(),
        text: None,
        title: None,
        codes: Some(vec![code.to_owned()]),
    }));
    ws.apply(Action::Edit(Edit::AddNote {
        case: "corio".into(),
        dimension: Some("founded".into()),
        text: "a cell note".into(),
    }));
    id
}

fn codes_of(ws: &Workspace, item: &str) -> Vec<crate::format::Id> {
    ws.notebook.item(item).expect("item").codes.clone()
}

fn rename_speed(to: &str) -> FrameworkEdit {
    FrameworkEdit::RenameCode {
        code: SPEED.into(),
        id: to.into(),
    }
}

fn uses(case: &Case, code: &str) -> bool {
    serde_json::to_string(case)
        .unwrap()
        .contains(&format!("\"{code}\""))
}

#[test]
fn renaming_a_code_follows_into_cases_and_notes_and_undoes_as_one_step() {
    let mut ws = ws();
    let item = notes_on_corio(&mut ws, SPEED);
    apply(&mut ws, FrameworkCmd::Start(Some("asp-alliances".into())));
    assert_eq!(ws.view, View::Framework);
    assert!(matches!(editor(&ws).draft.file(), DraftFile::Bundled(_)));
    edit(&mut ws, rename_speed("RAT.practice.speed"));
    assert!(editor(&ws).draft.doc().code("RAT.practice.speed").is_some());
    assert!(uses(case(&ws, "corio"), "RAT.practice.speed"));
    assert!(!uses(case(&ws, "corio"), SPEED));
    assert_eq!(codes_of(&ws, &item), ["RAT.practice.speed"]);
    assert_eq!(
        editor(&ws).to_write(),
        [("corio".to_owned(), CaseFile::BundledCopy)]
    );
    // One undo (Ctrl+Z goes to the framework editor) puts back all three.
    assert!(ws.can(&Action::Edit(Edit::Undo)));
    ws.apply(Action::Edit(Edit::Undo));
    assert!(editor(&ws).draft.doc().code(SPEED).is_some());
    assert_eq!(case(&ws, "corio"), ws.library.case("corio").unwrap());
    assert_eq!(codes_of(&ws, &item), [SPEED]);
    assert!(!editor(&ws).is_modified());
    ws.apply(Action::Edit(Edit::Redo));
    assert!(uses(case(&ws, "corio"), "RAT.practice.speed"));
    assert_eq!(codes_of(&ws, &item), ["RAT.practice.speed"]);
    // A renamed dimension moves the facets and the cell notes.
    edit(
        &mut ws,
        FrameworkEdit::SetDimensionId {
            dimension: "founded".into(),
            id: "year-founded".into(),
        },
    );
    assert!(case(&ws, "company-a").facets.contains_key("year-founded"));
    let cell = ws
        .notebook
        .items()
        .find_map(|i| i.target.as_ref()?.dimension.clone());
    assert_eq!(cell.as_deref(), Some("year-founded"));
}

#[test]
fn saving_a_bundled_framework_writes_it_and_copies_of_the_bundled_cases_it_changed() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = ws();
    apply(&mut ws, FrameworkCmd::Start(None));
    edit(&mut ws, rename_speed("RAT.practice.speed"));
    assert_eq!(
        ws.apply(Action::Editor(EditorCmd::Save(SaveMode::Checked))),
        Some(Effect::Pick(Pick::SaveFrameworkAs)),
        "Ctrl+S saves the framework; bundled, it asks where"
    );
    let path = dir.path().join("asp.framework.json");
    let effect = apply(&mut ws, FrameworkCmd::SaveAs(path.clone()));
    let Some(Effect::Load(request)) = effect else {
        panic!("the library reloads: {effect:?}");
    };
    let copy = dir.path().join("corio.case.json");
    assert!(path.exists() && copy.exists(), "{}", status(&ws));
    assert!(ws.paths.contains(&path) && ws.paths.contains(&copy));
    assert!(!editor(&ws).is_modified());
    assert!(editor(&ws).to_write().is_empty());
    let library = Library::load(&request);
    assert!(
        library.failed().next().is_none(),
        "{:?}",
        library.failed().collect::<Vec<_>>()
    );
    assert!(uses(library.case("corio").unwrap(), "RAT.practice.speed"));
    assert!(
        !library.frameworks[0].origin.is_bundled(),
        "the copy replaces it"
    );
    // The next save writes the framework's own file and the case's copy again.
    ws.set_library(library);
    edit(
        &mut ws,
        FrameworkEdit::RenameCode {
            code: "RAT.practice.speed".into(),
            id: "RAT.practice.fast".into(),
        },
    );
    assert_eq!(
        editor(&ws).to_write(),
        [("corio".to_owned(), CaseFile::Own(copy.clone()))]
    );
    let effect = ws.apply(Action::Editor(EditorCmd::Save(SaveMode::Checked)));
    assert!(matches!(effect, Some(Effect::Load(_))), "{}", status(&ws));
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(text.contains("RAT.practice.fast"));
    let back = Library::load(&LoadRequest {
        bundled: crate::library::Bundled::All,
        paths: ws.paths.clone(),
    });
    assert!(back.failed().next().is_none());
}

#[test]
fn an_edit_that_breaks_cases_waits_until_the_user_picks_a_fix_or_cancels() {
    let mut ws = ws();
    apply(&mut ws, FrameworkCmd::Start(None));
    let retype = FrameworkEdit::SetKind {
        dimension: "segments".into(),
        kind: Kind::Text,
    };
    edit(&mut ws, retype.clone());
    let pending = editor(&ws).pending.clone().expect("held");
    assert!(pending.impact.broken.iter().any(|c| c.case == "company-a"));
    assert_eq!(
        editor(&ws).draft.doc().dimension("segments").unwrap().kind,
        Kind::List
    );
    // Nothing else happens until it is answered.
    edit(&mut ws, FrameworkEdit::SetTitle("x".into()));
    assert_ne!(editor(&ws).draft.doc().title, "x");
    apply(&mut ws, FrameworkCmd::CancelPending);
    assert!(editor(&ws).pending.is_none() && !editor(&ws).is_modified());
    // Mark unknown: every broken case is valid against the edited framework.
    edit(&mut ws, retype);
    apply(&mut ws, FrameworkCmd::Fix(FixChoice::MarkUnknown));
    let fw = editor(&ws).draft.doc().clone();
    assert_eq!(fw.dimension("segments").unwrap().kind, Kind::Text);
    for broken in &pending.impact.broken {
        let c = case(&ws, &broken.case);
        assert!(c.facets["segments"].unknown.is_some(), "{}", broken.case);
        assert!(crate::validate::check_case(c, Some(&fw), &[]).is_empty());
    }
    // Undo puts the cases back too.
    apply(&mut ws, FrameworkCmd::Undo);
    assert_eq!(
        case(&ws, "company-a"),
        ws.library.case("company-a").unwrap()
    );
    // A deleted dimension cannot be unknown: its facets go.
    edit(
        &mut ws,
        FrameworkEdit::DeleteDimension {
            dimension: "founded".into(),
        },
    );
    apply(&mut ws, FrameworkCmd::Fix(FixChoice::MarkUnknown));
    assert!(!case(&ws, "company-a").facets.contains_key("founded"));
    assert_eq!(editor(&ws).to_write().len(), ws.library.cases.len());
}

#[test]
fn a_case_in_the_case_editor_is_never_changed_behind_its_back() {
    let mut ws = ws();
    ws.open_case = Some("corio".into());
    ws.apply(Action::Editor(EditorCmd::Start));
    apply(&mut ws, FrameworkCmd::Start(None));
    assert_eq!(
        editor(&ws).draft.doc().id,
        "asp-alliances",
        "the open case's"
    );
    edit(&mut ws, rename_speed("RAT.practice.speed"));
    assert!(status(&ws).contains("corio"), "{}", status(&ws));
    assert!(editor(&ws).draft.doc().code(SPEED).is_some(), "not renamed");
    // Undo and Ctrl+S go to the editor shown.
    ws.view = View::Reader;
    assert_eq!(
        ws.apply(Action::Editor(EditorCmd::Save(SaveMode::Checked))),
        Some(Effect::Pick(Pick::SaveCaseAs))
    );
    ws.apply(Action::Editor(EditorCmd::Discard));
    edit(&mut ws, rename_speed("RAT.practice.speed"));
    assert!(editor(&ws).has_unsaved_case("corio"));
    ws.open_case = Some("corio".into());
    ws.apply(Action::Editor(EditorCmd::Start));
    assert!(ws.editor.is_none(), "corio has unsaved framework changes");
}

#[test]
fn new_frameworks_take_free_ids_and_unsaved_ones_are_not_replaced() {
    let mut ws = ws();
    apply(&mut ws, FrameworkCmd::New);
    assert!(matches!(editor(&ws).draft.file(), DraftFile::New));
    assert_eq!(editor(&ws).draft.doc().id, "my-framework");
    edit(&mut ws, FrameworkEdit::SetId("asp-alliances".into()));
    assert_eq!(
        editor(&ws).draft.doc().id,
        "my-framework",
        "{}",
        status(&ws)
    );
    assert!(
        editor(&ws)
            .refusal(&FrameworkEdit::SetId("Not An Id".into()))
            .is_some()
    );
    edit(&mut ws, FrameworkEdit::SetId("my-grid".into()));
    assert_eq!(editor(&ws).draft.doc().id, "my-grid");
    // Unsaved: another framework does not replace it; the editor asks.
    apply(&mut ws, FrameworkCmd::Start(Some("asp-alliances".into())));
    assert_eq!(editor(&ws).draft.doc().id, "my-grid");
    assert!(editor(&ws).confirm_close);
    apply(&mut ws, FrameworkCmd::Discard);
    assert!(ws.framework_editor.is_none());
    assert_eq!(ws.view, View::Reader);
    // From the ticked cases: their dimensions and codes, valid.
    ws.compare = vec!["corio".into(), "jamcracker".into()];
    apply(&mut ws, FrameworkCmd::NewFromCases);
    let draft = &editor(&ws).draft;
    assert_eq!(draft.doc().id, "from-cases");
    assert!(draft.doc().dimension("founded").is_some());
    assert!(draft.problems().is_empty(), "{:?}", draft.problems());
    // A framework cases name keeps its id.
    apply(&mut ws, FrameworkCmd::Discard);
    apply(&mut ws, FrameworkCmd::Start(None));
    edit(&mut ws, FrameworkEdit::SetId("other".into()));
    assert_eq!(editor(&ws).draft.doc().id, "asp-alliances");
    assert!(status(&ws).contains("name framework"), "{}", status(&ws));
}

#[test]
fn discarding_undoes_the_renames_in_the_notes() {
    let mut ws = ws();
    let item = notes_on_corio(&mut ws, SPEED);
    apply(&mut ws, FrameworkCmd::Start(None));
    edit(&mut ws, rename_speed("RAT.practice.speed"));
    edit(&mut ws, rename_speed("RAT.practice.speed"));
    edit(
        &mut ws,
        FrameworkEdit::RenameCode {
            code: "RAT.practice.speed".into(),
            id: "RAT.practice.quick".into(),
        },
    );
    assert_eq!(codes_of(&ws, &item), ["RAT.practice.quick"]);
    apply(&mut ws, FrameworkCmd::Close);
    assert!(editor(&ws).confirm_close, "unsaved: Close asks");
    apply(&mut ws, FrameworkCmd::KeepEditing);
    apply(&mut ws, FrameworkCmd::Close);
    apply(&mut ws, FrameworkCmd::Discard);
    assert!(ws.framework_editor.is_none());
    assert_eq!(codes_of(&ws, &item), [SPEED]);
    // One undo in the notes brings the discarded rename back, like any notes change.
    ws.apply(Action::Edit(Edit::Undo));
    assert_eq!(codes_of(&ws, &item), ["RAT.practice.quick"]);
}
