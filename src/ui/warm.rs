//! Letters drawn ahead of need. The first frame that shows a case lays out a screenful of new
//! text, and much of that frame went into drawing each letter once into egui's font texture
//! (about 40 % of it natively, hinting each letter's outline): in the browser, with the
//! browser's own drawing on top, a task of 51-68 ms that stalled the page, and on the desktop
//! the longest frame of a working session (9-16 ms at 1,000 cases). [`Warmup`] draws the
//! letters of the app's text sizes one small piece at a time so that frame finds them drawn:
//! in the browser in tasks of their own between the frames, before the library is handed over;
//! on the desktop on a thread of its own ([`on_thread`]) while the library loads. Steps taken
//! in the desktop's frames instead made those frames longer than the one they spared.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use web_time::Instant;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use crate::ui::theme;

/// The letters drawn: printable ASCII and the punctuation the cases and the app's labels use,
/// all in egui's own text fonts. A letter only a fallback font has (an arrow, a triangle) would
/// set that font up at every size: 20-31 ms a step on a first visit instead of 5-11.
pub const SAMPLE: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~",
    "\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{2014}\u{2026}\u{2022}\u{b6}\u{a7}\u{e9}\u{b7}"
);

/// egui draws a letter at one of four sub-pixel offsets (its glyph atlas's bins): each size is
/// laid out at each offset.
const BINS: usize = 4;

/// Letters per step: small steps, so that a step on a browser's first visit (before its
/// optimising compiler has run) still fits in a frame.
const CHUNK: usize = 16;

/// How long one task spends drawing letters ahead (at least one piece). The library's hand-over
/// waits for them, so longer tasks would show it sooner; shorter ones keep the page responsive.
pub const STEP_BUDGET: Duration = Duration::from_millis(8);

/// The letters still to draw: one step per font size, sub-pixel offset and piece of
/// [`SAMPLE`], in that order.
#[derive(Debug, Default)]
pub struct Warmup {
    /// The fonts and the pieces of [`SAMPLE`], fixed at the first step.
    plan: Option<(Vec<FontId>, Vec<String>)>,
    /// Fonts larger than this are left out (`None`: every font).
    largest: Option<f32>,
    /// Steps done.
    next: usize,
}

/// The fonts the app's text uses: its text styles and the reader's heading sizes, each once.
fn fonts(style: &egui::Style) -> Vec<FontId> {
    let sizes = [theme::GROUP_SIZE, theme::SECTION_SIZE, theme::TITLE_SIZE];
    let mut fonts: Vec<FontId> = Vec::new();
    for font in style
        .text_styles
        .values()
        .cloned()
        .chain(sizes.map(FontId::proportional))
    {
        if !fonts.contains(&font) {
            fonts.push(font);
        }
    }
    fonts
}

/// [`SAMPLE`] in pieces of [`CHUNK`] letters.
fn chunks() -> Vec<String> {
    let letters: Vec<char> = SAMPLE.chars().collect();
    letters.chunks(CHUNK).map(|c| c.iter().collect()).collect()
}

impl Warmup {
    /// Draws the letters in steps: the flag set once every letter is drawn, and the function
    /// that draws for `budget` per call from the context's second frame on (the first shows the
    /// window at once), true while letters remain; its last call asks for a frame. In the
    /// browser [`crate::platform::between_frames`] calls it, so its tasks are not frames.
    pub fn steps(
        ctx: &egui::Context,
        budget: Duration,
    ) -> (Arc<AtomicBool>, impl FnMut() -> bool + 'static + use<>) {
        let done = Arc::new(AtomicBool::new(false));
        let (ctx, flag, mut warmup) = (ctx.clone(), done.clone(), Self::default());
        let steps = move || {
            if ctx.cumulative_pass_nr() == 0 {
                return true;
            }
            let started = Instant::now();
            let finished = warmup.step(&ctx, budget);
            crate::ui::page::note_step("letters ahead", started.elapsed());
            if finished {
                flag.store(true, Ordering::Relaxed);
                ctx.request_repaint();
            }
            !finished
        };
        (done, steps)
    }

    /// Draws the letters of the next font sizes until `budget` is spent (at least one step per
    /// call). True when every size is drawn.
    pub fn step(&mut self, ctx: &egui::Context, budget: Duration) -> bool {
        let largest = self.largest;
        let (fonts, chunks) = self.plan.get_or_insert_with(|| {
            let mut fonts = fonts(&ctx.global_style());
            if let Some(largest) = largest {
                fonts.retain(|f| f.size <= largest);
                // The largest first: the paragraphs' size, the most letters of a case's first
                // draw, is ready soonest should the library come before every size is drawn.
                fonts.sort_by(|a, b| b.size.total_cmp(&a.size));
            }
            (fonts, chunks())
        });
        let total = fonts.len() * BINS * chunks.len();
        let started = Instant::now();
        // A quarter pixel more at the start of the line moves every letter to its next bin.
        let pixel = 1.0 / ctx.pixels_per_point();
        while self.next < total {
            let (font_and_bin, chunk) = (self.next / chunks.len(), self.next % chunks.len());
            let font = fonts[font_and_bin / BINS].clone();
            let lead = (font_and_bin % BINS) as f32 * pixel / BINS as f32;
            let mut job = LayoutJob::default();
            job.append(
                &chunks[chunk],
                lead,
                TextFormat::simple(font, Color32::WHITE),
            );
            ctx.fonts_mut(|f| {
                f.layout_job(job);
            });
            self.next += 1;
            if started.elapsed() >= budget {
                break;
            }
        }
        self.next >= total
    }
}

/// Draws the letters ahead on a thread of its own (the desktop's), from the context's second
/// frame on: the UI thread goes on drawing frames and the thread holds the context only for
/// one piece of letters at a time. Without a thread (`None`), letters are drawn when first
/// shown.
#[cfg(not(target_arch = "wasm32"))]
pub fn on_thread(ctx: &egui::Context) -> Option<std::thread::JoinHandle<()>> {
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name("letters ahead".to_owned())
        .spawn(move || {
            // The fonts exist from the first frame on; that frame is the window's, a few
            // tens of milliseconds away, so a short sleep is as good as a signal.
            while ctx.cumulative_pass_nr() == 0 {
                std::thread::sleep(Duration::from_millis(5));
            }
            // Up to the paragraphs' size: the headings' few letters cost that frame little,
            // and their whole alphabets at four offsets would take texture memory (in the app
            // and again in the driver) for little gain.
            let mut warmup = Warmup {
                largest: Some(theme::BODY_SIZE),
                ..Warmup::default()
            };
            while !warmup.step(&ctx, Duration::ZERO) {}
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::RichText;

    /// A frame showing `text` at the body size; true when it drew new letters into the font
    /// texture (its output carries a change to the font texture).
    fn frame_draws_letters(ctx: &egui::Context, text: &str) -> bool {
        frame_draws(ctx, |ui| {
            ui.label(text);
            ui.heading(text);
        })
    }

    /// A frame drawing what `add` adds; true when it drew new letters into the font texture.
    fn frame_draws(ctx: &egui::Context, add: impl FnMut(&mut egui::Ui)) -> bool {
        let mut output = ctx.run_ui(egui::RawInput::default(), add);
        let drew = !output.textures_delta.set.is_empty();
        // Handled, as a painter would (egui checks that deltas are not dropped).
        output.textures_delta.clear();
        drew
    }

    #[test]
    fn after_the_warmup_a_frame_of_new_text_draws_no_new_letters() {
        let text =
            "Agilera's \u{201c}hosting\u{201d} partners \u{2013} from 14 to 5 (2000)\u{2026}";
        // Without it, the same text draws its letters in the frame that shows it.
        let cold = started();
        assert!(
            !frame_draws_letters(&cold, ""),
            "an empty frame draws nothing new"
        );
        assert!(frame_draws_letters(&cold, text));

        let warm = started();
        let (done, mut step) = Warmup::steps(&warm, Duration::ZERO);
        // A zero budget still takes one step per call: one per size, offset and chunk.
        let mut steps = 0;
        while step() {
            steps += 1;
            assert!(!done.load(Ordering::Relaxed), "not done while steps remain");
            assert!(steps < 1000, "the warmup ends");
        }
        assert!(done.load(Ordering::Relaxed));
        assert_eq!(
            steps + 1,
            fonts(&warm.global_style()).len() * BINS * chunks().len()
        );
        assert!(!step(), "no step after the end");
        // The letters drawn between frames reach the font texture with the next frame.
        assert!(frame_draws_letters(&warm, ""));
        assert!(
            !frame_draws_letters(&warm, text),
            "every letter of the text was drawn ahead, at every offset"
        );
    }

    #[test]
    fn the_desktop_thread_draws_the_letters_of_the_text_sizes_ahead() {
        let text =
            "Agilera's \u{201c}hosting\u{201d} partners \u{2013} from 14 to 5 (2000)\u{2026}";
        let paragraph = |ui: &mut egui::Ui| {
            ui.label(text);
            ui.label(RichText::new(text).size(theme::BODY_SIZE));
            ui.label(RichText::new(text).small());
        };
        let warm = started();
        on_thread(&warm)
            .expect("a thread")
            .join()
            .expect("the thread ends");
        assert!(
            frame_draws(&warm, |_| {}),
            "the letters drawn on the thread reach the font texture with the next frame"
        );
        assert!(
            !frame_draws(&warm, paragraph),
            "the text sizes up to the paragraphs' were drawn ahead"
        );
        // The headings are left to the frame that shows them.
        assert!(frame_draws(&warm, |ui| {
            ui.label(RichText::new(text).size(theme::TITLE_SIZE));
        }));
    }

    /// A context with the app's text sizes after its first frame (which makes the font
    /// texture).
    fn started() -> egui::Context {
        let ctx = egui::Context::default();
        ctx.all_styles_mut(theme::apply_text_sizes);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        ctx
    }
}
