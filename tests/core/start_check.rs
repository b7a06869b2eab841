//! `caselens --quit-after-frames N` opens the real window, reports its first frame and exits 0.
//! Needs a display: without one (no `DISPLAY`) the test says so and passes without running.
//! Times are printed by the command, never checked here.

use std::process::Command;

#[test]
fn quit_after_frames_draws_reports_and_exits_zero() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!(
            "skipped: no DISPLAY (CI runs the start check under Xvfb: scripts/start-time.sh)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    // `timeout` ends a window that never closes, so the test cannot hang.
    let out = Command::new("timeout")
        .arg("120")
        .arg(env!("CARGO_BIN_EXE_caselens"))
        .args(["--quit-after-frames", "2", "--notes"])
        .arg(dir.path().join("start.notes.json"))
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .expect("timeout and caselens run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}\n{stdout}\n{stderr}", out.status);
    let first = stdout
        .lines()
        .filter(|l| l.starts_with("first frame after "))
        .count();
    assert_eq!(first, 1, "{stdout}");
    assert!(
        stdout.lines().any(|l| l.starts_with("loaded after ")),
        "{stdout}"
    );
}
