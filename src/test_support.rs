//! Fixtures shared by the unit tests: the bundled library and highlights on Company A
//! anchored as the app anchors a new one.

use crate::format::empty_notes;
use crate::format::{Item, ItemKind, NotesFile};
use crate::library::Library;

/// The bundled frameworks and cases.
pub fn bundled() -> Library {
    Library::bundled()
}

/// A highlight `id` of `exact` (its first occurrence) in a paragraph of Company A.
pub fn highlight(lib: &Library, id: &str, paragraph: &str, exact: &str, codes: &[&str]) -> Item {
    let text = &lib
        .case("company-a")
        .and_then(|c| c.paragraph(paragraph))
        .expect("paragraph")
        .text;
    let start = text[..text.find(exact).expect("quote")].chars().count();
    highlight_at(
        lib,
        id,
        paragraph,
        start..start + exact.chars().count(),
        codes,
    )
}

/// A highlight `id` over chars `range` of a paragraph of Company A.
pub fn highlight_at(
    lib: &Library,
    id: &str,
    paragraph: &str,
    range: std::ops::Range<usize>,
    codes: &[&str],
) -> Item {
    let text = &lib
        .case("company-a")
        .and_then(|c| c.paragraph(paragraph))
        .expect("paragraph")
        .text;
    let a = crate::notes::anchor::new_anchor(text, range.start, range.end).expect("anchor");
    Item {
        id: id.into(),
        kind: ItemKind::Highlight,
        case: Some("company-a".into()),
        target: Some(a.into_target(paragraph.into())),
        codes: codes.iter().map(|&c| c.into()).collect(),
        title: None,
        text: None,
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        deleted: false,
        author: None,
    }
}

/// A notes file by `author` holding `items`.
pub fn notes(author: &str, items: Vec<Item>) -> NotesFile {
    let mut n = empty_notes(Some(author.to_owned()));
    n.items = items;
    n
}

/// proptest's settings (`cases` if given, else its default or `PROPTEST_CASES`), with the
/// seeds of past failures kept in `tests/proptest-regressions/`: proptest's default folder
/// would sit at the repository's top level, whose shape is fixed.
pub fn proptest_config(cases: Option<u32>) -> proptest::test_runner::Config {
    let default = proptest::test_runner::Config::default();
    proptest::test_runner::Config {
        cases: cases.unwrap_or(default.cases),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::SourceParallel(
                "tests/proptest-regressions",
            ),
        )),
        ..default
    }
}
