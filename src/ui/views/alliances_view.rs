//! Every alliance of the compared cases (or of all cases) in one sortable table.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::compare::alliances::{self, SortKey};
use crate::format::Framework;
use crate::workspace::{Action, Workspace};

/// Sort and filter state.
#[derive(Default)]
pub struct AlliancesView {
    sort: SortKey,
    descending: bool,
    code: Option<String>,
}

impl AlliancesView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        egui::CentralPanel::default().show(ui, |ui| {
            let cases = ws.scope_cases();
            let fw = cases
                .first()
                .and_then(|c| ws.library.framework(&c.framework));
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
            ui.horizontal(|ui| {
                let label = ui.label("Filter by code");
                let selected = self
                    .code
                    .as_deref()
                    .map_or_else(|| "any code".to_owned(), |c| code_label(fw, c));
                egui::ComboBox::from_id_salt("alliance-code")
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.code, None, "any code");
                        if let Some(fw) = fw {
                            for code in fw.codes.iter().filter(|c| {
                                ["TYPE", "RAT", "PHASE"]
                                    .iter()
                                    .any(|f| crate::format::framework::in_family(&c.id, f))
                            }) {
                                ui.selectable_value(
                                    &mut self.code,
                                    Some(code.id.clone()),
                                    format!("{} ({})", code.label, code.id),
                                );
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            let rows =
                alliances::filter_sort(&all, self.code.as_deref(), self.sort, self.descending);
            let headers = [
                ("Case", SortKey::Case),
                ("Partner", SortKey::Partner),
                ("Types", SortKey::Types),
                ("Rationale", SortKey::Rationale),
                ("Phase", SortKey::Phase),
                ("Status", SortKey::Status),
            ];
            TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .column(Column::initial(200.0).at_least(80.0))
                .column(Column::initial(200.0).at_least(80.0))
                .column(Column::initial(180.0).at_least(60.0))
                .column(Column::initial(180.0).at_least(60.0))
                .column(Column::initial(120.0).at_least(60.0))
                .column(Column::remainder().at_least(60.0))
                .header(24.0, |mut header| {
                    for (name, key) in headers {
                        header.col(|ui| {
                            let arrow = if self.sort == key {
                                if self.descending { " v" } else { " ^" }
                            } else {
                                ""
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
                        });
                    }
                })
                .body(|body| {
                    body.rows(40.0, rows.len(), |mut row| {
                        let a = &rows[row.index()];
                        row.col(|ui| {
                            if ui
                                .link(&a.case_title)
                                .on_hover_text("Open the case")
                                .clicked()
                            {
                                actions.push(Action::OpenCase(a.case.clone()));
                                actions.push(Action::SetView(crate::workspace::View::Reader));
                            }
                        });
                        row.col(|ui| {
                            let r = ui.label(&a.partner);
                            if let Some(s) = &a.summary {
                                r.on_hover_text(s);
                            }
                        });
                        row.col(|ui| {
                            ui.label(
                                a.types
                                    .iter()
                                    .map(|c| code_label(fw, c))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            );
                        });
                        row.col(|ui| {
                            ui.label(
                                a.rationale
                                    .iter()
                                    .map(|c| code_label(fw, c))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            );
                        });
                        row.col(|ui| {
                            ui.label(
                                a.phase
                                    .as_deref()
                                    .map(|c| code_label(fw, c))
                                    .unwrap_or_default(),
                            );
                        });
                        row.col(|ui| {
                            ui.label(a.status.as_str());
                        });
                    });
                });
        });
    }
}

fn code_label(fw: Option<&Framework>, id: &str) -> String {
    fw.and_then(|f| f.code(id))
        .map_or_else(|| id.to_owned(), |c| c.label.clone())
}
