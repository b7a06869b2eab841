//! Checking parsed files against each other, one file at a time: the cross-file part of a load
//! (ids seen twice, a case's framework, a user's file replacing a bundled one). A whole load runs
//! it in one go ([`Library::assemble`], the cases on every core); the browser's stepwise load
//! runs one file per step so that no frame holds them all ([`super::Stepwise`]).

use super::{Checks, DocKind, FileStatus, Library, Pending, doc_id, load};

/// Parsed files being checked against each other: the frameworks first (the cases are checked
/// against them), then the cases and notes in their listed order.
pub(super) struct Assembly {
    lib: Library,
    checks: Checks,
    /// The files not checked yet, in the order they are checked.
    left: std::vec::IntoIter<Pending>,
}

impl Assembly {
    /// Sets aside the files that failed to parse and the bundled files a user's file replaces
    /// (same kind and id; a user's notes file never hides the bundled lesson), and orders the
    /// rest: frameworks first.
    pub(super) fn new(parsed: Vec<Result<Pending, FileStatus>>) -> Self {
        let mut lib = Library::default();
        let mut pending = Vec::new();
        for p in parsed {
            match p {
                Ok(p) => pending.push(p),
                Err(status) => lib.files.push(status),
            }
        }
        let user_ids: std::collections::HashSet<(DocKind, String)> = pending
            .iter()
            .filter(|p| !p.origin.is_bundled() && p.doc.kind() != DocKind::Notes)
            .map(|p| (p.doc.kind(), doc_id(&p.doc).to_owned()))
            .collect();
        pending.retain(|p| {
            !p.origin.is_bundled() || !user_ids.contains(&(p.doc.kind(), doc_id(&p.doc).to_owned()))
        });
        // Stable: files of one kind keep their listed order.
        pending.sort_by_key(|p| p.doc.kind());
        Self {
            lib,
            checks: Checks::default(),
            left: pending.into_iter(),
        }
    }

    /// Checks the next file and keeps it when it has no problems; false when none is left.
    pub(super) fn step(&mut self) -> bool {
        let Some(p) = self.left.next() else {
            return false;
        };
        let issues = self.lib.issues_of(&p.doc, &self.checks.failed_frameworks);
        self.lib.admit(p, issues, &mut self.checks);
        true
    }

    /// Files not checked yet.
    pub(super) fn left(&self) -> usize {
        self.left.len()
    }

    /// Checks every file left: the frameworks one by one, then the cases and notes, which are
    /// checked against the frameworks only, on every core.
    pub(super) fn run(mut self) -> Library {
        while self
            .left
            .as_slice()
            .first()
            .is_some_and(|p| p.doc.kind() == DocKind::Framework)
        {
            self.step();
        }
        let others: Vec<Pending> = self.left.by_ref().collect();
        let (lib, checks) = (&self.lib, &self.checks);
        let docs: Vec<&super::Document> = others.iter().map(|p| &p.doc).collect();
        let issues = load::par_map(&docs, |doc| lib.issues_of(doc, &checks.failed_frameworks));
        for (p, issues) in others.into_iter().zip(issues) {
            self.lib.admit(p, issues, &mut self.checks);
        }
        self.lib
    }
}
