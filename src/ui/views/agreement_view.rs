//! *Agreement*: how far the shown layers' authors agree, per code and overall (coders,
//! units, percentage, Cohen's and Fleiss' kappa, Krippendorff's alpha), on paragraphs or
//! characters, for one code family or all codes; the passages where they split most, with who
//! applied which code (a click opens the passage with every layer shown; *Mark as discussed*
//! writes a note in your own notes); and what the class marked, per case. The figures come
//! from [`crate::agreement`]; a large class is computed on a worker thread
//! ([`crate::ui::jobs::spawn_agreement`] decides).

use egui::{RichText, Ui};

use crate::agreement::summary::{CaseSummary, class_summary};
use crate::agreement::triage::{Disagreement, disagreements, discussed_among};
use crate::agreement::{Bootstrap, CodeFilter, Options, Report, Rollup, Unit, agreement};
use crate::codebook::Codebook;
use crate::jobs::{Job, Poll};
use crate::library::Library;
use crate::notes::layers::Coder;
use crate::notes::layers::Layer;
use crate::ui::jobs::{self, Work};

mod controls;
mod table;
mod triage;
use crate::workspace::{Action, Passage, Workspace};
use table::table_ui;
pub use table::{COLUMNS, cells};
use triage::{TriageState, triage_ui};
pub use triage::{names, split_summary};

/// Most disagreements listed.
pub const TRIAGE_LIMIT: usize = 200;

/// Disagreements drawn at first, and added by each *Show more*.
pub const TRIAGE_PAGE: usize = 25;

/// Passages and codes per case in "What the class marked".
const SUMMARY_TOP: usize = 3;

/// What the figures were computed from: (generation, layer choice revision, notes revision
/// when yours count, the view's choices).
type Key = (u64, u64, u64, Choice);

/// The view's choices that change the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Paragraph × code, or character × code.
    pub unit: Unit,
    /// A code family (id), or every code when `None`.
    pub family: Option<String>,
    /// Roll codes up to a level or to chosen parents.
    pub rollup: Option<Rollup>,
    /// Treat the family as one variable (a semantic domain).
    pub domain: bool,
    /// The smallest acceptable alpha, in thousandths (667, 800).
    pub minimum: u16,
}

impl Default for Choice {
    fn default() -> Self {
        Self {
            unit: Unit::Paragraph,
            family: None,
            rollup: None,
            domain: false,
            minimum: 667,
        }
    }
}

/// Roll-up levels offered (deeper codes are rare in the bundled frameworks).
const ROLLUPS: [usize; 3] = [1, 2, 3];
/// Minimum alphas offered, in thousandths (Krippendorff 2004: 0.667 tentative, 0.8 firm).
const MINIMUMS: [u16; 2] = [667, 800];

/// The figures of one choice.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Agreement per code and overall.
    pub report: Report,
    /// Where the coders split most, most split first.
    pub triage: Vec<Disagreement>,
    /// What the class marked, per case.
    pub summary: Vec<CaseSummary>,
}

/// The choices, and the figures (computed, or being computed).
pub struct AgreementView {
    /// Unit, family, roll-up, domain, minimum.
    pub choice: Choice,
    /// The figures for `key`, once computed.
    pub figures: Option<(Key, Figures)>,
    job: Option<(Key, Job<Figures>)>,
    /// Why the last computation failed, if it did.
    pub error: Option<String>,
    /// How many disagreements are drawn, and their heights.
    triage: TriageState,
    /// The table's column widths and row height when last seen.
    table: table::Sizes,
    /// Which listed passages your notes mark discussed, for (figures, notes revision).
    discussed: Option<((Key, u64), Vec<bool>)>,
    /// Holds the next computation on a worker thread until the sender is dropped (tests: a
    /// job that never finishes must not stop frames).
    pub gate: Option<std::sync::mpsc::Receiver<()>>,
}

impl Default for AgreementView {
    fn default() -> Self {
        Self {
            choice: Choice::default(),
            figures: None,
            job: None,
            error: None,
            triage: TriageState::new(),
            table: table::Sizes::default(),
            discussed: None,
            gate: None,
        }
    }
}

/// Computes every figure of the view for `layers` (on a worker for a large class).
pub fn compute(library: &Library, layers: &[Layer], choice: &Choice) -> Figures {
    let codes = choice
        .family
        .clone()
        .map_or(CodeFilter::All, CodeFilter::Family);
    let options = Options {
        unit: choice.unit,
        codes: codes.clone(),
        rollup: choice.rollup.clone(),
        domain: choice.family.clone().filter(|_| choice.domain),
        bootstrap: Some(Bootstrap {
            minimum: f64::from(choice.minimum) / 1000.0,
            ..Bootstrap::default()
        }),
    };
    Figures {
        report: agreement(library, layers, &options),
        triage: disagreements(library, layers, &codes, TRIAGE_LIMIT),
        summary: class_summary(library, layers, SUMMARY_TOP),
    }
}

/// The shown coders as the agreement functions take them (copies: a worker thread owns them).
pub fn layers_of(coders: &[Coder<'_>]) -> Vec<Layer> {
    coders
        .iter()
        .map(|c| Layer {
            path: c.key.into(),
            author: c.author.to_owned(),
            notes: c.notes.clone(),
        })
        .collect()
}

/// The layers of `shown` (key and author of each coder, as [`Coder`] names them) from the
/// shared reference layers and your notes; a key no longer among them is left out.
pub fn shown_layers(
    references: &[crate::notes::layers::ReferenceLayer],
    mine: &crate::format::NotesFile,
    shown: &[(String, String)],
) -> Vec<Layer> {
    shown
        .iter()
        .filter_map(|(key, author)| {
            let notes = if key == crate::notes::layers::YOU {
                mine
            } else {
                &references
                    .iter()
                    .find(|l| crate::notes::layers::layer_key(l) == *key)?
                    .notes
            };
            Some(Layer {
                path: key.into(),
                author: author.clone(),
                notes: notes.clone(),
            })
        })
        .collect()
}

impl AgreementView {
    /// Draws the view over the shown `coders`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        coders: &[Coder<'_>],
        actions: &mut Vec<Action>,
    ) {
        let book = ws.scope_codebook_with(coders);
        egui::CentralPanel::default().show(ui, |ui| {
            self.controls_ui(ui, &book, coders.len());
            if coders.len() < 2 {
                ui.add_space(8.0);
                ui.label("Agreement needs two or more coders: open their notes files as layers (File > Open class folder…, or --layer on the command line), and tick them in View > Layers. Tick \"Count your notes as an author\" there to compare yours with a colleague's.");
                return;
            }
            self.refresh(ui.ctx(), ws, coders);
            if let Some(error) = &self.error {
                ui.label(RichText::new(error).color(crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Warning)));
            }
            let Some((key, figures)) = &self.figures else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Computing agreement…");
                });
                return;
            };
            egui::ScrollArea::vertical()
                .id_salt("agreement-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if self.job.is_some() {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(RichText::new("Updating…").weak());
                        });
                    }
                    table_ui(ui, &figures.report, &book, &mut self.table);
                    ui.add_space(12.0);
                    let stamp = (key.clone(), ws.notebook.revision);
                    if self.discussed.as_ref().is_none_or(|(s, _)| *s != stamp) {
                        let marks = discussed_among(ws.notebook.file(), &figures.triage);
                        self.discussed = Some((stamp, marks));
                    }
                    let discussed = self.discussed.as_ref().map_or(&[][..], |(_, d)| d);
                    let triage = (&figures.triage[..], discussed);
                    triage_ui(ui, ws, triage, &mut self.triage, &book, actions);
                    ui.add_space(12.0);
                    summary_ui(ui, &figures.summary, &book, actions);
                });
        });
    }

    /// True while the figures are computed on a worker thread.
    pub fn computing(&self) -> bool {
        self.job.is_some()
    }

    /// Starts (or finishes) computing the figures for the current choice.
    fn refresh(&mut self, ctx: &egui::Context, ws: &Workspace, coders: &[Coder<'_>]) {
        let key: Key = (
            ws.generation,
            ws.class.revision,
            if ws.class.include_mine {
                ws.notebook.revision
            } else {
                0
            },
            self.choice.clone(),
        );
        if let Some((k, job)) = &mut self.job {
            match job.poll() {
                Poll::Pending => {}
                Poll::Done(figures) => {
                    self.figures = Some((k.clone(), figures));
                    self.triage.reset();
                    self.job = None;
                }
                Poll::Failed(message) => {
                    self.job = None;
                    self.error = Some(message);
                }
            }
        }
        let current = self.figures.as_ref().is_some_and(|(k, _)| *k == key);
        let running = self.job.as_ref().is_some_and(|(k, _)| *k == key);
        if current || running {
            return;
        }
        let choice = self.choice.clone();
        let gate = self.gate.take();
        // A held computation always runs on a worker.
        let items = if gate.is_some() {
            usize::MAX
        } else {
            coders.iter().map(|c| c.notes.items.len()).sum()
        };
        // The job copies the shown layers out of the shared lists, not the frame.
        let shown: Vec<(String, String)> = coders
            .iter()
            .map(|c| (c.key.to_owned(), c.author.to_owned()))
            .collect();
        let references = std::sync::Arc::clone(&ws.references);
        let mine = ws.notebook.shared();
        let work = jobs::spawn_agreement_shared(
            ctx,
            &ws.library,
            items,
            move || shown_layers(&references, &mine, &shown),
            move |library, layers| {
                if let Some(gate) = gate {
                    gate.recv().ok();
                }
                compute(library, layers, &choice)
            },
        );
        match work {
            Work::Done(figures) => {
                self.figures = Some((key, figures));
                self.triage.reset();
            }
            Work::Running(job) => self.job = Some((key, job)),
        }
    }
}

fn family_text(book: &Codebook, family: &str) -> String {
    let label = book.family_label(family);
    if label == family {
        label.to_owned()
    } else {
        format!("{label} ({family})")
    }
}

/// "What the class marked": per case, the most marked passages and the most used codes.
fn summary_ui(ui: &mut Ui, summary: &[CaseSummary], book: &Codebook, actions: &mut Vec<Action>) {
    // Open at first for a few cases; a large library's summary is opened on demand.
    egui::CollapsingHeader::new(
        RichText::new(format!("What the class marked ({} case(s))", summary.len())).heading(),
    )
    .id_salt("class-summary")
    .default_open(summary.len() <= SUMMARY_OPEN)
    .show(ui, |ui| {
        for (i, case) in summary.iter().enumerate() {
            ui.push_id(("summary", i), |ui| {
                case_summary_ui(ui, case, book, actions);
            });
        }
    });
}

/// Cases above which "What the class marked" starts closed.
const SUMMARY_OPEN: usize = 12;

/// One case of the summary: its most marked passages (click opens them) and codes.
fn case_summary_ui(ui: &mut Ui, case: &CaseSummary, book: &Codebook, actions: &mut Vec<Action>) {
    ui.label(RichText::new(format!("{} ({} author(s))", case.title, case.authors)).strong());
    for p in &case.passages {
        let text = format!("{} author(s) · ¶ {} “{}”", p.authors, p.paragraph, p.quote);
        let link = ui.add(
            egui::Label::new(RichText::new(text).color(ui.visuals().hyperlink_color))
                .sense(egui::Sense::click()),
        );
        if link
            .on_hover_text("Open the passage in the reader")
            .clicked()
        {
            actions.push(Action::OpenCase {
                case: case.case.clone(),
                at: Some(Passage {
                    paragraph: p.paragraph.clone(),
                    quote: None,
                    range: p.range,
                }),
            });
        }
    }
    let codes: Vec<String> = case
        .codes
        .iter()
        .map(|c| format!("{} ({})", book.label(&c.code), c.authors))
        .collect();
    if !codes.is_empty() {
        ui.label(RichText::new(format!("Codes: {}", codes.join(", "))).small());
    }
    ui.add_space(6.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Origin;
    use crate::notes::layers::{ReferenceLayer, YOU, layer_key};

    #[test]
    fn the_jobs_layers_are_the_shown_coders_copied_from_the_shared_lists() {
        let notes = |author: &str| crate::format::empty_notes(Some(author.to_owned()));
        let references = [
            ReferenceLayer {
                origin: Origin::File("/class/a.notes.json".into()),
                notes: std::sync::Arc::new(notes("Ana")),
            },
            ReferenceLayer {
                origin: Origin::File("/class/b.notes.json".into()),
                notes: std::sync::Arc::new(notes("Ben")),
            },
        ];
        let mine = notes("Me");
        let keys: Vec<String> = references.iter().map(layer_key).collect();
        let coders = vec![
            Coder {
                key: &keys[1],
                author: "Ben",
                notes: &references[1].notes,
            },
            Coder {
                key: YOU,
                author: "Me",
                notes: &mine,
            },
        ];
        let shown: Vec<(String, String)> = coders
            .iter()
            .map(|c| (c.key.to_owned(), c.author.to_owned()))
            .collect();
        assert_eq!(shown_layers(&references, &mine, &shown), layers_of(&coders));
        let gone = vec![("/class/c.notes.json".to_owned(), "Cy".to_owned())];
        assert!(shown_layers(&references, &mine, &gone).is_empty());
    }
}
