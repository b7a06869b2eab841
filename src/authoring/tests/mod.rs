//! Tests of the authoring core: one file per concern.

mod case_edits;
mod case_facets;
mod framework_fixes;
mod frameworks;
mod props;
mod save;
mod writer;

use crate::authoring::{CaseContext, CaseDraft};
use crate::format::{Case, Framework};
use crate::library::Library;

/// The bundled framework.
pub(super) fn framework() -> Framework {
    Library::bundled()
        .framework("asp-alliances")
        .expect("bundled framework")
        .clone()
}

/// What checking a bundled case needs.
pub(super) fn context() -> CaseContext {
    CaseContext {
        framework: Some(framework()),
        known_frameworks: vec!["asp-alliances".into()],
    }
}

/// The bundled case files: (name, text).
pub(super) fn bundled_cases() -> Vec<(&'static str, &'static str)> {
    crate::library::bundled_files()
        .iter()
        .filter(|(n, _)| n.ends_with(".case.json"))
        .copied()
        .collect()
}

/// A draft of a bundled case.
pub(super) fn draft(id: &str) -> CaseDraft {
    CaseDraft::bundled(&format!("cases/{id}.case.json"), context()).expect("bundled case")
}

/// A case parsed from text.
pub(super) fn parse_case(text: &str) -> Case {
    match crate::format::parse("t.case.json", text.as_bytes(), None) {
        Ok((crate::format::Document::Case(c), _)) => *c,
        other => panic!("not a case: {other:?}"),
    }
}
