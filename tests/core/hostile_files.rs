//! Files that are not what they seem (issue 22), through the real binary: a pipe named like an
//! input, notes files shared with others (their mode) or made read-only, and broken files in
//! `--library`.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::{caselens, project, stderr, text};

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// Runs caselens; a run that has not ended after a minute (it waits on a pipe) is killed and
/// the test fails. Not a timing check: any answer within the minute passes.
fn caselens_or_hang(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_caselens"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run caselens");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("caselens-run".into())
        .spawn(move || tx.send(child.wait_with_output()).ok())
        .expect("thread");
    if let Ok(output) = rx.recv_timeout(Duration::from_mins(1)) {
        return output.expect("output");
    }
    Command::new("kill")
        .arg("-9")
        .arg(pid.to_string())
        .status()
        .ok();
    panic!("caselens {args:?} hung (it waits on a pipe)");
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_pipe_named_like_an_input_is_refused_and_nothing_waits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("x.notes.json");
    mkfifo(&fifo);
    let case_fifo = dir.path().join("y.case.json");
    mkfifo(&case_fifo);
    let said = "cannot open: it is a pipe (FIFO), not a file";
    let o = caselens_or_hang(&["validate", s(&fifo)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains(said), "{}", text(&o.stdout));
    let o = caselens_or_hang(&["notes", "check", s(&fifo)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(said), "{}", stderr(&o));
    let o = caselens_or_hang(&["search", "alliance", "--library", s(dir.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("warning: {}: {said}", case_fifo.display())),
        "{}",
        stderr(&o)
    );
    let o = caselens_or_hang(&["search", "alliance", "--library", s(&case_fifo)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(said), "{}", stderr(&o));
    let notes = dir.path().join("n.notes.json");
    let qdc = dir.path().join("codes.qdc");
    mkfifo(&qdc);
    let o = caselens_or_hang(&["import", "qdc", s(&qdc), "--notes", s(&notes)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(said), "{}", stderr(&o));
    // The notes file itself a pipe: refused, not waited on.
    let o = caselens_or_hang(&[
        "import",
        "qdc",
        s(&project("tests/fixtures/refi/handwritten.qdc")),
        "--notes",
        s(&fifo),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(said), "{}", stderr(&o));
}

#[test]
fn a_notes_file_keeps_its_mode_when_saved_and_new_files_get_the_usual_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let qdc = project("tests/fixtures/refi/handwritten.qdc");
    let notes = dir.path().join("shared.notes.json");
    let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    // What the umask leaves of 0666, as for any new file.
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).expect("create");
    assert_eq!(mode(&notes), mode(&plain), "a new notes file");
    let export = dir.path().join("handout.qdc");
    let o = caselens(&["export", "qdc", "-o", s(&export)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&export), mode(&plain), "a new export");
    for wanted in [0o644, 0o664, 0o640] {
        std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(wanted)).expect("chmod");
        let o = caselens(&["import", "qdc", s(&export), "--notes", s(&notes)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(mode(&notes), wanted, "{wanted:o} survives a save");
        std::fs::set_permissions(&export, std::fs::Permissions::from_mode(wanted)).expect("chmod");
        let o = caselens(&["export", "qdc", "-o", s(&export), "--notes", s(&notes)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            mode(&export),
            wanted,
            "{wanted:o} survives an export over it"
        );
    }
}

#[test]
fn a_read_only_notes_file_is_refused_with_a_message_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("teacher.notes.json");
    let qdc = project("tests/fixtures/refi/handwritten.qdc");
    let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&notes).expect("read");
    let other = dir.path().join("other.qdc");
    std::fs::write(
        &other,
        "<CodeBook><Codes><Code name=\"New\" isCodable=\"true\"/></Codes></CodeBook>",
    )
    .expect("write");
    let o = caselens(&["import", "qdc", s(&other), "--notes", s(&notes)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("teacher.notes.json is read-only, so Caselens does not change it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&notes).expect("read"), before);
    assert_eq!(mode(&notes), 0o444);
}

#[test]
fn broken_files_in_the_library_are_warned_about_and_the_rest_is_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("broken.case.json"),
        "{\n  \"format\": \"caselens/case@1\",\n  \"id\": \n}",
    )
    .expect("write");
    let broken = dir.path().join("broken.case.json").display().to_string();
    let lib = s(dir.path());
    let notes = dir.path().join("n.notes.json");
    std::fs::write(
        &notes,
        "{\"format\": \"caselens/notes@1\", \"items\": [], \"codes\": []}",
    )
    .expect("write");
    let out = dir.path().join("out.md");
    let runs: [&[&str]; 4] = [
        &["search", "alliance", "--library", lib],
        &["coded", "RAT", "--library", lib],
        &[
            "export",
            "case",
            "company-a",
            "-o",
            s(&out),
            "--library",
            lib,
        ],
        &[
            "answers",
            "--notes",
            s(&notes),
            "--case",
            "company-a",
            "--library",
            lib,
        ],
    ];
    for args in runs {
        let o = caselens(args);
        let err = stderr(&o);
        assert!(
            err.contains(&format!("warning: {broken}:4:1: ")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("warning: 1 file(s) skipped (`caselens validate` lists their problems)"),
            "{args:?}: {err}"
        );
    }
}
