//! Caselens's own file dialog, used where the system's cannot open (no XDG desktop portal,
//! Xvfb; issue 23): open a notes file, open a folder, export (save as), filter by extension,
//! cancel; driven through the accessibility tree like any other window.

use caselens::workspace::Pick;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// Runs frames until `done` holds (a worker thread has answered); no clock is involved.
fn run_until(h: &mut H, done: impl Fn(&H) -> bool) {
    for _ in 0..100_000 {
        h.run();
        if done(h) {
            return;
        }
        std::thread::yield_now();
    }
    panic!("never happened: {}", h.state().status);
}

fn menu(h: &mut H, path: &[&str]) {
    // A menu entry's name carries its shortcut ("Open folder… Ctrl+Shift+O").
    for entry in path {
        h.get_by_label_contains(entry).click();
        h.run();
    }
}

/// Types `text` into the dialog's path field (replacing it) and presses Enter.
fn type_path(h: &mut H, text: &str) {
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path").type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// A folder with a notes file, a text file and a sub-folder.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let notes = caselens::format::empty_notes(Some("Ana".into()));
    let json = serde_json::to_string(&notes).expect("notes");
    std::fs::write(dir.path().join("ana.notes.json"), json).expect("notes file");
    std::fs::write(dir.path().join("readme.txt"), "hello").expect("text file");
    std::fs::create_dir(dir.path().join("cases")).expect("sub-folder");
    dir
}

#[test]
fn open_notes_through_the_own_dialog_lists_the_folder_filtered_and_opens_the_chosen_file() {
    let dir = folder();
    let mut h = harness(app_on("company-a"));
    h.run();
    assert!(!h.state().native_dialogs, "a test app never waits on rfd");
    menu(&mut h, &["File", "Open notes…"]);
    assert!(
        h.query_by_label("Open notes").is_some(),
        "the dialog's title"
    );
    type_path(&mut h, &dir.path().display().to_string());
    assert!(h.query_by_label("cases/").is_some(), "folders are listed");
    assert!(h.query_by_label("ana.notes.json").is_some());
    assert!(
        h.query_by_label("readme.txt").is_none(),
        "filtered by extension"
    );
    h.get_by_label("Show all files").click();
    h.run();
    assert!(h.query_by_label("readme.txt").is_some());
    h.get_by_label("ana.notes.json").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(h.state().file_dialog.is_none(), "closed");
    run_until(&mut h, |h| !h.state().notes.is_loading());
    assert_eq!(
        h.state().notes.path.as_deref(),
        Some(dir.path().join("ana.notes.json").as_path())
    );
    assert_eq!(h.state().workspace.your_name(), Some("Ana"));
}

#[test]
fn open_folder_navigates_into_a_folder_and_chooses_it() {
    let dir = folder();
    let mut h = harness(app_on("company-a"));
    h.run();
    menu(&mut h, &["File", "Open folder…"]);
    type_path(&mut h, &dir.path().display().to_string());
    h.get_by_label("cases/").click();
    h.run();
    assert_eq!(
        h.state().file_dialog.as_ref().map(|(_, d)| d.dir.clone()),
        Some(dir.path().join("cases"))
    );
    h.get_by_label("Up").click();
    h.run();
    h.get_by_label("cases/").click();
    h.run();
    h.get_by_label("Choose this folder").click();
    h.run();
    assert!(
        h.state()
            .workspace
            .paths
            .contains(&dir.path().join("cases")),
        "{:?}",
        h.state().workspace.paths
    );
}

#[test]
fn export_saves_where_the_path_says_and_cancel_chooses_nothing() {
    let dir = folder();
    let mut h = harness(app_on("company-a"));
    h.run();
    menu(&mut h, &["File", "Export", "Case with my notes as HTML…"]);
    assert_eq!(
        h.state().file_dialog.as_ref().map(|(p, _)| *p),
        Some(Pick::Export(
            caselens::workspace::export::ExportKind::CaseHtml
        ))
    );
    let target = dir.path().join("handout");
    type_path(&mut h, &target.display().to_string());
    let written = dir.path().join("handout.html");
    run_until(&mut h, |_| written.exists());
    assert!(h.state().file_dialog.is_none());
    menu(&mut h, &["File", "Open files…"]);
    h.get_by_label("Cancel the file dialog").click();
    h.run();
    assert!(h.state().file_dialog.is_none());
    assert!(
        h.state().status.starts_with("Nothing chosen"),
        "{}",
        h.state().status
    );
}
