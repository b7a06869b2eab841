//! A case with the user's highlights and notes, as Markdown and as a self-contained HTML
//! handout: the narrative with each highlight marked (`<mark>`, in its first code's colour in
//! HTML) and its codes and comment as a numbered footnote, then the user's notes and memos
//! on the case. Instructor questions are left out: a handout is for students.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::codebook::{Codebook, Rgb};
use crate::format::{Audience, Case, Framework, Item, ItemKind, NotesFile};
use crate::notes::anchor::locate;

use super::html::{self, Footnotes, escape};

/// Colour of a highlight that carries no code.
const PLAIN_HIGHLIGHT: Rgb = Rgb(250, 204, 21);

/// A live highlight found in the current text of its paragraph.
struct Placed<'a> {
    item: &'a Item,
    /// Raw char range in the paragraph.
    range: Range<usize>,
}

/// The user's items on one case, sorted for writing.
struct Annotations<'a> {
    /// By paragraph address: placed highlights, by start then end.
    placed: Vec<(String, Placed<'a>)>,
    /// Highlights whose text is no longer found.
    orphaned: Vec<&'a Item>,
    /// Notes on the whole case or on one of its cells.
    notes: Vec<&'a Item>,
    /// Memos on the case.
    memos: Vec<&'a Item>,
}

impl<'a> Annotations<'a> {
    fn of(case: &Case, notes: Option<&'a NotesFile>) -> Self {
        let mut out = Self {
            placed: Vec::new(),
            orphaned: Vec::new(),
            notes: Vec::new(),
            memos: Vec::new(),
        };
        let items = notes
            .into_iter()
            .flat_map(|n| &n.items)
            .filter(|i| !i.deleted && i.case.as_deref() == Some(case.id.as_str()));
        for item in items {
            match item.kind {
                ItemKind::Highlight => match place(case, item) {
                    Some((address, placed)) => out.placed.push((address, placed)),
                    None => out.orphaned.push(item),
                },
                ItemKind::Note => out.notes.push(item),
                ItemKind::Memo => out.memos.push(item),
            }
        }
        out.placed
            .sort_by_key(|(_, p)| (p.range.start, p.range.end, p.item.created.clone()));
        out
    }

    fn in_paragraph(&self, address: &str) -> Vec<&Placed<'a>> {
        self.placed
            .iter()
            .filter(|(a, _)| a == address)
            .map(|(_, p)| p)
            .collect()
    }
}

fn place<'a>(case: &Case, item: &'a Item) -> Option<(String, Placed<'a>)> {
    let target = item.target.as_ref()?;
    let address = target.paragraph.as_deref()?;
    let paragraph = case.paragraph(address)?;
    let (start, end) = locate(&paragraph.text, target)?;
    Some((
        address.to_owned(),
        Placed {
            item,
            range: start..end,
        },
    ))
}

fn codebook_for(fw: Option<&Framework>, notes: Option<&NotesFile>) -> Codebook {
    let empty = crate::format::empty_notes(None);
    Codebook::build(fw, notes.unwrap_or(&empty))
}

/// Codes of an item by label, comma-separated ("no codes" when none).
fn code_labels(codebook: &Codebook, item: &Item) -> String {
    if item.codes.is_empty() {
        return "no codes".to_owned();
    }
    item.codes
        .iter()
        .map(|c| codebook.path_label(c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn dimension_label<'a>(fw: Option<&'a Framework>, dimension: &'a str) -> &'a str {
    fw.and_then(|f| f.dimensions().find(|(_, d)| d.id == dimension))
        .map_or(dimension, |(_, d)| d.label.as_str())
}

/// Where a note is attached, in words ("the case", or a dimension's label).
fn note_place(fw: Option<&Framework>, item: &Item) -> String {
    let target = item.target.as_ref();
    match (
        target.and_then(|t| t.dimension.as_deref()),
        target.and_then(|t| t.question.as_deref()),
    ) {
        (Some(d), _) => format!("on {}", dimension_label(fw, d)),
        (None, Some(q)) => format!("answer to question {q}"),
        (None, None) => "on the case".to_owned(),
    }
}

/// The paragraph text with `<mark>` around highlighted chars and footnote references after
/// each highlight's end. `text_of(range)` writes raw text, `reference(placed)` a reference.
fn marked(
    text: &str,
    placed: &[&Placed<'_>],
    mut write_text: impl FnMut(&mut String, Range<usize>, Option<&Placed<'_>>),
    mut reference: impl FnMut(&Placed<'_>) -> String,
) -> String {
    let len = text.chars().count();
    let mut cuts: BTreeSet<usize> = [0, len].into();
    for p in placed {
        cuts.insert(p.range.start.min(len));
        cuts.insert(p.range.end.min(len));
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (from, to) = (w[0], w[1]);
        let active = placed
            .iter()
            .find(|p| p.range.start <= from && to <= p.range.end);
        write_text(&mut out, from..to, active.copied());
        for p in placed.iter().filter(|p| p.range.end.min(len) == to) {
            out.push_str(&reference(p));
        }
    }
    out
}

fn chars_of(text: &str, range: Range<usize>) -> String {
    text.chars().skip(range.start).take(range.len()).collect()
}

/// The case as Markdown: meta, narrative with `<mark>`ed highlights and `[^n]` footnotes,
/// sources, student questions, the user's notes and memos, orphaned highlights.
pub fn markdown(case: &Case, fw: Option<&Framework>, notes: Option<&NotesFile>) -> String {
    let codebook = codebook_for(fw, notes);
    let ann = Annotations::of(case, notes);
    let mut out = format!("# {}\n\n", one_line(&case.title));
    if let Some(sub) = &case.subtitle {
        out.push_str(&format!("*{}*\n\n", one_line(sub)));
    }
    for (key, value) in meta_lines(case) {
        out.push_str(&format!("- **{key}:** {}\n", one_line(&value)));
    }
    out.push('\n');
    let mut footnotes = Vec::new();
    for section in &case.sections {
        out.push_str(&format!("## {}\n\n", one_line(&section.title)));
        for paragraph in &section.paragraphs {
            let address = format!("{}/{}", section.id, paragraph.id);
            let here = ann.in_paragraph(&address);
            let body = marked(
                &paragraph.text,
                &here,
                |out, range, active| {
                    let text = no_html(&chars_of(&paragraph.text, range));
                    match active {
                        Some(_) => out.push_str(&format!("<mark>{text}</mark>")),
                        None => out.push_str(&text),
                    }
                },
                |p| {
                    footnotes.push(md_footnote(&codebook, &address, p.item));
                    format!("[^{}]", footnotes.len())
                },
            );
            out.push_str(&format!("{body}\n\n"));
        }
    }
    out.push_str(&md_rest(case, fw, &codebook, &ann));
    for (i, note) in footnotes.iter().enumerate() {
        out.push_str(&format!("[^{}]: {note}\n", i + 1));
    }
    out
}

fn md_footnote(codebook: &Codebook, address: &str, item: &Item) -> String {
    let mut s = format!(
        "¶ {address}. Codes: {}.",
        one_line(&code_labels(codebook, item))
    );
    if let Some(comment) = item.text.as_deref().filter(|t| !t.trim().is_empty()) {
        s.push_str(&format!(" {}", indent_continuation(comment)));
    }
    s
}

/// Footnote and list continuation lines are indented by four spaces in Markdown.
fn indent_continuation(text: &str) -> String {
    no_html(text.trim_end()).replace('\n', "\n    ")
}

fn one_line(text: &str) -> String {
    no_html(text).replace(['\r', '\n'], " ")
}

/// Text from a file with `<` written as `&lt;`, so no Markdown renderer takes it for HTML
/// (the handout's own `<mark>` tags are the only HTML in it); it renders the same.
fn no_html(text: &str) -> String {
    text.replace('<', "&lt;")
}

/// Sources, student questions, notes, memos and orphaned highlights, as Markdown.
fn md_rest(
    case: &Case,
    fw: Option<&Framework>,
    codebook: &Codebook,
    ann: &Annotations<'_>,
) -> String {
    let mut out = "## Sources\n\n".to_owned();
    for s in &case.meta.sources {
        let flag = if s.is_unconfirmed() {
            " **UNCONFIRMED**"
        } else {
            ""
        };
        let url = s
            .url
            .as_deref()
            .map(|u| format!(" <{u}>"))
            .unwrap_or_default();
        out.push_str(&format!(
            "- `{}`: {}{url}{flag}\n",
            s.id,
            one_line(&s.citation)
        ));
    }
    out.push('\n');
    let questions: Vec<_> = student_questions(case).collect();
    if !questions.is_empty() {
        out.push_str("## Questions\n\n");
        for (i, q) in questions.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, indent_continuation(&q.text)));
        }
        out.push('\n');
    }
    if !ann.notes.is_empty() || !ann.memos.is_empty() {
        out.push_str("## Your notes\n\n");
        for n in &ann.notes {
            let text = n.text.as_deref().unwrap_or("");
            out.push_str(&format!(
                "- *{}:* {}\n",
                note_place(fw, n),
                indent_continuation(text)
            ));
        }
        for m in &ann.memos {
            let title = m.title.as_deref().unwrap_or("Memo");
            out.push_str(&format!(
                "\n### {}\n\n{}\n",
                one_line(title),
                no_html(m.text.as_deref().unwrap_or("").trim_end())
            ));
        }
        out.push('\n');
    }
    if !ann.orphaned.is_empty() {
        out.push_str("## Highlights that no longer match the text\n\n");
        for h in &ann.orphaned {
            let t = h.target.as_ref();
            let quote = t.and_then(|t| t.exact.as_deref()).unwrap_or("");
            let address = t.and_then(|t| t.paragraph.as_deref()).unwrap_or("?");
            out.push_str(&format!(
                "- “{}” (¶ {}). Codes: {}.",
                one_line(quote),
                one_line(address),
                one_line(&code_labels(codebook, h))
            ));
            if let Some(c) = h.text.as_deref().filter(|t| !t.trim().is_empty()) {
                out.push_str(&format!(" {}", indent_continuation(c)));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn student_questions(case: &Case) -> impl Iterator<Item = &crate::format::Question> {
    case.questions
        .iter()
        .filter(|q| q.audience == Audience::Student)
}

/// Metadata as (label, value) pairs, only those the case gives.
fn meta_lines(case: &Case) -> Vec<(&'static str, String)> {
    let m = &case.meta;
    let mut out = Vec::new();
    if !m.organisations.is_empty() {
        out.push(("Organisations", m.organisations.join(", ")));
    }
    for (key, value) in [
        ("Period", &m.period),
        ("Region", &m.region),
        ("Industry", &m.industry),
    ] {
        if let Some(v) = value {
            out.push((key, v.clone()));
        }
    }
    if !m.authors.is_empty() {
        out.push(("Authors", m.authors.join(", ")));
    }
    if let Some(l) = &m.license {
        out.push(("Licence", l.clone()));
    }
    out
}

/// The case as one self-contained HTML handout (see the module docs).
pub fn html(case: &Case, fw: Option<&Framework>, notes: Option<&NotesFile>) -> String {
    let codebook = codebook_for(fw, notes);
    let ann = Annotations::of(case, notes);
    let mut out = html::head(&case.title);
    out.push_str(&format!("<h1>{}</h1>\n", escape(&case.title)));
    if let Some(sub) = &case.subtitle {
        out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(sub)));
    }
    let meta: Vec<String> = meta_lines(case)
        .into_iter()
        .map(|(k, v)| format!("<strong>{k}:</strong> {}", escape(&v)))
        .collect();
    if !meta.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    }
    let mut footnotes = Footnotes::default();
    for section in &case.sections {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&section.title)));
        for paragraph in &section.paragraphs {
            let address = format!("{}/{}", section.id, paragraph.id);
            let here = ann.in_paragraph(&address);
            out.push_str(&format!(
                "<p id=\"p-{}\"><span class=\"para-id\">¶ {}</span> {}</p>\n",
                escape(&address.replace('/', "-")),
                escape(&address),
                paragraph_html(&paragraph.text, &here, &codebook, &address, &mut footnotes)
            ));
        }
    }
    out.push_str(&html_rest(case, fw, &codebook, &ann));
    out.push_str(&footnotes.section("Your highlights"));
    out.push_str(html::FOOT);
    out
}

/// A paragraph's light Markdown as HTML (emphasis, strong, list lines as line breaks with a
/// bullet), highlights as `<mark>` in their first code's colour, footnotes after each.
fn paragraph_html(
    text: &str,
    placed: &[&Placed<'_>],
    codebook: &Codebook,
    address: &str,
    footnotes: &mut Footnotes,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Style of each raw char: None for markup, Some((emphasis, strong)) for shown text.
    let mut style: Vec<Option<(bool, bool)>> = vec![None; chars.len()];
    let mut line_start: BTreeSet<usize> = BTreeSet::new();
    let mut bullets: BTreeSet<usize> = BTreeSet::new();
    let mut pos = 0;
    for (li, line) in crate::markdown::parse(text).iter().enumerate() {
        if li > 0 {
            line_start.insert(pos);
        }
        if line.bullet {
            bullets.insert(pos);
        }
        for span in &line.spans {
            for s in style.iter_mut().take(span.range.end).skip(span.range.start) {
                *s = Some((span.emphasis, span.strong));
            }
        }
        pos += chars[pos..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len() - pos, |p| p + 1);
    }
    marked(
        text,
        placed,
        |out, range, active| {
            let mut body = String::new();
            for i in range {
                if line_start.contains(&i) {
                    body.push_str("<br>");
                }
                if bullets.contains(&i) {
                    body.push_str("• ");
                }
                if let Some((em, strong)) = style[i] {
                    let c = escape(&chars[i].to_string());
                    body.push_str(&match (em, strong) {
                        (_, true) => format!("<strong>{c}</strong>"),
                        (true, false) => format!("<em>{c}</em>"),
                        _ => c,
                    });
                }
            }
            let body = body
                .replace("</strong><strong>", "")
                .replace("</em><em>", "");
            match active {
                Some(p) => out.push_str(&mark(codebook, p.item, &body)),
                None => out.push_str(&body),
            }
        },
        |p| footnotes.add(html_footnote(codebook, address, p.item)),
    )
}

fn mark(codebook: &Codebook, item: &Item, body: &str) -> String {
    let color = item
        .codes
        .first()
        .map_or(PLAIN_HIGHLIGHT, |c| codebook.color(c));
    format!(
        "<mark style=\"background-color: {}; border-bottom: 2px solid {};\" title=\"{}\">{body}</mark>",
        html::tint(color),
        color.hex(),
        escape(&code_labels(codebook, item))
    )
}

fn html_footnote(codebook: &Codebook, address: &str, item: &Item) -> String {
    let chips: Vec<String> = item
        .codes
        .iter()
        .map(|c| html::code_chip(codebook, c))
        .collect();
    let codes = if chips.is_empty() {
        "no codes".to_owned()
    } else {
        chips.join(" ")
    };
    let mut s = format!("¶ {}. Codes: {codes}.", escape(address));
    if let Some(comment) = item.text.as_deref().filter(|t| !t.trim().is_empty()) {
        s.push_str(&format!(
            " <span class=\"note\">{}</span>",
            escape(comment.trim_end())
        ));
    }
    s
}

/// Sources, student questions, notes, memos and orphaned highlights, as HTML.
fn html_rest(
    case: &Case,
    fw: Option<&Framework>,
    codebook: &Codebook,
    ann: &Annotations<'_>,
) -> String {
    let mut out = "<h2>Sources</h2>\n<ul>\n".to_owned();
    for s in &case.meta.sources {
        let flag = if s.is_unconfirmed() {
            " <span class=\"unconfirmed\">UNCONFIRMED</span>"
        } else {
            ""
        };
        let url = s
            .url
            .as_deref()
            .map(|u| format!(" ({})", escape(u)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<li><code>{}</code>: {}{url}{flag}</li>\n",
            escape(&s.id),
            escape(&s.citation)
        ));
    }
    out.push_str("</ul>\n");
    let questions: Vec<_> = student_questions(case).collect();
    if !questions.is_empty() {
        out.push_str("<h2>Questions</h2>\n<ol>\n");
        for q in questions {
            out.push_str(&format!("<li>{}</li>\n", escape(&q.text)));
        }
        out.push_str("</ol>\n");
    }
    if !ann.notes.is_empty() || !ann.memos.is_empty() {
        out.push_str("<h2>Your notes</h2>\n<ul>\n");
        for n in &ann.notes {
            out.push_str(&format!(
                "<li><em>{}:</em> <span class=\"note\">{}</span></li>\n",
                escape(&note_place(fw, n)),
                escape(n.text.as_deref().unwrap_or(""))
            ));
        }
        out.push_str("</ul>\n");
        for m in &ann.memos {
            out.push_str(&format!(
                "<h3>{}</h3>\n<p class=\"note\">{}</p>\n",
                escape(m.title.as_deref().unwrap_or("Memo")),
                escape(m.text.as_deref().unwrap_or("").trim_end())
            ));
        }
    }
    if !ann.orphaned.is_empty() {
        out.push_str("<h2>Highlights that no longer match the text</h2>\n<ul>\n");
        for h in &ann.orphaned {
            let t = h.target.as_ref();
            let quote = t.and_then(|t| t.exact.as_deref()).unwrap_or("");
            let address = t.and_then(|t| t.paragraph.as_deref()).unwrap_or("?");
            let comment = h
                .text
                .as_deref()
                .map(|c| format!(" <span class=\"note\">{}</span>", escape(c)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<li>“{}” (¶ {}). Codes: {}.{comment}</li>\n",
                escape(quote),
                escape(address),
                escape(&code_labels(codebook, h))
            ));
        }
        out.push_str("</ul>\n");
    }
    out
}

#[cfg(test)]
mod tests;
