//! The user's own codes in their notes file: add, rename, recolour, nest, merge and delete,
//! each one undoable edit of the [`NoteBook`].

use std::collections::HashMap;

use crate::format::new_id;
use crate::format::{NotesFile, UserCode, now, slug};
use crate::notes::EditError;
use crate::notes::book::NoteBook;

/// What deleting a user code would do, said before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeImpact {
    /// Codes removed (the code and the codes nested under it).
    pub codes: Vec<String>,
    /// Live items that would lose one of these codes.
    pub items: usize,
}

impl CodeImpact {
    /// A sentence for the confirmation dialog.
    pub fn describe(&self) -> String {
        let nested = self.codes.len().saturating_sub(1);
        let mut s = format!("{} item(s) will lose this code", self.items);
        if nested > 0 {
            s.push_str(&format!("; {nested} nested code(s) are deleted with it"));
        }
        s.push_str(". The items themselves are kept.");
        s
    }
}

impl NoteBook {
    /// Adds a user code; its id is `USER.<slug of label>` (under `parent` if given).
    pub fn add_code(
        &mut self,
        label: &str,
        color: &str,
        parent: Option<&str>,
    ) -> Result<String, EditError> {
        let slug = slug(label).ok_or(EditError::EmptyLabel)?;
        let base = parent.unwrap_or("USER");
        let id = format!("{base}.{slug}");
        self.edit(|f| {
            if let Some(p) = parent
                && !f.codes.iter().any(|c| c.id == p)
            {
                return Err(EditError::NoCode(p.to_owned()));
            }
            if f.codes.iter().any(|c| c.id == id) {
                return Err(EditError::CodeExists(id.clone()));
            }
            f.codes.push(UserCode {
                id: id.clone(),
                label: label.trim().to_owned(),
                color: Some(color.to_owned()),
                parent: parent.map(str::to_owned),
                definition: None,
                guid: Some(new_id()),
                codable: None,
            });
            Ok(id.clone())
        })
    }

    /// Renames a user code (its id stays, so items keep it).
    pub fn rename_code(&mut self, id: &str, label: &str) -> Result<(), EditError> {
        self.edit(|f| {
            let code = f
                .codes
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(|| EditError::NoCode(id.to_owned()))?;
            code.label = label.trim().to_owned();
            Ok(())
        })
    }

    /// Sets a user code's colour (`#rrggbb`).
    pub fn recolour_code(&mut self, id: &str, color: &str) -> Result<(), EditError> {
        self.edit(|f| {
            let code = f
                .codes
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(|| EditError::NoCode(id.to_owned()))?;
            code.color = Some(color.to_owned());
            Ok(())
        })
    }

    /// Nests a user code under another (or back at the top with `None`). Code ids are paths
    /// (FORMAT.md), so the code and everything under it get new ids and items follow.
    pub fn nest_code(&mut self, id: &str, parent: Option<&str>) -> Result<String, EditError> {
        self.edit(|f| {
            if !f.codes.iter().any(|c| c.id == id) {
                return Err(EditError::NoCode(id.to_owned()));
            }
            if let Some(p) = parent {
                if p == id || p.starts_with(&format!("{id}.")) {
                    return Err(EditError::Cycle);
                }
                if !f.codes.iter().any(|c| c.id == p) {
                    return Err(EditError::NoCode(p.to_owned()));
                }
            }
            let last = id.rsplit('.').next().unwrap_or(id);
            let new_id = format!("{}.{last}", parent.unwrap_or("USER"));
            if new_id != id && f.codes.iter().any(|c| c.id == new_id) {
                return Err(EditError::CodeExists(new_id));
            }
            let renames: HashMap<String, String> = f
                .codes
                .iter()
                .filter(|c| c.id == id || c.id.starts_with(&format!("{id}.")))
                .map(|c| (c.id.clone(), format!("{new_id}{}", &c.id[id.len()..])))
                .collect();
            for c in &mut f.codes {
                if let Some(n) = renames.get(&c.id) {
                    c.id = n.clone();
                    c.parent = n
                        .rsplit_once('.')
                        .map(|(p, _)| p.to_owned())
                        .filter(|p| p != "USER");
                }
            }
            rewrite_item_codes(f, |code| renames.get(code).cloned().map(Some));
            Ok(new_id.clone())
        })
    }

    /// Merges user code `from` into `into`: items move to the kept code; `from` goes away.
    pub fn merge_codes(&mut self, from: &str, into: &str) -> Result<(), EditError> {
        self.edit(|f| {
            if from == into || into.starts_with(&format!("{from}.")) {
                return Err(EditError::Cycle);
            }
            if !f.codes.iter().any(|c| c.id == from) {
                return Err(EditError::NoCode(from.to_owned()));
            }
            // `into` may be a framework code; only user codes must exist here.
            if into.starts_with("USER.") && !f.codes.iter().any(|c| c.id == into) {
                return Err(EditError::NoCode(into.to_owned()));
            }
            // Codes nested under `from` move under `into` when it is a user code, else to the top.
            let new_parent = if into.starts_with("USER.") {
                into.to_owned()
            } else {
                "USER".to_owned()
            };
            let renames: HashMap<String, String> = f
                .codes
                .iter()
                .filter(|c| c.id.starts_with(&format!("{from}.")))
                .map(|c| (c.id.clone(), format!("{new_parent}{}", &c.id[from.len()..])))
                .collect();
            f.codes.retain(|c| c.id != from);
            for c in &mut f.codes {
                if let Some(n) = renames.get(&c.id) {
                    c.id = n.clone();
                    c.parent = n
                        .rsplit_once('.')
                        .map(|(p, _)| p.to_owned())
                        .filter(|p| p != "USER");
                }
            }
            rewrite_item_codes(f, |code| {
                if code == from {
                    Some(Some(into.to_owned()))
                } else {
                    renames.get(code).cloned().map(Some)
                }
            });
            Ok(())
        })
    }

    /// What [`NoteBook::delete_code`] would do.
    pub fn code_impact(&self, id: &str) -> CodeImpact {
        let codes: Vec<String> = self
            .file
            .codes
            .iter()
            .filter(|c| c.id == id || c.id.starts_with(&format!("{id}.")))
            .map(|c| c.id.clone())
            .collect();
        let items = self
            .items()
            .filter(|i| i.codes.iter().any(|c| codes.iter().any(|k| k == c)))
            .count();
        CodeImpact { codes, items }
    }

    /// Deletes a user code and the codes nested under it; items keep everything else.
    pub fn delete_code(&mut self, id: &str) -> Result<CodeImpact, EditError> {
        let impact = self.code_impact(id);
        if impact.codes.is_empty() {
            return Err(EditError::NoCode(id.to_owned()));
        }
        self.edit(|f| {
            f.codes.retain(|c| !impact.codes.contains(&c.id));
            rewrite_item_codes(f, |code| {
                if impact.codes.iter().any(|c| c == code) {
                    Some(None)
                } else {
                    None
                }
            });
            Ok(())
        })?;
        Ok(impact)
    }
}

/// Applies `map` to every live item's codes: `None` keeps a code, `Some(None)` drops it,
/// `Some(Some(new))` replaces it. Changed items get a new `modified`.
fn rewrite_item_codes(f: &mut NotesFile, map: impl Fn(&str) -> Option<Option<String>>) {
    let t = now();
    for item in f.items.iter_mut().filter(|i| !i.deleted) {
        let mut codes: Vec<crate::format::Id> = Vec::with_capacity(item.codes.len());
        for c in &item.codes {
            match map(c) {
                None => codes.push(c.clone()),
                Some(Some(n)) => codes.push(n.into()),
                Some(None) => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        codes.retain(|c| seen.insert(c.clone()));
        if codes != item.codes {
            item.codes = codes;
            item.modified.clone_from(&t);
        }
    }
}
