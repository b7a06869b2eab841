//! Markdown through pulldown-cmark (`CommonMark` with tables), with pandoc's YAML front matter
//! (`title`, `author` as one name or a list, `date`) read by yaml-rust2's event parser.

use std::path::Path;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::DocumentError;
use super::flow::{Builder, Flow, Meta};
use super::text::decode;

/// Reads Markdown.
#[expect(
    clippy::unnecessary_wraps,
    reason = "every reader has the same signature; the binary formats can fail"
)]
pub(crate) fn read(_path: &Path, bytes: &[u8]) -> Result<(Builder, Meta), DocumentError> {
    let text = decode(bytes);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut flow = Flow::default();
    let mut meta = Meta::default();
    let mut in_metadata = false;
    let mut in_image = 0usize;
    for event in Parser::new_ext(&text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => front_matter(&t, &mut meta),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(tag) => start(&mut flow, &tag),
            Event::End(tag) => end(&mut flow, tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                flow.text(&t);
            }
            Event::SoftBreak | Event::HardBreak => flow.space(),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule => {}
        }
    }
    Ok((flow.finish(), meta))
}

fn start(flow: &mut Flow, tag: &Tag<'_>) {
    match tag {
        Tag::Heading { .. } => flow.heading_start(),
        Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) => flow.block_boundary(),
        Tag::List(_) => flow.list_start(),
        Tag::Item => flow.item_start(),
        Tag::TableRow | Tag::TableHead => flow.row_start(),
        Tag::TableCell => flow.cell_start(),
        Tag::Emphasis => flow.emphasis(true),
        Tag::Strong => flow.strong(true),
        _ => {}
    }
}

fn end(flow: &mut Flow, tag: TagEnd) {
    match tag {
        TagEnd::Heading(_) => flow.heading_end(),
        TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::CodeBlock => flow.block_boundary(),
        TagEnd::List(_) => flow.block_boundary(),
        TagEnd::Item => flow.item_end(),
        TagEnd::TableRow | TagEnd::TableHead => flow.row_end(),
        TagEnd::TableCell => flow.cell_end(),
        TagEnd::Emphasis => flow.emphasis(false),
        TagEnd::Strong => flow.strong(false),
        _ => {}
    }
}

/// The top-level `title`, `author` (a string or a list of strings) and `date` of YAML front
/// matter, read from the parser's events: no tree is built, so nesting cannot exhaust the stack.
fn front_matter(yaml: &str, meta: &mut Meta) {
    use yaml_rust2::parser::{Event as Y, Parser as YamlParser};
    let mut parser = YamlParser::new_from_str(yaml);
    let mut depth = 0usize;
    let mut key: Option<String> = None;
    let mut expecting_key = true;
    while let Ok((event, _)) = parser.next_token() {
        match event {
            Y::StreamEnd => break,
            Y::MappingStart(..) | Y::SequenceStart(..) => {
                depth += 1;
                if depth == 1 {
                    expecting_key = true;
                }
            }
            Y::MappingEnd | Y::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    key = None;
                    expecting_key = true;
                }
            }
            Y::Scalar(value, ..) if depth == 1 && expecting_key => {
                key = Some(value);
                expecting_key = false;
            }
            Y::Scalar(value, ..) if depth == 1 => {
                take(meta, key.as_deref(), &value);
                key = None;
                expecting_key = true;
            }
            // A list under a key: `author:` followed by `- name` lines.
            Y::Scalar(value, ..) if depth == 2 => take(meta, key.as_deref(), &value),
            _ => {}
        }
    }
}

fn take(meta: &mut Meta, key: Option<&str>, value: &str) {
    match key {
        Some("title") => meta.title_once(value),
        Some("author" | "authors") => meta.add_authors(value),
        Some("date") => meta.date_once(value),
        _ => {}
    }
}
