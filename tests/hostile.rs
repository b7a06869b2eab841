//! Hostile REFI-QDA files, made on the spot (never committed): deep and flat code trees, an
//! element with too many attributes, and zip bombs. Shared by `tests/core` and `benches/refi.rs`.
#![allow(dead_code, reason = "each user takes some of the generators")]

use std::io::{Cursor, Write as _};

const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

fn codebook(codes: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"{CODEBOOK_NS}\"><Codes>{codes}</Codes></CodeBook>\n"
    )
}

/// `levels` codes, each nested in the one before (one line per code, so errors name a line).
pub fn deep_codes(levels: usize) -> String {
    let mut out = String::with_capacity(levels * 60);
    for i in 0..levels {
        out.push_str(&format!(
            "<Code name=\"Level {i} of a very deep tree\" isCodable=\"true\">\n"
        ));
    }
    out.push_str(&"</Code>".repeat(levels));
    out
}

/// A `.qdc` of `levels` nested codes.
pub fn deep_qdc(levels: usize) -> String {
    codebook(&deep_codes(levels))
}

/// A `.qdc` of `count` codes side by side; names repeat every 100 codes, so most ids clash and
/// need a suffix.
pub fn flat_qdc(count: usize) -> String {
    let mut codes = String::with_capacity(count * 50);
    for i in 0..count {
        codes.push_str(&format!(
            "<Code name=\"Code {}\" isCodable=\"true\" color=\"#10b981\"/>\n",
            i % 100
        ));
    }
    codebook(&codes)
}

/// A `.qdc` whose one code has `count` extra attributes.
pub fn many_attributes_qdc(count: usize) -> String {
    let mut attributes = String::with_capacity(count * 12);
    for i in 0..count {
        attributes.push_str(&format!(" a{i}=\"\""));
    }
    codebook(&format!(
        "<Code name=\"x\" isCodable=\"true\"{attributes}/>"
    ))
}

/// A project's XML with `codes` in its codebook and `sources` inside `<Sources>`.
pub fn project_xml(codes: &str, sources: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"hostile\"><CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{sources}</Sources></Project>\n"
    )
}

/// A zip of `entries` (name, bytes), deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip data");
    }
    zip.finish().expect("zip").into_inner()
}

/// A `.qdpx` whose project has `levels` nested codes.
pub fn deep_qdpx(levels: usize) -> Vec<u8> {
    zip(&[(
        "project.qde",
        project_xml(&deep_codes(levels), "").as_bytes(),
    )])
}

/// A zip with one entry `name` of `mib` MiB of zeros, deflated in 1 MiB steps, and the other
/// `entries`.
pub fn zip_bomb(name: &str, mib: usize, entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(mib >= 4096);
    for (entry, bytes) in entries {
        zip.start_file(*entry, options).expect("zip entry");
        zip.write_all(bytes).expect("zip data");
    }
    zip.start_file(name, options).expect("bomb entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..mib {
        zip.write_all(&zeros).expect("zeros");
    }
    zip.finish().expect("zip").into_inner()
}
