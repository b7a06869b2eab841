//! Text helpers shared by the readers: decoding bytes, collapsing whitespace, and runs of
//! styled text written as the light Markdown of case paragraphs.

use std::borrow::Cow;

/// True when the bytes do not look like text: NUL bytes (outside UTF-16) in the first 8 KB.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Bytes as text: a BOM picks UTF-8 or UTF-16; without one, UTF-8 if valid, else Windows-1252
/// (what older text files on most machines are).
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Whitespace runs (any Unicode whitespace, including no-break spaces) as one space, trimmed;
/// soft hyphens and zero-width characters removed; ligatures spelled out.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        match c {
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
            c if c.is_whitespace() => space = true,
            c if c.is_control() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                match c {
                    '\u{fb00}' => out.push_str("ff"),
                    '\u{fb01}' => out.push_str("fi"),
                    '\u{fb02}' => out.push_str("fl"),
                    '\u{fb03}' => out.push_str("ffi"),
                    '\u{fb04}' => out.push_str("ffl"),
                    c => out.push(c),
                }
            }
        }
    }
    out
}

/// Emphasis of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Style {
    /// Italic.
    pub emphasis: bool,
    /// Bold.
    pub strong: bool,
}

/// Styled runs of one paragraph, written as light Markdown by [`Inline::finish`].
#[derive(Debug, Default)]
pub(crate) struct Inline {
    runs: Vec<(String, Style)>,
}

impl Inline {
    /// Adds text in a style.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((last, last_style)) if *last_style == style => last.push_str(text),
            _ => self.runs.push((text.to_owned(), style)),
        }
    }

    /// Adds a word break (a space) in no style.
    pub fn space(&mut self) {
        self.push(" ", Style::default());
    }

    /// True when nothing but whitespace was added.
    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|(t, _)| t.trim().is_empty())
    }

    /// The text without markup, whitespace collapsed.
    pub fn plain(&self) -> String {
        let joined: String = self.runs.iter().map(|(t, _)| t.as_str()).collect();
        clean(&joined)
    }

    /// Takes the runs, leaving this empty, and writes them as light Markdown: `*emphasis*`,
    /// `**strong**`, `***both***`, with the markers inside the run's surrounding spaces.
    pub fn take_markdown(&mut self) -> String {
        let runs = std::mem::take(&mut self.runs);
        let mut out = String::new();
        for (text, style) in &runs {
            let marker = match (style.emphasis, style.strong) {
                (false, false) => "",
                (true, false) => "*",
                (false, true) => "**",
                (true, true) => "***",
            };
            let inner = clean(text);
            if marker.is_empty() || inner.is_empty() {
                out.push_str(text);
                continue;
            }
            if text.starts_with(char::is_whitespace) {
                out.push(' ');
            }
            out.push_str(marker);
            out.push_str(&inner);
            out.push_str(marker);
            if text.ends_with(char::is_whitespace) {
                out.push(' ');
            }
        }
        clean(&out)
    }

    /// Takes the runs as plain text.
    pub fn take_plain(&mut self) -> String {
        let text = self.plain();
        self.runs.clear();
        text
    }
}
