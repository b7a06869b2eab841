//! Where each value of a JSON text starts, by JSON pointer.
//!
//! `serde_json` reports line and column for syntax and type errors, but the checks that run after
//! parsing (a quote that does not occur, a code that does not exist) only know the *path* of the
//! offending value. This index maps paths back to places in the text. It runs only on text that
//! `serde_json` has already accepted (so nesting is bounded by `serde_json`'s recursion limit) and is
//! iterative, so it cannot overflow the stack either way.

use std::collections::HashMap;

/// A 1-based line and column (columns count `char`s, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// Positions of values and object keys in one JSON text, worked out on first use: a valid
/// file never needs them, and indexing every value of a large notes file costs more than
/// parsing it.
#[derive(Debug, Clone, Default)]
pub struct PositionIndex {
    text: String,
    built: std::cell::OnceCell<Built>,
}

#[derive(Debug, Clone, Default)]
struct Built {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    duplicate_keys: Vec<(String, Pos)>,
}

impl PositionIndex {
    fn get(&self) -> &Built {
        self.built.get_or_init(|| Scanner::new(&self.text).run())
    }

    /// Keys that occur twice in the same object: `(pointer of the repeated key, position)`.
    pub fn duplicate_keys(&self) -> &[(String, Pos)] {
        &self.get().duplicate_keys
    }

    /// Position of the value at `pointer` (RFC 6901, `""` for the root).
    pub fn value(&self, pointer: &str) -> Option<Pos> {
        self.get().values.get(pointer).copied()
    }

    /// Position of the key of the member at `pointer`, falling back to its value.
    pub fn key(&self, pointer: &str) -> Option<Pos> {
        self.get()
            .keys
            .get(pointer)
            .copied()
            .or_else(|| self.value(pointer))
    }

    /// The best position for `pointer`: the value, else the nearest enclosing value.
    pub fn nearest(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.value(p) {
                return Some(pos);
            }
            let cut = p.rfind('/')?;
            p = &p[..cut];
        }
    }

    /// An index of `text` (built when first asked). Text that is not JSON yields a partial
    /// index, never a panic.
    pub fn build(text: &str) -> Self {
        Self::from_text(text.to_owned())
    }

    /// [`PositionIndex::build`] taking the text without copying it.
    pub fn from_text(text: String) -> Self {
        Self {
            text,
            built: std::cell::OnceCell::new(),
        }
    }
}

/// True when some object of `text` repeats a key (compared as written, escapes and all).
/// A fast pre-check so that valid files skip building a [`PositionIndex`].
pub fn has_duplicate_keys(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The keys of every open object in one list, and one frame per open container: the
    // object's first key in that list, or `None` for arrays. No allocation per object.
    let mut keys: Vec<&[u8]> = Vec::with_capacity(64);
    let mut stack: Vec<Option<usize>> = Vec::with_capacity(16);
    let mut expecting_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                loop {
                    j = next_quote_or_backslash(bytes, j);
                    match bytes.get(j) {
                        Some(b'\\') => j += 2,
                        _ => break,
                    }
                }
                if expecting_key && let Some(Some(first)) = stack.last() {
                    let key = &bytes[start..j.min(bytes.len())];
                    if keys[*first..].contains(&key) {
                        return true;
                    }
                    keys.push(key);
                    expecting_key = false;
                }
                i = j + 1;
                continue;
            }
            b'{' => {
                stack.push(Some(keys.len()));
                expecting_key = true;
            }
            b'[' => {
                stack.push(None);
                expecting_key = false;
            }
            b'}' | b']' => {
                if let Some(Some(first)) = stack.pop() {
                    keys.truncate(first);
                }
                expecting_key = false;
            }
            b',' => expecting_key = matches!(stack.last(), Some(Some(_))),
            _ => {}
        }
        i += 1;
    }
    false
}

/// The position of the first `"` or `\\` at or after `from` (or the length): eight bytes at
/// a time, as most of a case file is long strings.
fn next_quote_or_backslash(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if has_zero(word ^ (ONES * u64::from(b'"'))) | has_zero(word ^ (ONES * u64::from(b'\\')))
            != 0
        {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// Escapes one pointer segment (RFC 6901).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Joins a parent pointer and a segment.
pub fn join(parent: &str, segment: &str) -> String {
    format!("{parent}/{}", escape_segment(segment))
}

enum Frame {
    Object {
        pointer: String,
        key: Option<String>,
        seen: std::collections::HashSet<String>,
    },
    Array {
        pointer: String,
        index: usize,
    },
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
    out: Built,
    stack: Vec<Frame>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            chars: text.chars().peekable(),
            line: 1,
            column: 1,
            out: Built::default(),
            stack: Vec::new(),
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(
            self.chars.peek(),
            Some(' ' | '\t' | '\n' | '\r' | '\u{feff}')
        ) {
            self.bump();
        }
    }

    /// Pointer for the value that starts now, given the innermost container.
    fn current_pointer(&mut self) -> String {
        match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Object { pointer, key, .. }) => join(pointer, key.as_deref().unwrap_or("")),
            Some(Frame::Array { pointer, index }) => {
                let p = format!("{pointer}/{index}");
                *index += 1;
                p
            }
        }
    }

    fn read_string(&mut self) -> String {
        // Opening quote already consumed.
        let mut s = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => match self.bump() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('b') => s.push('\u{8}'),
                    Some('f') => s.push('\u{c}'),
                    Some('u') => {
                        let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                        let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                        if (0xD800..0xDC00).contains(&code) {
                            // A surrogate pair: read the low half.
                            let mut low = String::new();
                            if self.chars.peek() == Some(&'\\') {
                                self.bump();
                                self.bump();
                                low = (0..4).filter_map(|_| self.bump()).collect();
                            }
                            let lo = u32::from_str_radix(&low, 16).unwrap_or(0xDC00);
                            let combined = 0x10000
                                + ((code - 0xD800) << 10)
                                + (lo.wrapping_sub(0xDC00) & 0x3FF);
                            s.push(char::from_u32(combined).unwrap_or('\u{FFFD}'));
                        } else {
                            s.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                    }
                    Some(other) => s.push(other),
                    None => break,
                },
                other => s.push(other),
            }
        }
        s
    }

    fn run(mut self) -> Built {
        loop {
            self.skip_ws();
            let Some(&c) = self.chars.peek() else { break };
            // Inside an object, a string in key position is a key.
            let expecting_key = matches!(self.stack.last(), Some(Frame::Object { key: None, .. }));
            match c {
                '"' if expecting_key => {
                    let at = self.pos();
                    self.bump();
                    let name = self.read_string();
                    if let Some(Frame::Object { pointer, key, seen }) = self.stack.last_mut() {
                        let member = join(pointer, &name);
                        if !seen.insert(name.clone()) {
                            self.out.duplicate_keys.push((member.clone(), at));
                        }
                        self.out.keys.insert(member, at);
                        *key = Some(name);
                    }
                    self.skip_ws();
                    if self.chars.peek() == Some(&':') {
                        self.bump();
                    }
                }
                ',' => {
                    self.bump();
                    if let Some(Frame::Object { key, .. }) = self.stack.last_mut() {
                        *key = None;
                    }
                }
                '}' | ']' => {
                    self.bump();
                    self.stack.pop();
                    if let Some(Frame::Object { .. }) = self.stack.last() {
                        // The container was a member value; the next token is ',' or '}'.
                    }
                }
                _ => {
                    let at = self.pos();
                    let pointer = self.current_pointer();
                    self.out.values.insert(pointer.clone(), at);
                    match c {
                        '{' => {
                            self.bump();
                            self.stack.push(Frame::Object {
                                pointer,
                                key: None,
                                seen: Default::default(),
                            });
                        }
                        '[' => {
                            self.bump();
                            self.stack.push(Frame::Array { pointer, index: 0 });
                        }
                        '"' => {
                            self.bump();
                            self.read_string();
                        }
                        _ => {
                            // Number, true, false, null: read to the next delimiter.
                            while let Some(&d) = self.chars.peek() {
                                if matches!(d, ',' | '}' | ']' | ' ' | '\t' | '\n' | '\r') {
                                    break;
                                }
                                self.bump();
                            }
                        }
                    }
                }
            }
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_keys() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c/d\": true\n}";
        let idx = PositionIndex::build(text);
        assert_eq!(idx.value(""), Some(Pos { line: 1, column: 1 }));
        assert_eq!(idx.value("/a"), Some(Pos { line: 2, column: 8 }));
        assert_eq!(idx.value("/a/0"), Some(Pos { line: 2, column: 9 }));
        assert_eq!(
            idx.value("/a/1/b"),
            Some(Pos {
                line: 2,
                column: 18
            })
        );
        assert_eq!(
            idx.key("/a/1/b"),
            Some(Pos {
                line: 2,
                column: 13
            })
        );
        assert_eq!(
            idx.value("/c~1d"),
            Some(Pos {
                line: 3,
                column: 10
            })
        );
        assert_eq!(
            idx.nearest("/a/1/b/zzz"),
            Some(Pos {
                line: 2,
                column: 18
            })
        );
    }

    #[test]
    fn columns_count_chars_and_escapes_do_not_confuse() {
        let text = "{\"é\\\"\": \"ü\", \"k\": 1}";
        let idx = PositionIndex::build(text);
        assert_eq!(idx.value("/é\""), Some(Pos { line: 1, column: 9 }));
        assert_eq!(
            idx.value("/k"),
            Some(Pos {
                line: 1,
                column: 19
            })
        );
    }

    #[test]
    fn reports_duplicate_keys() {
        let idx = PositionIndex::build("{\"a\": 1,\n \"a\": 2}");
        assert_eq!(
            idx.duplicate_keys(),
            [("/a".to_owned(), Pos { line: 2, column: 2 })]
        );
        assert!(has_duplicate_keys("{\"a\": 1,\n \"a\": 2}"));
        assert!(has_duplicate_keys(
            "[{\"x\": {\"a\": 1, \"b\": [1, {\"c\": 1, \"c\": 2}]}}]"
        ));
        assert!(!has_duplicate_keys(
            "{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": \"\\\"a\"}]}"
        ));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "{",
            "]]]",
            "\"unterminated",
            "{\"a\":",
            "\\u12",
            "{\"a\\\"}",
        ] {
            let _ = PositionIndex::build(text).value("/a");
            let _ = has_duplicate_keys(text);
        }
    }

    #[test]
    fn duplicate_keys_are_found_past_long_strings_and_escapes() {
        let long = "x".repeat(37);
        let ok = format!(r#"{{"a": "{long}\"{long}", "b": {{"a": "\\"}}, "c": ["{long}"]}}"#);
        assert!(!has_duplicate_keys(&ok), "{ok}");
        let dup = format!(r#"{{"a": "{long}\"{long}\\", "b": 1, "a": 2}}"#);
        assert!(has_duplicate_keys(&dup), "{dup}");
        // Every split of a string around the eight-byte steps finds its quote.
        for n in 0..20 {
            let s = format!(r#"{{"k": "{}", "k": 1}}"#, "y".repeat(n));
            assert!(has_duplicate_keys(&s), "{s}");
            assert_eq!(next_quote_or_backslash(s.as_bytes(), 7), 7 + n);
        }
    }
}
