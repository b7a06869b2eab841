//! Cases by codes: a heatmap of evidence counts, the quotes behind a cell, a bar chart.

use egui::{Color32, RichText, Sense, Ui, vec2};
use egui_plot::{Bar, BarChart, Plot};

use crate::compare::matrix::{self, HitOrigin, Matrix};
use crate::ui::theme;
use crate::workspace::{Action, Workspace};

/// Width of a code column.
const CELL_WIDTH: f32 = 84.0;

/// Selected cell and cached matrix.
#[derive(Default)]
pub struct MatrixView {
    selected: Option<(usize, usize)>,
    cache: Option<(u64, Vec<String>, String, Matrix)>,
}

impl MatrixView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        let cases = ws.scope_cases();
        let Some(fw) = cases
            .first()
            .and_then(|c| ws.library.framework(&c.framework))
        else {
            egui::CentralPanel::default().show(ui, |ui| ui.label("No cases loaded."));
            return;
        };
        let cases: Vec<_> = cases.into_iter().filter(|c| c.framework == fw.id).collect();
        let families = matrix::families(fw, Some(ws.notebook.file()));
        let fresh = self.cache.as_ref().is_some_and(|(g, sel, fam, _)| {
            *g == ws.generation && *sel == ws.compare && *fam == ws.matrix_family
        });
        if !fresh {
            let m = matrix::build(fw, &cases, Some(ws.notebook.file()), &ws.matrix_family);
            self.cache = Some((
                ws.generation,
                ws.compare.clone(),
                ws.matrix_family.clone(),
                m,
            ));
            self.selected = None;
        }
        let Some((_, _, _, m)) = &self.cache else {
            return;
        };
        egui::Panel::right("matrix-side")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                ui.heading("Codings per case");
                bar_chart_ui(ui, m, fw, &cases);
                ui.separator();
                match self.selected {
                    Some((r, c)) if r < m.cases.len() && c < m.codes.len() => {
                        let case = cases[r];
                        let code = fw
                            .code(&m.codes[c])
                            .map_or(m.codes[c].as_str(), |c| c.label.as_str());
                        ui.label(
                            RichText::new(format!(
                                "{} x {code}: {} piece(s) of evidence",
                                case.title,
                                m.count(r, c)
                            ))
                            .strong(),
                        );
                        egui::ScrollArea::vertical().id_salt("hits").show(ui, |ui| {
                            for hit in m.hits(r, c) {
                                let origin = match &hit.origin {
                                    HitOrigin::Facet(d) => {
                                        fw.dimension(d).map_or(d.clone(), |d| d.label.clone())
                                    }
                                    HitOrigin::Alliance(a) => format!("alliance {a}"),
                                    HitOrigin::Highlight(_) => "your highlight".to_owned(),
                                };
                                ui.label(RichText::new(origin).small().weak());
                                match (&hit.paragraph, &hit.quote, &hit.source) {
                                    (Some(p), q, _) => {
                                        let text = q
                                            .as_ref()
                                            .map_or_else(|| format!("¶ {p}"), |q| format!("“{q}”"));
                                        if ui
                                            .link(text)
                                            .on_hover_text(format!("Open {p}"))
                                            .clicked()
                                        {
                                            actions.push(Action::OpenEvidence {
                                                case: case.id.clone(),
                                                paragraph: p.clone(),
                                                quote: q.clone(),
                                            });
                                        }
                                    }
                                    (None, _, Some(s)) => {
                                        let cite = case
                                            .source(s)
                                            .map_or(s.as_str(), |s| s.citation.as_str());
                                        ui.label(format!("source: {cite}"));
                                    }
                                    _ => {
                                        ui.label("(no evidence recorded)");
                                    }
                                }
                                ui.add_space(4.0);
                            }
                        });
                    }
                    _ => {
                        ui.label("Click a cell to see the quotes behind it.");
                    }
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Matrix");
                let label = ui.label("Code family");
                egui::ComboBox::from_id_salt("matrix-family")
                    .selected_text(family_label(fw, &ws.matrix_family))
                    .show_ui(ui, |ui| {
                        for f in &families {
                            if ui
                                .selectable_label(*f == ws.matrix_family, family_label(fw, f))
                                .clicked()
                            {
                                actions.push(Action::SetMatrixFamily(f.clone()));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            let max = m.max_count().max(1);
            egui::ScrollArea::both()
                .id_salt("matrix")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("matrix-grid")
                        .spacing([2.0, 2.0])
                        .show(ui, |ui| {
                            ui.label("");
                            for code in &m.codes {
                                let c = fw.code(code);
                                let label = c.map_or(code.as_str(), |c| c.label.as_str());
                                // Laid out by hand: a wrapped label in a fixed cell wraps by
                                // words, where add_sized would squeeze it letter by letter.
                                let font = egui::TextStyle::Small.resolve(ui.style());
                                let color = ui.visuals().text_color();
                                let galley = ui.painter().layout(
                                    label.to_owned(),
                                    font,
                                    color,
                                    CELL_WIDTH - 4.0,
                                );
                                let (rect, response) =
                                    ui.allocate_exact_size(vec2(CELL_WIDTH, 44.0), Sense::hover());
                                ui.painter().with_clip_rect(rect).galley(
                                    rect.left_bottom() - vec2(-2.0, galley.size().y),
                                    galley,
                                    color,
                                );
                                response.on_hover_text(format!("{label} ({code})"));
                            }
                            ui.end_row();
                            for (r, case) in cases.iter().enumerate() {
                                ui.add_sized(
                                    [200.0, 28.0],
                                    egui::Label::new(&case.title).truncate(),
                                );
                                for (c, code) in m.codes.iter().enumerate() {
                                    let count = m.count(r, c);
                                    let (rect, response) = ui.allocate_exact_size(
                                        vec2(CELL_WIDTH, 28.0),
                                        Sense::click(),
                                    );
                                    let t = count as f32 / max as f32;
                                    let fill = if count == 0 {
                                        ui.visuals().faint_bg_color
                                    } else {
                                        heat(t)
                                    };
                                    ui.painter().rect_filled(rect, 3, fill);
                                    if self.selected == Some((r, c)) {
                                        ui.painter().rect_stroke(
                                            rect,
                                            3,
                                            egui::Stroke::new(2.0, theme::FOCUS_BG),
                                            egui::StrokeKind::Inside,
                                        );
                                    }
                                    if count > 0 {
                                        ui.painter().text(
                                            rect.center(),
                                            egui::Align2::CENTER_CENTER,
                                            count.to_string(),
                                            egui::TextStyle::Body.resolve(ui.style()),
                                            theme::text_on(fill),
                                        );
                                    }
                                    let label = format!("{} x {}: {count}", case.title, code);
                                    response.widget_info(|| {
                                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                                    });
                                    if response
                                        .on_hover_text(format!(
                                            "{count} piece(s) of evidence; click for the quotes"
                                        ))
                                        .clicked()
                                    {
                                        self.selected = Some((r, c));
                                    }
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    }
}

fn family_label(fw: &crate::format::Framework, family: &str) -> String {
    if family == "USER" {
        return "Your own codes".to_owned();
    }
    fw.code(family)
        .map_or_else(|| family.to_owned(), |c| format!("{} ({family})", c.label))
}

fn heat(t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f32, b: f32| (a + (b - a) * t) as u8;
    Color32::from_rgb(lerp(200.0, 180.0), lerp(225.0, 40.0), lerp(245.0, 60.0))
}

fn bar_chart_ui(
    ui: &mut Ui,
    m: &Matrix,
    fw: &crate::format::Framework,
    cases: &[&crate::format::Case],
) {
    let mut charts: Vec<BarChart> = Vec::new();
    for (c, code) in m.codes.iter().enumerate() {
        let color = theme::parse_color(fw.code(code).and_then(|c| c.color.as_deref()));
        let bars: Vec<Bar> = (0..m.cases.len())
            .map(|r| Bar::new(r as f64, m.count(r, c) as f64).width(0.7))
            .collect();
        let name = fw.code(code).map_or(code.as_str(), |c| c.label.as_str());
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(name, bars).color(color).stack_on(&refs);
        charts.push(chart);
    }
    let titles: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
    Plot::new("codings-plot")
        .height(220.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid([false, true])
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                titles.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}
