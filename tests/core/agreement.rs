//! `caselens agreement` through the real binary: two small notes files on the bundled
//! company-a case (11 paragraphs, 2,345 characters), figures worked out by hand.

use std::path::Path;

use crate::util::{caselens, text};
use serde_json::{Value, json};

pub(crate) const MA: &str = "RAT.practice.market-access";
pub(crate) const MK: &str = "TYPE.marketing";

/// The text of a company-a paragraph, from the bundled case file.
fn paragraph(address: &str) -> Vec<char> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/company-a.case.json");
    let case: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("case")).expect("json");
    let (section, para) = address.split_once('/').expect("address");
    let sections = case["sections"].as_array().expect("sections");
    let s = sections
        .iter()
        .find(|s| s["id"] == section)
        .expect("section");
    let paras = s["paragraphs"].as_array().expect("paragraphs");
    let p = paras.iter().find(|p| p["id"] == para).expect("paragraph");
    p["text"].as_str().expect("text").chars().collect()
}

/// A highlight on company-a over chars start..end of `address`, anchored as the app does.
pub(crate) fn highlight(n: usize, address: &str, start: usize, end: usize, code: &str) -> Value {
    let t = paragraph(address);
    let s = |a: usize, b: usize| t[a..b.min(t.len())].iter().collect::<String>();
    json!({
        "id": format!("{n:08}-1111-4111-8111-111111111111"), "kind": "highlight",
        "case": "company-a",
        "target": {
            "paragraph": address, "exact": s(start, end), "prefix": s(start.saturating_sub(32), start),
            "suffix": s(end, end + 32), "start": start, "end": end,
        },
        "codes": [code],
        "created": "2026-11-26T10:00:00Z", "modified": "2026-11-26T10:00:00Z",
    })
}

pub(crate) fn write(dir: &Path, name: &str, author: &str, items: &[Value]) -> String {
    let doc = json!({"format": "caselens/notes@1", "author": author, "items": items});
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("json")).expect("setup");
    path.display().to_string()
}

/// Ana and Ben: both code background/p1 with MA (chars 0..10 and 5..15); Ana codes
/// alliances/p1 with MK, Ben business-model/p1.
pub(crate) fn two_coders(dir: &Path) -> (String, String) {
    let ana = write(
        dir,
        "ana.notes.json",
        "Ana",
        &[
            highlight(1, "background/p1", 0, 10, MA),
            highlight(2, "alliances/p1", 0, 20, MK),
        ],
    );
    let ben = write(
        dir,
        "ben.notes.json",
        "Ben",
        &[
            highlight(3, "background/p1", 5, 15, MA),
            highlight(4, "business-model/p1", 0, 10, MK),
        ],
    );
    (ana, ben)
}

/// Paragraph units. MA: all 11 paragraphs agree. MK: 9 agree, 2 split: `p_o` = 9/11,
/// `p_e` = (10/11)² + (1/11)² = 101/121, kappa = (99 − 101)/(121 − 101) = −0.1 (Fleiss the
/// same, as both coders have the same marginals); coincidences o00 = 18, o01 = o10 = 2,
/// n = 22: alpha = 1 − 21·4/(2·20·2) = −0.05. Overall (22 units, o00 = 38, o01 = o10 = 2,
/// o11 = 2): kappa = (20/22 − 404/484)/(1 − 404/484) = 0.45, alpha = 1 − 43·4/(2·40·4) =
/// 0.4625.
#[test]
fn two_coders_per_paragraph_as_markdown() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let o = caselens(&["agreement", &ana, &ben]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.starts_with("# Inter-coder agreement"), "{md}");
    assert!(md.contains("2 coders: Ana, Ben"), "{md}");
    assert!(
        md.contains(&format!(
            "| {MA} | Practitioner rationale › Market access | 2 | 11 | 11 | 100.0% | 1.000 | 1.000 | 1.000 |"
        )),
        "{md}"
    );
    assert!(
        md.contains("| 2 | 11 | 11 | 81.8% | -0.100 | -0.100 | -0.050 |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| **Overall** | all codes pooled | 2 | 22 | 22 | 90.9% | 0.450 | 0.450 | 0.463 |"
        ),
        "{md}"
    );
}

/// Character units of the RAT codes: 5 chars both, 5 Ana only, 5 Ben only, 2,330 neither
/// (n = 2,345): `p_o` = 2335/2345 = 99.57%, `p_e` = (10·10 + 2335²)/2345², kappa = 0.4979;
/// alpha: o01 = o10 = 10, n0 = 4,670, n1 = 20, n = 4,690: 1 − 4689·20/(2·4670·20) = 0.4980.
#[test]
fn character_units_of_one_family_as_csv() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let o = caselens(&[
        "agreement",
        &ana,
        &ben,
        "--unit",
        "char",
        "--codes",
        "RAT",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let csv = text(&o.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "code,label,coders,units,units_all_coders,percent_agreement,cohen_kappa,fleiss_kappa,krippendorff_alpha,one_category,alpha_low,alpha_high,p_alpha_below_minimum"
    );
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].starts_with(MA)
            && lines[1].contains(",2,2345,2345,99.57,0.4979,0.4979,0.4980,false,"),
        "{csv}"
    );
    assert!(lines[2].starts_with("overall,"), "{csv}");
}

/// A folder of three files (Ana twice) and a broken one: the broken one is named with its
/// line and column, the others load, Ana's two files are told apart, Cohen is n/a; exit 1.
#[test]
fn a_folder_with_a_broken_file_and_a_shared_author_as_json() {
    let dir = tempfile::tempdir().expect("setup");
    two_coders(dir.path());
    write(
        dir.path(),
        "ana2.notes.json",
        "Ana",
        &[highlight(5, "background/p1", 0, 10, MA)],
    );
    std::fs::write(dir.path().join("broken.notes.json"), "{\n  \"format\": \n").expect("setup");
    let folder = dir.path().display().to_string();
    let o = caselens(&["agreement", &folder, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("broken.notes.json:3:"), "{err}");
    assert!(err.contains("same author \"Ana\""), "{err}");
    let report: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        report["coders"],
        json!(["Ana (ana.notes.json)", "Ana (ana2.notes.json)", "Ben"])
    );
    assert_eq!(report["unit"], "paragraph");
    let ma = &report["codes"][0];
    assert_eq!(ma["code"], MA);
    assert_eq!(ma["stats"]["coders"], 3);
    assert_eq!(ma["stats"]["cohen"], Value::Null);
    assert_eq!(ma["stats"]["alpha"], 1.0);
}

#[test]
fn one_coder_is_not_enough_and_items_on_unknown_cases_are_reported() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, _) = two_coders(dir.path());
    let mut item = highlight(9, "background/p1", 0, 10, MA);
    item["case"] = json!("no-such-case");
    let other = write(dir.path(), "cem.notes.json", "Cem", &[item]);
    let o = caselens(&["agreement", &ana]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("needs two or more coders"));
    let o = caselens(&["agreement", &ana, &other]);
    let err = text(&o.stderr);
    assert!(
        err.contains("1 item(s) on cases not loaded: no-such-case"),
        "{err}"
    );
}

#[test]
fn the_most_split_passages_name_who_applied_the_code() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let o = caselens(&["agreement", &ana, &ben, "--disagreements", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    let split = md.split("\n## Most split passages\n\n").nth(1).expect(&md);
    let lines: Vec<&str> = split.lines().collect();
    assert_eq!(
        lines,
        [
            "- **company-a** ¶ business-model/p1 (2 coders, split 1.00)",
            &format!("  - {MK}: applied by Ben; not by Ana"),
            "- **company-a** ¶ alliances/p1 (2 coders, split 1.00)",
            &format!("  - {MK}: applied by Ana; not by Ben"),
        ]
    );
    let o = caselens(&[
        "agreement",
        &ana,
        &ben,
        "--disagreements",
        "1",
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&o.stdout).expect("json");
    let d = report["disagreements"].as_array().expect("list");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["paragraph"], "business-model/p1");
    assert_eq!(d[0]["range"], json!([0, 10]));
}
