//! *File > Import* of REFI-QDA projects and codebook CSVs (issue 21): the status bar shows the
//! same summary as the CLI, with every kind of thing left out counted; *File > Export >
//! Codebook as CSV (Taguette)* writes what *File > Import > Codebook CSV* reads back.

use std::io::{Read as _, Write as _};

use caselens::refi::files::ImportKind;
use caselens::workspace::export::ExportKind;
use caselens::workspace::{Action, Edit};
use egui_kittest::kittest::Queryable as _;

use crate::util;

type H = egui_kittest::Harness<'static, caselens::ui::CaselensApp>;

/// Runs frames until the status bar stops saying `start` (the worker has reported).
fn wait_for_status(h: &mut H, start: &str) {
    for _ in 0..100_000 {
        h.run();
        if !h.state().status.starts_with(start) {
            return;
        }
        std::thread::yield_now();
    }
}

/// The bundled cases as a project, with two sets and a link added (as ATLAS.ti writes them).
fn project_with_sets(dir: &std::path::Path) -> std::path::PathBuf {
    let app = util::app_on("company-a");
    let (bytes, _) =
        caselens::refi::files::project(&app.workspace.library, app.workspace.notebook.file(), "p")
            .expect("build the project");
    let g = |n: u8| format!("{n}f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11");
    let tail = format!(
        "<Links><Link guid=\"{}\" originGUID=\"{}\" targetGUID=\"{}\"/></Links>\
         <Sets><Set guid=\"{}\" name=\"a\"/><Set guid=\"{}\" name=\"b\"/></Sets></Project>",
        g(1),
        g(2),
        g(3),
        g(4),
        g(5)
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("build the project");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("build the project");
        let name = e.name().expect("build the project").into_owned();
        let mut body = String::new();
        e.read_to_string(&mut body).expect("build the project");
        if name == "project.qde" {
            body = body.replacen("</Project>", &tail, 1);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("build the project");
        out.write_all(body.as_bytes()).expect("build the project");
    }
    let path = dir.join("atlas.qdpx");
    std::fs::write(&path, out.finish().expect("build the project").into_inner())
        .expect("build the project");
    path
}

#[test]
fn the_status_bar_counts_what_a_project_import_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_sets(dir.path());
    let mut h = util::harness(util::app_on("company-a"));
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().import_from(&ctx, ImportKind::Project, path);
    wait_for_status(&mut h, "Importing");
    let status = h.state().status.clone();
    assert_eq!(
        status,
        "Imported: 0 code(s) added, 0 highlight(s) added, 0 memo(s) and note(s) added, \
         0 already there; left out: 2 sets, 1 link (Ctrl+Z undoes it).",
    );
    h.run();
    assert!(
        h.query_by_label_contains("left out: 2 sets, 1 link")
            .is_some(),
        "the status bar shows it"
    );
}

#[test]
fn a_codebook_csv_exported_from_the_menu_imports_back_into_another_window() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("codebook.csv");
    let mut app = util::app_on("company-a");
    app.workspace.apply(Action::Edit(Edit::AddCode {
        label: "Trust. Early".into(),
        color: "#336699".into(),
        parent: None,
    }));
    let mut h = util::harness(app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.query_by_label("Codebook as CSV (Taguette)…").is_some());
    let ctx = h.ctx.clone();
    h.state_mut().status = "before".into();
    h.state_mut()
        .export_to(&ctx, ExportKind::CodebookCsv, csv.clone());
    wait_for_status(&mut h, "before");
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.contains("\r\nTrust\u{2024} Early,,#336699\r\n"),
        "{written}"
    );

    let mut h = util::harness(util::app_on("company-a"));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    assert!(h.query_by_label("Codebook CSV (Taguette)…").is_some());
    let ctx = h.ctx.clone();
    h.state_mut()
        .import_from(&ctx, ImportKind::CodebookCsv, csv);
    wait_for_status(&mut h, "Importing");
    let labels: Vec<String> = h
        .state()
        .workspace
        .notebook
        .file()
        .codes
        .iter()
        .map(|c| c.label.clone())
        .collect();
    assert_eq!(labels, ["Trust. Early"], "{}", h.state().status);
    assert!(
        h.state()
            .status
            .starts_with("Imported: 1 code(s) added, 0 updated, "),
        "{}",
        h.state().status
    );
}
