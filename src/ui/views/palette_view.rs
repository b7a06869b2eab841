//! The command palette (Ctrl+K, Ctrl+Shift+P): a dialog listing every command of the command
//! table with its shortcut and menu, filtered as the user types ([`crate::palette::rank`]).
//! Up and Down move, Enter runs the chosen command, Escape closes. Commands that cannot run now
//! are listed greyed out.

use egui::{Key, Modifiers, RichText};

use crate::ui::theme;
use crate::workspace::Action;

/// One command as the palette lists it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The command's name ("Compare").
    pub name: String,
    /// Its first shortcut, formatted ("Ctrl+2"), or empty.
    pub shortcut: String,
    /// Where it lives in the menus ("View > Theme").
    pub menu: &'static str,
    /// False when it cannot run now (shown greyed out).
    pub enabled: bool,
    /// What it does.
    pub action: Action,
}

/// The palette's state: open or not, the text typed, the chosen line.
#[derive(Debug, Default)]
pub struct PaletteView {
    open: bool,
    /// The text typed.
    pub query: String,
    /// Index into the ranked list of the chosen line.
    selected: usize,
    focus_pending: bool,
}

/// The palette's dialog id, also its text field's.
const ID: &str = "command-palette";

impl PaletteView {
    /// True while the palette shows.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Opens the palette with an empty filter and its field focused.
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.selected = 0;
        self.focus_pending = true;
    }

    /// Closes the palette.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// Draws the palette over the window when it is open; returns the action of the command
    /// run (by Enter or a click). Call it before the panels, so its keys (Escape, Enter, the
    /// arrows) are taken before a focused field or panel below sees them.
    pub fn ui(&mut self, ctx: &egui::Context, entries: &[Entry]) -> Option<Action> {
        if !self.open {
            return None;
        }
        let haystacks: Vec<String> = entries
            .iter()
            .map(|e| format!("{} {}", e.name, e.menu))
            .collect();
        let ranked = crate::palette::rank(&self.query, &haystacks);
        let keys = Keys::take(ctx, field_id());
        if keys.escape {
            self.close();
            return None;
        }
        let moved = self.move_selection(&keys, ranked.len());
        if keys.enter
            && let Some(entry) = ranked.get(self.selected).and_then(|&i| entries.get(i))
            && entry.enabled
        {
            self.close();
            return Some(entry.action.clone());
        }
        let modal = egui::Modal::new(egui::Id::unique(ID)).show(ctx, |ui| {
            ui.set_width(theme::PALETTE_WIDTH);
            self.field_ui(ui);
            ui.add_space(4.0);
            self.list_ui(ui, entries, &ranked, moved)
        });
        if modal.should_close() {
            self.close();
        }
        let chosen = modal.inner;
        if chosen.is_some() {
            self.close();
        }
        chosen
    }

    /// Moves the chosen line with the arrows (wrapping); true when it moved.
    fn move_selection(&mut self, keys: &Keys, count: usize) -> bool {
        if count == 0 {
            self.selected = 0;
            return false;
        }
        self.selected = self.selected.min(count - 1);
        if keys.down {
            self.selected = (self.selected + 1) % count;
        }
        if keys.up {
            self.selected = (self.selected + count - 1) % count;
        }
        keys.up || keys.down
    }

    fn field_ui(&mut self, ui: &mut egui::Ui) {
        let label = ui.label("Command");
        let field = egui::TextEdit::singleline(&mut self.query)
            .id(field_id())
            .hint_text("Type to filter, e.g. cmpr for Compare")
            .desired_width(f32::INFINITY);
        let response = ui.add(field).labelled_by(label.id);
        if response.changed() {
            self.selected = 0;
        }
        // The field keeps the focus (a click on the list gives it back), so typing always filters.
        let nothing_focused = ui.ctx().memory(|m| m.focused().is_none());
        if std::mem::take(&mut self.focus_pending) || nothing_focused {
            response.request_focus();
        }
    }

    fn list_ui(
        &self,
        ui: &mut egui::Ui,
        entries: &[Entry],
        ranked: &[usize],
        moved: bool,
    ) -> Option<Action> {
        if ranked.is_empty() {
            ui.label(RichText::new("No command matches.").weak());
            return None;
        }
        let mut chosen = None;
        egui::ScrollArea::vertical()
            .max_height(theme::PALETTE_LIST_HEIGHT)
            .show(ui, |ui| {
                for (row, &i) in ranked.iter().enumerate() {
                    let Some(entry) = entries.get(i) else {
                        continue;
                    };
                    let response = entry_ui(ui, entry, row == self.selected);
                    if row == self.selected && moved {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        chosen = Some(entry.action.clone());
                    }
                }
            });
        chosen
    }
}

/// One line: the name, then the menu and the shortcut on the right; the chosen line filled.
fn entry_ui(ui: &mut egui::Ui, entry: &Entry, chosen: bool) -> egui::Response {
    let right = if entry.shortcut.is_empty() {
        entry.menu.to_owned()
    } else {
        format!("{}   {}", entry.menu, entry.shortcut)
    };
    let mut button = egui::Button::new(entry.name.as_str())
        .shortcut_text(right)
        .min_size(egui::vec2(ui.available_width(), 0.0));
    if chosen {
        button = button
            .fill(ui.visuals().selection.bg_fill)
            .stroke(ui.visuals().selection.stroke);
    } else {
        button = button.frame_when_inactive(false);
    }
    ui.add_enabled(entry.enabled, button)
}

fn field_id() -> egui::Id {
    egui::Id::unique(ID).with("field")
}

/// The palette's keys of this frame, taken so no field or panel below also acts on them.
/// The arrows and Enter belong to the list only while the field has focus: a line reached
/// with Tab runs with Enter or Space itself.
struct Keys {
    up: bool,
    down: bool,
    enter: bool,
    escape: bool,
}

impl Keys {
    fn take(ctx: &egui::Context, field: egui::Id) -> Self {
        let in_field = ctx.memory(|m| m.focused().is_none_or(|id| id == field));
        ctx.input_mut(|i| {
            let mut take = |key| in_field && i.consume_key(Modifiers::NONE, key);
            let (up, down, enter) = (take(Key::ArrowUp), take(Key::ArrowDown), take(Key::Enter));
            Self {
                up,
                down,
                enter,
                escape: i.consume_key(Modifiers::NONE, Key::Escape),
            }
        })
    }
}
