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
            // Without a GPU (Xvfb, CI) the OpenGL driver is Mesa's software renderer, whose
            // shader compiler (LLVM) alone maps tens of MB: said apart, so the app's own share
            // can be read off.
            if let Some(kb) = std::fs::read_to_string("/proc/self/smaps")
                .ok()
                .map(|s| driver_rss_kb(&s))
            {
                println!(
                    "of which the OpenGL driver's code {:.1} MB",
                    kb as f64 / 1024.0
                );
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.drawn < self.frames {
            ctx.request_repaint();
        }
    }
}

/// Resident kB of the OpenGL driver's files (Mesa's `dri` drivers and the LLVM it compiles
/// shaders with) in `smaps` (the text of `/proc/self/smaps`).
pub fn driver_rss_kb(smaps: &str) -> u64 {
    let mut driver = false;
    let mut kb = 0;
    for line in smaps.lines() {
        if let Some(rss) = line.strip_prefix("Rss:") {
            if driver {
                kb += rss
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .unwrap_or(0);
            }
        } else if line.split_whitespace().next().is_some_and(|a| {
            a.contains('-') && a.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        }) {
            // A mapping's header: its path is the sixth field.
            let path = line.split_whitespace().nth(5).unwrap_or("");
            driver =
                path.contains("/dri/") || path.contains("libLLVM") || path.contains("libgallium");
        }
    }
    kb
}

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`), where there is one.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::driver_rss_kb;

    #[test]
    fn the_drivers_share_counts_only_mesa_and_llvm_mappings() {
        let smaps = "\
5621b5a8c000-5621b6cdc000 r-xp 00000000 fe:01 123 /opt/caselens
Size:              18752 kB
Rss:               14104 kB
7f5a76600000-7f5a7cd7c000 r-xp 00000000 fe:01 456 /usr/lib/x86_64-linux-gnu/libLLVM-15.so.1
Size:             105968 kB
Rss:               46764 kB
7f5a7d890000-7f5a7e8da000 r-xp 00000000 fe:01 789 /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so
Rss:                5004 kB
7f5a48000000-7f5a48eb5000 rw-p 00000000 00:00 0
Rss:               14816 kB
";
        assert_eq!(driver_rss_kb(smaps), 46764 + 5004);
        assert_eq!(driver_rss_kb(""), 0);
    }
}
