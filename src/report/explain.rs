//! Turning the engine's findings back into the person's own answers, for
//! "because you said ..." lines.

use crate::audience::Audience;
use crate::bank::{Bank, Kind};
use crate::engine::{Answers, Contribution, Walk};

/// One answer that supports (or argues against) a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// The option's wording for the audience.
    pub text: String,
    /// False when the finding came from leaving the option unticked.
    pub ticked: bool,
}

/// The wording of option `o` of question `q` for the audience.
pub fn option_text(bank: &Bank, audience: Audience, q: usize, o: usize) -> &str {
    let opt = &bank.questions[q].options[o];
    match audience {
        Audience::Patient => &opt.label,
        Audience::Clinician => &opt.clinician,
    }
}

/// The wording of question `q` for the audience.
pub fn question_text(bank: &Bank, audience: Audience, q: usize) -> &str {
    let question = &bank.questions[q];
    match audience {
        Audience::Patient => &question.patient,
        Audience::Clinician => &question.clinician,
    }
}

/// The answers behind a list of contributions, in order and without repeats.
pub fn said(
    bank: &Bank,
    walk: &Walk,
    answers: &Answers,
    audience: Audience,
    contributions: &[Contribution],
) -> Vec<Said> {
    let mut out: Vec<Said> = Vec::new();
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
        let mut found = Vec::new();
        for &o in chosen {
            if pair(&question.options[o].sets) {
                found.push(Said {
                    text: option_text(bank, audience, q, o).to_string(),
                    ticked: true,
                });
            }
        }
        if found.is_empty() && question.kind == Kind::Multi {
            for (o, opt) in question.options.iter().enumerate() {
                if !chosen.contains(&o) && pair(&opt.unticked) {
                    found.push(Said {
                        text: option_text(bank, audience, q, o).to_string(),
                        ticked: false,
                    });
                }
            }
        }
        if audience == Audience::Clinician && question.kind == Kind::Single {
            // Clinical wording of a single answer ("None", "Tender") needs
            // its question; ticked lines stand on their own.
            for s in &mut found {
                s.text = format!("{}: {}", question.clinician, s.text);
            }
        }
        for s in found {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}
