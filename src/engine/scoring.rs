//! Ranking diagnoses: a prior per diagnosis and a likelihood ratio per finding
//! value, added up as log-odds (the bank holds the weights).

use crate::bank::{Bank, Findings};

/// One finding's pull on a diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub finding: String,
    pub value: String,
    /// Natural log of the likelihood ratio: above 0 for, below 0 against.
    pub weight: f64,
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

/// Every diagnosis of the bank, most likely first.
pub fn rank(bank: &Bank, findings: &Findings) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = bank
        .diagnoses
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut because = Vec::new();
            let mut against = Vec::new();
            let mut log_odds = logit(d.prior);
            for (key, value) in findings {
                let Some(w) = d.evidence.get(key).and_then(|m| m.get(value)) else {
                    continue;
                };
                log_odds += w;
                let c = Contribution {
                    finding: key.clone(),
                    value: value.clone(),
                    weight: *w,
                };
                if *w > 0.0 {
                    because.push(c);
                } else if *w < 0.0 {
                    against.push(c);
                }
            }
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
