//! Unit and property tests of the search.

use proptest::prelude::*;

use super::fold::{Folded, allowed_typos, fold, prefix_distance};
use super::*;
use crate::format::{Item, NotesFile};
use crate::library::{Bundled, Entry as LibEntry, LoadRequest, Origin};

/// The bundled frameworks with one case whose first paragraph is `text`.
fn library_with(text: &str) -> Library {
    let mut lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: Vec::new(),
    });
    let mut case = lib.cases[0].doc.clone();
    case.id = "t".into();
    case.title = "Tested case".into();
    case.sections.truncate(1);
    case.sections[0].paragraphs.truncate(1);
    case.sections[0].paragraphs[0].text = text.into();
    case.facets.clear();
    case.alliances.clear();
    case.questions.clear();
    let m = &mut case.meta;
    (m.organisations, m.tags, m.authors, m.sources) = (vec![], vec![], vec![], vec![]);
    (m.period, m.region, m.industry, m.license) = (None, None, None, None);
    case.subtitle = None;
    lib.cases = vec![LibEntry {
        origin: Origin::File("t.case.json".into()),
        doc: case,
    }];
    lib
}

fn run(lib: &Library, q: &str) -> Vec<CaseHits> {
    Index::build(lib, None).search(&Query::parse(q).expect("a query"))
}

fn slice(text: &str, r: &Range<usize>) -> String {
    text.chars().skip(r.start).take(r.end - r.start).collect()
}

#[test]
fn folding_strips_case_and_accents_and_maps_back() {
    assert_eq!(fold("ÁSP Café  Straße"), "asp cafe strasse");
    assert_eq!(fold("Cafe\u{301}"), "cafe");
    assert_eq!(fold("Łódź Œuvre"), "lodz oeuvre");
    let f = Folded::new("Ásp  Straße");
    assert_eq!(f.text, "asp strasse");
    assert_eq!(f.original_range(0, 3), 0..3);
    assert_eq!(f.original_range(4, 11), 5..11);
    let nfd = Folded::new("ca\u{301}fe x");
    assert_eq!(
        nfd.original_range(0, 2),
        0..3,
        "the mark goes with its letter"
    );
}

#[test]
fn latin_tables_cover_their_blocks() {
    assert_eq!(super::fold::tables_len(), (32, 128));
}

#[test]
fn typo_distance_and_allowance() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(
        prefix_distance(&c("allaince"), &c("alliance"), 2),
        Some((1, 8))
    );
    assert_eq!(
        prefix_distance(&c("alliance"), &c("alliances"), 2),
        Some((0, 8))
    );
    assert_eq!(prefix_distance(&c("hoster"), &c("partner"), 1), None);
    assert_eq!(
        [3, 4, 7, 8].map(allowed_typos),
        [0, 1, 1, 2],
        "words of 4+ chars allow 1, of 8+ allow 2"
    );
}

#[test]
fn accents_and_case_do_not_matter_either_way() {
    let lib = library_with("An ásp hosts applications.");
    let hits = run(&lib, "ASP");
    assert_eq!(hits.len(), 1);
    let hit = &hits[0].hits[0];
    assert_eq!(
        hit.place,
        Place::Paragraph {
            section: lib.cases[0].doc.sections[0].id.clone(),
            paragraph: lib.cases[0].doc.sections[0].paragraphs[0].id.clone(),
        }
    );
    assert_eq!(hit.range, 3..6);
    assert_eq!(slice("An ásp hosts applications.", &hit.range), "ásp");
    let lib = library_with("An ASP hosts applications.");
    assert_eq!(run(&lib, "ásp")[0].hits[0].range, 3..6);
}

#[test]
fn a_typo_finds_the_word() {
    let lib = library_with("They formed an alliance with Oracle.");
    let hits = run(&lib, "allaince");
    assert_eq!(hits[0].hits[0].range, 15..23);
    assert!(run(&lib, "orcale").len() == 1, "6 letters allow one swap");
    assert!(run(&lib, "xyzzy").is_empty());
}

#[test]
fn a_phrase_matches_exactly_and_words_all_must_match() {
    let text = "Hosting partners were cut. Partners hosting apps stayed.";
    let lib = library_with(text);
    let hits = run(&lib, "\"partners hosting\"");
    assert_eq!(hits[0].hits[0].matches, vec![27..43]);
    assert_eq!(slice(text, &hits[0].hits[0].range), "Partners hosting");
    assert!(run(&lib, "\"hosting apps were\"").is_empty());
    assert!(run(&lib, "hosting zebra").is_empty(), "AND of words");
    assert_eq!(run(&lib, "hosting stayed")[0].hits[0].matches.len(), 3);
}

#[test]
fn no_match_and_empty_queries() {
    let lib = library_with("Nothing to see.");
    assert!(run(&lib, "\"nothing at all\"").is_empty());
    assert_eq!(Query::parse("  \"\" - "), None);
    assert_eq!(
        Query::parse("Café \"Big  ASP\" x-ray").map(|q| q.terms),
        Some(vec![
            Term::Word("cafe".into()),
            Term::Phrase("big asp".into()),
            Term::Word("x".into()),
            Term::Word("ray".into()),
        ])
    );
}

#[test]
fn snippets_mark_the_match_on_one_line() {
    let text = format!("{}\nthe ASP model{}", "a".repeat(50), "b".repeat(50));
    let lib = library_with(&text);
    let hit = &run(&lib, "asp")[0].hits[0];
    let s = &hit.snippet;
    assert!(
        s.text.starts_with('…') && s.text.ends_with('…'),
        "{}",
        s.text
    );
    assert!(!s.text.contains('\n'));
    assert_eq!(slice(&s.text, &s.mark), "ASP");
    assert!(s.text.chars().count() <= 65);
}

#[test]
fn the_bundled_library_is_searched_everywhere_in_library_order() {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: Vec::new(),
    });
    let order: Vec<&str> = lib.cases.iter().map(|c| c.doc.id.as_str()).collect();
    let hits = run(&lib, "asp");
    let ids: Vec<&str> = hits.iter().map(|c| c.case.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_by_key(|id| order.iter().position(|o| o == id));
    assert_eq!(ids, sorted);
    let places: Vec<&Place> = hits
        .iter()
        .flat_map(|c| &c.hits)
        .map(|h| &h.place)
        .collect();
    assert!(places.contains(&&Place::Title));
    assert!(places.iter().any(|p| matches!(p, Place::Meta { .. })));
    assert!(places.iter().any(|p| matches!(p, Place::Facet { .. })));
    assert!(places.iter().any(|p| matches!(p, Place::Paragraph { .. })));
}

#[test]
fn two_words_find_exactly_the_places_holding_both() {
    let lib = Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: Vec::new(),
    });
    let places = |q: &str| -> Vec<(String, Place)> {
        let hits = run(&lib, q).into_iter();
        hits.flat_map(|c| c.hits.into_iter().map(move |h| (c.case.clone(), h.place)))
            .collect()
    };
    let (a, b) = (places("hosting"), places("partnr"));
    let both: Vec<_> = a.iter().filter(|p| b.contains(p)).cloned().collect();
    let together = places("partnr hosting");
    assert!(together.iter().all(|p| both.contains(p)));
    // Paragraph places are one text each: there, both words in the place is a hit.
    let paragraph = |p: &&(String, Place)| matches!(p.1, Place::Paragraph { .. });
    let expected: Vec<_> = both.iter().filter(paragraph).collect();
    let found: Vec<_> = together.iter().filter(paragraph).collect();
    assert!(
        expected.len() > 3 && both.len() < a.len(),
        "{} of {}",
        both.len(),
        a.len()
    );
    assert_eq!(found, expected);
}

#[test]
fn notes_and_highlight_comments_are_searched() {
    let lib = library_with("Some text.");
    let mut notes: NotesFile = crate::format::empty_notes(None);
    let item: Item = serde_json::from_value(serde_json::json!({
        "id": "n1", "kind": "memo", "case": "t", "title": "Pricing memo",
        "text": "Ask about the zebra clause", "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00Z"
    }))
    .expect("an item");
    notes.items.push(item);
    let index = Index::build(&lib, Some(&notes));
    let hits = index.search(&Query::parse("zebra").expect("a query"));
    assert_eq!(hits[0].hits[0].place, Place::Note { item: "n1".into() });
    assert_eq!(
        index.search(&Query::parse("pricing").expect("q"))[0]
            .hits
            .len(),
        1
    );
    notes.items[0].deleted = true;
    let index = Index::build(&lib, Some(&notes));
    assert!(index.search(&Query::parse("zebra").expect("q")).is_empty());
}

/// The hits in the paragraph (not the title "Tested case").
fn paragraph_hits(hits: Vec<CaseHits>) -> Vec<Hit> {
    let hits = hits.into_iter().flat_map(|c| c.hits);
    hits.filter(|h| matches!(h.place, Place::Paragraph { .. }))
        .collect()
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "asp",
        "Ásp",
        "alliance",
        "ALLIANZ",
        "hosting",
        "Straße",
        "café",
        "cafe\u{301}",
        "öl",
        "partner",
        "partnér",
        "oracle",
        "x",
        "Łódź",
    ])
    .prop_map(str::to_owned)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            word(),
            prop::sample::select(vec![" ", "  ", ", ", "\n", "-"]),
        ),
        1..12,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| w + s).collect())
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(None))]
    #[test]
    fn every_hit_slices_text_that_matches(text in text(), q in word()) {
        let lib = library_with(&text);
        let query = Query::parse(&q).expect("a query");
        let Term::Word(w) = &query.terms[0] else { unreachable!() };
        let qchars: Vec<char> = w.chars().collect();
        for hit in paragraph_hits(run(&lib, &q)) {
            for r in &hit.matches {
                let found = fold(&slice(&text, r));
                let fchars: Vec<char> = found.chars().collect();
                let near = prefix_distance(&qchars, &fchars, allowed_typos(qchars.len()));
                prop_assert!(found.contains(w.as_str()) || near.is_some(), "{found:?} for {w:?}");
            }
        }
    }

    #[test]
    fn every_phrase_hit_contains_the_phrase(text in text(), a in word(), b in word()) {
        let lib = library_with(&text);
        let phrase = format!("\"{a} {b}\"");
        let Some(Term::Phrase(p)) = Query::parse(&phrase).map(|q| q.terms[0].clone()) else {
            unreachable!()
        };
        let expected = fold(&text).contains(p.as_str());
        let hits = paragraph_hits(run(&lib, &phrase));
        prop_assert_eq!(hits.is_empty(), !expected);
        for hit in hits {
            prop_assert!(fold(&slice(&text, &hit.range)).contains(p.as_str()));
        }
    }

    #[test]
    fn an_exact_word_is_always_found(text in text()) {
        let first = text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty());
        let first = first.expect("a word").to_owned();
        prop_assert!(!paragraph_hits(run(&library_with(&text), &first)).is_empty());
    }
}
