//! Notes on disk: atomic writes (temporary file in the same folder, fsync, rename, fsync the
//! folder), the last versions kept as backups, and no clobbering of a file someone else
//! changed: it is merged instead. A file that cannot be read is never overwritten.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

mod atomic;
mod backups;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::{load, load_with_packed, save_to};

pub use atomic::write_atomic;
use atomic::{file_name, parent_dir, temp_prefix};
pub(crate) use backups::backup;
pub use backups::{
    BACKUPS_KEPT, backup_bytes, backup_dir, backup_size, backups, keep_stored, saved_at,
    saved_at_text, stored_backups,
};

use crate::format::NotesFile;
use crate::notes::NotesError;
use crate::notes::merge::{Conflict, merge_with_base};

/// The notes file of the browser build, kept in the browser's storage under this name.
pub const BROWSER_NOTES: &str = "browser/my.notes.json";

/// True when notes would be read from `path`: a file, or in the browser a stored value.
pub fn exists(path: &Path) -> bool {
    if crate::platform::IN_BROWSER {
        crate::platform::storage::contains(&path.to_string_lossy())
    } else {
        path.exists()
    }
}

/// What was on disk when we last read or wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// Fingerprint of file contents.
    pub fn of(bytes: &[u8]) -> Self {
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        Self {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }
}

/// A loaded notes file with what is needed to save it safely later.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The notes.
    pub notes: NotesFile,
    /// The disk state they came from.
    pub fingerprint: Fingerprint,
}

/// Loads a notes file (see [`crate::notes::read_notes`] for the checks).
#[cfg(not(target_arch = "wasm32"))]
pub fn load(path: &Path) -> Result<Loaded, NotesError> {
    parsed(path, &read_bytes(path)?)
}

/// Loads a notes file, with its bytes packed: what a saver keeps to merge with later,
/// packed from the bytes read (no second serialisation of the notes).
#[cfg(not(target_arch = "wasm32"))]
pub fn load_with_packed(path: &Path) -> Result<(Loaded, Packed), NotesError> {
    let bytes = read_bytes(path)?;
    // Packed first: the room its output grew through (about 2 MB for 10,000 highlights) is
    // then taken by the notes as they are read, instead of staying free and resident for the
    // rest of the session in this thread's part of the heap.
    let packed = Packed::of_bytes(&bytes);
    Ok((parsed(path, &bytes)?, packed))
}

/// The bytes of the notes file at `path` (within the size limit).
#[cfg(not(target_arch = "wasm32"))]
fn read_bytes(path: &Path) -> Result<Vec<u8>, NotesError> {
    crate::library::read_limited(path).map_err(|source| NotesError::Read {
        path: path.to_owned(),
        source,
    })
}

/// The notes in `bytes`, read from `path`.
fn parsed(path: &Path, bytes: &[u8]) -> Result<Loaded, NotesError> {
    Ok(Loaded {
        notes: crate::notes::parse_notes(path, bytes)?,
        fingerprint: Fingerprint::of(bytes),
    })
}

/// The result of a save.
#[derive(Debug, Clone)]
pub struct Saved {
    /// What is on disk now.
    pub fingerprint: Fingerprint,
    /// When the file had changed on disk: the merged notes that were written, and conflicts.
    pub merged: Option<(NotesFile, Vec<Conflict>)>,
    /// What was written, packed (what a saver keeps as its [`DiskState`]).
    pub written: Packed,
}

/// Serializes notes as written to disk.
pub fn to_bytes(notes: &NotesFile) -> Result<Vec<u8>, NotesError> {
    let err = |e: serde_json::Error| NotesError::Write {
        path: PathBuf::new(),
        message: e.to_string(),
        source: Box::new(e),
    };
    if !notes.extensions.is_empty() {
        return crate::format::to_json_pretty(notes, &notes.extensions)
            .map(String::into_bytes)
            .map_err(err);
    }
    // Roughly 400 bytes an item; one allocation instead of many regrowths.
    let mut v = Vec::with_capacity(4096 + notes.items.len() * 400);
    let mut ser = serde_json::Serializer::with_formatter(&mut v, OneItemPerLine::default());
    serde::Serialize::serialize(notes, &mut ser).map_err(err)?;
    v.push(b'\n');
    Ok(v)
}

/// Top-level keys and each element of the top-level arrays (each highlight, note, memo, code,
/// lesson) on a line of its own, the rest compact: readable and diff-friendly, and about ten
/// times faster to write than fully indented JSON for large files.
#[derive(Default)]
struct OneItemPerLine {
    depth: usize,
}

impl serde_json::ser::Formatter for OneItemPerLine {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        if self.depth == 1 {
            writer.write_all(b"\n  ]")
        } else {
            writer.write_all(b"]")
        }
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        if self.depth == 2 {
            writer.write_all(b"\n    ")
        } else {
            Ok(())
        }
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        if self.depth == 0 {
            writer.write_all(b"\n}")
        } else {
            writer.write_all(b"}")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        if self.depth == 1 {
            writer.write_all(b"\n  ")
        } else {
            Ok(())
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

/// What the saver knows about the file it is about to write.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// The file did not exist when it was opened: if it exists now, another window or program
    /// created it meanwhile, and it is merged like a changed file.
    Missing,
    /// This version, with this fingerprint, was last read from or written to the file.
    Known(&'a NotesFile, Fingerprint),
    /// [`Base::Known`] with the version packed (a saver's [`DiskState`]).
    Packed(&'a Packed, Fingerprint),
    /// Replace whatever is there (the user chose the file, e.g. *Save notes as…* or `-o`).
    /// The replaced version is still kept as a backup.
    Overwrite,
}

/// What a saver remembers between saves: the owned form of [`Base`].
#[derive(Debug, Clone)]
pub enum DiskState {
    /// The file did not exist when it was opened.
    Missing,
    /// The notes last read from or written to the file, packed, with its fingerprint.
    Known(Packed, Fingerprint),
}

impl DiskState {
    /// The base to pass to [`save_to`].
    pub fn as_base(&self) -> Base<'_> {
        match self {
            Self::Missing => Base::Missing,
            Self::Known(notes, fp) => Base::Packed(notes, *fp),
        }
    }
}

/// Notes kept small: their JSON, deflated (about a sixth of the notes as parsed: 1.2 MB
/// instead of about 7 MB for 10,000 synthetic highlights). A saver keeps the version last
/// read or written this way, and unpacks it only to merge when someone else changed the file.
#[derive(Clone)]
pub struct Packed(Vec<u8>);

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({} bytes)", self.0.len())
    }
}

impl Packed {
    /// Packs notes already serialised (`bytes`, as [`to_bytes`] writes them).
    ///
    /// # Panics
    /// Never in practice: deflating into memory has nothing that can fail.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        use std::io::Write as _;
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        // Writing into a Vec cannot fail.
        encoder.write_all(bytes).expect("deflate into memory");
        let mut packed = encoder.finish().expect("deflate into memory");
        // Kept for as long as the saver runs: not the up to twice its size that growing left.
        packed.shrink_to_fit();
        Self(packed)
    }

    /// The notes again (`path` names them in an error).
    pub fn unpack(&self, path: &Path) -> Result<NotesFile, NotesError> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        flate2::read::DeflateDecoder::new(self.0.as_slice())
            .read_to_end(&mut bytes)
            .map_err(|e| NotesError::Changed {
                path: path.to_owned(),
                message: format!("the copy of the notes last saved is damaged: {e}"),
            })?;
        crate::notes::parse_notes(path, &bytes)
    }

    /// Size packed, in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for no bytes (never, for packed notes).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Saves `notes` to `path`; `None` as the base is a deliberate overwrite (see [`save_to`]).
pub fn save(
    path: &Path,
    notes: &NotesFile,
    base: Option<(&NotesFile, Fingerprint)>,
) -> Result<Saved, NotesError> {
    save_to(
        path,
        notes,
        base.map_or(Base::Overwrite, |(n, f)| Base::Known(n, f)),
    )
}

/// Saves `notes` to `path`.
///
/// Read, merge and write happen while holding an advisory lock on `.NAME.lock` beside the
/// file, so two processes saving at once cannot lose each other's items. If the file changed
/// since `base` (or appeared since it was seen missing), it is merged with ours by id and
/// `modified` and the merge is written. If the file on disk cannot be read as notes, nothing
/// is written. Temporary files left by an earlier save that was killed are removed.
#[cfg(not(target_arch = "wasm32"))]
pub fn save_to(path: &Path, notes: &NotesFile, base: Base<'_>) -> Result<Saved, NotesError> {
    let write_err = |e: std::io::Error| NotesError::Write {
        path: path.to_owned(),
        message: why(&e),
        source: Box::new(e),
    };
    // A folder that cannot be made is reported by the next step, with the real reason.
    std::fs::create_dir_all(parent_dir(path)).ok();
    if let Some(what) = std::fs::metadata(path)
        .ok()
        .and_then(|m| crate::library::not_a_file(&m))
    {
        // A pipe would wait forever for a writer; a folder or a device is no notes file.
        return Err(NotesError::Read {
            path: path.to_owned(),
            source: crate::library::LibraryError::NotAFile { what },
        });
    }
    if is_read_only(path) {
        return Err(NotesError::ReadOnly {
            path: path.to_owned(),
        });
    }
    let _lock = lock(path).map_err(write_err)?;
    remove_stale_temporaries(path);
    let mut merged = None;
    let mut replaced = None;
    let mut to_write = notes.clone();
    match std::fs::read(path) {
        Ok(current) => {
            if let Some((m, conflicts)) = merge_if_changed(path, notes, base, &current)? {
                to_write = m.clone();
                merged = Some((m, conflicts));
            }
            replaced = Some(current);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(write_err(e)),
    }
    let bytes = checked_bytes(path, &to_write)?;
    if let Some(current) = replaced {
        backup(path, &current).map_err(write_err)?;
    }
    write_atomic(path, &bytes).map_err(write_err)?;
    Ok(Saved {
        fingerprint: Fingerprint::of(&bytes),
        merged,
        written: Packed::of_bytes(&bytes),
    })
}

/// When the file (now `current`) changed since `base` (or appeared since it was seen missing):
/// ours merged with it, and the conflicts. `None` when ours can simply replace it.
fn merge_if_changed(
    path: &Path,
    notes: &NotesFile,
    base: Base<'_>,
    current: &[u8],
) -> Result<Option<(NotesFile, Vec<Conflict>)>, NotesError> {
    let unpacked;
    let their_base = match base {
        Base::Known(base_notes, fp) if Fingerprint::of(current) != fp => Some(Some(base_notes)),
        Base::Packed(packed, fp) if Fingerprint::of(current) != fp => {
            unpacked = packed.unpack(path)?;
            Some(Some(&unpacked))
        }
        Base::Missing => Some(None),
        Base::Known(..) | Base::Packed(..) | Base::Overwrite => None,
    };
    let Some(base_notes) = their_base else {
        return Ok(None);
    };
    // Someone else wrote (or created) the file: merge, never clobber.
    let theirs = crate::notes::parse_notes(path, current).map_err(|e| NotesError::Changed {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    Ok(Some(merge_with_base(base_notes, notes, &theirs)))
}

/// The bytes of `notes`, refused when Caselens itself would not read them back.
fn checked_bytes(path: &Path, notes: &NotesFile) -> Result<Vec<u8>, NotesError> {
    let bytes = to_bytes(notes)?;
    if bytes.len() as u64 > crate::format::MAX_FILE_BYTES {
        return Err(NotesError::TooLarge {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// True when `path` is an existing file whose permissions forbid writing (its owner made it
/// read-only: it is not replaced behind their back, though the folder would allow it).
pub fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly())
}

/// Why a write failed, in the user's words.
pub fn why(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "the disk is full".to_owned(),
        K::QuotaExceeded => "your disk quota is used up".to_owned(),
        K::ReadOnlyFilesystem => "the folder is read-only".to_owned(),
        K::PermissionDenied => "the folder is read-only (you may not write there)".to_owned(),
        K::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        K::FileTooLarge => "the file is larger than this system allows".to_owned(),
        _ => crate::library::without_os_code(&e.to_string()),
    }
}

/// The advisory lock file for `path`: `.NAME.lock` beside it. It is never deleted (deleting
/// a lock file lets two processes lock two different files).
pub fn lock_path(path: &Path) -> PathBuf {
    parent_dir(path).join(format!(".{}.lock", file_name(path)))
}

/// Takes the advisory lock of `path`, waiting for other processes; released when dropped.
pub(crate) fn lock(path: &Path) -> std::io::Result<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(path))?;
    file.lock()?;
    Ok(file)
}

/// Removes temporary files of `path` that a killed save left behind. Only called under the
/// lock, when no other save of `path` can be writing one.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

/// A path beside `path` for continuing when `path` cannot be used
/// (`notes.notes.json` -> `notes.recovered-1.notes.json`).
pub fn sibling_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "notes.notes.json".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stem = name
        .strip_suffix(".notes.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name)
        .to_owned();
    let dir = parent_dir(path);
    (1..)
        .map(|n| dir.join(format!("{stem}.recovered-{n}.notes.json")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}.recovered.notes.json")))
}

/// The default notes file in the per-user data folder.
pub fn default_path() -> Option<PathBuf> {
    if crate::platform::IN_BROWSER {
        return Some(PathBuf::from(BROWSER_NOTES));
    }
    directories::ProjectDirs::from("org", "Caselens", "Caselens")
        .map(|d| d.data_dir().join("my.notes.json"))
}

/// Writes notes that could not be saved where they belong to a new file in the first of
/// `dirs` that takes it; says where.
pub fn rescue(notes: &NotesFile, dirs: Vec<PathBuf>) -> String {
    let stamp = web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let name = format!("rescued-{stamp}.notes.json");
    for path in dirs.into_iter().map(|d| d.join(&name)) {
        if save_to(&path, notes, Base::Missing).is_ok() {
            return format!("your notes were saved to {} instead", path.display());
        }
    }
    "your notes could not be saved anywhere".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::empty_notes;
    use crate::notes::book::NoteBook;

    #[test]
    fn save_load_round_trip_with_backups_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        let mut book = NoteBook::new(empty_notes(Some("me".into())));
        let mut base: Option<(NotesFile, Fingerprint)> = None;
        for i in 0..15 {
            book.add_memo(None, &format!("m{i}"), "text");
            let saved = save(&path, book.file(), base.as_ref().map(|(n, f)| (n, *f))).unwrap();
            assert!(saved.merged.is_none());
            base = Some((book.file().clone(), saved.fingerprint));
        }
        let loaded = load(&path).unwrap();
        assert_eq!(&loaded.notes, book.file());
        assert_eq!(backups(&path).len(), BACKUPS_KEPT);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn files_have_one_item_per_line_and_read_back() {
        let mut book = NoteBook::new(empty_notes(Some("me".into())));
        book.add_memo(None, "a", "x");
        book.add_memo(Some("c"), "b", "y");
        let bytes = to_bytes(book.file()).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let item_lines = text
            .lines()
            .filter(|l| l.starts_with("    {\"id\""))
            .count();
        assert_eq!(item_lines, 2, "{text}");
        assert!(
            text.starts_with("{\n  \"format\": \"caselens/notes@1\""),
            "{text}"
        );
        let back = crate::notes::parse_notes(Path::new("x.notes.json"), &bytes).unwrap();
        assert_eq!(&back, book.file());
        let empty = to_bytes(&empty_notes(None)).unwrap();
        assert!(crate::notes::parse_notes(Path::new("e.notes.json"), &empty).is_ok());
    }

    #[test]
    fn a_file_changed_by_someone_else_is_merged_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        let mut mine = NoteBook::new(empty_notes(None));
        mine.add_memo(None, "mine", "1");
        let saved = save(&path, mine.file(), None).unwrap();
        let base = mine.file().clone();
        // A second window adds its own memo and saves.
        let mut other = NoteBook::new(load(&path).unwrap().notes);
        let theirs_id = other.add_memo(None, "theirs", "2");
        save(&path, other.file(), Some((&base, saved.fingerprint))).unwrap();
        // We edit and save with our stale fingerprint.
        let my_id = mine.add_memo(None, "mine too", "3");
        let result = save(&path, mine.file(), Some((&base, saved.fingerprint))).unwrap();
        let (merged, conflicts) = result.merged.expect("merge happened");
        assert!(conflicts.is_empty());
        let on_disk = load(&path).unwrap().notes;
        assert_eq!(on_disk, merged);
        assert!(
            on_disk.items.iter().any(|i| i.id == theirs_id)
                && on_disk.items.iter().any(|i| i.id == my_id)
        );
    }

    #[test]
    fn a_savers_packed_copy_is_the_notes_it_wrote_and_merges_as_they_would() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        let mut mine = NoteBook::new(empty_notes(None));
        for n in 0..200 {
            mine.add_memo(None, "mine", &format!("memo {n} of a notes file"));
        }
        let saved = save_to(&path, mine.file(), Base::Missing).unwrap();
        // What the saver keeps is what it wrote, in a fraction of the bytes.
        assert_eq!(saved.written.unpack(&path).unwrap(), *mine.file());
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            saved.written.len() * 4 < bytes.len(),
            "{} packed, {} written",
            saved.written.len(),
            bytes.len()
        );
        let disk = DiskState::Known(saved.written, saved.fingerprint);
        // Someone else adds a memo; our next save merges over the packed base.
        let mut other = NoteBook::new(load(&path).unwrap().notes);
        let theirs_id = other.add_memo(None, "theirs", "2");
        save_to(&path, other.file(), Base::Overwrite).unwrap();
        let my_id = mine.add_memo(None, "mine too", "3");
        let result = save_to(&path, mine.file(), disk.as_base()).unwrap();
        let (merged, conflicts) = result.merged.expect("merged over the packed base");
        assert!(conflicts.is_empty());
        assert!(
            merged.items.iter().any(|i| i.id == theirs_id)
                && merged.items.iter().any(|i| i.id == my_id)
        );
        assert_eq!(load(&path).unwrap().notes, merged);
        // Unchanged since: the packed base says so, and ours simply replaces it.
        let disk = DiskState::Known(result.written, result.fingerprint);
        mine.add_memo(None, "mine", "4");
        assert!(
            save_to(&path, mine.file(), disk.as_base())
                .unwrap()
                .merged
                .is_none()
        );
    }

    #[test]
    fn a_file_created_since_it_was_seen_missing_is_merged_and_an_overwrite_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        let mut theirs = NoteBook::new(empty_notes(None));
        let their_id = theirs.add_memo(None, "theirs", "1");
        save_to(&path, theirs.file(), Base::Missing).unwrap();
        let mut mine = NoteBook::new(empty_notes(None));
        let my_id = mine.add_memo(None, "mine", "2");
        let saved = save_to(&path, mine.file(), Base::Missing).unwrap();
        assert!(saved.merged.is_some(), "merged, not overwritten");
        let ids: Vec<String> = load(&path)
            .unwrap()
            .notes
            .items
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, vec![my_id.clone(), their_id]);
        // A deliberate overwrite (Save as, -o) replaces it; the old version is a backup.
        save_to(&path, theirs.file(), Base::Overwrite).unwrap();
        assert_eq!(&load(&path).unwrap().notes, theirs.file());
        assert_eq!(backups(&path).len(), 2);
    }

    #[test]
    fn stale_temporaries_of_the_file_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        let stale = dir.path().join(".a.notes.json.Xy12Ab.tmp");
        let other = dir.path().join(".b.notes.json.Xy12Ab.tmp");
        std::fs::write(&stale, b"half a file").unwrap();
        std::fs::write(&other, b"another file's save in progress").unwrap();
        save_to(&path, &empty_notes(None), Base::Missing).unwrap();
        assert!(!stale.exists(), "left by a killed save of this file");
        assert!(other.exists(), "belongs to another file");
        assert!(lock_path(&path).exists());
    }

    #[test]
    fn write_failures_are_said_in_the_users_words() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            why(&Error::from(ErrorKind::StorageFull)),
            "the disk is full"
        );
        assert_eq!(
            why(&Error::from(ErrorKind::ReadOnlyFilesystem)),
            "the folder is read-only"
        );
        assert!(
            why(&Error::from(ErrorKind::PermissionDenied)).starts_with("the folder is read-only")
        );
        #[cfg(unix)]
        assert_eq!(why(&Error::from_raw_os_error(5)), "input/output error");
    }

    #[test]
    fn an_unreadable_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        std::fs::write(&path, b"{\"format\": \"caselens/notes@2\"}").unwrap();
        let book = NoteBook::new(empty_notes(None));
        let fake_base = Fingerprint::of(b"something else");
        let err = save(&path, book.file(), Some((book.file(), fake_base))).unwrap_err();
        assert!(err.to_string().contains("newer Caselens"), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"{\"format\": \"caselens/notes@2\"}"
        );
        assert!(load(&path).is_err());
        let beside = sibling_path(&path);
        assert_eq!(beside.file_name().unwrap(), "a.recovered-1.notes.json");
    }

    #[test]
    fn a_notes_file_failing_its_checks_is_placed_at_line_and_column() {
        // Valid JSON of the right shape, so it takes the fast path without a position index;
        // the bad time stamp is found by the checks after it, on line 3.
        let text = "{\"format\": \"caselens/notes@1\",\n \"author\": \"A\",\n \"created\": \"yesterday\",\n \"items\": []}\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.notes.json");
        std::fs::write(&path, text).unwrap();
        let Err(NotesError::Invalid { diagnostics }) = load_with_packed(&path) else {
            panic!("a bad time stamp is refused");
        };
        let d = diagnostics
            .iter()
            .find(|d| d.message.contains("yesterday"))
            .expect("the time stamp's message");
        assert_eq!((d.line, d.column), (Some(3), Some(13)), "{d:?}");
    }

    #[test]
    fn notes_too_large_to_read_back_are_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.notes.json");
        let mut book = NoteBook::new(empty_notes(None));
        book.add_memo(None, "small", "x");
        save(&path, book.file(), None).unwrap();
        let before = std::fs::read(&path).unwrap();
        let huge = "x".repeat(usize::try_from(crate::format::MAX_FILE_BYTES).unwrap());
        book.add_memo(None, "huge", &huge);
        let err = save(&path, book.file(), None).unwrap_err().to_string();
        assert!(
            err.contains("Caselens reads notes files of at most 20 MB (nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(
            backups(&path).is_empty(),
            "no backup of a save that did not happen"
        );
    }
}
