//! The window stays responsive while background work runs: a job that never ends does not
//! stop frames, and what it replaces keeps serving meanwhile.

use std::sync::mpsc;

use caselens::jobs::{Job, no_wake};
use caselens::search::{Index, Query};
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::util::{bundled, harness};

type H = egui_kittest::Harness<'static, CaselensApp>;

/// Hits of `text` over the bundled cases (no notes), counted as the panel counts them.
fn hits(text: &str) -> usize {
    Index::build(&bundled(), None)
        .search(&Query::parse(text).expect("a query"))
        .iter()
        .map(|c| c.hits.len())
        .sum()
}

fn search_for(h: &mut H, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text(text);
    h.run();
}

/// Draws frames until the search index and query jobs have ended (a bounded number: the jobs
/// are real work on another thread, so no clock is involved, only yields).
fn until_indexed(h: &mut H) {
    for _ in 0..100_000 {
        if !h.state().search_view.busy() {
            return;
        }
        std::thread::yield_now();
        h.step();
    }
    panic!("the index job never ended");
}

/// A highlight on the open case: the notes change, so the search index is out of date.
fn add_highlight(h: &mut H) {
    let app = h.state_mut();
    let case = app.workspace.reader_case().expect("an open case");
    let section = &case.sections[0];
    let paragraph = format!("{}/{}", section.id, section.paragraphs[0].id);
    app.workspace.apply(Action::Edit(Edit::AddHighlight {
        paragraph,
        start: 0,
        end: 5,
        codes: Vec::new(),
        comment: "a comment".into(),
    }));
}

#[test]
fn a_search_index_that_never_finishes_does_not_stop_frames_and_the_old_one_serves() {
    let mut h = harness(CaselensApp::with_library(bundled(), vec![]));
    h.run();
    search_for(&mut h, "alliance");
    let first = hits("alliance");
    assert!(first > 1);
    assert_eq!(h.state().search_view.hit_count(), first);

    add_highlight(&mut h);
    // The rebuild for the new notes never ends while `hold` is kept.
    let (hold, wait) = mpsc::channel::<()>();
    let never = Job::spawn("test-index", "Indexing", no_wake(), move || {
        wait.recv().ok();
        Index::default()
    });
    let generation = h.state().workspace.generation;
    h.state_mut().search_view.index_with(generation, never);
    for _ in 0..20 {
        h.step();
    }
    assert!(h.state().search_view.indexing());
    assert!(h.query_by_label("Indexing…").is_some(), "the wait is shown");
    // Typing still runs queries, on the old index.
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text(" partner");
    h.step();
    assert_eq!(
        h.state().search_view.hit_count(),
        hits("alliance partner"),
        "the old index answers"
    );
    // Released, the (empty) index it built replaces the old one.
    drop(hold);
    until_indexed(&mut h);
    h.step();
    assert_eq!(h.state().search_view.hit_count(), 0, "the new index serves");
    assert!(h.query_by_label("Indexing…").is_none());
}

#[test]
fn a_large_library_is_indexed_on_a_worker_and_its_hits_are_the_same() {
    let mut app = CaselensApp::with_library(bundled(), vec![]);
    // Every library takes the worker's path.
    app.search_view.inline_texts = 0;
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::F);
    h.step();
    h.step();
    assert!(
        h.state().workspace.search.is_some(),
        "the search panel opened"
    );
}

#[test]
fn an_export_is_built_on_its_job_from_the_notes_as_they_were_while_editing_goes_on() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("highlights.csv");
    let mut h = harness(CaselensApp::with_library(bundled(), vec![]));
    h.run();
    add_highlight(&mut h);
    let (release, gate) = mpsc::channel::<()>();
    h.state_mut().export_gate = Some(gate);
    let ctx = h.ctx.clone();
    h.state_mut().export_to(
        &ctx,
        caselens::workspace::export::ExportKind::HighlightsCsv,
        path.clone(),
    );
    for _ in 0..20 {
        h.step();
    }
    assert!(h.state().is_busy(), "the export runs");
    assert!(!path.exists(), "nothing written before its job builds it");
    // The window works on: another highlight, with its own comment.
    let before = h.state().workspace.notebook.items().count();
    let app = h.state_mut();
    let case = app.workspace.reader_case().expect("an open case");
    let section = &case.sections[1];
    let paragraph = format!("{}/{}", section.id, section.paragraphs[0].id);
    app.workspace.apply(Action::Edit(Edit::AddHighlight {
        paragraph,
        start: 0,
        end: 4,
        codes: Vec::new(),
        comment: "added while exporting".into(),
    }));
    h.step();
    assert_eq!(h.state().workspace.notebook.items().count(), before + 1);
    drop(release);
    for _ in 0..100_000 {
        if !h.state().is_busy() {
            break;
        }
        std::thread::yield_now();
        h.step();
    }
    assert!(!h.state().is_busy(), "the export ended");
    let csv = std::fs::read_to_string(&path).expect("written");
    assert!(csv.contains("a comment"), "{csv}");
    assert!(
        !csv.contains("added while exporting"),
        "the notes as they were when the export began: {csv}"
    );
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
}

#[test]
fn an_agreement_that_never_finishes_does_not_stop_frames_and_its_figures_come_when_it_does() {
    use caselens::agreement::{CodeFilter, Options, Unit, agreement};
    use caselens::workspace::View;
    let dir = crate::class::class_folder();
    let mut app = crate::class::class_app(dir.path());
    // The computation is held on its worker while `hold` is kept.
    let (hold, gate) = mpsc::channel::<()>();
    app.agreement_view.gate = Some(gate);
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    for _ in 0..20 {
        h.step();
    }
    assert_eq!(h.state().workspace.view, View::Agreement);
    assert!(h.state().agreement_view.computing());
    assert!(
        h.query_by_label("Computing agreement…").is_some(),
        "the wait is shown"
    );
    // The window works on: another view, the search panel, and back, with the job still held.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.step();
    h.step();
    assert_eq!(h.state().workspace.view, View::Reader);
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::F);
    h.step();
    h.step();
    assert!(
        h.state().workspace.search.is_some(),
        "the search panel opened"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    for _ in 0..5 {
        h.step();
    }
    assert!(
        h.state().agreement_view.computing(),
        "the same job, still held"
    );
    assert!(h.state().agreement_view.figures.is_none());
    // Released, its figures are the core's.
    drop(hold);
    for _ in 0..100_000 {
        if !h.state().agreement_view.computing() {
            break;
        }
        std::thread::yield_now();
        h.step();
    }
    h.step();
    let loaded = caselens::notes::layers::load_layers(&[dir.path().to_owned()], &bundled());
    let options = crate::class::with_bootstrap(Options::new(Unit::Paragraph, CodeFilter::All));
    let report = agreement(&bundled(), &loaded.layers, &options);
    crate::class::shows_row(&h, "Overall", &report.overall);
    assert!(h.query_by_label("Computing agreement…").is_none());
}
