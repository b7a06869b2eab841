//! PDF: glyphs with their positions from pdf-extract (over lopdf), laid out by
//! [`super::pdf_layout`]; title, author and date from the Info dictionary.
//!
//! pdf-extract panics on some malformed files and recurses through page-tree parents and
//! nested forms. So the file is checked first (no cycles, bounded depth), and the extraction
//! runs on its own named thread with a large stack: a panic there ends that thread only and
//! becomes [`DocumentError::Corrupt`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pdf_extract::{Dictionary, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};

use super::DocumentError;
use super::flow::{Builder, Meta};
use super::pdf_layout::{Block, Glyph, Page, layout};

const WHAT: &str = "PDF";

/// Deepest page tree or chain of nested forms accepted.
const MAX_DEPTH: usize = 64;

/// Stack of the extraction thread (reserved, not committed, until used).
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Reads a PDF's text layer.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    let (pages, meta) = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pdf-text".to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || extract(path, bytes));
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(DocumentError::corrupt(
                    path,
                    WHAT,
                    "the PDF text extractor failed on this file",
                ))
            }),
            Err(source) => Err(DocumentError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    })?;
    let glyphs = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| !g.text.trim().is_empty())
        .count();
    if glyphs == 0 {
        return Err(DocumentError::NoTextLayer {
            path: path.to_owned(),
        });
    }
    let mut builder = Builder::default();
    for block in layout(&pages) {
        match block {
            Block::Heading(text) => builder.heading(&text),
            Block::Paragraph(text) => builder.paragraph(&text),
            Block::ListItem(text) => builder.list_item(&text),
            Block::Row(cells) => builder.table_row(&cells),
        }
    }
    Ok((builder, meta))
}

/// Loads, checks and extracts (on the extraction thread).
fn extract(path: &Path, bytes: &[u8]) -> Result<(Vec<Page>, Meta), DocumentError> {
    let encrypted = || DocumentError::Encrypted {
        path: path.to_owned(),
    };
    let mut doc = match pdf_extract::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword) => {
            return Err(encrypted());
        }
        Err(e) => {
            return Err(DocumentError::Corrupt {
                path: path.to_owned(),
                what: WHAT,
                source: Box::new(e),
            });
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    check_structure(path, &doc)?;
    let meta = info(&doc);
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector).map_err(|e| DocumentError::Corrupt {
        path: path.to_owned(),
        what: WHAT,
        source: e.to_string().into(),
    })?;
    Ok((collector.pages, meta))
}

/// Refuses page trees and nested forms that would make the extractor recurse without end, and
/// pages without a size (the extractor stops on those).
fn check_structure(path: &Path, doc: &pdf_extract::Document) -> Result<(), DocumentError> {
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(DocumentError::corrupt(path, WHAT, "the PDF has no pages"));
    }
    let mut forms = FormDepths::default();
    for &page_id in pages.values() {
        let mut seen = HashSet::new();
        let mut current = Some(page_id);
        let mut resources: Vec<&Object> = Vec::new();
        let mut sized = false;
        while let Some(id) = current {
            if !seen.insert(id) || seen.len() > MAX_DEPTH {
                return Err(DocumentError::corrupt(
                    path,
                    WHAT,
                    "the page tree loops or is too deep",
                ));
            }
            let Ok(dict) = doc.get_dictionary(id) else {
                break;
            };
            resources.extend(dict.get(b"Resources").ok());
            sized |= dict
                .get(b"MediaBox")
                .ok()
                .and_then(|b| doc.dereference(b).ok())
                .and_then(|(_, b)| b.as_array().ok())
                .is_some_and(|b| b.len() == 4);
            current = dict.get(b"Parent").and_then(Object::as_reference).ok();
        }
        if !sized {
            return Err(DocumentError::corrupt(
                path,
                WHAT,
                "a page has no size (MediaBox)",
            ));
        }
        for object in resources {
            let depth = forms.depth_of_resources(doc, object).unwrap_or(usize::MAX);
            if depth > MAX_DEPTH {
                return Err(DocumentError::corrupt(
                    path,
                    WHAT,
                    "forms nested in forms loop or go too deep",
                ));
            }
        }
    }
    Ok(())
}

/// Depths of form `XObjects` (how many forms deep their content goes), computed once each.
#[derive(Default)]
struct FormDepths {
    depth: HashMap<ObjectId, usize>,
}

/// Forms that loop or nest too deep.
struct Loop;

impl FormDepths {
    /// The forms a resources dictionary names.
    fn forms_of(doc: &pdf_extract::Document, resources: &Object) -> Vec<ObjectId> {
        let Some(resources) = deref_dict(doc, resources) else {
            return Vec::new();
        };
        let Some(xobjects) = resources
            .get(b"XObject")
            .ok()
            .and_then(|x| deref_dict(doc, x))
        else {
            return Vec::new();
        };
        xobjects
            .iter()
            .filter_map(|(_, v)| v.as_reference().ok())
            .filter(|id| {
                doc.get_object(*id)
                    .ok()
                    .and_then(|o| o.as_stream().ok())
                    .is_some_and(|s| {
                        s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Form"[..])
                    })
            })
            .collect()
    }

    /// Depth of the forms reachable from a resources dictionary, without recursion:
    /// an explicit stack, with forms on it marked so a loop is found.
    fn depth_of_resources(
        &mut self,
        doc: &pdf_extract::Document,
        resources: &Object,
    ) -> Result<usize, Loop> {
        let roots = Self::forms_of(doc, resources);
        let mut on_stack: HashSet<ObjectId> = HashSet::new();
        // (form, its children, next child to visit)
        let mut stack: Vec<(ObjectId, Vec<ObjectId>, usize)> = Vec::new();
        for root in roots {
            if self.depth.contains_key(&root) {
                continue;
            }
            stack.push((root, Self::children(doc, root), 0));
            on_stack.insert(root);
            while !stack.is_empty() {
                if stack.len() > MAX_DEPTH {
                    return Err(Loop);
                }
                let Some((id, children, next)) = stack.last_mut() else {
                    break;
                };
                if let Some(&child) = children.get(*next) {
                    *next += 1;
                    if on_stack.contains(&child) {
                        return Err(Loop);
                    }
                    if !self.depth.contains_key(&child) {
                        on_stack.insert(child);
                        let grandchildren = Self::children(doc, child);
                        stack.push((child, grandchildren, 0));
                    }
                } else {
                    let depth = 1 + children
                        .iter()
                        .filter_map(|c| self.depth.get(c))
                        .max()
                        .copied()
                        .unwrap_or(0);
                    let id = *id;
                    self.depth.insert(id, depth);
                    on_stack.remove(&id);
                    stack.pop();
                }
            }
        }
        Ok(Self::forms_of(doc, resources)
            .iter()
            .filter_map(|id| self.depth.get(id))
            .max()
            .copied()
            .unwrap_or(0))
    }

    fn children(doc: &pdf_extract::Document, form: ObjectId) -> Vec<ObjectId> {
        doc.get_object(form)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.dict.get(b"Resources").ok())
            .map(|r| Self::forms_of(doc, r))
            .unwrap_or_default()
    }
}

fn deref_dict<'a>(doc: &'a pdf_extract::Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        other => other.as_dict().ok(),
    }
}

/// Title, author(s) and creation date from the Info dictionary.
fn info(doc: &pdf_extract::Document) -> Meta {
    let mut meta = Meta::default();
    let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| deref_dict(doc, i))
    else {
        return meta;
    };
    let text = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| match o {
                Object::Reference(id) => doc.get_object(*id).ok(),
                other => Some(other),
            })
            .and_then(|o| pdf_extract::decode_text_string(o).ok())
    };
    if let Some(title) = text(b"Title") {
        meta.title_once(&title);
    }
    if let Some(author) = text(b"Author") {
        meta.add_authors(&author);
    }
    if let Some(date) = text(b"CreationDate").and_then(|d| pdf_date(&d)) {
        meta.date_once(&date);
    }
    meta
}

/// `D:YYYYMMDDHHmmSS...` as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when that is all it gives).
pub(crate) fn pdf_date(raw: &str) -> Option<String> {
    let digits: String = raw
        .trim()
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .take(8)
        .collect();
    match digits.len() {
        8 => Some(format!(
            "{}-{}-{}",
            &digits[..4],
            &digits[4..6],
            &digits[6..]
        )),
        6 | 7 => Some(format!("{}-{}", &digits[..4], &digits[4..6])),
        4 | 5 => Some(digits[..4].to_owned()),
        _ => None,
    }
}

/// Collects each page's glyphs with positions from the page's top-left corner.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The current page's top edge in PDF space.
    top: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury.max(media_box.lly);
        self.pages.push(Page {
            width: (media_box.urx - media_box.llx).abs(),
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let top = self.top;
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let scale_x = trm.m11.hypot(trm.m12);
        let scale_y = trm.m21.hypot(trm.m22);
        let size = (font_size * (scale_x * scale_y).sqrt()).abs();
        page.glyphs.push(Glyph {
            x: trm.m31,
            y: top - trm.m32,
            size,
            advance: ((width * font_size + spacing) * scale_x).abs(),
            text: text.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
