//! Text of PDF pages from positioned glyphs: lines, columns, running headers and footers,
//! paragraphs, headings, list items and table rows. Pure geometry over what the extractor gives
//! (`document/pdf.rs`); nothing here reads PDF.
//!
//! - **Lines**: glyphs on one baseline (within 45% of the type size), left to right; a gap of
//!   more than a fifth of the type size is a space, more than 1.6 times it separates cells.
//! - **Running headers and footers**: among the two lines nearest the top and the two nearest
//!   the bottom of each page (within 12% of the page's height from its edge), a line whose
//!   text, with its numbers masked, repeats on at least half the pages (two at least) is removed,
//!   and so is a bare page number ("12", "Page 3", "4 of 20", "- 5 -", "xii").
//! - **Columns**: a page has two columns when a vertical band near its middle is crossed by at
//!   most a fifth of its lines and at least three lines lie on each side. Lines crossing it (a
//!   title over both columns) are read in place; between them the left column is read, then the
//!   right.
//! - **Paragraphs**: lines join until a vertical gap wider than 1.35 times the usual line
//!   spacing, a change of type size, a list marker, a table row, a line indented further than
//!   the one above, or a line in upper case after one that stops short of the column's right
//!   edge (by more than a third of its width). At a column or page break a paragraph goes on
//!   when its last line runs to the column's right edge or the next line starts in lower case.
//!   A word hyphenated at a line end ("strate-" then "gic...") is joined without the hyphen when
//!   the next line starts in lower case; soft hyphens are dropped. (A compound such as
//!   "long-term" broken at its own hyphen loses it too: the text cannot tell the two apart.)
//! - **Headings**: lines at least 15% larger than the body text (the size most characters have).
//! - **Lists**: a line starting with a bullet (`•`, `◦`, `▪`, `‣`, `●`, `–`, `-`, `*`) starts an
//!   item; lines indented under its text continue it. A bullet drawn on a baseline of its own
//!   joins the line beside it.
//! - **Tables**: a line of two or more cells is a table row of its own.

use std::collections::HashMap;

mod running;

#[cfg(test)]
pub(crate) use running::is_page_number;
use running::remove_running_lines;

/// One glyph as drawn: its left edge and baseline in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Type size in points.
    pub size: f64,
    /// Horizontal advance in points.
    pub advance: f64,
    /// The character(s) it stands for.
    pub text: String,
}

/// One page's glyphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
}

/// What the pages are made of, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading.
    Heading(String),
    /// A paragraph.
    Paragraph(String),
    /// A list item (without its bullet).
    ListItem(String),
    /// A table row's cells.
    Row(Vec<String>),
}

/// A run of text on a line, apart from the next by a wide gap.
#[derive(Debug, Clone, PartialEq)]
struct Chunk {
    x0: f64,
    x1: f64,
    /// Baseline of its first glyph.
    y: f64,
    /// Type size of its first visible glyph.
    size: f64,
    text: String,
}

/// A line of one page.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    y: f64,
    size: f64,
    chunks: Vec<Chunk>,
}

impl Line {
    fn x0(&self) -> f64 {
        self.chunks.first().map_or(0.0, |c| c.x0)
    }

    fn x1(&self) -> f64 {
        self.chunks.last().map_or(0.0, |c| c.x1)
    }

    fn text(&self) -> String {
        let parts: Vec<&str> = self.chunks.iter().map(|c| c.text.as_str()).collect();
        parts.join(" ")
    }
}

/// A line in reading order: which page and column it is in.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    line: Line,
    page: usize,
    /// 0: across the page, 1: left column, 2: right column.
    column: u8,
}

/// The blocks of a document's pages, in reading order.
pub fn layout(pages: &[Page]) -> Vec<Block> {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(lines_of).collect();
    remove_running_lines(pages, &mut lines);
    let mut placed = Vec::new();
    for (page_index, (page, page_lines)) in pages.iter().zip(lines).enumerate() {
        place_columns(page, page_lines, page_index, &mut placed);
    }
    attach_lone_bullets(&mut placed);
    paragraphs(&placed)
}

/// Glyphs grouped into lines, top to bottom.
fn lines_of(page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.is_empty() && g.size > 0.0 && g.x.is_finite() && g.y.is_finite())
        .collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in glyphs {
        match groups.last_mut() {
            Some(group)
                if group.first().is_some_and(|first| {
                    (glyph.y - first.y).abs() <= 0.45 * glyph.size.max(first.size)
                }) =>
            {
                group.push(glyph);
            }
            _ => groups.push(vec![glyph]),
        }
    }
    groups.into_iter().filter_map(line_of).collect()
}

/// A bullet drawn on a baseline of its own (a larger bullet font, say) joins the line it
/// marks: the line just below or above it in its column that starts to its right.
fn attach_lone_bullets(lines: &mut Vec<Placed>) {
    let mut i = 0;
    while i < lines.len() {
        let lone = match lines[i].line.chunks.as_slice() {
            [chunk]
                if matches!(
                    chunk.text.as_str(),
                    "•" | "◦" | "▪" | "‣" | "●" | "○" | "■" | "□"
                ) =>
            {
                Some(chunk.clone())
            }
            _ => None,
        };
        let Some(mark) = lone else {
            i += 1;
            continue;
        };
        let (page, column, y) = (lines[i].page, lines[i].column, lines[i].line.y);
        let target = [i + 1, i.wrapping_sub(1)].into_iter().find(|&j| {
            lines.get(j).is_some_and(|p| {
                let l = &p.line;
                p.page == page
                    && p.column == column
                    && (l.y - y).abs() < 0.8 * l.size.max(mark.size)
                    && l.x0() >= mark.x1 - 1.0
                    && l.x0() - mark.x1 < 3.0 * l.size
            })
        });
        let Some(j) = target else {
            i += 1;
            continue;
        };
        if let Some(first) = lines[j].line.chunks.first_mut() {
            first.text = format!("{} {}", mark.text, first.text);
            first.x0 = mark.x0;
        }
        lines.remove(i);
        if j < i {
            i -= 1;
        }
    }
}

/// The middle value (the upper one of an even count).
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// One line from its glyphs: sorted left to right, spaces and cells from the gaps. Each chunk
/// has the size most of its glyphs have (a bullet may be larger than its item's text).
fn line_of(mut glyphs: Vec<&Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut sizes: Vec<f64> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| g.size)
        .collect();
    let size = median(&mut sizes)?;
    let y = glyphs.first()?.y;
    let mut chunks: Vec<(Chunk, Vec<f64>)> = Vec::new();
    let mut end = f64::NEG_INFINITY;
    let mut last: Option<&Glyph> = None;
    for glyph in glyphs {
        // Text drawn twice to look bold: skip the copy.
        if last.is_some_and(|l| l.text == glyph.text && (l.x - glyph.x).abs() < 0.05 * size) {
            continue;
        }
        let gap = glyph.x - end;
        let blank = glyph.text.trim().is_empty();
        match chunks.last_mut() {
            Some((chunk, sizes)) if gap <= 1.6 * size || blank => {
                if gap > 0.2 * size && !blank && !chunk.text.ends_with(' ') {
                    chunk.text.push(' ');
                }
                chunk.text.push_str(if blank { " " } else { &glyph.text });
                if !blank {
                    chunk.x1 = glyph.x + glyph.advance;
                    sizes.push(glyph.size);
                }
            }
            _ if blank => {}
            _ => chunks.push((
                Chunk {
                    x0: glyph.x,
                    x1: glyph.x + glyph.advance,
                    y: glyph.y,
                    size: glyph.size,
                    text: glyph.text.clone(),
                },
                vec![glyph.size],
            )),
        }
        end = end.max(glyph.x + glyph.advance);
        last = Some(glyph);
    }
    let chunks: Vec<Chunk> = chunks
        .into_iter()
        .map(|(mut chunk, mut sizes)| {
            chunk.text = super::text::clean(&chunk.text);
            chunk.size = median(&mut sizes).unwrap_or(chunk.size);
            chunk
        })
        .filter(|c| !c.text.is_empty())
        .collect();
    (!chunks.is_empty()).then_some(Line { y, size, chunks })
}

/// The x of a gutter between two columns, if the page has two.
fn gutter(page: &Page, lines: &[Line]) -> Option<f64> {
    if lines.len() < 6 || page.width <= 0.0 {
        return None;
    }
    let crossing = |x: f64| {
        lines
            .iter()
            .filter(|l| l.chunks.iter().any(|c| c.x0 < x && x < c.x1))
            .count()
    };
    let (start, end) = (page.width * 0.3, page.width * 0.7);
    let steps = 200;
    let candidates: Vec<(f64, usize)> = (0..=steps)
        .map(|i| {
            let x = start + (end - start) * f64::from(i) / f64::from(steps);
            (x, crossing(x))
        })
        .collect();
    let least = candidates.iter().map(|c| c.1).min()?;
    // The middle of the widest run of candidates with the fewest crossings.
    let mut best: Option<(f64, f64)> = None;
    let mut run_start: Option<f64> = None;
    for (i, &(x, count)) in candidates.iter().enumerate() {
        if count == least {
            let from = *run_start.get_or_insert(x);
            let closes = candidates.get(i + 1).is_none_or(|next| next.1 != least);
            if closes && best.is_none_or(|(a, b)| x - from > b - a) {
                best = Some((from, x));
            }
        } else {
            run_start = None;
        }
    }
    let (from, to) = best?;
    let x = f64::midpoint(from, to);
    let left = lines
        .iter()
        .filter(|l| l.chunks.iter().any(|c| c.x1 <= x))
        .count();
    let right = lines
        .iter()
        .filter(|l| l.chunks.iter().any(|c| c.x0 >= x))
        .count();
    let enough = |n: usize| n >= 3 && n * 5 >= lines.len();
    (least * 5 <= lines.len() && enough(left) && enough(right)).then_some(x)
}

/// A page's lines in reading order: in two-column pages, left then right between lines that
/// cross the gutter.
fn place_columns(page: &Page, lines: Vec<Line>, page_index: usize, out: &mut Vec<Placed>) {
    let Some(x) = gutter(page, &lines) else {
        out.extend(lines.into_iter().map(|line| Placed {
            line,
            page: page_index,
            column: 0,
        }));
        return;
    };
    let mut left: Vec<Placed> = Vec::new();
    let mut right: Vec<Placed> = Vec::new();
    for line in lines {
        if line.chunks.iter().any(|c| c.x0 < x && x < c.x1) {
            out.append(&mut left);
            out.append(&mut right);
            out.push(Placed {
                line,
                page: page_index,
                column: 0,
            });
            continue;
        }
        let (l, r): (Vec<Chunk>, Vec<Chunk>) = line.chunks.into_iter().partition(|c| c.x1 <= x);
        for (chunks, column, side) in [(l, 1, &mut left), (r, 2, &mut right)] {
            if let Some(first) = chunks.first() {
                // A column's part of a line has its own size and baseline: a heading in one
                // column can share a baseline with body text in the other.
                let (y, size) = (first.y, first.size);
                side.push(Placed {
                    line: Line { y, size, chunks },
                    page: page_index,
                    column,
                });
            }
        }
    }
    out.append(&mut left);
    out.append(&mut right);
}

/// Sizes and spacing that say what is body text.
struct Measures {
    body: f64,
    spacing: f64,
    /// (page, column) -> (left edge, right edge) of body lines.
    edges: HashMap<(usize, u8), (f64, f64)>,
}

fn measures(placed: &[Placed]) -> Measures {
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    for p in placed {
        let chars = p.line.chunks.iter().map(|c| c.text.len()).sum::<usize>();
        *by_size
            .entry((p.line.size * 2.0).round() as i64)
            .or_default() += chars;
    }
    let body = by_size
        .iter()
        .max_by_key(|(size, count)| (**count, -**size))
        .map_or(10.0, |(size, _)| *size as f64 / 2.0);
    let is_body = |p: &Placed| (p.line.size - body).abs() <= body * 0.1;
    let mut gaps: Vec<f64> = placed
        .windows(2)
        .filter(|w| w[0].page == w[1].page && w[0].column == w[1].column)
        .filter(|w| is_body(&w[0]) && is_body(&w[1]))
        .map(|w| w[1].line.y - w[0].line.y)
        .filter(|g| *g > 0.0 && *g < body * 3.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let spacing = gaps.get(gaps.len() / 4).copied().unwrap_or(body * 1.2);
    let mut edges: HashMap<(usize, u8), (f64, f64)> = HashMap::new();
    for p in placed.iter().filter(|p| is_body(p)) {
        let e = edges
            .entry((p.page, p.column))
            .or_insert((f64::INFINITY, f64::NEG_INFINITY));
        e.0 = e.0.min(p.line.x0());
        e.1 = e.1.max(p.line.x1());
    }
    Measures {
        body,
        spacing,
        edges,
    }
}

/// A list marker at the start of a line, and the text after it.
fn bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let marker = matches!(
        first,
        '•' | '◦' | '▪' | '‣' | '●' | '○' | '■' | '□' | '–' | '·'
    ) || (matches!(first, '-' | '*') && rest.starts_with(' '));
    (marker && !rest.trim().is_empty()).then(|| rest.trim_start())
}

/// Joins a line to the text before it, undoing hyphenation at the line end.
pub(crate) fn join_lines(text: &mut String, next: &str) {
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if let Some(stem) = text.strip_suffix('-') {
        let hyphenated = stem.chars().last().is_some_and(char::is_alphabetic);
        if hyphenated && next_lower {
            text.pop();
            text.push_str(next);
            return;
        }
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(next);
}

/// What is being collected.
enum Open {
    Nothing,
    Heading(String, f64),
    Paragraph(String),
    Item(String, f64),
}

/// Lines in reading order to blocks.
fn paragraphs(placed: &[Placed]) -> Vec<Block> {
    let m = measures(placed);
    let mut blocks = Vec::new();
    let mut open = Open::Nothing;
    let mut previous: Option<&Placed> = None;
    for p in placed {
        let text = p.line.text();
        let heading = p.line.size >= m.body * 1.15 && text.chars().count() < 200;
        open = if p.line.chunks.len() >= 2 && !heading {
            close(open, &mut blocks);
            let cells = p.line.chunks.iter().map(|c| c.text.clone()).collect();
            blocks.push(Block::Row(cells));
            Open::Nothing
        } else if heading {
            match open {
                Open::Heading(mut title, size)
                    if (size - p.line.size).abs() <= size * 0.05
                        && follows(previous, p, &m, 2.0) =>
                {
                    join_lines(&mut title, &text);
                    Open::Heading(title, size)
                }
                other => {
                    close(other, &mut blocks);
                    Open::Heading(text, p.line.size)
                }
            }
        } else if let Some(item) = bullet(&text) {
            close(open, &mut blocks);
            Open::Item(item.to_owned(), p.line.x0())
        } else {
            continue_or_start(open, previous, p, text, &m, &mut blocks)
        };
        previous = Some(p);
    }
    close(open, &mut blocks);
    blocks
}

/// True when `p` is the next line of the same column, within `factor` line spacings.
fn follows(previous: Option<&Placed>, p: &Placed, m: &Measures, factor: f64) -> bool {
    previous.is_some_and(|q| {
        q.page == p.page
            && q.column == p.column
            && p.line.y > q.line.y
            && p.line.y - q.line.y <= m.spacing.max(q.line.size) * factor
    })
}

fn continue_or_start(
    open: Open,
    previous: Option<&Placed>,
    p: &Placed,
    text: String,
    m: &Measures,
    blocks: &mut Vec<Block>,
) -> Open {
    let Some(q) = previous else {
        return Open::Paragraph(text);
    };
    let same_size = (p.line.size - q.line.size).abs() <= m.body * 0.1;
    let near = follows(previous, p, m, 1.35);
    let moved_on = q.page != p.page || q.column != p.column;
    let runs_to_edge = m
        .edges
        .get(&(q.page, q.column))
        .is_some_and(|&(_, right)| q.line.x1() >= right - 2.0 * m.body);
    let lower = text.chars().next().is_some_and(char::is_lowercase);
    // A line ending well before the column's right edge ends its paragraph, unless the next
    // line goes on in lower case.
    let short = m
        .edges
        .get(&(q.page, q.column))
        .is_some_and(|&(left, right)| q.line.x1() < right - 0.35 * (right - left));
    let carries_on =
        same_size && (near || (moved_on && (runs_to_edge || lower))) && (!short || lower);
    match open {
        Open::Paragraph(mut paragraph)
            if carries_on && (moved_on || p.line.x0() <= q.line.x0() + 0.8 * m.body) =>
        {
            join_lines(&mut paragraph, &text);
            Open::Paragraph(paragraph)
        }
        Open::Item(mut item, x) if carries_on && (moved_on || p.line.x0() > x + 0.3 * m.body) => {
            join_lines(&mut item, &text);
            Open::Item(item, x)
        }
        other => {
            close(other, blocks);
            Open::Paragraph(text)
        }
    }
}

fn close(open: Open, blocks: &mut Vec<Block>) {
    match open {
        Open::Nothing => {}
        Open::Heading(text, _) => blocks.push(Block::Heading(text)),
        Open::Paragraph(text) => blocks.push(Block::Paragraph(text)),
        Open::Item(text, _) => blocks.push(Block::ListItem(text)),
    }
}
