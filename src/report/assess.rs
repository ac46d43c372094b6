//! The headless result of `assess`: JSON as the contract gives it, or text.

use serde::Serialize;

use crate::bank::Bank;
use crate::engine::{Outcome, Walk};

/// How many diagnoses `assess` lists.
const LISTED: usize = 5;

#[derive(Debug, Serialize)]
pub struct AssessJson {
    pub urgency: String,
    pub diagnoses: Vec<DiagnosisJson>,
    pub red_flags: Vec<String>,
    pub asked: Vec<String>,
    pub stopped_early: bool,
    pub red_flag_ids: Vec<String>,
    pub findings: std::collections::BTreeMap<String, String>,
    /// The code of the saved record, with `assess --save`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DiagnosisJson {
    pub id: String,
    pub score: f64,
    pub because: Vec<String>,
    /// Of `because`, the findings counted at less than full weight (another
    /// finding of their group says much the same).
    pub damped: Vec<String>,
    /// The weights behind the score are expert estimates, not published
    /// figures.
    pub estimated: bool,
}

/// The finding keys behind the red flags that fired, without repeats.
pub fn red_flag_findings(bank: &Bank, walk: &Walk, outcome: &Outcome) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for &f in &outcome.red_flags {
        for k in bank.red_flags[f].condition.matching_keys(&walk.findings) {
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_string());
            }
        }
    }
    keys
}

pub fn assess_json(bank: &Bank, walk: &Walk, outcome: &Outcome) -> AssessJson {
    AssessJson {
        urgency: bank.vocab.urgency_id(outcome.urgency).to_string(),
        diagnoses: outcome
            .ranked
            .iter()
            .take(LISTED)
            .map(|r| DiagnosisJson {
                id: bank.diagnoses[r.diagnosis].id.clone(),
                score: (r.score * 1000.0).round() / 1000.0,
                because: r.because.iter().map(|c| c.finding.clone()).collect(),
                damped: r
                    .because
                    .iter()
                    .filter(|c| c.damped)
                    .map(|c| c.finding.clone())
                    .collect(),
                estimated: bank.diagnoses[r.diagnosis].estimated,
            })
            .collect(),
        red_flags: red_flag_findings(bank, walk, outcome),
        asked: walk.asked().map(|q| bank.questions[q].id.clone()).collect(),
        stopped_early: outcome.stopped_by.is_some(),
        red_flag_ids: outcome
            .red_flags
            .iter()
            .map(|&f| bank.red_flags[f].id.clone())
            .collect(),
        findings: walk.findings.clone(),
        record: None,
    }
}

/// A short text report for a person at a terminal.
pub fn assess_text(bank: &Bank, walk: &Walk, outcome: &Outcome) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let u = &bank.vocab.urgencies[outcome.urgency.0 as usize];
    let _ = writeln!(s, "Urgency: {} - {}", u.id, u.meaning);
    for &f in &outcome.red_flags {
        let _ = writeln!(s, "Red flag: {}", bank.red_flags[f].title);
    }
    let _ = writeln!(s, "\nMost likely:");
    for (i, r) in outcome.ranked.iter().take(LISTED).enumerate() {
        let d = &bank.diagnoses[r.diagnosis];
        let because: Vec<_> = r.because.iter().map(|c| c.finding.as_str()).collect();
        let _ = writeln!(
            s,
            "{}. {} ({}) {:.2}  because: {}",
            i + 1,
            d.clinician_name,
            d.id,
            r.score,
            if because.is_empty() {
                "-".to_string()
            } else {
                because.join(", ")
            }
        );
    }
    let asked: Vec<_> = walk
        .asked()
        .map(|q| bank.questions[q].id.as_str())
        .collect();
    let _ = writeln!(s, "\nAsked ({}): {}", asked.len(), asked.join(", "));
    s
}
