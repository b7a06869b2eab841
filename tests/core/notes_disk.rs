//! Saving to a read-only folder or a full disk: a clear message, every edit kept in memory,
//! the save retried with the next edit, and *Save notes as…* saving everything elsewhere.
//!
//! Root ignores folder permissions, so as root the read-only folder and the full disk are
//! real filesystems (a read-only tmpfs, a 64 KiB tmpfs) mounted in a private mount namespace
//! by `unshare`, with the scenario run in a child process. Without `unshare` (or user
//! namespaces) these tests say why on stderr and pass without checking.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use caselens::jobs::no_wake;
use caselens::library::Library;
use caselens::notes::autosave::{MAX_DELAY, ManualClock};
use caselens::notes::session::NotesSession;
use caselens::notes::store;
use caselens::workspace::Workspace;

use crate::util;

const DIR_ENV: &str = "CASELENS_DISK_TEST_DIR";
const OUT_ENV: &str = "CASELENS_DISK_TEST_OUT";

struct Window {
    session: NotesSession,
    ws: Workspace,
    clock: Arc<ManualClock>,
}

impl Window {
    fn open(path: &Path) -> Self {
        let clock = Arc::new(ManualClock::default());
        let mut session = NotesSession::with_clock(no_wake(), clock.clone());
        let mut ws = Workspace::new(Library::default(), Vec::new());
        session.open_now(&mut ws, path.to_owned());
        Self { session, ws, clock }
    }

    /// Adds a memo and lets the autosave delay pass.
    fn edit(&mut self, text: &str) -> String {
        let id = self.ws.notebook.add_memo(None, "memo", text);
        self.session.poll(&mut self.ws);
        self.clock.advance(MAX_DELAY);
        self.session.sync(&mut self.ws);
        id
    }

    fn problem(&self) -> String {
        self.session.problem.clone().unwrap_or_default()
    }
}

fn ids(path: &Path) -> Vec<String> {
    store::load(path)
        .expect("test setup")
        .notes
        .items
        .into_iter()
        .map(|i| i.id)
        .collect()
}

fn assert_save_failed(w: &Window, path: &Path, why: &str) {
    let expected = format!("Your notes could not be saved to {}: {why}", path.display());
    let problem = w.problem();
    assert!(
        problem.starts_with(&expected)
            && problem.contains("Every edit is kept in memory; use File > Save notes as…"),
        "expected {expected:?}…, got {problem:?}"
    );
    assert!(w.session.save_failed());
}

/// The read-only scenario, in a folder where nothing can be written; `out` is writable.
fn read_only_scenario(folder: &Path, out: &Path) {
    let path = folder.join("my.notes.json");
    let mut w = Window::open(&path);
    let a = w.edit("a");
    assert_save_failed(&w, &path, "the folder is read-only");
    assert!(
        w.ws.notebook.item(&a).is_some(),
        "the edit is kept in memory"
    );
    // Retried with the next edit: still failing, still said, still kept.
    w.session.problem = None;
    let b = w.edit("b");
    assert_save_failed(&w, &path, "the folder is read-only");
    // Save as elsewhere: everything is there, and later edits follow it.
    let elsewhere = out.join("rescued.notes.json");
    w.session.save_as(&w.ws, elsewhere.clone());
    w.session.wait(&mut w.ws);
    assert_eq!(w.session.path.as_deref(), Some(elsewhere.as_path()));
    assert!(w.session.problem.is_none(), "{:?}", w.session.problem);
    let c = w.edit("c");
    assert_eq!(ids(&elsewhere), vec![a, b, c]);
    assert!(!path.exists());
}

/// The full-disk scenario on a small filesystem mounted at `folder`.
fn full_disk_scenario(folder: &Path) {
    let path = folder.join("my.notes.json");
    let mut w = Window::open(&path);
    let a = w.edit("a");
    assert_eq!(ids(&path), vec![a.clone()]);
    let filler = folder.join("filler");
    fill(&filler);
    let b = w.edit(&"b".repeat(20_000));
    assert_save_failed(&w, &path, "the disk is full");
    assert!(
        w.ws.notebook.item(&b).is_some(),
        "the edit is kept in memory"
    );
    assert_eq!(
        ids(&path),
        vec![a.clone()],
        "the previous version is intact"
    );
    std::fs::remove_file(&filler).expect("test setup");
    let c = w.edit("c");
    assert_eq!(ids(&path), vec![a, b, c], "saved with the next edit");
    assert!(!w.session.save_failed());
}

/// Writes to `path` until the filesystem is full.
fn fill(path: &Path) {
    use std::io::Write as _;
    let mut f = std::fs::File::create(path).expect("test setup");
    let block = vec![0u8; 4096];
    loop {
        if let Err(e) = f.write_all(&block).and_then(|()| f.sync_all()) {
            assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
            return;
        }
    }
}

#[test]
#[ignore = "started by saving_to_a_read_only_folder_keeps_every_edit"]
fn read_only_child() {
    read_only_scenario(
        Path::new(&util::child_env(DIR_ENV)),
        Path::new(&util::child_env(OUT_ENV)),
    );
}

#[test]
#[ignore = "started by saving_to_a_full_disk_keeps_every_edit"]
fn full_disk_child() {
    full_disk_scenario(Path::new(&util::child_env(DIR_ENV)));
}

/// Runs the child test `name` with a tmpfs mounted (with `options`) on `dir`, in a private
/// mount namespace (also used by `authoring`). `None` when `unshare` cannot do it here (the reason is printed).
pub(crate) fn in_tmpfs(
    name: &str,
    options: &str,
    dir: &Path,
    out: &Path,
) -> Option<std::process::Output> {
    let exe = std::env::current_exe().expect("test setup");
    let script = r#"mount -t tmpfs -o "$1" caselens-test "$2" || exit 97; shift 2; exec "$@""#;
    let mut command = Command::new("unshare");
    command
        .args([
            "--map-root-user",
            "--mount",
            "--",
            "sh",
            "-c",
            script,
            "sh",
            options,
        ])
        .arg(dir)
        .arg(exe)
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_ENV, dir)
        .env(OUT_ENV, out);
    match command.output() {
        Ok(o)
            if o.status.code() == Some(97) || o.status.code() == Some(1) && o.stdout.is_empty() =>
        {
            eprintln!(
                "SKIPPED {name}: cannot mount a tmpfs with unshare here: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            None
        }
        Ok(o) => Some(o),
        Err(e) => {
            eprintln!("SKIPPED {name}: unshare is not available ({e})");
            None
        }
    }
}

pub(crate) fn assert_child_passed(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "the child failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the child ran its test"
    );
}

pub(crate) fn dirs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().expect("test setup");
    let folder = root.path().join("folder");
    let out = root.path().join("out");
    std::fs::create_dir(&folder).expect("test setup");
    std::fs::create_dir(&out).expect("test setup");
    (root, folder, out)
}

#[test]
fn saving_to_a_read_only_folder_keeps_every_edit() {
    let (_root, folder, out) = dirs();
    if util::running_as_root() {
        if let Some(output) = in_tmpfs("notes_disk::read_only_child", "ro", &folder, &out) {
            assert_child_passed(&output);
        }
    } else {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        read_only_scenario(&folder, &out);
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn saving_to_a_full_disk_keeps_every_edit() {
    let (_root, folder, out) = dirs();
    if let Some(output) = in_tmpfs("notes_disk::full_disk_child", "size=64k", &folder, &out) {
        assert_child_passed(&output);
    }
}
