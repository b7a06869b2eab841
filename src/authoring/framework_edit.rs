//! Every edit of a framework file (`docs/FORMAT.md` §2): groups, dimensions and codes.
//!
//! Renaming a dimension id, or a code id (directly or by nesting the code elsewhere), returns
//! the [`Rewrite`] the cases and the user's notes need ([`super::Applied::rewrite`]).
//! The codebook's edits are in `codes`.

mod codes;

use self::codes::apply_code_edit;
use super::ids::{check_id, fresh_id, non_blank};
use super::rewrite::Rewrite;
use super::{Applied, AuthoringError};
use crate::format::{Code, Dimension, Framework, Group, Kind};

/// One change to a framework.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameworkEdit {
    /// Change the framework's id. Cases name their framework by id: the editor allows it only
    /// for a framework no loaded case names yet (a new one).
    SetId(String),
    /// Set the title.
    SetTitle(String),
    /// Set the description (`None` or blank: none).
    SetDescription(Option<String>),
    /// Add an empty group at position `at` (clamped).
    AddGroup {
        /// Position.
        at: usize,
        /// Its id (`None`: made from the title).
        id: Option<String>,
        /// Heading.
        title: String,
    },
    /// Change a group's heading.
    RenameGroup {
        /// The group's id.
        group: String,
        /// The new heading.
        title: String,
    },
    /// Move a group to position `to` (clamped).
    MoveGroup {
        /// The group's id.
        group: String,
        /// The new position.
        to: usize,
    },
    /// Delete an empty group (move or delete its dimensions first).
    DeleteGroup {
        /// The group's id.
        group: String,
    },
    /// Add a dimension to a group at position `at` (clamped).
    AddDimension {
        /// The group's id.
        group: String,
        /// Position in the group.
        at: usize,
        /// The dimension.
        dimension: Dimension,
    },
    /// Change a dimension's label.
    SetLabel {
        /// The dimension's id.
        dimension: String,
        /// The label.
        label: String,
    },
    /// Change a dimension's id (cases and notes follow through the returned rewrite).
    SetDimensionId {
        /// The dimension's id.
        dimension: String,
        /// The new id.
        id: String,
    },
    /// Change a dimension's kind (options go unless it is a choice, the family unless it
    /// holds codes). See [`super::impact`] for what it breaks in cases.
    SetKind {
        /// The dimension's id.
        dimension: String,
        /// The new kind.
        kind: Kind,
    },
    /// Set a choice dimension's options.
    SetOptions {
        /// The dimension's id.
        dimension: String,
        /// The options.
        options: Vec<String>,
    },
    /// Set a codes dimension's family (`None`: any code).
    SetFamily {
        /// The dimension's id.
        dimension: String,
        /// A code id.
        family: Option<String>,
    },
    /// Set a dimension's help (`None` or blank: none).
    SetHelp {
        /// The dimension's id.
        dimension: String,
        /// The help text.
        help: Option<String>,
    },
    /// Move a dimension to position `to` (clamped) of a group (the same or another).
    MoveDimension {
        /// The dimension's id.
        dimension: String,
        /// The group's id.
        group: String,
        /// The position there.
        to: usize,
    },
    /// Delete a dimension.
    DeleteDimension {
        /// The dimension's id.
        dimension: String,
    },
    /// Add a code (its parent, the id without its last part, must exist).
    AddCode(Code),
    /// Change a code's id, and those of the codes under it.
    RenameCode {
        /// The code's id.
        code: String,
        /// The new id (with the same parent, or another existing one).
        id: String,
    },
    /// Move a code (and the codes under it) under another parent, or to the top level.
    NestCode {
        /// The code's id.
        code: String,
        /// The new parent (`None`: top level).
        parent: Option<String>,
    },
    /// Change a code's label.
    SetCodeLabel {
        /// The code's id.
        code: String,
        /// The label.
        label: String,
    },
    /// Recolour a code (`None`: no colour).
    SetCodeColor {
        /// The code's id.
        code: String,
        /// `#rrggbb`.
        color: Option<String>,
    },
    /// Define a code (`None` or blank: no definition).
    SetCodeDefinition {
        /// The code's id.
        code: String,
        /// When to apply it.
        definition: Option<String>,
    },
    /// Set a code's example (`None` or blank: none).
    SetCodeExample {
        /// The code's id.
        code: String,
        /// A short example.
        example: Option<String>,
    },
    /// Set the literature a code rests on (blank items are dropped).
    SetCodeRefs {
        /// The code's id.
        code: String,
        /// References.
        refs: Vec<String>,
    },
    /// Move a code to position `to` (clamped) of the codebook.
    MoveCode {
        /// The code's id.
        code: String,
        /// The new position.
        to: usize,
    },
    /// Delete a code without codes under it.
    DeleteCode {
        /// The code's id.
        code: String,
    },
}

impl FrameworkEdit {
    /// What the edit does, in a few words.
    pub fn describe(&self) -> String {
        match self {
            Self::SetId(id) => format!("change the framework id to {id}"),
            Self::SetTitle(_) => "edit the title".into(),
            Self::SetDescription(_) => "edit the description".into(),
            Self::AddGroup { title, .. } => format!("add group “{title}”"),
            Self::RenameGroup { group, .. } => format!("rename group {group}"),
            Self::MoveGroup { group, .. } => format!("move group {group}"),
            Self::DeleteGroup { group } => format!("delete group {group}"),
            Self::AddDimension { dimension, .. } => format!("add dimension {}", dimension.id),
            Self::SetLabel { dimension, .. } => format!("rename dimension {dimension}"),
            Self::SetDimensionId { dimension, id } => {
                format!("change the id of {dimension} to {id}")
            }
            Self::SetKind { dimension, .. } => format!("change the kind of {dimension}"),
            Self::SetOptions { dimension, .. } => format!("edit the options of {dimension}"),
            Self::SetFamily { dimension, .. } => format!("edit the family of {dimension}"),
            Self::SetHelp { dimension, .. } => format!("edit the help of {dimension}"),
            Self::MoveDimension { dimension, .. } => format!("move dimension {dimension}"),
            Self::DeleteDimension { dimension } => format!("delete dimension {dimension}"),
            Self::AddCode(code) => format!("add code {}", code.id),
            Self::RenameCode { code, id } => format!("rename code {code} to {id}"),
            Self::NestCode { code, .. } => format!("move code {code}"),
            Self::SetCodeLabel { code, .. } => format!("rename code {code}"),
            Self::SetCodeColor { code, .. } => format!("recolour code {code}"),
            Self::SetCodeDefinition { code, .. } => format!("define code {code}"),
            Self::SetCodeExample { code, .. } => format!("edit the example of {code}"),
            Self::SetCodeRefs { code, .. } => format!("edit the references of {code}"),
            Self::MoveCode { code, .. } => format!("move code {code}"),
            Self::DeleteCode { code } => format!("delete code {code}"),
        }
    }

    /// True when the edit can change what cases hold or how they validate (ids, kinds,
    /// options, families, deletions): the editor asks [`super::impact`] about these only.
    pub fn touches_cases(&self) -> bool {
        matches!(
            self,
            Self::SetId(_)
                | Self::SetDimensionId { .. }
                | Self::SetKind { .. }
                | Self::SetOptions { .. }
                | Self::SetFamily { .. }
                | Self::DeleteDimension { .. }
                | Self::RenameCode { .. }
                | Self::NestCode { .. }
                | Self::DeleteCode { .. }
        )
    }

    /// Typed edits of the same field merge into one undo step.
    pub(crate) fn typing_key(&self) -> Option<String> {
        let key = match self {
            Self::SetTitle(_) => "title".to_owned(),
            Self::SetDescription(_) => "description".to_owned(),
            Self::RenameGroup { group, .. } => format!("group-title/{group}"),
            Self::SetLabel { dimension, .. } => format!("label/{dimension}"),
            Self::SetHelp { dimension, .. } => format!("help/{dimension}"),
            Self::SetOptions { dimension, .. } => format!("options/{dimension}"),
            Self::SetCodeLabel { code, .. } => format!("code-label/{code}"),
            // Dragging in a colour picker is one step.
            Self::SetCodeColor { code, .. } => format!("color/{code}"),
            Self::SetCodeDefinition { code, .. } => format!("definition/{code}"),
            Self::SetCodeExample { code, .. } => format!("example/{code}"),
            Self::SetCodeRefs { code, .. } => format!("refs/{code}"),
            _ => return None,
        };
        Some(key)
    }

    /// Applies the edit; on an error the framework may be partly changed (the draft restores
    /// it).
    pub(crate) fn apply(&self, fw: &mut Framework) -> Result<Applied, AuthoringError> {
        match self {
            Self::SetId(id) => {
                check_id("framework", id)?;
                fw.id = id.clone();
            }
            Self::SetTitle(t) => fw.title = t.clone(),
            Self::SetDescription(d) => fw.description = non_blank(d.as_deref()),
            Self::AddGroup { at, id, title } => return add_group(fw, *at, id.as_deref(), title),
            Self::RenameGroup { group, title } => {
                let gi = group_index(fw, group)?;
                fw.groups[gi].title = title.clone();
            }
            Self::MoveGroup { group, to } => {
                let g = fw.groups.remove(group_index(fw, group)?);
                let to = (*to).min(fw.groups.len());
                fw.groups.insert(to, g);
            }
            Self::DeleteGroup { group } => {
                let gi = group_index(fw, group)?;
                if !fw.groups[gi].dimensions.is_empty() {
                    return Err(AuthoringError::Invalid(format!(
                        "group {group} still has dimensions: move or delete them first"
                    )));
                }
                fw.groups.remove(gi);
            }
            Self::AddCode(_)
            | Self::RenameCode { .. }
            | Self::NestCode { .. }
            | Self::SetCodeLabel { .. }
            | Self::SetCodeColor { .. }
            | Self::SetCodeDefinition { .. }
            | Self::SetCodeExample { .. }
            | Self::SetCodeRefs { .. }
            | Self::MoveCode { .. }
            | Self::DeleteCode { .. } => return apply_code_edit(self, fw),
            _ => return apply_dimension_edit(self, fw),
        }
        Ok(Applied::default())
    }
}

fn group_index(fw: &Framework, group: &str) -> Result<usize, AuthoringError> {
    fw.groups
        .iter()
        .position(|g| g.id == group)
        .ok_or_else(|| AuthoringError::missing("group", group))
}

fn add_group(
    fw: &mut Framework,
    at: usize,
    id: Option<&str>,
    title: &str,
) -> Result<Applied, AuthoringError> {
    let id = fresh_id("group", id, title, |id| {
        fw.groups.iter().any(|g| g.id == id)
    })?;
    fw.groups.insert(
        at.min(fw.groups.len()),
        Group {
            id: id.clone(),
            title: title.to_owned(),
            dimensions: Vec::new(),
        },
    );
    Ok(Applied {
        created: Some(id),
        rewrite: None,
    })
}

fn dimension_mut<'a>(fw: &'a mut Framework, id: &str) -> Result<&'a mut Dimension, AuthoringError> {
    fw.groups
        .iter_mut()
        .flat_map(|g| g.dimensions.iter_mut())
        .find(|d| d.id == id)
        .ok_or_else(|| AuthoringError::missing("dimension", id))
}

/// Takes a dimension out of its group.
fn take_dimension(fw: &mut Framework, id: &str) -> Result<Dimension, AuthoringError> {
    for g in &mut fw.groups {
        if let Some(i) = g.dimensions.iter().position(|d| d.id == id) {
            return Ok(g.dimensions.remove(i));
        }
    }
    Err(AuthoringError::missing("dimension", id))
}

fn free_dimension_id(fw: &Framework, id: &str) -> Result<(), AuthoringError> {
    check_id("dimension", id)?;
    if fw.dimension(id).is_some() {
        return Err(AuthoringError::Taken {
            what: "dimension",
            id: id.to_owned(),
        });
    }
    Ok(())
}

fn apply_dimension_edit(
    edit: &FrameworkEdit,
    fw: &mut Framework,
) -> Result<Applied, AuthoringError> {
    let mut rewrite = None;
    match edit {
        FrameworkEdit::AddDimension {
            group,
            at,
            dimension,
        } => {
            free_dimension_id(fw, &dimension.id)?;
            let gi = group_index(fw, group)?;
            let dims = &mut fw.groups[gi].dimensions;
            dims.insert((*at).min(dims.len()), dimension.clone());
        }
        FrameworkEdit::SetLabel { dimension, label } => {
            dimension_mut(fw, dimension)?.label = label.clone();
        }
        FrameworkEdit::SetDimensionId { dimension, id } => {
            if id != dimension {
                free_dimension_id(fw, id)?;
                dimension_mut(fw, dimension)?.id = id.clone();
                rewrite = Some(Rewrite::Dimension {
                    from: dimension.clone(),
                    to: id.clone(),
                });
            }
        }
        FrameworkEdit::SetKind { dimension, kind } => {
            let d = dimension_mut(fw, dimension)?;
            d.kind = *kind;
            if *kind != Kind::Choice {
                d.options.clear();
            }
            if *kind != Kind::Codes {
                d.family = None;
            }
        }
        FrameworkEdit::SetOptions { dimension, options } => {
            dimension_mut(fw, dimension)?.options = options
                .iter()
                .map(|o| o.trim().to_owned())
                .filter(|o| !o.is_empty())
                .collect();
        }
        FrameworkEdit::SetFamily { dimension, family } => {
            dimension_mut(fw, dimension)?.family = non_blank(family.as_deref());
        }
        FrameworkEdit::SetHelp { dimension, help } => {
            dimension_mut(fw, dimension)?.help = non_blank(help.as_deref());
        }
        FrameworkEdit::MoveDimension {
            dimension,
            group,
            to,
        } => {
            let gi = group_index(fw, group)?;
            let d = take_dimension(fw, dimension)?;
            let dims = &mut fw.groups[gi].dimensions;
            dims.insert((*to).min(dims.len()), d);
        }
        FrameworkEdit::DeleteDimension { dimension } => {
            take_dimension(fw, dimension)?;
        }
        other => {
            return Err(AuthoringError::Invalid(format!(
                "cannot {} here",
                other.describe()
            )));
        }
    }
    Ok(Applied {
        created: None,
        rewrite,
    })
}
