//! Checks beyond the types: ids, uniqueness, references, quotes, value kinds and codes.
//!
//! Each check returns every [`Issue`] it finds (not only the first), addressed by JSON pointer
//! so the caller can turn it into a line and column with the file's position index.

mod case;
mod framework;
mod notes;

pub use case::check_case;
pub use framework::check_framework;
pub use notes::{check_notes, is_timestamp};

use std::collections::{HashMap, HashSet};

use crate::format::{is_valid_code_id, is_valid_color, is_valid_id};

/// One problem, addressed by JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// RFC 6901 pointer to the offending value.
    pub pointer: String,
    /// True when the offending thing is the member's key rather than its value.
    pub at_key: bool,
    /// What is wrong.
    pub message: String,
}

#[derive(Default)]
struct Issues(Vec<Issue>);

impl Issues {
    fn at(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            pointer: pointer.into(),
            at_key: false,
            message: message.into(),
        });
    }

    fn at_key(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            pointer: pointer.into(),
            at_key: true,
            message: message.into(),
        });
    }

    fn id(&mut self, pointer: impl FnOnce() -> String, what: &str, id: &str) {
        if !is_valid_id(id) {
            self.at(
                pointer(),
                format!("{what} id \"{id}\" is not valid: use 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"),
            );
        }
    }

    /// Records ids and reports the second and later occurrences.
    fn unique<'a, P: Fn() -> String>(
        &mut self,
        seen: &mut HashMap<&'a str, P>,
        id: &'a str,
        pointer: P,
        what: &str,
    ) {
        if let Some(first) = seen.get(id) {
            self.at(
                pointer(),
                format!("duplicate {what} id \"{id}\" (first used at {})", first()),
            );
        } else {
            seen.insert(id, pointer);
        }
    }
}

fn ptr(parts: &[&str]) -> String {
    parts.iter().fold(String::new(), |acc, p| {
        crate::format::position::join(&acc, p)
    })
}

/// (id, parent, color) of a framework or user code.
type CodeRef<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

/// Checks every code of a `/codes` array and that ids are unique.
fn check_codes(out: &mut Issues, codes: &[CodeRef<'_>], known: &HashSet<&str>, user: bool) {
    let mut seen = HashMap::new();
    for (ci, (id, parent, color)) in codes.iter().enumerate() {
        let cp = format!("/codes/{ci}");
        check_code(out, &cp, id, *parent, *color, known, user);
        out.unique(&mut seen, id, move || format!("/codes/{ci}/id"), "code");
    }
}

fn check_code(
    out: &mut Issues,
    cp: &str,
    id: &str,
    parent: Option<&str>,
    color: Option<&str>,
    known: &HashSet<&str>,
    user: bool,
) {
    if !is_valid_code_id(id) {
        out.at(format!("{cp}/id"), format!("code id \"{id}\" is not valid: use dotted parts of letters, digits and '-' (e.g. RAT.market-access)"));
    }
    if user && !id.starts_with("USER.") {
        out.at(
            format!("{cp}/id"),
            format!("user code id \"{id}\" must start with `USER.`"),
        );
    }
    let expected_parent = id.rsplit_once('.').map(|(p, _)| p);
    match (parent, expected_parent) {
        (Some(p), _) if !(known.contains(p) || (user && p == "USER")) => {
            out.at(
                format!("{cp}/parent"),
                format!("parent code \"{p}\" does not exist"),
            );
        }
        (Some(p), Some(e)) if p != e => {
            out.at(
                format!("{cp}/parent"),
                format!(
                    "parent of \"{id}\" must be \"{e}\" (the id without its last part), not \"{p}\""
                ),
            );
        }
        (Some(p), None) => out.at(
            format!("{cp}/parent"),
            format!("\"{id}\" is a top-level code and cannot have parent \"{p}\""),
        ),
        (None, Some(e)) if !user && known.contains(e) => {
            out.at(
                format!("{cp}/id"),
                format!(
                    "code \"{id}\" lies under \"{e}\" but has no `parent`: add \"parent\": \"{e}\""
                ),
            );
        }
        (None, Some(e)) if !user => out.at(
            format!("{cp}/id"),
            format!("code \"{id}\" needs its parent code \"{e}\", which does not exist"),
        ),
        _ => {}
    }
    if let Some(c) = color
        && !is_valid_color(c)
    {
        out.at(
            format!("{cp}/color"),
            format!("color \"{c}\" is not of the form #rrggbb"),
        );
    }
}

#[cfg(test)]
mod tests;
