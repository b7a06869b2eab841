use super::*;
use crate::codebook::Codebook;
use crate::format::Framework;
use crate::format::empty_notes;
use crate::library::{Bundled, Library, LoadRequest};
use crate::notes::book::NoteBook;
use crate::refi::RefiCodebook;
use crate::refi::qdc::qdc;

const HANDWRITTEN: &[u8] = include_bytes!("../../../tests/fixtures/refi/handwritten.qdc");

/// `(path, colour, definition, guid)` of every user code, in tree order.
fn shape(notes: &NotesFile) -> Vec<(String, String, Option<String>, Option<String>)> {
    let book = Codebook::build(None, notes);
    book.entries()
        .iter()
        .map(|e| {
            let code = notes.codes.iter().find(|c| c.id == e.id).unwrap();
            (
                e.path.clone(),
                e.color.hex(),
                e.definition.clone(),
                code.guid.clone(),
            )
        })
        .collect()
}

#[test]
fn users_codes_survive_export_then_import_into_an_empty_notes_file() {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    });
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let mut book = NoteBook::new(empty_notes(None));
    let trust = book.add_code("Trust", "#10b981", None).unwrap();
    let early = book
        .add_code("Early trust", "#abcdef", Some(&trust))
        .unwrap();
    book.add_code("Very early", "#012345", Some(&early))
        .unwrap();
    book.add_code("Cost <&> price", "#ff0000", None).unwrap();
    let mut notes = book.file().clone();
    notes.codes[0].definition = Some("Line one\nline \"two\"".into());
    let xml = qdc(&fws, &notes).unwrap();
    let skip = RefiCodebook::build(&fws, &notes).framework_guids();
    let got = import_qdc(&empty_notes(None), xml.as_bytes(), &skip).unwrap();
    assert_eq!((got.added, got.updated), (4, 0));
    assert!(got.skipped > 10, "the framework's codes are not the user's");
    assert_eq!(shape(&got.notes), shape(&notes));
    assert!(crate::validate::check_notes(&got.notes).is_empty());
    // Importing the same file again changes nothing.
    let again = import_qdc(&got.notes, xml.as_bytes(), &skip).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    assert_eq!(again.notes, got.notes);
}

#[test]
fn a_hand_written_codebook_with_bom_crlf_braces_and_short_colours_imports() {
    let got = import_qdc(&empty_notes(None), HANDWRITTEN, &HashSet::new()).unwrap();
    assert_eq!((got.added, got.updated, got.skipped), (5, 0, 0));
    let codes: Vec<(&str, &str, Option<&str>, Option<&str>)> = got
        .notes
        .codes
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.label.as_str(),
                c.color.as_deref(),
                c.parent.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("USER.governance", "Governance", Some("#cc0000"), None),
            (
                "USER.governance.contracts",
                "Contracts",
                Some("#1f77b4"),
                Some("USER.governance")
            ),
            (
                "USER.governance.contracts.exit-clauses",
                "Exit clauses",
                Some("#ff7f0e"),
                Some("USER.governance.contracts")
            ),
            (
                "USER.governance.trust",
                "Trust",
                None,
                Some("USER.governance")
            ),
            (
                "USER.vertrauen-fr-h",
                "Vertrauen – früh",
                Some("#2ca02c"),
                None
            ),
        ]
    );
    let gov = &got.notes.codes[0];
    assert_eq!(
        gov.definition.as_deref(),
        Some("How the partners steer the alliance.\nSecond line of the description.")
    );
    assert_eq!(
        gov.guid.as_deref(),
        Some("5b6c1f0e-2d4a-4c8e-9f3b-7a1d2e3f4a5b")
    );
    assert_eq!(
        got.notes.codes[1].definition.as_deref(),
        Some("Formal agreements & their clauses.")
    );
    assert!(crate::validate::check_notes(&got.notes).is_empty());
}

#[test]
fn a_code_with_a_known_guid_is_updated_in_place_and_clashing_ids_get_a_suffix() {
    let mut book = NoteBook::new(empty_notes(None));
    book.add_code("Governance", "#000000", None).unwrap();
    let mut notes = book.file().clone();
    let mut other = notes.codes[0].clone();
    other.id = "USER.trust".into();
    other.label = "Trust".into();
    other.guid = Some("0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11".into());
    notes.codes.push(other);
    // Governance is the same code as in the file (same GUID): renamed and recoloured in place.
    notes.codes[0].guid = Some("{5B6C1F0E-2D4A-4C8E-9F3B-7A1D2E3F4A5B}".into());
    let got = import_qdc(&notes, HANDWRITTEN, &HashSet::new()).unwrap();
    assert_eq!((got.added, got.updated), (4, 1));
    assert_eq!(got.notes.codes[0].id, "USER.governance");
    assert_eq!(got.notes.codes[0].color.as_deref(), Some("#cc0000"));
    assert!(
        got.notes
            .codes
            .iter()
            .any(|c| c.id == "USER.governance.trust")
    );
    // A new top-level code whose slug is taken gets a suffix, not the other code's id.
    let mut taken = empty_notes(None);
    taken.codes = notes.codes[1..].to_vec();
    taken.codes[0].id = "USER.vertrauen-fr-h".into();
    let got = import_qdc(&taken, HANDWRITTEN, &HashSet::new()).unwrap();
    assert!(
        got.notes
            .codes
            .iter()
            .any(|c| c.id == "USER.vertrauen-fr-h-2")
    );
}

#[test]
fn unreadable_files_give_clear_errors() {
    let notes = empty_notes(None);
    let none = HashSet::new();
    let err = |bytes: &[u8]| import_qdc(&notes, bytes, &none).unwrap_err().to_string();
    assert_eq!(
        err(b"\xff\xfe<"),
        "not a REFI-QDA codebook: the file is not UTF-8 text"
    );
    assert!(err(b"<CodeBook><Codes>").starts_with("not a REFI-QDA codebook: "));
    assert_eq!(
        err(b"<html/>"),
        "not a REFI-QDA codebook: the document is <html>, not <CodeBook> or <Project>"
    );
    assert_eq!(
        err(b"<CodeBook>\n<Codes>\n<Code guid=\"x\"/></Codes></CodeBook>"),
        "line 3: a <Code> has no name"
    );
}

#[test]
fn colours_and_guids_are_normalised() {
    assert_eq!(normal_color("#AbC"), Some("#aabbcc".into()));
    assert_eq!(normal_color("#A0B1C2"), Some("#a0b1c2".into()));
    assert_eq!(normal_color("red"), None);
    assert_eq!(normal_color("#12345"), None);
    assert_eq!(
        normal_guid("{0F8C1A3E-6B1E-4F3A-9D7A-2C1B5E9F0A11}"),
        Some("0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11".into())
    );
    assert_eq!(normal_guid("nope"), None);
}

#[test]
fn codes_exported_with_a_derived_guid_are_not_added_twice() {
    // A code from a file written before codes had GUIDs: exported with a GUID from its id.
    let mut notes = empty_notes(None);
    let mut book = NoteBook::new(notes.clone());
    book.add_code("Trust", "#10b981", None).unwrap();
    notes.codes = book.file().codes.clone();
    notes.codes[0].guid = None;
    let xml = qdc(&[], &notes).unwrap();
    let got = import_qdc(&notes, xml.as_bytes(), &HashSet::new()).unwrap();
    assert_eq!((got.added, got.updated), (0, 0));
    assert_eq!(got.notes, notes);
}

#[test]
fn unknown_guids_match_by_label_under_the_same_parent_and_framework_codes_by_path() {
    let lib = Library::bundled();
    let fws: Vec<&Framework> = lib.frameworks.iter().map(|f| &f.doc).collect();
    let mut book = NoteBook::new(empty_notes(None));
    let trust = book.add_code("Trust", "#10b981", None).unwrap();
    book.add_code("Early", "#aabbcc", Some(&trust)).unwrap();
    let notes = book.file().clone();
    let xml = qdc(&fws, &notes).unwrap();
    // Every GUID replaced, as QualCoder does at each export.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut renewed = xml.clone();
    for g in doc.descendants().filter_map(|n| n.attribute("guid")) {
        renewed = renewed.replace(g, &crate::format::new_id());
    }
    let known = RefiCodebook::build(&fws, &notes).framework_codes();
    let got = import_qdc_with(&notes, renewed.as_bytes(), &known).unwrap();
    assert_eq!((got.added, got.updated), (0, 0));
    assert!(
        got.skipped > 10,
        "framework codes are recognised by their label path"
    );
    assert_eq!(got.notes, notes);
    assert!(
        got.aliases
            .values()
            .any(|a| *a == Alias::User("USER.trust.early".into()))
    );
}

#[test]
fn a_code_that_is_not_codable_stays_so_and_a_colourless_one_colourless() {
    let qdc = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\
        <Code guid=\"0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"Group\" isCodable=\"false\">\
        <Code guid=\"1f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"Leaf\" isCodable=\"true\"/>\
        </Code></Codes></CodeBook>";
    let got = import_qdc(&empty_notes(None), qdc.as_bytes(), &HashSet::new()).unwrap();
    let flags: Vec<(Option<bool>, Option<&str>)> = got
        .notes
        .codes
        .iter()
        .map(|c| (c.codable, c.color.as_deref()))
        .collect();
    assert_eq!(flags, [(Some(false), None), (None, None)]);
    let out = qdc_of_notes(&got.notes);
    crate::refi::tests::assert_valid("Codebook.xsd", &out);
    assert!(out.contains("name=\"Group\" isCodable=\"false\">"), "{out}");
    assert!(out.contains("name=\"Leaf\" isCodable=\"true\"/>"), "{out}");
}

fn qdc_of_notes(notes: &NotesFile) -> String {
    qdc(&[], notes).unwrap()
}
