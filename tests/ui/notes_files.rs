//! Notes files through the window: open, save as, recent notes, a file changed on disk while
//! the app runs, notes files given as paths or dropped (read-only reference layers), and the
//! UI thread never waiting on disk (eframe's periodic `save` leaves the notes alone).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use caselens::format::NotesFile;
use caselens::format::empty_notes;
use caselens::jobs::no_wake;
use caselens::notes::autosave::{MAX_DELAY, ManualClock};
use caselens::notes::book::NoteBook;
use caselens::notes::session::NotesSession;
use caselens::notes::store::{self, Base};
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util;

/// The app on the bundled cases with `path` as the notes file, on a clock the test moves.
fn app_with_notes(path: &Path) -> (CaselensApp, Arc<ManualClock>) {
    let mut app = util::app_on("company-a");
    let clock = Arc::new(ManualClock::default());
    app.notes = NotesSession::with_clock(no_wake(), clock.clone());
    app.notes.open_now(&mut app.workspace, path.to_owned());
    (app, clock)
}

/// A notes file with one memo whose text is `text`.
fn notes_file(path: &Path, text: &str) -> NotesFile {
    let mut book = NoteBook::new(empty_notes(None));
    book.add_memo(None, "memo", text);
    std::fs::write(path, store::to_bytes(book.file()).expect("test setup")).expect("test setup");
    book.file().clone()
}

fn texts(notes: &NotesFile) -> Vec<String> {
    notes
        .items
        .iter()
        .filter(|i| !i.deleted)
        .filter_map(|i| i.text.clone())
        .collect()
}

fn window_texts(h: &Harness<'static, CaselensApp>) -> Vec<String> {
    texts(h.state().workspace.notebook.file())
}

fn add_memo(h: &mut Harness<'static, CaselensApp>, text: &str) {
    h.state_mut().workspace.apply(Action::Edit(Edit::AddMemo {
        case: None,
        title: "memo".into(),
        text: text.into(),
    }));
    h.run();
}

/// Carries out `action` as the window does, waits for the notes job it starts, draws.
fn act_and_wait(h: &mut Harness<'static, CaselensApp>, action: Action) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, action);
    let app = h.state_mut();
    app.notes.wait(&mut app.workspace);
    h.run();
}

/// Lets the autosave delay pass on the test's clock and the saver act on it.
fn autosave(h: &mut Harness<'static, CaselensApp>, clock: &ManualClock) {
    h.run();
    clock.advance(MAX_DELAY);
    let app = h.state_mut();
    app.notes.sync(&mut app.workspace);
    h.run();
}

#[test]
fn eframe_periodic_save_leaves_the_notes_to_their_thread_and_exit_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.notes.json");
    let (app, _clock) = app_with_notes(&path);
    let mut h = util::harness(app);
    h.run();
    add_memo(&mut h, "pending");
    let mut storage = util::MemoryStorage::default();
    // eframe calls this every 30 s on the UI thread: it must not wait for (or do) a save.
    eframe::App::save(h.state_mut(), &mut storage);
    assert!(!path.exists(), "App::save wrote the notes on the UI thread");
    assert!(
        storage.0.values().any(|v| v.contains("mine.notes.json")),
        "UI preferences are still saved: {:?}",
        storage.0
    );
    // Closing the window writes what is pending.
    eframe::App::on_exit(h.state_mut(), None);
    assert_eq!(texts(&store::load(&path).unwrap().notes), vec!["pending"]);
}

#[test]
fn open_save_as_and_recent_notes() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b, c] = ["a", "b", "c"].map(|n| dir.path().join(format!("{n}.notes.json")));
    notes_file(&a, "in a");
    notes_file(&b, "in b");
    let (app, clock) = app_with_notes(&a);
    let mut h = util::harness(app);
    h.run();
    assert_eq!(window_texts(&h), vec!["in a"]);
    // File > Open notes… hands the chosen path to this action.
    act_and_wait(&mut h, Action::OpenNotes(b.clone()));
    assert_eq!(h.state().notes.path.as_deref(), Some(b.as_path()));
    assert_eq!(window_texts(&h), vec!["in b"]);
    assert!(
        h.query_by_label(&format!("Notes: {}", b.display()))
            .is_some()
    );
    // File > Recent notes lists both, newest first; choosing a opens it again.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Recent notes").click();
    h.run();
    h.get_by_label(&a.display().to_string()).click();
    let app = h.state_mut();
    app.notes.wait(&mut app.workspace);
    h.run();
    assert_eq!(h.state().notes.path.as_deref(), Some(a.as_path()));
    assert_eq!(window_texts(&h), vec!["in a"]);
    // File > Save notes as… writes everything there, and edits follow the new file.
    act_and_wait(&mut h, Action::SaveNotesAs(c.clone()));
    assert_eq!(h.state().notes.path.as_deref(), Some(c.as_path()));
    assert!(
        h.query_by_label(&format!("Notes saved to {}", c.display()))
            .is_some()
    );
    add_memo(&mut h, "after save as");
    autosave(&mut h, &clock);
    assert_eq!(
        texts(&store::load(&c).unwrap().notes),
        vec!["in a", "after save as"]
    );
    assert_eq!(texts(&store::load(&a).unwrap().notes), vec!["in a"]);
    assert_eq!(h.state().notes.recent, vec![c, a, b]);
}

#[test]
fn a_notes_file_changed_on_disk_while_the_app_runs_is_merged_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.notes.json");
    notes_file(&path, "first");
    let (app, clock) = app_with_notes(&path);
    let mut h = util::harness(app);
    h.run();
    // Another window adds a memo and saves while this one runs.
    let loaded = store::load(&path).unwrap();
    let mut other = NoteBook::new(loaded.notes.clone());
    other.add_memo(None, "memo", "from the other window");
    store::save_to(
        &path,
        other.file(),
        Base::Known(&loaded.notes, loaded.fingerprint),
    )
    .unwrap();
    add_memo(&mut h, "from this window");
    autosave(&mut h, &clock);
    let want = ["first", "from the other window", "from this window"];
    let mut on_disk = texts(&store::load(&path).unwrap().notes);
    let mut shown = window_texts(&h);
    on_disk.sort();
    shown.sort();
    assert_eq!(on_disk, want);
    assert_eq!(shown, want, "the window shows the other window's memo");
    assert!(
        h.query_by_label_contains("was changed by another program or window")
            .is_some()
    );
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Draws frames until the library and notes jobs have ended (they run on threads).
fn until_loaded(h: &mut Harness<'_, CaselensApp>) {
    while h.state().is_loading() {
        h.step();
        std::thread::yield_now();
    }
    h.step();
}

#[test]
fn notes_files_given_on_the_command_line_or_dropped_are_read_only_reference_layers() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.notes.json");
    let lesson = dir.path().join("lesson.notes.json");
    let dropped = dir.path().join("dropped.notes.json");
    notes_file(&lesson, "the teacher's lesson");
    notes_file(&dropped, "a classmate's notes");
    let before = [&lesson, &dropped].map(|p| std::fs::read(p).unwrap());
    // caselens lesson.notes.json --notes mine.notes.json
    let args = (vec![lesson.clone()], Some(mine.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CaselensApp::new(cc, args.0, args.1));
    until_loaded(&mut h);
    assert_eq!(h.state().notes.path.as_deref(), Some(mine.as_path()));
    let names = |h: &Harness<'_, CaselensApp>| -> Vec<String> {
        h.state()
            .notes
            .references()
            .iter()
            .map(caselens::notes::layers::ReferenceLayer::name)
            .collect()
    };
    assert!(
        names(&h).contains(&"lesson.notes.json".to_owned()),
        "{:?}",
        names(&h)
    );
    assert!(
        names(&h).contains(&"lecture.notes.json".to_owned()),
        "the bundled lesson is reachable: {:?}",
        names(&h)
    );
    // Dropped on the window.
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dropped.clone())));
    h.step();
    until_loaded(&mut h);
    assert!(
        names(&h).contains(&"dropped.notes.json".to_owned()),
        "{:?}",
        names(&h)
    );
    assert!(
        h.query_by_label_contains("Reference (read-only): ")
            .is_some()
    );
    assert_eq!(h.state().notes.path.as_deref(), Some(mine.as_path()));
    // Edit and close: only my file is written.
    h.state_mut().workspace.apply(Action::Edit(Edit::AddMemo {
        case: None,
        title: "memo".into(),
        text: "mine".into(),
    }));
    h.step();
    eframe::App::on_exit(h.state_mut(), None);
    assert_eq!(texts(&store::load(&mine).unwrap().notes), vec!["mine"]);
    for (path, bytes) in [&lesson, &dropped].into_iter().zip(before) {
        assert_eq!(
            std::fs::read(path).unwrap(),
            bytes,
            "{} unchanged",
            path.display()
        );
        assert!(
            !store::lock_path(path).exists(),
            "{} never saved",
            path.display()
        );
        assert!(!store::backup_dir(path).exists());
    }
}
