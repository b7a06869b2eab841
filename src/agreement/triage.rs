//! Disagreement triage: the paragraphs where coders split most over a code, with who applied
//! it and who did not, most evenly split first (the ones most worth discussing).

use std::collections::BTreeMap;

use serde::Serialize;

use super::extract::{CaseMarks, extract};
use super::{CodeFilter, Options, Unit, codes_used};
use crate::format::{ItemKind, NotesFile};
use crate::library::Library;
use crate::notes::layers::Layer;

/// How coders split over one code in one passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeSplit {
    /// Code id.
    pub code: String,
    /// Coders (layer names) who applied it in the passage.
    pub applied: Vec<String>,
    /// Coders who rated the case but did not apply it there.
    pub not_applied: Vec<String>,
}

/// A passage coders disagree on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Case id.
    pub case: String,
    /// `section/paragraph`.
    pub paragraph: String,
    /// The smallest char range covering every highlight with a split code in the paragraph
    /// (`None` when none could be placed).
    pub range: Option<(usize, usize)>,
    /// Coders who rated the case (wrote anything on it).
    pub rated: usize,
    /// How even the most split code is: 1 for half and half, near 0 for one dissenter
    /// (1 − |applied − not applied| / rated).
    pub split: f64,
    /// The codes some rated coders applied here and others did not, most split first.
    pub codes: Vec<CodeSplit>,
}

/// Every passage of `library` where the coders of `layers` disagree on a code `codes`
/// accepts, most evenly split first (then more coders, more split codes, reading order);
/// at most `limit`.
pub fn disagreements(
    library: &Library,
    layers: &[Layer],
    codes: &CodeFilter,
    limit: usize,
) -> Vec<Disagreement> {
    let cases = extract(library, layers);
    let (wanted, _) = codes_used(&cases, &Options::new(Unit::Paragraph, codes.clone()));
    let mut out: Vec<((usize, usize), Disagreement)> = Vec::new();
    for (ci, cm) in cases.iter().enumerate().filter(|(_, c)| c.rated.len() >= 2) {
        out.extend(
            in_case(cm, layers, &wanted)
                .into_iter()
                .map(|(para, d)| ((ci, para), d)),
        );
    }
    out.sort_by(|(ia, a), (ib, b)| {
        b.split
            .total_cmp(&a.split)
            .then(b.rated.cmp(&a.rated))
            .then(b.codes.len().cmp(&a.codes.len()))
            .then(ia.cmp(ib))
    });
    out.into_iter().take(limit).map(|(_, d)| d).collect()
}

/// Evenness of `yes` out of `rated`.
fn evenness(yes: usize, rated: usize) -> f64 {
    1.0 - (2.0 * yes as f64 - rated as f64).abs() / rated as f64
}

/// The split passages of one case, each with a sort key for reading order.
fn in_case(cm: &CaseMarks<'_>, layers: &[Layer], wanted: &[String]) -> Vec<(usize, Disagreement)> {
    // paragraph -> code -> (coders who applied it, covering range)
    type Applied = BTreeMap<String, (Vec<usize>, Option<(usize, usize)>)>;
    let mut by_para: BTreeMap<usize, Applied> = BTreeMap::new();
    for m in &cm.marks {
        for code in m.codes.iter().filter(|c| {
            wanted
                .binary_search_by(|w| w.as_str().cmp(c.as_str()))
                .is_ok()
        }) {
            let (coders, range) = by_para
                .entry(m.para)
                .or_default()
                .entry(code.to_string())
                .or_default();
            if !coders.contains(&m.coder) {
                coders.push(m.coder);
            }
            let (s, e) = m.range;
            *range = Some(range.map_or((s, e), |(a, b)| (a.min(s), b.max(e))));
        }
    }
    let rated = cm.rated.len();
    let name = |c: &usize| layers[*c].author.clone();
    let mut out = Vec::new();
    for (para, codes) in by_para {
        let mut splits: Vec<(f64, CodeSplit)> = Vec::new();
        let mut range: Option<(usize, usize)> = None;
        for (code, (applied, r)) in codes {
            if applied.len() >= rated {
                continue;
            }
            if let Some((s, e)) = r {
                range = Some(range.map_or((s, e), |(a, b)| (a.min(s), b.max(e))));
            }
            let mut applied = applied;
            applied.sort_unstable();
            let split = CodeSplit {
                code,
                not_applied: cm
                    .rated
                    .iter()
                    .filter(|c| !applied.contains(c))
                    .map(name)
                    .collect(),
                applied: applied.iter().map(name).collect(),
            };
            splits.push((evenness(split.applied.len(), rated), split));
        }
        if splits.is_empty() {
            continue;
        }
        splits.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.push((
            para,
            Disagreement {
                case: cm.case.id.clone(),
                paragraph: cm.paras[para].address.clone(),
                range,
                rated,
                split: splits[0].0,
                codes: splits.into_iter().map(|(_, s)| s).collect(),
            },
        ));
    }
    out
}

/// How a note marking a disagreement as discussed starts (recognisable in the notes panel
/// and in exports).
pub const DISCUSSED: &str = "Discussed in class:";

/// The text of the note that marks the disagreement at `paragraph` as discussed.
pub fn discussed_text(paragraph: &str, what: &str) -> String {
    format!("{DISCUSSED} ¶ {paragraph}. {what}")
}

/// True when the user's notes hold a live note on `case` marking `paragraph` discussed.
pub fn is_discussed(notes: &NotesFile, case: &str, paragraph: &str) -> bool {
    let prefix = format!("{DISCUSSED} ¶ {paragraph}.");
    notes.items.iter().any(|i| {
        !i.deleted
            && i.kind == ItemKind::Note
            && i.case.as_deref() == Some(case)
            && i.text.as_deref().is_some_and(|t| t.starts_with(&prefix))
    })
}

/// [`is_discussed`] for every passage of `triage` in one pass over the notes (the view asks
/// once per notes revision, not once per passage and frame: 25 passages × 10,000 items were
/// scanned in every frame of the Agreement view).
pub fn discussed_among(notes: &NotesFile, triage: &[Disagreement]) -> Vec<bool> {
    let mut by_case: std::collections::HashMap<&str, Vec<(usize, String)>> =
        std::collections::HashMap::new();
    for (i, d) in triage.iter().enumerate() {
        by_case
            .entry(d.case.as_str())
            .or_default()
            .push((i, format!("{DISCUSSED} ¶ {}.", d.paragraph)));
    }
    let mut discussed = vec![false; triage.len()];
    for item in notes
        .items
        .iter()
        .filter(|i| !i.deleted && i.kind == ItemKind::Note)
    {
        let (Some(case), Some(text)) = (item.case.as_deref(), item.text.as_deref()) else {
            continue;
        };
        for (i, prefix) in by_case.get(case).into_iter().flatten() {
            if text.starts_with(prefix.as_str()) {
                discussed[*i] = true;
            }
        }
    }
    discussed
}
