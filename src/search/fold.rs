//! Matching text: case and accent folding with a map back to the original characters, and the
//! edit distance used for typo tolerance.
//!
//! Folding is lower-casing, then replacing Latin letters with diacritics by their base letters
//! (a hand table of Latin-1 and Latin Extended-A, so no Unicode tables are pulled in), dropping
//! combining marks (U+0300..U+036F, as text in NFD carries them) and turning every run of
//! whitespace into one space.

/// Text folded for matching, with where each byte of it came from in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the index of the original character it came from; `None` when
    /// that is the byte offset itself (ASCII text with nothing collapsed).
    map: Option<Vec<u32>>,
    /// Number of characters of the original text.
    chars: usize,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len());
        let mut chars = 0;
        for (i, c) in original.chars().enumerate() {
            chars = i + 1;
            if c.is_whitespace() {
                if !text.ends_with(' ') {
                    text.push(' ');
                    map.push(i as u32);
                }
                continue;
            }
            for lower in c.to_lowercase() {
                let before = text.len();
                push_base(lower, &mut text);
                map.resize(map.len() + text.len() - before, i as u32);
            }
        }
        let identity = original.is_ascii() && text.len() == original.len();
        Self {
            text,
            map: (!identity).then_some(map),
            chars,
        }
    }

    /// The original character index of folded byte `b`.
    fn origin(&self, b: usize) -> usize {
        match &self.map {
            None => b,
            Some(m) => m[b] as usize,
        }
    }

    /// The character range of the original text that folded bytes `start..end` come from
    /// (with the combining marks that follow its last character).
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.origin(start);
        let last = self.origin(end.max(start + 1) - 1) + 1;
        let next = if end < self.text.len() {
            self.origin(end)
        } else {
            self.chars
        };
        first..last.max(next)
    }
}

/// Folds `text` and returns only the folded string.
pub fn fold(text: &str) -> String {
    Folded::new(text).text
}

/// Appends the base form of the lower-case character `c` to `out`.
fn push_base(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return;
    }
    match c {
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ĳ' => out.push_str("ij"),
        _ => out.push(base_letter(c).unwrap_or(c)),
    }
}

/// Latin-1 Supplement lower-case letters U+00E0..U+00FF by base letter (`-`: none).
const LATIN1: &str = "aaaaaaæceeeeiiiiðnooooo-ouuuuyþy";
/// Latin Extended-A U+0100..U+017F by base letter.
const LATIN_A: &str = concat!(
    "aaaaaa",
    "cccccccc",
    "dddd",
    "eeeeeeeeee",
    "gggggggg",
    "hhhh",
    "iiiiiiiiii",
    "--",
    "jj",
    "kkk",
    "llllllllll",
    "nnnnnnnnn",
    "oooooo",
    "--",
    "rrrrrr",
    "ssssssss",
    "tttttt",
    "uuuuuuuuuuuu",
    "ww",
    "yyy",
    "zzzzzz",
    "s",
);

/// The number of characters of the two tables (for a test).
#[cfg(test)]
pub(crate) fn tables_len() -> (usize, usize) {
    (LATIN1.chars().count(), LATIN_A.chars().count())
}

fn base_letter(c: char) -> Option<char> {
    let u = c as u32;
    let (table, from) = match u {
        0xe0..=0xff => (LATIN1, 0xe0),
        0x100..=0x17f => (LATIN_A, 0x100),
        _ => return None,
    };
    table
        .chars()
        .nth((u - from) as usize)
        .filter(|b| *b != '-' && b.is_ascii())
}

/// Edit distance (insertions, deletions, substitutions and swaps of neighbours) between `q`
/// and the best prefix of `word` whose length is within `max` of `q`'s, if at most `max`:
/// `(distance, prefix length in chars)`.
pub fn prefix_distance(q: &[char], word: &[char], max: usize) -> Option<(usize, usize)> {
    let m = q.len();
    if word.len() + max < m {
        return None;
    }
    let n = word.len().min(m + max);
    let mut rows = vec![vec![0usize; n + 1]; m + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=m {
        rows[i][0] = i;
        for j in 1..=n {
            let cost = usize::from(q[i - 1] != word[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == word[j - 2] && q[i - 2] == word[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    (m.saturating_sub(max)..=n)
        .filter(|&j| j > 0)
        .map(|j| (rows[m][j], j))
        .min()
        .filter(|(d, _)| *d <= max)
}

/// The number of typos a query word of `len` characters may have: 0 below 4, 1 from 4, 2 from 8.
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}
