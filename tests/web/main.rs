//! The browser storage of the notes, in a real browser: `scripts/web-test.sh` runs these in
//! headless Chromium (wasm-bindgen-test-runner over chromedriver). On the desktop this test
//! binary is empty.
#![cfg(target_arch = "wasm32")]

use std::path::Path;
use std::sync::Arc;

use caselens::format::empty_notes;
use caselens::notes::autosave::{Autosaver, ManualClock, QUIET};
use caselens::notes::book::NoteBook;
use caselens::notes::store::{self, Base, DiskState};
use caselens::platform::storage;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn notes_with(n: usize) -> caselens::format::NotesFile {
    let mut book = NoteBook::new(empty_notes(None));
    for i in 0..n {
        book.add_memo(None, &format!("memo {i}"), &format!("text of memo {i}"));
    }
    book.file().clone()
}

#[wasm_bindgen_test]
async fn a_value_put_is_in_indexeddb_once_flushed() {
    storage::put("test/plain", b"first".to_vec());
    storage::put("test/plain", b"second".to_vec());
    storage::flushed().await.expect("IndexedDB commits");
    let stored = storage::get_durable("test/plain")
        .await
        .expect("IndexedDB reads");
    assert_eq!(stored.as_deref(), Some(&b"second"[..]), "the last put wins");
}

#[wasm_bindgen_test]
async fn a_thousand_items_saved_reload_from_indexeddb_equal() {
    let path = Path::new("test/thousand.notes.json");
    store::save_to(path, &notes_with(999), Base::Overwrite).expect("saved");
    storage::flushed().await.expect("committed");
    // The usual save: it replaces a stored version, which it keeps as a backup.
    let notes = notes_with(1000);
    let started = web_time::Instant::now();
    store::save_to(path, &notes, Base::Overwrite).expect("saved");
    storage::flushed().await.expect("committed");
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    wasm_bindgen_test::console_log!(
        "saving 1,000 notes items to IndexedDB (keeping the replaced version as a backup): {ms:.1} ms"
    );
    assert_eq!(store::backups(path).len(), 1);
    let bytes = storage::get_durable(&path.to_string_lossy())
        .await
        .expect("read")
        .expect("stored");
    let back = caselens::notes::parse_notes(path, &bytes).expect("a valid notes file");
    assert_eq!(back, notes);
    assert_eq!(store::load(path).expect("loads").notes, notes);
}

#[wasm_bindgen_test]
async fn the_autosaver_saves_after_the_quiet_time_into_indexeddb() {
    let path = Path::new("test/autosave.notes.json");
    let clock = Arc::new(ManualClock::default());
    let saver =
        Autosaver::spawn_with_clock(path.to_owned(), DiskState::Missing, || {}, clock.clone())
            .expect("a saver");
    let notes = notes_with(3);
    saver.submit(1, notes.clone());
    assert!(saver.sync(QUIET));
    assert!(!store::exists(path), "not saved before the quiet time");
    clock.advance(QUIET);
    assert!(saver.sync(QUIET));
    assert!(store::exists(path), "saved after the quiet time");
    assert!(
        saver.try_report().is_none(),
        "not shown as saved before IndexedDB has it"
    );
    // Other tests' saves may be in flight too: wait until all are in.
    for _ in 0..100 {
        storage::flushed().await.expect("committed");
        if storage::committed() {
            break;
        }
    }
    assert!(
        matches!(
            saver.try_report(),
            Some(caselens::notes::autosave::Report::Saved { revision: 1, .. })
        ),
        "shown as saved once committed"
    );
    let bytes = storage::get_durable(&path.to_string_lossy())
        .await
        .expect("read")
        .expect("in IndexedDB");
    assert_eq!(
        caselens::notes::parse_notes(path, &bytes).expect("valid"),
        notes
    );
}

#[wasm_bindgen_test]
async fn a_save_over_a_changed_value_merges_instead_of_clobbering() {
    let path = Path::new("test/merge.notes.json");
    let base = notes_with(1);
    let saved = store::save_to(path, &base, Base::Missing).expect("saved");
    // Another writer (another tab's save) adds an item.
    let mut theirs = NoteBook::new(base.clone());
    theirs.add_memo(None, "theirs", "from elsewhere");
    store::save_to(path, theirs.file(), Base::Overwrite).expect("saved");
    let mut ours = NoteBook::new(base.clone());
    ours.add_memo(None, "ours", "from here");
    let result =
        store::save_to(path, ours.file(), Base::Known(&base, saved.fingerprint)).expect("saved");
    let (merged, _) = result.merged.expect("merged, not overwritten");
    assert_eq!(merged.items.len(), 3, "base, theirs and ours");
    assert_eq!(store::load(path).expect("loads").notes, merged);
}

#[wasm_bindgen_test]
async fn each_save_keeps_the_version_it_replaces_in_indexeddb_the_newest_ten() {
    let path = Path::new("test/backups.notes.json");
    let kept = store::BACKUPS_KEPT;
    let mut pruned = Vec::new();
    for n in 1..=kept + 3 {
        store::save_to(path, &notes_with(n), Base::Overwrite).expect("saved");
        if n == kept + 1 {
            // Backups of versions 1 to 10: the next two saves prune the two oldest.
            pruned = store::backups(path)[..2].to_vec();
        }
    }
    storage::flushed().await.expect("committed");
    let backups = store::backups(path);
    assert_eq!(backups.len(), kept, "the newest {kept}");
    // Versions 3 to 12 (the 13th is the notes themselves), oldest first, each in IndexedDB.
    for (backup, version) in backups.iter().zip(3..) {
        let durable = storage::get_durable(&backup.to_string_lossy())
            .await
            .expect("read")
            .expect("in IndexedDB");
        let notes = caselens::notes::parse_notes(backup, &durable).expect("a notes file");
        assert_eq!(notes.items.len(), version, "{}", backup.display());
        assert_eq!(store::load(backup).expect("loads").notes, notes);
    }
    for old in &pruned {
        let gone = storage::get_durable(&old.to_string_lossy())
            .await
            .expect("read");
        assert!(
            gone.is_none(),
            "pruned from IndexedDB too: {}",
            old.display()
        );
    }
}
