//! The command table: every intent a menu, a keyboard shortcut or the command palette
//! can trigger, each with its name, shortcuts and [`Action`]. Menus and shortcuts read this
//! one table, so a shortcut shown in a menu is the one that works.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::appearance::{Theme, WindowRequest};
use crate::workspace::editing::EditorCmd;
use crate::workspace::editing::framework::FrameworkCmd;
use crate::workspace::{Action, Edit, Pick, View};

/// When a command's shortcut may fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Always, even while typing (the shortcut must not be a text-editing key).
    Always,
    /// Not while a text field has focus: there the key edits the field (Ctrl+Z undoes typing).
    NotWhileTyping,
    /// Only while a lesson is open or presenting, and not while typing (Right, Space step).
    Lesson,
    /// Only in presentation mode, and not while typing (Esc leaves it).
    Presenting,
}

/// Which of [`Scope::Lesson`] and [`Scope::Presenting`] hold this frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Modes {
    /// A lesson is open.
    pub lesson: bool,
    /// Presentation mode is on.
    pub presenting: bool,
}

fn modes_id() -> egui::Id {
    egui::Id::unique("caselens-command-modes")
}

/// Tells [`pressed`] which modes hold (the app calls it each frame before `pressed`).
pub fn set_modes(ctx: &egui::Context, modes: Modes) {
    ctx.data_mut(|d| d.insert_temp(modes_id(), modes));
}

fn scope_holds(ctx: &egui::Context, scope: Scope) -> bool {
    let modes: Modes = ctx.data(|d| d.get_temp(modes_id()).unwrap_or_default());
    match scope {
        Scope::Always | Scope::NotWhileTyping => true,
        Scope::Lesson => modes.lesson || modes.presenting,
        Scope::Presenting => modes.presenting,
    }
}

/// One entry of the table.
#[derive(Debug, Clone)]
pub struct Command {
    /// Name shown in menus and the palette.
    pub name: &'static str,
    /// Menu the command lives in.
    pub menu: Menu,
    /// Keyboard shortcuts (the first is shown).
    pub shortcuts: Vec<KeyboardShortcut>,
    /// When the shortcuts fire.
    pub scope: Scope,
    /// Shortcuts of a [`Scope::Always`] command that still yield to a focused text field
    /// (the palette's Ctrl+K deletes to the end of the line there; Ctrl+Shift+P always works).
    pub yield_to_typing: Vec<KeyboardShortcut>,
    /// What it does.
    pub action: Action,
}

/// Top-level menus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// Files and notes.
    File,
    /// Undo, codes, annotating.
    Edit,
    /// Views and panels.
    View,
    /// The comparison (shown in the View menu, after a separator).
    Compare,
    /// The File menu's Export submenu.
    Export,
    /// The File menu's Import submenu.
    Import,
    /// The last entries of the File menu (Quit), after the submenus.
    FileEnd,
    /// The View menu's Theme submenu.
    Theme,
    /// Help: the palette, the keyboard shortcuts.
    Help,
}

impl Menu {
    /// Where the command is found, as the palette and the shortcuts overlay show it.
    pub fn path(self) -> &'static str {
        match self {
            Menu::File | Menu::FileEnd => "File",
            Menu::Edit => "Edit",
            Menu::View | Menu::Compare => "View",
            Menu::Export => "File > Export",
            Menu::Import => "File > Import",
            Menu::Theme => "View > Theme",
            Menu::Help => "Help",
        }
    }
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    fn new(menu: Menu, name: &'static str, action: Action) -> Self {
        Self {
            name,
            menu,
            shortcuts: Vec::new(),
            scope: Scope::Always,
            yield_to_typing: Vec::new(),
            action,
        }
    }

    /// A shortcut that fires only while no text field has focus, where it edits the field.
    fn key_not_while_typing(mut self, shortcut: KeyboardShortcut) -> Self {
        self.shortcuts.push(shortcut);
        self.yield_to_typing.push(shortcut);
        self
    }

    /// True when `shortcut` of this command fires while a text field has focus.
    pub fn fires_while_typing(&self, shortcut: &KeyboardShortcut) -> bool {
        self.scope == Scope::Always && !self.yield_to_typing.contains(shortcut)
    }

    /// Fires only in `scope` ([`Scope::Lesson`], [`Scope::Presenting`]).
    fn scoped(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    fn key(mut self, shortcut: KeyboardShortcut) -> Self {
        self.shortcuts.push(shortcut);
        self
    }

    /// The key edits a focused text field instead (Undo, Redo).
    fn not_while_typing(mut self) -> Self {
        self.scope = Scope::NotWhileTyping;
        self
    }
}

/// Every command, in menu order.
pub fn table() -> Vec<Command> {
    let mut t = file_commands();
    t.extend(import_commands());
    t.extend(export_commands());
    t.extend(edit_commands());
    t.extend(view_commands());
    t.extend(present_commands());
    t.extend(theme_commands());
    t.extend(help_commands());
    t
}

/// View > Theme: one entry per theme.
fn theme_commands() -> Vec<Command> {
    Theme::ALL
        .into_iter()
        .map(|theme| {
            Command::new(
                Menu::Theme,
                theme.label(),
                Action::Window(WindowRequest::Theme(theme)),
            )
        })
        .collect()
}

fn help_commands() -> Vec<Command> {
    use Menu::Help;
    vec![
        Command::new(
            Help,
            "Command palette…",
            Action::Window(WindowRequest::Palette),
        )
        .key_not_while_typing(ctrl(Key::K))
        .key(ctrl_shift(Key::P)),
        Command::new(
            Help,
            "Keyboard shortcuts",
            Action::Window(WindowRequest::Shortcuts),
        )
        .key(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
    ]
}

/// Presentation mode, lesson steps and the scale (View menu); the lesson editor (File menu).
fn present_commands() -> Vec<Command> {
    use crate::workspace::present::{PresentCmd as P, Zoom};
    use Menu::View as V;
    let key = |k: Key| KeyboardShortcut::new(Modifiers::NONE, k);
    let cmd = |menu: Menu, name: &'static str, c: P| Command::new(menu, name, Action::Present(c));
    vec![
        cmd(Menu::File, "Lesson editor…", P::ToggleEditor),
        cmd(V, "Present", P::Toggle).key(key(Key::F11)),
        cmd(V, "Leave presentation", P::Leave)
            .key(key(Key::Escape))
            .scoped(Scope::Presenting),
        cmd(V, "Next step", P::Next)
            .key(key(Key::ArrowRight))
            .key(key(Key::PageDown))
            .key(key(Key::Space))
            .scoped(Scope::Lesson),
        cmd(V, "Previous step", P::Previous)
            .key(key(Key::ArrowLeft))
            .key(key(Key::PageUp))
            .scoped(Scope::Lesson),
        cmd(V, "Show my notes while presenting", P::TogglePrivate)
            .key(key(Key::N))
            .scoped(Scope::Presenting),
        cmd(V, "Presenter view (second window)", P::TogglePresenterView),
        cmd(V, "Zoom in", P::Zoom(Zoom::In))
            .key(ctrl(Key::Equals))
            .key(ctrl(Key::Plus)),
        cmd(V, "Zoom out", P::Zoom(Zoom::Out)).key(ctrl(Key::Minus)),
        cmd(V, "Reset zoom", P::Zoom(Zoom::Reset)).key(ctrl(Key::Num0)),
        cmd(Menu::Help, "Sample lesson", P::OpenSample),
    ]
}

fn file_commands() -> Vec<Command> {
    use Menu::File;
    let f5 = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
    vec![
        Command::new(File, "Open files…", Action::Pick(Pick::Files)).key(ctrl(Key::O)),
        Command::new(File, "Open folder…", Action::Pick(Pick::Folder)).key(ctrl_shift(Key::O)),
        Command::new(File, "Open class folder…", Action::Pick(Pick::ClassFolder)),
        Command::new(
            File,
            "New case",
            Action::Editor(EditorCmd::NewCase(String::new())),
        )
        .key(ctrl(Key::N)),
        Command::new(
            File,
            "New case from document…",
            Action::Pick(Pick::Document),
        )
        .key(ctrl_shift(Key::N)),
        Command::new(File, "Duplicate case", Action::Editor(EditorCmd::Duplicate)),
        Command::new(File, "New framework…", Action::Framework(FrameworkCmd::New)),
        Command::new(
            File,
            "New framework from cases",
            Action::Framework(FrameworkCmd::NewFromCases),
        ),
        // The case or the framework, whichever editor is the active one.
        Command::new(
            File,
            "Save",
            Action::Editor(EditorCmd::Save(crate::authoring::SaveMode::Checked)),
        )
        .key(ctrl(Key::S)),
        Command::new(File, "Reload", Action::Reload).key(f5),
        Command::new(File, "Open notes…", Action::Pick(Pick::OpenNotes)),
        Command::new(File, "Save notes as…", Action::Pick(Pick::SaveNotesAs))
            .key(ctrl_shift(Key::S)),
        Command::new(
            File,
            "Notes backups…",
            Action::Window(WindowRequest::NotesBackups),
        ),
        Command::new(Menu::FileEnd, "Quit", Action::Quit).key(ctrl(Key::Q)),
    ]
}

/// File > Import: one entry per kind, each asking which file to read.
fn import_commands() -> Vec<Command> {
    crate::refi::files::ImportKind::ALL
        .into_iter()
        .map(|kind| {
            Command::new(
                Menu::Import,
                kind.menu_name(),
                Action::Pick(Pick::Import(kind)),
            )
        })
        .collect()
}

/// File > Export: one entry per kind, each asking where to save.
fn export_commands() -> Vec<Command> {
    crate::workspace::export::ExportKind::ALL
        .into_iter()
        .map(|kind| {
            Command::new(
                Menu::Export,
                kind.menu_name(),
                Action::Pick(Pick::Export(kind)),
            )
        })
        .collect()
}

fn edit_commands() -> Vec<Command> {
    use Menu::Edit as E;
    vec![
        Command::new(E, "Undo", Action::Edit(Edit::Undo))
            .key(ctrl(Key::Z))
            .not_while_typing(),
        Command::new(E, "Redo", Action::Edit(Edit::Redo))
            .key(ctrl_shift(Key::Z))
            .key(ctrl(Key::Y))
            .not_while_typing(),
        Command::new(E, "Highlight the selection", Action::HighlightSelection)
            .key(ctrl(Key::Enter)),
        Command::new(E, "Your codes…", Action::ToggleCodesWindow),
        Command::new(
            E,
            "Mark this case as coded",
            Action::Edit(Edit::ToggleCoded),
        ),
        Command::new(
            E,
            "Your name…",
            Action::Window(crate::appearance::WindowRequest::YourName),
        ),
        Command::new(E, "Edit case", Action::Editor(EditorCmd::Start)).key(ctrl(Key::E)),
        Command::new(E, "Stop editing the case", Action::Editor(EditorCmd::Close)),
        Command::new(
            E,
            "Edit framework",
            Action::Framework(FrameworkCmd::Start(None)),
        ),
        Command::new(
            E,
            "Close the framework",
            Action::Framework(FrameworkCmd::Close),
        ),
    ]
}

fn view_commands() -> Vec<Command> {
    use Menu::{Compare, View as V};
    let views = [
        (View::Reader, Key::Num1),
        (View::Compare, Key::Num2),
        (View::Alliances, Key::Num3),
        (View::Matrix, Key::Num4),
        (View::Coded, Key::Num5),
        (View::Agreement, Key::Num6),
    ];
    let mut t: Vec<Command> = views
        .into_iter()
        .map(|(view, key)| Command::new(V, view.label(), Action::SetView(view)).key(ctrl(key)))
        .collect();
    t.extend([
        Command::new(
            V,
            "Search…",
            Action::Search {
                in_open_case: false,
            },
        )
        .key(ctrl_shift(Key::F)),
        Command::new(
            V,
            "Search this case…",
            Action::Search { in_open_case: true },
        )
        .key(ctrl(Key::F)),
        Command::new(V, "Next search hit", Action::StepSearch(true))
            .key(KeyboardShortcut::new(Modifiers::NONE, Key::F3)),
        Command::new(V, "Previous search hit", Action::StepSearch(false))
            .key(KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)),
        Command::new(V, "Problems", Action::ToggleProblems),
        Command::new(
            V,
            "Layers",
            Action::Class(crate::workspace::class::ClassAction::TogglePanel),
        ),
        Command::new(V, "Instructor questions", Action::ToggleInstructorQuestions),
        Command::new(Compare, "Differences only", Action::ToggleDifferencesOnly).key(ctrl(Key::D)),
        Command::new(
            Compare,
            "Also rows known for only some",
            Action::TogglePartlyKnown,
        ),
        Command::new(
            Compare,
            "Highlight what is shared",
            Action::ToggleHighlightShared,
        ),
        Command::new(
            Compare,
            "Copy comparison as Markdown",
            Action::CopyComparison,
        ),
    ]);
    t
}

/// Keys a focused text field uses for editing: a shortcut on one of them would also edit the
/// field (egui 0.37 takes Ctrl+H as Backspace, Ctrl+K/U/W delete, Ctrl+A/Z/Y select and undo).
pub fn text_editing_keys() -> Vec<KeyboardShortcut> {
    let mut keys: Vec<KeyboardShortcut> = [
        Key::A,
        Key::C,
        Key::V,
        Key::X,
        Key::Z,
        Key::Y,
        Key::H,
        Key::K,
        Key::U,
        Key::W,
    ]
    .into_iter()
    .flat_map(|k| [ctrl(k), ctrl_shift(k)])
    .collect();
    let moving = [
        Key::ArrowLeft,
        Key::ArrowRight,
        Key::ArrowUp,
        Key::ArrowDown,
        Key::Home,
        Key::End,
        Key::PageUp,
        Key::PageDown,
        Key::Backspace,
        Key::Delete,
        Key::Enter,
        Key::Tab,
        Key::Space,
    ];
    for k in moving {
        keys.push(KeyboardShortcut::new(Modifiers::NONE, k));
        keys.push(KeyboardShortcut::new(Modifiers::SHIFT, k));
        keys.push(ctrl(k));
        keys.push(ctrl_shift(k));
    }
    keys.retain(|k| *k != ctrl(Key::Enter));
    keys
}

/// Marks the focused read-only text widget (a paragraph being selected) as not a field being
/// typed in, so Undo still works while a passage is selected.
pub fn mark_read_only(ctx: &egui::Context, id: egui::Id) {
    ctx.data_mut(|d| d.insert_temp(read_only_key(id), true));
}

fn read_only_key(id: egui::Id) -> egui::Id {
    id.with("caselens-read-only-text")
}

/// True while the user is typing in a text field: the one rule for the whole app.
pub fn typing(ctx: &egui::Context) -> bool {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return false;
    };
    ctx.text_edit_focused() && !ctx.data(|d| d.get_temp::<bool>(read_only_key(id)).unwrap_or(false))
}

/// Consumes the shortcuts pressed this frame and returns their actions. Longer modifier sets
/// are checked first so Ctrl+Shift+Z is not taken as Ctrl+Z. While a dialog is open its own
/// keys (Ctrl+Enter saves, Escape) win and no command fires.
pub fn pressed(ctx: &egui::Context, table: &[Command]) -> Vec<Action> {
    if ctx.memory(|m| m.top_modal_layer().is_some()) {
        return Vec::new();
    }
    let typing = typing(ctx);
    let mut keyed: Vec<(&KeyboardShortcut, &Command)> = table
        .iter()
        .flat_map(|c| c.shortcuts.iter().map(move |s| (s, c)))
        .collect();
    keyed.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut out = Vec::new();
    for (shortcut, command) in keyed {
        if (typing && !command.fires_while_typing(shortcut)) || !scope_holds(ctx, command.scope) {
            continue;
        }
        // Every press counts: a clicker's two quick Page Downs in one frame are two steps.
        let presses =
            ctx.input_mut(|i| i.count_and_consume_key(shortcut.modifiers, shortcut.logical_key));
        out.extend(std::iter::repeat_n(command.action.clone(), presses));
    }
    out
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}

/// Text for a shortcut in menus ("Ctrl+Shift+Z").
pub fn shortcut_text(ctx: &egui::Context, command: &Command) -> String {
    command
        .shortcuts
        .first()
        .map(|s| ctx.format_shortcut(s))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let t = table();
        let mut seen: Vec<(KeyboardShortcut, &str)> = Vec::new();
        for c in &t {
            for s in &c.shortcuts {
                if let Some((_, other)) = seen.iter().find(|(k, _)| k == s) {
                    panic!("{} and {} share a shortcut", c.name, other);
                }
                seen.push((*s, c.name));
            }
        }
        assert!(seen.len() > 10, "the table has shortcuts");
    }

    #[test]
    fn shortcuts_that_fire_while_typing_are_not_text_editing_keys() {
        let editing = text_editing_keys();
        for c in table() {
            for s in c.shortcuts.iter().filter(|s| c.fires_while_typing(s)) {
                assert!(
                    !editing.contains(s),
                    "{}'s shortcut {s:?} also edits a focused text field",
                    c.name
                );
            }
        }
        assert!(
            editing.contains(&ctrl(Key::H)),
            "Ctrl+H is Backspace in egui"
        );
    }

    #[test]
    fn the_palette_opens_with_ctrl_k_and_ctrl_shift_p_but_only_the_latter_while_typing() {
        let t = table();
        let palette = t
            .iter()
            .find(|c| c.action == Action::Window(WindowRequest::Palette))
            .expect("a palette command");
        assert!(!palette.fires_while_typing(&ctrl(Key::K)));
        assert!(palette.fires_while_typing(&ctrl_shift(Key::P)));
        assert_eq!(palette.shortcuts.len(), 2);
    }

    #[test]
    fn undo_and_redo_yield_to_text_fields() {
        for c in table() {
            if matches!(c.action, Action::Edit(Edit::Undo | Edit::Redo)) {
                assert_eq!(c.scope, Scope::NotWhileTyping, "{}", c.name);
            }
        }
    }
}
