//! A problem clicked in the editor's list takes the form to its field: the part that holds it
//! opens, the field scrolls into view once and stays framed, with the problem beside it, until
//! another problem is clicked or this one is fixed. Which field a problem is about is the
//! core's answer ([`crate::authoring::place`]).

use egui::{RichText, Ui};

use crate::authoring::Place;

/// The field of the problem clicked last.
pub(super) struct Goto {
    /// Where it is.
    pub place: Place,
    /// The validator's JSON pointer, to tell when the problem is gone.
    pub pointer: String,
    /// What the validator says.
    pub message: String,
    /// Not scrolled to yet.
    pub scroll: bool,
}

/// The parts of the form, each a collapsing header.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Details,
    Sources,
    Facets,
    Text,
    Alliances,
    Questions,
}

impl Goto {
    /// The part of the form the field is in.
    fn part(&self) -> Option<Part> {
        Some(match &self.place {
            Place::Header(pointer) if pointer.starts_with("meta/sources") => Part::Sources,
            Place::Header(_) => Part::Details,
            Place::Source(_) => Part::Sources,
            Place::Section(_) | Place::Paragraph(_) => Part::Text,
            Place::Facet(_) | Place::Evidence(..) => Part::Facets,
            Place::Alliance(_) => Part::Alliances,
            Place::Question(_) => Part::Questions,
            Place::File => return None,
        })
    }

    /// True when the field is `place` (a facet also holds its evidence).
    fn is(&self, place: &Place) -> bool {
        match (&self.place, place) {
            (Place::Evidence(dim, _), Place::Facet(facet)) => dim == facet,
            // The details are one block: any of their fields marks it.
            (Place::Header(field), Place::Header(block)) if block.is_empty() => {
                !field.starts_with("meta/sources")
            }
            (a, b) => a == b,
        }
    }
}

/// Which part of the form opens this frame: the one holding the field, until it has been
/// scrolled to (it opens once; the user can close it again).
pub(super) struct Opens(Option<Part>);

impl Opens {
    /// The part to open for `goto`.
    pub fn of(goto: Option<&Goto>) -> Self {
        Self(goto.filter(|g| g.scroll).and_then(Goto::part))
    }

    /// `Some(true)` for the part to open, `None` (as the user left it) for the others.
    pub fn get(&self, part: Part) -> Option<bool> {
        (self.0 == Some(part)).then_some(true)
    }
}

/// Draws `add`, framed with the problem beside it when it is the field of the clicked
/// problem, and scrolled into view the first time.
pub(super) fn at(ui: &mut Ui, goto: &mut Option<Goto>, place: &Place, add: impl FnOnce(&mut Ui)) {
    let Some(g) = goto.as_mut().filter(|g| g.is(place)) else {
        add(ui);
        return;
    };
    let color = ui.visuals().warn_fg_color;
    let response = egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(2.0, color))
        .show(ui, |ui| {
            ui.label(RichText::new(format!("Problem here: {}", g.message)).color(color));
            add(ui);
        })
        .response;
    if g.scroll {
        response.scroll_to_me(Some(egui::Align::Center));
        g.scroll = false;
    }
}
