//! A search hit outside the case's paragraphs (the subtitle, a source, a facet, an alliance, a
//! question): which one the reader marks and scrolls to. Paragraph hits use [`super::Focus`].

use super::{Focus, Passage, View, Workspace};
use crate::search::Place;

/// A marked place of the open case that is not a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// Where it is.
    pub place: Place,
    /// The match, in characters of the place's text.
    pub range: (usize, usize),
    /// Changes on every jump, so the reader scrolls there once per jump (even to the same
    /// place again).
    pub serial: u64,
}

impl Spot {
    /// True when this spot is the facet of `dimension`.
    pub fn is_facet(&self, dimension: &str) -> bool {
        matches!(&self.place, Place::Facet { dimension: d } if d == dimension)
    }

    /// True when this spot is the alliance `id`.
    pub fn is_alliance(&self, id: &str) -> bool {
        matches!(&self.place, Place::Alliance { id: a } if a == id)
    }

    /// True when this spot is the question `id`.
    pub fn is_question(&self, id: &str) -> bool {
        matches!(&self.place, Place::Question { id: q } if q == id)
    }

    /// True when this spot is the metadata field `field` (`sources`, `period`, …).
    pub fn is_meta(&self, field: &str) -> bool {
        matches!(&self.place, Place::Meta { field: f } if f == field)
    }
}

impl Workspace {
    /// Opens `case` at a search hit: a paragraph hit becomes the focus (marked, scrolled to);
    /// any other place becomes the spot, and the old mark goes.
    pub(super) fn open_hit(&mut self, case: String, place: Place, range: (usize, usize)) {
        if self.library.case(&case).is_none() {
            self.message = Some(format!("No case with id \"{case}\" is loaded."));
            return;
        }
        if let Place::Paragraph { section, paragraph } = &place {
            self.open_case_at(
                case,
                Some(Passage {
                    paragraph: format!("{section}/{paragraph}"),
                    quote: None,
                    range: Some(range),
                }),
            );
            return;
        }
        let serial = self.spot.as_ref().map_or(0, |s| s.serial + 1);
        self.focus = None::<Focus>;
        self.open_case = Some(case);
        self.view = View::Reader;
        // The title is at the top of the case; notes open in the Notes tab by their own way.
        self.spot = match place {
            Place::Title | Place::Note { .. } => None,
            place => Some(Spot {
                place,
                range,
                serial,
            }),
        };
    }
}
