//! The limits of what Caselens reads from REFI-QDA files sent by others (docs/FORMAT.md, part 4).

/// Largest codebook or project XML read: the limit of Caselens' own files (20 MB).
pub const MAX_XML_BYTES: u64 = crate::format::MAX_FILE_BYTES;

/// Most attributes on one element (REFI-QDA elements have fewer than ten).
pub const MAX_ATTRIBUTES: usize = 64;

/// Most XML nodes (elements and texts) in one file.
pub const MAX_XML_NODES: u32 = 2_000_000;

/// Deepest nesting of codes imported (tools that limit it allow about ten levels).
pub const MAX_CODE_DEPTH: usize = 32;

/// Most characters of a code's name kept in the last part of its id (ids are paths, so a long
/// name nested deep would make every id below it long).
pub const MAX_ID_PART: usize = 32;

/// Most bytes one zip entry may unpack to (the limit of Caselens' own files, 20 MB).
pub const MAX_ENTRY_BYTES: u64 = crate::format::MAX_FILE_BYTES;

/// Most bytes unpacked from one project, all entries read together (100 MB).
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;

/// Most entries in one project.
pub const MAX_ENTRIES: usize = 100_000;
