//! A `.qdpx` zip read with limits: only the entries that are used (the project XML and the
//! text of each source) are unpacked, one at a time, each to at most [`MAX_ENTRY_BYTES`] and
//! all together to at most [`MAX_UNPACKED_BYTES`], counted on the bytes actually inflated (a
//! zip's own size fields can lie). The zip is read from any seekable reader, so a project on
//! disk is never read whole.

use std::collections::HashMap;
use std::io::{Read, Seek};

use zip::ZipArchive;

use super::error::{ImportError, zip_error};
pub use super::limits::{MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_UNPACKED_BYTES};

/// An opened project zip.
pub(crate) struct Archive<R> {
    zip: ZipArchive<R>,
    /// Lower-cased path (with `/`) → index of the entry.
    names: HashMap<String, usize>,
    /// The first `*.qde` entry.
    qde: Option<usize>,
    unpacked: u64,
}

impl<R: Read + Seek> Archive<R> {
    /// Opens the zip and lists its entries (nothing is unpacked yet).
    pub fn open(reader: R) -> Result<Self, ImportError> {
        let zip = ZipArchive::new(reader).map_err(|e| zip_error(&e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ImportError::Zip(format!(
                "the zip holds {} files; Caselens reads projects of at most {MAX_ENTRIES}",
                zip.len()
            )));
        }
        let mut names = HashMap::with_capacity(zip.len());
        let mut qde = None;
        for (index, name) in zip.file_names().enumerate() {
            // A name that is not text cannot be one the project refers to.
            let Ok(name) = name else {
                continue;
            };
            let name = name.replace('\\', "/").to_lowercase();
            if name.ends_with('/') {
                continue;
            }
            let is_qde = std::path::Path::new(&name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("qde"));
            if is_qde && qde.is_none() {
                qde = Some(index);
            }
            names.entry(name).or_insert(index);
        }
        Ok(Self {
            zip,
            names,
            qde,
            unpacked: 0,
        })
    }

    /// The project XML: its entry name and bytes.
    pub fn qde(&mut self) -> Result<(String, Vec<u8>), ImportError> {
        let index = self.qde.ok_or(ImportError::NoProject)?;
        self.read_index(index)
    }

    /// The bytes of the entry at `path` (any case, `\` or `/`), `None` when absent.
    pub fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let key = path.replace('\\', "/").to_lowercase();
        let Some(&index) = self.names.get(&key) else {
            return Ok(None);
        };
        self.read_index(index).map(|(_, bytes)| Some(bytes))
    }

    fn read_index(&mut self, index: usize) -> Result<(String, Vec<u8>), ImportError> {
        let entry = self.zip.by_index(index).map_err(|e| zip_error(&e))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let budget = MAX_ENTRY_BYTES.min(MAX_UNPACKED_BYTES.saturating_sub(self.unpacked));
        let mut bytes = Vec::new();
        entry
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| zip_error(&zip::result::ZipError::Io(e)))?;
        self.unpacked += bytes.len() as u64;
        if bytes.len() as u64 > budget {
            return Err(if bytes.len() as u64 > MAX_ENTRY_BYTES {
                ImportError::EntryTooLarge { entry: name }
            } else {
                ImportError::UnpackedTooLarge { entry: name }
            });
        }
        Ok((name, bytes))
    }
}
