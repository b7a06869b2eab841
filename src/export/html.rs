//! Self-contained HTML handouts: one file, inline CSS that prints on A4 and Letter, no
//! scripts, fonts or images from elsewhere. Every text from a file is escaped here; code
//! colours are inline styles so they survive a copy of the file on its own.

use crate::codebook::{Codebook, Rgb};
use crate::compare::{Cell, CellState, Comparison, Row, RowFilter};
use crate::format::{Case, Evidence, Framework, Kind};
use crate::library::Library;

/// The style sheet of every handout: screen and print (margins that fit A4 and Letter, table
/// headers repeated on each page, rows kept whole, colours printed).
pub const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 10.5pt/1.45 \"Segoe UI\", \"Helvetica Neue\", Helvetica, Arial, sans-serif; color: #111; background: #fff; max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 .2em; }
h2 { font-size: 13pt; margin: 1.4em 0 .4em; break-after: avoid; page-break-after: avoid; }
p.meta, .subtitle { color: #444; margin: 0 0 .8em; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #b8b8b8; padding: .3em .45em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
thead th { background: #eeeeee; }
tbody th { font-weight: 600; }
.silent { color: #666; font-style: italic; }
.relation { font-size: 9pt; color: #333; }
.code { display: inline-block; padding: 0 .35em; margin: 0 .2em .15em 0; border-left: 3px solid; border-radius: 2px; }
.unconfirmed { font-size: 8pt; font-weight: 700; color: #9a3412; }
sup.fn { font-size: 7.5pt; line-height: 0; }
sup.fn a, a.back { text-decoration: none; color: #1d4ed8; }
mark { color: inherit; padding: 0 .05em; }
.para-id { font-size: 8pt; color: #777; }
.note { white-space: pre-wrap; }
section.footnotes { font-size: 9pt; border-top: 1px solid #999; margin-top: 1.6em; }
section.footnotes li { margin-bottom: .2em; }
@page { margin: 16mm 13mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, li, p { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; }
}
";

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The start of a handout: doctype, title and the inline style sheet.
pub fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Caselens\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n",
        escape(title)
    )
}

/// The end of a handout.
pub const FOOT: &str = "</body>\n</html>\n";

/// A code as a chip in its colour (inline style, so it survives on its own).
pub fn code_chip(codebook: &Codebook, code_id: &str) -> String {
    let color = codebook.color(code_id);
    format!(
        "<span class=\"code\" style=\"border-left-color: {hex}; background-color: {tint};\" title=\"{id}\">{label}</span>",
        hex = color.hex(),
        tint = tint(color),
        id = escape(code_id),
        label = escape(codebook.path_label(code_id)),
    )
}

/// A light tint of a colour (mixed with white), for backgrounds that keep text readable.
pub fn tint(color: Rgb) -> String {
    let mix = |c: u8| 255 - (255 - u16::from(c)) * 30 / 100;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(color.0),
        mix(color.1),
        mix(color.2)
    )
}

/// Numbered footnotes collected while a handout is written.
#[derive(Debug, Default)]
pub struct Footnotes {
    /// Footnote bodies (HTML), in number order.
    notes: Vec<String>,
}

impl Footnotes {
    /// Adds a footnote (HTML body) and returns the reference to put in the text.
    pub fn add(&mut self, body_html: String) -> String {
        let n = self.push(body_html);
        Self::refs(&[n])
    }

    /// Adds a footnote (HTML body) and returns its number, for [`Self::refs`].
    pub fn push(&mut self, body_html: String) -> usize {
        self.notes.push(body_html);
        self.notes.len()
    }

    /// One superscript with links to footnotes `numbers` ("1,2"); empty for none.
    pub fn refs(numbers: &[usize]) -> String {
        if numbers.is_empty() {
            return String::new();
        }
        let links: Vec<String> = numbers
            .iter()
            .map(|n| format!("<a href=\"#fn{n}\" id=\"ref{n}\">{n}</a>"))
            .collect();
        format!("<sup class=\"fn\">{}</sup>", links.join(","))
    }

    /// The footnotes section (empty when there are none).
    pub fn section(&self, heading: &str) -> String {
        if self.notes.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "<section class=\"footnotes\">\n<h2>{}</h2>\n<ol>\n",
            escape(heading)
        );
        for (i, body) in self.notes.iter().enumerate() {
            let n = i + 1;
            out.push_str(&format!(
                "<li id=\"fn{n}\">{body} <a class=\"back\" href=\"#ref{n}\" title=\"Back to the text\">↩</a></li>\n"
            ));
        }
        out.push_str("</ol>\n</section>\n");
        out
    }
}

/// One piece of evidence in words: `¶ section/paragraph: “quote”` or `Source id: citation`.
pub fn evidence_html(case: Option<&Case>, evidence: &Evidence) -> String {
    if let Some(source_id) = &evidence.source {
        let source = case.and_then(|c| c.source(source_id));
        let citation = source.map_or(source_id.as_str(), |s| s.citation.as_str());
        let unconfirmed = if source.is_some_and(crate::format::Source::is_unconfirmed) {
            " <span class=\"unconfirmed\">UNCONFIRMED</span>"
        } else {
            ""
        };
        return format!(
            "Source {}: {}{unconfirmed}",
            escape(source_id),
            escape(citation)
        );
    }
    let address = evidence.reference.as_deref().unwrap_or("?");
    match &evidence.quote {
        Some(q) => format!("¶ {}: “{}”", escape(address), escape(q)),
        None => format!("¶ {}", escape(address)),
    }
}

/// Words for the rows a filter keeps.
pub fn filter_words(filter: RowFilter) -> &'static str {
    match (filter.differences_only, filter.with_partly_known) {
        (false, _) => "all rows",
        (true, false) => "differences only (rows whose known values differ)",
        (true, true) => "differences and rows known for only some cases",
    }
}

/// The comparison as one self-contained HTML file: a table per group with the rows `filter`
/// keeps, codes in their colours, evidence, unknown reasons and cell notes as footnotes.
pub fn comparison(
    cmp: &Comparison,
    fw: &Framework,
    library: &Library,
    filter: RowFilter,
) -> String {
    let title = format!(
        "Comparison: {}",
        cmp.cases
            .iter()
            .map(|c| c.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    );
    let codebook = super::framework_codebook(fw);
    let mut out = head(&title);
    out.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"meta\">Framework: {}. Rows: {}. Only known values are compared: \
         <em>unknown</em> and <em>not covered</em> mean the material is silent, not that the cases differ.</p>\n",
        escape(&title),
        escape(&fw.title),
        filter_words(filter)
    ));
    let mut notes = Footnotes::default();
    let mut shown = 0;
    for group in &cmp.groups {
        let rows: Vec<&Row> = group.rows.iter().filter(|r| filter.keeps(r)).collect();
        if rows.is_empty() {
            continue;
        }
        shown += rows.len();
        out.push_str(&group_table(
            cmp,
            &group.title,
            &rows,
            &codebook,
            library,
            &mut notes,
        ));
    }
    if shown == 0 {
        out.push_str("<p class=\"silent\">No row matches this filter.</p>\n");
    }
    out.push_str(&notes.section("Evidence and notes"));
    out.push_str(FOOT);
    out
}

fn group_table(
    cmp: &Comparison,
    group_title: &str,
    rows: &[&Row],
    codebook: &Codebook,
    library: &Library,
    notes: &mut Footnotes,
) -> String {
    // Dimension 16 %, relation 11 %, the cases share the rest.
    let case_share = 73.0 / cmp.cases.len().max(1) as f64;
    let mut out = format!(
        "<h2>{}</h2>\n<table>\n<colgroup><col style=\"width: 16%\">",
        escape(group_title)
    );
    for _ in &cmp.cases {
        out.push_str(&format!("<col style=\"width: {case_share:.1}%\">"));
    }
    out.push_str(
        "<col style=\"width: 11%\"></colgroup>\n<thead><tr><th scope=\"col\">Dimension</th>",
    );
    for c in &cmp.cases {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(&c.title)));
    }
    out.push_str("<th scope=\"col\">Relation</th></tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>",
            escape(&row.label)
        ));
        for (cell, column) in row.cells.iter().zip(&cmp.cases) {
            let case = library.case(&cell.case);
            let at = format!("{} — {}", escape(&column.title), escape(&row.label));
            out.push_str(&format!(
                "<td>{}</td>",
                cell_html(codebook, row.kind, cell, case, &at, notes)
            ));
        }
        out.push_str(&format!(
            "<td class=\"relation\">{}</td></tr>\n",
            row.relation.label()
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// One cell: its items (codes as chips), then footnote references for its evidence, its
/// unknown reason and the user's notes on it. `at` names the cell in footnotes (HTML).
fn cell_html(
    codebook: &Codebook,
    kind: Kind,
    cell: &Cell,
    case: Option<&Case>,
    at: &str,
    notes: &mut Footnotes,
) -> String {
    let mut numbers = Vec::new();
    let mut out = match cell.state {
        CellState::NotCovered => "<span class=\"silent\">not covered</span>".to_owned(),
        CellState::Unknown => {
            if let Some(why) = &cell.unknown {
                numbers.push(notes.push(format!("{at}: unknown: {}", escape(why))));
            }
            "<span class=\"silent\">unknown</span>".to_owned()
        }
        CellState::Value => {
            let items: Vec<String> = cell
                .items
                .iter()
                .map(|i| match kind {
                    Kind::Codes => code_chip(codebook, &i.text),
                    _ => escape(&i.text),
                })
                .collect();
            let sep = if kind == Kind::Codes { " " } else { "; " };
            let mut s = items.join(sep);
            if cell.unconfirmed {
                s.push_str(" <span class=\"unconfirmed\">UNCONFIRMED</span>");
            }
            for e in &cell.evidence {
                numbers.push(notes.push(format!("{at}: {}", evidence_html(case, e))));
            }
            s
        }
    };
    for note in &cell.note_items {
        numbers.push(notes.push(format!(
            "{at}: your note: <span class=\"note\">{}</span>",
            escape(&note.text)
        )));
    }
    out.push_str(&Footnotes::refs(&numbers));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("é 🙂"), "é 🙂");
    }

    #[test]
    fn tint_is_lighter_and_white_stays_white() {
        assert_eq!(tint(Rgb(255, 255, 255)), "#ffffff");
        assert_eq!(tint(Rgb(0, 0, 0)), "#b3b3b3");
    }

    #[test]
    fn footnotes_number_in_order_and_link_both_ways() {
        let mut f = Footnotes::default();
        assert_eq!(f.section("Notes"), "");
        let r1 = f.add("one".into());
        let r2 = f.add("two".into());
        assert!(r1.contains("href=\"#fn1\"") && r1.contains("id=\"ref1\""));
        assert!(r2.contains(">2</a>"));
        assert_eq!(Footnotes::refs(&[]), "");
        assert_eq!(
            Footnotes::refs(&[3, 4]),
            "<sup class=\"fn\"><a href=\"#fn3\" id=\"ref3\">3</a>,<a href=\"#fn4\" id=\"ref4\">4</a></sup>"
        );
        let s = f.section("Notes");
        assert!(s.contains("<li id=\"fn1\">one") && s.contains("href=\"#ref2\""));
    }
}
