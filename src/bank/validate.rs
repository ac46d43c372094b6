//! Checks on a compiled bank that need the whole tree: loops, questions no path
//! reaches, paths that skip the cauda equina screen, diagnoses no answers can
//! rank first.

use std::collections::BTreeSet;

use super::model::{Bank, Findings, Kind, Target};
use super::source::Problem;

/// Every problem the whole-tree checks find.
pub fn validate(bank: &Bank) -> Vec<Problem> {
    let mut problems = cycles(bank);
    if !problems.is_empty() {
        // The remaining checks assume a tree without loops.
        return problems;
    }
    problems.extend(unreachable(bank));
    problems.extend(must_ask(bank));
    problems.extend(rank_first(bank));
    for t in &bank.translations {
        problems.extend(super::lang::check(bank, t));
    }
    problems
}

/// Where each option of a question can lead (multi-select: the question's next).
fn edges(bank: &Bank, q: usize) -> Vec<(Option<usize>, Target)> {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => question
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| (Some(i), o.next))
            .collect(),
        Kind::Multi => vec![(None, question.next.unwrap_or(Target::Result))],
    }
}

/// Loops in the tree, each reported at the question that leads back.
pub fn cycles(bank: &Bank) -> Vec<Problem> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = bank.questions.len();
    let mut mark = vec![Mark::New; n];
    let mut problems = Vec::new();
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search: (question, next edge to look at).
        let mut stack = vec![(root, 0usize)];
        mark[root] = Mark::Open;
        while let Some(&mut (q, ref mut i)) = stack.last_mut() {
            let es = edges(bank, q);
            if *i >= es.len() {
                mark[q] = Mark::Done;
                stack.pop();
                continue;
            }
            let (_, t) = es[*i];
            *i += 1;
            if let Target::Question(m) = t {
                match mark[m] {
                    Mark::Open => problems.push(bank.questions[q].at.problem(format!(
                        "the tree loops: `{}` leads back to `{}`, which comes before it",
                        bank.questions[q].id, bank.questions[m].id
                    ))),
                    Mark::New => {
                        mark[m] = Mark::Open;
                        stack.push((m, 0));
                    }
                    Mark::Done => {}
                }
            }
        }
    }
    problems
}

/// Questions no path from the start reaches.
pub fn unreachable(bank: &Bank) -> Vec<Problem> {
    let mut seen = vec![false; bank.questions.len()];
    let mut stack = vec![bank.start];
    seen[bank.start] = true;
    while let Some(q) = stack.pop() {
        for (_, t) in edges(bank, q) {
            if let Target::Question(m) = t
                && !seen[m]
            {
                seen[m] = true;
                stack.push(m);
            }
        }
    }
    seen.iter()
        .enumerate()
        .filter(|(_, s)| !**s)
        .map(|(q, _)| {
            bank.questions[q].at.problem(format!(
                "no path from the start (`{}`) reaches question `{}`",
                bank.questions[bank.start].id, bank.questions[q].id
            ))
        })
        .collect()
}

/// The questions in an order where every question comes after all that lead to
/// it (the tree has no loops when this is called).
fn topological(bank: &Bank) -> Vec<usize> {
    let n = bank.questions.len();
    let mut indegree = vec![0usize; n];
    for q in 0..n {
        for (_, t) in edges(bank, q) {
            if let Target::Question(m) = t {
                indegree[m] += 1;
            }
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&q| indegree[q] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(q) = ready.pop() {
        order.push(q);
        for (_, t) in edges(bank, q) {
            if let Target::Question(m) = t {
                indegree[m] -= 1;
                if indegree[m] == 0 {
                    ready.push(m);
                }
            }
        }
    }
    order
}

/// Does choosing this option alone fire a red flag that ends the questionnaire?
fn option_stops(bank: &Bank, q: usize, o: usize) -> bool {
    let sets: Findings = bank.questions[q].options[o].sets.iter().cloned().collect();
    bank.red_flags
        .iter()
        .any(|f| f.stop && f.condition.matches(&sets))
}

/// Paths that reach the result without asking every finding of `must_ask`.
pub fn must_ask(bank: &Bank) -> Vec<Problem> {
    if bank.must_ask.is_empty() {
        return Vec::new();
    }
    let all: BTreeSet<&str> = bank.must_ask.iter().map(String::as_str).collect();
    let n = bank.questions.len();
    // What every path into a question has asked (None: no path seen yet).
    let mut asked_in: Vec<Option<BTreeSet<&str>>> = vec![None; n];
    asked_in[bank.start] = Some(BTreeSet::new());
    let mut problems = Vec::new();
    for q in topological(bank) {
        let Some(before) = asked_in[q].clone() else {
            continue;
        };
        let mut after = before;
        after.extend(bank.questions[q].finding_keys().filter(|k| all.contains(k)));
        for (o, t) in edges(bank, q) {
            if o.is_some_and(|o| option_stops(bank, q, o)) {
                continue;
            }
            match t {
                Target::Question(m) => {
                    asked_in[m] = Some(match asked_in[m].take() {
                        None => after.clone(),
                        Some(s) => s.intersection(&after).copied().collect(),
                    });
                }
                Target::Result => {
                    let missing: Vec<&str> = all.difference(&after).copied().collect();
                    if !missing.is_empty() {
                        let at = match o {
                            Some(o) => &bank.questions[q].options[o].at,
                            None => &bank.questions[q].at,
                        };
                        problems.push(at.problem(format!(
                            "a path through `{}` reaches the result without the cauda equina screen: it never asks {}",
                            bank.questions[q].id,
                            missing.join(", ")
                        )));
                    }
                }
            }
        }
    }
    problems
}

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
pub fn can_rank_first(bank: &Bank, d: usize) -> bool {
    use crate::engine::{Walker, triage};
    const BEAM: usize = 12;
    let margin = |w: &Walker| -> f64 {
        let ranked = crate::engine::rank(bank, &w.walk().findings);
        let mine = ranked
            .iter()
            .find(|r| r.diagnosis == d)
            .map_or(0.0, |r| r.log_odds);
        let best_other = ranked
            .iter()
            .filter(|r| r.diagnosis != d)
            .map(|r| r.log_odds)
            .fold(f64::NEG_INFINITY, f64::max);
        mine - best_other
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
                    if triage(bank, w2.walk()).ranked[0].diagnosis == d {
                        return true;
                    }
                    continue;
                }
                next.push((margin(&w2), w2));
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
