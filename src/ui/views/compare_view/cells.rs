//! The comparison's cells and dimension column: typed values, shared items, notes markers,
//! the hover tip with the evidence, click to open the passage, right-click for a note.

use egui::{Align, Color32, Layout, Rect, RichText, Sense, Ui, UiBuilder, pos2, vec2};

use super::table::{DIM_WIDTH, NoteDraft, PAD, Table};
use crate::compare::{Cell, CellNote, CellState, Relation, Row};
use crate::format::Kind;
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::evidence::{EvidenceRef, Style, evidence_ui};
use crate::ui::widgets::text_dialog::TextDraft;
use crate::workspace::{Action, Passage};

/// The dimension column's lines for `row`: its label, and how the cases relate.
pub fn dim_texts(visuals: &egui::Visuals, row: &Row) -> [RichText; 2] {
    [
        RichText::new(&row.label).strong(),
        RichText::new(relation_text(row))
            .small()
            .color(relation_color(visuals, row.relation)),
    ]
}

/// Height of the dimension column's lines, wrapped to the column (the relation tag can take
/// two lines at a legible size).
fn dim_height(ui: &Ui, row: &Row) -> f32 {
    let width = DIM_WIDTH - 2.0 * PAD;
    let lines: f32 = dim_texts(ui.visuals(), row)
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

/// Lays out the cells of a row at `top`; returns the row height.
pub fn cells_ui(ui: &mut Ui, t: &Table<'_>, row: &Row, top: f32) -> f32 {
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

fn relation_color(visuals: &egui::Visuals, r: Relation) -> Color32 {
    use crate::ui::theme::{Status, status_color};
    let status = match r {
        Relation::Same => Status::Same,
        Relation::PartlyShared => Status::PartlyShared,
        Relation::Different => Status::Different,
        Relation::KnownForSome => Status::Unknown,
        Relation::UnknownForAll => Status::NotCovered,
    };
    status_color(visuals, status)
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
                    .color(crate::ui::theme::status_color(
                        ui.visuals(),
                        crate::ui::theme::Status::NotCovered,
                    )),
            );
        }
        CellState::Unknown => {
            ui.label(RichText::new("unknown").italics().strong().color(
                crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Unknown),
            ));
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
                                egui::Stroke::new(
                                    2.0,
                                    crate::ui::theme::status_color(
                                        ui.visuals(),
                                        crate::ui::theme::Status::Shared,
                                    ),
                                ),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                });
            }
            // Numbers and years left-aligned, like every other value.
            _ => {
                let shared =
                    crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Shared);
                ui.add(egui::Label::new(shared_text(cell, highlight_shared, shared)).wrap());
            }
        },
    }
    if cell.unconfirmed {
        ui.label(RichText::new("unconfirmed source").small().color(
            crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Warning),
        ))
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

fn shared_text(cell: &Cell, highlight_shared: bool, shared: Color32) -> RichText {
    let text = cell
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let rich = RichText::new(text);
    if highlight_shared && cell.items.iter().any(|i| i.shared) {
        rich.color(shared).strong()
    } else {
        rich
    }
}

/// Hover shows the evidence, click opens the passage, right-click offers a note.
/// Returns a note draft when the user asked to write one.
pub fn cell_interaction(
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
    // Codes by label, as shown (the same words as the exports).
    let summary = crate::export::cell_text(&t.book, row.kind, cell);
    let label = format!("{}: {}: {}", row.label, title, summary);
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
                paragraph: paragraph.to_string(),
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
