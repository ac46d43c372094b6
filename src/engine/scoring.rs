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
    let evidence = &bank.diagnoses[d].evidence;
    let mut out: Vec<Contribution> = findings
        .into_iter()
        .filter_map(|(key, value)| {
            let w = *evidence.get(key)?.get(value)?;
            Some(Contribution {
                finding: key.to_string(),
                value: value.to_string(),
                weight: w,
                damped: false,
            })
        })
        .collect();
    damp_groups(bank, &mut out);
    out
}

/// Within each group of correlated findings, keeps the strongest weight for
/// and the strongest against and damps the others.
fn damp_groups(bank: &Bank, contributions: &mut [Contribution]) {
    for group in &bank.groups {
        for sign in [1.0, -1.0] {
            let mut members: Vec<&mut Contribution> = contributions
                .iter_mut()
                .filter(|c| c.weight * sign > 0.0 && group.findings.contains(&c.finding))
                .collect();
            members.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
            for c in members.into_iter().skip(1) {
                c.weight *= group.damping;
                c.damped = true;
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
            let log_odds = logit(d.prior) + contributions.iter().map(|c| c.weight).sum::<f64>();
            let (mut because, mut against): (Vec<_>, Vec<_>) =
                contributions.into_iter().partition(|c| c.weight > 0.0);
            against.retain(|c| c.weight < 0.0);
            because.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            against.sort_by(|a, b| a.weight.total_cmp(&b.weight));
            Ranked {
                diagnosis: i,
                log_odds,
                score: sigmoid(log_odds),
                because,
                against,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.log_odds
            .total_cmp(&a.log_odds)
            .then(a.diagnosis.cmp(&b.diagnosis))
    });
    out
}
