//! New documents: an empty case of a framework, a copy of a case under a new id, and a draft
//! framework made from the dimensions and codes a set of cases uses.

use std::collections::BTreeMap;

use serde_json::Value;

use super::AuthoringError;
use super::ids::check_id;
use crate::format::case::CASE_FORMAT;
use crate::format::framework::FRAMEWORK_FORMAT;
use crate::format::{
    Case, Code, Dimension, Framework, Group, Kind, Meta, Paragraph, Section, Source,
    is_valid_code_id,
};

/// An empty case of `framework`: valid as it stands (one source to fill in, one section with
/// one empty paragraph, every dimension not covered).
pub fn new_case(framework: &Framework, case_id: &str, title: &str) -> Result<Case, AuthoringError> {
    check_id("case", case_id)?;
    Ok(Case {
        schema: None,
        format: CASE_FORMAT.to_owned(),
        id: case_id.to_owned(),
        title: title.to_owned(),
        subtitle: None,
        framework: framework.id.clone(),
        meta: Meta {
            organisations: Vec::new(),
            period: None,
            region: None,
            industry: None,
            tags: Vec::new(),
            authors: Vec::new(),
            license: None,
            sources: vec![Source {
                id: "source-1".into(),
                citation: String::new(),
                url: None,
            }],
        },
        sections: vec![Section {
            id: "introduction".into(),
            title: "Introduction".to_owned(),
            paragraphs: vec![Paragraph {
                id: "p1".into(),
                text: String::new(),
            }],
        }],
        facets: BTreeMap::new(),
        alliances: Vec::new(),
        questions: Vec::new(),
        extensions: BTreeMap::new(),
    })
}

/// A copy of `case` under a new id (titled “… (copy)”); its `x-` extensions come along,
/// except the mark of a file saved with problems.
pub fn duplicate(case: &Case, new_id: &str) -> Result<Case, AuthoringError> {
    check_id("case", new_id)?;
    let mut copy = case.clone();
    copy.id = new_id.to_owned();
    copy.title = format!("{} (copy)", case.title);
    copy.extensions.remove(super::SAVED_WITH_PROBLEMS);
    Ok(copy)
}

/// A draft framework `framework_id` from what `cases` use: a dimension for every facet key and
/// a code for every code their `codes` facets and alliances name (with the codes above them).
/// A dimension or code that one of `known` frameworks defines is copied from it (the first
/// that has it); the others get a label from their id, and dimensions a kind inferred from
/// the values (integers between 1800 and 2100 are years; arrays of dotted upper-case ids are
/// codes; facets known only as unknown are text).
pub fn framework_from_cases(
    cases: &[&Case],
    known: &[&Framework],
    framework_id: &str,
    title: &str,
) -> Result<Framework, AuthoringError> {
    check_id("framework", framework_id)?;
    let mut groups: Vec<Group> = Vec::new();
    let mut codes_used: Vec<String> = Vec::new();
    for (dim_id, values) in dimension_values(cases, known) {
        let (group_id, group_title, dim) = match known.iter().find_map(|fw| {
            fw.dimensions()
                .find(|(_, d)| d.id == dim_id)
                .map(|(g, d)| (g.id.clone(), g.title.clone(), d.clone()))
        }) {
            Some(found) => found,
            None => (
                "dimensions".to_owned(),
                "Dimensions".to_owned(),
                infer(&dim_id, &values),
            ),
        };
        if dim.kind == Kind::Codes {
            codes_used.extend(
                values
                    .iter()
                    .flat_map(|v| v.as_array().into_iter().flatten())
                    .filter_map(|v| v.as_str().map(str::to_owned)),
            );
            codes_used.extend(dim.family.clone());
        }
        match groups.iter_mut().find(|g| g.id == group_id) {
            Some(g) => g.dimensions.push(dim),
            None => groups.push(Group {
                id: group_id,
                title: group_title,
                dimensions: vec![dim],
            }),
        }
    }
    for a in cases.iter().flat_map(|c| c.alliances.iter()) {
        codes_used.extend(
            a.types
                .iter()
                .chain(&a.rationale)
                .chain(&a.phase)
                .map(std::string::ToString::to_string),
        );
    }
    let names: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    Ok(Framework {
        schema: None,
        format: FRAMEWORK_FORMAT.to_owned(),
        id: framework_id.to_owned(),
        title: title.to_owned(),
        description: Some(format!(
            "Drafted from the dimensions and codes of {}.",
            names.join(", ")
        )),
        groups,
        codes: codebook(&codes_used, known),
        extensions: BTreeMap::new(),
    })
}

/// Every dimension id the cases use, in the order of the first known framework that has it
/// (then by first use), with the values given for it.
fn dimension_values(cases: &[&Case], known: &[&Framework]) -> Vec<(String, Vec<Value>)> {
    let rank = |id: &str| {
        known
            .iter()
            .flat_map(|fw| fw.dimensions().map(|(_, d)| d.id.as_str()))
            .position(|d| d == id)
            .unwrap_or(usize::MAX)
    };
    let mut out: Vec<(String, Vec<Value>)> = Vec::new();
    for case in cases {
        for (id, facet) in &case.facets {
            let i = out.iter().position(|(d, _)| d == id).unwrap_or_else(|| {
                out.push((id.to_string(), Vec::new()));
                out.len() - 1
            });
            out[i].1.extend(facet.value.clone());
        }
    }
    // Stable: dimensions no framework knows keep their order of first use, after the others.
    out.sort_by_key(|(id, _)| rank(id));
    out
}

/// A dimension inferred from its values.
fn infer(id: &str, values: &[Value]) -> Dimension {
    let code_like = |v: &Value| {
        v.as_str().is_some_and(|s| {
            is_valid_code_id(s)
                && s.contains('.')
                && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        })
    };
    let all = |f: &dyn Fn(&Value) -> bool| !values.is_empty() && values.iter().all(f);
    let kind = if all(&Value::is_boolean) {
        Kind::Bool
    } else if all(&|v| v.as_i64().is_some_and(|y| (1800..=2100).contains(&y))) {
        Kind::Year
    } else if all(&Value::is_number) {
        Kind::Number
    } else if all(&|v| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(code_like))
    }) {
        Kind::Codes
    } else if all(&|v| v.as_array().is_some_and(|a| a.iter().all(Value::is_string))) {
        Kind::List
    } else {
        Kind::Text
    };
    let family = (kind == Kind::Codes)
        .then(|| {
            let mut tops = values
                .iter()
                .flat_map(|v| v.as_array().into_iter().flatten())
                .filter_map(|v| v.as_str()?.split('.').next());
            let first = tops.next()?;
            tops.all(|t| t == first).then(|| first.to_owned())
        })
        .flatten();
    Dimension {
        id: id.to_owned(),
        label: label_of(id),
        kind,
        help: None,
        options: Vec::new(),
        family,
    }
}

/// "revenue-usd-m" -> "Revenue usd m".
fn label_of(id: &str) -> String {
    let words = id.replace(['-', '_', '.'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The codes named, with every code above them, copied from a known framework where one
/// defines them; in the known frameworks' order, then by id.
fn codebook(used: &[String], known: &[&Framework]) -> Vec<Code> {
    let mut ids: Vec<String> = Vec::new();
    for id in used.iter().filter(|id| is_valid_code_id(id)) {
        let parts: Vec<&str> = id.split('.').collect();
        for n in 1..=parts.len() {
            let prefix = parts[..n].join(".");
            if !ids.contains(&prefix) {
                ids.push(prefix);
            }
        }
    }
    let rank = |id: &str| {
        known
            .iter()
            .flat_map(|fw| fw.codes.iter())
            .position(|c| c.id == id)
            .unwrap_or(usize::MAX)
    };
    ids.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    ids.into_iter()
        .map(|id| {
            known
                .iter()
                .find_map(|fw| fw.code(&id))
                .cloned()
                .unwrap_or_else(|| Code {
                    parent: id.rsplit_once('.').map(|(p, _)| p.to_owned()),
                    label: label_of(id.rsplit('.').next().unwrap_or(&id)),
                    definition: None,
                    example: None,
                    color: None,
                    refs: Vec::new(),
                    id,
                })
        })
        .collect()
}
