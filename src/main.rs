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
    let probe = match probe(&cli, started) {
        Ok(probe) => probe,
        Err(message) => {
            eprintln!("caselens: {message}");
            return ExitCode::from(2);
        }
    };
    let mut paths = cli.paths;
    paths.extend(cli.library);
    let check = cli
        .quit_after_frames
        .map(|n| caselens::ui::start_check::StartCheck::new(started, n));
    match caselens::ui::run_native_probed(paths, cli.notes, cli.layer, check, probe) {
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

/// The frame log and the script asked for on the command line, read before the window opens
/// so a bad script is reported at once.
#[cfg(not(target_arch = "wasm32"))]
fn probe(
    cli: &caselens::cli::Cli,
    started: std::time::Instant,
) -> Result<Option<caselens::ui::Probe>, String> {
    use caselens::ui::frame_probe::{FrameLog, ScriptRun};
    if cli.frame_log.is_none() && cli.script.is_none() {
        return Ok(None);
    }
    let log = match &cli.frame_log {
        Some(path) => Some(
            FrameLog::create(path, started)
                .map_err(|e| format!("cannot write the frame log {}: {e}", path.display()))?,
        ),
        None => None,
    };
    let script = match &cli.script {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the script {}: {e}", path.display()))?;
            let base = path.parent().unwrap_or(std::path::Path::new("."));
            let steps = caselens::workspace::script::parse(&text, base)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Some(ScriptRun::new(steps, path.clone()))
        }
        None => None,
    };
    Ok(Some(caselens::ui::Probe { log, script }))
}
