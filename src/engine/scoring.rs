//! Ranking diagnoses: a prior per diagnosis and a likelihood ratio per finding
//! value, added up as log-odds (the bank holds the weights). Findings that
//! largely say one thing (a group in the bank) count about once: for each
//! diagnosis the strongest weight for and the strongest against in a group
//! count in full, the rest of the group's are damped.

use crate::bank::{Bank, Findings, Slot};

/// One finding's pull on a diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub finding: String,
    pub value: String,
    /// Natural log of the likelihood ratio as counted: above 0 for, below 0
    /// against.
    pub weight: f64,
    /// Counted at less than full weight: another finding of its group
    /// already says much the same.
    pub damped: bool,
}

/// A diagnosis with its score and the findings that drove it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub diagnosis: usize,
    /// The prior's log-odds, where the sum starts: `log_odds` is this plus
    /// every weight in `because` and `against`.
    pub prior_log_odds: f64,
    pub log_odds: f64,
    /// Posterior probability, from the log-odds.
    pub score: f64,
    /// Findings for, strongest first.
    pub because: Vec<Contribution>,
    /// Findings against, strongest first.
    pub against: Vec<Contribution>,
}

/// Log-odds of a probability.
pub(crate) fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// The log-odds of every diagnosis for a set of findings, with what each
/// finding pulls on each: the one place scoring is done. Kept between calls,
/// so that a search that scores thousands of answers reuses its memory.
#[derive(Debug, Default)]
pub struct Scorer {
    /// Each diagnosis's pulls, in the order the findings were given.
    pulls: Vec<Vec<Pull>>,
    log_odds: Vec<f64>,
}

/// What one finding adds to one diagnosis.
#[derive(Debug, Clone, Copy)]
struct Pull {
    /// Which of the findings given.
    given: u32,
    /// Its group of correlated findings (`u32::MAX`: none).
    group: u32,
    weight: f64,
    damped: bool,
}

impl Scorer {
    /// Every diagnosis's log-odds given these findings (by number, in the
    /// order of their names; `None`: a finding the vocabulary lacks, which
    /// weighs on nothing), by the bank's order of diagnoses.
    pub fn log_odds<'s>(
        &'s mut self,
        bank: &Bank,
        given: impl Iterator<Item = Option<Slot>>,
    ) -> &'s [f64] {
        self.pull(bank, given);
        self.log_odds.clear();
        for (d, pulls) in self.pulls.iter().enumerate() {
            let weights: f64 = pulls.iter().map(|p| p.weight).sum();
            self.log_odds.push(logit(bank.diagnoses[d].prior) + weights);
        }
        &self.log_odds
    }

    fn pull(&mut self, bank: &Bank, given: impl Iterator<Item = Option<Slot>>) {
        self.pulls.resize_with(bank.diagnoses.len(), Vec::new);
        self.pulls.iter_mut().for_each(Vec::clear);
        for (i, slot) in given.enumerate() {
            let Some(slot) = slot else { continue };
            let group = bank
                .vocab
                .findings
                .get_index(slot.finding as usize)
                .and_then(|(_, f)| f.group)
                .unwrap_or(u32::MAX);
            for &(d, weight) in bank.weighs.of(slot.value) {
                self.pulls[d as usize].push(Pull {
                    given: i as u32,
                    group,
                    weight,
                    damped: false,
                });
            }
        }
        for pulls in &mut self.pulls {
            damp_groups(bank, pulls);
        }
    }
}

/// Within each group of correlated findings, keeps the strongest weight for
/// and the strongest against (the earliest of equals) and damps the others.
fn damp_groups(bank: &Bank, pulls: &mut [Pull]) {
    let member = |p: &Pull| p.group != u32::MAX && p.weight != 0.0;
    for i in 0..pulls.len() {
        let p = pulls[i];
        pulls[i].damped = member(&p)
            && pulls.iter().enumerate().any(|(j, q)| {
                let stronger = q.weight.abs().total_cmp(&p.weight.abs());
                j != i
                    && member(q)
                    && q.group == p.group
                    && (q.weight > 0.0) == (p.weight > 0.0)
                    && (stronger.is_gt() || (stronger.is_eq() && j < i))
            });
    }
    for p in pulls.iter_mut().filter(|p| p.damped) {
        p.weight *= bank.groups[p.group as usize].damping;
    }
}

/// Every diagnosis of the bank, most likely first.
pub fn rank(bank: &Bank, findings: &Findings) -> Vec<Ranked> {
    let given: Vec<(&String, &String)> = findings.iter().collect();
    let mut scorer = Scorer::default();
    let log_odds = scorer
        .log_odds(bank, given.iter().map(|&(k, v)| bank.vocab.slot(k, v)))
        .to_vec();
    let mut out: Vec<Ranked> = log_odds
        .into_iter()
        .enumerate()
        .map(|(i, log_odds)| {
            let contribution = |p: &Pull| Contribution {
                finding: given[p.given as usize].0.clone(),
                value: given[p.given as usize].1.clone(),
                weight: p.weight,
                damped: p.damped,
            };
            let (mut because, mut against): (Vec<_>, Vec<_>) = scorer.pulls[i]
                .iter()
                .map(contribution)
                .partition(|c| c.weight > 0.0);
            against.retain(|c| c.weight < 0.0);
            because.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            against.sort_by(|a, b| a.weight.total_cmp(&b.weight));
            Ranked {
                diagnosis: i,
                prior_log_odds: logit(bank.diagnoses[i].prior),
                log_odds,
                // The probability of these log-odds (the logistic function).
                score: 1.0 / (1.0 + (-log_odds).exp()),
                because,
                against,
            }
        })
        .collect();
    out.sort_by(|a, b| ranks_before((a.diagnosis, a.log_odds), (b.diagnosis, b.log_odds)));
    out
}

/// The order of the ranking, for (diagnosis, log-odds) pairs: the most
/// likely first, ties going to the diagnosis listed first in the bank.
pub(crate) fn ranks_before(a: (usize, f64), b: (usize, f64)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}
