//! One paragraph of light Markdown, with an optional marked range.

use std::ops::Range;

use egui::text::LayoutJob;
use egui::{FontId, Response, TextFormat, Ui};

use crate::markdown;
use crate::ui::theme;

/// Draws `text` with its light Markdown; characters in `mark` (a char range of the raw text)
/// get the focus background.
pub fn paragraph_ui(ui: &mut Ui, text: &str, mark: Option<Range<usize>>) -> Response {
    let chars: Vec<char> = text.chars().collect();
    let color = ui.visuals().text_color();
    let strong_color = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    for (li, line) in markdown::parse(text).iter().enumerate() {
        let base = TextFormat {
            font_id: FontId::proportional(theme::BODY_SIZE),
            color,
            ..Default::default()
        };
        if li > 0 {
            job.append("\n", 0.0, base.clone());
        }
        if line.bullet {
            job.append("•  ", 12.0, base.clone());
        }
        for span in &line.spans {
            let style = |marked: bool| {
                let mut f = base.clone();
                f.italics = span.emphasis;
                if span.strong {
                    f.color = strong_color;
                }
                if marked {
                    f.background = theme::FOCUS_BG;
                    f.color = theme::FOCUS_FG;
                }
                f
            };
            // Split the span where it meets the marked range.
            let mut cuts = vec![span.range.start, span.range.end];
            if let Some(m) = &mark {
                for c in [m.start, m.end] {
                    if span.range.contains(&c) {
                        cuts.push(c);
                    }
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            for w in cuts.windows(2) {
                let piece: String = chars[w[0]..w[1]].iter().collect();
                let marked = mark
                    .as_ref()
                    .is_some_and(|m| m.start <= w[0] && w[1] <= m.end);
                job.append(&piece, 0.0, style(marked));
            }
        }
    }
    ui.label(job)
}

/// Char range of the first occurrence of `quote` in `text`.
pub fn find_chars(text: &str, quote: &str) -> Option<Range<usize>> {
    if quote.is_empty() {
        return None;
    }
    let byte = text.find(quote)?;
    let start = text[..byte].chars().count();
    Some(start..start + quote.chars().count())
}
