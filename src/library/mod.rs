//! The library: every framework, case and notes file Caselens has loaded, and the problems of
//! the files that failed. A bad file never stops the others from loading.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::format::{
    self, Case, Diagnostic, DocKind, Document, Framework, NotesFile, PositionIndex,
};
use crate::validate::{self, Issue};

mod assembly;
pub mod list;
mod load;
pub mod progress;
mod read;
mod staged;

pub use load::{Loaded, Stepwise};
pub use progress::Progress;
pub use read::{
    LibraryError, not_a_file, open_regular, read_at_most, read_limited, read_why, without_os_code,
};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Where a file came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Origin {
    /// Embedded in the binary (path relative to the crate, e.g. `cases/company-a.case.json`).
    Bundled(String),
    /// Read from disk.
    File(PathBuf),
}

impl Origin {
    /// True for files embedded in the binary.
    pub fn is_bundled(&self) -> bool {
        matches!(self, Self::Bundled(_))
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bundled(name) => write!(f, "{name} (bundled)"),
            Self::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A loaded document and where it came from.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The document.
    pub doc: T,
    /// Its file.
    pub origin: Origin,
}

/// The outcome for one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileStatus {
    /// The file.
    pub origin: Origin,
    /// Its format, when it could be told.
    pub kind: Option<DocKind>,
    /// Its id, when it parsed.
    pub id: Option<String>,
    /// Everything wrong with it; empty when it loaded.
    pub problems: Vec<Diagnostic>,
}

impl FileStatus {
    /// True when the file loaded.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Which bundled files to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundled {
    /// Frameworks, cases and notes.
    All,
    /// Only frameworks (to check other people's cases against them).
    FrameworksOnly,
    /// Nothing bundled.
    None,
}

/// What to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadRequest {
    /// Which bundled files.
    pub bundled: Bundled,
    /// Files and folders (folders are searched recursively for `*.case.json`,
    /// `*.framework.json` and `*.notes.json`).
    pub paths: Vec<PathBuf>,
}

/// What loading has seen so far: ids per kind (first file), and frameworks that failed.
#[derive(Default)]
struct Checks {
    seen: HashMap<(DocKind, String), String>,
    failed_frameworks: HashMap<String, String>,
}

/// Everything loaded.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Frameworks by load order.
    pub frameworks: Vec<Entry<Framework>>,
    /// Cases by load order (bundled first, then sorted by path).
    pub cases: Vec<Entry<Case>>,
    /// Notes files found among the paths, shared with the notes session's reference layers
    /// (a 10,000-highlight file was copied there whole).
    pub notes: Vec<Entry<std::sync::Arc<NotesFile>>>,
    /// One status per file read, valid or not.
    pub files: Vec<FileStatus>,
    /// The library list's facts of the cases, when the loading thread gathered them
    /// ([`Library::prepare_list`]).
    list_facts: Option<std::sync::Arc<list::CaseFacts>>,
}

#[derive(Clone)]
struct Pending {
    origin: Origin,
    doc: Document,
    /// Its text's positions; `None` once a clean check let the text go (read again from
    /// `origin` should a problem turn up after all, e.g. a repeated id).
    index: Option<PositionIndex>,
    /// Its problems, when the loading thread already checked it against the frameworks the
    /// library ends up with ([`staged`]).
    checked: Option<Vec<Issue>>,
}

impl Library {
    /// The bundled frameworks, cases and sample notes, loaded synchronously.
    pub fn bundled() -> Self {
        Self::load(&LoadRequest {
            bundled: Bundled::All,
            paths: Vec::new(),
        })
    }

    /// Loads a library. Never fails as a whole: each file's problems are in [`Library::files`].
    pub fn load(request: &LoadRequest) -> Self {
        Self::load_with(request, &Progress::default()).library
    }

    /// Builds a library from already-read files (used by tests).
    pub fn from_sources(sources: Vec<(Origin, Result<Vec<u8>, LibraryError>)>) -> Self {
        // The bytes are the caller's to give: each valid file's text becomes its position index
        // without a copy, as when reading from disk.
        let parsed = sources
            .into_iter()
            .map(|(origin, bytes)| match bytes {
                Ok(bytes) => load::parse_owned_one(origin, bytes),
                Err(e) => Err(load::unreadable(origin, &e)),
            })
            .collect();
        Self::assemble(parsed)
    }

    /// Checks parsed files against each other (ids, frameworks) in order; failures first.
    fn assemble(parsed: Vec<Result<Pending, FileStatus>>) -> Self {
        Self::assemble_checked(parsed).0
    }

    /// [`Library::assemble`], also giving what the checks saw (the frameworks that failed).
    fn assemble_checked(parsed: Vec<Result<Pending, FileStatus>>) -> (Self, Checks) {
        Self::checked_with(assembly::Assembly::new(parsed))
    }

    /// Checks every file `assembly` has left: the frameworks one by one, then the cases and
    /// notes, which are checked against the frameworks only, on every core.
    fn checked(assembly: assembly::Assembly) -> Self {
        Self::checked_with(assembly).0
    }

    /// [`Library::checked`], also giving what the checks saw. Cases and notes the loading
    /// threads checked already keep those problems.
    fn checked_with(mut assembly: assembly::Assembly) -> (Self, Checks) {
        let others = assembly.check_frameworks();
        let docs: Vec<Option<&Document>> = others
            .iter()
            .map(|p| p.checked.is_none().then_some(&p.doc))
            .collect();
        let issues = {
            let check = assembly.checker();
            load::par_map(&docs, |doc| doc.map(&check))
        };
        for (mut p, issues) in others.into_iter().zip(issues) {
            let issues = p.checked.take().or(issues).unwrap_or_default();
            assembly.admit(p, issues);
        }
        assembly.finish_checked()
    }

    /// Checks one parsed file against what is loaded so far; keeps it when it has no problems.
    /// `issues` are its semantic problems ([`Library::issues_of`]).
    fn admit(
        &mut self,
        Pending {
            origin, doc, index, ..
        }: Pending,
        mut issues: Vec<Issue>,
        checks: &mut Checks,
    ) {
        let name = origin.to_string();
        let kind = doc.kind();
        let id = doc_id(&doc).to_owned();
        if kind != DocKind::Notes
            && let Some(first) = checks.seen.get(&(kind, id.clone()))
        {
            issues.push(Issue {
                pointer: "/id".into(),
                at_key: false,
                message: format!(
                    "another {} with id \"{id}\" is already loaded from {first}",
                    kind.name()
                ),
            });
        }
        let problems: Vec<Diagnostic> = if issues.is_empty() {
            Vec::new()
        } else {
            let index = index.unwrap_or_else(|| staged::index_again(&origin));
            issues
                .iter()
                .map(|i| issue_diagnostic(&name, &index, i))
                .collect()
        };
        self.files.push(FileStatus {
            origin: origin.clone(),
            kind: Some(kind),
            id: Some(id.clone()),
            problems: problems.clone(),
        });
        if !problems.is_empty() {
            if kind == DocKind::Framework {
                checks.failed_frameworks.insert(id, name);
            }
            return;
        }
        checks.seen.insert((kind, id), name);
        match doc {
            Document::Framework(fw) => self.frameworks.push(Entry { doc: *fw, origin }),
            Document::Case(case) => self.cases.push(Entry { doc: *case, origin }),
            Document::Notes(notes) => self.notes.push(Entry {
                doc: std::sync::Arc::from(notes),
                origin,
            }),
        }
    }

    /// The semantic problems of one document; a case whose framework failed says so.
    fn issues_of(&self, doc: &Document, failed_frameworks: &HashMap<String, String>) -> Vec<Issue> {
        match doc {
            Document::Framework(fw) => validate::check_framework(fw),
            Document::Case(case) => {
                let fw = self.framework(&case.framework);
                // The loaded frameworks are only named when the case's is missing.
                let known: Vec<&str> = match fw {
                    Some(_) => Vec::new(),
                    None => self.frameworks.iter().map(|f| f.doc.id.as_str()).collect(),
                };
                let mut issues = validate::check_case(case, fw, &known);
                if let Some(fw_file) = failed_frameworks.get(&case.framework) {
                    for issue in issues.iter_mut().filter(|i| i.pointer == "/framework") {
                        issue.message = format!(
                            "framework \"{}\" did not load (see the problems of {fw_file})",
                            case.framework
                        );
                    }
                }
                issues
            }
            Document::Notes(notes) => validate::check_notes(notes),
        }
    }

    /// The case with this id.
    pub fn case(&self, case_id: &str) -> Option<&Case> {
        self.cases
            .iter()
            .find(|c| c.doc.id == case_id)
            .map(|c| &c.doc)
    }

    /// The framework with this id.
    pub fn framework(&self, framework_id: &str) -> Option<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.doc.id == framework_id)
            .map(|f| &f.doc)
    }

    /// Files that failed to load.
    pub fn failed(&self) -> impl Iterator<Item = &FileStatus> {
        self.files.iter().filter(|f| !f.is_valid())
    }

    /// One line for the status bar: what loaded, and whether anything failed.
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let loaded = format!(
            "{} and {} loaded",
            plural(self.cases.len(), "case", "cases"),
            plural(self.frameworks.len(), "framework", "frameworks")
        );
        match self.failed().count() {
            0 => format!("{loaded}; no problems."),
            n => format!(
                "{loaded}; {} could not be loaded (View > Problems).",
                plural(n, "file", "files")
            ),
        }
    }
}

/// True when `needle` (already lower-cased) occurs in the case's title, id, tags or
/// organisations; an empty needle matches everything.
pub fn case_matches(case: &Case, needle: &str) -> bool {
    needle.is_empty()
        || [case.title.as_str(), case.id.as_str()]
            .into_iter()
            .chain(case.meta.tags.iter().map(String::as_str))
            .chain(case.meta.organisations.iter().map(String::as_str))
            .any(|s| s.to_lowercase().contains(needle))
}

fn doc_id(doc: &Document) -> &str {
    match doc {
        Document::Case(c) => &c.id,
        Document::Framework(f) => &f.id,
        Document::Notes(_) => "",
    }
}

/// Places a validation issue in its file.
pub fn issue_diagnostic(name: &str, index: &PositionIndex, issue: &Issue) -> Diagnostic {
    let pos = if issue.at_key {
        index.key(&issue.pointer)
    } else {
        index.nearest(&issue.pointer)
    };
    Diagnostic::new(name, pos, issue.message.clone())
}

/// The Caselens files under `path` (or `path` itself), sorted; errors carry the path.
pub(crate) fn expand(path: &Path) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    if crate::platform::IN_BROWSER {
        // The browser has no folders: a path names one stored file (picked or from the site).
        return vec![Ok(path.to_owned())];
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return vec![Err((
                path.to_owned(),
                format!("cannot open: {}", read_why(&e)),
            ))];
        }
    };
    if !meta.is_dir() {
        return vec![Ok(path.to_owned())];
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                out.push(Err((
                    dir.clone(),
                    format!("cannot read folder: {}", read_why(&e)),
                )));
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            } else if p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(DocKind::from_file_name)
                .is_some()
            {
                out.push(Ok(p));
            }
        }
    }
    out.sort_by(|a, b| key(a).cmp(key(b)));
    out
}

fn key(r: &Result<PathBuf, (PathBuf, String)>) -> &Path {
    match r {
        Ok(p) | Err((p, _)) => p,
    }
}

/// The bundled files (path, contents), for tests and `caselens list`.
pub fn bundled_files() -> &'static [(&'static str, &'static str)] {
    bundled::BUNDLED
}

#[cfg(test)]
mod tests {
    use super::*;

    const FW: &str = r#"{"format": "caselens/framework@1", "id": "mini", "title": "Mini", "groups": [], "codes": []}"#;

    fn case(id: &str, framework: &str) -> Vec<u8> {
        format!(
            r#"{{"format": "caselens/case@1", "id": "{id}", "title": "T", "framework": "{framework}",
            "meta": {{"sources": [{{"id": "s", "citation": "c"}}]}},
            "sections": [{{"id": "a", "title": "A", "paragraphs": [{{"id": "p1", "text": "x"}}]}}]}}"#
        )
        .into_bytes()
    }

    fn file(name: &str, bytes: Vec<u8>) -> (Origin, Result<Vec<u8>, LibraryError>) {
        (Origin::File(name.into()), Ok(bytes))
    }

    #[test]
    fn bundled_library_loads_cleanly() {
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: vec![],
        });
        let failed: Vec<String> = lib
            .failed()
            .flat_map(|f| f.problems.iter().map(ToString::to_string))
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
        assert!(lib.case("company-a").is_some() && lib.case("company-b").is_some());
        assert!(lib.framework("asp-alliances").is_some());
    }

    #[test]
    fn one_bad_file_does_not_stop_the_others() {
        let lib = Library::from_sources(vec![
            file("mini.framework.json", FW.into()),
            file("a.case.json", case("a", "mini")),
            file("b.case.json", b"{".to_vec()),
            file("c.case.json", case("c", "nope")),
            (
                Origin::File("d.case.json".into()),
                Err(LibraryError::Open {
                    source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied"),
                }),
            ),
        ]);
        assert_eq!(lib.cases.len(), 1);
        let failed: Vec<&FileStatus> = lib.failed().collect();
        assert_eq!(failed.len(), 3);
        assert!(failed.iter().any(|f| {
            f.problems[0]
                .message
                .contains("unknown framework \"nope\" (loaded frameworks: mini)")
        }));
    }

    #[test]
    fn duplicate_case_ids_are_reported_and_user_files_override_bundled() {
        let lib = Library::from_sources(vec![
            (
                Origin::Bundled("cases/mini.framework.json".into()),
                Ok(FW.into()),
            ),
            file(
                "mini.framework.json",
                FW.replace("\"Mini\"", "\"Mine\"").into_bytes(),
            ),
            file("a.case.json", case("a", "mini")),
            file("a2.case.json", case("a", "mini")),
        ]);
        assert_eq!(lib.frameworks.len(), 1);
        assert_eq!(lib.frameworks[0].doc.title, "Mine");
        let dup = lib.failed().next().expect("duplicate reported");
        assert!(
            dup.problems[0]
                .message
                .contains("another case with id \"a\" is already loaded from a.case.json")
        );
    }

    #[test]
    fn cases_of_a_broken_framework_say_so() {
        let broken = FW.replace(
            "\"groups\": []",
            "\"groups\": [{\"id\": \"BAD\", \"title\": \"x\", \"dimensions\": []}]",
        );
        let lib = Library::from_sources(vec![
            file("mini.framework.json", broken.into_bytes()),
            file("a.case.json", case("a", "mini")),
        ]);
        let msgs: Vec<String> = lib
            .failed()
            .flat_map(|f| f.problems.iter().map(|p| p.message.clone()))
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("framework \"mini\" did not load")),
            "{msgs:?}"
        );
    }
}
