//! From reader events to sections: [`Builder`] collects headings, paragraphs, list items and
//! table rows; [`Flow`] turns the nested events of Markdown and HTML (text, emphasis, items,
//! cells) into those calls. The rules are the module's (see `document/mod.rs`).

use super::DocSection;
use super::text::{Inline, Style, clean};

/// Title, authors and date as a document's metadata gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    /// The title.
    pub title: Option<String>,
    /// Authors in order.
    pub authors: Vec<String>,
    /// The date, as written.
    pub date: Option<String>,
}

impl Meta {
    /// Adds authors from one field that may hold several ("A; B").
    pub fn add_authors(&mut self, field: &str) {
        for name in field.split(';') {
            let name = clean(name);
            if !name.is_empty() && !self.authors.contains(&name) {
                self.authors.push(name);
            }
        }
    }

    /// Sets the title if none is set and `title` has text.
    pub fn title_once(&mut self, title: &str) {
        let title = clean(title);
        if self.title.is_none() && !title.is_empty() {
            self.title = Some(title);
        }
    }

    /// Sets the date if none is set and `date` has text.
    pub fn date_once(&mut self, date: &str) {
        let date = clean(date);
        if self.date.is_none() && !date.is_empty() {
            self.date = Some(date);
        }
    }
}

/// A section being built; `None` title: text before the first heading.
#[derive(Debug, Default)]
struct Part {
    title: Option<String>,
    paragraphs: Vec<String>,
}

/// Headings, paragraphs, list items and table rows, in document order.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    parts: Vec<Part>,
    list: Vec<String>,
}

/// What [`Builder::finish`] gives: title, authors, date, sections.
pub(crate) type Finished = (String, Vec<String>, Option<String>, Vec<DocSection>);

impl Builder {
    fn current(&mut self) -> &mut Part {
        if self.parts.is_empty() {
            self.parts.push(Part::default());
        }
        let last = self.parts.len() - 1;
        &mut self.parts[last]
    }

    /// Ends a list being collected: its lines become one paragraph.
    fn end_list(&mut self) {
        if !self.list.is_empty() {
            let text = self.list.join("\n");
            self.list.clear();
            self.current().paragraphs.push(text);
        }
    }

    /// Starts a section (empty titles are ignored).
    pub fn heading(&mut self, title: &str) {
        let title = clean(title);
        if title.is_empty() {
            return;
        }
        self.end_list();
        self.parts.push(Part {
            title: Some(title),
            paragraphs: Vec::new(),
        });
    }

    /// Adds a paragraph (blank ones are ignored).
    pub fn paragraph(&mut self, text: &str) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        self.end_list();
        self.current().paragraphs.push(text);
    }

    /// Adds a list item: a `- ` line of the list paragraph being collected.
    pub fn list_item(&mut self, text: &str) {
        let text = clean(text);
        if !text.is_empty() {
            self.list.push(format!("- {text}"));
        }
    }

    /// Adds a table row: a paragraph of the cells joined by ` | `.
    pub fn table_row(&mut self, cells: &[String]) {
        if cells.iter().any(|c| !clean(c).is_empty()) {
            let cells: Vec<String> = cells.iter().map(|c| clean(c)).collect();
            self.paragraph(&cells.join(" | "));
        }
    }

    /// The document's title, authors, date and sections; `None` when it has no paragraph.
    pub fn finish(mut self, meta: Meta, stem: &str) -> Option<Finished> {
        self.end_list();
        let first_heading = self.parts.iter().find_map(|p| p.title.clone());
        let from_meta = meta.title.is_some();
        let title = meta
            .title
            .or(first_heading)
            .unwrap_or_else(|| clean(stem))
            .chars()
            .take(300)
            .collect::<String>();
        let title = if title.is_empty() {
            "Untitled document".to_owned()
        } else {
            title
        };
        let untitled = if from_meta {
            title.clone()
        } else {
            "Introduction".to_owned()
        };
        let mut sections: Vec<DocSection> = Vec::new();
        let mut carried: Option<String> = None;
        for part in self.parts {
            let own = part.title.unwrap_or_else(|| untitled.clone());
            let part_title = match carried.take() {
                Some(parent) => format!("{parent}: {own}"),
                None => own,
            };
            if part.paragraphs.is_empty() {
                // A heading with no text of its own leads the next title, unless it only
                // repeats the document's.
                if part_title != title {
                    carried = Some(part_title);
                }
                continue;
            }
            sections.push(DocSection {
                title: part_title,
                paragraphs: part.paragraphs,
            });
        }
        if sections.is_empty() {
            return None;
        }
        Some((title, meta.authors, meta.date, sections))
    }
}

/// Nested events (Markdown, HTML) to [`Builder`] calls: inline text collects until a block
/// ends; inside a list item, inner paragraphs join the item's line; inside a table cell,
/// everything joins the cell.
#[derive(Debug, Default)]
pub(crate) struct Flow {
    /// Where the blocks go.
    pub builder: Builder,
    inline: Inline,
    heading: bool,
    items: usize,
    row: Option<Vec<String>>,
    cell: Option<Inline>,
    emphasis: usize,
    strong: usize,
}

impl Flow {
    fn style(&self) -> Style {
        Style {
            emphasis: self.emphasis > 0,
            strong: self.strong > 0,
        }
    }

    /// Text in the current style.
    pub fn text(&mut self, text: &str) {
        let style = self.style();
        match &mut self.cell {
            Some(cell) => cell.push(text, style),
            None => self.inline.push(text, style),
        }
    }

    /// A line break or word boundary.
    pub fn space(&mut self) {
        self.text(" ");
    }

    /// Emphasis starts (`true`) or ends.
    pub fn emphasis(&mut self, on: bool) {
        self.emphasis = if on {
            self.emphasis + 1
        } else {
            self.emphasis.saturating_sub(1)
        };
    }

    /// Strong text starts (`true`) or ends.
    pub fn strong(&mut self, on: bool) {
        self.strong = if on {
            self.strong + 1
        } else {
            self.strong.saturating_sub(1)
        };
    }

    /// Writes the collected inline text as a paragraph or a list item.
    fn flush(&mut self) {
        if self.cell.is_some() || self.heading {
            return;
        }
        if self.inline.is_blank() {
            self.inline = Inline::default();
            return;
        }
        let text = self.inline.take_markdown();
        if self.items > 0 {
            self.builder.list_item(&text);
        } else {
            self.builder.paragraph(&text);
        }
    }

    /// A block (paragraph, div, quote...) starts or ends.
    pub fn block_boundary(&mut self) {
        if self.cell.is_some() || self.heading {
            self.space();
        } else if self.items > 0 {
            self.inline.space();
        } else {
            self.flush();
        }
    }

    /// A heading starts.
    pub fn heading_start(&mut self) {
        if self.cell.is_some() {
            return;
        }
        self.flush();
        self.heading = true;
    }

    /// A heading ends.
    pub fn heading_end(&mut self) {
        if self.cell.is_some() || !self.heading {
            return;
        }
        self.heading = false;
        let title = self.inline.take_plain();
        self.builder.heading(&title);
    }

    /// A list starts (inside an item: the item's text so far becomes its line).
    pub fn list_start(&mut self) {
        if self.cell.is_some() {
            self.space();
        } else {
            self.flush();
        }
    }

    /// A list item starts.
    pub fn item_start(&mut self) {
        if self.cell.is_some() {
            self.space();
            return;
        }
        self.flush();
        self.items += 1;
    }

    /// A list item ends.
    pub fn item_end(&mut self) {
        if self.cell.is_some() {
            self.space();
            return;
        }
        self.flush();
        self.items = self.items.saturating_sub(1);
    }

    /// A table row starts (a row inside a cell joins that cell).
    pub fn row_start(&mut self) {
        if self.cell.is_some() {
            self.space();
            return;
        }
        self.flush();
        self.row = Some(Vec::new());
    }

    /// A table row ends.
    pub fn row_end(&mut self) {
        if self.cell.is_some() {
            self.space();
            return;
        }
        if let Some(row) = self.row.take() {
            self.builder.table_row(&row);
        }
    }

    /// A cell starts (a cell inside a cell joins it).
    pub fn cell_start(&mut self) {
        if self.cell.is_some() {
            self.space();
            return;
        }
        self.flush();
        self.cell = Some(Inline::default());
    }

    /// A cell ends. Nested cells end with their outer one (the depth is the caller's).
    pub fn cell_end(&mut self) {
        if let Some(mut cell) = self.cell.take() {
            let text = cell.take_markdown();
            self.row.get_or_insert_with(Vec::new).push(text);
        }
    }

    /// Ends the flow: the last paragraph is written.
    pub fn finish(mut self) -> Builder {
        self.cell_end();
        if self.row.is_some() {
            self.row_end();
        }
        if self.heading {
            self.heading_end();
        }
        self.flush();
        self.builder
    }
}
