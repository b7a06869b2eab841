use super::*;
use crate::codebook::Codebook;
use crate::format::empty_notes;

const NOTES: &str = include_str!("../../../tests/fixtures/taguette/codes.notes.json");
/// Caselens's CSV of `codes.notes.json` (written by this test with `UPDATE_FIXTURES=1`).
const CASELENS_CSV: &str = "tests/fixtures/taguette/caselens-codebook.csv";
/// `[path, description]` of each tag that Taguette 1.5.2's own `list_tags_csv` reads from
/// that CSV (written by scripts/taguette-fixtures.py, which runs Taguette).
const TAGUETTE_READS: &str =
    include_str!("../../../tests/fixtures/taguette/caselens-codebook.taguette.json");
/// A codebook CSV written by Taguette 1.5.2's own `codebook_csv` export.
const TAGUETTE_EXPORT: &[u8] =
    include_bytes!("../../../tests/fixtures/taguette/taguette-export.csv");

fn notes() -> NotesFile {
    serde_json::from_str(NOTES).unwrap()
}

/// Taguette's `list_tags_csv` rules, as written in its source (`taguette/import_codebook.py`):
/// the header lower-cased; exactly one of `tag`, `name`, `path`; `description` optional; every
/// row at least as long as the columns used; empty rows skipped; cells stripped; an empty tag
/// is an error. `[path, description]` per tag.
fn taguette_rules(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    // chardet sees the byte order mark and decodes as UTF-8-SIG, which drops it.
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| e.to_string())?;
    let mut rows = parse_csv(text)?.into_iter();
    let header: Vec<String> = rows
        .next()
        .ok_or("Invalid file: CSV expected")?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let has = |n: &str| header.iter().any(|h| h == n);
    let expected = ["tag", "name", "path"].iter().filter(|n| has(n)).count();
    if expected != 1 {
        return Err("tag column".into());
    }
    let col = ["tag", "name", "path"]
        .iter()
        .find_map(|n| header.iter().position(|h| h == n))
        .unwrap();
    let desc = header.iter().position(|h| h == "description");
    let needed = col.max(desc.unwrap_or(0)) + 1;
    let mut out = Vec::new();
    for row in rows {
        if row.len() < needed {
            return Err("Not enough columns".into());
        }
        if row.iter().all(String::is_empty) {
            continue;
        }
        let path = row[col].trim().to_owned();
        if path.is_empty() {
            return Err("Empty tag name".into());
        }
        let d = desc.map_or(String::new(), |d| row[d].trim().to_owned());
        out.push((path, d));
    }
    Ok(out)
}

#[test]
fn taguette_reads_every_code_with_its_path_and_description() {
    let csv = codebook_csv(&[], &notes());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(CASELENS_CSV);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &csv).unwrap();
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        csv,
        "{CASELENS_CSV} is stale: run scripts/taguette-fixtures.py"
    );
    let by_taguette: Vec<(String, String)> = serde_json::from_str(TAGUETTE_READS).unwrap();
    assert_eq!(taguette_rules(&csv).unwrap(), by_taguette);
    assert_eq!(
        by_taguette
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>(),
        [
            "Trust",
            "Trust.Early trust",
            "Trust.Early trust.Dr\u{2024} Müller's view",
            "Cost 💶, price"
        ]
    );
}

#[test]
fn the_csv_round_trips_labels_nesting_descriptions_and_colours() {
    let n = notes();
    let csv = codebook_csv(&[], &n);
    let got = import_codebook_csv(&empty_notes(None), &csv, &FrameworkCodes::default()).unwrap();
    assert_eq!((got.added, got.updated), (4, 0));
    let shape = |n: &NotesFile| {
        let book = Codebook::build(None, n);
        book.entries()
            .iter()
            .map(|e| {
                let c = n.codes.iter().find(|c| c.id == e.id).unwrap();
                (e.path.clone(), c.color.clone(), c.definition.clone())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&got.notes), shape(&n));
    // Again, or onto the codes it came from: nothing added.
    let again = import_codebook_csv(&got.notes, &csv, &FrameworkCodes::default()).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    let onto = import_codebook_csv(&n, &csv, &FrameworkCodes::default()).unwrap();
    assert_eq!(onto.notes, n);
    // A CSV says nothing about codability: a code kept as not codable stays so.
    let mut grouped = n.clone();
    grouped.codes[0].codable = Some(false);
    let onto = import_codebook_csv(&grouped, &csv, &FrameworkCodes::default()).unwrap();
    assert_eq!(onto.notes.codes[0].codable, Some(false));
}

#[test]
fn a_codebook_taguette_exported_imports_with_its_nesting() {
    let got = import_codebook_csv(
        &empty_notes(None),
        TAGUETTE_EXPORT,
        &FrameworkCodes::default(),
    )
    .unwrap();
    let codes: Vec<(&str, Option<&str>, Option<&str>)> = got
        .notes
        .codes
        .iter()
        .map(|c| {
            (
                c.label.as_str(),
                c.parent.as_deref(),
                c.definition.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("interesting", None, Some("Further review required")),
            (
                "people",
                Some("USER.interesting"),
                Some("People, \"quoted\"")
            ),
            ("places", Some("USER.interesting"), None),
            ("ça va", None, Some("Line one\nline two")),
        ]
    );
    assert_eq!(taguette_rules(TAGUETTE_EXPORT).unwrap().len(), 4);
}

#[test]
fn framework_codes_in_the_csv_are_recognised_by_their_path() {
    let lib = crate::library::Library::bundled();
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let n = notes();
    let csv = codebook_csv(&fws, &n);
    let known = RefiCodebook::build(&fws, &n).framework_codes();
    let got = import_codebook_csv(&empty_notes(None), &csv, &known).unwrap();
    assert_eq!(got.added, 4, "only the user's codes");
    assert!(got.skipped > 10);
}

#[test]
fn files_taguette_would_refuse_are_refused_with_its_reasons() {
    let err = |csv: &str| {
        import_codebook_csv(
            &empty_notes(None),
            csv.as_bytes(),
            &FrameworkCodes::default(),
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        err("label,description\nA,b\n"),
        "not a codebook CSV: no 'tag', 'name', or 'path' column"
    );
    assert_eq!(
        err("Tag,Name\nA,b\n"),
        "not a codebook CSV: not sure which column to use for tag name"
    );
    assert_eq!(
        err("tag,description\nA\n"),
        "not a codebook CSV: row 2: not enough columns"
    );
    assert_eq!(
        err("path\nA\n\n \n"),
        "not a codebook CSV: row 4: empty tag name"
    );
    assert_eq!(
        err("tag\n\"A\n"),
        "not a codebook CSV: a quoted cell is not closed"
    );
    assert!(
        err("\u{feff}<?xml version=\"1.0\"?><CodeBook/>").ends_with(
            "this is a REFI-QDA file: import it with `caselens import qdc` or `caselens import qdpx` (File > Import > REFI-QDA codebook or project)"
        )
    );
}
