//! Annotating through the UI: highlight with a code, undo, redo, memos; the notes file on
//! disk follows each step after the autosave delay.

use std::path::Path;
use std::sync::Arc;

use caselens::library::{Bundled, Library, LoadRequest};
use caselens::notes::autosave::{MAX_DELAY, ManualClock};
use caselens::notes::session::NotesSession;
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The app on the bundled cases, saving notes to `path` on a clock the test moves.
fn app_with_notes(path: &Path) -> (CaselensApp, Arc<ManualClock>) {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    });
    let mut app = CaselensApp::with_library(lib, vec![]);
    let clock = Arc::new(ManualClock::default());
    app.notes = NotesSession::with_clock(caselens::jobs::no_wake(), clock.clone());
    app.notes.open_now(&mut app.workspace, path.to_owned());
    app.workspace.apply(Action::OpenCase {
        case: "company-a".into(),
        at: None,
    });
    (app, clock)
}

fn harness(app: CaselensApp) -> Harness<'static, CaselensApp> {
    Harness::builder()
        .with_size(egui::vec2(1500.0, 1400.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut CaselensApp| app.root_ui(ui), app)
}

/// Lets the autosave delay pass on the test's clock, lets the saver act on it, and returns
/// the notes file on disk, which must satisfy `ok`. No sleeping: the clock is moved by hand.
fn wait_for_disk(
    h: &mut Harness<'static, CaselensApp>,
    clock: &ManualClock,
    path: &Path,
    ok: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    h.run();
    clock.advance(MAX_DELAY);
    let app = h.state_mut();
    app.notes.sync(&mut app.workspace);
    h.run();
    let text = std::fs::read_to_string(path).expect("the notes file was written");
    let v: serde_json::Value = serde_json::from_str(&text).expect("the notes file is JSON");
    assert!(
        ok(&v),
        "the notes file is not in the expected state:\n{text}"
    );
    v
}

fn live_highlights(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["kind"] == "highlight" && i["deleted"] != true)
        .cloned()
        .collect()
}

#[test]
fn select_text_highlight_with_a_code_undo_redo_and_the_file_follows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("student.notes.json");
    let (app, clock) = app_with_notes(&path);
    let paragraph = app
        .workspace
        .library
        .case("company-a")
        .unwrap()
        .paragraph("background/p1")
        .unwrap()
        .text
        .clone();
    let fw = app.workspace.library.framework("asp-alliances").unwrap();
    let code = fw.code("RAT.practice.market-access").unwrap().clone();
    // The picker lists a nested code by its path under its family.
    let code_label = format!("Practitioner rationale › {}", code.label);
    let mut h = harness(app);
    h.run();
    // Select the whole paragraph with the keyboard, as a user would.
    h.get_by_label("Paragraph background/p1").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    let sel = h.state().reader.selection.clone().expect("a selection");
    assert_eq!(sel.paragraph, "background/p1");
    assert_eq!(sel.text, paragraph);
    h.get_by_label("Codes").click();
    h.run();
    h.get_by_label("Search codes").click();
    h.get_by_label("Search codes").type_text("market access");
    h.run();
    h.get_by_label(&code_label).click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    let items: Vec<_> = h.state().workspace.notebook.items().cloned().collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].codes, vec![code.id.clone()]);
    assert_eq!(
        items[0].target.as_ref().unwrap().exact.as_deref(),
        Some(paragraph.as_str())
    );
    let id = items[0].id.clone();
    let v = wait_for_disk(&mut h, &clock, &path, |v| live_highlights(v).len() == 1);
    assert_eq!(live_highlights(&v)[0]["id"], id.as_str());
    assert_eq!(live_highlights(&v)[0]["codes"][0], code.id.as_str());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().workspace.notebook.items().count(), 0, "undone");
    wait_for_disk(&mut h, &clock, &path, |v| {
        live_highlights(v).is_empty() && v["items"][0]["deleted"] == true
    });

    h.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::Z,
    );
    h.run();
    assert_eq!(h.state().workspace.notebook.items().count(), 1, "redone");
    wait_for_disk(&mut h, &clock, &path, |v| live_highlights(v).len() == 1);
}

#[test]
fn write_and_edit_a_memo_and_the_file_follows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.notes.json");
    let (app, clock) = app_with_notes(&path);
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    h.get_by_label("New memo").click();
    h.run();
    h.get_by_label("Memo text").click();
    h.get_by_label("Memo text")
        .type_text("Company A bets on *alliances*.");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let memo = h
        .state()
        .workspace
        .notebook
        .items()
        .next()
        .cloned()
        .expect("memo");
    assert_eq!(memo.text.as_deref(), Some("Company A bets on *alliances*."));
    assert_eq!(memo.case.as_deref(), Some("company-a"));
    wait_for_disk(&mut h, &clock, &path, |v| {
        v["items"][0]["text"] == "Company A bets on *alliances*."
    });
    // Edit it.
    h.get_by_label("Edit…").click();
    h.run();
    h.get_by_label("Memo text").click();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Memo text").type_text("Revised.");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        h.state()
            .workspace
            .notebook
            .item(&memo.id)
            .unwrap()
            .text
            .as_deref(),
        Some("Revised.")
    );
    wait_for_disk(&mut h, &clock, &path, |v| {
        v["items"][0]["text"] == "Revised."
    });
}

#[test]
fn an_unreadable_notes_file_is_left_alone_and_notes_go_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.notes.json");
    std::fs::write(&path, b"{ this is not json").unwrap();
    let (app, clock) = app_with_notes(&path);
    let mut h = harness(app);
    h.run();
    assert!(
        h.state()
            .notes
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("left untouched"))
    );
    assert!(h.query_by_label_contains("cannot be read").is_some());
    h.state_mut().workspace.apply(Action::Edit(Edit::AddMemo {
        case: None,
        title: "T".into(),
        text: "kept".into(),
    }));
    h.run();
    let beside = dir.path().join("broken.recovered-1.notes.json");
    wait_for_disk(&mut h, &clock, &beside, |v| v["items"][0]["text"] == "kept");
    assert_eq!(std::fs::read(&path).unwrap(), b"{ this is not json");
}

#[test]
fn a_highlight_another_coder_made_names_its_maker() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::util::write_company_a_notes(dir.path(), "Ana", &[("background/p1", "Company A", &[])]);
    let path = dir.path().join("ana.notes.json");
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("written")).expect("json");
    file["items"][0]["author"] = "Carl".into();
    std::fs::write(&path, file.to_string()).expect("rewritten");
    let (app, _clock) = app_with_notes(&path);
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    assert!(h.query_by_label("by Carl").is_some(), "the maker is named");
    // The item keeps its maker in the notes held.
    let item = h.state().workspace.notebook.items().next().cloned();
    assert_eq!(item.and_then(|i| i.author).as_deref(), Some("Carl"));
}
