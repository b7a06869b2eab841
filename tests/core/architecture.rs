//! The floors of `src/`: the core must not depend on the GUI, every module imports only from the
//! floors below it, and no files import each other in a circle.
//!
//! `cargo test --test core floors -- --nocapture` prints the floors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Which top-level modules each top-level module may name, from the bottom floor up. A module
/// names only modules listed before it, so the table itself has no circle (a test checks it).
const FLOORS: &[(&str, &[&str])] = &[
    // Floor 0: file formats and small helpers with no other dependency; what differs between
    // the desktop and the browser (notes storage, downloads).
    ("platform", &[]),
    ("format", &[]),
    ("markdown", &[]),
    ("appearance", &[]),
    ("jobs", &[]),
    ("palette", &[]),
    // Checks beyond types, and the JSON schemas.
    ("validate", &["format", "markdown"]),
    ("schema", &["format"]),
    // Loading files and folders; the codes of frameworks and notes.
    ("library", &["format", "validate", "jobs", "platform"]),
    ("codebook", &["format", "library"]),
    // Documents of other kinds turned into draft cases.
    ("document", &["format", "validate", "library", "markdown"]),
    // The user's notes, other people's notes as layers, lessons stored in notes.
    (
        "notes",
        &[
            "format", "validate", "library", "codebook", "jobs", "markdown", "platform",
        ],
    ),
    // Writing and editing cases and frameworks (the editors' core).
    (
        "authoring",
        &[
            "format", "validate", "library", "codebook", "notes", "markdown",
        ],
    ),
    // What the views compute: comparisons, search, agreement; writers for other tools.
    (
        "compare",
        &[
            "format", "validate", "library", "codebook", "notes", "markdown",
        ],
    ),
    (
        "search",
        &[
            "format", "library", "codebook", "notes", "compare", "markdown",
        ],
    ),
    (
        "agreement",
        &[
            "format", "library", "codebook", "notes", "compare", "search", "markdown",
        ],
    ),
    (
        "export",
        &[
            "format", "validate", "library", "codebook", "notes", "compare", "search", "markdown",
        ],
    ),
    (
        "refi",
        &[
            "format", "validate", "library", "codebook", "notes", "markdown", "export", "platform",
        ],
    ),
    // The state of one window: what is open, shown, presented; every user action.
    (
        "workspace",
        &[
            "platform",
            "format",
            "markdown",
            "appearance",
            "jobs",
            "palette",
            "validate",
            "library",
            "codebook",
            "document",
            "notes",
            "authoring",
            "compare",
            "search",
            "agreement",
            "export",
            "refi",
        ],
    ),
    // The two front ends.
    (
        "cli",
        &[
            "format",
            "markdown",
            "jobs",
            "validate",
            "schema",
            "library",
            "codebook",
            "document",
            "notes",
            "authoring",
            "compare",
            "search",
            "agreement",
            "export",
            "refi",
            "workspace",
        ],
    ),
    (
        "ui",
        &[
            "platform",
            "format",
            "markdown",
            "appearance",
            "jobs",
            "palette",
            "validate",
            "library",
            "codebook",
            "document",
            "notes",
            "authoring",
            "compare",
            "search",
            "agreement",
            "export",
            "refi",
            "workspace",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// A source file that is not test code, with its module path (`src/notes/book.rs` is
/// `["notes", "book"]`).
struct Source {
    path: PathBuf,
    module: Vec<String>,
    /// The text with comments, string literals and the trailing test module blanked out
    /// (lines kept, so positions stay true).
    code: String,
}

fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// Test code is not a floor: `tests.rs` files, `test_support.rs` and everything from a
/// `#[cfg(test)]` line on (the project keeps inline test modules at the end of a file).
fn is_test_file(rel: &Path) -> bool {
    rel.iter()
        .any(|p| p == "tests.rs" || p == "tests" || p == "test_support.rs")
}

/// Blanks comments, string and char literals, and everything from the first `#[cfg(test)]`.
fn code_only(text: &str) -> String {
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    let bytes = &text.as_bytes()[..cut];
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    let blank = |b: u8| if b == b'\n' { b'\n' } else { b' ' };
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            while i < bytes.len() {
                if bytes[i..].starts_with(b"/*") {
                    depth += 1;
                    out.extend_from_slice(b"  ");
                    i += 2;
                } else if bytes[i..].starts_with(b"*/") {
                    depth -= 1;
                    out.extend_from_slice(b"  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(bytes[i]));
                    i += 1;
                }
            }
        } else if rest.starts_with(b"r#\"") || rest.starts_with(b"r\"") {
            let hashes = rest[1..].iter().take_while(|&&b| b == b'#').count();
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let start = i + 2 + hashes;
            let end = text[start..cut]
                .find(std::str::from_utf8(&close).unwrap_or("\""))
                .map_or(cut, |e| start + e + close.len());
            out.extend(bytes[i..end].iter().map(|&b| blank(b)));
            i = end;
        } else if bytes[i] == b'"' {
            out.push(b' ');
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                let step = if bytes[i] == b'\\' { 2 } else { 1 };
                for k in 0..step.min(bytes.len() - i) {
                    out.push(blank(bytes[i + k]));
                }
                i += step;
            }
            out.push(b' ');
            i += 1;
        } else if bytes[i] == b'\'' && rest.len() > 2 && (rest[2] == b'\'' || rest[1] == b'\\') {
            // A char literal ('x' or '\n'); a lifetime ('a) has no closing quote nearby.
            let len = rest[1..]
                .iter()
                .position(|&b| b == b'\'')
                .map_or(1, |p| p + 2);
            out.extend(rest[..len].iter().map(|&b| blank(b)));
            i += len;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sources() -> Vec<Source> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&root).ok()?.to_path_buf();
            if is_test_file(&rel) || rel == Path::new("main.rs") {
                return None;
            }
            let text = std::fs::read_to_string(&path).ok()?;
            Some(Source {
                module: module_of(&rel),
                code: code_only(&text),
                path,
            })
        })
        .collect()
}

/// Every path the code names through `crate::`, `super::` or `self::`, as absolute module
/// paths, with the line it is on. `use crate::{a::b, c}` gives `a::b` and `c`.
fn named_paths(source: &Source) -> Vec<(Vec<String>, usize)> {
    let code = &source.code;
    let mut out = Vec::new();
    for (pos, _) in code.match_indices("::") {
        let head_start = code[..pos]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |p| p + 1);
        let head = &code[head_start..pos];
        // Only the first `::` of a path: `crate::a::b` is read once, from `crate`.
        if head_start >= 2 && &code[head_start - 2..head_start] == "::" {
            continue;
        }
        let base: Vec<String> = match head {
            "crate" => Vec::new(),
            "self" => source.module.clone(),
            "super" => {
                let mut m = source.module.clone();
                m.pop();
                m
            }
            _ => continue,
        };
        let line = code[..pos].matches('\n').count() + 1;
        for tail in expand(&code[pos + 2..]) {
            let mut full = base.clone();
            for seg in tail {
                match seg.as_str() {
                    "super" => {
                        full.pop();
                    }
                    "self" => {}
                    _ => full.push(seg),
                }
            }
            out.push((full, line));
        }
    }
    out
}

/// The paths at the start of `rest`: `a::b::C` or `{a::b, c::{d, e}}`.
fn expand(rest: &str) -> Vec<Vec<String>> {
    let rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut end = inner.len();
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    end = i;
                    break;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        return split_top(&inner[..end])
            .into_iter()
            .flat_map(expand)
            .collect();
    }
    let mut segments = Vec::new();
    let mut s = rest;
    loop {
        let len = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        if len == 0 {
            break;
        }
        segments.push(s[..len].to_owned());
        s = &s[len..];
        match s.trim_start().strip_prefix("::") {
            Some(next) if next.trim_start().starts_with('{') => {
                return expand(next)
                    .into_iter()
                    .map(|t| segments.iter().cloned().chain(t).collect())
                    .collect();
            }
            Some(next) => s = next.trim_start(),
            None => break,
        }
    }
    vec![segments]
}

fn split_top(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// The file a module path lands in: the longest prefix that is a module of a source file.
fn resolve<'a>(path: &[String], modules: &'a BTreeMap<Vec<String>, usize>) -> Option<&'a usize> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

/// One import between two files: from, line, to.
struct Edge {
    from: usize,
    line: usize,
    to: usize,
}

fn edges(sources: &[Source]) -> Vec<Edge> {
    let modules: BTreeMap<Vec<String>, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.module.clone(), i))
        .collect();
    let mut out = Vec::new();
    for (from, source) in sources.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for (path, line) in named_paths(source) {
            if let Some(&to) = resolve(&path, &modules)
                && to != from
                && seen.insert(to)
            {
                out.push(Edge { from, line, to });
            }
        }
    }
    out
}

fn rel(path: &Path) -> String {
    path.strip_prefix(src().parent().unwrap_or(Path::new("")))
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn only_the_ui_module_uses_egui() {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found the sources");
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| {
            !p.starts_with(src.join("ui")) && !p.ends_with("main.rs") && !p.ends_with("lib.rs")
        })
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.contains("egui::")
                || text.contains("eframe::")
                || text.contains("use egui")
                || text.contains("use eframe")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "egui used outside src/ui: {offenders:?}"
    );
}

#[test]
fn the_table_of_floors_has_no_circle_and_names_every_module() {
    let mut below = BTreeSet::new();
    for (module, allowed) in FLOORS {
        for a in *allowed {
            assert!(
                below.contains(a),
                "{module} may name {a}, which is not below it"
            );
        }
        below.insert(*module);
    }
    let tops: BTreeSet<String> = sources()
        .iter()
        .filter_map(|s| s.module.first().cloned())
        .collect();
    for top in &tops {
        assert!(
            FLOORS.iter().any(|(m, _)| m == top),
            "src/{top} is not in the table of floors in tests/core/architecture.rs: give it a floor"
        );
    }
}

/// Every import runs downward: a file of one top-level module names only the modules its
/// floor allows.
#[test]
fn floors_every_import_runs_downward() {
    let sources = sources();
    let allowed: BTreeMap<&str, &[&str]> = FLOORS.iter().copied().collect();
    let mut wrong = Vec::new();
    for e in edges(&sources) {
        let (from, to) = (&sources[e.from], &sources[e.to]);
        let (Some(a), Some(b)) = (from.module.first(), to.module.first()) else {
            continue;
        };
        if a != b
            && !allowed
                .get(a.as_str())
                .is_some_and(|ok| ok.contains(&b.as_str()))
        {
            wrong.push(format!(
                "{}:{}: `{a}` names `{b}`, which is not below it",
                rel(&from.path),
                e.line
            ));
        }
    }
    println!("floors, bottom up (a module may name those after the colon):");
    for (module, ok) in FLOORS {
        println!("  {module}: {}", ok.join(", "));
    }
    assert!(
        wrong.is_empty(),
        "imports that run upward:\n{}",
        wrong.join("\n")
    );
}

/// No files import each other in a circle. A folder's `mod.rs` and its own files are one
/// unit (a parent declares its children; children may use the parent's shared items).
#[test]
fn no_files_import_each_other_in_a_circle() {
    let sources = sources();
    let is_ancestor = |a: &Source, b: &Source| b.module.starts_with(&a.module);
    let mut graph: Graph = BTreeMap::new();
    for e in edges(&sources) {
        let (a, b) = (&sources[e.from], &sources[e.to]);
        if !is_ancestor(a, b) && !is_ancestor(b, a) {
            graph.entry(e.from).or_default().push((e.to, e.line));
        }
    }
    let mut circles = Vec::new();
    // Colour-marking DFS: a grey node reached again closes a circle.
    let mut colour = vec![0u8; sources.len()];
    let mut stack: Vec<Import> = Vec::new();
    for start in 0..sources.len() {
        find_circles(start, &graph, &mut colour, &mut stack, &mut |circle| {
            let names: Vec<String> = circle
                .iter()
                .map(|&(f, line)| format!("{}:{line}", rel(&sources[f].path)))
                .collect();
            circles.push(names.join(" -> "));
        });
    }
    assert!(
        circles.is_empty(),
        "files that import each other:\n{}",
        circles.join("\n")
    );
}

/// An import of a file: (file, line).
type Import = (usize, usize);

/// Each file's imports of other files.
type Graph = BTreeMap<usize, Vec<Import>>;

fn find_circles(
    node: usize,
    graph: &Graph,
    colour: &mut [u8],
    stack: &mut Vec<Import>,
    report: &mut dyn FnMut(&[Import]),
) {
    if colour[node] != 0 {
        return;
    }
    colour[node] = 1;
    for &(next, line) in graph.get(&node).map_or(&[][..], Vec::as_slice) {
        stack.push((node, line));
        if colour[next] == 1 {
            let from = stack.iter().position(|&(n, _)| n == next).unwrap_or(0);
            report(&stack[from..]);
        } else {
            find_circles(next, graph, colour, stack, report);
        }
        stack.pop();
    }
    colour[node] = 2;
}

#[test]
fn the_reader_of_paths_sees_groups_and_relative_paths() {
    let source = Source {
        path: PathBuf::from("src/notes/book.rs"),
        module: vec!["notes".into(), "book".into()],
        code: code_only(
            "use crate::{a::b::{C, D}, e};\n// crate::comment\nlet s = \"crate::string\";\nuse super::layers::L;\n",
        ),
    };
    let paths: Vec<String> = named_paths(&source)
        .into_iter()
        .map(|(p, line)| format!("{}@{line}", p.join("::")))
        .collect();
    assert_eq!(
        paths,
        ["a::b::C@1", "a::b::D@1", "e@1", "notes::layers::L@4"],
        "{paths:?}"
    );
}

/// The browser build (issue 26): std's clocks panic on `wasm32-unknown-unknown`, so the code
/// reads time through `web_time` (std's own types on the desktop). Only the desktop's `main`
/// and tests may name std's clocks.
#[test]
fn time_is_read_through_web_time_so_the_browser_build_does_not_panic() {
    let offenders: Vec<String> = sources()
        .iter()
        .filter(|s| !s.path.ends_with("main.rs"))
        .filter(|s| {
            (s.code.contains("Instant::now()") && !s.code.contains("use web_time::Instant"))
                || s.code.contains("std::time::Instant")
                || s.code.contains("std::time::SystemTime::now")
                || (s.code.contains("SystemTime::now()")
                    && !s.code.contains("web_time::SystemTime::now()"))
        })
        .map(|s| rel(&s.path))
        .collect();
    assert!(
        offenders.is_empty(),
        "std's clocks outside main.rs: {offenders:?}"
    );
}
