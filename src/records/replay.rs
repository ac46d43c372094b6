//! A saved record's answers found again in a bank by their question and
//! option ids, walked, and its result worked out again as a `Report`.

use crate::audience::Audience;
use crate::bank::Bank;
use crate::engine::{self, Answers};
use crate::report::Report;

use super::Record;

/// Why a record's answers do not fit a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// The bank has no question of this id.
    Question(String),
    /// The question has no option of this id.
    Answer { answer: String, question: String },
    /// The answers do not reach a result in this bank.
    Unfinished,
}

/// The record's answers in the bank's indices, if they still reach a result.
pub fn answers(bank: &Bank, record: &Record) -> Result<Answers, Misfit> {
    let mut answers = Answers::new();
    for a in &record.answers {
        let Some(&q) = bank.question_index.get(&a.question) else {
            return Err(Misfit::Question(a.question.clone()));
        };
        let options = &bank.questions[q].options;
        let chosen = a.answers.iter().map(|c| {
            options
                .iter()
                .position(|o| o.id == c.option)
                .ok_or_else(|| Misfit::Answer {
                    answer: c.option.clone(),
                    question: a.question.clone(),
                })
        });
        answers.insert(q, chosen.collect::<Result<_, _>>()?);
    }
    if !engine::walk(bank, &answers).is_finished() {
        return Err(Misfit::Unfinished);
    }
    Ok(answers)
}

/// The record's result as the clinician's `Report`, worked out again with
/// this bank; `None` when its answers do not fit the bank or the result
/// comes out otherwise than saved (another urgency or first diagnosis), so
/// that an export never shows a result the record does not hold.
pub fn report(bank: &Bank, record: &Record) -> Option<Report> {
    let answers = answers(bank, record).ok()?;
    let walk = engine::walk(bank, &answers);
    let outcome = engine::triage(bank, &walk);
    let top = outcome
        .ranked
        .first()
        .map(|r| bank.diagnoses[r.diagnosis].id.as_str());
    let saved_top = record.result.diagnoses.first().map(|d| d.id.as_str());
    let same = bank.vocab.urgency_id(outcome.urgency) == record.result.urgency && top == saved_top;
    same.then(|| Report::new(bank, &walk, &answers, &outcome, Audience::Clinician, None))
}
