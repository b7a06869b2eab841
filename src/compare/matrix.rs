//! The cases-by-codes matrix: how many coded units each case has for each code of a family.
//!
//! The counting unit: a facet or an alliance that carries a code counts once for its case,
//! however many pieces of evidence it has, and a highlight counts once. A parent code counts
//! every unit that carries it or any code under it, still once per unit. The chart and the
//! grid read the same numbers from here.

use std::collections::{BTreeSet, HashMap};

use crate::codebook::Codebook;
use crate::format::{Case, Evidence, Framework, ItemKind, Kind, NotesFile};
use crate::notes::layers::Coder;

/// One line of the view that says what a count means.
pub const COUNTING_UNIT: &str = "Each number counts coded units: a facet or an alliance that \
     carries the code counts once for its case, a highlight once; a parent code counts the \
     units under it once each.";

/// What a matrix cell counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MatrixCount {
    /// Coded units of your own notes (and the cases' facets and alliances).
    #[default]
    Yours,
    /// Coded units as one author's notes make them (the layer's key).
    Author(String),
    /// How many of the shown authors used the code in the case.
    Authors,
}

impl MatrixCount {
    /// What the count counts, in the words of the Count menu: the cases' own facets and
    /// alliances are counted with the chosen notes (`author` names the layer's author).
    pub fn words(&self, author: Option<&str>) -> String {
        match (self, author) {
            (Self::Authors, _) => "Authors who used each code".to_owned(),
            (Self::Author(_), Some(author)) => {
                format!("Coded units: the cases' facets and alliances, and {author}'s highlights")
            }
            _ => "Coded units: the cases' facets and alliances, and your highlights".to_owned(),
        }
    }
}

/// Everything that decides a matrix: the one rule the Matrix view and *Matrix as CSV* share
/// (scope, framework, family, count mode), so the file always equals the grid.
#[derive(Debug, Clone, Copy)]
pub struct MatrixQuery<'a> {
    /// Labels and hierarchy of the codes.
    pub codebook: &'a Codebook,
    /// The framework of the cases.
    pub framework: &'a Framework,
    /// The rows (cases of `framework` only).
    pub cases: &'a [&'a Case],
    /// The user's notes as shown (`None`: hidden, e.g. while presenting).
    pub notes: Option<&'a NotesFile>,
    /// The family the user chose (empty or unknown: [`default_family`]).
    pub family: &'a str,
    /// What a cell counts.
    pub count: &'a MatrixCount,
    /// The shown authors (layers, and yours when they count).
    pub coders: &'a [Coder<'a>],
}

impl MatrixQuery<'_> {
    /// The family shown: the chosen one while the codebook has it, else the first with
    /// codings.
    pub fn family(&self) -> String {
        if self.codebook.families().iter().any(|f| f.id == self.family) {
            return self.family.to_owned();
        }
        default_family(self.codebook, self.framework, self.cases, self.notes).unwrap_or_default()
    }

    /// The matrix as the count mode asks: your units, one author's, or the authors per code.
    pub fn build(&self) -> Matrix {
        let family = self.family();
        let (book, fw, cases) = (self.codebook, self.framework, self.cases);
        match self.count {
            MatrixCount::Authors if !self.coders.is_empty() => {
                let coders: Vec<(&str, &NotesFile)> =
                    self.coders.iter().map(|c| (c.author, c.notes)).collect();
                build_authors(book, cases, &coders, &family)
            }
            MatrixCount::Author(key) => {
                let notes = self
                    .coders
                    .iter()
                    .find(|c| c.key == key)
                    .map(|c| c.notes)
                    .or(self.notes);
                build_with(book, fw, cases, notes, &family)
            }
            MatrixCount::Yours | MatrixCount::Authors => {
                build_with(book, fw, cases, self.notes, &family)
            }
        }
    }
}

/// What a counted unit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitOrigin {
    /// A facet of a `codes` dimension.
    Facet {
        /// Dimension id.
        dimension: String,
        /// Dimension label.
        label: String,
    },
    /// An alliance of the case.
    Alliance {
        /// Alliance id.
        id: String,
        /// Partner.
        partner: String,
    },
    /// One of the user's highlights.
    Highlight {
        /// Notes item id.
        item: String,
        /// The user's comment.
        comment: Option<String>,
    },
}

impl UnitOrigin {
    /// Short heading for the list of a cell's units.
    pub fn heading(&self) -> String {
        match self {
            Self::Facet { label, .. } => format!("Facet: {label}"),
            Self::Alliance { partner, .. } => format!("Alliance with {partner}"),
            Self::Highlight { .. } => "Your highlight".to_owned(),
        }
    }
}

/// One piece of evidence behind a unit: a passage, or a listed source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// `section/paragraph`, when the evidence is a passage.
    pub paragraph: Option<String>,
    /// The quoted text, if any.
    pub quote: Option<String>,
    /// Source id, when the evidence is a listed source.
    pub source: Option<String>,
    /// The source's citation text from `meta.sources` (the id when the case does not list it).
    pub citation: Option<String>,
}

/// A facet, alliance or highlight of one case, with the codes it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What it is.
    pub origin: UnitOrigin,
    /// Codes it carries (as written in the file).
    pub codes: Vec<String>,
    /// The evidence it rests on.
    pub evidence: Vec<Piece>,
    /// Who made it, for a highlight of another person's notes (a layer); `None` for yours
    /// and for the case's own facets and alliances.
    pub author: Option<String>,
}

/// Cases (rows) by codes (columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Family whose codes are the columns.
    pub family: String,
    /// Column code ids, in tree order (a parent before its children).
    pub codes: Vec<String>,
    /// Row case ids.
    pub cases: Vec<String>,
    /// Units of each row that carry a code of the family.
    units: Vec<Vec<Unit>>,
    /// `cells[row * codes.len() + col]`: indices into `units[row]`.
    cells: Vec<Vec<usize>>,
    /// When the matrix counts authors ([`build_authors`]): distinct authors per cell, then
    /// per row (the totals).
    authors: Option<(Vec<usize>, Vec<usize>)>,
}

impl Matrix {
    /// Units counted in one cell.
    pub fn units(&self, row: usize, col: usize) -> impl Iterator<Item = &Unit> {
        let units = self.units.get(row);
        self.cells
            .get(row * self.codes.len() + col)
            .into_iter()
            .flatten()
            .filter_map(move |&i| units.and_then(|u| u.get(i)))
    }

    /// Count for one cell: units, or authors when [`Matrix::counts_authors`].
    pub fn count(&self, row: usize, col: usize) -> usize {
        let i = row * self.codes.len() + col;
        match &self.authors {
            Some((cells, _)) => cells.get(i).copied().unwrap_or(0),
            None => self.cells.get(i).map_or(0, Vec::len),
        }
    }

    /// True when the numbers are authors who used a code, not coded units.
    pub fn counts_authors(&self) -> bool {
        self.authors.is_some()
    }

    /// Largest count in the matrix (for the heatmap scale).
    pub fn max_count(&self) -> usize {
        match &self.authors {
            Some((cells, _)) => cells.iter().copied().max().unwrap_or(0),
            None => self.cells.iter().map(Vec::len).max().unwrap_or(0),
        }
    }

    /// Units of a row that carry any code of the family, each once (the chart's bar); when
    /// counting authors, the authors who used any code of the family in the case.
    pub fn row_total(&self, row: usize) -> usize {
        match &self.authors {
            Some((_, rows)) => rows.get(row).copied().unwrap_or(0),
            None => self.units.get(row).map_or(0, Vec::len),
        }
    }

    /// Units of a row with any code of the family, each once.
    pub fn row_units(&self, row: usize) -> &[Unit] {
        self.units.get(row).map_or(&[], Vec::as_slice)
    }

    /// Columns with at least one coded unit, in column order.
    pub fn nonempty_columns(&self) -> Vec<usize> {
        (0..self.codes.len())
            .filter(|&c| (0..self.cases.len()).any(|r| self.count(r, c) > 0))
            .collect()
    }

    /// (case id, units) per row: what the bar chart draws.
    pub fn chart(&self) -> Vec<(String, usize)> {
        self.cases
            .iter()
            .enumerate()
            .map(|(r, c)| (c.clone(), self.row_total(r)))
            .collect()
    }
}

/// Codes that can head matrix columns for `family`: framework and user codes under it.
pub fn family_codes(codebook: &Codebook, family: &str) -> Vec<String> {
    codebook
        .codes_in_family(family)
        .map(|e| e.id.clone())
        .collect()
}

fn pieces(case: &Case, evidence: &[Evidence]) -> Vec<Piece> {
    evidence
        .iter()
        .map(|e| Piece {
            paragraph: e.reference.as_deref().map(str::to_owned),
            quote: e.quote.clone(),
            source: e.source.as_deref().map(str::to_owned),
            citation: e.source.as_ref().map(|s| {
                case.source(s)
                    .map_or_else(|| s.to_string(), |src| src.citation.clone())
            }),
        })
        .collect()
}

/// Every coded facet, alliance and live highlight of a case, whatever the family.
pub fn case_units(fw: &Framework, case: &Case, notes: Option<&NotesFile>) -> Vec<Unit> {
    case_units_where(fw, case, notes, |_| true)
}

/// The units of [`case_units`] whose codes `keep` accepts. The codes are looked at before a
/// unit is made: retrieving one code made every unit of every case, strings and evidence
/// copied, to keep a few.
pub fn case_units_where(
    fw: &Framework,
    case: &Case,
    notes: Option<&NotesFile>,
    keep: impl Fn(&[&str]) -> bool,
) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    for (_, dim) in fw.dimensions().filter(|(_, d)| d.kind == Kind::Codes) {
        let Some(facet) = case.facets.get(dim.id.as_str()) else {
            continue;
        };
        let Some(values) = facet.value.as_ref().and_then(|v| v.as_array()) else {
            continue;
        };
        codes.clear();
        codes.extend(values.iter().filter_map(|v| v.as_str()));
        if !keep(&codes) {
            continue;
        }
        out.push(Unit {
            origin: UnitOrigin::Facet {
                dimension: dim.id.clone(),
                label: dim.label.clone(),
            },
            codes: codes.iter().map(|&c| c.to_owned()).collect(),
            evidence: pieces(case, &facet.evidence),
            author: None,
        });
    }
    for a in &case.alliances {
        codes.clear();
        codes.extend(
            a.types
                .iter()
                .chain(&a.rationale)
                .chain(a.phase.iter())
                .map(compact_str::CompactString::as_str),
        );
        if !keep(&codes) {
            continue;
        }
        out.push(Unit {
            origin: UnitOrigin::Alliance {
                id: a.id.to_string(),
                partner: a.partner.clone(),
            },
            codes: codes.iter().map(|&c| c.to_owned()).collect(),
            evidence: pieces(case, &a.evidence),
            author: None,
        });
    }
    let highlights = notes.into_iter().flat_map(|n| &n.items).filter(|i| {
        i.kind == ItemKind::Highlight && !i.deleted && i.case.as_deref() == Some(case.id.as_str())
    });
    for item in highlights {
        codes.clear();
        codes.extend(item.codes.iter().map(compact_str::CompactString::as_str));
        if keep(&codes) {
            out.push(highlight_unit(item));
        }
    }
    out
}

/// One highlight as a unit.
fn highlight_unit(item: &crate::format::Item) -> Unit {
    let target = item.target.as_ref();
    Unit {
        origin: UnitOrigin::Highlight {
            item: item.id.clone(),
            comment: item.text.clone(),
        },
        codes: item
            .codes
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        evidence: vec![Piece {
            paragraph: target.and_then(|t| t.paragraph.as_deref().map(str::to_owned)),
            quote: target.and_then(|t| t.exact.clone()),
            source: None,
            citation: None,
        }],
        author: None,
    }
}

/// The first family (in codebook order) that has codings in `cases`, else the first family.
pub fn default_family(
    codebook: &Codebook,
    fw: &Framework,
    cases: &[&Case],
    notes: Option<&NotesFile>,
) -> Option<String> {
    let used: BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| case_units(fw, c, notes))
        .flat_map(|u| u.codes)
        .filter_map(|code| {
            codebook
                .entry(&code)
                .filter(|e| e.id != e.family)
                .map(|e| e.family.as_str())
        })
        .collect();
    let families = codebook.families();
    families
        .iter()
        .find(|f| used.contains(f.id.as_str()))
        .or(families.first())
        .map(|f| f.id.clone())
}

/// Builds the matrix for `cases` over the codes of `family` (builds its own codebook).
pub fn build(fw: &Framework, cases: &[&Case], notes: Option<&NotesFile>, family: &str) -> Matrix {
    let empty = crate::format::empty_notes(None);
    let codebook = Codebook::build(Some(fw), notes.unwrap_or(&empty));
    build_with(&codebook, fw, cases, notes, family)
}

/// Builds the matrix for `cases` over the codes of `family`, labels and hierarchy from
/// `codebook`.
pub fn build_with(
    codebook: &Codebook,
    fw: &Framework,
    cases: &[&Case],
    notes: Option<&NotesFile>,
    family: &str,
) -> Matrix {
    let units = cases
        .iter()
        .map(|case| case_units(fw, case, notes))
        .collect();
    assemble(codebook, cases, units, family)
}

/// One line of the view that says what a count means when it counts authors.
pub const AUTHORS_COUNTING_UNIT: &str = "Each number counts authors: how many of the shown \
     authors applied the code (or a code under it) to a passage of the case, each author once.";

/// Builds the matrix for `cases` over the codes of `family` counting *authors*: a cell is
/// how many of `coders` (name, notes) applied the code or one under it in a highlight of the
/// case, each author once however many highlights; a row's total is the authors who used
/// any code of the family there. The units behind a cell are those highlights, each with
/// its author. Facets and alliances are the case's own coding and are not counted.
pub fn build_authors(
    codebook: &Codebook,
    cases: &[&Case],
    coders: &[(&str, &NotesFile)],
    family: &str,
) -> Matrix {
    // Each coder's live highlights by case, read once.
    let mut by_case: HashMap<&str, Vec<(&str, &crate::format::Item)>> = HashMap::new();
    for (author, notes) in coders {
        for item in notes
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Highlight && !i.deleted)
        {
            if let Some(case) = item.case.as_deref() {
                by_case.entry(case).or_default().push((author, item));
            }
        }
    }
    let units: Vec<Vec<Unit>> = cases
        .iter()
        .map(|case| {
            by_case
                .get(case.id.as_str())
                .into_iter()
                .flatten()
                .map(|(author, item)| Unit {
                    author: Some((*author).to_owned()),
                    ..highlight_unit(item)
                })
                .collect()
        })
        .collect();
    let mut m = assemble(codebook, cases, units, family);
    let distinct = |idx: &[usize], row: usize| -> usize {
        let units = &m.units[row];
        idx.iter()
            .filter_map(|&i| units.get(i).and_then(|u| u.author.as_deref()))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let ncols = m.codes.len();
    let cells: Vec<usize> = m
        .cells
        .iter()
        .enumerate()
        .map(|(i, idx)| distinct(idx, i / ncols.max(1)))
        .collect();
    let rows: Vec<usize> = (0..m.cases.len())
        .map(|r| distinct(&(0..m.units[r].len()).collect::<Vec<_>>(), r))
        .collect();
    m.authors = Some((cells, rows));
    m
}

/// Puts each case's units (already found) into the columns of `family`'s codes: a unit counts
/// under its codes' columns and every ancestor's, once each.
fn assemble(
    codebook: &Codebook,
    cases: &[&Case],
    all_units: Vec<Vec<Unit>>,
    family: &str,
) -> Matrix {
    let codes = family_codes(codebook, family);
    let col_of: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    // Columns a code counts under: its own and every ancestor's.
    let columns_of = |code: &str| -> Vec<usize> {
        let mut out = Vec::new();
        let mut current = Some(code);
        let mut steps = 0;
        while let Some(c) = current {
            if let Some(&col) = col_of.get(c) {
                out.push(col);
            }
            steps += 1;
            if steps > col_of.len() + 1 {
                break;
            }
            current = codebook.entry(c).and_then(|e| e.parent.as_deref());
        }
        out
    };
    let mut units = Vec::with_capacity(cases.len());
    let mut cells = vec![Vec::new(); cases.len() * codes.len()];
    for (row, case_units) in all_units.into_iter().enumerate() {
        let mut kept = Vec::new();
        for unit in case_units {
            let mut cols: Vec<usize> = unit.codes.iter().flat_map(|c| columns_of(c)).collect();
            cols.sort_unstable();
            cols.dedup();
            if cols.is_empty() {
                continue;
            }
            for col in cols {
                cells[row * codes.len() + col].push(kept.len());
            }
            kept.push(unit);
        }
        units.push(kept);
    }
    Matrix {
        family: family.to_owned(),
        codes,
        cases: cases.iter().map(|c| c.id.clone()).collect(),
        units,
        cells,
        authors: None,
    }
}

#[cfg(test)]
mod tests;
