//! Speed of the case editor (issue 19): one frame of the window with the largest bundled case
//! open in the editor beside its text, every section of the form open (details, sources,
//! facets, text, alliances, questions), at 1920x1080 (`egui_kittest`, no GPU); steady, and the
//! frame after one edit (the draft changed and its checks run again). Target: <= 4 ms a frame.
//! Run with `cargo bench --bench editor`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

use caselens::authoring::CaseEdit;
use caselens::library::Library;
use caselens::ui::CaselensApp;
use caselens::workspace::Action;
use caselens::workspace::editing::EditorCmd;
use egui_kittest::kittest::Queryable as _;

type H = egui_kittest::Harness<'static, CaselensApp>;

/// The bundled case with the most text.
fn largest(lib: &Library) -> String {
    lib.cases
        .iter()
        .max_by_key(|c| {
            c.doc
                .sections
                .iter()
                .flat_map(|s| &s.paragraphs)
                .map(|p| p.text.len())
                .sum::<usize>()
        })
        .map(|c| c.doc.id.clone())
        .expect("bundled cases")
}

fn main() {
    let lib = Library::bundled();
    let id = largest(&lib);
    let mut app = CaselensApp::with_library(lib, Vec::new());
    app.workspace.apply(Action::OpenCase {
        case: id.clone(),
        at: None,
    });
    app.workspace.apply(Action::Editor(EditorCmd::Start));
    let mut h: H = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut CaselensApp| app.root_ui(ui), app);
    h.run();
    // Open the sections of the form that start closed.
    for label in ["Sources", "Text"] {
        if let Some(node) = h.query_all_by_label_contains(label).next() {
            node.click();
        }
        h.run();
    }
    let steady = time(50, || h.step());
    let mut n = 0;
    let edited = time(50, || {
        n += 1;
        h.state_mut()
            .workspace
            .apply(Action::Editor(EditorCmd::Apply(CaseEdit::SetTitle(
                format!("Title {n}"),
            ))));
        h.step();
    });
    println!("editor on {id} at 1920x1080, every part of the form open:");
    println!(
        "  one frame, steady:         {:>8.2} ms",
        steady.as_secs_f64() * 1e3
    );
    println!(
        "  one frame after an edit:   {:>8.2} ms",
        edited.as_secs_f64() * 1e3
    );
    println!("  target:                        4.00 ms");
}
