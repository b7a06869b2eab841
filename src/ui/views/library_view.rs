//! The list of loaded cases: a text filter, a sort, filters by tag, region, codes present,
//! alliance type and status and "has my notes" (all in [`crate::library::list`]), and one
//! row per case, of which only the visible ones are laid out.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::library::Library;
use crate::library::list::{ListChoice, ListFacts, SortKey};
use crate::workspace::{Action, Workspace};

/// The order last computed, and what it was computed from.
#[derive(Debug, Default)]
struct Cached {
    /// The library the facts were gathered from: its case list's address and sizes (a
    /// new library is a new list), so a notes edit does not gather them again.
    library: (usize, usize, usize),
    /// Library generation and notes revision the note counts are from.
    key: (u64, u64),
    facts: ListFacts,
    /// The choice the order was computed for.
    choice: Option<ListChoice>,
    order: Vec<usize>,
    /// Filter pickers: (category, the values with their display text and count).
    pickers: Vec<(Category, Vec<Choice>)>,
}

/// Most a filter's list of tick boxes takes before it scrolls: the cases stay in view.
const FILTER_LIST_HEIGHT: f32 = 160.0;

/// One value to tick: (the value, its text, how many cases have it).
type Choice = (String, String, usize);

/// A kind of filter with a list of values to tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Tag,
    Region,
    Code,
    AllianceType,
    Status,
}

impl Category {
    fn title(self) -> &'static str {
        match self {
            Self::Tag => "Filter by tag",
            Self::Region => "Filter by region",
            Self::Code => "Filter by framework code present",
            Self::AllianceType => "Filter by alliance type",
            Self::Status => "Filter by alliance status",
        }
    }

    /// The word before a value in its tick box's accessible name ("Tag asp (2)").
    fn one(self) -> &'static str {
        match self {
            Self::Tag => "Tag",
            Self::Region => "Region",
            Self::Code => "Code",
            Self::AllianceType => "Alliance type",
            Self::Status => "Alliance status",
        }
    }
}

/// Transient state of the library list.
#[derive(Debug, Default)]
pub struct LibraryView {
    /// Text, filters and sort chosen by the user.
    pub choice: ListChoice,
    cached: Cached,
    /// How many times the order was computed (tests check it is not every frame).
    pub computed: usize,
}

impl LibraryView {
    /// Draws the list; clicks become [`Action::OpenCase`] and [`Action::ToggleCompare`].
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        self.refresh(ws);
        ui.heading("Library");
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.choice.text)
                    .hint_text("title, id, tag")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        self.sort_ui(ui);
        self.filters_ui(ui);
        // The choice may have changed above: this frame shows its order.
        self.refresh(ws);
        self.summary_ui(ui, ws, actions);
        ui.separator();
        self.rows_ui(ui, ws, actions);
    }

    /// The visible cases, as positions in the library's case list (tests).
    pub fn order(&self) -> &[usize] {
        &self.cached.order
    }

    /// The facts the order is computed from (tests: whether they came with the library).
    pub fn facts(&self) -> &ListFacts {
        &self.cached.facts
    }

    /// Gathers the facts again when the library or notes changed, and the order when they or
    /// the choice changed.
    fn refresh(&mut self, ws: &Workspace) {
        let lib = &ws.library;
        let library = (
            lib.cases.as_ptr() as usize,
            lib.cases.len(),
            lib.files.len(),
        );
        let key = (ws.generation, ws.notebook.revision);
        let c = &mut self.cached;
        if c.library != library || (c.facts.is_empty() && !lib.cases.is_empty()) {
            c.library = library;
            c.key = key;
            c.facts = ListFacts::new(lib, ws.notebook.file());
            c.pickers = pickers(&c.facts, lib);
            c.choice = None;
        } else if c.key != key {
            c.key = key;
            c.facts.set_notes(lib, ws.notebook.file());
            c.choice = None;
        }
        if c.choice.as_ref() != Some(&self.choice) {
            c.order = c.facts.order(&self.choice);
            c.choice = Some(self.choice.clone());
            self.computed += 1;
        }
    }

    fn sort_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Sort by");
            egui::ComboBox::from_id_salt("library-sort")
                .selected_text(self.choice.sort.label())
                .show_ui(ui, |ui| {
                    for key in SortKey::ALL {
                        ui.selectable_value(&mut self.choice.sort, key, key.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui) {
        let n = self.choice.filter_count();
        let title = if n == 0 {
            "Filters".to_owned()
        } else {
            format!("Filters ({n} set)")
        };
        egui::CollapsingHeader::new(title)
            .id_salt("library-filters")
            .show(ui, |ui| {
                ui.checkbox(&mut self.choice.has_notes, "Has my notes");
                for (category, values) in &self.cached.pickers {
                    if values.is_empty() {
                        continue;
                    }
                    let set = chosen(&mut self.choice, *category);
                    category_ui(ui, *category, values, set);
                }
                if ui
                    .add_enabled(n > 0, egui::Button::new("Clear filters"))
                    .clicked()
                {
                    let text = std::mem::take(&mut self.choice.text);
                    self.choice.clear_filters();
                    self.choice.text = text;
                }
            });
    }

    fn summary_ui(&self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        let total = ws.library.cases.len();
        let shown = self.cached.order.len();
        if total == 0 {
            ui.label(
                RichText::new("No cases loaded. Use File > Open, or drop case files here.")
                    .italics(),
            );
        } else if shown == 0 {
            ui.label(RichText::new("No case matches the filter.").italics());
        } else if shown < total {
            ui.label(RichText::new(format!("{shown} of {total} cases")).weak());
        } else {
            ui.label(RichText::new(format!("{total} cases")).weak());
        }
        // Files that failed; layers' warnings (two files by one author, ...) are in the panel.
        let problems = ws.library.failed().count()
            + ws.class
                .problems
                .iter()
                .filter(|p| matches!(p.kind, crate::notes::layers::ProblemKind::Failed))
                .count();
        if problems > 0 {
            let text = RichText::new(format!(
                "{problems} file(s) could not be loaded: show problems"
            ))
            .color(crate::ui::theme::status_color(
                ui.visuals(),
                crate::ui::theme::Status::Warning,
            ));
            if ui.link(text).clicked() {
                actions.push(Action::ToggleProblems);
            }
        }
    }

    /// One row per kept case; only the rows in view are laid out.
    fn rows_ui(&self, ui: &mut Ui, ws: &Workspace, actions: &mut Vec<Action>) {
        let spacing = ui.spacing();
        let row_height = spacing
            .interact_size
            .y
            .max(ui.text_style_height(&egui::TextStyle::Button) + 2.0 * spacing.button_padding.y);
        let order = &self.cached.order;
        egui::ScrollArea::vertical()
            .id_salt("library-list")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, order.len(), |ui, range| {
                for &i in &order[range] {
                    let size = egui::vec2(ui.available_width(), row_height);
                    let layout = egui::Layout::left_to_right(egui::Align::Center);
                    ui.allocate_ui_with_layout(size, layout, |ui| {
                        ui.set_min_height(row_height);
                        row_ui(ui, ws, i, self.cached.facts.notes(i), actions);
                    });
                }
            });
    }
}

/// One case: its compare tick box and its title, which opens it.
fn row_ui(ui: &mut Ui, ws: &Workspace, i: usize, notes: usize, actions: &mut Vec<Action>) {
    let entry = &ws.library.cases[i];
    let case = &entry.doc;
    let mut ticked = ws.compare.contains(&case.id);
    let checkbox = ui
        .add(egui::Checkbox::without_text(&mut ticked))
        .on_hover_text("Tick to compare");
    // The checkbox has no visible text; give screen readers (and tests) a name.
    let name = format!("Compare {}", case.title);
    ui.ctx()
        .accesskit_node_builder(checkbox.id, |node| node.set_label(name));
    if checkbox.changed() {
        actions.push(Action::ToggleCompare(case.id.clone()));
    }
    let selected = ws.open_case.as_deref() == Some(case.id.as_str());
    let meta = &case.meta;
    let mut hover = format!("{}\n{}", case.title, case.id);
    for part in [&meta.period, &meta.region].into_iter().flatten() {
        hover.push('\n');
        hover.push_str(part);
    }
    if notes > 0 {
        hover.push_str(&format!("\n{notes} of my notes"));
    }
    hover.push_str(&format!("\n{}", entry.origin));
    let response = ui
        .add(egui::Button::selectable(selected, case.title.as_str()).truncate())
        .on_hover_text(hover);
    if response.clicked() {
        actions.push(Action::OpenCase {
            case: case.id.clone(),
            at: None,
        });
    }
}

/// The set of `choice` that `category`'s tick boxes edit. Statuses are kept as `&'static str`
/// and edited through a copy.
fn chosen(choice: &mut ListChoice, category: Category) -> Chosen<'_> {
    match category {
        Category::Tag => Chosen::Strings(&mut choice.tags),
        Category::Region => Chosen::Strings(&mut choice.regions),
        Category::Code => Chosen::Strings(&mut choice.codes),
        Category::AllianceType => Chosen::Strings(&mut choice.alliance_types),
        Category::Status => Chosen::Statuses(&mut choice.statuses),
    }
}

enum Chosen<'a> {
    Strings(&'a mut BTreeSet<String>),
    Statuses(&'a mut BTreeSet<&'static str>),
}

impl Chosen<'_> {
    fn contains(&self, value: &str) -> bool {
        match self {
            Self::Strings(s) => s.contains(value),
            Self::Statuses(s) => s.contains(value),
        }
    }

    fn set(&mut self, value: &str, on: bool) {
        match self {
            Self::Strings(s) if on => {
                s.insert(value.to_owned());
            }
            Self::Strings(s) => {
                s.remove(value);
            }
            Self::Statuses(s) => {
                if let Some(known) = STATUSES.iter().find(|v| **v == value) {
                    if on {
                        s.insert(known);
                    } else {
                        s.remove(known);
                    }
                }
            }
        }
    }
}

const STATUSES: [&str; 6] = [
    "planned",
    "active",
    "ended",
    "terminated",
    "litigated",
    "unknown",
];

/// A collapsible list of tick boxes, one per value, named "Tag asp (2)" for screen readers.
fn category_ui(ui: &mut Ui, category: Category, values: &[Choice], mut set: Chosen<'_>) {
    egui::CollapsingHeader::new(category.title())
        .id_salt(("library-filter", category.title()))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("library-filter-values", category.title()))
                .max_height(FILTER_LIST_HEIGHT)
                .show(ui, |ui| {
                    for (value, text, count) in values {
                        let mut on = set.contains(value);
                        let r = ui.checkbox(&mut on, format!("{text} ({count})"));
                        let name = format!("{} {text} ({count})", category.one());
                        ui.ctx().accesskit_node_builder(r.id, |n| n.set_label(name));
                        if r.changed() {
                            set.set(value, on);
                        }
                    }
                });
        });
}

/// The values of each filter with their text (a code's label) and number of cases.
fn pickers(facts: &ListFacts, library: &Library) -> Vec<(Category, Vec<Choice>)> {
    let code = |id: &str| library.frameworks.iter().find_map(|f| f.doc.code(id));
    // "Parent: label", so that codes of one family read together once sorted.
    let label = |id: &str| match code(id) {
        None => id.to_owned(),
        Some(c) => match c.parent.as_deref().and_then(code) {
            Some(parent) => format!("{}: {}", parent.label, c.label),
            None => c.label.clone(),
        },
    };
    let o = facts.options();
    let plain = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter().map(|(k, n)| (k.clone(), k.clone(), *n)).collect()
    };
    let coded = |m: &std::collections::BTreeMap<String, usize>| {
        let mut v: Vec<Choice> = m.iter().map(|(k, n)| (k.clone(), label(k), *n)).collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    };
    vec![
        (Category::Tag, plain(&o.tags)),
        (Category::Region, plain(&o.regions)),
        (Category::Code, coded(&o.codes)),
        (Category::AllianceType, coded(&o.alliance_types)),
        (
            Category::Status,
            o.statuses
                .iter()
                .map(|(k, n)| ((*k).to_owned(), (*k).to_owned(), *n))
                .collect(),
        ),
    ]
}
