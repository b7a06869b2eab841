//! `caselens export qdc|qdpx` and `caselens import qdc`: the real binary, REFI-QDA files
//! checked with xmllint against the schemas in `schema/refi-qda/`.

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use crate::util::project;
use crate::util::{caselens, stderr};

/// Fails with xmllint's messages when `file` is not valid; fails when xmllint is missing.
fn assert_valid(schema: &str, file: &Path) {
    let xsd = project("schema/refi-qda").join(schema);
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "xmllint is needed ({e}): install libxml2-utils (apt-get install -y libxml2-utils)"
            )
        });
    assert!(
        out.status.success(),
        "{} is not valid against {schema}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// A notes file with two nested codes of the user, a highlight and a memo.
fn write_notes(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("mine.notes.json");
    let notes = serde_json::json!({
        "format": "caselens/notes@1",
        "author": "Ana",
        "codes": [
            {"id": "USER.trust", "label": "Trust", "color": "#10b981",
             "definition": "Partners rely on each other.",
             "guid": "0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11"},
            {"id": "USER.trust.early", "label": "Early trust", "color": "#aabbcc",
             "parent": "USER.trust"}
        ],
        "items": [
            {"id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "kind": "highlight", "case": "company-a",
             "target": {"paragraph": "background/p1", "exact": "Company A", "prefix": "",
                        "suffix": " is an e-business solution provi",
                        "start": 0, "end": 9},
             "codes": ["USER.trust.early"], "text": "Who?",
             "created": "2026-11-23T09:05:00Z", "modified": "2026-11-23T09:05:00Z"},
            {"id": "2b4e28ba-2fa1-11d2-883f-0016d3cca427", "kind": "memo", "case": null,
             "title": "Project memo", "text": "All cases",
             "created": "2026-11-23T09:05:00Z", "modified": "2026-11-23T09:05:00Z"}
        ]
    });
    let text = serde_json::to_string_pretty(&notes).expect("encode notes");
    std::fs::write(&path, text).expect("write the notes file");
    path
}

#[test]
fn export_qdc_writes_a_valid_codebook_with_the_users_codes() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write_notes(dir.path());
    let qdc = dir.path().join("codes.qdc");
    let o = caselens(&["export", "qdc", "-o", s(&qdc), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_valid("Codebook.xsd", &qdc);
    let xml = std::fs::read_to_string(&qdc).unwrap();
    assert!(xml.contains(
        "<Code guid=\"0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"Trust\" isCodable=\"true\" color=\"#10b981\">"
    ));
    assert!(
        xml.contains("name=\"Market access\""),
        "framework codes too"
    );
    // Without notes: the framework's codes only, and the same bytes every time.
    let plain = dir.path().join("plain.qdc");
    assert!(
        caselens(&["export", "qdc", "-o", s(&plain)])
            .status
            .success()
    );
    let again = dir.path().join("again.qdc");
    assert!(
        caselens(&["export", "qdc", "-o", s(&again)])
            .status
            .success()
    );
    assert_eq!(
        std::fs::read(&plain).unwrap(),
        std::fs::read(&again).unwrap()
    );
    assert!(!std::fs::read_to_string(&plain).unwrap().contains("Trust"));
}

#[test]
fn export_qdpx_writes_a_valid_project_with_sources_and_selections() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write_notes(dir.path());
    let qdpx = dir.path().join("project.qdpx");
    let o = caselens(&["export", "qdpx", "-o", s(&qdpx), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&qdpx).unwrap()).unwrap();
    let mut qde = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    let qde_path = dir.path().join("project.qde");
    std::fs::write(&qde_path, &qde).unwrap();
    assert_valid("Project.xsd", &qde_path);
    let doc = roxmltree::Document::parse(&qde).unwrap();
    let sources: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("TextSource"))
        .collect();
    assert_eq!(sources.len(), 11, "one per bundled case");
    for src in &sources {
        let path = src.attribute("plainTextPath").unwrap();
        let name = format!("sources/{}", path.strip_prefix("internal://").unwrap());
        let mut text = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        for sel in src
            .children()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
        {
            let start: usize = sel.attribute("startPosition").unwrap().parse().unwrap();
            let end: usize = sel.attribute("endPosition").unwrap().parse().unwrap();
            let cut: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(cut, "Company A");
        }
    }
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
            .count(),
        1
    );
    assert!(qde.contains("<User guid=") && qde.contains("name=\"Ana\""));
}

#[test]
fn import_qdc_adds_codes_round_trip_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write_notes(dir.path());
    let qdc = dir.path().join("codes.qdc");
    assert!(
        caselens(&["export", "qdc", "-o", s(&qdc), "--notes", s(&notes)])
            .status
            .success()
    );
    let fresh = dir.path().join("fresh.notes.json");
    let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&fresh)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("2 code(s) added, 0 updated"));
    let got: serde_json::Value = serde_json::from_slice(&std::fs::read(&fresh).unwrap()).unwrap();
    let codes: Vec<(String, String, Option<String>)> = got["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["color"].as_str().unwrap().to_owned(),
                c["parent"].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("Trust".to_owned(), "#10b981".to_owned(), None),
            (
                "Early trust".to_owned(),
                "#aabbcc".to_owned(),
                Some("USER.trust".to_owned())
            ),
        ]
    );
    let v = caselens(&["validate", s(&fresh)]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // A file that is not a codebook: a message, exit 1, the notes file untouched.
    let before = std::fs::read(&fresh).unwrap();
    let bad = dir.path().join("bad.qdc");
    std::fs::write(&bad, "<html><body>no</body></html>").unwrap();
    let o = caselens(&["import", "qdc", s(&bad), "--notes", s(&fresh)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a REFI-QDA codebook"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&fresh).unwrap(), before);
    let o = caselens(&[
        "import",
        "qdc",
        s(&dir.path().join("none.qdc")),
        "--notes",
        s(&fresh),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&fresh).unwrap(), before);
}

#[test]
fn import_of_a_hand_written_codebook_with_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("n.notes.json");
    let fixture = project("tests/fixtures/refi/handwritten.qdc");
    let o = caselens(&["import", "qdc", s(&fixture), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&notes).unwrap();
    assert!(text.contains("\"label\": \"Exit clauses\""), "{text}");
    assert!(text.contains("\"parent\": \"USER.governance.contracts\""));
}

#[test]
fn import_qdpx_brings_codings_back_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = write_notes(dir.path());
    let qdpx = dir.path().join("p.qdpx");
    let o = caselens(&["export", "qdpx", "-o", s(&qdpx), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fresh = dir.path().join("fresh.notes.json");
    let o = caselens(&["import", "qdpx", s(&qdpx), "--notes", s(&fresh)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "2 code(s) added, 1 highlight(s) added, 1 memo(s) and note(s) added, 0 already there\n"
    );
    let got: serde_json::Value = serde_json::from_slice(&std::fs::read(&fresh).unwrap()).unwrap();
    let item = &got["items"][0];
    assert_eq!(item["case"], "company-a");
    assert_eq!(item["target"]["exact"], "Company A");
    assert_eq!(item["target"]["start"], 0);
    // Ids come from labels: the code is "Early trust" under "Trust".
    assert_eq!(item["codes"], serde_json::json!(["USER.trust.early-trust"]));
    assert_eq!(item["text"], "Who?");
    let o = caselens(&["import", "qdpx", s(&qdpx), "--notes", s(&fresh)]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "0 code(s) added, 0 highlight(s) added, 0 memo(s) and note(s) added, 2 already there\n"
    );
    // A codebook is not a project: exit 1, nothing written.
    let before = std::fs::read(&fresh).unwrap();
    let o = caselens(&["import", "qdpx", s(&notes), "--notes", s(&fresh)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a REFI-QDA project"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&fresh).unwrap(), before);
}
