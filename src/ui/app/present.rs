//! Presentation mode and lessons in the window: the chrome-less layout, full screen, the
//! presentation scale, the projector window of the presenter view, File > Lessons and the
//! lesson editor. What is shown is decided in [`crate::lesson`]; this draws it.

use egui::{RichText, Ui};

use super::CaselensApp;
use super::present_ui::PresentUi;
use crate::format::Lesson;
use crate::notes::lessons::LessonEdit;
use crate::ui::commands;
use crate::ui::layout::SideSlot;
use crate::ui::theme;
use crate::ui::views::lesson_view;
use crate::workspace::present::{LessonSource, PresentCmd};
use crate::workspace::unsaved::follow_saved;
use crate::workspace::{Action, Edit};

/// Below this width (in points) the presentation bar uses its short words.
const COMPACT_BAR_WIDTH: f32 = 900.0;

/// Gives a control the name screen readers read (its visible text may be shorter).
fn named(ui: &Ui, r: &egui::Response, name: &str) {
    let name = name.to_owned();
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label(name));
}

fn present(cmd: PresentCmd) -> Action {
    Action::Present(cmd)
}

impl CaselensApp {
    /// Sets egui's zoom to the scale in force and starts or stops the lesson clock. Outside
    /// presentation mode, a zoom set elsewhere (the saved UI scale) is taken as the window's.
    pub(super) fn sync_present(&mut self, ctx: &egui::Context) {
        let state = &mut self.workspace.present;
        let p = &mut self.present_ui;
        let current = ctx.zoom_factor();
        let unchanged = p.applied.is_none_or(|a| (a - state.zoom).abs() < 1e-3);
        if !state.presenting() && unchanged {
            state.zoom = current;
            p.applied = Some(current);
        } else {
            let target = state.active_scale();
            if (current - target).abs() > 1e-3 {
                ctx.set_zoom_factor(target);
            }
            p.applied = Some(target);
        }
        match (&state.lesson, p.started) {
            (Some(_), None) => p.started = Some(p.clock.now()),
            (None, Some(_)) => p.started = None,
            _ => {}
        }
    }

    /// Enters (`true`) or leaves full screen for presentation mode, restoring the window mode.
    pub(super) fn window_mode(&mut self, ctx: &egui::Context, on: bool) {
        let full = if on {
            self.present_ui.was_fullscreen =
                ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            true
        } else {
            self.present_ui.was_fullscreen
        };
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(full));
    }

    /// The whole window while presenting: a thin bar and the step (or the current view), no
    /// menu, library or side panels. With the presenter view, the step goes to a second window
    /// and this one shows the presenter's note, the next step and the time.
    /// Returns the bottom of the presentation bar.
    pub(super) fn presenting_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) -> f32 {
        let ctx = ui.ctx().clone();
        let bar = egui::Panel::top("present-bar").show(ui, |ui| self.present_bar_ui(ui, actions));
        let presenter = self.workspace.present.presenter_view();
        if presenter && let Some(run) = self.workspace.lesson_run() {
            let elapsed = self.present_ui.elapsed();
            egui::CentralPanel::default().show(ui, |ui| {
                lesson_view::presenter_ui(ui, &run, &self.workspace, elapsed);
            });
            self.projector_ui(&ctx, actions);
        } else {
            self.present_view_ui(ui, actions);
        }
        bar.response.rect.bottom()
    }

    fn present_bar_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let ws = &self.workspace;
        let state = &ws.present;
        // At a large scale the bar is short of room: shorter words, the same names for
        // screen readers.
        let compact = ui.available_width() < COMPACT_BAR_WIDTH;
        // The controls on the right first; the lesson's progress and step take what is left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Leave")
                .on_hover_text("Leave presentation mode (Esc)")
                .clicked()
            {
                actions.push(present(PresentCmd::Leave));
            }
            let mut presenter = state.presenter_view();
            let name = "Presenter view (second window)";
            let r = ui
                .checkbox(&mut presenter, if compact { "Presenter" } else { name })
                .on_hover_text("The step alone in a second window for the projector; here, your note, the next step and the time");
            named(ui, &r, name);
            if r.changed() {
                actions.push(present(PresentCmd::TogglePresenterView));
            }
            let mut private = !state.hides_private();
            let r = ui
                .checkbox(&mut private, if compact { "Notes" } else { "My notes" })
                .on_hover_text("Show your notes, highlights and instructor questions (N)");
            named(ui, &r, "My notes");
            if r.changed() {
                actions.push(present(PresentCmd::TogglePrivate));
            }
            if !compact {
                ui.label(RichText::new(format!("{:.0}%", state.scale * 100.0)).weak())
                    .on_hover_text("Presentation scale: Ctrl+= larger, Ctrl+- smaller, Ctrl+0 default");
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                if state.lesson.is_some() {
                    lesson_view::bar_ui(ui, ws, actions);
                } else {
                    ui.label(RichText::new(ws.view.label()).strong());
                }
            });
        });
    }

    /// The step of a lesson, else the current view, with no side panel.
    fn present_view_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let side = SideSlot {
            shown: false,
            main_min: 0.0,
        };
        self.reader.side = side;
        self.matrix_view.side = side;
        // The lesson's step, else the current view (`view_ui` decides).
        self.view_ui(ui, actions);
    }

    /// `Some(on)` for the presentation commands that toggle something (menus, palette).
    pub(super) fn present_ticked(&self, cmd: &PresentCmd) -> Option<bool> {
        let state = &self.workspace.present;
        match cmd {
            PresentCmd::Toggle => Some(state.presenting()),
            PresentCmd::TogglePrivate => Some(state.presenting() && !state.hides_private()),
            PresentCmd::TogglePresenterView => Some(state.presenter_view()),
            PresentCmd::ToggleEditor => Some(state.editor),
            _ => None,
        }
    }

    /// Which scoped shortcuts hold ([`commands::Scope`]).
    pub(super) fn present_modes(&self) -> commands::Modes {
        commands::Modes {
            lesson: self.workspace.present.lesson.is_some(),
            presenting: self.workspace.present.presenting(),
        }
    }

    /// The projector: the step alone in a second window (embedded where there is none).
    fn projector_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let id = egui::ViewportId::from_hash_of("caselens-projector");
        // 1280x720 pixels at the presentation scale (the size is in points).
        let scale = self.workspace.present.scale;
        let builder = egui::ViewportBuilder::default()
            .with_title("Caselens: projector")
            .with_inner_size([1280.0 / scale, 720.0 / scale]);
        let mut more = Vec::new();
        ctx.show_viewport_immediate(id, builder, |ui, _class| {
            // A clicker's keys reach whichever window has the focus: this one too.
            more.extend(commands::pressed(ui.ctx(), &self.commands));
            self.present_view_ui(ui, &mut more);
            if ui.ctx().input(|i| i.viewport().close_requested()) {
                more.push(present(PresentCmd::TogglePresenterView));
            }
        });
        actions.extend(more);
    }

    /// File > Lessons: the user's lessons and those of the reference files; a click opens one.
    pub(super) fn lessons_menu_ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let mut any = false;
        for lesson in &self.workspace.notebook.file().lessons {
            any = true;
            lesson_entry(ui, lesson, LessonSource::Mine, "yours", actions);
        }
        for layer in self.notes.references() {
            let name = layer.name();
            for lesson in &layer.notes.lessons {
                any = true;
                let source = LessonSource::Reference(name.clone());
                lesson_entry(ui, lesson, source, &name, actions);
            }
        }
        if !any {
            ui.label("No lessons yet: Help > Sample lesson, or the lesson editor.");
        }
    }

    /// The lesson editor window (File > Lesson editor…), kept below `top` (the bars).
    pub(super) fn lesson_editor_ui(
        &mut self,
        ctx: &egui::Context,
        top: f32,
        actions: &mut Vec<Action>,
    ) {
        let mut open = self.workspace.present.editor;
        if !open {
            return;
        }
        let content = ctx.content_rect();
        let area = egui::Rect::from_min_max(egui::pos2(content.left(), top), content.max);
        egui::Window::new("Lesson editor")
            .open(&mut open)
            .default_width(460.0)
            .default_pos(area.left_top() + egui::vec2(theme::WINDOW_OFFSET, theme::WINDOW_OFFSET))
            .constrain_to(area)
            .show(ctx, |ui| self.editor_body_ui(ui, actions));
        if !open {
            actions.push(present(PresentCmd::ToggleEditor));
        }
    }

    fn editor_body_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let lessons = self.workspace.notebook.file().lessons.clone();
        let p = &mut self.present_ui;
        if p.editing
            .as_ref()
            .is_none_or(|id| !lessons.iter().any(|l| &l.id == id))
        {
            p.editing = lessons.first().map(|l| l.id.clone());
        }
        ui.label(RichText::new("Your lessons (in your notes file)").strong());
        for l in &lessons {
            let on = p.editing.as_deref() == Some(&l.id);
            if ui
                .selectable_label(on, format!("{} ({} steps)", l.title, l.steps.len()))
                .clicked()
            {
                p.editing = Some(l.id.clone());
                p.step = None;
            }
        }
        ui.horizontal(|ui| {
            let r = ui.add(egui::TextEdit::singleline(&mut p.title).hint_text("Lesson title"));
            ui.ctx()
                .accesskit_node_builder(r.id, |n| n.set_label("Lesson title"));
            let title = p.title.trim().to_owned();
            if ui
                .add_enabled(!title.is_empty(), egui::Button::new("New lesson"))
                .clicked()
            {
                actions.push(lesson_edit(LessonEdit::New { title }));
                p.title.clear();
            }
            if let Some(id) = p.editing.clone() {
                let title = p.title.trim().to_owned();
                if ui
                    .add_enabled(!title.is_empty(), egui::Button::new("Rename lesson"))
                    .clicked()
                {
                    actions.push(lesson_edit(LessonEdit::Rename {
                        lesson: id.clone(),
                        title,
                    }));
                    p.title.clear();
                }
                if ui.button("Delete lesson").clicked() {
                    actions.push(lesson_edit(LessonEdit::Delete(id)));
                }
            }
        });
        if let Some(lesson) = lessons
            .iter()
            .find(|l| Some(&l.id) == self.present_ui.editing.as_ref())
        {
            ui.separator();
            self.steps_ui(ui, lesson, actions);
        }
        ui.separator();
        self.reference_lessons_ui(ui, actions);
    }

    fn steps_ui(&mut self, ui: &mut Ui, lesson: &Lesson, actions: &mut Vec<Action>) {
        let id = lesson.id.clone();
        let p = &mut self.present_ui;
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Steps of “{}”", lesson.title)).strong());
            if ui
                .button("Open lesson")
                .on_hover_text("Open this lesson at its first step")
                .clicked()
            {
                actions.push(open_lesson(lesson, LessonSource::Mine));
            }
        });
        let n = lesson.steps.len();
        for (i, step) in lesson.steps.iter().enumerate() {
            ui.horizontal(|ui| {
                let text = format!(
                    "{}. {}",
                    i + 1,
                    crate::workspace::steps::step_title(step, &self.workspace.library)
                );
                if ui.selectable_label(p.step == Some(i), text).clicked() {
                    p.step = Some(i);
                    p.step_title = step.title.clone().unwrap_or_default();
                    p.step_note = step.note.clone().unwrap_or_default();
                    p.step_saved = (p.step_title.clone(), p.step_note.clone());
                }
                let mv = |to: usize| {
                    lesson_edit(LessonEdit::MoveStep {
                        lesson: id.clone(),
                        from: i,
                        to,
                    })
                };
                if named_button(ui, i > 0, "Up", &format!("Move step {} up", i + 1)) {
                    actions.push(mv(i - 1));
                }
                if named_button(ui, i + 1 < n, "Down", &format!("Move step {} down", i + 1)) {
                    actions.push(mv(i + 1));
                }
                if named_button(ui, true, "Delete", &format!("Delete step {}", i + 1)) {
                    actions.push(lesson_edit(LessonEdit::DeleteStep {
                        lesson: id.clone(),
                        index: i,
                    }));
                    p.step = None;
                }
            });
        }
        if let Some(index) = p.step.filter(|i| *i < n) {
            // Undo and redo change the file: the fields follow unless typed in.
            if let Some(step) = lesson.steps.get(index) {
                let (title, note) = &mut p.step_saved;
                let saved_title = step.title.as_deref().unwrap_or_default();
                follow_saved(&mut p.step_title, title, saved_title);
                follow_saved(
                    &mut p.step_note,
                    note,
                    step.note.as_deref().unwrap_or_default(),
                );
            }
            selected_step_ui(ui, p, &id, index, actions);
        }
        let selection = self.reader.selection.as_ref();
        let shown = crate::workspace::present::ReaderShown {
            selection: selection.map(|s| (s.paragraph.as_str(), s.text.as_str())),
            paragraph: self.reader.in_sight.as_deref(),
        };
        let step = crate::workspace::present::step_of_view(&self.workspace, shown);
        let summary = crate::workspace::present::step_summary(&step, &self.workspace);
        let clicked = ui
            .button("Add current view as a step")
            .on_hover_text(&summary)
            .clicked();
        // What the new step will show, in words, before it is added.
        ui.label(RichText::new(format!("Adds: {summary}")).small().weak());
        if clicked {
            actions.push(lesson_edit(LessonEdit::AddStep {
                lesson: id.clone(),
                step: Box::new(step),
            }));
        }
        class_step_button(ui, &self.workspace, &id, actions);
    }

    fn reference_lessons_ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.label(RichText::new("Lessons in reference files (read-only)").strong());
        for layer in self.notes.references() {
            for lesson in &layer.notes.lessons {
                ui.horizontal(|ui| {
                    ui.label(format!("{} ({})", lesson.title, layer.name()));
                    if ui.button("Open").clicked() {
                        actions.push(open_lesson(lesson, LessonSource::Reference(layer.name())));
                    }
                    if ui
                        .button("Copy to my notes")
                        .on_hover_text(
                            "Copy this lesson into your notes file, where you can edit it",
                        )
                        .clicked()
                    {
                        actions.push(lesson_edit(LessonEdit::Copy(Box::new(lesson.clone()))));
                    }
                });
            }
        }
    }
}

impl CaselensApp {
    /// The presenter note typed in the lesson editor and not saved yet, if any.
    pub(super) fn lesson_note_pending(&self) -> Option<crate::workspace::unsaved::Pending> {
        let p = &self.present_ui;
        let (lesson, index) = (p.editing.clone()?, p.step?);
        if p.step_note.trim() == p.step_saved.1.trim() {
            return None;
        }
        Some(crate::workspace::unsaved::Pending {
            name: format!("A presenter note for step {} (lesson editor)", index + 1),
            save: Edit::Lesson(LessonEdit::SetNote {
                lesson,
                index,
                note: p.step_note.trim().to_owned(),
            }),
        })
    }

    /// Puts the saved note back in the lesson editor's box (saved or discarded on quitting).
    pub(super) fn clear_lesson_note(&mut self) {
        let p = &mut self.present_ui;
        p.step_note.clone_from(&p.step_saved.1);
    }
}

fn lesson_edit(edit: LessonEdit) -> Action {
    Action::Edit(Edit::Lesson(edit))
}

fn open_lesson(lesson: &Lesson, source: LessonSource) -> Action {
    present(PresentCmd::Open {
        lesson: Box::new(lesson.clone()),
        source,
    })
}

fn lesson_entry(
    ui: &mut Ui,
    lesson: &Lesson,
    source: LessonSource,
    from: &str,
    actions: &mut Vec<Action>,
) {
    let text = format!("{} ({} steps, {from})", lesson.title, lesson.steps.len());
    if ui.button(text).clicked() {
        actions.push(open_lesson(lesson, source));
        ui.close();
    }
}

/// A small button whose screen-reader name says what it does to which step.
fn named_button(ui: &mut Ui, enabled: bool, text: &str, name: &str) -> bool {
    let r = ui
        .add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(name);
    let name = name.to_owned();
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label(name));
    r.clicked()
}

/// The title and presenter note of the step chosen in the lesson editor.
fn selected_step_ui(
    ui: &mut Ui,
    p: &mut PresentUi,
    lesson: &str,
    index: usize,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let r = ui.text_edit_singleline(&mut p.step_title);
        ui.ctx()
            .accesskit_node_builder(r.id, |node| node.set_label("Step title"));
        if ui.button("Rename step").clicked() {
            actions.push(lesson_edit(LessonEdit::RenameStep {
                lesson: lesson.to_owned(),
                index,
                title: p.step_title.trim().to_owned(),
            }));
        }
    });
    ui.label("Presenter note (shown only to you in the presenter view)");
    let r = ui.add(
        egui::TextEdit::multiline(&mut p.step_note)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label("Presenter note"));
    if ui.button("Save note").clicked() {
        actions.push(lesson_edit(LessonEdit::SetNote {
            lesson: lesson.to_owned(),
            index,
            note: p.step_note.trim().to_owned(),
        }));
    }
}

/// *Add class summary of this case as a step*: what the class marked in the open case, from
/// any view ([`crate::workspace::present::class_step_of`]).
fn class_step_button(
    ui: &mut Ui,
    ws: &crate::workspace::Workspace,
    lesson: &str,
    actions: &mut Vec<Action>,
) {
    let step = crate::workspace::present::class_step_of(ws);
    let hover = step.as_ref().map_or_else(
        || "Open a case first".to_owned(),
        |s| {
            format!(
                "{}, counted over the class layers shown when it is presented",
                crate::workspace::steps::step_title(s, &ws.library)
            )
        },
    );
    let clicked = ui
        .add_enabled(
            step.is_some(),
            egui::Button::new("Add class summary of this case as a step"),
        )
        .on_hover_text(&hover)
        .on_disabled_hover_text(&hover)
        .clicked();
    if clicked && let Some(step) = step {
        actions.push(lesson_edit(LessonEdit::AddStep {
            lesson: lesson.to_owned(),
            step: Box::new(step),
        }));
    }
}
