//! The bundled corpus: every value has evidence, quotes occur, enough is covered, questions exist.

use caselens::format::Audience;
use caselens::library::{Bundled, Library, LoadRequest};

const EXPECTED_CASES: [&str; 11] = [
    "company-a",
    "company-b",
    "siebel-partners",
    "toysrus-amazon",
    "usinternetworking",
    "corio",
    "jamcracker",
    "futurelink",
    "netledger-oracle",
    "agilera",
    "asp-industry-consortium",
];

fn bundled() -> Library {
    Library::load(&LoadRequest {
        bundled: Bundled::All,
        paths: vec![],
    })
}

#[test]
fn every_bundled_file_loads() {
    let lib = bundled();
    let problems: Vec<String> = lib
        .failed()
        .flat_map(|f| f.problems.iter().map(ToString::to_string))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    for id in EXPECTED_CASES {
        assert!(lib.case(id).is_some(), "missing bundled case {id}");
    }
    assert_eq!(lib.notes.len(), 1, "the sample lecture notes load");
}

#[test]
fn every_value_has_evidence_that_occurs() {
    let lib = bundled();
    for entry in &lib.cases {
        let case = &entry.doc;
        for (dim, facet) in &case.facets {
            if facet.value.is_some() {
                assert!(
                    !facet.evidence.is_empty(),
                    "{}: {dim} has a value without evidence",
                    case.id
                );
            }
            for e in &facet.evidence {
                if let Some(r) = &e.reference {
                    let p = case
                        .paragraph(r)
                        .unwrap_or_else(|| panic!("{}: {dim}: no paragraph {r}", case.id));
                    if let Some(q) = &e.quote {
                        assert!(
                            p.text.contains(q.as_str()),
                            "{}: {dim}: quote {q:?} not in {r}",
                            case.id
                        );
                    }
                }
                if let Some(s) = &e.source {
                    assert!(
                        case.source(s).is_some(),
                        "{}: {dim}: source {s} not listed",
                        case.id
                    );
                }
            }
        }
        for a in &case.alliances {
            assert!(
                !a.evidence.is_empty(),
                "{}: alliance {} has no evidence",
                case.id,
                a.id
            );
        }
    }
}

#[test]
fn every_case_covers_at_least_15_dimensions_and_has_questions() {
    let lib = bundled();
    for entry in &lib.cases {
        let case = &entry.doc;
        let fw = lib.framework(&case.framework).expect("framework loaded");
        let covered = fw
            .dimensions()
            .filter(|(_, d)| case.facets.contains_key(&d.id))
            .count();
        assert!(
            covered >= 15,
            "{} covers only {covered} dimensions",
            case.id
        );
        let students = case
            .questions
            .iter()
            .filter(|q| q.audience == Audience::Student)
            .count();
        let instructors = case
            .questions
            .iter()
            .filter(|q| q.audience == Audience::Instructor)
            .count();
        assert!(
            students >= 3 && instructors >= 1,
            "{}: {students} student, {instructors} instructor questions",
            case.id
        );
        assert!(
            case.sections.len() >= 4,
            "{}: fewer than four sections",
            case.id
        );
    }
}

#[test]
fn company_a_and_b_do_not_guess_which_kept_alliances_out() {
    let lib = bundled();
    for id in ["company-a", "company-b"] {
        let facet = &lib.case(id).unwrap().facets["alliances-in-model"];
        assert!(facet.unknown.is_some(), "{id}: the seed does not say");
    }
}

#[test]
fn codebook_codes_have_definition_example_refs_and_colour() {
    let lib = bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    for root in [
        "RAT", "TYPE", "PHASE", "SUCCESS", "FAIL", "VALUE", "PRACTICE",
    ] {
        assert!(fw.code(root).is_some(), "family {root}");
    }
    for code in fw.codes.iter().filter(|c| c.parent.is_some()) {
        assert!(
            code.definition.as_deref().is_some_and(|d| !d.is_empty()),
            "{}",
            code.id
        );
        assert!(code.example.is_some(), "{} has no example", code.id);
        assert!(!code.refs.is_empty(), "{} has no refs", code.id);
        assert!(code.color.is_some(), "{} has no colour", code.id);
    }
}
