//! The case reader: title, meta, sources, narrative, facets by group, alliances, questions.
//!
//! Its parts, each using only the ones listed after it: `side` (facets or notes), `notes` (the
//! notes panel), `text` (title, narrative, alliances), `questions` (answer boxes), `highlight`
//! (the highlight bar), `located` (where the highlights sit) and `shared` (the reader's input,
//! code labels and colours). This file puts them together and uses none of it back.

mod highlight;
mod located;
mod notes;
mod questions;
mod shared;
mod side;
mod text;

use egui::Ui;

use crate::ui::layout::SideSlot;
use crate::ui::theme;
use crate::workspace::{Action, Focus};

pub use highlight::Selection;
pub use located::Located;
pub use notes::NotesPanel;
pub use questions::answer_has_focus;
pub use shared::{ReaderInput, code_color, code_label};
pub use side::{SideTab, value_ui};
pub use text::focus_mark;

/// The reader's own state: selection, highlight draft, side tab.
#[derive(Default)]
pub struct ReaderView {
    /// Side panel tab.
    pub tab: SideTab,
    /// Current selection, kept while the user picks codes.
    pub selection: Option<Selection>,
    draft: highlight::HighlightDraft,
    located: Located,
    /// Notes panel state.
    pub notes: NotesPanel,
    /// Set by the Highlight command; the bar adds the highlight when it is next drawn.
    pub highlight_requested: bool,
    /// Whether the Facets/Notes panel shows this frame (the app decides, by the window's width).
    pub side: SideSlot,
    /// Where the shown layers' authors marked the open case, with a stamp that changes when it
    /// is recomputed (the app sets it every frame; `None`: no layer is shown).
    pub density: Option<(u64, std::sync::Arc<crate::agreement::density::Density>)>,
    /// The first paragraph in sight (`section/paragraph`) once the text is scrolled past its
    /// start; `None` while the case's opening shows. *Add current view as a step* takes it.
    pub in_sight: Option<String>,
    /// The search hit marked when the reader last drew: a different one is a jump.
    last_spot: Option<crate::workspace::spot::Spot>,
    /// The paragraphs' heights when last drawn (those out of sight are not laid out).
    heights: text::Heights,
    /// The facets' heights when last drawn, likewise.
    facet_heights: text::Heights,
}

impl ReaderView {
    /// What the reader holds that is not saved yet: the note or memo being written, the
    /// highlight being made (for [`crate::workspace::unsaved`]).
    pub fn pending(
        &self,
    ) -> (
        Option<crate::workspace::unsaved::Pending>,
        Option<crate::workspace::unsaved::Pending>,
    ) {
        (
            self.notes.pending(),
            self.draft.pending(self.selection.as_ref()),
        )
    }

    /// Forgets what [`Self::pending`] reported (it was saved or discarded).
    pub fn clear_pending(&mut self) {
        self.notes.clear();
        self.draft.clear();
        self.selection = None;
    }

    /// Draws the reader. `focus` is the passage to scroll to and mark.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        focus: Option<&mut Focus>,
        actions: &mut Vec<Action>,
    ) {
        let case = input.case;
        let mark = shared::SpotMark {
            spot: input.spot,
            jump: input.spot != self.last_spot.as_ref(),
        };
        if mark.jump {
            self.last_spot = input.spot.cloned();
            if mark.is(|s| matches!(s.place, crate::search::Place::Facet { .. })) {
                self.tab = SideTab::Facets;
            }
        }
        self.located.refresh(input, self.density.as_ref());
        // A selection made in another case (paragraph ids repeat across cases) or in text that
        // changed since is no selection here.
        let still_there = |s: &Selection| {
            case.paragraph(&s.paragraph).is_some_and(|p| {
                p.text
                    .chars()
                    .skip(s.range.start)
                    .take(s.range.len())
                    .eq(s.text.chars())
            })
        };
        if self.selection.as_ref().is_some_and(|s| !still_there(s)) {
            self.selection = None;
        }
        if self.side.shown {
            side::side_panel_ui(
                ui,
                input,
                &mut self.tab,
                &mut self.notes,
                &self.located.states,
                self.side.main_min,
                mark,
                (actions, &mut self.facet_heights),
            );
        }
        egui::CentralPanel::default().show(ui, |ui| {
            // The text gets the panel's own width: a wider row above (the bar in a very
            // narrow window) must not widen the text under the side panel.
            let panel = ui.available_rect_before_wrap();
            self.draft.bar_ui(
                ui,
                input,
                &mut self.selection,
                &mut self.highlight_requested,
                actions,
            );
            let below =
                egui::Rect::from_min_max(egui::pos2(panel.left(), ui.cursor().top()), panel.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(below), |ui| {
                self.text_ui(ui, input, focus, mark, actions);
            });
        });
    }

    /// The case text and what follows it, wrapped to the reading width or less.
    fn text_ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        focus: Option<&mut Focus>,
        mark: shared::SpotMark<'_>,
        actions: &mut Vec<Action>,
    ) {
        let case = input.case;
        egui::ScrollArea::vertical()
            .id_salt(("reader", &case.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
                text::header_ui(ui, case, mark);
                ui.horizontal(|ui| {
                    if !input.others.is_empty() {
                        ui.menu_button("Compare with…", |ui| {
                            for (id, title) in input.others {
                                if ui.button(*title).clicked() {
                                    actions.push(Action::CompareWith((*id).to_owned()));
                                }
                            }
                        });
                    }
                    let mut editing = input.editing;
                    let toggle = ui
                        .toggle_value(&mut editing, "Edit case")
                        .on_hover_text("Edit this case in a form beside its text (Ctrl+E)");
                    if toggle.clicked() {
                        let cmd = if editing {
                            crate::workspace::editing::EditorCmd::Start
                        } else {
                            crate::workspace::editing::EditorCmd::Close
                        };
                        actions.push(Action::Editor(cmd));
                    }
                    let mut coded = input.notebook.file().coded.contains(&case.id);
                    let mark = ui
                        .toggle_value(&mut coded, "Mark this case as coded")
                        .on_hover_text("You read this case and coded it (even if you found nothing to code): agreement counts you as a rater of exactly the cases you mark. Saved with your notes; Ctrl+Z undoes it.");
                    if mark.clicked() {
                        actions.push(Action::Edit(crate::workspace::Edit::SetCoded(
                            case.id.clone(),
                            coded,
                        )));
                    }
                });
                let density = self.density.as_ref().map(|(_, d)| &**d);
                text::narrative_ui(
                    ui,
                    case,
                    &self.located.by_paragraph,
                    &mut self.selection,
                    density,
                    focus,
                    (&mut self.in_sight, &mut self.heights),
                );
                text::alliances_ui(ui, case, input.codebook, mark, actions);
                questions::questions_ui(ui, input, mark, actions);
            });
    }
}
