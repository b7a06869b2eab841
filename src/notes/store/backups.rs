//! The last saved versions of a notes file, kept as backups: every save keeps the version it
//! replaces and the newest [`BACKUPS_KEPT`] stay. On the desktop they are files in a folder
//! beside the notes file (`.<name>.backups/<stamp>.json`); in the browser they are values of the
//! browser's storage under the same names (`browser/.my.notes.json.backups/<stamp>.json`), so
//! [`super::load`] reads a backup like any notes file on both.

use std::path::{Path, PathBuf};

use super::atomic::{file_name, parent_dir, write_atomic};
use crate::platform::storage;

/// Backups kept per notes file.
pub const BACKUPS_KEPT: usize = 10;

/// Folder of backups for `path`: `.<file name>.backups` beside it.
pub fn backup_dir(path: &Path) -> PathBuf {
    parent_dir(path).join(format!(".{}.backups", file_name(path)))
}

/// Backups of `path`, oldest first.
pub fn backups(path: &Path) -> Vec<PathBuf> {
    if crate::platform::IN_BROWSER {
        return stored_backups(path);
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(backup_dir(path))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// When a backup was saved: the microseconds since 1970 its name holds (a computed time, so
/// no clock is read: std's clock panics in the browser).
pub fn saved_at(backup: &Path) -> Option<std::time::SystemTime> {
    let micros: u64 = backup.file_stem()?.to_str()?.parse().ok()?;
    std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_micros(micros))
}

/// When a backup was saved, for people: "2026-12-07 05:20:13 UTC".
pub fn saved_at_text(backup: &Path) -> String {
    saved_at(backup).map_or_else(
        || "at an unknown time".to_owned(),
        |t| {
            humantime::format_rfc3339_seconds(t)
                .to_string()
                .replace('T', " ")
                .replace('Z', " UTC")
        },
    )
}

/// The size of a backup in bytes, without reading it on the desktop.
pub fn backup_size(backup: &Path) -> Option<u64> {
    if crate::platform::IN_BROWSER {
        return storage::get(&backup.to_string_lossy()).map(|b| b.len() as u64);
    }
    std::fs::metadata(backup).ok().map(|m| m.len())
}

/// The bytes of a backup (a file, or in the browser a stored value).
pub fn backup_bytes(backup: &Path) -> std::io::Result<Vec<u8>> {
    if crate::platform::IN_BROWSER {
        return storage::get(&backup.to_string_lossy())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound));
    }
    std::fs::read(backup)
}

fn now_micros() -> u128 {
    web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or_default()
}

/// Keeps the file now at `path` (whose contents are `current`) as a backup, and prunes to
/// [`BACKUPS_KEPT`]. A hard link costs no copy: the old contents stay under the backup name
/// when the new file is renamed over `path`. Where links are not possible, it is copied.
pub(crate) fn backup(path: &Path, current: &[u8]) -> std::io::Result<()> {
    if crate::platform::IN_BROWSER {
        keep_stored(path, current.to_vec());
        return Ok(());
    }
    let dir = backup_dir(path);
    std::fs::create_dir_all(&dir)?;
    let target = dir.join(format!("{:020}.json", now_micros()));
    if std::fs::hard_link(path, &target).is_err() {
        write_atomic(&target, current)?;
    }
    let all = backups(path);
    for old in all.iter().take(all.len().saturating_sub(BACKUPS_KEPT)) {
        std::fs::remove_file(old).ok();
    }
    Ok(())
}

/// The backups of the notes stored under `path` in the browser's storage, oldest first.
pub fn stored_backups(path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}/", backup_dir(path).to_string_lossy());
    // The keys come sorted, and the stamps have one width: oldest first.
    storage::keys()
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .map(PathBuf::from)
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect()
}

/// Keeps `current` (the version stored under `path` that a save replaces) as a backup in the
/// browser's storage, and prunes to [`BACKUPS_KEPT`]. Its name is the time, or just after the
/// newest backup's when the clock has not moved past it (the browser's clock counts
/// milliseconds): names stay unique and in the order of the saves.
pub fn keep_stored(path: &Path, current: Vec<u8>) {
    let newest = stored_backups(path)
        .last()
        .and_then(|b| b.file_stem()?.to_str()?.parse::<u128>().ok());
    let stamp = newest.map_or(now_micros(), |n| now_micros().max(n + 1));
    let key = backup_dir(path).join(format!("{stamp:020}.json"));
    storage::put(&key.to_string_lossy(), current);
    let all = stored_backups(path);
    for old in all.iter().take(all.len().saturating_sub(BACKUPS_KEPT)) {
        storage::remove(&old.to_string_lossy());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_keeps_the_newest_versions_under_their_save_time() {
        let path = Path::new("test-backups/my.notes.json");
        for i in 0..(BACKUPS_KEPT + 3) {
            keep_stored(path, format!("version {i}").into_bytes());
        }
        let kept = stored_backups(path);
        assert_eq!(kept.len(), BACKUPS_KEPT, "pruned to the newest");
        let texts: Vec<Vec<u8>> = kept
            .iter()
            .filter_map(|k| storage::get(&k.to_string_lossy()))
            .collect();
        assert_eq!(texts.first().map(Vec::as_slice), Some(&b"version 3"[..]));
        assert_eq!(
            texts.last().map(Vec::as_slice),
            Some(format!("version {}", BACKUPS_KEPT + 2).as_bytes())
        );
        let times: Vec<_> = kept.iter().map(|k| saved_at(k).expect("a time")).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "oldest first");
        // Another file's backups are its own.
        assert!(stored_backups(Path::new("test-backups/other.notes.json")).is_empty());
    }

    #[test]
    fn a_name_that_is_no_time_has_none() {
        assert!(saved_at(Path::new("x/.a.backups/notes.json")).is_none());
        assert_eq!(
            saved_at_text(Path::new("x/.a.backups/00001765084813000000.json")),
            "2025-12-07 05:20:13 UTC"
        );
    }
}
