//! From a finished walk to the result: ranked diagnoses and an urgency that is
//! never below a red flag, a "Not sure" floor, or a likely diagnosis.

use crate::bank::{Bank, Urgency};

use super::scoring::{Ranked, rank};
use super::walk::{End, Walk};

/// What raised the urgency to its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A red flag (index into the bank's red flags).
    RedFlag(usize),
    /// An answer with a floor, such as "Not sure" on a red-flag question.
    Floor { question: usize, option: usize },
    /// A likely diagnosis (index into the bank's diagnoses).
    Diagnosis(usize),
}

/// The result of a questionnaire.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub urgency: Urgency,
    /// Every diagnosis, most likely first.
    pub ranked: Vec<Ranked>,
    /// The red flags that fired, in the order they fired.
    pub red_flags: Vec<usize>,
    /// The red flag that ended the questionnaire early, if one did.
    pub stopped_by: Option<usize>,
    /// Everything that set the urgency at its final level.
    pub reasons: Vec<Reason>,
}

/// Works out the result of a walk (finished or not: a partial walk gives the
/// result on what is known so far).
pub fn triage(bank: &Bank, walk: &Walk) -> Outcome {
    let mut ranked = rank(bank, &walk.findings);
    let red_flags: Vec<usize> = walk.fired.iter().map(|f| f.flag).collect();

    // A diagnosis a red flag points to stays in view: first where the flag
    // says so, otherwise at least third.
    for &f in red_flags.iter().rev() {
        let flag = &bank.red_flags[f];
        if let Some(d) = flag.diagnosis
            && let Some(pos) = ranked.iter().position(|r| r.diagnosis == d)
        {
            let target = if flag.diagnosis_first { 0 } else { pos.min(2) };
            let r = ranked.remove(pos);
            ranked.insert(target, r);
        }
    }

    let mut candidates: Vec<(Urgency, Reason)> = Vec::new();
    for &f in &red_flags {
        candidates.push((bank.red_flags[f].urgency, Reason::RedFlag(f)));
    }
    for fl in &walk.floors {
        candidates.push((
            fl.urgency,
            Reason::Floor {
                question: fl.question,
                option: fl.option,
            },
        ));
    }
    for (i, r) in ranked.iter().enumerate() {
        if i == 0 || r.score >= bank.likely_threshold {
            let d = &bank.diagnoses[r.diagnosis];
            candidates.push((
                d.urgency_for(&walk.findings),
                Reason::Diagnosis(r.diagnosis),
            ));
        }
    }
    let urgency = candidates
        .iter()
        .map(|(u, _)| *u)
        .max()
        .unwrap_or(bank.vocab.least_urgent());
    let reasons = candidates
        .into_iter()
        .filter(|(u, _)| *u == urgency)
        .map(|(_, r)| r)
        .collect();
    Outcome {
        urgency,
        ranked,
        red_flags,
        stopped_by: match walk.end {
            End::Stopped(f) => Some(f),
            _ => None,
        },
        reasons,
    }
}
