//! Saves in the browser, checked on the desktop with the browser mode on and the download
//! recorded: a case or framework editor's save is a download that counts as the save (the draft
//! is no longer unsaved), the framework's save downloads every case it changed too, one file
//! each; and *File > Notes backups…* restores (undoably) or downloads a saved version.

use std::sync::{Arc, Mutex};

use caselens::authoring::{CaseEdit, FrameworkEdit};
use caselens::notes::store;
use caselens::ui::CaselensApp;
use caselens::workspace::Action;
use caselens::workspace::editing::EditorCmd;
use caselens::workspace::editing::framework::FrameworkCmd;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, harness};

type H = egui_kittest::Harness<'static, CaselensApp>;
type Downloads = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// The app in browser mode on `case`, its downloads recorded (or refused with `refuse`).
fn in_browser(case: &str, refuse: Option<&'static str>) -> (H, Downloads) {
    let downloads: Downloads = Arc::default();
    let mut app = app_on(case);
    app.browser.on = true;
    app.browser.notice_seen = true;
    let record = downloads.clone();
    app.browser.download = caselens::ui::Downloader(Arc::new(move |name: &str, bytes: &[u8]| {
        if let Some(why) = refuse {
            return Err(why.to_owned());
        }
        record
            .lock()
            .expect("the record")
            .push((name.to_owned(), bytes.to_vec()));
        Ok(())
    }));
    let mut h = harness(app);
    h.run();
    (h, downloads)
}

fn names(downloads: &Downloads) -> Vec<String> {
    let d = downloads.lock().expect("the record");
    d.iter().map(|(n, _)| n.clone()).collect()
}

fn edit_the_title(h: &mut H) {
    let ws = &mut h.state_mut().workspace;
    ws.apply(Action::Editor(EditorCmd::Start));
    ws.apply(Action::Editor(EditorCmd::Apply(CaseEdit::SetTitle(
        "Company A, retitled".into(),
    ))));
    h.run();
}

fn case_modified(h: &H) -> bool {
    let editor = h.state().workspace.editor.as_ref().expect("editing");
    editor.draft.is_modified()
}

#[test]
fn a_downloaded_case_counts_as_saved_and_the_header_says_under_which_name() {
    let (mut h, downloads) = in_browser("company-a", None);
    edit_the_title(&mut h);
    assert!(case_modified(&h));
    assert!(h.query_by_label("Editing •").is_some(), "marked unsaved");
    h.get_by_label("Save as…").click();
    h.run();
    assert_eq!(names(&downloads), ["company-a.case.json"]);
    let bytes = downloads.lock().expect("the record")[0].1.clone();
    let case: serde_json::Value = serde_json::from_slice(&bytes).expect("the case as JSON");
    assert_eq!(case["title"], "Company A, retitled");
    assert!(!case_modified(&h), "the download is the save");
    assert!(h.query_by_label("Editing").is_some() && h.query_by_label("Editing •").is_none());
    assert_eq!(
        h.query_all_by_label_contains("Downloaded as company-a.case.json")
            .count(),
        2,
        "the header and the status bar say so"
    );
    assert!(
        h.state()
            .status
            .starts_with("Downloaded as company-a.case.json")
    );
    // Nothing unsaved: Stop editing stops without asking.
    h.get_by_label("Stop editing").click();
    h.run();
    assert!(h.state().workspace.editor.is_none());
}

#[test]
fn a_download_that_fails_keeps_the_case_unsaved_and_says_why() {
    let (mut h, downloads) = in_browser("company-a", Some("the browser refused"));
    edit_the_title(&mut h);
    h.get_by_label("Save as…").click();
    h.run();
    assert!(names(&downloads).is_empty());
    assert!(case_modified(&h), "still unsaved");
    assert_eq!(
        h.query_all_by_label_contains("Not saved: the browser refused")
            .count(),
        2,
        "the header and the status bar say why"
    );
    // Stop editing still asks.
    h.get_by_label("Stop editing").click();
    h.run();
    assert!(
        h.query_by_label("This case has changes that are not saved.")
            .is_some()
    );
}

#[test]
fn saving_the_framework_downloads_it_and_every_case_it_changed_one_file_each() {
    let (mut h, downloads) = in_browser("corio", None);
    let ctx = h.ctx.clone();
    let app = h.state_mut();
    app.apply(&ctx, Action::Framework(FrameworkCmd::Start(None)));
    app.apply(
        &ctx,
        Action::Framework(FrameworkCmd::Apply(FrameworkEdit::RenameCode {
            code: "RAT.practice.speed-and-cost".into(),
            id: "RAT.practice.speed".into(),
        })),
    );
    h.run();
    let editor = |h: &H| {
        h.state()
            .workspace
            .framework_editor
            .as_ref()
            .map(|e| (e.is_modified(), e.to_write().len()))
    };
    assert_eq!(editor(&h), Some((true, 1)), "the rename changed corio");
    // File > Save (Ctrl+S) goes to the framework editor while it is the active one.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(
        names(&downloads),
        ["asp-alliances.framework.json", "corio.case.json"]
    );
    let corio =
        String::from_utf8(downloads.lock().expect("the record")[1].1.clone()).expect("text");
    assert!(corio.contains("\"RAT.practice.speed\""), "the changed case");
    assert_eq!(editor(&h), Some((false, 0)), "both count as saved");
    let status = h.state().status.clone();
    assert!(
        status.starts_with(
            "Downloaded 2 files, one download each: asp-alliances.framework.json and the cases it changed, corio.case.json."
        ),
        "{status}"
    );
    assert_eq!(
        h.query_all_by_label_contains("Downloaded 2 files").count(),
        2,
        "the header and the status bar"
    );
}

/// Notes saved three times at `path` (a, then b, then c): two backups, of a and of b.
fn notes_with_backups(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("my.notes.json");
    let mut base: Option<(caselens::format::NotesFile, store::Fingerprint)> = None;
    let mut book =
        caselens::notes::book::NoteBook::new(caselens::format::empty_notes(Some("Student".into())));
    for memo in ["a", "b", "c"] {
        book.add_memo(Some("company-a"), memo, "text");
        let saved =
            store::save(&path, book.file(), base.as_ref().map(|(n, f)| (n, *f))).expect("saved");
        base = Some((book.file().clone(), saved.fingerprint));
    }
    assert_eq!(store::backups(&path).len(), 2);
    path
}

fn with_notes(path: &std::path::Path, browser: bool) -> (H, Downloads) {
    let downloads: Downloads = Arc::default();
    let mut app = app_on("company-a");
    app.notes.open_now(&mut app.workspace, path.to_owned());
    app.browser.on = browser;
    app.browser.notice_seen = true;
    let record = downloads.clone();
    app.browser.download = caselens::ui::Downloader(Arc::new(move |name: &str, bytes: &[u8]| {
        record
            .lock()
            .expect("the record")
            .push((name.to_owned(), bytes.to_vec()));
        Ok(())
    }));
    let mut h = harness(app);
    h.run();
    (h, downloads)
}

fn memos(h: &H) -> usize {
    h.state().workspace.notebook.file().items.len()
}

fn open_backups(h: &mut H) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Notes backups…").click();
    h.run();
}

#[test]
fn a_backup_restores_undoably_from_the_file_menu() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = notes_with_backups(dir.path());
    let (mut h, _) = with_notes(&path, false);
    assert_eq!(memos(&h), 3);
    open_backups(&mut h);
    assert!(h.query_by_label("Notes backups").is_some());
    assert!(
        h.query_by_label("Download").is_none(),
        "no downloads on the desktop"
    );
    // Newest first: the second Restore is the oldest backup (one memo).
    let restore = h.get_all_by_label("Restore").nth(1).expect("two backups");
    restore.click();
    h.run();
    assert_eq!(memos(&h), 1, "the oldest backup");
    assert!(h.query_by_label("Notes backups").is_none(), "closed");
    assert!(
        h.state()
            .status
            .starts_with("Restored your notes as saved "),
        "{}",
        h.state().status
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(memos(&h), 3, "undone");
}

#[test]
fn in_the_browser_a_backup_downloads_as_a_notes_file() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = notes_with_backups(dir.path());
    let (mut h, downloads) = with_notes(&path, true);
    open_backups(&mut h);
    h.get_all_by_label("Download")
        .next()
        .expect("a backup")
        .click();
    h.run();
    let newest = store::backups(&path).pop().expect("a backup");
    let d = downloads.lock().expect("the record").clone();
    assert_eq!(d.len(), 1);
    assert!(
        d[0].0.starts_with("my.backup-") && d[0].0.ends_with(".notes.json"),
        "{}",
        d[0].0
    );
    assert_eq!(d[0].1, std::fs::read(&newest).expect("the backup"));
    assert!(h.state().status.contains("was downloaded as my.backup-"));
    assert_eq!(memos(&h), 3, "the notes are unchanged");
}

#[test]
fn with_no_notes_file_the_window_says_there_are_no_backups() {
    let (mut h, _) = in_browser("company-a", None);
    open_backups(&mut h);
    assert!(
        h.query_by_label_contains("not saved anywhere in this window")
            .is_some()
    );
    h.get_by_label("Close").click();
    h.run();
    assert!(h.query_by_label("Notes backups").is_none());
}
