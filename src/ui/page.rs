//! What the browser page shows of the app's state, for the browser check (`scripts/web-check.py`)
//! and a lecturer's own scripts: `data-caselens-*` attributes on the page's root element (the
//! canvas has no text to read). On the desktop this does nothing.

use crate::workspace::Workspace;

/// Publishes the state after a frame: the cases listed, the notes items, the notes status, and
/// (from `performance.now()`, ms since the page started loading) when the first frame was drawn
/// and when the library first listed its cases.
pub fn publish(workspace: &Workspace, loading: bool, notes_status: &str) {
    #[cfg(target_arch = "wasm32")]
    web::publish(workspace, loading, notes_status);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (workspace, loading, notes_status);
}

/// Notes that one piece of the loading of kind `what` ("read", "check", "hand-over",
/// "first draw") took `took`: the page shows the longest of each kind, with how many there were,
/// as `data-caselens-load-steps` (what the browser check prints beside the page's long tasks).
pub fn note_step(what: &'static str, took: std::time::Duration) {
    #[cfg(target_arch = "wasm32")]
    web::note_step(what, took);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (what, took);
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;

    use crate::workspace::Workspace;

    #[derive(Default)]
    struct Shown {
        first_frame: bool,
        listed: bool,
        last: Vec<(&'static str, String)>,
        /// Per kind of loading step: how many, and the longest in ms.
        steps: Vec<(&'static str, usize, f64)>,
    }

    pub fn note_step(what: &'static str, took: std::time::Duration) {
        let ms = took.as_secs_f64() * 1000.0;
        SHOWN.with(|shown| {
            let steps = &mut shown.borrow_mut().steps;
            match steps.iter_mut().find(|(w, ..)| *w == what) {
                Some((_, n, longest)) => {
                    *n += 1;
                    *longest = longest.max(ms);
                }
                None => steps.push((what, 1, ms)),
            }
        });
    }

    thread_local! {
        static SHOWN: RefCell<Shown> = RefCell::new(Shown::default());
    }

    pub fn publish(workspace: &Workspace, loading: bool, notes_status: &str) {
        let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        let now = || {
            web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now())
        };
        let cases = if loading {
            0
        } else {
            workspace.library.cases.len()
        };
        let steps = SHOWN.with(|shown| {
            shown
                .borrow()
                .steps
                .iter()
                .map(|(what, n, ms)| format!("{what} {ms:.1} (of {n})"))
                .collect::<Vec<_>>()
                .join(", ")
        });
        let state = vec![
            ("data-caselens-load-steps", steps),
            ("data-caselens-cases", cases.to_string()),
            (
                "data-caselens-case-ids",
                workspace
                    .library
                    .cases
                    .iter()
                    .map(|c| c.doc.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            (
                "data-caselens-notes-items",
                workspace.notebook.file().items.len().to_string(),
            ),
            ("data-caselens-notes-status", notes_status.to_owned()),
        ];
        SHOWN.with(|shown| {
            let mut shown = shown.borrow_mut();
            if !shown.first_frame {
                shown.first_frame = true;
                root.set_attribute("data-caselens-first-frame-ms", &format!("{:.0}", now()))
                    .ok();
            }
            if cases > 0 && !shown.listed {
                shown.listed = true;
                root.set_attribute("data-caselens-listed-ms", &format!("{:.0}", now()))
                    .ok();
            }
            if shown.last != state {
                for (name, value) in &state {
                    root.set_attribute(name, value).ok();
                }
                shown.last = state;
            }
        });
    }
}
