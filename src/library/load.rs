//! Loading a library from the bundled files and the user's folders: list the files, then read
//! and parse them on every core (each file alone), counting into a [`Progress`] and stopping
//! early when it is cancelled, then check them against each other in their listed order.

use std::path::PathBuf;

use super::assembly::Assembly;
use super::{
    Bundled, Diagnostic, DocKind, Document, FileStatus, Library, LoadRequest, Origin, Pending,
    PositionIndex, bundled, expand, format, read_limited,
};
use crate::library::Progress;

/// What a load produced: the library of the files read, and whether that was all of them.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The library (of the files read before a cancel, when cancelled).
    pub library: Library,
    /// Files read.
    pub read: usize,
    /// Files found.
    pub total: usize,
}

impl Loaded {
    /// True when loading stopped before every file was read.
    pub fn cancelled(&self) -> bool {
        self.read < self.total
    }
}

/// Where one file's bytes come from.
pub(super) enum Source {
    Bytes(&'static [u8]),
    Path(PathBuf),
    Error(String),
}

/// The library of the files read (`None`: not read, cancelled), checked against each other.
pub(super) fn loaded(slots: Vec<Option<Result<Pending, FileStatus>>>) -> Loaded {
    let total = slots.len();
    let read = slots.iter().filter(|s| s.is_some()).count();
    Loaded {
        library: Library::assemble(slots.into_iter().flatten().collect()),
        read,
        total,
    }
}

/// A load done one file at a time, for a caller without threads (the browser) that must keep
/// each frame short: each [`Stepwise::step`] reads and parses one file (frameworks first, as
/// [`Library::load_with`] does), then checks one file against the others; [`Stepwise::finish`]
/// hands over the library. A cancelled load checks the files read so far.
pub struct Stepwise {
    files: Vec<(Origin, Source)>,
    order: Vec<usize>,
    next: usize,
    slots: Vec<Option<Result<Pending, FileStatus>>>,
    /// The files read, being checked against each other (once reading has ended).
    checking: Option<Assembly>,
    /// Files read (known once the slots are handed to the checks).
    read: usize,
}

impl std::fmt::Debug for Stepwise {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let left = self.checking.as_ref().map_or(0, Assembly::left);
        write!(
            f,
            "Stepwise({} of {} files read, {left} to check)",
            self.next,
            self.files.len()
        )
    }
}

impl Stepwise {
    /// Lists the files of `request` (reading none yet) and sets `progress`'s total.
    pub fn new(request: &LoadRequest, progress: &Progress) -> Self {
        let files = list(request);
        progress.set_total(files.len());
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by_cached_key(|&i| rank(&files[i].0));
        let slots = files.iter().map(|_| None).collect();
        Self {
            files,
            order,
            next: 0,
            slots,
            checking: None,
            read: 0,
        }
    }

    /// Does the next piece of the load: reads and parses the next file (counting it in
    /// `progress`) or, once every file is read or the load was cancelled, checks the next file
    /// against the others. False when nothing is left ([`Stepwise::finish`] then only hands over).
    pub fn step(&mut self, progress: &Progress) -> bool {
        if self.checking.is_none()
            && !progress.is_cancelled()
            && let Some(&i) = self.order.get(self.next)
        {
            self.next += 1;
            let (origin, source) = &self.files[i];
            self.slots[i] = Some(read_and_parse(origin, source));
            progress.step();
            return true;
        }
        if let Some(checking) = &mut self.checking {
            return checking.step();
        }
        // Reading ended: the checks start with the files read (a step of its own).
        let slots = std::mem::take(&mut self.slots);
        self.read = slots.iter().filter(|s| s.is_some()).count();
        self.checking = Some(Assembly::new(slots.into_iter().flatten().collect()));
        true
    }

    /// The library of the files read, as [`Library::load_with`] makes it (what is left to check
    /// is checked now).
    pub fn finish(self) -> Loaded {
        let total = self.files.len();
        match self.checking {
            Some(checking) => Loaded {
                library: Library::checked(checking),
                read: self.read,
                total,
            },
            None => loaded(self.slots),
        }
    }
}

/// Every file to load, in the order they are checked: bundled, then each path's files sorted.
pub(super) fn list(request: &LoadRequest) -> Vec<(Origin, Source)> {
    let mut files = Vec::new();
    if request.bundled != Bundled::None {
        for (name, text) in bundled::BUNDLED {
            let kind = DocKind::from_file_name(name);
            if request.bundled == Bundled::FrameworksOnly && kind != Some(DocKind::Framework) {
                continue;
            }
            files.push((
                Origin::Bundled((*name).to_owned()),
                Source::Bytes(text.as_bytes()),
            ));
        }
    }
    for path in &request.paths {
        for file in expand(path) {
            files.push(match file {
                Ok(file) => (Origin::File(file.clone()), Source::Path(file)),
                Err((file, msg)) => (Origin::File(file), Source::Error(msg)),
            });
        }
    }
    files
}

/// Parses one file's lent bytes.
pub(super) fn parse_one(origin: Origin, bytes: &[u8]) -> Result<Pending, FileStatus> {
    parsed(origin, |name, kind| format::parse(name, bytes, kind))
}

/// A file that could not be read: its status, with why as its one problem.
pub(super) fn unreadable(origin: Origin, why: &dyn std::fmt::Display) -> FileStatus {
    let name = origin.to_string();
    FileStatus {
        kind: DocKind::from_file_name(&name),
        problems: vec![Diagnostic::new(&name, None, why.to_string())],
        id: None,
        origin,
    }
}

/// Parses one file's bytes, which become its position index without a copy.
pub(super) fn parse_owned_one(origin: Origin, bytes: Vec<u8>) -> Result<Pending, FileStatus> {
    parsed(origin, |name, kind| format::parse_owned(name, bytes, kind))
}

/// The file at `origin` parsed by `parse` (given its name and kind), as a pending document or
/// the status of a file that failed.
fn parsed(
    origin: Origin,
    parse: impl FnOnce(&str, Option<DocKind>) -> Result<(Document, PositionIndex), Vec<Diagnostic>>,
) -> Result<Pending, FileStatus> {
    let name = origin.to_string();
    let kind = DocKind::from_file_name(&name);
    match parse(&name, kind) {
        Ok((doc, index)) => Ok(Pending {
            origin,
            doc,
            index: Some(index),
            checked: None,
        }),
        Err(problems) => Err(FileStatus {
            origin,
            kind,
            id: None,
            problems,
        }),
    }
}

pub(super) fn read_and_parse(origin: &Origin, source: &Source) -> Result<Pending, FileStatus> {
    match source {
        Source::Bytes(bytes) => parse_one(origin.clone(), bytes),
        Source::Path(path) => match read_limited(path) {
            // The bytes become the position index, not copied.
            Ok(bytes) => parse_owned_one(origin.clone(), bytes),
            Err(e) => Err(unreadable(origin.clone(), &e)),
        },
        Source::Error(msg) => Err(unreadable(origin.clone(), msg)),
    }
}

/// `f` of every item, in order, on up to one thread per core (in contiguous chunks).
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let work = move || part.iter().map(f).collect::<Vec<R>>();
                std::thread::Builder::new()
                    .name("load-check".into())
                    .spawn_scoped(scope, work)
                    .map_err(|_| part)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for part in parts {
            match part {
                Ok(handle) => match handle.join() {
                    Ok(done) => out.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread to be had: this one does the work.
                Err(part) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

/// Threads worth starting for `n` files: one per core, none for a handful of files. In the
/// browser (no threads) the core count is unknown, so everything runs on the calling thread.
pub(super) fn threads_for(n: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(n / 8 + 1)
        .min(8)
}

/// Frameworks first, then notes, then cases: a cancelled load keeps what the cases need.
pub(super) fn rank(origin: &Origin) -> u8 {
    // By the file's name: a bundled file's shown name ends in " (bundled)".
    let kind = match origin {
        Origin::Bundled(name) => DocKind::from_file_name(name),
        Origin::File(path) => DocKind::from_file_name(&path.to_string_lossy()),
    };
    match kind {
        Some(DocKind::Framework) => 0,
        Some(DocKind::Notes) => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with a framework and `n` cases of it, written after the cases in path order.
    fn folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let fw = r#"{"format": "caselens/framework@1", "id": "mini", "title": "Mini", "groups": [], "codes": []}"#;
        std::fs::write(dir.path().join("z.framework.json"), fw).expect("written");
        for i in 0..n {
            let case = format!(
                r#"{{"format": "caselens/case@1", "id": "c{i}", "title": "T", "framework": "mini",
                "meta": {{"sources": [{{"id": "s", "citation": "c"}}]}},
                "sections": [{{"id": "a", "title": "A", "paragraphs": [{{"id": "p1", "text": "x"}}]}}]}}"#
            );
            std::fs::write(dir.path().join(format!("c{i:03}.case.json")), case).expect("written");
        }
        dir
    }

    fn request(dir: &tempfile::TempDir) -> LoadRequest {
        LoadRequest {
            bundled: Bundled::None,
            paths: vec![dir.path().to_owned()],
        }
    }

    #[test]
    fn a_full_load_counts_every_file() {
        let dir = folder(40);
        let progress = Progress::default();
        let loaded = Library::load_with(&request(&dir), &progress);
        assert!(!loaded.cancelled());
        assert_eq!((loaded.read, loaded.total), (41, 41));
        assert_eq!(progress.files(), (41, 41));
        assert_eq!(loaded.library.cases.len(), 40);
        assert_eq!(loaded.library.failed().count(), 0);
        // Listed order is kept whatever thread parsed a file.
        let ids: Vec<&str> = loaded
            .library
            .cases
            .iter()
            .map(|c| c.doc.id.as_str())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_by_key(|id| id[1..].parse::<usize>().unwrap_or(0));
        assert_eq!(ids, sorted);
    }

    /// Every file's status (name, valid, problems) and the ids kept, in order.
    fn outline(lib: &Library) -> (Vec<String>, Vec<String>, Vec<String>) {
        let files = lib
            .files
            .iter()
            .map(|f| format!("{} {:?} {:?}", f.origin, f.id, f.problems))
            .collect();
        let cases = lib.cases.iter().map(|c| c.doc.id.clone()).collect();
        let frameworks = lib.frameworks.iter().map(|f| f.doc.id.clone()).collect();
        (files, cases, frameworks)
    }

    /// Steps a load to its end: (files read after each step, steps taken).
    fn step_through(steps: &mut Stepwise, progress: &Progress) -> (Vec<usize>, usize) {
        let mut read = Vec::new();
        while steps.step(progress) {
            read.push(progress.files().0);
        }
        let n = read.len();
        (read, n)
    }

    #[test]
    fn a_stepwise_load_reads_one_file_a_step_then_checks_one_a_step_and_ends_as_a_whole_load() {
        let dir = folder(5);
        let whole = Library::load_with(&request(&dir), &Progress::default());
        let progress = Progress::default();
        let mut steps = Stepwise::new(&request(&dir), &progress);
        assert_eq!(progress.files(), (0, 6), "listed, nothing read yet");
        let (read, n) = step_through(&mut steps, &progress);
        // 6 files read one a step, a step to start the checks, 6 files checked one a step.
        assert_eq!(n, 6 + 1 + 6, "{read:?}");
        assert_eq!(read[..6], [1, 2, 3, 4, 5, 6]);
        assert!(read[6..].iter().all(|&r| r == 6), "checking reads nothing");
        assert!(!steps.step(&progress), "nothing left");
        let loaded = steps.finish();
        assert!(!loaded.cancelled());
        assert_eq!(outline(&loaded.library), outline(&whole.library));
        assert_eq!(loaded.library.frameworks.len(), 1);
        assert_eq!(loaded.library.failed().count(), 0);
    }

    #[test]
    fn a_stepwise_load_gives_the_same_problems_overrides_and_duplicates_as_a_whole_load() {
        let dir = folder(3);
        // A broken case, a case whose framework is missing, a duplicate id, and a user's
        // framework with a bundled framework's id (it replaces the bundled one).
        std::fs::write(dir.path().join("bad.case.json"), "{ not json").expect("written");
        let orphan = std::fs::read_to_string(dir.path().join("c000.case.json"))
            .expect("read")
            .replace("\"c0\"", "\"lost\"")
            .replace("\"mini\"", "\"nowhere\"");
        std::fs::write(dir.path().join("lost.case.json"), orphan).expect("written");
        let twin = std::fs::read(dir.path().join("c001.case.json")).expect("read");
        std::fs::write(dir.path().join("twin.case.json"), twin).expect("written");
        let (name, text) = bundled::BUNDLED
            .iter()
            .find(|(n, _)| n.ends_with(".framework.json"))
            .expect("a bundled framework");
        let name = std::path::Path::new(name).file_name().expect("a file name");
        std::fs::write(dir.path().join(name), text).expect("written");
        let request = LoadRequest {
            bundled: Bundled::All,
            paths: vec![dir.path().to_owned()],
        };
        let whole = Library::load_with(&request, &Progress::default());
        assert!(
            whole.library.failed().count() >= 3,
            "{:#?}",
            whole.library.files
        );
        let progress = Progress::default();
        let mut steps = Stepwise::new(&request, &progress);
        step_through(&mut steps, &progress);
        assert_eq!(outline(&steps.finish().library), outline(&whole.library));
        // Finishing early checks what is left at once, to the same end.
        let mut steps = Stepwise::new(&request, &progress);
        for _ in 0..progress.files().1 + 3 {
            steps.step(&progress);
        }
        assert_eq!(outline(&steps.finish().library), outline(&whole.library));
    }

    #[test]
    fn a_cancelled_stepwise_load_keeps_the_framework_and_the_cases_read() {
        let dir = folder(5);
        let progress = Progress::default();
        let mut steps = Stepwise::new(&request(&dir), &progress);
        assert!(steps.step(&progress) && steps.step(&progress));
        progress.cancel();
        let (read, n) = step_through(&mut steps, &progress);
        assert_eq!(
            n,
            1 + 2,
            "a step to start the checks, then the 2 files read"
        );
        assert!(read.iter().all(|&r| r == 2), "nothing more is read");
        let loaded = steps.finish();
        assert_eq!((loaded.read, loaded.total), (2, 6));
        assert_eq!(
            loaded.library.frameworks.len(),
            1,
            "frameworks are read first"
        );
        assert_eq!(loaded.library.cases.len(), 1);
        assert_eq!(loaded.library.failed().count(), 0);
    }

    #[test]
    fn cancel_before_the_start_reads_nothing() {
        let dir = folder(10);
        let progress = Progress::default();
        progress.cancel();
        let loaded = Library::load_with(&request(&dir), &progress);
        assert!(loaded.cancelled());
        assert_eq!((loaded.read, loaded.total), (0, 11));
        assert!(loaded.library.cases.is_empty() && loaded.library.files.is_empty());
    }

    #[test]
    fn cancel_in_mid_load_stops_early_and_keeps_the_framework_for_the_cases_read() {
        let dir = folder(200);
        let progress = Progress::default();
        progress.cancel_after(20);
        let loaded = Library::load_with(&request(&dir), &progress);
        assert!(loaded.cancelled(), "{} of {}", loaded.read, loaded.total);
        // Threads already inside a file finish it: at most one extra file per thread.
        assert!(loaded.read >= 20 && loaded.read < 20 + 8, "{}", loaded.read);
        assert_eq!(
            loaded.library.frameworks.len(),
            1,
            "frameworks are read first"
        );
        assert_eq!(loaded.library.cases.len(), loaded.read - 1);
        assert_eq!(
            loaded.library.failed().count(),
            0,
            "no case lacks its framework"
        );
    }

    #[test]
    fn odd_files_read_from_disk_get_the_same_problems_as_in_memory() {
        let dir = folder(1);
        let good = std::fs::read(dir.path().join("c000.case.json")).expect("read");
        let mut bom = "\u{feff}".as_bytes().to_vec();
        bom.extend(
            good.iter()
                .copied()
                .map(|b| if b == b'0' { b'9' } else { b }),
        );
        let odd: Vec<(&str, Vec<u8>)> = vec![
            ("bom.case.json", bom),
            ("empty.case.json", b"  \n".to_vec()),
            ("latin1.case.json", b"{\"title\": \"caf\xe9\"}".to_vec()),
            (
                "dup.case.json",
                br#"{"format": "caselens/case@1", "id": "d", "id": "e"}"#.to_vec(),
            ),
        ];
        for (name, bytes) in &odd {
            std::fs::write(dir.path().join(name), bytes).expect("written");
            // Bytes given away (disk, `from_sources`) or lent give the same problems.
            let lent = format::parse(name, bytes, Some(DocKind::Case)).map(|_| ());
            let given = format::parse_owned(name, bytes.clone(), Some(DocKind::Case)).map(|_| ());
            assert_eq!(lent, given, "{name}");
        }
        let from_disk = Library::load(&request(&dir));
        let mut sources = vec![(
            Origin::File(dir.path().join("z.framework.json")),
            std::fs::read(dir.path().join("z.framework.json"))
                .map_err(|source| crate::library::LibraryError::Read { source }),
        )];
        sources.extend(
            odd.iter()
                .map(|(n, b)| (Origin::File(dir.path().join(n)), Ok(b.clone()))),
        );
        sources.push((Origin::File(dir.path().join("c000.case.json")), Ok(good)));
        let in_memory = Library::from_sources(sources);
        let problems = |lib: &Library| {
            let mut p: Vec<String> = lib
                .files
                .iter()
                .flat_map(|f| f.problems.iter().map(ToString::to_string))
                .collect();
            p.sort();
            p
        };
        assert_eq!(problems(&from_disk), problems(&in_memory));
        assert_eq!(problems(&from_disk).len(), 4, "{:#?}", problems(&from_disk));
        let ids = |lib: &Library| {
            lib.cases
                .iter()
                .map(|c| c.doc.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&from_disk), ["c9", "c0"], "the BOM file loads too");
        assert_eq!(ids(&in_memory).len(), 2);
    }
}
