//! The case text in the editor: each section's heading and paragraphs, with split at the
//! cursor, merge with the next, move, add and delete. Paragraph ids are never renumbered (the
//! core gives a new paragraph the next free `pN`).

use egui::{RichText, Ui};

use super::goto::Goto;
use super::{push, typed};
use crate::authoring::{CaseEdit, Place};
use crate::format::{Case, Section};
use crate::workspace::Action;
use crate::workspace::editing::EditorCmd;

/// Every section, then *Add section*. `cursor` keeps where the text cursor last was in a
/// paragraph, for *Split at the cursor*.
pub(super) fn text_ui(
    ui: &mut Ui,
    case: &Case,
    cursor: &mut Option<(String, String, usize)>,
    goto: &mut Option<Goto>,
    actions: &mut Vec<Action>,
) {
    for (index, section) in case.sections.iter().enumerate() {
        ui.push_id(("section", &section.id), |ui| {
            section_ui(ui, section, index, cursor, goto, actions);
        });
        ui.separator();
    }
    if ui.button("Add section").clicked() {
        let edit = CaseEdit::AddSection {
            at: case.sections.len(),
            id: None,
            title: "New section".into(),
        };
        push(actions, EditorCmd::Apply(edit));
    }
}

fn section_ui(
    ui: &mut Ui,
    section: &Section,
    index: usize,
    cursor: &mut Option<(String, String, usize)>,
    goto: &mut Option<Goto>,
    actions: &mut Vec<Action>,
) {
    let title = section.title.clone();
    let place = Place::Section(section.id.to_string());
    super::goto::at(ui, goto, &place, |ui| {
        heading_ui(ui, section, index, title, actions);
    });
    let count = section.paragraphs.len();
    for (at, paragraph) in section.paragraphs.iter().enumerate() {
        let place = Place::Paragraph(format!("{}/{}", section.id, paragraph.id));
        ui.push_id(&paragraph.id, |ui| {
            super::goto::at(ui, goto, &place, |ui| {
                paragraph_ui(ui, section, at, count, cursor, actions);
            });
        });
    }
    if ui.small_button("Add paragraph").clicked() {
        let edit = CaseEdit::AddParagraph {
            section: section.id.to_string(),
            at: count,
            text: String::new(),
        };
        push(actions, EditorCmd::Apply(edit));
    }
}

/// A section's heading, *Move up* and *Delete section*.
fn heading_ui(
    ui: &mut Ui,
    section: &Section,
    index: usize,
    mut title: String,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("Heading").strong());
        let r = ui
            .add(egui::TextEdit::singleline(&mut title).desired_width(240.0))
            .labelled_by(label.id);
        typed(&r, title, &section.title, actions, |title| {
            CaseEdit::RenameSection {
                section: section.id.to_string(),
                title,
            }
        });
        let id = section.id.to_string();
        if index > 0 && ui.small_button("Move up").clicked() {
            let to = index - 1;
            push(
                actions,
                EditorCmd::Apply(CaseEdit::MoveSection {
                    section: id.clone(),
                    to,
                }),
            );
        }
        if ui.small_button("Delete section").clicked() {
            push(
                actions,
                EditorCmd::Apply(CaseEdit::DeleteSection { section: id }),
            );
        }
    });
}

/// One paragraph's text and its buttons.
fn paragraph_ui(
    ui: &mut Ui,
    section: &Section,
    at: usize,
    count: usize,
    cursor: &mut Option<(String, String, usize)>,
    actions: &mut Vec<Action>,
) {
    let paragraph = &section.paragraphs[at];
    let label = ui.label(
        RichText::new(format!("Text of ¶ {}/{}", section.id, paragraph.id))
            .small()
            .weak(),
    );
    let mut text = paragraph.text.clone();
    let output = egui::TextEdit::multiline(&mut text)
        .desired_rows(2)
        .desired_width(f32::INFINITY)
        .show(ui);
    let _ = output.response.response.clone().labelled_by(label.id);
    if let Some(range) = output.cursor_range {
        *cursor = Some((
            section.id.to_string(),
            paragraph.id.to_string(),
            range.primary.index.0,
        ));
    }
    typed(&output.response, text, &paragraph.text, actions, |text| {
        CaseEdit::EditParagraph {
            section: section.id.to_string(),
            paragraph: paragraph.id.to_string(),
            text,
        }
    });
    paragraph_buttons(ui, section, at, count, cursor.as_ref(), actions);
}

/// Split at the cursor, merge with the next, move up and down, delete.
fn paragraph_buttons(
    ui: &mut Ui,
    section: &Section,
    at: usize,
    count: usize,
    cursor: Option<&(String, String, usize)>,
    actions: &mut Vec<Action>,
) {
    let paragraph = &section.paragraphs[at];
    let (s, p) = (section.id.clone(), paragraph.id.clone());
    let here = cursor.filter(|(cs, cp, _)| *cs == s && *cp == p);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                here.is_some(),
                egui::Button::new("Split at the cursor").small(),
            )
            .on_disabled_hover_text("Click in this paragraph's text where it should split")
            .clicked()
            && let Some((_, _, offset)) = here
        {
            let edit = CaseEdit::SplitParagraph {
                section: s.to_string(),
                paragraph: p.to_string(),
                at: *offset,
            };
            push(actions, EditorCmd::Apply(edit));
        }
        if at + 1 < count && ui.small_button("Merge with next").clicked() {
            let edit = CaseEdit::MergeWithNext {
                section: s.to_string(),
                paragraph: p.to_string(),
            };
            push(actions, EditorCmd::Apply(edit));
        }
        let mut move_to = |to: usize| {
            let edit = CaseEdit::MoveParagraph {
                section: s.to_string(),
                paragraph: p.to_string(),
                to_section: s.to_string(),
                to,
            };
            push(actions, EditorCmd::Apply(edit));
        };
        if at > 0 && ui.small_button("Up").clicked() {
            move_to(at - 1);
        }
        if at + 1 < count && ui.small_button("Down").clicked() {
            move_to(at + 1);
        }
        if ui.small_button("Delete").clicked() {
            let edit = CaseEdit::DeleteParagraph {
                section: s.to_string(),
                paragraph: p.to_string(),
            };
            push(actions, EditorCmd::Apply(edit));
        }
    });
}
