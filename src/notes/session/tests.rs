use crate::library::Entry;
use std::sync::Arc;

use super::*;
use crate::library::Library;
use crate::notes::autosave::{MAX_DELAY, ManualClock};
use crate::workspace::Workspace;

fn session() -> (NotesSession, Workspace, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::default());
    let session = NotesSession::with_clock(crate::jobs::no_wake(), clock.clone());
    (
        session,
        Workspace::new(Library::default(), Vec::new()),
        clock,
    )
}

/// Lets the autosave delay pass on the manual clock and the saver act on it.
fn autosave(session: &mut NotesSession, ws: &mut Workspace, clock: &ManualClock) {
    session.poll(ws);
    clock.advance(MAX_DELAY);
    session.sync(ws);
}

fn memo(ws: &mut Workspace, text: &str) -> String {
    ws.notebook.add_memo(None, "memo", text)
}

fn ids_on_disk(path: &Path) -> Vec<String> {
    store::load(path)
        .unwrap()
        .notes
        .items
        .into_iter()
        .map(|i| i.id)
        .collect()
}

#[test]
fn save_as_works_without_a_saver_and_autosaves_there_afterwards() {
    let (mut s, mut ws, clock) = session();
    let first = memo(&mut ws, "written before any file was chosen");
    s.poll(&mut ws);
    assert!(s.path.is_none(), "notes kept in memory only");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.notes.json");
    s.save_as(&ws, path.clone());
    s.wait(&mut ws);
    assert_eq!(s.path.as_deref(), Some(path.as_path()));
    assert_eq!(ids_on_disk(&path), vec![first.clone()]);
    let second = memo(&mut ws, "after save as");
    autosave(&mut s, &mut ws, &clock);
    assert_eq!(ids_on_disk(&path), vec![first, second]);
    assert_eq!(s.recent, vec![path]);
    assert!(s.problem.is_none(), "{:?}", s.problem);
}

#[test]
fn a_failed_save_keeps_every_edit_says_so_and_is_retried_with_the_next_edit() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    // A "folder" that is a file: no one can write there, root included.
    let blocker = dir.path().join("folder");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let path = blocker.join("n.notes.json");
    s.open_now(&mut ws, path.clone());
    let a = memo(&mut ws, "a");
    autosave(&mut s, &mut ws, &clock);
    let problem = s.problem.clone().expect("the failure is shown");
    assert!(
        problem.starts_with(&format!(
            "Your notes could not be saved to {}: ",
            path.display()
        )) && problem.contains("Every edit is kept in memory")
            && problem.contains("File > Save notes as…"),
        "{problem}"
    );
    assert!(s.save_failed());
    assert!(ws.notebook.item(&a).is_some(), "the edit is kept");
    // Opening another file now would drop the unsaved edits: it is refused, and said.
    s.open_now(&mut ws, dir.path().join("other.notes.json"));
    assert_eq!(s.path.as_deref(), Some(path.as_path()));
    assert!(ws.notebook.item(&a).is_some());
    assert!(
        s.problem
            .as_deref()
            .is_some_and(|p| p.contains("not saved yet"))
    );
    // The folder becomes usable; the next edit saves both.
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir(&blocker).unwrap();
    let b = memo(&mut ws, "b");
    autosave(&mut s, &mut ws, &clock);
    assert_eq!(ids_on_disk(&path), vec![a, b]);
    assert!(!s.save_failed());
    assert!(s.problem.is_none(), "{:?}", s.problem);
}

#[test]
fn a_file_created_by_another_window_since_it_was_opened_is_merged_not_overwritten() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my.notes.json");
    s.open_now(&mut ws, path.clone());
    // Another window, which also found no file, saves first.
    let mut other = NoteBook::new(empty_notes(None));
    let theirs = other.add_memo(None, "theirs", "from the other window");
    store::save_to(&path, other.file(), Base::Missing).unwrap();
    let mine = memo(&mut ws, "mine");
    autosave(&mut s, &mut ws, &clock);
    let on_disk = ids_on_disk(&path);
    assert!(
        on_disk.contains(&theirs) && on_disk.contains(&mine),
        "{on_disk:?}"
    );
    assert!(
        ws.notebook.item(&theirs).is_some(),
        "the window shows theirs"
    );
    assert!(
        s.problem.as_deref().is_some_and(|p| p.contains("merged")),
        "{:?}",
        s.problem
    );
}

#[test]
fn a_merged_save_is_taken_in_once_and_edits_made_meanwhile_are_kept() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.notes.json");
    s.open_now(&mut ws, path.clone());
    let mine = memo(&mut ws, "mine");
    autosave(&mut s, &mut ws, &clock);
    // Another window adds an item.
    let loaded = store::load(&path).unwrap();
    let mut other = NoteBook::new(loaded.notes.clone());
    let theirs = other.add_memo(None, "theirs", "t");
    store::save_to(
        &path,
        other.file(),
        Base::Known(&loaded.notes, loaded.fingerprint),
    )
    .unwrap();
    // We edit; the save merges. Then we edit again before the report is taken in.
    let second = memo(&mut ws, "second");
    s.poll(&mut ws);
    clock.advance(MAX_DELAY);
    s.saver.as_ref().unwrap().sync(TEST_TIMEOUT);
    let third = memo(&mut ws, "made while the merge was saved");
    s.poll(&mut ws);
    for id in [&mine, &theirs, &second, &third] {
        assert!(ws.notebook.item(id).is_some(), "{id} in the notebook");
    }
    autosave(&mut s, &mut ws, &clock);
    let on_disk = ids_on_disk(&path);
    for id in [&mine, &theirs, &second, &third] {
        assert!(on_disk.contains(id), "{id} on disk: {on_disk:?}");
    }
    // Taken in once: with no new edit, nothing more is written.
    let backups = store::backups(&path).len();
    autosave(&mut s, &mut ws, &clock);
    autosave(&mut s, &mut ws, &clock);
    assert_eq!(store::backups(&path).len(), backups, "no second write");
    assert_eq!(&store::load(&path).unwrap().notes, ws.notebook.file());
}

#[test]
fn switching_files_does_not_wait_for_the_old_save_and_loses_nothing() {
    let (mut s, mut ws, _clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.notes.json");
    let b = dir.path().join("b.notes.json");
    s.open_now(&mut ws, a.clone());
    let in_a = memo(&mut ws, "pending in a");
    s.poll(&mut ws);
    // Another process holds a's lock: a save of a cannot finish.
    let held = std::fs::File::create(store::lock_path(&a)).unwrap();
    held.lock().unwrap();
    s.open_now(&mut ws, b.clone());
    assert_eq!(s.path.as_deref(), Some(b.as_path()), "b opened meanwhile");
    assert!(!a.exists(), "a's save is still waiting for the lock");
    let in_b = memo(&mut ws, "in b");
    s.flush(&mut ws);
    held.unlock().unwrap();
    let messages = s.on_exit(&ws);
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(ids_on_disk(&a), vec![in_a]);
    assert_eq!(ids_on_disk(&b), vec![in_b]);
    assert_eq!(s.recent, vec![b, a]);
}

#[test]
fn recent_files_are_newest_first_without_repeats() {
    let (mut s, mut ws, _clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let [a, b, c] = ["a", "b", "c"].map(|n| dir.path().join(format!("{n}.notes.json")));
    s.open_now(&mut ws, a.clone());
    s.open_now(&mut ws, b.clone());
    s.save_as(&ws, c.clone());
    s.wait(&mut ws);
    assert_eq!(s.recent, vec![c.clone(), b.clone(), a.clone()]);
    s.open_now(&mut ws, a.clone());
    assert_eq!(s.recent, vec![a, c, b]);
}

#[test]
fn notes_files_given_as_paths_are_reference_layers_and_never_written() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.notes.json");
    let lesson = dir.path().join("lesson.notes.json");
    let mut book = NoteBook::new(empty_notes(Some("teacher".into())));
    book.add_memo(Some("company-a"), "lesson", "look here");
    let bytes = store::to_bytes(book.file()).unwrap();
    std::fs::write(&lesson, &bytes).unwrap();
    s.open_now(&mut ws, mine.clone());
    let entries = vec![
        Entry {
            doc: std::sync::Arc::new(book.file().clone()),
            origin: Origin::File(lesson.clone()),
        },
        Entry {
            doc: std::sync::Arc::new(ws.notebook.file().clone()),
            origin: Origin::File(mine.clone()),
        },
    ];
    s.set_library_notes(&entries);
    assert_eq!(s.references().len(), 1, "the current file is not a layer");
    assert_eq!(*s.references()[0].notes, *book.file());
    assert!(
        std::sync::Arc::ptr_eq(&s.references()[0].notes, &entries[0].doc),
        "the layer shares the library's notes, no copy"
    );
    assert_eq!(s.references()[0].name(), "lesson.notes.json");
    assert_eq!(s.path.as_deref(), Some(mine.as_path()));
    memo(&mut ws, "my own");
    autosave(&mut s, &mut ws, &clock);
    s.on_exit(&ws);
    assert_eq!(std::fs::read(&lesson).unwrap(), bytes, "never written");
    assert!(!store::backup_dir(&lesson).exists());
    assert!(!store::lock_path(&lesson).exists());
    assert_eq!(ids_on_disk(&mine).len(), 1);
}

#[test]
fn with_no_notes_file_open_the_first_given_one_becomes_the_notes_file() {
    let (mut s, mut ws, _clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let given = dir.path().join("given.notes.json");
    let mut book = NoteBook::new(empty_notes(None));
    let id = book.add_memo(None, "m", "x");
    std::fs::write(&given, store::to_bytes(book.file()).unwrap()).unwrap();
    let bundled = Entry {
        doc: std::sync::Arc::new(empty_notes(Some("sample".into()))),
        origin: Origin::Bundled("cases/examples/lecture.notes.json".into()),
    };
    let file = Entry {
        doc: std::sync::Arc::new(book.file().clone()),
        origin: Origin::File(given.clone()),
    };
    s.set_library_notes(&[bundled, file]);
    s.wait(&mut ws);
    assert_eq!(s.path.as_deref(), Some(given.as_path()));
    assert!(ws.notebook.item(&id).is_some());
    assert_eq!(s.references().len(), 1);
    assert_eq!(s.references()[0].name(), "lecture.notes.json");
}

#[test]
fn an_unreadable_file_is_left_alone_and_notes_go_beside_it() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.notes.json");
    std::fs::write(&path, b"{ not json").unwrap();
    s.open_now(&mut ws, path.clone());
    assert!(
        s.problem
            .as_deref()
            .is_some_and(|p| p.contains("left untouched"))
    );
    let id = memo(&mut ws, "kept");
    autosave(&mut s, &mut ws, &clock);
    let beside = dir.path().join("broken.recovered-1.notes.json");
    assert_eq!(ids_on_disk(&beside), vec![id]);
    assert_eq!(std::fs::read(&path).unwrap(), b"{ not json");
}

#[test]
fn a_failed_save_as_says_so_and_keeps_saving_to_the_current_file() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.notes.json");
    s.open_now(&mut ws, path.clone());
    let a = memo(&mut ws, "a");
    std::fs::write(dir.path().join("file"), b"x").unwrap();
    let nowhere = dir.path().join("file").join("elsewhere.notes.json");
    s.save_as(&ws, nowhere.clone());
    s.wait(&mut ws);
    let problem = s.problem.clone().unwrap_or_default();
    assert!(
        problem.starts_with(&format!(
            "Your notes could not be saved to {}",
            nowhere.display()
        )),
        "{problem}"
    );
    assert_eq!(s.path.as_deref(), Some(path.as_path()));
    autosave(&mut s, &mut ws, &clock);
    assert_eq!(ids_on_disk(&path), vec![a]);
}

#[test]
fn on_exit_after_a_failed_save_the_notes_are_rescued_to_a_new_file() {
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), b"x").unwrap();
    let path = dir.path().join("file").join("n.notes.json");
    let rescue = dir.path().join("rescue");
    s.rescue_dir = Some(rescue.clone());
    s.open_now(&mut ws, path);
    let a = memo(&mut ws, "a");
    autosave(&mut s, &mut ws, &clock);
    assert!(s.save_failed());
    let messages = s.on_exit(&ws);
    let rescued: Vec<PathBuf> = std::fs::read_dir(&rescue)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".notes.json"))
        .collect();
    assert_eq!(rescued.len(), 1, "{messages:?}");
    assert_eq!(ids_on_disk(&rescued[0]), vec![a]);
    assert!(
        messages
            .iter()
            .any(|m| m.contains(&rescued[0].display().to_string())),
        "{messages:?}"
    );
}

#[test]
fn save_as_waits_for_a_file_being_read_instead_of_mixing_them() {
    let (mut s, mut ws, _clock) = session();
    let dir = tempfile::tempdir().unwrap();
    s.open(dir.path().join("a.notes.json"));
    s.save_as(&ws, dir.path().join("b.notes.json"));
    assert!(
        s.problem
            .as_deref()
            .is_some_and(|p| p.contains("Try again")),
        "{:?}",
        s.problem
    );
    s.wait(&mut ws);
    assert!(!dir.path().join("b.notes.json").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_notes_file_opens_read_only_says_so_and_is_never_replaced() {
    use std::os::unix::fs::PermissionsExt as _;
    let (mut s, mut ws, clock) = session();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handout.notes.json");
    let mut book = NoteBook::new(empty_notes(None));
    let theirs = book.add_memo(None, "memo", "the teacher's");
    store::save_to(&path, book.file(), Base::Missing).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    s.open_now(&mut ws, path.clone());
    assert!(
        s.problem
            .as_deref()
            .is_some_and(|p| p.contains("is read-only: your notes are shown")),
        "{:?}",
        s.problem
    );
    assert_eq!(ws.notebook.file().items[0].id, theirs, "shown");
    memo(&mut ws, "mine, kept in memory");
    autosave(&mut s, &mut ws, &clock);
    assert_eq!(std::fs::read(&path).unwrap(), before, "never replaced");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    assert!(s.save_failed());
    assert!(
        s.problem
            .as_deref()
            .is_some_and(|p| p.contains("is read-only, so Caselens does not change it")),
        "{:?}",
        s.problem
    );
}
