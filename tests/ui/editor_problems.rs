//! The case editor after an edit of the text: a quote that no longer occurs is a problem whose
//! link takes the form to the facet it belongs to, and highlights the edit leaves without
//! their passage are named.

use caselens::authoring::CaseEdit;
use caselens::workspace::editing::EditorCmd;
use caselens::workspace::{Action, Edit};
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness_sized};

const HEIGHT: f32 = 420.0;

/// Company A in the editor, with a highlight of the user's on "founded in 1999", and that
/// phrase then edited out of its paragraph.
fn edited_company_a() -> egui_kittest::Harness<'static, caselens::ui::CaselensApp> {
    let mut app = app_on("company-a");
    let text = app
        .workspace
        .library
        .case("company-a")
        .and_then(|c| c.paragraph("background/p1"))
        .map(|p| p.text.clone())
        .expect("the first paragraph");
    let start = text.find("founded in 1999").expect("the phrase");
    let start = text[..start].chars().count();
    app.workspace.apply(Action::Edit(Edit::AddHighlight {
        paragraph: "background/p1".into(),
        start,
        end: start + "founded in 1999".len(),
        codes: Vec::new(),
        comment: String::new(),
    }));
    app.workspace.apply(Action::Editor(EditorCmd::Start));
    app.workspace
        .apply(Action::Editor(EditorCmd::Apply(CaseEdit::EditParagraph {
            section: "background".into(),
            paragraph: "p1".into(),
            text: "A company whose history this paragraph no longer tells.".into(),
        })));
    let mut h = harness_sized(app, 1280.0, HEIGHT);
    h.run();
    h
}

#[test]
fn a_problem_link_opens_the_form_at_its_facet_and_marks_it_until_fixed() {
    let mut h = edited_company_a();
    let editor = h.state().workspace.editor.as_ref().expect("editing");
    let problem = editor
        .draft
        .problems()
        .iter()
        .find(|p| p.pointer.starts_with("/facets/founded/evidence/0"))
        .cloned()
        .expect("the quote of `founded` is flagged");
    assert!(
        h.query_by_label_contains("Problem here").is_none(),
        "nothing is marked before a click"
    );
    h.get_by_label(&format!("{}: {}", problem.pointer, problem.message))
        .click();
    h.run();
    h.run();
    let mark = format!("Problem here: {}", problem.message);
    let rect = h.get_by_label(&mark).rect();
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= HEIGHT,
        "scrolled into view: {rect:?}"
    );
    // The reader shows the paragraph the quote was taken from.
    assert_eq!(
        h.state()
            .workspace
            .focus
            .as_ref()
            .map(|f| f.paragraph.as_str()),
        Some("background/p1")
    );
    // Undo restores the text: the problem is gone, and so is the mark.
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Action::Edit(Edit::Undo));
    h.run();
    h.run();
    assert!(h.query_by_label_contains("Problem here").is_none());
}

#[test]
fn the_editor_names_the_highlights_an_edit_of_the_text_orphans_and_undo_brings_them_back() {
    let mut h = edited_company_a();
    let warning =
        "These edits leave 1 highlight(s) without their passage: 1 in background/p1 (yours)";
    assert!(
        h.query_by_label_contains(warning).is_some(),
        "the orphaned highlight is named"
    );
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Action::Edit(Edit::Undo));
    h.run();
    assert!(h.query_by_label_contains("without their passage").is_none());
}
