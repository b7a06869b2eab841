//! Speed of the case editor (issue 19): one frame of the window with the largest bundled case
//! open in the editor beside its text, at 1920x1080 (`egui_kittest`, no GPU): with the form as
//! it opens (details, every facet, alliances and questions; target <= 4 ms a frame), and with
//! the sources and every paragraph of the text open too; steady, and the frame after one edit
//! (the draft changed and its checks run again).
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
    let (steady, edited) = measure(&mut h);
    // Open the sections of the form that start closed.
    for label in ["Sources", "Text"] {
        if let Some(node) = h.query_all_by_label_contains(label).next() {
            node.click();
        }
        h.run();
    }
    let (steady_all, edited_all) = measure(&mut h);
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!("editor on {id} at 1920x1080 (target: 4 ms a frame with every facet open):");
    println!(
        "  every facet open, steady:          {:>8.2} ms",
        ms(steady)
    );
    println!(
        "  every facet open, after an edit:   {:>8.2} ms",
        ms(edited)
    );
    println!(
        "  sources and text too, steady:      {:>8.2} ms",
        ms(steady_all)
    );
    println!(
        "  sources and text too, after edit:  {:>8.2} ms",
        ms(edited_all)
    );
}

/// One frame steady, and the frame after an edit of the title.
fn measure(h: &mut H) -> (std::time::Duration, std::time::Duration) {
    let steady = time(50, || h.step());
    let mut n = 0;
    let edited = time(50, || {
        n += 1;
        let title = format!("Title {n}");
        h.state_mut()
            .workspace
            .apply(Action::Editor(EditorCmd::Apply(CaseEdit::SetTitle(title))));
        h.step();
    });
    (steady, edited)
}
