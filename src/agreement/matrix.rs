//! The reliability data matrix: one row per unit and variable, one column per coder, as R's
//! `irr` and `krippendorffsalpha` or Python's `krippendorff` take it, so anyone can recompute
//! the figures. A value is `1`/`0` for a code (applied or not), the domain value for a
//! semantic domain, and empty where the coder did not rate the case.

use std::collections::HashMap;

use super::extract::extract;
use super::units::cells;
use super::{Options, Unit, codes_used, domain, mark_codes, under};
use crate::library::Library;
use crate::notes::layers::Layer;

/// The columns before the coders' (their names follow, in layer order).
pub const COLUMNS: [&str; 6] = ["case", "paragraph", "from", "to", "weight", "variable"];

/// The matrix as rows of fields, the header first. Paragraph units come one per paragraph
/// (`weight` 1); character units one per run of characters every coder treats alike, `from`
/// and `to` its char offsets and `weight` its length (each row stands for that many identical
/// character units). Only cases two or more coders rated have units.
pub fn reliability_matrix(
    library: &Library,
    layers: &[Layer],
    options: &Options,
) -> Vec<Vec<String>> {
    let cases = extract(library, layers);
    let (codes, _) = codes_used(&cases, options);
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.extend(layers.iter().map(|l| l.author.clone()));
    let mut rows = vec![header];
    for cm in cases.iter().filter(|c| c.rated.len() >= 2) {
        let per_mark = mark_codes(cm, &index, options);
        cells(cm, &per_mark, options.unit, true, |cell| {
            let Some(p) = cell.para else { return };
            let (from, to) = match (options.unit, cell.range) {
                (Unit::Char, Some((s, e))) => (s.to_string(), e.to_string()),
                _ => (String::new(), String::new()),
            };
            let lead = [
                cm.case.id.clone(),
                cm.paras[p].address.clone(),
                from,
                to,
                format!("{}", cell.weight),
            ];
            let mut row = |variable: &str, value: &dyn Fn(&[usize]) -> String| {
                let mut r: Vec<String> = lead.to_vec();
                r.push(variable.to_owned());
                r.extend((0..layers.len()).map(|c| {
                    cm.rated
                        .binary_search(&c)
                        .map_or_else(|_| String::new(), |at| value(&cell.sets[at]))
                }));
                rows.push(r);
            };
            if let Some(family) = &options.domain {
                row(family, &|set| {
                    let names: Vec<&str> = set
                        .iter()
                        .map(|&k| codes[k].as_str())
                        .filter(|c| under(c, family))
                        .collect();
                    if names.is_empty() {
                        domain::NONE.to_owned()
                    } else {
                        names.join(" + ")
                    }
                });
            } else {
                for (k, code) in codes.iter().enumerate() {
                    row(code, &|set| {
                        if set.binary_search(&k).is_ok() {
                            "1"
                        } else {
                            "0"
                        }
                        .to_owned()
                    });
                }
            }
        });
    }
    rows
}
