//! The Matrix view: family switch, cell to evidence to passage, the user's own codes, and
//! Corio's codings visible with Company A, Company B and Corio ticked.

use caselens::compare::matrix;
use caselens::ui::CaselensApp;
use caselens::workspace::{Action, Edit, View};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::util::{bundled, harness_sized};

const A: &str = "company-a";
const B: &str = "company-b";
const CORIO: &str = "corio";

fn title(app: &CaselensApp, id: &str) -> String {
    app.workspace
        .library
        .case(id)
        .expect("a bundled case")
        .title
        .clone()
}

/// Ticks the three cases in the library and opens the Matrix tab, as a user would.
fn matrix_of_three() -> Harness<'static, CaselensApp> {
    let app = CaselensApp::with_library(bundled(), Vec::new());
    let titles: Vec<String> = [A, B, CORIO].iter().map(|id| title(&app, id)).collect();
    let mut h = harness_sized(app, 2200.0, 1200.0);
    h.run();
    for t in &titles {
        h.get_by_label(&format!("Compare {t}")).click();
        h.run();
    }
    h.get_by_label("Matrix").click();
    h.run();
    assert_eq!(h.state().workspace.view, View::Matrix);
    h
}

fn choose_family(h: &mut Harness<'static, CaselensApp>, text: &str) {
    h.get_by_label("Code family").click();
    h.run();
    h.get_by_label(text).click();
    h.run();
}

/// What the grid cell for `case` x `code label` is named in the accessibility tree.
fn cell(h: &Harness<'static, CaselensApp>, case: &str, code: &str, count: usize) -> String {
    format!("{} x {code}: {count}", title(h.state(), case))
}

#[test]
fn corio_codings_are_visible_and_switching_family_changes_the_columns() {
    let mut h = matrix_of_three();
    // Opens on a family with codings in these cases: the partnering rationale.
    let ws = &h.state().workspace;
    let lib = &ws.library;
    let fw = lib.framework("asp-alliances").unwrap();
    let cases: Vec<_> = [A, B, CORIO]
        .iter()
        .map(|id| lib.case(id).unwrap())
        .collect();
    let m = matrix::build(fw, &cases, None, "RAT");
    let fill = "RAT.practice.fill-resource-gap";
    let col = m.codes.iter().position(|c| c == fill).unwrap();
    let n = m.count(2, col);
    assert!(n > 0, "Corio is coded with {fill}");
    let label = cell(&h, CORIO, "Fill a resource gap", n);
    assert!(h.query_by_label(&label).is_some(), "{label} shown");
    assert!(
        h.query_by_label("Fill a resource gap").is_some(),
        "its header"
    );
    // Every non-zero cell of Corio is on screen.
    for (c, code) in m
        .codes
        .iter()
        .enumerate()
        .filter(|(c, _)| m.count(2, *c) > 0)
    {
        let book = h.state().workspace.codebook("asp-alliances");
        let name = cell(&h, CORIO, book.label(code), m.count(2, c));
        assert!(h.query_by_label(&name).is_some(), "{name} shown");
    }
    choose_family(&mut h, "Alliance type (TYPE)");
    assert!(
        h.query_by_label("Fill a resource gap").is_none(),
        "RAT columns gone"
    );
    assert!(
        h.query_by_label("Hosting partnership").is_some(),
        "TYPE columns shown"
    );
    choose_family(&mut h, "Partnering rationale (RAT)");
    assert!(h.query_by_label("Fill a resource gap").is_some());
    assert!(h.query_by_label("Hosting partnership").is_none());
}

#[test]
fn a_cell_lists_its_evidence_and_a_quote_opens_the_passage() {
    let mut h = matrix_of_three();
    let corio = h.state().workspace.library.case(CORIO).unwrap().clone();
    let facet = &corio.facets["rationale"];
    let prefix = format!("{} x Fill a resource gap: ", corio.title);
    h.get_by_label_contains(&prefix).click();
    h.run();
    assert!(h.query_by_label("Facet: Partnering rationale").is_some());
    // A source-only piece is shown as its citation, not as a bare id.
    let source = facet
        .evidence
        .iter()
        .find_map(|e| e.source.as_deref())
        .unwrap();
    let citation = &corio.source(source).unwrap().citation;
    assert!(
        h.query_by_label(&format!("Source: {citation}")).is_some(),
        "{citation}"
    );
    let passage = facet.evidence.iter().find(|e| e.quote.is_some()).unwrap();
    let quote = passage.quote.clone().unwrap();
    h.get_by_label(&format!("“{quote}”")).click();
    h.run();
    let ws = &h.state().workspace;
    assert_eq!(ws.view, View::Reader);
    assert_eq!(ws.open_case.as_deref(), Some(CORIO));
    let focus = ws.focus.as_ref().expect("a passage in focus");
    assert_eq!(Some(focus.paragraph.as_str()), passage.reference.as_deref());
    assert_eq!(focus.quote.as_deref(), Some(quote.as_str()));
}

#[test]
fn your_own_codes_show_their_labels_not_their_ids() {
    let mut app = CaselensApp::with_library(bundled(), Vec::new());
    let ws = &mut app.workspace;
    ws.apply(Action::OpenCase {
        case: A.into(),
        at: None,
    });
    ws.apply(Action::Edit(Edit::AddCode {
        label: "Mutual trust".into(),
        color: "#10b981".into(),
        parent: None,
    }));
    let code = ws.notebook.file().codes[0].id.clone();
    assert!(code.starts_with("USER."));
    ws.apply(Action::Edit(Edit::AddHighlight {
        paragraph: "background/p1".into(),
        start: 0,
        end: 9,
        codes: vec![code.clone()],
        comment: "why".into(),
    }));
    ws.apply(Action::SetView(View::Matrix));
    let mut h = harness_sized(app, 2200.0, 1200.0);
    h.run();
    choose_family(&mut h, "Your own codes");
    assert!(
        h.query_by_label("Mutual trust").is_some(),
        "header by label"
    );
    assert!(h.query_by_label(&code).is_none(), "no raw id");
    let name = cell(&h, A, "Mutual trust", 1);
    h.get_by_label(&name).click();
    h.run();
    assert!(h.query_by_label("Your highlight").is_some());
    // The unit's code chip, besides the column header.
    assert_eq!(h.query_all_by_label("Mutual trust").count(), 2);
    // A rename shows everywhere at once; the id, which keeps the old name, shows nowhere.
    h.state_mut()
        .workspace
        .apply(Action::Edit(Edit::RenameCode {
            id: code.clone(),
            label: "Confidence".into(),
        }));
    h.run();
    let name = cell(&h, A, "Confidence", 1);
    h.get_by_label(&name).click();
    h.run();
    assert_eq!(h.query_all_by_label("Confidence").count(), 2);
    assert!(h.query_by_label("Mutual trust").is_none());
    assert!(h.query_by_label_contains("USER.").is_none());
}

#[test]
fn code_headers_and_case_names_stay_in_view_while_the_grid_scrolls() {
    let mut app = CaselensApp::with_library(bundled(), Vec::new());
    app.workspace.apply(Action::SetView(View::Matrix));
    app.workspace
        .apply(Action::SetMatrixFamily("TYPE".to_owned()));
    let first = app.workspace.library.cases[0].doc.title.clone();
    let last = app
        .workspace
        .library
        .cases
        .last()
        .unwrap()
        .doc
        .title
        .clone();
    // Small enough that the eleven cases and the type codes do not fit either way.
    let mut h = harness_sized(app, 1100.0, 420.0);
    h.run();
    let total = |h: &Harness<'static, CaselensApp>, title: &str| {
        h.query_all_by_label_contains(&format!("{title} x Total: "))
            .map(|n| n.rect())
            .next()
    };
    let header_before = h.get_by_label("Total").rect();
    let first_cell = total(&h, &first).expect("the first row is shown");
    assert!(total(&h, &last).is_none(), "the last row is below the fold");
    // The case name of the first row: the node on the cell's line, left of it.
    let name_of = |h: &Harness<'static, CaselensApp>, cell: egui::Rect| {
        h.query_all_by_label(&first)
            .map(|n| n.rect())
            .find(|r| (r.center().y - cell.center().y).abs() < 2.0 && r.right() <= cell.left())
    };
    let name_before = name_of(&h, first_cell).expect("the case name beside its row");

    for _ in 0..4 {
        h.get_by_label("Total").scroll_down();
        h.run();
    }
    assert!(total(&h, &last).is_some(), "scrolled to the last row");
    assert!(total(&h, &first).is_none(), "the first row scrolled away");
    let header_after = h.get_by_label("Total").rect();
    assert!(
        (header_after.top() - header_before.top()).abs() < 1.0,
        "header row pinned"
    );

    for _ in 0..4 {
        h.get_by_label("Total").scroll_up();
        h.run();
    }
    // Bring the rightmost code header (partly visible) to the middle, three times over.
    for _ in 0..3 {
        h.query_all_by_role(egui::accesskit::Role::ColumnHeader)
            .max_by(|a, b| a.rect().right().total_cmp(&b.rect().right()))
            .expect("code headers")
            .scroll_to_me();
        h.run();
    }
    let moved = total(&h, &first);
    assert!(
        moved.is_none_or(|r| r.left() < first_cell.left()),
        "the grid scrolled right"
    );
    let name_after = h
        .query_all_by_label(&first)
        .map(|n| n.rect())
        .find(|r| (r.center().y - name_before.center().y).abs() < 2.0);
    // Pinned to the view (within the sub-pixel rounding of the scroll offset).
    let left = name_after.expect("the case name still shown").left();
    assert!(
        (left - name_before.left()).abs() < 1.0,
        "case column pinned"
    );
}
