//! The threaded load in two stages, so a valid file's text is let go as soon as it is read:
//! the frameworks are read first and put together as the library will hold them; then every
//! other file is read, parsed and checked against them on every core, keeping its text (for
//! the lines and columns of its problems) only when it has problems. Holding every file's text
//! until all were read cost as much memory again as the JSON of the whole library.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::load::{Source, read_and_parse, threads_for};
use super::{
    DocKind, FileStatus, Library, LoadRequest, Loaded, Origin, Pending, PositionIndex, bundled,
    read_limited,
};
use crate::library::Progress;

/// One slot per file, in listed order: `None` for a file not read (cancelled).
type Slots = Vec<Option<Result<Pending, FileStatus>>>;

impl Library {
    /// Loads a library, counting files into `progress` and stopping early when it is
    /// cancelled (the result then holds the files read so far; frameworks are read first, so
    /// the cases read can be checked against them).
    pub fn load_with(request: &LoadRequest, progress: &Progress) -> Loaded {
        let files = super::load::list(request);
        progress.set_total(files.len());
        super::load::loaded(parse_and_check(&files, progress))
    }
}

/// Reads and parses `files` (frameworks first), checking the others on the loading threads.
pub(super) fn parse_and_check(files: &[(Origin, Source)], progress: &Progress) -> Slots {
    let (frameworks, others): (Vec<usize>, Vec<usize>) =
        (0..files.len()).partition(|&i| super::load::rank(&files[i].0) == 0);
    let mut slots: Slots = files.iter().map(|_| None).collect();
    let read = |origin: &Origin, source: &Source| read_and_parse(origin, source);
    for (i, parsed) in run(files, &frameworks, progress, &read) {
        slots[i] = Some(parsed);
    }
    // The frameworks as the library will have them (a file named `.framework.json` that holds
    // a case adds no framework; the other way round is caught below).
    let first: Vec<Result<Pending, FileStatus>> = frameworks
        .iter()
        .filter_map(|&i| match slots[i].as_ref()? {
            Ok(p) if p.doc.kind() == DocKind::Framework => Some(Ok(p.clone())),
            _ => None,
        })
        .collect();
    let (provisional, checks) = Library::assemble_checked(first);
    let late_framework = AtomicBool::new(false);
    let read_and_check = |origin: &Origin, source: &Source| {
        let mut pending = read_and_parse(origin, source)?;
        if pending.doc.kind() == DocKind::Framework {
            // A framework in a file not named as one: the cases are checked again at the end.
            late_framework.store(true, Ordering::Relaxed);
            return Ok(pending);
        }
        let issues = provisional.issues_of(&pending.doc, &checks.failed_frameworks);
        if issues.is_empty() {
            pending.index = None;
        }
        pending.checked = Some(issues);
        Ok(pending)
    };
    for (i, parsed) in run(files, &others, progress, &read_and_check) {
        slots[i] = Some(parsed);
    }
    if late_framework.load(Ordering::Relaxed) {
        for pending in slots.iter_mut().flatten().flatten() {
            pending.checked = None;
        }
    }
    slots
}

/// `each` of the files at `order` on up to one thread per core, counting into `progress`
/// and stopping when it is cancelled; (index, result) for the files done.
fn run<R: Send>(
    files: &[(Origin, Source)],
    order: &[usize],
    progress: &Progress,
    each: &(dyn Fn(&Origin, &Source) -> R + Sync),
) -> Vec<(usize, R)> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut out = Vec::new();
        while !progress.is_cancelled() {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = order.get(k) else { break };
            let (origin, source) = &files[i];
            out.push((i, each(origin, source)));
            progress.step();
        }
        out
    };
    let threads = threads_for(order.len());
    let mut done = Vec::new();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|n| {
                std::thread::Builder::new()
                    .name(format!("load-{n}"))
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        // This thread works too; a helper that could not start leaves its share to the others.
        done.extend(work());
        for helper in helpers {
            // A panicking parse is the loader's bug; its files stay unread and reported.
            done.extend(helper.join().unwrap_or_default());
        }
    });
    done
}

/// The position index of a file whose text was let go after a clean check, read again to
/// place a problem found later (a repeated id). A file that cannot be read again gives an
/// empty index: the problem is still reported, without its line.
pub(super) fn index_again(origin: &Origin) -> PositionIndex {
    let bytes = match origin {
        Origin::Bundled(name) => bundled::BUNDLED
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.as_bytes().to_vec()),
        Origin::File(path) => read_limited(path).ok(),
    };
    let text = bytes
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    // Positions are counted after a byte order mark, as when the file was parsed.
    match text.strip_prefix('\u{feff}') {
        Some(body) => PositionIndex::build(body),
        None => PositionIndex::from_text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Bundled;

    const FW: &str = r#"{"format": "caselens/framework@1", "id": "mini", "title": "Mini",
"groups": [{"id": "g", "title": "G", "dimensions": [{"id": "d", "label": "D", "kind": "year"}]}],
"codes": []}"#;

    fn case(id: &str, framework: &str, year: &str) -> String {
        format!(
            "{{\"format\": \"caselens/case@1\", \"id\": \"{id}\", \"title\": \"T\",\n\"framework\": \"{framework}\",\n\"meta\": {{\"sources\": [{{\"id\": \"s\", \"citation\": \"c\"}}]}},\n\"sections\": [{{\"id\": \"a\", \"title\": \"A\", \"paragraphs\": [{{\"id\": \"p1\", \"text\": \"x\"}}]}}],\n\"facets\": {{\"d\": {{\"value\": {year}, \"evidence\": [{{\"source\": \"s\"}}]}}}}}}\n"
        )
    }

    /// Loads `files` from a folder (the staged load) and from memory (every text kept, checked
    /// at the end); both libraries, with every problem as printed.
    fn both(files: &[(&str, String)]) -> [(Vec<String>, Vec<String>, usize); 2] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut sources = Vec::new();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("written");
            sources.push((Origin::File(path), Ok(text.clone().into_bytes())));
        }
        let from_disk = Library::load(&LoadRequest {
            bundled: Bundled::None,
            paths: vec![dir.path().to_owned()],
        });
        sources.sort_by_key(|s| s.0.to_string());
        let in_memory = Library::from_sources(sources);
        [from_disk, in_memory].map(|lib| {
            let mut problems: Vec<String> = lib
                .files
                .iter()
                .flat_map(|f| f.problems.iter().map(ToString::to_string))
                .collect();
            problems.sort();
            let cases = lib.cases.iter().map(|c| c.doc.id.clone()).collect();
            (cases, problems, lib.frameworks.len())
        })
    }

    #[test]
    fn a_valid_file_keeps_no_text_and_a_file_with_problems_keeps_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("mini.framework.json"), FW).expect("written");
        std::fs::write(dir.path().join("a.case.json"), case("a", "mini", "2001")).expect("written");
        std::fs::write(dir.path().join("b.case.json"), case("b", "mini", "\"x\""))
            .expect("written");
        let request = LoadRequest {
            bundled: Bundled::FrameworksOnly,
            paths: vec![dir.path().to_owned()],
        };
        let files = super::super::load::list(&request);
        let slots = parse_and_check(&files, &Progress::default());
        let kept: Vec<(String, bool, Option<usize>)> = slots
            .iter()
            .flatten()
            .flatten()
            .map(|p| {
                (
                    p.origin.to_string(),
                    p.index.is_some(),
                    p.checked.as_ref().map(Vec::len),
                )
            })
            .filter(|(name, ..)| name.ends_with(".case.json"))
            .collect();
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(!kept[0].1 && kept[0].2 == Some(0), "{kept:?}");
        assert!(kept[1].1 && kept[1].2 == Some(1), "{kept:?}");
    }

    #[test]
    fn a_repeated_id_found_after_the_text_was_let_go_is_placed_as_before() {
        let [disk, memory] = both(&[
            ("a.case.json", case("x", "mini", "2001")),
            ("b.case.json", format!("\n\n{}", case("x", "mini", "2002"))),
            ("mini.framework.json", FW.to_owned()),
        ]);
        assert_eq!(disk, memory);
        assert_eq!(disk.0, ["x"]);
        let [problem] = disk.1.as_slice() else {
            panic!("{:?}", disk.1)
        };
        // The text was let go after a clean check; the id is still placed on its line.
        assert!(
            problem.contains("b.case.json:3:") && problem.contains("another case with id \"x\""),
            "{problem}"
        );
    }

    #[test]
    fn problems_found_on_the_loading_threads_are_placed_and_valid_files_load() {
        let [disk, memory] = both(&[
            ("a.case.json", case("a", "mini", "\"soon\"")),
            ("b.case.json", case("b", "mini", "2001")),
            ("c.case.json", case("c", "none", "2001")),
            ("mini.framework.json", FW.to_owned()),
        ]);
        assert_eq!(disk, memory);
        assert_eq!(disk.0, ["b"]);
        assert_eq!(disk.1.len(), 2, "{:?}", disk.1);
        assert!(disk.1[0].contains("a.case.json:5:"), "{:?}", disk.1);
    }

    #[test]
    fn a_framework_in_a_file_named_as_a_case_still_checks_the_cases() {
        let [disk, memory] = both(&[
            ("a.case.json", case("a", "mini", "2001")),
            ("b.case.json", case("b", "mini", "\"soon\"")),
            ("fw.case.json", FW.to_owned()),
        ]);
        assert_eq!(disk, memory);
        assert_eq!(disk.2, 1, "the framework loads");
        assert_eq!(disk.0, ["a"], "{:?}", disk.1);
        assert!(disk.1[0].contains("b.case.json:5:"), "{:?}", disk.1);
    }
}
