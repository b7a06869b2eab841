//! Fuzzing on stable (issue 22): valid files of each reader (case, framework, notes, `.qdc`,
//! `.qdpx`) mutated by proptest (bytes flipped, cut, repeated, tokens of JSON and XML put in)
//! must give a result or a message with a place, never a panic; an import that succeeds must
//! give notes that Caselens reads back. The case counts are small enough for `cargo test`
//! (a few seconds on two cores; `CASELENS_FUZZ_CASES=100000` runs longer); inputs that once found something are kept in
//! `tests/fuzz-corpus/<reader>/` and replayed by `the_corpus_replays`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use caselens::format::{Case, Framework, NotesFile};
use caselens::library::{Library, Origin};
use caselens::refi::import::ImportError;
use proptest::prelude::*;

use crate::util::project;

/// Tokens that JSON and XML readers treat specially.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"null",
    b"1e999",
    b"-0",
    b"\"\\u0000\"",
    b"\\",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\"x-extension\": 1,",
    b"\"USER.",
    b"<",
    b">",
    b"</Code>",
    b"<Code name=\"x\">",
    b"<Code/>",
    b"<!DOCTYPE a [<!ENTITY e \"xx\">]>",
    b"&e;",
    b"&#0;",
    b"&amp;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b" a=\"1\"",
    b"=",
    b"'",
    b"guid=\"{00000000-0000-0000-0000-000000000000}\"",
    b"\r\n",
];

/// One change to an input.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, usize),
    Delete(usize, usize),
    Repeat(usize, usize, u8),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 1usize..64, 1u8..8).prop_map(|(at, n, k)| Edit::Repeat(at, n, k)),
    ];
    proptest::collection::vec(edit, 1..6)
}

fn mutate(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for e in edits {
        let at = |i: usize, bytes: &[u8]| i % (bytes.len() + 1);
        match *e {
            Edit::Flip(i, b) => {
                if !bytes.is_empty() {
                    let i = i % bytes.len();
                    bytes[i] = b;
                }
            }
            Edit::Insert(i, t) => {
                let i = at(i, &bytes);
                bytes.splice(i..i, TOKENS[t].iter().copied());
            }
            Edit::Delete(i, n) => {
                let i = at(i, &bytes);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Repeat(i, n, k) => {
                let i = at(i, &bytes);
                let end = (i + n).min(bytes.len());
                let part = bytes[i..end].repeat(usize::from(k));
                bytes.splice(end..end, part);
            }
        }
    }
    bytes
}

/// The readers fuzzed, named as the corpus folders are.
#[derive(Debug, Clone, Copy)]
enum Reader {
    Case,
    Framework,
    Notes,
    Qdc,
    Qdpx,
}

impl Reader {
    const ALL: [Self; 5] = [
        Self::Case,
        Self::Framework,
        Self::Notes,
        Self::Qdc,
        Self::Qdpx,
    ];

    fn folder(self) -> &'static str {
        match self {
            Self::Case => "case",
            Self::Framework => "framework",
            Self::Notes => "notes",
            Self::Qdc => "qdc",
            Self::Qdpx => "qdpx",
        }
    }
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(project(rel)).expect("seed file")
}

static FRAMEWORK: LazyLock<Vec<u8>> =
    LazyLock::new(|| read("tests/fixtures/other-course/mini.framework.json"));
static CASE: LazyLock<Vec<u8>> =
    LazyLock::new(|| read("tests/fixtures/other-course/acme.case.json"));
static NOTES: LazyLock<Vec<u8>> = LazyLock::new(|| read("cases/examples/lecture.notes.json"));
static QDC: LazyLock<Vec<u8>> = LazyLock::new(|| read("tests/fixtures/refi/handwritten.qdc"));

/// The case and framework of the seeds, loaded.
static SMALL: LazyLock<Library> = LazyLock::new(|| {
    Library::from_sources(vec![
        (
            Origin::File("mini.framework.json".into()),
            Ok(FRAMEWORK.clone()),
        ),
        (Origin::File("acme.case.json".into()), Ok(CASE.clone())),
    ])
});

/// A `.qdpx` of the seed case with a user code and a highlight coded with it.
static QDPX: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut book = caselens::notes::book::NoteBook::new(caselens::format::empty_notes(None));
    let code = book.add_code("Payroll", "#10b981", None).expect("code");
    let case = &SMALL.cases[0].doc;
    let text = &case.sections[0].paragraphs[0].text;
    let anchor = caselens::notes::anchor::new_anchor(text, 5, 20).expect("anchor");
    book.add_highlight(&case.id, "story/p1", anchor, vec![code], Some("why".into()));
    let (cases, frameworks) = small();
    let p = caselens::refi::qdpx::project(&caselens::refi::qdpx::Input {
        name: "fuzz",
        cases: &cases,
        frameworks: &frameworks,
        notes: book.file(),
    });
    caselens::refi::qdpx::qdpx(&p).expect("qdpx")
});

fn small() -> (Vec<&'static Case>, Vec<&'static Framework>) {
    (
        SMALL.cases.iter().map(|c| &c.doc).collect(),
        SMALL.frameworks.iter().map(|f| &f.doc).collect(),
    )
}

fn seed(reader: Reader) -> &'static [u8] {
    match reader {
        Reader::Case => &CASE,
        Reader::Framework => &FRAMEWORK,
        Reader::Notes => &NOTES,
        Reader::Qdc => &QDC,
        Reader::Qdpx => &QDPX,
    }
}

/// A JSON file read as the library reads it: it loads, or each problem names the file and,
/// unless the file is not text at all, a line and a column.
fn check_json(name: &str, bytes: &[u8], with_framework: bool) {
    let mut sources = Vec::new();
    if with_framework {
        sources.push((
            Origin::File("mini.framework.json".into()),
            Ok(FRAMEWORK.clone()),
        ));
    }
    sources.push((Origin::File(name.into()), Ok(bytes.to_vec())));
    let lib = Library::from_sources(sources);
    for file in lib.failed() {
        for p in &file.problems {
            assert!(!p.message.trim().is_empty(), "{p:?}");
            assert!(p.file.contains(".json"), "{p:?}");
            let text = std::str::from_utf8(bytes).is_ok_and(|t| !t.trim().is_empty());
            assert!(!text || p.line.is_some(), "no place: {p}");
        }
    }
}

/// An import error names a place when it is about a place in the file.
fn check_import_error(e: &ImportError) {
    let message = e.to_string();
    assert!(!message.trim().is_empty());
    assert!(!message.contains("zip::"), "{message}");
    if let ImportError::Xml { place, .. }
    | ImportError::NoName { place }
    | ImportError::TooDeep { place }
    | ImportError::TooManyAttributes { place, .. } = e
    {
        assert!(place.contains("line "), "{message}");
    }
}

/// Imported notes are notes Caselens reads back.
fn check_imported(notes: &NotesFile) {
    let bytes = caselens::notes::store::to_bytes(notes).expect("serialise");
    if let Err(e) = caselens::notes::parse_notes(Path::new("imported.notes.json"), &bytes) {
        panic!("an import wrote notes Caselens refuses: {e}");
    }
}

fn check(reader: Reader, bytes: &[u8]) {
    let base = caselens::format::empty_notes(None);
    match reader {
        Reader::Case => check_json("acme.case.json", bytes, true),
        Reader::Framework => check_json("mini.framework.json", bytes, false),
        Reader::Notes => check_json("lecture.notes.json", bytes, false),
        Reader::Qdc => match caselens::refi::import::import_qdc(&base, bytes, &HashSet::new()) {
            Ok(i) => check_imported(&i.notes),
            Err(e) => check_import_error(&e),
        },
        Reader::Qdpx => {
            let (cases, frameworks) = small();
            match caselens::refi::project_import::import_qdpx(&base, bytes, &cases, &frameworks) {
                Ok(i) => check_imported(&i.notes),
                Err(e) => check_import_error(&e),
            }
        }
    }
}

/// Cases per reader: 1,024 (about a second in all), or `CASELENS_FUZZ_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("CASELENS_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1024)
}

/// The `project.qde` of a `.qdpx` mutated, zipped again with the other entries.
fn mutate_qde(edits: &[Edit]) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(QDPX.as_slice())).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if name == "project.qde" {
            bytes = mutate(&bytes, edits);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_cases_load_or_say_where(edits in edits()) {
        check(Reader::Case, &mutate(&CASE, &edits));
    }

    #[test]
    fn mutated_frameworks_load_or_say_where(edits in edits()) {
        check(Reader::Framework, &mutate(&FRAMEWORK, &edits));
    }

    #[test]
    fn mutated_notes_load_or_say_where(edits in edits()) {
        check(Reader::Notes, &mutate(&NOTES, &edits));
    }

    #[test]
    fn mutated_codebooks_import_or_say_where(edits in edits()) {
        check(Reader::Qdc, &mutate(&QDC, &edits));
    }

    #[test]
    fn mutated_projects_import_or_say_where(edits in edits(), whole_zip in any::<bool>()) {
        let bytes = if whole_zip { mutate(&QDPX, &edits) } else { mutate_qde(&edits) };
        check(Reader::Qdpx, &bytes);
    }
}

fn corpus(reader: Reader) -> Vec<PathBuf> {
    let dir = project("tests/fuzz-corpus").join(reader.folder());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_corpus_replays() {
    for reader in Reader::ALL {
        let files = corpus(reader);
        assert!(
            !files.is_empty(),
            "tests/fuzz-corpus/{} is empty",
            reader.folder()
        );
        check(reader, seed(reader));
        for file in files {
            let bytes = std::fs::read(&file).expect("corpus file");
            assert!(
                bytes.len() <= 64 * 1024,
                "{}: keep corpus files small",
                file.display()
            );
            let run = std::panic::catch_unwind(|| check(reader, &bytes));
            assert!(run.is_ok(), "{} failed", file.display());
        }
    }
}
