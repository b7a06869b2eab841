//! A process saving notes in a loop is killed with SIGKILL at random moments, hundreds of
//! times; each time the notes file must parse and hold a complete state, never a mix, no saved
//! state is lost, and at most the one temporary file of the last killed save is left behind.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use caselens::format::empty_notes;
use caselens::format::{Item, NotesFile};
use caselens::notes::book::NoteBook;
use caselens::notes::store::{self, DiskState};

use crate::util;

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

fn temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("test setup")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

/// The child: load the file, then append one memo and save, forever.
#[test]
#[ignore = "started by sigkill_during_saves_never_corrupts_or_loses_notes"]
fn save_loop_child() {
    let path = util::child_env(CHILD_ENV);
    let path = Path::new(&path);
    let (notes, mut disk) = match store::load_with_packed(path) {
        Ok((l, packed)) => (l.notes, DiskState::Known(packed, l.fingerprint)),
        Err(_) => (empty_notes(None), DiskState::Missing),
    };
    let mut book = NoteBook::new(notes);
    loop {
        let n = steps(book.file()).len();
        let id = book.add_memo(None, "step", &n.to_string());
        // Pad the file so writes take a while and kills land mid-write.
        book.update_item(&id, None, Some(format!("step {}", "x".repeat(2000))), None)
            .ok();
        let saved = store::save_to(path, book.file(), disk.as_base()).expect("save");
        disk = DiskState::Known(saved.written, saved.fingerprint);
    }
}

#[test]
fn sigkill_during_saves_never_corrupts_or_loses_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.notes.json");
    let mut last = 0usize;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let rounds = 200;
    for round in 0..rounds {
        let mut child = util::child_test("notes_crash::save_loop_child")
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
        let status = child.wait().unwrap();
        assert!(
            status.code().is_none(),
            "round {round}: the child ended by itself ({status}), not by the kill"
        );
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
        // Each save removes the temporaries of earlier killed saves: only the last can remain.
        let left = temporaries(dir.path());
        assert!(left <= 1, "round {round}: {left} temporary files left");
    }
    assert!(last > 10, "the child managed to save ({last} steps)");
    // The next save cleans up after the last kill.
    let (loaded, packed) = store::load_with_packed(&path).unwrap();
    let disk = DiskState::Known(packed, loaded.fingerprint);
    store::save_to(&path, &loaded.notes, disk.as_base()).unwrap();
    assert_eq!(temporaries(dir.path()), 0, "no temporary file left");
}
