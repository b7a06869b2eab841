//! Issue 24 in the window: the agreement view's roll-up, semantic domain and minimum choices
//! (the table shows the core's figures for each, every figure with its units, and says who
//! rated what and which codes count); *Mark this case as coded* in the reader (saved in your
//! notes, undone by Ctrl+Z); and the Layers panel's *Marked coded* column.

use caselens::agreement::{CodeFilter, Options, Unit, agreement};
use caselens::notes::layers::load_layers;
use caselens::workspace::View;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::class::{class_app, class_folder, shows_row, view, with_bootstrap};
use crate::util::{app_on, bundled, harness};

#[test]
fn roll_up_domain_and_minimum_change_the_figures_as_the_core_computes_them() {
    let dir = class_folder();
    let mut h = harness(class_app(dir.path()));
    h.run();
    view(&mut h, egui::Key::Num6);
    assert_eq!(h.state().workspace.view, View::Agreement);
    let layers = load_layers(&[dir.path().to_owned()], &bundled()).layers;
    // The rules are stated above the table.
    assert!(
        h.query_by_label_contains("Raters: no coder marks the cases they coded")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Codes: every code used on a case two or more coders rated")
            .is_some()
    );
    // Roll up to level 2: the two RAT.practice children become RAT.practice.
    h.get_by_role_and_label(Role::ComboBox, "Roll up").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Level 2").click();
    h.run();
    assert_eq!(
        h.state().agreement_view.choice.rollup,
        Some(caselens::agreement::Rollup::Level(2))
    );
    let rolled = agreement(
        &bundled(),
        &layers,
        &with_bootstrap(Options {
            rollup: Some(caselens::agreement::Rollup::Level(2)),
            ..Options::new(Unit::Paragraph, CodeFilter::All)
        }),
    );
    assert_eq!(rolled.codes.len(), 1, "{:?}", rolled.codes);
    shows_row(&h, "Overall", &rolled.overall);
    domain_and_minimum(&mut h, &layers);
}

/// With the roll-up at level 2: the RAT family as one variable and a minimum of 0.8.
fn domain_and_minimum(
    h: &mut egui_kittest::Harness<'static, caselens::ui::CaselensApp>,
    layers: &[caselens::notes::layers::Layer],
) {
    // The domain needs a family: off until one is chosen.
    assert!(
        h.get_by_label("As one variable (semantic domain)")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_role_and_label(Role::ComboBox, "Codes").click();
    h.run();
    h.get_by_label_contains("(RAT)").click();
    h.run();
    h.get_by_label("As one variable (semantic domain)").click();
    h.run();
    // Minimum 0.8.
    h.get_by_role_and_label(Role::ComboBox, "Minimum alpha")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "0.800").click();
    h.run();
    let c = &h.state().agreement_view.choice;
    assert_eq!(
        (c.family.as_deref(), c.domain, c.minimum),
        (Some("RAT"), true, 800)
    );
    let domain = agreement(
        &bundled(),
        layers,
        &Options {
            rollup: Some(caselens::agreement::Rollup::Level(2)),
            domain: Some("RAT".into()),
            bootstrap: Some(caselens::agreement::Bootstrap {
                minimum: 0.8,
                ..Default::default()
            }),
            ..Options::new(Unit::Paragraph, CodeFilter::Family("RAT".into()))
        },
    );
    let d = domain.domain.expect("domain");
    let lib = bundled();
    let book = caselens::codebook::Codebook::build(
        Some(&lib.frameworks[0].doc),
        &caselens::format::empty_notes(None),
    );
    let name = format!("Domain {} (RAT)", book.family_label("RAT"));
    shows_row(h, &name, &d.stats);
    assert!(h.query_all_by_label_contains("P(α < 0.8)").next().is_some());
    // What the figures mean, in the view's help.
    h.get_by_label("What these figures mean").click();
    h.run();
    assert!(
        h.query_by_label_contains("with two coders Fleiss' kappa is Scott's pi")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("not Krippendorff's unitizing alpha")
            .is_some()
    );
}

#[test]
fn mark_this_case_as_coded_is_saved_in_your_notes_and_undone_by_ctrl_z() {
    let mut h = harness(app_on("company-a"));
    h.run();
    h.get_by_role_and_label(Role::Button, "Mark this case as coded")
        .click();
    h.run();
    assert_eq!(h.state().workspace.notebook.file().coded, ["company-a"]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state().workspace.notebook.file().coded.is_empty(),
        "undone"
    );
    // The Edit menu toggles the open case too.
    h.get_by_label("Edit").click();
    h.run();
    let entries: Vec<_> = h.get_all_by_label("Mark this case as coded").collect();
    assert_eq!(entries.len(), 2, "the reader's toggle and the menu entry");
    entries.last().expect("menu entry").click();
    h.run();
    assert_eq!(h.state().workspace.notebook.file().coded, ["company-a"]);
}

#[test]
fn the_layers_panel_says_how_many_cases_each_author_marked_as_coded() {
    let dir = class_folder();
    let path = dir.path().join("dana.notes.json");
    std::fs::write(
        &path,
        r#"{"format": "caselens/notes@1", "author": "Dana", "coded": ["company-a", "company-b"], "items": []}"#,
    )
    .expect("setup");
    let mut h = harness(class_app(dir.path()));
    h.run();
    assert!(h.query_by_label("Dana marked coded: 2 case(s)").is_some());
    assert!(h.query_by_label("Ana marked coded: no marks").is_some());
}

/// *Roll up* offers the codes with children: ticking RAT.practice rolls its children into it
/// (the core's figures for that roll-up are shown); with character units and the RAT family as
/// one variable the view adds cu-alpha and Cu-alpha as the core computes them.
#[test]
fn roll_up_to_a_chosen_parent_and_cu_alpha_in_the_view() {
    use caselens::agreement::{Rollup, words};
    let dir = class_folder();
    let mut h = harness(class_app(dir.path()));
    h.run();
    view(&mut h, egui::Key::Num6);
    let layers = load_layers(&[dir.path().to_owned()], &bundled()).layers;
    h.get_by_role_and_label(Role::ComboBox, "Roll up").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "RAT.practice")
        .click();
    h.run();
    let parents = Rollup::Parents(vec!["RAT.practice".into()]);
    assert_eq!(
        h.state().agreement_view.choice.rollup,
        Some(parents.clone())
    );
    let rolled = agreement(
        &bundled(),
        &layers,
        &with_bootstrap(Options {
            rollup: Some(parents.clone()),
            ..Options::new(Unit::Paragraph, CodeFilter::All)
        }),
    );
    assert!(rolled.codes.iter().any(|c| c.code == "RAT.practice"));
    shows_row(&h, "Overall", &rolled.overall);
    assert!(
        h.query_by_label_contains("rolled up to RAT.practice (each counts the codes under it)")
            .is_some()
    );
    // The list stays open for more parents; ticking it again: no roll-up.
    h.get_by_role_and_label(Role::CheckBox, "RAT.theory")
        .click();
    h.run();
    let two = Rollup::Parents(vec!["RAT.practice".into(), "RAT.theory".into()]);
    assert_eq!(h.state().agreement_view.choice.rollup, Some(two));
    for parent in ["RAT.practice", "RAT.theory"] {
        h.get_by_role_and_label(Role::CheckBox, parent).click();
        h.run();
    }
    assert_eq!(h.state().agreement_view.choice.rollup, None);
    h.key_press(egui::Key::Escape);
    h.run();
    // Character units, the RAT family as one variable: cu-alpha and Cu-alpha.
    h.get_by_label("Character").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Codes").click();
    h.run();
    h.get_by_label_contains("(RAT)").click();
    h.run();
    h.get_by_label("As one variable (semantic domain)").click();
    h.run();
    let report = agreement(
        &bundled(),
        &layers,
        &with_bootstrap(Options {
            domain: Some("RAT".into()),
            ..Options::new(Unit::Char, CodeFilter::Family("RAT".into()))
        }),
    );
    let lines = words::coding(&report);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert!(h.query_by_label(line).is_some(), "{line} is shown");
    }
    h.get_by_label("What these figures mean").click();
    h.run();
    assert!(
        h.query_by_label_contains("Cu-alpha is the same with the semantic domains")
            .is_some()
    );
}
