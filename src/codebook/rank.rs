//! How well a code matches a search: the label first (exact, then starting with the search,
//! then every word starting a word of the label, then anywhere in it), then the path (an
//! ancestor's label), and only then the id or the definition. Pure rules, shared by the code
//! picker and the command line.

use super::CodeEntry;

/// How a code matched a search; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchRank {
    /// The label is the search ("Vendor dependence" for "vendor dependence").
    ExactLabel,
    /// The label starts with the search ("Vendor dependence" for "vendor dep").
    LabelPrefix,
    /// Every word of the search starts a word of the label ("dep vendor").
    LabelWordPrefix,
    /// Every word is somewhere in the label.
    InLabel,
    /// Every word is in the labels of the code and its ancestors.
    InPath,
    /// Some word is only in the id or the definition.
    Elsewhere,
}

/// The lower-cased words of a search.
pub(super) fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// How `entry` matches the search `words` (lower-cased, see [`words`]); `None` when some word is
/// in none of its label, path, id and definition.
pub(super) fn rank(entry: &CodeEntry, words: &[String]) -> Option<MatchRank> {
    let label = entry.label.to_lowercase();
    let joined = words.join(" ");
    if label.split_whitespace().collect::<Vec<_>>().join(" ") == joined {
        return Some(MatchRank::ExactLabel);
    }
    if !joined.is_empty() && label.starts_with(&joined) {
        return Some(MatchRank::LabelPrefix);
    }
    let label_words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .all(|w| label_words.iter().any(|l| l.starts_with(w.as_str())))
    {
        return Some(MatchRank::LabelWordPrefix);
    }
    if words.iter().all(|w| label.contains(w.as_str())) {
        return Some(MatchRank::InLabel);
    }
    let path = entry.path.to_lowercase();
    if words.iter().all(|w| path.contains(w.as_str())) {
        return Some(MatchRank::InPath);
    }
    let hay = format!(
        "{path} {} {}",
        entry.id.to_lowercase(),
        entry
            .definition
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
    );
    words
        .iter()
        .all(|w| hay.contains(w.as_str()))
        .then_some(MatchRank::Elsewhere)
}
