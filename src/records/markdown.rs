//! A record as a one-page Markdown intake summary, to print or paste into notes.

use std::fmt::Write;

use super::record::Record;
use crate::audience::Audience;
use crate::bank::Bank;
use crate::engine;
use crate::report::Report;
use crate::report::finding::{FindingText, FindingValue, finding_text};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The summary of a record. `report` is its result worked out again with
/// the bank in use (`replay::report`): the reasons for the urgency and the
/// answers behind each diagnosis in words; without it (the answers no longer
/// fit the bank) the result is given as saved. Findings are in the words of
/// `bank` (the one in use, in the language asked for).
pub fn to_markdown(bank: &Bank, r: &Record, report: Option<&Report>) -> String {
    let mut s = String::new();
    let t = |k: &str| bank.ui(&format!("markdown.{k}"));
    let title = bank.ui_fill("markdown.title", &[("code", &r.code)]);
    let completed = bank.ui_fill(
        "markdown.completed",
        &[
            ("time", &r.created),
            ("audience", &r.audience),
            ("bank", &r.bank.name),
            ("version", &r.bank.version),
            ("lang", &r.language),
        ],
    );
    let _ = writeln!(s, "# {title}\n\n{completed}\n");
    match report {
        Some(report) => result_of_report(&mut s, bank, r, report),
        None => saved_result(&mut s, bank, r),
    }
    let (answers, question, answer) = (t("answers"), t("question"), t("answer"));
    let _ = writeln!(
        s,
        "\n## {answers}\n\n| # | {question} | {answer} |\n| --- | --- | --- |"
    );
    for (i, a) in r.answers.iter().enumerate() {
        let answer: Vec<&str> = a.answers.iter().map(|o| o.label.as_str()).collect();
        let (wording, answer) = (cell(&a.wording), cell(&answer.join("; ")));
        let _ = writeln!(s, "| {} | {wording} | {answer} |", i + 1);
    }
    findings(&mut s, bank, r);
    let _ = writeln!(s, "\n{}", t("self_reported"));
    s
}

fn urgency_heading(s: &mut String, bank: &Bank, id: &str, meaning: &str) {
    let name = id.replace('_', " ").to_uppercase();
    let heading = bank.ui_fill("markdown.urgency", &[("urgency", &name)]);
    let _ = writeln!(s, "## {heading}\n\n{meaning}\n");
}

/// The red flags that fired, as (title, id), if any.
fn red_flags<'a>(
    s: &mut String,
    bank: &Bank,
    flags: impl ExactSizeIterator<Item = (&'a String, &'a String)>,
    stopped_early: bool,
) {
    if flags.len() == 0 {
        return;
    }
    let _ = writeln!(s, "**{}**\n", bank.ui("markdown.red_flags"));
    for (title, id) in flags {
        let _ = writeln!(s, "- {title} (`{id}`)");
    }
    if stopped_early {
        let _ = writeln!(s, "\n{}", bank.ui("markdown.stopped"));
    }
    s.push('\n');
}

/// The result as the `Report` gives it (in the clinician's words).
fn result_of_report(s: &mut String, bank: &Bank, r: &Record, report: &Report) {
    let t = |k: &str| bank.ui(&format!("markdown.{k}"));
    urgency_heading(s, bank, &report.urgency_id, &report.urgency_meaning);
    if let Some(first) = &report.first {
        let _ = writeln!(s, "**{}** {first}\n", t("first"));
    }
    let _ = writeln!(s, "**{}**\n", t("why"));
    for reason in &report.reasons {
        let _ = writeln!(s, "- {reason}");
    }
    s.push('\n');
    let flags = report.red_flags.iter().map(|f| (&f.title, &f.id));
    red_flags(s, bank, flags, r.result.stopped_early);
    let _ = writeln!(s, "## {}\n", t("likely"));
    if let Some(note) = &report.score_note {
        let _ = writeln!(s, "{note}\n");
    }
    for (i, d) in report.diagnoses.iter().enumerate() {
        let _ = writeln!(s, "{}. **{}** ({})", i + 1, d.name, d.label);
        for (key, text) in [("for", &d.because), ("against", &d.against)] {
            if let Some(text) = text {
                let _ = writeln!(s, "   - {} {text}", t(key));
            }
        }
    }
    if let Some(top) = report.diagnoses.first() {
        let next = bank.ui_fill("markdown.next_steps", &[("diagnosis", &top.name)]);
        let _ = writeln!(s, "\n## {next}\n");
        for (key, items) in [
            ("examine", &top.examine),
            ("investigate", &top.image),
            ("refer", &top.refer),
        ] {
            for i in items {
                let _ = writeln!(s, "- {} {i}", t(key));
            }
        }
    }
    let _ = writeln!(s, "\n{}", report.not_a_diagnosis);
}

/// The result as the record holds it.
fn saved_result(s: &mut String, bank: &Bank, r: &Record) {
    let t = |k: &str| bank.ui(&format!("markdown.{k}"));
    urgency_heading(s, bank, &r.result.urgency, &r.result.urgency_meaning);
    let flags = r.result.red_flags.iter().map(|f| (&f.title, &f.id));
    red_flags(s, bank, flags, r.result.stopped_early);
    let _ = writeln!(s, "## {}\n", t("likely"));
    for (i, d) in r.result.diagnoses.iter().take(3).enumerate() {
        let (n, name, id, score) = (i + 1, &d.clinician_name, &d.id, t("score"));
        let _ = writeln!(s, "{n}. **{name}** (`{id}`), {score} {:.2}", d.score);
        for (key, pairs) in [("for", &d.because), ("against", &d.against)] {
            if !pairs.is_empty() {
                let _ = writeln!(s, "   - {} {}", t(key), saved_pairs(bank, pairs));
            }
        }
    }
    if let Some(top) = r.result.diagnoses.first() {
        let next = bank.ui_fill("markdown.next_steps", &[("diagnosis", &top.clinician_name)]);
        let _ = writeln!(s, "\n## {next}\n");
        for (key, items) in [("examine", &top.examine), ("imaging", &top.image)] {
            for i in items {
                let _ = writeln!(s, "- {} {i}", t(key));
            }
        }
    }
}

/// A finding's words: the bank's, else (a finding this bank does not know)
/// its key and value as saved.
fn words(bank: &Bank, key: &str, value: &str, asked: Option<usize>) -> FindingText {
    finding_text(bank, Audience::Clinician, key, value, asked).unwrap_or_else(|| FindingText {
        what: key.to_string(),
        value: FindingValue::Answer(value.to_string()),
    })
}

/// A finding as a phrase to read aloud: "Mechanism of injury: Heavy lift",
/// "Audible or felt pop", "not reported: Fever".
fn phrase(bank: &Bank, w: &FindingText) -> String {
    match &w.value {
        FindingValue::Answer(a) => format!("\"{}: {a}\"", w.what),
        FindingValue::Present => format!("\"{}\"", w.what),
        FindingValue::Absent => bank.ui_fill(
            "findings.not_reported_line",
            &[("options", &format!("\"{}\"", w.what))],
        ),
    }
}

/// A saved diagnosis's findings for or against (`key = value`) in words.
fn saved_pairs(bank: &Bank, pairs: &[String]) -> String {
    pairs
        .iter()
        .map(|p| match p.split_once(" = ") {
            Some((k, v)) => phrase(bank, &words(bank, k, v, None)),
            None => p.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The findings table in words, in the order the questions were asked:
/// each finding as the question and the answer, or the line and whether it
/// was reported.
fn findings(s: &mut String, bank: &Bank, r: &Record) {
    // The question that set each finding, from the record's answers walked
    // again (none when they no longer fit the bank).
    let set_by = super::replay::answers(bank, r)
        .ok()
        .map(|a| engine::walk(bank, &a).set_by)
        .unwrap_or_default();
    let asked_at = |q: usize| {
        r.answers
            .iter()
            .position(|a| a.question == bank.questions[q].id)
    };
    let mut rows: Vec<(usize, FindingText)> = r
        .findings
        .iter()
        .map(|(k, v)| {
            let q = set_by.get(k).copied();
            let at = q.and_then(asked_at).unwrap_or(usize::MAX);
            (at, words(bank, k, v, q))
        })
        .collect();
    rows.sort_by_key(|(at, _)| *at);
    let _ = writeln!(
        s,
        "\n## {}\n\n| {} | {} |\n| --- | --- |",
        bank.ui("findings.heading"),
        bank.ui("findings.finding"),
        bank.ui("findings.value")
    );
    for (_, w) in rows {
        let value = match &w.value {
            FindingValue::Answer(a) => a.as_str(),
            FindingValue::Present => bank.ui("findings.reported"),
            FindingValue::Absent => bank.ui("findings.not_reported"),
        };
        let _ = writeln!(s, "| {} | {} |", cell(&w.what), cell(value));
    }
}
