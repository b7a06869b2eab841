//! Checking parsed files against each other, one file at a time: the cross-file part of a load
//! (ids seen twice, a case's framework, a user's file replacing a bundled one). A whole load runs
//! it in one go (`Library::checked`, the cases on every core); the browser's stepwise load
//! checks one file per step so that no frame holds them all ([`super::Stepwise`]).

use super::{Checks, DocKind, Document, FileStatus, Library, Pending, doc_id};
use crate::validate::Issue;

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

    /// Checks the frameworks left, one by one, and hands over the other files: cases and notes
    /// are checked against the frameworks only, so in any order (or at once, on every core).
    pub(super) fn check_frameworks(&mut self) -> Vec<Pending> {
        while self
            .left
            .as_slice()
            .first()
            .is_some_and(|p| p.doc.kind() == DocKind::Framework)
        {
            self.step();
        }
        self.left.by_ref().collect()
    }

    /// How a case or notes file is checked against the frameworks kept: its problems (a
    /// function to share between threads; the files left are not shared).
    pub(super) fn checker(&self) -> impl Fn(&Document) -> Vec<Issue> + Sync + '_ {
        let (lib, failed) = (&self.lib, &self.checks.failed_frameworks);
        move |doc| lib.issues_of(doc, failed)
    }

    /// Keeps `p` unless `issues` (its problems, [`Assembly::checker`]) or its id say no.
    pub(super) fn admit(&mut self, p: Pending, issues: Vec<Issue>) {
        self.lib.admit(p, issues, &mut self.checks);
    }

    /// The library of the files checked, and what the checks saw (the frameworks that failed).
    pub(super) fn finish_checked(self) -> (Library, Checks) {
        (self.lib, self.checks)
    }
}
