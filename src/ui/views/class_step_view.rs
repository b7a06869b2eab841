//! A lesson step "What the class marked" as the room sees it: for one case, the passages most
//! of the shown students highlighted (quote, paragraph, "12 of 30 students") and the codes
//! most of them used, in presentation type with a bar per share; or, plainly, why there is
//! nothing to show. What is counted comes from [`crate::agreement::class_step`], computed once per
//! change of the layers, the notes or the step.

use egui::{RichText, Ui};

use crate::agreement::class_step::{ClassStep, ClassView, class_view};
use crate::format::Step;
use crate::notes::layers::Coder;
use crate::ui::theme;
use crate::workspace::Workspace;

/// What the step was computed from: (generation, layer choice revision, number of layers,
/// notes revision, your notes hidden, case).
type Key = (u64, u64, usize, u64, bool, Option<String>);

/// Width of a share bar.
const BAR_WIDTH: f32 = 90.0;

/// The cached summary of the step shown.
#[derive(Default)]
pub struct ClassStepView {
    cached: Option<(Key, ClassView)>,
}

impl ClassStepView {
    /// Draws `step` over the shown `coders` (`layers`: how many layers are open).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        step: &Step,
        coders: &[Coder<'_>],
        layers: usize,
    ) {
        let case = step.cases.first().cloned();
        let key: Key = (
            ws.generation,
            ws.class.revision,
            layers,
            ws.notebook.revision,
            ws.hides_mine(),
            case.clone(),
        );
        if self.cached.as_ref().is_none_or(|(k, _)| *k != key) {
            let book = ws.codebook_with(
                case.as_deref()
                    .and_then(|c| ws.library.case(c))
                    .map_or("", |c| c.framework.as_str()),
                coders,
            );
            let class_open = !ws.class.names.is_empty();
            let view = class_view(&ws.library, class_open, coders, &book, case.as_deref());
            self.cached = Some((key, view));
        }
        let Some((_, view)) = &self.cached else {
            return;
        };
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("class-step")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    heading_ui(ui, step, view);
                    ui.add_space(10.0);
                    match (view.message(), view) {
                        (Some(message), _) => {
                            ui.label(RichText::new(message).size(theme::SECTION_SIZE));
                        }
                        (None, ClassView::Summary(s)) => summary_ui(ui, s),
                        (None, _) => {}
                    }
                });
        });
    }
}

/// The step's title (else "What the class marked"), then the case and how many wrote on it.
fn heading_ui(ui: &mut Ui, step: &Step, view: &ClassView) {
    let title = step
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| crate::format::StepView::Class.label().to_owned());
    ui.label(RichText::new(title).size(theme::TITLE_SIZE).strong());
    if let ClassView::Summary(s) = view {
        ui.horizontal_wrapped(|ui| {
            let size = theme::BODY_SIZE * 1.2;
            ui.label(RichText::new(&s.title).size(size).strong());
            ui.label(RichText::new("·").size(size));
            let strong = ui.visuals().strong_text_color();
            ui.label(RichText::new(s.wrote_text()).size(size).color(strong));
        });
    }
}

/// The passages, then the codes.
fn summary_ui(ui: &mut Ui, s: &ClassStep) {
    let big = theme::BODY_SIZE * 1.3;
    let strong = ui.visuals().strong_text_color();
    // The share column is as wide as its widest text.
    let widest = s
        .passages
        .iter()
        .map(|p| &p.share)
        .chain(s.codes.iter().map(|c| &c.share))
        .map(|t| {
            ui.painter()
                .layout_no_wrap(t.clone(), egui::FontId::proportional(big), strong)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let column = BAR_WIDTH + widest + 3.0 * ui.spacing().item_spacing.x;
    ui.label(
        RichText::new("Passages most students highlighted")
            .size(theme::SECTION_SIZE)
            .strong(),
    );
    ui.add_space(4.0);
    for p in &s.passages {
        ui.horizontal_top(|ui| {
            share_ui(ui, (p.authors, s.shown), &p.share, big, column);
            ui.vertical(|ui| {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("“{}”", p.quote))
                            .size(big)
                            .color(strong),
                    )
                    .wrap(),
                );
                ui.label(format!("¶ {}", p.paragraph));
            });
        });
        ui.add_space(4.0);
    }
    if let Some(more) = s.more_passages_text() {
        ui.label(RichText::new(more).size(theme::BODY_SIZE));
    }
    if s.codes.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new("Codes most used")
            .size(theme::SECTION_SIZE)
            .strong(),
    );
    ui.add_space(4.0);
    for c in &s.codes {
        ui.horizontal_top(|ui| {
            share_ui(ui, (c.authors, s.shown), &c.share, big, column);
            ui.add(egui::Label::new(RichText::new(&c.label).size(big).color(strong)).wrap());
        });
        ui.add_space(2.0);
    }
    if let Some(more) = s.more_codes_text() {
        ui.label(RichText::new(more).size(theme::BODY_SIZE));
    }
}

/// A bar filled `n` of `of`, and the share in words beside it, in a column `width` wide.
fn share_ui(ui: &mut Ui, (n, of): (usize, usize), text: &str, size: f32, width: f32) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(BAR_WIDTH, size * 0.8), egui::Sense::hover());
            let fill = ui.visuals().selection.bg_fill;
            let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
            let frac = if of == 0 { 0.0 } else { n as f32 / of as f32 };
            let mut lit = rect;
            lit.set_width(rect.width() * frac.clamp(0.0, 1.0));
            ui.painter().rect_filled(lit, 2.0, fill);
            ui.painter()
                .rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Inside);
            ui.label(RichText::new(text).size(size).strong());
        },
    );
}
