//! The tree's shape: loops, questions no path reaches, paths that reach the
//! result without asking every finding of `must_ask`; and the order and
//! reach of its questions, which the FHIR export's branching reads too.

use std::collections::BTreeSet;

use crate::bank::Map as HashMap;
use crate::bank::{Bank, Problem, RedFlag, Target};

/// Where an edge of the tree leads: a question's index, or [`RESULT`].
type To = u32;

/// The end of the questionnaire, as an edge's target.
const RESULT: To = To::MAX;

/// The tree's edges in flat arrays, read from the bank in one pass: the
/// checks below walk it in whatever order they need, and a large bank's
/// questions and options, scattered over the heap, are touched once and in
/// order rather than once per check in the order of the walk.
pub struct Graph {
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
    pub fn new(bank: &Bank) -> Self {
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
            for (o, t) in question.targets() {
                to.push(target(t));
                option.push(o.map(|i| i as u32));
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

    /// The questions `q` leads to (the result left out; one an edge each).
    pub fn next_questions(&self, q: usize) -> impl Iterator<Item = usize> + '_ {
        self.to[self.edges(q)]
            .iter()
            .filter(|&&t| t != RESULT)
            .map(|&t| t as usize)
    }

    /// The questions in an order where each comes after all that lead to it,
    /// the lowest index first where the tree leaves it free; questions on a
    /// loop (which `validate` refuses) go last, in index order.
    pub fn order(&self) -> Vec<usize> {
        let n = self.len();
        let mut indegree = vec![0u32; n];
        for &t in self.to.iter().filter(|&&t| t != RESULT) {
            indegree[t as usize] += 1;
        }
        let mut ready: BTreeSet<usize> = (0..n).filter(|&q| indegree[q] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(q) = ready.pop_first() {
            order.push(q);
            for m in self.next_questions(q) {
                indegree[m] -= 1;
                if indegree[m] == 0 {
                    ready.insert(m);
                }
            }
        }
        order.extend((0..n).filter(|&q| indegree[q] > 0));
        order
    }
}

/// Which of `n` questions can be reached from `from` (itself included),
/// going from each question `q` to `next(q)`.
pub fn reach<I: IntoIterator<Item = usize>>(
    n: usize,
    from: usize,
    next: impl Fn(usize) -> I,
) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut stack = vec![from];
    seen[from] = true;
    while let Some(q) = stack.pop() {
        for m in next(q) {
            if !seen[m] {
                seen[m] = true;
                stack.push(m);
            }
        }
    }
    seen
}

/// Loops in the tree, each reported at the question that leads back.
pub fn cycles(bank: &Bank) -> Vec<Problem> {
    cycles_in(bank, &Graph::new(bank))
}

pub(super) fn cycles_in(bank: &Bank, graph: &Graph) -> Vec<Problem> {
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
pub(super) fn unreachable(bank: &Bank, graph: &Graph) -> Vec<Problem> {
    reach(graph.len(), bank.start, |q| graph.next_questions(q))
        .iter()
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

/// Does choosing this option alone fire a red flag that ends the questionnaire?
/// (`stop_keys`: every finding the conditions of such flags look at; an
/// option that sets none of them cannot, as no flag's condition is empty.)
fn option_stops(bank: &Bank, stop_keys: &BTreeSet<&str>, q: usize, o: usize) -> bool {
    let sets = &bank.questions[q].options[o].sets;
    let value_of = |key: &str| sets.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let stops = |f: &RedFlag| f.stop && f.condition.matches_by(value_of);
    sets.iter().any(|(k, _)| stop_keys.contains(k.as_str())) && bank.red_flags.iter().any(stops)
}

/// Paths that reach the result without asking every finding of `must_ask`.
pub(super) fn must_ask(bank: &Bank, graph: &Graph) -> Vec<Problem> {
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
    let stop_keys: BTreeSet<&str> = bank
        .red_flags
        .iter()
        .filter(|f| f.stop)
        .flat_map(|f| f.condition.keys())
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
    for q in graph.order() {
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
                        let question = &bank.questions[q];
                        let option = graph.option[e].map(|o| &question.options[o as usize]);
                        let at = option.map_or(&question.at, |o| &o.at);
                        problems.push(at.problem(format!(
                            "a path through `{}` reaches the result without the cauda equina screen: it never asks {}",
                            question.id,
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
