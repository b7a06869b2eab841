//! Word (.docx: `WordprocessingML`) and `OpenDocument` text (.odt): a zip of XML parts, read with
//! `zip` and `roxmltree`. Both are walked in document order over the tree's descendants (no
//! recursion). Paragraphs inside table cells are read with their row; a table nested in a cell
//! joins that cell's text.

use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Document as Xml, Node};

use super::DocumentError;
use super::flow::{Builder, Meta};
use super::text::{Inline, Style};
use super::zipped::{Package, parse_xml};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Heading,
    Title,
    Author,
    Date,
    /// Subtitle, table-of-contents entries: left out.
    Skip,
}

/// Role by a style's name (English names: Word keeps them in styles.xml whatever the UI
/// language; pandoc and `LibreOffice` use them too).
fn role_by_name(name: &str) -> Option<Role> {
    let name = name.to_ascii_lowercase().replace(['_', ' '], "");
    let name = name.replace("20", "");
    if name == "title" {
        Some(Role::Title)
    } else if name == "author" {
        Some(Role::Author)
    } else if name == "date" {
        Some(Role::Date)
    } else if name == "subtitle" || name.starts_with("toc") || name.starts_with("contents") {
        Some(Role::Skip)
    } else if name.starts_with("heading") {
        Some(Role::Heading)
    } else {
        None
    }
}

/// Reads a Word document.
pub(crate) fn read_docx(path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    const WHAT: &str = "Word document";
    let mut package = Package::open(path, bytes, WHAT)?;
    let Some(body) = package.read_text("word/document.xml")? else {
        return Err(DocumentError::WrongType {
            path: path.to_owned(),
            expected: "a Word document (.docx)",
            found: "a zip archive without word/document.xml (not a Word document)",
        });
    };
    let styles_text = package.read_text("word/styles.xml")?.unwrap_or_default();
    let styles = if styles_text.is_empty() {
        HashMap::new()
    } else {
        docx_styles(&parse_xml(path, WHAT, &styles_text)?)
    };
    let mut meta = Meta::default();
    if let Some(core) = package.read_text("docProps/core.xml")? {
        let core = parse_xml(path, WHAT, &core)?;
        core_meta(&core, &mut meta);
    }
    let xml = parse_xml(path, WHAT, &body)?;
    let mut builder = Builder::default();
    let mut front = Meta::default();
    for node in xml.descendants().filter(Node::is_element) {
        if node.tag_name().namespace() != Some(W) {
            continue;
        }
        match node.tag_name().name() {
            "tr" if !inside(node, W, "tc") => {
                builder.table_row(&cells(node, (W, "tc"), |t| {
                    t.parent().is_some_and(|p| p.has_tag_name((W, "t")))
                }));
            }
            "p" if !inside(node, W, "tc") && !inside(node, W, "txbxContent") => {
                docx_paragraph(node, &styles, &mut builder, &mut front);
            }
            _ => {}
        }
    }
    merge_front(&mut meta, front);
    Ok((builder, meta))
}

/// Paragraph style id -> role, following `basedOn` and outline levels.
fn docx_styles(xml: &Xml<'_>) -> HashMap<String, Role> {
    let mut own: HashMap<&str, (Option<Role>, Option<&str>)> = HashMap::new();
    for style in xml.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = style.attribute((W, "styleId")) else {
            continue;
        };
        let child_val = |name: &str| {
            style
                .descendants()
                .find(|n| n.has_tag_name((W, name)))
                .and_then(|n| n.attribute((W, "val")))
        };
        let outline = child_val("outlineLvl").and_then(|v| v.parse::<u8>().ok());
        let role = child_val("name")
            .and_then(role_by_name)
            .or_else(|| role_by_name(id))
            .or(outline.filter(|l| *l < 9).map(|_| Role::Heading));
        own.insert(id, (role, child_val("basedOn")));
    }
    own.keys()
        .map(|id| {
            let mut current = *id;
            let mut role = Role::Body;
            for _ in 0..16 {
                let Some((r, based_on)) = own.get(current) else {
                    break;
                };
                if let Some(r) = r {
                    role = *r;
                    break;
                }
                let Some(next) = *based_on else { break };
                current = next;
            }
            ((*id).to_owned(), role)
        })
        .collect()
}

fn core_meta(core: &Xml<'_>, meta: &mut Meta) {
    for node in core.descendants().filter(Node::is_element) {
        let text = node.text().unwrap_or("");
        match (node.tag_name().namespace(), node.tag_name().name()) {
            (Some(DC), "title") => meta.title_once(text),
            (Some(DC), "creator") => meta.add_authors(text),
            (Some(DCTERMS), "created") => meta.date_once(text.split('T').next().unwrap_or(text)),
            _ => {}
        }
    }
}

/// pandoc's Title, Author and Date paragraphs win over the package's properties (pandoc puts
/// the conversion time in those).
fn merge_front(meta: &mut Meta, front: Meta) {
    if front.title.is_some() && meta.title.is_none() {
        meta.title = front.title;
    }
    if meta.authors.is_empty() {
        meta.authors = front.authors;
    }
    if front.date.is_some() {
        meta.date = front.date;
    }
}

fn docx_paragraph(
    p: Node<'_, '_>,
    styles: &HashMap<String, Role>,
    builder: &mut Builder,
    front: &mut Meta,
) {
    let properties = p.children().find(|n| n.has_tag_name((W, "pPr")));
    let find =
        |name: &str| properties.and_then(|pr| pr.children().find(|n| n.has_tag_name((W, name))));
    let style = find("pStyle").and_then(|s| s.attribute((W, "val")));
    let mut role = style
        .and_then(|s| styles.get(s).copied().or_else(|| role_by_name(s)))
        .unwrap_or(Role::Body);
    if find("outlineLvl")
        .and_then(|o| o.attribute((W, "val")))
        .and_then(|v| v.parse::<u8>().ok())
        .is_some_and(|l| l < 9)
    {
        role = Role::Heading;
    }
    let mut inline = Inline::default();
    for node in p.descendants() {
        if nearest_ancestor(node, W, "p") != Some(p) {
            continue;
        }
        match node.tag_name().name() {
            "t" if node.tag_name().namespace() == Some(W) => {
                inline.push(node.text().unwrap_or(""), run_style(node));
            }
            "tab" | "br" | "cr" if node.tag_name().namespace() == Some(W) => inline.space(),
            "noBreakHyphen" if node.tag_name().namespace() == Some(W) => {
                inline.push("-", run_style(node));
            }
            _ => {}
        }
    }
    match role {
        Role::Heading => builder.heading(&inline.take_plain()),
        Role::Title => front.title_once(&inline.take_plain()),
        Role::Author => front.add_authors(&inline.take_plain()),
        Role::Date => front.date_once(&inline.take_plain()),
        Role::Skip => {}
        Role::Body if find("numPr").is_some() => builder.list_item(&inline.take_markdown()),
        Role::Body => builder.paragraph(&inline.take_markdown()),
    }
}

/// Italic and bold of the run holding a text node (direct formatting, or the Emphasis and
/// Strong character styles).
fn run_style(text: Node<'_, '_>) -> Style {
    let Some(properties) = text
        .parent()
        .and_then(|r| r.children().find(|n| n.has_tag_name((W, "rPr"))))
    else {
        return Style::default();
    };
    let on = |name: &str| {
        properties
            .children()
            .find(|n| n.has_tag_name((W, name)))
            .is_some_and(|n| !matches!(n.attribute((W, "val")), Some("0" | "false" | "off")))
    };
    let character = properties
        .children()
        .find(|n| n.has_tag_name((W, "rStyle")))
        .and_then(|n| n.attribute((W, "val")))
        .unwrap_or("")
        .to_ascii_lowercase();
    Style {
        emphasis: on("i") || character.contains("emphasis"),
        strong: on("b") || character.contains("strong"),
    }
}

/// True when `node` has an ancestor `ns:name`.
fn inside(node: Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.ancestors().skip(1).any(|a| a.has_tag_name((ns, name)))
}

fn nearest_ancestor<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.ancestors().find(|a| a.has_tag_name((ns, name)))
}

/// The cells of a table row: the text nodes of each `cell` child that `keep` accepts, a
/// paragraph break as a space.
fn cells(
    row: Node<'_, '_>,
    cell: (&str, &str),
    keep: impl Fn(Node<'_, '_>) -> bool,
) -> Vec<String> {
    row.children()
        .filter(|c| c.has_tag_name(cell))
        .map(|c| {
            let mut inline = Inline::default();
            for node in c.descendants() {
                if node.is_text() && keep(node) {
                    inline.push(node.text().unwrap_or(""), Style::default());
                } else if matches!(node.tag_name().name(), "p" | "h") {
                    inline.space();
                }
            }
            inline.take_plain()
        })
        .collect()
}

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const META: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// Reads an `OpenDocument` text.
pub(crate) fn read_odt(path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    const WHAT: &str = "OpenDocument text";
    let mut package = Package::open(path, bytes, WHAT)?;
    let mimetype = package.read_text("mimetype")?.unwrap_or_default();
    if !mimetype
        .trim()
        .starts_with("application/vnd.oasis.opendocument.text")
    {
        return Err(DocumentError::WrongType {
            path: path.to_owned(),
            expected: "an OpenDocument text (.odt)",
            found: "a zip archive that is not an OpenDocument text",
        });
    }
    let manifest = package
        .read_text("META-INF/manifest.xml")?
        .unwrap_or_default();
    if manifest.contains("encryption-data") {
        return Err(DocumentError::Encrypted {
            path: path.to_owned(),
        });
    }
    let content = package
        .read_text("content.xml")?
        .ok_or_else(|| DocumentError::corrupt(path, WHAT, "content.xml is missing"))?;
    let styles_text = package.read_text("styles.xml")?.unwrap_or_default();
    let content = parse_xml(path, WHAT, &content)?;
    let mut styles = OdtStyles::default();
    if !styles_text.is_empty() {
        styles.add(&parse_xml(path, WHAT, &styles_text)?);
    }
    styles.add(&content);
    let mut meta = Meta::default();
    let mut front = Meta::default();
    let mut builder = Builder::default();
    for node in content.descendants().filter(Node::is_element) {
        if left_out(node) {
            continue;
        }
        match (node.tag_name().namespace(), node.tag_name().name()) {
            (Some(TABLE), "table-row") if !inside(node, TABLE, "table-cell") => {
                builder.table_row(&cells(node, (TABLE, "table-cell"), |t| !left_out(t)));
            }
            (Some(TEXT), "h") if !inside(node, TABLE, "table-cell") => {
                builder.heading(&odt_inline(node, &styles).take_plain());
            }
            (Some(TEXT), "p") if !inside(node, TABLE, "table-cell") => {
                odt_paragraph(node, &styles, &mut builder, &mut front);
            }
            _ => {}
        }
    }
    if let Some(text) = package.read_text("meta.xml")? {
        odt_meta(&parse_xml(path, WHAT, &text)?, &mut meta);
    }
    merge_front(&mut meta, front);
    Ok((builder, meta))
}

/// Footnotes, comments, tracked deletions and tables of contents are not part of the text.
fn left_out(node: Node<'_, '_>) -> bool {
    node.ancestors().any(|a| {
        a.has_tag_name((TEXT, "note"))
            || a.has_tag_name((OFFICE, "annotation"))
            || a.has_tag_name((TEXT, "tracked-changes"))
            || a.has_tag_name((TEXT, "table-of-content"))
    })
}

fn odt_paragraph(p: Node<'_, '_>, styles: &OdtStyles, builder: &mut Builder, front: &mut Meta) {
    let style = p.attribute((TEXT, "style-name")).unwrap_or("");
    let mut inline = odt_inline(p, styles);
    match styles.role(style) {
        Role::Heading => builder.heading(&inline.take_plain()),
        Role::Title => front.title_once(&inline.take_plain()),
        Role::Author => front.add_authors(&inline.take_plain()),
        Role::Date => front.date_once(&inline.take_plain()),
        Role::Skip => {}
        Role::Body if inside(p, TEXT, "list-item") => builder.list_item(&inline.take_markdown()),
        Role::Body => builder.paragraph(&inline.take_markdown()),
    }
}

/// The text of a paragraph or heading with its spans' emphasis. `text:s` is spaces, tabs and
/// line breaks are word breaks, notes are left out.
fn odt_inline(p: Node<'_, '_>, styles: &OdtStyles) -> Inline {
    let mut inline = Inline::default();
    for node in p.descendants() {
        if node.is_text() {
            let within = node
                .ancestors()
                .take_while(|a| *a != p)
                .filter(roxmltree::Node::is_element)
                .collect::<Vec<_>>();
            if within
                .iter()
                .any(|a| a.has_tag_name((TEXT, "note")) || a.has_tag_name((OFFICE, "annotation")))
            {
                continue;
            }
            let mut style = Style::default();
            for span in within.iter().filter(|a| a.has_tag_name((TEXT, "span"))) {
                let own = styles.text_style(span.attribute((TEXT, "style-name")).unwrap_or(""));
                style.emphasis |= own.emphasis;
                style.strong |= own.strong;
            }
            inline.push(node.text().unwrap_or(""), style);
        } else if node.has_tag_name((TEXT, "s"))
            || node.has_tag_name((TEXT, "tab"))
            || node.has_tag_name((TEXT, "line-break"))
        {
            inline.space();
        }
    }
    inline
}

/// Named and automatic styles: the emphasis of text styles and the role of paragraph styles.
#[derive(Debug, Default)]
struct OdtStyles {
    styles: HashMap<String, OdtStyle>,
}

/// What one style sets itself (`None`: inherited from its parent).
#[derive(Debug)]
struct OdtStyle {
    italic: Option<bool>,
    bold: Option<bool>,
    role: Option<Role>,
    parent: Option<String>,
}

impl OdtStyles {
    fn add(&mut self, xml: &Xml<'_>) {
        for style in xml
            .descendants()
            .filter(|n| n.has_tag_name((STYLE, "style")))
        {
            let Some(name) = style.attribute((STYLE, "name")) else {
                continue;
            };
            let props = style
                .children()
                .find(|n| n.has_tag_name((STYLE, "text-properties")));
            let italic = props
                .and_then(|p| p.attribute((FO, "font-style")))
                .map(|v| v == "italic" || v == "oblique");
            let bold = props
                .and_then(|p| p.attribute((FO, "font-weight")))
                .map(|v| v == "bold" || v.parse::<u32>().is_ok_and(|w| w >= 600));
            let display = style.attribute((STYLE, "display-name")).unwrap_or(name);
            let role = role_by_name(display).or_else(|| role_by_name(name));
            let parent = style
                .attribute((STYLE, "parent-style-name"))
                .map(str::to_owned);
            self.styles.insert(
                name.to_owned(),
                OdtStyle {
                    italic,
                    bold,
                    role,
                    parent,
                },
            );
        }
    }

    /// Follows parents (at most 16) until `pick` gives an answer.
    fn inherited<T>(&self, name: &str, pick: impl Fn(&OdtStyle) -> Option<T>) -> Option<T> {
        let mut current = name.to_owned();
        for _ in 0..16 {
            let style = self.styles.get(&current)?;
            if let Some(answer) = pick(style) {
                return Some(answer);
            }
            current = style.parent.clone()?;
        }
        None
    }

    fn text_style(&self, name: &str) -> Style {
        Style {
            emphasis: self.inherited(name, |s| s.italic).unwrap_or(false),
            strong: self.inherited(name, |s| s.bold).unwrap_or(false),
        }
    }

    fn role(&self, name: &str) -> Role {
        self.inherited(name, |s| s.role)
            .or_else(|| role_by_name(name))
            .unwrap_or(Role::Body)
    }
}

fn odt_meta(xml: &Xml<'_>, meta: &mut Meta) {
    let mut created = None;
    for node in xml.descendants().filter(Node::is_element) {
        let text = node.text().unwrap_or("");
        match (node.tag_name().namespace(), node.tag_name().name()) {
            (Some(DC), "title") => meta.title_once(text),
            (Some(DC), "creator") | (Some(META), "initial-creator") if meta.authors.is_empty() => {
                meta.add_authors(text);
            }
            (Some(META), "user-defined") if node.attribute((META, "name")) == Some("date") => {
                meta.date_once(text);
            }
            (Some(META), "creation-date") => {
                created = Some(text.split('T').next().unwrap_or(text).to_owned());
            }
            _ => {}
        }
    }
    if let Some(created) = created {
        meta.date_once(&created);
    }
}
