//! The result of a questionnaire in words, built once from the engine's
//! `Outcome`, the walk and the bank's texts for one audience and language.
//! Every face renders a `Report` (the full screen, plain mode, `assess
//! --format text`, the Markdown export) and none works the words out again.
//! No terminal and no drawing here.

pub mod assess;
pub mod explain;
pub mod finding;

pub use assess::{AssessJson, DiagnosisJson, assess_json, assess_text, red_flag_findings};

use crate::audience::Audience;
use crate::bank::{Bank, Urgency};
use crate::engine::{Answers, Outcome, Reason, Walk};
use explain::{Said, option_text, question_text, said};

/// How many diagnoses a result lists.
pub const LISTED: usize = 3;

/// A cause below the first is "possible" to a patient from this score, "less
/// likely" under it.
const POSSIBLE: f64 = 0.2;

/// The result's content, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub audience: Audience,
    pub urgency: Urgency,
    /// The urgency's id (`emergency`, `routine`, ...).
    pub urgency_id: String,
    /// The urgency's short name in the bank's language ("EMERGENCY").
    pub urgency_name: String,
    /// What the urgency means: when and where to get care.
    pub urgency_meaning: String,
    /// Why this urgency, one sentence for each reason.
    pub reasons: Vec<String>,
    /// The red flags that fired, in the order they fired.
    pub red_flags: Vec<FlagText>,
    /// A red flag ended the questionnaire early.
    pub stopped_early: bool,
    /// The urgency's meaning again when a warning sign or an unsure answer
    /// raised it above what the likely cause needs: that comes first.
    pub first: Option<String>,
    /// What to do now, for the most likely cause.
    pub do_now: Option<String>,
    /// Who to see and where.
    pub care_where: Option<String>,
    /// The causes listed, most likely first.
    pub diagnoses: Vec<Listed>,
    /// Self-care, unless a cause in view is one self-care could harm.
    pub self_care: Option<String>,
    /// When to get care sooner.
    pub seek_care: Option<String>,
    /// "This is not a diagnosis ...", with the emergency number.
    pub not_a_diagnosis: String,
}

/// A red flag that fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagText {
    pub id: String,
    pub title: String,
    /// What it means, in the audience's words.
    pub text: String,
}

/// One listed cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: String,
    /// The name in the audience's words.
    pub name: String,
    /// What it is, in the audience's words.
    pub explanation: String,
    /// How likely: in words for patients, the score (and whether its weights
    /// are expert estimates) for clinicians.
    pub label: String,
    pub score: f64,
    pub estimated: bool,
    /// What fits it: "Because you said: ...", already quoted.
    pub because: Option<String>,
    /// For clinicians, what does not fit, already quoted.
    pub against: Option<String>,
    /// For clinicians: what to examine and image.
    pub examine: Vec<String>,
    pub image: Vec<String>,
}

impl Report {
    /// The report of a finished (or red-flag-ended) walk. `emergency_number`
    /// is the configured number, if any.
    pub fn new(
        bank: &Bank,
        walk: &Walk,
        answers: &Answers,
        outcome: &Outcome,
        audience: Audience,
        emergency_number: Option<&str>,
    ) -> Report {
        let clin = audience == Audience::Clinician;
        let level = &bank.vocab.urgencies[outcome.urgency.0 as usize];
        let top = outcome.ranked.first().map(|r| &bank.diagnoses[r.diagnosis]);
        let diagnoses = outcome
            .ranked
            .iter()
            .take(LISTED)
            .enumerate()
            .map(|(i, r)| {
                let d = &bank.diagnoses[r.diagnosis];
                let label = if clin {
                    let key = if d.estimated {
                        "result.score_estimated"
                    } else {
                        "result.posterior"
                    };
                    bank.ui_fill(key, &[("score", &format!("{:.2}", r.score))])
                } else {
                    // Patients never see a number: how likely, in words.
                    let key = if i == 0 {
                        "result.most_likely"
                    } else if r.score >= POSSIBLE {
                        "result.possible"
                    } else {
                        "result.less_likely"
                    };
                    bank.ui(key).to_string()
                };
                let quoted = |c| {
                    let s = said(bank, walk, answers, audience, c);
                    (!s.is_empty()).then(|| quote(bank, audience, &s))
                };
                Listed {
                    id: d.id.clone(),
                    name: if clin { &d.clinician_name } else { &d.name }.clone(),
                    explanation: if clin { &d.clinician } else { &d.plain }.clone(),
                    label,
                    score: r.score,
                    estimated: d.estimated,
                    because: quoted(&r.because),
                    against: if clin { quoted(&r.against) } else { None },
                    examine: if clin { d.examine.clone() } else { Vec::new() },
                    image: if clin { d.image.clone() } else { Vec::new() },
                }
            })
            .collect();
        let number = emergency_number.unwrap_or_else(|| bank.ui("app.local_number"));
        Report {
            audience,
            urgency: outcome.urgency,
            urgency_id: level.id.clone(),
            urgency_name: bank.ui(&format!("urgency.{}", level.id)).to_string(),
            urgency_meaning: level.meaning.clone(),
            reasons: outcome
                .reasons
                .iter()
                .map(|r| reason(bank, audience, r))
                .collect(),
            red_flags: outcome
                .red_flags
                .iter()
                .map(|&f| {
                    let flag = &bank.red_flags[f];
                    FlagText {
                        id: flag.id.clone(),
                        title: flag.title.clone(),
                        text: if clin { &flag.clinician } else { &flag.patient }.clone(),
                    }
                })
                .collect(),
            stopped_early: outcome.stopped_by.is_some(),
            first: top
                .filter(|d| outcome.urgency > d.urgency_for(&walk.findings))
                .map(|_| level.meaning.clone()),
            do_now: top.map(|d| d.do_now.clone()),
            care_where: top.map(|d| d.care_where.clone()),
            diagnoses,
            self_care: top
                .and_then(|d| d.self_care.clone())
                .filter(|_| !outcome.self_care_held),
            seek_care: top.map(|d| d.seek_care.clone()),
            not_a_diagnosis: bank.ui_fill("result.not_a_diagnosis", &[("number", number)]),
        }
    }

    /// Whether the report is in the clinician's words.
    pub fn for_clinician(&self) -> bool {
        self.audience == Audience::Clinician
    }
}

/// One reason for the urgency, as a sentence.
fn reason(bank: &Bank, audience: Audience, r: &Reason) -> String {
    let name = |d: usize| {
        let d = &bank.diagnoses[d];
        match audience {
            Audience::Clinician => d.clinician_name.as_str(),
            Audience::Patient => d.name.as_str(),
        }
    };
    match *r {
        Reason::RedFlag(f) => {
            bank.ui_fill("result.reason_flag", &[("flag", &bank.red_flags[f].title)])
        }
        Reason::Floor { question, option } => bank.ui_fill(
            "result.reason_floor",
            &[
                ("option", option_text(bank, audience, question, option)),
                ("question", question_text(bank, audience, question)),
            ],
        ),
        Reason::NotSure { question } => bank.ui_fill(
            "result.reason_not_sure",
            &[("question", question_text(bank, audience, question))],
        ),
        Reason::Diagnosis(d) => bank.ui_fill("result.reason_diagnosis", &[("diagnosis", name(d))]),
        Reason::Suspected(d) => bank.ui_fill("result.reason_suspected", &[("diagnosis", name(d))]),
    }
}

/// Answers quoted as the person gave them: ticked options in quotes, then
/// the options left unticked said as such ("you did not tick ...", or for a
/// clinician "not reported: ..."), never as if they had been ticked.
pub fn quote(bank: &Bank, audience: Audience, s: &[Said]) -> String {
    let q = |x: &Said| format!("\"{}\"", x.text);
    let mut parts: Vec<String> = s.iter().filter(|x| x.ticked).map(q).collect();
    let unticked: Vec<String> = s.iter().filter(|x| !x.ticked).map(q).collect();
    if !unticked.is_empty() {
        let or = format!(" {} ", bank.ui("result.or"));
        let key = match audience {
            Audience::Patient => "result.did_not_tick",
            Audience::Clinician => "result.not_reported",
        };
        parts.push(bank.ui_fill(key, &[("options", &unticked.join(&or))]));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests;
