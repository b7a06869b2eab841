//! The window's side of a lesson step "What the class marked": when the open lesson's step is
//! one, it is drawn over the layers shown now (your notes left out while presenting hides
//! them) instead of the current view.

use crate::format::StepView;
use crate::ui::app::CaselensApp;

impl CaselensApp {
    /// Draws the lesson's step when it is a class step and returns true; else false.
    pub(super) fn class_step_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let ws = &self.workspace;
        let Some(step) = ws.lesson_run().and_then(|run| run.current()) else {
            return false;
        };
        if StepView::parse(&step.view) != Some(StepView::Class) {
            return false;
        }
        let step = step.clone();
        let layers = self.notes.references();
        // The roster is kept up to date by the Layers panel, which presenting does not draw.
        self.layers_view.refresh(ws, layers, None);
        let coders = ws.coders(self.layers_view.coders(ws, layers));
        self.class_step_view
            .ui(ui, ws, &step, &coders, layers.len());
        true
    }
}
