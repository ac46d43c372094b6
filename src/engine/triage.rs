//! From a finished walk to the result: ranked diagnoses and an urgency that is
//! never below a red flag, a "Not sure" floor, or a likely diagnosis.

use crate::bank::{Bank, Slot, Urgency};

use super::patient::choose;
use super::scoring::{Ranked, Scorer, rank, ranks_before};
use super::walk::{End, Fired, Walk, walk as walk_answers};

/// What raised the urgency to its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A red flag (index into the bank's red flags).
    RedFlag(usize),
    /// An answer with a floor, such as "Not sure" on a red-flag question.
    Floor { question: usize, option: usize },
    /// A likely diagnosis (index into the bank's diagnoses).
    Diagnosis(usize),
    /// A diagnosis the answers fit a pattern of (`suspect_when`), however
    /// it ranks: it cannot be ruled out without an examination.
    Suspected(usize),
    /// "Not sure" at this question: the urgency is what a plain "no" would
    /// have given, if that is higher.
    NotSure { question: usize },
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
    /// A diagnosis in view (flagged, suspected, first or likely) is one
    /// that self-care could harm, such as a clot or a fracture: the result
    /// gives no self-care advice.
    pub self_care_held: bool,
}

/// Works out the result of a walk (finished or not: a partial walk gives the
/// result on what is known so far).
///
/// "Not sure" never lowers the urgency: for every "Not sure" on the path, the
/// same answers with a plain "no" (the answer of a patient with none of the
/// findings) there are triaged too, and the urgency is the higher of the two.
pub fn triage(bank: &Bank, walk: &Walk) -> Outcome {
    let mut outcome = triage_as_answered(bank, walk);
    let answers = walk.answers();
    let no_findings = crate::bank::Findings::new();
    for step in &walk.steps {
        let question = &bank.questions[step.question];
        if !step.chosen.iter().any(|&o| question.options[o].not_sure) {
            continue;
        }
        let Some(plain_no) = choose(bank, step.question, &no_findings) else {
            continue;
        };
        let mut alt = answers.clone();
        alt.insert(step.question, plain_no);
        let other = triage_as_answered(bank, &walk_answers(bank, &alt));
        if other.urgency > outcome.urgency {
            outcome.urgency = other.urgency;
            outcome.reasons = vec![Reason::NotSure {
                question: step.question,
            }];
        }
    }
    outcome
}

/// The diagnoses red flags put first, in the order the flags fired (the
/// earliest flag's ends up first).
fn flagged_first(bank: &Bank, fired: impl Iterator<Item = usize>) -> impl Iterator<Item = usize> {
    fired.filter_map(|f| {
        let flag = &bank.red_flags[f];
        flag.diagnosis.filter(|_| flag.diagnosis_first)
    })
}

/// The diagnosis [`triage`] puts first for a walk that fired these red flags
/// (in the order they fired) and has these findings (in the order of their
/// names, by number), without building the ranking or working out the
/// urgency: a search that judges thousands of walks asks this.
pub fn first_diagnosis(
    bank: &Bank,
    fired: &[Fired],
    findings: impl Iterator<Item = Option<Slot>>,
    scorer: &mut Scorer,
) -> Option<usize> {
    let mut flagged = flagged_first(bank, fired.iter().map(|f| f.flag));
    if let Some(d) = flagged.find(|&d| d < bank.diagnoses.len()) {
        return Some(d);
    }
    scorer
        .log_odds(bank, findings)
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| ranks_before(*a, *b))
        .map(|(d, _)| d)
}

fn triage_as_answered(bank: &Bank, walk: &Walk) -> Outcome {
    let mut ranked = rank(bank, &walk.findings);
    let red_flags: Vec<usize> = walk.fired.iter().map(|f| f.flag).collect();

    // A red flag's diagnosis comes first where the flag says so (the
    // earliest such flag's, when several do). The sorts here are stable:
    // the rest keep the order they rank in.
    let flagged: Vec<usize> = flagged_first(bank, red_flags.iter().copied()).collect();
    ranked.sort_by_key(|r| {
        let at = flagged.iter().position(|&d| d == r.diagnosis);
        at.unwrap_or(usize::MAX)
    });

    // A suspected diagnosis stays in view too, and so does one a red flag
    // points to: after the first, the diagnoses to keep in view come before
    // the others, each group in the order they rank.
    let suspected: Vec<usize> = (0..bank.diagnoses.len())
        .filter(|&d| bank.diagnoses[d].suspected(&walk.findings))
        .collect();
    let keep_in_view = |d: usize| {
        suspected.contains(&d)
            || red_flags
                .iter()
                .any(|&f| bank.red_flags[f].diagnosis == Some(d))
    };
    if let Some(rest) = ranked.get_mut(1..) {
        rest.sort_by_key(|r| !keep_in_view(r.diagnosis));
    }

    // The first and any other at or above the threshold.
    let likely: Vec<usize> = ranked
        .iter()
        .enumerate()
        .filter(|(i, r)| *i == 0 || r.score >= bank.likely_threshold)
        .map(|(_, r)| r.diagnosis)
        .collect();
    // The urgency a diagnosis calls for on these findings.
    let level = |d: usize| bank.diagnoses[d].urgency_for(&walk.findings);
    let candidates: Vec<(Urgency, Reason)> = red_flags
        .iter()
        .map(|&f| (bank.red_flags[f].urgency, Reason::RedFlag(f)))
        .chain(walk.steps.iter().flat_map(|s| {
            let question = s.question;
            s.chosen.iter().filter_map(move |&option| {
                let floor = bank.questions[question].options[option].floor?;
                Some((floor, Reason::Floor { question, option }))
            })
        }))
        .chain(likely.iter().map(|&d| (level(d), Reason::Diagnosis(d))))
        .chain(suspected.iter().map(|&d| (level(d), Reason::Suspected(d))))
        .collect();
    let self_care_held = (0..bank.diagnoses.len())
        .any(|d| bank.diagnoses[d].hold_self_care && (keep_in_view(d) || likely.contains(&d)));
    let urgency = candidates
        .iter()
        .map(|(u, _)| *u)
        .max()
        .unwrap_or(Urgency(0));
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
        self_care_held,
    }
}
