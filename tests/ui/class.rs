//! A class in one view: three notes files opened as layers; the Layers panel, the reader's
//! density band, the matrix counting authors, the coded passages by author, the agreement
//! table and the disagreement triage with *Mark as discussed*.

use std::path::Path;

use caselens::agreement::triage::DISCUSSED;
use caselens::agreement::triage::disagreements;
use caselens::agreement::{CodeFilter, Options, Unit, agreement};
use caselens::notes::layers::load_layers;
use caselens::ui::CaselensApp;
use caselens::ui::views::agreement_view::{COLUMNS, cells};
use caselens::workspace::class::{ClassAction, MatrixCount, problem_text};
use caselens::workspace::{Action, View};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{app_on, bundled, harness, write_company_a_notes};

const MARKET: &str = "RAT.practice.market-access";
const SPEED: &str = "RAT.practice.speed-and-cost";
const TITLE: &str = "Company A: a wireless ASP for the front office";

/// Ana and Ben mark background/p1 with Market access; on background/p3 Ana and Ben code
/// Faster and cheaper, Cleo Market access.
pub(crate) fn class_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_company_a_notes(
        dir.path(),
        "Ana",
        &[
            ("background/p1", "Company A", &[MARKET]),
            ("background/p3", "founders", &[SPEED]),
        ],
    );
    write_company_a_notes(
        dir.path(),
        "Ben",
        &[
            ("background/p1", "e-business", &[MARKET]),
            ("background/p3", "founders", &[SPEED]),
        ],
    );
    write_company_a_notes(
        dir.path(),
        "Cleo",
        &[("background/p3", "founders", &[MARKET])],
    );
    dir
}

/// Company A in the reader with the folder's three files opened as layers.
pub(crate) fn class_app(dir: &Path) -> CaselensApp {
    let mut app = app_on("company-a");
    app.open_layers_now(&[dir.to_owned()]);
    app
}

pub(crate) fn view(h: &mut Harness<'static, CaselensApp>, key: egui::Key) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, key);
    h.run();
}

#[test]
fn the_layers_panel_lists_each_author_and_ticks_choose_the_shown_ones() {
    let dir = class_folder();
    let mut h = harness(class_app(dir.path()));
    h.run();
    assert!(
        h.state().workspace.class.show_panel,
        "opened with the layers"
    );
    assert!(h.query_by_label("3 of 3 layer(s) shown").is_some());
    for author in ["Ana", "Ben", "Cleo"] {
        assert!(h.query_by_label(author).is_some(), "{author} is listed");
    }
    assert!(h.state().workspace.class.problems.is_empty());
    h.get_by_label("Ben").click();
    h.run();
    assert!(h.query_by_label("2 of 3 layer(s) shown").is_some());
    h.get_by_label("None").click();
    h.run();
    assert!(h.query_by_label("0 of 3 layer(s) shown").is_some());
    assert!(
        h.query_by_label_contains("authors marked this paragraph")
            .is_none(),
        "no band without a shown layer"
    );
    h.get_by_label("All").click();
    h.run();
    assert!(h.query_by_label("3 of 3 layer(s) shown").is_some());
}

#[test]
fn the_density_band_says_two_of_three_authors_marked_the_paragraph() {
    let dir = class_folder();
    let mut h = harness(class_app(dir.path()));
    h.run();
    let band = h.get_by_label("Paragraph background/p1: 2 of 3 authors marked this paragraph");
    assert!(
        h.query_by_label("Paragraph background/p2: 0 of 3 authors marked this paragraph")
            .is_some()
    );
    band.hover();
    h.run();
    assert!(
        h.query_by_label("2 of 3 authors marked this paragraph")
            .is_some(),
        "the hover text says it in words"
    );
    // Hiding Ana: one of the two remaining authors marked it.
    let ana = h.state().workspace.class.clone();
    assert!(ana.hidden.is_empty());
    h.get_by_label("Ana").click();
    h.run();
    assert!(
        h.query_by_label("Paragraph background/p1: 1 of 2 authors marked this paragraph")
            .is_some()
    );
}

#[test]
fn the_matrix_counts_the_authors_who_used_each_code() {
    let dir = class_folder();
    let mut app = class_app(dir.path());
    app.workspace.apply(Action::SetMatrixFamily("RAT".into()));
    let mut h = harness(app);
    h.run();
    view(&mut h, egui::Key::Num4);
    assert_eq!(h.state().workspace.view, View::Matrix);
    h.get_by_label("Count").click();
    h.run();
    h.get_by_label("Authors who used each code").click();
    h.run();
    assert_eq!(h.state().workspace.class.matrix_count, MatrixCount::Authors);
    assert!(
        h.query_by_label(&format!("{TITLE} x Market access: 3"))
            .is_some(),
        "Ana, Ben and Cleo used it"
    );
    let label = format!("{TITLE} x Faster and cheaper than building: 2");
    assert!(h.query_by_label(&label).is_some(), "{label}");
}

#[test]
fn the_coded_passages_show_each_author_and_filter_by_one() {
    let dir = class_folder();
    let mut app = class_app(dir.path());
    app.workspace.apply(Action::Class(ClassAction::TogglePanel));
    app.workspace
        .apply(Action::ToggleCompare("company-a".into()));
    app.coded_view.codes = vec![MARKET.into()];
    let mut h = harness(app);
    h.run();
    view(&mut h, egui::Key::Num5);
    assert_eq!(h.state().workspace.view, View::Coded);
    for author in ["by Ana", "by Ben", "by Cleo"] {
        assert!(h.query_by_label(author).is_some(), "{author} is shown");
    }
    h.get_by_label("Author").click();
    h.run();
    h.get_by_label("Cleo").click();
    h.run();
    assert_eq!(h.state().coded_view.author.as_deref(), Some("Cleo"));
    assert!(h.query_by_label("1 passage(s)").is_some());
    assert!(h.query_by_label("by Cleo").is_some());
    assert!(h.query_by_label("by Ana").is_none());
}

#[test]
fn the_agreement_table_shows_the_figures_of_the_core() {
    let dir = class_folder();
    let mut h = harness(class_app(dir.path()));
    h.run();
    view(&mut h, egui::Key::Num6);
    assert_eq!(h.state().workspace.view, View::Agreement);
    let loaded = load_layers(&[dir.path().to_owned()], &bundled());
    let options = with_bootstrap(Options::new(Unit::Paragraph, CodeFilter::All));
    let report = agreement(&bundled(), &loaded.layers, &options);
    let o = &report.overall;
    assert_eq!(o.coders, 3);
    assert_eq!(o.cohen, None, "three coders: no Cohen's kappa");
    shows_row(&h, "Overall", o);
    // The character unit gives the core's character figures.
    h.get_by_label("Character").click();
    h.run();
    let chars = agreement(
        &bundled(),
        &loaded.layers,
        &with_bootstrap(Options::new(Unit::Char, CodeFilter::All)),
    );
    shows_row(&h, "Overall", &chars.overall);
}

/// The view's options: every alpha with its default bootstrap interval.
pub(crate) fn with_bootstrap(options: Options) -> Options {
    Options {
        bootstrap: Some(caselens::agreement::Bootstrap::default()),
        ..options
    }
}

/// Every cell of the row `name` shows the figures of `stats`, each with its units.
pub(crate) fn shows_row(
    h: &egui_kittest::Harness<'static, caselens::ui::CaselensApp>,
    name: &str,
    stats: &caselens::agreement::Stats,
) {
    for (head, cell) in COLUMNS[1..].iter().zip(cells(stats)) {
        let label = format!("{name} {head}: {cell}");
        assert!(h.query_by_label(&label).is_some(), "{label} is shown");
    }
}

#[test]
fn triage_lists_the_most_split_first_and_mark_as_discussed_adds_a_note() {
    let dir = class_folder();
    let mut h = harness(class_app(dir.path()));
    h.run();
    view(&mut h, egui::Key::Num6);
    let loaded = load_layers(&[dir.path().to_owned()], &bundled());
    let expected = disagreements(&bundled(), &loaded.layers, &CodeFilter::All, 200);
    let order: Vec<&str> = expected.iter().map(|d| d.paragraph.as_str()).collect();
    assert_eq!(
        order,
        ["background/p3", "background/p1"],
        "two split codes first"
    );
    let y = |h: &Harness<'static, CaselensApp>, p: &str| {
        h.get_by_label(&format!("Open {TITLE} ¶ {p}")).rect().top()
    };
    assert!(
        y(&h, "background/p3") < y(&h, "background/p1"),
        "shown in that order"
    );
    assert!(
        h.query_by_label_contains("Market access: applied by Cleo; not by Ana, Ben")
            .is_some()
    );
    let notes_before = h.state().workspace.notebook.items().count();
    h.get_by_label(&format!("Mark {TITLE} ¶ background/p3 as discussed"))
        .click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.notebook.items().count(), notes_before + 1);
    let note = ws.notebook.items().last().unwrap();
    assert_eq!(note.case.as_deref(), Some("company-a"));
    assert!(
        note.text
            .as_deref()
            .is_some_and(|t| t.starts_with(DISCUSSED) && t.contains("background/p3")),
        "{note:?}"
    );
    assert!(h.query_by_label("Discussed").is_some());
    assert!(
        h.query_by_label(&format!("Mark {TITLE} ¶ background/p3 as discussed"))
            .is_none()
    );
    // Open shows the passage in the reader.
    h.get_by_label(&format!("Open {TITLE} ¶ background/p1"))
        .click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.view, View::Reader);
    assert_eq!(
        ws.focus.as_ref().map(|f| f.paragraph.as_str()),
        Some("background/p1")
    );
}

/// Authors the reader's band counts on the open case.
fn band_total(h: &Harness<'static, CaselensApp>) -> usize {
    h.state().layers_view.density().map_or(0, |(_, d)| d.total)
}

#[test]
fn open_in_agreement_shows_every_class_layer_for_the_moment_and_never_changes_the_coders() {
    let dir = class_folder();
    let mut app = app_on("company-a");
    // The bundled sample lesson's notes are a reference layer, not a student's.
    let library_notes = app.workspace.library.notes.clone();
    app.notes.set_library_notes(&library_notes);
    assert!(!app.notes.references().is_empty(), "the sample lesson");
    app.open_layers_now(&[dir.path().to_owned()]);
    let mut h = harness(app);
    h.run();
    // Ben unticked: two coders.
    h.get_by_label("Ben").click();
    h.run();
    view(&mut h, egui::Key::Num6);
    assert!(h.query_by_label("2 coder(s) shown").is_some());
    let hidden_before = h.state().workspace.class.hidden.clone();
    h.get_by_label(&format!("Open {TITLE} ¶ background/p3"))
        .click();
    h.run();
    assert_eq!(h.state().workspace.view, View::Reader);
    assert_eq!(
        band_total(&h),
        3,
        "every class layer (Ben too), and not the sample lesson"
    );
    assert_eq!(
        h.state().workspace.class.hidden,
        hidden_before,
        "the ticks are unchanged"
    );
    // Back in the Agreement view, the same coders.
    view(&mut h, egui::Key::Num6);
    assert!(
        h.query_by_label("2 coder(s) shown").is_some(),
        "Open changed the coder set"
    );
    view(&mut h, egui::Key::Num1);
    assert_eq!(band_total(&h), 2, "the moment is over");
}

#[test]
fn a_broken_file_and_a_second_file_by_one_author_are_shown_as_problems() {
    let dir = class_folder();
    std::fs::write(dir.path().join("zed.notes.json"), "{ not json").unwrap();
    let ana = std::fs::read(dir.path().join("ana.notes.json")).unwrap();
    std::fs::write(dir.path().join("ana-copy.notes.json"), ana).unwrap();
    let mut h = harness(class_app(dir.path()));
    h.run();
    let ws = &h.state().workspace;
    assert!(ws.show_problems, "the Problems panel opens");
    assert!(
        ws.class
            .problems
            .iter()
            .any(|p| problem_text(p).contains("zed.notes.json was not opened")),
        "{:?}",
        ws.class.problems
    );
    assert!(h.query_by_label("Ana (ana-copy.notes.json)").is_some());
    assert!(h.query_by_label("Ana (ana.notes.json)").is_some());
    assert_eq!(
        h.query_all_by_label_contains("same author \"Ana\"").count(),
        4,
        "each file's warning, in the Layers and the Problems panels"
    );
}

#[test]
fn two_researchers_you_and_a_colleague_get_cohens_kappa() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_company_a_notes(
        dir.path(),
        "Ben",
        &[
            ("background/p1", "e-business", &[MARKET]),
            ("background/p3", "founders", &[SPEED]),
        ],
    );
    let mut app = class_app(dir.path());
    // Your own highlight: Market access on background/p1, like Ben.
    let text = bundled()
        .case("company-a")
        .and_then(|c| c.paragraph("background/p1"))
        .map(|p| p.text.clone())
        .expect("paragraph");
    let end = "Company A".chars().count();
    assert!(text.starts_with("Company A"));
    app.workspace
        .apply(Action::Edit(caselens::workspace::Edit::AddHighlight {
            paragraph: "background/p1".into(),
            start: 0,
            end,
            codes: vec![MARKET.into()],
            comment: String::new(),
        }));
    let mut h = harness(app);
    h.run();
    view(&mut h, egui::Key::Num6);
    assert!(
        h.query_by_label_contains("Agreement needs two or more coders")
            .is_some(),
        "one layer alone is not enough"
    );
    h.get_by_label("Count your notes as an author").click();
    h.run();
    let ws = &h.state().workspace;
    let mine = caselens::notes::layers::Layer {
        path: "You".into(),
        author: "You".into(),
        notes: ws.notebook.file().clone(),
    };
    let ben = load_layers(&[dir.path().to_owned()], &bundled()).layers;
    let both = [ben[0].clone(), mine];
    let options = with_bootstrap(Options::new(Unit::Paragraph, CodeFilter::All));
    let report = agreement(&bundled(), &both, &options);
    assert_eq!(report.overall.coders, 2);
    assert!(report.overall.cohen.is_some(), "two coders: Cohen's kappa");
    shows_row(&h, "Overall", &report.overall);
}

#[test]
fn file_and_view_menus_offer_the_class_folder_and_the_layers_panel() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_label("File").click();
    h.run();
    assert!(h.query_by_label("Open class folder…").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().workspace.class.show_panel);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Layers").click();
    h.run();
    assert!(
        h.state().workspace.class.show_panel,
        "View > Layers shows it"
    );
    assert!(h.query_by_label_contains("No layers yet").is_some());
}
