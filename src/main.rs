//! Parses the command line and hands over to the headless commands or the app.

use std::process::ExitCode;

use clap::Parser;
use hamstring_triage::app::App;
use hamstring_triage::cli::{Audience, Cli, Command, RecordsCommand};
use hamstring_triage::headless;
use hamstring_triage::plain;
use hamstring_triage::practice::commands as practice;
use hamstring_triage::records::commands as records;
use hamstring_triage::terminal;
use hamstring_triage::ui::theme;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let questions = cli.questions.as_deref();
    let data_dir = cli.data_dir.as_deref();
    match cli.command {
        Some(Command::Assess { case, format, save }) => {
            let save_to = save.then(|| records::data_dir(data_dir));
            headless::assess(questions, &cli.lang, &case, format, save_to)
        }
        Some(Command::Validate) => headless::validate_cmd(questions),
        Some(Command::Records { action }) => match action {
            RecordsCommand::List => records::list(data_dir),
            RecordsCommand::Show { code } => records::show(data_dir, &code),
            RecordsCommand::Export { code, format } => records::export(data_dir, &code, format),
        },
        Some(Command::Practice { case, list, stats }) => {
            let bank = match headless::load_runnable(questions, &cli.lang) {
                Ok(b) => b,
                Err(problems) => {
                    for p in problems {
                        eprintln!("error: {p}");
                    }
                    return ExitCode::from(2);
                }
            };
            let data = records::data_dir(data_dir);
            if list {
                return practice::list(&bank);
            }
            if stats {
                return practice::stats(data.as_deref());
            }
            match practice::pick_case(&bank, case.as_deref(), data.as_deref()) {
                Ok(c) => practice::run_plain(&bank, c, data),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::TranslationTemplate { missing }) => {
            headless::translation_template(questions, missing.as_deref())
        }
        Some(Command::ExportQuestionnaire { format: _ }) => {
            match headless::load_runnable(questions, &cli.lang) {
                Ok(bank) => {
                    records::export_questionnaire(&bank, cli.audience == Audience::Clinician)
                }
                Err(problems) => {
                    for p in problems {
                        eprintln!("error: {p}");
                    }
                    ExitCode::from(2)
                }
            }
        }
        None => {
            // Load errors are printed before the terminal is touched.
            let bank = match headless::load_runnable(questions, &cli.lang) {
                Ok(b) => b,
                Err(problems) => {
                    for p in &problems {
                        eprintln!("error: {p}");
                    }
                    return ExitCode::from(2);
                }
            };
            if cli.plain || plain::wanted() {
                let data = records::data_dir(data_dir);
                return plain::main(&bank, cli.audience, data);
            }
            let app = App::new(bank, cli.audience, theme::colour_allowed());
            terminal::run(app)
        }
    }
}
