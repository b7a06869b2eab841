//! The two documents the editors edit, [`Case`] and [`Framework`], as [`Authored`]
//! documents: how an edit is applied and undone, checked, and written.

use std::collections::BTreeMap;

use serde_json::Value;

use super::case_edit::CaseEdit;
use super::case_parts::CasePart;
use super::draft::Authored;
use super::framework_edit::FrameworkEdit;
use super::{Applied, AuthoringError};
use crate::format::{Case, DocKind, Document, Framework};
use crate::validate::Issue;

/// What checking a case needs: its framework, when loaded, and the ids of the loaded ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseContext {
    /// The framework the case names (`None`: not loaded; validation says so).
    pub framework: Option<Framework>,
    /// Ids of the loaded frameworks, named when the case's is missing.
    pub known_frameworks: Vec<String>,
}

impl Authored for Case {
    type Edit = CaseEdit;
    type Part = CasePart;
    type Context = CaseContext;
    const KIND: DocKind = DocKind::Case;

    fn apply_edit(
        &mut self,
        edit: &CaseEdit,
        context: &CaseContext,
    ) -> Result<(Applied, CasePart), AuthoringError> {
        let part = CasePart::capture(self, &edit.scope(self));
        match edit.apply(self, context.framework.as_ref()) {
            Ok(applied) => Ok((applied, part)),
            Err(e) => {
                part.restore(self);
                Err(e)
            }
        }
    }

    fn restore(&mut self, part: CasePart) -> CasePart {
        part.restore(self)
    }

    fn whole(&self) -> CasePart {
        CasePart::Whole(Box::new(self.clone()))
    }

    fn holds(&self, part: &CasePart) -> bool {
        part.matches(self)
    }

    fn describe(edit: &CaseEdit) -> String {
        edit.describe()
    }

    fn typing_key(edit: &CaseEdit) -> Option<String> {
        edit.typing_key()
    }

    fn check(&self, context: &CaseContext) -> Vec<Issue> {
        let known: Vec<&str> = context
            .known_frameworks
            .iter()
            .map(String::as_str)
            .collect();
        crate::validate::check_case(self, context.framework.as_ref(), &known)
    }

    fn extensions(&self) -> &BTreeMap<String, Value> {
        &self.extensions
    }

    fn extensions_mut(&mut self) -> &mut BTreeMap<String, Value> {
        &mut self.extensions
    }

    fn from_document(doc: Document) -> Option<Self> {
        match doc {
            Document::Case(c) => Some(*c),
            _ => None,
        }
    }

    const MAPS: &'static [&'static str] = &["/facets"];

    fn map_order(&self, context: &CaseContext, _pattern: &str) -> Vec<String> {
        context
            .framework
            .as_ref()
            .map(|fw| fw.dimensions().map(|(_, d)| d.id.clone()).collect())
            .unwrap_or_default()
    }

    fn changed_paragraphs(part: &CasePart, now: &Case) -> Vec<(String, Option<String>)> {
        part.changed_paragraphs(now)
    }
}

impl Authored for Framework {
    type Edit = FrameworkEdit;
    type Part = Framework;
    type Context = ();
    const KIND: DocKind = DocKind::Framework;

    fn apply_edit(
        &mut self,
        edit: &FrameworkEdit,
        (): &(),
    ) -> Result<(Applied, Framework), AuthoringError> {
        let before = self.clone();
        match edit.apply(self) {
            Ok(applied) => Ok((applied, before)),
            Err(e) => {
                *self = before;
                Err(e)
            }
        }
    }

    fn restore(&mut self, part: Framework) -> Framework {
        std::mem::replace(self, part)
    }

    fn whole(&self) -> Framework {
        self.clone()
    }

    fn holds(&self, part: &Framework) -> bool {
        self == part
    }

    fn describe(edit: &FrameworkEdit) -> String {
        edit.describe()
    }

    fn typing_key(edit: &FrameworkEdit) -> Option<String> {
        edit.typing_key()
    }

    fn check(&self, (): &()) -> Vec<Issue> {
        crate::validate::check_framework(self)
    }

    fn extensions(&self) -> &BTreeMap<String, Value> {
        &self.extensions
    }

    fn extensions_mut(&mut self) -> &mut BTreeMap<String, Value> {
        &mut self.extensions
    }

    fn from_document(doc: Document) -> Option<Self> {
        match doc {
            Document::Framework(f) => Some(*f),
            _ => None,
        }
    }

    const MAPS: &'static [&'static str] = &[];

    fn map_order(&self, (): &(), _pattern: &str) -> Vec<String> {
        Vec::new()
    }
}
