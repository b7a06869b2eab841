//! Retrieval of coded passages: every highlight, facet and alliance coded with chosen codes,
//! across the library (or some of its cases). A parent code includes its children.
//!
//! The unit is the one of [`crate::compare::matrix`]: a facet or an alliance once, a highlight
//! once, whatever evidence it has.

use std::collections::{HashMap, HashSet};

use crate::codebook::Codebook;
use crate::compare::matrix::{Piece, UnitOrigin, case_units};
use crate::format::{Case, Item, ItemKind, NotesFile};
use crate::library::Library;

/// How chosen codes combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The unit carries (a code under) every chosen code.
    #[default]
    And,
    /// The unit carries (a code under) any chosen code.
    Or,
}

/// What a retrieved unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the user's highlights.
    Highlight,
    /// A facet of a `codes` dimension.
    Facet,
    /// An alliance of the case.
    Alliance,
}

impl Kind {
    /// Lower-case name for exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Highlight => "highlight",
            Self::Facet => "facet",
            Self::Alliance => "alliance",
        }
    }
}

/// One retrieved coded unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Case id.
    pub case: String,
    /// Case title.
    pub title: String,
    /// What it is.
    pub kind: Kind,
    /// Facet label, alliance partner (and summary), or "Your highlight".
    pub heading: String,
    /// `section/paragraph` of the passage, if it has one.
    pub paragraph: Option<String>,
    /// The quoted text, if any.
    pub quote: Option<String>,
    /// Source citation, for a piece that rests on a listed source only.
    pub citation: Option<String>,
    /// Codes the unit carries (ids, as written).
    pub codes: Vec<String>,
    /// The highlight's comment.
    pub comment: Option<String>,
    /// The notes author, for a highlight.
    pub author: Option<String>,
    /// Creation time of a highlight (RFC 3339).
    pub created: Option<String>,
}

/// The chosen codes, each widened to itself and the codes under it.
fn widen(codebook: &Codebook, codes: &[String]) -> Vec<HashSet<String>> {
    codes
        .iter()
        .map(|c| {
            std::iter::once(c.clone())
                .chain(codebook.descendants(c).into_iter().map(|e| e.id.clone()))
                .collect()
        })
        .collect()
}

/// True when `carried` matches the widened `wanted` codes under `mode`.
fn matches(carried: &[String], wanted: &[HashSet<String>], mode: Mode) -> bool {
    let hit = |set: &HashSet<String>| carried.iter().any(|c| set.contains(c));
    match mode {
        Mode::And => !wanted.is_empty() && wanted.iter().all(hit),
        Mode::Or => wanted.iter().any(hit),
    }
}

/// Position of a paragraph in the case's reading order (`usize::MAX` when not found).
fn paragraph_order(case: &Case, address: Option<&str>) -> usize {
    let Some((section, paragraph)) = address.and_then(|a| a.split_once('/')) else {
        return usize::MAX;
    };
    let mut i = 0;
    for s in &case.sections {
        for p in &s.paragraphs {
            if s.id == section && p.id == paragraph {
                return i;
            }
            i += 1;
        }
    }
    usize::MAX
}

/// The piece shown for a unit: the first with a paragraph, else the first.
fn main_piece(evidence: &[Piece]) -> Option<&Piece> {
    evidence
        .iter()
        .find(|p| p.paragraph.is_some())
        .or(evidence.first())
}

/// Every unit of `library` (or of the cases in `scope`) coded with `codes` under `mode`, in
/// library order, then paragraph order; each framework's codebook decides what lies under
/// a code.
pub fn coded(
    library: &Library,
    notes: &NotesFile,
    codes: &[String],
    mode: Mode,
    scope: Option<&[String]>,
) -> Vec<Passage> {
    // Live highlights by case, read once (not once per case).
    let mut highlights: HashMap<&str, Vec<&Item>> = HashMap::new();
    for item in notes
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Highlight && !i.deleted)
    {
        if let Some(case) = item.case.as_deref() {
            highlights.entry(case).or_default().push(item);
        }
    }
    let mut widened: HashMap<&str, Vec<HashSet<String>>> = HashMap::new();
    let mut out = Vec::new();
    for entry in &library.cases {
        let case = &entry.doc;
        if scope.is_some_and(|s| !s.contains(&case.id)) {
            continue;
        }
        let Some(fw) = library.framework(&case.framework) else {
            continue;
        };
        let wanted = widened
            .entry(case.framework.as_str())
            .or_insert_with(|| widen(&Codebook::build(Some(fw), notes), codes));
        let items = highlights
            .get(case.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let units = case_units(fw, case, None)
            .into_iter()
            .filter(|u| matches(&u.codes, wanted, mode))
            .map(|u| passage(case, u));
        let marked = items
            .iter()
            .filter(|i| matches(&i.codes, wanted, mode))
            .map(|i| highlight(case, notes, i));
        let mut found: Vec<(usize, Passage)> = units
            .chain(marked)
            .map(|p| (paragraph_order(case, p.paragraph.as_deref()), p))
            .collect();
        found.sort_by_key(|(order, _)| *order);
        out.extend(found.into_iter().map(|(_, p)| p));
    }
    out
}

/// One highlight as a retrieved passage.
fn highlight(case: &Case, notes: &NotesFile, item: &Item) -> Passage {
    let target = item.target.as_ref();
    Passage {
        case: case.id.clone(),
        title: case.title.clone(),
        kind: Kind::Highlight,
        heading: UnitOrigin::Highlight {
            item: String::new(),
            comment: None,
        }
        .heading(),
        paragraph: target.and_then(|t| t.paragraph.clone()),
        quote: target.and_then(|t| t.exact.clone()),
        citation: None,
        codes: item.codes.clone(),
        comment: item.text.clone(),
        author: notes.author.clone(),
        created: Some(item.created.clone()),
    }
}

/// A facet or an alliance as a retrieved passage.
fn passage(case: &Case, unit: crate::compare::matrix::Unit) -> Passage {
    let mut heading = unit.origin.heading();
    let piece = main_piece(&unit.evidence).cloned();
    let (paragraph, quote, citation) = piece.map_or((None, None, None), |p| {
        (
            p.paragraph,
            p.quote,
            p.citation.filter(|_| p.source.is_some()),
        )
    });
    let kind = match &unit.origin {
        UnitOrigin::Alliance { id, .. } => {
            let summary = case
                .alliances
                .iter()
                .find(|a| a.id == *id)
                .and_then(|a| a.summary.as_deref());
            if let Some(s) = summary {
                heading = format!("{heading}: {s}");
            }
            Kind::Alliance
        }
        UnitOrigin::Highlight { .. } => Kind::Highlight,
        UnitOrigin::Facet { .. } => Kind::Facet,
    };
    Passage {
        case: case.id.clone(),
        title: case.title.clone(),
        kind,
        heading,
        paragraph,
        quote,
        citation,
        codes: unit.codes,
        comment: None,
        author: None,
        created: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, LoadRequest};

    fn bundled() -> Library {
        Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        })
    }

    fn notes() -> NotesFile {
        let item = |id: &str, paragraph: &str, exact: &str, codes: &[&str], deleted: bool| {
            serde_json::json!({
                "id": id, "kind": "highlight", "case": "corio",
                "target": {"paragraph": paragraph, "exact": exact},
                "codes": codes, "text": format!("comment {id}"),
                "created": "2026-11-20T10:00:00Z", "modified": "2026-11-20T10:00:00Z",
                "deleted": deleted,
            })
        };
        serde_json::from_value(serde_json::json!({
            "format": "caselens/notes@1",
            "author": "Tester",
            "codes": [{"id": "USER.mine", "label": "Mine"}],
            "items": [
                item("h2", "outcome/p1", "revenue", &["RAT.practice.speed-and-cost"], false),
                item("h1", "background/p1", "hosting", &["USER.mine", "TYPE.hosting"], false),
                item("h3", "background/p2", "rented", &["USER.mine"], true),
            ],
        }))
        .unwrap()
    }

    fn codes(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_parent_includes_its_children() {
        let lib = bundled();
        let n = notes();
        let child = coded(
            &lib,
            &n,
            &codes(&["RAT.practice.speed-and-cost"]),
            Mode::And,
            None,
        );
        let parent = coded(&lib, &n, &codes(&["RAT.practice"]), Mode::And, None);
        assert!(!child.is_empty());
        assert!(parent.len() > child.len());
        assert!(child.iter().all(|p| parent.contains(p)));
        let corio: Vec<_> = child.iter().filter(|p| p.case == "corio").collect();
        assert!(corio.iter().any(|p| p.kind == Kind::Facet));
        assert!(corio.iter().any(|p| p.kind == Kind::Alliance));
        let h = corio.iter().find(|p| p.kind == Kind::Highlight).unwrap();
        assert_eq!(h.comment.as_deref(), Some("comment h2"));
        assert_eq!(h.author.as_deref(), Some("Tester"));
        assert_eq!(h.created.as_deref(), Some("2026-11-20T10:00:00Z"));
        assert_eq!(h.paragraph.as_deref(), Some("outcome/p1"));
    }

    #[test]
    fn and_needs_every_code_or_any() {
        let lib = bundled();
        let n = notes();
        let both = codes(&["USER.mine", "TYPE"]);
        let and = coded(&lib, &n, &both, Mode::And, None);
        let or = coded(&lib, &n, &both, Mode::Or, None);
        assert_eq!(and.len(), 1, "only h1 carries both: {and:?}");
        assert_eq!(and[0].quote.as_deref(), Some("hosting"));
        let types = coded(&lib, &n, &codes(&["TYPE"]), Mode::Or, None);
        assert_eq!(
            or.len(),
            types.len(),
            "USER.mine only adds h1, already of TYPE"
        );
        assert!(or.len() > and.len());
    }

    #[test]
    fn scope_library_and_paragraph_order_and_deleted_left_out() {
        let lib = bundled();
        let n = notes();
        let scope = codes(&["corio"]);
        let all = coded(
            &lib,
            &n,
            &codes(&["RAT", "TYPE", "USER.mine"]),
            Mode::Or,
            None,
        );
        let corio = coded(
            &lib,
            &n,
            &codes(&["RAT", "TYPE", "USER.mine"]),
            Mode::Or,
            Some(&scope),
        );
        assert!(corio.iter().all(|p| p.case == "corio"));
        assert!(all.len() > corio.len());
        assert!(!corio.iter().any(|p| p.quote.as_deref() == Some("rented")));
        let case_order: Vec<usize> = all
            .iter()
            .map(|p| lib.cases.iter().position(|c| c.doc.id == p.case).unwrap())
            .collect();
        assert!(case_order.windows(2).all(|w| w[0] <= w[1]));
        let case = lib.case("corio").unwrap();
        let order: Vec<usize> = corio
            .iter()
            .map(|p| paragraph_order(case, p.paragraph.as_deref()))
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        assert!(order.first() < order.last());
    }
}
