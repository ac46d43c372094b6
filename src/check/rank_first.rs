//! Diagnoses no answers can rank first: a beam search per diagnosis over the
//! answers that favour it most, walking the engine's own walker and scoring
//! with the engine's own scoring, so that what it finds is what a patient
//! giving those answers would be shown.

use crate::bank::{Bank, Kind, Problem};
use crate::engine::{Scorer, Walker, first_diagnosis};

/// Diagnoses that no answers can rank first, found by a beam search per
/// diagnosis over the answers that favour it most.
pub fn rank_first(bank: &Bank) -> Vec<Problem> {
    (0..bank.diagnoses.len())
        .filter(|&d| !can_rank_first(bank, d))
        .map(|d| {
            bank.diagnoses[d].at.problem(format!(
                "no answers rank diagnosis `{}` first: its evidence is too weak against the others",
                bank.diagnoses[d].id
            ))
        })
        .collect()
}

/// Whether some path ranks diagnosis `d` first (a search, not a proof of the
/// negative: the beam is wide enough for banks of this shape).
pub fn can_rank_first<'b>(bank: &'b Bank, d: usize) -> bool {
    const BEAM: usize = 12;
    let mut scorer = Scorer::default();
    let mut fired = Vec::new();
    // How far `d` leads the best of the others (below 0: it trails).
    let margin = |scorer: &mut Scorer, w: &Walker<'b>| -> f64 {
        let log_odds = scorer.log_odds(bank, w.slots());
        let best_other = log_odds
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != d)
            .map(|(_, &x)| x)
            .fold(f64::NEG_INFINITY, f64::max);
        log_odds[d] - best_other
    };
    let mut first = |scorer: &mut Scorer, w: &Walker<'b>| -> Option<usize> {
        fired.clear();
        fired.extend(w.fired().iter().map(|f| f.flag));
        first_diagnosis(bank, &fired, w.slots(), scorer)
    };
    let mut beam = vec![Walker::new(bank)];
    for _ in 0..=bank.questions.len() {
        let mut next: Vec<(f64, Walker)> = Vec::new();
        for w in &beam {
            let Some(q) = w.pending() else { continue };
            for chosen in candidate_answers(bank, q) {
                let mut w2 = w.clone();
                if w2.answer(&chosen).is_err() {
                    continue;
                }
                if w2.pending().is_none() {
                    // Finished paths are judged now and leave the beam.
                    if first(&mut scorer, &w2) == Some(d) {
                        return true;
                    }
                    continue;
                }
                next.push((margin(&mut scorer, &w2), w2));
            }
        }
        if next.is_empty() {
            return false;
        }
        next.sort_by(|a, b| b.0.total_cmp(&a.0));
        next.truncate(BEAM);
        beam = next.into_iter().map(|(_, w)| w).collect();
    }
    false
}

/// Answers worth trying at a question: each option alone, and for multi-select
/// questions also every pair of ordinary options.
fn candidate_answers(bank: &Bank, q: usize) -> Vec<Vec<usize>> {
    let question = &bank.questions[q];
    let mut out: Vec<Vec<usize>> = (0..question.options.len()).map(|o| vec![o]).collect();
    if question.kind == Kind::Multi {
        let plain: Vec<usize> = (0..question.options.len())
            .filter(|&o| !question.options[o].none && !question.options[o].not_sure)
            .collect();
        for (i, &a) in plain.iter().enumerate() {
            for &b in &plain[i + 1..] {
                out.push(vec![a, b]);
            }
        }
        if plain.len() > 2 {
            out.push(plain);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{rank, triage};

    /// Walks the built-in bank with pseudo-random answers (a fixed sequence),
    /// checking the shortcuts the beam search takes (the walker's own
    /// findings and red flags, the log-odds and the first diagnosis without
    /// the ranking) against the walk and the engine's full triage at every
    /// step.
    #[test]
    fn the_beam_search_shortcuts_agree_with_the_engine() {
        let bank = Bank::builtin().expect("the built-in bank");
        let mut scorer = Scorer::default();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let mut w = Walker::new(&bank);
            while let Some(q) = w.pending() {
                let answers = candidate_answers(&bank, q);
                let chosen = &answers[next() as usize % answers.len()];
                // A clone taken before the answer answers alike.
                let mut probe = w.clone();
                w.answer(chosen).expect("a candidate answer is valid");
                probe.answer(chosen).expect("and the clone takes it");
                let walk = w.walk();
                let findings: Vec<(&str, &str)> = walk
                    .findings
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                assert_eq!(probe.findings().collect::<Vec<_>>(), findings);
                let fired: Vec<usize> = walk.fired.iter().map(|f| f.flag).collect();
                let probe_fired: Vec<usize> = probe.fired().iter().map(|f| f.flag).collect();
                assert_eq!(probe_fired, fired);
                assert_eq!(probe.pending(), w.pending());
                let log_odds = scorer.log_odds(&bank, probe.slots()).to_vec();
                for r in rank(&bank, &walk.findings) {
                    assert_eq!(log_odds[r.diagnosis].to_bits(), r.log_odds.to_bits());
                }
                assert_eq!(
                    first_diagnosis(&bank, &probe_fired, probe.slots(), &mut scorer),
                    Some(triage(&bank, walk).ranked[0].diagnosis)
                );
                assert_eq!(probe.walk().steps, walk.steps);
                assert_eq!(probe.walk().set_by, walk.set_by);
            }
            assert_eq!(w.pending(), None);
        }
    }
}
