//! The reader, driven through its accessibility tree.

use caselens::library::{Library, Origin};
use caselens::ui::CaselensApp;
use egui_kittest::kittest::Queryable as _;

use crate::util::{bundled, harness};

#[test]
fn choosing_a_case_in_the_library_opens_it() {
    let lib = bundled();
    let b_title = lib
        .case("company-b")
        .expect("bundled company-b")
        .title
        .clone();
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.run();
    h.get_by_label(&b_title).click();
    h.run();
    assert_eq!(h.state().workspace.open_case.as_deref(), Some("company-b"));
    // The reader shows the framework's groups and marks what the case leaves unknown.
    assert!(h.query_by_label("Partnering").is_some());
    assert!(
        !h.query_all_by_label("unknown")
            .collect::<Vec<_>>()
            .is_empty()
    );
}

#[test]
fn clicking_evidence_focuses_the_paragraph() {
    let lib = bundled();
    let case = lib.case("company-a").expect("bundled company-a").clone();
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.state_mut()
        .workspace
        .apply(caselens::workspace::Action::OpenCase {
            case: "company-a".into(),
            at: None,
        });
    h.run();
    let (dim, facet) = case
        .facets
        .iter()
        .find(|(_, f)| f.evidence.iter().any(|e| e.reference.is_some()))
        .expect("a facet with paragraph evidence");
    let evidence = facet
        .evidence
        .iter()
        .find(|e| e.reference.is_some())
        .unwrap();
    let address = evidence.reference.clone().unwrap();
    let label = format!("¶ {address}");
    let buttons: Vec<_> = h.query_all_by_label(&label).collect();
    assert!(!buttons.is_empty(), "evidence button for {dim}");
    buttons[0].click();
    h.run();
    let focus = h.state().workspace.focus.clone().expect("focus set");
    assert_eq!(focus.paragraph, address);
    assert!(
        !focus.scroll_pending,
        "the reader scrolled to the paragraph"
    );
}

#[test]
fn instructor_questions_are_hidden_until_asked_for() {
    let lib = bundled();
    let case = lib.case("company-a").unwrap().clone();
    let q = case
        .questions
        .iter()
        .find(|q| q.audience == caselens::format::Audience::Instructor)
        .expect("an instructor question");
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.state_mut()
        .workspace
        .apply(caselens::workspace::Action::OpenCase {
            case: "company-a".into(),
            at: None,
        });
    h.run();
    assert!(h.query_by_label_contains(&q.text).is_none());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Instructor questions").click();
    h.run();
    assert!(h.query_by_label_contains(&q.text).is_some());
}

#[test]
fn broken_file_is_listed_and_others_still_load() {
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/other-course/acme.case.json"
    ))
    .unwrap();
    let fw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/other-course/mini.framework.json"
    ))
    .unwrap();
    let lib = Library::from_sources(vec![
        (Origin::File("mini.framework.json".into()), Ok(fw)),
        (Origin::File("acme.case.json".into()), Ok(good)),
        (
            Origin::File("broken.case.json".into()),
            Ok(b"{\"format\": \"caselens/case@1\",".to_vec()),
        ),
    ]);
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.run();
    assert_eq!(h.state().workspace.open_case.as_deref(), Some("acme"));
    assert!(
        h.state().workspace.show_problems,
        "problems panel opens for the user's own broken files"
    );
    assert!(h.query_by_label("broken.case.json").is_some());
    assert!(h.query_by_label_contains("broken.case.json:1:").is_some());
    h.get_by_label("Hide").click();
    h.run();
    assert!(!h.state().workspace.show_problems);
}

#[test]
fn library_filter_narrows_the_list() {
    let lib = bundled();
    let a_title = lib.case("company-a").unwrap().title.clone();
    let b_title = lib.case("company-b").unwrap().title.clone();
    let mut h = harness(CaselensApp::with_library(lib, vec![]));
    h.run();
    h.get_by_label("Filter").click();
    h.get_by_label("Filter").type_text("company-b");
    h.run();
    // The list rows are known by their compare tick boxes (the reader also shows a title).
    assert!(h.query_by_label(&format!("Compare {b_title}")).is_some());
    assert!(h.query_by_label(&format!("Compare {a_title}")).is_none());
    h.get_by_label("Filter").type_text("zzz");
    h.run();
    assert!(h.query_by_label("No case matches the filter.").is_some());
}

#[test]
fn whole_app_starts_and_loads_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let notes_path = dir.path().join("app.notes.json");
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| CaselensApp::new(cc, vec![], Some(notes_path)));
    // Frames run until the loading threads have handed over; no clock is involved.
    for _ in 0..100_000 {
        h.run_steps(1);
        if !h.state().is_loading() {
            break;
        }
        std::thread::yield_now();
    }
    assert!(!h.state().is_loading());
    assert!(h.state().workspace.open_case.is_some());
    assert!(h.state().workspace.library.cases.len() >= 2);
}

#[test]
fn a_failed_background_load_is_reported_not_loading_forever() {
    let mut h = crate::util::harness(CaselensApp::with_library(Library::default(), vec![]));
    h.state_mut().load_with(caselens::jobs::Job::spawn(
        "test-load",
        "Loading cases",
        caselens::jobs::no_wake(),
        || panic!("a loader bug"),
    ));
    assert!(h.state().is_loading());
    // Frames run until the worker thread has ended; no clock is involved.
    while h.state().is_loading() {
        h.run_steps(1);
        std::thread::yield_now();
    }
    assert!(
        h.state().status.contains("Loading cases failed"),
        "{}",
        h.state().status
    );
    h.run();
    assert!(h.query_by_label_contains("Loading cases failed").is_some());
    assert!(h.query_by_label("Loading…").is_none());
}

#[test]
fn a_lower_bound_reads_as_a_bound_in_the_reader() {
    let mut h =
        crate::util::harness_sized(crate::util::app_on("usinternetworking"), 1400.0, 3000.0);
    h.run();
    assert!(
        h.query_by_label("at least 100").is_some(),
        "USi's revenue is \"more than USD 100 million\", not 100"
    );
}

#[test]
fn the_bundled_lesson_notes_show_read_only_beside_the_users_own() {
    let mut app = crate::util::app_on("company-a");
    let lib = app.workspace.library.clone();
    app.notes.set_library_notes(&lib.notes);
    assert!(
        !app.notes.references().is_empty(),
        "the bundled lecture notes are a reference layer"
    );
    let mut h = crate::util::harness_sized(app, 1400.0, 3000.0);
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    assert!(h.query_by_label("lecture.notes.json (read-only)").is_some());
    let quote = h.get_by_label("“Europe's first wireless ASP”");
    quote.click();
    h.run();
    let focus = h
        .state()
        .workspace
        .focus
        .clone()
        .expect("the passage opened");
    assert_eq!(focus.paragraph, "business-model/p2");
    assert_eq!(
        h.state().workspace.notebook.items().count(),
        0,
        "the user's own notes are untouched"
    );
}

#[test]
fn a_paragraph_out_of_sight_keeps_its_place_and_name_and_is_drawn_when_scrolled_to() {
    use egui::accesskit::Role;
    let lib = bundled();
    let case = lib.case("company-a").expect("bundled company-a").clone();
    let section = case.sections.last().expect("a section");
    let last = format!(
        "Paragraph {}/{}",
        section.id,
        section.paragraphs.last().expect("a paragraph").id
    );
    let first = format!(
        "Paragraph {}/{}",
        case.sections[0].id, case.sections[0].paragraphs[0].id
    );
    let mut h = crate::util::harness_sized(crate::util::app_on("company-a"), 1000.0, 600.0);
    h.run();
    // At the top: the first paragraph is drawn (a text to select in), the last only holds
    // its place, under its name.
    let placeholder = |h: &egui_kittest::Harness<'static, CaselensApp>, name: &str| {
        h.query_by_role_and_label(Role::Paragraph, name).is_some()
    };
    assert!(h.query_by_label(&first).is_some() && !placeholder(&h, &first));
    assert!(placeholder(&h, &last));
    h.get_by_label(&last).scroll_to_me();
    h.run();
    assert!(
        h.query_by_label(&last).is_some() && !placeholder(&h, &last),
        "scrolled to, it is drawn"
    );
    assert!(
        placeholder(&h, &first),
        "and the first, now out of sight, is not"
    );
    assert!(
        h.state().reader.in_sight.is_some(),
        "scrolled past the opening"
    );
}
