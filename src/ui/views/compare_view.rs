//! Cases side by side: one column per case, one row per dimension, sticky header and
//! dimension column, typed cells, evidence on hover, click to open the passage.

use egui::{Align, Color32, Layout, Rect, RichText, Sense, Ui, UiBuilder, pos2, vec2};

use crate::compare::{Cell, CellState, Comparison, Relation, Row};
use crate::format::{Framework, Kind};
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::workspace::{Action, Workspace};

const DIM_WIDTH: f32 = 190.0;
const COL_WIDTH: f32 = 240.0;
const HEADER_HEIGHT: f32 = 56.0;
const GROUP_HEIGHT: f32 = 26.0;
const PAD: f32 = 6.0;

/// Cached comparison and measured row heights.
#[derive(Default)]
pub struct CompareView {
    cache: Option<(u64, Vec<String>, Result<Comparison, String>)>,
    row_heights: std::collections::HashMap<String, f32>,
    /// A cell note being written: (case, dimension, label, text).
    note_draft: Option<(String, String, String, String)>,
    /// True while the note field has focus.
    pub editing_text: bool,
}

impl CompareView {
    /// The comparison for the workspace's selection, rebuilt only when it changes.
    pub fn comparison(&mut self, ws: &Workspace) -> &Result<Comparison, String> {
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|(g, sel, _)| *g == ws.generation && *sel == ws.compare);
        if !fresh {
            self.cache = Some((ws.generation, ws.compare.clone(), build(ws)));
        }
        match &self.cache {
            Some((_, _, result)) => result,
            None => unreachable!("just filled"),
        }
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        self.note_ui(ui.ctx(), actions);
        egui::CentralPanel::default().show(ui, |ui| {
            let opts = ws.compare_options.clone();
            ui.horizontal(|ui| {
                let mut diff = opts.differences_only;
                if ui.checkbox(&mut diff, "Differences only").changed() {
                    actions.push(Action::ToggleDifferencesOnly);
                }
                let mut shared = opts.highlight_shared;
                if ui.checkbox(&mut shared, "Highlight what is shared").changed() {
                    actions.push(Action::ToggleHighlightShared);
                }
                if let Ok(cmp) = self.comparison(ws)
                    && let Some(fw) = ws.library.framework(&cmp.framework)
                    && ui.button("Copy as Markdown").clicked()
                {
                    let filter = crate::export::RowFilter { differences_only: opts.differences_only };
                    ui.ctx().copy_text(crate::export::markdown(cmp, fw, filter));
                }
            });
            ui.separator();
            if ws.compare.len() < 2 {
                ui.label("Tick two to eight cases in the library (or use \"Compare with…\" in the reader) to see them side by side.");
                if ws.compare.len() == 1 {
                    ui.label(RichText::new(format!("Selected: {}", ws.compare[0])).weak());
                }
                return;
            }
            let result = self.comparison(ws).clone();
            match result {
                Err(message) => {
                    ui.label(RichText::new(message).color(theme::WARNING));
                }
                Ok(cmp) => {
                    if let Some(fw) = ws.library.framework(&cmp.framework) {
                        self.table_ui(ui, &cmp, fw, ws, actions);
                    }
                }
            }
        });
    }

    fn table_ui(
        &mut self,
        ui: &mut Ui,
        cmp: &Comparison,
        fw: &Framework,
        ws: &Workspace,
        actions: &mut Vec<Action>,
    ) {
        let opts = &ws.compare_options;
        let n = cmp.cases.len();
        let total_width = DIM_WIDTH + COL_WIDTH * n as f32;
        egui::ScrollArea::both()
            .id_salt("compare-table")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.min_rect().min;
                let visible = viewport.translate(origin.to_vec2());
                let bg = ui.visuals().panel_fill;
                let stripe = ui.visuals().faint_bg_color;
                let mut y = HEADER_HEIGHT;
                for group in &cmp.groups {
                    let collapsed = opts.collapsed.contains(&group.id);
                    let rows: Vec<&Row> = group
                        .rows
                        .iter()
                        .filter(|r| !opts.differences_only || r.relation.is_difference())
                        .collect();
                    // Group header, sticky on the left like the dimension column.
                    let header_rect = Rect::from_min_size(
                        pos2(visible.min.x, origin.y + y),
                        vec2(visible.width().min(total_width), GROUP_HEIGHT),
                    );
                    let arrow = if collapsed { "+" } else { "-" };
                    let text = format!("{arrow} {} ({} rows)", group.title, rows.len());
                    let clicked = ui
                        .scope_builder(
                            UiBuilder::new()
                                .max_rect(header_rect)
                                .layout(Layout::left_to_right(Align::Center)),
                            |ui| {
                                ui.add(
                                    egui::Button::new(RichText::new(text).strong().size(15.0))
                                        .frame(false),
                                )
                                .on_hover_text("Collapse or expand the group")
                                .clicked()
                            },
                        )
                        .inner;
                    if clicked {
                        actions.push(Action::ToggleGroup(group.id.clone()));
                    }
                    y += GROUP_HEIGHT;
                    if collapsed {
                        continue;
                    }
                    for (ri, row) in rows.iter().enumerate() {
                        let known = self.row_heights.get(&row.dimension).copied();
                        let top = origin.y + y;
                        // Skip laying out rows far outside the viewport (their height is known).
                        if let Some(h) = known
                            && (top + h < visible.min.y - 200.0 || top > visible.max.y + 200.0)
                        {
                            y += h;
                            continue;
                        }
                        let stripe_idx = ui.painter().add(egui::Shape::Noop);
                        // Room for the dimension label and its relation line.
                        let mut height: f32 = 52.0;
                        for (ci, cell) in row.cells.iter().enumerate() {
                            let x = origin.x + DIM_WIDTH + COL_WIDTH * ci as f32;
                            let rect = Rect::from_min_size(
                                pos2(x + PAD, top + PAD),
                                vec2(COL_WIDTH - 2.0 * PAD, f32::INFINITY),
                            );
                            let inner = ui.scope_builder(
                                UiBuilder::new()
                                    .max_rect(rect)
                                    .layout(Layout::top_down(Align::LEFT)),
                                |ui| {
                                    cell_contents_ui(ui, fw, row, cell, opts.highlight_shared);
                                },
                            );
                            height = height.max(inner.response.rect.height() + 2.0 * PAD);
                        }
                        // The whole cell is the hover/click target for its evidence.
                        for (ci, cell) in row.cells.iter().enumerate() {
                            let x = origin.x + DIM_WIDTH + COL_WIDTH * ci as f32;
                            let rect = Rect::from_min_size(pos2(x, top), vec2(COL_WIDTH, height));
                            if let Some(draft) = cell_interaction(ui, rect, cmp, row, cell, actions)
                            {
                                self.note_draft = Some(draft);
                            }
                        }
                        let row_rect =
                            Rect::from_min_size(pos2(origin.x, top), vec2(total_width, height));
                        if ri % 2 == 1 {
                            ui.painter()
                                .set(stripe_idx, egui::Shape::rect_filled(row_rect, 0.0, stripe));
                        }
                        // Sticky dimension label.
                        let dim_rect =
                            Rect::from_min_size(pos2(visible.min.x, top), vec2(DIM_WIDTH, height));
                        ui.painter().rect_filled(
                            dim_rect,
                            0.0,
                            if ri % 2 == 1 { blend(bg, stripe) } else { bg },
                        );
                        ui.scope_builder(UiBuilder::new().max_rect(dim_rect.shrink(PAD)), |ui| {
                            ui.label(RichText::new(&row.label).strong());
                            ui.label(
                                RichText::new(row.relation.label())
                                    .small()
                                    .color(relation_color(row.relation)),
                            );
                        });
                        if known != Some(height) {
                            self.row_heights.insert(row.dimension.clone(), height);
                            ui.ctx().request_repaint();
                        }
                        y += height;
                    }
                }
                ui.allocate_rect(
                    Rect::from_min_size(origin, vec2(total_width, y + PAD)),
                    Sense::hover(),
                );
                // Sticky header, drawn last so it sits above the rows.
                let header = Rect::from_min_size(
                    pos2(origin.x, visible.min.y),
                    vec2(total_width, HEADER_HEIGHT),
                );
                ui.painter().rect_filled(header, 0.0, bg);
                for (ci, col) in cmp.cases.iter().enumerate() {
                    let x = origin.x + DIM_WIDTH + COL_WIDTH * ci as f32;
                    let rect = Rect::from_min_size(
                        pos2(x + PAD, visible.min.y + 4.0),
                        vec2(COL_WIDTH - 2.0 * PAD, HEADER_HEIGHT - 8.0),
                    );
                    ui.scope_builder(
                        UiBuilder::new().max_rect(rect).id_salt(("col", &col.id)),
                        |ui| {
                            ui.add(egui::Label::new(RichText::new(&col.title).strong()).truncate())
                                .on_hover_text(&col.title);
                            ui.horizontal(|ui| {
                                if ci > 0
                                    && ui.small_button("<").on_hover_text("Move left").clicked()
                                {
                                    actions.push(Action::MoveColumn {
                                        from: ci,
                                        to: ci - 1,
                                    });
                                }
                                if ci + 1 < n
                                    && ui.small_button(">").on_hover_text("Move right").clicked()
                                {
                                    actions.push(Action::MoveColumn {
                                        from: ci,
                                        to: ci + 1,
                                    });
                                }
                                if ui
                                    .small_button("Remove")
                                    .on_hover_text(format!(
                                        "Remove {} from the comparison",
                                        col.title
                                    ))
                                    .clicked()
                                {
                                    actions.push(Action::RemoveColumn(col.id.clone()));
                                }
                                if ui
                                    .small_button("Open")
                                    .on_hover_text("Open in the reader")
                                    .clicked()
                                {
                                    actions.push(Action::OpenCase(col.id.clone()));
                                    actions.push(Action::SetView(crate::workspace::View::Reader));
                                }
                            });
                        },
                    );
                }
                let corner = Rect::from_min_size(
                    pos2(visible.min.x, visible.min.y),
                    vec2(DIM_WIDTH, HEADER_HEIGHT),
                );
                ui.painter().rect_filled(corner, 0.0, bg);
                ui.scope_builder(UiBuilder::new().max_rect(corner.shrink(PAD)), |ui| {
                    ui.label(RichText::new(&fw.title).small().weak());
                    ui.label(RichText::new(format!("{} cases", n)).small().weak());
                });
                ui.painter().hline(
                    header.x_range(),
                    header.max.y,
                    ui.visuals().widgets.noninteractive.bg_stroke,
                );
            });
    }
}

impl CompareView {
    fn note_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        self.editing_text = false;
        let Some((case, dimension, label, mut text)) = self.note_draft.clone() else {
            return;
        };
        let mut close = false;
        let modal = egui::Modal::new(ui_id("cell-note")).show(ctx, |ui| {
            ui.heading("Note on a cell");
            ui.label(RichText::new(&label).weak());
            let r = ui.add(
                egui::TextEdit::multiline(&mut text)
                    .desired_rows(4)
                    .hint_text("Your note"),
            );
            ui.ctx()
                .accesskit_node_builder(r.id, |n| n.set_label("Cell note"));
            r.request_focus();
            self.editing_text = true;
            ui.horizontal(|ui| {
                if ui.button("Save note").clicked() && !text.trim().is_empty() {
                    actions.push(Action::AddNote {
                        case: case.clone(),
                        dimension: Some(dimension.clone()),
                        text: text.clone(),
                    });
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        self.note_draft = if close || modal.should_close() {
            None
        } else {
            Some((case, dimension, label, text))
        };
    }
}

fn build(ws: &Workspace) -> Result<Comparison, String> {
    let cases: Vec<_> = ws
        .compare
        .iter()
        .filter_map(|id| ws.library.case(id))
        .collect();
    let first = cases
        .first()
        .ok_or_else(|| "No cases selected.".to_owned())?;
    let fw = ws
        .library
        .framework(&first.framework)
        .ok_or_else(|| format!("Framework \"{}\" is not loaded.", first.framework))?;
    crate::compare::compare(fw, &cases, Some(ws.notebook.file())).map_err(|e| e.to_string())
}

fn blend(a: Color32, b: Color32) -> Color32 {
    if b == Color32::TRANSPARENT { a } else { b }
}

fn relation_color(r: Relation) -> Color32 {
    match r {
        Relation::AllEqual => Color32::from_rgb(80, 160, 90),
        Relation::PartlyShared => Color32::from_rgb(200, 160, 50),
        Relation::AllDifferent => Color32::from_rgb(200, 90, 70),
        Relation::NoValues => theme::NOT_COVERED,
    }
}

/// Shared items get a green ring when "highlight what is shared" is on.
const SHARED: Color32 = Color32::from_rgb(60, 170, 90);

fn cell_contents_ui(ui: &mut Ui, fw: &Framework, row: &Row, cell: &Cell, highlight_shared: bool) {
    match cell.state {
        CellState::NotCovered => {
            ui.label(
                RichText::new("not covered")
                    .italics()
                    .color(theme::NOT_COVERED),
            );
        }
        CellState::Unknown => {
            ui.label(
                RichText::new("unknown")
                    .italics()
                    .strong()
                    .color(theme::UNKNOWN),
            );
        }
        CellState::Value => match row.kind {
            Kind::Codes | Kind::List => {
                ui.horizontal_wrapped(|ui| {
                    for item in &cell.items {
                        let (label, fill) = if row.kind == Kind::Codes {
                            let code = fw.code(&item.text);
                            (
                                code.map_or(item.text.as_str(), |c| c.label.as_str()),
                                theme::parse_color(code.and_then(|c| c.color.as_deref())),
                            )
                        } else {
                            (item.text.as_str(), ui.visuals().widgets.inactive.bg_fill)
                        };
                        let r = chip_ui(ui, label, fill, Some(&item.text));
                        if highlight_shared && item.shared {
                            ui.painter().rect_stroke(
                                r.rect.expand(1.5),
                                9,
                                egui::Stroke::new(2.0, SHARED),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                });
            }
            Kind::Number | Kind::Year => {
                ui.with_layout(Layout::right_to_left(Align::TOP), |ui| {
                    ui.label(shared_text(cell, highlight_shared));
                });
            }
            _ => {
                ui.add(egui::Label::new(shared_text(cell, highlight_shared)).wrap());
            }
        },
    }
    if cell.unconfirmed {
        ui.label(
            RichText::new("unconfirmed source")
                .small()
                .color(theme::WARNING),
        )
        .on_hover_text(
            "This value rests only on a source that was not checked against a primary source.",
        );
    }
    if cell.notes > 0 {
        ui.label(
            RichText::new(format!("{} note(s)", cell.notes))
                .small()
                .color(theme::FOCUS_BG),
        );
    }
}

fn shared_text(cell: &Cell, highlight_shared: bool) -> RichText {
    let text = cell
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let rich = RichText::new(text);
    if highlight_shared && cell.items.iter().any(|i| i.shared) {
        rich.color(SHARED).strong()
    } else {
        rich
    }
}

/// Hover shows the evidence, click opens the passage, right-click offers a note.
/// Returns a note draft when the user asked to write one.
fn cell_interaction(
    ui: &mut Ui,
    rect: Rect,
    cmp: &Comparison,
    row: &Row,
    cell: &Cell,
    actions: &mut Vec<Action>,
) -> Option<(String, String, String, String)> {
    let id = ui.scope_id().with(("cell", &row.dimension, &cell.case));
    let response = ui.interact(rect, id, Sense::click());
    let title = cmp
        .cases
        .iter()
        .find(|c| c.id == cell.case)
        .map_or(cell.case.as_str(), |c| c.title.as_str());
    let summary = match cell.state {
        CellState::Value => cell
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        CellState::Unknown => "unknown".to_owned(),
        CellState::NotCovered => "not covered".to_owned(),
    };
    let label = format!("{}: {}: {summary}", row.label, title);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let first_passage = cell.evidence.iter().find(|e| e.reference.is_some());
    let response = response.on_hover_ui(|ui| {
        ui.set_max_width(360.0);
        if let Some(reason) = &cell.unknown {
            ui.label(RichText::new("Unknown: ").strong());
            ui.label(reason);
        }
        for e in &cell.evidence {
            match (&e.reference, &e.quote, &e.source) {
                (Some(r), Some(q), _) => {
                    ui.label(format!("“{q}”"));
                    ui.label(RichText::new(format!("¶ {r}")).small().weak());
                }
                (Some(r), None, _) => {
                    ui.label(RichText::new(format!("¶ {r}")).small());
                }
                (None, _, Some(s)) => {
                    ui.label(RichText::new(format!("source [{s}]")).small());
                }
                _ => {}
            }
        }
        if first_passage.is_some() {
            ui.label(RichText::new("Click to open the passage").small().weak());
        }
    });
    if response.hovered() {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            2,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    if response.clicked()
        && let Some(e) = first_passage
        && let Some(paragraph) = &e.reference
    {
        actions.push(Action::OpenEvidence {
            case: cell.case.clone(),
            paragraph: paragraph.clone(),
            quote: e.quote.clone(),
        });
    }
    let mut draft = None;
    response.context_menu(|ui| {
        if ui.button("Add note…").clicked() {
            draft = Some((
                cell.case.clone(),
                row.dimension.clone(),
                format!("{} — {}", row.label, title),
                String::new(),
            ));
            ui.close();
        }
    });
    draft
}

/// A fixed id for a modal.
pub fn ui_id(name: &str) -> egui::Id {
    egui::Id::unique(name)
}
