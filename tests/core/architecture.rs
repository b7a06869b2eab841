//! The core must not depend on the GUI: only `src/ui/` (and the thin `main.rs`) may name egui.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn only_the_ui_module_uses_egui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found the sources");
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| {
            !p.starts_with(src.join("ui")) && !p.ends_with("main.rs") && !p.ends_with("lib.rs")
        })
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("egui::")
                || text.contains("eframe::")
                || text.contains("use egui")
                || text.contains("use eframe")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "egui used outside src/ui: {offenders:?}"
    );
}
