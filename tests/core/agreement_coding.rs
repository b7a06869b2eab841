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
/// MA–TC 10 each way; n 50, n_MA 40, n_TC 10: cu-alpha = 1 − 49 · 20 / (2 · 40 · 10) =
/// −0.225. Cu-alpha over the domains at RAT's level (RAT alone): one value only.
/// Domain RAT.practice: cu-alpha sees MA only (one value); Cu-alpha has the domains
/// RAT.practice and RAT.theory as values, the same split: −0.225.
#[test]
fn character_units_with_a_domain_add_cu_alpha_and_cu_alpha_over_domains() {
    let dir = tempfile::tempdir().expect("setup");
    let (ana, ben) = coders(dir.path());
    let rat = json_of(
        &[&ana, &ben],
        &["--unit", "char", "--codes", "RAT", "--domain", "RAT"],
    );
    let c = &rat["coding"];
    near(&c["cu"]["alpha"], -0.225);
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
    near(&c["Cu"]["alpha"], -0.225);

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
        md.contains("cu-alpha: -0.225 over 25 character(s) two or more coders gave a code of RAT."),
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
