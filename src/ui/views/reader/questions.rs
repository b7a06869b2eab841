//! The case's questions under its text: each student question with its answer box (saved as a
//! draft, then as one undoable edit), the instructor questions behind a toggle.

use egui::{RichText, Ui};

use super::shared::{ReaderInput, SpotMark};
use crate::format::Audience;
use crate::ui::theme;
use crate::workspace::{Action, Edit};

/// The case's questions, each student question with its answer box; the instructor
/// questions behind a toggle.
pub fn questions_ui(
    ui: &mut Ui,
    input: &ReaderInput<'_>,
    mark: SpotMark<'_>,
    actions: &mut Vec<Action>,
) {
    let case = input.case;
    if case.questions.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new("Questions")
            .size(theme::SECTION_SIZE)
            .strong(),
    );
    let mut n = 0;
    for q in &case.questions {
        let instructor = q.audience == Audience::Instructor;
        if instructor && !input.show_instructor {
            continue;
        }
        n += 1;
        let prefix = if instructor { "Instructor: " } else { "" };
        let r = ui.label(RichText::new(format!("{n}. {prefix}{}", q.text)).size(theme::BODY_SIZE));
        mark.mark(ui, &r, mark.is(|s| s.is_question(&q.id)));
        if !instructor {
            answer_ui(ui, input, &q.id, actions);
            ui.add_space(8.0);
        }
    }
    let hidden = case
        .questions
        .iter()
        .filter(|q| q.audience == Audience::Instructor)
        .count();
    if hidden > 0 {
        let text = if input.show_instructor {
            "Hide instructor questions".to_owned()
        } else {
            format!("Show {hidden} instructor question(s)")
        };
        if ui.small_button(text).clicked() {
            actions.push(Action::ToggleInstructorQuestions);
        }
    }
    ui.add_space(24.0);
}

fn answer_focus_key() -> egui::Id {
    egui::Id::unique("caselens-answer-box-focused")
}

/// True while an answer box has the keyboard focus (its Ctrl+Enter saves the answer, so the
/// app's Highlight command has nothing to say).
pub fn answer_has_focus(ctx: &egui::Context) -> bool {
    let focused = ctx.memory(egui::Memory::focused);
    focused.is_some() && ctx.data(|d| d.get_temp::<egui::Id>(answer_focus_key())) == focused
}

/// The answer box of one question: shows the saved answer, or the answer being typed (kept in
/// the workspace, so F5 or a dialog never drops it); it is saved (one undoable
/// [`Edit::Answer`]) when the box loses focus or on Ctrl+Enter, not on every keystroke, and
/// when the workspace's rule says the box is left ([`crate::workspace::unsaved`]).
fn answer_ui(ui: &mut Ui, input: &ReaderInput<'_>, question: &str, actions: &mut Vec<Action>) {
    let case = &input.case.id;
    let id = egui::Id::unique(("answer", case, question));
    let saved = input
        .notebook
        .answer_to(case, question)
        .and_then(|i| i.text.clone())
        .unwrap_or_default();
    let typed = input.answers.get(&(case.clone(), question.to_owned()));
    let mut draft = typed.cloned().unwrap_or_else(|| saved.clone());
    let r = ui.add(
        egui::TextEdit::multiline(&mut draft)
            .id(id)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("Your answer"),
    );
    let name = format!("Answer to {question}");
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label(name));
    if r.changed() {
        actions.push(Action::TypeAnswer {
            case: case.clone(),
            question: question.to_owned(),
            text: draft.clone(),
        });
    }
    // The command table takes Ctrl+Enter's key press; the held keys still show it.
    let ctrl_enter = r.has_focus()
        && ui.input_mut(|i| {
            let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Enter);
            i.consume_shortcut(&shortcut) || (i.modifiers.command && i.key_down(egui::Key::Enter))
        });
    let commit = (r.lost_focus() || ctrl_enter) && draft != saved;
    if commit {
        actions.push(Action::Edit(Edit::Answer {
            case: case.clone(),
            question: question.to_owned(),
            text: draft.clone(),
        }));
    }
    let hint = if commit || (draft == saved && !saved.is_empty()) {
        "Saved"
    } else if draft != saved {
        "Not saved yet: Ctrl+Enter or leave the box to save"
    } else {
        ""
    };
    if !hint.is_empty() {
        ui.label(RichText::new(hint).small().weak());
    }
    if r.has_focus() {
        ui.data_mut(|d| d.insert_temp(answer_focus_key(), r.id));
    }
}
