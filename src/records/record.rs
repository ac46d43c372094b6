//! The saved record of one questionnaire: what was asked in the words shown,
//! what was answered, the findings and the result. Versioned JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audience::Audience;
use crate::bank::{Bank, Kind, Problem};
use crate::engine::{Outcome, Walk};
use crate::report::explain::{option_text, question_text};

/// The `format` field every record carries.
pub const FORMAT: &str = "hamstring-triage-record";
/// The record format this program writes. Older versions are still read.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub format: String,
    pub version: u32,
    /// The reference code, such as `K7M-4QX`.
    pub code: String,
    /// When the questionnaire was completed (RFC 3339, UTC).
    pub created: String,
    pub bank: BankRef,
    /// `patient` or `clinician`: whose wording was shown.
    pub audience: String,
    pub language: String,
    /// Every question asked, in order, with the wording shown and the answers.
    pub answers: Vec<AnsweredQuestion>,
    pub findings: BTreeMap<String, String>,
    pub result: RecordResult,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankRef {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnsweredQuestion {
    pub question: String,
    pub wording: String,
    pub kind: Kind,
    pub answers: Vec<ChosenOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChosenOption {
    pub option: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordResult {
    pub urgency: String,
    pub urgency_meaning: String,
    pub stopped_early: bool,
    pub red_flags: Vec<FlagRef>,
    /// The most likely first (the top five).
    pub diagnoses: Vec<DiagnosisRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosisRef {
    pub id: String,
    pub name: String,
    pub clinician_name: String,
    pub score: f64,
    /// Findings for, as `key = value`, strongest first.
    pub because: Vec<String>,
    /// Findings against, strongest first.
    pub against: Vec<String>,
    pub examine: Vec<String>,
    pub image: Vec<String>,
}

impl Record {
    /// The record of a finished (or red-flag-ended) questionnaire.
    pub fn new(
        bank: &Bank,
        walk: &Walk,
        outcome: &Outcome,
        audience: Audience,
        code: String,
        created: String,
    ) -> Record {
        let answers = walk
            .steps
            .iter()
            .map(|s| {
                let q = &bank.questions[s.question];
                AnsweredQuestion {
                    question: q.id.clone(),
                    wording: question_text(bank, audience, s.question).to_string(),
                    kind: q.kind,
                    answers: s
                        .chosen
                        .iter()
                        .map(|&o| ChosenOption {
                            option: q.options[o].id.clone(),
                            label: option_text(bank, audience, s.question, o).to_string(),
                        })
                        .collect(),
                }
            })
            .collect();
        let pair = |c: &crate::engine::Contribution| format!("{} = {}", c.finding, c.value);
        let level = &bank.vocab.urgencies[outcome.urgency.0 as usize];
        Record {
            format: FORMAT.to_string(),
            version: VERSION,
            code,
            created,
            bank: BankRef {
                name: bank.name.clone(),
                version: bank.version.clone(),
            },
            audience: audience.pick("patient", "clinician").to_string(),
            language: bank.language.clone(),
            answers,
            findings: walk.findings.clone(),
            result: RecordResult {
                urgency: level.id.clone(),
                urgency_meaning: level.meaning.clone(),
                stopped_early: outcome.stopped_by.is_some(),
                red_flags: outcome
                    .red_flags
                    .iter()
                    .map(|&f| FlagRef {
                        id: bank.red_flags[f].id.clone(),
                        title: bank.red_flags[f].title.clone(),
                    })
                    .collect(),
                diagnoses: outcome
                    .ranked
                    .iter()
                    .take(5)
                    .map(|r| {
                        let d = &bank.diagnoses[r.diagnosis];
                        DiagnosisRef {
                            id: d.id.clone(),
                            name: d.name.clone(),
                            clinician_name: d.clinician_name.clone(),
                            score: (r.score * 1000.0).round() / 1000.0,
                            because: r.because.iter().map(pair).collect(),
                            against: r.against.iter().map(pair).collect(),
                            examine: d.examine.clone(),
                            image: d.image.clone(),
                        }
                    })
                    .collect(),
            },
        }
    }

    /// The record as pretty JSON.
    pub fn to_json(&self) -> String {
        pretty(self)
    }

    /// Reads a record of this or an older format version. `file` names it in
    /// messages.
    pub fn from_json(text: &str, file: &str) -> Result<Record, Problem> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Problem {
            file: file.to_string(),
            line: e.line().max(1),
            column: e.column().max(1),
            message: format!("not a readable record (damaged or cut short?): {e}"),
        })?;
        let whole = |message: String| Problem::whole_file(file, message);
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(whole(format!(
                "not a record: expected \"format\": \"{FORMAT}\""
            )));
        }
        let version = value
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| whole("the record has no format version".into()))?;
        match version {
            1 => serde_json::from_value(value).map_err(|e| {
                whole(format!(
                    "a version 1 record with a missing or wrong field: {e}"
                ))
            }),
            v if v > VERSION as u64 => Err(whole(format!(
                "the record is format version {v}, written by a newer hamstring-triage; this one reads up to version {VERSION}"
            ))),
            v => Err(whole(format!("unknown record format version {v}"))),
        }
    }
}

/// A value as pretty JSON, ending in a newline.
pub fn pretty(v: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
