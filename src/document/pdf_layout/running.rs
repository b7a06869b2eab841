//! Running headers and footers and bare page numbers near the pages' edges.

use std::collections::HashMap;

use super::{Line, Page};

/// The text with every run of digits as `#`, lower case, for comparing running lines.
fn mask(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// "12", "Page 3", "p. 4", "4 of 20", "4/20", "- 5 -", "xii".
pub(crate) fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '[' | ']' | '(' | ')' | ' '))
        .to_lowercase();
    let t = t
        .strip_prefix("page")
        .or_else(|| t.strip_prefix("p."))
        .unwrap_or(&t)
        .trim();
    let number = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit()))
            || (!s.is_empty()
                && s.len() <= 7
                && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
    };
    if number(t) {
        return true;
    }
    let parts: Vec<&str> = t.split(" of ").flat_map(|p| p.split('/')).collect();
    parts.len() == 2 && parts.iter().all(|p| number(p))
}

/// Removes running headers and footers and bare page numbers near the pages' edges.
pub(super) fn remove_running_lines(pages: &[Page], lines: &mut [Vec<Line>]) {
    let candidates = |page: &Page, page_lines: &[Line]| -> (Vec<usize>, Vec<usize>) {
        let n = page_lines.len();
        let margin = page.height * 0.12;
        let top = (0..n.min(2))
            .filter(|&i| page_lines[i].y <= margin)
            .collect();
        let bottom = (n.saturating_sub(2)..n)
            .filter(|&i| page_lines[i].y >= page.height - margin)
            .collect();
        (top, bottom)
    };
    let mut top_counts: HashMap<String, usize> = HashMap::new();
    let mut bottom_counts: HashMap<String, usize> = HashMap::new();
    for (page, page_lines) in pages.iter().zip(lines.iter()) {
        let (top, bottom) = candidates(page, page_lines);
        let mut seen_top: Vec<String> = top.iter().map(|&i| mask(&page_lines[i].text())).collect();
        seen_top.dedup();
        for key in seen_top {
            *top_counts.entry(key).or_default() += 1;
        }
        let mut seen_bottom: Vec<String> = bottom
            .iter()
            .map(|&i| mask(&page_lines[i].text()))
            .collect();
        seen_bottom.dedup();
        for key in seen_bottom {
            *bottom_counts.entry(key).or_default() += 1;
        }
    }
    let threshold = pages.len().div_ceil(2).max(2);
    for (page, page_lines) in pages.iter().zip(lines.iter_mut()) {
        let (top, bottom) = candidates(page, page_lines);
        let mut remove: Vec<usize> = Vec::new();
        for (indices, counts) in [(&top, &top_counts), (&bottom, &bottom_counts)] {
            for &i in indices {
                let text = page_lines[i].text();
                let repeated = counts.get(&mask(&text)).is_some_and(|&c| c >= threshold);
                if repeated || is_page_number(&text) {
                    remove.push(i);
                }
            }
        }
        remove.sort_unstable();
        remove.dedup();
        for i in remove.into_iter().rev() {
            page_lines.remove(i);
        }
    }
}
