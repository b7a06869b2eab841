//! Notes in the browser: the same reads, merges and size checks as files, on the browser's
//! storage ([`crate::platform::storage`], IndexedDB) under the path's text. There is no other
//! process to lock against (a second tab opens read-only). Every save keeps the version it
//! replaces as a backup in the same storage, as the desktop keeps files ([`super::backups`]).

use std::path::Path;

use super::{Base, Fingerprint, Loaded, Saved, checked_bytes, merge_if_changed};
use crate::format::NotesFile;
use crate::notes::NotesError;
use crate::platform::storage;

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Loads the notes stored under `path`.
pub fn load(path: &Path) -> Result<Loaded, NotesError> {
    super::parsed(path, &stored(path)?)
}

/// Loads the notes stored under `path`, with their bytes packed (as on the desktop).
pub fn load_with_packed(path: &Path) -> Result<(Loaded, super::Packed), NotesError> {
    let bytes = stored(path)?;
    // Packed first, as on the desktop: the notes then reuse the room the packing grew through.
    let packed = super::Packed::of_bytes(&bytes);
    Ok((super::parsed(path, &bytes)?, packed))
}

fn stored(path: &Path) -> Result<Vec<u8>, NotesError> {
    storage::get(&key(path)).ok_or_else(|| NotesError::Read {
        path: path.to_owned(),
        source: crate::library::LibraryError::Open {
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        },
    })
}

/// Saves `notes` under `path`, merging what changed there since `base`.
pub fn save_to(path: &Path, notes: &NotesFile, base: Base<'_>) -> Result<Saved, NotesError> {
    let key = key(path);
    let mut merged = None;
    let mut to_write = notes.clone();
    let current = storage::get(&key);
    if let Some(current) = &current
        && let Some((m, conflicts)) = merge_if_changed(path, notes, base, current)?
    {
        to_write = m.clone();
        merged = Some((m, conflicts));
    }
    let bytes = checked_bytes(path, &to_write)?;
    let fingerprint = Fingerprint::of(&bytes);
    let written = super::Packed::of_bytes(&bytes);
    if let Some(current) = current {
        super::backups::keep_stored(path, current);
    }
    storage::put(&key, bytes);
    Ok(Saved {
        fingerprint,
        merged,
        written,
    })
}
