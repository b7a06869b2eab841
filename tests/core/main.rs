//! The core without a window: the CLI, the bundled corpus, the architecture, crash safety.

#[path = "../util.rs"]
mod util;

#[path = "../hostile.rs"]
mod hostile;

mod agreement;
mod agreement_coding;
mod agreement_options;
mod annotations;
mod answers;
mod architecture;
mod authoring;
mod cli;
mod cli_frames;
mod coded;
mod content;
mod documents;
mod export;
mod fuzz;
mod hostile_files;
mod notes_crash;
mod notes_disk;
mod notes_processes;
mod refi;
mod refi_hostile;
mod refi_trip;
mod search;
mod start_check;
