//! Documents (plain text, Markdown, HTML, Word .docx, `OpenDocument` .odt, PDF with a text layer,
//! EPUB) read into one neutral [`Document`]: a title, authors, a date and titled sections of
//! paragraphs. [`draft`] turns one into a draft case.
//!
//! What every reader does the same way:
//! - **Headings** start sections, whatever their level (a case has one level of sections). A
//!   heading with no text of its own before the next heading is not a section: its title is put
//!   before the next one's ("Part 1: Background"), or dropped when it only repeats the document
//!   title. Text before the first heading goes in a section titled with the document title when
//!   that came from the document's metadata, else "Introduction".
//! - **Paragraphs** become paragraphs, whitespace collapsed. **Emphasis** becomes `*…*` and strong
//!   text `**…**`, the light Markdown the reader draws (FORMAT.md section 1). Links keep their
//!   text; images, footnotes, comments, deleted revisions and tables of contents are left out.
//! - **Lists** (bulleted or numbered, at any depth) become one paragraph with one `- ` line per
//!   item; an item of several paragraphs is one line.
//! - **Tables** become one paragraph per row, the cells' text joined by ` | ` (the header row
//!   too, as the first such paragraph), so each row can be quoted as evidence on its own.
//! - **Metadata**: the title, authors and date come from where each format keeps them (docx
//!   `docProps/core.xml`, odt `meta.xml`, EPUB `dc:*` in the package file, HTML `<title>` and
//!   `<meta name="author|date|dcterms.date">`, Markdown YAML front matter as pandoc writes it,
//!   the PDF Info dictionary); pandoc's Title, Author and Date paragraphs of .docx and .odt
//!   count as metadata too. Without a title: the first heading, else the file's name.
//! - **PDF** ([`pdf_layout`]): lines are rebuilt from the glyphs' positions, two-column pages
//!   are read column by column, running headers and footers (lines repeated at the top or bottom
//!   of many pages, page numbers allowed to change) and bare page numbers are removed, words
//!   hyphenated at a line end are joined ("strate-" + "gic" = "strategic"), lines are joined into
//!   paragraphs at vertical gaps, and larger type becomes headings. A line of cells far apart is
//!   a table row, joined by ` | ` as above.
//!
//! Nothing here panics on hostile input: files over [`MAX_DOCUMENT_BYTES`] are refused before
//! they are read, archives are unpacked only up to [`MAX_UNPACKED_BYTES`], trees are
//! walked without recursion, and the PDF extractor runs on its own thread, after checks for
//! cycles in the page tree and in nested forms, so a failure there is an error, not a crash.
//! This module never names the GUI.

pub mod draft;
mod flow;
mod html;
mod markdown;
mod office;
mod pdf;
pub mod pdf_layout;
mod plain;
mod text;
mod zipped;

use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use draft::{DraftError, DraftOptions, draft_case};
pub use zipped::MAX_UNPACKED_BYTES;

/// Largest document read (200 MB): bigger files are refused before being read.
pub const MAX_DOCUMENT_BYTES: u64 = 200 * 1024 * 1024;

/// A document's text, in the shape a case needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file's name (no folder), for citing it.
    pub file_name: String,
    /// What kind of file it was.
    pub format: Format,
    /// The title: from the metadata, else the first heading, else the file's stem.
    pub title: String,
    /// Authors from the metadata, in order, without repeats.
    pub authors: Vec<String>,
    /// The date as the document gives it (a PDF date as `YYYY-MM-DD`), if it gives one.
    pub date: Option<String>,
    /// Titled sections, each with at least one paragraph.
    pub sections: Vec<DocSection>,
}

/// A titled part of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSection {
    /// The heading's text.
    pub title: String,
    /// Paragraphs in light Markdown (`*emphasis*`, `**strong**`, `- ` list lines).
    pub paragraphs: Vec<String>,
}

impl Document {
    /// Number of paragraphs in all sections.
    pub fn paragraph_count(&self) -> usize {
        self.sections.iter().map(|s| s.paragraphs.len()).sum()
    }
}

/// The kinds of document read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`, `.text`.
    Text,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// Word `.docx`.
    Docx,
    /// `OpenDocument` text `.odt`.
    Odt,
    /// `.pdf` with a text layer.
    Pdf,
    /// `.epub`.
    Epub,
}

/// Every file extension read (without the dot), for file dialogs and dropped files.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "odt", "pdf", "epub",
];

/// The extensions read, for messages.
pub const SUPPORTED_EXTENSIONS: &str = ".txt, .md, .html, .docx, .odt, .pdf and .epub";

impl Format {
    /// The format a file extension (without the dot, any case) stands for.
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "docx" => Some(Self::Docx),
            "odt" => Some(Self::Odt),
            "pdf" => Some(Self::Pdf),
            "epub" => Some(Self::Epub),
            _ => None,
        }
    }

    /// The format's name in messages ("a Word document").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Text => "a plain text file",
            Self::Markdown => "a Markdown file",
            Self::Html => "an HTML page",
            Self::Docx => "a Word document (.docx)",
            Self::Odt => "an OpenDocument text (.odt)",
            Self::Pdf => "a PDF",
            Self::Epub => "an EPUB book",
        }
    }
}

/// Why a document could not be read. Each message names the file, says what is wrong and what
/// to do.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The file could not be opened or read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The extension is not one of the formats read.
    #[error(
        "{path}: Caselens cannot make a case from {extension} files; it reads {SUPPORTED_EXTENSIONS} (save or export the document as one of these)"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// The extension as given (with its dot), or "extension-less".
        extension: String,
    },
    /// The file is larger than [`MAX_DOCUMENT_BYTES`].
    #[error(
        "{path}: the file is {size_mb} MB; Caselens reads documents up to {limit_mb} MB (split it, or export the text only)"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in MB, rounded up.
        size_mb: u64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// The content is not what the extension says.
    #[error(
        "{path}: the name says {expected}, but the file is {found}; rename it to its real type or export it again"
    )]
    WrongType {
        /// The file.
        path: PathBuf,
        /// What the extension promised.
        expected: &'static str,
        /// What the first bytes show.
        found: &'static str,
    },
    /// No text at all after reading.
    #[error("{path}: the document has no text to make a case from")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A PDF whose pages have no text layer (a scan).
    #[error(
        "{path}: this PDF has no text layer (it looks scanned); run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and make the case from the result"
    )]
    NoTextLayer {
        /// The file.
        path: PathBuf,
    },
    /// Password-protected or encrypted.
    #[error(
        "{path}: the document is encrypted or password-protected; save a copy without the password (in the program that made it) and try that"
    )]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// Unpacks to more than the limit (a zip bomb, or a huge embedded file).
    #[error(
        "{path}: the document unpacks to more than {limit_mb} MB; refusing to read it (is it damaged, or full of embedded media?)"
    )]
    TooLargeUnpacked {
        /// The file.
        path: PathBuf,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// Damaged, or not valid in its format.
    #[error(
        "{path}: cannot read this {what}; it may be damaged (open it in the program that made it and save it again)"
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Which format.
        what: &'static str,
        /// The parser's reason.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl DocumentError {
    /// A [`DocumentError::Corrupt`] with a reason in words.
    pub(crate) fn corrupt(path: &Path, what: &'static str, why: impl Into<String>) -> Self {
        Self::Corrupt {
            path: path.to_owned(),
            what,
            source: why.into().into(),
        }
    }
}

/// Reads a document file, its format chosen by its extension and checked against its content.
pub fn read(path: &Path) -> Result<Document, DocumentError> {
    let format = format_of(path)?;
    let bytes = read_capped(path)?;
    read_bytes(path, format, &bytes)
}

/// The format of a path's extension, or [`DocumentError::Unsupported`].
pub fn format_of(path: &Path) -> Result<Format, DocumentError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    Format::from_extension(extension).ok_or_else(|| DocumentError::Unsupported {
        path: path.to_owned(),
        extension: if extension.is_empty() {
            "extension-less".to_owned()
        } else {
            format!(".{extension}")
        },
    })
}

/// The file's bytes, refusing files over [`MAX_DOCUMENT_BYTES`] before reading them.
fn read_capped(path: &Path) -> Result<Vec<u8>, DocumentError> {
    let io = |source| DocumentError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let too_large = |size: u64| DocumentError::TooLarge {
        path: path.to_owned(),
        size_mb: size.div_ceil(1024 * 1024),
        limit_mb: MAX_DOCUMENT_BYTES / (1024 * 1024),
    };
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The size can change while reading: never take more than the limit.
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a document from its bytes. `path` names it in messages and gives the file name.
pub fn read_bytes(path: &Path, format: Format, bytes: &[u8]) -> Result<Document, DocumentError> {
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DocumentError::TooLarge {
            path: path.to_owned(),
            size_mb: (bytes.len() as u64).div_ceil(1024 * 1024),
            limit_mb: MAX_DOCUMENT_BYTES / (1024 * 1024),
        });
    }
    check_magic(path, format, bytes)?;
    let (builder, meta) = match format {
        Format::Text => plain::read(path, bytes)?,
        Format::Markdown => markdown::read(path, bytes)?,
        Format::Html => html::read(path, bytes)?,
        Format::Docx => office::read_docx(path, bytes)?,
        Format::Odt => office::read_odt(path, bytes)?,
        Format::Epub => html::read_epub(path, bytes)?,
        Format::Pdf => pdf::read(path, bytes)?,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    builder
        .finish(meta, &stem)
        .map(|(title, authors, date, sections)| Document {
            file_name,
            format,
            title,
            authors,
            date,
            sections,
        })
        .ok_or_else(|| DocumentError::Empty {
            path: path.to_owned(),
        })
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Pdf,
    Zip,
    /// OLE2 compound file: an old Office file, or an encrypted new one.
    Ole,
    Binary,
    Text,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Ole
    } else if text::is_binary(bytes) {
        Sniffed::Binary
    } else {
        Sniffed::Text
    }
}

fn sniffed_name(sniffed: Sniffed) -> &'static str {
    match sniffed {
        Sniffed::Pdf => "a PDF",
        Sniffed::Zip => "a zip archive (such as .docx, .odt or .epub)",
        Sniffed::Ole => "an old-style Office file (.doc) or a password-protected Office document",
        Sniffed::Binary => "binary data, not text",
        Sniffed::Text => "text",
    }
}

/// Refuses content that is not the type its extension says. Zip-based formats are checked
/// further (their entries) when opened.
fn check_magic(path: &Path, format: Format, bytes: &[u8]) -> Result<(), DocumentError> {
    let sniffed = sniff(bytes);
    let ok = match format {
        Format::Pdf => sniffed == Sniffed::Pdf,
        Format::Docx | Format::Odt | Format::Epub => sniffed == Sniffed::Zip,
        Format::Text | Format::Markdown | Format::Html => sniffed == Sniffed::Text,
    };
    if ok {
        return Ok(());
    }
    if sniffed == Sniffed::Ole && format == Format::Docx {
        // Word writes a password-protected .docx as an OLE2 container.
        return Err(DocumentError::WrongType {
            path: path.to_owned(),
            expected: "a Word document (.docx)",
            found: "an old Word .doc file or a password-protected .docx (save it unprotected as .docx)",
        });
    }
    Err(DocumentError::WrongType {
        path: path.to_owned(),
        expected: format.describe(),
        found: sniffed_name(sniffed),
    })
}

#[cfg(test)]
mod tests;
