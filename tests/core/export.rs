//! `caselens export …` through the real binary: handouts, CSV read back by an RFC 4180
//! reader, exit codes, and snapshots of a fixture comparison.
//!
//! Snapshots: `tests/fixtures/export/company-a-vs-company-b.diff.{md,html}` hold the Markdown
//! and HTML of Company A vs Company B, differences only. After an intended change to the
//! handouts, regenerate them with `UPDATE_SNAPSHOTS=1 cargo test --test core export::` and
//! review the diff before committing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use caselens::notes::anchor::new_anchor;
use serde_json::json;

use crate::util::project;
use crate::util::{caselens, stderr};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A small RFC 4180 reader, written from the RFC (not from the exporter): records end with
/// CRLF (a lone LF is accepted too); a field in double quotes may hold commas, CRLF, LF and
/// doubled quotes; anything else after a closing quote is an error.
fn read_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted_field = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if field.is_empty() && !quoted_field => {
                quoted_field = true;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(other) => field.push(other),
                        None => return Err("unterminated quoted field".into()),
                    }
                }
                match chars.peek() {
                    None | Some(',' | '\r' | '\n') => {}
                    Some(other) => return Err(format!("{other:?} after a closing quote")),
                }
            }
            '"' => return Err(format!("quote inside an unquoted field {field:?}")),
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted_field = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.next() != Some('\n') {
                    return Err("CR without LF".into());
                }
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted_field = false;
            }
            other => field.push(other),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        return Err("last record has no line end".into());
    }
    Ok(records)
}

#[test]
fn the_test_reader_follows_rfc_4180() {
    let r = read_csv("a,\"b,\"\"c\"\"\r\nd\"\r\n,\r\n").unwrap();
    assert_eq!(r, vec![vec!["a", "b,\"c\"\r\nd"], vec!["", ""]]);
    assert!(read_csv("a\"b\r\n").is_err());
    assert!(read_csv("\"a\"b\r\n").is_err());
    assert!(read_csv("a").is_err());
}

#[test]
fn every_field_made_of_awkward_pieces_reads_back_unchanged() {
    // Exhaustive and deterministic: each field is up to two pieces, records of one and two
    // fields, through the exporters' own record writer.
    let pieces = [
        "", ",", "\"", "\r", "\n", "\r\n", "a", " ", "é", "e\u{301}", "🙂", ";",
    ];
    let mut fields: Vec<String> = pieces.iter().map(|p| (*p).to_owned()).collect();
    for a in pieces {
        for b in pieces {
            fields.push(format!("{a}{b}"));
        }
    }
    let mut checked = 0;
    for first in &fields {
        let one = caselens::export::data::record(&[first.as_str()]);
        assert_eq!(read_csv(&one), Ok(vec![vec![first.clone()]]), "{one:?}");
        for second in &fields {
            let text = caselens::export::data::record(&[first.as_str(), second.as_str()]);
            let expected = vec![vec![first.clone(), second.clone()]];
            assert_eq!(read_csv(&text), Ok(expected), "{text:?}");
            checked += 1;
        }
    }
    assert!(checked > 20_000);
}

/// Every record has the header's number of fields; returns (header, rows).
fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(!text.starts_with('\u{feff}'), "no BOM");
    assert!(
        !text.replace("\r\n", "").contains('\r') || text.contains('"'),
        "records end with CRLF"
    );
    let mut records = read_csv(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let header = records.remove(0);
    for r in &records {
        assert_eq!(r.len(), header.len(), "{r:?}");
    }
    (header, records)
}

/// Text with every character CSV must quote, an emoji and combining accents.
const TRICKY: &str = "Cafe\u{301}, \"naïve\" 🙂\nsecond line with e\u{301}te\u{301}";

/// A folder with one case (on the bundled framework) whose paragraph is [`TRICKY`], and a notes
/// file highlighting its parts with tricky comments and codes.
fn tricky_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("test setup");
    let case = json!({
        "format": "caselens/case@1", "id": "tricky", "title": "Tricky, \"quoted\" & <odd>",
        "framework": "asp-alliances",
        "meta": {"sources": [{"id": "s1", "citation": "Made up for a test"}]},
        "sections": [{"id": "s", "title": "Text", "paragraphs": [{"id": "p1", "text": TRICKY}]}]
    });
    std::fs::write(dir.path().join("tricky.case.json"), case.to_string()).expect("test setup");
    let chars: Vec<char> = TRICKY.chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        let start = chars
            .windows(n.len())
            .position(|w| w == n.as_slice())
            .expect("test setup");
        (start, start + n.len())
    };
    let t = "2026-11-26T10:00:00Z";
    let item = |id: &str, needle: &str, codes: serde_json::Value, comment: &str| {
        let (start, end) = find(needle);
        let a = new_anchor(TRICKY, start, end).expect("test setup");
        json!({"id": id, "kind": "highlight", "case": "tricky",
               "target": {"paragraph": "s/p1", "exact": a.exact, "prefix": a.prefix,
                          "suffix": a.suffix, "start": a.start, "end": a.end},
               "codes": codes, "text": comment, "created": t, "modified": t})
    };
    let notes = json!({
        "format": "caselens/notes@1", "author": "Zoë, \"the\" tester",
        "codes": [{"id": "USER.trust", "label": "Trust, early", "color": "#10b981"}],
        "items": [
            item("5b0c8f8e-0000-4000-8000-000000000002", "\"naïve\" 🙂\nsecond",
                 json!(["USER.trust", "RAT.practice.market-access"]), "Comma, \"quote\"\nand a new line"),
            item("5b0c8f8e-0000-4000-8000-000000000001", "Cafe\u{301}", json!([]), "e\u{301} 🙂"),
        ]
    });
    let path = dir.path().join("t.notes.json");
    std::fs::write(&path, notes.to_string()).expect("test setup");
    (dir, path)
}

#[test]
fn highlights_csv_reads_back_with_commas_quotes_newlines_emoji_and_accents() {
    let (dir, notes) = tricky_corpus();
    let out = dir.path().join("h.csv");
    let lib = dir.path().display().to_string();
    let o = caselens(&[
        "export",
        "highlights",
        "--notes",
        &notes.display().to_string(),
        "--library",
        &lib,
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("h.csv"), "says where it wrote");
    let text = std::fs::read_to_string(&out).unwrap();
    let (header, rows) = table(&text);
    assert_eq!(
        header,
        [
            "case",
            "paragraph",
            "start",
            "end",
            "text",
            "codes",
            "code_labels",
            "comment",
            "author",
            "created",
            "id"
        ]
    );
    assert_eq!(rows.len(), 2);
    // Sorted by position: "Café" (0..5, with its combining accent) comes first.
    assert_eq!(rows[0][..5], ["tricky", "s/p1", "0", "5", "Cafe\u{301}"]);
    assert_eq!(rows[0][7], "e\u{301} 🙂");
    let second = &rows[1];
    let chars: Vec<char> = TRICKY.chars().collect();
    let (start, end): (usize, usize) = (second[2].parse().unwrap(), second[3].parse().unwrap());
    assert_eq!(
        chars[start..end].iter().collect::<String>(),
        second[4],
        "offsets cut out the text"
    );
    assert_eq!(second[4], "\"naïve\" 🙂\nsecond");
    assert_eq!(second[5], "USER.trust;RAT.practice.market-access");
    let labels: Vec<&str> = second[6].split(';').collect();
    assert_eq!(labels[0], "Trust, early");
    assert!(labels[1].ends_with("Market access"), "{labels:?}");
    assert_eq!(second[7], "Comma, \"quote\"\nand a new line");
    assert_eq!(second[8], "Zoë, \"the\" tester");
    assert_eq!(second[9], "2026-11-26T10:00:00Z");
    // Stdout gives the same bytes.
    let o = caselens(&[
        "export",
        "highlights",
        "--notes",
        &notes.display().to_string(),
        "--library",
        &lib,
        "-o",
        "-",
    ]);
    assert_eq!(stdout(&o), text);
}

#[test]
fn matrix_csv_has_a_row_per_case_and_a_column_per_code_with_the_matrix_counts() {
    let o = caselens(&["export", "matrix", "--family", "RAT", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (header, rows) = table(&stdout(&o));
    let lib = crate::util::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let cases: Vec<_> = lib.cases.iter().map(|c| &c.doc).collect();
    let m = caselens::compare::matrix::build(fw, &cases, None, "RAT");
    assert_eq!(header[0], "case");
    assert_eq!(header[1..], m.codes[..]);
    assert_eq!(rows.len(), cases.len());
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(row[0], m.cases[r]);
        for c in 0..m.codes.len() {
            assert_eq!(
                row[c + 1],
                m.count(r, c).to_string(),
                "{} x {}",
                row[0],
                m.codes[c]
            );
        }
    }
    assert!(
        rows.iter().any(|r| r[1..].iter().any(|n| n != "0")),
        "some codings"
    );
    // Named cases only, in the order given; the long form has one record per case and code.
    let o = caselens(&[
        "export",
        "matrix",
        "--family",
        "RAT",
        "--case",
        "corio",
        "--case",
        "company-a",
        "--long",
        "-o",
        "-",
    ]);
    let (header, rows) = table(&stdout(&o));
    assert_eq!(header, ["case", "code", "label", "count"]);
    assert_eq!(rows.len(), 2 * m.codes.len());
    assert_eq!(rows[0][0], "corio");
}

#[test]
fn matrix_of_the_users_own_codes_counts_their_highlights() {
    let (dir, notes) = tricky_corpus();
    let o = caselens(&[
        "export",
        "matrix",
        "--family",
        "USER",
        "--notes",
        &notes.display().to_string(),
        "--library",
        &dir.path().display().to_string(),
        "--case",
        "tricky",
        "-o",
        "-",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (header, rows) = table(&stdout(&o));
    assert_eq!(header, ["case", "USER.trust"]);
    assert_eq!(rows, [["tricky", "1"]]);
}

#[test]
fn comparison_csv_reads_back_one_record_per_row_the_filter_keeps() {
    let all = caselens(&[
        "export",
        "compare",
        "company-a",
        "company-b",
        "--format",
        "csv",
        "-o",
        "-",
    ]);
    let diff = caselens(&[
        "export",
        "compare",
        "company-a",
        "company-b",
        "--format",
        "csv",
        "--diff-only",
        "-o",
        "-",
    ]);
    let (header, all_rows) = table(&stdout(&all));
    let (_, diff_rows) = table(&stdout(&diff));
    assert_eq!(
        header,
        [
            "group",
            "dimension",
            "label",
            "relation",
            "company-a",
            "company-b"
        ]
    );
    let lib = crate::util::bundled();
    let cmp = caselens::compare::compare_ids(&lib, &["company-a".into(), "company-b".into()], None)
        .unwrap();
    assert_eq!(all_rows.len(), cmp.rows().count());
    assert_eq!(
        diff_rows.len(),
        cmp.rows().filter(|r| r.relation.is_difference()).count()
    );
    assert!(
        diff_rows
            .iter()
            .all(|r| r[3] == "different" || r[3] == "partly shared")
    );
}

fn snapshot(name: &str, actual: &str) {
    let path = project("tests/fixtures/export").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("test setup")).expect("test setup");
        std::fs::write(&path, actual).expect("test setup");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the export; if the change is intended, run UPDATE_SNAPSHOTS=1 cargo test --test core export:: and review the diff\n--- actual ---\n{actual}",
        path.display()
    );
}

#[test]
fn snapshot_of_company_a_vs_company_b_differences_only() {
    for format in ["md", "html"] {
        let o = caselens(&[
            "export",
            "compare",
            "company-a",
            "company-b",
            "--diff-only",
            "--format",
            format,
            "-o",
            "-",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        snapshot(
            &format!("company-a-vs-company-b.diff.{format}"),
            &stdout(&o),
        );
    }
}

/// The handout stands alone: no scripts, no external style sheets, fonts or images.
fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    for banned in ["<script", "<link", "<img", "@import", "url(", "src="] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains("@page") && html.contains("@media print"));
    for tag in ["table", "mark", "section", "ol", "ul", "p", "h2"] {
        assert_eq!(
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count(),
            html.matches(&format!("</{tag}>")).count(),
            "<{tag}> balanced"
        );
    }
}

#[test]
fn comparison_html_is_self_contained_with_coloured_codes_and_evidence_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp.html");
    let o = caselens(&[
        "export",
        "compare",
        "company-a",
        "corio",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert_self_contained(&html);
    assert!(html.contains("<h1>Comparison: "));
    assert!(
        html.contains("class=\"code\" style=\"border-left-color: #"),
        "codes in colour"
    );
    // Every footnote reference has its footnote, numbered from 1.
    let refs = html.matches(" id=\"ref").count();
    assert!(refs > 10);
    assert_eq!(html.matches("<li id=\"fn").count(), refs);
    assert!(html.contains(&format!("<li id=\"fn{refs}\">")));
    assert!(
        html.contains("¶ ") && html.contains("Source "),
        "quotes and sources"
    );
    // With a notes file, the user's cell notes are footnotes too.
    let notes = project("cases/examples/lecture.notes.json");
    let with_notes = stdout(&caselens(&[
        "export",
        "compare",
        "company-a",
        "company-b",
        "--format",
        "html",
        "--notes",
        &notes.display().to_string(),
        "-o",
        "-",
    ]));
    assert_self_contained(&with_notes);
    assert_eq!(
        with_notes.matches(": your note: ").count(),
        1,
        "{with_notes}"
    );
    assert!(!html.contains(": your note: "));
}

#[test]
fn case_handouts_show_the_users_highlights_and_notes() {
    let notes = project("cases/examples/lecture.notes.json")
        .display()
        .to_string();
    let o = caselens(&[
        "export",
        "case",
        "company-a",
        "--notes",
        &notes,
        "--format",
        "html",
        "-o",
        "-",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert_self_contained(&html);
    let file: caselens::format::NotesFile = serde_json::from_str(
        &std::fs::read_to_string(project("cases/examples/lecture.notes.json")).unwrap(),
    )
    .unwrap();
    let expected = file
        .items
        .iter()
        .filter(|i| {
            !i.deleted
                && i.case.as_deref() == Some("company-a")
                && i.kind == caselens::format::ItemKind::Highlight
        })
        .count();
    assert!(expected > 0, "the lesson highlights Company A");
    assert_eq!(html.matches("<mark ").count(), expected);
    let md = stdout(&caselens(&[
        "export",
        "case",
        "company-a",
        "--notes",
        &notes,
        "-o",
        "-",
    ]));
    assert!(md.starts_with("# "));
    assert_eq!(md.matches("</mark>[^").count(), expected, "{md}");
    // Without notes: the narrative alone.
    let plain = stdout(&caselens(&[
        "export",
        "case",
        "company-a",
        "--format",
        "md",
        "-o",
        "-",
    ]));
    assert!(!plain.contains("<mark>"));
}

/// (arguments, exit code, part of the message on stderr).
const BAD_INPUTS: [(&[&str], i32, &str); 9] = [
    (
        &["export", "matrix", "--family", "USER", "-o", "-"],
        1,
        "your own codes come with --notes FILE",
    ),
    (
        &["export", "compare", "company-a", "nope", "-o", "-"],
        1,
        "no case with id \"nope\"",
    ),
    (
        &["export", "case", "nope", "-o", "-"],
        1,
        "no case with id \"nope\"",
    ),
    (
        &["export", "matrix", "--family", "NOPE", "-o", "-"],
        1,
        "no code family \"NOPE\" (families: ",
    ),
    (
        &[
            "export",
            "highlights",
            "--notes",
            "/no/such.notes.json",
            "-o",
            "-",
        ],
        1,
        "such.notes.json",
    ),
    (
        &[
            "export",
            "compare",
            "company-a",
            "company-b",
            "-o",
            "/no/such/folder/x.md",
        ],
        1,
        "cannot write /no/such/folder/x.md",
    ),
    (
        &["export", "compare", "company-a", "company-b"],
        2,
        "--output",
    ),
    (
        &[
            "export",
            "compare",
            "company-a",
            "--format",
            "pdf",
            "-o",
            "-",
        ],
        2,
        "pdf",
    ),
    (&["export", "matrix", "-o", "-"], 2, "--family"),
];

#[test]
fn bad_input_exits_1_with_a_message_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (args, code, message) in BAD_INPUTS {
        let o = Command::new(env!("CARGO_BIN_EXE_caselens"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?} wrote to stdout");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn format_follows_the_output_extension_and_a_file_is_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out: &Path = &dir.path().join("cmp.csv");
    std::fs::write(out, "x".repeat(100_000)).unwrap();
    let o = caselens(&[
        "export",
        "compare",
        "company-a",
        "company-b",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(out).unwrap();
    assert!(
        text.starts_with("group,dimension,label,relation,"),
        "{text}"
    );
    assert!(!text.contains("xxx"));
}
