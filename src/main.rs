//! The `caselens` binary: parse arguments, then run a subcommand or open the window.

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser as _;

/// In the browser: the page's script calls this once the module is loaded.
#[cfg(target_arch = "wasm32")]
fn main() {
    caselens::ui::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    // First thing: the start check times the first frame from here.
    let started = std::time::Instant::now();
    let cli = caselens::cli::Cli::parse();
    if let Some(command) = &cli.command {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        return match caselens::cli::run(command, &mut stdout.lock(), &mut stderr.lock()) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("caselens: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    let mut paths = cli.paths;
    paths.extend(cli.library);
    let check = cli
        .quit_after_frames
        .map(|n| caselens::ui::start_check::StartCheck::new(started, n));
    match caselens::ui::run_native_checked(paths, cli.notes, cli.layer, check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caselens: could not open the window: {e}");
            eprintln!(
                "(Is a display available? The command-line tools work without one: caselens --help.)"
            );
            ExitCode::from(1)
        }
    }
}
