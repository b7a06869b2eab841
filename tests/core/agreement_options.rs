//! `caselens agreement` options of issue 24 through the real binary: who rated what (`coded`
//! marks), the stated codebook, `--rollup`, `--domain`, `--bootstrap`/`--minimum`, orphans,
//! and the reliability data matrix (`--format matrix`), whose rows recompute the figures.

use std::path::Path;

use crate::agreement::{MA, MK, highlight, two_coders, write};
use crate::util::{caselens, text};
use serde_json::{Value, json};

/// Ana's and Ben's files plus `extra` options, as JSON.
fn json_of(files: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["agreement"];
    args.extend(files);
    args.extend(extra);
    args.extend(["--format", "json"]);
    let o = caselens(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// A highlight on `case` over the first `len` chars of `address`.
fn highlight_on(n: usize, case: &str, address: &str, len: usize, code: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("cases/{case}.case.json"));
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("case")).expect("json");
    let (section, para) = address.split_once('/').expect("address");
    let s = doc["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["id"] == section)
        .expect("section");
    let p = s["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .find(|p| p["id"] == para)
        .expect("paragraph");
    let t: Vec<char> = p["text"].as_str().expect("text").chars().collect();
    let exact: String = t[..len].iter().collect();
    let suffix: String = t[len..(len + 32).min(t.len())].iter().collect();
    json!({
        "id": format!("{n:08}-2222-4222-8222-222222222222"), "kind": "highlight", "case": case,
        "target": {"paragraph": address, "exact": exact, "prefix": "", "suffix": suffix, "start": 0, "end": len},
        "codes": [code],
        "created": "2026-11-26T10:00:00Z", "modified": "2026-11-26T10:00:00Z",
    })
}

#[test]
fn a_case_marked_as_coded_makes_a_rater_of_a_coder_who_found_nothing() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let cem = dir.path().join("cem.notes.json");
    std::fs::write(
        &cem,
        r#"{"format": "caselens/notes@1", "author": "Cem", "coded": ["company-a"], "items": []}"#,
    )
    .expect("setup");
    let cem = cem.display().to_string();
    let r = json_of(&[&ana, &ben, &cem], &[]);
    assert_eq!(r["coders"], json!(["Ana", "Ben", "Cem"]));
    // Cem rated all 11 paragraphs of company-a absent: every unit is complete, so Fleiss is
    // defined (without the mark Cem would be missing everywhere and Fleiss n/a).
    assert_eq!(r["overall"]["complete_units"], 22.0);
    assert!(r["overall"]["fleiss"].is_f64(), "{}", r["overall"]);
    let raters = r["raters"].as_str().expect("raters");
    assert!(
        raters.contains("1 of 3 coders mark the cases they coded"),
        "{raters}"
    );
}

#[test]
fn codes_only_a_lone_rater_used_are_left_out_and_named() {
    let dir = tempfile::tempdir().expect("setup");
    let ana = write(
        dir.path(),
        "ana.notes.json",
        "Ana",
        &[
            highlight(1, "background/p1", 0, 10, MA),
            highlight_on(2, "company-b", "background/p1", 12, "TYPE.hosting"),
        ],
    );
    let ben = write(
        dir.path(),
        "ben.notes.json",
        "Ben",
        &[highlight(3, "background/p1", 0, 10, MA)],
    );
    let r = json_of(&[&ana, &ben], &[]);
    assert_eq!(r["left_out"], json!(["TYPE.hosting"]));
    assert_eq!(r["codes"].as_array().expect("codes").len(), 1);
    assert_eq!(r["shared_cases"], 1);
    assert_eq!(r["cases"], 2);
    let o = caselens(&["agreement", &ana, &ben]);
    let md = text(&o.stdout);
    assert!(
        md.contains("Left out, used only on cases a single coder rated: TYPE.hosting."),
        "{md}"
    );
    assert!(
        md.contains("with two coders Fleiss' kappa is Scott's pi"),
        "{md}"
    );
}

#[test]
fn rollup_counts_a_child_as_its_parent() {
    let dir = tempfile::tempdir().expect("setup");
    let ana = write(
        dir.path(),
        "ana.notes.json",
        "Ana",
        &[highlight(1, "background/p1", 0, 10, MA)],
    );
    let ben = write(
        dir.path(),
        "ben.notes.json",
        "Ben",
        &[highlight(2, "background/p1", 0, 10, "RAT.practice")],
    );
    let flat = json_of(&[&ana, &ben], &["--bootstrap", "0"]);
    assert_eq!(flat["codes"].as_array().expect("codes").len(), 2);
    let rolled = json_of(&[&ana, &ben], &["--rollup", "2", "--bootstrap", "0"]);
    let codes = rolled["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0]["code"], "RAT.practice");
    assert_eq!(codes[0]["stats"]["alpha"], 1.0);
    assert_eq!(rolled["rollup"], 2);
    let o = caselens(&["agreement", &ana, &ben, "--rollup", "0"]);
    assert_eq!(o.status.code(), Some(2), "level 0 is refused by the parser");
}

#[test]
fn a_domain_of_one_code_gives_the_binary_figures() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let r = json_of(&[&ana, &ben], &["--domain", "RAT", "--bootstrap", "0"]);
    let d = &r["domain"];
    assert_eq!(d["family"], "RAT");
    assert_eq!(d["values"], json!(["none", MA]));
    assert_eq!(d["stats"]["alpha"], r["codes"][0]["stats"]["alpha"]);
    assert_eq!(d["stats"]["fleiss"], r["codes"][0]["stats"]["fleiss"]);
    // --domain implies --codes: TYPE.marketing is not compared.
    assert!(
        r["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .all(|c| c["code"] != MK)
    );
    let o = caselens(&[
        "agreement",
        &ana,
        &ben,
        "--domain",
        "RAT",
        "--format",
        "csv",
    ]);
    let csv = text(&o.stdout);
    assert!(
        csv.lines()
            .any(|l| l
                .starts_with("domain:RAT,none | RAT.practice.market-access,2,11,11,100.00,1.0000")),
        "{csv}"
    );
}

#[test]
fn the_bootstrap_is_seeded_and_reports_the_chance_alpha_is_below_the_minimum() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let args = ["--bootstrap", "300", "--minimum", "0.8"];
    let a = json_of(&[&ana, &ben], &args);
    let b = json_of(&[&ana, &ben], &args);
    assert_eq!(a, b, "the same data give the same interval");
    let c = &a["overall"]["confidence"];
    assert_eq!(c["draws"], 300);
    assert_eq!(c["minimum"], 0.8);
    let (low, high) = (
        c["low"].as_f64().expect("low"),
        c["high"].as_f64().expect("high"),
    );
    let alpha = a["overall"]["alpha"].as_f64().expect("alpha");
    assert!(low <= alpha && alpha <= high, "{low} {alpha} {high}");
    let below = c["below"].as_f64().expect("below");
    assert!(
        below > 0.5,
        "alpha 0.46 is below 0.8 in most draws: {below}"
    );
    let none = json_of(&[&ana, &ben], &["--bootstrap", "0"]);
    assert_eq!(none["overall"]["confidence"], Value::Null);
    let o = caselens(&["agreement", &ana, &ben]);
    assert!(
        text(&o.stdout).contains("P(α < 0.667) = "),
        "the default minimum"
    );
}

#[test]
fn an_orphaned_highlight_is_listed_and_counts_nowhere() {
    let dir = tempfile::tempdir().expect("setup");
    let mut gone = highlight(7, "background/p1", 0, 10, MA);
    gone["target"]["exact"] = json!("a quote that is not in the case");
    gone["target"]["prefix"] = json!("");
    gone["target"]["suffix"] = json!("");
    let ana = write(
        dir.path(),
        "ana.notes.json",
        "Ana",
        &[highlight(1, "background/p1", 0, 10, MA)],
    );
    let ben = write(
        dir.path(),
        "ben.notes.json",
        "Ben",
        &[gone, highlight(2, "alliances/p1", 0, 5, MK)],
    );
    for unit in ["paragraph", "char"] {
        let r = json_of(&[&ana, &ben], &["--unit", unit, "--bootstrap", "0"]);
        let orphans = r["orphans"].as_array().expect("orphans");
        assert_eq!(orphans.len(), 1, "{unit}");
        assert_eq!(orphans[0]["coder"], "Ben");
        let ma = r["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .find(|c| c["code"] == MA)
            .expect("MA");
        // Ana alone has MA now; at its stored offsets the orphan would have agreed with her.
        assert!(
            ma["stats"]["alpha"].as_f64().is_none_or(|a| a < 0.5),
            "{unit}: {ma}"
        );
    }
}

/// The matrix of the two coders: one row per paragraph and code, 1/0 per coder; pooling every
/// row into Krippendorff's coincidences gives the overall alpha the table reports (0.4625).
#[test]
fn the_reliability_data_matrix_recomputes_the_overall_alpha() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let o = caselens(&["agreement", &ana, &ben, "--format", "matrix"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let csv = text(&o.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "case,paragraph,from,to,weight,variable,Ana,Ben");
    assert_eq!(lines.len(), 1 + 11 * 2, "{csv}");
    assert!(
        lines.contains(&format!("company-a,background/p1,,,1,{MA},1,1").as_str()),
        "{csv}"
    );
    assert!(
        lines.contains(&format!("company-a,alliances/p1,,,1,{MK},1,0").as_str()),
        "{csv}"
    );
    // Nominal alpha from the rows, two coders, no missing value: o_cd over pairs.
    let (mut same, mut differ, mut ones) = (0.0, 0.0, 0.0);
    for l in &lines[1..] {
        let f: Vec<&str> = l.split(',').collect();
        let (a, b) = (f[6], f[7]);
        if a == b {
            same += 2.0;
        } else {
            differ += 2.0;
        }
        ones += f64::from(u8::from(a == "1") + u8::from(b == "1"));
    }
    let n = same + differ;
    let zeros = n - ones;
    let alpha = 1.0 - (n - 1.0) * differ / (2.0 * ones * zeros);
    assert!((alpha - 0.4625).abs() < 1e-12, "{alpha}");
    let chars = caselens(&[
        "agreement",
        &ana,
        &ben,
        "--unit",
        "char",
        "--codes",
        "RAT",
        "--format",
        "matrix",
    ]);
    let rows = text(&chars.stdout);
    // background/p1: 0..5 Ana only, 5..10 both, 10..15 Ben only, then neither.
    assert!(
        rows.contains(&format!("company-a,background/p1,5,10,5,{MA},1,1")),
        "{rows}"
    );
    assert!(
        rows.contains(&format!("company-a,background/p1,0,5,5,{MA},1,0")),
        "{rows}"
    );
}

/// Character units add Krippendorff's u-alpha over the cases every coder rated: company-a
/// (2,345 characters) with Ana's unit 0..10 and Ben's 5..15 of Market access.
#[test]
fn character_units_add_the_unitizing_alpha() {
    use caselens::agreement::unitizing::{Span, unitizing_alpha};
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let r = json_of(
        &[&ana, &ben],
        &["--unit", "char", "--codes", "RAT", "--bootstrap", "0"],
    );
    let u = &r["unitizing"];
    assert_eq!(u["cases"], 1);
    assert_eq!(u["chars"], 2345);
    let want = unitizing_alpha(
        2,
        1,
        2345,
        &[
            Span {
                coder: 0,
                category: 0,
                start: 0,
                len: 10,
            },
            Span {
                coder: 1,
                category: 0,
                start: 5,
                len: 10,
            },
        ],
    );
    assert_eq!(u["alpha"].as_f64(), want.alpha);
    assert!(want.alpha.is_some_and(|a| a < 1.0));
    let o = caselens(&["agreement", &ana, &ben, "--unit", "char"]);
    let md = text(&o.stdout);
    assert!(md.contains("Unitizing alpha (u-alpha): "), "{md}");
    let paragraphs = json_of(&[&ana, &ben], &["--bootstrap", "0"]);
    assert_eq!(paragraphs["unitizing"], Value::Null);
}

#[test]
fn codes_chosen_by_a_comma_separated_list_are_named() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = two_coders(dir.path());
    let r = json_of(
        &[&ana, &ben],
        &["--codes", &format!("{MK},NONE.such"), "--bootstrap", "0"],
    );
    let codes = r["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0]["code"], MK);
    let stated = r["codes_compared"].as_str().expect("statement");
    assert!(
        stated.contains(&format!("the codes chosen ({MK}, NONE.such")),
        "{stated}"
    );
}
