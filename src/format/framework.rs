//! The framework file (`*.framework.json`, FORMAT.md section 2).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Format tag of a version 1 framework file.
pub const FRAMEWORK_FORMAT: &str = "caselens/framework@1";

/// The grid cases are compared on: grouped dimensions and a codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Relative path to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `caselens/framework@1`.
    pub format: String,
    /// Framework id, named by cases.
    pub id: String,
    /// Title.
    pub title: String,
    /// What the framework is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Dimension groups, in display order.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The codebook.
    #[serde(default)]
    pub codes: Vec<Code>,
    /// Top-level `x-` keys, kept and written back unchanged.
    #[serde(skip)]
    pub extensions: BTreeMap<String, Value>,
}

/// A titled group of dimensions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Group id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Dimensions, in display order.
    pub dimensions: Vec<Dimension>,
}

/// The type of a dimension's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A string.
    Text,
    /// A JSON number.
    Number,
    /// An integer year.
    Year,
    /// `true` or `false`.
    Bool,
    /// An array of strings.
    List,
    /// One string out of `options`.
    Choice,
    /// An array of code ids.
    Codes,
}

impl Kind {
    /// Its name in files (`"year"`), for messages and lists.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "number",
            Self::Year => "year",
            Self::Bool => "bool",
            Self::List => "list",
            Self::Choice => "choice",
            Self::Codes => "codes",
        }
    }

    /// What a value of this kind looks like, for messages.
    pub fn expected(self) -> &'static str {
        match self {
            Self::Text => "a string",
            Self::Number => "a number",
            Self::Year => "an integer year",
            Self::Bool => "true or false",
            Self::List => "an array of strings",
            Self::Choice => "one of the dimension's options (a string)",
            Self::Codes => "an array of code ids",
        }
    }
}

/// One comparable property of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Dimension id, unique across the framework.
    pub id: String,
    /// Label.
    pub label: String,
    /// Value type.
    pub kind: Kind,
    /// Guidance for readers and authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Allowed values of a `choice`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// For `codes`: only codes under this family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
}

/// One code of the codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Dotted code id (`RAT.market-access`).
    pub id: String,
    /// The id without its last part; must exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Label.
    pub label: String,
    /// When to apply the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// A short example of the code in use (Caselens extension, optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Literature the code rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
}

impl Framework {
    /// All dimensions in display order with their group.
    pub fn dimensions(&self) -> impl Iterator<Item = (&Group, &Dimension)> {
        self.groups
            .iter()
            .flat_map(|g| g.dimensions.iter().map(move |d| (g, d)))
    }

    /// The dimension with this id.
    pub fn dimension(&self, dimension_id: &str) -> Option<&Dimension> {
        self.dimensions()
            .map(|(_, d)| d)
            .find(|d| d.id == dimension_id)
    }

    /// The code with this id.
    pub fn code(&self, code_id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == code_id)
    }
}

/// True when `code_id` is `family` or lies under it.
pub fn in_family(code_id: &str, family: &str) -> bool {
    code_id == family
        || code_id
            .strip_prefix(family)
            .is_some_and(|rest| rest.starts_with('.'))
}
