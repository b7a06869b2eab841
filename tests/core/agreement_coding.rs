//! `caselens agreement` issue 24, the last gaps: cu-alpha and Cu-alpha with character units
//! and a semantic domain, and `--rollup` to chosen parents, through the real binary on the
//! bundled company-a case, figures worked out by hand.

use crate::agreement::{MA, highlight, write};
use crate::util::{caselens, text};
use serde_json::Value;

const TC: &str = "RAT.theory.transaction-costs";

/// Ana's and Ben's files plus `extra` options, as JSON.
fn json_of(files: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["agreement"];
    args.extend(files);
    args.extend(extra);
    args.extend(["--format", "json", "--bootstrap", "0"]);
    let o = caselens(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// On background/p1, Ana gives chars 0..20 market access and 20..30 transaction costs; Ben
/// gives 5..30 market access.
fn coders(dir: &std::path::Path) -> (String, String) {
    let ana = write(
        dir,
        "ana.notes.json",
        "Ana",
        &[
            highlight(1, "background/p1", 0, 20, MA),
            highlight(2, "background/p1", 20, 30, TC),
        ],
    );
    let ben = write(
        dir,
        "ben.notes.json",
        "Ben",
        &[highlight(3, "background/p1", 5, 30, MA)],
    );
    (ana, ben)
}

fn near(v: &Value, want: f64) {
    let got = v.as_f64().expect("a figure");
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
}

/// Domain RAT (values: its codes): both coders valued chars 5..20 alike (MA, MA) and 20..30
/// apart (TC, MA); 0..5 only Ana valued, so it pairs with nothing. Coincidences MA–MA 30,
/// MA–TC 10 each way; n 50, `n_MA` 40, `n_TC` 10. Segments with their paired lengths: Ana's MA
/// 0..20 (15), TC 20..30 (10), Ben's MA 5..30 (25): Σ l² = 225 + 100 + 625 = 950, so
/// cu-alpha = 1 − (50 − 950 / 50) · 20 / (2 · 40 · 10) = 1 − 31 · 20 / 800 = 0.225.
/// Cu-alpha over the domains at RAT's level (RAT alone): one value only.
/// Domain RAT.practice: cu-alpha sees MA only (one value); Cu-alpha has the domains
/// RAT.practice and RAT.theory as values, the same split: 0.225.
#[test]
fn character_units_with_a_domain_add_cu_alpha_and_cu_alpha_over_domains() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = coders(dir.path());
    let rat = json_of(
        &[&ana, &ben],
        &["--unit", "char", "--codes", "RAT", "--domain", "RAT"],
    );
    let c = &rat["coding"];
    near(&c["cu"]["alpha"], 0.225);
    near(&c["cu"]["units"], 25.0);
    assert_eq!(c["domains"], serde_json::json!(["RAT"]));
    assert_eq!(c["Cu"]["alpha"], Value::Null);
    assert_eq!(c["Cu"]["one_category"], true);

    let practice = json_of(
        &[&ana, &ben],
        &[
            "--unit",
            "char",
            "--codes",
            "RAT",
            "--domain",
            "RAT.practice",
        ],
    );
    let c = &practice["coding"];
    assert_eq!(c["cu"]["alpha"], Value::Null);
    assert_eq!(c["cu"]["one_category"], true);
    near(&c["cu"]["units"], 15.0);
    assert_eq!(
        c["domains"],
        serde_json::json!(["RAT.practice", "RAT.theory"])
    );
    near(&c["Cu"]["alpha"], 0.225);

    let o = caselens(&[
        "agreement",
        &ana,
        &ben,
        "--unit",
        "char",
        "--codes",
        "RAT",
        "--domain",
        "RAT",
        "--bootstrap",
        "0",
    ]);
    let md = text(&o.stdout);
    assert!(
        md.contains("cu-alpha: 0.225 over 25 character(s) two or more coders gave a code of RAT."),
        "{md}"
    );
    assert!(
        md.contains("Cu-alpha: 100 %, one value only over 25"),
        "{md}"
    );
    assert!(
        md.contains("Cu-alpha is the same with the semantic domains"),
        "{md}"
    );
    let csv = text(
        &caselens(&[
            "agreement",
            &ana,
            &ben,
            "--unit",
            "char",
            "--domain",
            "RAT",
            "--format",
            "csv",
            "--bootstrap",
            "0",
        ])
        .stdout,
    );
    assert!(csv.contains("\ncu-alpha:RAT,"), "{csv}");
    assert!(csv.contains("\nCu-alpha,RAT,"), "{csv}");

    let paragraphs = json_of(&[&ana, &ben], &["--domain", "RAT"]);
    assert_eq!(paragraphs["coding"], Value::Null, "character units only");
    let no_domain = json_of(&[&ana, &ben], &["--unit", "char"]);
    assert_eq!(no_domain["coding"], Value::Null, "a semantic domain only");
}

/// `--rollup` to chosen parents: Ana's market access and transaction costs, Ben's
/// RAT.practice and RAT.theory on the same characters agree once each chosen parent counts the
/// codes under it; flat, the four codes disagree.
#[test]
fn rollup_to_chosen_parents_counts_their_descendants() {
    let dir = tempfile::tempdir().expect("setup");
    let ana = write(
        dir.path(),
        "ana.notes.json",
        "Ana",
        &[
            highlight(1, "background/p1", 0, 10, MA),
            highlight(2, "background/p1", 20, 30, TC),
        ],
    );
    let ben = write(
        dir.path(),
        "ben.notes.json",
        "Ben",
        &[
            highlight(3, "background/p1", 0, 10, "RAT.practice"),
            highlight(4, "background/p1", 20, 30, "RAT.theory"),
        ],
    );
    let flat = json_of(&[&ana, &ben], &["--unit", "char"]);
    assert_eq!(flat["codes"].as_array().expect("codes").len(), 4);
    assert!(flat["overall"]["alpha"].as_f64().expect("alpha") < 0.0);
    let both = json_of(
        &[&ana, &ben],
        &["--unit", "char", "--rollup", "RAT.practice, RAT.theory"],
    );
    let codes: Vec<&str> = both["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c["code"].as_str().expect("id"))
        .collect();
    assert_eq!(codes, ["RAT.practice", "RAT.theory"]);
    near(&both["overall"]["alpha"], 1.0);
    assert_eq!(
        both["rollup"],
        serde_json::json!(["RAT.practice", "RAT.theory"])
    );
    assert!(
        both["codes_compared"]
            .as_str()
            .expect("statement")
            .contains("rolled up to RAT.practice, RAT.theory (each counts the codes under it)"),
        "{}",
        both["codes_compared"]
    );
    // One parent chosen: the other codes stay as they are.
    let one = json_of(
        &[&ana, &ben],
        &["--unit", "char", "--rollup", "RAT.practice"],
    );
    assert_eq!(one["codes"].as_array().expect("codes").len(), 3);
    let level = json_of(&[&ana, &ben], &["--rollup", "2"]);
    assert_eq!(level["rollup"], 2, "a level is still a number");
    let o = caselens(&["agreement", &ana, &ben, "--rollup", " , "]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "no parent given is refused by the parser"
    );
    assert!(
        text(&o.stderr).contains("give a level"),
        "{}",
        text(&o.stderr)
    );
}
