//! One paragraph of light Markdown, with an optional marked range.

use std::ops::Range;

use egui::text::LayoutJob;
use egui::{FontId, Response, TextFormat, Ui};

use crate::markdown;
use crate::ui::theme;

/// Char range of the first occurrence of `quote` in `text`.
pub fn find_chars(text: &str, quote: &str) -> Option<Range<usize>> {
    if quote.is_empty() {
        return None;
    }
    let byte = text.find(quote)?;
    let start = text[..byte].chars().count();
    Some(start..start + quote.chars().count())
}

/// What a selectable paragraph reports.
pub struct SelectableOutput {
    /// The widget's response.
    pub response: Response,
    /// The selected raw char range while the paragraph has focus and something is selected.
    pub selection: Option<Range<usize>>,
    /// True while the paragraph has keyboard focus.
    pub focused: bool,
}

/// A paragraph whose text can be selected (for highlighting). `marks` are raw char ranges with
/// their background colours (highlights); `focus` is drawn on top in the focus colour.
pub fn selectable_paragraph_ui(
    ui: &mut Ui,
    id_salt: &str,
    name: &str,
    text: &str,
    marks: &[(Range<usize>, egui::Color32)],
    focus: Option<Range<usize>>,
) -> SelectableOutput {
    let rendered = markdown::render(text);
    let job = layout_job(ui, &rendered, marks, focus);
    let mut layouter = |ui: &Ui, _buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = job.clone();
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let mut shown: &str = rendered.plain.as_str();
    let output = egui::TextEdit::multiline(&mut shown)
        .id_salt(id_salt)
        .frame(egui::Frame::NONE)
        .margin(egui::Margin::ZERO)
        .desired_width(ui.available_width())
        .desired_rows(1)
        .layouter(&mut layouter)
        .show(ui);
    let response = output.response.response.clone();
    // A passage being selected is not a field being typed in: Undo still undoes notes.
    crate::ui::commands::mark_read_only(ui.ctx(), response.id);
    let name = name.to_owned();
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
    // `cursor_range` is only reported while the text edit has keyboard focus.
    let focused = output.cursor_range.is_some();
    let selection = output
        .cursor_range
        .map(|r| r.as_sorted_char_range())
        .filter(|r| r.start.0 < r.end.0)
        .and_then(|r| rendered.to_raw(r.start.0..r.end.0));
    SelectableOutput {
        response,
        selection,
        focused,
    }
}

/// The paragraph as styled pieces: Markdown emphasis, highlight marks and the focus mark.
fn layout_job(
    ui: &Ui,
    rendered: &markdown::Rendered,
    marks: &[(Range<usize>, egui::Color32)],
    focus: Option<Range<usize>>,
) -> LayoutJob {
    let color = ui.visuals().text_color();
    let strong_color = ui.visuals().strong_text_color();
    // Highlight tints are see-through: their text is chosen for the colour they make here.
    let panel = ui.visuals().panel_fill;
    let plain_marks: Vec<(Range<usize>, egui::Color32, egui::Color32)> = marks
        .iter()
        .filter_map(|(r, c)| {
            rendered
                .to_plain(r.clone())
                .map(|p| (p, *c, theme::text_on_over(*c, panel)))
        })
        .chain(
            focus
                .and_then(|f| rendered.to_plain(f))
                .map(|p| (p, theme::FOCUS_BG, theme::FOCUS_FG)),
        )
        .collect();
    let plain_chars: Vec<char> = rendered.plain.chars().collect();
    let mut job = LayoutJob::default();
    let base = TextFormat {
        font_id: FontId::proportional(theme::BODY_SIZE),
        color,
        ..Default::default()
    };
    // Cut the text wherever a style or a mark starts or ends.
    let mut cuts: Vec<usize> = vec![0, plain_chars.len()];
    for (r, _, _) in &rendered.runs {
        cuts.extend([r.start, r.end]);
    }
    for (r, _, _) in &plain_marks {
        cuts.extend([r.start, r.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b || b > plain_chars.len() {
            continue;
        }
        let mut f = base.clone();
        if let Some((_, emphasis, strong)) = rendered
            .runs
            .iter()
            .find(|(r, _, _)| r.start <= a && b <= r.end)
        {
            f.italics = *emphasis;
            if *strong {
                f.color = strong_color;
            }
        }
        // The last mark covering the piece wins (focus is last).
        if let Some((_, bg, fg)) = plain_marks
            .iter()
            .rev()
            .find(|(r, _, _)| r.start <= a && b <= r.end)
        {
            f.background = *bg;
            f.color = *fg;
        }
        let piece: String = plain_chars[a..b].iter().collect();
        job.append(&piece, 0.0, f);
    }
    job
}
