//! A process saving notes in a loop is killed with SIGKILL at random moments, hundreds of
//! times; each time the notes file must parse and hold a complete state, never a mix, and no
//! saved state is lost.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use caselens::format::{Item, NotesFile};
use caselens::notes::book::{NoteBook, empty_notes};
use caselens::notes::store;

const CHILD_ENV: &str = "CASELENS_SAVE_LOOP";

/// Texts of the memos, which the child appends as "0", "1", "2", ...
fn steps(notes: &NotesFile) -> Vec<String> {
    notes
        .items
        .iter()
        .filter(|i: &&Item| !i.deleted)
        .map(|i| i.text.clone().unwrap_or_default())
        .collect()
}

/// The child: load the file, then append one memo and save, forever.
#[test]
fn save_loop_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let path = Path::new(&path);
    let (notes, mut base) = match store::load(path) {
        Ok(l) => (l.notes.clone(), Some((l.notes, l.fingerprint))),
        Err(_) => (empty_notes(None), None),
    };
    let mut book = NoteBook::new(notes);
    loop {
        let n = steps(book.file()).len();
        book.add_memo(None, "step", &n.to_string());
        // Pad the file so writes take a while and kills land mid-write.
        book.update_item(
            &book.file().items[n].id.clone(),
            None,
            Some(format!("step {}", "x".repeat(2000))),
            None,
        )
        .ok();
        let saved =
            store::save(path, book.file(), base.as_ref().map(|(b, f)| (b, *f))).expect("save");
        base = Some((book.file().clone(), saved.fingerprint));
    }
}

#[test]
fn sigkill_during_saves_never_corrupts_or_loses_notes() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.notes.json");
    let exe = std::env::current_exe().unwrap();
    let mut last = 0usize;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let rounds = 200;
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args([
                "save_loop_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // xorshift: a different moment each round, from a few ms to ~40 ms into the loop.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(3_000 + seed % 40_000));
        child.kill().unwrap();
        child.wait().unwrap();
        if !path.exists() {
            continue;
        }
        let loaded = store::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: the notes file does not parse: {e}"));
        let s = steps(&loaded.notes);
        let expected: Vec<String> = (0..s.len()).map(|i| i.to_string()).collect();
        assert_eq!(
            s, expected,
            "round {round}: the file holds a complete state"
        );
        assert!(
            s.len() >= last,
            "round {round}: saved notes were lost ({} < {last})",
            s.len()
        );
        last = s.len();
    }
    assert!(last > 10, "the child managed to save ({last} steps)");
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    // A kill between creating and renaming the temporary file can leave it behind; it never
    // replaces the notes file, and there are never many.
    assert!(leftovers <= rounds, "{leftovers} temporary files");
}
