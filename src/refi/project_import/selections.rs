//! Text selections into highlights: split at paragraph breaks, merged when several codings
//! lie on the same range, and matched against the highlights already there.

use roxmltree::Node;

use super::{State, is};
use crate::format::{Case, Item, ItemKind, is_valid_uuid};
use crate::notes::anchor::{NewAnchor, new_anchor};
use crate::refi::qdpx::{SourceText, selection_range};

/// One highlight to add: a selection's part on one paragraph.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    address: String,
    anchor: NewAnchor,
    /// The char range in the source text (a highlight already there is the same one when it
    /// lies on the same range there, whatever markup its raw anchor includes).
    plain: (usize, usize),
    codes: Vec<String>,
    comments: Vec<String>,
    id: Option<String>,
    created: Option<String>,
    /// GUID of the user who made the selection (else its first coding), normalised.
    maker: Option<String>,
}

/// Pieces on the same paragraph and range merged into one, codes and comments together, in
/// the order first seen (`QualCoder` and `NVivo` write one selection per coding).
pub(super) fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut at: std::collections::HashMap<(String, usize, usize, Option<String>), usize> =
        std::collections::HashMap::new();
    for p in pieces {
        // Two coders' codings on one range stay two highlights: each keeps its maker.
        let key = (
            p.address.clone(),
            p.anchor.start,
            p.anchor.end,
            p.maker.clone(),
        );
        if let Some(&i) = at.get(&key) {
            let into = &mut out[i];
            for c in p.codes {
                if !into.codes.contains(&c) {
                    into.codes.push(c);
                }
            }
            for c in p.comments {
                if !into.comments.contains(&c) {
                    into.comments.push(c);
                }
            }
        } else {
            at.insert(key, out.len());
            out.push(p);
        }
    }
    out
}

impl State {
    /// The pieces of one selection (or why it is left out); `notes` are the texts of the
    /// notes it refers to, kept as its comment.
    pub(super) fn selection(
        &mut self,
        sel: Node<'_, '_>,
        case: &Case,
        source: &SourceText,
        map: &[usize],
        notes: Vec<String>,
        pieces: &mut Vec<Piece>,
    ) {
        let position = |a: &str| -> Option<usize> {
            let n: usize = sel.attribute(a)?.trim().parse().ok()?;
            map.get(n).copied()
        };
        let label = sel.attribute("name").unwrap_or_default();
        let codings = super::codings_in(sel).max(1);
        let (Some(start), Some(end)) = (position("startPosition"), position("endPosition")) else {
            self.skipped.push(format!(
                "{}: a selection has no valid startPosition/endPosition; it is left out",
                case.id
            ));
            self.left_out.codings_off_text += codings;
            return;
        };
        let parts = locate(case, source, start, end);
        if parts.is_empty() {
            self.skipped.push(format!(
                "{}: selection \"{label}\" ({start}-{end}) lies on a heading line, not on a paragraph; it is left out",
                case.id
            ));
            self.left_out.codings_off_text += codings;
            return;
        }
        self.report_parts(case, label, parts.len(), on_headings(source, start, end));
        let codes = self.codings(sel, case);
        let makers: Vec<String> = std::iter::once(sel)
            .chain(sel.children().filter(|n| is(*n, "Coding")))
            .chain(sel.parent_element().filter(|p| is(*p, "Note")))
            .filter_map(|n| n.attribute("creatingUser"))
            .filter_map(crate::refi::import::normal_guid)
            .collect();
        let maker = makers.first().cloned();
        self.makers.extend(makers);
        let (comments, id, created) = about(sel, notes);
        for (n, (address, raw, (s, e), plain)) in parts.into_iter().enumerate() {
            let Some(anchor) = new_anchor(raw, s, e) else {
                continue;
            };
            pieces.push(Piece {
                address,
                anchor,
                plain,
                codes: codes.clone(),
                comments: comments.clone(),
                id: id.clone().filter(|_| n == 0),
                created: created.clone(),
                maker: maker.clone(),
            });
        }
    }

    /// Says when a selection was split at paragraph breaks or partly on a heading.
    fn report_parts(&mut self, case: &Case, label: &str, parts: usize, on_headings: usize) {
        if parts > 1 {
            self.skipped.push(format!(
                "{}: selection \"{label}\" crosses {parts} paragraphs: it became one highlight on each",
                case.id
            ));
        }
        if on_headings > 0 {
            self.skipped.push(format!(
                "{}: selection \"{label}\": its part on a heading line is left out",
                case.id
            ));
        }
    }

    /// Adds the merged pieces of one source that are not there yet.
    pub(super) fn add_pieces(&mut self, case: &Case, source: &SourceText, pieces: Vec<Piece>) {
        // The highlights of this case already there, with their range in the source text.
        let there: Vec<(usize, (usize, usize))> = self
            .notes
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                !i.deleted
                    && i.kind == ItemKind::Highlight
                    && i.case.as_deref() == Some(case.id.as_str())
            })
            .filter_map(|(n, i)| Some((n, selection_range(case, source, i)?)))
            .collect();
        for p in pieces {
            let text = (!p.comments.is_empty()).then(|| p.comments.join("\n\n"));
            let same = there.iter().any(|(n, range)| {
                *range == p.plain
                    && p.codes
                        .iter()
                        .all(|c| self.notes.items[*n].codes.iter().any(|have| have == c))
            });
            if same {
                self.duplicates += 1;
                continue;
            }
            let id =
                p.id.filter(|g| !self.notes.items.iter().any(|i| &i.id == g))
                    .unwrap_or_else(crate::format::new_id);
            let now = crate::format::now();
            self.notes.items.push(Item {
                id,
                kind: ItemKind::Highlight,
                case: Some(case.id.as_str().into()),
                target: Some(p.anchor.into_target(p.address)),
                codes: p.codes.into_iter().map(Into::into).collect(),
                title: None,
                text,
                created: p.created.map_or_else(|| now.clone(), Into::into),
                modified: now,
                deleted: false,
                author: None,
            });
            if let Some(maker) = p.maker {
                self.made.push((self.notes.items.len() - 1, maker));
            }
            self.added += 1;
        }
    }
}

/// Visible characters of plain chars `start..end` on heading lines (the only text between
/// paragraphs), counted on the headings alone: the source text may be long.
fn on_headings(source: &SourceText, start: usize, end: usize) -> usize {
    source
        .headings
        .iter()
        .filter(|(at, _)| *at < end)
        .map(|(at, title)| {
            let (s, e) = (start.max(*at) - at, end - at);
            title
                .chars()
                .skip(s)
                .take(e.saturating_sub(s))
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum()
}

/// A selection's comments (its description, then the texts of the notes it refers to), its
/// GUID and its creation time (a span inside a note, `QualCoder`'s comment on an uncoded span,
/// has the note's).
fn about(sel: Node<'_, '_>, notes: Vec<String>) -> (Vec<String>, Option<String>, Option<String>) {
    let mut comments: Vec<String> = sel
        .children()
        .find(|n| is(*n, "Description"))
        .and_then(|d| d.text())
        .map(|t| t.replace("\r\n", "\n"))
        .filter(|t| !t.trim().is_empty())
        .into_iter()
        .collect();
    comments.extend(notes);
    let id = sel
        .attribute("guid")
        .map(str::to_ascii_lowercase)
        .filter(|g| is_valid_uuid(g));
    let note = sel.parent_element().filter(|p| is(*p, "Note"));
    let created = sel
        .attribute("creationDateTime")
        .or_else(|| note.and_then(|n| n.attribute("creationDateTime")))
        .filter(|t| crate::validate::is_timestamp(t))
        .map(str::to_owned);
    (comments, id, created)
}

/// One paragraph's part of a selection (see [`locate`]).
type Part<'c> = (String, &'c str, (usize, usize), (usize, usize));

/// The paragraphs holding plain chars `start..end` of the source, in text order: each one's
/// address, raw text, raw char range, and the part's range in the source text.
fn locate<'c>(case: &'c Case, source: &SourceText, start: usize, end: usize) -> Vec<Part<'c>> {
    if start >= end {
        return Vec::new();
    }
    // Paragraphs are in text order: skip those that end before `start`, stop at `end`.
    let first = source
        .order
        .partition_point(|(at, len, _)| at + len <= start);
    let mut out = Vec::new();
    for (offset, len, address) in source.order[first..].iter().take_while(|p| p.0 < end) {
        let (offset, len) = (*offset, *len);
        let Some((_, rendered)) = source.paragraphs.get(address) else {
            continue;
        };
        let (s, e) = (start.max(offset) - offset, end.min(offset + len) - offset);
        let Some(raw_range) = rendered.to_raw(s..e) else {
            continue;
        };
        let Some(p) = case.paragraph(address) else {
            continue;
        };
        out.push((
            address.clone(),
            p.text.as_str(),
            (raw_range.start, raw_range.end),
            (offset + s, offset + e),
        ));
    }
    out
}
