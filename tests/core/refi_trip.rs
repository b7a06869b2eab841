//! Round trips through the CLI (issue 21): Caselens's own files come back without duplicates,
//! a file of the other kind is read or named, what is left out is counted in the summary, and
//! the codebook CSV for Taguette goes out and back. Every line these commands print is checked.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use crate::util::{caselens, project, stderr, text};

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// A copy of the bundled example notes (a user code without a GUID, highlights on framework
/// and user codes, a note and a memo).
fn lecture(dir: &Path) -> PathBuf {
    let path = dir.join("l.json");
    std::fs::copy(project("cases/examples/lecture.notes.json"), &path).expect("copy");
    path
}

/// The summary line, and that nothing else is on stdout.
fn stdout_line(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    out.trim_end().to_owned()
}

#[test]
fn caselens_own_files_import_back_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let notes = lecture(dir.path());
    let before = std::fs::read(&notes).unwrap();
    let qdc = dir.path().join("l.qdc");
    let o = caselens(&["export", "qdc", "--notes", s(&notes), "-o", s(&qdc)]);
    assert!(o.status.success());
    assert!(stderr(&o).starts_with("wrote "), "{}", stderr(&o));
    assert!(stderr(&o).ends_with(&format!(" code(s) to {}\n", qdc.display())));
    let o = caselens(&["import", "qdc", s(&qdc), "--notes", s(&notes)]);
    let line = stdout_line(&o);
    assert!(line.starts_with("0 code(s) added, 0 updated, "), "{line}");
    assert!(line.ends_with(" framework code(s) skipped"), "{line}");
    assert_eq!(
        stderr(&o),
        format!("your notes are in {}\n", notes.display())
    );
    let qdpx = dir.path().join("l.qdpx");
    let o = caselens(&["export", "qdpx", "--notes", s(&notes), "-o", s(&qdpx)]);
    assert_eq!(
        stderr(&o),
        format!(
            "wrote 11 case(s) and 4 highlight(s) to {}\n",
            qdpx.display()
        )
    );
    let o = caselens(&["import", "qdpx", s(&qdpx), "--notes", s(&notes)]);
    assert_eq!(
        stdout_line(&o),
        "0 code(s) added, 0 highlight(s) added, 0 memo(s) and note(s) added, 6 already there"
    );
    assert_eq!(std::fs::read(&notes).unwrap(), before, "nothing changed");
}

#[test]
fn a_project_picked_as_a_codebook_and_a_bare_qde_picked_as_a_project_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let notes = lecture(dir.path());
    let qdpx = dir.path().join("l.qdpx");
    assert!(
        caselens(&["export", "qdpx", "--notes", s(&notes), "-o", s(&qdpx)])
            .status
            .success()
    );
    let fresh = dir.path().join("fresh.json");
    let o = caselens(&["import", "qdc", s(&qdpx), "--notes", s(&fresh)]);
    assert!(stdout_line(&o).starts_with("1 code(s) added, 0 updated, "));
    // The .qde alone: its sources are files in the zip, so only the codes and the memo come.
    let mut qde = String::new();
    let bytes = std::fs::read(&qdpx).unwrap();
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    let qde_path = dir.path().join("project.qde");
    std::fs::write(&qde_path, &qde).unwrap();
    let other = dir.path().join("other.json");
    let o = caselens(&["import", "qdpx", s(&qde_path), "--notes", s(&other)]);
    assert_eq!(
        stdout_line(&o),
        "1 code(s) added, 0 highlight(s) added, 0 memo(s) and note(s) added, 0 already there; \
         left out: 4 codings on sources that are not a loaded case, \
         2 notes on things not imported or without their text"
    );
    let err = stderr(&o);
    assert!(
        err.contains(
            "source \"Company A: a wireless ASP for the front office\": its text is not in the file; its codings are left out\n"
        ),
        "{err}"
    );
    assert_eq!(err.lines().filter(|l| l.starts_with("source ")).count(), 11);
    assert!(err.ends_with(&format!("your notes are in {}\n", other.display())));
    // A codebook given as a project: the right command is named, nothing is written.
    let qdc = dir.path().join("l.qdc");
    assert!(
        caselens(&["export", "qdc", "--notes", s(&notes), "-o", s(&qdc)])
            .status
            .success()
    );
    let o = caselens(&["import", "qdpx", s(&qdc), "--notes", s(&fresh)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "caselens: {}: this is a REFI-QDA codebook, not a project: import it with `caselens import qdc` (File > Import > REFI-QDA codebook)\n",
            qdc.display()
        )
    );
}

#[test]
fn what_a_project_holds_and_caselens_does_not_is_counted_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let notes = lecture(dir.path());
    let qdpx = dir.path().join("l.qdpx");
    assert!(
        caselens(&["export", "qdpx", "--notes", s(&notes), "-o", s(&qdpx)])
            .status
            .success()
    );
    // As ATLAS.ti might add: a PDF with two codings, two sets, a link and a graph.
    let g = |n: u8| format!("{n}f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11");
    let extra = format!(
        "<Sources><PDFSource guid=\"{}\" name=\"scan.pdf\" path=\"internal://scan.pdf\">\
         <PDFSelection guid=\"{}\" page=\"1\" firstX=\"1\" firstY=\"1\" secondX=\"2\" secondY=\"2\">\
         <Coding guid=\"{}\"><CodeRef targetGUID=\"{}\"/></Coding>\
         <Coding guid=\"{}\"><CodeRef targetGUID=\"{}\"/></Coding></PDFSelection></PDFSource>",
        g(1),
        g(2),
        g(3),
        g(4),
        g(5),
        g(4)
    );
    let tail = format!(
        "<Links><Link guid=\"{}\" originGUID=\"{}\" targetGUID=\"{}\"/></Links>\
         <Sets><Set guid=\"{}\" name=\"a\"/><Set guid=\"{}\" name=\"b\"/></Sets>\
         <Graphs><Graph guid=\"{}\"/></Graphs></Project>",
        g(6),
        g(1),
        g(2),
        g(7),
        g(8),
        g(9)
    );
    let bytes = std::fs::read(&qdpx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        let mut body = String::new();
        e.read_to_string(&mut body).unwrap();
        if name == "project.qde" {
            body = body
                .replacen("<Sources>", &extra, 1)
                .replacen("</Project>", &tail, 1);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    let atlas = dir.path().join("atlas.qdpx");
    std::fs::write(&atlas, out.finish().unwrap().into_inner()).unwrap();
    let fresh = dir.path().join("fresh.json");
    let o = caselens(&["import", "qdpx", s(&atlas), "--notes", s(&fresh)]);
    assert_eq!(
        stdout_line(&o),
        "1 code(s) added, 4 highlight(s) added, 2 memo(s) and note(s) added, 0 already there; \
         left out: 2 codings on non-text sources, 1 non-text source (PDF, picture, audio, video), \
         2 sets, 1 link, 1 graph"
    );
    assert_eq!(
        stderr(&o),
        format!(
            "the codings were made by \"Caselens sample\", now this notes file's author\n\
             your notes are in {}\n",
            fresh.display()
        )
    );
    let got: serde_json::Value = serde_json::from_slice(&std::fs::read(&fresh).unwrap()).unwrap();
    assert_eq!(got["author"], "Caselens sample");
}

#[test]
fn the_codebook_csv_goes_out_in_taguettes_form_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let notes = lecture(dir.path());
    let csv = dir.path().join("codebook.csv");
    let o = caselens(&[
        "export",
        "codebook-csv",
        "--notes",
        s(&notes),
        "-o",
        s(&csv),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).ends_with(&format!(" code(s) to {}\n", csv.display())));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with("\u{feff}tag,description,color\r\n"),
        "{written}"
    );
    assert!(
        written.contains("\r\nSource's own claim,,#b45309\r\n"),
        "the user's code: {written}"
    );
    // Into an empty notes file: only the user's code (the frameworks' are recognised).
    let fresh = dir.path().join("fresh.json");
    let o = caselens(&["import", "codebook-csv", s(&csv), "--notes", s(&fresh)]);
    let line = stdout_line(&o);
    assert!(line.starts_with("1 code(s) added, 0 updated, "), "{line}");
    assert_eq!(
        stderr(&o),
        format!("your notes are in {}\n", fresh.display())
    );
    let o = caselens(&["import", "codebook-csv", s(&csv), "--notes", s(&fresh)]);
    assert!(stdout_line(&o).starts_with("0 code(s) added, 0 updated, "));
    // Taguette's own export.
    let taguette = project("tests/fixtures/taguette/taguette-export.csv");
    let o = caselens(&["import", "codebook-csv", s(&taguette), "--notes", s(&fresh)]);
    assert!(stdout_line(&o).starts_with("4 code(s) added, 0 updated, 0 framework"));
    // A CSV without a tag column: Taguette's reason, exit 1, nothing written.
    let before = std::fs::read(&fresh).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "label,description\nA,b\n").unwrap();
    let o = caselens(&["import", "codebook-csv", s(&bad), "--notes", s(&fresh)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "caselens: {}: not a codebook CSV: no 'tag', 'name', or 'path' column\n",
            bad.display()
        )
    );
    assert_eq!(std::fs::read(&fresh).unwrap(), before);
}

/// `(label, colour, parent label, codable)` of each user code, sorted.
fn codes_of(notes: &serde_json::Value) -> Vec<String> {
    let codes = notes["codes"].as_array().cloned().unwrap_or_default();
    let label = |id: &serde_json::Value| {
        codes
            .iter()
            .find(|c| c["id"] == *id)
            .map(|c| c["label"].to_string())
    };
    let mut v: Vec<String> = codes
        .iter()
        .map(|c| {
            format!(
                "{} {} {:?} {}",
                c["label"],
                c["color"],
                label(&c["parent"]),
                c["codable"]
            )
        })
        .collect();
    v.sort();
    v
}

/// Live items as `kind case paragraph exact [code labels] comment title target`, sorted; user
/// codes by label (ids come from labels on import).
fn items_of(notes: &serde_json::Value) -> Vec<String> {
    let codes = notes["codes"].as_array().cloned().unwrap_or_default();
    let label = |id: &serde_json::Value| {
        codes
            .iter()
            .find(|c| c["id"] == *id)
            .map_or_else(|| id.to_string(), |c| c["label"].to_string())
    };
    let mut v: Vec<String> = notes["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|i| i["deleted"] != true)
        .map(|i| {
            let mut labels: Vec<String> = i["codes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(label)
                .collect();
            labels.sort();
            let t = &i["target"];
            format!(
                "{} {} {} {} {labels:?} {} {} {}",
                i["kind"],
                i["case"],
                t["paragraph"],
                t["exact"],
                i["text"],
                i["title"],
                t["dimension"]
            )
        })
        .collect();
    v.sort();
    v
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("read a notes file"))
        .expect("read a notes file")
}

/// The zip at `from` with the project XML changed by `edit` and every name by `rename`.
fn rezip(from: &Path, to: &Path, edit: impl Fn(&str) -> String, rename: impl Fn(&str) -> String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(
        std::fs::read(from).expect("rezip the project"),
    ))
    .expect("rezip the project");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("rezip the project");
        let name = e.name().expect("rezip the project").into_owned();
        let mut body = String::new();
        e.read_to_string(&mut body).expect("rezip the project");
        if name == "project.qde" {
            body = edit(&body);
        }
        out.start_file(rename(&name), zip::write::SimpleFileOptions::default())
            .expect("rezip the project");
        out.write_all(body.as_bytes()).expect("rezip the project");
    }
    std::fs::write(to, out.finish().expect("rezip the project").into_inner())
        .expect("rezip the project");
}

#[test]
fn a_project_round_trips_into_an_empty_notes_file_and_survives_new_guids() {
    let dir = tempfile::tempdir().unwrap();
    let notes = lecture(dir.path());
    let qdpx = dir.path().join("l.qdpx");
    assert!(
        caselens(&["export", "qdpx", "--notes", s(&notes), "-o", s(&qdpx)])
            .status
            .success()
    );
    let fresh = dir.path().join("fresh.json");
    let o = caselens(&["import", "qdpx", s(&qdpx), "--notes", s(&fresh)]);
    assert_eq!(
        stdout_line(&o),
        "1 code(s) added, 4 highlight(s) added, 2 memo(s) and note(s) added, 0 already there"
    );
    let (want, got) = (json(&notes), json(&fresh));
    assert_eq!(codes_of(&got), codes_of(&want));
    assert_eq!(
        items_of(&got),
        items_of(&want),
        "highlights, comments, the cell note, the memo"
    );
    assert_eq!(got["author"], want["author"]);
    // Every GUID replaced (QualCoder does it at each export): onto the notes it came from and
    // onto the fresh copy, nothing is added.
    let doc_text = {
        let mut z =
            zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&qdpx).unwrap())).unwrap();
        let mut t = String::new();
        z.by_name("project.qde")
            .unwrap()
            .read_to_string(&mut t)
            .unwrap();
        t
    };
    let doc = roxmltree::Document::parse(&doc_text).unwrap();
    let mut guids: Vec<String> = doc
        .descendants()
        .flat_map(|n| {
            n.attributes()
                .map(|a| a.value().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|v| v.len() == 36 && v.matches('-').count() == 4)
        .collect();
    guids.sort();
    guids.dedup();
    assert!(
        guids.len() > 100,
        "codes, sources, selections, notes: {}",
        guids.len()
    );
    let swap = |t: &str| {
        let mut t = t.to_owned();
        for (n, g) in guids.iter().enumerate() {
            t = t.replace(g.as_str(), &format!("{n:08}-0000-4000-8000-000000000000"));
        }
        t
    };
    let renewed = dir.path().join("renewed.qdpx");
    rezip(&qdpx, &renewed, swap, swap);
    for target in [&notes, &fresh] {
        let before = std::fs::read(target).unwrap();
        let o = caselens(&["import", "qdpx", s(&renewed), "--notes", s(target)]);
        assert_eq!(
            stdout_line(&o),
            "0 code(s) added, 0 highlight(s) added, 0 memo(s) and note(s) added, 6 already there"
        );
        assert_eq!(std::fs::read(target).unwrap(), before);
    }
}

#[test]
fn a_coding_across_two_paragraphs_becomes_two_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let lib = crate::util::bundled();
    let case = &lib.case("company-a").unwrap();
    let source = caselens::refi::qdpx::source_text(case);
    let first = &case.sections[0];
    let a = format!("{}/{}", first.id, first.paragraphs[0].id);
    let b = format!("{}/{}", first.id, first.paragraphs[1].id);
    let (start_b, _) = source.paragraphs[&b];
    let (start_a, rendered_a) = &source.paragraphs[&a];
    let end_a = start_a + rendered_a.plain.chars().count();
    let (start, end) = (end_a - 10, start_b + 10);
    let qde = format!(
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Sources>\
         <TextSource guid=\"3f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"A\">\
         <PlainTextContent>{}</PlainTextContent>\
         <PlainTextSelection guid=\"7f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"across\" startPosition=\"{start}\" endPosition=\"{end}\"/>\
         </TextSource></Sources></Project>",
        caselens::refi::text(&source.text)
    );
    let path = dir.path().join("across.qde");
    std::fs::write(&path, qde).unwrap();
    let fresh = dir.path().join("fresh.json");
    let o = caselens(&["import", "qdpx", s(&path), "--notes", s(&fresh)]);
    assert_eq!(
        stdout_line(&o),
        "0 code(s) added, 2 highlight(s) added, 0 memo(s) and note(s) added, 0 already there"
    );
    assert_eq!(
        stderr(&o),
        format!(
            "company-a: selection \"across\" crosses 2 paragraphs: it became one highlight on each\n\
             your notes are in {}\n",
            fresh.display()
        )
    );
    let paragraphs: Vec<String> = json(&fresh)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["target"]["paragraph"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paragraphs, [a, b]);
}
