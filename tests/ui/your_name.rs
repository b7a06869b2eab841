//! Whose notes these are (issue 23, item 12): the name is asked for on first use (skippable),
//! shown in the status bar, set with *Edit > Your name*, and written as the notes file's
//! `author`, so the highlights CSV's author column carries it.

use caselens::workspace::export::{ExportKind, for_workspace};
use caselens::workspace::{Action, Edit};
use egui_kittest::kittest::Queryable as _;

use crate::util::{MemoryStorage, app_on, harness};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// The app as a real start makes it (it asks on first use); tests' apps never ask.
fn first_start() -> H {
    let mut app = app_on("company-a");
    app.name.first_use = true;
    let mut h = harness(app);
    h.run();
    h
}

fn csv(h: &H) -> String {
    let bytes = for_workspace(&h.state().workspace, ExportKind::HighlightsCsv, &[])
        .expect("highlights to export");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn the_name_asked_on_first_use_is_the_notes_author_and_the_csv_author() {
    let mut h = first_start();
    h.get_by_label("Your name").click();
    h.run();
    h.get_by_label("Your name").type_text("Ana Lima");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("Your name").is_none(), "answered: gone");
    let ws = &h.state().workspace;
    assert_eq!(ws.notebook.file().author.as_deref(), Some("Ana Lima"));
    assert!(
        h.query_by_label("Notes by Ana Lima").is_some(),
        "status bar"
    );
    h.state_mut()
        .workspace
        .apply(Action::Edit(Edit::AddHighlight {
            paragraph: "background/p1".into(),
            start: 0,
            end: 9,
            codes: vec![],
            comment: String::new(),
        }));
    let text = csv(&h);
    let header: Vec<&str> = text.lines().next().unwrap_or_default().split(',').collect();
    let column = header
        .iter()
        .position(|c| *c == "author")
        .expect("author column");
    let row: Vec<&str> = text.lines().nth(1).unwrap_or_default().split(',').collect();
    assert_eq!(row.get(column), Some(&"Ana Lima"), "{text}");
    // Remembered: the next start does not ask, and a notes file without a name gets it.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let mut again = app_on("company-a");
    again.restore_settings(&storage);
    again.name.first_use = true;
    let mut h = harness(again);
    h.run();
    assert!(h.query_by_label("Your name").is_none(), "not asked twice");
    assert_eq!(h.state().workspace.your_name(), Some("Ana Lima"));
}

#[test]
fn skip_leaves_no_name_and_edit_your_name_sets_it_later() {
    let mut h = first_start();
    h.get_by_label("Skip").click();
    h.run();
    assert!(h.query_by_label("Your name").is_none());
    assert!(
        h.query_by_label("Notes by: no name (Edit > Your name)")
            .is_some()
    );
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Your name…").click();
    h.run();
    h.get_by_label("Your name").click();
    h.run();
    h.get_by_label("Your name").type_text("Ben");
    h.run();
    h.get_by_label("Use this name").click();
    h.run();
    assert_eq!(h.state().workspace.your_name(), Some("Ben"));
}

#[test]
fn an_app_built_for_tests_never_asks() {
    let mut h = harness(app_on("company-a"));
    h.run();
    assert!(h.query_by_label("Your name").is_none());
}
