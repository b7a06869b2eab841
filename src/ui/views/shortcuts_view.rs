//! The keyboard shortcuts overlay (F1, Help > Keyboard shortcuts): every command of the command
//! table with all its shortcuts, grouped by menu, so the list is never out of date. Escape or
//! Close closes it.

use egui::{Key, Modifiers, RichText};

use crate::ui::commands::{Command, Menu};
use crate::ui::theme;

/// The overlay's state.
#[derive(Debug, Default)]
pub struct ShortcutsView {
    /// True while it shows.
    pub open: bool,
}

impl ShortcutsView {
    /// Draws the overlay when it is open. Call it before the panels, so Escape closes it and
    /// nothing below.
    pub fn ui(&mut self, ctx: &egui::Context, table: &[Command]) {
        if !self.open {
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.open = false;
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("keyboard-shortcuts")).show(ctx, |ui| {
            ui.set_width(theme::SHORTCUTS_WIDTH);
            ui.heading("Keyboard shortcuts");
            ui.label(
                RichText::new(
                    "Ctrl+K or Ctrl+Shift+P finds any command by name; Tab moves between controls.",
                )
                .weak(),
            );
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .max_height(ui.ctx().content_rect().height() * 0.7)
                .show(ui, |ui| groups_ui(ui, table));
            ui.add_space(6.0);
            ui.button("Close").clicked()
        });
        if modal.inner || modal.should_close() {
            self.open = false;
        }
    }
}

/// The menus in the order the menu bar shows them, each once.
fn menu_order(table: &[Command]) -> Vec<&'static str> {
    let mut paths: Vec<&'static str> = Vec::new();
    for c in table {
        if !paths.contains(&c.menu.path()) {
            paths.push(c.menu.path());
        }
    }
    paths
}

/// One table for every menu (so the columns line up), a heading row per menu.
fn groups_ui(ui: &mut egui::Ui, table: &[Command]) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .min_col_width(theme::SHORTCUTS_NAME_WIDTH)
        .show(ui, |ui| {
            for path in menu_order(table) {
                ui.label(RichText::new(path).strong().size(theme::GROUP_SIZE));
                ui.end_row();
                // As in the menu: File's last entries (Quit) after the rest of File.
                let mut commands: Vec<&Command> =
                    table.iter().filter(|c| c.menu.path() == path).collect();
                commands.sort_by_key(|c| c.menu == Menu::FileEnd);
                for command in commands {
                    ui.label(command.name);
                    let keys: Vec<String> = command
                        .shortcuts
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s))
                        .collect();
                    if keys.is_empty() {
                        ui.label(RichText::new("no shortcut").weak());
                    } else {
                        ui.label(keys.join(" or "));
                    }
                    ui.end_row();
                }
            }
        });
}
