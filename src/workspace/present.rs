//! Presentation mode and open lessons as plain data (no GUI types): which lesson step is shown,
//! how many rows of a compare step are revealed, what presenting hides, what Esc puts back and
//! the presentation scale. The lessons themselves are stored in notes files
//! ([`crate::notes::lessons`]).
//!
//! A lesson step is shown by setting the workspace as the step asks (view, open case, passage,
//! compared cases, matrix family); what was there before is saved and restored when the lesson
//! closes. Presenting saves and restores the same way.

use super::steps::{StepCache, step_rows, step_title};
use crate::format::{Lesson, Step, StepView};
use crate::library::{Library, Origin};
use crate::workspace::{Effect, Focus, View, Workspace};

/// Presentation scale before the user chose one.
pub const DEFAULT_PRESENT_SCALE: f32 = 1.5;
/// Smallest scale Ctrl+- reaches.
pub const MIN_SCALE: f32 = 0.5;
/// Largest scale Ctrl+= reaches.
pub const MAX_SCALE: f32 = 4.0;
/// File name of the bundled notes file holding the sample lesson.
pub const SAMPLE_FILE: &str = "lecture.notes.json";
/// Id of the sample lesson in it.
pub const SAMPLE_LESSON: &str = "a-vs-b";

/// Ctrl+= / Ctrl+- / Ctrl+0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// Larger.
    In,
    /// Smaller.
    Out,
    /// Back to the default.
    Reset,
}

/// Where an open lesson comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonSource {
    /// The user's own notes file (editable).
    Mine,
    /// A reference notes file, by name (read-only; can be copied into the user's notes).
    Reference(String),
}

/// Something asked of presentation mode or a lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum PresentCmd {
    /// Start or leave presentation mode (F11).
    Toggle,
    /// Leave presentation mode; when not presenting, close the lesson (Esc).
    Leave,
    /// Show or hide the user's notes, highlights and instructor questions while presenting.
    TogglePrivate,
    /// Show the step alone in a second window (the projector) and the presenter's notes here.
    TogglePresenterView,
    /// Change the scale (the presentation scale while presenting, else the window's zoom).
    Zoom(Zoom),
    /// Open a lesson at its first step.
    Open {
        /// The lesson.
        lesson: Box<Lesson>,
        /// Where it comes from.
        source: LessonSource,
    },
    /// Open the bundled sample lesson (Help > Sample lesson).
    OpenSample,
    /// Next step, or reveal the next row of a compare step.
    Next,
    /// Previous step, or hide the last revealed row.
    Previous,
    /// Jump to a step (0-based).
    GoTo(usize),
    /// Close the lesson and put back the view it replaced.
    Close,
    /// Show or hide the lesson editor.
    ToggleEditor,
}

/// What presenting or a lesson changed in the workspace, put back on leaving.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    view: View,
    open_case: Option<String>,
    focus: Option<Focus>,
    compare: Vec<String>,
    matrix_family: String,
}

impl Saved {
    fn of(ws: &Workspace) -> Self {
        Self {
            view: ws.view,
            open_case: ws.open_case.clone(),
            focus: ws.focus.clone(),
            compare: ws.compare.clone(),
            matrix_family: ws.matrix_family.clone(),
        }
    }

    fn restore(self, ws: &mut Workspace) {
        ws.view = self.view;
        ws.open_case = self.open_case;
        ws.focus = self.focus.map(|f| Focus {
            scroll_pending: true,
            ..f
        });
        ws.compare = self.compare;
        ws.matrix_family = self.matrix_family;
    }
}

/// An open lesson: which one and where in it. The lesson itself is read by id each time from
/// where it lives, the user's notebook or a reference layer ([`Workspace::references`]): an
/// edit shows at once, and there is no copy to re-sync.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonRun {
    /// The lesson's id in its notes file.
    pub id: String,
    /// Where it comes from.
    pub source: LessonSource,
    /// Current step, 0-based.
    pub step: usize,
    /// Rows of a revealing compare step shown so far (every row otherwise).
    pub revealed: usize,
    /// The current step as last shown: an edit that changes it shows it again.
    shown: Option<Step>,
    saved: Saved,
}

/// An open lesson with the lesson itself, as the views read it ([`Workspace::lesson_run`]).
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The lesson.
    pub lesson: &'a Lesson,
    /// Where it comes from.
    pub source: &'a LessonSource,
    /// Current step, 0-based.
    pub step: usize,
    /// Rows of a revealing compare step shown so far (every row otherwise).
    pub revealed: usize,
    /// The library, for the names of the step's cases.
    pub library: &'a Library,
}

impl Workspace {
    /// The lesson `id` of `source`: the user's notebook, or the reference layer of that name.
    pub fn find_lesson(&self, source: &LessonSource, id: &str) -> Option<&Lesson> {
        let lessons = match source {
            LessonSource::Mine => &self.notebook.file().lessons,
            LessonSource::Reference(name) => {
                &self
                    .references
                    .iter()
                    .find(|l| l.name() == *name)?
                    .notes
                    .lessons
            }
        };
        lessons.iter().find(|l| l.id == id)
    }

    /// The open lesson, read from where it lives (`None`: no lesson open, or the user's
    /// lesson is gone).
    pub fn lesson_run(&self) -> Option<Run<'_>> {
        let run = self.present.lesson.as_ref()?;
        let lesson = self.find_lesson(&run.source, &run.id)?;
        Some(Run {
            lesson,
            source: &run.source,
            step: run.step,
            revealed: run.revealed,
            library: &self.library,
        })
    }
}

impl<'a> Run<'a> {
    /// The step shown.
    pub fn current(&self) -> Option<&'a Step> {
        self.lesson.steps.get(self.step)
    }

    /// The step after it.
    pub fn next_step(&self) -> Option<&'a Step> {
        self.lesson.steps.get(self.step + 1)
    }

    /// "3 / 12".
    pub fn progress(&self) -> String {
        if self.lesson.steps.is_empty() {
            "0 / 0".to_owned()
        } else {
            format!("{} / {}", self.step + 1, self.lesson.steps.len())
        }
    }

    /// "Step 3 of 12: `<title>`", for screen readers and the step's heading.
    pub fn announcement(&self) -> String {
        match self.current() {
            None => format!("Lesson “{}” has no steps yet", self.lesson.title),
            Some(step) => format!(
                "Step {} of {}: {}",
                self.step + 1,
                self.lesson.steps.len(),
                step_title(step, self.library)
            ),
        }
    }

    /// True when the current step reveals its rows one at a time.
    pub fn reveals(&self) -> bool {
        self.current().is_some_and(reveals)
    }

    /// The row spotlit in a revealing step (the last revealed), 0-based.
    pub fn spotlight(&self) -> Option<usize> {
        self.reveals()
            .then(|| self.revealed.checked_sub(1))
            .flatten()
    }
}

/// True when `step` reveals its rows one at a time.
fn reveals(step: &Step) -> bool {
    step.reveal && step.kind() == Some(StepView::Compare)
}

/// State of presentation mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Presenting {
    saved: Saved,
    /// The user's notes, highlights and instructor questions are shown.
    pub show_private: bool,
    /// The step shows in a second window; this one shows the presenter's notes.
    pub presenter_view: bool,
}

/// Presentation mode, the open lesson and the scales.
#[derive(Debug, Clone, PartialEq)]
pub struct Present {
    /// Presentation mode, when on.
    pub mode: Option<Presenting>,
    /// The open lesson.
    pub lesson: Option<LessonRun>,
    /// Scale while presenting (remembered across runs).
    pub scale: f32,
    /// Scale of the window otherwise.
    pub zoom: f32,
    /// The lesson editor is shown.
    pub editor: bool,
    /// Compare steps' comparisons ([`Workspace::step_comparison`]).
    pub comparisons: StepCache,
}

impl Default for Present {
    fn default() -> Self {
        Self {
            mode: None,
            lesson: None,
            scale: DEFAULT_PRESENT_SCALE,
            zoom: 1.0,
            editor: false,
            comparisons: StepCache::default(),
        }
    }
}

impl Present {
    /// True in presentation mode.
    pub fn presenting(&self) -> bool {
        self.mode.is_some()
    }

    /// The scale in force.
    pub fn active_scale(&self) -> f32 {
        if self.presenting() {
            self.scale
        } else {
            self.zoom
        }
    }

    /// True when the user's notes and instructor questions are hidden (presenting, not toggled).
    pub fn hides_private(&self) -> bool {
        self.mode.as_ref().is_some_and(|m| !m.show_private)
    }

    /// True when the step shows in a second window.
    pub fn presenter_view(&self) -> bool {
        self.mode.as_ref().is_some_and(|m| m.presenter_view)
    }

    fn zoom(&mut self, zoom: Zoom) {
        let presenting = self.presenting();
        let (value, default) = if presenting {
            (&mut self.scale, DEFAULT_PRESENT_SCALE)
        } else {
            (&mut self.zoom, 1.0)
        };
        *value = match zoom {
            Zoom::In => *value + 0.1,
            Zoom::Out => *value - 0.1,
            Zoom::Reset => default,
        };
        *value = ((value.clamp(MIN_SCALE, MAX_SCALE)) * 10.0).round() / 10.0;
    }
}

/// Carries out `cmd` on the workspace; returns what the window must do.
pub fn apply(ws: &mut Workspace, cmd: PresentCmd) -> Option<Effect> {
    let hid = ws.present.hides_private();
    let effect = carry_out(ws, cmd);
    if ws.present.hides_private() != hid {
        // What the views show of the user's notes changed: their caches are stale.
        ws.generation += 1;
    }
    effect
}

fn carry_out(ws: &mut Workspace, cmd: PresentCmd) -> Option<Effect> {
    match cmd {
        PresentCmd::Toggle if ws.present.presenting() => return leave(ws),
        PresentCmd::Toggle => {
            ws.present.mode = Some(Presenting {
                saved: Saved::of(ws),
                show_private: false,
                presenter_view: false,
            });
            return Some(Effect::Present(true));
        }
        PresentCmd::Leave if ws.present.presenting() => return leave(ws),
        PresentCmd::Leave | PresentCmd::Close => close(ws),
        PresentCmd::TogglePrivate => {
            if let Some(m) = &mut ws.present.mode {
                m.show_private = !m.show_private;
            }
        }
        PresentCmd::TogglePresenterView => {
            if let Some(m) = &mut ws.present.mode {
                m.presenter_view = !m.presenter_view;
            }
        }
        PresentCmd::Zoom(z) => ws.present.zoom(z),
        PresentCmd::Open { lesson, source } => open(ws, *lesson, source),
        PresentCmd::OpenSample => match sample_lesson(&ws.library) {
            Some(lesson) => open(ws, lesson, LessonSource::Reference(SAMPLE_FILE.into())),
            None => ws.message = Some("The sample lesson is not loaded.".into()),
        },
        PresentCmd::Next => next(ws),
        PresentCmd::Previous => previous(ws),
        PresentCmd::GoTo(step) => go_to(ws, step, false),
        PresentCmd::ToggleEditor => ws.present.editor = !ws.present.editor,
    }
    None
}

fn leave(ws: &mut Workspace) -> Option<Effect> {
    let mode = ws.present.mode.take()?;
    mode.saved.restore(ws);
    if let Some(run) = &ws.present.lesson {
        // Still in the lesson: show its step again.
        let step = run.step;
        go_to(ws, step, true);
    }
    Some(Effect::Present(false))
}

fn close(ws: &mut Workspace) {
    if let Some(run) = ws.present.lesson.take() {
        run.saved.restore(ws);
    }
}

/// The bundled sample lesson.
pub fn sample_lesson(library: &Library) -> Option<Lesson> {
    library
        .notes
        .iter()
        .filter(|e| matches!(&e.origin, Origin::Bundled(name) if name.ends_with(SAMPLE_FILE)))
        .flat_map(|e| &e.doc.lessons)
        .find(|l| l.id == SAMPLE_LESSON)
        .cloned()
}

fn open(ws: &mut Workspace, lesson: Lesson, source: LessonSource) {
    // Opened by id: the lesson is read from where it lives from now on.
    if ws.find_lesson(&source, &lesson.id).is_none() {
        ws.message = Some(format!("The lesson “{}” is no longer there.", lesson.title));
        return;
    }
    let saved = match ws.present.lesson.take() {
        Some(run) => run.saved,
        None => Saved::of(ws),
    };
    ws.present.lesson = Some(LessonRun {
        id: lesson.id,
        source,
        step: 0,
        revealed: 0,
        shown: None,
        saved,
    });
    go_to(ws, 0, false);
}

/// Shows step `step`, every row revealed when `all_rows` (coming back), else the first.
fn go_to(ws: &mut Workspace, step: usize, all_rows: bool) {
    let Some(s) = ws
        .lesson_run()
        .and_then(|run| run.lesson.steps.get(step).cloned())
    else {
        return;
    };
    let rows = step_rows(&s, &ws.library).len();
    let Some(run) = &mut ws.present.lesson else {
        return;
    };
    run.step = step;
    run.revealed = if reveals(&s) && !all_rows {
        rows.min(1)
    } else {
        rows
    };
    run.shown = Some(s.clone());
    show_step(ws, &s);
}

fn next(ws: &mut Workspace) {
    let Some(run) = ws.lesson_run() else {
        return;
    };
    let (step, count) = (run.step, run.lesson.steps.len());
    if run.reveals()
        && let Some(current) = run.current()
        && run.revealed < step_rows(current, &ws.library).len()
    {
        if let Some(run) = &mut ws.present.lesson {
            run.revealed += 1;
        }
        return;
    }
    if step + 1 < count {
        go_to(ws, step + 1, false);
    }
}

fn previous(ws: &mut Workspace) {
    let Some(run) = ws.lesson_run() else {
        return;
    };
    let step = run.step;
    if run.reveals() && run.revealed > 1 {
        if let Some(run) = &mut ws.present.lesson {
            run.revealed -= 1;
        }
        return;
    }
    if let Some(to) = step.checked_sub(1) {
        go_to(ws, to, true);
    }
}

/// Sets the workspace to show `step`.
fn show_step(ws: &mut Workspace, step: &Step) {
    let Some(view) = step.kind() else {
        ws.message = Some(format!(
            "A lesson step asks for an unknown view \"{}\".",
            step.view
        ));
        return;
    };
    let known: Vec<String> = step
        .cases
        .iter()
        .filter(|c| ws.library.case(c).is_some())
        .cloned()
        .collect();
    if known.len() < step.cases.len() {
        ws.message = Some("A case of this lesson step is not loaded.".into());
    }
    match view {
        StepView::Case => {
            if let Some(case) = known.first() {
                ws.open_case = Some(case.clone());
                ws.focus = step.paragraph.as_ref().map(|p| Focus {
                    paragraph: p.clone(),
                    quote: step.quote.clone(),
                    range: None,
                    scroll_pending: true,
                });
            }
            ws.view = View::Reader;
        }
        StepView::Compare => {
            ws.compare = known;
            ws.view = View::Compare;
        }
        StepView::Matrix => {
            ws.compare = known;
            if let Some(f) = &step.family {
                ws.matrix_family = f.clone();
            }
            ws.view = View::Matrix;
        }
        StepView::Alliances => {
            ws.compare = known;
            ws.view = View::Alliances;
        }
        // Drawn over the Agreement view, where "What the class marked" lives.
        StepView::Class => {
            if let Some(case) = known.first() {
                ws.open_case = Some(case.clone());
            }
            ws.view = View::Agreement;
        }
    }
}

/// After a change to the user's notes: an open lesson of theirs closes when it was deleted,
/// and shows its step again (every row) when that step changed or is gone.
pub fn refresh(ws: &mut Workspace) {
    let Some(open) = &ws.present.lesson else {
        return;
    };
    if open.source != LessonSource::Mine {
        return;
    }
    let shown = open.shown.clone();
    let Some(run) = ws.lesson_run() else {
        close(ws);
        return;
    };
    let step = run.step.min(run.lesson.steps.len().saturating_sub(1));
    if run.lesson.steps.get(step) != shown.as_ref() {
        go_to(ws, step, true);
    }
}

mod of_view;

pub use of_view::{ReaderShown, class_step_of, step_of_view, step_summary};

#[cfg(test)]
mod tests;
