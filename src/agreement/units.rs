//! The units of one case: stretches of text every rated coder treats alike (a paragraph, a run
//! of characters, or the untouched rest pooled), each with the codes every rated coder applied
//! there. Agreement tallies them; the reliability data matrix writes them out.

use std::collections::BTreeMap;

use super::Unit;
use super::extract::{CaseMarks, sweep};

/// One unit (or several identical ones, `weight` of them).
pub(crate) struct Cell<'c> {
    /// The paragraph (index into [`CaseMarks::paras`]); `None` for the pooled untouched rest.
    pub para: Option<usize>,
    /// The char range in the paragraph (character units).
    pub range: Option<(usize, usize)>,
    /// How many identical units this stands for (paragraphs, or characters).
    pub weight: f64,
    /// Per rated coder (in [`CaseMarks::rated`] order), the code indices they applied here,
    /// ascending.
    pub sets: &'c [Vec<usize>],
}

/// Calls `f` for every unit of `cm`; `codes[i]` are the code indices carried by mark `i` (after
/// filtering and rolling up). With `expand`, untouched paragraphs come one by one (the matrix
/// lists every unit), else pooled in one weighted cell.
pub(crate) fn cells(
    cm: &CaseMarks<'_>,
    codes: &[Vec<usize>],
    unit: Unit,
    expand: bool,
    mut f: impl FnMut(&Cell<'_>),
) {
    let rated = cm.rated.len();
    // paragraph -> marks in it with their codes
    let mut by_para: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in cm.marks.iter().enumerate() {
        if !codes[i].is_empty() {
            by_para.entry(m.para).or_default().push(i);
        }
    }
    let position = |coder: usize| cm.rated.binary_search(&coder).ok();
    let empty: Vec<Vec<usize>> = vec![Vec::new(); rated];
    let mut untouched = 0.0;
    let span = |p: usize| match unit {
        Unit::Paragraph => 1.0,
        Unit::Char => cm.paras[p].len as f64,
    };
    for p in 0..cm.paras.len() {
        let Some(marks) = by_para.get(&p) else {
            if expand {
                let range = (unit == Unit::Char).then_some((0, cm.paras[p].len));
                if range.is_none_or(|(s, e)| s < e) {
                    f(&Cell {
                        para: Some(p),
                        range,
                        weight: span(p),
                        sets: &empty,
                    });
                }
            } else {
                untouched += span(p);
            }
            continue;
        };
        match unit {
            Unit::Paragraph => {
                let mut sets = empty.clone();
                for &i in marks {
                    if let Some(r) = position(cm.marks[i].coder) {
                        sets[r].extend(&codes[i]);
                    }
                }
                for s in &mut sets {
                    s.sort_unstable();
                    s.dedup();
                }
                f(&Cell {
                    para: Some(p),
                    range: None,
                    weight: 1.0,
                    sets: &sets,
                });
            }
            Unit::Char => char_cells(cm, codes, p, marks, &empty, &mut f),
        }
    }
    if untouched > 0.0 {
        f(&Cell {
            para: None,
            range: None,
            weight: untouched,
            sets: &empty,
        });
    }
}

/// The runs of characters of paragraph `p` (its `marks`) that every rated coder treats alike.
fn char_cells(
    cm: &CaseMarks<'_>,
    codes: &[Vec<usize>],
    p: usize,
    marks: &[usize],
    empty: &[Vec<usize>],
    f: &mut impl FnMut(&Cell<'_>),
) {
    let position = |coder: usize| cm.rated.binary_search(&coder).ok();
    // One sweep key per (rated coder, code): width = codes + 1 keeps keys apart.
    let width = codes.iter().flatten().max().map_or(1, |m| m + 1);
    let ranges: Vec<(usize, usize, usize)> = marks
        .iter()
        .filter_map(|&i| position(cm.marks[i].coder).map(|r| (r, i)))
        .flat_map(|(r, i)| {
            let (s, e) = cm.marks[i].range;
            codes[i].iter().map(move |&k| (r * width + k, s, e))
        })
        .collect();
    let mut sets = empty.to_vec();
    sweep(cm.paras[p].len, &ranges, |s, e, depth| {
        for set in &mut sets {
            set.clear();
        }
        for &key in depth.keys() {
            sets[key / width].push(key % width);
        }
        for set in &mut sets {
            set.sort_unstable();
        }
        f(&Cell {
            para: Some(p),
            range: Some((s, e)),
            weight: (e - s) as f64,
            sets: &sets,
        });
    });
}
