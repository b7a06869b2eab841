//! Applying a [`CaseEdit`] to a case.

use super::case_edit::{CaseEdit, EvidenceOwner, FacetValue, MetaList, MetaText};
use super::case_text::{
    add_alliance, add_section, alliance_index, merge_with_next, move_paragraph, next_paragraph_id,
    paragraph_index, question_mut, section_index, split,
};
use super::ids::{check_id, next_id, non_blank, taken};
use super::{Applied, AuthoringError};
use crate::format::{Case, Evidence, Facet, Framework, Paragraph, Question, Source};

impl CaseEdit {
    /// Applies the edit; on an error the case may be partly changed (the draft restores it).
    pub(crate) fn apply(
        &self,
        case: &mut Case,
        framework: Option<&Framework>,
    ) -> Result<Applied, AuthoringError> {
        match self {
            Self::SetTitle(t) => case.title = t.clone(),
            Self::SetSubtitle(s) => case.subtitle = non_blank(s.as_deref()),
            Self::SetMetaText { field, value } => {
                *meta_text(case, *field) = non_blank(value.as_deref());
            }
            Self::SetMetaList { field, values } => {
                *meta_list(case, *field) = values
                    .iter()
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .collect();
            }
            Self::AddSource { id, citation, url } => {
                return add_source(case, id.as_deref(), citation, url.as_deref());
            }
            Self::EditSource {
                source,
                citation,
                url,
            } => {
                let s = find_source(case, source)?;
                s.citation = citation.clone();
                s.url = non_blank(url.as_deref());
            }
            Self::RemoveSource { source } => {
                find_source(case, source)?;
                case.meta.sources.retain(|s| s.id != source);
            }
            Self::SetFacet { dimension, value } => set_facet(case, framework, dimension, value)?,
            Self::AddEvidence { to, evidence } => evidence_list(case, to)?.push(evidence.clone()),
            Self::RemoveEvidence { from, index } => {
                let list = evidence_list(case, from)?;
                if *index >= list.len() {
                    return Err(AuthoringError::missing(
                        "piece of evidence",
                        index.to_string(),
                    ));
                }
                list.remove(*index);
            }
            Self::Rewrite(r) => {
                r.apply_to_case(case);
            }
            _ => return apply_text(self, case),
        }
        Ok(Applied::default())
    }
}

/// Applies the edits of sections, paragraphs, alliances and questions.
fn apply_text(edit: &CaseEdit, case: &mut Case) -> Result<Applied, AuthoringError> {
    let created = match edit {
        CaseEdit::AddSection { at, id, title } => {
            Some(add_section(case, *at, id.as_deref(), title)?)
        }
        CaseEdit::RenameSection { section, title } => {
            let si = section_index(case, section)?;
            case.sections[si].title = title.clone();
            None
        }
        CaseEdit::MoveSection { section, to } => {
            let si = section_index(case, section)?;
            let s = case.sections.remove(si);
            let to = (*to).min(case.sections.len());
            case.sections.insert(to, s);
            None
        }
        CaseEdit::DeleteSection { section } => {
            let si = section_index(case, section)?;
            case.sections.remove(si);
            None
        }
        CaseEdit::EditParagraph {
            section,
            paragraph,
            text,
        } => {
            let (si, pi) = paragraph_index(case, section, paragraph)?;
            case.sections[si].paragraphs[pi].text = text.clone();
            None
        }
        CaseEdit::SplitParagraph {
            section,
            paragraph,
            at,
        } => Some(split(case, section, paragraph, *at)?),
        CaseEdit::MergeWithNext { section, paragraph } => {
            merge_with_next(case, section, paragraph)?;
            None
        }
        CaseEdit::MoveParagraph {
            section,
            paragraph,
            to_section,
            to,
        } => Some(move_paragraph(case, section, paragraph, to_section, *to)?),
        CaseEdit::AddParagraph { section, at, text } => {
            let si = section_index(case, section)?;
            let id = next_paragraph_id(case, si);
            let s = &mut case.sections[si];
            let at = (*at).min(s.paragraphs.len());
            s.paragraphs.insert(
                at,
                Paragraph {
                    id: id.as_str().into(),
                    text: text.clone(),
                },
            );
            Some(id)
        }
        CaseEdit::DeleteParagraph { section, paragraph } => {
            let (si, pi) = paragraph_index(case, section, paragraph)?;
            case.sections[si].paragraphs.remove(pi);
            None
        }
        _ => return apply_lists(edit, case),
    };
    Ok(Applied {
        created,
        rewrite: None,
    })
}

/// Alliances and questions.
fn apply_lists(edit: &CaseEdit, case: &mut Case) -> Result<Applied, AuthoringError> {
    let created = match edit {
        CaseEdit::AddAlliance(alliance) => Some(add_alliance(case, alliance)?),
        CaseEdit::EditAlliance { alliance, with } => {
            let i = alliance_index(case, alliance)?;
            if with.id != *alliance {
                check_id("alliance", &with.id)?;
                if case.alliances.iter().any(|a| a.id == with.id) {
                    return Err(taken("alliance", &with.id));
                }
            }
            case.alliances[i] = (**with).clone();
            None
        }
        CaseEdit::DeleteAlliance { alliance } => {
            let i = alliance_index(case, alliance)?;
            case.alliances.remove(i);
            None
        }
        CaseEdit::AddQuestion { text, audience } => {
            let id = next_id("q", case.questions.iter().map(|q| q.id.as_str()));
            case.questions.push(Question {
                id: id.as_str().into(),
                text: text.clone(),
                audience: *audience,
            });
            Some(id)
        }
        CaseEdit::EditQuestion {
            question,
            text,
            audience,
        } => {
            let q = question_mut(case, question)?;
            q.text = text.clone();
            q.audience = *audience;
            None
        }
        CaseEdit::DeleteQuestion { question } => {
            question_mut(case, question)?;
            case.questions.retain(|q| q.id != question);
            None
        }
        other => {
            return Err(AuthoringError::Invalid(format!(
                "cannot {} here",
                other.describe()
            )));
        }
    };
    Ok(Applied {
        created,
        rewrite: None,
    })
}

fn meta_text(case: &mut Case, field: MetaText) -> &mut Option<String> {
    match field {
        MetaText::Period => &mut case.meta.period,
        MetaText::Region => &mut case.meta.region,
        MetaText::Industry => &mut case.meta.industry,
        MetaText::License => &mut case.meta.license,
    }
}

fn meta_list(case: &mut Case, field: MetaList) -> &mut Vec<String> {
    match field {
        MetaList::Organisations => &mut case.meta.organisations,
        MetaList::Tags => &mut case.meta.tags,
        MetaList::Authors => &mut case.meta.authors,
    }
}

fn find_source<'a>(case: &'a mut Case, id: &str) -> Result<&'a mut Source, AuthoringError> {
    case.meta
        .sources
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or_else(|| AuthoringError::missing("source", id))
}

fn add_source(
    case: &mut Case,
    id: Option<&str>,
    citation: &str,
    url: Option<&str>,
) -> Result<Applied, AuthoringError> {
    let taken = |id: &str| case.meta.sources.iter().any(|s| s.id == id);
    let id = match id {
        Some(id) => {
            check_id("source", id)?;
            if taken(id) {
                return Err(AuthoringError::Taken {
                    what: "source",
                    id: id.to_owned(),
                });
            }
            id.to_owned()
        }
        None => (1..)
            .map(|n| format!("source-{n}"))
            .find(|id| !taken(id))
            .unwrap_or_default(),
    };
    case.meta.sources.push(Source {
        id: id.as_str().into(),
        citation: citation.to_owned(),
        url: non_blank(url),
    });
    Ok(Applied {
        created: Some(id),
        rewrite: None,
    })
}

fn set_facet(
    case: &mut Case,
    framework: Option<&Framework>,
    dimension: &str,
    value: &FacetValue,
) -> Result<(), AuthoringError> {
    // Removing a facet needs no dimension: it is how a facet of a deleted dimension goes.
    if *value == FacetValue::NotCovered {
        case.facets.remove(dimension);
        return Ok(());
    }
    let dim = match framework {
        Some(fw) => Some(
            fw.dimension(dimension)
                .ok_or_else(|| AuthoringError::missing("dimension", dimension))?,
        ),
        None => None,
    };
    if let (Some(dim), Some(kind)) = (dim, value.kind())
        && dim.kind != kind
    {
        return Err(AuthoringError::WrongKind {
            dimension: dimension.to_owned(),
            expected: dim.kind.expected(),
        });
    }
    match value {
        FacetValue::NotCovered => {
            case.facets.remove(dimension);
        }
        FacetValue::Unknown(reason) => {
            case.facets.insert(
                dimension.into(),
                Facet {
                    value: None,
                    evidence: Vec::new(),
                    unknown: Some(reason.clone()),
                    bound: None,
                },
            );
        }
        _ => {
            let Some((json, bound)) = value.json() else {
                return Ok(());
            };
            let evidence = case
                .facets
                .remove(dimension)
                .map(|f| f.evidence)
                .unwrap_or_default();
            case.facets.insert(
                dimension.into(),
                Facet {
                    value: Some(json),
                    evidence,
                    unknown: None,
                    bound,
                },
            );
        }
    }
    Ok(())
}

fn evidence_list<'a>(
    case: &'a mut Case,
    owner: &EvidenceOwner,
) -> Result<&'a mut Vec<Evidence>, AuthoringError> {
    match owner {
        EvidenceOwner::Facet(d) => {
            let facet = case
                .facets
                .get_mut(d.as_str())
                .ok_or_else(|| AuthoringError::missing("facet", d.clone()))?;
            if facet.value.is_none() {
                return Err(AuthoringError::Invalid(format!(
                    "the facet {d} has no value: set one before adding evidence"
                )));
            }
            Ok(&mut facet.evidence)
        }
        EvidenceOwner::Alliance(a) => case
            .alliances
            .iter_mut()
            .find(|x| x.id == a)
            .map(|x| &mut x.evidence)
            .ok_or_else(|| AuthoringError::missing("alliance", a.clone())),
    }
}
