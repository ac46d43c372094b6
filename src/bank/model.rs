//! The compiled question bank: ids resolved to indices, values checked against
//! the vocabulary, likelihood ratios turned into log-odds weights.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Map as HashMap, OrderedMap};

pub use super::raw::Kind;

/// The findings established so far: finding key to value (`"true"`/`"false"`
/// for yes/no findings).
pub type Findings = BTreeMap<String, String>;

/// An urgency level; a larger number is more urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Urgency(pub u8);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UrgencyLevel {
    pub id: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub key: String,
    /// The values it takes (yes/no findings share one list).
    pub values: std::sync::Arc<[String]>,
    pub is_bool: bool,
    /// Which of the values a patient gives who has not said.
    pub default: usize,
    pub means: String,
    /// The number of its first value among every value of the vocabulary
    /// (see [`Slot`]).
    pub first_slot: u32,
    /// The group of correlated findings it belongs to (an index into
    /// [`Bank::groups`]), if any.
    pub group: Option<u32>,
}

/// A finding's value by number rather than by name, so that scoring and
/// the search for answers that rank a diagnosis first look nothing up by
/// name: the finding's place in the vocabulary, and the value's among every
/// value of every finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub finding: u32,
    pub value: u32,
}

/// Keys, values, diagnosis ids and urgency levels.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    pub findings: OrderedMap<String, Finding>,
    /// Diagnosis id to its one-line description.
    pub diagnoses: OrderedMap<String, String>,
    /// From least to most urgent, so that `Urgency(i)` indexes it.
    pub urgencies: Vec<UrgencyLevel>,
}

impl Vocabulary {
    pub fn urgency(&self, id: &str) -> Option<Urgency> {
        self.urgencies
            .iter()
            .position(|u| u.id == id)
            .map(|i| Urgency(i as u8))
    }

    pub fn urgency_id(&self, u: Urgency) -> &str {
        &self.urgencies[u.0 as usize].id
    }

    /// The value a patient gives for a finding nobody has stated.
    pub fn default_of(&self, key: &str) -> Option<&str> {
        self.findings.get(key).map(|f| f.values[f.default].as_str())
    }

    /// The number of a finding's value (`None`: not in the vocabulary).
    pub fn slot(&self, key: &str, value: &str) -> Option<Slot> {
        let (i, _, f) = self.findings.get_full(key)?;
        let v = f.values.iter().position(|x| x == value)?;
        Some(Slot {
            finding: i as u32,
            value: f.first_slot + v as u32,
        })
    }
}

/// Findings that all must match (`all`), and of which one must match (`any`,
/// when not empty).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Condition {
    pub all: Vec<(String, Vec<String>)>,
    pub any: Vec<(String, Vec<String>)>,
}

impl Condition {
    pub fn matches(&self, findings: &Findings) -> bool {
        self.matches_by(|k| findings.get(k).map(String::as_str))
    }

    /// Whether the condition holds where `value_of` gives each finding's
    /// value (`None`: not established).
    pub fn matches_by<'v>(&self, value_of: impl Fn(&str) -> Option<&'v str>) -> bool {
        let hit = |(k, vs): &(String, Vec<String>)| {
            value_of(k).is_some_and(|v| vs.iter().any(|x| x == v))
        };
        self.all.iter().all(hit) && (self.any.is_empty() || self.any.iter().any(hit))
    }

    /// The findings of this condition that hold.
    pub fn matching_keys<'a>(&'a self, findings: &'a Findings) -> impl Iterator<Item = &'a str> {
        self.all
            .iter()
            .chain(self.any.iter())
            .filter(|(k, vs)| findings.get(k).is_some_and(|v| vs.contains(v)))
            .map(|(k, _)| k.as_str())
    }

    /// Every finding key the condition looks at.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.all
            .iter()
            .chain(self.any.iter())
            .map(|(k, _)| k.as_str())
    }
}

/// A place in a bank file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loc {
    /// The file's name, shared by every place in it.
    pub file: std::sync::Arc<str>,
    pub line: usize,
    pub column: usize,
}

impl Loc {
    /// The start of a file: line 1, column 1.
    pub fn start(file: &str) -> Loc {
        Loc {
            file: file.into(),
            line: 1,
            column: 1,
        }
    }

    pub fn problem(&self, message: impl Into<String>) -> super::source::Problem {
        super::source::Problem {
            file: self.file.to_string(),
            line: self.line,
            column: self.column,
            message: message.into(),
        }
    }
}

/// Where an answer leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Question(usize),
    Result,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerOption {
    pub id: String,
    /// Where the option is written, for messages.
    pub at: Loc,
    /// Patient wording.
    pub label: String,
    /// Clinical wording.
    pub clinician: String,
    /// Findings set when this option is chosen (or ticked).
    pub sets: Vec<(String, String)>,
    /// Multi-select only: findings set when this option is left unticked.
    pub unticked: Vec<(String, String)>,
    /// Where this option leads (its question's `next` when it names none).
    pub next: Target,
    pub not_sure: bool,
    /// Multi-select only: "None of these", which excludes the others.
    pub none: bool,
    /// The least urgency the result may have once this option is chosen.
    pub floor: Option<Urgency>,
}

impl AnswerOption {
    /// "None of these" or "Not sure": on a multi-select question, ticked alone.
    pub fn exclusive(&self) -> bool {
        self.none || self.not_sure
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    /// Where the question is written, for messages.
    pub at: Loc,
    pub kind: Kind,
    pub theme: String,
    pub patient: String,
    pub clinician: String,
    pub why: String,
    pub art: Option<String>,
    pub options: Vec<AnswerOption>,
    /// The question's own `next`, used by options that name none (multi-select
    /// questions always go here).
    pub next: Option<Target>,
}

impl Question {
    /// Where the question can lead, each with the option that leads there
    /// (a multi-select question's options all go to its own `next`).
    pub fn targets(&self) -> impl Iterator<Item = (Option<usize>, Target)> + '_ {
        let multi = self.kind == Kind::Multi;
        let own = multi.then(|| (None, self.next.unwrap_or(Target::Result)));
        let options = self.options.iter().enumerate().filter(move |_| !multi);
        own.into_iter()
            .chain(options.map(|(i, o)| (Some(i), o.next)))
    }

    /// The way to say none of the options fits: "None of these", else "Not
    /// sure".
    pub fn way_out(&self) -> Option<usize> {
        let first = |f: fn(&AnswerOption) -> bool| self.options.iter().position(f);
        first(|o| o.none).or_else(|| first(|o| o.not_sure))
    }

    /// Every finding key any option of this question can set.
    pub fn finding_keys(&self) -> impl Iterator<Item = &str> {
        self.options
            .iter()
            .flat_map(|o| o.sets.iter().chain(o.unticked.iter()))
            .map(|(k, _)| k.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Diagnosis {
    pub id: String,
    /// Where its evidence is written (`evidence.toml`), for messages.
    pub at: Loc,
    /// Where its texts are written (`diagnoses.toml`).
    pub text_at: Loc,
    pub name: String,
    pub clinician_name: String,
    /// Prior probability, before any answer.
    pub prior: f64,
    pub urgency: Urgency,
    /// First matching rule wins over `urgency`.
    pub urgency_when: Vec<(Condition, Urgency)>,
    /// Answers that mean this diagnosis cannot be ruled out without an
    /// examination: it stays among the first three and its urgency counts,
    /// however it ranks.
    pub suspect_when: Vec<Condition>,
    pub plain: String,
    pub clinician: String,
    pub do_now: String,
    pub self_care: Option<String>,
    pub seek_care: String,
    pub care_where: String,
    pub examine: Vec<String>,
    pub image: Vec<String>,
    /// Referrals to consider, apart from imaging.
    pub refer: Vec<String>,
    /// Finding key to value to the natural log of its likelihood ratio.
    pub evidence: HashMap<String, HashMap<String, f64>>,
    /// The prior and the ratios are expert estimates, not figures a source
    /// gives.
    pub estimated: bool,
    /// No self-care advice while this diagnosis is in view.
    pub hold_self_care: bool,
}

impl Diagnosis {
    /// The urgency this diagnosis carries given what is known.
    pub fn urgency_for(&self, findings: &Findings) -> Urgency {
        self.urgency_when
            .iter()
            .find(|(c, _)| c.matches(findings))
            .map_or(self.urgency, |(_, u)| *u)
    }

    /// The answers match one of its `suspect_when` patterns.
    pub fn suspected(&self, findings: &Findings) -> bool {
        self.suspect_when.iter().any(|c| c.matches(findings))
    }
}

/// Findings that largely say one thing (`evidence.toml`'s `[[group]]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceGroup {
    pub name: String,
    pub findings: Vec<String>,
    /// What each weight after the strongest (for, and against) is
    /// multiplied by.
    pub damping: f64,
}

/// For each finding value (by [`Slot::value`]), the diagnoses it weighs on
/// and the natural log of its likelihood ratio for each: every diagnosis's
/// `evidence` turned round, so that scoring a set of answers touches only
/// the weights those answers carry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Weighs {
    /// Where each value's entries begin in `entries` (one more than there
    /// are values).
    starts: Vec<u32>,
    /// (diagnosis, weight).
    entries: Vec<(u32, f64)>,
}

impl Weighs {
    /// Built from each diagnosis's evidence, by the vocabulary's numbering.
    pub fn new(vocab: &Vocabulary, diagnoses: &[Diagnosis]) -> Self {
        let mut weights: Vec<(u32, (u32, f64))> = Vec::new();
        for (d, diagnosis) in diagnoses.iter().enumerate() {
            for (key, by_value) in &diagnosis.evidence {
                for (value, &w) in by_value {
                    if let Some(slot) = vocab.slot(key, value) {
                        weights.push((slot.value, (d as u32, w)));
                    }
                }
            }
        }
        // Stable: each value's diagnoses stay in order.
        weights.sort_by_key(|&(value, _)| value);
        let values: u32 = vocab.findings.values().map(|f| f.values.len() as u32).sum();
        let starts = (0..=values)
            .map(|v| weights.partition_point(|&(value, _)| value < v) as u32)
            .collect();
        let entries = weights.into_iter().map(|(_, entry)| entry).collect();
        Weighs { starts, entries }
    }

    /// The diagnoses a finding value weighs on, with its weight for each.
    pub fn of(&self, value: u32) -> &[(u32, f64)] {
        match self.starts.get(value as usize..value as usize + 2) {
            Some(&[from, to]) => &self.entries[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// A safety floor of the shared contract: these answers give at least this
/// urgency on every path (`validate` proves the bank's red flags meet it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Floor {
    pub name: String,
    pub at: Loc,
    pub urgency: Urgency,
    /// Ends the questionnaire at once.
    pub stop: bool,
    pub condition: Condition,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedFlag {
    pub id: String,
    /// Where it is written, for messages.
    pub at: Loc,
    pub urgency: Urgency,
    /// Ends the questionnaire at once.
    pub stop: bool,
    /// The diagnosis this flag points to, kept among the top three.
    pub diagnosis: Option<usize>,
    /// Put that diagnosis first.
    pub diagnosis_first: bool,
    pub condition: Condition,
    pub title: String,
    pub patient: String,
    pub clinician: String,
}

/// A whole question bank, ready to run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bank {
    pub name: String,
    pub version: String,
    pub start: usize,
    pub likely_threshold: f64,
    /// Findings every path must ask before the result (the cauda equina
    /// screen), unless a red flag ends it earlier.
    pub must_ask: Vec<String>,
    pub languages: Vec<String>,
    pub vocab: Vocabulary,
    pub questions: Vec<Question>,
    pub question_index: HashMap<String, usize>,
    pub diagnoses: Vec<Diagnosis>,
    /// Correlated findings, damped together when scoring.
    pub groups: Vec<EvidenceGroup>,
    /// The diagnoses' evidence turned round, for scoring.
    pub weighs: Weighs,
    pub red_flags: Vec<RedFlag>,
    /// Text art by name (from `assets/`).
    pub art: HashMap<String, String>,
    /// The language of the texts now in the bank.
    pub language: String,
    /// Fixed screen wording by key (`ui.toml`).
    pub ui: Ui,
    /// The other languages the bank declares, from `lang/CODE.toml` (each
    /// read when first needed, so not part of the bank built into the
    /// binary: see [`Bank::builtin`]).
    #[serde(skip)]
    pub translations: Vec<super::lang::Texts>,
    /// Standard codes for diagnosis and urgency ids (`codes.toml`).
    pub codes: Codes,
}

/// A code in a standard code system (SNOMED CT), for a bank id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    pub system: String,
    pub code: String,
    pub display: String,
}

/// Standard codes by the bank's diagnosis and urgency ids; an id without one
/// is exported with the project's code alone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Codes {
    pub diagnosis: HashMap<String, Coding>,
    pub urgency: HashMap<String, Coding>,
}

/// The fixed screen wording, by key, and where each text is written (it
/// derefs to the map of texts by key).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ui {
    pub text: HashMap<String, String>,
    pub at: HashMap<String, Loc>,
}

impl std::ops::Deref for Ui {
    type Target = HashMap<String, String>;

    fn deref(&self) -> &Self::Target {
        &self.text
    }
}

impl Bank {
    pub fn diagnosis_index(&self, id: &str) -> Option<usize> {
        self.diagnoses.iter().position(|d| d.id == id)
    }
}
