//! Speed of presenting (issue 11): one frame of each step of the bundled sample lesson in
//! presentation mode at 1920x1080 (`egui_kittest`, no GPU), steady and the frame after coming
//! from the previous step (the step applied to the workspace and drawn anew), and one frame of a compare step on 8 synthetic
//! cases with every dimension shown (the comparison is rebuilt each frame; target <= 16 ms, one
//! frame at 60 Hz). Run with `cargo bench --bench present`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use caselens::format::{Lesson, Step};
use caselens::library::Library;
use caselens::ui::CaselensApp;
use caselens::workspace::Action;
use caselens::workspace::present::{LessonSource, PresentCmd};

type H = egui_kittest::Harness<'static, CaselensApp>;

fn harness(lib: Library) -> H {
    let app = CaselensApp::with_library(lib, Vec::new());
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut CaselensApp| app.root_ui(ui), app);
    h.run();
    h
}

fn present(h: &mut H, cmd: PresentCmd) {
    h.state_mut().workspace.apply(Action::Present(cmd));
}

fn main() {
    let mut h = harness(synth::bundled());
    present(&mut h, PresentCmd::OpenSample);
    present(&mut h, PresentCmd::Toggle);
    h.run();
    let steps = h
        .state()
        .workspace
        .lesson_run()
        .map_or(0, |r| r.lesson.steps.len());
    for n in 0..steps {
        present(&mut h, PresentCmd::GoTo(n));
        h.run();
        let title = h.state().workspace.lesson_run().map(|r| r.announcement());
        let steady = time(30, || h.step());
        // Coming from the previous step each time.
        let before = n.checked_sub(1).unwrap_or(steps - 1);
        let mut from_before = Vec::new();
        for _ in 0..30 {
            present(&mut h, PresentCmd::GoTo(before));
            h.step();
            present(&mut h, PresentCmd::GoTo(n));
            let t = std::time::Instant::now();
            h.step();
            from_before.push(t.elapsed());
        }
        let switch = timing::median(from_before);
        println!(
            "present, sample lesson {}: one frame {:.2} ms, the frame after Next {:.2} ms",
            title.unwrap_or_default(),
            steady.as_secs_f64() * 1000.0,
            switch.as_secs_f64() * 1000.0
        );
    }
    wide_compare();
}

/// A compare step of 8 synthetic cases on every dimension of their framework.
fn wide_compare() {
    let lib = synth::library(synth::cases(8));
    let cases: Vec<String> = lib.cases.iter().map(|c| c.doc.id.clone()).collect();
    let rows = caselens::workspace::steps::step_rows(
        &Step {
            view: "compare".into(),
            cases: cases.clone(),
            ..Step::default()
        },
        &lib,
    )
    .len();
    let mut h = harness(lib);
    let lesson = Lesson {
        id: "wide".into(),
        title: "Wide".into(),
        steps: vec![Step {
            view: "compare".into(),
            cases,
            ..Step::default()
        }],
    };
    present(
        &mut h,
        PresentCmd::Open {
            lesson: Box::new(lesson),
            source: LessonSource::Mine,
        },
    );
    present(&mut h, PresentCmd::Toggle);
    h.run();
    let t = time(30, || h.step());
    println!(
        "present, compare step of 8 cases x {rows} dimensions: one frame {:.2} ms (target <= 16 ms)",
        t.as_secs_f64() * 1000.0
    );
}
