//! Checks on a compiled bank that need the whole tree: loops, questions no path
//! reaches, paths that skip the cauda equina screen, diagnoses no answers can
//! rank first.

use std::collections::BTreeSet;

use super::Map as HashMap;

use super::model::{Bank, Kind, Target};
use super::source::Problem;
use crate::engine::scoring::logit;
use crate::engine::{AnswerError, check_answer};

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
fn edges(bank: &Bank, q: usize) -> impl Iterator<Item = (Option<usize>, Target)> + '_ {
    (0..).map_while(move |i| edge(bank, q, i))
}

/// The `i`th edge of question `q`, if it has one.
fn edge(bank: &Bank, q: usize, i: usize) -> Option<(Option<usize>, Target)> {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => question.options.get(i).map(|o| (Some(i), o.next)),
        Kind::Multi => (i == 0).then(|| (None, question.next.unwrap_or(Target::Result))),
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
            let Some((_, t)) = edge(bank, q, *i) else {
                mark[q] = Mark::Done;
                stack.pop();
                continue;
            };
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
    let sets = &bank.questions[q].options[o].sets;
    let value_of = |key: &str| sets.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    bank.red_flags
        .iter()
        .any(|f| f.stop && f.condition.matches_by(value_of))
}

/// Paths that reach the result without asking every finding of `must_ask`.
pub fn must_ask(bank: &Bank) -> Vec<Problem> {
    if bank.must_ask.is_empty() {
        return Vec::new();
    }
    // The findings to ask, sorted, as bits of a set.
    let all: BTreeSet<&str> = bank.must_ask.iter().map(String::as_str).collect();
    let bit: HashMap<&str, usize> = all.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let words = all.len().div_ceil(64);
    let n = bank.questions.len();
    // What every path into a question has asked, `words` words per question
    // (`reached`: some path into it has been seen).
    let mut asked_in = vec![0u64; n * words];
    let mut reached = vec![false; n];
    reached[bank.start] = true;
    let mut after = vec![0u64; words];
    let mut problems = Vec::new();
    for q in topological(bank) {
        if !reached[q] {
            continue;
        }
        after.copy_from_slice(&asked_in[q * words..(q + 1) * words]);
        for k in bank.questions[q].finding_keys() {
            if let Some(&b) = bit.get(k) {
                after[b / 64] |= 1 << (b % 64);
            }
        }
        for (o, t) in edges(bank, q) {
            if o.is_some_and(|o| option_stops(bank, q, o)) {
                continue;
            }
            match t {
                Target::Question(m) => {
                    let into = &mut asked_in[m * words..(m + 1) * words];
                    if reached[m] {
                        into.iter_mut().zip(&after).for_each(|(a, b)| *a &= b);
                    } else {
                        into.copy_from_slice(&after);
                        reached[m] = true;
                    }
                }
                Target::Result => {
                    let missing: Vec<&str> = all
                        .iter()
                        .enumerate()
                        .filter(|&(b, _)| after[b / 64] & (1 << (b % 64)) == 0)
                        .map(|(_, k)| *k)
                        .collect();
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
    let log_odds = LogOdds::new(bank);
    (0..bank.diagnoses.len())
        .filter(|&d| !can_rank_first_with(bank, &log_odds, d))
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
    can_rank_first_with(bank, &LogOdds::new(bank), d)
}

fn can_rank_first_with(bank: &Bank, log_odds: &LogOdds, d: usize) -> bool {
    const BEAM: usize = 12;
    let mut scratch = Vec::new();
    let mut scratch_first = Vec::new();
    let mut margin = |w: &Probe| -> f64 {
        log_odds.of(w.findings(), &mut scratch);
        let mine = scratch[d];
        let best_other = scratch
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != d)
            .map(|(_, &x)| x)
            .fold(f64::NEG_INFINITY, f64::max);
        mine - best_other
    };
    let mut beam = vec![Probe::new(bank)];
    for _ in 0..=bank.questions.len() {
        let mut next: Vec<(f64, Probe)> = Vec::new();
        for w in &beam {
            let Some(q) = w.pending else { continue };
            for chosen in candidate_answers(bank, q) {
                let mut w2 = w.clone();
                if w2.answer(bank, &chosen).is_err() {
                    continue;
                }
                if w2.pending.is_none() {
                    // Finished paths are judged now and leave the beam.
                    if log_odds.first(bank, &w2.fired, w2.findings(), &mut scratch_first) == Some(d)
                    {
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

/// Every diagnosis's log-odds given some findings, summed exactly as
/// `engine::rank` sums them (the prior's log-odds, then each finding's weight
/// in the findings' order), without building and sorting the ranking: the
/// beam search asks this for every answer it tries.
struct LogOdds<'b> {
    prior: Vec<f64>,
    /// (finding, value) to its number, which indexes `runs`.
    ids: HashMap<(&'b str, &'b str), usize>,
    /// Where each (finding, value)'s weights lie in `weights`.
    runs: Vec<std::ops::Range<usize>>,
    /// (diagnosis, weight), grouped by (finding, value).
    weights: Vec<(usize, f64)>,
}

impl<'b> LogOdds<'b> {
    fn new(bank: &'b Bank) -> Self {
        // Number each (finding, value) and list its weights, then group them
        // by number: a counting sort, with no list of its own per pair (a
        // large bank has tens of thousands).
        let mut ids: HashMap<(&str, &str), usize> = HashMap::default();
        let mut found: Vec<(usize, usize, f64)> = Vec::new();
        for (i, d) in bank.diagnoses.iter().enumerate() {
            for (key, by_value) in &d.evidence {
                for (value, w) in by_value {
                    let fresh = ids.len();
                    let id = *ids.entry((key.as_str(), value.as_str())).or_insert(fresh);
                    found.push((id, i, *w));
                }
            }
        }
        let mut start = vec![0usize; ids.len() + 1];
        for &(id, _, _) in &found {
            start[id + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let runs = start.windows(2).map(|w| w[0]..w[1]).collect();
        let mut weights = vec![(0, 0.0); found.len()];
        for (id, d, w) in found {
            weights[start[id]] = (d, w);
            start[id] += 1;
        }
        LogOdds {
            prior: bank.diagnoses.iter().map(|d| logit(d.prior)).collect(),
            ids,
            runs,
            weights,
        }
    }

    /// The diagnosis `engine::triage` puts first for a walk with these red
    /// flags fired (in the order they fired) and these findings, without
    /// building the ranking or working out the urgency.
    fn first<'f>(
        &self,
        bank: &Bank,
        fired: &[usize],
        findings: impl IntoIterator<Item = (&'f str, &'f str)>,
        scratch: &mut Vec<f64>,
    ) -> Option<usize> {
        // `triage` moves each red flag's diagnosis up, the earliest flag
        // last: the earliest flag that puts its diagnosis first wins, and
        // moves to second or third place never touch the first.
        for &fired in fired {
            let flag = &bank.red_flags[fired];
            if let Some(d) = flag.diagnosis
                && flag.diagnosis_first
                && d < bank.diagnoses.len()
            {
                return Some(d);
            }
        }
        // Otherwise the most likely, ties going to the earlier diagnosis.
        self.of(findings, scratch);
        let mut best: Option<(usize, f64)> = None;
        for (d, &x) in scratch.iter().enumerate() {
            if best.is_none_or(|(_, b)| x.total_cmp(&b).is_gt()) {
                best = Some((d, x));
            }
        }
        best.map(|(d, _)| d)
    }

    /// The log-odds for findings given in the order `engine::rank` takes
    /// them (by key).
    fn of<'f>(&self, findings: impl IntoIterator<Item = (&'f str, &'f str)>, out: &mut Vec<f64>) {
        out.clear();
        out.extend_from_slice(&self.prior);
        for (key, value) in findings {
            if let Some(&id) = self.ids.get(&(key, value)) {
                for &(d, w) in &self.weights[self.runs[id].clone()] {
                    out[d] += w;
                }
            }
        }
    }
}

/// The beam search's walk: what an `engine::Walker` works out that the
/// search needs (the question waiting, the findings, the red flags fired), kept
/// as references into the bank so that trying an answer copies a few small
/// lists rather than a map of strings. A test walks both side by side.
#[derive(Clone)]
struct Probe<'b> {
    /// Finding to value, sorted by finding as `Findings` is.
    findings: Vec<(&'b str, &'b str)>,
    /// Red flags fired, in the order the engine fires them.
    fired: Vec<usize>,
    /// The question waiting; `None` once at the result or stopped by a flag.
    pending: Option<usize>,
}

impl<'b> Probe<'b> {
    fn new(bank: &Bank) -> Self {
        Probe {
            findings: Vec::new(),
            fired: Vec::new(),
            pending: Some(bank.start),
        }
    }

    fn findings(&self) -> impl Iterator<Item = (&'b str, &'b str)> + '_ {
        self.findings.iter().copied()
    }

    fn value_of(&self, key: &str) -> Option<&'b str> {
        self.findings
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| self.findings[i].1)
    }

    fn set(&mut self, key: &'b str, value: &'b str) {
        match self.findings.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(i) => self.findings[i].1 = value,
            Err(i) => self.findings.insert(i, (key, value)),
        }
    }

    /// Answers the waiting question as `Walker::answer` does.
    fn answer(&mut self, bank: &'b Bank, chosen: &[usize]) -> Result<(), AnswerError> {
        let Some(q) = self.pending else {
            return Ok(());
        };
        check_answer(bank, q, chosen)?;
        let question = &bank.questions[q];
        let next = match question.kind {
            Kind::Single => {
                let o = &question.options[chosen[0]];
                for (k, v) in &o.sets {
                    self.set(k, v);
                }
                o.next
            }
            Kind::Multi => {
                if !chosen.iter().any(|&o| question.options[o].not_sure) {
                    for (i, o) in question.options.iter().enumerate() {
                        if !chosen.contains(&i) {
                            for (k, v) in &o.unticked {
                                self.set(k, v);
                            }
                        }
                    }
                }
                for &i in chosen {
                    for (k, v) in &question.options[i].sets {
                        self.set(k, v);
                    }
                }
                question.next.unwrap_or(Target::Result)
            }
        };
        let mut stop = false;
        for (i, flag) in bank.red_flags.iter().enumerate() {
            if !self.fired.contains(&i) && flag.condition.matches_by(|k| self.value_of(k)) {
                self.fired.push(i);
                stop |= flag.stop;
            }
        }
        self.pending = match next {
            Target::Question(n) if !stop => Some(n),
            _ => None,
        };
        Ok(())
    }
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
    use crate::engine::{Walker, rank, triage};

    /// Walks the built-in bank with pseudo-random answers (a fixed sequence),
    /// checking the shortcuts of the beam search against the engine's own
    /// ranking at every step.
    #[test]
    fn the_beam_search_shortcuts_agree_with_the_engine() {
        let bank = Bank::builtin().expect("the built-in bank");
        let log_odds = LogOdds::new(&bank);
        let mut scratch = Vec::new();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let mut w = Walker::new(&bank);
            let mut probe = Probe::new(&bank);
            while let Some(q) = w.pending() {
                assert_eq!(probe.pending, Some(q));
                let answers = candidate_answers(&bank, q);
                let chosen = &answers[next() as usize % answers.len()];
                w.answer(chosen).expect("a candidate answer is valid");
                probe.answer(&bank, chosen).expect("and the probe takes it");
                let walk = w.walk();
                let findings: Vec<(&str, &str)> = walk
                    .findings
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                assert_eq!(probe.findings, findings);
                let fired: Vec<usize> = walk.fired.iter().map(|f| f.flag).collect();
                assert_eq!(probe.fired, fired);
                assert_eq!(probe.pending, w.pending());
                log_odds.of(probe.findings(), &mut scratch);
                for r in rank(&bank, &walk.findings) {
                    assert_eq!(scratch[r.diagnosis].to_bits(), r.log_odds.to_bits());
                }
                assert_eq!(
                    log_odds.first(&bank, &probe.fired, probe.findings(), &mut scratch),
                    Some(triage(&bank, walk).ranked[0].diagnosis)
                );
            }
            assert_eq!(probe.pending, None);
        }
    }
}
