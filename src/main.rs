//! The `caselens` binary: parse arguments, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
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
    match caselens::ui::run_native(paths, cli.notes) {
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
