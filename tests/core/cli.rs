//! The real binary, on fixture folders.

use crate::util::caselens;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn help_and_version() {
    let o = caselens(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("validate") && stdout(&o).contains("list"));
    let o = caselens(&["--version"]);
    assert_eq!(
        stdout(&o).trim(),
        format!("caselens {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bundled_cases_validate() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let o = caselens(&["validate", &cases.display().to_string()]);
    assert!(
        o.status.success(),
        "{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn someone_elses_folder_validates_with_its_own_framework() {
    let o = caselens(&["validate", &fixture("other-course")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn broken_files_exit_1_with_every_problem_placed() {
    let o = caselens(&["validate", &fixture("other-course"), &fixture("broken")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let quote_line = out
        .lines()
        .find(|l| l.contains("bad-quote.case.json"))
        .expect("bad quote reported");
    assert!(
        quote_line.ends_with(":9:70: quote \"Other text\" does not occur in paragraph a/p1"),
        "{quote_line}"
    );
    let trunc = out
        .lines()
        .find(|l| l.contains("truncated.case.json"))
        .expect("truncated reported");
    assert!(
        trunc.contains(":1:") && trunc.contains("truncated"),
        "{trunc}"
    );
}

#[test]
fn validate_json_output() {
    let o = caselens(&[
        "validate",
        "--format",
        "json",
        &fixture("broken"),
        &fixture("other-course"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["valid"], false);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    let bad = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("bad-quote.case.json"))
        .unwrap();
    assert_eq!(bad["valid"], false);
    assert_eq!(bad["problems"][0]["line"], 9);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(caselens(&["validate"]).status.code(), Some(2));
    assert_eq!(
        caselens(&["validate", "/no/such/place"]).status.code(),
        Some(2)
    );
    assert_eq!(caselens(&["frobnicate", "--nope"]).status.code(), Some(2));
}

#[test]
fn list_shows_bundled_and_library_cases() {
    let o = caselens(&[
        "list",
        "--library",
        &fixture("other-course"),
        "--format",
        "json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"company-a") && ids.contains(&"company-b") && ids.contains(&"acme"),
        "{ids:?}"
    );
    let acme = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "acme")
        .unwrap();
    assert_eq!(acme["framework"], "mini");
    assert!(acme["source"].as_str().unwrap().ends_with("acme.case.json"));
    let text = stdout(&caselens(&["list"]));
    assert!(text.lines().any(|l| l.starts_with("case\tcompany-a\t")));
}

#[test]
fn bad_input_kinds_each_exit_1_with_a_placed_message() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.case.json", b"".to_vec(), "empty"),
        (
            "notjson.case.json",
            b"this is not json".to_vec(),
            "not valid JSON",
        ),
        ("utf8.case.json", b"{\"id\": \"\xff\"}".to_vec(), "UTF-8"),
        (
            "deep.case.json",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "nested too deeply",
        ),
        (
            "types.case.json",
            br#"{"format": "caselens/case@1", "id": 5}"#.to_vec(),
            "invalid type",
        ),
        (
            "newer.case.json",
            br#"{"format": "caselens/case@2"}"#.to_vec(),
            "newer Caselens (case@2)",
        ),
        (
            "keys.framework.json",
            br#"{"format": "caselens/framework@1", "id": "k", "title": "K", "colour": 1}"#.to_vec(),
            "unknown field `colour`",
        ),
    ];
    for (name, bytes, expected) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let path: PathBuf = dir.path().join(name);
        let o = caselens(&["validate", &path.display().to_string()]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let out = stdout(&o);
        assert!(out.contains(expected), "{name}: {out}");
        assert!(
            out.starts_with(&path.display().to_string()),
            "{name}: {out}"
        );
    }
    // With a BOM the file is fine.
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend(std::fs::read(fixture("other-course/mini.framework.json")).unwrap());
    let p = dir.path().join("bom.framework.json");
    std::fs::write(&p, bom).unwrap();
    assert_eq!(
        caselens(&["validate", &p.display().to_string()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn oversized_file_is_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.case.json");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(21 * 1024 * 1024).unwrap();
    let o = caselens(&["validate", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("at most 20 MB"), "{}", stdout(&o));
}

#[test]
fn compare_json_has_rows_with_cells() {
    let o = caselens(&["compare", "company-a", "company-b", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let founded = rows.iter().find(|r| r["dimension"] == "founded").unwrap();
    assert_eq!(founded["group"], "organisation");
    assert_eq!(founded["cells"][0]["state"], "value");
    assert_eq!(founded["cells"][0]["value"], 1999);
    assert!(
        founded["cells"][0]["evidence"]
            .as_array()
            .is_some_and(|e| !e.is_empty())
    );
    assert_eq!(founded["cells"][1]["state"], "unknown");
}

#[test]
fn compare_diff_only_csv_and_md() {
    let all = caselens(&["compare", "company-a", "company-b", "--format", "csv"]);
    let diff = caselens(&[
        "compare",
        "company-a",
        "company-b",
        "--format",
        "csv",
        "--diff-only",
    ]);
    let (all, diff) = (stdout(&all), stdout(&diff));
    assert!(diff.lines().count() < all.lines().count());
    let relation = |line: &str| line.split(',').nth(3).unwrap_or_default().to_owned();
    assert!(
        diff.lines()
            .skip(1)
            .all(|l| ["different", "partly shared"].contains(&relation(l).as_str())),
        "{diff}"
    );
    // Company A was founded in 1999; the material is silent on Company B: not a difference.
    assert!(all.contains("founded,Founded,known for only some"), "{all}");
    assert!(!diff.contains("founded,"), "{diff}");
    let with_some = stdout(&caselens(&[
        "compare",
        "company-a",
        "company-b",
        "--format",
        "csv",
        "--diff-only",
        "--with-partly-known",
    ]));
    assert!(with_some.contains("founded,Founded,known for only some"));
    assert!(with_some.lines().count() > diff.lines().count());
    let md = stdout(&caselens(&["compare", "company-a", "company-b"]));
    assert!(md.contains("| Dimension |") && md.contains("## Organisation"));
}

#[test]
fn compare_on_someone_elses_cases_and_errors() {
    let o = caselens(&[
        "compare",
        "acme",
        "--library",
        &fixture("other-course"),
        "--format",
        "json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["framework"], "mini");
    let o = caselens(&["compare", "company-a", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no case with id \"nope\""));
    let o = caselens(&[
        "compare",
        "company-a",
        "acme",
        "--library",
        &fixture("other-course"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("different frameworks"));
    // The limits the compare view applies apply here too.
    let nine: Vec<String> = [
        "compare",
        "agilera",
        "asp-industry-consortium",
        "company-a",
        "company-b",
        "corio",
        "futurelink",
        "jamcracker",
        "netledger-oracle",
        "siebel-partners",
    ]
    .map(str::to_owned)
    .to_vec();
    let args: Vec<&str> = nine.iter().map(String::as_str).collect();
    let o = caselens(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("at most 8 cases"));
    let o = caselens(&["compare", "company-a", "company-a"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("chosen twice"));
}

#[test]
fn notes_check_reports_orphans_and_merge_unites_files() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/examples/lecture.notes.json");
    let o = caselens(&["notes", "check", &sample.display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );

    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sample).unwrap()).unwrap();
    let items = v["items"].as_array_mut().unwrap();
    let h = items.iter_mut().find(|i| i["kind"] == "highlight").unwrap();
    h["target"]["exact"] = serde_json::json!("words that the case never contained");
    h["modified"] = serde_json::json!("2030-01-01T00:00:00Z");
    let orphan_id = h["id"].as_str().unwrap().to_owned();
    let changed = dir.path().join("changed.notes.json");
    std::fs::write(&changed, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let o = caselens(&[
        "notes",
        "check",
        &changed.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "orphaned" && f["item"] == orphan_id.as_str())
    );

    let out = dir.path().join("merged.notes.json");
    let o = caselens(&[
        "notes",
        "merge",
        &sample.display().to_string(),
        &changed.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        stdout(&o).contains(&orphan_id),
        "the differing item is listed as a conflict"
    );
    let merged: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let kept = merged["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == orphan_id.as_str())
        .unwrap();
    assert_eq!(
        kept["modified"], "2030-01-01T00:00:00Z",
        "the newer edit wins"
    );
    assert_eq!(
        merged["items"].as_array().unwrap().len(),
        v["items"].as_array().unwrap().len()
    );

    std::fs::write(dir.path().join("bad.notes.json"), b"{").unwrap();
    let o = caselens(&[
        "notes",
        "merge",
        &sample.display().to_string(),
        &dir.path().join("bad.notes.json").display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.notes.json:1:"));
}
