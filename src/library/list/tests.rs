use super::*;
use crate::format::empty_notes;
use crate::format::{Alliance, Item, ItemKind};
use crate::library::{Bundled, Entry, LoadRequest, Origin};
use proptest::prelude::*;

/// A bundled case copied as `id` with the given title, period, region and tags, and one
/// alliance per (type, status).
fn case(
    base: &Case,
    id: &str,
    title: &str,
    period: Option<&str>,
    region: Option<&str>,
    tags: &[&str],
    alliances: &[(&str, AllianceStatus)],
) -> Case {
    let mut c = base.clone();
    c.id = id.into();
    c.title = title.into();
    c.meta.period = period.map(Into::into);
    c.meta.region = region.map(Into::into);
    c.meta.tags = tags.iter().map(|t| (*t).to_owned()).collect();
    c.meta.organisations.clear();
    c.alliances = alliances
        .iter()
        .enumerate()
        .map(|(i, (t, status))| Alliance {
            id: compact_str::format_compact!("a{i}"),
            partner: "P".into(),
            types: vec![(*t).into()],
            rationale: vec![],
            phase: None,
            status: *status,
            summary: None,
            evidence: vec![],
        })
        .collect();
    c.facets.clear();
    c
}

fn library_of(cases: Vec<Case>) -> Library {
    let mut lib = Library::load(&LoadRequest {
        bundled: Bundled::FrameworksOnly,
        paths: vec![],
    });
    lib.cases = cases
        .into_iter()
        .map(|doc| Entry {
            origin: Origin::File(format!("{}.case.json", doc.id).into()),
            doc,
        })
        .collect();
    lib
}

fn note_on(case: &str, deleted: bool) -> Item {
    Item {
        id: format!("n-{case}-{deleted}"),
        kind: ItemKind::Note,
        case: Some(case.into()),
        target: None,
        codes: vec![],
        title: None,
        text: Some("x".into()),
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        deleted,
        author: None,
    }
}

fn base() -> Case {
    Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    })
    .cases[0]
        .doc
        .clone()
}

/// Four cases: ids a..d, and two notes on c, one on a, a deleted one on b.
fn four() -> (Library, NotesFile) {
    use AllianceStatus::*;
    let b = base();
    let lib = library_of(vec![
        case(
            &b,
            "a",
            "Delta",
            Some("2001 onwards"),
            Some("Europe"),
            &["asp", "x"],
            &[("TYPE.joint-venture", Active)],
        ),
        case(&b, "b", "alpha", Some("Undated"), None, &["wap"], &[]),
        case(
            &b,
            "c",
            "Charlie",
            Some("1999 to 2002"),
            Some("Asia"),
            &["asp"],
            &[("TYPE.licensing", Ended)],
        ),
        case(
            &b,
            "d",
            "Bravo",
            Some("about 1999"),
            Some("Europe"),
            &[],
            &[("TYPE", Terminated)],
        ),
    ]);
    let mut notes = empty_notes(None);
    notes.items = vec![
        note_on("c", false),
        note_on("a", false),
        note_on("b", true),
        Item {
            id: "n2".into(),
            ..note_on("c", false)
        },
    ];
    (lib, notes)
}

fn ids(lib: &Library, order: &[usize]) -> Vec<String> {
    order.iter().map(|&i| lib.cases[i].doc.id.clone()).collect()
}

fn ordered(sort: SortKey) -> Vec<String> {
    let (lib, notes) = four();
    let facts = ListFacts::new(&lib, &notes);
    ids(
        &lib,
        &facts.order(&ListChoice {
            sort,
            ..ListChoice::default()
        }),
    )
}

#[test]
fn each_sort_key_orders_the_cases() {
    assert_eq!(ordered(SortKey::Library), ["a", "b", "c", "d"]);
    assert_eq!(
        ordered(SortKey::Title),
        ["b", "d", "c", "a"],
        "case-insensitive"
    );
    // 1999 ("1999 to 2002") before 1999 ("about 1999") by text, then 2001; undated last.
    assert_eq!(ordered(SortKey::Period), ["c", "d", "a", "b"]);
    // Asia, Europe, Europe (library order kept), no region last.
    assert_eq!(ordered(SortKey::Region), ["c", "a", "d", "b"]);
    // c has two notes, a one, b only a deleted one.
    assert_eq!(ordered(SortKey::MyNotes), ["c", "a", "b", "d"]);
}

#[test]
fn filters_of_one_kind_are_or_and_of_different_kinds_are_and() {
    let (lib, notes) = four();
    let facts = ListFacts::new(&lib, &notes);
    let run = |choice: &ListChoice| ids(&lib, &facts.order(choice));
    let mut choice = ListChoice::default();
    choice.tags.insert("asp".into());
    assert_eq!(run(&choice), ["a", "c"]);
    choice.tags.insert("wap".into());
    assert_eq!(run(&choice), ["a", "b", "c"]);
    choice.regions.insert("Europe".into());
    assert_eq!(run(&choice), ["a"]);
    choice.clear_filters();
    assert_eq!(choice.filter_count(), 0);
    choice.has_notes = true;
    assert_eq!(run(&choice), ["a", "c"]);
    choice.text = "  CHAR ".into();
    assert_eq!(run(&choice), ["c"], "text filter combined, any case");
}

#[test]
fn a_type_or_code_includes_its_children_and_statuses_filter() {
    let (lib, notes) = four();
    let facts = ListFacts::new(&lib, &notes);
    let run = |choice: &ListChoice| ids(&lib, &facts.order(choice));
    let mut choice = ListChoice::default();
    choice.alliance_types.insert("TYPE".into());
    assert_eq!(run(&choice), ["a", "c", "d"]);
    choice.alliance_types = ["TYPE.licensing".to_owned()].into();
    assert_eq!(run(&choice), ["c"]);
    choice.alliance_types.clear();
    choice.codes.insert("TYPE.joint".into());
    assert!(
        run(&choice).is_empty(),
        "a prefix that is not a parent matches nothing"
    );
    choice.codes = ["TYPE.joint-venture".to_owned()].into();
    assert_eq!(run(&choice), ["a"], "alliance types count as codes present");
    choice.codes.clear();
    choice.statuses = ["ended", "terminated"].into();
    assert_eq!(run(&choice), ["c", "d"]);
    assert_eq!(facts.options().statuses.get("active"), Some(&1));
    assert_eq!(facts.options().tags.get("asp"), Some(&2));
    assert_eq!(facts.options().regions.len(), 2);
}

#[test]
fn bundled_cases_have_codes_present_from_their_facets() {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    });
    let facts = ListFacts::new(&lib, &empty_notes(None));
    assert!(!facts.options().codes.is_empty());
    let code = facts.options().codes.keys().next().expect("a code").clone();
    let mut choice = ListChoice::default();
    choice.codes.insert(code);
    let kept = facts.order(&choice);
    assert!(!kept.is_empty() && kept.len() <= lib.cases.len());
}

#[test]
fn first_year_reads_four_digit_numbers_only() {
    assert_eq!(first_year("1999 to about 2002"), Some(1999));
    assert_eq!(first_year("since 2001"), Some(2001));
    assert_eq!(first_year("12345 and 2003"), Some(2003));
    assert_eq!(first_year("Undated"), None);
    assert_eq!(first_year("é1998"), Some(1998));
}

#[test]
fn facts_gathered_at_load_are_shared_and_order_as_facts_gathered_in_the_frame() {
    let (mut lib, notes) = four();
    assert!(lib.list_facts().is_none(), "nothing gathered yet");
    let in_frame = ListFacts::new(&lib, &notes);
    lib.prepare_list();
    let prepared = lib.list_facts().expect("gathered with the library");
    // Moved as a loading thread hands it over: the facts still belong to it.
    let lib = std::sync::Arc::new(lib);
    let handed = ListFacts::new(&lib, &notes);
    assert!(
        std::sync::Arc::ptr_eq(handed.case_facts(), &prepared),
        "the frame uses the facts gathered at load, not a new gathering"
    );
    assert_eq!(**handed.case_facts(), **in_frame.case_facts());
    for sort in SortKey::ALL {
        for has_notes in [false, true] {
            let choice = ListChoice {
                has_notes,
                sort,
                ..ListChoice::default()
            };
            assert_eq!(handed.order(&choice), in_frame.order(&choice), "{sort:?}");
        }
    }
    let counts: Vec<usize> = (0..lib.cases.len()).map(|i| handed.notes(i)).collect();
    assert!(
        counts.iter().any(|&n| n > 0),
        "notes are counted: {counts:?}"
    );
}

#[test]
fn facts_of_replaced_cases_are_not_used() {
    let (mut lib, notes) = four();
    lib.prepare_list();
    let copy = lib.clone();
    assert!(copy.list_facts().is_none(), "a copy has its own case list");
    lib.cases.pop();
    assert!(lib.list_facts().is_none(), "a case fewer");
    assert_eq!(ListFacts::new(&lib, &notes).len(), lib.cases.len());
}

fn arb_choice() -> impl Strategy<Value = ListChoice> {
    (
        proptest::sample::subsequence(vec!["asp", "wap", "x", "none"], 0..=4),
        proptest::sample::subsequence(vec!["Europe", "Asia"], 0..=2),
        proptest::sample::subsequence(vec!["active", "ended", "terminated"], 0..=3),
        any::<bool>(),
        proptest::sample::select(SortKey::ALL.to_vec()),
        proptest::sample::select(vec!["", "a", "CH", "zz"]),
    )
        .prop_map(
            |(tags, regions, statuses, has_notes, sort, text)| ListChoice {
                text: text.into(),
                tags: tags.into_iter().map(Into::into).collect(),
                regions: regions.into_iter().map(Into::into).collect(),
                statuses: statuses.into_iter().collect(),
                has_notes,
                sort,
                ..ListChoice::default()
            },
        )
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(None))]
    /// Whatever the choice: each kept case once, each one matching every filter, every
    /// matching case kept, and the sort changes the order only, never the set.
    #[test]
    fn the_order_is_exactly_the_matching_cases(choice in arb_choice()) {
        let (lib, notes) = four();
        let facts = ListFacts::new(&lib, &notes);
        let order = facts.order(&choice);
        let mut seen = order.clone();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), order.len());
        let needle = choice.text.trim().to_lowercase();
        let matching: Vec<usize> = (0..lib.cases.len())
            .filter(|&i| {
                let c = &lib.cases[i].doc;
                (needle.is_empty() || crate::library::case_matches(c, &needle))
                    && (choice.tags.is_empty() || c.meta.tags.iter().any(|t| choice.tags.contains(t)))
                    && (choice.regions.is_empty()
                        || c.meta.region.as_ref().is_some_and(|r| choice.regions.contains(r)))
                    && (choice.statuses.is_empty()
                        || c.alliances.iter().any(|a| choice.statuses.contains(a.status.as_str())))
                    && (!choice.has_notes || facts.notes(i) > 0)
            })
            .collect();
        prop_assert_eq!(&seen, &matching);
        let unsorted = facts.order(&ListChoice { sort: SortKey::Library, ..choice.clone() });
        prop_assert_eq!(&unsorted, &matching, "load order is library order");
        if choice.sort == SortKey::MyNotes {
            prop_assert!(order.windows(2).all(|w| facts.notes(w[0]) >= facts.notes(w[1])));
        }
    }
}
