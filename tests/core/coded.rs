//! `caselens coded` through the real binary: the bundled corpus and a small notes file.

use crate::util::{caselens, text};

/// A notes file with one live and one deleted highlight on Corio.
fn notes(dir: &std::path::Path) -> String {
    let item = |id: &str, exact: &str, deleted: bool| {
        serde_json::json!({
            "id": id, "kind": "highlight", "case": "corio",
            "target": {"paragraph": "background/p2", "exact": exact},
            "codes": ["USER.rent"], "text": if deleted { "gone" } else { "note, \"live\"" },
            "created": "2026-11-20T10:00:00Z", "modified": "2026-11-20T10:00:00Z",
            "deleted": deleted,
        })
    };
    let doc = serde_json::json!({
        "format": "caselens/notes@1",
        "author": "Ada",
        "codes": [{"id": "USER.rent", "label": "Renting", "parent": null}],
        "items": [item("11111111-1111-4111-8111-111111111111", "rented data-centre space", false), item("22222222-2222-4222-8222-222222222222", "went public", true)],
    });
    let path = dir.join("my.notes.json");
    std::fs::write(&path, serde_json::to_string(&doc).expect("json")).expect("test setup");
    path.display().to_string()
}

#[test]
fn a_parent_code_lists_corio_facet_and_alliances_as_markdown() {
    let o = caselens(&["coded", "RAT.practice"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(
        md.starts_with("# Coded passages: Practitioner rationale"),
        "{md}"
    );
    assert!(md.contains("\n## Corio"), "{md}");
    assert!(
        md.contains("**Facet: Partnering rationale** ¶ alliances/p1"),
        "{md}"
    );
    assert!(md.contains("**Alliance with PeopleSoft"), "{md}");
}

#[test]
fn and_by_default_any_for_or_and_highlights_from_notes_as_csv() {
    let dir = tempfile::tempdir().expect("test setup");
    let notes = notes(dir.path());
    let and = caselens(&[
        "coded",
        "USER.rent",
        "TYPE",
        "--notes",
        &notes,
        "--format",
        "csv",
    ]);
    assert_eq!(and.status.code(), Some(1), "nothing carries both");
    assert!(
        text(&and.stderr).contains("no passage is coded"),
        "{}",
        text(&and.stderr)
    );
    let or = caselens(&[
        "coded",
        "USER.rent",
        "TYPE.hosting",
        "--notes",
        &notes,
        "--any",
        "--format",
        "csv",
    ]);
    assert_eq!(or.status.code(), Some(0), "{}", text(&or.stderr));
    let csv = text(&or.stdout);
    assert!(csv.starts_with(
        "case,title,kind,heading,paragraph,quote,citation,codes,comment,author,created\r\n"
    ));
    assert!(
        csv.contains(",highlight,Your highlight,background/p2,rented data-centre space,,USER.rent,\"note, \"\"live\"\"\",Ada,2026-11-20T10:00:00Z\r\n"),
        "{csv}"
    );
    assert!(!csv.contains("gone"), "deleted highlights are left out");
    assert!(csv.contains(",alliance,"), "{csv}");
}

#[test]
fn json_lists_every_passage_with_its_codes() {
    let o = caselens(&["coded", "TYPE.hosting", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rows = v.as_array().expect("array");
    assert!(
        rows.iter()
            .any(|r| r["case"] == "agilera" && r["kind"] == "facet")
    );
    assert!(rows.iter().all(|r| {
        r["codes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "TYPE.hosting")
    }));
}

#[test]
fn an_unknown_code_names_close_labels() {
    let o = caselens(&["coded", "speed-cost"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("unknown code \"speed-cost\""), "{err}");
    assert!(
        err.contains("Faster and cheaper than building (RAT.practice.speed-and-cost)"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}
