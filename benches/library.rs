//! Speed of the library list (issue 12: one frame with 10,000 cases <= 4 ms CPU): the library
//! panel alone in a headless `egui_kittest` harness (no GPU), as medians of one frame: steady
//! (nothing changed), after the text filter changed (the order recomputed), after the sort
//! changed, and with the filters open; then one frame of the whole window on the same
//! library. Run with `cargo bench --bench library`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

#[path = "synth/mod.rs"]
mod synth;

use caselens::library::list::{ListFacts, SortKey};
use caselens::ui::CaselensApp;
use caselens::ui::views::library_view::LibraryView;
use caselens::workspace::Workspace;

struct Panel {
    view: LibraryView,
    ws: Workspace,
}

fn main() {
    let n = 10_000;
    let lib = synth::library(synth::cases(n));
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let state = Panel {
        view: LibraryView::default(),
        ws: Workspace::new(lib.clone(), Vec::new()),
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, p: &mut Panel| {
                egui::Panel::left("library")
                    .default_size(260.0)
                    .show(ui, |ui| {
                        let mut actions = Vec::new();
                        p.view.ui(ui, &p.ws, &mut actions);
                    });
            },
            state,
        );
    h.run();
    let steady = time(100, || h.step());
    let mut i = 0;
    let typed = time(30, || {
        i += 1;
        h.state_mut().view.choice.text = if i % 2 == 0 {
            "synthetic 1".into()
        } else {
            "synthetic".into()
        };
        h.step();
    });
    let sorted = time(30, || {
        i += 1;
        h.state_mut().view.choice.sort = if i % 2 == 0 {
            SortKey::Title
        } else {
            SortKey::Period
        };
        h.step();
    });
    // A notes edit bumps the generation: the notes per case are counted again.
    let recounted = time(20, || {
        h.state_mut().ws.generation += 1;
        h.step();
    });
    // A new library (once per load): the facts of every case are gathered.
    let regathered = time(10, || {
        let ws = &h.state().ws;
        std::hint::black_box(ListFacts::new(&ws.library, ws.notebook.file()));
    });
    println!("library panel, {n} cases, one frame (target <= 4 ms):");
    println!("  steady: {:.3} ms", ms(steady));
    println!(
        "  text filter changed (order recomputed): {:.3} ms",
        ms(typed)
    );
    println!("  sort changed (order recomputed): {:.3} ms", ms(sorted));
    println!(
        "  notes changed (notes per case counted again, order recomputed): {:.3} ms",
        ms(recounted)
    );
    println!(
        "  a new library, once per load (every case's facts gathered, ListFacts::new): {:.3} ms",
        ms(regathered)
    );
    let mut app = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, app: &mut CaselensApp| app.root_ui(ui),
            CaselensApp::with_library(lib, Vec::new()),
        );
    app.run();
    let whole = time(30, || app.step());
    println!(
        "  the whole window (library, reader, menus) on the same library: {:.3} ms",
        ms(whole)
    );
}
