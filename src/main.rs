//! Parses the command line and hands over to the headless commands or the app.

use std::process::ExitCode;

use clap::Parser;
use hamstring_triage::cli::{Cli, Command};
use hamstring_triage::headless;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let questions = cli.questions.as_deref();
    match cli.command {
        Some(Command::Assess { case, format }) => headless::assess(questions, &case, format),
        Some(Command::Validate) => headless::validate_cmd(questions),
        None => {
            eprintln!("the interactive questionnaire is not built yet; use `assess` or `validate`");
            ExitCode::from(2)
        }
    }
}
