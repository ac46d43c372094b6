//! Feedback as text: the same words for plain mode and the practice screen.

use crate::audience::Audience;
use crate::bank::{Bank, Urgency};
use crate::report::finding::{FindingValue, finding_text};

use super::feedback::{
    CES_POINTS, DIAGNOSIS_POINTS, EFFICIENCY_POINTS, Feedback, RED_FLAG_POINTS, URGENCY_POINTS,
};

/// One line of feedback, with how much it matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// A serious miss (a red flag not asked, an under-triage): shown first
    /// and marked.
    pub serious: bool,
}

/// The feedback in reading order: serious misses first, then the verdict on
/// the diagnosis and urgency, what would have separated the choice from the
/// right answer, efficiency, the teaching explanation and the score.
pub fn lines(bank: &Bank, f: &Feedback) -> Vec<Line> {
    let mut out = Vec::new();
    let mut say = |text: String, serious: bool| out.push(Line { text, serious });
    let fill = |key: &str, values: &[(&str, &str)]| bank.ui_fill(key, values);
    let name = |d: usize| bank.diagnoses[d].clinician_name.clone();
    let ui = |key: &str| bank.ui(key).to_string();
    let (yours, expected) = (urgency(bank, f.urgency), urgency(bank, f.expected_urgency));

    for m in &f.missed_red_flags {
        let had = bank.ui(if m.present {
            "practice.flag_present"
        } else {
            "practice.flag_absent"
        });
        let key = if m.serious {
            "practice.missed_ces"
        } else {
            "practice.missed_flag"
        };
        say(fill(key, &[("flag", &m.title), ("had", had)]), m.serious);
    }
    let yours_and_right = [("yours", yours), ("right", expected)];
    if f.under_triaged() {
        say(fill("practice.under_triaged", &yours_and_right), true);
    }
    let right = name(f.expected);
    say(
        match f.right_at {
            Some(0) => fill("practice.diagnosis_right", &[("diagnosis", &right)]),
            Some(i) => fill(
                "practice.diagnosis_lower",
                &[("diagnosis", &right), ("place", &(i + 1).to_string())],
            ),
            None => fill("practice.diagnosis_wrong", &[("diagnosis", &right)]),
        },
        false,
    );
    if f.urgency == f.expected_urgency {
        say(fill("practice.urgency_right", &[("urgency", yours)]), false);
    } else if !f.under_triaged() {
        say(fill("practice.over_triaged", &yours_and_right), false);
    }
    if let (Some(rival), false) = (f.rival, f.separators.is_empty()) {
        // A wrong choice: what tells it from the right one. A right one:
        // what tells it from the next most likely and was never asked.
        let key = if f.correct() {
            "practice_feedback.skipped"
        } else {
            "practice.separators"
        };
        say(
            fill(key, &[("chosen", &name(rival)), ("right", &right)]),
            false,
        );
        for s in &f.separators {
            let asked = bank.ui(if s.asked {
                "practice.asked"
            } else {
                "practice.not_asked"
            });
            // In the bank's clinical words: the question and this patient's
            // answer, or the line and whether this patient has it.
            let text = finding_text(bank, Audience::Clinician, &s.finding, &s.value, None);
            let (what, value) = match text.map(|w| (w.what, w.value)) {
                Some((what, FindingValue::Answer(a))) => (what, a),
                Some((what, FindingValue::Present)) => (what, ui("practice_feedback.present")),
                Some((what, FindingValue::Absent)) => (what, ui("practice_feedback.absent")),
                None => (s.finding.clone(), s.value.clone()),
            };
            say(format!("  - {what}: {value} ({asked})"), false);
        }
    }
    let questions = |n| count(bank, n, "practice_feedback.questions");
    let (asked, needed) = (questions(f.asked), questions(f.needed));
    let efficiency = [("asked", asked.as_str()), ("needed", needed.as_str())];
    say(fill("practice_feedback.efficiency", &efficiency), false);
    let teaching = [
        ("diagnosis", right.as_str()),
        ("text", bank.diagnoses[f.expected].clinician.as_str()),
    ];
    say(fill("practice.teaching", &teaching), false);
    let s = f.score;
    let score = [
        ("total", s.total().to_string()),
        ("diagnosis", format!("{}/{DIAGNOSIS_POINTS}", s.diagnosis)),
        ("urgency", format!("{}/{URGENCY_POINTS}", s.urgency)),
        ("flags", format!("{}/{RED_FLAG_POINTS}", s.red_flags)),
        ("ces", CES_POINTS.to_string()),
        (
            "efficiency",
            format!("{}/{EFFICIENCY_POINTS}", s.efficiency),
        ),
    ];
    let score: Vec<(&str, &str)> = score.iter().map(|(k, v)| (*k, v.as_str())).collect();
    say(fill("practice.score", &score), false);
    out
}

/// An urgency's name in the bank's words.
pub fn urgency(bank: &Bank, u: Urgency) -> &str {
    bank.ui(&format!("urgency.{}", bank.vocab.urgency_id(u)))
}

/// A number of things in words, singular or plural: the text of key
/// `{stem}_one` for 1, of `{stem}_other` for any other number, with `{n}`
/// filled in (English and Spanish both say one thing in the singular and 0
/// in the plural).
pub fn count(bank: &Bank, n: usize, stem: &str) -> String {
    let form = if n == 1 { "one" } else { "other" };
    bank.ui_fill(&format!("{stem}_{form}"), &[("n", &n.to_string())])
}
