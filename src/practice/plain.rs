//! Practice in plain mode: the interview as numbered lines, for screen
//! readers and scripts (and the tests that drive practice end to end).

use std::io::{self, BufRead, Write};

use crate::bank::Bank;

use super::feedback::Feedback;
use super::interview::{Interview, askable, levels};
use super::report::lines;

/// Runs one practice interview; `None` when the student quit or input ended.
pub fn run<R: BufRead, W: Write>(
    bank: &Bank,
    iv: &mut Interview,
    mut input: R,
    mut out: W,
) -> io::Result<Option<Feedback>> {
    let list = askable(bank);
    let info = &iv.case.case.info;
    writeln!(
        out,
        "{}",
        bank.ui_fill("practice.case_title", &[("title", &info.title)])
    )?;
    writeln!(out, "{}", info.presentation)?;
    writeln!(out, "{}", bank.ui("practice.how_to"))?;
    let print_list = |out: &mut W, iv: &Interview| -> io::Result<()> {
        let mut theme = "";
        for (i, a) in list.iter().enumerate() {
            if a.theme != theme {
                theme = &a.theme;
                writeln!(out, "{}", bank.ui(&format!("theme.{theme}")))?;
            }
            let mark = if iv.has_asked(a.question) { " *" } else { "" };
            writeln!(
                out,
                "  {}. {}{mark}",
                i + 1,
                bank.questions[a.question].clinician
            )?;
        }
        Ok(())
    };
    print_list(&mut out, iv)?;
    let mut line = String::new();
    let read = |input: &mut R, line: &mut String| -> io::Result<bool> {
        line.clear();
        Ok(input.read_line(line)? > 0)
    };
    loop {
        writeln!(out, "{}", bank.ui("practice.prompt_ask"))?;
        out.flush()?;
        if !read(&mut input, &mut line)? {
            return Ok(None);
        }
        let text = line.trim();
        match text {
            "" => continue,
            "q" => return Ok(None),
            "l" => print_list(&mut out, iv)?,
            "c" => break,
            _ => match text.parse::<usize>() {
                Ok(k) if (1..=list.len()).contains(&k) => {
                    let q = list[k - 1].question;
                    let reply = iv.ask(bank, q).reply.clone();
                    writeln!(
                        out,
                        "{}",
                        bank.ui_fill("practice.patient_says", &[("reply", &reply)])
                    )?;
                }
                _ => {
                    let filter = text.to_lowercase();
                    let hits: Vec<String> = list
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| {
                            let q = &bank.questions[a.question];
                            q.clinician.to_lowercase().contains(&filter)
                                || q.patient.to_lowercase().contains(&filter)
                        })
                        .map(|(i, a)| {
                            format!("  {}. {}", i + 1, bank.questions[a.question].clinician)
                        })
                        .collect();
                    if hits.is_empty() {
                        writeln!(out, "{}", bank.ui("practice.no_question"))?;
                    } else {
                        writeln!(out, "{}", hits.join("\n"))?;
                    }
                }
            },
        }
    }

    writeln!(out, "{}", bank.ui("practice.prompt_differential"))?;
    for (i, d) in bank.diagnoses.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, d.clinician_name)?;
    }
    let differential = loop {
        out.flush()?;
        if !read(&mut input, &mut line)? {
            return Ok(None);
        }
        let picks: Option<Vec<usize>> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<usize>()
                    .ok()
                    .filter(|k| (1..=bank.diagnoses.len()).contains(k))
                    .map(|k| k - 1)
            })
            .collect();
        match picks {
            Some(p) if (1..=3).contains(&p.len()) => break p,
            _ => writeln!(out, "{}", bank.ui("practice.bad_differential"))?,
        }
    };
    writeln!(out, "{}", bank.ui("practice.prompt_urgency"))?;
    let levels = levels(bank);
    for (i, u) in levels.iter().enumerate() {
        let level = &bank.vocab.urgencies[u.0 as usize];
        writeln!(
            out,
            "  {}. {} ({})",
            i + 1,
            bank.ui(&format!("urgency.{}", level.id)),
            level.meaning
        )?;
    }
    let urgency = loop {
        out.flush()?;
        if !read(&mut input, &mut line)? {
            return Ok(None);
        }
        match line.trim().parse::<usize>() {
            Ok(k) if (1..=levels.len()).contains(&k) => break levels[k - 1],
            _ => writeln!(
                out,
                "{}",
                bank.ui_fill("plain.range", &[("n", &levels.len().to_string())])
            )?,
        }
    };
    let feedback = iv.commit(bank, &differential, urgency);
    writeln!(out)?;
    for l in lines(bank, &feedback) {
        writeln!(out, "{}{}", if l.serious { "!! " } else { "" }, l.text)?;
    }
    Ok(Some(feedback))
}
