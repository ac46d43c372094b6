//! Parses the command line and hands over to the headless commands or the app.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use hamstring_triage::app::kiosk::KioskApp;
use hamstring_triage::app::practice::PracticeApp;
use hamstring_triage::app::{App, KioskSettings, Settings};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::{
    Audience, Cli, Command, ConfigCommand, ExportFormat, KioskCommand, RecordsCommand, fail,
};
use hamstring_triage::config::{self, LangChoice};
use hamstring_triage::headless;
use hamstring_triage::kiosk;
use hamstring_triage::plain;
use hamstring_triage::practice::commands as practice;
use hamstring_triage::records::commands as records;
use hamstring_triage::records::data_dir;
use hamstring_triage::terminal::{self, Io};
use hamstring_triage::ui::theme;

fn main() -> ExitCode {
    // Output to a closed pipe (`config show | head -1`) ends the program
    // quietly, as it does any other command line tool, rather than a panic
    // in the middle of a print: Rust ignores SIGPIPE, which makes every
    // print to a closed pipe an error. No file is written while printing,
    // so nothing is left half written.
    // SAFETY: setting a signal's disposition to the default before any
    // thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    run(Cli::parse()).unwrap_or_else(|code| code)
}

/// Runs the command; `Err` is the exit code of a failure already reported.
fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    let questions = cli.questions.as_deref();
    let config_dir = config::config_dir(cli.config_dir.as_deref());
    // The config file matters to the commands people use at the clinic; the
    // headless checks run without it (`load` of no folder gives the defaults).
    let needs_config = matches!(
        cli.command,
        None | Some(
            Command::Records { .. }
                | Command::Practice { .. }
                | Command::Config {
                    action: ConfigCommand::Show
                }
        )
    );
    let config = config::load(config_dir.as_deref().filter(|_| needs_config)).map_err(|p| {
        eprintln!("error: {p}");
        eprintln!("The config file must be fixed first (see `hamstring-triage config path`).");
        ExitCode::from(2)
    })?;
    let lang = LangChoice::new(cli.lang.as_deref(), &config);
    let data_flag = cli.data_dir.as_deref().or(config.data_dir.as_deref());
    let load = || headless::load_runnable(questions, &lang);
    let plain_mode = cli.plain || plain::wanted();

    Ok(match cli.command {
        Some(Command::Assess { case, format, save }) => {
            let save_to = save.then(|| data_dir(data_flag));
            headless::assess(&load()?, &case, format, save_to, cli.audience)?
        }
        Some(Command::Validate) => headless::validate_cmd(questions),
        Some(Command::Records { action }) => {
            // A record is checked against the bank's vocabulary (its urgency).
            let bank = load()?;
            match action {
                RecordsCommand::List => records::list(data_flag, &bank)?,
                RecordsCommand::Show { code } => {
                    records::export(data_flag, &bank, &code, ExportFormat::Markdown)?
                }
                RecordsCommand::Export { code, format } => {
                    records::export(data_flag, &bank, &code, format)?
                }
            }
        }
        Some(Command::Practice { case, list, stats }) => {
            let bank = load()?;
            let data = data_dir(data_flag);
            if list {
                return Ok(practice::list(&bank));
            }
            if stats {
                return practice::stats(&bank, data.as_deref(), !plain_mode);
            }
            let case =
                practice::pick_case(&bank, case.as_deref(), data.as_deref()).map_err(fail)?;
            if plain_mode {
                return Ok(practice::run_plain(&bank, case, data));
            }
            let mut app = PracticeApp::new(bank.clone(), case, theme::colour_allowed());
            let result = app.result();
            // The interview needs nothing from outside.
            let code = terminal::run(&mut app, Io::default());
            // The screen is closed: keep the attempt and say where it stands.
            if let Some(f) = result.get() {
                practice::keep(&bank, f, data.as_deref());
                if let Some(score) = hamstring_triage::practice::report::lines(&bank, f).last() {
                    println!("{}", score.text);
                }
            }
            code
        }
        Some(Command::TranslationTemplate { missing }) => {
            headless::translation_template(questions, missing.as_deref())?
        }
        Some(Command::ExportQuestionnaire { format: _ }) => {
            records::export_questionnaire(&load()?, cli.audience == Audience::Clinician)
        }
        Some(Command::Config { action }) => {
            let path = config::config_file(&found(config_dir)?);
            match action {
                ConfigCommand::Path => println!("{}", path.display()),
                ConfigCommand::Show => print!(
                    "{}",
                    config.show(&path, data_dir(cli.data_dir.as_deref()).as_deref())
                ),
            }
            ExitCode::SUCCESS
        }
        Some(Command::Kiosk {
            action: KioskCommand::SetPin,
        }) => set_pin(found(config_dir)?),
        None => {
            // Load errors are printed before the terminal is touched.
            let bank = load()?;
            let settings = Settings::from_config(&config, data_dir(data_flag));
            if cli.kiosk || config.kiosk {
                let stored = config_dir.as_deref().map(kiosk::stored_pin);
                let stored = stored.transpose().map_err(fail)?.flatten();
                let (Some(pin), Some(dir)) = (stored, config_dir.as_deref()) else {
                    return Err(fail(
                        "kiosk mode needs a staff PIN first: run `hamstring-triage kiosk set-pin`",
                    ));
                };
                // A kiosk is a screen to touch: never plain mode, and never
                // without a terminal to lock.
                if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                    return Err(fail("kiosk mode needs a terminal (stdin and stdout)"));
                }
                let kiosk = KioskSettings::from_config(&config);
                let now = std::time::Instant::now();
                let gate = kiosk::PinGate::on_disk(dir, now);
                let wait = gate.wait(now);
                let io = Io::new(settings.data_dir.as_deref()).with_pin(gate, pin);
                let colour = theme::colour_allowed();
                let app = KioskApp::new(bank, cli.audience, colour, settings, kiosk, now);
                let mut app = app.with_pin_wait(wait);
                return Ok(terminal::run(&mut app, io));
            }
            if plain_mode {
                return Ok(plain::main(&bank, cli.audience, settings.data_dir));
            }
            run_app(bank, cli.audience, settings)
        }
    })
}

/// The config folder, or an error saying how to give one.
fn found(config_dir: Option<PathBuf>) -> Result<PathBuf, ExitCode> {
    config_dir
        .ok_or_else(|| fail("no config folder could be found; give one with --config-dir DIR"))
}

fn run_app(bank: Bank, audience: Audience, settings: Settings) -> ExitCode {
    let mut app = App::new(bank, audience, theme::colour_allowed()).with_settings(settings);
    let io = Io::new(app.settings.data_dir.as_deref());
    let code = terminal::run(&mut app, io);
    // The screen is closed: a result whose save failed is printed whole, so
    // that it can still be copied and kept.
    // Written without panicking: the terminal may be the thing that went.
    if let Some(json) = app.unsaved_json() {
        let _ = writeln!(
            std::io::stderr(),
            "The result was NOT saved. Here is its record in full, to keep:"
        );
        let _ = writeln!(std::io::stdout(), "{}", json.trim_end());
    }
    code
}

/// `kiosk set-pin`: at a terminal, prompts and the PIN twice without echo;
/// from a pipe, one line per PIN and no prompts.
fn set_pin(dir: PathBuf) -> ExitCode {
    let terminal = std::io::stdin().is_terminal();
    let read = |prompt: &str| -> Result<Option<String>, String> {
        if terminal {
            rpassword::prompt_password(prompt)
                .map(Some)
                .map_err(|e| e.to_string())
        } else {
            let mut line = String::new();
            let n = std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            Ok((n > 0).then_some(line))
        }
    };
    let set = kiosk::ask_new_pin(read, terminal, |why| eprintln!("{why}"))
        .and_then(|pin| kiosk::set_pin(&dir, &pin));
    match set {
        Ok(path) => {
            println!("PIN set; its salted hash is in {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
