//! Saving a draft: atomic (temporary file, fsync, rename), with a backup of the version it
//! replaces and under the same advisory lock as notes files (`crate::notes::store`).
//!
//! Two windows on one file never lose an edit. A draft remembers the bytes it last read or
//! wrote. When the file on disk no longer holds them, the other side's changes are merged with
//! ours (a three-way merge against the document those bytes held):
//! when the two sides changed different things, the merge becomes an undoable step of the
//! draft and is written; when they changed the same thing, nothing is written and
//! [`AuthoringError::ChangedOnDisk`] names the places, with the draft kept as it was (so
//! *Save a copy as…* keeps every edit). A file that changed into something unreadable is never
//! overwritten. A failed write (full disk, read-only folder) says why in the user's words and
//! keeps the draft.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::draft::{Authored, DiskState, Draft, DraftFile};
use super::{AuthoringError, SAVED_WITH_PROBLEMS};
use crate::notes::store;

/// Whether a document with problems may be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    /// Only without problems ([`AuthoringError::HasProblems`] otherwise).
    Checked,
    /// *Save anyway*: with problems too; the file then says how many
    /// ([`SAVED_WITH_PROBLEMS`]) and `caselens validate` prints a note.
    Anyway,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file written.
    pub path: PathBuf,
    /// True when changes saved elsewhere since the draft last read the file were merged in
    /// (the merge is an undoable step of the draft).
    pub merged: bool,
    /// Problems the saved file has (0 unless saved with [`SaveMode::Anyway`]).
    pub problems: usize,
}

/// The number of problems a file says it was saved with ([`SAVED_WITH_PROBLEMS`]), if it
/// says so; `None` for files that do not, or are not JSON objects.
pub fn saved_with_problems(bytes: &[u8]) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(rename = "x-caselens-saved-with-problems")]
        count: Option<Value>,
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let probe: Probe = serde_json::from_slice(bytes).ok()?;
    probe.count.and_then(|c| c.as_u64())
}

impl<D: Authored> Draft<D> {
    /// Saves to the draft's file. Refused for a bundled file ("Save a copy as…"), a draft with
    /// no file ("Save as…") and, in [`SaveMode::Checked`], a document with problems.
    pub fn save(&mut self, mode: SaveMode) -> Result<Saved, AuthoringError> {
        let path = match &self.file {
            DraftFile::New => return Err(AuthoringError::NoPath),
            DraftFile::Bundled(name) => {
                return Err(AuthoringError::ReadOnlyBundled { name: name.clone() });
            }
            DraftFile::Path(path) => path.clone(),
        };
        self.refuse_problems(mode)?;
        self.write_to(&path, mode, true)
    }

    /// Saves to `path`, which the user chose (*Save as…*, *Save a copy as…*): a file there is
    /// replaced (and kept as a backup). The draft then belongs to `path`.
    pub fn save_as(&mut self, path: &Path, mode: SaveMode) -> Result<Saved, AuthoringError> {
        self.refuse_problems(mode)?;
        let saved = self.write_to(path, mode, false)?;
        self.file = DraftFile::Path(path.to_owned());
        Ok(saved)
    }

    /// The file's text as a save in `mode` writes it, or why not (the same refusal as
    /// [`Self::save`]): what the browser hands over as a download.
    pub fn saved_text(&self, mode: SaveMode) -> Result<String, AuthoringError> {
        self.refuse_problems(mode)?;
        self.to_text(mode == SaveMode::Anyway)
    }

    /// The draft as it is now was handed over whole (the browser's download of
    /// [`Self::saved_text`]): it counts as saved. The file it belongs to, if any, is unchanged.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
    }

    fn refuse_problems(&self, mode: SaveMode) -> Result<(), AuthoringError> {
        let count = self.problems().len();
        if mode == SaveMode::Checked && count > 0 {
            return Err(AuthoringError::HasProblems { count });
        }
        Ok(())
    }

    /// Writes under the lock; `guard`: merge with (or refuse) a file changed on disk.
    fn write_to(
        &mut self,
        path: &Path,
        mode: SaveMode,
        guard: bool,
    ) -> Result<Saved, AuthoringError> {
        let write_err = |source: std::io::Error| AuthoringError::Write {
            path: path.to_owned(),
            message: store::why(&source),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A folder that cannot be made is reported by the next step, with the reason.
            std::fs::create_dir_all(dir).ok();
        }
        let _lock = store::lock(path).map_err(write_err)?;
        store::remove_stale_temporaries(path);
        let mut merged = false;
        match std::fs::read(path) {
            Ok(current) => {
                if guard && self.changed_on_disk(&current) {
                    self.merge_from_disk(path, &current)?;
                    merged = true;
                    self.refuse_problems(mode)?;
                }
                store::backup(path, &current).map_err(write_err)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(write_err(e)),
        }
        let text = self.to_text(mode == SaveMode::Anyway)?;
        store::write_atomic(path, text.as_bytes()).map_err(write_err)?;
        self.disk = DiskState::Known(text.into_bytes());
        self.saved_state = Some(self.state);
        let problems = if mode == SaveMode::Anyway {
            self.problems().len()
        } else {
            0
        };
        Ok(Saved {
            path: path.to_owned(),
            merged,
            problems,
        })
    }

    fn changed_on_disk(&self, current: &[u8]) -> bool {
        match &self.disk {
            DiskState::Known(bytes) => current != bytes.as_slice(),
            DiskState::None => false,
        }
    }

    /// Takes in the changes saved elsewhere, or says where they clash with ours.
    fn merge_from_disk(&mut self, path: &Path, current: &[u8]) -> Result<(), AuthoringError> {
        let DiskState::Known(base) = &self.disk else {
            return Ok(());
        };
        let name = path.display().to_string();
        // What we read or wrote last parsed before: only a bug could make it fail now.
        let (base, _) = super::draft::parse::<D>(&name, base)?;
        let (mut theirs, _) = super::draft::parse::<D>(&name, current).map_err(|e| {
            AuthoringError::ChangedUnreadable {
                path: path.to_owned(),
                message: match e {
                    AuthoringError::Unreadable { message, .. } => message,
                    other => other.to_string(),
                },
            }
        })?;
        theirs.extensions_mut().remove(SAVED_WITH_PROBLEMS);
        let merged = super::merge::merge_docs(&base, &self.doc, &theirs).map_err(|places| {
            AuthoringError::ChangedOnDisk {
                path: path.to_owned(),
                places,
            }
        })?;
        self.replace(merged, "merge with the changes saved elsewhere");
        self.disk = DiskState::Known(current.to_vec());
        Ok(())
    }
}
