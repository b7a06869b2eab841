//! What a project holds that Caselens does not import, counted by kind, so that nothing is
//! left out without a word (issue 21: an ATLAS.ti project lost its PDF codings, sets, links and
//! graphs silently).

use roxmltree::Document;

use super::{codings_in, is};

/// Counts of what was left out of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Codings on PDF, picture, audio and video sources.
    pub codings_non_text: usize,
    /// PDF, picture, audio and video sources.
    pub non_text_sources: usize,
    /// Codings on text sources that are not a loaded case.
    pub codings_elsewhere: usize,
    /// Codings on no paragraph (a heading line, or positions that are not in the text).
    pub codings_off_text: usize,
    /// Sets of codes or sources.
    pub sets: usize,
    /// Links between things.
    pub links: usize,
    /// Graphs (maps, networks).
    pub graphs: usize,
    /// Notes on things Caselens does not import (codes, sets, other sources), or whose text
    /// is not in the file.
    pub notes: usize,
}

impl LeftOut {
    /// The kinds of things in `doc` that are never imported.
    pub(super) fn count(doc: &Document<'_>) -> Self {
        let mut out = Self::default();
        for n in doc.descendants().filter(roxmltree::Node::is_element) {
            match n.tag_name().name() {
                "PDFSource" | "PictureSource" | "AudioSource" | "VideoSource" => {
                    out.non_text_sources += 1;
                    out.codings_non_text += codings_in(n);
                }
                "Set" if n.parent().is_some_and(|p| is(p, "Sets")) => out.sets += 1,
                "Link" if n.parent().is_some_and(|p| is(p, "Links")) => out.links += 1,
                "Graph" if n.parent().is_some_and(|p| is(p, "Graphs")) => out.graphs += 1,
                _ => {}
            }
        }
        out
    }

    /// "9 codings on non-text sources, 16 sets, …", or `None` when nothing was left out.
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [
            (
                self.codings_non_text,
                "coding",
                "codings",
                " on non-text sources",
            ),
            (
                self.non_text_sources,
                "non-text source",
                "non-text sources",
                " (PDF, picture, audio, video)",
            ),
            (
                self.codings_elsewhere,
                "coding",
                "codings",
                " on sources that are not a loaded case",
            ),
            (
                self.codings_off_text,
                "coding",
                "codings",
                " not on a paragraph",
            ),
            (self.sets, "set", "sets", ""),
            (self.links, "link", "links", ""),
            (self.graphs, "graph", "graphs", ""),
            (
                self.notes,
                "note",
                "notes",
                " on things not imported or without their text",
            ),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many, rest)| format!("{n} {}{rest}", if n == 1 { one } else { many }))
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_counted_and_named() {
        let xml = r#"<Project xmlns="urn:QDA-XML:project:1.0"><Sources>
            <PDFSource guid="a"><PDFSelection guid="b"><Coding guid="c"/><Coding guid="d"/></PDFSelection></PDFSource>
            <PictureSource guid="e"><PictureSelection guid="f"><Coding guid="g"/></PictureSelection></PictureSource>
            </Sources><Sets><Set guid="h"/><Set guid="i"/></Sets><Links><Link guid="j"/></Links>
            <Graphs><Graph guid="k"/></Graphs></Project>"#;
        let doc = Document::parse(xml).unwrap();
        let mut got = LeftOut::count(&doc);
        got.notes = 1;
        assert_eq!(
            got.summary().as_deref(),
            Some(
                "3 codings on non-text sources, 2 non-text sources (PDF, picture, audio, video), \
                 2 sets, 1 link, 1 graph, 1 note on things not imported or without their text"
            )
        );
        assert_eq!(LeftOut::default().summary(), None);
    }
}
