//! The window's chrome around the views: the look and the overlays (theme, scale, shortcuts,
//! palette), the menus with their ticks and enabled states, the tab bar with its panel toggles,
//! the status bar, the notes problem bar, and files dropped on the window.

use std::path::PathBuf;

use egui::RichText;

use crate::appearance::WindowRequest;
use crate::ui::app::CaselensApp;
use crate::ui::commands::{self, Command, Menu};
use crate::ui::layout::{self, Panel};
use crate::ui::theme;
use crate::ui::views::palette_view;
use crate::workspace::present::PresentCmd;
use crate::workspace::{Action, Pick, View};

impl CaselensApp {
    /// The look and the overlays: the theme and scale when they changed, then the shortcuts
    /// overlay and the palette (before the panels, so their keys win); returns the command the
    /// palette ran.
    pub(super) fn window_ui(&mut self, ctx: &egui::Context) -> Option<Action> {
        if self.applied_theme != Some(self.theme) {
            theme::apply_theme(ctx, self.theme);
            self.applied_theme = Some(self.theme);
            ctx.request_repaint();
        }
        if let Some(scale) = self.pending_scale.take() {
            ctx.set_zoom_factor(scale);
        }
        self.ui_scale = Some(ctx.zoom_factor());
        self.shortcuts.ui(ctx, &self.commands);
        if let Some(cmd) = self.backups.ui(ctx, self.browser.on) {
            self.backup_cmd(ctx, cmd);
        }
        if !self.palette.is_open() {
            return None;
        }
        let entries: Vec<palette_view::Entry> = self
            .commands
            .iter()
            .map(|c| palette_view::Entry {
                name: self.command_label(c),
                shortcut: commands::shortcut_text(ctx, c),
                menu: c.menu.path(),
                enabled: self.command_enabled(&c.action),
                action: c.action.clone(),
            })
            .collect();
        self.palette.ui(ctx, &entries)
    }

    pub(super) fn window_request(&mut self, ctx: &egui::Context, request: WindowRequest) {
        match request {
            WindowRequest::Palette => self.palette.open(),
            WindowRequest::Shortcuts => self.shortcuts.open = true,
            WindowRequest::Theme(theme) => self.theme = theme,
            WindowRequest::YourName => self.ask_name(),
            WindowRequest::NotesBackups => self.backups.show(self.notes.path.as_deref()),
        }
        ctx.request_repaint();
    }

    /// A toggle in the tab bar for a panel collapsed for want of room: opens or closes it.
    fn panel_toggle_ui(&mut self, ui: &mut egui::Ui, panel: Panel, text: &str, hover: &str) {
        let open = self.opened_panel == Some(panel);
        // A framed button, so it reads as a control beside the tabs.
        if ui
            .add(egui::Button::new(text).selected(open))
            .on_hover_text(hover)
            .clicked()
        {
            // At most one opened panel: opening one closes the other.
            self.opened_panel = if open { None } else { Some(panel) };
        }
    }

    /// The view tabs, the library's toggle before them and the side panel's after them: at
    /// the right end while there is room, else on a line of their own, never over a tab.
    pub(super) fn tabs_ui(
        &mut self,
        ui: &mut egui::Ui,
        widths: &layout::Widths,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal_wrapped(|ui| {
            if layout::has_toggle(widths, self.opened_panel, Panel::Library) {
                let hover = "The window is narrow: show or hide the library of cases";
                self.panel_toggle_ui(ui, Panel::Library, "Library", hover);
                ui.separator();
            }
            let editing = self.workspace.framework_editor.is_some();
            for view in View::ALL
                .into_iter()
                .chain(editing.then_some(View::Framework))
            {
                if ui
                    .selectable_label(self.workspace.view == view, view.label())
                    .clicked()
                {
                    actions.push(Action::SetView(view));
                }
            }
            let side = layout::has_toggle(widths, self.opened_panel, Panel::Side)
                .then(|| side_toggle_text(self.workspace.view));
            let needed = side.map_or(0.0, |(text, _)| {
                let galley = egui::WidgetText::from(text).into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Button,
                );
                galley.size().x + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
            });
            let ticked = (!self.workspace.compare.is_empty()).then(|| {
                format!(
                    "{} case(s) ticked for comparison",
                    self.workspace.compare.len()
                )
            });
            // A wrapping row reports its whole width as available: measure from the cursor.
            let room = ui.max_rect().right() - ui.cursor().left();
            if room < needed {
                // No room beside the tabs: the toggle starts the next line.
                ui.end_row();
                if let Some((text, hover)) = side {
                    self.panel_toggle_ui(ui, Panel::Side, text, hover);
                }
                if let Some(text) = ticked {
                    ui.label(RichText::new(text).weak());
                }
                return;
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some((text, hover)) = side {
                    self.panel_toggle_ui(ui, Panel::Side, text, hover);
                }
                if let Some(text) = ticked {
                    ui.add(egui::Label::new(RichText::new(text).weak()).truncate());
                }
            });
        });
    }

    pub(super) fn status_ui(&self, ui: &mut egui::Ui) {
        // Wrapped: in a narrow window the bar takes a second line rather than cut a message.
        ui.horizontal_wrapped(|ui| {
            // Not for the browser's load, whose progress bar moves: a spinner redraws the
            // canvas every frame, which costs a browser without a GPU 20-40 ms a frame, time
            // the load's steps between the frames then wait for.
            let counted = crate::platform::IN_BROWSER && self.loading.is_some();
            if self.is_busy() && !counted {
                ui.spinner();
            }
            ui.label(RichText::new(&self.status).small());
            if let Some(loading) = &self.loading {
                loading.ui(ui);
            }
            ui.separator();
            ui.label(RichText::new(self.name_status()).small().weak());
            ui.separator();
            ui.label(RichText::new(&self.notes.status).small().weak());
            self.browser_status_ui(ui);
            let references = self.notes.references();
            let layers: Vec<String> = references
                .iter()
                .take(3)
                .map(crate::notes::layers::ReferenceLayer::name)
                .collect();
            if !layers.is_empty() {
                ui.separator();
                let text = if references.len() > layers.len() {
                    format!("Reference (read-only): {} layers", references.len())
                } else {
                    format!("Reference (read-only): {}", layers.join(", "))
                };
                ui.label(RichText::new(text).small().weak());
            }
        });
    }

    pub(super) fn notes_problem_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(problem) = &self.notes.problem else {
            return;
        };
        egui::Panel::top("notes-problem").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(problem).color(crate::ui::theme::status_color(
                    ui.visuals(),
                    crate::ui::theme::Status::Warning,
                )));
                if self.notes.save_failed() && ui.button("Save notes as…").clicked() {
                    actions.push(Action::Pick(Pick::SaveNotesAs));
                }
                if ui.button("Dismiss").clicked() {
                    actions.push(Action::DismissNotesProblem);
                }
            });
        });
    }

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.commands_ui(ui, Menu::File, actions);
                ui.menu_button("Import", |ui| self.commands_ui(ui, Menu::Import, actions));
                ui.menu_button("Export", |ui| self.commands_ui(ui, Menu::Export, actions));
                ui.menu_button("Lessons", |ui| self.lessons_menu_ui(ui, actions));
                self.recent_notes_ui(ui, actions);
                ui.separator();
                self.commands_ui(ui, Menu::FileEnd, actions);
            });
            ui.menu_button("Edit", |ui| self.commands_ui(ui, Menu::Edit, actions));
            ui.menu_button("View", |ui| {
                self.commands_ui(ui, Menu::View, actions);
                ui.separator();
                self.commands_ui(ui, Menu::Compare, actions);
                ui.separator();
                ui.menu_button("Theme", |ui| self.commands_ui(ui, Menu::Theme, actions));
            });
            ui.menu_button("Help", |ui| self.commands_ui(ui, Menu::Help, actions));
        });
    }

    /// The commands of one menu, with their shortcuts, ticks and enabled states.
    fn commands_ui(&self, ui: &mut egui::Ui, menu: Menu, actions: &mut Vec<Action>) {
        for command in self.commands.iter().filter(|c| c.menu == menu) {
            let mut button = egui::Button::new(self.command_label(command));
            let shortcut = commands::shortcut_text(ui.ctx(), command);
            if !shortcut.is_empty() {
                button = button.shortcut_text(shortcut);
            }
            if let Some(on) = self.command_ticked(&command.action) {
                button = button.selected(on);
            }
            if ui
                .add_enabled(self.command_enabled(&command.action), button)
                .clicked()
            {
                actions.push(command.action.clone());
            }
        }
    }

    fn command_label(&self, command: &Command) -> String {
        match command.action {
            Action::ToggleProblems => format!("Problems ({})", self.workspace.problem_count()),
            Action::Present(PresentCmd::TogglePresenterView) if self.browser.on => {
                "Presenter view (second window: not in the browser)".to_owned()
            }
            _ => command.name.to_owned(),
        }
    }

    /// `Some(on)` for commands that toggle something.
    fn command_ticked(&self, action: &Action) -> Option<bool> {
        let ws = &self.workspace;
        let opts = &ws.compare_options;
        match action {
            Action::ToggleProblems => Some(ws.show_problems),
            Action::ToggleInstructorQuestions => Some(ws.show_instructor),
            Action::ToggleCodesWindow => Some(ws.show_codes_window),
            Action::Class(crate::workspace::class::ClassAction::TogglePanel) => {
                Some(ws.class.show_panel)
            }
            Action::ToggleDifferencesOnly => Some(opts.differences_only),
            Action::TogglePartlyKnown => Some(opts.with_partly_known),
            Action::ToggleHighlightShared => Some(opts.highlight_shared),
            Action::SetView(view) => Some(ws.view == *view),
            Action::Window(WindowRequest::Theme(theme)) => Some(self.theme == *theme),
            Action::Present(cmd) => self.present_ticked(cmd),
            _ => None,
        }
    }

    fn command_enabled(&self, action: &Action) -> bool {
        match action {
            Action::HighlightSelection => self.reader.selection.is_some(),
            // A web page cannot open a second native window.
            Action::Present(PresentCmd::TogglePresenterView) if self.browser.on => false,
            other => self.workspace.can(other),
        }
    }

    fn recent_notes_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.separator();
        ui.menu_button("Recent notes", |ui| {
            if self.notes.recent.is_empty() {
                ui.label("None yet");
            }
            for path in &self.notes.recent {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::OpenNotes(path.clone()));
                }
            }
        });
        if let Some(path) = &self.notes.path {
            ui.label(
                RichText::new(format!("Notes file: {}", path.display()))
                    .small()
                    .weak(),
            );
        }
    }

    pub(super) fn dropped_files(ui: &egui::Ui, actions: &mut Vec<Action>) {
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        // A document (Word, PDF, …) becomes a draft case; case files and folders load.
        let (documents, files): (Vec<PathBuf>, Vec<PathBuf>) = dropped.into_iter().partition(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| crate::document::Format::from_extension(e).is_some())
        });
        if !files.is_empty() {
            actions.push(Action::AddPaths(files));
        }
        actions.extend(documents.into_iter().map(Action::CaseFromDocument));
    }
}

/// The side panel toggle's words in `view` and its hover text.
fn side_toggle_text(view: View) -> (&'static str, &'static str) {
    match view {
        View::Matrix => (
            "Chart and evidence",
            "The window is narrow: show or hide the chart and the evidence of a cell",
        ),
        _ => (
            "Facets and notes",
            "The window is narrow: show or hide the case's facets and your notes",
        ),
    }
}
