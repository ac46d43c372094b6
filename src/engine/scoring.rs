//! Ranking diagnoses: a prior per diagnosis and a likelihood ratio per finding
//! value, added up as log-odds (the bank holds the weights). Findings that
//! largely say one thing (a group in the bank) count about once: for each
//! diagnosis the strongest weight for and the strongest against in a group
//! count in full, the rest of the group's are damped.

use crate::bank::{Bank, Findings};

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

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// What each finding given adds to diagnosis `d`'s log-odds, groups damped.
pub fn contributions<'f>(
    bank: &Bank,
    d: usize,
    findings: impl IntoIterator<Item = (&'f str, &'f str)>,
) -> Vec<Contribution> {
    let mut pulls = Vec::new();
    pulls_into(bank, d, findings, &mut pulls);
    pulls
        .into_iter()
        .map(|p| Contribution {
            finding: p.finding.to_string(),
            value: p.value.to_string(),
            weight: p.weight,
            damped: p.damped,
        })
        .collect()
}

/// Diagnosis `d`'s log-odds given these findings (in the order of their
/// names), exactly as [`rank`] scores it: a search that scores thousands
/// of answers asks this without building the ranking.
pub fn log_odds<'f>(
    bank: &Bank,
    d: usize,
    findings: impl IntoIterator<Item = (&'f str, &'f str)>,
    scratch: &mut Vec<Pull<'f>>,
) -> f64 {
    pulls_into(bank, d, findings, scratch);
    total(bank.diagnoses[d].prior, scratch.iter().map(|p| p.weight))
}

/// The prior's log-odds and the weights counted, in one sum.
fn total(prior: f64, weights: impl Iterator<Item = f64>) -> f64 {
    logit(prior) + weights.sum::<f64>()
}

/// A [`Contribution`] whose names are borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Pull<'f> {
    finding: &'f str,
    value: &'f str,
    weight: f64,
    damped: bool,
}

/// What each finding adds to diagnosis `d`, groups damped, into `out`.
fn pulls_into<'f>(
    bank: &Bank,
    d: usize,
    findings: impl IntoIterator<Item = (&'f str, &'f str)>,
    out: &mut Vec<Pull<'f>>,
) {
    let evidence = &bank.diagnoses[d].evidence;
    out.clear();
    out.extend(findings.into_iter().filter_map(|(key, value)| {
        let w = *evidence.get(key)?.get(value)?;
        Some(Pull {
            finding: key,
            value,
            weight: w,
            damped: false,
        })
    }));
    damp_groups(bank, out);
}

/// Within each group of correlated findings, keeps the strongest weight for
/// and the strongest against and damps the others.
fn damp_groups(bank: &Bank, pulls: &mut [Pull]) {
    for group in &bank.groups {
        for sign in [1.0, -1.0] {
            let member =
                |p: &Pull| p.weight * sign > 0.0 && group.findings.iter().any(|f| f == p.finding);
            // The strongest member, the earliest of equals, keeps its weight.
            let mut strongest: Option<usize> = None;
            for (i, p) in pulls.iter().enumerate() {
                if member(p)
                    && strongest
                        .is_none_or(|s| p.weight.abs().total_cmp(&pulls[s].weight.abs()).is_gt())
                {
                    strongest = Some(i);
                }
            }
            let Some(strongest) = strongest else { continue };
            for (i, p) in pulls.iter_mut().enumerate() {
                if i != strongest && member(p) {
                    p.weight *= group.damping;
                    p.damped = true;
                }
            }
        }
    }
}

/// Every diagnosis of the bank, most likely first.
pub fn rank(bank: &Bank, findings: &Findings) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = bank
        .diagnoses
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let contributions = contributions(
                bank,
                i,
                findings.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            );
            let log_odds = total(d.prior, contributions.iter().map(|c| c.weight));
            let (mut because, mut against): (Vec<_>, Vec<_>) =
                contributions.into_iter().partition(|c| c.weight > 0.0);
            against.retain(|c| c.weight < 0.0);
            because.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            against.sort_by(|a, b| a.weight.total_cmp(&b.weight));
            Ranked {
                diagnosis: i,
                prior_log_odds: logit(d.prior),
                log_odds,
                score: sigmoid(log_odds),
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
