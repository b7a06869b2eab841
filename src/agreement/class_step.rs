//! "What the class marked" as a lesson step (`"view": "class"`): for one case, the passages
//! most of the shown authors highlighted and the codes most of them used, counted over the
//! layers shown now (the ticked authors), in words for the room ("2 of 3 students"). The
//! counting is [`crate::agreement::summary`]'s; this picks the case, names the codes and says
//! plainly when there is nothing to show. No GUI types.

use crate::agreement::summary::class_summary;
use crate::codebook::Codebook;
use crate::format::NotesFile;
use crate::format::notes::NOTES_FORMAT;
use crate::library::Library;
use crate::notes::layers::{Coder, Layer};

/// Passages shown in a class step (large type on a 1280x720 projector), more when tied.
pub const PASSAGES: usize = 3;
/// Codes shown in a class step (with [`PASSAGES`], what fits at 1280x720 at 150 %), more when
/// tied.
pub const CODES: usize = 4;
/// At most this many passages are shown, passages tied with the last of [`PASSAGES`] included.
pub const PASSAGES_MAX: usize = 6;
/// At most this many codes are shown, codes tied with the last of [`CODES`] included.
pub const CODES_MAX: usize = 8;

/// Shown when no class has been opened.
pub const NO_LAYERS: &str = "No class notes are open: File > Open class folder… (or --layer PATH) opens the students' notes files.";
/// Shown when a class is open but no author is ticked.
pub const NONE_SHOWN: &str =
    "No student's notes are shown: tick authors in View > Layers (All shows the whole class).";

/// A passage of a class step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPassage {
    /// `section/paragraph`.
    pub paragraph: String,
    /// The stretch most of them highlighted (cut with "…" when long).
    pub quote: String,
    /// How many of the shown authors highlighted something in the paragraph.
    pub authors: usize,
    /// "2 of 3 students".
    pub share: String,
}

/// A code of a class step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassCode {
    /// Code id.
    pub code: String,
    /// Its label (the codebook's, else the label an author gave their own code, else the id).
    pub label: String,
    /// How many of the shown authors applied it on the case.
    pub authors: usize,
    /// "2 of 3 students".
    pub share: String,
}

/// What the class marked in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassStep {
    /// Case id.
    pub case: String,
    /// Case title.
    pub title: String,
    /// Authors shown (the "of N").
    pub shown: usize,
    /// Of them, those who wrote anything on the case.
    pub wrote: usize,
    /// The most highlighted passages, most authors first.
    pub passages: Vec<ClassPassage>,
    /// Passages marked but not shown (fewer authors, or ties past [`PASSAGES_MAX`]).
    pub more_passages: usize,
    /// The most used codes, most authors first.
    pub codes: Vec<ClassCode>,
    /// Codes used but not shown.
    pub more_codes: usize,
}

impl ClassStep {
    /// "and 2 more passages, marked by fewer students" (`None` when every one is shown).
    pub fn more_passages_text(&self) -> Option<String> {
        more_text(self.more_passages, "passage", "marked")
    }

    /// "and 3 more codes, used by fewer students" (`None` when every one is shown).
    pub fn more_codes_text(&self) -> Option<String> {
        more_text(self.more_codes, "code", "used")
    }

    /// "2 of 3 students wrote on this case".
    pub fn wrote_text(&self) -> String {
        format!("{} wrote on this case", share(self.wrote, self.shown))
    }
}

/// What a class step shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassView {
    /// No class notes are open ([`NO_LAYERS`]).
    NoLayers,
    /// A class is open but none of its authors is shown ([`NONE_SHOWN`]).
    NoneShown,
    /// The step names no case, or one that is not loaded.
    NoCase(Option<String>),
    /// The summary (`wrote` may be 0: nobody wrote on the case).
    Summary(ClassStep),
}

impl ClassView {
    /// The sentence shown instead of a summary, if any.
    pub fn message(&self) -> Option<String> {
        match self {
            Self::NoLayers => Some(NO_LAYERS.to_owned()),
            Self::NoneShown => Some(NONE_SHOWN.to_owned()),
            Self::NoCase(None) => Some("This class step names no case.".to_owned()),
            Self::NoCase(Some(id)) => Some(format!("The case \"{id}\" is not loaded.")),
            Self::Summary(s) if s.wrote == 0 => Some(format!(
                "None of the {} student(s) shown wrote on this case.",
                s.shown
            )),
            Self::Summary(_) => None,
        }
    }
}

/// "and N more passages, marked by fewer students or as many" for what a step leaves out.
fn more_text(n: usize, what: &str, done: &str) -> Option<String> {
    let plural = if n == 1 { "" } else { "s" };
    (n > 0).then(|| format!("and {n} more {what}{plural}, {done} by as many students or fewer"))
}

/// The first `min` of `items` (sorted best first), then those tied with the last of them, at
/// most `max` in all; and how many are left out (the views say "and N more", so a tie cut at
/// `max` is never silent).
pub fn top_with_ties<T>(
    mut items: Vec<T>,
    count: impl Fn(&T) -> usize,
    min: usize,
    max: usize,
) -> (Vec<T>, usize) {
    let mut take = min.min(items.len());
    if let Some(last) = take.checked_sub(1).and_then(|i| items.get(i)).map(&count) {
        let tied = items[take..]
            .iter()
            .take_while(|i| count(i) == last)
            .count();
        take = (take + tied).min(max.max(min));
    }
    let more = items.len() - take;
    items.truncate(take);
    (items, more)
}

/// "12 of 30 students" ("1 of 1 student").
pub fn share(n: usize, of: usize) -> String {
    let word = if of == 1 { "student" } else { "students" };
    format!("{n} of {of} {word}")
}

/// What the class marked in `case`, counted over `coders` (the shown authors). `class_open`
/// says whether class notes were opened at all (File > Open class folder, `--layer`); when
/// not, the answer is [`ClassView::NoLayers`] whatever else is shown (the bundled lecture
/// notes are no class).
pub fn class_view(
    library: &Library,
    class_open: bool,
    coders: &[Coder<'_>],
    book: &Codebook,
    case: Option<&str>,
) -> ClassView {
    if !class_open {
        return ClassView::NoLayers;
    }
    if coders.is_empty() {
        return ClassView::NoneShown;
    }
    let Some(doc) = case.and_then(|c| library.case(c)) else {
        return ClassView::NoCase(case.map(str::to_owned));
    };
    // Only the case's items: the summary then reads this case alone.
    let layers: Vec<Layer> = coders
        .iter()
        .map(|c| Layer {
            path: c.key.into(),
            author: c.author.to_owned(),
            notes: NotesFile {
                items: c
                    .notes
                    .items
                    .iter()
                    .filter(|i| i.case.as_deref() == Some(doc.id.as_str()))
                    .cloned()
                    .collect(),
                ..bare_notes()
            },
        })
        .collect();
    let shown = coders.len();
    let summary = class_summary(library, &layers, usize::MAX)
        .into_iter()
        .find(|s| s.case == doc.id);
    let mut step = ClassStep {
        case: doc.id.clone(),
        title: doc.title.clone(),
        shown,
        wrote: 0,
        passages: Vec::new(),
        more_passages: 0,
        codes: Vec::new(),
        more_codes: 0,
    };
    if let Some(s) = summary {
        step.wrote = s.authors;
        let (passages, more) = top_with_ties(s.passages, |p| p.authors, PASSAGES, PASSAGES_MAX);
        step.more_passages = more;
        step.passages = passages
            .into_iter()
            .map(|p| ClassPassage {
                share: share(p.authors, shown),
                paragraph: p.paragraph,
                quote: p.quote,
                authors: p.authors,
            })
            .collect();
        let (codes, more) = top_with_ties(s.codes, |c| c.authors, CODES, CODES_MAX);
        step.more_codes = more;
        step.codes = codes
            .into_iter()
            .map(|c| ClassCode {
                label: code_label(book, coders, &c.code),
                share: share(c.authors, shown),
                code: c.code,
                authors: c.authors,
            })
            .collect();
    }
    ClassView::Summary(step)
}

/// A notes file with nothing in it (no clock read, unlike a new notes file).
fn bare_notes() -> NotesFile {
    NotesFile {
        schema: None,
        format: NOTES_FORMAT.to_owned(),
        author: None,
        created: None,
        modified: None,
        codes: Vec::new(),
        items: Vec::new(),
        lessons: Vec::new(),
        coded: Vec::new(),
        extensions: Default::default(),
    }
}

/// The codebook's label of `code`, else the label the first author who made it gave it.
fn code_label(book: &Codebook, coders: &[Coder<'_>], code: &str) -> String {
    let label = book.label(code);
    if label != code {
        return label.to_owned();
    }
    coders
        .iter()
        .flat_map(|c| &c.notes.codes)
        .find(|u| u.id == code)
        .map_or_else(|| code.to_owned(), |u| u.label.clone())
}

#[cfg(test)]
mod tests;
