//! The window's body: the library panel (when it shows) beside the current view, each given
//! the room [`layout::panels`] decides, and the reader fed from the workspace.

use crate::ui::app::CaselensApp;
use crate::ui::layout::{self, Panel};
use crate::ui::theme;
use crate::ui::views::reader::ReaderInput;
use crate::workspace::{Action, View};

/// What the reader says when no case is loaded: how to start.
pub(super) const EMPTY_STATE: &str = "No case is open. To start: Help > Sample lesson or File > Reload shows the sample cases; File > Open folder… opens a folder of cases; File > New case from document… (or drop a Word, PDF, HTML, Markdown, OpenDocument, EPUB or text file here) makes a case from your own document.";

impl CaselensApp {
    /// The widths [`layout::panels`] weighs for the current view in a window `window` wide.
    pub(super) fn widths(&self, window: f32) -> layout::Widths {
        let has_case = self.workspace.open_case.is_some();
        let (side, main_min) = match self.workspace.view {
            View::Reader if has_case => (Some(theme::FACETS_PANEL_WIDTH), layout::MIN_MAIN_WIDTH),
            View::Matrix => (Some(theme::MATRIX_EVIDENCE_WIDTH), layout::MIN_MAIN_WIDTH),
            // Two case columns beside the dimension column, and the scroll bar.
            View::Compare => (
                None,
                theme::COMPARE_DIM_WIDTH + 2.0 * theme::COMPARE_MIN_COL_WIDTH + 16.0,
            ),
            View::Reader | View::Alliances | View::Coded | View::Agreement | View::Framework => {
                (None, layout::MIN_MAIN_WIDTH)
            }
        };
        layout::Widths {
            window,
            library: theme::LIBRARY_WIDTH,
            side,
            main_min,
        }
    }

    /// The library panel (when it shows), then the current view, told whether its side panel
    /// shows: both as [`layout::panels`] decides.
    pub(super) fn views_ui(
        &mut self,
        ui: &mut egui::Ui,
        widths: &layout::Widths,
        actions: &mut Vec<Action>,
    ) {
        let panels = layout::panels(widths, self.opened_panel);
        // Beside a panel opened in a window too narrow for it, the main area keeps less.
        let opened = self.opened_panel;
        let main_min = |panel| {
            if opened == Some(panel) && !layout::fits(widths, panel) {
                layout::MIN_SQUEEZED_WIDTH
            } else {
                widths.main_min
            }
        };
        if panels.library {
            let beside = if panels.side { widths.side } else { None };
            let room = widths.window - beside.unwrap_or(0.0);
            let max = layout::max_panel_width(room, main_min(Panel::Library))
                .min(theme::LIBRARY_MAX_WIDTH);
            crate::ui::panel_width::keep_width(ui, "library", max);
            egui::Panel::left("library")
                .resizable(true)
                .default_size(theme::LIBRARY_WIDTH)
                .size_range(theme::LIBRARY_MIN_WIDTH..=max)
                .show(ui, |ui| {
                    self.library_view.ui(ui, &self.workspace, actions);
                });
        }
        let side = layout::SideSlot {
            shown: panels.side,
            main_min: main_min(Panel::Side),
        };
        self.reader.side = side;
        self.matrix_view.side = side;
        self.view_ui(ui, actions);
        // A matrix cell clicked while its evidence panel is collapsed opens the panel.
        if std::mem::take(&mut self.matrix_view.wants_side) && !panels.side {
            self.opened_panel = Some(Panel::Side);
            ui.ctx().request_repaint();
        }
    }

    /// The current view, or the lesson's step (a passage or a comparison) when a lesson is open.
    /// The frame that takes in the window's first library shows the view as while loading,
    /// and the next frame shows it (the two layouts in two frames).
    pub(super) fn view_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        if std::mem::take(&mut self.view_next_frame) {
            loading_ui(ui);
            ui.ctx().request_repaint();
            return;
        }
        if self.class_step_ui(ui) {
            return;
        }
        if crate::ui::views::lesson_view::step_ui(ui, &self.workspace) {
            return;
        }
        match self.workspace.view {
            View::Reader => self.reader_ui(ui, actions),
            View::Compare => self.compare_view.ui(ui, &self.workspace, actions),
            View::Alliances => self.alliances_view.ui(ui, &self.workspace, actions),
            View::Framework if self.workspace.framework_editor.is_some() => {
                self.framework_view.ui(ui, &self.workspace, actions);
            }
            // No framework is edited (it was closed): the reader.
            View::Framework => self.reader_ui(ui, actions),
            View::Matrix | View::Coded | View::Agreement => self.class_view_ui(ui, actions),
        }
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let hide = self.workspace.hides_mine();
        let editing = self.workspace.editing_open_case();
        if editing {
            egui::Panel::right("case-editor")
                .resizable(true)
                .default_size(crate::ui::theme::EDITOR_WIDTH)
                .show(ui, |ui| {
                    let selection = self.reader.selection.as_ref();
                    self.editor_view.ui(ui, &self.workspace, selection, actions);
                });
        }
        let mut focus = self.workspace.focus.take();
        let ws = &self.workspace;
        let Some(case) = ws.reader_case() else {
            if self.loading.is_some() {
                loading_ui(ui);
            } else {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.centered_and_justified(|ui| ui.label(EMPTY_STATE));
                });
            }
            self.workspace.focus = focus;
            return;
        };
        // Borrowed: copying 1,000 ids and titles cost every reader frame.
        let others: Vec<(&str, &str)> = ws
            .library
            .cases
            .iter()
            .filter(|c| c.doc.framework == case.framework && c.doc.id != case.id)
            .map(|c| (c.doc.id.as_str(), c.doc.title.as_str()))
            .collect();
        let codebook = ws.codebook(&case.framework);
        let input = ReaderInput {
            case,
            framework: ws.library.framework(&case.framework),
            codebook: &codebook,
            others: &others,
            library: &ws.library,
            // Presenting hides the user's notes and the reference layers unless shown.
            notebook: if hide {
                self.present_ui.no_notes()
            } else {
                &ws.notebook
            },
            references: if ws.shows_layers() {
                self.notes.references()
            } else {
                &[]
            },
            generation: ws.generation | if hide { 1 << 62 } else { 0 },
            show_instructor: ws.shows_instructor(),
            editing,
            answers: &ws.drafts.answers,
            spot: ws
                .spot
                .as_ref()
                .filter(|_| ws.open_case.as_deref() == Some(case.id.as_str())),
        };
        self.reader.ui(ui, &input, focus.as_mut(), actions);
        self.workspace.focus = focus;
    }
}

/// The main area while the cases load.
fn loading_ui(ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.centered_and_justified(|ui| ui.label("Loading…"));
    });
}
