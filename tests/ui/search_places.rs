//! F3 to a search hit outside the paragraphs (issue 23, item 5): the reader goes there and
//! marks it (a facet, an alliance, a question, the subtitle, a source), the old mark goes, and
//! the result list keeps the current hit in sight.

use caselens::search::{Index, Place, Query};
use caselens::ui::CaselensApp;
use caselens::ui::views::reader::SideTab;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::util::{app_on, bundled, harness_sized};

type H = egui_kittest::Harness<'static, CaselensApp>;

/// Hits for `text` in `case`, as the panel lists them.
fn places(case: &str, text: &str) -> Vec<Place> {
    let lib = bundled();
    Index::build(&lib, None)
        .search(&Query::parse(text).expect("a query"))
        .into_iter()
        .filter(|c| c.case == case)
        .flat_map(|c| c.hits.into_iter().map(|h| h.place))
        .collect()
}

/// Labels of the nodes the reader marks (selected for screen readers), with their rects.
fn marked(h: &H) -> Vec<(String, egui::Rect)> {
    h.root()
        .children_recursive()
        .filter(|n| n.accesskit_node().is_selected() == Some(true))
        .map(|n| {
            let node = n.accesskit_node();
            let text = node.label().or_else(|| node.value()).unwrap_or_default();
            (text, n.rect())
        })
        .collect()
}

fn search_open_case(h: &mut H, text: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text(text);
    h.run();
}

#[test]
fn f3_to_a_facet_alliance_or_subtitle_hit_marks_it_in_sight_and_drops_the_old_mark() {
    let hits = places("corio", "PeopleSoft");
    let kinds = |f: fn(&Place) -> bool| hits.iter().filter(|p| f(p)).count();
    assert!(kinds(|p| matches!(p, Place::Subtitle)) > 0);
    assert!(kinds(|p| matches!(p, Place::Alliance { .. })) > 0);
    assert!(kinds(|p| matches!(p, Place::Facet { .. })) > 0);
    assert!(kinds(|p| matches!(p, Place::Paragraph { .. })) > 0);
    let (width, height) = (1400.0, 900.0);
    let mut h = harness_sized(app_on("corio"), width, height);
    h.run();
    search_open_case(&mut h, "PeopleSoft");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height));
    for (i, place) in hits.iter().enumerate() {
        h.key_press(Key::F3);
        h.run();
        h.run();
        assert_eq!(h.state().search_view.current, Some(i));
        let ws = &h.state().workspace;
        let marks = marked(&h);
        match place {
            Place::Paragraph { .. } => {
                assert!(ws.focus.is_some(), "hit {i}: the paragraph is marked");
                assert!(
                    ws.spot.is_none() && marks.is_empty(),
                    "hit {i}: old mark gone"
                );
            }
            Place::Subtitle | Place::Facet { .. } | Place::Alliance { .. } => {
                assert!(ws.focus.is_none(), "hit {i}: the paragraph's mark goes");
                assert_eq!(ws.spot.as_ref().map(|s| &s.place), Some(place));
                assert_eq!(
                    marks.len(),
                    1,
                    "hit {i} {place}: one place marked: {marks:?}"
                );
                let (label, rect) = &marks[0];
                assert!(window.contains_rect(*rect), "hit {i} {label}: in sight");
                if let Place::Facet { .. } = place {
                    assert_eq!(h.state().reader.tab, SideTab::Facets);
                }
                if let Place::Alliance { .. } = place {
                    assert_eq!(label, "PeopleSoft");
                }
            }
            _ => {}
        }
    }
}

#[test]
fn f3_to_a_source_or_question_hit_marks_it() {
    let hits = places("corio", "eWeek");
    let first = |f: fn(&Place) -> bool| hits.iter().position(f);
    let mut h = harness_sized(app_on("corio"), 1400.0, 900.0);
    h.run();
    search_open_case(&mut h, "eWeek");
    let question = first(|p| matches!(p, Place::Question { .. })).expect("a question hit");
    for _ in 0..=question {
        h.key_press(Key::F3);
        h.run();
    }
    h.run();
    let marks = marked(&h);
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert!(marks[0].0.contains("eWeek"), "the question: {marks:?}");
    let source = first(|p| matches!(p, Place::Meta { field } if field == "sources"))
        .expect("a hit in the sources");
    for _ in 0..(source + hits.len() - question) % hits.len() {
        h.key_press(Key::F3);
        h.run();
    }
    h.run();
    let marks = marked(&h);
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert!(marks[0].0.starts_with("Sources"), "{marks:?}");
}

#[test]
fn the_result_list_scrolls_to_keep_the_current_hit_in_sight() {
    // Each hit's row as the list writes it: where, two spaces, the snippet.
    let rows: Vec<String> = Index::build(&bundled(), None)
        .search(&Query::parse("alliance").expect("a query"))
        .into_iter()
        .flat_map(|c| c.hits)
        .map(|hit| {
            let place = match &hit.place {
                Place::Paragraph { section, paragraph } => format!("¶ {section}/{paragraph}"),
                other => other.to_string(),
            };
            format!("{place}  {}", hit.snippet.text)
        })
        .collect();
    let mut h = harness_sized(CaselensApp::with_library(bundled(), vec![]), 1000.0, 600.0);
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        Key::F,
    );
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("alliance");
    h.run();
    assert_eq!(h.state().search_view.hit_count(), rows.len());
    assert!(rows.len() > 40, "many hits: {}", rows.len());
    for (i, row) in rows.iter().enumerate().take(40) {
        h.key_press(Key::F3);
        h.run();
        h.run();
        // The list draws only the rows in sight: the current one is drawn, toggled on.
        let current = h
            .root()
            .children_recursive()
            .filter(|n| n.accesskit_node().label().as_deref() == Some(row.as_str()))
            .any(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True));
        assert!(current, "hit {i} is in sight: {row}");
    }
}
