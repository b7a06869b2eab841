//! Speed of the retrieval of coded passages (`retrieve::coded`, issue 12) on 200 synthetic
//! cases with 2,000 highlights (the corpus of `examples/synth_corpus`): the highlights of one
//! user code (target <= 1 ms) and all 2,000 highlights, by any of the 30 user codes (target
//! <= 8 ms). Each figure is the whole retrieval from loaded cases and notes to the list of
//! passages; then one frame of the *Coded passages* view (`egui_kittest`, no GPU) that lists all
//! 2,000, when the choice changed (retrieval included) and when it did not. Run with
//! `cargo bench --bench coded`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;

use caselens::format::{Case, NotesFile};
use caselens::library::Library;
use caselens::notes::book::NoteBook;
use caselens::search::coded::{Mode, coded};
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, View};

fn main() {
    let lib = synth::library(synth::cases(200));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let notes = synth::notes(&cases, 2000);
    let one = vec![notes.codes[3].id.clone()];
    let every: Vec<String> = notes.codes.iter().map(|c| c.id.clone()).collect();
    for (what, codes, target) in [("one code", &one, 1.0), ("all highlights", &every, 8.0)] {
        let found = coded(&lib, &notes, codes, Mode::Or, None);
        let t = time(50, || {
            black_box(coded(&lib, &notes, codes, Mode::Or, None));
        });
        println!(
            "coded, {what}: {} passage(s) from {} cases in {:.3} ms (target <= {target} ms)",
            found.len(),
            cases.len(),
            t.as_secs_f64() * 1000.0
        );
    }
    frames(lib, notes, every);
}

/// One frame of the view listing every passage of `codes`: after the mode changed, and not.
fn frames(lib: Library, notes: NotesFile, codes: Vec<String>) {
    let mut app = CaselensApp::with_library(lib, Vec::new());
    app.workspace.set_notebook(NoteBook::new(notes));
    app.workspace.apply(Action::SetView(View::Coded));
    app.coded_view.codes = codes;
    app.coded_view.mode = Mode::Or;
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // The synthetic comments hold an emoji the test fonts lack.
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut CaselensApp| app.root_ui(ui), app);
    h.run();
    let steady = time(50, || h.step());
    // The same codes in another order: a new choice (retrieval again), the same 2,000 rows.
    let changed = time(50, || {
        h.state_mut().coded_view.codes.reverse();
        h.step();
    });
    println!(
        "coded view frame, 2,000 passages listed: {:.3} ms; after the choice changed \
         (retrieval included): {:.3} ms",
        steady.as_secs_f64() * 1000.0,
        changed.as_secs_f64() * 1000.0
    );
}
