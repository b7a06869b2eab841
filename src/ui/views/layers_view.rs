//! The Layers panel: every layer (another person's notes file, read-only) with a checkbox per
//! author, All / None, and whether your own notes count as an author; plus the caches the
//! class views share (who the layers' authors are, where they marked the open case).

use std::sync::Arc;

use egui::{RichText, Ui};

use crate::agreement::density::{Density, density};
use crate::notes::layers::Coder;
use crate::notes::layers::ReferenceLayer;
use crate::ui::widgets::in_sight::GridSizes;
use crate::workspace::class::{ClassAction, Roster, problem_text};
use crate::workspace::{Action, Pick, Workspace};

/// What the roster was built from: (layer choice revision, number of layers, generation).
type RosterKey = (u64, usize, u64);

/// What the density was computed from: (case, roster key, notes revision).
type DensityKey = (String, RosterKey, u64);

/// The panel's caches.
#[derive(Default)]
pub struct LayersView {
    roster: Option<(RosterKey, Roster)>,
    density: Option<(DensityKey, u64, Arc<Density>)>,
    /// Bumped at every recomputed density (the reader's cache key).
    stamp: u64,
    /// The list's sizes when last seen: a class of 300 draws only the rows in sight.
    sizes: std::cell::Cell<GridSizes<2>>,
}

impl LayersView {
    /// Brings the roster (and the density of `case`, if any) up to date with the layers.
    pub fn refresh(&mut self, ws: &Workspace, layers: &[ReferenceLayer], case: Option<&str>) {
        let key = (ws.class.revision, layers.len(), ws.generation);
        if self.roster.as_ref().is_none_or(|(k, _)| *k != key) {
            self.roster = Some((key, Roster::of(layers, &ws.class)));
        }
        let Some(case) = case else {
            self.density = None;
            return;
        };
        let revision = if ws.class.include_mine {
            ws.notebook.revision
        } else {
            0
        };
        let dkey = (case.to_owned(), key, revision);
        if self.density.as_ref().is_none_or(|(k, _, _)| *k != dkey) {
            let coders = self.roster.as_ref().map_or_else(Vec::new, |(_, r)| {
                r.in_reader(&ws.class, layers, ws.notebook.file(), case)
            });
            let d = density(&ws.library, case, &coders);
            self.stamp += 1;
            self.density = Some((dkey, self.stamp, Arc::new(d)));
        }
    }

    /// The shown authors (call [`LayersView::refresh`] first).
    pub fn coders<'a>(&'a self, ws: &'a Workspace, layers: &'a [ReferenceLayer]) -> Vec<Coder<'a>> {
        self.roster.as_ref().map_or_else(Vec::new, |(_, r)| {
            r.shown(&ws.class, layers, ws.notebook.file())
        })
    }

    /// Where the shown authors marked the open case, when at least one is shown, with the
    /// stamp of its computation.
    pub fn density(&self) -> Option<(u64, Arc<Density>)> {
        self.density
            .as_ref()
            .filter(|(_, _, d)| d.total > 0)
            .map(|(_, stamp, d)| (*stamp, d.clone()))
    }

    /// The panel: All / None, your notes, one checkbox per layer, and the layers' problems.
    pub fn ui(&self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        let entries = self
            .roster
            .as_ref()
            .map_or(&[][..], |(_, r)| &r.entries[..]);
        ui.horizontal(|ui| {
            ui.heading("Layers");
            if ui.button("Hide").clicked() {
                actions.push(Action::Class(ClassAction::TogglePanel));
            }
        });
        let shown = entries.iter().filter(|(k, _)| ws.class.is_shown(k)).count();
        ui.label(
            RichText::new(format!("{shown} of {} layer(s) shown", entries.len()))
                .small()
                .weak(),
        );
        if let Some(case) = &ws.class.peek {
            let text = format!(
                "The reader shows every class layer on {case} for now (Agreement > Open); the ticks below, and so the coders, are unchanged."
            );
            ui.add(egui::Label::new(RichText::new(text).small().weak()).wrap());
        }
        ui.horizontal(|ui| {
            if ui.button("All").on_hover_text("Show every layer").clicked() {
                actions.push(Action::Class(ClassAction::ShowAll));
            }
            if ui
                .button("None")
                .on_hover_text("Hide every layer")
                .clicked()
            {
                let keys = entries.iter().map(|(k, _)| k.clone()).collect();
                actions.push(Action::Class(ClassAction::HideAll(keys)));
            }
            if ui
                .button("Open class folder…")
                .on_hover_text("Open every *.notes.json of a folder as a read-only layer")
                .clicked()
            {
                actions.push(Action::Pick(Pick::ClassFolder));
            }
        });
        let mut mine = ws.class.include_mine;
        if ui
            .checkbox(&mut mine, "Count your notes as an author")
            .on_hover_text("Your own highlights count in the band, the matrix and agreement")
            .changed()
        {
            actions.push(Action::Class(ClassAction::ToggleMine));
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("layers-list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if entries.is_empty() {
                    ui.label("No layers yet: File > Open class folder… opens a folder of notes files, one layer per author.");
                }
                self.layers_grid_ui(ui, ws, entries, actions);
                problems_ui(ui, ws, actions);
            });
    }
}

impl LayersView {
    /// One row per layer: its tick box and how many cases its author marked as coded.
    fn layers_grid_ui(
        &self,
        ui: &mut Ui,
        ws: &Workspace,
        entries: &[(String, String)],
        actions: &mut Vec<Action>,
    ) {
        let coded = self.roster.as_ref().map_or(&[][..], |(_, r)| &r.coded[..]);
        egui::Grid::new("layers-grid")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                if !entries.is_empty() {
                    ui.label(RichText::new("Author").small().strong());
                    ui.label(RichText::new("Marked coded").small().strong())
                        .on_hover_text("Cases the author marked as coded (Mark this case as coded in the reader). Agreement counts an author with marks as a rater of exactly those cases, one without as a rater of every case they wrote on.");
                    ui.end_row();
                }
                let mut sizes = self.sizes.get();
                for (i, (key, author)) in entries.iter().enumerate() {
                    sizes.row(ui, |ui, sizes| {
                        let mut on = ws.class.is_shown(key);
                        let tick = ui.checkbox(&mut on, author.as_str());
                        sizes.saw(0, &tick);
                        if tick.on_hover_text(format!("{key} (read-only)")).changed() {
                            actions.push(Action::Class(ClassAction::ToggleLayer(key.clone())));
                        }
                        let text = coded_text(coded.get(i).copied().unwrap_or(0));
                        let r = ui.label(RichText::new(&text).small().weak());
                        sizes.saw(1, &r);
                        r.widget_info(|| {
                            let label = format!("{author} marked coded: {text}");
                            egui::WidgetInfo::labeled(egui::Role::Label, true, label)
                        });
                    });
                }
                self.sizes.set(sizes);
            });
    }
}

/// "3 case(s)", or "no marks".
pub fn coded_text(cases: usize) -> String {
    if cases == 0 {
        "no marks".to_owned()
    } else {
        format!("{cases} case(s)")
    }
}

/// The problems met while opening layers, each with its file.
fn problems_ui(ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
    if ws.class.problems.is_empty() {
        return;
    }
    ui.separator();
    let text = format!("{} problem(s) opening layers", ws.class.problems.len());
    ui.label(
        RichText::new(text)
            .strong()
            .color(crate::ui::theme::status_color(
                ui.visuals(),
                crate::ui::theme::Status::Warning,
            )),
    );
    for p in &ws.class.problems {
        ui.add(egui::Label::new(RichText::new(problem_text(p)).small()).wrap());
    }
    if !ws.show_problems && ui.button("Show in Problems").clicked() {
        actions.push(Action::ToggleProblems);
    }
}

/// The layers' problems in the Problems panel.
pub fn layer_problems_ui(ui: &mut Ui, ws: &Workspace) -> bool {
    for p in &ws.class.problems {
        ui.label(
            RichText::new(format!("{} (layer)", p.path.display()))
                .strong()
                .color(crate::ui::theme::status_color(
                    ui.visuals(),
                    crate::ui::theme::Status::Warning,
                )),
        );
        ui.label(RichText::new(problem_text(p)).monospace());
        ui.add_space(4.0);
    }
    !ws.class.problems.is_empty()
}
