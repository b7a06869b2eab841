//! Three-way merge of two versions of a document that both started from a common one, on
//! their JSON form: what only one side changed is taken from it; what both changed the same way
//! is kept; what both changed differently is a conflict, named by its path.
//!
//! Objects merge key by key. Arrays of objects with unique `id`s (sections, paragraphs,
//! sources, alliances, questions, groups, dimensions, codes) merge element by element by id,
//! and their order is taken from the side that reordered them (both reordering differently is
//! a conflict). Any other value both sides changed differently is a conflict.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::draft::Authored;

/// `base` changed into `mine` here and into `theirs` elsewhere: one document with both sets of
/// changes, or the places where they clash.
pub(crate) fn merge_docs<D: Authored>(base: &D, mine: &D, theirs: &D) -> Result<D, Vec<String>> {
    let json = |d: &D| -> Result<Value, Vec<String>> {
        let mut v = serde_json::to_value(d).map_err(|e| vec![e.to_string()])?;
        if let Value::Object(map) = &mut v {
            for (k, x) in d.extensions() {
                map.insert(k.clone(), x.clone());
            }
        }
        Ok(v)
    };
    let mut conflicts = Vec::new();
    let merged = merge(
        "",
        Some(&json(base)?),
        Some(&json(mine)?),
        Some(&json(theirs)?),
        &mut conflicts,
    );
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let Some(Value::Object(mut map)) = merged else {
        return Err(vec!["the whole document".to_owned()]);
    };
    let extension_keys: Vec<String> = map
        .keys()
        .filter(|k| k.starts_with("x-"))
        .cloned()
        .collect();
    let extensions: BTreeMap<String, Value> = extension_keys
        .into_iter()
        .filter_map(|k| map.remove(&k).map(|v| (k, v)))
        .collect();
    let mut doc: D = serde_json::from_value(Value::Object(map))
        .map_err(|e| vec![format!("the merged document would not be valid ({e})")])?;
    *doc.extensions_mut() = extensions;
    Ok(doc)
}

/// Merges one value (absent: `None`); records conflicts under `path` and returns ours there.
fn merge(
    path: &str,
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if mine == theirs || theirs == base {
        return mine.cloned();
    }
    if mine == base {
        return theirs.cloned();
    }
    match (mine, theirs) {
        (Some(Value::Object(m)), Some(Value::Object(t))) => {
            let b = base.and_then(Value::as_object);
            Some(Value::Object(merge_objects(path, b, m, t, conflicts)))
        }
        (Some(Value::Array(m)), Some(Value::Array(t))) => {
            let b = base.and_then(Value::as_array);
            if let (Some(bi), Some(mi), Some(ti)) =
                (by_id(b.map_or(&[], Vec::as_slice)), by_id(m), by_id(t))
            {
                return Some(Value::Array(merge_by_id(path, &bi, &mi, &ti, conflicts)));
            }
            conflicts.push(shown(path));
            mine.cloned()
        }
        _ => {
            conflicts.push(shown(path));
            mine.cloned()
        }
    }
}

fn shown(path: &str) -> String {
    if path.is_empty() {
        "the whole document".to_owned()
    } else {
        path.trim_start_matches('/').to_owned()
    }
}

fn merge_objects(
    path: &str,
    base: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    conflicts: &mut Vec<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let keys = mine
        .keys()
        .chain(theirs.keys().filter(|k| !mine.contains_key(*k)));
    for key in keys {
        let merged = merge(
            &format!("{path}/{key}"),
            base.and_then(|b| b.get(key)),
            mine.get(key),
            theirs.get(key),
            conflicts,
        );
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// The elements of an array of objects with unique string ids, in order; `None` otherwise.
fn by_id(items: &[Value]) -> Option<Vec<(&str, &Value)>> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .map(|v| {
            let id = v.as_object()?.get("id")?.as_str()?;
            seen.insert(id).then_some((id, v))
        })
        .collect()
}

fn find<'v>(side: &[(&str, &'v Value)], id: &str) -> Option<&'v Value> {
    side.iter().find(|(i, _)| *i == id).map(|(_, v)| *v)
}

fn merge_by_id(
    path: &str,
    base: &[(&str, &Value)],
    mine: &[(&str, &Value)],
    theirs: &[(&str, &Value)],
    conflicts: &mut Vec<String>,
) -> Vec<Value> {
    let mut merged: HashMap<&str, Value> = HashMap::new();
    let ids = mine.iter().chain(theirs).chain(base).map(|(id, _)| *id);
    for id in ids {
        if merged.contains_key(id) {
            continue;
        }
        let value = merge(
            &format!("{path}/{id}"),
            find(base, id),
            find(mine, id),
            find(theirs, id),
            conflicts,
        );
        if let Some(v) = value {
            merged.insert(id, v);
        }
    }
    order(path, base, mine, theirs, &merged, conflicts)
        .into_iter()
        .filter_map(|id| merged.remove(id))
        .collect()
}

/// The merged order of the ids kept: the order of the side that reordered, with the other
/// side's new elements after their predecessor there.
fn order<'a>(
    path: &str,
    base: &[(&'a str, &Value)],
    mine: &[(&'a str, &Value)],
    theirs: &[(&'a str, &Value)],
    kept: &HashMap<&str, Value>,
    conflicts: &mut Vec<String>,
) -> Vec<&'a str> {
    let in_base = |id: &&str| base.iter().any(|(b, _)| b == id);
    let common = |side: &[(&'a str, &Value)]| -> Vec<&'a str> {
        side.iter()
            .map(|(id, _)| *id)
            .filter(|id| kept.contains_key(id) && in_base(id))
            .collect()
    };
    let (b, m, t) = (common(base), common(mine), common(theirs));
    let (lead, other) = if m == b || m == t {
        (theirs, mine)
    } else if t == b {
        (mine, theirs)
    } else {
        conflicts.push(format!("the order of {}", shown(path)));
        (mine, theirs)
    };
    let mut out: Vec<&'a str> = lead
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| kept.contains_key(id))
        .collect();
    for (i, (id, _)) in other.iter().enumerate() {
        if out.contains(id) || !kept.contains_key(id) {
            continue;
        }
        let after = other[..i]
            .iter()
            .rev()
            .find_map(|(prev, _)| out.iter().position(|o| o == prev));
        out.insert(after.map_or(0, |p| p + 1), id);
    }
    out
}
