//! `assess` and `validate`: the engine driven without a terminal.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::audience::Audience;
use crate::bank::{Bank, Problem};
use crate::case::load_case;
use crate::check;
use crate::cli::{Format, fail, print_clean};
use crate::config::LangChoice;
use crate::engine::{interview, triage};
use crate::input::text::clean;
use crate::records::record::pretty;
use crate::records::{Record, Store, now_rfc3339};
use crate::report::{assess_json, assess_text};

/// Prints each problem, cleaned (it may quote a file), and gives exit
/// status 2.
fn refuse(problems: &[Problem]) -> ExitCode {
    for p in problems {
        fail(clean(&p.to_string()));
    }
    ExitCode::from(2)
}

/// Loads a bank for running, in the language asked for: compile errors,
/// loops and an unknown language are fatal, and a bank from a folder must
/// pass every check `validate` makes (a path that skips the red-flag
/// screens, a red flag that cannot fire, a missing translation) before any
/// patient sees it. The built-in bank is checked by the tests instead.
/// Every problem is printed; the error is the exit status.
pub fn load_runnable(dir: Option<&Path>, lang: &LangChoice) -> Result<Bank, ExitCode> {
    let bank = Bank::load(dir).map_err(|p| refuse(&p))?;
    // `validate` looks for loops first (and stops there if it finds any).
    let problems = match dir {
        Some(_) => check::validate(&bank),
        None => check::cycles(&bank),
    };
    if !problems.is_empty() {
        return Err(refuse(&problems));
    }
    lang.apply(bank).map_err(|e| fail(clean(&e)))
}

/// `assess`; with `save_to` (the data folder, `None` inside when none could be
/// found) the result is also saved as a record, in the audience's wording.
/// `Err` is the exit status of a failure already printed.
pub fn assess(
    bank: &Bank,
    case: &Path,
    format: Option<Format>,
    save_to: Option<Option<std::path::PathBuf>>,
    audience: Audience,
) -> Result<ExitCode, ExitCode> {
    let case = load_case(case, &bank.vocab).map_err(|p| refuse(&[p]))?;
    let name = Some(case.info.id.as_str()).filter(|id| !id.is_empty());
    let name = name.unwrap_or("the case");
    let walk = interview(bank, &case.findings).map_err(|e| fail(format!("{name}: {e}")))?;
    let outcome = triage(bank, &walk);
    let mut record_code = None;
    if let Some(dir) = save_to {
        let dir =
            dir.ok_or_else(|| fail("no data folder for records; give one with --data-dir DIR"))?;
        let store = Store::new(&dir);
        let (code, now) = (store.fresh_code(), now_rfc3339());
        let mut record = Record::new(bank, &walk, &outcome, audience, code, now);
        // Stderr is written without panicking: it may be gone.
        let mut err = std::io::stderr();
        let path = store.save_new(&mut record).map_err(|e| {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(1)
        })?;
        let _ = writeln!(err, "saved record {} to {}", record.code, path.display());
        record_code = Some(record.code);
    }
    let tty = std::io::stdout().is_terminal();
    let format = format.unwrap_or(if tty { Format::Text } else { Format::Json });
    let text = match format {
        Format::Json => {
            let mut json = assess_json(bank, &walk, &outcome);
            json.record = record_code;
            pretty(&json)
        }
        Format::Text => assess_text(bank, &walk, &outcome, audience),
    };
    Ok(print_clean(&text))
}

pub fn validate_cmd(questions: Option<&Path>) -> ExitCode {
    let problems = match Bank::load(questions) {
        Ok(bank) => check::validate(&bank),
        Err(p) => p,
    };
    let shown = questions.map_or("the built-in bank".to_string(), |d| d.display().to_string());
    if problems.is_empty() {
        println!("{shown}: no problems found");
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            // A problem may quote the file's text: printed cleaned.
            println!("{}", clean(&p.to_string()));
        }
        println!("{shown}: {} problem(s)", problems.len());
        ExitCode::from(1)
    }
}

/// `translation-template`: the bank's texts as TOML for a translator.
/// `Err` is the exit status of a failure already printed.
pub fn translation_template(
    questions: Option<&Path>,
    missing: Option<&str>,
) -> Result<ExitCode, ExitCode> {
    let bank = Bank::load(questions).map_err(|p| refuse(&p))?;
    let only = missing.map(|code| {
        let t = bank.translations.iter().find(|t| t.lang == code).ok_or_else(|| fail(format!(
            "the bank declares no `{code}` translation (add it to `languages` in bank.toml and create lang/{code}.toml)"
        )))?;
        t.texts().map_err(|p| refuse(std::slice::from_ref(p)))?;
        Ok::<_, ExitCode>(t)
    });
    let only = only.transpose()?;
    let text = crate::bank::lang::template(&bank, only);
    if let (Some(t), true) = (only, text.trim().is_empty()) {
        let _ = writeln!(
            std::io::stderr(),
            "Nothing is missing: the `{}` translation has every text of the bank.",
            t.lang
        );
        return Ok(ExitCode::SUCCESS);
    }
    Ok(print_clean(&text))
}
