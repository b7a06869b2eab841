//! `caselens --quit-after-frames N`: the headless start check. The window opens, the time from
//! process start to the end of the first frame is printed, the library and notes load, N more
//! frames are drawn, the peak resident memory is printed (Linux), and the window closes.

use web_time::Instant;

/// Counts frames for the start check.
#[derive(Debug, Clone)]
pub struct StartCheck {
    /// When the process started (taken first thing in `main`).
    pub started: Instant,
    /// Frames to draw once loading has finished.
    pub frames: u32,
    drawn: u32,
    loaded: bool,
    first: bool,
}

impl StartCheck {
    /// A check that draws `frames` frames after loading, timed from `started`.
    pub fn new(started: Instant, frames: u32) -> Self {
        Self {
            started,
            frames,
            drawn: 0,
            loaded: false,
            first: false,
        }
    }

    /// Called at the end of every frame: prints the first frame's time and the load's end,
    /// and closes the window after the last frame.
    pub fn frame_drawn(&mut self, ctx: &egui::Context, loading: bool) {
        let ms = || self.started.elapsed().as_secs_f64() * 1000.0;
        if !self.first {
            self.first = true;
            println!("first frame after {:.0} ms", ms());
        }
        if !loading && !self.loaded {
            self.loaded = true;
            println!("loaded after {:.0} ms", ms());
        }
        if self.loaded {
            self.drawn += 1;
        }
        if self.loaded && self.drawn == self.frames.max(1) {
            if let Some(kb) = peak_rss_kb() {
                println!("peak resident memory {:.1} MB", kb as f64 / 1024.0);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.drawn < self.frames {
            ctx.request_repaint();
        }
    }
}

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`), where there is one.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
