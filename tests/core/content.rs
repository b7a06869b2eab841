//! The bundled corpus: every value has evidence, quotes occur, enough is covered, questions exist.

use caselens::format::{Audience, Facet, Kind};
use caselens::library::Library;

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

#[test]
fn every_bundled_file_loads() {
    let lib = Library::bundled();
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
    let lib = Library::bundled();
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
    let lib = Library::bundled();
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
    let lib = Library::bundled();
    for id in ["company-a", "company-b"] {
        let facet = &lib.case(id).unwrap().facets["alliances-in-model"];
        assert!(facet.unknown.is_some(), "{id}: the seed does not say");
    }
}

#[test]
fn codebook_codes_have_definition_example_refs_and_colour() {
    let lib = Library::bundled();
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

/// Phrases by which a sentence says that the material does not state something.
const NOT_STATED: &[&str] = &[
    "does not say",
    "do not say",
    "did not say",
    "does not state",
    "do not state",
    "not stated",
    "does not describe",
    "do not describe",
    "not described",
    "does not give",
    "do not give",
    "gives no",
    "give no",
    "does not name",
    "do not name",
    "names no",
    "says nothing",
    "say nothing",
    "is silent",
    "are silent",
    "does not confirm",
    "do not confirm",
    "not confirmed",
    "not reported",
    "does not show",
    "do not show",
    "does not record",
    "do not record",
    "does not mention",
    "do not mention",
    "mentions no",
    "does not settle",
    "do not settle",
    "cannot settle",
    "never says",
    "never calls",
    "never states",
    "not known",
    "is open",
];

/// Phrases that make a figure a bound or an approximation rather than an exact value.
const BOUND_PHRASES: &[&str] = &[
    "more than",
    "over",
    "about",
    "at least",
    "up to",
    "at most",
    "less than",
    "fewer than",
    "around",
    "approximately",
    "nearly",
    "almost",
    "roughly",
];

/// For each `bool` dimension, words of which evidence for a value must name at least one.
/// Words with a capital letter match case-sensitively ("ASP"), the others in any case.
const PROPERTY_WORDS: &[(&str, &[&str])] = &[
    ("is-asp", &["ASP", "application service", "host"]),
    ("alliances-in-model", &["alliance", "partner", "deal"]),
    ("exclusivity", &["exclusiv"]),
];

/// The quoted evidence of a facet as (paragraph text, quote), skipping quotes that do not occur
/// (those fail `every_value_has_evidence_that_occurs`).
fn quotes<'a>(case: &'a caselens::format::Case, facet: &'a Facet) -> Vec<(&'a str, &'a str)> {
    facet
        .evidence
        .iter()
        .filter_map(|e| {
            let text = case.paragraph(e.reference.as_deref()?)?.text.as_str();
            let quote = e.quote.as_deref()?;
            text.contains(quote).then_some((text, quote))
        })
        .collect()
}

/// Byte offsets just after each sentence end: `.`, `!`, `?` or `;` before white space or the
/// end, or a line break. A full stop after a single capital (the initials in "K.B.
/// Chandrasekhar", "J.D. Edwards") does not end a sentence.
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let at_break = next.is_none_or(char::is_whitespace);
        let initial = c == '.'
            && k >= 1
            && chars[k - 1].1.is_uppercase()
            && (k == 1 || !chars[k - 2].1.is_alphanumeric());
        if c == '\n' || (matches!(c, '.' | '!' | '?' | ';') && at_break && !initial) {
            ends.push(i + c.len_utf8());
        }
    }
    ends
}

/// The sentence or sentences of `text` that hold the first occurrence of `quote`.
fn sentence_around<'a>(text: &'a str, quote: &str) -> &'a str {
    let from = text.find(quote).unwrap_or(0);
    let to = from + quote.len();
    let ends = sentence_ends(text);
    let start = ends
        .iter()
        .copied()
        .filter(|&e| e <= from)
        .max()
        .unwrap_or(0);
    let end = ends
        .iter()
        .copied()
        .filter(|&e| e >= to)
        .min()
        .unwrap_or(text.len());
    &text[start..end]
}

fn says_not_stated(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    NOT_STATED.iter().any(|p| s.contains(p))
}

/// True when `phrase` occurs in `text` as whole words, in any case.
fn has_phrase(text: &str, phrase: &str) -> bool {
    let text = text.to_lowercase();
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn names(quote: &str, word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        quote.contains(word)
    } else {
        quote.to_lowercase().contains(word)
    }
}

#[test]
fn no_value_rests_only_on_sentences_that_say_the_material_is_silent() {
    let lib = Library::bundled();
    let mut failures = Vec::new();
    for entry in &lib.cases {
        let case = &entry.doc;
        for (dim, facet) in case.facets.iter().filter(|(_, f)| f.value.is_some()) {
            let quoted = quotes(case, facet);
            let sentences: Vec<&str> = quoted.iter().map(|(t, q)| sentence_around(t, q)).collect();
            if !sentences.is_empty() && sentences.iter().all(|s| says_not_stated(s)) {
                failures.push(format!(
                    "{}: {dim}: every quote sits in a sentence saying the material is silent: {sentences:?}",
                    case.id
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn bool_facets_have_evidence_that_names_the_property() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    for (_, dim) in fw.dimensions().filter(|(_, d)| d.kind == Kind::Bool) {
        assert!(
            PROPERTY_WORDS.iter().any(|(id, _)| *id == dim.id),
            "bool dimension {} needs its property words in PROPERTY_WORDS",
            dim.id
        );
    }
    let mut failures = Vec::new();
    for entry in &lib.cases {
        let case = &entry.doc;
        for (dim, words) in PROPERTY_WORDS {
            let Some(facet) = case.facets.get(*dim).filter(|f| f.value.is_some()) else {
                continue;
            };
            let quoted = quotes(case, facet);
            if !quoted
                .iter()
                .any(|(_, q)| words.iter().any(|w| names(q, w)))
            {
                failures.push(format!(
                    "{}: {dim}: no evidence quote names {words:?}: {:?}",
                    case.id,
                    quoted.iter().map(|(_, q)| q).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Digit runs (other than years) and proper names in an unconfirmed source's citation that
/// the case does not have from elsewhere: its title and its confirmed sources' citations.
fn telltales(case: &caselens::format::Case, citation: &str) -> Vec<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let known: Vec<&str> = std::iter::once(case.title.as_str())
        .chain(
            case.meta
                .sources
                .iter()
                .filter(|s| !s.is_unconfirmed())
                .map(|s| s.citation.as_str()),
        )
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .collect();
    let mut out = Vec::new();
    for digits in citation
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() >= 2)
    {
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        if !year {
            out.push(digits.to_owned());
        }
    }
    for word in citation
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .skip(1)
    {
        let acronym = word.len() <= 3 && word.chars().all(char::is_uppercase);
        if word.chars().next().is_some_and(char::is_uppercase)
            && word.len() >= 3
            && !acronym
            && !MONTHS.contains(&word)
            && !known.contains(&word)
        {
            out.push(word.to_owned());
        }
    }
    out
}

fn tokens(text: &str) -> Vec<&str> {
    let digits = text.split(|c: char| !c.is_ascii_digit());
    let words = text.split(|c: char| !c.is_alphabetic());
    digits.chain(words).filter(|t| !t.is_empty()).collect()
}

#[test]
fn unconfirmed_sources_are_used_only_by_facets() {
    let lib = Library::bundled();
    let mut failures = Vec::new();
    for entry in &lib.cases {
        let case = &entry.doc;
        for source in case.meta.sources.iter().filter(|s| s.is_unconfirmed()) {
            for a in &case.alliances {
                if a.evidence
                    .iter()
                    .any(|e| e.source.as_deref() == Some(&source.id))
                {
                    failures.push(format!(
                        "{}: alliance {} cites unconfirmed source {}",
                        case.id, a.id, source.id
                    ));
                }
            }
            // Everything a reader sees except the facets that cite this source.
            let mut texts: Vec<(String, String)> = vec![
                ("title".into(), case.title.clone()),
                ("subtitle".into(), case.subtitle.clone().unwrap_or_default()),
                (
                    "meta".into(),
                    serde_json::to_string(&case.meta.organisations).unwrap(),
                ),
                (
                    "meta".into(),
                    serde_json::to_string(&case.meta.tags).unwrap(),
                ),
            ];
            for s in [&case.meta.period, &case.meta.region, &case.meta.industry] {
                texts.push(("meta".into(), s.clone().unwrap_or_default()));
            }
            for s in &case.sections {
                for p in &s.paragraphs {
                    texts.push((format!("{}/{}", s.id, p.id), p.text.clone()));
                }
            }
            for a in &case.alliances {
                texts.push((
                    format!("alliance {}", a.id),
                    format!("{} {:?}", a.partner, a.summary),
                ));
            }
            for q in &case.questions {
                texts.push((format!("question {}", q.id), q.text.clone()));
            }
            for (dim, f) in &case.facets {
                if !f
                    .evidence
                    .iter()
                    .any(|e| e.source.as_deref() == Some(&source.id))
                {
                    let value = f
                        .value
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let unknown = f.unknown.clone().unwrap_or_default();
                    texts.push((format!("facet {dim}"), format!("{value} {unknown}")));
                }
            }
            let tells = telltales(case, &source.citation);
            for (place, text) in &texts {
                for t in tokens(text) {
                    if tells.iter().any(|x| x == t) {
                        failures.push(format!(
                            "{}: {place} uses \"{t}\" from unconfirmed source {}",
                            case.id, source.id
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_figure_given_as_a_bound_is_marked_as_one() {
    let lib = Library::bundled();
    let fw = lib.framework("asp-alliances").unwrap();
    let mut failures = Vec::new();
    for entry in &lib.cases {
        let case = &entry.doc;
        for (dim, facet) in &case.facets {
            let numeric = fw
                .dimension(dim)
                .is_some_and(|d| matches!(d.kind, Kind::Number | Kind::Year));
            if !numeric || facet.value.is_none() || facet.bound.is_some() {
                continue;
            }
            for (_, quote) in quotes(case, facet) {
                if let Some(p) = BOUND_PHRASES.iter().find(|p| has_phrase(quote, p)) {
                    failures.push(format!(
                        "{}: {dim}: quote {quote:?} says \"{p}\" but the value has no `bound`",
                        case.id
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
