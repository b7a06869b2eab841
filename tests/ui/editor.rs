//! Your own case, end to end: a Word document becomes a draft case in the editor beside its
//! text; five facets get values with evidence selected in the text; an alliance and a question
//! are added; the case is saved, loads in a new window, is compared with Company A and
//! annotated.

use caselens::authoring::FacetValue;
use caselens::workspace::editing::EditorCmd;
use caselens::workspace::{Action, View};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness, harness_sized, project};

const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// Runs frames until `done` holds (a background job finished).
fn run_until(h: &mut H, done: impl Fn(&H) -> bool) {
    for _ in 0..100_000 {
        h.run();
        if done(h) {
            // The frame that took the job's result drew before it: draw what it changed.
            h.run();
            return;
        }
        std::thread::yield_now();
    }
    panic!("never happened: {}", h.state().status);
}

/// Selects the whole of paragraph `address` of the open case with the keyboard.
fn select(h: &mut H, address: &str) {
    h.get_by_label(&format!("Paragraph {address}")).click();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.run();
    assert!(h.state().reader.selection.is_some(), "selected {address}");
}

fn editor_case(h: &H) -> caselens::format::Case {
    h.state()
        .workspace
        .editor
        .as_ref()
        .map(|e| e.draft.doc().clone())
        .expect("a case is edited")
}

#[test]
fn a_word_document_becomes_a_case_that_is_filled_saved_reopened_compared_and_annotated() {
    let dir = tempfile::tempdir().expect("dir");
    // Tall enough for the whole form: every facet of the framework shows at once.
    let mut h = harness_sized(app_on("company-a"), 1600.0, 4000.0);
    h.run();
    let ctx = h.ctx.clone();
    let docx = project("tests/fixtures/documents/source.docx");
    h.state_mut().apply(&ctx, Action::CaseFromDocument(docx));
    run_until(&mut h, |h| h.state().workspace.editor.is_some());
    let draft = editor_case(&h);
    assert_eq!(
        h.state().workspace.open_case.as_deref(),
        Some(draft.id.as_str())
    );
    assert!(
        draft.facets.is_empty(),
        "every dimension starts not covered"
    );
    assert!(
        h.query_by_label("Title").is_some(),
        "the form is beside the text"
    );
    let paragraphs = fill_five_facets(&mut h, &draft);
    add_alliance_and_question(&mut h);
    let case = editor_case(&h);
    // Saved where the save dialog would answer.
    let path = dir.path().join("bakery.case.json");
    h.state_mut()
        .apply(&ctx, Action::Editor(EditorCmd::SaveAs(path.clone())));
    run_until(&mut h, |h| {
        h.state().workspace.library.case(&case.id).is_some()
    });
    assert!(path.exists());

    reopen_compare_and_annotate(path, &case, &paragraphs[0]);
}

/// Gives five facets a value each, with evidence selected in the text (one paragraph each);
/// returns those paragraphs.
fn fill_five_facets(h: &mut H, draft: &caselens::format::Case) -> Vec<String> {
    let ctx = h.ctx.clone();
    // Five facets with values, each with evidence selected in the text.
    let paragraphs: Vec<String> = draft
        .sections
        .iter()
        .flat_map(|s| {
            s.paragraphs
                .iter()
                .map(move |p| format!("{}/{}", s.id, p.id))
        })
        .filter(|a| draft.paragraph(a).is_some_and(|p| !p.text.starts_with('-')))
        .take(5)
        .collect();
    assert_eq!(paragraphs.len(), 5, "{paragraphs:?}");
    let dims = [
        "headquarters",
        "sector",
        "offering",
        "value-proposition",
        "cost-structure",
    ];
    for (i, (dim, paragraph)) in dims.iter().zip(&paragraphs).enumerate() {
        h.state_mut().apply(
            &ctx,
            Action::Editor(EditorCmd::Apply(caselens::authoring::CaseEdit::SetFacet {
                dimension: (*dim).into(),
                value: FacetValue::Text(format!("value {i}")),
            })),
        );
        h.run();
        select(h, paragraph);
        // The facets with values show one button each, in the framework's order (the order of
        // `dims`), so the newest is the last.
        h.get_all_by_label("Use as evidence")
            .nth(i)
            .expect("button")
            .click();
        h.run();
        let facet = editor_case(h).facets[*dim].clone();
        assert_eq!(facet.evidence.len(), 1, "{dim}");
        assert_eq!(
            facet.evidence[0].reference.as_deref(),
            Some(paragraph.as_str())
        );
    }
    // The key does the same for the facet last edited.
    select(h, &paragraphs[0]);
    h.key_press_modifiers(CTRL.plus(Modifiers::SHIFT), Key::U);
    h.run();
    assert_eq!(editor_case(h).facets["cost-structure"].evidence.len(), 2);
    paragraphs
}

/// Adds an alliance and a question by typing into the form.
fn add_alliance_and_question(h: &mut H) {
    // An alliance and a question, typed into the form.
    h.get_by_label("New alliance with").click();
    h.run();
    h.get_by_label("New alliance with")
        .type_text("Flour Mill Ltd");
    h.run();
    h.get_by_label("Add alliance").click();
    h.run();
    h.get_by_label("New question").click();
    h.run();
    h.get_by_label("New question")
        .type_text("Why bake for others?");
    h.run();
    h.get_by_label("Add question").click();
    h.run();
    let case = editor_case(h);
    assert_eq!(case.alliances.len(), 1);
    assert_eq!(case.alliances[0].partner, "Flour Mill Ltd");
    assert_eq!(case.questions.len(), 1);
    assert!(
        h.state()
            .workspace
            .editor
            .as_ref()
            .is_some_and(|e| e.draft.problems().is_empty()),
        "the case is valid: {:?}",
        h.state()
            .workspace
            .editor
            .as_ref()
            .map(|e| e.draft.problems().to_vec())
    );
}

/// A new window on the bundled cases and the saved file: the case is compared with Company A
/// and annotated.
fn reopen_compare_and_annotate(
    path: std::path::PathBuf,
    case: &caselens::format::Case,
    paragraph: &str,
) {
    // A new window on the bundled cases and the saved file: compare and annotate.
    let library = caselens::library::Library::load(&caselens::library::LoadRequest {
        bundled: caselens::library::Bundled::All,
        paths: vec![path.clone()],
    });
    assert!(
        library.failed().next().is_none(),
        "the saved case loads cleanly"
    );
    let mut app = caselens::ui::CaselensApp::with_library(library, vec![path]);
    app.workspace.apply(Action::OpenCase {
        case: case.id.clone(),
        at: None,
    });
    let mut h = harness(app);
    h.run();
    for id in ["company-a", case.id.as_str()] {
        h.state_mut()
            .workspace
            .apply(Action::ToggleCompare(id.to_owned()));
    }
    h.state_mut()
        .workspace
        .apply(Action::SetView(View::Compare));
    h.run();
    assert_eq!(h.state().workspace.compare, ["company-a", case.id.as_str()]);
    assert!(
        h.query_all_by_label_contains(&case.title).next().is_some(),
        "the case is a column"
    );
    h.state_mut().workspace.apply(Action::SetView(View::Reader));
    h.run();
    select(&mut h, paragraph);
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    let notes = h.state().workspace.notebook.file().clone();
    assert!(
        notes
            .items
            .iter()
            .any(|i| i.case.as_deref() == Some(case.id.as_str())),
        "annotated: {:?}",
        h.state().status
    );
}
