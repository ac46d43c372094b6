//! `assess` and `validate`: the engine driven without a terminal.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::bank::{Bank, Problem};
use crate::case::load_case;
use crate::check;
use crate::cli::Format;
use crate::config::LangChoice;
use crate::engine::{interview, triage};
use crate::report::{assess_json, assess_text};

fn print_problems(problems: &[Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "error: {}", crate::input::text::clean(&p.to_string()));
    }
}

/// Loads a bank for running, in the language asked for: compile errors,
/// loops and an unknown language are fatal, and a bank from a folder must
/// pass every check `validate` makes (a path that skips the red-flag
/// screens, a red flag that cannot fire, a missing translation) before any
/// patient sees it. The built-in bank is checked by the tests instead.
/// Every problem is printed; the error is the exit status.
pub fn load_runnable(dir: Option<&Path>, lang: &LangChoice) -> Result<Bank, ExitCode> {
    let fail = |problems: &[Problem]| {
        print_problems(problems);
        ExitCode::from(2)
    };
    let bank = Bank::load(dir).map_err(|p| fail(&p))?;
    // `validate` looks for loops first (and stops there if it finds any).
    let problems = match dir {
        Some(_) => check::validate(&bank),
        None => check::cycles(&bank),
    };
    if !problems.is_empty() {
        return Err(fail(&problems));
    }
    lang.apply(bank).map_err(|e| {
        let _ = writeln!(
            std::io::stderr(),
            "error: {}",
            crate::input::text::clean(&e)
        );
        ExitCode::from(2)
    })
}

/// `assess`; with `save_to` (the data folder, `None` inside when none could be
/// found) the result is also saved as a record, in the clinician's wording
/// when `clinician`.
pub fn assess(
    questions: Option<&Path>,
    lang: &LangChoice,
    case: &Path,
    format: Option<Format>,
    save_to: Option<Option<std::path::PathBuf>>,
    clinician: bool,
) -> ExitCode {
    let bank = match load_runnable(questions, lang) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let case = match load_case(case, &bank.vocab) {
        Ok(c) => c,
        Err(p) => {
            print_problems(&[p]);
            return ExitCode::from(2);
        }
    };
    let walk = match interview(&bank, &case.findings) {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: {}: {e}",
                case_name(&case.info.id)
            );
            return ExitCode::from(2);
        }
    };
    let outcome = triage(&bank, &walk);
    let mut record_code = None;
    if let Some(dir) = save_to {
        let Some(dir) = dir else {
            let _ = writeln!(
                std::io::stderr(),
                "error: no data folder for records; give one with --data-dir DIR"
            );
            return ExitCode::from(2);
        };
        let store = crate::records::Store::new(&dir);
        let mut record = crate::records::Record::new(
            &bank,
            &walk,
            &outcome,
            clinician,
            store.fresh_code(),
            crate::records::now_rfc3339(),
        );
        match store.save_new(&mut record) {
            Ok(path) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "saved record {} to {}",
                    record.code,
                    path.display()
                );
                record_code = Some(record.code);
            }
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let format = format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Json
    });
    let text = match format {
        Format::Json => {
            let mut json = assess_json(&bank, &walk, &outcome);
            json.record = record_code;
            let mut s = serde_json::to_string_pretty(&json)
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            s.push('\n');
            s
        }
        Format::Text => {
            let audience = if clinician {
                crate::audience::Audience::Clinician
            } else {
                crate::audience::Audience::Patient
            };
            assess_text(&bank, &walk, &outcome, audience)
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn case_name(id: &str) -> &str {
    if id.is_empty() { "the case" } else { id }
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
            println!("{}", crate::input::text::clean(&p.to_string()));
        }
        println!("{shown}: {} problem(s)", problems.len());
        ExitCode::from(1)
    }
}

/// `translation-template`: the bank's texts as TOML for a translator.
pub fn translation_template(questions: Option<&Path>, missing: Option<&str>) -> ExitCode {
    let bank = match Bank::load(questions) {
        Ok(b) => b,
        Err(p) => {
            print_problems(&p);
            return ExitCode::from(2);
        }
    };
    let only = match missing {
        None => None,
        Some(code) => match bank.translations.iter().find(|t| t.lang == code) {
            Some(t) => match t.texts() {
                Ok(_) => Some(t),
                Err(p) => {
                    print_problems(std::slice::from_ref(p));
                    return ExitCode::from(2);
                }
            },
            None => {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: the bank declares no `{code}` translation (add it to `languages` in bank.toml and create lang/{code}.toml)"
                );
                return ExitCode::from(2);
            }
        },
    };
    let text = crate::bank::lang::template(&bank, only);
    if let (Some(t), true) = (only, text.trim().is_empty()) {
        let _ = writeln!(
            std::io::stderr(),
            "Nothing is missing: the `{}` translation has every text of the bank.",
            t.lang
        );
        return ExitCode::SUCCESS;
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}
