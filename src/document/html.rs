//! HTML through html5ever (the `scraper` crate), and EPUB: a zip whose package file lists
//! XHTML chapters in reading order, each read as HTML. The tree is walked with its open/close
//! iterator, never recursively.

use std::path::Path;

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::DocumentError;
use super::flow::{Builder, Flow, Meta};
use super::text::decode;
use super::zipped::{Package, parse_xml};

/// Reads an HTML page.
#[expect(
    clippy::unnecessary_wraps,
    reason = "every reader has the same signature; the binary formats can fail"
)]
pub(crate) fn read(_path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    let text = decode(bytes);
    let html = Html::parse_document(&text);
    let mut flow = Flow::default();
    walk(&html, &mut flow);
    Ok((flow.finish(), head_meta(&html)))
}

/// Elements whose content is not part of the text.
fn skipped(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if matches!(
        name,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "nav"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "textarea"
            | "iframe"
            | "object"
    ) {
        return true;
    }
    // pandoc's title block (its title, authors and date are metadata) and EPUB front matter
    // that repeats the metadata or lists the contents.
    if element.id() == Some("title-block-header") {
        return true;
    }
    element.attr("epub:type").is_some_and(|t| {
        t.split_whitespace()
            .any(|t| matches!(t, "titlepage" | "toc"))
    }) || element.attr("role").is_some_and(|r| r == "doc-toc")
}

/// Walks the body, sending text and structure to `flow`.
fn walk(html: &Html, flow: &mut Flow) {
    let mut skip = 0usize;
    let mut cells = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skip > 0 || skipped(e) => skip += 1,
                Node::Element(e) => open(flow, e.name(), &mut cells),
                Node::Text(t) if skip == 0 => flow.text(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skip > 0 => skip -= 1,
                Node::Element(e) => close(flow, e.name(), &mut cells),
                _ => {}
            },
        }
    }
}

fn open(flow: &mut Flow, name: &str, cells: &mut usize) {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => flow.heading_start(),
        "ul" | "ol" | "dl" => flow.list_start(),
        "li" | "dt" | "dd" => flow.item_start(),
        "tr" if *cells == 0 => flow.row_start(),
        "td" | "th" => {
            if *cells == 0 {
                flow.cell_start();
            } else {
                flow.space();
            }
            *cells += 1;
        }
        "em" | "i" | "cite" | "dfn" => flow.emphasis(true),
        "strong" | "b" => flow.strong(true),
        "br" | "img" | "wbr" => flow.space(),
        _ if is_block(name) => flow.block_boundary(),
        _ => {}
    }
}

fn close(flow: &mut Flow, name: &str, cells: &mut usize) {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => flow.heading_end(),
        "ul" | "ol" | "dl" => flow.block_boundary(),
        "li" | "dt" | "dd" => flow.item_end(),
        "tr" if *cells == 0 => flow.row_end(),
        "td" | "th" => {
            *cells = cells.saturating_sub(1);
            if *cells == 0 {
                flow.cell_end();
            } else {
                flow.space();
            }
        }
        "em" | "i" | "cite" | "dfn" => flow.emphasis(false),
        "strong" | "b" => flow.strong(false),
        _ if is_block(name) => flow.block_boundary(),
        _ => {}
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "address"
            | "hr"
            | "table"
            | "caption"
            | "body"
            | "details"
            | "summary"
    )
}

/// `<title>` and `<meta name=...>` of the head.
fn head_meta(html: &Html) -> Meta {
    let mut meta = Meta::default();
    let mut in_title = false;
    let mut title = String::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if e.name() == "title" => in_title = true,
                Node::Element(e) if e.name() == "meta" => {
                    let (Some(name), Some(content)) = (e.attr("name"), e.attr("content")) else {
                        continue;
                    };
                    match name.to_ascii_lowercase().as_str() {
                        "author" | "dc.creator" | "dcterms.creator" => meta.add_authors(content),
                        "date" | "dc.date" | "dcterms.date" | "dcterms.created" => {
                            meta.date_once(content);
                        }
                        "dc.title" | "dcterms.title" => meta.title_once(content),
                        _ => {}
                    }
                }
                Node::Element(e) if e.name() == "body" => break,
                Node::Text(t) if in_title => title.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|e| e.name() == "title")
                {
                    in_title = false;
                }
            }
        }
    }
    meta.title_once(&title);
    meta
}

/// Reads an EPUB: `META-INF/container.xml` names the package file, whose `dc:` metadata gives
/// the title, creators and date and whose spine lists the chapters in reading order.
pub(crate) fn read_epub(path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    let mut package = Package::open(path, bytes, "EPUB book")?;
    let mimetype = package.read_text("mimetype")?.unwrap_or_default();
    if mimetype.trim() != "application/epub+zip" {
        return Err(DocumentError::WrongType {
            path: path.to_owned(),
            expected: "an EPUB book",
            found: "a zip archive that is not an EPUB book (no application/epub+zip mimetype)",
        });
    }
    // Fonts may be obfuscated (listed in encryption.xml) in books anyone can read; an
    // encrypted chapter (DRM) is what makes a book unreadable.
    let encrypted = match package.read_text("META-INF/encryption.xml")? {
        Some(text) => parse_xml(path, "EPUB book", &text)?
            .descendants()
            .filter_map(|n| n.attribute("URI").map(percent_decode))
            .collect(),
        None => Vec::new(),
    };
    let corrupt = |why: &str| DocumentError::corrupt(path, "EPUB book", why);
    let container = package
        .read_text("META-INF/container.xml")?
        .ok_or_else(|| corrupt("META-INF/container.xml is missing"))?;
    let container = parse_xml(path, "EPUB book", &container)?;
    let opf_path = container
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .and_then(|n| n.attribute("full-path"))
        .ok_or_else(|| corrupt("META-INF/container.xml names no package file"))?
        .to_owned();
    let opf_text = package
        .read_text(&opf_path)?
        .ok_or_else(|| corrupt("the package file named in META-INF/container.xml is missing"))?;
    let opf = parse_xml(path, "EPUB book", &opf_text)?;
    let meta = opf_meta(&opf);
    let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut flow = Flow::default();
    for href in spine(&opf) {
        let entry = join_href(base, &href);
        if encrypted.contains(&entry) {
            return Err(DocumentError::Encrypted {
                path: path.to_owned(),
            });
        }
        let Some(chapter) = package.read_text(&entry)? else {
            continue;
        };
        let html = Html::parse_document(&chapter);
        walk(&html, &mut flow);
        flow.block_boundary();
    }
    Ok((flow.finish(), meta))
}

fn opf_meta(opf: &roxmltree::Document<'_>) -> Meta {
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    let mut meta = Meta::default();
    for node in opf
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(DC))
    {
        let text: String = node
            .descendants()
            .filter(roxmltree::Node::is_text)
            .filter_map(|n| n.text())
            .collect();
        match node.tag_name().name() {
            "title" => meta.title_once(&text),
            "creator" => meta.add_authors(&text),
            "date" => meta.date_once(&text),
            _ => {}
        }
    }
    meta
}

/// The chapters' paths (relative to the package file), in reading order: spine items that are
/// XHTML, linear, and not the navigation document.
fn spine(opf: &roxmltree::Document<'_>) -> Vec<String> {
    let manifest: Vec<roxmltree::Node<'_, '_>> = opf
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    opf.descendants()
        .filter(|n| n.has_tag_name("itemref") && n.attribute("linear") != Some("no"))
        .filter_map(|itemref| {
            let idref = itemref.attribute("idref")?;
            let item = manifest.iter().find(|i| i.attribute("id") == Some(idref))?;
            let is_nav = item
                .attribute("properties")
                .is_some_and(|p| p.split_whitespace().any(|p| p == "nav"));
            let media = item.attribute("media-type").unwrap_or("");
            (!is_nav && (media.contains("html") || media.is_empty()))
                .then(|| item.attribute("href").map(str::to_owned))
                .flatten()
        })
        .collect()
}

/// A manifest `href` resolved against the package file's folder, `%xx` escapes decoded,
/// `..` parts applied.
fn join_href(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let decoded = percent_decode(href);
    let mut parts: Vec<&str> = if base.is_empty() {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
