//! Reading files from disk with the limits every reader keeps: only regular files are opened
//! (a pipe would wait forever, a device never ends), at most [`format::MAX_FILE_BYTES`] are
//! read, and failures are said in the user's words.

use std::io::Read as _;
use std::path::Path;

use crate::format;

/// Why a file could not be read from disk.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The file could not be opened.
    #[error("cannot open: {}", read_why(source))]
    Open {
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// Reading it failed part way.
    #[error("cannot read: {}", read_why(source))]
    Read {
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// It is a folder, a pipe, a device or a socket: only regular files are opened (a pipe
    /// would wait for a writer forever, a device never ends).
    #[error("cannot open: it is {what}, not a file")]
    NotAFile {
        /// "a folder", "a pipe (FIFO)", ...
        what: &'static str,
    },
    /// It is larger than Caselens reads.
    #[error(
        "the file is {:.1} MB; Caselens reads files of at most {} MB",
        *bytes as f64 / 1_048_576.0,
        format::MAX_FILE_BYTES / 1_048_576
    )]
    TooLarge {
        /// Its size.
        bytes: u64,
    },
}

/// Why reading failed, in the user's words (without the system's "(os error N)").
pub fn read_why(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "there is no such file".to_owned(),
        K::PermissionDenied => "you are not allowed to read it (permission denied)".to_owned(),
        K::IsADirectory => "it is a folder, not a file".to_owned(),
        K::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        K::InvalidData => "its contents cannot be read".to_owned(),
        K::UnexpectedEof => "the file ends too early".to_owned(),
        _ => without_os_code(&e.to_string()),
    }
}

/// "Input/output error (os error 5)" -> "input/output error".
pub fn without_os_code(message: &str) -> String {
    let text = match message.rfind(" (os error ") {
        Some(at) if message.ends_with(')') => &message[..at],
        _ => message,
    };
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// What a path that is not a regular file is (for messages); `None` for a regular file.
pub fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("a pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading when it is a regular file (a symbolic link to one is followed):
/// a pipe, a device or a folder is refused before it is opened, so nothing waits or reads
/// forever. Returns the file and its size.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), LibraryError> {
    let meta = std::fs::metadata(path).map_err(|source| LibraryError::Open { source })?;
    if let Some(what) = not_a_file(&meta) {
        return Err(LibraryError::NotAFile { what });
    }
    let file = std::fs::File::open(path).map_err(|source| LibraryError::Open { source })?;
    // Checked again on what was opened: the path may have been replaced meanwhile.
    let meta = file
        .metadata()
        .map_err(|source| LibraryError::Open { source })?;
    if let Some(what) = not_a_file(&meta) {
        return Err(LibraryError::NotAFile { what });
    }
    Ok((file, meta.len()))
}

/// Reads a file, refusing files over [`format::MAX_FILE_BYTES`] without reading them whole.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LibraryError> {
    read_at_most(path, format::MAX_FILE_BYTES)
}

/// Reads a regular file of at most `limit` bytes, refusing larger ones without reading them
/// whole (the limit is also kept while reading: the size can change).
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, LibraryError> {
    if crate::platform::IN_BROWSER {
        // In the browser, files are the ones the user picked or the site listed.
        let bytes = crate::platform::storage::get(&path.to_string_lossy()).ok_or_else(|| {
            LibraryError::Open {
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }
        })?;
        if bytes.len() as u64 > limit {
            return Err(LibraryError::TooLarge {
                bytes: bytes.len() as u64,
            });
        }
        return Ok(bytes);
    }
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(LibraryError::TooLarge { bytes: size });
    }
    // The exact size (plus the byte that tells the end): the bytes are kept while loading.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LibraryError::Read { source })?;
    if bytes.len() as u64 > limit {
        return Err(LibraryError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.case.json");
        std::fs::File::create(&p)
            .unwrap()
            .set_len(format::MAX_FILE_BYTES + 1)
            .unwrap();
        assert!(
            read_limited(&p)
                .unwrap_err()
                .to_string()
                .contains("at most 20 MB")
        );
    }

    #[cfg(unix)]
    #[test]
    fn pipes_devices_and_folders_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.notes.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening a pipe for reading would wait here for a writer, forever.
        let err = read_limited(&fifo).unwrap_err().to_string();
        assert_eq!(err, "cannot open: it is a pipe (FIFO), not a file");
        let err = read_limited(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "cannot open: it is a device, not a file");
        let err = read_limited(dir.path()).unwrap_err().to_string();
        assert_eq!(err, "cannot open: it is a folder, not a file");
        let err = read_limited(&dir.path().join("none"))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "cannot open: there is no such file");
    }

    #[test]
    fn system_errors_lose_their_error_numbers() {
        assert_eq!(
            without_os_code("Input/output error (os error 5)"),
            "input/output error"
        );
        let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        assert_eq!(read_why(&e), "it is a folder, not a file");
    }
}
