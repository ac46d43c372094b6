//! The command line: subcommands and flags (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Takes a history of buttock and hamstring pain and says what is most likely
/// going on and how soon to get care. Not a diagnosis: in an emergency call
/// your local emergency number.
#[derive(Debug, Parser)]
#[command(name = "hamstring-triage", version)]
pub struct Cli {
    /// Load the question bank from this folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub questions: Option<PathBuf>,

    /// Who reads the screens: plain words for patients, clinical wording for
    /// clinicians.
    #[arg(long, value_enum, default_value_t = Audience::Patient)]
    pub audience: Audience,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    Patient,
    Clinician,
}

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
    },
    /// Check a question bank and list every problem with file, line and column.
    Validate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Text,
}
