//! Readers on bad and hostile input, the layout rules, and drafts. The real-tool fixtures are
//! read in tests/core/documents.rs.

use std::io::Write as _;
use std::path::Path;

use super::pdf_layout::{Block, Glyph, Page, is_page_number, join_lines, layout};
use super::text::{Inline, Style, clean};
use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/documents");

fn read_named(name: &str, bytes: &[u8]) -> Result<Document, DocumentError> {
    let path = Path::new(name);
    read_bytes(path, format_of(path)?, bytes)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).expect("fixture")
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, bytes) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn unsupported_extensions_name_what_is_read() {
    let e = format_of(Path::new("notes.rtf")).unwrap_err();
    assert!(matches!(e, DocumentError::Unsupported { .. }));
    assert!(
        e.to_string().contains(".rtf") && e.to_string().contains(".docx"),
        "{e}"
    );
    assert!(format_of(Path::new("README")).is_err());
    assert_eq!(format_of(Path::new("a.PDF")).unwrap(), Format::Pdf);
}

#[test]
fn content_that_is_not_what_the_extension_says_is_refused() {
    let pdf = fixture("source.columns.pdf");
    for name in ["x.docx", "x.odt", "x.epub", "x.txt", "x.md", "x.html"] {
        let e = read_named(name, &pdf).unwrap_err();
        assert!(matches!(e, DocumentError::WrongType { .. }), "{name}: {e}");
        assert!(e.to_string().contains("is a PDF"), "{e}");
    }
    let docx = fixture("source.docx");
    assert!(matches!(
        read_named("x.pdf", &docx),
        Err(DocumentError::WrongType { .. })
    ));
    assert!(matches!(
        read_named("x.html", &docx),
        Err(DocumentError::WrongType { .. })
    ));
    // A Word document named .odt, an OpenDocument named .epub: right container, wrong content.
    assert!(matches!(
        read_named("x.odt", &docx),
        Err(DocumentError::WrongType { .. })
    ));
    assert!(matches!(
        read_named("x.epub", &fixture("source.odt")),
        Err(DocumentError::WrongType { .. })
    ));
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let e = read_named("old.docx", &ole).unwrap_err();
    assert!(e.to_string().contains(".doc"), "{e}");
    let e = read_named("x.txt", &[0, 159, 146, 150, 0, 1]).unwrap_err();
    assert!(e.to_string().contains("binary"), "{e}");
}

#[test]
fn documents_without_text_are_empty() {
    for (name, bytes) in [
        ("e.txt", &b"  \n\n \t\n"[..]),
        ("e.md", b"# Only a heading\n\n## And another\n"),
        (
            "e.html",
            b"<html><head><title>T</title></head><body><img src=x></body></html>",
        ),
        ("e.md", b""),
    ] {
        let e = read_named(name, bytes).unwrap_err();
        assert!(matches!(e, DocumentError::Empty { .. }), "{name}: {e}");
        assert!(e.to_string().contains("no text"), "{e}");
    }
}

#[test]
fn damaged_packages_are_corrupt_and_say_so() {
    let e = read_named("x.docx", b"PK\x03\x04 this is not really a zip").unwrap_err();
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e}");
    assert!(e.to_string().contains("damaged"), "{e}");
    // Cut in half: the central directory is gone.
    let docx = fixture("source.docx");
    let e = read_named("x.docx", &docx[..docx.len() / 2]).unwrap_err();
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e}");
    // A zip without Word's main part.
    let e = read_named("x.docx", &zip_of(&[("a.txt", b"hello")])).unwrap_err();
    assert!(matches!(e, DocumentError::WrongType { .. }), "{e}");
    // Word's main part that is not XML.
    let e = read_named("x.docx", &zip_of(&[("word/document.xml", b"<w:document")])).unwrap_err();
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e}");
}

#[test]
fn zip_bombs_stop_at_the_unpacked_limit() {
    let zeros = vec![b' '; 2 * 1024 * 1024];
    let bytes = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bytes.len() < 100 * 1024, "compressed: {}", bytes.len());
    let mut package = zipped::Package::open(Path::new("bomb.docx"), &bytes, "Word document")
        .unwrap()
        .with_limit(1024 * 1024);
    let e = package.read_text("word/document.xml").unwrap_err();
    assert!(matches!(e, DocumentError::TooLargeUnpacked { .. }), "{e}");
}

#[test]
fn an_epub_with_encrypted_chapters_is_encrypted_but_obfuscated_fonts_are_fine() {
    let container = br#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/book.opf"/></rootfiles></container>"#;
    let opf = br#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata><dc:title>Book</dc:title></metadata><manifest><item id="c1" href="Text/ch%201.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>"#;
    let chapter = b"<html><body><h1>One</h1><p>Text of the book.</p></body></html>";
    let encryption = |uri: &str| {
        format!(
            r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>"#
        )
    };
    let book = |uri: &str| {
        zip_of(&[
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", container),
            ("META-INF/encryption.xml", encryption(uri).as_bytes()),
            ("OEBPS/book.opf", opf),
            ("OEBPS/Text/ch 1.xhtml", chapter),
        ])
    };
    let doc = read_named("b.epub", &book("OEBPS/Fonts/font.otf")).unwrap();
    assert_eq!(doc.title, "Book");
    assert_eq!(doc.sections[0].paragraphs, ["Text of the book."]);
    let e = read_named("b.epub", &book("OEBPS/Text/ch%201.xhtml")).unwrap_err();
    assert!(matches!(e, DocumentError::Encrypted { .. }), "{e}");
}

#[test]
fn a_scan_without_text_says_to_run_ocr() {
    let e = read_named("scanned.pdf", &fixture("scanned.pdf")).unwrap_err();
    assert!(matches!(e, DocumentError::NoTextLayer { .. }), "{e}");
    assert!(e.to_string().contains("OCR"), "{e}");
}

#[test]
fn an_encrypted_pdf_says_to_remove_the_password() {
    let e = read_named("encrypted.pdf", &fixture("encrypted.pdf")).unwrap_err();
    assert!(matches!(e, DocumentError::Encrypted { .. }), "{e}");
    assert!(e.to_string().contains("password"), "{e}");
}

#[test]
fn damaged_pdfs_are_errors_not_panics() {
    let e = read_named("x.pdf", b"%PDF-1.4\nnothing else").unwrap_err();
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e}");
    let pdf = fixture("source.libreoffice.pdf");
    for cut in [pdf.len() / 3, pdf.len() / 2, pdf.len() - 200] {
        match read_named("x.pdf", &pdf[..cut]) {
            Ok(doc) => assert!(!doc.sections.is_empty()),
            Err(e) => assert!(
                matches!(
                    e,
                    DocumentError::Corrupt { .. }
                        | DocumentError::NoTextLayer { .. }
                        | DocumentError::Empty { .. }
                ),
                "{e}"
            ),
        }
    }
}

/// A one-page PDF whose page draws a form that draws itself, or (`sized` false) a page
/// without a `MediaBox` that shows text.
fn one_page_pdf(sized: bool) -> Vec<u8> {
    use pdf_extract::{Dictionary, Document as Pdf, Object, Stream};
    let mut pdf = Pdf::with_version("1.5");
    let pages_id = pdf.new_object_id();
    let form_id = pdf.new_object_id();
    let mut xobjects = Dictionary::new();
    xobjects.set("F1", Object::Reference(form_id));
    let mut resources = Dictionary::new();
    resources.set("XObject", Object::Dictionary(xobjects));
    let mut form_dict = Dictionary::new();
    form_dict.set("Type", Object::Name(b"XObject".to_vec()));
    form_dict.set("Subtype", Object::Name(b"Form".to_vec()));
    form_dict.set("BBox", vec![0.into(), 0.into(), 100.into(), 100.into()]);
    form_dict.set("Resources", Object::Dictionary(resources.clone()));
    pdf.objects.insert(
        form_id,
        Object::Stream(Stream::new(form_dict, b"/F1 Do".to_vec())),
    );
    let content = if sized {
        b"/F1 Do".to_vec()
    } else {
        b"BT /F9 12 Tf (Hello) Tj ET".to_vec()
    };
    let content_id = pdf.add_object(Stream::new(Dictionary::new(), content));
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages_id));
    if sized {
        page.set("MediaBox", vec![0.into(), 0.into(), 100.into(), 100.into()]);
    }
    page.set("Contents", Object::Reference(content_id));
    page.set("Resources", Object::Dictionary(resources));
    let page_id = pdf.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", vec![Object::Reference(page_id)]);
    pages.set("Count", 1);
    pdf.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = pdf.add_object(catalog);
    pdf.trailer.set("Root", Object::Reference(catalog_id));
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_form_that_draws_itself_is_refused_before_extraction() {
    let e = read_named("loop.pdf", &one_page_pdf(true)).unwrap_err();
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e}");
    let chain = format!("{:#}", anyhow::Error::from(e));
    assert!(chain.contains("forms nested in forms"), "{chain}");
    let e = read_named("unsized.pdf", &one_page_pdf(false)).unwrap_err();
    let chain = format!("{:#}", anyhow::Error::from(e));
    assert!(chain.contains("no size (MediaBox)"), "{chain}");
}

#[test]
fn deep_nesting_does_not_exhaust_the_stack() {
    let depth = 10_000;
    let html = format!(
        "{}deep{}",
        "<div><ul><li>".repeat(depth),
        "</li></ul></div>".repeat(depth)
    );
    let doc = read_named("deep.html", html.as_bytes()).unwrap();
    assert_eq!(doc.paragraph_count(), 1);
    let md = format!("{}quoted\n", "> ".repeat(depth));
    let doc = read_named("deep.md", md.as_bytes()).unwrap();
    assert!(doc.sections[0].paragraphs[0].contains("quoted"));
    let md = format!("{}item\n", "- ".repeat(5_000));
    assert!(read_named("list.md", md.as_bytes()).is_ok());
    let yaml = format!(
        "---\ntitle: {}x{}\n---\n\ntext\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(read_named("yaml.md", yaml.as_bytes()).is_ok());
}

#[test]
fn inline_styles_become_light_markdown() {
    let mut inline = Inline::default();
    let plain = Style::default();
    let em = Style {
        emphasis: true,
        strong: false,
    };
    let strong = Style {
        emphasis: false,
        strong: true,
    };
    inline.push("Deliver to ", plain);
    inline.push("business customers ", em);
    inline.push("with ", plain);
    inline.push("no", strong);
    inline.push(" vans.", plain);
    assert_eq!(
        inline.take_markdown(),
        "Deliver to *business customers* with **no** vans."
    );
    assert_eq!(clean("  a\u{ad}b \n\t c\u{a0}de\u{fb01}ne "), "ab c define");
}

#[test]
fn markdown_structure_and_front_matter() {
    let md = "---\ntitle: \"A: title\"\nauthor:\n- Ann\n- Bo\ndate: 2021-05-01\nkeywords: [a, b]\n---\n\n\
              Intro *text*.\n\n# One\n\nPara **strong**\nwrapped.\n\n1. first\n2. second\n   continued\n\n\
              | A | B |\n|---|---|\n| 1 | *2* |\n\n## Two\n\n- a\n  - nested\n\n> quoted\n";
    let doc = read_named("m.md", md.as_bytes()).unwrap();
    assert_eq!(doc.title, "A: title");
    assert_eq!(doc.authors, ["Ann", "Bo"]);
    assert_eq!(doc.date.as_deref(), Some("2021-05-01"));
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["A: title", "One", "Two"]);
    assert_eq!(doc.sections[0].paragraphs, ["Intro *text*."]);
    assert_eq!(
        doc.sections[1].paragraphs,
        [
            "Para **strong** wrapped.",
            "- first\n- second continued",
            "A | B",
            "1 | *2*"
        ]
    );
    assert_eq!(doc.sections[2].paragraphs, ["- a\n- nested", "quoted"]);
}

#[test]
fn headings_without_text_lead_the_next_title() {
    let md =
        "# Report\n\n# Part 1\n\n## Markets\n\nText.\n\n## Costs\n\nMore.\n\n# Empty at the end\n";
    let doc = read_named("r.md", md.as_bytes()).unwrap();
    assert_eq!(doc.title, "Report");
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Part 1: Markets", "Costs"]);
    let doc = read_named("plain.md", b"Just text, no heading.").unwrap();
    assert_eq!(doc.title, "plain");
    assert_eq!(doc.sections[0].title, "Introduction");
}

#[test]
fn plain_text_headings_lists_and_tables() {
    let text = "Intro line one\nline two.\n\nMarket\n\n-   first item\n    wraps\n-   second\n\n  Name   Value\n  ----   -----\n  A      1\n";
    let doc = read_named("p.txt", text.as_bytes()).unwrap();
    assert_eq!(doc.title, "Market");
    assert_eq!(doc.sections[0].title, "Introduction");
    assert_eq!(doc.sections[0].paragraphs, ["Intro line one line two."]);
    assert_eq!(
        doc.sections[1].paragraphs,
        ["- first item wraps\n- second", "Name | Value", "A | 1"]
    );
    // Windows-1252 without a BOM is read as such.
    let doc = read_named("w.txt", b"caf\xe9 au lait").unwrap();
    assert_eq!(doc.sections[0].paragraphs, ["café au lait"]);
}

#[test]
fn html_metadata_and_skipped_parts() {
    let html = r##"<!doctype html><html><head><title>Page title</title>
        <meta name="author" content="Ann; Bo"><meta name="dcterms.date" content="2020-02-02">
        <script>var x = "<p>no</p>";</script></head><body>
        <nav><a href="#a">Contents</a></nav>
        <h2>Sec <em>one</em></h2><p>A <i>b</i> c<br>d</p><div>loose text</div>
        <table><tr><th>H1</th><th>H2</th></tr><tr><td>x <table><tr><td>inner</td></tr></table></td><td>y</td></tr></table>
        </body></html>"##;
    let doc = read_named("h.html", html.as_bytes()).unwrap();
    assert_eq!(doc.title, "Page title");
    assert_eq!(doc.authors, ["Ann", "Bo"]);
    assert_eq!(doc.date.as_deref(), Some("2020-02-02"));
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.sections[0].title, "Sec one");
    assert_eq!(
        doc.sections[0].paragraphs,
        ["A *b* c d", "loose text", "H1 | H2", "x inner | y"]
    );
}

fn text_line(glyphs: &mut Vec<Glyph>, x: f64, y: f64, size: f64, text: &str) {
    let advance = size * 0.5;
    for (i, c) in text.chars().enumerate() {
        glyphs.push(Glyph {
            x: x + advance * i as f64,
            y,
            size,
            advance,
            text: c.to_string(),
        });
    }
}

#[test]
fn running_headers_footers_and_page_numbers_are_removed() {
    let bodies = [
        "First page text goes",
        "Second page text goes",
        "Third page text goes",
    ];
    let pages: Vec<Page> = (1..=3)
        .map(|n| {
            let mut glyphs = Vec::new();
            text_line(
                &mut glyphs,
                50.0,
                30.0,
                8.0,
                &format!("Chapter {n} - Quarterly review"),
            );
            text_line(&mut glyphs, 50.0, 100.0, 10.0, bodies[n - 1]);
            text_line(&mut glyphs, 50.0, 112.0, 10.0, "on here.");
            text_line(&mut glyphs, 50.0, 790.0, 8.0, "Confidential draft");
            text_line(&mut glyphs, 280.0, 810.0, 8.0, &format!("Page {n} of 3"));
            Page {
                width: 595.0,
                height: 842.0,
                glyphs,
            }
        })
        .collect();
    let blocks = layout(&pages);
    assert_eq!(
        blocks,
        [
            Block::Paragraph("First page text goes on here.".into()),
            Block::Paragraph("Second page text goes on here.".into()),
            Block::Paragraph("Third page text goes on here.".into()),
        ]
    );
    for number in ["12", "Page 3", "- 4 -", "p. 7", "5 of 20", "3/9", "xii"] {
        assert!(is_page_number(number), "{number}");
    }
    for text in ["2024 results", "Page three", "12 shops"] {
        assert!(!is_page_number(text), "{text}");
    }
}

#[test]
fn hyphenation_at_line_ends_is_joined() {
    let mut text = "the strate-".to_owned();
    join_lines(&mut text, "gic choice");
    assert_eq!(text, "the strategic choice");
    let mut text = "in 1999-".to_owned();
    join_lines(&mut text, "2001");
    assert_eq!(text, "in 1999- 2001");
    let mut text = "a well-".to_owned();
    join_lines(&mut text, "Known name");
    assert_eq!(text, "a well- Known name");
}

#[test]
fn two_columns_are_read_left_then_right() {
    let mut glyphs = Vec::new();
    text_line(
        &mut glyphs,
        40.0,
        40.0,
        16.0,
        "A title across both columns here",
    );
    for (i, (left, right)) in [
        ("Left column starts", "Right column goes"),
        ("and it contin-", "on to the end"),
        ("ues down here.", "of the page and"),
        ("More left text", "more right text"),
        ("and the last", "and the last right"),
        ("left line.", "line."),
    ]
    .iter()
    .enumerate()
    {
        let y = 80.0 + 12.0 * i as f64;
        text_line(&mut glyphs, 40.0, y, 10.0, left);
        text_line(&mut glyphs, 320.0, y, 10.0, right);
    }
    let page = Page {
        width: 595.0,
        height: 842.0,
        glyphs,
    };
    assert_eq!(
        layout(&[page]),
        [
            Block::Heading("A title across both columns here".into()),
            Block::Paragraph(
                "Left column starts and it continues down here. More left text and the last \
                 left line."
                    .into()
            ),
            Block::Paragraph(
                "Right column goes on to the end of the page and more right text and the last \
                 right line."
                    .into()
            ),
        ]
    );
}

#[test]
fn a_bullet_on_its_own_baseline_joins_its_item() {
    let mut glyphs = Vec::new();
    text_line(&mut glyphs, 40.0, 100.0, 10.0, "Three ways forward:");
    text_line(&mut glyphs, 40.0, 113.5, 14.0, "•");
    text_line(&mut glyphs, 52.0, 112.0, 10.0, "build a fleet of vans");
    text_line(&mut glyphs, 52.0, 124.0, 10.0, "at once, or");
    text_line(&mut glyphs, 40.0, 135.0, 14.0, "•");
    text_line(&mut glyphs, 52.0, 136.0, 10.0, "wait.");
    let page = Page {
        width: 595.0,
        height: 842.0,
        glyphs,
    };
    assert_eq!(
        layout(&[page]),
        [
            Block::Paragraph("Three ways forward:".into()),
            Block::ListItem("build a fleet of vans at once, or".into()),
            Block::ListItem("wait.".into()),
        ]
    );
}

#[test]
fn pdf_dates_become_iso_dates() {
    assert_eq!(
        pdf::pdf_date("D:20240315093000+01'00'").as_deref(),
        Some("2024-03-15")
    );
    assert_eq!(pdf::pdf_date("D:2024").as_deref(), Some("2024"));
    assert_eq!(pdf::pdf_date("yesterday"), None);
}

fn doc_with(titles: &[&str]) -> Document {
    Document {
        file_name: "x.md".into(),
        format: Format::Markdown,
        title: "Été 2024: Ça va?".into(),
        authors: vec![],
        date: None,
        sections: titles
            .iter()
            .map(|t| DocSection {
                title: (*t).to_owned(),
                paragraphs: vec!["a".into(), "b".into()],
            })
            .collect(),
    }
}

#[test]
fn drafts_have_valid_unique_ids_and_cite_the_file() {
    let doc = doc_with(&["Background", "Background", "", "中文", &"Long ".repeat(30)]);
    let case = draft_case(&doc, &DraftOptions::default()).unwrap();
    assert_eq!(case.id, "ete-2024-ca-va");
    let ids: Vec<&str> = case.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids[..4],
        ["background", "background-2", "section", "section-2"]
    );
    assert!(ids[4].len() <= 64 && ids[4].starts_with("long-long"));
    assert_eq!(case.sections[0].paragraphs[1].id, "p2");
    assert_eq!(case.meta.sources[0].id, "document");
    assert_eq!(
        case.meta.sources[0].citation,
        "x.md, Été 2024: Ça va?, date not given"
    );
    assert!(case.facets.is_empty() && case.alliances.is_empty() && case.questions.is_empty());
    assert!(case.meta.period.is_none());
    let given = DraftOptions {
        case_id: Some("Bad Id"),
        ..DraftOptions::default()
    };
    assert!(draft_case(&doc, &given).is_err());
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(None))]
        #[test]
        fn plain_and_markdown_readers_never_panic(text in "[ -~\\n#*>|`\\-_\\[\\]()é•\t]{0,400}") {
            for name in ["p.txt", "p.md", "p.html"] {
                if let Ok(doc) = read_named(name, text.as_bytes()) {
                    prop_assert!(doc.sections.iter().all(|s| !s.paragraphs.is_empty()));
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            for name in ["p.txt", "p.md", "p.html", "p.docx", "p.pdf"] {
                let _ = read_named(name, &bytes);
            }
        }

        #[test]
        fn draft_ids_are_unique_valid_and_stable(titles in proptest::collection::vec("[a-zA-Z0-9 éß.-]{0,80}", 1..12)) {
            let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
            let doc = doc_with(&refs);
            let case = draft_case(&doc, &DraftOptions::default()).unwrap();
            let again = draft_case(&doc, &DraftOptions::default()).unwrap();
            prop_assert_eq!(&case, &again);
            let mut ids: Vec<&str> = case.sections.iter().map(|s| s.id.as_str()).collect();
            prop_assert!(ids.iter().all(|id| crate::format::is_valid_id(id)));
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), case.sections.len());
            let issues = crate::validate::check_case(&case, None, &[]);
            // Only the framework is unknown here (no framework passed).
            prop_assert!(issues.iter().all(|i| i.pointer == "/framework"), "{:?}", issues);
        }
    }
}
