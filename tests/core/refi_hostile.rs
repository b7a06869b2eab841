//! REFI-QDA files as a hostile sender makes them (issue 22): deep and flat code trees, an
//! element with 100,000 attributes, zip bombs. Each is made here, never committed. An import
//! ends with a result or a message, and the user's notes file stays one Caselens reads.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use caselens::format::{Case, empty_notes};
use caselens::refi::import::{ImportError, import_qdc};
use caselens::refi::project_import::import_qdpx;

use crate::hostile;
use crate::util::{caselens, stderr};

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// A notes file with one code of the user's, as the CLI writes it.
fn notes_with_a_code(dir: &Path) -> PathBuf {
    let path = dir.join("mine.notes.json");
    let qdc = dir.join("one.qdc");
    std::fs::write(
        &qdc,
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code name=\"Trust\" isCodable=\"true\"/></Codes></CodeBook>",
    )
    .expect("write");
    let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&path)]);
    assert!(o.status.success(), "{}", stderr(&o));
    path
}

/// The notes file reads back (`caselens validate` passes it).
fn assert_readable(notes: &Path) {
    let o = caselens(&["validate", s(notes)]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
}

#[test]
fn a_deep_codebook_is_refused_with_a_message_and_the_notes_stay_readable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = notes_with_a_code(dir.path());
    let before = std::fs::read(&notes).expect("read");
    for levels in [3_000, 50_000] {
        let qdc = dir.path().join(format!("deep-{levels}.qdc"));
        std::fs::write(&qdc, hostile::deep_qdc(levels)).expect("write");
        let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&notes)]);
        assert_eq!(o.status.code(), Some(1), "{levels}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(
                "line 34: the codes are nested more than 32 levels deep; Caselens imports at most 32 levels"
            ),
            "{}",
            stderr(&o)
        );
        assert_eq!(std::fs::read(&notes).expect("read"), before, "untouched");
        assert_readable(&notes);
    }
    // The same in a project (5,000 levels in a small .qdpx took 1.2 GB).
    let qdpx = dir.path().join("deep.qdpx");
    std::fs::write(&qdpx, hostile::deep_qdpx(5_000)).expect("write");
    let o = caselens(&["import", "qdpx", s(&qdpx), "--notes", s(&notes)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("project.qde, line 34: the codes are nested more than 32 levels"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&notes).expect("read"), before);
}

#[test]
fn the_deepest_codebook_read_gets_ids_that_grow_with_the_depth_only() {
    let deepest = hostile::deep_qdc(32);
    let got = import_qdc(&empty_notes(None), deepest.as_bytes(), &HashSet::new()).expect("import");
    assert_eq!(got.added, 32);
    let longest = got.notes.codes.iter().map(|c| c.id.len()).max();
    // "USER" and 32 parts of at most 32 characters ("level-31-of-a-very-deep-tree").
    assert!(longest <= Some(4 + 32 * 33), "{longest:?}");
    assert!(caselens::validate::check_notes(&got.notes).is_empty());
    let long_name = format!(
        "<CodeBook><Codes><Code name=\"{}\"/></Codes></CodeBook>",
        "word ".repeat(1000)
    );
    let got =
        import_qdc(&empty_notes(None), long_name.as_bytes(), &HashSet::new()).expect("import");
    assert_eq!(
        got.notes.codes[0].id,
        "USER.word-word-word-word-word-word-wo"
    );
    assert_eq!(
        got.notes.codes[0].label.len(),
        4999,
        "the name is kept whole"
    );
}

#[test]
fn a_hundred_thousand_sibling_codes_import_and_the_notes_stay_readable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = notes_with_a_code(dir.path());
    let qdc = dir.path().join("flat.qdc");
    std::fs::write(&qdc, hostile::flat_qdc(100_000)).expect("write");
    let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&notes)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("100000 code(s) added, 0 updated"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let file = caselens::notes::read_notes(&notes).expect("the notes read back");
    assert_eq!(file.codes.len(), 100_001);
    let ids: HashSet<&str> = file.codes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 100_001, "every id is its own");
    assert!(ids.contains("USER.code-99-1000"), "the 1000th \"Code 99\"");
}

#[test]
fn an_element_with_a_hundred_thousand_attributes_is_refused_before_parsing() {
    let qdc = hostile::many_attributes_qdc(100_000);
    let err = import_qdc(&empty_notes(None), qdc.as_bytes(), &HashSet::new()).unwrap_err();
    assert!(
        matches!(err, ImportError::TooManyAttributes { .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "not a REFI-QDA codebook: line 2, column 51: an element has more than 64 attributes (REFI-QDA elements have a few)"
    );
    // Over the size limit: refused before anything is parsed.
    let big = vec![b' '; 21 * 1024 * 1024];
    let err = import_qdc(&empty_notes(None), &big, &HashSet::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the REFI-QDA codebook is 21.0 MB; Caselens reads codebooks and project files of at most 20 MB"
    );
}

/// A project whose one source is `sources/{file}`, with its text in the zip or not.
fn project_with_source(file: &str) -> String {
    hostile::project_xml(
        "<Code guid=\"0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"Trust\" isCodable=\"true\"/>",
        &format!(
            "<TextSource guid=\"1f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"A\" plainTextPath=\"internal://{file}\"/>"
        ),
    )
}

fn import_project(bytes: &[u8]) -> Result<usize, String> {
    let lib = crate::util::bundled();
    let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
    import_qdpx(&empty_notes(None), bytes, &cases, &[])
        .map(|p| p.codes_added)
        .map_err(|e| e.to_string())
}

#[test]
fn zip_bombs_stop_at_the_limits_and_the_message_names_the_entry() {
    // The project XML itself is 64 MiB of zeros.
    let bomb = hostile::zip_bomb("project.qde", 64, &[]);
    assert_eq!(
        import_project(&bomb).unwrap_err(),
        "the project's file \"project.qde\" unpacks to more than 20 MB; Caselens reads at most 20 MB per file (is the project damaged?)"
    );
    // A source the project uses.
    let xml = project_with_source("bomb.txt");
    let bomb = hostile::zip_bomb("sources/bomb.txt", 64, &[("project.qde", xml.as_bytes())]);
    assert_eq!(
        import_project(&bomb).unwrap_err(),
        "the project's file \"sources/bomb.txt\" unpacks to more than 20 MB; Caselens reads at most 20 MB per file (is the project damaged?)"
    );
    // Six sources naming one 19 MiB text: 114 MiB unpacked in all.
    let sources = (0..6)
        .map(|i| format!("<TextSource name=\"S{i}\" plainTextPath=\"internal://big.txt\"/>"))
        .collect::<Vec<_>>()
        .concat();
    let xml = hostile::project_xml("", &sources);
    let bomb = hostile::zip_bomb("sources/big.txt", 19, &[("project.qde", xml.as_bytes())]);
    let err = import_project(&bomb).unwrap_err();
    assert!(
        err.starts_with("the project's files unpack to more than 100 MB in all (the limit was reached at \"sources/big.txt\")"),
        "{err}"
    );
}

#[test]
fn entries_the_project_does_not_use_are_never_unpacked() {
    let xml = project_with_source("a.txt");
    // Bytes that do not compress, so that the damage below falls in the entry's data.
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut bytes = hostile::zip_bomb(
        "media/video.mp4",
        64,
        &[
            ("project.qde", xml.as_bytes()),
            ("sources/a.txt", b"Not a loaded case's text."),
            ("media/damaged.bin", &noise),
        ],
    );
    // Damage the unused entry's data (its checksum no longer matches): reading it would fail.
    let at = bytes
        .windows(b"media/damaged.bin".len())
        .position(|w| w == b"media/damaged.bin")
        .expect("local header")
        + b"media/damaged.bin".len();
    for b in &mut bytes[at + 10..at + 20] {
        *b ^= 0xff;
    }
    assert_eq!(import_project(&bytes), Ok(1));
}

#[test]
fn a_codebook_that_is_a_link_to_a_device_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("n.notes.json");
    let link = dir.path().join("zero.qdc");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let o = caselens(&["import", "qdc", s(&link), "--notes", s(&notes)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("zero.qdc: cannot open: it is a device, not a file"),
        "{}",
        stderr(&o)
    );
    assert!(!notes.exists());
}

#[test]
fn messages_say_what_is_wrong_in_the_users_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("n.notes.json");
    // A project's XML error is the project's, with its place.
    let bad = hostile::zip(&[("project.qde", b"<Project>\n<CodeBook>")]);
    let err = import_project(&bad).unwrap_err();
    assert!(
        err.starts_with("not a REFI-QDA project (.qdpx): project.qde, line "),
        "{err}"
    );
    assert!(!err.contains("codebook"), "{err}");
    // A truncated zip: no zip crate internals.
    let whole = hostile::zip(&[("project.qde", project_with_source("a.txt").as_bytes())]);
    let cut = dir.path().join("cut.qdpx");
    std::fs::write(&cut, &whole[..whole.len() - 30]).expect("write");
    let o = caselens(&["import", "qdpx", s(&cut), "--notes", s(&notes)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with(
            "cut.qdpx: not a REFI-QDA project (.qdpx): the file is not a zip, or it is damaged\n"
        ),
        "{}",
        stderr(&o)
    );
    // A folder given as the file: no "(os error 21)".
    for kind in ["qdc", "qdpx"] {
        let o = caselens(&["import", kind, s(dir.path()), "--notes", s(&notes)]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("cannot open: it is a folder, not a file"),
            "{}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("os error"), "{}", stderr(&o));
    }
}
