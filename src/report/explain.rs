//! Turning the engine's findings back into the person's own answers, for
//! "because you said ..." lines: a single answer with its question, a ticked
//! or unticked option on its own.

use indexmap::IndexSet;

use crate::audience::Audience;
use crate::bank::{Bank, Kind};
use crate::engine::{Answers, Contribution, Walk};

/// One answer that supports (or argues against) a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Said {
    /// The question, where the answer alone would not say what it answers
    /// (a single choice such as "No" or "50 or over").
    pub question: Option<String>,
    /// The option's wording for the audience.
    pub text: String,
    /// False when the finding came from leaving the option unticked.
    pub ticked: bool,
}

/// The wording of option `o` of question `q` for the audience.
pub fn option_text(bank: &Bank, audience: Audience, q: usize, o: usize) -> &str {
    let opt = &bank.questions[q].options[o];
    audience.pick(&opt.label, &opt.clinician)
}

/// The wording of question `q` for the audience.
pub fn question_text(bank: &Bank, audience: Audience, q: usize) -> &str {
    let question = &bank.questions[q];
    audience.pick(&question.patient, &question.clinician)
}

/// The question as a quote beside its answer: the clinician's label, or
/// the patient's question itself, the sentence that asks (the first ending
/// in a question mark), without the instructions around it.
pub fn question_quote(bank: &Bank, audience: Audience, q: usize) -> &str {
    let text = question_text(bank, audience, q);
    if audience == Audience::Clinician {
        return text;
    }
    let Some(end) = text.find('?') else {
        return text;
    };
    let start = text[..end].rfind(". ").map_or(0, |i| i + 2);
    &text[start..=end]
}

/// The answers behind a list of contributions, in order and without repeats.
pub fn said(
    bank: &Bank,
    walk: &Walk,
    answers: &Answers,
    audience: Audience,
    contributions: &[Contribution],
) -> Vec<Said> {
    let mut out: IndexSet<Said> = IndexSet::new();
    for c in contributions {
        let Some(&q) = walk.set_by.get(&c.finding) else {
            continue;
        };
        let Some(chosen) = answers.get(&q) else {
            continue;
        };
        let question = &bank.questions[q];
        let pair =
            |sets: &[(String, String)]| sets.iter().any(|(k, v)| *k == c.finding && *v == c.value);
        // Only a single choice is quoted with its question.
        let said_of = |o: usize, ticked: bool| Said {
            question: (question.kind == Kind::Single)
                .then(|| question_quote(bank, audience, q).to_string()),
            text: option_text(bank, audience, q, o).to_string(),
            ticked,
        };
        let mut found: Vec<Said> = chosen
            .iter()
            .filter(|&&o| pair(&question.options[o].sets))
            .map(|&o| said_of(o, true))
            .collect();
        if found.is_empty() && question.kind == Kind::Multi {
            found = (0..question.options.len())
                .filter(|o| !chosen.contains(o) && pair(&question.options[*o].unticked))
                .map(|o| said_of(o, false))
                .collect();
        }
        out.extend(found);
    }
    out.into_iter().collect()
}
