//! The reference layers of a notes session: other people's notes files shown read-only (the
//! library's notes files and a class's), shared with the workspace.

use std::collections::HashSet;
use std::sync::Arc;

use super::{NotesSession, same_file};
use crate::format::NotesFile;
use crate::library::{Entry, Origin};
use crate::notes::layers::ReferenceLayer;

impl NotesSession {
    /// Notes files shown for reference, never written.
    pub fn references(&self) -> &[ReferenceLayer] {
        &self.references
    }

    /// The reference layers, shared, once after each change (the window hands them to its
    /// workspace, which reads reference lessons from them).
    pub fn changed_references(&mut self) -> Option<Arc<[ReferenceLayer]>> {
        std::mem::take(&mut self.references_changed).then(|| Arc::clone(&self.references))
    }

    /// Changes the reference layers (rare: a library load, a class opened, a notes file
    /// switched), building the shared list anew.
    pub(super) fn edit_references(&mut self, edit: impl FnOnce(&mut Vec<ReferenceLayer>)) {
        let mut layers = self.references.to_vec();
        edit(&mut layers);
        self.references = layers.into();
        self.references_changed = true;
    }

    /// Shows the notes files of a freshly loaded library as reference layers (except the
    /// current notes file). With no notes file open and none loading, the first one read from
    /// disk is opened as the notes file instead.
    pub fn set_library_notes(&mut self, entries: &[Entry<Arc<NotesFile>>]) {
        let mut opened = None;
        if self.path.is_none()
            && self.loading.is_none()
            && let Some(path) = entries.iter().find_map(|e| match &e.origin {
                Origin::File(p) => Some(p.clone()),
                Origin::Bundled(_) => None,
            })
        {
            self.open(path.clone());
            opened = Some(path);
        }
        let mut layers: Vec<ReferenceLayer> = Vec::new();
        for entry in entries {
            let current = match &entry.origin {
                Origin::File(p) => self.path.iter().chain(&opened).any(|c| same_file(c, p)),
                Origin::Bundled(_) => false,
            };
            // Shared, not copied: the library keeps the same notes.
            if !current
                && !layers
                    .iter()
                    .any(|l| Arc::ptr_eq(&l.notes, &entry.doc) || l.notes == entry.doc)
            {
                layers.push(ReferenceLayer {
                    origin: entry.origin.clone(),
                    notes: Arc::clone(&entry.doc),
                });
            }
        }
        // A set of the origins shown: comparing each class layer with every layer took
        // 2.5 ms of the frame that takes in a reload with a class of 300.
        let mut shown: HashSet<Origin> = layers.iter().map(|l| l.origin.clone()).collect();
        for layer in &self.class {
            if shown.insert(layer.origin.clone()) {
                layers.push(layer.clone());
            }
        }
        self.references = layers.into();
        self.references_changed = true;
    }

    /// Shows `layers` (a class's notes files) as reference layers beside the others, kept
    /// across library reloads; a file already shown is replaced by its new contents. The
    /// current notes file is never a layer. Returns how many layers were added or replaced.
    pub fn add_layers(&mut self, layers: Vec<ReferenceLayer>) -> usize {
        let layers: Vec<ReferenceLayer> = layers
            .into_iter()
            .filter(|layer| match &layer.origin {
                Origin::File(p) => !self.path.as_deref().is_some_and(|c| same_file(c, p)),
                Origin::Bundled(_) => true,
            })
            .collect();
        if layers.is_empty() {
            return 0;
        }
        replace_all(&mut self.class, layers.iter().cloned());
        let added = layers.len();
        // One edit for all: each edit copies the shared list, so one per layer was quadratic
        // (1.5 s of one frame for 300 layers of 40 highlights).
        self.edit_references(|list| replace_all(list, layers));
        added
    }
}

/// Puts each of `layers` in the place of the layer shown from the same origin, or after the
/// others: found through an index, since comparing paths one by one was quadratic (a frame of
/// its own for a class of 300).
fn replace_all(list: &mut Vec<ReferenceLayer>, layers: impl IntoIterator<Item = ReferenceLayer>) {
    let mut at: std::collections::HashMap<Origin, usize> = list
        .iter()
        .enumerate()
        .map(|(i, l)| (l.origin.clone(), i))
        .collect();
    for layer in layers {
        if let Some(&i) = at.get(&layer.origin) {
            list[i] = layer;
        } else {
            at.insert(layer.origin.clone(), list.len());
            list.push(layer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(path: &str, author: &str) -> ReferenceLayer {
        let notes = crate::format::empty_notes(Some(author.to_owned()));
        ReferenceLayer {
            origin: Origin::File(path.into()),
            notes: Arc::new(notes),
        }
    }

    #[test]
    fn a_layer_from_a_shown_origin_takes_its_place_and_new_ones_follow_in_order() {
        let mut list = vec![
            layer("/c/ana.notes.json", "Ana"),
            layer("/c/bo.notes.json", "Bo"),
        ];
        replace_all(
            &mut list,
            [
                layer("/c/bo.notes.json", "Bo 2"),
                layer("/c/cy.notes.json", "Cy"),
                layer("/c/cy.notes.json", "Cy 2"),
            ],
        );
        let authors: Vec<_> = list
            .iter()
            .map(|l| l.notes.author.clone().unwrap())
            .collect();
        assert_eq!(authors, ["Ana", "Bo 2", "Cy 2"]);
    }
}
