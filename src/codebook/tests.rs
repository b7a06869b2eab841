//! Tests of the codebook: labels, colours, families, paths, search ranking, layers.

use super::*;
use crate::format::UserCode;
use crate::format::empty_notes;
use crate::library::Library;
use crate::notes::book::NoteBook;

fn user(id: &str, label: &str, color: Option<&str>) -> UserCode {
    UserCode {
        id: id.to_owned(),
        label: label.to_owned(),
        color: color.map(str::to_owned),
        parent: None,
        definition: None,
        guid: None,
        codable: None,
    }
}

#[test]
fn framework_codes_have_labels_colours_families_and_paths() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let book = Codebook::build(Some(fw), &empty_notes(None));
    let id = "RAT.practice.market-access";
    assert_eq!(book.label(id), "Market access");
    assert_eq!(book.color(id), Rgb::parse("#37aabe").unwrap());
    assert_eq!(book.family(id), "RAT");
    assert_eq!(
        book.path_label(id),
        "Practitioner rationale › Market access"
    );
    assert_eq!(book.family_label("RAT"), "Partnering rationale");
    assert_eq!(
        book.label("NOPE.x"),
        "NOPE.x",
        "unknown codes show their id"
    );
    assert_eq!(book.color("NOPE.x"), UNKNOWN_COLOR);
    let fams: Vec<&str> = book.families().iter().map(|f| f.id.as_str()).collect();
    assert_eq!(fams[0], "RAT");
    assert!(
        !fams.contains(&USER_FAMILY),
        "no user codes, no user family"
    );
    // Tree order: every code comes after its parent.
    let order: Vec<&str> = book.codes_in_family("RAT").map(|e| e.id.as_str()).collect();
    assert!(!order.contains(&"RAT"));
    for (i, id) in order.iter().enumerate() {
        if let Some(p) = book
            .entry(id)
            .unwrap()
            .parent
            .as_deref()
            .filter(|p| *p != "RAT")
        {
            assert!(order[..i].contains(&p), "{p} before {id}");
        }
    }
}

#[test]
fn user_codes_have_labels_fallback_colours_and_nested_paths() {
    let mut notes = empty_notes(None);
    notes.codes = vec![
        user("USER.trust", "Trust", Some("#10b981")),
        user("USER.trust.early", "Early trust", None),
        user("USER.odd", "Odd", Some("not a colour")),
    ];
    let book = Codebook::build(None, &notes);
    assert_eq!(book.label("USER.trust"), "Trust");
    assert_eq!(book.path_label("USER.trust.early"), "Trust › Early trust");
    assert_eq!(book.color("USER.trust"), Rgb(0x10, 0xb9, 0x81));
    assert_eq!(
        book.color("USER.trust.early"),
        Rgb(0x10, 0xb9, 0x81),
        "a code without colour takes its parent's"
    );
    assert_eq!(book.color("USER.odd"), fallback_color(USER_FAMILY));
    assert_eq!(book.family("USER.trust.early"), USER_FAMILY);
    assert_eq!(book.families().len(), 1);
    assert_eq!(book.family_label(USER_FAMILY), "Your own codes");
    assert!(book.is_ancestor("USER.trust", "USER.trust.early"));
    assert!(!book.is_ancestor("USER.trust.early", "USER.trust"));
    assert!(!book.is_ancestor("USER.trust", "USER.trust"));
    let d: Vec<&str> = book
        .descendants("USER.trust")
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(d, ["USER.trust.early"]);
    assert_eq!(book.search("early").len(), 1);
    assert_eq!(book.search("TRUST").len(), 2, "path matches too");
    assert!(book.search("no such words").is_empty());
}

#[test]
fn search_ranks_label_matches_before_description_matches() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let mut notes = empty_notes(None);
    notes.codes = vec![
        user("USER.hosting", "Hosting risk", None),
        user("USER.hosting.vendor", "Vendor dependence", None),
        user("USER.dependent", "Dependent vendors elsewhere", None),
    ];
    let book = Codebook::build(Some(fw), &notes);
    let ids = |q: &str| -> Vec<String> { book.search(q).iter().map(|e| e.id.clone()).collect() };
    // "ISV alliance" matches only by its definition ("independent software vendor ...").
    let found = ids("vendor dep");
    assert_eq!(
        found,
        ["USER.hosting.vendor", "USER.dependent", "TYPE.isv"],
        "prefix of the label, then words starting label words, then the definition"
    );
    assert_eq!(ids("Vendor  Dependence")[0], "USER.hosting.vendor", "exact");
    let hosting = ids("hosting risk");
    assert_eq!(hosting.first().map(String::as_str), Some("USER.hosting"));
    assert_eq!(
        hosting.last().map(String::as_str),
        Some("USER.hosting.vendor"),
        "its own label before a child found by its path"
    );
    assert_eq!(
        book.search("").len(),
        book.entries().iter().filter(|e| e.id != e.family).count(),
        "an empty search lists every code"
    );
}

#[test]
fn renamed_user_code_shows_its_new_label_and_user_family_comes_last() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let mut book = NoteBook::new(empty_notes(None));
    let id = book.add_code("Trust", "#10b981", None).unwrap();
    let before = Codebook::build(Some(fw), book.file());
    assert_eq!(before.label(&id), "Trust");
    assert_eq!(before.families().last().unwrap().label, USER_FAMILY_LABEL);
    book.rename_code(&id, "Mutual trust").unwrap();
    let after = Codebook::build(Some(fw), book.file());
    assert_eq!(after.label(&id), "Mutual trust");
}

#[test]
fn descendants_cover_the_whole_subtree_in_tree_order() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let book = Codebook::build(Some(fw), &empty_notes(None));
    let under: Vec<&str> = book
        .descendants("RAT")
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    let expected: Vec<&str> = fw
        .codes
        .iter()
        .filter(|c| c.id.starts_with("RAT."))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(under.len(), expected.len());
    assert_eq!(under[0], "RAT.theory");
    assert!(book.covers("RAT.practice", "RAT.practice.market-access"));
    assert!(!book.covers("RAT.theory", "RAT.practice.market-access"));
}

#[test]
fn cache_rebuilds_only_when_the_key_changes() {
    let cache = CodebookCache::default();
    let mut builds = 0;
    let mut get = |key| {
        cache.get(key, "fw", || {
            builds += 1;
            Codebook::default()
        })
    };
    get((1, 0));
    get((1, 0));
    get((2, 0));
    assert_eq!(builds, 2);
}

#[test]
fn codes_of_other_peoples_notes_are_labelled_from_their_files() {
    let mut mine = empty_notes(None);
    mine.codes = vec![user("USER.trust", "Trust", None)];
    let mut layer = empty_notes(Some("Ana".into()));
    layer.codes = vec![
        user("USER.trust", "Someone else's trust", None),
        user("USER.source-claim", "A claim of the source", None),
    ];
    let book = Codebook::build_with_layers(None, &mine, &[&layer]);
    assert_eq!(book.label("USER.source-claim"), "A claim of the source");
    assert_eq!(
        book.label("USER.trust"),
        "Trust",
        "the user's own label first"
    );
    assert_eq!(book.entries().len(), 2, "no code twice");
    assert_eq!(
        Codebook::build(None, &mine).label("USER.source-claim"),
        "USER.source-claim",
        "without the layer, its id"
    );
}

#[test]
fn the_picker_offers_neither_family_roots_nor_codes_stored_as_not_codable() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let mut notes = empty_notes(None);
    let mut group = user("USER.group", "Group of codes", None);
    group.codable = Some(false);
    notes.codes.push(group);
    notes
        .codes
        .push(user("USER.group.leaf", "Leaf of the group", None));
    let book = Codebook::build(Some(fw), &notes);
    let offered: Vec<&str> = book.search("").iter().map(|e| e.id.as_str()).collect();
    assert!(!offered.contains(&"RAT"), "a family root groups codes");
    assert!(!offered.contains(&"USER.group"));
    assert!(offered.contains(&"USER.group.leaf"));
    assert!(book.entry("USER.group").is_some_and(|e| !e.codable));
}
