//! The case editor's core. Targets (issue 19): validation after a keystroke <= 5 ms on a
//! 500-paragraph case; saving a 5 MB case <= 50 ms.
//! Run with `cargo bench --bench authoring`.

#[path = "timing/mod.rs"]
mod timing;
use timing::time;

use std::time::{Duration, Instant};

use caselens::authoring::{CaseContext, CaseDraft, CaseEdit, DraftFile, SaveMode};
use caselens::format::{Case, Section};
use caselens::library::Library;

/// Company A (facets, evidence, alliances) with the sections of every bundled case appended
/// again and again under new ids until it has at least `paragraphs` paragraphs and its file
/// at least `bytes` bytes.
fn big_case(lib: &Library, paragraphs: usize, bytes: usize) -> Case {
    let mut case = lib.case("company-a").expect("bundled").clone();
    let pool: Vec<Section> = lib
        .cases
        .iter()
        .flat_map(|c| c.doc.sections.iter().cloned())
        .collect();
    let count = |c: &Case| c.sections.iter().map(|s| s.paragraphs.len()).sum::<usize>();
    let mut round = 0;
    loop {
        let size = serde_json::to_string(&case).map_or(0, |s| s.len());
        if count(&case) >= paragraphs && size >= bytes {
            return case;
        }
        round += 1;
        for (k, s) in pool.iter().enumerate() {
            let mut s = s.clone();
            s.id = compact_str::format_compact!("{}-{round}-{k}", s.id);
            case.sections.push(s);
        }
    }
}

fn context(lib: &Library) -> CaseContext {
    CaseContext {
        framework: lib.framework("asp-alliances").cloned(),
        known_frameworks: vec!["asp-alliances".into()],
    }
}

/// A draft of `case` read from its own file, as the editor opens one.
fn draft(case: &Case, lib: &Library) -> (CaseDraft, usize, usize) {
    let text = CaseDraft::new(case.clone(), context(lib))
        .to_text(false)
        .expect("written");
    let draft = CaseDraft::from_bytes(DraftFile::New, text.as_bytes(), context(lib)).expect("read");
    let paragraphs = case.sections.iter().map(|s| s.paragraphs.len()).sum();
    (draft, paragraphs, text.len())
}

fn keystrokes(lib: &Library) {
    let (mut d, paragraphs, size) = draft(&big_case(lib, 500, 0), lib);
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    let original = d
        .doc()
        .paragraph("background/p1")
        .expect("paragraph")
        .text
        .clone();
    let mut typed = original.clone();
    let mut n = 0;
    let keystroke = time(200, || {
        n += 1;
        typed.push(if n % 10 == 0 { ' ' } else { 'x' });
        d.apply_typing(&CaseEdit::EditParagraph {
            section: "background".into(),
            paragraph: "p1".into(),
            text: typed.clone(),
        })
        .expect("edit");
        std::hint::black_box(d.problems().len());
    });
    let fw = lib.framework("asp-alliances");
    let check = time(200, || {
        std::hint::black_box(caselens::validate::check_case(d.doc(), fw, &[]).len());
    });
    println!(
        "keystroke in a {paragraphs}-paragraph case ({} KB): edit + validation {keystroke:?} (target <= 5 ms); validation alone {check:?} (medians)",
        size / 1024
    );
}

fn saving(lib: &Library) {
    let case = big_case(lib, 0, 5 * 1024 * 1024);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.case.json");
    let (mut d, paragraphs, _) = draft(&case, lib);
    d.save_as(&path, SaveMode::Checked).expect("first save");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    // As in the editor: the edit is validated as it is made; the save is timed.
    let saves: Vec<Duration> = (0..20)
        .map(|n| {
            d.apply(&CaseEdit::SetTitle(format!("Big case {n}")))
                .expect("edit");
            assert!(d.problems().is_empty());
            let t = Instant::now();
            d.save(SaveMode::Checked).expect("save");
            t.elapsed()
        })
        .collect();
    let save = timing::median(saves);
    let fw = lib.framework("asp-alliances");
    let validate = time(10, || {
        std::hint::black_box(caselens::validate::check_case(d.doc(), fw, &[]).len());
    });
    let write = time(20, || {
        std::hint::black_box(d.to_text(false).expect("text"));
    });
    let text = d.to_text(false).expect("text");
    let other = dir.path().join("raw.case.json");
    let atomic = time(20, || {
        caselens::notes::store::write_atomic(&other, text.as_bytes()).expect("write");
    });
    let bytes = std::fs::read(&path).expect("read");
    let open = time(10, || {
        std::hint::black_box(CaseDraft::open(&path, context(lib)).expect("open"));
    });
    let parse = time(10, || {
        std::hint::black_box(caselens::format::parse("big", &bytes, None).is_ok());
    });
    println!(
        "save a {:.1} MB case ({paragraphs} paragraphs): {save:?} (target <= 50 ms), of which making the text {write:?} and the atomic write with fsync {atomic:?}; validating it {validate:?}; opening it for editing {open:?}, of which parsing {parse:?} (medians)",
        size as f64 / 1_048_576.0
    );
}

fn main() {
    let lib = Library::bundled();
    keystrokes(&lib);
    saving(&lib);
}
