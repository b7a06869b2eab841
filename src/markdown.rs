//! The light Markdown of case paragraphs: `*emphasis*`, `**strong**` and `- ` list lines.
//!
//! Spans keep their character range in the source text, so a quote or highlight given as a
//! range of the raw paragraph can be drawn on the rendered text without a second mapping.

use std::ops::Range;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Character range in the paragraph's raw text.
    pub range: Range<usize>,
    /// Inside `*...*` or `_..._`.
    pub emphasis: bool,
    /// Inside `**...**`.
    pub strong: bool,
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// True for a `- ` list item (the marker is not part of any span).
    pub bullet: bool,
    /// Styled runs; text between them is markup.
    pub spans: Vec<Span>,
}

/// Splits a paragraph into lines and styled spans.
pub fn parse(text: &str) -> Vec<Line> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start <= chars.len() {
        let end = chars[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| start + p);
        let mut content = start;
        let bullet = chars.get(start..start + 2) == Some(&['-', ' '])
            || chars.get(start..start + 2) == Some(&['*', ' ']);
        if bullet {
            content += 2;
        }
        lines.push(Line {
            bullet,
            spans: inline(&chars, content..end),
        });
        start = end + 1;
    }
    lines
}

fn inline(chars: &[char], range: Range<usize>) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut emphasis = false;
    let mut strong = false;
    let mut run_start = range.start;
    let mut i = range.start;
    let push = |spans: &mut Vec<Span>, r: Range<usize>, emphasis, strong| {
        if !r.is_empty() {
            spans.push(Span {
                range: r,
                emphasis,
                strong,
            });
        }
    };
    while i < range.end {
        let c = chars[i];
        let double = c == '*' && chars.get(i + 1) == Some(&'*');
        // A marker only counts when it has a partner later on the line; a lone `*` is text.
        if double && (strong || has_closing(chars, i + 2, range.end, true)) {
            push(&mut spans, run_start..i, emphasis, strong);
            strong = !strong;
            i += 2;
            run_start = i;
        } else if (c == '*' || c == '_')
            && !double
            && (emphasis || has_closing_single(chars, i + 1, range.end, c))
            && is_marker_position(chars, i, emphasis)
        {
            push(&mut spans, run_start..i, emphasis, strong);
            emphasis = !emphasis;
            i += 1;
            run_start = i;
        } else {
            i += 1;
        }
    }
    push(&mut spans, run_start..range.end, emphasis, strong);
    spans
}

fn has_closing(chars: &[char], from: usize, end: usize, _double: bool) -> bool {
    (from..end.saturating_sub(1)).any(|j| chars[j] == '*' && chars[j + 1] == '*')
}

fn has_closing_single(chars: &[char], from: usize, end: usize, marker: char) -> bool {
    (from..end).any(|j| chars[j] == marker && chars.get(j + 1) != Some(&marker) && j > from)
}

/// Opening markers must precede a non-space; closing markers follow a non-space.
/// This keeps `snake_case` words and `2 * 3` as text.
fn is_marker_position(chars: &[char], i: usize, closing: bool) -> bool {
    let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
    let after = chars.get(i + 1).copied();
    if closing {
        before.is_some_and(|b| !b.is_whitespace()) && after.is_none_or(|a| !a.is_alphanumeric())
    } else {
        after.is_some_and(|a| !a.is_whitespace()) && before.is_none_or(|b| !b.is_alphanumeric())
    }
}

/// The text a reader sees (markup removed), lines joined by `\n`.
pub fn plain(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    parse(text)
        .iter()
        .map(|line| {
            let body: String = line
                .spans
                .iter()
                .flat_map(|s| chars[s.range.clone()].iter())
                .collect();
            if line.bullet {
                format!("• {body}")
            } else {
                body
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, bool, bool)> {
        let chars: Vec<char> = text.chars().collect();
        parse(text)
            .into_iter()
            .flat_map(|l| l.spans)
            .map(|s| (chars[s.range].iter().collect(), s.emphasis, s.strong))
            .collect()
    }

    #[test]
    fn emphasis_and_strong() {
        assert_eq!(
            texts("a *b* **c** d"),
            vec![
                ("a ".into(), false, false),
                ("b".into(), true, false),
                (" ".into(), false, false),
                ("c".into(), false, true),
                (" d".into(), false, false)
            ]
        );
    }

    #[test]
    fn lone_markers_and_snake_case_stay_text() {
        assert_eq!(plain("2 * 3 = 6"), "2 * 3 = 6");
        assert_eq!(plain("snake_case_word"), "snake_case_word");
        assert_eq!(plain("**unclosed"), "**unclosed");
    }

    #[test]
    fn list_lines() {
        let lines = parse("Intro:\n- one\n- *two*");
        assert_eq!(lines.len(), 3);
        assert!(!lines[0].bullet && lines[1].bullet && lines[2].bullet);
        assert_eq!(plain("Intro:\n- one\n- *two*"), "Intro:\n• one\n• two");
    }

    #[test]
    fn ranges_index_raw_chars() {
        let text = "é *ü*";
        let spans: Vec<Span> = parse(text).into_iter().flat_map(|l| l.spans).collect();
        assert_eq!(spans[1].range, 3..4);
    }
}

/// A paragraph as displayed: plain text plus the way back to raw character offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The text a reader sees (markup removed, `• ` before list items).
    pub plain: String,
    /// For each char of `plain`, its char index in the raw text (`None` for inserted bullets
    /// and line breaks that stand for markup).
    pub raw_index: Vec<Option<usize>>,
    /// Styled runs as char ranges of `plain`: (range, emphasis, strong).
    pub runs: Vec<(Range<usize>, bool, bool)>,
}

impl Rendered {
    /// Raw char range covered by the plain char range `plain` (None if it covers no raw text).
    pub fn to_raw(&self, plain: Range<usize>) -> Option<Range<usize>> {
        let covered: Vec<usize> = self
            .raw_index
            .get(plain)?
            .iter()
            .flatten()
            .copied()
            .collect();
        Some(*covered.first()?..*covered.last()? + 1)
    }

    /// Plain char range showing the raw char range `raw` (None if none of it is visible).
    pub fn to_plain(&self, raw: Range<usize>) -> Option<Range<usize>> {
        let hits: Vec<usize> = self
            .raw_index
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some_and(|r| raw.contains(&r)))
            .map(|(i, _)| i)
            .collect();
        Some(*hits.first()?..*hits.last()? + 1)
    }
}

/// Renders a paragraph for display, keeping the mapping to raw offsets.
pub fn render(text: &str) -> Rendered {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Rendered {
        plain: String::new(),
        raw_index: Vec::new(),
        runs: Vec::new(),
    };
    let mut n = 0;
    for (li, line) in parse(text).iter().enumerate() {
        if li > 0 {
            out.plain.push('\n');
            out.raw_index.push(None);
            n += 1;
        }
        if line.bullet {
            for c in ['•', ' ', ' '] {
                out.plain.push(c);
                out.raw_index.push(None);
                n += 1;
            }
        }
        for span in &line.spans {
            let start = n;
            for i in span.range.clone() {
                out.plain.push(chars[i]);
                out.raw_index.push(Some(i));
                n += 1;
            }
            out.runs.push((start..n, span.emphasis, span.strong));
        }
    }
    out
}

#[cfg(test)]
mod render_tests {
    use super::*;

    #[test]
    fn maps_plain_selections_back_to_raw_offsets() {
        let raw = "A *big* deal:\n- one item";
        let r = render(raw);
        assert_eq!(r.plain, "A big deal:\n•  one item");
        let plain_big = r.plain.find("big").unwrap();
        let raw_range = r.to_raw(plain_big..plain_big + 3).unwrap();
        let raw_chars: Vec<char> = raw.chars().collect();
        assert_eq!(
            raw_chars[raw_range.clone()].iter().collect::<String>(),
            "big"
        );
        assert_eq!(r.to_plain(raw_range), Some(plain_big..plain_big + 3));
        // A selection of only the bullet maps to nothing.
        let bullet = r.plain.chars().position(|c| c == '•').unwrap();
        assert_eq!(r.to_raw(bullet..bullet + 1), None);
    }
}
