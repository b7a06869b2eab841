//! The command palette (Ctrl+K, Ctrl+Shift+P), the keyboard shortcuts overlay (F1), and the
//! themes, which persist with the other UI preferences.

use caselens::appearance::Theme;
use caselens::ui::CaselensApp;
use caselens::ui::theme::is_high_contrast;
use caselens::workspace::{Action, View};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use crate::util::{MemoryStorage, app_on, bundled, harness, harness_sized};

/// Ctrl as a real keyboard on Linux sends it: both `ctrl` and `command`.
const CTRL: Modifiers = Modifiers::CTRL.plus(Modifiers::COMMAND);
const CTRL_SHIFT: Modifiers = CTRL.plus(Modifiers::SHIFT);

fn palette_field<'h>(h: &'h Harness<'static, CaselensApp>) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(Role::TextInput, "Command")
}

/// Opens the palette with Ctrl+K and types `text` into it.
fn palette_typing(h: &mut Harness<'static, CaselensApp>, text: &str) {
    h.key_press_modifiers(CTRL, Key::K);
    h.run();
    assert!(h.state().palette.is_open(), "Ctrl+K opens the palette");
    assert!(palette_field(h).is_focused(), "its field has focus");
    palette_field(h).type_text(text);
    h.run();
}

fn dark(h: &Harness<'static, CaselensApp>) -> bool {
    h.ctx.global_style().visuals.dark_mode
}

fn high_contrast(h: &Harness<'static, CaselensApp>) -> bool {
    is_high_contrast(&h.ctx.global_style().visuals)
}

/// The first font of proportional text.
fn proportional_font(h: &Harness<'static, CaselensApp>) -> String {
    h.ctx.fonts(|f| {
        f.definitions().families[&egui::FontFamily::Proportional]
            .first()
            .cloned()
            .unwrap_or_default()
    })
}

#[test]
fn typing_cmpr_and_enter_opens_compare() {
    let mut h = harness(app_on("company-a"));
    h.run();
    assert_eq!(h.state().workspace.view, View::Reader);
    palette_typing(&mut h, "cmpr");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().workspace.view, View::Compare);
    assert!(!h.state().palette.is_open(), "running a command closes it");
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Command")
            .is_none()
    );
}

#[test]
fn the_palette_lists_every_command_with_its_menu_and_shortcut() {
    let mut h = harness(app_on("company-a"));
    h.run();
    palette_typing(&mut h, "");
    let table = caselens::ui::commands::table();
    for command in &table {
        let shortcut = command
            .shortcuts
            .first()
            .map(|s| h.ctx.format_shortcut(s))
            .unwrap_or_default();
        let listed = h
            .query_all(by().role(Role::Button).label_contains(command.name))
            .any(|row| {
                let label = row.accesskit_node().label().unwrap_or_default();
                label.contains(command.menu.path()) && label.contains(&shortcut)
            });
        assert!(
            listed,
            "{} is listed with its menu and shortcut",
            command.name
        );
    }
}

#[test]
fn ctrl_shift_p_opens_the_palette_while_typing_and_ctrl_k_edits_the_field() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_label("Filter").click();
    h.run();
    h.get_by_label("Filter").type_text("company");
    h.run();
    // In a field Ctrl+K is egui's "delete to the end of the line", not the palette.
    h.key_press_modifiers(CTRL, Key::K);
    h.run();
    assert!(!h.state().palette.is_open(), "Ctrl+K belongs to the field");
    h.key_press_modifiers(CTRL_SHIFT, Key::P);
    h.run();
    assert!(
        h.state().palette.is_open(),
        "Ctrl+Shift+P works while typing"
    );
    assert!(palette_field(&h).is_focused());
    palette_field(&h).type_text("alli");
    h.run();
    assert_eq!(
        h.state().palette.query,
        "alli",
        "keys go to the palette's field"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().palette.is_open(), "Escape closes it");
    assert_eq!(h.state().workspace.view, View::Reader, "nothing ran");
}

#[test]
fn a_disabled_command_is_greyed_and_enter_does_not_run_it() {
    let mut h = harness(app_on("company-a"));
    h.run();
    // Nothing to redo yet.
    palette_typing(&mut h, "redo");
    // The line reads "Redo", then its menu and shortcut.
    let row = h.get(by().role(Role::Button).label_contains("Redo"));
    assert!(
        row.accesskit_node()
            .label()
            .is_some_and(|l| l.contains("Ctrl+Shift+Z"))
    );
    assert!(row.accesskit_node().is_disabled(), "Redo is greyed out");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().palette.is_open(),
        "Enter on a greyed command does nothing"
    );
}

#[test]
fn down_chooses_the_next_line() {
    let mut app = app_on("company-a");
    app.workspace.apply(Action::Search {
        in_open_case: false,
    });
    app.search_view.text = "alliance".into();
    let mut h = harness(app);
    h.run();
    let hits = h.state().search_view.hit_count();
    assert!(hits > 1, "the bundled cases mention alliances: {hits}");
    // The search field has focus: only Ctrl+Shift+P opens the palette there.
    h.key_press_modifiers(CTRL_SHIFT, Key::P);
    h.run();
    palette_field(&h).type_text("search hit");
    h.run();
    // Next search hit, then Previous search hit (longer): Down chooses the second.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().search_view.current,
        Some(hits - 1),
        "Previous search hit ran: it wraps to the last hit"
    );
}

#[test]
fn f1_lists_every_shortcut_from_the_command_table() {
    let mut h = harness_sized(app_on("company-a"), 1400.0, 1600.0);
    h.run();
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().shortcuts.open);
    let undo = h.get_by_label("Undo").rect();
    let keys = h.get_by_label("Ctrl+Z").rect();
    assert!(
        (undo.center().y - keys.center().y).abs() < 2.0 && keys.left() > undo.right(),
        "Undo and Ctrl+Z on one line: {undo:?} {keys:?}"
    );
    assert!(
        h.query_by_label("Ctrl+Shift+Z or Ctrl+Y").is_some(),
        "every shortcut"
    );
    assert!(h.query_by_label("Ctrl+K or Ctrl+Shift+P").is_some());
    assert!(
        h.query_by_label("File > Export").is_some(),
        "grouped by menu"
    );
    // As in the menu, Quit ends the File group.
    let quit = h.get_by_label("Quit").rect();
    for command in caselens::ui::commands::table() {
        if command.menu.path() == "File" {
            let row = h.get_by_label(command.name).rect();
            assert!(row.top() <= quit.top(), "{} after Quit", command.name);
        }
    }
    assert!(quit.top() < h.get_by_label("File > Import").rect().top());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().shortcuts.open, "Escape closes it");
    assert!(h.query_by_label("Ctrl+Z").is_none());
}

#[test]
fn the_theme_scale_and_panels_persist_through_the_settings() {
    let mut h = harness(app_on("company-a"));
    h.run();
    palette_typing(&mut h, "high contrast");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().theme, Theme::HighContrast);
    assert!(dark(&h) && high_contrast(&h));
    assert_eq!(
        proportional_font(&h),
        caselens::ui::theme::PROJECTOR_FONT_NAME,
        "high contrast reads in the heavier projector font"
    );
    palette_typing(&mut h, "light");
    h.key_press(Key::Enter);
    h.run();
    assert!(!dark(&h) && !high_contrast(&h), "light");
    assert_ne!(
        proportional_font(&h),
        caselens::ui::theme::PROJECTOR_FONT_NAME
    );
    let ctx = h.ctx.clone();
    let high = caselens::appearance::WindowRequest::Theme(Theme::HighContrast);
    h.state_mut().apply(&ctx, Action::Window(high));
    h.run();
    assert!(high_contrast(&h));

    // A larger UI scale and the problems panel, remembered too.
    h.ctx.set_zoom_factor(1.25);
    h.state_mut().workspace.show_problems = true;
    h.run();

    // Saved, then read by a new window.
    let mut storage = MemoryStorage::default();
    h.state_mut().workspace.paths = vec![std::env::temp_dir()];
    eframe::App::save(h.state_mut(), &mut storage);
    let mut app = CaselensApp::with_library(bundled(), Vec::new());
    app.restore_settings(&storage);
    assert_eq!(app.theme, Theme::HighContrast);
    assert_eq!(app.workspace.open_case.as_deref(), Some("company-a"));
    let mut h2 = harness(app);
    h2.run();
    assert!(
        dark(&h2) && high_contrast(&h2),
        "the new window is high contrast"
    );
    assert!((h2.ctx.zoom_factor() - 1.25).abs() < 1e-6, "the UI scale");
    assert!(h2.state().workspace.show_problems);
    let saved = storage.0.values().next().cloned().unwrap_or_default();
    assert!(saved.contains("library_paths"), "{saved}");
}
