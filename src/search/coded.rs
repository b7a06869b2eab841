//! Retrieval of coded passages: every highlight, facet and alliance coded with chosen codes,
//! across the library (or some of its cases). A parent code includes its children.
//!
//! The unit is the one of [`crate::compare::matrix`]: a facet or an alliance once, a highlight
//! once, whatever evidence it has.

use std::collections::{HashMap, HashSet};

use crate::codebook::Codebook;
use crate::compare::matrix::{Piece, UnitOrigin, case_units_where};
use crate::format::{Case, Item, ItemKind, NotesFile};
use crate::library::Library;
use crate::notes::layers::{Coder, YOU};

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
fn matches<S: AsRef<str>>(carried: &[S], wanted: &[HashSet<String>], mode: Mode) -> bool {
    let hit = |set: &HashSet<String>| carried.iter().any(|c| set.contains(c.as_ref()));
    match mode {
        Mode::And => !wanted.is_empty() && wanted.iter().all(hit),
        Mode::Or => wanted.iter().any(hit),
    }
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
        let units = case_units_where(fw, case, None, |codes| matches(codes, wanted, mode))
            .into_iter()
            .map(|u| passage(case, u));
        let marked = items
            .iter()
            .filter(|i| matches(&i.codes, wanted, mode))
            .map(|i| highlight(case, notes, i));
        let mut found: Vec<(usize, Passage)> = units
            .chain(marked)
            .map(|p| (case.reading_order(p.paragraph.as_deref()), p))
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
        paragraph: target.and_then(|t| t.paragraph.as_deref().map(str::to_owned)),
        quote: target.and_then(|t| t.exact.clone()),
        citation: None,
        codes: item
            .codes
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        comment: item.text.clone(),
        author: notes.author.clone(),
        created: Some(item.created.to_string()),
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

/// Every passage coded with `codes` (under `mode`, in `scope`): your own notes' passages
/// (facets, alliances and highlights) as [`coded`] finds them, then each shown
/// layer's highlights with their author, in library order, then paragraph order. `author`
/// keeps one author's passages only ([`YOU`] for yours, facets and alliances included).
pub fn coded_by(
    library: &Library,
    mine: &NotesFile,
    layers: &[Coder<'_>],
    query: &CodedQuery<'_>,
) -> Vec<Passage> {
    let wants = |who: &str| query.author.is_none_or(|a| a == who);
    let none;
    let mine = if query.hide_mine {
        none = crate::format::empty_notes(None);
        &none
    } else {
        mine
    };
    let layers: Vec<Coder<'_>> = layers
        .iter()
        .filter(|c| !(query.hide_mine && c.key == YOU))
        .copied()
        .collect();
    let mut out: Vec<Passage> = Vec::new();
    // With nobody else shown, your passages are listed as before, without a name.
    let others = layers.iter().any(|c| c.key != YOU);
    if wants(YOU) {
        out.extend(
            coded(library, mine, query.codes, query.mode, query.scope)
                .into_iter()
                .map(|mut p| {
                    if others && p.kind == Kind::Highlight {
                        p.author = Some(YOU.to_owned());
                    }
                    p
                }),
        );
    }
    let others: Vec<&Coder<'_>> = layers
        .iter()
        .filter(|c| c.key != YOU && wants(c.author))
        .collect();
    out.extend(layer_passages(library, mine, &others, query));
    let case_order: HashMap<&str, usize> = library
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.doc.id.as_str(), i))
        .collect();
    // Stable: within one paragraph, yours first, then the layers in their order.
    out.sort_by_cached_key(|p| {
        (
            case_order
                .get(p.case.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            library
                .case(&p.case)
                .map_or(usize::MAX, |c| c.reading_order(p.paragraph.as_deref())),
        )
    });
    out
}

/// The layers' live highlights coded with the query's codes (a code's children count, by
/// the framework's codes and yours), each with its author, in no particular order.
fn layer_passages(
    library: &Library,
    mine: &NotesFile,
    coders: &[&Coder<'_>],
    query: &CodedQuery<'_>,
) -> Vec<Passage> {
    let cases: HashMap<&str, &crate::format::Case> = library
        .cases
        .iter()
        .filter(|c| query.scope.is_none_or(|s| s.contains(&c.doc.id)))
        .map(|c| (c.doc.id.as_str(), &c.doc))
        .collect();
    // Per framework: each chosen code widened to itself and the codes under it.
    let mut widened: HashMap<&str, Vec<HashSet<String>>> = HashMap::new();
    let mut out = Vec::new();
    for coder in coders {
        let live = coder
            .notes
            .items
            .iter()
            .filter(|i| !i.deleted && i.kind == ItemKind::Highlight);
        for item in live {
            let Some(case) = item.case.as_deref().and_then(|c| cases.get(c)) else {
                continue;
            };
            let wanted = widened.entry(case.framework.as_str()).or_insert_with(|| {
                let book =
                    crate::codebook::Codebook::build(library.framework(&case.framework), mine);
                query
                    .codes
                    .iter()
                    .map(|c| {
                        std::iter::once(c.clone())
                            .chain(book.descendants(c).into_iter().map(|e| e.id.clone()))
                            .collect()
                    })
                    .collect()
            });
            let hit = |set: &HashSet<String>| item.codes.iter().any(|c| set.contains(c.as_str()));
            let matched = match query.mode {
                Mode::And => !wanted.is_empty() && wanted.iter().all(hit),
                Mode::Or => wanted.iter().any(hit),
            };
            if !matched {
                continue;
            }
            let target = item.target.as_ref();
            out.push(Passage {
                case: case.id.clone(),
                title: case.title.clone(),
                kind: Kind::Highlight,
                heading: format!("Highlight by {}", coder.author),
                paragraph: target.and_then(|t| t.paragraph.as_deref().map(str::to_owned)),
                quote: target.and_then(|t| t.exact.clone()),
                citation: None,
                codes: item
                    .codes
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
                comment: item.text.clone(),
                author: Some(coder.author.to_owned()),
                created: Some(item.created.to_string()),
            });
        }
    }
    out
}

/// What [`coded_by`] retrieves.
#[derive(Debug, Clone, Copy)]
pub struct CodedQuery<'a> {
    /// Chosen codes.
    pub codes: &'a [String],
    /// All or any of them.
    pub mode: Mode,
    /// Case ids to look in (`None`: every case).
    pub scope: Option<&'a [String]>,
    /// One author only (`None`: everyone).
    pub author: Option<&'a str>,
    /// Leave your own notes out (presenting hides them): only the cases'
    /// coded facets and alliances and the other authors' highlights are listed.
    pub hide_mine: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let lib = Library::bundled();
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
        let lib = Library::bundled();
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
        let lib = Library::bundled();
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
            .map(|p| case.reading_order(p.paragraph.as_deref()))
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        assert!(order.first() < order.last());
    }
}
