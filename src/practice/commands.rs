//! `practice`: choosing a case, `--list`, `--stats`, and running an interview.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bank::Bank;
use crate::cli::{fail, print_clean};
use crate::records::now_rfc3339;

use super::interview::Interview;
use super::library::{LibraryCase, built_in, from_file};
use super::progress::{self, Attempt};

/// The case to practise: a file, a library id, or (none given) a library case
/// not tried yet where there is one, chosen at random.
pub fn pick_case(
    bank: &Bank,
    wanted: Option<&str>,
    data_dir: Option<&Path>,
) -> Result<LibraryCase, String> {
    let (library, problems) = built_in(&bank.vocab);
    for p in &problems {
        eprintln!("warning: left out of the library: {p}");
    }
    if let Some(w) = wanted {
        if let Some(c) = library.iter().find(|c| c.id() == w) {
            return Ok(c.clone());
        }
        let path = Path::new(w);
        if !path.exists() {
            let ids: Vec<&str> = library.iter().map(LibraryCase::id).collect();
            return Err(format!(
                "there is no case `{w}`: no built-in case has that id and no file has that path. Expected one of these case ids ({} lists them with their titles): {}; or the path of a case file",
                "`hamstring-triage practice --list`",
                ids.join(", ")
            ));
        }
        return from_file(path, &bank.vocab).map_err(|p| p.to_string());
    }
    if library.is_empty() {
        return Err("the case library is empty".into());
    }
    let tried: Vec<String> = data_dir
        .and_then(|d| progress::load(d).ok())
        .map(|f| f.attempts.into_iter().map(|a| a.case).collect())
        .unwrap_or_default();
    let (fresh, done): (Vec<&LibraryCase>, _) = library
        .iter()
        .partition(|c| !tried.iter().any(|t| t == c.id()));
    let pool = if fresh.is_empty() { done } else { fresh };
    let random = getrandom::u32().unwrap_or(0) as usize;
    Ok(pool[random % pool.len()].clone())
}

pub fn list(bank: &Bank) -> ExitCode {
    let (library, problems) = built_in(&bank.vocab);
    for p in &problems {
        eprintln!("error: {p}");
    }
    println!("{:<38} {:<7} TITLE", "CASE", "LEVEL");
    for c in &library {
        let info = &c.case.info;
        println!("{:<38} {:<7} {}", c.id(), info.difficulty, info.title);
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `practice --stats`: the progress so far, with a chart (`chart`: for a
/// terminal) or in words.
/// `Err` is the exit status of a failure already printed.
pub fn stats(bank: &Bank, data_dir: Option<&Path>, chart: bool) -> Result<ExitCode, ExitCode> {
    let dir = data_dir.ok_or_else(|| fail("no data folder; give one with --data-dir DIR"))?;
    let file = progress::load(dir).map_err(fail)?;
    // The file holds titles as they were saved: printed cleaned.
    Ok(print_clean(&super::stats::text(bank, &file, chart)))
}

/// Runs an interview in plain mode and keeps the attempt.
pub fn run_plain(bank: &Bank, case: LibraryCase, data_dir: Option<PathBuf>) -> ExitCode {
    let mut iv = Interview::new(case);
    // The case's and the bank's texts reach the terminal through here.
    let out = crate::input::text::Clean::new(std::io::stdout().lock());
    let result = super::plain::run(bank, &mut iv, std::io::stdin().lock(), out);
    match result {
        Ok(Some(feedback)) => {
            keep(bank, &feedback, data_dir.as_deref());
            ExitCode::SUCCESS
        }
        Ok(None) => {
            println!("Practice ended without an answer; nothing was scored.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Saves an attempt to the student's progress, saying so if it cannot.
pub fn keep(bank: &Bank, feedback: &super::Feedback, data_dir: Option<&Path>) {
    let Some(dir) = data_dir else {
        let _ = writeln!(
            std::io::stderr(),
            "warning: no data folder; this attempt was not kept"
        );
        return;
    };
    if let Err(e) = progress::record(dir, Attempt::from_feedback(bank, feedback, now_rfc3339())) {
        let _ = writeln!(std::io::stderr(), "warning: {e}");
    }
}
