//! The Matrix names what it shows (issue 23, item 17): the chart names every case, a code
//! header never breaks inside a word, case names get the room there is, and the Count menu
//! says that the cases' own facets and alliances count too.

use caselens::ui::CaselensApp;
use caselens::workspace::{Action, View};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util::{app_on, harness_sized};

type H = egui_kittest::Harness<'static, CaselensApp>;

fn matrix_at(width: f32, height: f32) -> H {
    let mut h = harness_sized(app_on("company-a"), width, height);
    h.run();
    h.state_mut().workspace.apply(Action::SetView(View::Matrix));
    h.run();
    h.run();
    h
}

/// Width of `text` in egui's text style `style`, as the app lays it out.
fn text_width(h: &H, text: &str, style: &egui::TextStyle) -> f32 {
    let font = style.resolve(&h.ctx.global_style());
    h.ctx
        .fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE))
        .size()
        .x
}

#[test]
fn the_chart_names_every_case_by_its_title() {
    let h = matrix_at(1600.0, 900.0);
    let titles: Vec<String> = h
        .state()
        .workspace
        .scope_cases()
        .iter()
        .map(|c| c.title.clone())
        .collect();
    assert!(titles.len() > 2);
    for title in titles {
        let bars = h
            .query_all_by_label_contains(&format!("{title}: "))
            .filter(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.ends_with("coded unit(s)"))
            })
            .count();
        assert_eq!(bars, 1, "a bar named {title}");
    }
}

#[test]
fn code_headers_are_wider_than_their_longest_word_and_case_names_get_the_room() {
    for zoom in [1.0, 1.5] {
        let mut h = matrix_at(1600.0, 900.0);
        h.ctx.set_zoom_factor(zoom);
        h.run();
        h.run();
        let headers: Vec<(String, egui::Rect)> = h
            .get_all_by_role(Role::ColumnHeader)
            .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
            .collect();
        // "Practitioner" and "Credibility," are wider than the old 84-point columns.
        assert!(
            headers.iter().any(|(l, _)| l.starts_with("Practitioner")),
            "{headers:?}"
        );
        // A header cut by the edge of the view is drawn in part: check the whole ones.
        let full = headers.iter().map(|(_, r)| r.width()).fold(0.0, f32::max);
        for (label, rect) in headers.into_iter().filter(|(_, r)| r.width() >= full - 0.5) {
            for word in label.split_whitespace() {
                let w = text_width(&h, word, &egui::TextStyle::Small);
                assert!(
                    rect.width() >= w + 4.0,
                    "zoom {zoom}: {word} ({w}) in {rect:?}"
                );
            }
        }
        // Company A's whole title is not cut: the case column has room for it.
        let title = h
            .state()
            .workspace
            .library
            .case("company-a")
            .unwrap()
            .title
            .clone();
        let cell = h.get_by_role_and_label(Role::Label, &title).rect();
        let w = text_width(&h, &title, &egui::TextStyle::Body);
        assert!(cell.width() >= w, "zoom {zoom}: {title} ({w}) in {cell:?}");
    }
}

#[test]
fn the_count_menu_says_the_cases_own_codings_count_too() {
    let words = caselens::compare::matrix::MatrixCount::Yours.words(None);
    assert_eq!(
        words,
        "Coded units: the cases' facets and alliances, and your highlights"
    );
    let ana = caselens::compare::matrix::MatrixCount::Author("x".into()).words(Some("Ana"));
    assert!(ana.ends_with("and Ana's highlights"), "{ana}");
}
