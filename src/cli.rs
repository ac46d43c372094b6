//! The command line: subcommands and flags (clap derive).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Prints `error: MESSAGE` (never panicking: stderr may be gone) and gives
/// exit status 2, a refused command's.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {message}");
    ExitCode::from(2)
}

/// Prints to stdout with every control and bidirectional character
/// replaced (a record, a case or a bank could carry escape sequences);
/// exit status 1 if stdout is gone.
pub fn print_clean(text: &str) -> ExitCode {
    let mut out = crate::input::text::Clean::new(std::io::stdout().lock());
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}

/// Takes a history of buttock and hamstring pain and says what is most likely
/// going on and how soon to get care. Not a diagnosis: in an emergency call
/// your local emergency number.
#[derive(Debug, Parser)]
#[command(name = "hamstring-triage", version)]
pub struct Cli {
    /// Load the question bank from this folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub questions: Option<PathBuf>,

    /// Where saved records are kept (default: the platform data folder, or
    /// HAMSTRING_TRIAGE_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Who reads the screens: plain words for patients, clinical wording for
    /// clinicians.
    #[arg(long, global = true, value_enum, default_value_t = Audience::Patient)]
    pub audience: Audience,

    /// The folder of the config file and the kiosk PIN (default: the platform
    /// config folder, or HAMSTRING_TRIAGE_CONFIG_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Kiosk mode: a shared terminal for patients one after another; leaving
    /// needs the staff key chord and PIN. Also `kiosk = true` in the config.
    #[arg(long)]
    pub kiosk: bool,

    /// The language of the questions and screens (en, es).
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,

    /// Plain mode: numbered prompts one line at a time, no colour or screen
    /// drawing (for screen readers and scripts). Also chosen when TERM is
    /// `dumb` or stdin or stdout is not a terminal.
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

pub use crate::audience::Audience;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questionnaire as the patient in a case file would, and print
    /// the result.
    Assess {
        /// The case file (TOML with a [findings] table).
        #[arg(long, value_name = "FILE")]
        case: PathBuf,
        /// json (the default when stdout is not a terminal) or text.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Also save the result as a record (its code is printed on stderr and
        /// given as `record` in the JSON).
        #[arg(long)]
        save: bool,
    },
    /// Practise history-taking: interview a simulated patient, commit a
    /// differential and an urgency, and get feedback.
    Practice {
        /// A case file, or the id of a case in the built-in library.
        #[arg(long, value_name = "FILE|ID")]
        case: Option<String>,
        /// List the built-in cases with their difficulty.
        #[arg(long)]
        list: bool,
        /// Summarise your practice so far.
        #[arg(long)]
        stats: bool,
    },
    /// The config file: where it is.
    Config {
        #[command(subcommand)]
        action: ConfigCommand,
    },
    /// Kiosk set-up for staff.
    Kiosk {
        #[command(subcommand)]
        action: KioskCommand,
    },
    /// Saved records: list them, show one, export one.
    Records {
        #[command(subcommand)]
        action: RecordsCommand,
    },
    /// Print every text of the bank as a translation template (TOML in the
    /// shape of lang/CODE.toml); with --missing CODE, only what that
    /// translation lacks.
    TranslationTemplate {
        #[arg(long, value_name = "CODE")]
        missing: Option<String>,
    },
    /// Print the question bank as an HL7 FHIR R4 (SDC) Questionnaire in JSON,
    /// in the wording of --audience and the language of --lang.
    ExportQuestionnaire {
        #[arg(long, value_enum, default_value_t = QuestionnaireFormat::Fhir)]
        format: QuestionnaireFormat,
    },
    /// Check a question bank and list every problem with file, line and column.
    Validate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Text,
}

#[derive(Debug, Subcommand)]
pub enum RecordsCommand {
    /// Every saved record, newest first: code, time, urgency, top diagnosis.
    List,
    /// One record as a readable summary.
    Show {
        /// The record's code, such as K7M-4QX (any case, dash optional).
        code: String,
    },
    /// One record as Markdown, JSON or FHIR (a Bundle of its
    /// QuestionnaireResponse and a RiskAssessment of the result).
    Export {
        code: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
    Fhir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuestionnaireFormat {
    Fhir,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path (it may not exist yet).
    Path,
    /// Check the config file and print the settings in force.
    Show,
}

#[derive(Debug, Subcommand)]
pub enum KioskCommand {
    /// Set the staff PIN that unlocks the kiosk (4 to 12 digits), read from
    /// the terminal without echo, or from stdin when piped. Only a salted hash
    /// is stored.
    SetPin,
}
