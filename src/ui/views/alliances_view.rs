//! Every alliance of the compared cases (or of all cases) in one sortable table.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder, TableRow};

use crate::codebook::Codebook;
use crate::compare::alliances::{self, AllianceRow, SortKey};
use crate::ui::theme;
use crate::workspace::{Action, Workspace};

/// Sort and filter state.
#[derive(Default)]
pub struct AlliancesView {
    sort: SortKey,
    descending: bool,
    code: Option<String>,
}

/// Column headers and the key each sorts by.
const HEADERS: [(&str, SortKey); 6] = [
    ("Case", SortKey::Case),
    ("Partner", SortKey::Partner),
    ("Types", SortKey::Types),
    ("Rationale", SortKey::Rationale),
    ("Phase", SortKey::Phase),
    ("Status", SortKey::Status),
];

impl AlliancesView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        egui::CentralPanel::default().show(ui, |ui| {
            let cases = ws.scope_cases();
            let book = cases
                .first()
                .map_or_else(Default::default, |c| ws.codebook(&c.framework));
            let all = alliances::rows(&cases);
            let scope = if ws.compare.is_empty() {
                "all cases"
            } else {
                "the compared cases"
            };
            ui.horizontal(|ui| {
                ui.heading("Alliances");
                ui.label(RichText::new(format!("{} alliance(s) in {scope}", all.len())).weak());
            });
            self.filter_ui(ui, &book, &all);
            let rows =
                alliances::filter_sort(&all, self.code.as_deref(), self.sort, self.descending);
            self.table_ui(ui, &book, &rows, actions);
        });
    }

    /// The code filter: the codes the listed alliances carry (and their parents), by family.
    fn filter_ui(&mut self, ui: &mut Ui, book: &Codebook, all: &[AllianceRow]) {
        ui.horizontal(|ui| {
            let label = ui.label("Filter by code");
            let selected = self
                .code
                .as_deref()
                .map_or_else(|| "any code".to_owned(), |c| book.path_label(c).to_owned());
            egui::ComboBox::from_id_salt("alliance-code")
                .selected_text(selected)
                .height(crate::ui::theme::FILTER_POPUP_HEIGHT)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.code, None, "any code");
                    for (id, text) in filter_choices(book, all) {
                        ui.selectable_value(&mut self.code, Some(id), text);
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    fn table_ui(
        &mut self,
        ui: &mut Ui,
        book: &Codebook,
        rows: &[AllianceRow],
        actions: &mut Vec<Action>,
    ) {
        let (header_height, row_height) = theme::ALLIANCE_ROW_HEIGHTS;
        let min = theme::ALLIANCE_MIN_COLUMN;
        let mut table = TableBuilder::new(ui).striped(true).resizable(true);
        for width in theme::ALLIANCE_COLUMNS {
            table = table.column(Column::initial(width).at_least(min));
        }
        table
            .column(Column::remainder().at_least(min))
            .header(header_height, |mut header| {
                for (name, key) in HEADERS {
                    header.col(|ui| self.header_button_ui(ui, name, key));
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let a = &rows[row.index()];
                    row_ui(&mut row, a, book, actions);
                });
            });
    }

    fn header_button_ui(&mut self, ui: &mut Ui, name: &str, key: SortKey) {
        let arrow = match (self.sort == key, self.descending) {
            (false, _) => "",
            (true, false) => " ^",
            (true, true) => " v",
        };
        if ui
            .button(RichText::new(format!("{name}{arrow}")).strong())
            .on_hover_text(format!("Sort by {name}"))
            .clicked()
        {
            if self.sort == key {
                self.descending = !self.descending;
            } else {
                self.sort = key;
                self.descending = false;
            }
        }
    }
}

/// (code id, text) for the filter, family by family in codebook order; a family's root (when
/// it is a code) first, as "all of …".
fn filter_choices(book: &Codebook, all: &[AllianceRow]) -> Vec<(String, String)> {
    let carried = |id: &str| all.iter().any(|r| r.has_code(id));
    let mut out = Vec::new();
    for family in book.families() {
        if book.entry(&family.id).is_some() && carried(&family.id) {
            out.push((family.id.clone(), format!("all of {}", family.label)));
        }
        for e in book.codes_in_family(&family.id).filter(|e| carried(&e.id)) {
            out.push((e.id.clone(), format!("{} › {}", family.label, e.path)));
        }
    }
    out
}

fn labels(book: &Codebook, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| book.label(c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn row_ui(row: &mut TableRow<'_, '_>, a: &AllianceRow, book: &Codebook, actions: &mut Vec<Action>) {
    row.col(|ui| {
        if ui
            .link(&a.case_title)
            .on_hover_text("Open the case")
            .clicked()
        {
            actions.push(Action::OpenCase {
                case: a.case.clone(),
                at: None,
            });
        }
    });
    row.col(|ui| {
        let r = ui.label(&a.partner);
        if let Some(s) = &a.summary {
            r.on_hover_text(s);
        }
    });
    row.col(|ui| {
        ui.label(labels(book, &a.types));
    });
    row.col(|ui| {
        ui.label(labels(book, &a.rationale));
    });
    row.col(|ui| {
        ui.label(
            a.phase
                .as_deref()
                .map(|c| book.label(c))
                .unwrap_or_default(),
        );
    });
    row.col(|ui| {
        ui.label(a.status.as_str());
    });
}
