//! Atomic replacement of a file: a temporary file in the same folder, fsync, rename, fsync the
//! folder. The file keeps its permissions: a replaced file gets the mode the old one had (a
//! notes file shared with a group stays readable by it), a new file the usual mode (0666
//! minus the umask, as any program's new file), never the temporary file's private 0600.

use std::io::Write as _;
use std::path::{Path, PathBuf};

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Temporary files of `path` are `.NAME.XXXXXX.tmp`, so they can be told apart from those of
/// other files in the same folder.
pub(crate) fn temp_prefix(path: &Path) -> String {
    format!(".{}.", file_name(path))
}

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file; the file
/// keeps its permissions (a new one gets the usual mode for new files).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = parent_dir(path);
    let old = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.permissions());
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Created with 0666: the umask takes off what it always takes off new files.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    if let Some(permissions) = old {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Makes the rename durable (no-op where folders cannot be opened, e.g. Windows).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.notes.json");
        for wanted in [0o644, 0o664, 0o640, 0o600] {
            std::fs::write(&path, b"old").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted)).unwrap();
            write_atomic(&path, b"new").unwrap();
            assert_eq!(mode(&path), wanted, "{wanted:o}");
            assert_eq!(std::fs::read(&path).unwrap(), b"new");
        }
    }

    #[test]
    fn a_new_file_gets_the_mode_of_any_new_file() {
        let dir = tempfile::tempdir().unwrap();
        // What the umask leaves of 0666 for a file made the ordinary way.
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let path = dir.path().join("new.notes.json");
        write_atomic(&path, b"x").unwrap();
        assert_eq!(
            mode(&path),
            mode(&plain),
            "not the temporary file's private 0600"
        );
    }
}
