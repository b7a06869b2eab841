//! The notes lifecycle lives in the core ([`crate::notes::session`]); the window only supplies
//! a wake function that repaints it.

use std::sync::Arc;

use crate::jobs::Wake;
pub use crate::notes::session::NotesSession;

/// A wake function that repaints the window when the notes session has news.
pub fn repaint(ctx: &egui::Context) -> Wake {
    let ctx = ctx.clone();
    Arc::new(move || ctx.request_repaint())
}
