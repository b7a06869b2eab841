//! Helpers shared by the test binaries.
#![allow(dead_code, reason = "each test binary uses some of the helpers")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use caselens::library::Library;

/// A path inside the project.
pub fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Runs the `caselens` binary with `args`.
pub fn caselens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselens"))
        .args(args)
        .output()
        .expect("run caselens")
}

/// Bytes of a command's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A command's error output as text.
pub fn stderr(o: &Output) -> String {
    text(&o.stderr)
}

/// The bundled library, loaded synchronously.
pub fn bundled() -> Library {
    Library::bundled()
}

/// The app on the bundled cases with notes kept in memory, showing `case` in the reader.
pub fn app_on(case: &str) -> caselens::ui::CaselensApp {
    let mut app = caselens::ui::CaselensApp::with_library(bundled(), Vec::new());
    app.workspace.apply(caselens::workspace::Action::OpenCase {
        case: case.to_owned(),
        at: None,
    });
    app
}

/// A harness drawing the whole window at `width` x `height`.
pub fn harness_sized(
    app: caselens::ui::CaselensApp,
    width: f32,
    height: f32,
) -> egui_kittest::Harness<'static, caselens::ui::CaselensApp> {
    egui_kittest::Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut caselens::ui::CaselensApp| app.root_ui(ui),
            app,
        )
}

/// A harness at a common laptop size.
pub fn harness(
    app: caselens::ui::CaselensApp,
) -> egui_kittest::Harness<'static, caselens::ui::CaselensApp> {
    harness_sized(app, 1400.0, 900.0)
}

/// Runs the one ignored test `name` (its full path, e.g. `notes_crash::save_loop_child`) of
/// this test binary in a child process: how a test starts other processes. A child test is
/// `#[ignore]` so a plain `cargo test` never runs it without its parent.
pub fn child_test(name: &str) -> std::process::Command {
    let mut command =
        std::process::Command::new(std::env::current_exe().expect("the test binary's path"));
    command.args([
        name,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    command
}

/// The value of the environment variable a child test needs; panics (fails) when it is
/// missing, so a child test run on its own cannot pass by doing nothing.
pub fn child_env(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: this test is started by its parent test, not on its own")
    })
}

/// True when the tests run as root, for whom file permissions do not stop writes.
pub fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Company A compared with Company B, as "Compare with…" in the reader makes it.
pub fn a_with_b() -> caselens::ui::CaselensApp {
    let mut app = app_on("company-a");
    app.workspace
        .apply(caselens::workspace::Action::CompareWith(
            "company-b".to_owned(),
        ));
    app
}

/// Writes `AUTHOR.notes.json` (lower case) into `dir`: a notes file by `author` with
/// highlights `(paragraph, quote, codes)` on Company A, anchored as the app anchors them.
pub fn write_company_a_notes(dir: &Path, author: &str, marks: &[(&str, &str, &[&str])]) {
    use caselens::format::empty_notes;
    use caselens::notes::book::NoteBook;
    let library = bundled();
    let case = library.case("company-a").expect("bundled");
    let mut book = NoteBook::new(empty_notes(Some(author.to_owned())));
    for (paragraph, quote, codes) in marks {
        let text = &case.paragraph(paragraph).expect("paragraph").text;
        let byte = text.find(quote).expect("quote in paragraph");
        let start = text[..byte].chars().count();
        let anchor =
            caselens::notes::anchor::new_anchor(text, start, start + quote.chars().count())
                .expect("anchor");
        let codes = codes.iter().map(|c| (*c).to_owned()).collect();
        book.add_highlight("company-a", paragraph, anchor, codes, None);
    }
    let path = dir.join(format!("{}.notes.json", author.to_lowercase()));
    let json = serde_json::to_string_pretty(book.file()).expect("notes serialise");
    std::fs::write(path, json).expect("notes written");
}

/// File > Lesson editor…, then a new lesson titled `title` (the editor stays open).
pub fn new_lesson(h: &mut egui_kittest::Harness<'static, caselens::ui::CaselensApp>, title: &str) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Lesson editor…").click();
    h.run();
    h.get_by_label("Lesson title").click();
    h.run();
    h.get_by_label("Lesson title").type_text(title);
    h.run();
    h.get_by_label("New lesson").click();
    h.run();
}

/// eframe's storage, in memory: settings saved and read back within a test.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::BTreeMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}
