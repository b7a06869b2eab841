//! Merging two copies of a notes file by item id and `modified`.

use std::collections::{BTreeMap, HashMap};
use std::time::SystemTime;

use serde::Serialize;

use crate::format::{Item, NotesFile};

/// Something both copies changed differently; the merge kept one side and says which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// Item, code or lesson id.
    pub id: String,
    /// What happened, in words.
    pub message: String,
}

fn time(s: &str) -> Option<SystemTime> {
    humantime::parse_rfc3339_weak(s.trim_end_matches(['Z', 'z']))
        .ok()
        .or_else(|| humantime::parse_rfc3339(s).ok())
}

/// True when `a` was modified after `b` (unparsable times compare as text).
fn newer(a: &str, b: &str) -> std::cmp::Ordering {
    match (time(a), time(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// Merges `theirs` into `ours`: per item the newer `modified` wins, a tombstone wins a tie,
/// user codes and lessons are united (ours wins when both define one differently).
/// Every item that differs between the copies is listed.
pub fn merge(ours: &NotesFile, theirs: &NotesFile) -> (NotesFile, Vec<Conflict>) {
    merge_with_base(None, ours, theirs)
}

/// Like [`merge`], but an item only counts as a conflict when both copies changed it since
/// `base` (the version both started from).
pub fn merge_with_base(
    base: Option<&NotesFile>,
    ours: &NotesFile,
    theirs: &NotesFile,
) -> (NotesFile, Vec<Conflict>) {
    let base_items: BTreeMap<&str, &Item> = base
        .map(|b| b.items.iter().map(|i| (i.id.as_str(), i)).collect())
        .unwrap_or_default();
    let both_changed = |a: &Item, b: &Item| match base_items.get(a.id.as_str()) {
        None => base.is_none(),
        Some(orig) => *orig != a && *orig != b,
    };
    let mut conflicts = Vec::new();
    let mut out = ours.clone();
    let mut items: BTreeMap<&str, &Item> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for item in ours.items.iter().chain(&theirs.items) {
        match items.get(item.id.as_str()) {
            None => {
                items.insert(&item.id, item);
                order.push(&item.id);
            }
            Some(kept) if *kept == item => {}
            Some(kept) => {
                let winner = pick(kept, item, both_changed(kept, item), &mut conflicts);
                items.insert(&item.id, winner);
            }
        }
    }
    out.items = order
        .iter()
        .filter_map(|id| items.get(id).map(|i| (*i).clone()))
        .collect();
    merge_definitions(&mut out, theirs, &mut conflicts);
    for (k, v) in &theirs.extensions {
        out.extensions.entry(k.clone()).or_insert_with(|| v.clone());
    }
    out.author = ours.author.clone().or_else(|| theirs.author.clone());
    out.created = match (&ours.created, &theirs.created) {
        (Some(a), Some(b)) => Some(if newer(a, b).is_le() {
            a.clone()
        } else {
            b.clone()
        }),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    out.modified = match (&ours.modified, &theirs.modified) {
        (Some(a), Some(b)) => Some(if newer(a, b).is_ge() {
            a.clone()
        } else {
            b.clone()
        }),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    (out, conflicts)
}

/// Merges many copies in order, exactly like folding [`merge`] over them (the first is
/// "ours", each next one "theirs" of the result so far), but in time linear in the number of
/// items: ids are looked up in a hash map and nothing is copied again per file. Each conflict
/// comes with the index of the file being merged when it arose.
pub fn merge_many(files: Vec<NotesFile>) -> Option<(NotesFile, Vec<(usize, Conflict)>)> {
    let mut files = files.into_iter();
    let mut out = files.next()?;
    let mut conflicts = Vec::new();
    let mut items: HashMap<String, usize> = out
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();
    let mut codes: HashMap<String, usize> = out
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let mut lessons: HashMap<String, usize> = out
        .lessons
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.clone(), i))
        .collect();
    for (n, theirs) in files.enumerate() {
        let mut found = Vec::new();
        for item in theirs.items {
            match items.get(&item.id) {
                None => {
                    items.insert(item.id.clone(), out.items.len());
                    out.items.push(item);
                }
                Some(&i) if out.items[i] == item => {}
                Some(&i) => {
                    let kept = &out.items[i];
                    let winner = pick(kept, &item, true, &mut found);
                    if std::ptr::eq(winner, &raw const item) {
                        out.items[i] = item;
                    }
                }
            }
        }
        add_missing(
            &mut codes,
            &mut out.codes,
            theirs.codes,
            |c| &c.id,
            "code defined differently in both copies; kept ours",
            &mut found,
        );
        add_missing(
            &mut lessons,
            &mut out.lessons,
            theirs.lessons,
            |l| &l.id,
            "lesson differs between copies; kept ours",
            &mut found,
        );
        unite_coded(&mut out, &theirs.coded);
        for (k, v) in theirs.extensions {
            out.extensions.entry(k).or_insert(v);
        }
        out.author = out.author.take().or(theirs.author);
        out.created = pick_time(
            out.created.take(),
            theirs.created,
            std::cmp::Ordering::is_le,
        );
        out.modified = pick_time(
            out.modified.take(),
            theirs.modified,
            std::cmp::Ordering::is_ge,
        );
        conflicts.extend(found.into_iter().map(|c| (n + 1, c)));
    }
    Some((out, conflicts))
}

/// Adds each of `theirs` whose id `index` lacks to `list`; one defined differently is a
/// conflict (`message`) and ours is kept.
fn add_missing<T: PartialEq>(
    index: &mut HashMap<String, usize>,
    list: &mut Vec<T>,
    theirs: Vec<T>,
    id: fn(&T) -> &String,
    message: &str,
    found: &mut Vec<Conflict>,
) {
    for t in theirs {
        match index.get(id(&t)) {
            None => {
                index.insert(id(&t).clone(), list.len());
                list.push(t);
            }
            Some(&i) if list[i] != t => found.push(Conflict {
                id: id(&t).clone(),
                message: message.to_owned(),
            }),
            Some(_) => {}
        }
    }
}

/// Of two times, `a` when `keep_a(newer(a, b))`, else `b`; the one given when only one is.
fn pick_time(
    a: Option<String>,
    b: Option<String>,
    keep_a: fn(std::cmp::Ordering) -> bool,
) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if keep_a(newer(&a, &b)) { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Which of two versions of one item wins: the newer edit; at the same time a tombstone, else
/// ours. Conflicts are recorded when both copies changed the item since their common base.
fn pick<'a>(
    kept: &'a Item,
    item: &'a Item,
    both_changed: bool,
    conflicts: &mut Vec<Conflict>,
) -> &'a Item {
    let winner = match newer(&item.modified, &kept.modified) {
        std::cmp::Ordering::Greater => item,
        std::cmp::Ordering::Less => kept,
        std::cmp::Ordering::Equal if !both_changed => {
            if item.deleted {
                item
            } else {
                kept
            }
        }
        std::cmp::Ordering::Equal => {
            // Same time, different content: the tombstone wins, else ours.
            let w = if item.deleted && !kept.deleted {
                item
            } else {
                kept
            };
            conflicts.push(Conflict {
                id: item.id.clone(),
                message: format!(
                    "changed differently at the same time ({}); kept {}",
                    item.modified,
                    if std::ptr::eq(w, item) {
                        "theirs"
                    } else {
                        "ours"
                    }
                ),
            });
            w
        }
    };
    if !kept.deleted && !item.deleted && kept.modified != item.modified && both_changed {
        conflicts.push(Conflict {
            id: item.id.clone(),
            message: format!(
                "edited in both copies; kept the newer edit ({})",
                winner.modified
            ),
        });
    }
    winner
}

/// Codes and lessons from `theirs` that `out` lacks; ours wins where both define one.
fn merge_definitions(out: &mut NotesFile, theirs: &NotesFile, conflicts: &mut Vec<Conflict>) {
    for code in &theirs.codes {
        match out.codes.iter().find(|c| c.id == code.id) {
            None => out.codes.push(code.clone()),
            Some(c) if c != code => conflicts.push(Conflict {
                id: code.id.clone(),
                message: "code defined differently in both copies; kept ours".to_owned(),
            }),
            Some(_) => {}
        }
    }
    for lesson in &theirs.lessons {
        match out.lessons.iter().find(|l| l.id == lesson.id) {
            None => out.lessons.push(lesson.clone()),
            Some(l) if l != lesson => conflicts.push(Conflict {
                id: lesson.id.clone(),
                message: "lesson differs between copies; kept ours".to_owned(),
            }),
            Some(_) => {}
        }
    }
    unite_coded(out, &theirs.coded);
}

/// Adds the cases `theirs` marked as coded that `out` lacks: a case marked in either copy
/// stays marked (a mark only ever says "I read it").
fn unite_coded(out: &mut NotesFile, theirs: &[String]) {
    for case in theirs {
        if !out.coded.contains(case) {
            out.coded.push(case.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::empty_notes;
    use crate::format::{ItemKind, UserCode};

    fn item(id: &str, modified: &str, text: &str, deleted: bool) -> Item {
        Item {
            id: id.into(),
            kind: ItemKind::Memo,
            case: None,
            target: None,
            codes: vec![],
            title: Some("t".into()),
            text: Some(text.into()),
            created: "2026-11-23T09:00:00Z".into(),
            modified: modified.into(),
            deleted,
            author: None,
        }
    }

    #[test]
    fn newer_edit_wins_and_tombstones_win_over_older_edits() {
        let mut a = empty_notes(None);
        let mut b = empty_notes(None);
        a.items = vec![
            item("1", "2026-11-23T10:00:00Z", "old", false),
            item("2", "2026-11-23T12:00:00Z", "x", true),
            item("3", "2026-11-23T10:00:00Z", "only a", false),
        ];
        b.items = vec![
            item("1", "2026-11-23T11:00:00.500Z", "new", false),
            item("2", "2026-11-23T11:00:00Z", "edited", false),
            item("4", "2026-11-23T10:00:00Z", "only b", false),
        ];
        let (m, conflicts) = merge(&a, &b);
        let get = |id: &str| m.items.iter().find(|i| i.id == id).unwrap();
        assert_eq!(get("1").text.as_deref(), Some("new"));
        assert!(
            get("2").deleted,
            "the newer tombstone wins over the older edit"
        );
        assert_eq!(m.items.len(), 4);
        assert_eq!(conflicts.iter().filter(|c| c.id == "1").count(), 1);
        // Symmetric outcome for items.
        let (m2, _) = merge(&b, &a);
        let mut x: Vec<_> = m
            .items
            .iter()
            .map(|i| (i.id.clone(), i.text.clone(), i.deleted))
            .collect();
        let mut y: Vec<_> = m2
            .items
            .iter()
            .map(|i| (i.id.clone(), i.text.clone(), i.deleted))
            .collect();
        x.sort();
        y.sort();
        assert_eq!(x, y);
    }

    #[test]
    fn with_a_base_only_real_conflicts_are_listed() {
        let mut base = empty_notes(None);
        base.items = vec![
            item("1", "2026-11-23T10:00:00Z", "orig", false),
            item("2", "2026-11-23T10:00:00Z", "orig", false),
        ];
        let mut ours = base.clone();
        ours.items[0] = item("1", "2026-11-23T11:00:00Z", "ours", false);
        let mut theirs = base.clone();
        theirs.items[1] = item("2", "2026-11-23T11:00:00Z", "theirs", false);
        let (m, conflicts) = merge_with_base(Some(&base), &ours, &theirs);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(m.items[0].text.as_deref(), Some("ours"));
        assert_eq!(m.items[1].text.as_deref(), Some("theirs"));
        theirs.items[0] = item("1", "2026-11-23T12:00:00Z", "theirs too", false);
        let (m, conflicts) = merge_with_base(Some(&base), &ours, &theirs);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(m.items[0].text.as_deref(), Some("theirs too"));
    }

    #[test]
    fn tie_goes_to_the_tombstone_and_codes_are_united() {
        let mut a = empty_notes(None);
        let mut b = empty_notes(None);
        a.items = vec![item("1", "2026-11-23T10:00:00Z", "a", false)];
        b.items = vec![item("1", "2026-11-23T10:00:00Z", "a", true)];
        let code = |id: &str, label: &str| UserCode {
            id: id.into(),
            label: label.into(),
            color: None,
            parent: None,
            definition: None,
            guid: None,
            codable: None,
        };
        a.codes = vec![code("USER.a", "A"), code("USER.c", "C")];
        b.codes = vec![code("USER.b", "B"), code("USER.c", "Other")];
        let (m, conflicts) = merge(&a, &b);
        assert!(m.items[0].deleted);
        assert_eq!(m.codes.len(), 3);
        assert!(conflicts.iter().any(|c| c.id == "USER.c"));
    }

    #[test]
    fn merging_many_equals_folding_merge() {
        let code = |id: &str, label: &str| UserCode {
            id: id.into(),
            label: label.into(),
            color: None,
            parent: None,
            definition: None,
            guid: None,
            codable: None,
        };
        let mut files = Vec::new();
        for f in 0..5 {
            let mut n = empty_notes((f == 2).then(|| "Third".to_owned()));
            n.modified = Some(format!("2026-11-2{f}T10:00:00Z"));
            n.created = Some(format!("2026-11-2{}T10:00:00Z", 5 - f));
            n.items = (0..6)
                .map(|i| {
                    let t = format!("2026-11-23T1{}:00:00Z", (i * 3 + f) % 5);
                    item(
                        &format!("{}", (i + f) % 8),
                        &t,
                        &format!("f{f} i{i}"),
                        i == f,
                    )
                })
                .collect();
            n.codes = vec![
                code("USER.a", if f % 2 == 0 { "A" } else { "B" }),
                code(&format!("USER.f{f}"), "F"),
            ];
            files.push(n);
        }
        let mut folded = files[0].clone();
        let mut fold_conflicts = Vec::new();
        for (i, f) in files.iter().enumerate().skip(1) {
            let (m, c) = merge(&folded, f);
            fold_conflicts.extend(c.into_iter().map(|c| (i, c)));
            folded = m;
        }
        let (many, conflicts) = merge_many(files).expect("files");
        assert_eq!(many, folded);
        assert_eq!(conflicts, fold_conflicts);
        assert!(!conflicts.is_empty());
    }
}
