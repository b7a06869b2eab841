//! REFI-QDA (QDA-XML 1.0) exchange with `NVivo`, MAXQDA, ATLAS.ti, `QualCoder` and others: the
//! codebook as `.qdc`, a project as `.qdpx`, and import of a `.qdc` into the user's codes.
//!
//! Pure: bytes and strings in and out, no files and no GUI. GUIDs are stable: framework codes,
//! cases, sources, selections and notes get UUID v5 GUIDs from [`NAMESPACE`] and their ids, so
//! the same input always gives the same file; a user code uses the `guid` stored with it in
//! the notes file, which survives renaming, nesting and merging (its id does not).

pub mod codebook_csv;
pub mod error;
pub mod files;
pub mod import;
pub mod limits;
pub mod project_import;
pub mod qdc;
pub mod qdpx;
pub mod xml;
pub mod zipped;

pub use crate::format::{NAMESPACE, guid};
use std::collections::{HashMap, HashSet};

use crate::codebook::{CodeEntry, Codebook};
use crate::format::{Framework, NotesFile, is_valid_uuid};

/// `origin` attribute of the files written.
pub const ORIGIN: &str = concat!("Caselens ", env!("CARGO_PKG_VERSION"));

/// Errors of the REFI-QDA export.
#[derive(Debug, thiserror::Error)]
pub enum RefiError {
    /// A codebook needs at least one code.
    #[error("there are no codes to export (no framework is loaded and the notes have no codes)")]
    NoCodes,
    /// Writing the zip failed.
    #[error("cannot write the .qdpx zip: {0}")]
    Zip(String),
}

/// The GUID of a framework code: from the framework id and the code id.
pub fn framework_code_guid(framework_id: &str, code_id: &str) -> String {
    guid("framework-code", &format!("{framework_id}/{code_id}"))
}

/// One code as REFI writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefiCode {
    /// GUID.
    pub guid: String,
    /// Name (the code's label).
    pub name: String,
    /// `#rrggbb`: the colour the app shows (its own, else inherited); empty for a user code
    /// without a colour of its own (written without `color`).
    pub color: String,
    /// The code's definition.
    pub description: Option<String>,
    /// False for framework family roots, which group codes but are not applied.
    pub codable: bool,
    /// Nested codes.
    pub children: Vec<RefiCode>,
}

/// The codes of the frameworks and of the user, as trees, with the GUID of every code id.
#[derive(Debug, Clone, Default)]
pub struct RefiCodebook {
    /// Top-level codes: each framework's families, then the user's top-level codes.
    pub roots: Vec<RefiCode>,
    framework: HashMap<(String, String), String>,
    /// How many of `roots` are framework families (the rest are the user's).
    framework_roots: usize,
    user: HashMap<String, String>,
    /// Codebooks per framework id, with the user's codes (for labels).
    pub books: HashMap<String, Codebook>,
}

impl RefiCodebook {
    /// Builds the trees of `frameworks` (in order) and of the user's codes in `notes`.
    pub fn build(frameworks: &[&Framework], notes: &NotesFile) -> Self {
        let mut out = Self::default();
        let applied: HashSet<&str> = notes
            .items
            .iter()
            .filter(|i| !i.deleted)
            .flat_map(|i| i.codes.iter().map(compact_str::CompactString::as_str))
            .collect();
        for fw in frameworks {
            let book = Codebook::build(Some(fw), notes);
            let fw_id = fw.id.clone();
            let mut guid_of = |e: &CodeEntry| {
                let g = framework_code_guid(&fw_id, &e.id);
                out.framework
                    .insert((fw_id.clone(), e.id.clone()), g.clone());
                g
            };
            let mut roots = tree(&book, |e| !e.user && e.parent.is_none(), &mut guid_of);
            // The rule for family roots (issue 21): a root is not codable, except when a
            // highlight applies it anyway (a hand-written or merged file); then it is written
            // as codable, so another tool never receives a coding on a code it cannot hold.
            for root in &mut roots {
                let id = out.framework.iter().find(|(_, g)| **g == root.guid);
                if let Some(((_, id), _)) = id {
                    root.codable = applied.contains(id.as_str());
                }
            }
            out.roots.extend(roots);
            out.books.insert(fw.id.clone(), book);
        }
        out.framework_roots = out.roots.len();
        let user_book = Codebook::build(None, notes);
        let user = user_guids(notes);
        out.user.clone_from(&user);
        let mut guid_of = |e: &CodeEntry| user.get(&e.id).cloned().unwrap_or_default();
        let mut roots = tree(&user_book, |e| e.user && e.parent.is_none(), &mut guid_of);
        let stored: HashMap<&str, &crate::format::UserCode> = notes
            .codes
            .iter()
            .map(|c| (user.get(&c.id).map_or("", String::as_str), c))
            .collect();
        let mut stack: Vec<&mut RefiCode> = roots.iter_mut().collect();
        while let Some(code) = stack.pop() {
            if let Some(c) = stored.get(code.guid.as_str()) {
                // A colourless code stays colourless; a non-codable one stays so unless it is
                // applied (the family-root rule above).
                code.color = c
                    .color
                    .as_ref()
                    .map(|_| code.color.clone())
                    .unwrap_or_default();
                code.codable = c.codable != Some(false) || applied.contains(c.id.as_str());
            }
            stack.extend(code.children.iter_mut());
        }
        out.roots.extend(roots);
        out
    }

    /// The framework codes, for an import to recognise them by GUID or by label path.
    pub fn framework_codes(&self) -> FrameworkCodes {
        let mut paths = HashMap::new();
        let mut stack: Vec<(Option<String>, &RefiCode)> = self
            .roots
            .iter()
            .take(self.framework_roots)
            .map(|c| (None, c))
            .collect();
        while let Some((parent, code)) = stack.pop() {
            paths
                .entry((parent, code.name.clone()))
                .or_insert_with(|| code.guid.clone());
            stack.extend(code.children.iter().map(|c| (Some(code.guid.clone()), c)));
        }
        FrameworkCodes {
            guids: self.framework_guids(),
            paths,
        }
    }

    /// The GUID of a code applied on a case of `framework_id` (user codes need no framework).
    pub fn code_guid(&self, framework_id: &str, code_id: &str) -> Option<&str> {
        if let Some(g) = self.user.get(code_id) {
            return Some(g);
        }
        self.framework
            .get(&(framework_id.to_owned(), code_id.to_owned()))
            .map(String::as_str)
    }

    /// GUIDs of every framework code (an import skips them: they are not the user's).
    pub fn framework_guids(&self) -> HashSet<String> {
        self.framework.values().cloned().collect()
    }

    /// The code a GUID stands for on a case of `framework_id`: a user code, or a code of that
    /// framework.
    pub fn code_id(&self, framework_id: &str, guid: &str) -> Option<&str> {
        if let Some((id, _)) = self.user.iter().find(|(_, g)| *g == guid) {
            return Some(id);
        }
        self.framework
            .iter()
            .find(|((fw, _), g)| fw == framework_id && *g == guid)
            .map(|((_, id), _)| id.as_str())
    }

    /// The XML of the `<Codes>` element, indented by `depth` levels.
    pub fn codes_xml(&self, depth: usize) -> String {
        let mut out = String::new();
        indent(&mut out, depth);
        out.push_str("<Codes>\n");
        for c in &self.roots {
            code_xml(&mut out, c, depth + 1);
        }
        indent(&mut out, depth);
        out.push_str("</Codes>\n");
        out
    }
}

/// The framework codes an import leaves out (they are not the user's): by GUID, and by label
/// path for files whose tool replaced every GUID (`QualCoder` does at each export).
#[derive(Debug, Clone, Default)]
pub struct FrameworkCodes {
    /// GUIDs of every framework code.
    pub guids: HashSet<String>,
    /// (GUID of the parent code, `None` for a family root; label) → GUID.
    pub paths: HashMap<(Option<String>, String), String>,
}

/// The GUID of every user code: the stored one when it is a UUID not used before, else one
/// derived from the code id (files written before codes had GUIDs).
pub(crate) fn user_guids(notes: &NotesFile) -> HashMap<String, String> {
    let mut seen = HashSet::new();
    let mut out = HashMap::new();
    for c in &notes.codes {
        let stored = c
            .guid
            .as_deref()
            .map(str::to_ascii_lowercase)
            .filter(|g| is_valid_uuid(g) && !seen.contains(g));
        let g = stored.unwrap_or_else(|| guid("user-code", &c.id));
        seen.insert(g.clone());
        out.insert(c.id.clone(), g);
    }
    out
}

/// The subtrees of the entries that `is_root` picks, in the codebook's tree order.
fn tree(
    book: &Codebook,
    is_root: impl Fn(&CodeEntry) -> bool,
    guid_of: &mut impl FnMut(&CodeEntry) -> String,
) -> Vec<RefiCode> {
    let mut roots = Vec::new();
    let mut seen = HashSet::new();
    for e in book.entries().iter().filter(|e| is_root(e)) {
        roots.push(subtree(book, e, guid_of, &mut seen));
    }
    roots
}

fn subtree(
    book: &Codebook,
    e: &CodeEntry,
    guid_of: &mut impl FnMut(&CodeEntry) -> String,
    seen: &mut HashSet<String>,
) -> RefiCode {
    seen.insert(e.id.clone());
    let mut children = Vec::new();
    for child in &e.children {
        if let Some(c) = book.entry(child)
            && !seen.contains(&c.id)
        {
            children.push(subtree(book, c, guid_of, seen));
        }
    }
    RefiCode {
        guid: guid_of(e),
        name: e.label.clone(),
        color: e.color.hex(),
        description: e.definition.clone().filter(|d| !d.trim().is_empty()),
        codable: e.user || e.parent.is_some(),
        children,
    }
}

fn code_xml(out: &mut String, c: &RefiCode, depth: usize) {
    indent(out, depth);
    out.push_str(&format!(
        "<Code guid=\"{}\" name=\"{}\" isCodable=\"{}\"",
        c.guid,
        attr(&c.name),
        c.codable,
    ));
    if !c.color.is_empty() {
        out.push_str(&format!(" color=\"{}\"", c.color));
    }
    if c.description.is_none() && c.children.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if let Some(d) = &c.description {
        indent(out, depth + 1);
        out.push_str(&format!("<Description>{}</Description>\n", text(d)));
    }
    for child in &c.children {
        code_xml(out, child, depth + 1);
    }
    indent(out, depth);
    out.push_str("</Code>\n");
}

/// Two spaces per level.
pub(crate) fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Escapes text content; characters XML 1.0 cannot hold are dropped.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value (line breaks and tabs kept as character references).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// True for characters XML 1.0 allows (controls other than tab and line breaks are not).
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The time as an `xsd:dateTime` when it is one (RFC 3339 with `T`), else `None`.
pub fn xsd_datetime(t: &str) -> Option<&str> {
    (crate::validate::is_timestamp(t) && t.as_bytes().get(10) == Some(&b'T') && !t.ends_with('z'))
        .then_some(t)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;
    use std::process::Command;

    use super::*;

    /// Validates `xml` against `schema/refi-qda/<schema>` with xmllint; panics with xmllint's
    /// messages when it is invalid, and when xmllint is missing.
    pub(crate) fn assert_valid(schema: &str, xml: &str) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.xml");
        std::fs::write(&file, xml).unwrap();
        let xsd = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schema/refi-qda")
            .join(schema);
        let out = match Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(&file)
            .output()
        {
            Ok(o) => o,
            Err(e) => panic!(
                "xmllint is needed to validate REFI-QDA files ({e}): install libxml2-utils \
                 (apt-get install -y libxml2-utils)"
            ),
        };
        assert!(
            out.status.success(),
            "not valid against {schema}:\n{}\n{xml}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    #[should_panic(expected = "not valid against Codebook.xsd")]
    fn the_schema_check_rejects_a_code_without_is_codable() {
        assert_valid(
            "Codebook.xsd",
            "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\
             <Code guid=\"0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11\" name=\"A\"/></Codes></CodeBook>",
        );
    }

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(text("a < b & \"c\"\u{1}"), "a &lt; b &amp; \"c\"");
        assert_eq!(attr("\"x\"\n\ty"), "&quot;x&quot;&#10;&#9;y");
        assert_eq!(text("line\r\n"), "line&#13;\n");
    }

    #[test]
    fn guids_are_uuid_v5_and_stable() {
        let a = guid("case", "company-a");
        assert_eq!(a, guid("case", "company-a"));
        assert_ne!(a, guid("case", "company-b"));
        assert_ne!(a, guid("source", "company-a"));
        assert!(is_valid_uuid(&a));
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 5);
    }

    #[test]
    fn datetimes_are_passed_only_when_xsd_reads_them() {
        assert_eq!(
            xsd_datetime("2026-11-23T09:00:00.123Z"),
            Some("2026-11-23T09:00:00.123Z")
        );
        assert_eq!(xsd_datetime("2026-11-23 09:00:00Z"), None);
        assert_eq!(xsd_datetime("yesterday"), None);
    }
}
