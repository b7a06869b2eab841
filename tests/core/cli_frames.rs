//! `caselens --script FILE --frame-log FILE`: a script that cannot be read, or a log that
//! cannot be written, is reported before any window opens (no display needed).

use crate::util::{caselens, stderr};

#[test]
fn a_bad_script_line_is_named_and_no_window_opens() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let script = dir.path().join("session.txt");
    std::fs::write(&script, "frames 3\nopen-case #1\nfly to the moon\n").expect("written");
    let o = caselens(&["--script", &script.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("line 3") && e.contains("fly"), "{e}");
}

#[test]
fn a_missing_script_or_an_unwritable_log_is_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let missing = dir.path().join("none.txt").display().to_string();
    let o = caselens(&["--script", &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read the script"),
        "{}",
        stderr(&o)
    );
    let log = dir
        .path()
        .join("no-such-dir/frames.log")
        .display()
        .to_string();
    let o = caselens(&["--frame-log", &log]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot write the frame log"),
        "{}",
        stderr(&o)
    );
}
