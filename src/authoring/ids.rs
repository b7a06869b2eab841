//! Ids and small text rules shared by the case and framework edits.

use super::AuthoringError;
use crate::format::is_valid_id;

const ID_RULE: &str =
    "use 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

/// Refuses an id that is not well formed.
pub(crate) fn check_id(what: &'static str, id: &str) -> Result<(), AuthoringError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(AuthoringError::BadId {
            what,
            id: id.to_owned(),
            rule: ID_RULE,
        })
    }
}

/// The id of something new: `given` when it is valid and free, else one made from `title`
/// (its slug, then `-2`, `-3`, … until free; `what` when the title has no letters).
pub(crate) fn fresh_id(
    what: &'static str,
    given: Option<&str>,
    title: &str,
    taken: impl Fn(&str) -> bool,
) -> Result<String, AuthoringError> {
    if let Some(id) = given {
        check_id(what, id)?;
        if taken(id) {
            return Err(AuthoringError::Taken {
                what,
                id: id.to_owned(),
            });
        }
        return Ok(id.to_owned());
    }
    let base = crate::format::slug(title).map_or_else(
        || what.to_owned(),
        |s| s.chars().take(56).collect::<String>(),
    );
    Ok(crate::format::free_id(&base, taken))
}

/// `None` for absent or blank text.
pub(crate) fn non_blank(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty()).map(str::to_owned)
}

pub(crate) fn taken(what: &'static str, id: &str) -> AuthoringError {
    AuthoringError::Taken {
        what,
        id: id.to_owned(),
    }
}

/// `prefix` plus one more than the highest number among `ids` of the form `prefixN`.
pub(crate) fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let highest = ids
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}
