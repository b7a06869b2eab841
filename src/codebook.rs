//! One codebook for every view, the CLI and the exports: the framework's codes and the user's
//! own codes (`USER.…`) with label, colour, family, definition and hierarchy.
//!
//! Built once per library/notes generation (see `Workspace::codebook`), so views never look a
//! code up in the framework or the notes file themselves. No GUI types here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::format::{Framework, NotesFile};

mod rank;

pub use rank::MatchRank;

/// Family id of the user's own codes.
pub const USER_FAMILY: &str = "USER";

/// Label of the family of the user's own codes.
pub const USER_FAMILY_LABEL: &str = "Your own codes";

/// Separator of the labels in a nested code's path ("Trust › Early trust").
pub const PATH_SEPARATOR: &str = " › ";

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse(hex: &str) -> Option<Self> {
        let h = hex.strip_prefix('#')?;
        if h.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(h, 16).ok()?;
        let [_, r, g, b] = v.to_be_bytes();
        Some(Self(r, g, b))
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Colours given to families whose codes have none (picked by a stable hash of the family id).
const FALLBACK_PALETTE: [Rgb; 8] = [
    Rgb(59, 130, 246),
    Rgb(234, 88, 12),
    Rgb(22, 163, 74),
    Rgb(147, 51, 234),
    Rgb(219, 39, 119),
    Rgb(13, 148, 136),
    Rgb(202, 138, 4),
    Rgb(100, 116, 139),
];

/// Colour of codes the codebook does not know (a neutral grey).
pub const UNKNOWN_COLOR: Rgb = Rgb(120, 120, 120);

/// One code, framework or user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    /// Dotted id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Colour: its own, else its nearest ancestor's, else the family's fallback.
    pub color: Rgb,
    /// Top-level id (`RAT`, or `USER` for the user's codes).
    pub family: String,
    /// When to apply it.
    pub definition: Option<String>,
    /// Parent code id (`None` at the top of a family).
    pub parent: Option<String>,
    /// Direct children, in the order they were defined.
    pub children: Vec<String>,
    /// True for the user's own codes.
    pub user: bool,
    /// False for what is not applied: family roots, and user codes stored with
    /// `"codable": false`.
    pub codable: bool,
    /// Labels from the family's first level down to this code, joined by [`PATH_SEPARATOR`].
    pub path: String,
}

/// A top-level group of codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// Family id.
    pub id: String,
    /// Label.
    pub label: String,
}

/// Framework and user codes, indexed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codebook {
    /// Entries in tree order (parent before children), framework codes first.
    entries: Vec<CodeEntry>,
    index: HashMap<String, usize>,
    families: Vec<Family>,
}

/// A code as read from a file, before indexing.
struct RawCode<'a> {
    id: &'a str,
    label: &'a str,
    color: Option<&'a str>,
    parent: Option<&'a str>,
    definition: Option<&'a str>,
    user: bool,
    /// False for a user code stored with `"codable": false`.
    codable: bool,
}

impl Codebook {
    /// Indexes the framework's codes (if any) and the user's codes.
    pub fn build(framework: Option<&Framework>, notes: &NotesFile) -> Self {
        Self::build_with_layers(framework, notes, &[])
    }

    /// Indexes the framework's codes, the user's codes, then the codes of other people's notes
    /// (reference and class layers) that neither defines: a code is labelled by the first file
    /// that defines it, so a classmate's `USER.…` codes show by their label, not their id.
    pub fn build_with_layers(
        framework: Option<&Framework>,
        notes: &NotesFile,
        layers: &[&NotesFile],
    ) -> Self {
        let mut raw: Vec<RawCode<'_>> = Vec::new();
        for c in framework.map(|f| f.codes.as_slice()).unwrap_or_default() {
            raw.push(RawCode {
                id: &c.id,
                label: &c.label,
                color: c.color.as_deref(),
                parent: c.parent.as_deref(),
                definition: c.definition.as_deref(),
                user: false,
                codable: true,
            });
        }
        for c in &notes.codes {
            raw.push(RawCode {
                id: &c.id,
                label: &c.label,
                color: c.color.as_deref(),
                parent: c.parent.as_deref().filter(|p| *p != USER_FAMILY),
                definition: c.definition.as_deref(),
                user: true,
                codable: c.codable != Some(false),
            });
        }
        for c in layers.iter().flat_map(|l| l.codes.iter()) {
            if raw.iter().any(|r| r.id == c.id) {
                continue;
            }
            raw.push(RawCode {
                id: &c.id,
                label: &c.label,
                color: c.color.as_deref(),
                parent: c.parent.as_deref().filter(|p| *p != USER_FAMILY),
                definition: c.definition.as_deref(),
                user: true,
                codable: c.codable != Some(false),
            });
        }
        Self::from_raw(&raw)
    }

    fn from_raw(raw: &[RawCode<'_>]) -> Self {
        let known: HashMap<&str, usize> = raw.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        // A parent is the declared one when it exists, else the id without its last part.
        let parent_of = |c: &RawCode<'_>| -> Option<usize> {
            c.parent
                .and_then(|p| known.get(p))
                .or_else(|| c.id.rsplit_once('.').and_then(|(p, _)| known.get(p)))
                .copied()
                .filter(|&p| raw[p].id != c.id)
        };
        let parents: Vec<Option<usize>> = raw.iter().map(parent_of).collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); raw.len()];
        let mut roots = Vec::new();
        for (i, p) in parents.iter().enumerate() {
            match p {
                Some(p) => children[*p].push(i),
                None => roots.push(i),
            }
        }
        let mut book = Self::default();
        let mut visited = vec![false; raw.len()];
        for root in roots {
            book.visit(raw, &children, root, None, &mut visited);
        }
        // Cycles (a file that names each other as parents) still get listed, at the top.
        for i in 0..raw.len() {
            if !visited[i] {
                book.visit(raw, &children, i, None, &mut visited);
            }
        }
        book.families = book.collect_families();
        book
    }

    /// Adds `i` and its subtree in tree order.
    fn visit(
        &mut self,
        raw: &[RawCode<'_>],
        children: &[Vec<usize>],
        i: usize,
        parent: Option<usize>,
        visited: &mut [bool],
    ) {
        if visited[i] {
            return;
        }
        visited[i] = true;
        let c = &raw[i];
        let parent_entry = parent.and_then(|p| self.index.get(raw[p].id)).copied();
        let family = match parent_entry {
            Some(p) => self.entries[p].family.clone(),
            None if c.user => USER_FAMILY.to_owned(),
            None => c.id.split('.').next().unwrap_or(c.id).to_owned(),
        };
        // Framework family roots are not part of their codes' paths; user codes have no root.
        let path = match parent_entry {
            Some(p) if self.entries[p].parent.is_some() || self.entries[p].user => {
                format!("{}{PATH_SEPARATOR}{}", self.entries[p].path, c.label)
            }
            _ => c.label.to_owned(),
        };
        let color = c
            .color
            .and_then(Rgb::parse)
            .or_else(|| parent_entry.map(|p| self.entries[p].color))
            .unwrap_or_else(|| fallback_color(&family));
        let entry = CodeEntry {
            id: c.id.to_owned(),
            label: c.label.to_owned(),
            color,
            family,
            definition: c.definition.map(str::to_owned),
            parent: parent.map(|p| raw[p].id.to_owned()),
            children: children[i].iter().map(|&k| raw[k].id.to_owned()).collect(),
            user: c.user,
            // The rule for family roots (issue 21): they group codes and are not offered
            // when coding (a highlight that applies one anyway still loads, and exports
            // write that root as codable).
            codable: c.codable && (c.user || parent_entry.is_some()),
            path,
        };
        self.index.insert(entry.id.clone(), self.entries.len());
        self.entries.push(entry);
        for &k in &children[i] {
            self.visit(raw, children, k, Some(i), visited);
        }
    }

    fn collect_families(&self) -> Vec<Family> {
        let mut out: Vec<Family> = Vec::new();
        for e in &self.entries {
            if out.iter().any(|f| f.id == e.family) {
                continue;
            }
            let label = if e.family == USER_FAMILY {
                USER_FAMILY_LABEL.to_owned()
            } else {
                self.entry(&e.family)
                    .map_or_else(|| e.family.clone(), |f| f.label.clone())
            };
            out.push(Family {
                id: e.family.clone(),
                label,
            });
        }
        // The user's codes come last, whatever order the files were read in.
        out.sort_by_key(|f| f.id == USER_FAMILY);
        out
    }

    /// The entry of a code, if known.
    pub fn entry(&self, id: &str) -> Option<&CodeEntry> {
        self.index.get(id).and_then(|&i| self.entries.get(i))
    }

    /// Every code in tree order, framework codes first.
    pub fn entries(&self) -> &[CodeEntry] {
        &self.entries
    }

    /// Label of a code; the id itself only for a code nobody defined.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.entry(id).map_or(id, |e| e.label.as_str())
    }

    /// Labels of a nested code's ancestors and itself ("Trust › Early trust").
    pub fn path_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.entry(id).map_or(id, |e| e.path.as_str())
    }

    /// Colour of a code (grey when unknown).
    pub fn color(&self, id: &str) -> Rgb {
        self.entry(id).map_or(UNKNOWN_COLOR, |e| e.color)
    }

    /// Family id of a code (its first id part when unknown).
    pub fn family<'a>(&'a self, id: &'a str) -> &'a str {
        self.entry(id)
            .map_or_else(|| id.split('.').next().unwrap_or(id), |e| e.family.as_str())
    }

    /// Label of a family ("Your own codes" for `USER`).
    pub fn family_label<'a>(&'a self, family: &'a str) -> &'a str {
        self.families
            .iter()
            .find(|f| f.id == family)
            .map_or(family, |f| f.label.as_str())
    }

    /// Families in framework order, the user's own codes last (when there are any).
    pub fn families(&self) -> &[Family] {
        &self.families
    }

    /// Codes of a family in tree order (parent before children), the family's root excluded.
    pub fn codes_in_family<'a>(&'a self, family: &'a str) -> impl Iterator<Item = &'a CodeEntry> {
        self.entries
            .iter()
            .filter(move |e| e.family == family && e.id != family)
    }

    /// Every code under `id` (children, grandchildren, …) in tree order, `id` excluded.
    pub fn descendants(&self, id: &str) -> Vec<&CodeEntry> {
        let mut out = Vec::new();
        let mut stack: Vec<&str> = self
            .entry(id)
            .map(|e| e.children.iter().rev().map(String::as_str).collect())
            .unwrap_or_default();
        while let Some(next) = stack.pop() {
            if let Some(e) = self.entry(next) {
                out.push(e);
                stack.extend(e.children.iter().rev().map(String::as_str));
            }
        }
        out
    }

    /// True when `ancestor` is `code`'s parent, grandparent, …  (not `code` itself).
    pub fn is_ancestor(&self, ancestor: &str, code: &str) -> bool {
        let mut current = self.entry(code).and_then(|e| e.parent.as_deref());
        let mut steps = 0;
        while let Some(p) = current {
            if p == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.entries.len() {
                return false;
            }
            current = self.entry(p).and_then(|e| e.parent.as_deref());
        }
        false
    }

    /// True when `code` is `id` or lies under it.
    pub fn covers(&self, id: &str, code: &str) -> bool {
        id == code || self.is_ancestor(id, code)
    }

    /// Codes whose label, path, id or definition contains every word of `query` (case
    /// insensitive), best first (see [`MatchRank`]: the label before the path, the path before
    /// the id and the definition), in tree order within a rank; codes that are not codable
    /// (family roots, user codes stored with `"codable": false`) are left out: they group,
    /// they are not applied. An empty query gives every code in tree order.
    pub fn search(&self, query: &str) -> Vec<&CodeEntry> {
        let words = rank::words(query);
        let mut ranked: Vec<(MatchRank, &CodeEntry)> = self
            .entries
            .iter()
            .filter(|e| e.codable)
            .filter_map(|e| rank::rank(e, &words).map(|r| (r, e)))
            .collect();
        // Stable: tree order within a rank.
        ranked.sort_by_key(|(r, _)| *r);
        ranked.into_iter().map(|(_, e)| e).collect()
    }
}

/// A stable colour for a family whose codes name none (FNV-1a of the id, so it never changes
/// between runs or platforms).
pub fn fallback_color(family: &str) -> Rgb {
    let mut h: u32 = 0x811c_9dc5;
    for b in family.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    FALLBACK_PALETTE[(h as usize) % FALLBACK_PALETTE.len()]
}

/// Codebooks cached per framework for one library/notes generation, shared by the views.
///
/// Cloning gives a cache with the same contents (the entries are shared, not rebuilt).
#[derive(Debug, Default)]
pub struct CodebookCache {
    inner: Mutex<CacheState>,
}

#[derive(Debug, Default, Clone)]
struct CacheState {
    key: Option<(u64, u64)>,
    books: HashMap<String, Arc<Codebook>>,
    /// Books that also depend on something besides the key (the shown layers' codes): one per
    /// name, with the stamp it was built for, replaced when the stamp changes.
    stamped: HashMap<String, (u64, Arc<Codebook>)>,
}

impl Clone for CodebookCache {
    fn clone(&self) -> Self {
        let state = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        Self {
            inner: Mutex::new(state.clone()),
        }
    }
}

impl CodebookCache {
    /// The codebook of `framework_id` for generation `key`, built by `build` when missing or
    /// when the key changed since the last call.
    pub fn get(
        &self,
        key: (u64, u64),
        framework_id: &str,
        build: impl FnOnce() -> Codebook,
    ) -> Arc<Codebook> {
        let mut state = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if state.key != Some(key) {
            state.key = Some(key);
            state.books.clear();
            state.stamped.clear();
        }
        state
            .books
            .entry(framework_id.to_owned())
            .or_insert_with(|| Arc::new(build()))
            .clone()
    }

    /// Like [`CodebookCache::get`] for a book that also depends on `stamp` (the shown layers):
    /// one book per `name` is kept, rebuilt when the key or the stamp changed, so switching
    /// layers on and off does not pile books up.
    pub fn get_stamped(
        &self,
        key: (u64, u64),
        name: &str,
        stamp: u64,
        build: impl FnOnce() -> Codebook,
    ) -> Arc<Codebook> {
        let mut state = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if state.key != Some(key) {
            state.key = Some(key);
            state.books.clear();
            state.stamped.clear();
        }
        if let Some((built_for, book)) = state.stamped.get(name)
            && *built_for == stamp
        {
            return Arc::clone(book);
        }
        let book = Arc::new(build());
        state
            .stamped
            .insert(name.to_owned(), (stamp, Arc::clone(&book)));
        book
    }
}

#[cfg(test)]
mod tests;
