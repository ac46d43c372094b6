//! The headless result of `assess`: JSON as the contract gives it, or text.

use indexmap::IndexSet;
use serde::Serialize;

use super::Report;
use crate::audience::Audience;
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
fn red_flag_findings(bank: &Bank, walk: &Walk, outcome: &Outcome) -> Vec<String> {
    let flags = outcome.red_flags.iter().map(|&f| &bank.red_flags[f]);
    let keys: IndexSet<&str> = flags
        .flat_map(|f| f.condition.matching_keys(&walk.findings))
        .collect();
    keys.into_iter().map(String::from).collect()
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

/// The result for a person at a terminal: the `Report` written as plain
/// mode writes it.
pub fn assess_text(bank: &Bank, walk: &Walk, outcome: &Outcome, audience: Audience) -> String {
    let report = Report::new(bank, walk, &walk.answers(), outcome, audience, None);
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = super::text::write_report(bank, &report, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
