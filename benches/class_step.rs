//! Speed of a lesson step "What the class marked" (issue 14 item 4) over 300 layers of 40
//! highlights on 200 synthetic cases: the step's summary of the case most students wrote on,
//! computed when the step is shown or the ticked authors change (a frame then only draws it).
//! Run with `cargo bench --bench class_step`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;

use caselens::agreement::class_step::{ClassView, class_view};
use caselens::codebook::Codebook;
use caselens::format::Case;
use caselens::format::empty_notes;
use caselens::workspace::class::{ClassState, Roster};

const STUDENTS: usize = 300;
const HIGHLIGHTS: usize = 40;
const CASES: usize = 200;

fn main() {
    let lib = synth::library(synth::cases(CASES));
    let cases: Vec<Case> = lib.cases.iter().map(|c| c.doc.clone()).collect();
    let loaded = synth::class_layers(&cases, STUDENTS, HIGHLIGHTS);
    let mut state = ClassState::default();
    let layers = state.take_layers(loaded);
    let mine = empty_notes(None);
    let roster = Roster::of(&layers, &state);
    let coders = roster.shown(&state, &layers, &mine);
    let busiest = synth::busiest_case(&cases, &coders);
    let fw = lib.frameworks.first().map(|f| &f.doc);
    let book = Codebook::build(fw, &mine);
    let ClassView::Summary(step) = class_view(&lib, true, &coders, &book, Some(&busiest)) else {
        panic!("a summary of {busiest}");
    };
    let t = time(20, || {
        black_box(class_view(&lib, true, &coders, &book, Some(&busiest)));
    });
    println!(
        "class step on {busiest} over {STUDENTS} layers ({}; top passage {}, top code {}): median {:.2} ms",
        step.wrote_text(),
        step.passages.first().map_or("none", |p| p.share.as_str()),
        step.codes.first().map_or("none", |c| c.share.as_str()),
        t.as_secs_f64() * 1000.0
    );
}
