//! *Add current view as a step*: the step that shows again what the window shows (the rows a
//! comparison keeps, the Matrix's family, the passage the reader shows), and what a step
//! leaves out, in words for the lesson editor.

use crate::compare::matrix::MatrixQuery;
use crate::format::{Step, StepView};
use crate::workspace::steps::{step_rows, step_title};
use crate::workspace::{View, Workspace};

/// What the reader shows that the workspace does not hold: the text selected and the first
/// paragraph in sight.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReaderShown<'a> {
    /// The text selected in the reader (`section/paragraph`, text): the passage to mark.
    pub selection: Option<(&'a str, &'a str)>,
    /// The first paragraph in sight (`section/paragraph`): the passage when nothing is
    /// selected or marked.
    pub paragraph: Option<&'a str>,
}

/// The current view of the workspace as a lesson step ("Add current view as a step"): a
/// comparison with the rows its filter keeps (*Differences only*), the Matrix with the family
/// it shows, the reader with the passage selected, else marked, else in sight.
pub fn step_of_view(ws: &Workspace, reader: ReaderShown<'_>) -> Step {
    // The Agreement view: what the class marked in the open case.
    if ws.view == View::Agreement
        && let Some(step) = class_step_of(ws)
    {
        return step;
    }
    let mut step = Step::default();
    match ws.view {
        View::Compare => {
            step.view = StepView::Compare.name().into();
            step.cases = ws.compare.clone();
            step.dimensions = kept_rows(ws);
        }
        View::Matrix => {
            step.view = StepView::Matrix.name().into();
            step.cases = ws.compare.clone();
            step.family = Some(matrix_family_shown(ws)).filter(|f| !f.is_empty());
        }
        View::Alliances => {
            step.view = StepView::Alliances.name().into();
            step.cases = ws.compare.clone();
        }
        // The reader, and views a lesson cannot show: the case in the reader.
        _ => {
            step.view = StepView::Case.name().into();
            step.cases = ws.open_case.iter().cloned().collect();
            if let Some(f) = &ws.focus {
                step.paragraph = Some(f.paragraph.clone());
                step.quote = f.quote.clone();
            }
            if ws.view == View::Reader {
                if let Some((paragraph, text)) = reader.selection {
                    step.paragraph = Some(paragraph.to_owned());
                    step.quote = Some(text.to_owned()).filter(|t| !t.trim().is_empty());
                } else if step.paragraph.is_none() {
                    step.paragraph = reader.paragraph.map(str::to_owned);
                }
            }
        }
    }
    step
}

/// The dimensions of the rows the Compare view shows when its filter hides some (empty: every
/// row, which is what a step without `dimensions` shows).
fn kept_rows(ws: &Workspace) -> Vec<String> {
    let filter = ws.row_filter();
    let Ok(cmp) = ws.comparison() else {
        return Vec::new();
    };
    let kept: Vec<String> = cmp
        .rows()
        .filter(|r| filter.keeps(r))
        .map(|r| r.dimension.clone())
        .collect();
    if kept.len() == cmp.rows().count() {
        Vec::new()
    } else {
        kept
    }
}

/// The family the Matrix shows: the chosen one, else the one it falls back to.
fn matrix_family_shown(ws: &Workspace) -> String {
    let Some(scope) = ws.matrix_scope() else {
        return ws.matrix_family.clone();
    };
    MatrixQuery {
        codebook: &scope.codebook,
        framework: scope.framework,
        cases: &scope.cases,
        notes: ws.visible_notes(),
        family: &ws.matrix_family,
        count: &ws.class.matrix_count,
        coders: &[],
    }
    .family()
}

/// What a new step will show, for the lesson editor: its title, and for a comparison that
/// keeps some rows how many ("11 of 33 rows"), for a case step without a passage that it shows
/// the case's opening.
pub fn step_summary(step: &Step, ws: &Workspace) -> String {
    let title = step_title(step, &ws.library);
    match step.kind() {
        Some(StepView::Compare) if !step.dimension_ids().is_empty() => {
            let all = Step {
                dimensions: Vec::new(),
                dimension: None,
                ..step.clone()
            };
            let total = step_rows(&all, &ws.library).len();
            let kept = step.dimension_ids().len();
            format!("{title} ({kept} of {total} rows)")
        }
        Some(StepView::Case) if step.paragraph.is_none() => {
            format!("{title} (its title, no passage)")
        }
        _ => title,
    }
}

/// "What the class marked" in the open case (else the first ticked case) as a lesson step;
/// `None` when there is no such case.
pub fn class_step_of(ws: &Workspace) -> Option<Step> {
    let case = ws.open_case.as_ref().or(ws.compare.first())?;
    Some(Step {
        view: StepView::Class.name().into(),
        cases: vec![case.clone()],
        ..Step::default()
    })
}
