//! The codebook as a REFI-QDA `.qdc` file (`urn:QDA-XML:codebook:1.0`).

use super::{ORIGIN, RefiCodebook, RefiError};
use crate::format::{Framework, NotesFile};

/// The `.qdc` of the frameworks' codes and the user's codes in `notes`.
pub fn qdc(frameworks: &[&Framework], notes: &NotesFile) -> Result<String, RefiError> {
    qdc_of(&RefiCodebook::build(frameworks, notes))
}

/// The `.qdc` of an already built codebook.
pub fn qdc_of(book: &RefiCodebook) -> Result<String, RefiError> {
    if book.roots.is_empty() {
        return Err(RefiError::NoCodes);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"{}\">\n",
        super::attr(ORIGIN)
    ));
    out.push_str(&book.codes_xml(1));
    out.push_str("</CodeBook>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::empty_notes;
    use crate::library::Library;
    use crate::notes::book::NoteBook;
    use crate::refi::tests::assert_valid;
    use crate::refi::{framework_code_guid, guid};

    fn frameworks(lib: &Library) -> Vec<&Framework> {
        lib.frameworks.iter().map(|f| &f.doc).collect()
    }

    #[test]
    fn framework_and_user_codes_validate_with_hierarchy_colours_and_definitions() {
        let lib = Library::bundled();
        let mut book = NoteBook::new(empty_notes(None));
        let trust = book.add_code("Trust & <faith>", "#10b981", None).unwrap();
        book.add_code("Early trust", "#aabbcc", Some(&trust))
            .unwrap();
        let xml = qdc(&frameworks(&lib), book.file()).unwrap();
        assert_valid("Codebook.xsd", &xml);
        let fw = lib.framework("asp-alliances").unwrap();
        let code = fw.code("RAT.practice.market-access").unwrap();
        let g = framework_code_guid("asp-alliances", &code.id);
        assert!(xml.contains(&format!(
            "<Code guid=\"{g}\" name=\"Market access\" isCodable=\"true\" color=\"#37aabe\">"
        )));
        let def = code.definition.as_deref().unwrap();
        assert!(xml.contains(&format!(
            "<Description>{}</Description>",
            super::super::text(def)
        )));
        assert!(
            xml.contains(&format!(
                "guid=\"{}\" name=\"Partnering rationale\" isCodable=\"false\"",
                framework_code_guid("asp-alliances", "RAT")
            )),
            "family roots group codes and are not codable"
        );
        // The nested user code sits inside its parent's element.
        let parent_at = xml.find("name=\"Trust &amp; &lt;faith&gt;\"").unwrap();
        let child_at = xml.find("name=\"Early trust\"").unwrap();
        assert!(parent_at < child_at);
        assert!(!xml[parent_at..child_at].contains("</Code>"));
        assert_eq!(xml, qdc(&frameworks(&lib), book.file()).unwrap(), "stable");
    }

    #[test]
    fn user_codes_keep_their_guid_when_renamed_nested_and_merged_into() {
        let lib = Library::bundled();
        let fws = frameworks(&lib);
        let mut book = NoteBook::new(empty_notes(None));
        let trust = book.add_code("Trust", "#10b981", None).unwrap();
        let early = book.add_code("Early", "#aabbcc", None).unwrap();
        let other = book.add_code("Other", "#123456", None).unwrap();
        let guids = |b: &NoteBook| RefiCodebook::build(&fws, b.file());
        let before = guids(&book);
        let g_trust = before.code_guid("", &trust).unwrap().to_owned();
        let g_early = before.code_guid("", &early).unwrap().to_owned();
        assert_ne!(g_trust, g_early);
        book.rename_code(&trust, "Mutual trust").unwrap();
        let nested = book.nest_code(&early, Some(&trust)).unwrap();
        assert_ne!(nested, early, "nesting changes the id");
        book.merge_codes(&other, &trust).unwrap();
        let after = guids(&book);
        assert_eq!(after.code_guid("", &trust), Some(g_trust.as_str()));
        assert_eq!(after.code_guid("", &nested), Some(g_early.as_str()));
        let xml = qdc(&fws, book.file()).unwrap();
        assert!(xml.contains(&format!("<Code guid=\"{g_trust}\" name=\"Mutual trust\"")));
        assert_valid("Codebook.xsd", &xml);
    }

    #[test]
    fn codes_from_files_without_guids_get_derived_ones_and_duplicates_are_split() {
        let mut notes = empty_notes(None);
        let mut book = NoteBook::new(notes.clone());
        book.add_code("A", "#111111", None).unwrap();
        book.add_code("B", "#222222", None).unwrap();
        notes.codes = book.file().codes.clone();
        notes.codes[0].guid = None;
        notes.codes[1].guid = Some("not a uuid".into());
        let rb = RefiCodebook::build(&[], &notes);
        assert_eq!(
            rb.code_guid("", "USER.a"),
            Some(guid("user-code", "USER.a").as_str())
        );
        assert_eq!(
            rb.code_guid("", "USER.b"),
            Some(guid("user-code", "USER.b").as_str())
        );
        // Two codes carrying the same GUID (a hand-copied file): the second gets its own.
        notes.codes[0].guid = Some("0f8c1a3e-6b1e-4f3a-9d7a-2c1b5e9f0a11".into());
        notes.codes[1].guid = notes.codes[0].guid.clone();
        let rb = RefiCodebook::build(&[], &notes);
        assert_ne!(rb.code_guid("", "USER.a"), rb.code_guid("", "USER.b"));
        assert_valid("Codebook.xsd", &qdc_of(&rb).unwrap());
    }

    #[test]
    fn a_family_root_that_a_highlight_applies_is_written_as_codable() {
        let lib = Library::bundled();
        let root = |xml: &str| {
            xml.contains(&format!(
                "guid=\"{}\" name=\"Partnering rationale\" isCodable=\"true\"",
                framework_code_guid("asp-alliances", "RAT")
            ))
        };
        let mut notes = empty_notes(None);
        assert!(!root(&qdc(&frameworks(&lib), &notes).unwrap()));
        let mut book = NoteBook::new(notes.clone());
        let anchor = crate::notes::anchor::new_anchor("Some text", 0, 4).unwrap();
        book.add_highlight(
            "company-a",
            "background/p1",
            anchor,
            vec!["RAT".into()],
            None,
        );
        notes = book.file().clone();
        let xml = qdc(&frameworks(&lib), &notes).unwrap();
        assert!(
            root(&xml),
            "a coding never lands on a code marked not codable"
        );
        assert_valid("Codebook.xsd", &xml);
    }

    #[test]
    fn nothing_to_export_is_an_error() {
        assert!(matches!(
            qdc(&[], &empty_notes(None)),
            Err(RefiError::NoCodes)
        ));
    }
}
