//! A lesson as the class sees it: the lesson bar ("3 / 12", Previous, Next), a case passage
//! with its quote marked, a comparison revealed row by row with the current row spotlit, and
//! the presenter's screen (note, next step, time). State lives in [`crate::workspace::present`].

use std::time::Duration;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, FontId, Layout, RichText, Ui};

use crate::compare::{CellState, Row};
use crate::format::Step;
use crate::format::StepView;
use crate::ui::theme;
use crate::workspace::present::{PresentCmd, Run};
use crate::workspace::{Action, Workspace};

/// Screen-reader name of the live label that announces the step.
pub const STEP_LABEL: &str = "Lesson step";

fn push(actions: &mut Vec<Action>, cmd: PresentCmd) {
    actions.push(Action::Present(cmd));
}

/// A label whose text screen readers announce when it changes (the step, the revealed row).
pub fn live_label(ui: &mut Ui, text: RichText) {
    let r = ui.add(egui::Label::new(text).truncate());
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_live(egui::accesskit::Live::Polite);
    });
}

/// The lesson bar: title, progress, Previous / Next, and (outside presentation mode) Present
/// and Close. Nothing when no lesson is open.
pub fn bar_ui(ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
    let Some(run) = ws.lesson_run() else {
        return;
    };
    if ws.present.presenting() {
        ui.horizontal(|ui| progress_ui(ui, ws, &run, actions));
        return;
    }
    // The buttons on the right first; the title and the step take what is left.
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        if ui.button("Close lesson").clicked() {
            push(actions, PresentCmd::Close);
        }
        if ui
            .button("Present")
            .on_hover_text("Full screen, large type (F11)")
            .clicked()
        {
            push(actions, PresentCmd::Toggle);
        }
        ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
            ui.label(RichText::new(format!("Lesson: {}", run.lesson.title)).strong());
            ui.separator();
            progress_ui(ui, ws, &run, actions);
        });
    });
}

/// Previous, "3 / 12", Next and the step's announcement.
fn progress_ui(ui: &mut Ui, ws: &Workspace, run: &Run<'_>, actions: &mut Vec<Action>) {
    let first = run.step == 0 && !(run.reveals() && run.revealed > 1);
    if ui
        .add_enabled(!first, egui::Button::new("Previous"))
        .on_hover_text("Previous step (Left, Page Up)")
        .clicked()
    {
        push(actions, PresentCmd::Previous);
    }
    ui.label(RichText::new(run.progress()).strong())
        .on_hover_text("Step of the lesson");
    if ui
        .add_enabled(!at_end(run, ws), egui::Button::new("Next"))
        .on_hover_text("Next step or row (Right, Page Down, Space)")
        .clicked()
    {
        push(actions, PresentCmd::Next);
    }
    ui.separator();
    live_label(ui, RichText::new(run.announcement()));
}

/// True on the last step with every row shown.
fn at_end(run: &Run<'_>, ws: &Workspace) -> bool {
    let last = run.step + 1 >= run.lesson.steps.len();
    let rows_left = run.reveals()
        && run.current().is_some_and(|s| {
            run.revealed < crate::workspace::steps::step_rows(s, &ws.library).len()
        });
    last && !rows_left
}

/// Draws the current step when it is a case passage or a comparison and returns true; the
/// matrix and the alliances table are drawn by their own views (the workspace is set for them).
pub fn step_ui(ui: &mut Ui, ws: &Workspace) -> bool {
    let Some(run) = ws.lesson_run() else {
        return false;
    };
    let Some(step) = run.current() else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(&run.lesson.title);
            ui.label("This lesson has no steps yet: add one with the lesson editor (File > Lesson editor…).");
        });
        return true;
    };
    match StepView::parse(&step.view) {
        Some(StepView::Case) => {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    keyboard_scroll(ui);
                    passage_ui(ui, ws, step);
                });
            });
            true
        }
        Some(StepView::Compare) => {
            // Sideways the header moves with the rows; downwards only the rows scroll.
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::horizontal().show(ui, |ui| compare_ui(ui, ws, &run, step));
            });
            true
        }
        // The matrix and the alliances table draw themselves below the step's title.
        _ => {
            egui::Panel::top("lesson-step-title").show(ui, |ui| {
                ui.label(
                    RichText::new(crate::workspace::steps::step_title(step, &ws.library))
                        .size(theme::TITLE_SIZE)
                        .strong(),
                );
            });
            false
        }
    }
}

fn step_heading(ui: &mut Ui, step: &Step, library: &crate::library::Library) {
    ui.label(
        RichText::new(crate::workspace::steps::step_title(step, library))
            .size(theme::TITLE_SIZE)
            .strong(),
    );
    ui.add_space(8.0);
}

/// The case's title, the paragraph with the quote marked, and (when the presenter shows them)
/// the user's own highlights on it.
fn passage_ui(ui: &mut Ui, ws: &Workspace, step: &Step) {
    step_heading(ui, step, &ws.library);
    let Some(case) = step.cases.first().and_then(|c| ws.library.case(c)) else {
        ui.label("The case of this step is not loaded.");
        return;
    };
    ui.set_max_width(theme::READING_WIDTH.max(ui.available_width() * 0.8));
    ui.label(RichText::new(&case.title).size(theme::SECTION_SIZE));
    let Some(par) = step.paragraph.as_deref().and_then(|p| case.paragraph(p)) else {
        ui.label(RichText::new(case.subtitle.clone().unwrap_or_default()).weak());
        return;
    };
    // Where the passage is, in words ("Background ¶ 2"), not its address.
    let place = crate::workspace::steps::passage_place(
        &ws.library,
        &case.id,
        step.paragraph.as_deref().unwrap_or_default(),
    );
    ui.label(RichText::new(place).small().weak());
    ui.add_space(6.0);
    let size = theme::BODY_SIZE * 1.3;
    let mark = step
        .quote
        .as_deref()
        .and_then(|q| par.text.find(q).map(|start| start..start + q.len()));
    ui.label(marked(ui, &par.text, mark, size));
    if let Some(q) = &step.quote {
        ui.add_space(4.0);
        ui.label(RichText::new(format!("Marked: “{q}”")).small().weak());
    }
    if !ws.hides_mine() {
        own_highlights_ui(
            ui,
            ws,
            &case.id,
            step.paragraph.as_deref().unwrap_or_default(),
        );
    }
}

fn marked(ui: &Ui, text: &str, mark: Option<std::ops::Range<usize>>, size: f32) -> LayoutJob {
    // Full contrast for a projector.
    let color = ui.visuals().strong_text_color();
    let plain = TextFormat::simple(FontId::proportional(size), color);
    let strong = TextFormat {
        background: theme::FOCUS_BG,
        color: theme::FOCUS_FG,
        ..TextFormat::simple(FontId::proportional(size), theme::FOCUS_FG)
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    match mark {
        Some(r) => {
            job.append(&text[..r.start], 0.0, plain.clone());
            job.append(&text[r.clone()], 0.0, strong);
            job.append(&text[r.end..], 0.0, plain);
        }
        None => job.append(text, 0.0, plain),
    }
    job
}

fn own_highlights_ui(ui: &mut Ui, ws: &Workspace, case: &str, paragraph: &str) {
    let mine: Vec<&crate::format::Item> = ws
        .notebook
        .items()
        .filter(|i| i.case.as_deref() == Some(case))
        .filter(|i| {
            i.target
                .as_ref()
                .is_some_and(|t| t.paragraph.as_deref() == Some(paragraph))
        })
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Your highlights here").strong());
    for item in mine {
        let exact = item.target.as_ref().and_then(|t| t.exact.clone());
        let text = item.text.clone().unwrap_or_default();
        ui.label(format!("“{}” {text}", exact.unwrap_or_default()));
    }
}

/// The step's rows for its cases, revealed so far, the current one spotlit.
fn compare_ui(ui: &mut Ui, ws: &Workspace, run: &Run<'_>, step: &Step) {
    step_heading(ui, step, &ws.library);
    let cmp = ws.step_comparison(step);
    let cmp = match cmp.as_ref() {
        Ok(cmp) => cmp,
        Err(e) => {
            ui.label(format!("This comparison cannot be shown: {e}."));
            return;
        }
    };
    let rows = crate::workspace::steps::step_rows(step, &ws.library);
    // Codes by label, as the Compare view shows them.
    let book = ws.codebook(&cmp.framework);
    let shown = if run.reveals() {
        run.revealed
    } else {
        rows.len()
    };
    let spotlight = run.spotlight();
    let n = cmp.cases.len().max(1) as f32;
    let width = ui.available_width().max(480.0) - 2.0 * ROW_PAD;
    let dim_w = (width * 0.22).clamp(120.0, 320.0);
    let col_w = ((width - dim_w - n * COL_GAP) / n).max(140.0);
    let header: Vec<(f32, RichText)> = std::iter::once((dim_w, RichText::new("")))
        .chain(
            cmp.cases
                .iter()
                .map(|c| (col_w, RichText::new(&c.title).strong())),
        )
        .collect();
    cells_row(ui, header, false);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("lesson-compare-rows")
        .show(ui, |ui| {
            keyboard_scroll(ui);
            for (i, dim) in rows.iter().take(shown).enumerate() {
                let Some(row) = cmp.rows().find(|r| &r.dimension == dim) else {
                    continue;
                };
                row_ui(ui, row, &book, spotlight == Some(i), [dim_w, col_w]);
            }
            reveal_status_ui(ui, run, &rows, cmp, shown, spotlight);
        });
}

/// Down and Up scroll a step taller than the window (a clicker's or the keyboard's arrows;
/// Left and Right step), unless a text field has the keys.
fn keyboard_scroll(ui: &mut Ui) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let (down, up) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
        )
    });
    // Most of a screen, so a line read last stays in sight.
    let step = ui.clip_rect().height() * 0.8;
    let dy = match (down, up) {
        (true, false) => -step,
        (false, true) => step,
        _ => return,
    };
    ui.scroll_with_delta_animation(egui::vec2(0.0, dy), egui::style::ScrollAnimation::none());
}

/// "Row 3 of 8 revealed: …" under a revealing step.
fn reveal_status_ui(
    ui: &mut Ui,
    run: &Run<'_>,
    rows: &[String],
    cmp: &crate::compare::Comparison,
    shown: usize,
    spotlight: Option<usize>,
) {
    if run.reveals() {
        ui.add_space(8.0);
        let text = match spotlight.and_then(|i| rows.get(i)) {
            Some(dim) => {
                let label = cmp
                    .rows()
                    .find(|r| &r.dimension == dim)
                    .map_or(dim.as_str(), |r| r.label.as_str());
                format!("Row {} of {} revealed: {label}", shown, rows.len())
            }
            None => format!("Row 0 of {} revealed", rows.len()),
        };
        live_label(ui, RichText::new(text).weak());
    }
}

/// Room between the columns of a compare step.
const COL_GAP: f32 = 16.0;
/// Room around a row's text (the spotlight's margin).
const ROW_PAD: f32 = 6.0;

/// One row of a compare step: its cells side by side at the given widths, the whole row lit
/// when `spot`.
fn cells_row(ui: &mut Ui, cells: Vec<(f32, RichText)>, spot: bool) {
    let bg = ui.painter().add(egui::Shape::Noop);
    let r = ui
        .horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = COL_GAP;
            ui.add_space(ROW_PAD);
            for (w, text) in cells {
                ui.allocate_ui_with_layout(
                    egui::vec2(w, 0.0),
                    Layout::top_down(Align::Min),
                    |ui| {
                        ui.set_width(w);
                        ui.add(egui::Label::new(text).wrap());
                    },
                );
            }
        })
        .response;
    if spot {
        let rect = r.rect.expand2(egui::vec2(0.0, ROW_PAD));
        ui.painter()
            .set(bg, egui::Shape::rect_filled(rect, 4.0, theme::FOCUS_BG));
    }
    ui.add_space(2.0 * ROW_PAD + 4.0);
}

fn row_ui(
    ui: &mut Ui,
    row: &Row,
    book: &crate::codebook::Codebook,
    spot: bool,
    [dim_w, col_w]: [f32; 2],
) {
    // Full contrast for a projector.
    let fg = if spot {
        theme::FOCUS_FG
    } else {
        ui.visuals().strong_text_color()
    };
    let mut cells = vec![(dim_w, RichText::new(&row.label).strong().color(fg))];
    for cell in &row.cells {
        let text = match cell.state {
            CellState::Value => {
                RichText::new(crate::export::cell_text(book, row.kind, cell)).color(fg)
            }
            CellState::Unknown => RichText::new(format!(
                "Unknown: {}",
                cell.unknown.as_deref().unwrap_or("the case does not say")
            ))
            .italics()
            .color(if spot {
                fg
            } else {
                crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Unknown)
            }),
            CellState::NotCovered => RichText::new("not covered").weak(),
        };
        cells.push((col_w, text));
    }
    cells_row(ui, cells, spot);
}

/// The presenter's screen: the step shown on the projector, its note, the next step and the
/// time since the lesson opened.
pub fn presenter_ui(ui: &mut Ui, run: &Run<'_>, ws: &Workspace, elapsed: Duration) {
    let secs = elapsed.as_secs();
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Elapsed {}:{:02}", secs / 60, secs % 60)).strong());
        if run.reveals()
            && let Some(step) = run.current()
        {
            ui.separator();
            let rows = crate::workspace::steps::step_rows(step, &ws.library).len();
            ui.label(format!("Rows shown: {} of {rows}", run.revealed));
        }
    });
    ui.separator();
    ui.label(RichText::new("Presenter note").strong());
    let note = run
        .current()
        .and_then(|s| s.note.clone())
        .unwrap_or_else(|| "No note for this step.".into());
    let strong = ui.visuals().strong_text_color();
    ui.label(RichText::new(note).size(theme::SECTION_SIZE).color(strong));
    ui.add_space(12.0);
    let next = run.next_step().map_or_else(
        || "End of the lesson".to_owned(),
        |s| crate::workspace::steps::step_title(s, &ws.library),
    );
    ui.label(RichText::new(format!("Next: {next}")).size(theme::SECTION_SIZE));
}
