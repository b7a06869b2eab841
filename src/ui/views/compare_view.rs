//! Cases side by side: one column per case, one row per dimension, sticky header and
//! dimension column, typed cells, evidence on hover, click to open the passage. The columns
//! share the window's width; which cases and rows are shown is decided by
//! [`Workspace::comparison`] and [`Workspace::row_filter`], the rules of `caselens compare`.

use egui::{Align, Color32, Layout, Pos2, Rect, RichText, Sense, Ui, UiBuilder, pos2, vec2};

use crate::compare::{Cell, CellNote, CellState, Comparison, GroupRows, Relation, Row};
use crate::format::{Framework, Kind};
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::evidence::{EvidenceRef, Style, evidence_ui};
use crate::ui::widgets::text_dialog::{Outcome, TextDialog, TextDraft};
use crate::workspace::{Action, Edit, Passage, Workspace};

use theme::{
    COMPARE_DIM_WIDTH as DIM_WIDTH, COMPARE_GROUP_HEIGHT as GROUP_HEIGHT,
    COMPARE_HEADER_HEIGHT as HEADER_HEIGHT, COMPARE_MIN_COL_WIDTH as MIN_COL_WIDTH,
    COMPARE_PAD as PAD,
};

/// A cell note being written.
#[derive(Debug, Clone)]
struct NoteDraft {
    /// The note being edited, or `None` for a new one.
    id: Option<String>,
    case: String,
    dimension: String,
    label: String,
    text: TextDraft,
}

/// Cached comparison and measured row heights.
#[derive(Default)]
pub struct CompareView {
    cache: Option<(u64, Vec<String>, Result<Comparison, String>)>,
    row_heights: std::collections::HashMap<String, f32>,
    note_draft: Option<NoteDraft>,
}

/// Where the table is drawn this frame.
struct Geometry {
    origin: Pos2,
    visible: Rect,
    col_width: f32,
    total_width: f32,
}

impl Geometry {
    fn col_x(&self, col: usize) -> f32 {
        self.origin.x + DIM_WIDTH + self.col_width * col as f32
    }
}

/// What every part of the table reads.
struct Table<'a> {
    cmp: &'a Comparison,
    fw: &'a Framework,
    book: std::sync::Arc<crate::codebook::Codebook>,
    ws: &'a Workspace,
    geo: Geometry,
}

impl CompareView {
    /// The comparison for the workspace's selection, rebuilt only when it changes.
    pub fn comparison(&mut self, ws: &Workspace) -> &Result<Comparison, String> {
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|(g, sel, _)| *g == ws.generation && *sel == ws.compare);
        if !fresh {
            let built = ws.comparison().map_err(|e| format!("Cannot compare: {e}."));
            self.cache = Some((ws.generation, ws.compare.clone(), built));
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
            toolbar_ui(ui, ws, actions);
            ui.separator();
            if ws.compare.len() < 2 {
                ui.label("Tick two to eight cases in the library (or use \"Compare with…\" in the reader) to see them side by side.");
                if ws.compare.len() == 1 {
                    ui.label(RichText::new(format!("Selected: {}", ws.compare[0])).weak());
                }
                return;
            }
            match self.comparison(ws).clone() {
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
        let n = cmp.cases.len().max(1) as f32;
        // Columns share the width the window has; below the minimum the table scrolls.
        let col_width = ((ui.available_width() - DIM_WIDTH - 16.0) / n).max(MIN_COL_WIDTH);
        egui::ScrollArea::both()
            .id_salt("compare-table")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.min_rect().min;
                let table = Table {
                    cmp,
                    fw,
                    book: ws.codebook(&cmp.framework),
                    ws,
                    geo: Geometry {
                        origin,
                        visible: viewport.translate(origin.to_vec2()),
                        col_width,
                        total_width: DIM_WIDTH + col_width * n,
                    },
                };
                let mut y = HEADER_HEIGHT;
                for group in &cmp.groups {
                    y = self.group_ui(ui, &table, group, y, actions);
                }
                ui.allocate_rect(
                    Rect::from_min_size(origin, vec2(table.geo.total_width, y + PAD)),
                    Sense::hover(),
                );
                header_ui(ui, &table, actions);
            });
    }

    /// A group's header and rows, from `y`; returns the `y` below it.
    fn group_ui(
        &mut self,
        ui: &mut Ui,
        t: &Table<'_>,
        group: &GroupRows,
        mut y: f32,
        actions: &mut Vec<Action>,
    ) -> f32 {
        let filter = t.ws.row_filter();
        let collapsed = t.ws.compare_options.collapsed.contains(&group.id);
        let rows: Vec<&Row> = group.rows.iter().filter(|r| filter.keeps(r)).collect();
        // Group header, sticky on the left like the dimension column.
        let header_rect = Rect::from_min_size(
            pos2(t.geo.visible.min.x, t.geo.origin.y + y),
            vec2(t.geo.visible.width().min(t.geo.total_width), GROUP_HEIGHT),
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
                        egui::Button::new(RichText::new(text).strong().size(theme::GROUP_SIZE))
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
        if !collapsed {
            for (ri, row) in rows.iter().enumerate() {
                y += self.row_ui(ui, t, row, ri % 2 == 1, y, actions);
            }
        }
        y
    }

    /// One row at `y`; returns its height.
    fn row_ui(
        &mut self,
        ui: &mut Ui,
        t: &Table<'_>,
        row: &Row,
        striped: bool,
        y: f32,
        actions: &mut Vec<Action>,
    ) -> f32 {
        let known = self.row_heights.get(&row.dimension).copied();
        let top = t.geo.origin.y + y;
        // Skip laying out rows far outside the viewport (their height is known).
        if let Some(h) = known
            && (top + h < t.geo.visible.min.y - 200.0 || top > t.geo.visible.max.y + 200.0)
        {
            return h;
        }
        let stripe_idx = ui.painter().add(egui::Shape::Noop);
        let height = cells_ui(ui, t, row, top);
        // The whole cell is the hover/click target for its evidence.
        for (ci, cell) in row.cells.iter().enumerate() {
            let rect =
                Rect::from_min_size(pos2(t.geo.col_x(ci), top), vec2(t.geo.col_width, height));
            if let Some(draft) = cell_interaction(ui, rect, t, row, cell, actions) {
                self.note_draft = Some(draft);
            }
        }
        let bg = ui.visuals().panel_fill;
        let stripe = ui.visuals().faint_bg_color;
        if striped {
            let row_rect =
                Rect::from_min_size(pos2(t.geo.origin.x, top), vec2(t.geo.total_width, height));
            ui.painter()
                .set(stripe_idx, egui::Shape::rect_filled(row_rect, 0.0, stripe));
        }
        // Sticky dimension label.
        let dim_rect = Rect::from_min_size(pos2(t.geo.visible.min.x, top), vec2(DIM_WIDTH, height));
        ui.painter()
            .rect_filled(dim_rect, 0.0, if striped { blend(bg, stripe) } else { bg });
        ui.scope_builder(UiBuilder::new().max_rect(dim_rect.shrink(PAD)), |ui| {
            for text in dim_texts(row) {
                ui.label(text);
            }
        });
        if known != Some(height) {
            self.row_heights.insert(row.dimension.clone(), height);
            ui.ctx().request_repaint();
        }
        height
    }

    fn note_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(draft) = &mut self.note_draft else {
            return;
        };
        let dialog = TextDialog {
            id: "cell-note",
            title: "Note on a cell",
            context: &draft.label,
            field: "Cell note",
            save: "Save note",
            allow_empty: false,
        };
        match dialog.show(ctx, &mut draft.text) {
            Outcome::Open => {}
            Outcome::Save => {
                actions.push(Action::Edit(match &draft.id {
                    Some(id) => Edit::UpdateItem {
                        id: id.clone(),
                        text: Some(draft.text.text.clone()),
                        title: None,
                        codes: None,
                    },
                    None => Edit::AddNote {
                        case: draft.case.clone(),
                        dimension: Some(draft.dimension.clone()),
                        text: draft.text.text.clone(),
                    },
                }));
                self.note_draft = None;
            }
            Outcome::Close => self.note_draft = None,
        }
    }
}

/// The dimension column's lines for `row`: its label, and how the cases relate.
fn dim_texts(row: &Row) -> [RichText; 2] {
    [
        RichText::new(&row.label).strong(),
        RichText::new(relation_text(row))
            .small()
            .color(relation_color(row.relation)),
    ]
}

/// Height of the dimension column's lines, wrapped to the column (the relation tag can take
/// two lines at a legible size).
fn dim_height(ui: &Ui, row: &Row) -> f32 {
    let width = DIM_WIDTH - 2.0 * PAD;
    let lines: f32 = dim_texts(row)
        .into_iter()
        .map(|text| {
            egui::WidgetText::from(text)
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Wrap),
                    width,
                    egui::TextStyle::Body,
                )
                .size()
                .y
        })
        .sum();
    lines + ui.spacing().item_spacing.y
}

/// "different (2 of 3 known)": the relation, and how many cases it rests on.
fn relation_text(row: &Row) -> String {
    let n = row.cells.len();
    if row.known == n || row.known == 0 {
        row.relation.label().to_owned()
    } else {
        format!("{} ({} of {n} known)", row.relation.label(), row.known)
    }
}

fn toolbar_ui(ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
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
            .add_enabled(ws.compare.len() >= 2, egui::Button::new("Copy as Markdown"))
            .clicked()
        {
            actions.push(Action::CopyComparison);
        }
    });
}

/// Lays out the cells of a row at `top`; returns the row height.
fn cells_ui(ui: &mut Ui, t: &Table<'_>, row: &Row, top: f32) -> f32 {
    // Room for the dimension label and its relation tag.
    let mut height: f32 = dim_height(ui, row) + 2.0 * PAD;
    for (ci, cell) in row.cells.iter().enumerate() {
        let rect = Rect::from_min_size(
            pos2(t.geo.col_x(ci) + PAD, top + PAD),
            vec2(t.geo.col_width - 2.0 * PAD, f32::INFINITY),
        );
        let inner = ui.scope_builder(
            UiBuilder::new()
                .max_rect(rect)
                .layout(Layout::top_down(Align::LEFT)),
            |ui| {
                cell_contents_ui(
                    ui,
                    &t.book,
                    row,
                    cell,
                    t.ws.compare_options.highlight_shared,
                );
            },
        );
        height = height.max(inner.response.rect.height() + 2.0 * PAD);
    }
    height
}

/// The sticky header: case titles with move, remove and open buttons.
fn header_ui(ui: &mut Ui, t: &Table<'_>, actions: &mut Vec<Action>) {
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

fn blend(a: Color32, b: Color32) -> Color32 {
    if b == Color32::TRANSPARENT { a } else { b }
}

fn relation_color(r: Relation) -> Color32 {
    match r {
        Relation::Same => theme::SAME,
        Relation::PartlyShared => theme::PARTLY_SHARED,
        Relation::Different => theme::DIFFERENT,
        Relation::KnownForSome => theme::UNKNOWN,
        Relation::UnknownForAll => theme::NOT_COVERED,
    }
}

fn cell_contents_ui(
    ui: &mut Ui,
    book: &crate::codebook::Codebook,
    row: &Row,
    cell: &Cell,
    highlight_shared: bool,
) {
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
                            (
                                book.label(&item.text),
                                theme::code_color(book.color(&item.text)),
                            )
                        } else {
                            (item.text.as_str(), ui.visuals().widgets.inactive.bg_fill)
                        };
                        let r = chip_ui(ui, label, fill, Some(&item.text));
                        if highlight_shared && item.shared {
                            ui.painter().rect_stroke(
                                r.rect.expand(1.5),
                                9,
                                egui::Stroke::new(2.0, theme::SHARED),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                });
            }
            // Numbers and years left-aligned, like every other value.
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
        let marker = ui.label(
            RichText::new(format!("{} note(s)", cell.notes))
                .small()
                .color(theme::FOCUS_BG),
        );
        // The cell above takes the clicks; it opens the note when the click lands here.
        ui.ctx()
            .data_mut(|d| d.insert_temp(note_marker_id(&cell.case, &row.dimension), marker.rect));
    }
}

/// Where a cell's note marker was drawn this frame (read by the cell's click handling).
fn note_marker_id(case: &str, dimension: &str) -> egui::Id {
    egui::Id::unique(("cell-note-marker", case, dimension))
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
        rich.color(theme::SHARED).strong()
    } else {
        rich
    }
}

/// Hover shows the evidence, click opens the passage, right-click offers a note.
/// Returns a note draft when the user asked to write one.
fn cell_interaction(
    ui: &mut Ui,
    rect: Rect,
    t: &Table<'_>,
    row: &Row,
    cell: &Cell,
    actions: &mut Vec<Action>,
) -> Option<NoteDraft> {
    let id = ui.scope_id().with(("cell", &row.dimension, &cell.case));
    let response = ui.interact(rect, id, Sense::click());
    let title = t
        .cmp
        .cases
        .iter()
        .find(|c| c.id == cell.case)
        .map_or(cell.case.as_str(), |c| c.title.as_str());
    let label = format!("{}: {}: {}", row.label, title, cell_summary(cell));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let first_passage = cell.evidence.iter().find(|e| e.reference.is_some());
    let response = response.on_hover_ui(|ui| cell_hover_ui(ui, t, cell, first_passage.is_some()));
    if response.hovered() {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            2,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    let note_draft = |note: Option<&CellNote>| NoteDraft {
        id: note.map(|n| n.id.clone()),
        case: cell.case.clone(),
        dimension: row.dimension.clone(),
        label: format!("{} — {}", row.label, title),
        text: TextDraft::new(note.map(|n| n.text.clone()).unwrap_or_default()),
    };
    let marker: Option<Rect> = ui
        .ctx()
        .data(|d| d.get_temp(note_marker_id(&cell.case, &row.dimension)));
    let on_marker = response
        .interact_pointer_pos()
        .is_some_and(|p| marker.is_some_and(|m| cell.notes > 0 && m.contains(p)));
    if response.clicked() && on_marker {
        return Some(note_draft(cell.note_items.first()));
    }
    if response.clicked()
        && let Some(e) = first_passage
        && let Some(paragraph) = &e.reference
    {
        actions.push(Action::OpenCase {
            case: cell.case.clone(),
            at: Some(Passage {
                paragraph: paragraph.clone(),
                quote: e.quote.clone(),
                range: None,
            }),
        });
    }
    let mut draft = None;
    response.context_menu(|ui| {
        for note in &cell.note_items {
            if ui
                .button(format!("Edit note “{}”", short(&note.text)))
                .clicked()
            {
                draft = Some(note_draft(Some(note)));
                ui.close();
            }
        }
        if ui.button("Add note…").clicked() {
            draft = Some(note_draft(None));
            ui.close();
        }
    });
    draft
}

/// The cell's value in one line, for its accessible name.
fn cell_summary(cell: &Cell) -> String {
    match cell.state {
        CellState::Value => cell
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        CellState::Unknown => "unknown".to_owned(),
        CellState::NotCovered => "not covered".to_owned(),
    }
}

/// The hover tip of a cell: why it is unknown, its evidence, the user's notes on it.
fn cell_hover_ui(ui: &mut Ui, t: &Table<'_>, cell: &Cell, has_passage: bool) {
    ui.set_max_width(theme::HOVER_WIDTH);
    if let Some(reason) = &cell.unknown {
        ui.label(RichText::new("Unknown: ").strong());
        ui.label(reason);
    }
    if let Some(case) = t.ws.library.case(&cell.case) {
        let refs: Vec<EvidenceRef<'_>> = cell.evidence.iter().map(EvidenceRef::from).collect();
        // Nothing in a hover tip can be clicked; the click on the cell opens the passage.
        evidence_ui(ui, case, &refs, Style::Static, &mut Vec::new());
    }
    if !cell.note_items.is_empty() {
        ui.separator();
        ui.label(RichText::new("Your notes").strong());
        for note in &cell.note_items {
            ui.label(&note.text);
        }
        ui.label(
            RichText::new("Click the note marker to open it")
                .small()
                .weak(),
        );
    }
    if has_passage {
        ui.label(RichText::new("Click to open the passage").small().weak());
    }
}

fn short(text: &str) -> String {
    let s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        format!("{s}…")
    } else {
        s
    }
}

/// A fixed id for a modal.
pub fn ui_id(name: &str) -> egui::Id {
    egui::Id::unique(name)
}
