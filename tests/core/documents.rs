//! Documents written by real tools (tests/fixtures/documents, made by
//! scripts/doc-fixtures.sh from source.md) read into the paragraphs they must yield; their
//! drafts validate; `caselens new-case` writes what `caselens validate` accepts, and nothing on
//! error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use caselens::document::{self, Document, DocumentError, DraftOptions, draft_case};
use caselens::format::Framework;

use crate::util::{bundled, project};

const TITLE: &str = "A Regional Bakery Chooses a Delivery Partner";
const INTRO: &str = "This short case follows a fictional bakery through one decision. All names and figures are invented for teaching.";
const BACKGROUND_1: &str = "The bakery sells bread and pastries from six shops in one region. Demand from offices and cafés has grown faster than the shops can serve at the counter.";
const OPTIONS_1: &str = "The management team listed three ways forward:";
const ADVISER: &str = "An outside adviser warned that the strategic choice would shape the costs of the bakery for a decade.";
const FIGURES_1: &str = "The adviser compared the options on three criteria.";
const ROWS: [&str; 4] = [
    "Option | Cost | Control",
    "Own fleet | High | Full",
    "Courier | Medium | Shared",
    "Wait | Low | None",
];
const OUTCOME: &str = "The owners chose the courier partner for a trial of two years, with a review of service quality every quarter. They kept the right to end the agreement early if deliveries arrived late more than twice a month.";

/// Sections and paragraphs: with emphasis (`*...*`) where the format keeps it.
fn expected(emphasis: bool, first_title: &str) -> Vec<(String, Vec<String>)> {
    let (em, strong) = if emphasis { ("*", "**") } else { ("", "") };
    let s = |v: &[&str]| v.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    vec![
        (first_title.to_owned(), s(&[INTRO])),
        (
            "Background".to_owned(),
            vec![
                BACKGROUND_1.to_owned(),
                format!(
                    "Its owners want to deliver to {em}business customers{em} every morning, but they have {strong}no vans{strong} and no staff who plan routes."
                ),
            ],
        ),
        (
            "Options considered".to_owned(),
            vec![
                OPTIONS_1.to_owned(),
                format!(
                    "- Build its own fleet of electric vans.\n- Partner with a local courier that already delivers at dawn.\n- Wait one more year and {em}grow the shops{em} instead."
                ),
                ADVISER.to_owned(),
            ],
        ),
        ("Figures".to_owned(), {
            let mut v = s(&[FIGURES_1]);
            v.extend(s(&ROWS));
            v
        }),
        ("Outcome".to_owned(), s(&[OUTCOME])),
    ]
}

fn fixture(name: &str) -> PathBuf {
    project("tests/fixtures/documents").join(name)
}

fn read(name: &str) -> Document {
    document::read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e:#}"))
}

fn sections(doc: &Document) -> Vec<(String, Vec<String>)> {
    doc.sections
        .iter()
        .map(|s| (s.title.clone(), s.paragraphs.clone()))
        .collect()
}

#[test]
fn pandoc_documents_yield_the_source_paragraphs_and_metadata() {
    for name in [
        "source.md",
        "source.html",
        "source.docx",
        "source.odt",
        "source.epub",
    ] {
        let doc = read(name);
        assert_eq!(doc.title, TITLE, "{name}");
        assert_eq!(doc.authors, ["Jane Example", "Sam Placeholder"], "{name}");
        assert_eq!(doc.date.as_deref(), Some("2024-03-15"), "{name}");
        assert_eq!(sections(&doc), expected(true, TITLE), "{name}");
    }
}

#[test]
fn plain_text_from_pandoc_yields_the_paragraphs_without_emphasis() {
    let doc = read("source.txt");
    // No metadata in plain text: the first heading is the title.
    assert_eq!(doc.title, "Background");
    assert!(doc.authors.is_empty() && doc.date.is_none());
    assert_eq!(sections(&doc), expected(false, "Introduction"));
}

#[test]
fn libreoffice_pdf_yields_the_paragraphs_and_its_title_block() {
    let doc = read("source.libreoffice.pdf");
    assert_eq!(doc.title, TITLE);
    assert_eq!(doc.authors, ["Jane Example", "Sam Placeholder"]);
    let mut want = expected(false, TITLE);
    // The title block is big type (a heading) over small centred lines; the bare page number
    // in the footer is gone.
    want[0].1 = vec![
        "Jane Example".to_owned(),
        "Sam Placeholder".to_owned(),
        "2024-03-15".to_owned(),
        INTRO.to_owned(),
    ];
    assert_eq!(sections(&doc), want);
}

#[test]
fn two_column_pdf_with_running_header_footer_and_hyphenation() {
    let doc = read("source.columns.pdf");
    assert_eq!(doc.title, TITLE);
    assert_eq!(doc.authors, ["Jane Example", "Sam Placeholder"]);
    assert_eq!(
        doc.date.as_deref(),
        Some("2024-03-15"),
        "the Info dictionary's date"
    );
    // Columns in reading order, the running header (the title) and "Page N" footers removed,
    // "De-/mand", "strate-/gic", "re-/view" and others joined across line ends.
    assert_eq!(sections(&doc), expected(false, TITLE));
}

/// Every paragraph of a bench input is one of the source's: nothing lost or merged at 200
/// column and page breaks, no running header, footer or split word left.
#[test]
fn the_bench_inputs_yield_only_the_source_paragraphs() {
    // The PDF repeats all of source.md; the Word document its sections without the intro.
    for (name, emphasis, repeats, intro) in
        [("long.pdf", false, 485, 1), ("long.docx", true, 239, 0)]
    {
        let path = project("benches/fixtures/documents").join(name);
        let doc = document::read(&path).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        let source: Vec<String> = expected(emphasis, TITLE)
            .into_iter()
            .flat_map(|(_, paragraphs)| paragraphs)
            .collect();
        for section in &doc.sections {
            for paragraph in &section.paragraphs {
                assert!(source.contains(paragraph), "{name}: {paragraph:?}");
            }
        }
        assert_eq!(
            doc.paragraph_count(),
            (source.len() - 1 + intro) * repeats,
            "{name}"
        );
        assert_eq!(doc.sections.len(), 4 * repeats + intro, "{name}");
    }
}

#[test]
fn unreadable_pdfs_say_what_to_do() {
    let e = document::read(&fixture("scanned.pdf")).unwrap_err();
    assert!(matches!(e, DocumentError::NoTextLayer { .. }), "{e}");
    let e = document::read(&fixture("encrypted.pdf")).unwrap_err();
    assert!(matches!(e, DocumentError::Encrypted { .. }), "{e}");
}

fn bundled_framework() -> Framework {
    bundled()
        .framework("asp-alliances")
        .expect("the bundled framework")
        .clone()
}

#[test]
fn every_fixture_drafts_a_case_that_validates_and_round_trips() {
    let framework = bundled_framework();
    for name in [
        "source.md",
        "source.txt",
        "source.html",
        "source.docx",
        "source.odt",
        "source.epub",
        "source.libreoffice.pdf",
        "source.columns.pdf",
    ] {
        let doc = read(name);
        let case = draft_case(&doc, &DraftOptions::default()).expect("draft");
        let issues = caselens::validate::check_case(&case, Some(&framework), &["asp-alliances"]);
        assert!(issues.is_empty(), "{name}: {issues:?}");
        assert_eq!(case.meta.sources.len(), 1);
        assert!(
            case.meta.sources[0]
                .citation
                .starts_with(&format!("{name}, ")),
            "{}",
            case.meta.sources[0].citation
        );
        assert!(case.facets.is_empty(), "every dimension is not covered");
        let json = caselens::format::to_json_pretty(&case, &case.extensions).expect("json");
        let (parsed, _) = caselens::format::parse("draft.case.json", json.as_bytes(), None)
            .unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert_eq!(parsed, caselens::format::Document::Case(Box::new(case)));
    }
    let case = draft_case(&read("source.docx"), &DraftOptions::default()).expect("draft");
    assert_eq!(case.id, "a-regional-bakery-chooses-a-delivery-partner");
    let ids: Vec<&str> = case.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a-regional-bakery-chooses-a-delivery-partner",
            "background",
            "options-considered",
            "figures",
            "outcome"
        ]
    );
    assert_eq!(
        case.meta.sources[0].citation,
        format!("source.docx, {TITLE}, 2024-03-15")
    );
}

fn caselens(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselens"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run caselens")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn new_case_writes_a_case_that_validate_accepts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = fixture("source.docx").display().to_string();
    let o = caselens(dir.path(), &["new-case", &docx]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let written = "a-regional-bakery-chooses-a-delivery-partner.case.json";
    assert!(text(&o.stdout).contains(written), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("5 section(s), 12 paragraph(s)"),
        "{}",
        text(&o.stdout)
    );
    let v = caselens(dir.path(), &["validate", written]);
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}{}",
        text(&v.stdout),
        text(&v.stderr)
    );
    // Not replaced without --force; replaced with it.
    let before = std::fs::read(dir.path().join(written)).expect("written");
    let again = caselens(
        dir.path(),
        &[
            "new-case",
            &fixture("source.md").display().to_string(),
            "-o",
            written,
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join(written)).expect("kept"),
        before
    );
    let forced = caselens(
        dir.path(),
        &[
            "new-case",
            &fixture("source.columns.pdf").display().to_string(),
            "--id",
            "bakery",
            "-o",
            "no-such-folder/mine.case.json",
            "--force",
        ],
    );
    // A folder that does not exist is an error, and nothing is written.
    assert_eq!(forced.status.code(), Some(1), "{}", text(&forced.stdout));
    let forced = caselens(
        dir.path(),
        &[
            "new-case",
            &fixture("source.columns.pdf").display().to_string(),
            "--id",
            "bakery",
            "-o",
            written,
            "--force",
        ],
    );
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    let json = std::fs::read_to_string(dir.path().join(written)).expect("replaced");
    assert!(
        json.contains("\"id\": \"bakery\"") && json.ends_with("}\n"),
        "{json}"
    );
    assert_eq!(listing(dir.path()), [written]);
}

#[test]
fn new_case_errors_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.rtf"), "{\\rtf1 hello}").expect("write");
    let cases: [(&[&str], &str); 7] = [
        (&["new-case", "SCANNED"], "OCR"),
        (&["new-case", "ENCRYPTED"], "password"),
        (&["new-case", "notes.rtf"], "cannot make a case from .rtf"),
        (&["new-case", "missing.docx"], "cannot read"),
        (
            &["new-case", "DOCX", "--framework", "nope"],
            "no framework \"nope\"",
        ),
        (
            &["new-case", "DOCX", "--id", "Not An Id"],
            "not a valid case id",
        ),
        (
            &["new-case", "DOCX", "-o", "case.json"],
            "ends in .case.json",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<String> = args
            .iter()
            .map(|a| match *a {
                "SCANNED" => fixture("scanned.pdf").display().to_string(),
                "ENCRYPTED" => fixture("encrypted.pdf").display().to_string(),
                "DOCX" => fixture("source.docx").display().to_string(),
                other => other.to_owned(),
            })
            .collect();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = caselens(dir.path(), &refs);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", text(&o.stderr));
        assert!(
            text(&o.stderr).contains(message),
            "{args:?}: {}",
            text(&o.stderr)
        );
        assert!(text(&o.stdout).is_empty(), "{args:?}");
        assert_eq!(
            listing(dir.path()),
            ["notes.rtf"],
            "{args:?} wrote something"
        );
    }
}
