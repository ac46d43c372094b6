//! Checks on a compiled bank that need the whole tree: loops, questions no path
//! reaches, paths that skip the cauda equina screen, diagnoses no answers can
//! rank first.

use std::collections::BTreeSet;

use super::Map as HashMap;

use super::model::{Bank, Floor, Kind, Target};
use super::source::Problem;
use crate::engine::scoring::logit;
use crate::engine::{AnswerError, check_answer};

/// Every problem the whole-tree checks and the shared contract's safety
/// floors find.
pub fn validate(bank: &Bank) -> Vec<Problem> {
    let mut problems = validate_tree(bank);
    // The floors need only the bank's vocabulary, red flags and must-ask
    // list, not a tree without loops.
    let (floors, contract) = super::load::contract_floors(&bank.vocab);
    if contract.is_empty() {
        problems.extend(floors_in(bank, &floors));
    } else {
        problems.extend(contract);
    }
    problems
}

/// Every problem the whole-tree checks find (a bank of another vocabulary
/// than the shared contract's, such as the benchmarks' synthetic banks, is
/// checked with these alone).
pub fn validate_tree(bank: &Bank) -> Vec<Problem> {
    let graph = Graph::new(bank);
    let mut problems = cycles_in(bank, &graph);
    if !problems.is_empty() {
        // The remaining checks assume a tree without loops.
        return problems;
    }
    problems.extend(unreachable_in(bank, &graph));
    problems.extend(must_ask_in(bank, &graph));
    problems.extend(rank_first(bank));
    for t in &bank.translations {
        problems.extend(super::lang::check(bank, t));
    }
    problems
}

/// Proves the bank's red flags against the contract's safety floors. With
/// every finding a floor looks at asked on every path (`must_ask`, checked
/// above) and red flags that stay fired once their answers are given, a
/// floor holds on every path if, for every set of answers that meets it,
/// the red flags that those answers alone set off reach its urgency (and one
/// of them stops where it stops). That is checked here over every value,
/// or none, of the findings the floor looks at. "Not sure" on a question
/// that asks a stopping floor's finding, or on a red-flag screen, must
/// give at least "urgent".
fn floors_in(bank: &Bank, floors: &[Floor]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let red_flags_file = bank.red_flags.first().map(|f| f.at.file.clone());
    let urgent = bank.vocab.urgency("urgent");
    for floor in floors {
        let keys: Vec<&str> = {
            let mut k: Vec<&str> = floor.condition.keys().collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        for k in &keys {
            if !bank.must_ask.iter().any(|m| m == k) {
                problems.push(floor.at.problem(format!(
                    "safety floor `{}` looks at `{k}`, which bank.toml's must_ask does not list: a path could end without asking it",
                    floor.name
                )));
            }
        }
        let domains: Vec<Vec<Option<&str>>> = keys
            .iter()
            .map(|k| {
                let values = bank
                    .vocab
                    .findings
                    .get(*k)
                    .map(|f| &f.values[..])
                    .unwrap_or(&[]);
                std::iter::once(None)
                    .chain(values.iter().map(|v| Some(v.as_str())))
                    .collect()
            })
            .collect();
        let mut pick = vec![0usize; keys.len()];
        let mut gap: Option<String> = None;
        'all: loop {
            let value_of = |k: &str| {
                keys.iter()
                    .position(|x| *x == k)
                    .and_then(|i| domains[i][pick[i]])
            };
            if floor.condition.matches_by(value_of) {
                let fired = bank
                    .red_flags
                    .iter()
                    .filter(|f| f.condition.matches_by(value_of));
                let (mut reached, mut stops) = (None, false);
                for f in fired {
                    reached = reached.max(Some(f.urgency));
                    stops |= f.stop;
                }
                if reached < Some(floor.urgency) || (floor.stop && !stops) {
                    let said: Vec<String> = keys
                        .iter()
                        .zip(&pick)
                        .enumerate()
                        .filter_map(|(i, (k, &p))| domains[i][p].map(|v| format!("{k} = {v}")))
                        .collect();
                    gap = Some(format!(
                        "{}: {}",
                        said.join(", "),
                        match reached {
                            _ if floor.stop && !stops && reached >= Some(floor.urgency) => {
                                "no red flag stops the questionnaire".to_string()
                            }
                            Some(u) => format!("the red flags give {}", bank.vocab.urgency_id(u)),
                            None => "no red flag fires".to_string(),
                        }
                    ));
                    break 'all;
                }
            }
            // The next combination of values.
            let mut i = 0;
            loop {
                if i == pick.len() {
                    break 'all;
                }
                pick[i] += 1;
                if pick[i] < domains[i].len() {
                    break;
                }
                pick[i] = 0;
                i += 1;
            }
        }
        if let Some(gap) = gap {
            // Where the bank falls short: the red flag that looks at most of
            // the floor's findings, else the red flags' file.
            let nearest = bank
                .red_flags
                .iter()
                .max_by_key(|f| f.condition.keys().filter(|k| keys.contains(k)).count());
            let message = format!(
                "the red flags do not meet the shared contract's safety floor `{}` (at least {}{}): {gap}",
                floor.name,
                bank.vocab.urgency_id(floor.urgency),
                if floor.stop { ", stopping at once" } else { "" }
            );
            problems.push(match (nearest, &red_flags_file) {
                (Some(f), _) if f.condition.keys().any(|k| keys.contains(&k)) => {
                    f.at.problem(message)
                }
                (_, Some(file)) => Problem::whole_file(file.to_string(), message),
                _ => floor.at.problem(message),
            });
        }
    }
    // "Not sure" where a stopping floor's finding is asked, or on a
    // red-flag screen, cannot be read as "no".
    let stop_keys: BTreeSet<&str> = floors
        .iter()
        .filter(|f| f.stop)
        .flat_map(|f| f.condition.keys())
        .collect();
    for q in &bank.questions {
        let screens = q.theme == "red_flags" || q.finding_keys().any(|k| stop_keys.contains(k));
        if !screens {
            continue;
        }
        for o in q.options.iter().filter(|o| o.not_sure) {
            if o.floor < urgent {
                problems.push(o.at.problem(format!(
                    "\"Not sure\" at `{}`, a red-flag screen, must give at least urgent: add floor = \"urgent\"",
                    q.id
                )));
            }
        }
    }
    problems
}

/// Where an edge of the tree leads: a question's index, or [`RESULT`].
type To = u32;

/// The end of the questionnaire, as an edge's target.
const RESULT: To = To::MAX;

/// The tree's edges in flat arrays, read from the bank in one pass: the
/// checks below walk it in whatever order they need, and a large bank's
/// questions and options, scattered over the heap, are touched once and in
/// order rather than once per check in the order of the walk.
struct Graph {
    /// Where each question's edges begin in `to` and `option` (one more
    /// entry than there are questions).
    first: Vec<u32>,
    /// Each edge's target.
    to: Vec<To>,
    /// The option each edge leaves by (`None`: a multi-select question's own
    /// `next`, taken whatever is ticked).
    option: Vec<Option<u32>>,
}

impl Graph {
    fn new(bank: &Bank) -> Self {
        let n = bank.questions.len();
        let mut first = Vec::with_capacity(n + 1);
        let mut to = Vec::with_capacity(n * 4);
        let mut option = Vec::with_capacity(n * 4);
        let target = |t: Target| match t {
            Target::Question(m) => m as To,
            Target::Result => RESULT,
        };
        for question in &bank.questions {
            first.push(to.len() as u32);
            match question.kind {
                Kind::Single => {
                    for (i, o) in question.options.iter().enumerate() {
                        to.push(target(o.next));
                        option.push(Some(i as u32));
                    }
                }
                Kind::Multi => {
                    to.push(target(question.next.unwrap_or(Target::Result)));
                    option.push(None);
                }
            }
        }
        first.push(to.len() as u32);
        Graph { first, to, option }
    }

    fn len(&self) -> usize {
        self.first.len() - 1
    }

    /// The edges of question `q`, as indices into `to` and `option`.
    fn edges(&self, q: usize) -> std::ops::Range<usize> {
        self.first[q] as usize..self.first[q + 1] as usize
    }

    /// The questions `q` leads to (the result left out).
    fn next_questions(&self, q: usize) -> impl Iterator<Item = usize> + '_ {
        self.to[self.edges(q)]
            .iter()
            .filter(|&&t| t != RESULT)
            .map(|&t| t as usize)
    }
}

/// Loops in the tree, each reported at the question that leads back.
pub fn cycles(bank: &Bank) -> Vec<Problem> {
    cycles_in(bank, &Graph::new(bank))
}

fn cycles_in(bank: &Bank, graph: &Graph) -> Vec<Problem> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = graph.len();
    let mut mark = vec![Mark::New; n];
    let mut problems = Vec::new();
    let mut stack = Vec::new();
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search: (question, next edge to look at).
        stack.push((root, graph.edges(root).start));
        mark[root] = Mark::Open;
        while let Some(&mut (q, ref mut e)) = stack.last_mut() {
            if *e == graph.edges(q).end {
                mark[q] = Mark::Done;
                stack.pop();
                continue;
            }
            let t = graph.to[*e];
            *e += 1;
            if t == RESULT {
                continue;
            }
            let m = t as usize;
            match mark[m] {
                Mark::Open => problems.push(bank.questions[q].at.problem(format!(
                    "the tree loops: `{}` leads back to `{}`, which comes before it",
                    bank.questions[q].id, bank.questions[m].id
                ))),
                Mark::New => {
                    mark[m] = Mark::Open;
                    stack.push((m, graph.edges(m).start));
                }
                Mark::Done => {}
            }
        }
    }
    problems
}

/// Questions no path from the start reaches.
pub fn unreachable(bank: &Bank) -> Vec<Problem> {
    unreachable_in(bank, &Graph::new(bank))
}

fn unreachable_in(bank: &Bank, graph: &Graph) -> Vec<Problem> {
    let mut seen = vec![false; graph.len()];
    let mut stack = vec![bank.start];
    seen[bank.start] = true;
    while let Some(q) = stack.pop() {
        for m in graph.next_questions(q) {
            if !seen[m] {
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
fn topological(graph: &Graph) -> Vec<usize> {
    let n = graph.len();
    let mut indegree = vec![0u32; n];
    for &t in &graph.to {
        if t != RESULT {
            indegree[t as usize] += 1;
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&q| indegree[q] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(q) = ready.pop() {
        order.push(q);
        for m in graph.next_questions(q) {
            indegree[m] -= 1;
            if indegree[m] == 0 {
                ready.push(m);
            }
        }
    }
    order
}

/// Does choosing this option alone fire a red flag that ends the questionnaire?
/// (`stop_keys`: every finding the conditions of such flags look at; an
/// option that sets none of them cannot, as no flag's condition is empty.)
fn option_stops(bank: &Bank, stop_keys: &HashMap<&str, ()>, q: usize, o: usize) -> bool {
    let sets = &bank.questions[q].options[o].sets;
    if !sets.iter().any(|(k, _)| stop_keys.contains_key(k.as_str())) {
        return false;
    }
    let value_of = |key: &str| sets.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    bank.red_flags
        .iter()
        .any(|f| f.stop && f.condition.matches_by(value_of))
}

/// Paths that reach the result without asking every finding of `must_ask`.
pub fn must_ask(bank: &Bank) -> Vec<Problem> {
    must_ask_in(bank, &Graph::new(bank))
}

fn must_ask_in(bank: &Bank, graph: &Graph) -> Vec<Problem> {
    if bank.must_ask.is_empty() {
        return Vec::new();
    }
    // The findings to ask, sorted, as bits of a set.
    let all: BTreeSet<&str> = bank.must_ask.iter().map(String::as_str).collect();
    let bit: HashMap<&str, usize> = all.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let words = all.len().div_ceil(64);
    let n = graph.len();
    // In one pass over the bank, in its order: what each question asks, as
    // bits, and which edges leave by an option that stops the questionnaire
    // (a path through those ends on a red flag, asked or not).
    let mut asks = vec![0u64; n * words];
    let mut stops = vec![false; graph.to.len()];
    let stop_keys: HashMap<&str, ()> = bank
        .red_flags
        .iter()
        .filter(|f| f.stop)
        .flat_map(|f| f.condition.keys())
        .map(|k| (k, ()))
        .collect();
    for (q, question) in bank.questions.iter().enumerate() {
        for k in question.finding_keys() {
            if let Some(&b) = bit.get(k) {
                asks[q * words + b / 64] |= 1 << (b % 64);
            }
        }
        for e in graph.edges(q) {
            stops[e] =
                graph.option[e].is_some_and(|o| option_stops(bank, &stop_keys, q, o as usize));
        }
    }
    // What every path into a question has asked, `words` words per question
    // (`reached`: some path into it has been seen).
    let mut asked_in = vec![0u64; n * words];
    let mut reached = vec![false; n];
    reached[bank.start] = true;
    let mut after = vec![0u64; words];
    let mut problems = Vec::new();
    for q in topological(graph) {
        if !reached[q] {
            continue;
        }
        let mine = q * words..(q + 1) * words;
        for ((a, i), k) in after
            .iter_mut()
            .zip(&asked_in[mine.clone()])
            .zip(&asks[mine])
        {
            *a = i | k;
        }
        for e in graph.edges(q) {
            if stops[e] {
                continue;
            }
            match graph.to[e] {
                RESULT => {
                    let missing: Vec<&str> = all
                        .iter()
                        .enumerate()
                        .filter(|&(b, _)| after[b / 64] & (1 << (b % 64)) == 0)
                        .map(|(_, k)| *k)
                        .collect();
                    if !missing.is_empty() {
                        let at = match graph.option[e] {
                            Some(o) => &bank.questions[q].options[o as usize].at,
                            None => &bank.questions[q].at,
                        };
                        problems.push(at.problem(format!(
                            "a path through `{}` reaches the result without the cauda equina screen: it never asks {}",
                            bank.questions[q].id,
                            missing.join(", ")
                        )));
                    }
                }
                m => {
                    let m = m as usize;
                    let into = &mut asked_in[m * words..(m + 1) * words];
                    if reached[m] {
                        into.iter_mut().zip(&after).for_each(|(a, b)| *a &= b);
                    } else {
                        into.copy_from_slice(&after);
                        reached[m] = true;
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

fn can_rank_first_with<'b>(bank: &'b Bank, log_odds: &LogOdds<'b>, d: usize) -> bool {
    const BEAM: usize = 12;
    let mut scratch = Vec::new();
    let mut scratch_first = Vec::new();
    let mut margin = |w: &Probe<'b>| -> f64 {
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
    bank: &'b Bank,
    diagnoses: &'b [super::model::Diagnosis],
    prior: Vec<f64>,
    /// The weights of each (finding, value) the search has met so far, looked
    /// up in every diagnosis's evidence the first time: a search meets a few
    /// hundred, where a large bank has hundreds of thousands.
    met: std::cell::RefCell<Met<'b>>,
}

#[derive(Default)]
struct Met<'b> {
    /// (finding, value) to where its weights lie in `weights`.
    runs: HashMap<(&'b str, &'b str), std::ops::Range<usize>>,
    /// (diagnosis, weight), in diagnosis order for each (finding, value).
    weights: Vec<(usize, f64)>,
}

impl<'b> LogOdds<'b> {
    fn new(bank: &'b Bank) -> Self {
        LogOdds {
            bank,
            diagnoses: &bank.diagnoses,
            prior: bank.diagnoses.iter().map(|d| logit(d.prior)).collect(),
            met: Default::default(),
        }
    }

    /// The diagnosis `engine::triage` puts first for a walk with these red
    /// flags fired (in the order they fired) and these findings, without
    /// building the ranking or working out the urgency.
    fn first(
        &self,
        bank: &Bank,
        fired: &[usize],
        findings: impl IntoIterator<Item = (&'b str, &'b str)>,
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
    fn of(&self, findings: impl IntoIterator<Item = (&'b str, &'b str)>, out: &mut Vec<f64>) {
        if !self.bank.groups.is_empty() {
            // Grouped findings do not simply add up: the engine's own sum.
            let findings: Vec<(&str, &str)> = findings.into_iter().collect();
            out.clear();
            out.extend(self.prior.iter().enumerate().map(|(d, p)| {
                p + crate::engine::scoring::contributions(self.bank, d, findings.iter().copied())
                    .iter()
                    .map(|c| c.weight)
                    .sum::<f64>()
            }));
            return;
        }
        out.clear();
        out.extend_from_slice(&self.prior);
        let mut met = self.met.borrow_mut();
        let Met { runs, weights } = &mut *met;
        for (key, value) in findings {
            let run = runs.entry((key, value)).or_insert_with(|| {
                let start = weights.len();
                for (d, diagnosis) in self.diagnoses.iter().enumerate() {
                    if let Some(&w) = diagnosis.evidence.get(key).and_then(|by| by.get(value)) {
                        weights.push((d, w));
                    }
                }
                start..weights.len()
            });
            for &(d, w) in &weights[run.clone()] {
                out[d] += w;
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
                // In the bank's order of options, as the walker does.
                for (i, o) in question.options.iter().enumerate() {
                    if chosen.contains(&i) {
                        for (k, v) in &o.sets {
                            self.set(k, v);
                        }
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
