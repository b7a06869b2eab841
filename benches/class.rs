//! Speed of the class views (issue 14) over 300 layers of 40 highlights on 200 synthetic
//! cases: the roster and the shown authors (every frame's input), the density of the most
//! marked case (recomputed when the case or the choice changes), the matrix counting authors
//! over every case, the coded passages of every author for one code, and the Agreement view's
//! figures (table, triage and summary, one computation). Run with `cargo bench --bench class`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::time::Duration;

use caselens::agreement::density::density;
use caselens::codebook::Codebook;
use caselens::compare::matrix::build_authors;
use caselens::format::empty_notes;
use caselens::format::{Case, NotesFile};
use caselens::search::coded::Mode;
use caselens::search::coded::{CodedQuery, coded_by};
use caselens::ui::views::agreement_view::{Choice, compute, layers_of};
use caselens::workspace::class::{ClassState, Roster};

const STUDENTS: usize = 300;
const HIGHLIGHTS: usize = 40;
const CASES: usize = 200;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let lib = synth::library(synth::cases(CASES));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let loaded = synth::class_layers(&cases, STUDENTS, HIGHLIGHTS);
    let mut state = ClassState::default();
    let layers = state.take_layers(loaded);
    let busiest = views(&lib, &cases, &state, &layers);
    frames(&lib, &state, layers, &busiest);
}

/// The pure parts the views read; returns the case most authors wrote on.
fn views(
    lib: &caselens::library::Library,
    cases: &[Case],
    state: &ClassState,
    layers: &[caselens::notes::layers::ReferenceLayer],
) -> String {
    let mine = empty_notes(None);

    let roster_time = time(20, || {
        let roster = Roster::of(layers, state);
        black_box(roster.shown(state, layers, &mine).len());
    });
    let roster = Roster::of(layers, state);
    let coders = roster.shown(state, layers, &mine);
    println!(
        "roster and shown authors of {STUDENTS} layers: median {:.2} ms",
        ms(roster_time)
    );

    let busiest = synth::busiest_case(cases, &coders);
    let d = density(lib, &busiest, &coders);
    let marked = d.paragraphs.values().map(|p| p.authors).max().unwrap_or(0);
    let density_time = time(10, || {
        black_box(density(lib, &busiest, &coders));
    });
    println!(
        "density of {busiest} ({} paragraphs marked, at most {marked} of {} authors on one): median {:.1} ms",
        d.paragraphs.len(),
        d.total,
        ms(density_time)
    );

    let fw = lib.frameworks.first().map(|f| &f.doc).expect("a framework");
    let book = Codebook::build(Some(fw), &mine);
    let family = book
        .families()
        .first()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let refs: Vec<&Case> = cases.iter().collect();
    let pairs: Vec<(&str, &NotesFile)> = coders.iter().map(|c| (c.author, c.notes)).collect();
    let matrix_time = time(5, || {
        black_box(build_authors(&book, &refs, &pairs, &family));
    });
    println!(
        "matrix counting authors, {CASES} cases x family {family}: median {:.0} ms",
        ms(matrix_time)
    );

    let code = book
        .codes_in_family(&family)
        .next()
        .map(|e| e.id.clone())
        .unwrap_or_default();
    let codes = [code.clone()];
    let query = CodedQuery {
        codes: &codes,
        mode: Mode::Or,
        scope: None,
        author: None,
        hide_mine: false,
    };
    let found = coded_by(lib, &mine, &coders, &query).len();
    let coded_time = time(5, || {
        black_box(coded_by(lib, &mine, &coders, &query));
    });
    println!(
        "coded passages of every author for {code}: {found} passages, median {:.0} ms",
        ms(coded_time)
    );

    agreement_figures(lib, &coders);
    busiest
}

/// The Agreement view's figures, as its worker thread computes them.
fn agreement_figures(
    lib: &caselens::library::Library,
    coders: &[caselens::notes::layers::Coder<'_>],
) {
    let owned = layers_of(coders);
    let agreement_time = time(3, || {
        black_box(compute(lib, &owned, &Choice::default()));
    });
    println!(
        "Agreement view figures (table, triage, summary; on its worker thread): median {:.0} ms",
        ms(agreement_time)
    );
}

/// One frame of the real window (kittest, no GPU) with the 300 layers shown: the reader on the
/// busiest case (density band beside every paragraph) and the Agreement view (figures cached).
fn frames(
    lib: &caselens::library::Library,
    state: &ClassState,
    layers: Vec<caselens::notes::layers::ReferenceLayer>,
    case: &str,
) {
    use caselens::workspace::{Action, View};
    let mut app = caselens::ui::CaselensApp::with_library(lib.clone(), Vec::new());
    app.workspace.class = state.clone();
    app.notes.add_layers(layers);
    app.workspace.apply(Action::OpenCase {
        case: case.to_owned(),
        at: None,
    });
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut caselens::ui::CaselensApp| app.root_ui(ui),
            app,
        );
    h.run();
    let reader = time(20, || h.step());
    h.state_mut()
        .workspace
        .apply(Action::SetView(View::Agreement));
    // The figures are computed on a worker thread: step until they are in.
    for _ in 0..600 {
        h.step();
        if h.state().agreement_view.figures.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let agreement = time(20, || h.step());
    println!(
        "one frame with {STUDENTS} layers shown: reader (density bands) median {:.1} ms; Agreement view median {:.1} ms",
        ms(reader),
        ms(agreement)
    );
}
