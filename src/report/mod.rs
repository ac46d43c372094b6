//! The result of a questionnaire in words, built once from the engine's
//! `Outcome`, the walk and the bank's texts for one audience and language.
//! Every face renders a `Report` (the full screen, plain mode, `assess
//! --format text`, the Markdown export) and none works the words out again.
//! No terminal and no drawing here.

pub mod assess;
pub mod explain;
pub mod finding;
pub mod text;

pub use assess::{AssessJson, DiagnosisJson, assess_json, assess_text};

use crate::audience::Audience;
use crate::bank::{Bank, Urgency};
use crate::engine::{Answers, Contribution, Outcome, Ranked, Reason, Walk};
use explain::{Said, option_text, question_quote, said};

/// How many diagnoses a result lists.
pub const LISTED: usize = 3;

/// A cause below the first is "possible" to a patient from this score, "less
/// likely" under it.
const POSSIBLE: f64 = 0.2;

/// A screen text for an audience: the clinician's own wording
/// (`clinician.KEY` in ui.toml) where there is one, else the shared text.
pub fn say<'b>(bank: &'b Bank, audience: Audience, key: &str) -> &'b str {
    if audience == Audience::Clinician
        && let Some(text) = bank.ui.get(&format!("clinician.{key}"))
    {
        return text;
    }
    bank.ui(key)
}

/// `say` with `{name}` placeholders filled in.
pub fn say_fill(bank: &Bank, audience: Audience, key: &str, values: &[(&str, &str)]) -> String {
    crate::bank::fill(say(bank, audience, key), values)
}

/// What an urgency level means on a screen: the screen wording for it
/// (`meaning.ID` in ui.toml, where the number to call is left to the call
/// line so that it is named once), else the bank's own.
pub fn screen_meaning(bank: &Bank, u: Urgency) -> &str {
    let level = &bank.vocab.urgencies[u.0 as usize];
    bank.ui
        .get(&format!("meaning.{}", level.id))
        .map_or(level.meaning.as_str(), String::as_str)
}

/// Whether `u` is the most urgent level, the one that names a number to call.
pub fn most_urgent(bank: &Bank, u: Urgency) -> bool {
    u.0 as usize + 1 == bank.vocab.urgencies.len()
}

/// The number to call: the configured one, else "your local emergency
/// number" ("the local ..." for a clinician), in the bank's language.
pub fn number<'a>(bank: &'a Bank, audience: Audience, configured: Option<&'a str>) -> &'a str {
    configured.unwrap_or_else(|| say(bank, audience, "app.local_number"))
}

/// "Call 112 now.", with the [`number`] to call.
pub fn call_now(bank: &Bank, audience: Audience, emergency_number: Option<&str>) -> String {
    let number = number(bank, audience, emergency_number);
    bank.ui_fill("app.call_now", &[("number", number)])
}

/// A relative score as shown to clinicians, two decimals, never rounded up
/// to certainty or down to nothing.
pub fn score_text(score: f64) -> String {
    match score {
        s if s >= 0.995 => "> 0.99".to_string(),
        s if s < 0.005 => "< 0.01".to_string(),
        s => format!("{s:.2}"),
    }
}

/// The result's content, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub audience: Audience,
    /// The urgency's id (`emergency`, `routine`, ...).
    pub urgency_id: String,
    /// The urgency's short name in the bank's language ("EMERGENCY").
    pub urgency_name: String,
    /// What the urgency means: when and where to get care.
    pub urgency_meaning: String,
    /// For the most urgent level, the number to call ("Call 112 now.").
    pub call: Option<String>,
    /// Why this urgency, one sentence for each reason.
    pub reasons: Vec<String>,
    /// The red flags that fired, in the order they fired.
    pub red_flags: Vec<FlagText>,
    /// A red flag ended the questionnaire early.
    pub stopped_early: bool,
    /// The urgency's meaning again when a warning sign or an unsure answer
    /// raised it above what the likely cause needs: that comes first.
    pub first: Option<String>,
    /// For patients, what to do now: the likely cause's advice, or the
    /// urgency's own when the urgency was raised above the likely cause's.
    pub do_now: Option<String>,
    /// For patients, who to see and where (following the urgency as
    /// `do_now` does).
    pub care_where: Option<String>,
    /// The causes listed, most likely first.
    pub diagnoses: Vec<Listed>,
    /// How many causes are left out of the list (a patient's emergency shows
    /// only the causes the emergency rests on).
    pub folded: usize,
    /// For patients, self-care, unless a cause in view is one self-care
    /// could harm.
    pub self_care: Option<String>,
    /// For patients, when to get care sooner.
    pub seek_care: Option<String>,
    /// For clinicians, what the scores are.
    pub score_note: Option<String>,
    /// "This is not a diagnosis ...": for patients with the emergency
    /// number, for clinicians the safety net.
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
    /// How likely: in words for patients ("(most likely)"), the relative
    /// score and its basis for clinicians.
    pub label: String,
    pub score: f64,
    pub estimated: bool,
    /// What fits it, already quoted: "Because you said: ..." for patients,
    /// "reported ...; not reported ..." for clinicians.
    pub because: Option<String>,
    /// For clinicians, what does not fit, already quoted.
    pub against: Option<String>,
    /// For clinicians: what to examine, image and refer.
    pub examine: Vec<String>,
    pub image: Vec<String>,
    pub refer: Vec<String>,
    /// For clinicians, the score's sum as the engine made it: the prior's
    /// log-odds, then each finding's weight (for, strongest first, then
    /// against), ending at `log_odds`.
    pub prior_log_odds: f64,
    pub weights: Vec<Weight>,
    pub log_odds: f64,
}

/// One finding's weight on a diagnosis, as the engine counted it.
#[derive(Debug, Clone, PartialEq)]
pub struct Weight {
    /// The finding as it was reported, in clinical words.
    pub finding: String,
    /// Natural log of the likelihood ratio as counted: above 0 for.
    pub log_lr: f64,
    /// Counted at less than full weight (its group already counted).
    pub damped: bool,
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
        let emergency = most_urgent(bank, outcome.urgency);
        let top = outcome.ranked.first().map(|r| &bank.diagnoses[r.diagnosis]);
        let raised = top.is_some_and(|d| outcome.urgency > d.urgency_for(&walk.findings));
        let meaning = screen_meaning(bank, outcome.urgency).to_string();
        // The causes the urgency rests on: a patient's emergency lists only
        // these, the rest folded away.
        let behind: Vec<usize> = outcome
            .reasons
            .iter()
            .filter_map(|r| match *r {
                Reason::Diagnosis(d) | Reason::Suspected(d) => Some(d),
                Reason::RedFlag(f) => bank.red_flags[f].diagnosis,
                _ => None,
            })
            .collect();
        // A history stopped at a red flag ranks the rest on little more than
        // age and sex: for either audience only the flag's causes are listed.
        let stopped = outcome.stopped_by.is_some();
        let only_behind = (!clin && emergency) || stopped;
        let shown: Vec<(usize, &Ranked)> = outcome
            .ranked
            .iter()
            .take(LISTED)
            .enumerate()
            .filter(|(_, r)| !only_behind || behind.contains(&r.diagnosis))
            .collect();
        let folded = outcome.ranked.len().min(LISTED) - shown.len();
        let quoted = |c: &[Contribution]| {
            let s = said(bank, walk, answers, audience, c);
            (!s.is_empty()).then(|| quote(bank, audience, &s))
        };
        let diagnoses = shown
            .into_iter()
            .map(|(i, r)| {
                let d = &bank.diagnoses[r.diagnosis];
                let score = score_text(r.score);
                let score = [("score", score.as_str())];
                let label = match i {
                    _ if clin && stopped => say(bank, audience, "result.not_scored").to_string(),
                    _ if clin && d.estimated => bank.ui_fill("result.score_estimated", &score),
                    _ if clin => bank.ui_fill("result.score", &score),
                    // Patients never see a number: how likely, in words.
                    0 => bank.ui("result.most_likely").to_string(),
                    _ if r.score >= POSSIBLE => bank.ui("result.possible").to_string(),
                    _ => bank.ui("result.less_likely").to_string(),
                };
                let weights = r
                    .because
                    .iter()
                    .chain(&r.against)
                    .filter(|_| clin)
                    .map(|c| Weight {
                        finding: finding_words(bank, walk, answers, c),
                        log_lr: c.weight,
                        damped: c.damped,
                    })
                    .collect();
                let only_clin = |v: &Vec<String>| if clin { v.clone() } else { Vec::new() };
                Listed {
                    id: d.id.clone(),
                    name: audience.pick(&d.name, &d.clinician_name).clone(),
                    explanation: audience.pick(&d.plain, &d.clinician).clone(),
                    label,
                    score: r.score,
                    estimated: d.estimated,
                    because: quoted(&r.because),
                    // Every listed cause says what argues against it, if only that
                    // nothing does.
                    against: clin.then(|| {
                        quoted(&r.against)
                            .unwrap_or_else(|| bank.ui("result.against_none").to_string())
                    }),
                    examine: only_clin(&d.examine),
                    image: only_clin(&d.image),
                    refer: only_clin(&d.refer),
                    prior_log_odds: r.prior_log_odds,
                    weights,
                    log_odds: r.log_odds,
                }
            })
            .collect();
        // Advice for the patient: the likely cause's, unless the urgency was
        // raised above it, or is an emergency for a cause whose advice was
        // written for a lesser level (an aneurysm seen "today" until it
        // tears), when the urgency's own (`SECTION.LEVEL` in ui.toml, else
        // its meaning) comes instead.
        let own_level = top.is_some_and(|d| d.urgency == outcome.urgency);
        let advice = |f: fn(&crate::bank::Diagnosis) -> String, section: &str| {
            if clin {
                None
            } else if raised || (emergency && !own_level) {
                let text = bank.ui.get(&format!("{section}.{}", level.id));
                Some(text.cloned().unwrap_or_else(|| meaning.clone()))
            } else {
                top.map(f)
            }
        };
        let to_call = [("number", number(bank, audience, emergency_number))];
        Report {
            audience,
            urgency_id: level.id.clone(),
            urgency_name: bank.ui(&format!("urgency.{}", level.id)).to_string(),
            urgency_meaning: meaning.clone(),
            call: emergency.then(|| call_now(bank, audience, emergency_number)),
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
                        text: audience.pick(&flag.patient, &flag.clinician).clone(),
                    }
                })
                .collect(),
            stopped_early: stopped,
            first: raised.then(|| meaning.clone()),
            do_now: advice(|d| d.do_now.clone(), "act"),
            care_where: advice(|d| d.care_where.clone(), "who"),
            diagnoses,
            folded,
            self_care: top
                .and_then(|d| d.self_care.clone())
                .filter(|_| !clin && !outcome.self_care_held && !emergency),
            seek_care: top.map(|d| d.seek_care.clone()).filter(|_| !clin),
            score_note: clin.then(|| bank.ui("result.score_note").to_string()),
            // The clinician's wording names no number.
            not_a_diagnosis: say_fill(bank, audience, "result.not_a_diagnosis", &to_call),
        }
    }

    /// Whether the report is in the clinician's words.
    pub fn for_clinician(&self) -> bool {
        self.audience == Audience::Clinician
    }

    /// A screen text in this report's audience's words.
    pub fn say<'b>(&self, bank: &'b Bank, key: &str) -> &'b str {
        say(bank, self.audience, key)
    }
}

/// One finding, in the clinical words of the answer that gave it (the
/// finding's id and value when no answer did).
fn finding_words(bank: &Bank, walk: &Walk, answers: &Answers, c: &Contribution) -> String {
    let one = std::slice::from_ref(c);
    let s = said(bank, walk, answers, Audience::Clinician, one);
    if s.is_empty() {
        return format!("{} = {}", c.finding, c.value);
    }
    let words = |x: &Said| {
        let text = x
            .question
            .as_ref()
            .map_or_else(|| x.text.clone(), |q| format!("{q}: {}", x.text));
        if x.ticked {
            text
        } else {
            bank.ui_fill("result.unticked_finding", &[("option", &text)])
        }
    };
    s.iter().map(words).collect::<Vec<_>>().join("; ")
}

/// One reason for the urgency, as a sentence.
fn reason(bank: &Bank, audience: Audience, r: &Reason) -> String {
    let name = |d: usize| audience.pick(&bank.diagnoses[d].name, &bank.diagnoses[d].clinician_name);
    let fill = |key: &str, values: &[(&str, &str)]| say_fill(bank, audience, key, values);
    match *r {
        Reason::RedFlag(f) => fill("result.reason_flag", &[("flag", &bank.red_flags[f].title)]),
        Reason::Floor { question, option } => fill(
            "result.reason_floor",
            &[
                ("option", option_text(bank, audience, question, option)),
                ("question", question_quote(bank, audience, question)),
            ],
        ),
        Reason::NotSure { question } => fill(
            "result.reason_not_sure",
            &[("question", question_quote(bank, audience, question))],
        ),
        Reason::Diagnosis(d) => fill("result.reason_diagnosis", &[("diagnosis", name(d))]),
        Reason::Suspected(d) => fill("result.reason_suspected", &[("diagnosis", name(d))]),
    }
}

/// Answers quoted as the person gave them: a single answer with its
/// question, ticked options in quotes, then the options left unticked said
/// as such ("you did not tick ...", or for a clinician "reported ...; not
/// reported ..."), never as if they had been ticked.
pub fn quote(bank: &Bank, audience: Audience, s: &[Said]) -> String {
    let fill = |key: &str, values: &[(&str, &str)]| say_fill(bank, audience, key, values);
    let q = |x: &Said| match &x.question {
        Some(question) => fill(
            "result.answer_to",
            &[("question", question), ("answer", &x.text)],
        ),
        None => format!("\"{}\"", x.text),
    };
    // The ticked options, or the unticked, listed in the sentence of `key`.
    let list = |ticked: bool, key: &str, or: &str| {
        let options: Vec<String> = s.iter().filter(|x| x.ticked == ticked).map(q).collect();
        (!options.is_empty()).then(|| fill(key, &[("options", &options.join(or))]))
    };
    let or = format!(" {} ", bank.ui("result.or"));
    let parts = [
        list(true, "result.ticked", "; "),
        list(false, "result.did_not_tick", &or),
    ];
    parts.into_iter().flatten().collect::<Vec<_>>().join("; ")
}
