//! Codes that other people's notes define (a classmate's own codes) show by the label their
//! file gives them in the class views, never by their id (issue 23, item 6).

use std::path::Path;

use caselens::format::empty_notes;
use caselens::notes::book::NoteBook;
use caselens::ui::CaselensApp;
use caselens::workspace::View;
use caselens::workspace::class::ClassAction;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, bundled, harness};

const LABEL: &str = "A claim of the source";

/// `author`'s notes on Company A: their own code "A claim of the source" on background/p1.
/// Returns the code's id.
fn write_own_code_notes(dir: &Path, author: &str, quote: &str) -> String {
    let library = bundled();
    let case = library.case("company-a").expect("bundled");
    let mut book = NoteBook::new(empty_notes(Some(author.to_owned())));
    let code = book.add_code(LABEL, "#10b981", None).expect("a code");
    let text = &case.paragraph("background/p1").expect("paragraph").text;
    let start = text[..text.find(quote).expect("quote")].chars().count();
    let anchor = caselens::notes::anchor::new_anchor(text, start, start + quote.chars().count())
        .expect("anchor");
    book.add_highlight(
        "company-a",
        "background/p1",
        anchor,
        vec![code.clone()],
        None,
    );
    let json = serde_json::to_string_pretty(book.file()).expect("notes serialise");
    std::fs::write(
        dir.join(format!("{}.notes.json", author.to_lowercase())),
        json,
    )
    .expect("written");
    code
}

fn class_app(dir: &Path) -> (CaselensApp, String) {
    let code = write_own_code_notes(dir, "Ana", "Company A");
    write_own_code_notes(dir, "Ben", "e-business");
    let mut app = app_on("company-a");
    app.open_layers_now(&[dir.to_owned()]);
    app.workspace
        .apply(caselens::workspace::Action::Class(ClassAction::TogglePanel));
    (app, code)
}

fn view(h: &mut Harness<'static, CaselensApp>, key: egui::Key) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, key);
    h.run();
}

#[test]
fn coded_passages_show_a_layers_own_code_by_its_label() {
    let dir = tempfile::tempdir().expect("a folder");
    let (mut app, code) = class_app(dir.path());
    assert!(code.starts_with("USER."));
    app.coded_view.codes = vec![code.clone()];
    let mut h = harness(app);
    h.run();
    view(&mut h, egui::Key::Num5);
    assert_eq!(h.state().workspace.view, View::Coded);
    assert!(
        h.query_by_label("by Ana").is_some(),
        "Ana's passage is listed"
    );
    assert_eq!(h.query_all_by_label_contains(&code).count(), 0, "no id");
    assert!(
        h.query_all_by_label_contains(LABEL).count() >= 2,
        "picker and chips"
    );
}

#[test]
fn the_agreement_table_names_a_layers_own_code_by_its_label() {
    let dir = tempfile::tempdir().expect("a folder");
    let (app, code) = class_app(dir.path());
    let mut h = harness(app);
    h.run();
    view(&mut h, egui::Key::Num6);
    assert_eq!(h.state().workspace.view, View::Agreement);
    assert!(h.query_by_label("2 coder(s) shown").is_some());
    assert_eq!(h.query_all_by_label_contains(&code).count(), 0, "no id");
    assert!(h.query_by_label(LABEL).is_some(), "the code's row");
}
