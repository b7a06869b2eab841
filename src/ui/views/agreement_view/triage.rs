//! "Where the coders split": the disagreements, most split first, with who applied which
//! code, *Open* and *Mark as discussed*. Only the passages in sight are laid out (their
//! heights are remembered), so a long list costs its visible part per frame.

use egui::{RichText, Ui};

use super::TRIAGE_PAGE;
use crate::agreement::triage::{Disagreement, discussed_text};
use crate::codebook::Codebook;
use crate::ui::theme;
use crate::ui::widgets::in_sight::out_of_sight;
use crate::workspace::{Action, Edit, Passage, Workspace};

/// What the list keeps between frames: how many passages are drawn, and the height each
/// took when last in sight.
#[derive(Debug, Default)]
pub(super) struct TriageState {
    /// How many disagreements are drawn.
    pub shown: usize,
    /// Height of each drawn passage when last laid out (0: not yet).
    heights: Vec<f32>,
}

impl TriageState {
    /// The first page of a new list.
    pub fn new() -> Self {
        Self {
            shown: TRIAGE_PAGE,
            heights: Vec::new(),
        }
    }

    /// Forgets the heights (a new list).
    pub fn reset(&mut self) {
        self.heights.clear();
    }
}

/// The disagreements, most split first.
pub(super) fn triage_ui(
    ui: &mut Ui,
    ws: &Workspace,
    (triage, discussed): (&[Disagreement], &[bool]),
    state: &mut TriageState,
    book: &Codebook,
    actions: &mut Vec<Action>,
) {
    let shown = &mut state.shown;
    ui.heading("Where the coders split");
    if triage.is_empty() {
        ui.label("No passage where the coders disagree on these codes.");
        return;
    }
    ui.label(
        RichText::new(format!(
            "{} passage(s), most evenly split first. Open one to see every layer there.",
            triage.len()
        ))
        .small()
        .weak(),
    );
    let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    for (i, d) in triage.iter().enumerate().take(*shown) {
        if state.heights.len() <= i {
            state.heights.resize(i + 1, 0.0);
        }
        // Until laid out once: the separator, the heading row and a line per code.
        let height = Some(state.heights[i])
            .filter(|h| *h > 0.0)
            .unwrap_or_else(|| ui.spacing().interact_size.y + line * (1 + d.codes.len()) as f32);
        if out_of_sight(ui, height) {
            // Out of sight: its place only.
            let width = ui.available_width();
            ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
            continue;
        }
        let drawn = ui.push_id(("disagreement", i), |ui| {
            let done = discussed.get(i).copied().unwrap_or(false);
            disagreement_ui(ui, ws, (d, done), book, actions);
        });
        state.heights[i] = drawn.response.rect.height();
    }
    let left = triage.len().saturating_sub(*shown);
    if left > 0 {
        ui.separator();
        let more = left.min(TRIAGE_PAGE);
        if ui.button(format!("Show {more} more of {left}")).clicked() {
            *shown += TRIAGE_PAGE;
        }
    }
}

/// One split passage: where, how split, who applied which code, Open and Mark as discussed.
fn disagreement_ui(
    ui: &mut Ui,
    ws: &Workspace,
    (d, discussed): (&Disagreement, bool),
    book: &Codebook,
    actions: &mut Vec<Action>,
) {
    let title = ws
        .library
        .case(&d.case)
        .map_or(d.case.as_str(), |c| c.title.as_str());
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{title} ¶ {}", d.paragraph)).strong());
        ui.label(
            RichText::new(format!("split {:.2} of {} coder(s)", d.split, d.rated))
                .small()
                .weak(),
        );
        let open = named(
            ui.button("Open"),
            &format!("Open {title} ¶ {}", d.paragraph),
        )
        .on_hover_text(
            "Open the passage in the reader with every class layer shown there (the coders stay)",
        );
        if open.clicked() {
            actions.push(Action::Class(crate::workspace::class::ClassAction::Peek(
                d.case.clone(),
            )));
            actions.push(Action::OpenCase {
                case: d.case.clone(),
                at: Some(Passage {
                    paragraph: d.paragraph.clone(),
                    quote: None,
                    range: d.range,
                }),
            });
        }
        if discussed {
            ui.label(
                RichText::new("Discussed").color(crate::ui::theme::status_color(
                    ui.visuals(),
                    crate::ui::theme::Status::Same,
                )),
            );
        } else if named(
            ui.button("Mark as discussed"),
            &format!("Mark {title} ¶ {} as discussed", d.paragraph),
        )
        .on_hover_text("Adds a note on the case to your own notes (Ctrl+Z undoes it)")
        .clicked()
        {
            actions.push(Action::Edit(Edit::AddNote {
                case: d.case.clone(),
                dimension: None,
                text: discussed_text(&d.paragraph, &split_summary(d, book)),
            }));
        }
    });
    for split in &d.codes {
        let not = if split.not_applied.is_empty() {
            String::new()
        } else {
            format!("; not by {}", names(&split.not_applied))
        };
        let line = ui.label(format!(
            "{}: applied by {}{not}",
            book.path_label(&split.code),
            names(&split.applied)
        ));
        if split.applied.len() + split.not_applied.len() > NAMES_SHOWN {
            // The whole lists only on hover: a class of 300 would fill the view.
            line.on_hover_ui(|ui| {
                ui.set_max_width(theme::HOVER_WIDTH);
                ui.label(format!("Applied by {}", split.applied.join(", ")));
                ui.label(format!("Not by {}", split.not_applied.join(", ")));
            });
        }
    }
}

/// Names listed in a line before "… and N more".
const NAMES_SHOWN: usize = 8;

/// Up to `NAMES_SHOWN` (8) names, then how many more.
pub fn names(list: &[String]) -> String {
    if list.len() <= NAMES_SHOWN {
        return list.join(", ");
    }
    format!(
        "{} … and {} more",
        list[..NAMES_SHOWN].join(", "),
        list.len() - NAMES_SHOWN
    )
}

/// Gives a button the accessible name `label` (screen readers and tests tell the rows apart).
fn named(response: egui::Response, label: &str) -> egui::Response {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    response
}

/// Who applied which code, in one line for the discussed note.
pub fn split_summary(d: &Disagreement, book: &Codebook) -> String {
    d.codes
        .iter()
        .map(|s| {
            format!(
                "{}: {} of {} ({})",
                book.label(&s.code),
                s.applied.len(),
                s.applied.len() + s.not_applied.len(),
                s.applied.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
