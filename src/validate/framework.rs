//! Checks of a framework file on its own.

use std::collections::{HashMap, HashSet};

use super::{CodeRef, Issue, Issues, check_codes};
use crate::format::{Framework, Kind};

/// Checks a framework on its own.
pub fn check_framework(fw: &Framework) -> Vec<Issue> {
    let mut out = Issues::default();
    out.id(|| "/id".into(), "framework", &fw.id);
    let mut groups = HashMap::new();
    let mut dims = HashMap::new();
    let codes: HashSet<&str> = fw.codes.iter().map(|c| c.id.as_str()).collect();
    for (gi, group) in fw.groups.iter().enumerate() {
        let gp = format!("/groups/{gi}");
        out.id(|| format!("{gp}/id"), "group", &group.id);
        out.unique(
            &mut groups,
            &group.id,
            move || format!("/groups/{gi}/id"),
            "group",
        );
        for (di, dim) in group.dimensions.iter().enumerate() {
            let dp = format!("{gp}/dimensions/{di}");
            out.id(|| format!("{dp}/id"), "dimension", &dim.id);
            out.unique(
                &mut dims,
                &dim.id,
                move || format!("/groups/{gi}/dimensions/{di}/id"),
                "dimension",
            );
            match dim.kind {
                Kind::Choice if dim.options.is_empty() => {
                    out.at(
                        format!("{dp}/kind"),
                        format!(
                            "dimension \"{}\" is a choice but lists no `options`",
                            dim.id
                        ),
                    );
                }
                Kind::Choice => {
                    let mut seen = HashSet::new();
                    for (oi, o) in dim.options.iter().enumerate() {
                        if !seen.insert(o) {
                            out.at(
                                format!("{dp}/options/{oi}"),
                                format!("option \"{o}\" is listed twice"),
                            );
                        }
                    }
                }
                _ if !dim.options.is_empty() => {
                    out.at(
                        format!("{dp}/options"),
                        format!(
                            "only choice dimensions have `options`; \"{}\" is not a choice",
                            dim.id
                        ),
                    );
                }
                _ => {}
            }
            if let Some(family) = &dim.family {
                if dim.kind != Kind::Codes {
                    out.at(
                        format!("{dp}/family"),
                        format!(
                            "only codes dimensions have a `family`; \"{}\" is not of kind codes",
                            dim.id
                        ),
                    );
                } else if !codes.contains(family.as_str()) {
                    out.at(
                        format!("{dp}/family"),
                        format!("family \"{family}\" is not a code of this framework"),
                    );
                }
            }
        }
    }
    let list: Vec<CodeRef<'_>> = fw
        .codes
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref(), c.color.as_deref()))
        .collect();
    check_codes(&mut out, &list, &codes, false);
    out.0
}
