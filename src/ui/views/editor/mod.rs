//! The case editor: a form beside the case text (the same reader, not another window) for
//! everything of a case file: details, sources, the text, facets with evidence, alliances and
//! questions, with the validator's problems listed above. Every change is an
//! [`EditorCmd`] on the workspace, which keeps the draft, its undo and its checks.
//!
//! Its parts: `facets` (a facet by its dimension's kind, and its evidence) and `text` (sections
//! and paragraphs); this file draws the header, the details, sources, alliances and questions.

mod facets;
mod goto;
mod header;
mod text;

use egui::{RichText, Ui};

use crate::authoring::{CaseEdit, MetaList, MetaText, Place};
use crate::format::{Alliance, AllianceStatus, Audience, Case};
use crate::ui::views::reader::Selection;
use crate::workspace::editing::EditorCmd;
use crate::workspace::{Action, Passage, Workspace};
use goto::Part;

/// What the editor keeps between frames: the cursor of the paragraph last typed in (for
/// *Split at the cursor*) and the texts of things being added.
#[derive(Default)]
pub struct EditorView {
    /// `(section, paragraph, char offset)` of the last text cursor in a paragraph.
    cursor: Option<(String, String, usize)>,
    new_question: String,
    new_partner: String,
    new_source: String,
    /// The facet last edited: Ctrl+Shift+U gives it the selection as evidence.
    last: Option<crate::authoring::EvidenceOwner>,
    /// The field of the problem clicked last.
    goto: Option<goto::Goto>,
}

/// Pushes an editor command.
fn push(actions: &mut Vec<Action>, cmd: EditorCmd) {
    actions.push(Action::Editor(cmd));
}

/// A one-line field bound to `value`: typing sends `make(new text)` as typing (one undo step
/// until the field loses focus).
fn line_field(
    ui: &mut Ui,
    label: &str,
    value: &str,
    actions: &mut Vec<Action>,
    make: impl FnOnce(String) -> CaseEdit,
) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let mut text = value.to_owned();
        let response = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        typed(&response, text, value, actions, make);
    });
}

/// A field whose value is parsed from its text (a list, a number): while it has the focus it
/// keeps what was typed ("Acme;", "1.", a new blank line), which the value parsed back would
/// lose at once; without the focus it shows the value. `add` draws the field with the text
/// and the id it is given.
fn buffered(
    ui: &mut Ui,
    key: &str,
    shown: &str,
    add: impl FnOnce(&mut Ui, &mut String, egui::Id) -> egui::Response,
) -> (egui::Response, String) {
    let id = ui.make_persistent_id(("buffered", key));
    let typing = ui.memory(|m| m.has_focus(id));
    let mut text = typing
        .then(|| ui.data(|d| d.get_temp::<String>(id)))
        .flatten()
        .unwrap_or_else(|| shown.to_owned());
    let response = add(ui, &mut text, id);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    } else {
        ui.data_mut(|d| d.remove_temp::<String>(id));
    }
    (response, text)
}

/// Sends the edit of a field that changed, and ends the typing step when it loses focus.
fn typed(
    response: &egui::Response,
    text: String,
    before: &str,
    actions: &mut Vec<Action>,
    make: impl FnOnce(String) -> CaseEdit,
) {
    if response.changed() && text != before {
        push(actions, EditorCmd::Type(make(text)));
    }
    if response.lost_focus() {
        push(actions, EditorCmd::EndTyping);
    }
}

impl EditorView {
    /// Draws the editor of the case being edited (the reader shows its text beside it).
    /// `selection` is the text selected in the reader, which *Use as evidence* takes.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        selection: Option<&Selection>,
        actions: &mut Vec<Action>,
    ) {
        let Some(editor) = &ws.editor else {
            return;
        };
        let case = editor.draft.doc();
        let key = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::U,
        );
        if ui.input_mut(|i| i.consume_shortcut(&key))
            && let (Some(sel), Some(owner)) = (selection, &self.last)
        {
            push(actions, facets::use_selection(owner, sel));
        }
        header::header_ui(ui, ws, actions);
        ui.separator();
        // A fixed problem no longer marks its field.
        let problems = editor.draft.problems();
        if self
            .goto
            .as_ref()
            .is_some_and(|g| !problems.iter().any(|p| p.pointer == g.pointer))
        {
            self.goto = None;
        }
        let mut goto = self.goto.take();
        egui::ScrollArea::vertical()
            .id_salt("case-editor")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                problems_ui(ui, case, problems, &mut goto, actions);
                let opens = goto::Opens::of(goto.as_ref());
                egui::CollapsingHeader::new("Title and details")
                    .default_open(true)
                    .open(opens.get(Part::Details))
                    .show(ui, |ui| {
                        goto::at(ui, &mut goto, &Place::Header(String::new()), |ui| {
                            details_ui(ui, case, actions);
                        });
                    });
                let open = opens.get(Part::Sources);
                egui::CollapsingHeader::new(format!("Sources ({})", case.meta.sources.len()))
                    .open(open)
                    .show(ui, |ui| self.sources_ui(ui, case, &mut goto, actions));
                let open = opens.get(Part::Facets);
                egui::CollapsingHeader::new("Facets")
                    .default_open(true)
                    .open(open)
                    .show(ui, |ui| {
                        let last = &mut self.last;
                        facets::facets_ui(ui, ws, case, selection, last, &mut goto, actions);
                    });
                let open = opens.get(Part::Text);
                egui::CollapsingHeader::new(format!("Text ({} sections)", case.sections.len()))
                    .open(open)
                    .show(ui, |ui| {
                        text::text_ui(ui, case, &mut self.cursor, &mut goto, actions);
                    });
                let open = opens.get(Part::Alliances);
                egui::CollapsingHeader::new(format!("Alliances ({})", case.alliances.len()))
                    .default_open(true)
                    .open(open)
                    .show(ui, |ui| {
                        self.alliances_ui(ui, case, selection, &mut goto, actions);
                    });
                let open = opens.get(Part::Questions);
                egui::CollapsingHeader::new(format!("Questions ({})", case.questions.len()))
                    .default_open(true)
                    .open(open)
                    .show(ui, |ui| self.questions_ui(ui, case, &mut goto, actions));
            });
        self.goto = goto;
    }

    fn sources_ui(
        &mut self,
        ui: &mut Ui,
        case: &Case,
        goto: &mut Option<goto::Goto>,
        actions: &mut Vec<Action>,
    ) {
        for source in &case.meta.sources {
            let place = Place::Source(source.id.to_string());
            ui.push_id(("source", &source.id), |ui| {
                goto::at(ui, goto, &place, |ui| {
                    ui.label(RichText::new(source.id.as_str()).small().weak());
                    let url = source.url.clone().unwrap_or_default();
                    line_field(ui, "Citation", &source.citation, actions, |citation| {
                        CaseEdit::EditSource {
                            source: source.id.to_string(),
                            citation,
                            url: source.url.clone(),
                        }
                    });
                    line_field(ui, "Address", &url, actions, |url| CaseEdit::EditSource {
                        source: source.id.to_string(),
                        citation: source.citation.clone(),
                        url: Some(url),
                    });
                    if ui.small_button("Remove source").clicked() {
                        let source = source.id.to_string();
                        push(actions, EditorCmd::Apply(CaseEdit::RemoveSource { source }));
                    }
                });
            });
            ui.separator();
        }
        ui.horizontal(|ui| {
            let label = ui.label("New source");
            ui.add(egui::TextEdit::singleline(&mut self.new_source).hint_text("Citation"))
                .labelled_by(label.id);
            if ui.button("Add").clicked() && !self.new_source.trim().is_empty() {
                let citation = std::mem::take(&mut self.new_source);
                push(
                    actions,
                    EditorCmd::Apply(CaseEdit::AddSource {
                        id: None,
                        citation,
                        url: None,
                    }),
                );
            }
        });
    }

    fn alliances_ui(
        &mut self,
        ui: &mut Ui,
        case: &Case,
        selection: Option<&Selection>,
        goto: &mut Option<goto::Goto>,
        actions: &mut Vec<Action>,
    ) {
        for alliance in &case.alliances {
            let place = Place::Alliance(alliance.id.to_string());
            ui.push_id(("alliance", &alliance.id), |ui| {
                goto::at(ui, goto, &place, |ui| {
                    alliance_ui(ui, case, alliance, selection, actions);
                });
            });
            ui.separator();
        }
        ui.horizontal(|ui| {
            let label = ui.label("New alliance with");
            ui.add(egui::TextEdit::singleline(&mut self.new_partner).hint_text("Partner"))
                .labelled_by(label.id);
            if ui.button("Add alliance").clicked() && !self.new_partner.trim().is_empty() {
                let alliance = Alliance {
                    id: Default::default(),
                    partner: std::mem::take(&mut self.new_partner),
                    types: Vec::new(),
                    rationale: Vec::new(),
                    phase: None,
                    status: AllianceStatus::Unknown,
                    summary: None,
                    evidence: Vec::new(),
                };
                push(
                    actions,
                    EditorCmd::Apply(CaseEdit::AddAlliance(Box::new(alliance))),
                );
            }
        });
    }

    fn questions_ui(
        &mut self,
        ui: &mut Ui,
        case: &Case,
        goto: &mut Option<goto::Goto>,
        actions: &mut Vec<Action>,
    ) {
        for q in &case.questions {
            let place = Place::Question(q.id.to_string());
            ui.push_id(("question", &q.id), |ui| {
                goto::at(ui, goto, &place, |ui| {
                    let label = ui.label(RichText::new(format!("Question {}", q.id)).small());
                    let mut text = q.text.clone();
                    let response = ui
                        .add(
                            egui::TextEdit::multiline(&mut text)
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    typed(&response, text, &q.text, actions, |text| {
                        CaseEdit::EditQuestion {
                            question: q.id.to_string(),
                            text,
                            audience: q.audience,
                        }
                    });
                    ui.horizontal(|ui| {
                        let mut instructor = q.audience == Audience::Instructor;
                        if ui.checkbox(&mut instructor, "For instructors").changed() {
                            let audience = if instructor {
                                Audience::Instructor
                            } else {
                                Audience::Student
                            };
                            let edit = CaseEdit::EditQuestion {
                                question: q.id.to_string(),
                                text: q.text.clone(),
                                audience,
                            };
                            push(actions, EditorCmd::Apply(edit));
                        }
                        if ui.small_button("Delete question").clicked() {
                            let question = q.id.to_string();
                            push(
                                actions,
                                EditorCmd::Apply(CaseEdit::DeleteQuestion { question }),
                            );
                        }
                    });
                });
            });
        }
        let label = ui.label("New question");
        ui.add(
            egui::TextEdit::multiline(&mut self.new_question)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        if ui.button("Add question").clicked() && !self.new_question.trim().is_empty() {
            let text = std::mem::take(&mut self.new_question);
            let edit = CaseEdit::AddQuestion {
                text,
                audience: Audience::Student,
            };
            push(actions, EditorCmd::Apply(edit));
        }
    }
}

/// The validator's problems, each a link to its field (and to its passage in the case text
/// when it is about one).
fn problems_ui(
    ui: &mut Ui,
    case: &Case,
    problems: &[crate::validate::Issue],
    goto: &mut Option<goto::Goto>,
    actions: &mut Vec<Action>,
) {
    if problems.is_empty() {
        ui.label(RichText::new("No problems: the case is valid.").small());
        return;
    }
    egui::CollapsingHeader::new(RichText::new(format!("Problems ({})", problems.len())).strong())
        .default_open(true)
        .show(ui, |ui| {
            for issue in problems {
                let text = format!("{}: {}", issue.pointer, issue.message);
                if !ui.link(text).clicked() {
                    continue;
                }
                let place = crate::authoring::place(case, &issue.pointer);
                let paragraph = paragraph_of(case, &place);
                *goto = Some(goto::Goto {
                    place,
                    pointer: issue.pointer.clone(),
                    message: issue.message.clone(),
                    scroll: true,
                });
                if let Some(paragraph) = paragraph {
                    actions.push(Action::OpenCase {
                        case: case.id.clone(),
                        at: Some(Passage {
                            paragraph,
                            quote: None,
                            range: None,
                        }),
                    });
                }
            }
        });
}

/// The paragraph (`section/paragraph`) a problem's field is about, if any: a paragraph, or a
/// piece of evidence that refers to one.
fn paragraph_of(case: &Case, place: &Place) -> Option<String> {
    match place {
        Place::Paragraph(address) => Some(address.clone()),
        Place::Evidence(dim, i) => case
            .facets
            .get(dim.as_str())?
            .evidence
            .get(*i)?
            .reference
            .as_deref()
            .map(str::to_owned),
        _ => None,
    }
}

fn details_ui(ui: &mut Ui, case: &Case, actions: &mut Vec<Action>) {
    line_field(ui, "Title", &case.title, actions, CaseEdit::SetTitle);
    let subtitle = case.subtitle.clone().unwrap_or_default();
    line_field(ui, "Subtitle", &subtitle, actions, |s| {
        CaseEdit::SetSubtitle(Some(s))
    });
    let meta = &case.meta;
    for (label, field, value) in [
        ("Period", MetaText::Period, &meta.period),
        ("Region", MetaText::Region, &meta.region),
        ("Industry", MetaText::Industry, &meta.industry),
        ("Licence", MetaText::License, &meta.license),
    ] {
        let value = value.clone().unwrap_or_default();
        line_field(ui, label, &value, actions, |v| CaseEdit::SetMetaText {
            field,
            value: Some(v),
        });
    }
    for (label, field, values) in [
        (
            "Organisations",
            MetaList::Organisations,
            &meta.organisations,
        ),
        ("Authors", MetaList::Authors, &meta.authors),
        ("Tags", MetaList::Tags, &meta.tags),
    ] {
        let joined = values.join("; ");
        ui.horizontal(|ui| {
            let name = format!("{label} (; between)");
            let label = ui.label(&name);
            let (response, text) = buffered(ui, &name, &joined, |ui, text, id| {
                ui.add(
                    egui::TextEdit::singleline(text)
                        .id(id)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
            });
            typed(&response, text, &joined, actions, |v| {
                CaseEdit::SetMetaList {
                    field,
                    values: v.split(';').map(|s| s.trim().to_owned()).collect(),
                }
            });
        });
    }
}

/// One alliance: partner, status, summary, its evidence, delete.
fn alliance_ui(
    ui: &mut Ui,
    case: &Case,
    alliance: &Alliance,
    selection: Option<&Selection>,
    actions: &mut Vec<Action>,
) {
    let edit = |with: Alliance| {
        EditorCmd::Apply(CaseEdit::EditAlliance {
            alliance: alliance.id.to_string(),
            with: Box::new(with),
        })
    };
    ui.label(RichText::new(alliance.id.as_str()).small().weak());
    line_field(ui, "Partner", &alliance.partner, actions, |partner| {
        CaseEdit::EditAlliance {
            alliance: alliance.id.to_string(),
            with: Box::new(Alliance {
                partner,
                ..alliance.clone()
            }),
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Status");
        egui::ComboBox::from_id_salt("alliance-status")
            .selected_text(format!("{:?}", alliance.status).to_lowercase())
            .show_ui(ui, |ui| {
                for status in [
                    AllianceStatus::Planned,
                    AllianceStatus::Active,
                    AllianceStatus::Ended,
                    AllianceStatus::Terminated,
                    AllianceStatus::Litigated,
                    AllianceStatus::Unknown,
                ] {
                    let name = format!("{status:?}").to_lowercase();
                    if ui
                        .selectable_label(alliance.status == status, name)
                        .clicked()
                    {
                        actions.push(Action::Editor(edit(Alliance {
                            status,
                            ..alliance.clone()
                        })));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let summary = alliance.summary.clone().unwrap_or_default();
    line_field(ui, "Summary", &summary, actions, |summary| {
        CaseEdit::EditAlliance {
            alliance: alliance.id.to_string(),
            with: Box::new(Alliance {
                summary: Some(summary).filter(|s| !s.trim().is_empty()),
                ..alliance.clone()
            }),
        }
    });
    let owner = crate::authoring::EvidenceOwner::Alliance(alliance.id.to_string());
    facets::evidence_ui(ui, case, &alliance.evidence, &owner, selection, actions);
    if ui.small_button("Delete alliance").clicked() {
        let alliance = alliance.id.to_string();
        push(
            actions,
            EditorCmd::Apply(CaseEdit::DeleteAlliance { alliance }),
        );
    }
}
