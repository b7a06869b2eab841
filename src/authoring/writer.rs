//! The stable writer: a case or framework as indented JSON whose key order and formatting do
//! not move between saves, so a one-word edit is a one-line diff.
//!
//! Key order comes from two places. The *canonical* order is serde's: the order of the fields
//! of the Rust types (the order `docs/FORMAT.md` shows), with the facets of a case in the order
//! of its framework's dimensions. The *learned* order is the file's own: when a file is opened
//! its text is read once for the order of the keys of each kind of object (every question,
//! every facet, the facets map itself, …), and that order wins, so a file written by hand or
//! by another tool keeps its layout. Keys the file never had go after their canonical
//! predecessor. Top-level `x-` extensions are written back where the file had them (new ones
//! last, by name).
//!
//! Formatting is fixed: two-space indentation, one key or array item a line, `": "` after a
//! key, `[]` and `{}` for empty containers, a final newline: what `serde_json`'s pretty
//! printer and Python's `json.dumps(indent=2, ensure_ascii=False)` write, and what the bundled
//! files are. Strings and numbers are copied as `serde_json` writes them.
//!
//! The writer never drops a key: anything serde emits is written, whether or not a layout
//! knows it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::AuthoringError;

/// How a file lays out its objects: for each kind of object (named by a path pattern such as
/// `/questions/[]` or `/facets/*/evidence/[]`), the order its keys came in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    orders: HashMap<String, Vec<String>>,
}

/// Which objects of a document are maps (their keys are data, like the facets of a case), with
/// the canonical order of their keys when there is one.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shape<'a> {
    /// `(pattern, canonical key order)`; keys outside the order follow it, as serde wrote them.
    pub maps: &'a [(&'a str, &'a [String])],
}

impl Shape<'_> {
    fn map_order(&self, pattern: &str) -> Option<&[String]> {
        self.maps
            .iter()
            .find(|(p, _)| *p == pattern)
            .map(|(_, order)| *order)
    }
}

impl Layout {
    /// The layout of a JSON text the parser accepted (an empty layout if it is not JSON).
    pub(crate) fn learn(text: &str, shape: Shape<'_>) -> Self {
        let mut layout = Self::default();
        if let Ok(root) = Parser::new(text).document() {
            layout.observe(&root, "", shape);
        }
        layout
    }

    /// The learned key order for objects at `pattern`, if any.
    pub fn order(&self, pattern: &str) -> Option<&[String]> {
        self.orders.get(pattern).map(Vec::as_slice)
    }

    fn observe(&mut self, node: &Node<'_>, pattern: &str, shape: Shape<'_>) {
        match node {
            Node::Scalar(_) => {}
            Node::Array(items) => {
                let child = format!("{pattern}/[]");
                for item in items {
                    self.observe(item, &child, shape);
                }
            }
            Node::Object(members) => {
                let order = match self.orders.get_mut(pattern) {
                    Some(order) => order,
                    None => self.orders.entry(pattern.to_owned()).or_default(),
                };
                // Most objects of a kind have keys already seen: nothing to merge.
                if !members.iter().all(|(k, _)| order.iter().any(|o| o == k)) {
                    let keys: Vec<&str> = members.iter().map(|(k, _)| *k).collect();
                    *order = merge_orders(order, &keys);
                }
                let is_map = shape.map_order(pattern).is_some();
                for (key, value) in members {
                    if matches!(value, Node::Scalar(_)) {
                        continue;
                    }
                    let child = if is_map {
                        format!("{pattern}/*")
                    } else {
                        format!("{pattern}/{key}")
                    };
                    self.observe(value, &child, shape);
                }
            }
        }
    }
}

/// `known` followed, where they fit, by the keys of `seen` it lacks: each new key goes after the
/// nearest key before it in `seen` that is already placed (or first when there is none).
fn merge_orders(known: &[String], seen: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = known.to_vec();
    for (i, key) in seen.iter().enumerate() {
        if out.iter().any(|k| k == key) {
            continue;
        }
        let after = seen[..i]
            .iter()
            .rev()
            .find_map(|prev| out.iter().position(|k| k == prev));
        out.insert(after.map_or(0, |p| p + 1), (*key).to_owned());
    }
    out
}

/// Writes `doc` (plus top-level `extensions`) in the stable layout.
pub(crate) fn write<T: Serialize>(
    doc: &T,
    extensions: &BTreeMap<String, Value>,
    layout: &Layout,
    shape: Shape<'_>,
) -> Result<String, AuthoringError> {
    let compact = serde_json::to_string(doc).map_err(AuthoringError::Encode)?;
    let ext_texts: Vec<(String, String)> = extensions
        .iter()
        .map(|(k, v)| {
            let key = serde_json::to_string(k)?;
            Ok((key[1..key.len() - 1].to_owned(), serde_json::to_string(v)?))
        })
        .collect::<Result<_, serde_json::Error>>()
        .map_err(AuthoringError::Encode)?;
    let mut root = Parser::new(&compact).document().map_err(encode_bug)?;
    if let Node::Object(members) = &mut root {
        for (key, text) in &ext_texts {
            let value = Parser::new(text).document().map_err(encode_bug)?;
            members.push((key.as_str(), value));
        }
    }
    let mut out = String::with_capacity(compact.len() + compact.len() / 4 + 64);
    Printer { layout, shape }.node(&mut out, &root, "", 0);
    out.push('\n');
    Ok(out)
}

fn encode_bug(message: String) -> AuthoringError {
    AuthoringError::Encode(<serde_json::Error as serde::ser::Error>::custom(message))
}

struct Printer<'a> {
    layout: &'a Layout,
    shape: Shape<'a>,
}

impl Printer<'_> {
    fn node(&self, out: &mut String, node: &Node<'_>, pattern: &str, depth: usize) {
        match node {
            Node::Scalar(raw) => out.push_str(raw),
            Node::Array(items) if items.is_empty() => out.push_str("[]"),
            Node::Object(members) if members.is_empty() => out.push_str("{}"),
            Node::Array(items) => {
                let child = format!("{pattern}/[]");
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    self.node(out, item, &child, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Node::Object(members) => {
                let is_map = self.shape.map_order(pattern).is_some();
                let map_child = if is_map {
                    format!("{pattern}/*")
                } else {
                    String::new()
                };
                out.push('{');
                let order = self.order(pattern, members);
                for i in 0..members.len() {
                    let (key, value) = &members[order.as_ref().map_or(i, |o| o[i])];
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    out.push('"');
                    out.push_str(key);
                    out.push_str("\": ");
                    match value {
                        // Scalars need no pattern: the common case allocates nothing.
                        Node::Scalar(raw) => out.push_str(raw),
                        _ if is_map => self.node(out, value, &map_child, depth + 1),
                        _ => self.node(out, value, &format!("{pattern}/{key}"), depth + 1),
                    }
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }

    /// The order to write `members` in (`None`: as they are): the learned order, with the
    /// other keys placed after their canonical predecessor.
    fn order(&self, pattern: &str, members: &[(&str, Node<'_>)]) -> Option<Vec<usize>> {
        let learned = self.layout.order(pattern);
        let map_order = self.shape.map_order(pattern);
        // The common case: no map order, and the object has the learned keys in the learned
        // order (or nothing was learned).
        if map_order.is_none()
            && learned.is_none_or(|l| {
                l.len() == members.len() && members.iter().zip(l).all(|((m, _), k)| m == k)
            })
        {
            return None;
        }
        let mut canonical: Vec<usize> = (0..members.len()).collect();
        if let Some(order) = map_order {
            let rank: HashMap<&str, usize> = order
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i))
                .collect();
            canonical.sort_by_key(|&i| rank.get(members[i].0).copied().unwrap_or(usize::MAX));
        }
        let Some(learned) = learned else {
            return Some(canonical);
        };
        if learned.len() == members.len()
            && canonical
                .iter()
                .zip(learned)
                .all(|(&i, k)| members[i].0 == k)
        {
            return Some(canonical);
        }
        let keys: Vec<&str> = canonical.iter().map(|&i| members[i].0).collect();
        let present: Vec<String> = learned
            .iter()
            .filter(|k| keys.contains(&k.as_str()))
            .cloned()
            .collect();
        Some(
            merge_orders(&present, &keys)
                .iter()
                .filter_map(|k| members.iter().position(|(m, _)| m == k))
                .collect(),
        )
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON value as slices of its text: scalars (strings with their quotes) are copied
/// verbatim, so nothing is unescaped and escaped again.
#[derive(Debug)]
enum Node<'a> {
    Scalar(&'a str),
    Array(Vec<Node<'a>>),
    /// Keys without their quotes, as escaped in the text.
    Object(Vec<(&'a str, Node<'a>)>),
}

/// Deepest nesting read (`serde_json` refuses more than 128 levels before this runs).
const MAX_DEPTH: usize = 256;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    fn document(mut self) -> Result<Node<'a>, String> {
        let node = self.value(0)?;
        self.skip_ws();
        if self.pos == self.text.len() {
            Ok(node)
        } else {
            Err(format!("unexpected text at byte {}", self.pos))
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!("expected '{}' at byte {}", byte as char, self.pos))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, String> {
        if depth > MAX_DEPTH {
            return Err("JSON nested too deeply".to_owned());
        }
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Node::Scalar),
            Some(_) => {
                let start = self.pos;
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.pos += 1;
                }
                Ok(Node::Scalar(&self.text[start..self.pos]))
            }
            None => Err("unexpected end of JSON".to_owned()),
        }
    }

    /// A string with its quotes.
    fn string(&mut self) -> Result<&'a str, String> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut i = self.pos + 1;
        loop {
            let Some(found) = memchr::memchr2(b'"', b'\\', &bytes[i..]) else {
                return Err("unterminated string".to_owned());
            };
            i += found;
            if bytes[i] == b'\\' {
                i += 2;
            } else {
                self.pos = i + 1;
                return Ok(&self.text[start..self.pos]);
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node<'a>, String> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::Array(items));
                }
                _ => return Err(format!("expected ',' or ']' at byte {}", self.pos)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node<'a>, String> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(format!("expected a key at byte {}", self.pos));
            }
            let key = self.string()?;
            self.expect(b':')?;
            let value = self.value(depth + 1)?;
            members.push((&key[1..key.len() - 1], value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::Object(members));
                }
                _ => return Err(format!("expected ',' or '}}' at byte {}", self.pos)),
            }
        }
    }
}
