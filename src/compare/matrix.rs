//! The cases-by-codes matrix: how much evidence each case has for each code of a family,
//! counted over facets, alliances and the user's highlights.

use std::collections::HashMap;

use crate::format::framework::in_family;
use crate::format::{Case, Framework, ItemKind, Kind, NotesFile};

/// Where a counted piece of evidence comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HitOrigin {
    /// A facet of this dimension.
    Facet(String),
    /// An alliance with this id.
    Alliance(String),
    /// A user highlight with this item id.
    Highlight(String),
}

/// One piece of evidence coded with a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What it belongs to.
    pub origin: HitOrigin,
    /// `section/paragraph`, when the evidence is a passage.
    pub paragraph: Option<String>,
    /// The quoted text, if any.
    pub quote: Option<String>,
    /// Source id, when the evidence is a listed source.
    pub source: Option<String>,
}

/// Cases (rows) by codes (columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Family whose codes are the columns.
    pub family: String,
    /// Column code ids.
    pub codes: Vec<String>,
    /// Row case ids.
    pub cases: Vec<String>,
    /// `hits[row * codes.len() + col]`.
    hits: Vec<Vec<Hit>>,
}

impl Matrix {
    /// Evidence for one cell.
    pub fn hits(&self, row: usize, col: usize) -> &[Hit] {
        self.hits
            .get(row * self.codes.len() + col)
            .map_or(&[], Vec::as_slice)
    }

    /// Count for one cell.
    pub fn count(&self, row: usize, col: usize) -> usize {
        self.hits(row, col).len()
    }

    /// Largest count in the matrix (for the heatmap scale).
    pub fn max_count(&self) -> usize {
        self.hits.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Total per row.
    pub fn row_total(&self, row: usize) -> usize {
        (0..self.codes.len()).map(|c| self.count(row, c)).sum()
    }
}

/// Codes that can head matrix columns for `family`: framework and user codes under it.
pub fn family_codes(fw: &Framework, notes: Option<&NotesFile>, family: &str) -> Vec<String> {
    let mut codes: Vec<String> = fw
        .codes
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| id != family && in_family(id, family))
        .collect();
    if let Some(n) = notes {
        codes.extend(
            n.codes
                .iter()
                .map(|c| c.id.clone())
                .filter(|id| id != family && in_family(id, family)),
        );
    }
    codes
}

/// Families offered: the framework's top-level codes, plus `USER` when the user has codes.
pub fn families(fw: &Framework, notes: Option<&NotesFile>) -> Vec<String> {
    let mut out: Vec<String> = fw
        .codes
        .iter()
        .filter(|c| !c.id.contains('.'))
        .map(|c| c.id.clone())
        .collect();
    if notes.is_some_and(|n| !n.codes.is_empty()) {
        out.push("USER".to_owned());
    }
    out
}

/// Builds the matrix for `cases` over the codes of `family`.
pub fn build(fw: &Framework, cases: &[&Case], notes: Option<&NotesFile>, family: &str) -> Matrix {
    let codes = family_codes(fw, notes, family);
    let col_of: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let code_dims: Vec<&str> = fw
        .dimensions()
        .filter(|(_, d)| d.kind == Kind::Codes)
        .map(|(_, d)| d.id.as_str())
        .collect();
    let mut hits = vec![Vec::new(); cases.len() * codes.len()];
    let row_of: HashMap<&str, usize> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for (row, case) in cases.iter().enumerate() {
        let base = row * codes.len();
        for dim in &code_dims {
            let Some(facet) = case.facets.get(*dim) else {
                continue;
            };
            let Some(values) = facet.value.as_ref().and_then(|v| v.as_array()) else {
                continue;
            };
            for code in values.iter().filter_map(|v| v.as_str()) {
                let Some(&col) = col_of.get(code) else {
                    continue;
                };
                for e in &facet.evidence {
                    hits[base + col].push(Hit {
                        origin: HitOrigin::Facet((*dim).to_owned()),
                        paragraph: e.reference.clone(),
                        quote: e.quote.clone(),
                        source: e.source.clone(),
                    });
                }
            }
        }
        for a in &case.alliances {
            let coded = a.types.iter().chain(&a.rationale).chain(a.phase.iter());
            for code in coded {
                let Some(&col) = col_of.get(code.as_str()) else {
                    continue;
                };
                if a.evidence.is_empty() {
                    hits[base + col].push(Hit {
                        origin: HitOrigin::Alliance(a.id.clone()),
                        paragraph: None,
                        quote: None,
                        source: None,
                    });
                }
                for e in &a.evidence {
                    hits[base + col].push(Hit {
                        origin: HitOrigin::Alliance(a.id.clone()),
                        paragraph: e.reference.clone(),
                        quote: e.quote.clone(),
                        source: e.source.clone(),
                    });
                }
            }
        }
    }
    if let Some(n) = notes {
        for item in n
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Highlight && !i.deleted)
        {
            let Some(&row) = item.case.as_deref().and_then(|c| row_of.get(c)) else {
                continue;
            };
            let target = item.target.as_ref();
            for code in &item.codes {
                let Some(&col) = col_of.get(code.as_str()) else {
                    continue;
                };
                hits[row * codes.len() + col].push(Hit {
                    origin: HitOrigin::Highlight(item.id.clone()),
                    paragraph: target.and_then(|t| t.paragraph.clone()),
                    quote: target.and_then(|t| t.exact.clone()),
                    source: None,
                });
            }
        }
    }
    Matrix {
        family: family.to_owned(),
        codes,
        cases: cases.iter().map(|c| c.id.clone()).collect(),
        hits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, Library, LoadRequest};

    #[test]
    fn counts_facet_alliance_and_highlight_evidence() {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let fw = lib.framework("asp-alliances").unwrap();
        let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
        let notes = &lib.notes[0].doc;
        let m = build(fw, &cases, Some(notes), "TYPE");
        assert!(m.codes.iter().all(|c| c.starts_with("TYPE.")));
        // Recount one cell by hand from the case file.
        let (row, case) = cases
            .iter()
            .enumerate()
            .find(|(_, c)| !c.alliances.is_empty())
            .unwrap();
        let code = case.alliances[0].types[0].clone();
        let col = m.codes.iter().position(|c| *c == code).unwrap();
        let from_alliances: usize = case
            .alliances
            .iter()
            .filter(|a| a.types.contains(&code))
            .map(|a| a.evidence.len().max(1))
            .sum();
        let from_facets: usize = case
            .facets
            .values()
            .filter(|f| {
                f.value
                    .as_ref()
                    .and_then(|v| v.as_array())
                    .is_some_and(|a| a.iter().any(|x| x == code.as_str()))
            })
            .map(|f| f.evidence.len())
            .sum();
        assert_eq!(m.count(row, col), from_alliances + from_facets);
        assert!(m.max_count() >= m.count(row, col));
    }

    #[test]
    fn user_highlights_count_under_user_family() {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let fw = lib.framework("asp-alliances").unwrap();
        let notes = &lib.notes[0].doc;
        assert!(families(fw, Some(notes)).contains(&"USER".to_owned()));
        let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
        let m = build(fw, &cases, Some(notes), "USER");
        let coded = notes
            .items
            .iter()
            .filter(|i| {
                i.kind == ItemKind::Highlight && i.codes.iter().any(|c| c.starts_with("USER."))
            })
            .count();
        let total: usize = (0..m.cases.len()).map(|r| m.row_total(r)).sum();
        assert_eq!(total, coded);
    }
}
