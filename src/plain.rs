//! Plain mode: the same questionnaire as numbered prompts, one line at a time,
//! for screen readers, braille displays, dumb terminals and scripts. No cursor
//! movement, no colour, no box drawing. Reads lines, writes lines.

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::progress::remaining;
use crate::audience::Audience;
use crate::bank::{Bank, Kind};
use crate::engine::{AnswerError, End, triage};
use crate::records::{Record, Store, now_rfc3339};
use crate::report::Report;
use crate::report::explain::{option_text, question_quote, question_text};
use crate::report::text::write_report;
use crate::report::{say, say_fill};
use crate::session::Session;

/// How a plain session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlainEnd {
    /// The result was shown; the record's code if one was saved.
    Finished { record: Option<String> },
    /// The person typed `q`.
    Quit,
    /// Input ended before the result.
    InputEnded,
}

/// Settings for a plain session.
#[derive(Debug, Clone)]
pub struct PlainOptions {
    pub audience: Audience,
    /// Where records go; `None` when no data folder could be found.
    pub data_dir: Option<PathBuf>,
}

/// Runs the questionnaire on `input` and `out`.
pub fn run<R: BufRead, W: Write>(
    bank: &Bank,
    mut input: R,
    mut out: W,
    opts: &PlainOptions,
) -> io::Result<PlainEnd> {
    let audience = opts.audience;
    let ui = |k: &str| say(bank, audience, k);
    let left = remaining(bank);
    let mut session = Session::new(bank);
    let intro = [bank.name.as_str(), ui("plain.intro"), ui("plain.how_to")];
    writeln!(out, "{}", intro.join("\n"))?;
    let mut line = String::new();
    while let Some(q) = session.pending() {
        let question = &bank.questions[q];
        let r = left[q];
        let n = (session.walk.steps.len() + 1).to_string();
        let (fewest, most) = (r.fewest.to_string(), r.most.to_string());
        let header = if r.fewest == r.most {
            bank.ui_fill("plain.question_exact", &[("n", &n), ("left", &most)])
        } else {
            let range = [("n", &*n), ("fewest", &fewest), ("most", &most)];
            bank.ui_fill("plain.question_range", &range)
        };
        writeln!(out, "\n{header}")?;
        if question.art.is_some() {
            // No picture here: the question alone, then the places in words.
            writeln!(out, "{}", question_quote(bank, audience, q))?;
            writeln!(out, "{}", ui("plain.places"))?;
        } else {
            writeln!(out, "{}", question_text(bank, audience, q))?;
        }
        for i in 0..question.options.len() {
            writeln!(out, "{}. {}", i + 1, option_text(bank, audience, q, i))?;
        }
        let prompt = match question.kind {
            Kind::Single => ui("plain.prompt_single"),
            Kind::Multi => ui("plain.prompt_multi"),
        };
        loop {
            writeln!(out, "{prompt}")?;
            out.flush()?;
            line.clear();
            if input.read_line(&mut line)? == 0 {
                writeln!(out, "\n{}", ui("plain.input_ended"))?;
                return Ok(PlainEnd::InputEnded);
            }
            let text = line.trim();
            match text.to_lowercase().as_str() {
                "" => continue,
                "q" | "quit" => {
                    writeln!(out, "{}", ui("plain.stopped"))?;
                    return Ok(PlainEnd::Quit);
                }
                "?" | "why" => {
                    writeln!(out, "{} {}", ui("plain.why"), question.why)?;
                    continue;
                }
                "b" | "back" => {
                    if session.back(bank).is_some() {
                        break;
                    }
                    writeln!(out, "{}", ui("plain.first_question"))?;
                    continue;
                }
                _ => {}
            }
            let answered = parse_choice(bank, audience, q, text);
            let why = match answered.map(|chosen| session.answer(bank, q, chosen)) {
                Ok(Ok(())) => break,
                Err(msg) => {
                    writeln!(out, "{msg}")?;
                    continue;
                }
                Ok(Err(AnswerError::NotOne)) => ui("answer.single"),
                Ok(Err(AnswerError::NoneTicked)) => ui("answer.none_ticked"),
                Ok(Err(_)) => ui("answer.exclusive"),
            };
            writeln!(out, "{} {why}.", ui("plain.answer_refused"))?;
        }
    }

    // The walk has ended, so the session holds its outcome.
    let w = &session.walk;
    let outcome = session.outcome.clone().unwrap_or_else(|| triage(bank, w));
    let report = Report::new(bank, w, &session.answers, &outcome, audience, None);
    writeln!(out)?;
    if let End::Stopped(flag) = w.end {
        let f = &bank.red_flags[flag];
        let level = bank.vocab.urgency_id(f.urgency);
        let alarm = match level {
            "emergency" | "urgent" => format!("alarm.{level}"),
            _ => "alarm.other".to_string(),
        };
        let text = audience.pick(&f.patient, &f.clinician);
        writeln!(out, "{}\n{}\n{text}", ui(&alarm), f.title)?;
        writeln!(out, "{}\n", ui("plain.stopped_here"))?;
    }
    write_report(bank, &report, &mut out)?;

    // Saving: by default for clinicians; patients are offered it.
    let save = match audience {
        Audience::Clinician => true,
        Audience::Patient => {
            writeln!(out, "\n{}", ui("plain.offer_save"))?;
            out.flush()?;
            line.clear();
            input.read_line(&mut line)? > 0 && line.trim().eq_ignore_ascii_case("s")
        }
    };
    if !save {
        return Ok(PlainEnd::Finished { record: None });
    }
    let Some(dir) = &opts.data_dir else {
        writeln!(out, "{}", ui("plain.no_data_dir"))?;
        return Ok(PlainEnd::Finished { record: None });
    };
    let store = Store::new(dir);
    let (code, now) = (store.fresh_code(), now_rfc3339());
    let mut record = Record::new(bank, w, &outcome, audience, code, now);
    let saved = match store.save_new(&mut record) {
        Ok(_) => {
            let code = spell(&record.code);
            let saved = say_fill(bank, audience, "plain.saved", &[("code", &code)]);
            writeln!(out, "{saved}")?;
            Some(record.code)
        }
        Err(e) => {
            let (not_saved, in_full) = (ui("plain.not_saved"), ui("plain.here_in_full"));
            writeln!(out, "{not_saved} {e}.\n{in_full}")?;
            write!(out, "{}", record.to_json())?;
            None
        }
    };
    Ok(PlainEnd::Finished { record: saved })
}

/// The code with its characters spaced, so a screen reader spells it out.
fn spell(code: &str) -> String {
    let spaced: String = code
        .chars()
        .filter(|c| *c != '-')
        .flat_map(|c| [c, ' '])
        .collect();
    format!("{code} ({})", spaced.trim_end())
}

/// Reads an answer: numbers, or the first word of an option.
fn parse_choice(
    bank: &Bank,
    audience: Audience,
    q: usize,
    text: &str,
) -> Result<Vec<usize>, String> {
    let question = &bank.questions[q];
    let n = question.options.len();
    let tokens: Vec<&str> = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    // Every refusal ends by saying what the answers are.
    let refuse = |why: String| {
        Err(format!(
            "{why} {}",
            bank.ui_fill("plain.range", &[("n", &n.to_string())])
        ))
    };
    if question.kind == Kind::Single
        && tokens.len() > 1
        && tokens.iter().all(|t| t.parse::<usize>().is_ok())
    {
        return refuse(bank.ui("plain.only_one").to_string());
    }
    // A whole phrase may name one option by its first word ("not sure").
    let tokens = if tokens.iter().any(|t| t.parse::<usize>().is_err()) {
        vec![tokens.first().copied().unwrap_or("")]
    } else {
        tokens
    };
    let mut chosen = Vec::new();
    for t in tokens {
        let o = match t.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => k - 1,
            Ok(_) => return refuse(bank.ui_fill("plain.no_such", &[("answer", t)])),
            Err(_) => {
                let word = t.to_lowercase();
                let hits: Vec<usize> = (0..n)
                    .filter(|&o| {
                        option_text(bank, audience, q, o)
                            .split(|c: char| !c.is_alphanumeric())
                            .find(|w| !w.is_empty())
                            .is_some_and(|w| w.to_lowercase() == word)
                    })
                    .collect();
                match hits.as_slice() {
                    [o] => *o,
                    [] => return refuse(bank.ui("plain.no_match").to_string()),
                    _ => return refuse(bank.ui_fill("plain.ambiguous", &[("answer", t)])),
                }
            }
        };
        if !chosen.contains(&o) {
            chosen.push(o);
        }
    }
    Ok(chosen)
}

/// Whether plain mode is wanted without the flag: a dumb terminal, or input
/// or output that is not a terminal.
pub fn wanted() -> bool {
    use std::io::IsTerminal;
    std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !io::stdin().is_terminal()
        || !io::stdout().is_terminal()
}

/// Plain mode on stdin and stdout; exit 0 on a result or a quit, 2 when the
/// input ended first.
pub fn main(bank: &Bank, audience: Audience, data_dir: Option<PathBuf>) -> ExitCode {
    let opts = PlainOptions { audience, data_dir };
    let stdin = io::stdin();
    // The bank's texts (a clinic's own bank among them) reach the terminal
    // through here: no control or bidirectional characters.
    let out = crate::input::text::Clean::new(io::stdout().lock());
    match run(bank, stdin.lock(), out, &opts) {
        Ok(PlainEnd::Finished { .. } | PlainEnd::Quit) => ExitCode::SUCCESS,
        Ok(PlainEnd::InputEnded) => ExitCode::from(2),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
