//! The highlight bar above the reader's text: the selection's quote, the code picker,
//! Highlight and Cancel, and the comment box of the highlight being drafted.

use std::ops::Range;

use egui::{RichText, Ui};

use super::shared::ReaderInput;
use crate::ui::theme;
use crate::ui::widgets::code_picker::code_picker_ui;
use crate::workspace::unsaved::Pending;
use crate::workspace::{Action, Edit};

/// A text selection in one paragraph (raw char offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// `section/paragraph`.
    pub paragraph: String,
    /// Raw char range.
    pub range: Range<usize>,
    /// The selected text.
    pub text: String,
}

/// The highlight being drafted: its codes and comment, kept while the user picks them.
#[derive(Default)]
pub struct HighlightDraft {
    codes: Vec<String>,
    comment: String,
}

impl HighlightDraft {
    /// The highlight being made on `selection`, when it has codes or a comment that would be
    /// lost.
    pub fn pending(&self, selection: Option<&Selection>) -> Option<Pending> {
        let sel = selection?;
        if self.codes.is_empty() && self.comment.trim().is_empty() {
            return None;
        }
        let quote: String = sel.text.chars().take(40).collect();
        Some(Pending {
            name: format!("A highlight being made on “{quote}…” ({})", sel.paragraph),
            save: Edit::AddHighlight {
                paragraph: sel.paragraph.clone(),
                start: sel.range.start,
                end: sel.range.end,
                codes: self.codes.clone(),
                comment: self.comment.clone(),
            },
        })
    }

    /// Forgets the codes and comment (saved or discarded by the quit question).
    pub fn clear(&mut self) {
        self.codes.clear();
        self.comment.clear();
    }

    /// The bar above the text: the selection's quote, the code picker, Highlight and Cancel on
    /// one line, and under them the comment box across the bar (it grows with its text, then
    /// scrolls). Disabled without a selection. `requested` is set by the Highlight command.
    pub fn bar_ui(
        &mut self,
        ui: &mut Ui,
        input: &ReaderInput<'_>,
        selection: &mut Option<Selection>,
        requested: &mut bool,
        actions: &mut Vec<Action>,
    ) {
        // The bar is always there (disabled without a selection) so the text does not jump
        // under the pointer while the user is selecting.
        let sel = selection.clone();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let text = match &sel {
                    Some(sel) => {
                        let preview: String = sel.text.chars().take(70).collect();
                        let more = if sel.text.chars().count() > 70 {
                            "…"
                        } else {
                            ""
                        };
                        RichText::new(format!("“{preview}{more}”")).italics()
                    }
                    None => RichText::new("Select text in a paragraph to highlight it.").weak(),
                };
                ui.add(egui::Label::new(text).truncate());
            });
            ui.add_enabled_ui(sel.is_some(), |ui| {
                ui.horizontal(|ui| {
                    code_picker_ui(
                        ui,
                        "highlight-codes",
                        "Codes",
                        input.codebook,
                        &mut self.codes,
                    );
                    self.buttons_ui(ui, sel.as_ref(), selection, requested, actions);
                });
                comment_box_ui(ui, &mut self.comment);
            });
        });
    }

    /// Highlight (also the command table's Ctrl+Enter) and Cancel; both end the `selection`.
    fn buttons_ui(
        &mut self,
        ui: &mut Ui,
        sel: Option<&Selection>,
        selection: &mut Option<Selection>,
        requested: &mut bool,
        actions: &mut Vec<Action>,
    ) {
        // The shortcut is the command table's (Ctrl+Enter): Ctrl+H would also delete a
        // character in the comment box.
        let pressed = std::mem::take(requested);
        let button = ui.button("Highlight").on_hover_text(format!(
            "Highlight the selection ({})",
            ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(
                egui::Modifiers::COMMAND,
                egui::Key::Enter
            ))
        ));
        if let Some(sel) = sel
            && (button.clicked() || pressed)
        {
            actions.push(Action::Edit(Edit::AddHighlight {
                paragraph: sel.paragraph.clone(),
                start: sel.range.start,
                end: sel.range.end,
                codes: std::mem::take(&mut self.codes),
                comment: std::mem::take(&mut self.comment),
            }));
            *selection = None;
            // A fresh undo history: Ctrl+Z in the empty box must not bring this comment back.
            let id = comment_id();
            if let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), id) {
                state.set_undoer(Default::default());
                state.store(ui.ctx(), id);
            }
        }
        if ui.button("Cancel").clicked() {
            *selection = None;
        }
    }
}

/// The id of the highlight bar's comment box (its undo history lives under it).
fn comment_id() -> egui::Id {
    egui::Id::unique("highlight-comment")
}

/// The comment of the next highlight: as wide as the bar, one line that grows with the text
/// up to [`theme::COMMENT_MAX_HEIGHT`], then scrolls.
fn comment_box_ui(ui: &mut Ui, comment: &mut String) {
    // Top-aligned: a centred row would place the box in the middle of the scroll area's
    // minimum height, under a label left at the top.
    ui.horizontal_top(|ui| {
        let label = ui.label("Comment");
        egui::ScrollArea::vertical()
            .id_salt("highlight-comment-scroll")
            .max_height(theme::COMMENT_MAX_HEIGHT)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(comment)
                        .id(comment_id())
                        .desired_rows(1)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
    });
}
