//! JSON Schemas of the three formats and the browser build's `cases/index.json`, generated from the Rust types (published in `schema/`).

use schemars::schema_for;
use serde_json::{Value, json};

use crate::format::case::SAVED_WITH_PROBLEMS;
use crate::format::site::SiteIndex;
use crate::format::{Case, Framework, NotesFile};

/// `(file name, pretty JSON)` for each published schema.
pub fn all() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, format, schema) in [
        (
            "case.schema.json",
            "caselens/case@1",
            serde_json::to_value(schema_for!(Case)),
        ),
        (
            "framework.schema.json",
            "caselens/framework@1",
            serde_json::to_value(schema_for!(Framework)),
        ),
        (
            "notes.schema.json",
            "caselens/notes@1",
            serde_json::to_value(schema_for!(NotesFile)),
        ),
    ] {
        let Ok(mut value) = schema else { continue };
        if let Value::Object(map) = &mut value {
            // Top-level `x-` keys are extensions (FORMAT.md); the types skip them, so say it here.
            map.insert("patternProperties".into(), json!({"^x-": {}}));
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                props.insert(
                    "format".into(),
                    json!({"const": format, "description": format!("Always `{format}`.")}),
                );
                if format != "caselens/notes@1" {
                    props.insert(
                        SAVED_WITH_PROBLEMS.into(),
                        json!({
                            "type": "integer",
                            "minimum": 1,
                            "description": "Extension: the editor saved the file with this many problems on purpose (Save anyway).",
                        }),
                    );
                }
            }
        }
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        out.push((name, text));
    }
    if let Ok(mut value) = serde_json::to_value(schema_for!(SiteIndex)) {
        if let Value::Object(map) = &mut value {
            map.insert("patternProperties".into(), json!({"^x-": {}}));
        }
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        out.push(("site-index.schema.json", text));
    }
    out
}

#[cfg(test)]
mod tests {
    /// Fails when `schema/` is stale. Regenerate with `UPDATE_SCHEMAS=1 cargo test schema`.
    #[test]
    fn published_schemas_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        for (name, text) in super::all() {
            let path = dir.join(name);
            if std::env::var_os("UPDATE_SCHEMAS").is_some() {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "{} is stale: run `UPDATE_SCHEMAS=1 cargo test schema`",
                path.display()
            );
        }
    }

    #[test]
    fn schemas_forbid_unknown_keys_but_allow_extensions() {
        for (name, text) in super::all() {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v["additionalProperties"],
                serde_json::json!(false),
                "{name}"
            );
            assert!(v["patternProperties"]["^x-"].is_object(), "{name}");
        }
    }
}
