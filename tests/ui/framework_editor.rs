//! A framework of one's own, edited in the app: a copy of the bundled framework (under its own
//! id) with a case of it in a project folder; a dimension is added, a code the case and the
//! user's notes use is renamed (both follow, and one undo takes all back), deleting and
//! retyping dimensions the case uses asks how to fix it, and the save writes a valid framework
//! and case that the library loads again.

use caselens::library::{Bundled, Library, LoadRequest};
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit, View};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{harness_sized, project};

const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);
const SPEED: &str = "RAT.practice.speed-and-cost";

type H = egui_kittest::Harness<'static, CaselensApp>;

/// Runs frames until `done` holds (a background job finished).
fn run_until(h: &mut H, done: impl Fn(&H) -> bool) {
    for _ in 0..100_000 {
        h.run();
        if done(h) {
            h.run();
            return;
        }
        std::thread::yield_now();
    }
    panic!("never happened: {}", h.state().status);
}

/// A project folder: the bundled framework as `my-grid`, and Corio as a case of it.
fn project_folder(dir: &std::path::Path) {
    let fw = std::fs::read_to_string(project("cases/asp-alliances.framework.json"))
        .expect("the bundled framework");
    let fw = fw.replacen("\"id\": \"asp-alliances\"", "\"id\": \"my-grid\"", 1);
    std::fs::write(dir.join("my-grid.framework.json"), fw).expect("write the framework");
    let case = std::fs::read_to_string(project("cases/corio.case.json")).expect("corio");
    let case = case.replacen(
        "\"framework\": \"asp-alliances\"",
        "\"framework\": \"my-grid\"",
        1,
    );
    std::fs::write(dir.join("corio.case.json"), case).expect("write the case");
}

fn framework(h: &H) -> caselens::format::Framework {
    h.state()
        .workspace
        .framework_editor
        .as_ref()
        .map(|e| e.draft.doc().clone())
        .expect("a framework is edited")
}

/// Corio as the framework editor's changes left it.
fn corio(h: &H) -> caselens::format::Case {
    let ws = &h.state().workspace;
    ws.framework_editor
        .as_ref()
        .and_then(|e| e.changed_case("corio"))
        .or_else(|| ws.library.case("corio"))
        .cloned()
        .expect("corio")
}

fn uses(case: &caselens::format::Case, code: &str) -> bool {
    serde_json::to_string(case)
        .expect("a case is JSON")
        .contains(&format!("\"{code}\""))
}

fn note_codes(h: &H, item: &str) -> Vec<caselens::format::Id> {
    let book = &h.state().workspace.notebook;
    book.item(item).expect("the note").codes.clone()
}

/// Scrolls the control named `name` into view and clicks it.
fn click(h: &mut H, name: &str) {
    h.get_by_label(name).scroll_to_me();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

/// Replaces the text of the field named `name` by `text` and leaves it with Enter.
fn retype(h: &mut H, name: &str, text: &str) {
    click(h, name);
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label(name).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn a_framework_is_edited_its_case_and_notes_follow_and_the_save_loads_again() {
    let dir = tempfile::tempdir().expect("dir");
    project_folder(dir.path());
    let paths = vec![dir.path().to_path_buf()];
    let library = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: paths.clone(),
    });
    assert!(library.failed().next().is_none(), "the project loads");
    let mut app = CaselensApp::with_library(library, paths);
    app.workspace.apply(Action::OpenCase {
        case: "corio".into(),
        at: None,
    });
    // The user's notes code a passage of Corio with the code that will be renamed.
    let item = app
        .workspace
        .notebook
        .add_note("corio", None, "cheaper than building");
    app.workspace.apply(Action::Edit(Edit::UpdateItem {
        id: item.clone(),
        text: None,
        title: None,
        codes: Some(vec![SPEED.into()]),
    }));
    let mut h = harness_sized(app, 1600.0, 1400.0);
    h.run();
    // Edit > Edit framework opens the open case's framework in the main area.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Edit framework").click();
    h.run();
    assert_eq!(h.state().workspace.view, View::Framework);
    assert_eq!(framework(&h).id, "my-grid");
    assert!(
        h.query_by_label("Framework: ASP business models and strategic alliances")
            .is_some()
    );

    add_a_dimension(&mut h);
    rename_a_code_and_undo(&mut h, &item);
    fix_the_case_when_dimensions_change(&mut h);

    // Ctrl+S saves the framework and the case it changed; the library reloads them.
    h.key_press_modifiers(CTRL, Key::S);
    run_until(&mut h, |h| {
        h.state()
            .workspace
            .library
            .framework("my-grid")
            .is_some_and(|f| f.dimension("ownership").is_some())
    });
    let ws = &h.state().workspace;
    let editor = ws.framework_editor.as_ref().expect("still open");
    assert!(!editor.is_modified(), "{:?}", editor.status);
    assert!(ws.library.failed().next().is_none(), "everything reloads");
    let loaded = ws.library.case("corio").expect("corio reloads");
    assert!(!loaded.facets.contains_key("founded"));
    assert!(loaded.facets["headquarters"].unknown.is_some());
    // The files on disk: valid as `caselens validate` checks them.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caselens"))
        .arg("validate")
        .arg(dir.path().join("my-grid.framework.json"))
        .arg(dir.path().join("corio.case.json"))
        .output()
        .expect("run caselens validate");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// *Add dimension* in the first group: a new dimension opens with its id field focused; the
/// id typed is checked and taken when the field is left.
fn add_a_dimension(h: &mut H) {
    click(h, "Add dimension to group organisation");
    let fw = framework(h);
    assert_eq!(
        fw.groups[0].dimensions.last().map(|d| d.id.as_str()),
        Some("new-dimension")
    );
    assert!(h.get_by_label("Id of dimension new-dimension").is_focused());
    // A taken id is refused as it is typed.
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label("Id of dimension new-dimension")
        .type_text("founded");
    h.run();
    assert!(
        h.query_by_label_contains("dimension id \"founded\" is already used")
            .is_some()
    );
    retype(h, "Id of dimension new-dimension", "ownership");
    retype(h, "Label of dimension ownership", "Ownership");
    let fw = framework(h);
    let added = fw.dimension("ownership").expect("added");
    assert_eq!(added.label, "Ownership");
    // A choice needs options: the problem is listed beside the form, and a click on it opens
    // the dimension with the focus in it.
    click(h, "Kind of dimension ownership");
    h.get_by_label("choice").click();
    h.run();
    assert!(h.query_by_label("Problems (1)").is_some());
    click(h, "Ownership (ownership, choice)");
    assert!(
        h.query_by_label("Id of dimension ownership").is_none(),
        "folded"
    );
    h.get_by_label_contains("lists no `options`").click();
    h.run();
    assert!(h.get_by_label("Id of dimension ownership").is_focused());
    click(h, "Options of dimension ownership");
    h.get_by_label("Options of dimension ownership")
        .type_text("family\nstate\n\n");
    h.key_press(Key::Escape);
    h.run();
    let fw = framework(h);
    assert_eq!(
        fw.dimension("ownership").expect("added").options,
        ["family", "state"]
    );
    assert!(h.query_by_label("Problems (0)").is_some());
}

/// Renaming a code Corio and the notes use: both follow; one Ctrl+Z takes all three back.
fn rename_a_code_and_undo(h: &mut H, item: &str) {
    let header = format!("{SPEED}  Faster and cheaper than building");
    click(h, &header);
    retype(h, &format!("Id of code {SPEED}"), "RAT.practice.speed");
    assert!(framework(h).code("RAT.practice.speed").is_some());
    assert!(uses(&corio(h), "RAT.practice.speed") && !uses(&corio(h), SPEED));
    assert_eq!(note_codes(h, item), ["RAT.practice.speed"]);
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(framework(h).code(SPEED).is_some());
    assert!(uses(&corio(h), SPEED));
    assert_eq!(note_codes(h, item), [SPEED]);
}

/// Deleting a dimension Corio covers lists it and removes the facet (a facet of a dimension
/// that is gone cannot be unknown); retyping one it has a value for offers to mark it unknown.
fn fix_the_case_when_dimensions_change(h: &mut H) {
    click(h, "Founded (founded, year)");
    click(h, "Delete dimension founded");
    assert!(h.query_by_label_contains("breaks 1 loaded case").is_some());
    let listed = format!("{} (corio)", corio(h).title);
    assert!(
        h.query_by_label(&listed).is_some(),
        "the case is listed, by title and id"
    );
    assert!(
        h.query_by_label("Mark the facets unknown").is_none(),
        "not offered for a deleted dimension"
    );
    h.get_by_label("Remove the facets").click();
    h.run();
    assert!(framework(h).dimension("founded").is_none());
    assert!(!corio(h).facets.contains_key("founded"));
    // Headquarters as a year: “San Carlos, California” cannot be converted.
    click(h, "Headquarters (headquarters, text)");
    click(h, "Kind of dimension headquarters");
    h.get_by_label("year").click();
    h.run();
    assert!(h.query_by_label("Convert the values").is_none());
    h.get_by_label("Mark the facets unknown").click();
    h.run();
    let facet = &corio(h).facets["headquarters"];
    assert!(
        facet
            .unknown
            .as_deref()
            .is_some_and(|u| u.contains("San Carlos"))
    );
}
