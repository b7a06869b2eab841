//! Many people's notes files opened at once, read-only, one layer per author (a class's
//! files, a research team's codings). A file that fails to load is listed with its error and
//! the others load; two files by one author are both kept and told apart; items on cases that
//! are not loaded are reported, never dropped. Nothing here writes a file.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::format::NotesFile;
use crate::library::{Library, Origin};
use crate::notes::NotesError;

/// One person's notes, as a read-only layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// The file it was read from.
    pub path: PathBuf,
    /// The name shown for it: the file's author (else the file name without
    /// `.notes.json`), followed by the file name in brackets when another file has the same
    /// author ("Ana (ana2.notes.json)").
    pub author: String,
    /// The notes.
    pub notes: NotesFile,
}

/// What kind of problem a layer file has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ProblemKind {
    /// The file could not be read or is not a valid notes file; it is not loaded.
    Failed,
    /// Another file has the same author; both are loaded, named with their file names.
    SameAuthor,
    /// Some items are on cases that are not loaded; they are kept in the layer.
    CasesNotLoaded {
        /// How many live items.
        items: usize,
        /// The case ids, sorted.
        cases: Vec<String>,
    },
}

/// A problem with one layer file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerProblem {
    /// The file.
    pub path: PathBuf,
    /// What kind of problem.
    #[serde(flatten)]
    pub kind: ProblemKind,
    /// Words for the user; for a file that failed, one line per diagnostic
    /// (`file:line:column: message`).
    pub message: String,
}

/// The layers that loaded and every problem met.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layers {
    /// Loaded layers, in the order of the paths (a folder's files sorted by name).
    pub layers: Vec<Layer>,
    /// Problems, failed files first in path order, then same-author and missing-case notes.
    pub problems: Vec<LayerProblem>,
}

impl Layers {
    /// True when no file failed (warnings may remain).
    pub fn all_loaded(&self) -> bool {
        !self
            .problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::Failed))
    }
}

/// The notes files `paths` name: a file as is, a folder as every `*.notes.json` directly in
/// it, sorted by name. A folder that cannot be read is returned as an error for that folder.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Ok(path.clone()));
            continue;
        }
        match std::fs::read_dir(path) {
            Err(e) => out.push(Err((path.clone(), format!("cannot read folder: {e}")))),
            Ok(entries) => {
                let mut files: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.is_file()
                            && p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.ends_with(".notes.json"))
                    })
                    .collect();
                files.sort();
                out.extend(files.into_iter().map(Ok));
            }
        }
    }
    out
}

/// Reads every notes file `paths` name (see [`expand`]) as a layer, on up to two threads,
/// and reports failed files, shared authors and items on cases `library` does not have.
pub fn load_layers(paths: &[PathBuf], library: &Library) -> Layers {
    let files = expand(paths);
    let results = read_all(&files);
    let mut out = Layers::default();
    for (file, result) in files.iter().zip(results) {
        match (file, result) {
            (Err((path, message)), _) => out.problems.push(failed(path, message.clone())),
            (Ok(path), Some(Err(e))) => out.problems.push(failed(path, e.to_string())),
            (Ok(path), None) => out.problems.push(failed(path, String::new())),
            (Ok(path), Some(Ok(notes))) => out.layers.push(Layer {
                author: base_name(path, &notes),
                path: path.clone(),
                notes,
            }),
        }
    }
    name_same_authors(&mut out);
    let known = case_ids(library);
    for layer in &out.layers {
        if let Some(p) = cases_not_loaded(&layer.path, &layer.notes, &known) {
            out.problems.push(p);
        }
    }
    out
}

/// Reads `files` in order, splitting the work over up to two threads (`None` for a file that
/// could not be listed).
fn read_all(
    files: &[Result<PathBuf, (PathBuf, String)>],
) -> Vec<Option<Result<NotesFile, NotesError>>> {
    in_parallel(files, |f| {
        f.as_ref().ok().map(|p| crate::notes::read_notes(p))
    })
}

/// Reads and checks every notes file of `paths` (files only), in order, on up to two threads.
pub fn read_many(paths: &[PathBuf]) -> Vec<Result<NotesFile, NotesError>> {
    in_parallel(paths, |p| crate::notes::read_notes(p))
}

/// `f` over `items` in order, the second half on another thread when there are two cores.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || items.len() < 8 {
        return items.iter().map(&f).collect();
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| second.iter().map(&f).collect::<Vec<_>>());
        let mut out: Vec<R> = first.iter().map(&f).collect();
        match other.join() {
            Ok(rest) => out.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    })
}

fn failed(path: &Path, message: String) -> LayerProblem {
    LayerProblem {
        path: path.to_owned(),
        kind: ProblemKind::Failed,
        message,
    }
}

/// The file name without its folder.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The author of the notes, else the file name without `.notes.json`.
fn base_name(path: &Path, notes: &NotesFile) -> String {
    match notes.author.as_deref().map(str::trim) {
        Some(a) if !a.is_empty() => a.to_owned(),
        _ => {
            let name = file_name(path);
            name.strip_suffix(".notes.json").unwrap_or(&name).to_owned()
        }
    }
}

/// Gives layers sharing an author the file name in brackets and warns about each.
fn name_same_authors(out: &mut Layers) {
    let mut by_author: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in out.layers.iter().enumerate() {
        by_author.entry(l.author.clone()).or_default().push(i);
    }
    let mut shared: Vec<&Vec<usize>> = by_author.values().filter(|v| v.len() > 1).collect();
    shared.sort();
    for group in shared {
        let author = out.layers[group[0]].author.clone();
        let names: Vec<String> = group
            .iter()
            .map(|&i| file_name(&out.layers[i].path))
            .collect();
        for &i in group {
            let layer = &mut out.layers[i];
            let name = file_name(&layer.path);
            let others: Vec<&str> = names
                .iter()
                .filter(|n| **n != name)
                .map(String::as_str)
                .collect();
            out.problems.push(LayerProblem {
                path: layer.path.clone(),
                kind: ProblemKind::SameAuthor,
                message: format!(
                    "{name}: same author \"{author}\" as {}; both are kept, shown as \"{author} ({name})\"",
                    others.join(", ")
                ),
            });
            layer.author = format!("{author} ({name})");
        }
    }
}

/// The ids of the cases `library` holds, for [`cases_not_loaded`].
pub fn case_ids(library: &Library) -> HashSet<&str> {
    library.cases.iter().map(|c| c.doc.id.as_str()).collect()
}

/// The live items of the notes read from `path` on cases not among `known`
/// ([`case_ids`]), as one problem (or none).
pub fn cases_not_loaded(
    path: &Path,
    notes: &NotesFile,
    known: &HashSet<&str>,
) -> Option<LayerProblem> {
    let mut items = 0;
    let mut cases = BTreeSet::new();
    for item in notes.items.iter().filter(|i| !i.deleted) {
        if let Some(case) = item.case.as_deref()
            && !known.contains(case)
        {
            items += 1;
            cases.insert(case.to_owned());
        }
    }
    if items == 0 {
        return None;
    }
    let cases: Vec<String> = cases.into_iter().collect();
    Some(LayerProblem {
        path: path.to_owned(),
        message: format!(
            "{}: {items} item(s) on cases not loaded: {} (kept, not shown)",
            file_name(path),
            cases.join(", ")
        ),
        kind: ProblemKind::CasesNotLoaded { items, cases },
    })
}

/// A notes file shown for reference (a lesson, a classmate's highlights): never written.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceLayer {
    /// Where it came from.
    pub origin: Origin,
    /// Its notes, shared with the library that loaded them (never edited).
    pub notes: std::sync::Arc<NotesFile>,
}

/// The library's notes files as reference layers (what a workspace without a notes session
/// shows).
pub fn library_layers(
    entries: &[crate::library::Entry<std::sync::Arc<NotesFile>>],
) -> std::sync::Arc<[ReferenceLayer]> {
    entries
        .iter()
        .map(|e| ReferenceLayer {
            origin: e.origin.clone(),
            notes: std::sync::Arc::clone(&e.doc),
        })
        .collect()
}

impl ReferenceLayer {
    /// A short name for lists ("lecture.notes.json").
    pub fn name(&self) -> String {
        match &self.origin {
            Origin::Bundled(name) => name.rsplit('/').next().unwrap_or(name).to_owned(),
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }
}

/// The name the user's own notes go by among the authors.
pub const YOU: &str = "You";

/// One author's notes as the class views read them.
#[derive(Debug, Clone, Copy)]
pub struct Coder<'a> {
    /// The layer's key ([`layer_key`]), or [`YOU`] for your own notes.
    pub key: &'a str,
    /// Who wrote them.
    pub author: &'a str,
    /// The notes.
    pub notes: &'a NotesFile,
}

/// A layer's key: where it came from (unique among layers).
pub fn layer_key(layer: &ReferenceLayer) -> String {
    layer.origin.to_string()
}

/// Who wrote a notes file: its `author`, else its file name without `.notes.json`.
pub fn author_of(notes: &NotesFile, origin: &Origin) -> String {
    if let Some(author) = notes.author.as_deref().map(str::trim)
        && !author.is_empty()
    {
        return author.to_owned();
    }
    let name = match origin {
        Origin::Bundled(name) => name.rsplit('/').next().unwrap_or(name).to_owned(),
        Origin::File(path) => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        ),
    };
    name.strip_suffix(".notes.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Bundled, LoadRequest};

    fn notes(author: Option<&str>, case: &str) -> String {
        serde_json::json!({
            "format": "caselens/notes@1",
            "author": author,
            "items": [{
                "id": "11111111-1111-4111-8111-111111111111", "kind": "note", "case": case,
                "text": "a note", "created": "2026-11-26T10:00:00Z",
                "modified": "2026-11-26T10:00:00Z",
            }],
        })
        .to_string()
    }

    #[test]
    fn a_folder_loads_sorted_and_every_problem_is_named() {
        let dir = tempfile::tempdir().expect("setup");
        let put = |name: &str, text: String| {
            std::fs::write(dir.path().join(name), text).expect("setup");
        };
        put("b-ana.notes.json", notes(Some("Ana"), "company-a"));
        put("a-ana.notes.json", notes(Some("Ana"), "company-b"));
        put("dee.notes.json", notes(None, "nowhere"));
        put("broken.notes.json", "{\n  \"format\": 3\n}".to_owned());
        put("other.case.json", "not read".to_owned());
        let lib = Library::load(&LoadRequest {
            bundled: Bundled::All,
            paths: Vec::new(),
        });
        let loaded = load_layers(&[dir.path().to_owned()], &lib);
        let names: Vec<&str> = loaded.layers.iter().map(|l| l.author.as_str()).collect();
        assert_eq!(
            names,
            ["Ana (a-ana.notes.json)", "Ana (b-ana.notes.json)", "dee"]
        );
        assert!(!loaded.all_loaded());
        let kinds: Vec<&ProblemKind> = loaded.problems.iter().map(|p| &p.kind).collect();
        assert_eq!(kinds[0], &ProblemKind::Failed);
        assert!(
            loaded.problems[0].message.contains("broken.notes.json:2:"),
            "{}",
            loaded.problems[0].message
        );
        assert_eq!(kinds[1], &ProblemKind::SameAuthor);
        assert_eq!(kinds[2], &ProblemKind::SameAuthor);
        assert_eq!(
            kinds[3],
            &ProblemKind::CasesNotLoaded {
                items: 1,
                cases: vec!["nowhere".into()]
            }
        );
        assert!(
            loaded.problems[3]
                .message
                .contains("1 item(s) on cases not loaded: nowhere"),
            "{}",
            loaded.problems[3].message
        );
        // The layer keeps the item on the missing case.
        assert_eq!(loaded.layers[2].notes.items.len(), 1);
    }

    #[test]
    fn a_missing_file_is_a_problem_and_many_files_keep_their_order() {
        let dir = tempfile::tempdir().expect("setup");
        let mut paths = Vec::new();
        for i in 0..20 {
            let p = dir.path().join(format!("s{i}.notes.json"));
            std::fs::write(&p, notes(Some(&format!("S{i}")), "company-a")).expect("setup");
            paths.push(p);
        }
        paths.push(dir.path().join("gone.notes.json"));
        let loaded = load_layers(&paths, &Library::default());
        let names: Vec<String> = loaded.layers.iter().map(|l| l.author.clone()).collect();
        let want: Vec<String> = (0..20).map(|i| format!("S{i}")).collect();
        assert_eq!(names, want);
        assert_eq!(loaded.problems[0].kind, ProblemKind::Failed);
        assert!(loaded.problems[0].message.contains("gone.notes.json"));
    }
}
