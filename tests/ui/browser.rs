//! The browser build's side of the window (issue 26), checked on the desktop with the browser
//! mode switched on: the notes live "in this browser" (status bar), a notice says once that
//! clearing site data deletes them and offers the download, *Open notes…* merges the chosen
//! file into the notes instead of switching files, the presenter's second window is
//! unavailable, and a second tab is read-only. (The storage itself is tested in a real browser:
//! tests/web.)

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util::{app_on, harness, project};

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

fn in_browser() -> H {
    let mut app = app_on("company-a");
    app.browser.on = true;
    let mut h = harness(app);
    h.run();
    h
}

const NOTICE: &str = "Clearing this site's data";

#[test]
fn the_notice_warns_until_dismissed_and_the_status_bar_says_where_notes_live() {
    let mut h = in_browser();
    assert!(h.query_by_label_contains(NOTICE).is_some(), "warned");
    assert!(
        h.query_by_label("Download notes").is_some(),
        "with the download"
    );
    assert!(h.query_by_label("Notes: in this browser").is_some());
    h.get_by_label("Got it").click();
    h.run();
    assert!(h.query_by_label_contains(NOTICE).is_none(), "once");
    assert!(h.state().browser.notice_seen, "remembered in the settings");
    // On the desktop there is no download: it says so instead of pretending.
    h.state_mut().download_notes();
    assert!(
        h.state().status.contains("could not be downloaded"),
        "{}",
        h.state().status
    );
}

#[test]
fn the_desktop_shows_no_browser_notice() {
    let mut h = harness(app_on("company-a"));
    h.run();
    assert!(h.query_by_label_contains(NOTICE).is_none());
    assert!(h.query_by_label("Notes: in this browser").is_none());
}

#[test]
fn open_notes_in_the_browser_merges_the_chosen_file_into_the_notes() {
    let mut h = in_browser();
    h.get_by_label("Got it").click();
    h.run();
    let sample = project("cases/examples/lecture.notes.json");
    let items = caselens::notes::store::load(&sample)
        .expect("the sample notes")
        .notes
        .items
        .len();
    assert!(items > 0);
    for entry in ["File", "Open notes…"] {
        h.get_by_label_contains(entry).click();
        h.run();
    }
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&sample.parent().expect("folder").display().to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("lecture.notes.json").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    let app = h.state();
    assert_eq!(app.workspace.notebook.file().items.len(), items, "merged");
    assert!(app.notes.path.is_none(), "the notes file was not switched");
    assert!(
        app.status.starts_with("Merged lecture.notes.json"),
        "{}",
        app.status
    );
    // The same file again adds nothing: items are merged by id.
    h.state_mut().merge_uploaded_notes(&sample);
    assert_eq!(h.state().workspace.notebook.file().items.len(), items);
    // A file that is not notes leaves the notes as they were, and says so.
    h.state_mut()
        .merge_uploaded_notes(&project("cases/company-a.case.json"));
    assert_eq!(h.state().workspace.notebook.file().items.len(), items);
    assert!(
        h.state().status.contains("was not merged"),
        "{}",
        h.state().status
    );
}

#[test]
fn the_presenter_window_is_unavailable_in_the_browser() {
    let mut h = in_browser();
    h.get_by_label("View").click();
    h.run();
    let entry = h.get_by_label_contains("Presenter view (second window: not in the browser)");
    assert!(entry.accesskit_node().is_disabled(), "disabled");
}

#[test]
fn a_second_tab_is_read_only_and_says_so() {
    let mut h = in_browser();
    h.state_mut().open_read_only();
    h.run();
    assert!(
        h.state().notes.path.is_none(),
        "nothing is saved from this tab"
    );
    assert!(
        h.query_by_label_contains("open in another tab of this browser")
            .is_some()
    );
    assert!(
        h.query_by_label("Notes: read-only here (open in another tab)")
            .is_some()
    );
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_in_the_browser_are_added_like_picked_files() {
    let dir = tempfile::tempdir().expect("a folder");
    let dropped = dir.path().join("classmate.notes.json");
    let notes = caselens::format::empty_notes(Some("Classmate".into()));
    std::fs::write(&dropped, serde_json::to_string(&notes).expect("json")).expect("written");
    let mut h = in_browser();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dropped.clone())));
    h.run();
    assert!(
        h.state().workspace.paths.contains(&dropped),
        "added to the library: {:?}",
        h.state().workspace.paths
    );
}

#[test]
fn saving_from_the_case_editor_in_the_browser_downloads_the_file_instead_of_writing_it() {
    use caselens::workspace::Action;
    use caselens::workspace::editing::EditorCmd;
    let mut h = in_browser();
    h.get_by_label("Got it").click();
    h.run();
    h.state_mut()
        .workspace
        .apply(Action::Editor(EditorCmd::Start));
    h.run();
    // Ctrl+S on the bundled case: the desktop asks where to save a copy; the browser hands
    // the file over as a download (which the desktop stub refuses, saying why).
    h.key_press_modifiers(
        egui::Modifiers::CTRL.plus(egui::Modifiers::COMMAND),
        egui::Key::S,
    );
    h.run();
    let status = h
        .state()
        .workspace
        .editor
        .as_ref()
        .and_then(|e| e.status.clone())
        .unwrap_or_default();
    assert_eq!(
        status, "Not saved: downloads exist only in the browser build",
        "the browser's save is a download"
    );
}

#[test]
fn saving_from_the_framework_editor_in_the_browser_downloads_the_file_too() {
    use caselens::workspace::Action;
    use caselens::workspace::editing::framework::FrameworkCmd;
    let mut h = in_browser();
    h.get_by_label("Got it").click();
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Edit framework").click();
    h.run();
    assert!(h.state().workspace.framework_editor.is_some());
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        Action::Framework(FrameworkCmd::Save(caselens::authoring::SaveMode::Anyway)),
    );
    h.run();
    let status = h
        .state()
        .workspace
        .framework_editor
        .as_ref()
        .and_then(|e| e.status.clone())
        .unwrap_or_default();
    assert_eq!(
        status,
        "Not saved: downloads exist only in the browser build"
    );
}

#[test]
fn on_the_desktop_the_case_editor_saves_as_before() {
    use caselens::workspace::Action;
    use caselens::workspace::editing::EditorCmd;
    let mut h = harness(app_on("company-a"));
    h.run();
    h.state_mut()
        .workspace
        .apply(Action::Editor(EditorCmd::Start));
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        Action::Editor(EditorCmd::Save(caselens::authoring::SaveMode::Checked)),
    );
    h.run();
    let status = h
        .state()
        .workspace
        .editor
        .as_ref()
        .and_then(|e| e.status.clone())
        .unwrap_or_default();
    assert!(!status.contains("download"), "{status}");
}
