//! `cases/index.json`: the list of a course page's own case and framework files, placed next
//! to the browser build's `index.html` and fetched relative to it (docs/FORMAT.md, section 5).

use schemars::JsonSchema;
use serde::Deserialize;

/// The site index: which files of the page's `cases/` folder the app loads at start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteIndex {
    /// The schema this file follows (ignored by the app).
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// File names relative to `cases/` (`*.case.json`, `*.framework.json`, `*.notes.json`),
    /// loaded in this order; a name with `..`, a leading `/` or a `://` is skipped.
    pub files: Vec<String>,
}

impl SiteIndex {
    /// Reads an index; top-level `x-` keys are extensions (ignored), any other unknown key is
    /// an error naming it.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let mut value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if let Some(map) = value.as_object_mut() {
            map.retain(|k, _| !k.starts_with("x-"));
        }
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    /// The listed names the app fetches: those that stay inside `cases/`.
    pub fn safe_files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str).filter(|n| {
            !n.is_empty() && !n.contains("..") && !n.starts_with('/') && !n.contains("://")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::SiteIndex;

    #[test]
    fn an_index_lists_files_and_keeps_them_inside_the_cases_folder() {
        let index = SiteIndex::parse(
            br#"{"$schema": "s", "x-course": "BUS 101", "files": ["a.case.json", "../secret.json", "/etc/x.case.json", "https://e.org/b.case.json", "sub/f.framework.json"]}"#,
        )
        .expect("a valid index");
        assert_eq!(
            index.safe_files().collect::<Vec<_>>(),
            ["a.case.json", "sub/f.framework.json"]
        );
    }

    #[test]
    fn an_unknown_key_or_a_missing_list_is_an_error_naming_it() {
        let e = SiteIndex::parse(br#"{"files": [], "cases": []}"#).expect_err("unknown key");
        assert!(e.contains("cases"), "{e}");
        let e = SiteIndex::parse(br"{}").expect_err("no files");
        assert!(e.contains("files"), "{e}");
        assert!(SiteIndex::parse(br#"{"files": "a.case.json"}"#).is_err());
    }
}
