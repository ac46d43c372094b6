//! The `Report` as plain text, line by line: what plain mode prints after the
//! questions and what `assess --format text` prints. The same words as the
//! result pane, in its order; what the pane draws (the banner, the
//! clinician's charts) said in sentences. No terminal here.

use std::io::{self, Write};

use super::{Listed, Report};
use crate::bank::Bank;

/// A report as plain paragraphs.
pub fn write_report<W: Write>(bank: &Bank, report: &Report, out: &mut W) -> io::Result<()> {
    let say = |k: &str| report.say(bank, k);
    writeln!(out, "{}", say("plain.result"))?;
    let (name, meaning) = (&report.urgency_name, &report.urgency_meaning);
    writeln!(out, "{} {name}. {meaning}", say("plain.how_soon"))?;
    if let Some(call) = &report.call {
        writeln!(out, "{call}")?;
    }
    if !report.red_flags.is_empty() {
        let titles: Vec<&str> = report.red_flags.iter().map(|f| f.title.as_str()).collect();
        writeln!(out, "{} {}.", say("plain.warning_signs"), titles.join("; "))?;
    }
    if report.first.is_some() || report.do_now.is_some() || report.care_where.is_some() {
        writeln!(out)?;
    }
    if let Some(first) = &report.first {
        writeln!(out, "{} {first}", say("result.first"))?;
    }
    if let Some(s) = &report.do_now {
        writeln!(out, "{} {s}", say("plain.do_now"))?;
    }
    if let Some(s) = &report.care_where {
        writeln!(out, "{} {s}", say("plain.where"))?;
    }
    writeln!(out, "\n{}", say("plain.likely"))?;
    if let Some(note) = &report.score_note {
        writeln!(out, "{note}")?;
    }
    for (i, d) in report.diagnoses.iter().enumerate() {
        writeln!(out, "{}. {} ({}).", i + 1, d.name, d.label)?;
        writeln!(out, "{}", d.explanation)?;
        if let Some(because) = &d.because {
            writeln!(out, "{} {because}.", say("plain.because"))?;
        }
        if let Some(against) = &d.against {
            writeln!(out, "{} {against}.", say("plain.against"))?;
        }
        if report.for_clinician() {
            writeln!(out, "{}", strongest(bank, d))?;
        }
        for (key, items) in [
            ("plain.examine", &d.examine),
            ("plain.image", &d.image),
            ("plain.refer", &d.refer),
        ] {
            if !items.is_empty() {
                writeln!(out, "{} {}.", say(key), items.join("; "))?;
            }
        }
    }
    if report.folded > 0 {
        writeln!(out, "{}", say("result.folded"))?;
    }
    if report.self_care.is_some() || report.seek_care.is_some() {
        writeln!(out)?;
    }
    if let Some(s) = &report.self_care {
        writeln!(out, "{} {s}", say("plain.self_care"))?;
    }
    if let Some(s) = &report.seek_care {
        writeln!(out, "{} {s}", say("plain.seek_care"))?;
    }
    writeln!(out, "\n{}", say("plain.why_urgency"))?;
    for r in &report.reasons {
        writeln!(out, "- {r}")?;
    }
    writeln!(out, "\n{}", report.not_a_diagnosis)?;
    Ok(())
}

/// How many findings each side of a cause's weights names in words.
const STRONGEST: usize = 3;

/// The clinician's waterfall in words: the strongest findings for and
/// against a cause, with their log-odds.
fn strongest(bank: &Bank, d: &Listed) -> String {
    let side = |pick: fn(f64) -> bool| {
        let named: Vec<String> = d
            .weights
            .iter()
            .filter(|w| pick(w.log_lr))
            .take(STRONGEST)
            .map(|w| format!("{} ({:+.2})", w.finding, w.log_lr))
            .collect();
        if named.is_empty() {
            bank.ui("plain.none").to_string()
        } else {
            named.join("; ")
        }
    };
    bank.ui_fill(
        "plain.strongest",
        &[("for", &side(|w| w > 0.0)), ("against", &side(|w| w < 0.0))],
    )
}
