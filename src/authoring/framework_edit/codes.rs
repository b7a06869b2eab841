//! The codebook's edits of [`FrameworkEdit`]: add, rename (with the codes under it), nest,
//! label, recolour, define, cite, move and delete codes.

use super::FrameworkEdit;
use crate::authoring::ids::non_blank;
use crate::authoring::rewrite::{Rewrite, renamed};
use crate::authoring::{Applied, AuthoringError};
use crate::format::{Code, Framework, Kind, is_valid_code_id, is_valid_color};

fn code_index(fw: &Framework, code: &str) -> Result<usize, AuthoringError> {
    fw.codes
        .iter()
        .position(|c| c.id == code)
        .ok_or_else(|| AuthoringError::missing("code", code))
}

fn check_code_id(fw: &Framework, id: &str) -> Result<(), AuthoringError> {
    if !is_valid_code_id(id) {
        return Err(AuthoringError::BadId {
            what: "code",
            id: id.to_owned(),
            rule: "use dotted parts of letters, digits and '-' (e.g. RAT.market-access)",
        });
    }
    if fw.code(id).is_some() {
        return Err(AuthoringError::Taken {
            what: "code",
            id: id.to_owned(),
        });
    }
    if let Some((parent, _)) = id.rsplit_once('.')
        && fw.code(parent).is_none()
    {
        return Err(AuthoringError::missing("parent code", parent));
    }
    Ok(())
}

pub(super) fn apply_code_edit(
    edit: &FrameworkEdit,
    fw: &mut Framework,
) -> Result<Applied, AuthoringError> {
    match edit {
        FrameworkEdit::AddCode(c) => add_code(fw, c)?,
        FrameworkEdit::RenameCode { code: from, id: to } => return rename_code(fw, from, to),
        FrameworkEdit::NestCode { code: from, parent } => {
            let last = from.rsplit('.').next().unwrap_or(from);
            let to = parent
                .as_ref()
                .map_or_else(|| last.to_owned(), |p| format!("{p}.{last}"));
            if parent
                .as_deref()
                .is_some_and(|p| renamed(p, from, from).is_some())
            {
                return Err(AuthoringError::Invalid(format!(
                    "{from} cannot be nested under itself or a code under it"
                )));
            }
            return rename_code(fw, from, &to);
        }
        FrameworkEdit::SetCodeLabel { code: id, label } => {
            let i = code_index(fw, id)?;
            fw.codes[i].label = label.clone();
        }
        FrameworkEdit::SetCodeColor { code: id, color } => {
            let i = code_index(fw, id)?;
            let color = non_blank(color.as_deref());
            check_color(color.as_ref())?;
            fw.codes[i].color = color;
        }
        FrameworkEdit::SetCodeDefinition {
            code: id,
            definition,
        } => {
            let i = code_index(fw, id)?;
            fw.codes[i].definition = non_blank(definition.as_deref());
        }
        FrameworkEdit::SetCodeExample { code: id, example } => {
            let i = code_index(fw, id)?;
            fw.codes[i].example = non_blank(example.as_deref());
        }
        FrameworkEdit::SetCodeRefs { code: id, refs } => {
            let i = code_index(fw, id)?;
            fw.codes[i].refs = refs
                .iter()
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty())
                .collect();
        }
        FrameworkEdit::MoveCode { code: id, to } => {
            let c = fw.codes.remove(code_index(fw, id)?);
            let to = (*to).min(fw.codes.len());
            fw.codes.insert(to, c);
        }
        FrameworkEdit::DeleteCode { code: id } => {
            let i = code_index(fw, id)?;
            if fw
                .codes
                .iter()
                .any(|c| c.parent.as_deref() == Some(id.as_str()))
            {
                return Err(AuthoringError::Invalid(format!(
                    "code {id} has codes under it: delete or move them first"
                )));
            }
            fw.codes.remove(i);
        }
        other => {
            return Err(AuthoringError::Invalid(format!(
                "cannot {} here",
                other.describe()
            )));
        }
    }
    Ok(Applied::default())
}

fn check_color(color: Option<&String>) -> Result<(), AuthoringError> {
    match color {
        Some(c) if !is_valid_color(c) => Err(AuthoringError::Invalid(format!(
            "colour \"{c}\" is not of the form #rrggbb"
        ))),
        _ => Ok(()),
    }
}

/// Adds a code after its parent's last descendant, so the codebook stays a tree in reading
/// order.
fn add_code(fw: &mut Framework, code: &Code) -> Result<(), AuthoringError> {
    check_code_id(fw, &code.id)?;
    check_color(code.color.as_ref())?;
    let mut c = code.clone();
    c.parent = c.id.rsplit_once('.').map(|(p, _)| p.to_owned());
    let at = match &c.parent {
        Some(p) => fw
            .codes
            .iter()
            .rposition(|x| renamed(&x.id, p, p).is_some())
            .map_or(fw.codes.len(), |i| i + 1),
        None => fw.codes.len(),
    };
    fw.codes.insert(at, c);
    Ok(())
}

/// Renames `from` and the codes under it to `to`; families follow.
fn rename_code(fw: &mut Framework, from: &str, to: &str) -> Result<Applied, AuthoringError> {
    code_index(fw, from)?;
    if from == to {
        return Ok(Applied::default());
    }
    check_code_id(fw, to)?;
    if renamed(to, from, from).is_some() {
        return Err(AuthoringError::Invalid(format!(
            "{from} cannot be renamed to {to}, which lies under it"
        )));
    }
    for c in &mut fw.codes {
        if let Some(new) = renamed(&c.id, from, to) {
            c.id = new;
            c.parent = c.id.rsplit_once('.').map(|(p, _)| p.to_owned());
        }
    }
    let mut dimensions = Vec::new();
    for d in fw.groups.iter_mut().flat_map(|g| g.dimensions.iter_mut()) {
        if let Some(new) = d.family.as_deref().and_then(|f| renamed(f, from, to)) {
            d.family = Some(new);
        }
        if d.kind == Kind::Codes {
            dimensions.push(d.id.clone());
        }
    }
    Ok(Applied {
        created: Some(to.to_owned()),
        rewrite: Some(Rewrite::Code {
            from: from.to_owned(),
            to: to.to_owned(),
            dimensions,
        }),
    })
}
