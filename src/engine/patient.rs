//! A simulated patient: answers each question from a set of stated findings,
//! the vocabulary's default standing in for anything not stated.

use std::cmp::Reverse;

use crate::bank::{Bank, Findings, Kind};

use super::walk::{AnswerError, Walk, Walker};

/// The options this patient would choose at question `q`, or `None` when no
/// option fits what the patient would say.
pub fn choose(bank: &Bank, q: usize, stated: &Findings) -> Option<Vec<usize>> {
    let question = &bank.questions[q];
    // The value the patient gives for a finding: the stated one, else the
    // vocabulary's default.
    let value_of = |k: &str| {
        stated
            .get(k)
            .map(String::as_str)
            .or_else(|| bank.vocab.default_of(k))
    };
    let fits = |sets: &[(String, String)]| sets.iter().all(|(k, v)| value_of(k) == Some(v));
    // Nothing fits: the question's way out, chosen alone.
    let way_out = || question.way_out().map(|i| vec![i]);
    match question.kind {
        // The option that fits and says the most (ties go to the first),
        // else "Not sure".
        Kind::Single => question
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.not_sure && fits(&o.sets))
            .min_by_key(|(_, o)| Reverse(o.sets.len()))
            .map(|(i, _)| vec![i])
            .or_else(way_out),
        // Every line that fits, else "None of these", else "Not sure".
        Kind::Multi => {
            let ticked: Vec<usize> = question
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| !o.exclusive() && !o.sets.is_empty() && fits(&o.sets))
                .map(|(i, _)| i)
                .collect();
            (!ticked.is_empty()).then_some(ticked).or_else(way_out)
        }
    }
}

/// Why a simulated interview could not finish.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterviewError {
    #[error("no option of question `{0}` fits the case's findings")]
    NoFit(String),
    #[error("question `{0}`: {1}")]
    Answer(String, AnswerError),
}

/// Runs the whole questionnaire as this patient would answer it.
pub fn interview(bank: &Bank, stated: &Findings) -> Result<Walk, InterviewError> {
    let mut w = Walker::new(bank);
    while let Some(q) = w.pending() {
        let id = &bank.questions[q].id;
        let chosen = choose(bank, q, stated).ok_or_else(|| InterviewError::NoFit(id.clone()))?;
        w.answer(&chosen)
            .map_err(|e| InterviewError::Answer(id.clone(), e))?;
    }
    Ok(w.walk())
}
