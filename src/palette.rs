//! The command palette's ranking: which command names match what the user typed, best first.
//! Pure (names in, indices out); the palette window in `ui/` only draws the answer.
//!
//! Matching is fuzzy in the way editors' palettes are: the typed letters must appear in the
//! name in order, not necessarily side by side ("cmpr" finds *Compare*), ignoring case and
//! accents (plain letters find accented ones). Words separated by spaces must each match.
//! Names whose letters match at word starts or side by side rank higher; among equal matches
//! the shorter name wins (*Compare* before *Comparison as HTML…*), then the table's order, so
//! the ranking is deterministic.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Indices into `names` of the names that match `query`, best first (ties: shorter first, then
/// table order).
/// An empty or blank query matches every name, in table order.
pub fn rank<S: AsRef<str>>(query: &str, names: &[S]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..names.len()).collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    // `new`, not `parse`: `!`, `^`, `'` and `$` are letters to find, not operators.
    let pattern = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut buf = Vec::new();
    let mut scored: Vec<(usize, u32, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let name = name.as_ref();
            let haystack = Utf32Str::new(name, &mut buf);
            let score = pattern.score(haystack, &mut matcher)?;
            Some((i, score, name.chars().count()))
        })
        .collect();
    // Stable: equal scores and lengths stay in table order.
    scored.sort_by_key(|&(_, score, len)| (std::cmp::Reverse(score), len));
    scored.into_iter().map(|(i, _, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::rank;

    const NAMES: [&str; 9] = [
        "Open files…",
        "Comparison as HTML… File > Export",
        "Reader",
        "Compare",
        "Copy comparison as Markdown",
        "Alliances",
        "Undo",
        "Theme: High contrast",
        "Keyboard shortcuts",
    ];

    fn names_of(query: &str) -> Vec<&'static str> {
        rank(query, &NAMES).into_iter().map(|i| NAMES[i]).collect()
    }

    #[test]
    fn letters_in_order_find_a_command() {
        let found = names_of("cmpr");
        assert_eq!(found.first(), Some(&"Compare"), "{found:?}");
        assert!(found.contains(&"Comparison as HTML… File > Export"));
        assert!(found.contains(&"Copy comparison as Markdown"));
        assert!(!found.contains(&"Reader"));
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        assert_eq!(names_of("UNDO"), vec!["Undo"]);
        assert_eq!(rank("ecole", &["Notes", "École"]), vec![1]);
    }

    #[test]
    fn each_word_must_match() {
        assert_eq!(names_of("high theme"), vec!["Theme: High contrast"]);
        assert!(names_of("high zebra").is_empty());
    }

    #[test]
    fn a_blank_query_lists_everything_in_table_order() {
        assert_eq!(rank("", &NAMES), (0..NAMES.len()).collect::<Vec<_>>());
        assert_eq!(rank("   ", &NAMES).len(), NAMES.len());
    }

    #[test]
    fn nothing_matches_letters_absent_from_every_name() {
        assert!(names_of("qqq").is_empty());
    }

    /// True when `needle`'s letters (ignoring case and spaces) appear in `hay` in order.
    fn subsequence(needle: &str, hay: &str) -> bool {
        let hay = hay.to_lowercase();
        let mut rest = hay.chars();
        needle
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| rest.any(|h| h == c))
    }

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(None))]
        /// Every name returned holds the query's letters in order, each name at most once,
        /// and every name whose letters are in order (one word, ASCII) is returned.
        #[test]
        fn results_are_exactly_the_ordered_subsequence_matches(query in "[a-z]{1,4}") {
            let found = rank(&query, &NAMES);
            let mut unique = found.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), found.len());
            for (i, name) in NAMES.iter().enumerate() {
                prop_assert_eq!(found.contains(&i), subsequence(&query, name), "{} / {}", query, name);
            }
        }

        /// Any name is found by itself, and ranks first (or ties with a name holding it).
        #[test]
        fn a_full_name_ranks_first(i in 0..NAMES.len()) {
            let found = rank(NAMES[i], &NAMES);
            let first = found.first().copied();
            prop_assert!(first.is_some());
            let first = NAMES[first.unwrap_or_default()];
            prop_assert!(first == NAMES[i] || first.to_lowercase().contains(&NAMES[i].to_lowercase()));
        }
    }
}
