//! A scripted session (`caselens --script FILE`): one user step per line, replayed through
//! the same [`Action`]s the views send, so a frame measurement is repeatable. Pure: the window
//! runs the steps ([`crate::ui::frame_probe`]), waiting until no background work runs before
//! each one.
//!
//! ```text
//! # a comment
//! open-case #500          # the 500th case of the library (1-based), or a case id
//! search word             # opens the search panel and types "word", a character a frame
//! filter text             # types into the library's filter
//! highlight               # highlights the open case's first paragraph (20 characters)
//! view agreement          # reader, compare, alliances, matrix, coded, agreement
//! compare #1 #2           # ticks cases for the comparison
//! export project.qdpx     # File > Export: the kind by its proposed file name; writes beside the script
//! layers class            # opens a folder (or file) of notes files as layers, beside the script
//! present-sample          # Help > Sample lesson
//! next                    # the lesson's next step
//! close-lesson            # closes it
//! reload                  # File > Reload (F5): reads the library again
//! frames 30               # draws 30 frames doing nothing
//! ```

use std::path::{Path, PathBuf};

use crate::workspace::export::ExportKind;
use crate::workspace::present::PresentCmd;
use crate::workspace::{Action, Edit, View, Workspace};

/// A case named by a script: by id, or by its place in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseRef {
    /// A case id.
    Id(String),
    /// The n-th case of the library, 1-based (`#n`).
    Nth(usize),
}

/// A field the script types into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The search panel's text.
    Search,
    /// The library list's filter.
    Filter,
}

/// One step of a script.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Open a case in the reader.
    OpenCase(CaseRef),
    /// Tick cases for the comparison.
    Compare(Vec<CaseRef>),
    /// Type text into a field, one character per frame (the search panel is opened first).
    Type(Field, String),
    /// Highlight the start of the open case's first paragraph.
    Highlight,
    /// Switch the main view.
    View(View),
    /// Write an export to this path (what the save dialog would answer).
    Export(ExportKind, PathBuf),
    /// Open notes files or folders of them as layers.
    Layers(PathBuf),
    /// Something asked of presentation mode.
    Present(PresentCmd),
    /// Read the library again (File > Reload).
    Reload,
    /// Draw this many frames doing nothing.
    Frames(u32),
}

/// A script that could not be read: the line number (1-based) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("script line {line}: {why}")]
pub struct ScriptError {
    /// The line, 1-based.
    pub line: usize,
    /// What is wrong with it.
    pub why: String,
}

/// Reads a script; relative paths are taken from `base` (the script's folder).
pub fn parse(text: &str, base: &Path) -> Result<Vec<Step>, ScriptError> {
    let mut steps = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        // `#500` is a case reference: only a line starting with `#`, or ` # `, starts a comment.
        let line = if raw.trim_start().starts_with('#') {
            ""
        } else {
            raw.find(" # ").map_or(raw, |at| &raw[..at])
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        let step = step(word, rest, base).map_err(|why| ScriptError { line: i + 1, why })?;
        steps.push(step);
    }
    Ok(steps)
}

fn step(word: &str, rest: &str, base: &Path) -> Result<Step, String> {
    let needs = |what: &str| {
        if rest.is_empty() {
            Err(format!("`{word}` needs {what}"))
        } else {
            Ok(rest)
        }
    };
    Ok(match word {
        "open-case" => Step::OpenCase(case_ref(needs("a case id or #n")?)?),
        "compare" => Step::Compare(
            needs("case ids or #n")?
                .split_whitespace()
                .map(case_ref)
                .collect::<Result<_, _>>()?,
        ),
        "search" => Step::Type(Field::Search, needs("words")?.to_owned()),
        "filter" => Step::Type(Field::Filter, needs("a text")?.to_owned()),
        "highlight" => Step::Highlight,
        "view" => Step::View(view(needs("a view")?)?),
        "export" => {
            let name = needs("a file name such as project.qdpx")?;
            let kind = ExportKind::ALL
                .into_iter()
                .find(|k| k.default_file_name() == name)
                .ok_or_else(|| format!("no export writes {name}"))?;
            Step::Export(kind, base.join(name))
        }
        "layers" => Step::Layers(base.join(needs("a folder or file")?)),
        "present-sample" => Step::Present(PresentCmd::OpenSample),
        "next" => Step::Present(PresentCmd::Next),
        "close-lesson" => Step::Present(PresentCmd::Close),
        "reload" => Step::Reload,
        "frames" => Step::Frames(
            needs("a number")?
                .parse()
                .map_err(|_| format!("not a number: {rest}"))?,
        ),
        other => return Err(format!("unknown step `{other}`")),
    })
}

fn case_ref(s: &str) -> Result<CaseRef, String> {
    match s.strip_prefix('#') {
        Some(n) => match n.parse() {
            Ok(n) if n > 0 => Ok(CaseRef::Nth(n)),
            _ => Err(format!("not a case number: {s}")),
        },
        None => Ok(CaseRef::Id(s.to_owned())),
    }
}

fn view(s: &str) -> Result<View, String> {
    View::ALL
        .into_iter()
        .find(|v| v.label().eq_ignore_ascii_case(s) || (s == "coded" && *v == View::Coded))
        .ok_or_else(|| format!("no view {s}"))
}

/// The id of the case `r` names in `ws`'s library.
pub fn case_id(ws: &Workspace, r: &CaseRef) -> Result<String, String> {
    match r {
        CaseRef::Id(id) if ws.library.case(id).is_some() => Ok(id.clone()),
        CaseRef::Id(id) => Err(format!("no case {id} is loaded")),
        CaseRef::Nth(n) => ws
            .library
            .cases
            .get(n - 1)
            .map(|c| c.doc.id.clone())
            .ok_or_else(|| format!("only {} cases are loaded", ws.library.cases.len())),
    }
}

/// The actions a step sends, as the views would send them (typing and exports are the
/// window's: they are not actions).
pub fn actions(ws: &Workspace, step: &Step) -> Result<Vec<Action>, String> {
    Ok(match step {
        Step::OpenCase(r) => vec![Action::OpenCase {
            case: case_id(ws, r)?,
            at: None,
        }],
        Step::Compare(refs) => refs
            .iter()
            .map(|r| case_id(ws, r).map(Action::ToggleCompare))
            .collect::<Result<_, _>>()?,
        Step::Type(Field::Search, _) => vec![Action::Search {
            in_open_case: false,
        }],
        Step::Highlight => vec![Action::Edit(highlight(ws)?)],
        Step::View(v) => vec![Action::SetView(*v)],
        Step::Layers(path) => vec![Action::OpenLayers(vec![path.clone()])],
        Step::Present(cmd) => vec![Action::Present(cmd.clone())],
        Step::Reload => vec![Action::Reload],
        Step::Type(Field::Filter, _) | Step::Export(..) | Step::Frames(_) => Vec::new(),
    })
}

/// A highlight of the first 20 characters of the open case's first paragraph, with the
/// first code of its framework when it has one.
fn highlight(ws: &Workspace) -> Result<Edit, String> {
    let case = ws.reader_case().ok_or("no case is open")?;
    let (section, paragraph) = case
        .sections
        .iter()
        .find_map(|s| s.paragraphs.first().map(|p| (s, p)))
        .ok_or("the open case has no paragraph")?;
    let end = paragraph.text.chars().count().min(20);
    let codes = ws
        .library
        .framework(&case.framework)
        .and_then(|f| f.codes.first())
        .map(|c| vec![c.id.clone()])
        .unwrap_or_default();
    Ok(Edit::AddHighlight {
        paragraph: format!("{}/{}", section.id, paragraph.id),
        start: 0,
        end,
        codes,
        comment: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        Workspace::new(crate::library::Library::bundled(), Vec::new())
    }

    #[test]
    fn every_step_kind_is_read_with_comments_and_case_numbers() {
        let text = "# the session\nopen-case #2\nsearch supply chain # words\nfilter tes\nhighlight\nview Agreement\ncompare #1 #2\nexport project.qdpx\nlayers class\npresent-sample\nnext\nclose-lesson\nreload\nframes 30\n\n";
        let steps = parse(text, Path::new("/w")).expect("a script");
        assert_eq!(
            steps,
            vec![
                Step::OpenCase(CaseRef::Nth(2)),
                Step::Type(Field::Search, "supply chain".into()),
                Step::Type(Field::Filter, "tes".into()),
                Step::Highlight,
                Step::View(View::Agreement),
                Step::Compare(vec![CaseRef::Nth(1), CaseRef::Nth(2)]),
                Step::Export(ExportKind::ProjectQdpx, "/w/project.qdpx".into()),
                Step::Layers("/w/class".into()),
                Step::Present(PresentCmd::OpenSample),
                Step::Present(PresentCmd::Next),
                Step::Present(PresentCmd::Close),
                Step::Reload,
                Step::Frames(30),
            ]
        );
    }

    #[test]
    fn a_bad_line_is_named_with_its_number() {
        let e = parse("frames 2\nfly away\n", Path::new(".")).expect_err("unknown step");
        assert_eq!(e.line, 2);
        assert!(e.why.contains("fly"), "{e}");
        let e = parse("export nothing.txt", Path::new(".")).expect_err("no such export");
        assert!(e.to_string().contains("nothing.txt"), "{e}");
        assert!(parse("open-case #0", Path::new(".")).is_err());
        assert!(parse("frames many", Path::new(".")).is_err());
    }

    #[test]
    fn steps_become_the_actions_the_views_send() {
        let ws = ws();
        let second = ws.library.cases[1].doc.id.clone();
        let open = actions(&ws, &Step::OpenCase(CaseRef::Nth(2))).expect("a case");
        assert_eq!(
            open,
            vec![Action::OpenCase {
                case: second,
                at: None
            }]
        );
        assert!(actions(&ws, &Step::OpenCase(CaseRef::Nth(100_000))).is_err());
        assert!(actions(&ws, &Step::OpenCase(CaseRef::Id("nope".into()))).is_err());
        let Action::Edit(Edit::AddHighlight { paragraph, end, .. }) =
            &actions(&ws, &Step::Highlight).expect("an open case")[0]
        else {
            panic!("a highlight");
        };
        let case = ws.reader_case().expect("the first case is open");
        let first = &case.sections[0];
        assert_eq!(
            *paragraph,
            format!("{}/{}", first.id, first.paragraphs[0].id)
        );
        assert!(*end > 0 && *end <= 20);
    }

    #[test]
    fn a_scripted_highlight_is_added_to_the_notes() {
        let mut ws = ws();
        let before = ws.notebook.file().items.len();
        for a in actions(&ws, &Step::Highlight).expect("an open case") {
            ws.apply(a);
        }
        assert_eq!(ws.notebook.file().items.len(), before + 1);
    }
}
