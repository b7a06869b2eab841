//! Speed of the comparison: building it, one headless egui frame of the compare view, and the
//! cases-by-codes matrix at scale. Run with `cargo bench --bench compare`.
//!
//! Targets (issue 4): <= 4 ms CPU per frame for 8 cases with every dimension shown;
//! matrix of 1,000 cases x 100 codes built in <= 50 ms. A plain harness (median of many runs)
//! keeps the dependency list short; the figures go in the closing note, not in tests.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

use std::hint::black_box;
use std::time::Duration;

use caselens::compare::{compare, matrix};
use caselens::format::{Case, Document, Framework, parse};
use caselens::library::{Bundled, Library, LoadRequest};
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, View};

fn frame_bench(lib: &Library, ids: &[String], size: egui::Vec2) -> Duration {
    let mut app = CaselensApp::with_library(lib.clone(), vec![]);
    for id in ids {
        app.workspace.apply(Action::ToggleCompare(id.clone()));
    }
    app.workspace.apply(Action::SetView(View::Compare));
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    time(200, || {
        let out = ctx.run_ui(input(), |ui| app.root_ui(ui));
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        black_box(prims);
    })
}

fn synthetic(cases: usize, codes: usize) -> (Framework, Vec<Case>) {
    let code_list: Vec<String> = (0..codes)
        .map(|i| format!(r#"{{"id": "F.c{i}", "parent": "F", "label": "Code {i}"}}"#))
        .collect();
    let fw_text = format!(
        r#"{{"format": "caselens/framework@1", "id": "syn", "title": "Synthetic",
        "groups": [{{"id": "g", "title": "G", "dimensions": [
          {{"id": "d1", "label": "D1", "kind": "codes", "family": "F"}},
          {{"id": "d2", "label": "D2", "kind": "codes", "family": "F"}}]}}],
        "codes": [{{"id": "F", "label": "F"}}, {}]}}"#,
        code_list.join(",")
    );
    let Ok((Document::Framework(fw), _)) = parse("syn.framework.json", fw_text.as_bytes(), None)
    else {
        panic!("framework")
    };
    let cases = (0..cases)
        .map(|i| {
            let pick = |k: usize| format!("\"F.c{}\"", (i * 7 + k * 13) % codes);
            let text = format!(
                r#"{{"format": "caselens/case@1", "id": "c{i}", "title": "Case {i}", "framework": "syn",
                "meta": {{"sources": [{{"id": "s", "citation": "c"}}]}},
                "sections": [{{"id": "a", "title": "A", "paragraphs": [{{"id": "p1", "text": "Some text here."}}]}}],
                "facets": {{
                  "d1": {{"value": [{}, {}, {}], "evidence": [{{"ref": "a/p1", "quote": "Some"}}, {{"source": "s"}}]}},
                  "d2": {{"value": [{}, {}], "evidence": [{{"ref": "a/p1", "quote": "text"}}]}}}},
                "alliances": [{{"id": "a1", "partner": "P", "types": [{}], "rationale": [{}, {}], "evidence": [{{"source": "s"}}]}}]}}"#,
                pick(0), pick(1), pick(2), pick(3), pick(4), pick(5), pick(6), pick(7)
            );
            match parse("c.case.json", text.as_bytes(), None) {
                Ok((Document::Case(c), _)) => *c,
                _ => panic!("case"),
            }
        })
        .collect();
    (*fw, cases)
}

fn main() {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    });
    let fw = lib.framework("asp-alliances").expect("bundled framework");
    let ids: Vec<String> = lib.cases.iter().map(|c| c.doc.id.clone()).take(8).collect();
    let cases: Vec<&Case> = ids.iter().filter_map(|id| lib.case(id)).collect();

    let build = time(2000, || {
        black_box(compare(fw, &cases, None).ok());
    });
    println!(
        "compare: build comparison of 8 cases x {} dimensions: {build:?} (median)",
        fw.dimensions().count()
    );

    let window = frame_bench(&lib, &ids, egui::vec2(1920.0, 1080.0));
    println!(
        "compare view: one frame, 8 cases, 1920x1080 window, run_ui + tessellate: {window:?} (median)"
    );
    let tall = frame_bench(&lib, &ids, egui::vec2(2400.0, 12000.0));
    println!(
        "compare view: one frame, 8 cases, every row laid out (2400x12000): {tall:?} (median)"
    );

    let (sfw, scases) = synthetic(1000, 100);
    let refs: Vec<&Case> = scases.iter().collect();
    let m = time(30, || {
        black_box(matrix::build(&sfw, &refs, None, "F"));
    });
    let check = matrix::build(&sfw, &refs, None, "F");
    println!(
        "matrix: {} cases x {} codes built in {m:?} (median); {} coded units",
        check.cases.len(),
        check.codes.len(),
        (0..check.cases.len())
            .map(|r| check.row_total(r))
            .sum::<usize>()
    );
}
