//! The frame probe: `caselens --frame-log FILE` writes one line per frame, and `--script FILE`
//! replays a session ([`crate::workspace::script`]) so a measurement is repeatable.
//!
//! A line is `frame <n> at <ms since start> cpu <ms> cause <what>`: the CPU time the UI
//! thread spent in the app's `logic` and `ui` calls (not the GPU's, not other threads': the
//! machine is shared, so wall time would count other people's work), and what the frame did
//! first if known (a script step, a job that finished, input, or a repaint). The clock is
//! `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`: `/proc/thread-self/schedstat` was tried first,
//! but it is only brought up to date at scheduler ticks (frames of 0.000 ms were logged).

use std::io::Write as _;
use std::path::PathBuf;
use web_time::Instant;

use crate::workspace::script::Step;

/// The CPU time this thread has run, in nanoseconds (`CLOCK_THREAD_CPUTIME_ID`), or `None`
/// where the system does not say (the wall clock is then used).
#[cfg(unix)]
pub fn thread_cpu_ns() -> Option<u64> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    let secs = u64::try_from(t.tv_sec).ok()?;
    let nanos = u64::try_from(t.tv_nsec).ok()?;
    Some(secs * 1_000_000_000 + nanos)
}

/// The CPU time this thread has run: not known here (the wall clock is used).
#[cfg(not(unix))]
pub fn thread_cpu_ns() -> Option<u64> {
    None
}

/// Writes the per-frame lines.
pub struct FrameLog {
    started: Instant,
    out: std::io::BufWriter<std::fs::File>,
    frame: u64,
    /// CPU and wall clock when the current frame's work began.
    begun: Option<(Option<u64>, Instant)>,
    /// What caused the current frame, first noted first.
    causes: Vec<String>,
}

impl FrameLog {
    /// Creates (truncates) `path`; frame times are counted from `started`.
    pub fn create(path: &std::path::Path, started: Instant) -> std::io::Result<Self> {
        let out = std::io::BufWriter::new(std::fs::File::create(path)?);
        Ok(Self {
            started,
            out,
            frame: 0,
            begun: None,
            causes: Vec::new(),
        })
    }

    /// The app's work for a frame begins (called again in the same frame, it keeps the first).
    pub fn begin(&mut self) {
        if self.begun.is_none() {
            self.begun = Some((thread_cpu_ns(), Instant::now()));
        }
    }

    /// Notes what this frame does (a step, a finished job).
    pub fn note(&mut self, what: impl Into<String>) {
        self.causes.push(what.into());
    }

    /// The frame's work ended: writes its line. `input` says whether the frame had input events.
    pub fn end(&mut self, input: bool) {
        let Some((cpu0, wall0)) = self.begun.take() else {
            return;
        };
        let cpu_ms = match (cpu0, thread_cpu_ns()) {
            (Some(a), Some(b)) => b.saturating_sub(a) as f64 / 1e6,
            _ => wall0.elapsed().as_secs_f64() * 1000.0,
        };
        let cause = if self.causes.is_empty() {
            if input { "input" } else { "repaint" }.to_owned()
        } else {
            self.causes.join("; ")
        };
        self.causes.clear();
        self.frame += 1;
        let at = self.started.elapsed().as_secs_f64() * 1000.0;
        // A line that cannot be written is lost; the probe must not stop the app.
        writeln!(
            self.out,
            "frame {} at {at:.1} cpu {cpu_ms:.3} cause {}",
            self.frame,
            cause.replace('\n', " ")
        )
        .ok();
    }

    /// Writes what is buffered.
    pub fn flush(&mut self) {
        self.out.flush().ok();
    }
}

/// Where a script run is.
#[derive(Debug)]
pub struct ScriptRun {
    steps: std::collections::VecDeque<Step>,
    /// Characters still to type into the field of the current `Type` step.
    typing: Option<(
        crate::workspace::script::Field,
        std::collections::VecDeque<char>,
    )>,
    /// Idle frames still to draw.
    idle: u32,
    /// Frames drawn after the last step, before the window closes.
    tail: u32,
    /// Problems met (a step that could not run); printed at the end.
    pub problems: Vec<String>,
    /// The script file, for messages.
    pub path: PathBuf,
}

/// Frames drawn after the last step before the window closes (the last job's result shown).
const TAIL_FRAMES: u32 = 5;

/// What the runner asks of the window this frame.
#[derive(Debug)]
pub enum Next {
    /// Background work runs: wait (draw the frame, nothing else).
    Wait,
    /// Draw the frame doing nothing.
    Idle,
    /// Type this character into this field.
    Type(crate::workspace::script::Field, char),
    /// Run this step.
    Run(Step),
    /// The script is over: close the window.
    Done,
}

impl ScriptRun {
    /// A run of `steps` read from `path`.
    pub fn new(steps: Vec<Step>, path: PathBuf) -> Self {
        Self {
            steps: steps.into(),
            typing: None,
            idle: 0,
            tail: TAIL_FRAMES,
            problems: Vec::new(),
            path,
        }
    }

    /// What to do this frame; `busy` says whether background work runs (a step waits for it,
    /// so a run is repeatable).
    pub fn next(&mut self, busy: bool) -> Next {
        if let Some((field, chars)) = &mut self.typing {
            if let Some(c) = chars.pop_front() {
                return Next::Type(*field, c);
            }
            self.typing = None;
        }
        if self.idle > 0 {
            self.idle -= 1;
            return Next::Idle;
        }
        if busy {
            return Next::Wait;
        }
        match self.steps.pop_front() {
            Some(Step::Frames(n)) => {
                self.idle = n.saturating_sub(1);
                Next::Idle
            }
            Some(Step::Type(field, text)) => {
                self.typing = Some((field, text.chars().collect()));
                Next::Run(Step::Type(field, text))
            }
            Some(step) => Next::Run(step),
            None if self.tail > 0 => {
                self.tail -= 1;
                Next::Idle
            }
            None => Next::Done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::script::{Field, parse};

    #[test]
    fn a_run_waits_for_work_types_a_character_a_frame_and_ends() {
        let steps = parse(
            "search ab\nframes 2\nview matrix",
            std::path::Path::new("."),
        )
        .expect("a script");
        let mut run = ScriptRun::new(steps, "s".into());
        assert!(
            matches!(run.next(true), Next::Wait),
            "a step waits for work"
        );
        assert!(matches!(run.next(false), Next::Run(Step::Type(..))));
        // Typing goes on while work runs: the search must stay responsive.
        assert!(matches!(run.next(true), Next::Type(Field::Search, 'a')));
        assert!(matches!(run.next(false), Next::Type(Field::Search, 'b')));
        assert!(matches!(run.next(false), Next::Idle));
        assert!(matches!(run.next(false), Next::Idle));
        assert!(matches!(run.next(false), Next::Run(Step::View(_))));
        for _ in 0..TAIL_FRAMES {
            assert!(matches!(run.next(false), Next::Idle));
        }
        assert!(matches!(run.next(false), Next::Done));
    }

    #[test]
    fn the_log_writes_a_line_per_frame_with_its_cause() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("frames.log");
        let mut log = FrameLog::create(&path, Instant::now()).expect("created");
        log.begin();
        log.note("step: view matrix");
        log.end(false);
        log.begin();
        log.end(true);
        log.end(false); // no frame begun: no line
        log.flush();
        let text = std::fs::read_to_string(&path).expect("written");
        assert_eq!(
            thread_cpu_ns().is_some(),
            cfg!(unix),
            "a CPU clock where there is one"
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("frame 1 at "), "{text}");
        assert!(lines[0].ends_with("cause step: view matrix"), "{text}");
        assert!(lines[1].ends_with("cause input"), "{text}");
        assert!(lines[1].contains(" cpu "), "{text}");
    }
}
