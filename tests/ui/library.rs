//! The library list: sort, filters, only the visible rows laid out, the order cached; the
//! background load's progress and its Cancel button.

use caselens::format::empty_notes;
use caselens::format::{Item, ItemKind};
use caselens::jobs::Job;
use caselens::library::{Entry, Library, Origin, Progress};
use caselens::notes::book::NoteBook;
use caselens::ui::CaselensApp;
use caselens::ui::loading::Loading;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util::{bundled, harness};

/// The titles of the library's rows, top to bottom (known by their compare tick boxes).
fn rows(h: &egui_kittest::Harness<'static, CaselensApp>) -> Vec<String> {
    h.query_all_by_role(Role::CheckBox)
        .filter_map(|n| n.accesskit_node().label())
        .filter_map(|l| l.strip_prefix("Compare ").map(str::to_owned))
        .collect()
}

fn titles(lib: &Library) -> Vec<String> {
    lib.cases.iter().map(|c| c.doc.title.clone()).collect()
}

#[test]
fn choosing_sort_by_title_orders_the_rows_by_title() {
    let lib = bundled();
    let mut h = harness(CaselensApp::with_library(lib.clone(), vec![]));
    h.run();
    assert_eq!(rows(&h), titles(&lib), "load order at first");
    h.get_by_role_and_label(Role::ComboBox, "Sort by").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Title").click();
    h.run();
    let mut sorted = titles(&lib);
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_ne!(
        sorted,
        titles(&lib),
        "the bundled cases are not loaded by title"
    );
    assert_eq!(rows(&h), sorted);
}

/// A note on `case` (counts as one of my notes).
fn note(case: &str) -> Item {
    Item {
        id: format!("note-{case}"),
        kind: ItemKind::Note,
        case: Some(case.into()),
        target: None,
        codes: vec![],
        title: None,
        text: Some("mine".into()),
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        deleted: false,
        author: None,
    }
}

#[test]
fn ticking_has_my_notes_and_a_tag_narrows_the_rows() {
    let lib = bundled();
    let mut app = CaselensApp::with_library(lib.clone(), vec![]);
    let mut notes = empty_notes(None);
    notes.items = vec![note("company-a"), note("company-b")];
    app.workspace.set_notebook(NoteBook::new(notes));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Filters").click();
    h.run();
    h.get_by_label("Has my notes").click();
    h.run();
    let a = lib.case("company-a").expect("bundled").title.clone();
    let b = lib.case("company-b").expect("bundled").title.clone();
    assert_eq!(rows(&h), [a.clone(), b.clone()]);
    assert!(
        h.query_by_label_contains("2 of ").is_some(),
        "the count says so"
    );
    // A tag only Company A has among the two: "Tag X (n)" tick boxes are listed under Tags.
    let tag = lib
        .case("company-a")
        .expect("bundled")
        .meta
        .tags
        .iter()
        .find(|t| {
            !lib.case("company-b")
                .expect("bundled")
                .meta
                .tags
                .contains(t)
        });
    let tag = tag.expect("Company A has a tag Company B lacks").clone();
    h.get_by_label("Filter by tag").click();
    h.run();
    h.get_by_label_contains(&format!("Tag {tag} (")).click();
    h.run();
    assert_eq!(rows(&h), [a]);
    assert!(h.query_by_label("Filters (2 set)").is_some());
    h.get_by_label("Clear filters").click();
    h.run();
    // Every case again; the open filter lists leave room for the first few rows only.
    assert_eq!(h.state().library_view.order().len(), lib.cases.len());
    let shown = rows(&h);
    assert!(!shown.is_empty());
    assert_eq!(shown, titles(&lib)[..shown.len()]);
}

/// 10,000 copies of the bundled cases under new ids.
fn ten_thousand() -> Library {
    let mut lib = bundled();
    let cases = lib.cases.clone();
    lib.cases = (0..10_000)
        .map(|i| {
            let mut doc = cases[i % cases.len()].doc.clone();
            doc.id = format!("{}-{i}", doc.id);
            doc.title = format!("{} ({i})", doc.title);
            Entry {
                doc,
                origin: Origin::File(format!("synthetic/{i}.case.json").into()),
            }
        })
        .collect();
    lib
}

#[test]
fn with_ten_thousand_cases_only_visible_rows_are_laid_out_and_the_order_is_cached() {
    let mut h = harness(CaselensApp::with_library(ten_thousand(), vec![]));
    h.run();
    let shown = rows(&h).len();
    assert!((10..200).contains(&shown), "{shown} rows laid out");
    assert!(h.query_by_label("10000 cases").is_some());
    let computed = h.state().library_view.computed;
    h.run_steps(5);
    assert_eq!(
        h.state().library_view.computed,
        computed,
        "no new order per frame"
    );
    h.get_by_label("Filter").click();
    h.get_by_label("Filter").type_text("(9999)");
    h.run();
    assert_eq!(rows(&h).len(), 1);
    assert!(h.state().library_view.computed > computed);
    assert_eq!(h.state().library_view.order().len(), 1);
}

#[test]
fn the_status_bar_shows_files_read_and_cancel_ends_the_load() {
    let lib = bundled();
    let mut h = harness(CaselensApp::with_library(lib.clone(), vec![]));
    h.run();
    let progress = Progress::new();
    progress.set_total(10);
    progress.set_done(3);
    let seen = progress.clone();
    // A loader that has read 3 of 10 files and stops only when cancelled.
    let job = Job::spawn(
        "test-load",
        "Loading cases",
        caselens::jobs::no_wake(),
        move || {
            while !seen.is_cancelled() {
                std::thread::yield_now();
            }
            lib
        },
    );
    h.state_mut()
        .start_loading(Loading::tracked(job, progress.clone()));
    h.run_steps(2);
    assert!(h.query_by_label("Loading 3 / 10 files").is_some());
    assert!(h.state().is_loading());
    h.get_by_label("Cancel loading").click();
    h.run_steps(1);
    assert!(progress.is_cancelled());
    while h.state().is_loading() {
        h.run_steps(1);
        std::thread::yield_now();
    }
    let status = h.state().status.clone();
    assert!(
        status.contains("Loading cancelled after 3 of 10 files"),
        "{status}"
    );
    h.run_steps(2);
    assert!(h.query_by_label("Loading 3 / 10 files").is_none());
    assert!(h.query_by_label("Cancel loading").is_none());
}

#[test]
fn a_background_load_hands_over_the_list_facts_with_the_library() {
    use caselens::library::list::{ListChoice, ListFacts, SortKey};
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (i, e) in bundled().cases.iter().cycle().take(12).enumerate() {
        let mut doc = e.doc.clone();
        doc.id = format!("{}-{i}", doc.id);
        doc.title = format!("{} ({i})", doc.title);
        let text = caselens::format::to_json_pretty(&doc, &doc.extensions).expect("JSON");
        std::fs::write(dir.path().join(format!("{}.case.json", doc.id)), text).expect("written");
    }
    let mut h = harness(CaselensApp::with_library(bundled(), vec![]));
    h.run();
    let request = caselens::library::LoadRequest {
        bundled: caselens::library::Bundled::All,
        paths: vec![dir.path().to_owned()],
    };
    let loading = Loading::spawn(&h.ctx.clone(), "Loading cases", request);
    h.state_mut().start_loading(loading);
    while h.state().is_loading() {
        h.run_steps(1);
        std::thread::yield_now();
    }
    h.run();
    let app = h.state();
    let lib = &app.workspace.library;
    assert_eq!(lib.cases.len(), bundled().cases.len() + 12);
    let prepared = lib
        .list_facts()
        .expect("the loading thread gathered the facts");
    assert!(
        std::sync::Arc::ptr_eq(app.library_view.facts().case_facts(), &prepared),
        "the list uses the facts that came with the library"
    );
    // The same order as facts gathered in the frame, for every sort.
    let in_frame = ListFacts::new(&(**lib).clone(), app.workspace.notebook.file());
    assert!(!std::sync::Arc::ptr_eq(in_frame.case_facts(), &prepared));
    for sort in SortKey::ALL {
        let choice = ListChoice {
            sort,
            ..ListChoice::default()
        };
        assert_eq!(
            app.library_view.facts().order(&choice),
            in_frame.order(&choice),
            "{sort:?}"
        );
    }
    assert_eq!(
        app.library_view.order(),
        in_frame.order(&ListChoice::default())
    );
}

#[test]
fn the_frame_that_takes_in_the_first_library_draws_the_list_and_the_next_the_view() {
    let mut h = harness(CaselensApp::with_library(Library::default(), vec![]));
    h.run();
    let lib = bundled();
    let title = lib.cases[0].doc.title.clone();
    // A finished job, so the frame's first poll takes the library in: a job still running
    // could end between the frame's first poll and its last, and be taken in after the list
    // was drawn (the CI run that failed this test).
    let job = Job::ready("Loading cases", lib);
    h.state_mut().start_loading(Loading::untracked(job));
    h.run_steps(1);
    assert!(!h.state().is_loading());
    // The hand-over frame: the list has the cases, the main area still says it is loading.
    assert!(
        h.query_all_by_label_contains(&title).next().is_some(),
        "listed"
    );
    assert!(h.query_by_label("Loading…").is_some());
    assert!(h.query_by_label("Edit case").is_none());
    // The next frame draws the reader on the first case.
    h.run_steps(1);
    assert!(h.query_by_label("Loading…").is_none());
    assert!(h.query_by_label("Edit case").is_some());
}
