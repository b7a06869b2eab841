//! Checks of a case file against its framework.

use std::collections::HashMap;

use serde_json::Value;

use super::{Issue, Issues, ptr};
use crate::format::framework::in_family;
use crate::format::{Case, Evidence, Framework, Kind};

/// Checks a case; `framework` is `None` when the named framework is not loaded.
pub fn check_case(
    case: &Case,
    framework: Option<&Framework>,
    known_frameworks: &[&str],
) -> Vec<Issue> {
    let mut out = Issues::default();
    out.id(|| "/id".into(), "case", &case.id);
    if case.meta.sources.is_empty() {
        out.at(
            "/meta/sources",
            "a case lists at least one source in `meta.sources`",
        );
    }
    check_structure(&mut out, case);
    if framework.is_none() {
        let list = if known_frameworks.is_empty() {
            "none".to_owned()
        } else {
            known_frameworks.join(", ")
        };
        out.at(
            "/framework",
            format!(
                "unknown framework \"{}\" (loaded frameworks: {list})",
                case.framework
            ),
        );
    }
    for (dim_id, facet) in &case.facets {
        check_facet(&mut out, case, framework, dim_id, facet);
    }
    check_alliances(&mut out, case, framework);
    let mut questions = HashMap::new();
    for (qi, q) in case.questions.iter().enumerate() {
        out.id(|| format!("/questions/{qi}/id"), "question", &q.id);
        out.unique(
            &mut questions,
            &q.id,
            move || format!("/questions/{qi}/id"),
            "question",
        );
    }
    out.0
}

/// Sources, sections and paragraphs: ids well formed and unique.
fn check_structure(out: &mut Issues, case: &Case) {
    let mut sources = HashMap::new();
    for (i, s) in case.meta.sources.iter().enumerate() {
        out.id(|| format!("/meta/sources/{i}/id"), "source", &s.id);
        out.unique(
            &mut sources,
            &s.id,
            move || format!("/meta/sources/{i}/id"),
            "source",
        );
    }
    if case.sections.is_empty() {
        out.at("/sections", "a case has at least one section");
    }
    let mut sections = HashMap::new();
    for (si, s) in case.sections.iter().enumerate() {
        out.id(|| format!("/sections/{si}/id"), "section", &s.id);
        out.unique(
            &mut sections,
            &s.id,
            move || format!("/sections/{si}/id"),
            "section",
        );
        if s.paragraphs.is_empty() {
            out.at(
                format!("/sections/{si}/paragraphs"),
                format!(
                    "section \"{}\" has no paragraphs (at least one is needed)",
                    s.id
                ),
            );
        }
        let mut paras = HashMap::new();
        for (pi, p) in s.paragraphs.iter().enumerate() {
            out.id(
                || format!("/sections/{si}/paragraphs/{pi}/id"),
                "paragraph",
                &p.id,
            );
            out.unique(
                &mut paras,
                &p.id,
                move || format!("/sections/{si}/paragraphs/{pi}/id"),
                "paragraph",
            );
        }
    }
}

/// One facet: value or unknown, evidence, its value against the dimension, a bound.
fn check_facet(
    out: &mut Issues,
    case: &Case,
    framework: Option<&Framework>,
    dim_id: &str,
    facet: &crate::format::Facet,
) {
    // Pointers are only spelled out for an issue: a valid facet allocates none.
    let fp = || ptr(&["facets", dim_id]);
    let dim = framework.and_then(|f| f.dimension(dim_id));
    if let Some(fw) = framework
        && dim.is_none()
    {
        out.at_key(
            fp(),
            format!("\"{dim_id}\" is not a dimension of framework \"{}\"", fw.id),
        );
    }
    match (&facet.value, &facet.unknown) {
        (Some(_), Some(_)) => out.at(
            fp(),
            "a facet has either `value` (with `evidence`) or `unknown`, not both",
        ),
        (None, None) => out.at(
            fp(),
            "a facet needs `value` with `evidence`, or `unknown` with a reason",
        ),
        (None, Some(reason)) => {
            if reason.trim().is_empty() {
                out.at(
                    format!("{}/unknown", fp()),
                    "say why the value is unknown (the reason is empty)",
                );
            }
            if !facet.evidence.is_empty() {
                out.at(
                    format!("{}/evidence", fp()),
                    "an unknown facet has no `evidence`; put what the source says in the reason",
                );
            }
        }
        (Some(value), None) => {
            if facet.evidence.is_empty() {
                out.at(
                    fp(),
                    "a facet with a value needs at least one piece of evidence",
                );
            }
            if let (Some(dim), Some(fw)) = (dim, framework) {
                check_value(out, &|| format!("{}/value", fp()), value, dim, fw);
            }
        }
    }
    if facet.bound.is_some() {
        let bp = format!("{}/bound", fp());
        if facet.value.is_none() {
            out.at(
                bp,
                "a `bound` qualifies a value; a facet without a value has no bound",
            );
        } else if let Some(dim) = dim
            && !matches!(dim.kind, Kind::Number | Kind::Year)
        {
            let kind = dim.kind.name();
            out.at(
                bp,
                format!(
                    "only number and year dimensions take a `bound`; \"{dim_id}\" is of kind {kind}"
                ),
            );
        }
    }
    check_evidence(out, case, &fp, &facet.evidence);
}

/// Alliances: ids, codes that exist, evidence.
fn check_alliances(out: &mut Issues, case: &Case, framework: Option<&Framework>) {
    let mut alliances = HashMap::new();
    for (ai, a) in case.alliances.iter().enumerate() {
        let ap = format!("/alliances/{ai}");
        out.id(|| format!("{ap}/id"), "alliance", &a.id);
        out.unique(
            &mut alliances,
            &a.id,
            move || format!("/alliances/{ai}/id"),
            "alliance",
        );
        if let Some(fw) = framework {
            for (field, list) in [("types", &a.types), ("rationale", &a.rationale)] {
                for (i, code) in list.iter().enumerate() {
                    if fw.code(code).is_none() {
                        out.at(
                            format!("{ap}/{field}/{i}"),
                            format!("code \"{code}\" does not exist in framework \"{}\"", fw.id),
                        );
                    }
                }
            }
            if let Some(phase) = &a.phase
                && fw.code(phase).is_none()
            {
                out.at(
                    format!("{ap}/phase"),
                    format!("code \"{phase}\" does not exist in framework \"{}\"", fw.id),
                );
            }
        }
        check_evidence(out, case, &|| ap.clone(), &a.evidence);
    }
}

fn check_evidence(
    out: &mut Issues,
    case: &Case,
    parent: &dyn Fn() -> String,
    evidence: &[Evidence],
) {
    for (ei, e) in evidence.iter().enumerate() {
        let ep = || format!("{}/evidence/{ei}", parent());
        match (&e.reference, &e.source) {
            (Some(_), Some(_)) => out.at(
                ep(),
                "evidence is either {\"ref\": ...} or {\"source\": ...}, not both",
            ),
            (None, None) => out.at(
                ep(),
                "evidence needs `ref` (\"section/paragraph\") or `source` (a source id)",
            ),
            (None, Some(source)) => {
                if e.quote.is_some() {
                    out.at(
                        format!("{}/quote", ep()),
                        "a quote belongs to `ref` evidence; `source` evidence has no quote",
                    );
                }
                if case.source(source).is_none() {
                    out.at(
                        format!("{}/source", ep()),
                        format!("source \"{source}\" is referenced but not listed in meta.sources"),
                    );
                }
            }
            (Some(reference), None) => {
                if !reference.contains('/') {
                    out.at(
                        format!("{}/ref", ep()),
                        format!("ref \"{reference}\" must be \"sectionId/paragraphId\""),
                    );
                    continue;
                }
                match case.paragraph(reference) {
                    None => out.at(
                        format!("{}/ref", ep()),
                        format!("ref \"{reference}\" does not name a paragraph of this case"),
                    ),
                    Some(p) => {
                        if let Some(q) = &e.quote
                            && !occurs(p.text.as_bytes(), q.as_bytes())
                        {
                            out.at(
                                format!("{}/quote", ep()),
                                format!(
                                    "quote \"{}\" does not occur in paragraph {reference}",
                                    shorten(q)
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// True when `needle` occurs in `hay`. A paragraph and its quote are short: comparing at each
/// place the first byte occurs costs less than setting up `memmem`'s searcher for one search
/// (which took a tenth of loading a library). Long inputs, where comparing at every place could
/// take quadratic time, go to `memmem`.
fn occurs(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    if hay.len().saturating_mul(needle.len()) > 1 << 16 {
        return memchr::memmem::find(hay, needle).is_some();
    }
    memchr::memchr_iter(first, hay).any(|i| hay[i..].starts_with(needle))
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s.to_owned()
    }
}

fn check_value(
    out: &mut Issues,
    vp: &dyn Fn() -> String,
    value: &Value,
    dim: &crate::format::Dimension,
    fw: &Framework,
) {
    let bad = |out: &mut Issues| {
        out.at(
            vp(),
            format!(
                "dimension \"{}\" is of kind {}: its value must be {}",
                dim.id,
                dim.kind.name(),
                dim.kind.expected()
            )
            .replace("kind Text", "kind text"),
        );
    };
    let scalar_ok = match dim.kind {
        Kind::Text => value.is_string(),
        Kind::Number => value.is_number(),
        Kind::Year => value.is_i64() || value.is_u64(),
        Kind::Bool => value.is_boolean(),
        Kind::List | Kind::Choice | Kind::Codes => true,
    };
    if !scalar_ok {
        bad(out);
        return;
    }
    match dim.kind {
        Kind::Text | Kind::Number | Kind::Year | Kind::Bool => {}
        Kind::List => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.is_string() {
                        out.at(
                            format!("{}/{i}", vp()),
                            format!("items of list dimension \"{}\" must be strings", dim.id),
                        );
                    }
                }
            }
            None => bad(out),
        },
        Kind::Choice => match value.as_str() {
            Some(s) if !dim.options.iter().any(|o| o == s) => {
                out.at(
                    vp(),
                    format!(
                        "\"{s}\" is not an option of \"{}\" (options: {})",
                        dim.id,
                        dim.options.join(", ")
                    ),
                );
            }
            Some(_) => {}
            None => bad(out),
        },
        Kind::Codes => match value.as_array() {
            Some(items) => check_code_values(out, vp, items, dim, fw),
            None => bad(out),
        },
    }
}

/// The items of a `codes` value: strings naming codes of the framework, in the family.
fn check_code_values(
    out: &mut Issues,
    vp: &dyn Fn() -> String,
    items: &[Value],
    dim: &crate::format::Dimension,
    fw: &Framework,
) {
    for (i, item) in items.iter().enumerate() {
        let ip = || format!("{}/{i}", vp());
        let Some(code) = item.as_str() else {
            out.at(ip(), "code ids are strings");
            continue;
        };
        if fw.code(code).is_none() {
            out.at(
                ip(),
                format!("code \"{code}\" does not exist in framework \"{}\"", fw.id),
            );
        } else if let Some(family) = &dim.family
            && !in_family(code, family)
        {
            out.at(
                ip(),
                format!(
                    "code \"{code}\" is not in family \"{family}\" required by dimension \"{}\"",
                    dim.id
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(None))]
        /// The short-input search finds exactly what `memmem` finds.
        #[test]
        fn occurs_agrees_with_memmem(hay in "[ab ]{0,300}", needle in "[ab ]{0,12}") {
            prop_assert_eq!(
                super::occurs(hay.as_bytes(), needle.as_bytes()),
                memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some()
            );
        }
    }

    #[test]
    fn occurs_handles_long_inputs_and_edges() {
        let hay = "ab".repeat(100_000) + "abc";
        assert!(super::occurs(hay.as_bytes(), b"bc"));
        assert!(super::occurs(hay.as_bytes(), "ab".repeat(1000).as_bytes()));
        assert!(!super::occurs(hay.as_bytes(), b"ca"));
        assert!(super::occurs(b"", b""));
        assert!(!super::occurs(b"", b"a"));
        assert!(super::occurs(b"xa", b"a") && !super::occurs(b"a", b"xa"));
    }
}
