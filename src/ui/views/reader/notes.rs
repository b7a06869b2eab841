//! The notes panel of the reader: the case's highlights (orphaned ones included), cell notes
//! and memos, plus the project's memos; edit and delete in place; Markdown memo preview.

use egui::{RichText, Ui};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use super::located::States;
use super::shared::{ReaderInput, code_color, code_label};
use crate::format::{Item, ItemKind};
use crate::notes::check::AnchorState;
use crate::ui::theme;
use crate::ui::widgets::chip::chip_ui;
use crate::ui::widgets::code_picker::code_picker_ui;
use crate::ui::widgets::text_dialog::{Outcome, TextDialog, TextDraft};
use crate::workspace::unsaved::Pending;
use crate::workspace::{Action, Edit};

/// Draft of an item being edited or created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Draft {
    /// Item id, or `None` for a new memo/note.
    id: Option<String>,
    kind: Option<ItemKind>,
    project: bool,
    title: String,
    text: TextDraft,
    codes: Vec<String>,
    preview: bool,
    /// The passage a highlight marks, shown above its codes and comment.
    quote: Option<String>,
    /// Title and codes when the editor opened (typed text is tracked by `text`).
    original: (String, Vec<String>),
    /// The case it was opened on (a new memo or note is saved on it).
    case: String,
}

impl Draft {
    /// A draft whose title and codes count as unchanged.
    fn opened(mut self) -> Self {
        self.original = (self.title.clone(), self.codes.clone());
        self
    }

    /// True when something was typed or changed that would be lost.
    fn is_dirty(&self) -> bool {
        self.text.is_dirty() || (&self.title, &self.codes) != (&self.original.0, &self.original.1)
    }

    fn kind(&self) -> ItemKind {
        self.kind.unwrap_or(ItemKind::Memo)
    }

    /// The dialog's heading.
    fn heading(&self) -> &'static str {
        match (self.kind(), self.id.is_some()) {
            (ItemKind::Memo, false) if self.project => "New project memo",
            (ItemKind::Memo, false) => "New memo on this case",
            (ItemKind::Memo, true) => "Edit memo",
            (ItemKind::Note, false) => "New note on this case",
            (ItemKind::Note, true) => "Edit note",
            (ItemKind::Highlight, _) => "Edit highlight",
        }
    }
}

/// State of the notes panel.
#[derive(Default)]
pub struct NotesPanel {
    draft: Option<Draft>,
    markdown: CommonMarkCache,
}

impl NotesPanel {
    /// The note or memo being written, when something typed in it would be lost.
    pub fn pending(&self) -> Option<Pending> {
        let draft = self.draft.as_ref().filter(|d| d.is_dirty())?;
        let text: String = draft.text.text.chars().take(40).collect();
        Some(Pending {
            name: format!("{} ({}): “{text}…”", draft.heading(), draft.case),
            save: save_edit(draft),
        })
    }

    /// Closes the dialog (its text was saved or discarded by the quit question).
    pub fn clear(&mut self) {
        self.draft = None;
    }

    /// Draws the panel for the open case.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        located: &States,
        actions: &mut Vec<Action>,
    ) {
        let case = input.case;
        self.editor_ui(ui.ctx(), input, actions);
        let items: Vec<&Item> = input
            .notebook
            .items()
            .filter(|i| i.case.as_deref() == Some(case.id.as_str()))
            .collect();
        self.new_buttons_ui(ui, &case.id);
        ui.add_space(6.0);
        ui.label(RichText::new("Highlights").strong());
        let mut any = false;
        for item in items.iter().filter(|i| i.kind == ItemKind::Highlight) {
            any = true;
            self.highlight_row_ui(ui, input, located, item, actions);
        }
        if !any {
            ui.label(
                RichText::new("None yet: select text in the case and press Highlight.")
                    .small()
                    .weak(),
            );
        }
        ui.add_space(6.0);
        self.notes_list_ui(ui, input, &items, actions);
        ui.add_space(6.0);
        self.memos_ui(ui, input, actions);
        references_ui(ui, input, actions);
    }

    /// New memo, new project memo, note on the case.
    fn new_buttons_ui(&mut self, ui: &mut Ui, case: &str) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("New memo")
                .on_hover_text("A Markdown memo on this case")
                .clicked()
            {
                self.draft = Some(
                    Draft {
                        kind: Some(ItemKind::Memo),
                        title: "Memo".into(),
                        case: case.to_owned(),
                        ..Default::default()
                    }
                    .opened(),
                );
            }
            if ui
                .button("New project memo")
                .on_hover_text("A memo on the whole project, shown with every case")
                .clicked()
            {
                self.draft = Some(
                    Draft {
                        kind: Some(ItemKind::Memo),
                        project: true,
                        title: "Project memo".into(),
                        case: case.to_owned(),
                        ..Default::default()
                    }
                    .opened(),
                );
            }
            if ui.button("Note on this case").clicked() {
                self.draft = Some(
                    Draft {
                        kind: Some(ItemKind::Note),
                        case: case.to_owned(),
                        ..Default::default()
                    }
                    .opened(),
                );
            }
        });
    }

    /// The case's notes, each with where it sits (a cell or the whole case).
    fn notes_list_ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        items: &[&Item],
        actions: &mut Vec<Action>,
    ) {
        ui.label(RichText::new("Notes").strong());
        let notes: Vec<&&Item> = items.iter().filter(|i| i.kind == ItemKind::Note).collect();
        if notes.is_empty() {
            ui.label(
                RichText::new(
                    "None yet. Add notes on a cell from the Compare view (right-click a cell).",
                )
                .small()
                .weak(),
            );
        }
        for item in notes {
            let target = item.target.as_ref();
            let place = match (
                target.and_then(|t| t.dimension.as_deref()),
                target.and_then(|t| t.question.as_deref()),
            ) {
                (Some(d), _) => input
                    .framework
                    .and_then(|f| f.dimension(d))
                    .map_or(d.to_owned(), |d| format!("on {}", d.label)),
                (None, Some(q)) => question_place(input.case, q),
                (None, None) => "on the case".to_owned(),
            };
            ui.label(RichText::new(place).small().weak());
            ui.label(item.text.as_deref().unwrap_or_default());
            self.item_buttons_ui(ui, item, actions);
        }
    }

    /// The case's memos and the project's, rendered as Markdown.
    fn memos_ui(&mut self, ui: &mut Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
        let case = input.case;
        ui.label(RichText::new("Memos").strong());
        let memos: Vec<&Item> = input
            .notebook
            .items()
            .filter(|i| {
                i.kind == ItemKind::Memo
                    && (i.case.is_none() || i.case.as_deref() == Some(case.id.as_str()))
            })
            .collect();
        if memos.is_empty() {
            ui.label(RichText::new("None yet.").small().weak());
        }
        for item in memos {
            let scope = if item.case.is_none() {
                "project memo"
            } else {
                "case memo"
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(item.title.as_deref().unwrap_or("Memo")).strong());
                ui.label(RichText::new(scope).small().weak());
            });
            egui::Frame::group(ui.style()).show(ui, |ui| {
                CommonMarkViewer::new().show(
                    ui,
                    &mut self.markdown,
                    item.text.as_deref().unwrap_or_default(),
                );
            });
            self.item_buttons_ui(ui, item, actions);
        }
    }

    fn highlight_row_ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        located: &States,
        item: &Item,
        actions: &mut Vec<Action>,
    ) {
        let Some(target) = &item.target else { return };
        let (state, range) = located
            .get(&item.id)
            .copied()
            .unwrap_or((AnchorState::Orphaned, None));
        let paragraph = target.paragraph.clone().unwrap_or_default();
        let exact = target.exact.clone().unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            match state {
                AnchorState::Orphaned => {
                    ui.label(RichText::new("ORPHANED").small().strong().color(crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Warning)))
                        .on_hover_text("The case text changed and this passage can no longer be found. The highlight is kept; delete it or leave it.");
                }
                AnchorState::Moved => {
                    ui.label(RichText::new("re-attached").small().color(crate::ui::theme::status_color(ui.visuals(), crate::ui::theme::Status::Unknown))).on_hover_text("The case text changed; the passage was found again.");
                }
                AnchorState::Exact => {}
            }
            let short: String = exact.chars().take(80).collect();
            let link = ui.link(format!("“{short}”")).on_hover_text(format!("¶ {paragraph}"));
            if link.clicked() && state != AnchorState::Orphaned {
                let current = range.and_then(|(s, e)| input.case.paragraph(&paragraph).map(|p| p.text.chars().skip(s).take(e - s).collect::<String>()));
                actions.push(Action::OpenCase { case: input.case.id.clone(), at: Some(crate::workspace::Passage { paragraph: paragraph.to_string(), quote: current, range: None }) });
            }
        });
        ui.horizontal_wrapped(|ui| {
            for code in &item.codes {
                let label = code_label(input, code);
                chip_ui(ui, &label, code_color(input, Some(code)), Some(code));
            }
        });
        if let Some(t) = &item.text {
            ui.label(RichText::new(t).small());
        }
        if let Some(maker) = &item.author {
            ui.label(RichText::new(format!("by {maker}")).small().italics());
        }
        self.item_buttons_ui(ui, item, actions);
    }

    fn item_buttons_ui(&mut self, ui: &mut Ui, item: &Item, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            if ui.small_button("Edit…").clicked() {
                self.draft = Some(
                    Draft {
                        id: Some(item.id.clone()),
                        kind: Some(item.kind),
                        project: item.case.is_none(),
                        title: item.title.clone().unwrap_or_default(),
                        text: TextDraft::new(item.text.clone().unwrap_or_default()),
                        codes: item
                            .codes
                            .iter()
                            .map(std::string::ToString::to_string)
                            .collect(),
                        preview: false,
                        quote: item.target.as_ref().and_then(|t| t.exact.clone()),
                        original: Default::default(),
                        case: item.case.as_deref().unwrap_or_default().to_owned(),
                    }
                    .opened(),
                );
            }
            if ui
                .small_button("Delete")
                .on_hover_text("Delete (Ctrl+Z brings it back)")
                .clicked()
            {
                actions.push(Action::Edit(Edit::DeleteItem(item.id.clone())));
            }
        });
        ui.add_space(4.0);
    }

    /// The editor of a draft, as a dialog: Ctrl+Enter saves, Escape asks before discarding.
    fn editor_ui(
        &mut self,
        ctx: &egui::Context,
        input: &ReaderInput<'_>,
        actions: &mut Vec<Action>,
    ) {
        let Some(draft) = &mut self.draft else {
            return;
        };
        let kind = draft.kind();
        let heading = draft.heading();
        let dialog = TextDialog {
            id: "notes-editor",
            title: heading,
            context: &input.case.title,
            field: if kind == ItemKind::Memo {
                "Memo text"
            } else {
                "Comment text"
            },
            save: "Save",
            allow_empty: kind == ItemKind::Highlight,
        };
        let extra_dirty = (&draft.title, &draft.codes) != (&draft.original.0, &draft.original.1);
        let (title, codes, preview) = (&mut draft.title, &mut draft.codes, &mut draft.preview);
        let quote = draft.quote.as_deref();
        let markdown = &mut self.markdown;
        // The text as of this frame's start: the field holds the live one.
        let shown = draft.text.text.clone();
        let outcome = dialog.show_with(
            ctx,
            &mut draft.text,
            extra_dirty,
            |ui| {
                if let Some(quote) = quote {
                    quote_ui(ui, quote);
                }
                fields_ui(ui, kind, input, draft.id.as_ref(), title, codes);
            },
            |ui| {
                if kind == ItemKind::Memo {
                    ui.checkbox(preview, "Preview");
                    if *preview {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            CommonMarkViewer::new().show(ui, markdown, &shown);
                        });
                    }
                }
            },
        );
        match outcome {
            Outcome::Open => {}
            Outcome::Save => {
                actions.push(Action::Edit(save_edit(draft)));
                self.draft = None;
            }
            Outcome::Close => self.draft = None,
        }
    }
}

/// The passage a highlight marks, as the editor shows it: in its own box, scrolling when long,
/// so the codes, the comment and Save stay in view.
fn quote_ui(ui: &mut Ui, quote: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("edit-quote")
            .max_height(theme::EDIT_QUOTE_HEIGHT)
            .show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(format!("“{quote}”")).italics()).wrap());
            });
    });
}

/// The fields above the text: a memo's title, a highlight's codes.
fn fields_ui(
    ui: &mut Ui,
    kind: ItemKind,
    input: &ReaderInput<'_>,
    id: Option<&String>,
    title: &mut String,
    codes: &mut Vec<String>,
) {
    if kind == ItemKind::Memo {
        let label = ui.label("Title");
        ui.add(egui::TextEdit::singleline(title).desired_width(f32::INFINITY))
            .labelled_by(label.id);
    }
    if kind == ItemKind::Highlight {
        ui.horizontal(|ui| {
            code_picker_ui(ui, ("edit-codes", id), "Codes", input.codebook, codes);
        });
    }
}

/// Other people's notes on this case (reference layers): shown, never edited or written.
fn references_ui(ui: &mut Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
    let case = input.case.id.as_str();
    // A class of 300 files: the layers with nothing here are counted, not listed.
    let empty = |layer: &&crate::notes::layers::ReferenceLayer| {
        layer.notes.lessons.is_empty()
            && !layer
                .notes
                .items
                .iter()
                .any(|i| !i.deleted && i.case.as_deref() == Some(case))
    };
    let silent = input.references.iter().filter(empty).count();
    if silent > 0 {
        ui.add_space(6.0);
        let text = format!("{silent} other layer(s) have nothing on this case.");
        ui.label(RichText::new(text).small().weak());
    }
    for layer in input.references.iter().filter(|l| !empty(l)) {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("{} (read-only)", layer.name())).strong())
            .on_hover_text(format!(
                "Reference layer from {}; Caselens never writes it",
                layer.origin
            ));
        let items: Vec<&Item> = layer
            .notes
            .items
            .iter()
            .filter(|i| !i.deleted && i.case.as_deref() == Some(input.case.id.as_str()))
            .collect();
        let lessons = layer.notes.lessons.len();
        ui.label(
            RichText::new(format!(
                "{} item(s) on this case, {lessons} lesson(s)",
                items.len()
            ))
            .small()
            .weak(),
        );
        for item in items {
            reference_item_ui(ui, input, item, actions);
        }
    }
}

fn reference_item_ui(ui: &mut Ui, input: &ReaderInput<'_>, item: &Item, actions: &mut Vec<Action>) {
    let target = item.target.as_ref();
    if let (Some(exact), Some(paragraph)) = (
        target.and_then(|t| t.exact.as_deref()),
        target.and_then(|t| t.paragraph.as_deref()),
    ) {
        let short: String = exact.chars().take(80).collect();
        if ui
            .link(format!("“{short}”"))
            .on_hover_text(format!("¶ {paragraph}"))
            .clicked()
        {
            actions.push(Action::OpenCase {
                case: input.case.id.clone(),
                at: Some(crate::workspace::Passage {
                    paragraph: paragraph.to_owned(),
                    quote: Some(exact.to_owned()),
                    range: None,
                }),
            });
        }
    }
    ui.horizontal_wrapped(|ui| {
        for code in &item.codes {
            chip_ui(
                ui,
                &code_label(input, code),
                code_color(input, Some(code)),
                Some(code),
            );
        }
    });
    if let Some(text) = item.text.as_deref().filter(|t| !t.is_empty()) {
        ui.add(egui::Label::new(RichText::new(text).small()).wrap());
    }
}

/// "answer to question 2" for an answer (its number among the case's questions).
fn question_place(case: &crate::format::Case, question: &str) -> String {
    case.questions
        .iter()
        .position(|q| q.id == question)
        .map_or_else(
            || format!("answer to question {question}"),
            |i| format!("answer to question {}", i + 1),
        )
}

/// What Save does with a draft: update the item it edits, or add a memo or a note on the case
/// it was opened on.
fn save_edit(draft: &Draft) -> Edit {
    let text = Some(draft.text.text.clone());
    let case = draft.case.as_str();
    match (&draft.id, draft.kind()) {
        (Some(id), ItemKind::Highlight) => Edit::UpdateItem {
            id: id.clone(),
            text,
            title: None,
            codes: Some(draft.codes.clone()),
        },
        (Some(id), ItemKind::Memo) => Edit::UpdateItem {
            id: id.clone(),
            text,
            title: Some(draft.title.clone()),
            codes: None,
        },
        (Some(id), ItemKind::Note) => Edit::UpdateItem {
            id: id.clone(),
            text,
            title: None,
            codes: None,
        },
        (None, ItemKind::Memo) => Edit::AddMemo {
            case: (!draft.project).then(|| case.to_owned()),
            title: draft.title.clone(),
            text: draft.text.text.clone(),
        },
        (None, _) => Edit::AddNote {
            case: case.to_owned(),
            dimension: None,
            text: draft.text.text.clone(),
        },
    }
}
