//! Diagnoses no answers can rank first: a beam search per diagnosis over the
//! answers that favour it most, walking the engine's own walker and scoring
//! with the engine's own scoring, so that what it finds is what a patient
//! giving those answers would be shown.

use crate::bank::{Bank, Kind, Problem};
use crate::engine::{Scorer, Walker, first_diagnosis};

/// Diagnoses that no answers can rank first.
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
fn can_rank_first<'b>(bank: &'b Bank, d: usize) -> bool {
    const BEAM: usize = 12;
    let mut scorer = Scorer::default();
    // How far `d` leads the best of the others (below 0: it trails).
    let margin = |scorer: &mut Scorer, w: &Walker<'b>| -> f64 {
        let log_odds = scorer.log_odds(bank, w.slots());
        let others = log_odds[..d].iter().chain(&log_odds[d + 1..]);
        let best_other = others.copied().fold(f64::NEG_INFINITY, f64::max);
        log_odds[d] - best_other
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
                    if first_diagnosis(bank, w2.fired(), w2.slots(), &mut scorer) == Some(d) {
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
            .filter(|&o| !question.options[o].exclusive())
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
