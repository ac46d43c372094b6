//! Practice in plain mode: the interview as numbered lines, for screen
//! readers and scripts (and the tests that drive practice end to end).

use std::io::{self, BufRead, Write};

use crate::bank::Bank;

use super::feedback::Feedback;
use super::interview::{Interview, MAX_DIFFERENTIAL, askable, levels, search};
use super::report::{lines, urgency};

/// Runs one practice interview; `None` when the student quit or input ended.
pub fn run<R: BufRead, W: Write>(
    bank: &Bank,
    iv: &mut Interview,
    mut input: R,
    mut out: W,
) -> io::Result<Option<Feedback>> {
    let list = askable(bank);
    let info = &iv.case.case.info;
    let title = bank.ui_fill("practice.case_title", &[("title", &info.title)]);
    writeln!(out, "{title}\n{}", info.presentation)?;
    writeln!(out, "{}", bank.ui("practice.how_to"))?;
    let print_list = |out: &mut W, iv: &Interview| -> io::Result<()> {
        let mut theme = "";
        for (i, a) in list.iter().enumerate() {
            if a.theme != theme {
                theme = &a.theme;
                writeln!(out, "{}", bank.ui(&format!("theme.{theme}")))?;
            }
            let mark = if iv.has_asked(a.question) { " *" } else { "" };
            let question = &bank.questions[a.question].clinician;
            writeln!(out, "  {}. {question}{mark}", i + 1)?;
        }
        Ok(())
    };
    print_list(&mut out, iv)?;
    loop {
        writeln!(out, "{}", bank.ui("practice.prompt_ask"))?;
        let Some(text) = next_line(&mut input, &mut out)? else {
            return Ok(None);
        };
        match text.as_str() {
            "" => continue,
            "q" => return Ok(None),
            "l" => print_list(&mut out, iv)?,
            "c" => break,
            _ => match number(&text, list.len()) {
                Some(k) => {
                    let reply = &iv.ask(bank, list[k].question).reply;
                    let says = bank.ui_fill("practice.patient_says", &[("reply", reply)]);
                    writeln!(out, "{says}")?;
                }
                None => {
                    let hits = search(bank, &list, &text);
                    if hits.is_empty() {
                        writeln!(out, "{}", bank.ui("practice.no_question"))?;
                    }
                    for i in hits {
                        let question = &bank.questions[list[i].question].clinician;
                        writeln!(out, "  {}. {question}", i + 1)?;
                    }
                }
            },
        }
    }

    writeln!(out, "{}", bank.ui("practice.prompt_differential"))?;
    for (i, d) in bank.diagnoses.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, d.clinician_name)?;
    }
    let bad = bank.ui("practice.bad_differential");
    let Some(differential) = answer(&mut input, &mut out, bad, |text| {
        let picks: Option<Vec<usize>> = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(|t| number(t, bank.diagnoses.len()))
            .collect();
        picks.filter(|p| (1..=MAX_DIFFERENTIAL).contains(&p.len()))
    })?
    else {
        return Ok(None);
    };
    writeln!(out, "{}", bank.ui("practice.prompt_urgency"))?;
    let levels = levels(bank);
    for (i, u) in levels.iter().enumerate() {
        let meaning = &bank.vocab.urgencies[u.0 as usize].meaning;
        writeln!(out, "  {}. {} ({meaning})", i + 1, urgency(bank, *u))?;
    }
    let range = bank.ui_fill("plain.range", &[("n", &levels.len().to_string())]);
    let Some(urgency) = answer(&mut input, &mut out, &range, |text| {
        number(text, levels.len()).map(|k| levels[k])
    })?
    else {
        return Ok(None);
    };
    let feedback = iv.commit(bank, &differential, urgency);
    writeln!(out)?;
    for l in lines(bank, &feedback) {
        writeln!(out, "{}{}", if l.serious { "!! " } else { "" }, l.text)?;
    }
    Ok(Some(feedback))
}

/// The next line typed, trimmed (the prompt before it flushed); `None` at
/// the end of input.
fn next_line(input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Option<String>> {
    out.flush()?;
    let mut line = String::new();
    Ok((input.read_line(&mut line)? > 0).then(|| line.trim().to_string()))
}

/// The first line typed that `parse` takes, saying `again` after each it
/// does not; `None` at the end of input.
fn answer<T>(
    input: &mut impl BufRead,
    out: &mut impl Write,
    again: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> io::Result<Option<T>> {
    while let Some(text) = next_line(input, out)? {
        match parse(&text) {
            Some(t) => return Ok(Some(t)),
            None => writeln!(out, "{again}")?,
        }
    }
    Ok(None)
}

/// A number from 1 to `n` as an index (from 0).
fn number(text: &str, n: usize) -> Option<usize> {
    text.parse::<usize>()
        .ok()
        .filter(|k| (1..=n).contains(k))
        .map(|k| k - 1)
}
