//! Zip packages (.docx, .odt, .epub) read with limits: at most [`MAX_ENTRIES`] entries and
//! [`MAX_UNPACKED_BYTES`] unpacked in all, counted on the bytes actually inflated (a zip's
//! own size fields can lie); and their XML parsed by roxmltree without DTDs, with a node limit.

use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};

use zip::ZipArchive;
use zip::result::ZipError;

use super::DocumentError;

/// Most bytes unpacked from one document, all entries together (256 MB).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Most entries in one package.
pub const MAX_ENTRIES: usize = 50_000;

/// Most XML nodes in one part.
const MAX_XML_NODES: u32 = 20_000_000;

/// An opened package.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    path: PathBuf,
    what: &'static str,
    unpacked: u64,
    limit: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip; `what` names the format in messages ("Word document").
    pub fn open(path: &Path, bytes: &'a [u8], what: &'static str) -> Result<Self, DocumentError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(path, what, e))?;
        if archive.len() > MAX_ENTRIES {
            return Err(DocumentError::corrupt(
                path,
                what,
                format!("the archive has {} entries", archive.len()),
            ));
        }
        Ok(Self {
            archive,
            path: path.to_owned(),
            what,
            unpacked: 0,
            limit: MAX_UNPACKED_BYTES,
        })
    }

    /// The same package with another unpacking limit (tests use a small one).
    #[cfg(test)]
    pub fn with_limit(mut self, limit: u64) -> Self {
        self.limit = limit;
        self
    }

    /// An entry as text (UTF-8, or UTF-16 with a BOM), `None` when absent.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, DocumentError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        Ok(Some(super::text::decode(&bytes).into_owned()))
    }

    /// An entry's bytes, `None` when absent.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocumentError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let budget = self.limit.saturating_sub(self.unpacked);
        let mut bytes = Vec::new();
        {
            let file = self
                .archive
                .by_index(index)
                .map_err(|e| zip_error(&self.path, self.what, e))?;
            file.take(budget + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| DocumentError::Corrupt {
                    path: self.path.clone(),
                    what: self.what,
                    source: Box::new(e),
                })?;
        }
        self.unpacked += bytes.len() as u64;
        if bytes.len() as u64 > budget {
            return Err(DocumentError::TooLargeUnpacked {
                path: self.path.clone(),
                limit_mb: self.limit.div_ceil(1024 * 1024),
            });
        }
        Ok(Some(bytes))
    }
}

fn zip_error(path: &Path, what: &'static str, error: ZipError) -> DocumentError {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            DocumentError::Encrypted {
                path: path.to_owned(),
            }
        }
        other => DocumentError::Corrupt {
            path: path.to_owned(),
            what,
            source: Box::new(other),
        },
    }
}

/// Parses one XML part: no DTD (and so no entity expansion), at most [`MAX_XML_NODES`] nodes.
pub(crate) fn parse_xml<'t>(
    path: &Path,
    what: &'static str,
    text: &'t str,
) -> Result<roxmltree::Document<'t>, DocumentError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| DocumentError::Corrupt {
        path: path.to_owned(),
        what,
        source: Box::new(e),
    })
}
