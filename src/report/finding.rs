//! A finding and its value in the bank's own words, found from the question
//! and option that establish it: for a saved record's findings and for
//! practice feedback, where there is no walk of answers to quote.

use crate::audience::Audience;
use crate::bank::{Bank, Kind};

use super::explain::{option_text, question_text};

/// A finding in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingText {
    /// What the finding is: the question, for an answer chosen from a list;
    /// the line itself, for a line ticked or left unticked.
    pub what: String,
    pub value: FindingValue,
}

/// A finding's value in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingValue {
    /// The answer chosen from a list, in words.
    Answer(String),
    /// The line is ticked.
    Present,
    /// The line is left unticked.
    Absent,
}

/// `key = value` in the audience's words: the option that sets it (one
/// that sets nothing else first: "gradual onset" also says there was no
/// mechanism, but the mechanism question says it best), else the lines
/// whose leaving unticked sets it. `asked` is the question that set it, if
/// known: its options are looked at first. `None` when no option of the
/// bank establishes that value.
pub fn finding_text(
    bank: &Bank,
    audience: Audience,
    key: &str,
    value: &str,
    asked: Option<usize>,
) -> Option<FindingText> {
    let pair = |sets: &[(String, String)]| sets.iter().any(|(k, v)| k == key && v == value);
    let order = || asked.into_iter().chain(0..bank.questions.len());
    let mut setting = order().flat_map(|q| {
        bank.questions[q]
            .options
            .iter()
            .enumerate()
            .filter(|(_, opt)| pair(&opt.sets))
            .map(move |(o, opt)| (q, o, opt.sets.len() == 1))
    });
    let alone = setting.clone().find(|&(_, _, alone)| alone);
    if let Some((q, o, _)) = alone.or_else(|| setting.next()) {
        return Some(match bank.questions[q].kind {
            Kind::Single => FindingText {
                what: question_text(bank, audience, q).to_string(),
                value: FindingValue::Answer(option_text(bank, audience, q, o).to_string()),
            },
            Kind::Multi => FindingText {
                what: option_text(bank, audience, q, o).to_string(),
                value: FindingValue::Present,
            },
        });
    }
    let q = order().find(|&q| bank.questions[q].options.iter().any(|o| pair(&o.unticked)))?;
    let lines: Vec<&str> = (0..bank.questions[q].options.len())
        .filter(|&o| pair(&bank.questions[q].options[o].unticked))
        .map(|o| option_text(bank, audience, q, o))
        .collect();
    Some(FindingText {
        what: lines.join(&format!(" {} ", bank.ui("result.or"))),
        value: FindingValue::Absent,
    })
}
