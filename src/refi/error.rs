//! Why a REFI-QDA file could not be imported, in the user's words: what kind of file it was
//! meant to be, where in it the problem is, and which limit it passed.

use super::limits::{
    MAX_ATTRIBUTES, MAX_CODE_DEPTH, MAX_ENTRY_BYTES, MAX_UNPACKED_BYTES, MAX_XML_BYTES,
    MAX_XML_NODES,
};

/// What the file was read as, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A `.qdc` (or a `.qde` read for its codebook).
    Codebook,
    /// A `.qdpx` project.
    Project,
}

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Codebook => "REFI-QDA codebook",
            Self::Project => "REFI-QDA project (.qdpx)",
        })
    }
}

impl What {
    /// The root elements this kind of file may have.
    fn expected(self) -> &'static str {
        match self {
            Self::Codebook => "<CodeBook> or <Project>",
            Self::Project => "<Project>",
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// Why a codebook or project could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not UTF-8 text.
    #[error("not a {0}: the file is not UTF-8 text")]
    NotText(What),
    /// Not well-formed XML, or XML Caselens does not read (a DTD, too many nodes).
    #[error("not a {what}: {place}: {message}")]
    Xml {
        /// The kind of file.
        what: What,
        /// "line 3, column 5" (in a project: "project.qde, line 3, column 5").
        place: String,
        /// What is wrong there.
        message: String,
    },
    /// XML, but neither a `CodeBook` nor a `Project` with one.
    #[error("not a {what}: the document is <{found}>, not {}", what.expected())]
    NotCodebook {
        /// The kind of file.
        what: What,
        /// The root element found.
        found: String,
    },
    /// A codebook given where a project was expected.
    #[error(
        "this is a REFI-QDA codebook, not a project: import it with `caselens import qdc` (File > Import > REFI-QDA codebook)"
    )]
    CodebookNotProject,
    /// A codebook CSV that cannot be read (Taguette's rules, in its words).
    #[error("not a codebook CSV: {place}{message}")]
    Csv {
        /// "row 3: ", or empty for the whole file.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// Not a zip, or a zip that cannot be read.
    #[error("not a REFI-QDA project (.qdpx): {0}")]
    Zip(String),
    /// A zip without a `*.qde` file.
    #[error("not a REFI-QDA project (.qdpx): the zip holds no .qde file")]
    NoProject,
    /// A `Code` without a name.
    #[error("{place}: a <Code> has no name")]
    NoName {
        /// "line 3" (in a project: "project.qde, line 3").
        place: String,
    },
    /// Codes nested deeper than [`MAX_CODE_DEPTH`].
    #[error(
        "{place}: the codes are nested more than {MAX_CODE_DEPTH} levels deep; Caselens imports at most {MAX_CODE_DEPTH} levels (nothing was imported)"
    )]
    TooDeep {
        /// Where the first code too deep is.
        place: String,
    },
    /// An element with more than [`MAX_ATTRIBUTES`] attributes.
    #[error(
        "not a {what}: {place}: an element has more than {MAX_ATTRIBUTES} attributes (REFI-QDA elements have a few)"
    )]
    TooManyAttributes {
        /// The kind of file.
        what: What,
        /// Where the element is.
        place: String,
    },
    /// The XML is larger than [`MAX_XML_BYTES`].
    #[error(
        "the {what} is {} MB; Caselens reads codebooks and project files of at most {} MB",
        mb(*bytes),
        MAX_XML_BYTES / 1_048_576
    )]
    TooLarge {
        /// The kind of file.
        what: What,
        /// Its size.
        bytes: u64,
    },
    /// More XML elements and texts than [`MAX_XML_NODES`].
    #[error(
        "the {what} holds more than {MAX_XML_NODES} XML elements and texts; Caselens reads at most that many"
    )]
    TooManyNodes {
        /// The kind of file.
        what: What,
    },
    /// One entry of the zip unpacks to more than [`MAX_ENTRY_BYTES`].
    #[error(
        "the project's file \"{entry}\" unpacks to more than {} MB; Caselens reads at most {} MB per file (is the project damaged?)",
        MAX_ENTRY_BYTES / 1_048_576,
        MAX_ENTRY_BYTES / 1_048_576
    )]
    EntryTooLarge {
        /// The entry's name in the zip.
        entry: String,
    },
    /// The entries read unpack to more than [`MAX_UNPACKED_BYTES`] in all.
    #[error(
        "the project's files unpack to more than {} MB in all (the limit was reached at \"{entry}\"); Caselens reads at most that much",
        MAX_UNPACKED_BYTES / 1_048_576
    )]
    UnpackedTooLarge {
        /// The entry being read when the limit was reached.
        entry: String,
    },
    /// The file could not be read.
    #[error("{0}")]
    Read(String),
}

/// A zip error in the user's words (the zip crate's own texts name its internals).
pub(crate) fn zip_error(e: &zip::result::ZipError) -> ImportError {
    use zip::result::ZipError as Z;
    let why = match e {
        Z::UnsupportedArchive(Z::PASSWORD_REQUIRED) | Z::InvalidPassword => {
            "the zip is encrypted or password-protected".to_owned()
        }
        Z::UnsupportedArchive(_) | Z::CompressionMethodNotSupported(_) => {
            "the zip is packed in a way Caselens cannot unpack (save the project again, as a plain zip)".to_owned()
        }
        Z::Io(io) => format!(
            "the file is not a zip, or it is damaged ({})",
            crate::library::read_why(io)
        ),
        _ => "the file is not a zip, or it is damaged".to_owned(),
    };
    ImportError::Zip(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_errors_name_no_crate_internals() {
        let err = zip::ZipArchive::new(std::io::Cursor::new(b"PK\x05\x06short".to_vec()))
            .map(|_| ())
            .unwrap_err();
        let message = zip_error(&err).to_string();
        assert_eq!(
            message,
            "not a REFI-QDA project (.qdpx): the file is not a zip, or it is damaged"
        );
    }
}
