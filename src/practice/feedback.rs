//! Judging a practice interview against the case's answer key: the
//! diagnosis, the urgency, the red flags not asked about (first, and the cauda
//! equina screen above all), the findings that would have separated the
//! student's choice from the right one (or, with the right choice, those
//! that tell it from the next most likely and were never asked), and the
//! questions asked against those the decision tree needed. A score out of 100
//! with its breakdown.

use indexmap::IndexSet;

use crate::bank::{Bank, Findings, Urgency};
use crate::engine::{interview, triage};

use super::interview::Interview;

/// Points available for each part of the score.
pub const DIAGNOSIS_POINTS: u32 = 40;
pub const URGENCY_POINTS: u32 = 25;
pub const RED_FLAG_POINTS: u32 = 25;
pub const EFFICIENCY_POINTS: u32 = 10;
/// Of the red-flag points, those for the cauda equina screen.
pub const CES_POINTS: u32 = 15;
/// The most separating findings the feedback lists.
pub const SEPARATORS: usize = 4;

/// A red-flag screen the student did not (fully) ask about.
#[derive(Debug, Clone, PartialEq)]
pub struct MissedFlag {
    /// The red flag's title (the cauda equina screen's own name for it).
    pub title: String,
    /// The findings of it never asked about.
    pub findings: Vec<String>,
    /// Missing the cauda equina screen: a serious miss whatever the answer.
    pub serious: bool,
    /// Whether this patient actually had it.
    pub present: bool,
}

/// A finding that separates the right diagnosis from the student's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Separator {
    pub finding: String,
    pub value: String,
    /// How much more it favours the right diagnosis (log likelihood ratio).
    pub weight: f64,
    pub asked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub diagnosis: u32,
    pub urgency: u32,
    pub red_flags: u32,
    pub efficiency: u32,
}

impl Score {
    pub fn total(&self) -> u32 {
        self.diagnosis + self.urgency + self.red_flags + self.efficiency
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub case_id: String,
    /// Diagnosis indices, the student's order.
    pub differential: Vec<usize>,
    pub expected: usize,
    /// Where the right diagnosis stood in the student's list (0 = first).
    pub right_at: Option<usize>,
    pub urgency: Urgency,
    pub expected_urgency: Urgency,
    pub missed_red_flags: Vec<MissedFlag>,
    /// The diagnosis `separators` tell the right one from: the student's
    /// first choice when it is wrong; when it is right, the one the engine
    /// ranks next for this patient.
    pub rival: Option<usize>,
    /// With a wrong first choice, what would have told it from the right
    /// one; with a right one, what tells the right one from the rival and
    /// was never asked (right, but not shown to be).
    pub separators: Vec<Separator>,
    pub asked: usize,
    /// Questions the decision tree asked this patient.
    pub needed: usize,
    pub score: Score,
}

impl Feedback {
    pub fn correct(&self) -> bool {
        self.right_at == Some(0)
    }

    pub fn under_triaged(&self) -> bool {
        self.urgency < self.expected_urgency
    }
}

pub fn judge(bank: &Bank, iv: &Interview, differential: &[usize], urgency: Urgency) -> Feedback {
    let case = &iv.case.case;
    let key = case.expected.clone().unwrap_or_default();
    let expected = bank.diagnosis_index(&key.diagnosis).unwrap_or(0);
    // The right diagnosis, or one the key also accepts in first place.
    let accepted =
        |d: usize| d == expected || key.also.iter().any(|a| bank.diagnosis_index(a) == Some(d));
    let expected_urgency = bank.vocab.urgency(&key.urgency).unwrap_or(Urgency(0));

    let right_at = differential
        .iter()
        .position(|&d| d == expected || (accepted(d) && differential[0] == d));
    let diagnosis = match right_at {
        Some(0) => DIAGNOSIS_POINTS,
        Some(1) => 25,
        Some(2) => 15,
        _ => 0,
    };
    let urgency_points = match urgency.0 as i32 - expected_urgency.0 as i32 {
        0 => URGENCY_POINTS,
        1 => 15,
        d if d > 1 => 5,
        _ => 0,
    };

    // Findings the interview covered, and the values its questions can find.
    let covered: Vec<&str> = iv
        .asked
        .iter()
        .flat_map(|a| bank.questions[a.question].finding_keys())
        .collect();
    let can_find = |k: &str, values: &[String]| {
        iv.asked.iter().any(|a| {
            bank.questions[a.question]
                .options
                .iter()
                .flat_map(|o| o.sets.iter())
                .any(|(fk, fv)| fk == k && values.contains(fv))
        })
    };
    let screen_gaps = |c: &crate::bank::Condition| -> Vec<String> {
        c.all
            .iter()
            .chain(c.any.iter())
            .filter(|(k, vs)| !can_find(k, vs))
            .map(|(k, _)| k.clone())
            .collect()
    };
    // Red-flag screens: the emergency (cauda equina) flags form one screen.
    let top_level = bank
        .red_flags
        .iter()
        .map(|f| f.urgency)
        .max()
        .unwrap_or(Urgency(0));
    let (ces, others): (Vec<_>, Vec<_>) =
        bank.red_flags.iter().partition(|f| f.urgency == top_level);
    let present = |f: &crate::bank::RedFlag| f.condition.matches(&case.findings);
    let mut missed: Vec<MissedFlag> = others
        .iter()
        .map(|f| MissedFlag {
            title: f.title.clone(),
            findings: screen_gaps(&f.condition),
            serious: false,
            present: present(f),
        })
        .filter(|m| !m.findings.is_empty())
        .collect();
    let other_share = if others.is_empty() {
        1.0
    } else {
        (others.len() - missed.len()) as f64 / others.len() as f64
    };
    let ces_not_asked: IndexSet<String> =
        ces.iter().flat_map(|f| screen_gaps(&f.condition)).collect();
    let ces_asked = ces_not_asked.is_empty();
    if !ces_asked {
        let ces = MissedFlag {
            title: bank.ui("practice.ces_screen").to_string(),
            findings: ces_not_asked.into_iter().collect(),
            serious: true,
            present: ces.iter().any(|f| present(f)),
        };
        missed.insert(0, ces);
    }
    let red_flags = if ces_asked { CES_POINTS } else { 0 }
        + ((RED_FLAG_POINTS - CES_POINTS) as f64 * other_share).round() as u32;

    let walk = interview(bank, &case.findings);
    let needed = walk.as_ref().map_or(0, |w| w.steps.len());
    let asked = iv.asked.len();
    // Efficiency counts only with the right diagnosis: few questions and a
    // wrong answer is haste, not skill.
    let efficiency = if diagnosis == DIAGNOSIS_POINTS {
        EFFICIENCY_POINTS.saturating_sub(asked.saturating_sub(needed + 3) as u32)
    } else {
        0
    };

    // What would have told the student's first choice from the right one;
    // with the right one, what tells it from the next most likely and was
    // not asked.
    let right = right_at == Some(0);
    let rival = match differential.first() {
        Some(&chosen) if !right => Some(chosen),
        Some(_) => walk.as_ref().ok().and_then(|w| {
            let ranked = triage(bank, w).ranked;
            ranked.iter().map(|r| r.diagnosis).find(|&d| !accepted(d))
        }),
        None => None,
    };
    let mut told = rival.map_or_else(Vec::new, |r| {
        separators(bank, &case.findings, expected, r, &covered)
    });
    if right {
        told.retain(|s| !s.asked);
    }
    told.truncate(SEPARATORS);
    // A right choice has a rival only where something was left unasked.
    let rival = rival.filter(|_| !right || !told.is_empty());

    Feedback {
        case_id: iv.case.id().to_string(),
        differential: differential.to_vec(),
        expected,
        right_at,
        urgency,
        expected_urgency,
        missed_red_flags: missed,
        rival,
        separators: told,
        asked,
        needed,
        score: Score {
            diagnosis,
            urgency: urgency_points,
            red_flags,
            efficiency,
        },
    }
}

/// The findings that favour `right` over `other` in a patient with these
/// findings (the vocabulary's defaults for the rest), most first;
/// `covered` are the finding keys the interview asked about.
fn separators(
    bank: &Bank,
    findings: &Findings,
    right: usize,
    other: usize,
    covered: &[&str],
) -> Vec<Separator> {
    let w = |d: usize, k: &str, v: &str| {
        bank.diagnoses[d]
            .evidence
            .get(k)
            .and_then(|m| m.get(v))
            .copied()
            .unwrap_or(0.0)
    };
    let mut out: Vec<Separator> = bank
        .vocab
        .findings
        .keys()
        .filter_map(|k| {
            let v = findings
                .get(k)
                .map(String::as_str)
                .or_else(|| bank.vocab.default_of(k))?;
            let weight = w(right, k, v) - w(other, k, v);
            (weight > 0.0).then(|| Separator {
                finding: k.clone(),
                value: v.to_string(),
                weight,
                asked: covered.contains(&k.as_str()),
            })
        })
        .collect();
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    out
}
