use super::*;
use crate::format::empty_notes;
use crate::format::{Item, Step, UserCode};
use crate::test_support::{bundled, notes};

const MARKET: &str = "RAT.practice.market-access";
const SPEED: &str = "RAT.practice.speed-and-cost";

/// A highlight of `exact` in a paragraph of Company A, its id made of both.
fn highlight(lib: &Library, paragraph: &str, exact: &str, codes: &[&str]) -> Item {
    crate::test_support::highlight(
        lib,
        &format!("{paragraph}-{exact}"),
        paragraph,
        exact,
        codes,
    )
}

fn coders(files: &[(String, NotesFile)]) -> Vec<Coder<'_>> {
    files
        .iter()
        .map(|(name, notes)| Coder {
            key: name,
            author: name,
            notes,
        })
        .collect()
}

/// Ana and Ben mark background/p1 ("Company A") with Market access; Cleo marks
/// background/p3 with Faster and cheaper and her own code; Dan writes on Company B only.
fn class(lib: &Library) -> Vec<(String, NotesFile)> {
    let mut cleo = notes(
        "Cleo",
        vec![highlight(
            lib,
            "background/p3",
            "founders",
            &[SPEED, "USER.hint"],
        )],
    );
    cleo.codes.push(UserCode {
        id: "USER.hint".into(),
        label: "Hint of location".into(),
        color: None,
        parent: None,
        definition: None,
        guid: None,
        codable: None,
    });
    let mut dan = notes(
        "Dan",
        vec![highlight(lib, "background/p1", "Company A", &[])],
    );
    dan.items[0].case = Some("company-b".into());
    vec![
        (
            "Ana".into(),
            notes(
                "Ana",
                vec![highlight(lib, "background/p1", "Company A", &[MARKET])],
            ),
        ),
        (
            "Ben".into(),
            notes(
                "Ben",
                vec![highlight(lib, "background/p1", "e-business", &[MARKET])],
            ),
        ),
        ("Cleo".into(), cleo),
        ("Dan".into(), dan),
    ]
}

#[test]
fn a_class_step_counts_passages_and_codes_over_the_shown_authors() {
    let lib = bundled();
    let files = class(&lib);
    let coders = coders(&files);
    let book = Codebook::build(lib.framework("asp-alliances"), &empty_notes(None));
    let ClassView::Summary(step) = class_view(&lib, true, &coders, &book, Some("company-a")) else {
        panic!("a summary");
    };
    assert_eq!(step.title, lib.case("company-a").expect("case").title);
    assert_eq!(
        (step.shown, step.wrote),
        (4, 3),
        "Dan wrote on Company B only"
    );
    assert_eq!(step.wrote_text(), "3 of 4 students wrote on this case");
    let passages: Vec<(&str, usize, &str)> = step
        .passages
        .iter()
        .map(|p| (p.paragraph.as_str(), p.authors, p.share.as_str()))
        .collect();
    assert_eq!(
        passages,
        [
            ("background/p1", 2, "2 of 4 students"),
            ("background/p3", 1, "1 of 4 students")
        ]
    );
    assert_eq!(step.passages[1].quote, "founders");
    assert!(
        step.passages[0].quote.contains("Company A")
            || step.passages[0].quote.contains("e-business"),
        "{}",
        step.passages[0].quote
    );
    let codes: Vec<(&str, &str)> = step
        .codes
        .iter()
        .map(|c| (c.label.as_str(), c.share.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("Market access", "2 of 4 students"),
            ("Faster and cheaper than building", "1 of 4 students"),
            ("Hint of location", "1 of 4 students"),
        ],
        "framework labels from the codebook, a student's own code by the label they gave it"
    );
    assert_eq!(ClassView::Summary(step).message(), None);
}

#[test]
fn a_class_step_says_plainly_when_there_is_nothing_to_show() {
    let lib = bundled();
    let files = class(&lib);
    let all = coders(&files);
    let book = Codebook::build(lib.framework("asp-alliances"), &empty_notes(None));
    let no_layers = class_view(&lib, false, &[], &book, Some("company-a"));
    assert_eq!(no_layers, ClassView::NoLayers);
    assert!(
        no_layers
            .message()
            .is_some_and(|m| m.starts_with("No class notes are open: File > Open class folder"))
    );
    assert_eq!(
        class_view(&lib, true, &[], &book, Some("company-a")),
        ClassView::NoneShown
    );
    assert_eq!(
        class_view(&lib, true, &all, &book, Some("nowhere")).message(),
        Some("The case \"nowhere\" is not loaded.".to_owned())
    );
    assert_eq!(
        class_view(&lib, true, &all, &book, None),
        ClassView::NoCase(None)
    );
    let dan = &all[3..];
    let nobody = class_view(&lib, true, dan, &book, Some("company-a"));
    assert_eq!(
        nobody.message(),
        Some("None of the 1 student(s) shown wrote on this case.".to_owned())
    );
    assert_eq!(share(1, 1), "1 of 1 student");
}

#[test]
fn a_class_step_opens_over_the_agreement_view_and_is_added_from_it() {
    use crate::format::StepView;
    use crate::workspace::present::{
        LessonSource, PresentCmd, ReaderShown, class_step_of, step_of_view,
    };
    use crate::workspace::{Action, View, Workspace};
    let mut ws = Workspace::new(bundled(), vec![]);
    let first = ws.open_case.take();
    assert_eq!(class_step_of(&ws), None, "no case open, none ticked");
    ws.open_case = first;
    ws.apply(Action::OpenCase {
        case: "company-b".into(),
        at: None,
    });
    ws.apply(Action::SetView(View::Agreement));
    let step = step_of_view(&ws, ReaderShown::default());
    assert_eq!(
        (step.view.as_str(), step.cases.as_slice()),
        ("class", ["company-b".to_owned()].as_slice())
    );
    assert_eq!(
        crate::workspace::steps::step_title(&step, &ws.library),
        "What the class marked: Company B"
    );
    assert_eq!(StepView::parse("class"), Some(StepView::Class));
    ws.apply(Action::SetView(View::Compare));
    // A lesson of the user's, in their notes (presenting reads it from there by id).
    ws.apply(Action::Edit(crate::workspace::Edit::Lesson(
        crate::notes::lessons::LessonEdit::New {
            title: "Week 1".into(),
        },
    )));
    let id = ws.notebook.file().lessons[0].id.clone();
    ws.apply(Action::Edit(crate::workspace::Edit::Lesson(
        crate::notes::lessons::LessonEdit::AddStep {
            lesson: id,
            step: Box::new(Step {
                view: "class".into(),
                cases: vec!["company-a".into()],
                ..Step::default()
            }),
        },
    )));
    let lesson = ws.notebook.file().lessons[0].clone();
    ws.apply(Action::Present(PresentCmd::Open {
        lesson: Box::new(lesson),
        source: LessonSource::Mine,
    }));
    assert_eq!(ws.view, View::Agreement);
    assert_eq!(ws.open_case.as_deref(), Some("company-a"));
    ws.apply(Action::Present(PresentCmd::Close));
    assert_eq!(
        (ws.view, ws.open_case.as_deref()),
        (View::Compare, Some("company-b")),
        "closing the lesson puts the view back"
    );
}

#[test]
fn ties_with_the_last_shown_are_shown_too_and_the_rest_counted() {
    let counts = |v: &[usize], min, max| {
        let (shown, more) = top_with_ties(v.to_vec(), |n| *n, min, max);
        (shown, more)
    };
    assert_eq!(
        counts(&[3, 3, 2, 2, 1], 3, 6),
        (vec![3, 3, 2, 2], 1),
        "the tie at 2 whole"
    );
    assert_eq!(
        counts(&[3, 2, 1, 1, 1, 1, 1, 1], 3, 6),
        (vec![3, 2, 1, 1, 1, 1], 2),
        "cut at max"
    );
    assert_eq!(counts(&[3, 2], 3, 6), (vec![3, 2], 0));
    assert_eq!(counts(&[], 3, 6), (vec![], 0));
    assert_eq!(counts(&[3, 2, 1, 0], 3, 6), (vec![3, 2, 1], 1), "no tie");
}

#[test]
fn a_passage_tied_with_the_third_is_shown_and_the_rest_said() {
    let lib = bundled();
    // Ana marks four paragraphs, Ben two of them, Cleo one: p1 by three, p2 by two, p3 and
    // p4 by one each (tied third), business-model/p1 by one too.
    let marks = |paragraphs: &[(&str, &str)]| -> Vec<Item> {
        paragraphs
            .iter()
            .map(|(p, q)| highlight(&lib, p, q, &[MARKET]))
            .collect()
    };
    let files = vec![
        (
            "Ana".to_owned(),
            notes(
                "Ana",
                marks(&[
                    ("background/p1", "Company A"),
                    ("background/p2", "four vertical markets"),
                    ("background/p3", "founders"),
                ]),
            ),
        ),
        (
            "Ben".to_owned(),
            notes(
                "Ben",
                marks(&[
                    ("background/p1", "Company A"),
                    ("background/p2", "four vertical markets"),
                    ("business-model/p1", "ASP model"),
                ]),
            ),
        ),
        (
            "Cleo".to_owned(),
            notes("Cleo", marks(&[("background/p1", "Company A")])),
        ),
    ];
    let coders = coders(&files);
    let book = Codebook::build(lib.framework("asp-alliances"), &empty_notes(None));
    let ClassView::Summary(step) = class_view(&lib, true, &coders, &book, Some("company-a")) else {
        panic!("a summary");
    };
    let shown: Vec<(&str, usize)> = step
        .passages
        .iter()
        .map(|p| (p.paragraph.as_str(), p.authors))
        .collect();
    assert_eq!(
        shown,
        [
            ("background/p1", 3),
            ("background/p2", 2),
            ("background/p3", 1),
            ("business-model/p1", 1),
        ],
        "the third place is a tie: both shown"
    );
    assert_eq!(step.more_passages, 0);
    assert_eq!(step.more_passages_text(), None);
}
