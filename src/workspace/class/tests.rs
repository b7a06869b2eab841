use super::*;
use crate::agreement::density::{ParagraphDensity, density, density_text, paragraph_density};
use crate::agreement::triage::{DISCUSSED, discussed_text, is_discussed};
use crate::format::empty_notes;
use crate::search::coded::{self as retrieve, CodedQuery, Mode, coded_by};
use crate::test_support::{bundled, notes};

/// A highlight of `exact` in a paragraph of Company A.
fn highlight(id: &str, paragraph: &str, exact: &str, codes: &[&str]) -> crate::format::Item {
    crate::test_support::highlight(&bundled(), id, paragraph, exact, codes)
}

fn layer(name: &str, notes: NotesFile) -> ReferenceLayer {
    ReferenceLayer {
        origin: Origin::File(format!("/class/{name}.notes.json").into()),
        notes: std::sync::Arc::new(notes),
    }
}

#[test]
fn density_counts_distinct_authors_per_paragraph_and_stretch() {
    let d = paragraph_density(&[(0, 0..10), (1, 5..15), (0, 8..12), (2, 20..25)]);
    assert_eq!(d.authors, 3);
    assert_eq!(
        d.segments,
        vec![(0..5, 1), (5..12, 2), (12..15, 1), (20..25, 1)],
        "one author's two overlapping highlights count once"
    );
    assert_eq!(paragraph_density(&[]), ParagraphDensity::default());
}

#[test]
fn density_of_a_case_places_each_shown_authors_highlights() {
    let lib = bundled();
    let layers = [
        layer(
            "ana",
            notes(
                "Ana",
                vec![highlight("a1", "background/p1", "Company A", &[])],
            ),
        ),
        layer(
            "ben",
            notes(
                "Ben",
                vec![highlight("b1", "background/p1", "e-business", &[])],
            ),
        ),
        layer(
            "cleo",
            notes(
                "Cleo",
                vec![highlight("c1", "background/p3", "founders", &[])],
            ),
        ),
    ];
    let mut state = ClassState::default();
    let roster = Roster::of(&layers, &state);
    let mine = empty_notes(None);
    let coders = roster.shown(&state, &layers, &mine);
    let d = density(&lib, "company-a", &coders);
    assert_eq!(d.total, 3);
    assert_eq!(d.paragraphs["background/p1"].authors, 2);
    assert_eq!(d.paragraphs["background/p3"].authors, 1);
    assert_eq!(density_text(2, 3), "2 of 3 authors marked this paragraph");
    // Hiding Ben leaves 1 of 2 on the first paragraph.
    state.apply(ClassAction::ToggleLayer(layer_key(&layers[1])));
    let coders = roster.shown(&state, &layers, &mine);
    let d = density(&lib, "company-a", &coders);
    assert_eq!((d.total, d.paragraphs["background/p1"].authors), (2, 1));
}

#[test]
fn layer_choice_all_none_and_mine() {
    let layers = [
        layer("ana", notes("Ana", vec![])),
        layer("ben", notes("", vec![])),
    ];
    let mut state = ClassState::default();
    let roster = Roster::of(&layers, &state);
    assert_eq!(
        roster
            .entries
            .iter()
            .map(|(_, a)| a.as_str())
            .collect::<Vec<_>>(),
        ["Ana", "ben"],
        "an empty author falls back to the file name"
    );
    let mine = empty_notes(None);
    let keys: Vec<String> = roster.entries.iter().map(|(k, _)| k.clone()).collect();
    state.apply(ClassAction::HideAll(keys));
    assert!(roster.shown(&state, &layers, &mine).is_empty());
    state.apply(ClassAction::ToggleMine);
    let shown = roster.shown(&state, &layers, &mine);
    assert_eq!(shown.len(), 1);
    assert_eq!((shown[0].key, shown[0].author), (YOU, YOU));
    let before = state.revision;
    state.apply(ClassAction::ShowAll);
    assert_eq!(roster.shown(&state, &layers, &mine).len(), 3);
    assert!(state.revision > before, "views see the change");
}

#[test]
fn coded_by_lists_each_authors_highlights_and_filters_by_author() {
    let lib = bundled();
    let code = "RAT.practice.market-access";
    let layers = [
        layer(
            "ana",
            notes(
                "Ana",
                vec![highlight("a1", "background/p3", "founders", &[code])],
            ),
        ),
        layer(
            "ben",
            notes(
                "Ben",
                vec![highlight("b1", "background/p1", "Company A", &[code])],
            ),
        ),
    ];
    let state = ClassState::default();
    let roster = Roster::of(&layers, &state);
    let mine = notes(
        "",
        vec![highlight(
            "m1",
            "background/p2",
            "four vertical markets",
            &[code],
        )],
    );
    let coders = roster.shown(&state, &layers, &mine);
    let codes = [code.to_owned()];
    let mut query = CodedQuery {
        codes: &codes,
        mode: Mode::Or,
        scope: Some(&["company-a".to_owned()][..]),
        author: None,
        hide_mine: false,
    };
    let all = coded_by(&lib, &mine, &coders, &query);
    let highlights: Vec<(Option<&str>, Option<&str>)> = all
        .iter()
        .filter(|p| p.kind == retrieve::Kind::Highlight)
        .map(|p| (p.author.as_deref(), p.paragraph.as_deref()))
        .collect();
    assert_eq!(
        highlights,
        [
            (Some("Ben"), Some("background/p1")),
            (Some(YOU), Some("background/p2")),
            (Some("Ana"), Some("background/p3")),
        ],
        "reading order, each with its author"
    );
    query.author = Some("Ana");
    let ana = coded_by(&lib, &mine, &coders, &query);
    assert_eq!(ana.len(), 1);
    assert_eq!(ana[0].heading, "Highlight by Ana");
}

#[test]
fn discussed_notes_are_recognised_on_their_case_and_paragraph_only() {
    let mut book = crate::notes::book::NoteBook::new(empty_notes(None));
    let text = discussed_text("background/p1", "Market access: 1 of 2 (Ana)");
    assert!(text.starts_with(DISCUSSED));
    book.add_note("company-a", None, &text);
    assert!(is_discussed(book.file(), "company-a", "background/p1"));
    assert!(!is_discussed(book.file(), "company-a", "background/p11"));
    assert!(!is_discussed(book.file(), "company-b", "background/p1"));
}

#[test]
fn discussed_among_marks_the_same_passages_as_is_discussed() {
    use crate::agreement::triage::{Disagreement, discussed_among};
    let mut book = crate::notes::book::NoteBook::new(empty_notes(None));
    book.add_note("company-a", None, &discussed_text("background/p1", "x"));
    book.add_note("company-b", None, &discussed_text("background/p3", "y"));
    book.add_note("company-b", None, "background/p2 is not discussed yet");
    let passage = |case: &str, paragraph: &str| Disagreement {
        case: case.to_owned(),
        paragraph: paragraph.to_owned(),
        range: None,
        rated: 2,
        split: 1.0,
        codes: Vec::new(),
    };
    let triage = [
        passage("company-a", "background/p1"),
        passage("company-a", "background/p11"),
        passage("company-b", "background/p1"),
        passage("company-b", "background/p2"),
        passage("company-b", "background/p3"),
        passage("company-c", "background/p1"),
    ];
    let one_by_one: Vec<bool> = triage
        .iter()
        .map(|d| is_discussed(book.file(), &d.case, &d.paragraph))
        .collect();
    assert_eq!(one_by_one, [true, false, false, false, true, false]);
    assert_eq!(discussed_among(book.file(), &triage), one_by_one);
}

#[test]
fn take_layers_keeps_names_and_problems_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, author: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            serde_json::to_string(&notes(author, vec![])).unwrap(),
        )
        .unwrap();
    };
    write("ana.notes.json", "Ana");
    write("ana2.notes.json", "Ana");
    std::fs::write(dir.path().join("bad.notes.json"), "{").unwrap();
    let loaded = crate::notes::layers::load_layers(&[dir.path().to_owned()], &bundled());
    let mut state = ClassState::default();
    let layers = state.take_layers(loaded);
    assert_eq!(layers.len(), 2);
    let roster = Roster::of(&layers, &state);
    assert_eq!(
        roster
            .entries
            .iter()
            .map(|(_, a)| a.as_str())
            .collect::<Vec<_>>(),
        ["Ana (ana.notes.json)", "Ana (ana2.notes.json)"]
    );
    assert_eq!(state.problems.len(), 3, "{:?}", state.problems);
    assert!(problem_text(&state.problems[0]).contains("bad.notes.json was not opened"));
    // Opening the same folder again replaces its problems instead of repeating them.
    let again = crate::notes::layers::load_layers(&[dir.path().to_owned()], &bundled());
    state.take_layers(again);
    assert_eq!(state.problems.len(), 3);
}

#[test]
fn the_matrix_counts_each_author_once_per_cell_and_row() {
    let lib = bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let case = lib.case("company-a").unwrap();
    let market = "RAT.practice.market-access";
    let speed = "RAT.practice.speed-and-cost";
    let ana = notes(
        "Ana",
        vec![
            highlight("a1", "background/p1", "Company A", &[market]),
            highlight("a2", "background/p3", "founders", &[market, speed]),
        ],
    );
    let ben = notes(
        "Ben",
        vec![highlight("b1", "background/p1", "e-business", &[speed])],
    );
    let book = crate::codebook::Codebook::build(Some(fw), &empty_notes(None));
    let coders = [("Ana", &ana), ("Ben", &ben)];
    let m = crate::compare::matrix::build_authors(&book, &[case], &coders, "RAT");
    assert!(m.counts_authors());
    let col = |code: &str| m.codes.iter().position(|c| c == code).unwrap();
    assert_eq!(
        m.count(0, col(market)),
        1,
        "Ana's two highlights count once"
    );
    assert_eq!(m.count(0, col(speed)), 2);
    assert_eq!(
        m.count(0, col("RAT.practice")),
        2,
        "a parent counts authors under it"
    );
    assert_eq!(m.row_total(0), 2);
    assert_eq!(
        m.units(0, col(market)).count(),
        2,
        "the highlights behind it"
    );
    assert!(
        m.units(0, col(speed)).all(|u| u.author.is_some()),
        "each with its author"
    );
}

#[test]
fn class_layers_stay_across_library_reloads_and_open_layers_is_an_effect() {
    let mut session = crate::notes::session::NotesSession::default();
    let ana = layer("ana", notes("Ana", vec![]));
    assert_eq!(session.add_layers(vec![ana.clone(), ana.clone()]), 2);
    assert_eq!(session.references().len(), 1, "a file is shown once");
    session.set_library_notes(&[]);
    assert_eq!(
        session.references(),
        std::slice::from_ref(&ana),
        "a reload keeps the class"
    );
    let mut ws = crate::workspace::Workspace::new(bundled(), vec![]);
    let paths = vec![std::path::PathBuf::from("/class")];
    assert_eq!(
        ws.apply(crate::workspace::Action::OpenLayers(paths.clone())),
        Some(crate::workspace::Effect::OpenLayers(paths))
    );
    ws.apply(crate::workspace::Action::Class(ClassAction::TogglePanel));
    assert!(ws.class.show_panel);
}

#[test]
fn layer_is_repeatable_on_the_command_line() {
    use clap::Parser as _;
    let cli = crate::cli::Cli::try_parse_from([
        "caselens",
        "--layer",
        "class/",
        "--layer",
        "ta.notes.json",
    ])
    .expect("parses");
    assert_eq!(
        cli.layer,
        [
            std::path::PathBuf::from("class/"),
            std::path::PathBuf::from("ta.notes.json")
        ]
    );
    assert!(cli.command.is_none(), "the app opens");
}

#[test]
fn a_class_layer_opened_as_your_notes_file_is_no_longer_a_layer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana.notes.json");
    std::fs::write(&path, serde_json::to_string(&notes("Ana", vec![])).unwrap()).unwrap();
    let mut session = crate::notes::session::NotesSession::default();
    session.add_layers(vec![ReferenceLayer {
        origin: Origin::File(path.clone()),
        notes: std::sync::Arc::new(notes("Ana", vec![])),
    }]);
    let mut ws = crate::workspace::Workspace::new(bundled(), vec![]);
    session.open_now(&mut ws, path.clone());
    assert!(session.references().is_empty());
    session.set_library_notes(&[]);
    assert!(
        session.references().is_empty(),
        "a reload does not bring it back as a layer"
    );
    assert_eq!(
        session.add_layers(vec![ReferenceLayer {
            origin: Origin::File(path),
            notes: std::sync::Arc::new(notes("Ana", vec![])),
        }]),
        0,
        "your notes file is never a layer"
    );
}

#[test]
fn cases_not_loaded_are_checked_again_when_the_library_changes() {
    let mut item = highlight("x", "background/p1", "Company A", &[]);
    item.case = Some("nowhere".into());
    let layers = [layer("ana", notes("Ana", vec![item]))];
    let mut state = ClassState::default();
    state.names.insert(layer_key(&layers[0]), "Ana".into());
    let lib = bundled();
    state.recheck_cases(&layers, &lib);
    assert_eq!(state.problems.len(), 1);
    assert!(problem_text(&state.problems[0]).contains("nowhere"));
    state.recheck_cases(&layers, &lib);
    assert_eq!(state.problems.len(), 1, "not repeated");
    // The case loads: the problem goes.
    let mut more = lib.clone();
    let mut case = more.cases[0].clone();
    case.doc.id = "nowhere".into();
    more.cases.push(case);
    state.recheck_cases(&layers, &more);
    assert!(state.problems.is_empty());
}

#[test]
fn a_peek_shows_every_class_layer_in_the_reader_on_its_case_only_and_never_changes_the_ticks() {
    let mut state = ClassState::default();
    state.names.insert("ana-key".into(), "Ana".into());
    state.names.insert("ben-key".into(), "Ben".into());
    state
        .hidden
        .extend(["ben-key".to_owned(), "lesson-key".to_owned()]);
    state.apply(ClassAction::Peek("company-a".into()));
    let hidden = state.hidden.clone();
    assert!(state.shows_in_reader("ben-key", Some("company-a")));
    assert!(
        !state.shows_in_reader("lesson-key", Some("company-a")),
        "not a class layer: never added by a peek"
    );
    assert!(!state.shows_in_reader("ben-key", Some("company-b")));
    assert!(!state.is_shown("ben-key"), "the coders stay");
    assert_eq!(state.hidden, hidden);
    state.end_peek(Some("company-a"));
    assert!(state.peek.is_some(), "still on its case");
    state.end_peek(None);
    assert!(!state.shows_in_reader("ben-key", Some("company-a")));
    state.apply(ClassAction::Peek("company-a".into()));
    state.apply(ClassAction::ToggleLayer("ana-key".into()));
    assert_eq!(state.peek, None, "a tick ends it");
}
