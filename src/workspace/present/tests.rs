use super::*;
use crate::library::{Bundled, LoadRequest};
use crate::notes::lessons::LessonEdit;
use crate::workspace::Action;

fn ws() -> Workspace {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    });
    Workspace::new(lib, vec![])
}

fn run(ws: &Workspace) -> Run<'_> {
    ws.lesson_run().expect("a lesson is open")
}

fn cmd(ws: &mut Workspace, cmd: PresentCmd) -> Option<Effect> {
    ws.apply(Action::Present(cmd))
}

#[test]
fn the_sample_lesson_steps_reveals_and_comes_back() {
    let mut ws = ws();
    ws.apply(Action::OpenCase {
        case: "corio".into(),
        at: None,
    });
    cmd(&mut ws, PresentCmd::OpenSample);
    let r = run(&ws);
    let steps = r.lesson.steps.len();
    assert!((6..=10).contains(&steps), "{steps} steps");
    assert_eq!(r.progress(), format!("1 / {steps}"));
    assert!(
        r.reveals(),
        "the first step reveals its rows: {:?}",
        r.current()
    );
    assert_eq!(r.revealed, 1);
    assert_eq!(r.spotlight(), Some(0));
    assert_eq!(ws.view, View::Compare);
    assert_eq!(ws.compare, ["company-a", "company-b"]);
    let rows = step_rows(run(&ws).current().unwrap(), &ws.library).len();
    for n in 2..=rows {
        cmd(&mut ws, PresentCmd::Next);
        assert_eq!((run(&ws).step, run(&ws).revealed), (0, n));
    }
    cmd(&mut ws, PresentCmd::Next);
    assert_eq!(run(&ws).step, 1, "after the last row, the next step");
    assert_eq!(ws.view, View::Reader);
    assert_eq!(ws.open_case.as_deref(), Some("company-a"));
    let focus = ws.focus.clone().unwrap();
    assert_eq!(focus.paragraph, "business-model/p2");
    assert_eq!(focus.quote.as_deref(), Some("Europe's first wireless ASP"));
    assert!(
        run(&ws)
            .announcement()
            .starts_with(&format!("Step 2 of {steps}: "))
    );
    cmd(&mut ws, PresentCmd::Previous);
    assert_eq!(
        (run(&ws).step, run(&ws).revealed),
        (0, rows),
        "coming back shows every row"
    );
    cmd(&mut ws, PresentCmd::Previous);
    assert_eq!(run(&ws).revealed, rows - 1, "Left hides the last row");
    cmd(&mut ws, PresentCmd::GoTo(steps - 1));
    cmd(&mut ws, PresentCmd::Next);
    assert_eq!(run(&ws).step, steps - 1, "the last step stays");
    cmd(&mut ws, PresentCmd::Close);
    assert!(ws.present.lesson.is_none());
    assert_eq!(ws.open_case.as_deref(), Some("corio"), "closing restores");
    assert_eq!(ws.view, View::Reader);
    assert!(ws.compare.is_empty());
}

#[test]
fn presenting_saves_and_restores_the_view_and_scales_apart() {
    let mut ws = ws();
    ws.apply(Action::CompareWith("company-b".into()));
    let before = (ws.view, ws.compare.clone());
    assert_eq!(
        cmd(&mut ws, PresentCmd::Toggle),
        Some(Effect::Present(true))
    );
    assert!(ws.present.hides_private());
    cmd(&mut ws, PresentCmd::TogglePrivate);
    assert!(!ws.present.hides_private());
    cmd(&mut ws, PresentCmd::Zoom(Zoom::In));
    assert_eq!(ws.present.active_scale(), 1.6);
    ws.apply(Action::SetView(View::Matrix));
    assert_eq!(
        cmd(&mut ws, PresentCmd::Leave),
        Some(Effect::Present(false))
    );
    assert_eq!((ws.view, ws.compare.clone()), before);
    assert_eq!(ws.present.active_scale(), 1.0, "the window's own zoom");
    cmd(&mut ws, PresentCmd::Zoom(Zoom::Out));
    assert_eq!(ws.present.zoom, 0.9);
    assert_eq!(ws.present.scale, 1.6, "the presentation scale is kept");
    cmd(&mut ws, PresentCmd::Toggle);
    for _ in 0..50 {
        cmd(&mut ws, PresentCmd::Zoom(Zoom::In));
    }
    assert_eq!(ws.present.scale, MAX_SCALE);
    cmd(&mut ws, PresentCmd::Zoom(Zoom::Reset));
    assert_eq!(ws.present.scale, DEFAULT_PRESENT_SCALE);
    assert!(!ws.present.hides_private() || ws.present.presenting());
}

fn edit(ws: &mut Workspace, e: LessonEdit) {
    ws.apply(Action::Edit(crate::workspace::Edit::Lesson(e)));
}

fn lessons(ws: &Workspace) -> Vec<Lesson> {
    ws.notebook.file().lessons.clone()
}

/// A lesson "week-3-a-b" with a case step, then a compare step, made from the views.
fn two_step_lesson() -> Workspace {
    let mut ws = ws();
    edit(
        &mut ws,
        LessonEdit::New {
            title: "Week 3: A & B".into(),
        },
    );
    assert_eq!(lessons(&ws)[0].id, "week-3-a-b");
    ws.apply(Action::OpenCase {
        case: "company-b".into(),
        at: Some(crate::workspace::Passage {
            paragraph: "background/p2".into(),
            quote: None,
            range: None,
        }),
    });
    let first = step_of_view(&ws, ReaderShown::default());
    assert_eq!(first.view, "case");
    assert_eq!(first.paragraph.as_deref(), Some("background/p2"));
    // Text selected in the reader is the passage the step marks.
    let selected = step_of_view(
        &ws,
        ReaderShown {
            selection: Some(("background/p1", "Company B")),
            paragraph: None,
        },
    );
    assert_eq!(selected.paragraph.as_deref(), Some("background/p1"));
    assert_eq!(selected.quote.as_deref(), Some("Company B"));
    ws.apply(Action::CompareWith("company-a".into()));
    let second = step_of_view(&ws, ReaderShown::default());
    assert_eq!(second.cases, ["company-b", "company-a"]);
    for step in [first, second] {
        edit(
            &mut ws,
            LessonEdit::AddStep {
                lesson: "week-3-a-b".into(),
                step: Box::new(step),
            },
        );
    }
    ws
}

#[test]
fn the_editor_adds_reorders_renames_and_deletes_with_undo() {
    let mut ws = two_step_lesson();
    let lesson = || "week-3-a-b".to_owned();
    edit(
        &mut ws,
        LessonEdit::MoveStep {
            lesson: lesson(),
            from: 1,
            to: 0,
        },
    );
    assert_eq!(lessons(&ws)[0].steps[0].view, "compare");
    edit(
        &mut ws,
        LessonEdit::RenameStep {
            lesson: lesson(),
            index: 0,
            title: "Side by side".into(),
        },
    );
    edit(
        &mut ws,
        LessonEdit::DeleteStep {
            lesson: lesson(),
            index: 1,
        },
    );
    assert_eq!(lessons(&ws)[0].steps.len(), 1);
    ws.apply(Action::Edit(crate::workspace::Edit::Undo));
    assert_eq!(lessons(&ws)[0].steps.len(), 2, "undo brings the step back");
    assert!(ws.message.as_deref().is_some_and(|m| m.contains("lessons")));
    ws.apply(Action::Edit(crate::workspace::Edit::Undo));
    assert_eq!(lessons(&ws)[0].steps[0].title, None);
    ws.apply(Action::Edit(crate::workspace::Edit::Redo));
    assert_eq!(
        lessons(&ws)[0].steps[0].title.as_deref(),
        Some("Side by side")
    );
    edit(&mut ws, LessonEdit::Delete("nope".into()));
    assert!(ws.message.as_deref().is_some_and(|m| m.contains("nope")));
}

#[test]
fn the_editor_sets_notes_and_copies_lessons_under_free_ids() {
    let mut ws = two_step_lesson();
    edit(
        &mut ws,
        LessonEdit::SetNote {
            lesson: "week-3-a-b".into(),
            index: 0,
            note: "Ask: which is the ASP?".into(),
        },
    );
    assert_eq!(
        lessons(&ws)[0].steps[0].note.as_deref(),
        Some("Ask: which is the ASP?")
    );
    ws.apply(Action::Edit(crate::workspace::Edit::Undo));
    assert_eq!(
        lessons(&ws)[0].steps[0].note,
        None,
        "undo takes the note back"
    );
    let sample = sample_lesson(&ws.library).unwrap();
    edit(&mut ws, LessonEdit::Copy(Box::new(sample.clone())));
    edit(&mut ws, LessonEdit::Copy(Box::new(sample)));
    let ids: Vec<String> = lessons(&ws).into_iter().map(|l| l.id).collect();
    assert_eq!(ids, ["week-3-a-b", "a-vs-b", "a-vs-b-2"]);
}

#[test]
fn an_open_lesson_of_mine_follows_edits_and_closes_when_deleted() {
    let mut ws = ws();
    let sample = sample_lesson(&ws.library).unwrap();
    ws.apply(Action::Edit(crate::workspace::Edit::Lesson(
        LessonEdit::Copy(Box::new(sample.clone())),
    )));
    cmd(
        &mut ws,
        PresentCmd::Open {
            lesson: Box::new(sample),
            source: LessonSource::Mine,
        },
    );
    cmd(&mut ws, PresentCmd::GoTo(3));
    ws.apply(Action::Edit(crate::workspace::Edit::Lesson(
        LessonEdit::DeleteStep {
            lesson: "a-vs-b".into(),
            index: 0,
        },
    )));
    assert_eq!(
        run(&ws).lesson.steps.len() + 1,
        sample_lesson(&ws.library).unwrap().steps.len()
    );
    ws.apply(Action::Edit(crate::workspace::Edit::Lesson(
        LessonEdit::Delete("a-vs-b".into()),
    )));
    assert!(ws.present.lesson.is_none());
}

#[test]
fn old_style_steps_still_read_and_titles_are_made_up() {
    let step: Step = serde_json::from_str(
        r#"{"view": "compare", "cases": ["company-a", "company-b"], "dimension": "rationale"}"#,
    )
    .unwrap();
    assert_eq!(step.dimension_ids(), ["rationale"]);
    assert_eq!(
        step_title(&step, &Library::bundled()),
        "Comparison: Company A, Company B"
    );
    assert!(serde_json::from_str::<Step>(r#"{"view": "case", "slides": 1}"#).is_err());
}

#[test]
fn a_compare_steps_comparison_is_built_once_per_change() {
    let mut ws = ws();
    let step = Step {
        view: "compare".into(),
        cases: vec!["company-a".into(), "company-b".into()],
        ..Step::default()
    };
    let first = ws.step_comparison(&step);
    assert!(first.is_ok());
    assert!(
        std::sync::Arc::ptr_eq(&first, &ws.step_comparison(&step)),
        "cached"
    );
    ws.generation += 1;
    assert!(
        !std::sync::Arc::ptr_eq(&first, &ws.step_comparison(&step)),
        "rebuilt"
    );
    let other = Step {
        cases: vec!["company-a".into(), "corio".into()],
        ..step.clone()
    };
    assert_eq!(
        ws.step_comparison(&other)
            .as_ref()
            .as_ref()
            .map(|c| c.cases.len()),
        Ok(2)
    );
}

#[test]
fn a_step_of_the_view_keeps_the_rows_the_family_and_the_passage_shown() {
    let mut ws = ws();
    ws.apply(Action::OpenCase {
        case: "company-a".into(),
        at: None,
    });
    ws.apply(Action::CompareWith("company-b".into()));
    assert_eq!(ws.view, View::Compare);
    let all = step_of_view(&ws, ReaderShown::default());
    assert!(all.dimensions.is_empty(), "every row: no list");
    ws.apply(Action::ToggleDifferencesOnly);
    let filter = ws.row_filter();
    let cmp = ws.comparison().unwrap();
    let kept: Vec<String> = cmp
        .rows()
        .filter(|r| filter.keeps(r))
        .map(|r| r.dimension.clone())
        .collect();
    assert!(!kept.is_empty() && kept.len() < cmp.rows().count());
    let diff = step_of_view(&ws, ReaderShown::default());
    assert_eq!(diff.dimensions, kept, "the rows Differences only keeps");
    let summary = step_summary(&diff, &ws);
    assert!(
        summary.ends_with(&format!("({} of {} rows)", kept.len(), cmp.rows().count())),
        "{summary}"
    );

    // The Matrix with no family chosen: the family it falls back to.
    ws.apply(Action::SetView(View::Matrix));
    assert!(ws.matrix_family.is_empty());
    let matrix = step_of_view(&ws, ReaderShown::default());
    assert_eq!(matrix.family.as_deref(), Some("RAT"));

    // The reader scrolled down, nothing selected or marked: the paragraph in sight.
    ws.apply(Action::SetView(View::Reader));
    ws.focus = None;
    let passage = step_of_view(
        &ws,
        ReaderShown {
            selection: None,
            paragraph: Some("business-model/p2"),
        },
    );
    assert_eq!(passage.paragraph.as_deref(), Some("business-model/p2"));
    assert_eq!(passage.quote, None);
    let opening = step_of_view(&ws, ReaderShown::default());
    assert!(
        step_summary(&opening, &ws).ends_with("(its title, no passage)"),
        "the editor says what it leaves out"
    );
}

#[test]
fn a_reference_lesson_is_read_from_its_layer_by_id_not_kept_as_a_copy() {
    let mut ws = ws();
    cmd(&mut ws, PresentCmd::OpenSample);
    assert_ne!(run(&ws).lesson.title, "Retitled");
    // The layer's file is read again with the lesson retitled: the open lesson follows.
    let mut layers = ws.references.to_vec();
    let layer = layers
        .iter_mut()
        .find(|l| l.name() == SAMPLE_FILE)
        .expect("the sample layer");
    let lesson = std::sync::Arc::make_mut(&mut layer.notes)
        .lessons
        .iter_mut()
        .find(|l| l.id == SAMPLE_LESSON)
        .expect("the sample lesson");
    lesson.title = "Retitled".into();
    ws.set_references(layers.into());
    assert_eq!(run(&ws).lesson.title, "Retitled");
    // A lesson that is not where it is said to be does not open.
    let missing = crate::format::Lesson {
        id: "nowhere".into(),
        title: "Nowhere".into(),
        steps: Vec::new(),
    };
    cmd(
        &mut ws,
        PresentCmd::Open {
            lesson: Box::new(missing),
            source: LessonSource::Mine,
        },
    );
    assert_eq!(run(&ws).lesson.id, SAMPLE_LESSON, "the open lesson stays");
    assert!(ws.message.as_deref().is_some_and(|m| m.contains("Nowhere")));
}
