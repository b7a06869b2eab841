//! Writing cases and frameworks: `caselens new-framework`, the note `validate` prints for a
//! file saved with problems, and saving a case to a read-only folder or a full disk (a clear
//! error, the draft kept; as root, on real filesystems mounted by `unshare`, see
//! `notes_disk`).

use std::path::Path;

use caselens::authoring::{
    AuthoringError, CaseContext, CaseDraft, CaseEdit, SaveMode, framework_from_cases,
};
use caselens::format::Kind;

use crate::notes_disk::{assert_child_passed, dirs, in_tmpfs};
use crate::util::{self, caselens, stderr, text};

fn context() -> CaseContext {
    CaseContext {
        framework: util::bundled().framework("asp-alliances").cloned(),
        known_frameworks: vec!["asp-alliances".into()],
    }
}

/// Bundled case files copied to `dir`, naming framework `framework`.
fn cases_in(dir: &Path, ids: &[&str], framework: &str) {
    for id in ids {
        let text = std::fs::read_to_string(util::project(&format!("cases/{id}.case.json")))
            .expect("bundled case");
        let text = text.replace(
            "\"framework\": \"asp-alliances\"",
            &format!("\"framework\": \"{framework}\""),
        );
        std::fs::write(dir.join(format!("{id}.case.json")), text).expect("test setup");
    }
}

#[test]
fn new_framework_from_bundled_ids_validates_and_so_do_the_cases_against_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.framework.json");
    let o = caselens(&[
        "new-framework",
        "--from",
        "company-a",
        "corio",
        "-o",
        out.to_str().unwrap(),
        "--id",
        "mine",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("from 2 case(s)"), "{}", stderr(&o));
    cases_in(dir.path(), &["company-a", "corio"], "mine");
    let v = caselens(&["validate", dir.path().to_str().unwrap()]);
    assert!(v.status.success(), "{}{}", text(&v.stdout), stderr(&v));
    assert!(stderr(&v).contains("3 file(s) valid"), "{}", stderr(&v));
}

#[test]
fn new_framework_from_cases_of_an_unknown_framework_infers_kinds_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    cases_in(dir.path(), &["jamcracker", "futurelink"], "lost-framework");
    let o = caselens(&[
        "new-framework",
        "--from",
        dir.path().to_str().unwrap(),
        "--id",
        "lost-framework",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = text(&o.stdout);
    let fw: caselens::format::Framework = serde_json::from_str(&written).unwrap();
    assert_eq!(fw.dimension("founded").map(|d| d.kind), Some(Kind::Year));
    assert_eq!(
        fw.dimension("alliance-types").map(|d| d.kind),
        Some(Kind::Codes)
    );
    assert!(
        fw.groups.iter().all(|g| g.id == "dimensions"),
        "no framework to copy groups from"
    );
    std::fs::write(dir.path().join("lost.framework.json"), &written).unwrap();
    let v = caselens(&["validate", dir.path().to_str().unwrap()]);
    assert!(v.status.success(), "{}{}", text(&v.stdout), stderr(&v));
}

#[test]
fn new_framework_refuses_what_it_cannot_read() {
    let o = caselens(&["new-framework", "--from", "no-such-case"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no-such-case: no case file there"),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.case.json");
    std::fs::write(&bad, "{ nope").unwrap();
    let o = caselens(&["new-framework", "--from", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot be read as a case"),
        "{}",
        stderr(&o)
    );
    // The library function agrees with the CLI on an empty set: a framework with nothing in it.
    let empty = framework_from_cases(&[], &[], "empty", "Empty").unwrap();
    assert!(empty.groups.is_empty() && empty.codes.is_empty());
}

#[test]
fn validate_notes_a_case_saved_anyway() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.case.json");
    let mut d = CaseDraft::bundled("cases/company-b.case.json", context()).unwrap();
    d.apply(&CaseEdit::DeleteSection {
        section: "background".into(),
    })
    .unwrap();
    let problems = d.problems().len();
    assert!(problems > 0);
    d.save_as(&path, SaveMode::Anyway).unwrap();
    let v = caselens(&["validate", path.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    let out = text(&v.stdout);
    assert!(
        out.contains(&format!(
            "mine.case.json: note: saved with {problems} problem(s) on purpose"
        )),
        "{out}"
    );
    let json = caselens(&["validate", "--format", "json", path.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["files"][0]["saved_with_problems"], problems);
}

/// Saving into `folder` fails with `why`, keeps the edit, and *Save as* elsewhere works.
fn failing_save_scenario(folder: &Path, out: &Path, why: &str) {
    let path = folder.join("mine.case.json");
    let mut d = CaseDraft::bundled("cases/company-a.case.json", context()).expect("test setup");
    d.apply(&CaseEdit::SetTitle("Kept".into()))
        .expect("test setup");
    // Big enough not to fit on a 64 KiB disk.
    d.apply(&CaseEdit::SetSubtitle(Some("x".repeat(100_000))))
        .expect("test setup");
    let err = d
        .save_as(&path, SaveMode::Checked)
        .expect_err("the save fails");
    assert!(matches!(err, AuthoringError::Write { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains(why) && message.contains("your edits are kept"),
        "{message}"
    );
    assert_eq!(d.doc().title, "Kept");
    let elsewhere = out.join("mine.case.json");
    d.save_as(&elsewhere, SaveMode::Checked)
        .expect("test setup");
    assert_eq!(
        CaseDraft::open(&elsewhere, context())
            .expect("test setup")
            .doc(),
        d.doc()
    );
}

#[test]
#[ignore = "started by saving_a_case_to_a_read_only_folder_says_so"]
fn read_only_case_child() {
    failing_save_scenario(
        Path::new(&util::child_env("CASELENS_DISK_TEST_DIR")),
        Path::new(&util::child_env("CASELENS_DISK_TEST_OUT")),
        "the folder is read-only",
    );
}

#[test]
#[ignore = "started by saving_a_case_to_a_full_disk_says_so"]
fn full_disk_case_child() {
    failing_save_scenario(
        Path::new(&util::child_env("CASELENS_DISK_TEST_DIR")),
        Path::new(&util::child_env("CASELENS_DISK_TEST_OUT")),
        "the disk is full",
    );
}

#[test]
fn saving_a_case_to_a_read_only_folder_says_so() {
    let (_root, folder, out) = dirs();
    if util::running_as_root() {
        if let Some(output) = in_tmpfs("authoring::read_only_case_child", "ro", &folder, &out) {
            assert_child_passed(&output);
        }
    } else {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        failing_save_scenario(&folder, &out, "the folder is read-only");
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn saving_a_case_to_a_full_disk_says_so() {
    let (_root, folder, out) = dirs();
    if let Some(output) = in_tmpfs("authoring::full_disk_case_child", "size=64k", &folder, &out) {
        assert_child_passed(&output);
    }
}
