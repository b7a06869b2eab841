//! Every alliance of a set of cases in one sortable, filterable list.

use crate::format::{AllianceStatus, Case, Evidence};

/// One alliance with its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllianceRow {
    /// Case id.
    pub case: String,
    /// Case title.
    pub case_title: String,
    /// Alliance id.
    pub id: String,
    /// Partner.
    pub partner: String,
    /// Type codes.
    pub types: Vec<String>,
    /// Rationale codes.
    pub rationale: Vec<String>,
    /// Phase code.
    pub phase: Option<String>,
    /// Status.
    pub status: AllianceStatus,
    /// Summary.
    pub summary: Option<String>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

impl AllianceRow {
    /// True when the alliance carries `code` (or a code under it).
    pub fn has_code(&self, code: &str) -> bool {
        self.types
            .iter()
            .chain(&self.rationale)
            .chain(self.phase.iter())
            .any(|c| crate::format::framework::in_family(c, code))
    }
}

/// Sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By case title.
    #[default]
    Case,
    /// By partner.
    Partner,
    /// By first type code.
    Types,
    /// By first rationale code.
    Rationale,
    /// By phase.
    Phase,
    /// By status.
    Status,
}

/// All alliances of `cases`, in case order.
pub fn rows(cases: &[&Case]) -> Vec<AllianceRow> {
    cases
        .iter()
        .flat_map(|c| {
            c.alliances.iter().map(|a| AllianceRow {
                case: c.id.clone(),
                case_title: c.title.clone(),
                id: a.id.to_string(),
                partner: a.partner.clone(),
                types: a
                    .types
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
                rationale: a
                    .rationale
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
                phase: a.phase.as_deref().map(str::to_owned),
                status: a.status,
                summary: a.summary.clone(),
                evidence: a.evidence.clone(),
            })
        })
        .collect()
}

/// Filters by code (if any) and sorts stably by `key`.
pub fn filter_sort(
    rows: &[AllianceRow],
    code: Option<&str>,
    key: SortKey,
    descending: bool,
) -> Vec<AllianceRow> {
    let mut out: Vec<AllianceRow> = rows
        .iter()
        .filter(|r| code.is_none_or(|c| r.has_code(c)))
        .cloned()
        .collect();
    out.sort_by(|a, b| {
        let ord = match key {
            SortKey::Case => a
                .case_title
                .to_lowercase()
                .cmp(&b.case_title.to_lowercase()),
            SortKey::Partner => a.partner.to_lowercase().cmp(&b.partner.to_lowercase()),
            SortKey::Types => a.types.first().cmp(&b.types.first()),
            SortKey::Rationale => a.rationale.first().cmp(&b.rationale.first()),
            SortKey::Phase => a.phase.cmp(&b.phase),
            SortKey::Status => a.status.as_str().cmp(b.status.as_str()),
        };
        if descending { ord.reverse() } else { ord }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, Library, LoadRequest};

    #[test]
    fn filter_by_code_and_sort() {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let cases: Vec<&Case> = lib.cases.iter().map(|c| &c.doc).collect();
        let all = rows(&cases);
        let expected: usize = cases.iter().map(|c| c.alliances.len()).sum();
        assert_eq!(all.len(), expected);
        let some_code = all.iter().find_map(|r| r.types.first().cloned()).unwrap();
        let filtered = filter_sort(&all, Some(&some_code), SortKey::Partner, false);
        assert!(
            !filtered.is_empty()
                && filtered
                    .iter()
                    .all(|r| r.types.contains(&some_code) || r.has_code(&some_code))
        );
        assert!(
            filtered
                .windows(2)
                .all(|w| w[0].partner.to_lowercase() <= w[1].partner.to_lowercase())
        );
        let family = filter_sort(&all, Some("TYPE"), SortKey::Status, true);
        assert_eq!(
            family.len(),
            all.iter()
                .filter(|r| !r.types.is_empty()
                    || r.phase.as_deref().is_some_and(|p| p.starts_with("TYPE")))
                .count()
        );
        assert!(
            family
                .windows(2)
                .all(|w| w[0].status.as_str() >= w[1].status.as_str())
        );
    }
}
