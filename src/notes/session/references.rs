//! The reference layers of a notes session: other people's notes files shown read-only (the
//! library's notes files and a class's), shared with the workspace.

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
        for layer in &self.class {
            if !layers.iter().any(|l| l.origin == layer.origin) {
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
        let replace = |list: &mut Vec<ReferenceLayer>, layer: ReferenceLayer| match list
            .iter_mut()
            .find(|l| l.origin == layer.origin)
        {
            Some(old) => *old = layer,
            None => list.push(layer),
        };
        for layer in &layers {
            replace(&mut self.class, layer.clone());
        }
        let added = layers.len();
        // One edit for all: each edit copies the shared list, so one per layer was quadratic
        // (1.5 s of one frame for 300 layers of 40 highlights).
        self.edit_references(|list| {
            for layer in layers {
                replace(list, layer);
            }
        });
        added
    }
}
