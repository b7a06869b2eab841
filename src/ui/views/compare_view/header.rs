//! Above the comparison: the toolbar (differences only, shared, copy) and the sticky header of
//! case titles with their move, remove and open buttons.

use egui::{Rect, RichText, Ui, UiBuilder, pos2, vec2};

use super::table::{DIM_WIDTH, HEADER_HEIGHT, PAD, Table};
use crate::workspace::{Action, Workspace};

/// The options above the table and *Copy as Markdown*.
pub fn toolbar_ui(ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
    let opts = &ws.compare_options;
    ui.horizontal_wrapped(|ui| {
        let mut diff = opts.differences_only;
        if ui
            .checkbox(&mut diff, "Differences only")
            .on_hover_text(
                "Rows whose known values differ; a value against \"unknown\" is not a difference",
            )
            .changed()
        {
            actions.push(Action::ToggleDifferencesOnly);
        }
        let mut partly = opts.with_partly_known;
        if ui
            .add_enabled(
                opts.differences_only,
                egui::Checkbox::new(&mut partly, "Also rows known for only some"),
            )
            .changed()
        {
            actions.push(Action::TogglePartlyKnown);
        }
        let mut shared = opts.highlight_shared;
        if ui
            .checkbox(&mut shared, "Highlight what is shared")
            .changed()
        {
            actions.push(Action::ToggleHighlightShared);
        }
        if ui
            .add_enabled(ws.can_compare(), egui::Button::new("Copy as Markdown"))
            .clicked()
        {
            actions.push(Action::CopyComparison);
        }
    });
}

/// The sticky header: case titles with move, remove and open buttons.
pub fn header_ui(ui: &mut Ui, t: &Table<'_>, actions: &mut Vec<Action>) {
    let bg = ui.visuals().panel_fill;
    let header = Rect::from_min_size(
        pos2(t.geo.origin.x, t.geo.visible.min.y),
        vec2(t.geo.total_width, HEADER_HEIGHT),
    );
    ui.painter().rect_filled(header, 0.0, bg);
    let n = t.cmp.cases.len();
    for (ci, col) in t.cmp.cases.iter().enumerate() {
        let rect = Rect::from_min_size(
            pos2(t.geo.col_x(ci) + PAD, t.geo.visible.min.y + 4.0),
            vec2(t.geo.col_width - 2.0 * PAD, HEADER_HEIGHT - 8.0),
        );
        ui.scope_builder(
            UiBuilder::new().max_rect(rect).id_salt(("col", &col.id)),
            |ui| {
                ui.add(egui::Label::new(RichText::new(&col.title).strong()).truncate())
                    .on_hover_text(&col.title);
                ui.horizontal(|ui| column_buttons_ui(ui, ci, n, col, actions));
            },
        );
    }
    let corner = Rect::from_min_size(t.geo.visible.min, vec2(DIM_WIDTH, HEADER_HEIGHT));
    ui.painter().rect_filled(corner, 0.0, bg);
    ui.scope_builder(UiBuilder::new().max_rect(corner.shrink(PAD)), |ui| {
        ui.label(RichText::new(&t.fw.title).small().weak());
        ui.label(RichText::new(format!("{n} cases")).small().weak());
    });
    ui.painter().hline(
        header.x_range(),
        header.max.y,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
}

fn column_buttons_ui(
    ui: &mut Ui,
    ci: usize,
    n: usize,
    col: &crate::compare::Column,
    actions: &mut Vec<Action>,
) {
    // Symbol buttons: the accessible name is what a screen reader says.
    if ci > 0
        && ui
            .small_button("<")
            .on_hover_text("Move left")
            .accessible_name("Move left")
            .clicked()
    {
        actions.push(Action::MoveColumn {
            from: ci,
            to: ci - 1,
        });
    }
    if ci + 1 < n
        && ui
            .small_button(">")
            .on_hover_text("Move right")
            .accessible_name("Move right")
            .clicked()
    {
        actions.push(Action::MoveColumn {
            from: ci,
            to: ci + 1,
        });
    }
    if ui
        .small_button("Remove")
        .on_hover_text(format!("Remove {} from the comparison", col.title))
        .clicked()
    {
        actions.push(Action::RemoveColumn(col.id.clone()));
    }
    if ui
        .small_button("Open")
        .on_hover_text("Open in the reader")
        .clicked()
    {
        actions.push(Action::OpenCase {
            case: col.id.clone(),
            at: None,
        });
    }
}
