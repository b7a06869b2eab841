//! One dialog for writing a piece of text (a cell note, a memo, a rename): it fits the window
//! and scrolls, Ctrl+Enter saves, and Escape asks before throwing typed text away.

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

/// Text being written, and what it was when the dialog opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextDraft {
    /// The text as typed.
    pub text: String,
    original: String,
    asking_discard: bool,
}

impl TextDraft {
    /// A draft starting from `text`.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            original: text.clone(),
            text,
            asking_discard: false,
        }
    }

    /// True when the user typed something that would be lost.
    pub fn is_dirty(&self) -> bool {
        self.text != self.original
    }
}

/// What the user did with the dialog this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Still writing.
    Open,
    /// Save the text.
    Save,
    /// Close without saving.
    Close,
}

/// The fixed parts of a dialog.
pub struct TextDialog<'a> {
    /// Unique id.
    pub id: &'a str,
    /// Heading.
    pub title: &'a str,
    /// What the text is about (weak, under the heading).
    pub context: &'a str,
    /// Accessible name of the field.
    pub field: &'a str,
    /// Text of the save button.
    pub save: &'a str,
    /// True when an empty text may be saved (a highlight's comment).
    pub allow_empty: bool,
}

const SAVE_KEY: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

impl TextDialog<'_> {
    /// Shows the dialog for `draft`.
    pub fn show(&self, ctx: &egui::Context, draft: &mut TextDraft) -> Outcome {
        self.show_with(ctx, draft, false, |_| {}, |_| {})
    }

    /// Shows the dialog with more fields drawn `above` and `below` the text; `extra_dirty`
    /// says those fields were changed (so Escape asks first).
    pub fn show_with(
        &self,
        ctx: &egui::Context,
        draft: &mut TextDraft,
        extra_dirty: bool,
        above: impl FnOnce(&mut egui::Ui),
        below: impl FnOnce(&mut egui::Ui),
    ) -> Outcome {
        let screen = ctx.content_rect();
        let save_key = ctx.input_mut(|i| i.consume_shortcut(&SAVE_KEY));
        let mut outcome = Outcome::Open;
        let modal = egui::Modal::new(egui::Id::unique(self.id)).show(ctx, |ui| {
            ui.set_width((screen.width() * 0.8).min(560.0));
            ui.heading(self.title);
            ui.add(egui::Label::new(RichText::new(self.context).weak()).wrap());
            if draft.asking_discard {
                outcome = discard_ui(ui, draft);
                return;
            }
            egui::ScrollArea::vertical()
                .max_height((screen.height() * 0.55).max(80.0))
                .show(ui, |ui| {
                    above(ui);
                    let r = ui.add(
                        egui::TextEdit::multiline(&mut draft.text)
                            .desired_rows(4)
                            .desired_width(f32::INFINITY)
                            .hint_text(self.field),
                    );
                    let field = self.field.to_owned();
                    ui.ctx()
                        .accesskit_node_builder(r.id, |n| n.set_label(field));
                    if !ui.ctx().memory(|m| m.focused().is_some()) {
                        r.request_focus();
                    }
                    below(ui);
                });
            ui.horizontal(|ui| {
                let can_save = self.allow_empty || !draft.text.trim().is_empty();
                let save = ui
                    .add_enabled(can_save, egui::Button::new(self.save))
                    .on_hover_text(ui.ctx().format_shortcut(&SAVE_KEY));
                if save.clicked() || (save_key && can_save) {
                    outcome = Outcome::Save;
                }
                if ui.button("Cancel").clicked() {
                    outcome = Outcome::Close;
                }
            });
        });
        if outcome == Outcome::Open && modal.should_close() {
            if (draft.is_dirty() || extra_dirty) && !draft.asking_discard {
                draft.asking_discard = true;
            } else if !draft.asking_discard {
                outcome = Outcome::Close;
            }
        }
        outcome
    }
}

fn discard_ui(ui: &mut egui::Ui, draft: &mut TextDraft) -> Outcome {
    ui.label(RichText::new("Discard what you typed?").strong());
    let mut outcome = Outcome::Open;
    ui.horizontal(|ui| {
        if ui.button("Discard").clicked() {
            outcome = Outcome::Close;
        }
        if ui.button("Keep editing").clicked() {
            draft.asking_discard = false;
        }
    });
    outcome
}
