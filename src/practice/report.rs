//! Feedback as text: the same words for plain mode and the practice screen.

use crate::audience::Audience;
use crate::bank::Bank;
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
    let name = |d: usize| bank.diagnoses[d].clinician_name.clone();
    let urgency = |u: crate::bank::Urgency| {
        bank.ui(&format!("urgency.{}", bank.vocab.urgency_id(u)))
            .to_string()
    };

    for m in &f.missed_red_flags {
        let had = if m.present {
            bank.ui("practice.flag_present")
        } else {
            bank.ui("practice.flag_absent")
        };
        let text = if m.serious {
            bank.ui_fill("practice.missed_ces", &[("flag", &m.title), ("had", had)])
        } else {
            bank.ui_fill("practice.missed_flag", &[("flag", &m.title), ("had", had)])
        };
        say(text, m.serious);
    }
    if f.under_triaged() {
        say(
            bank.ui_fill(
                "practice.under_triaged",
                &[
                    ("yours", &urgency(f.urgency)),
                    ("right", &urgency(f.expected_urgency)),
                ],
            ),
            true,
        );
    }
    let right = name(f.expected);
    match f.right_at {
        Some(0) => say(
            bank.ui_fill("practice.diagnosis_right", &[("diagnosis", &right)]),
            false,
        ),
        Some(i) => say(
            bank.ui_fill(
                "practice.diagnosis_lower",
                &[("diagnosis", &right), ("place", &(i + 1).to_string())],
            ),
            false,
        ),
        None => say(
            bank.ui_fill("practice.diagnosis_wrong", &[("diagnosis", &right)]),
            false,
        ),
    }
    if f.urgency == f.expected_urgency {
        say(
            bank.ui_fill(
                "practice.urgency_right",
                &[("urgency", &urgency(f.urgency))],
            ),
            false,
        );
    } else if !f.under_triaged() {
        say(
            bank.ui_fill(
                "practice.over_triaged",
                &[
                    ("yours", &urgency(f.urgency)),
                    ("right", &urgency(f.expected_urgency)),
                ],
            ),
            false,
        );
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
            bank.ui_fill(key, &[("chosen", &name(rival)), ("right", &right)]),
            false,
        );
        for s in &f.separators {
            let asked = if s.asked {
                bank.ui("practice.asked")
            } else {
                bank.ui("practice.not_asked")
            };
            // In the bank's clinical words: the question and this patient's
            // answer, or the line and whether this patient has it.
            let (what, value) =
                match finding_text(bank, Audience::Clinician, &s.finding, &s.value, None) {
                    Some(w) => {
                        let value = match w.value {
                            FindingValue::Answer(a) => a,
                            FindingValue::Present => {
                                bank.ui("practice_feedback.present").to_string()
                            }
                            FindingValue::Absent => bank.ui("practice_feedback.absent").to_string(),
                        };
                        (w.what, value)
                    }
                    None => (s.finding.clone(), s.value.clone()),
                };
            say(format!("  - {what}: {value} ({asked})"), false);
        }
    }
    let questions = |n| {
        count(
            bank,
            n,
            "practice_feedback.questions_one",
            "practice_feedback.questions_other",
        )
    };
    say(
        bank.ui_fill(
            "practice_feedback.efficiency",
            &[
                ("asked", &questions(f.asked)),
                ("needed", &questions(f.needed)),
            ],
        ),
        false,
    );
    say(
        bank.ui_fill(
            "practice.teaching",
            &[
                ("diagnosis", &right),
                ("text", &bank.diagnoses[f.expected].clinician),
            ],
        ),
        false,
    );
    let s = f.score;
    say(
        bank.ui_fill(
            "practice.score",
            &[
                ("total", &s.total().to_string()),
                ("diagnosis", &format!("{}/{DIAGNOSIS_POINTS}", s.diagnosis)),
                ("urgency", &format!("{}/{URGENCY_POINTS}", s.urgency)),
                ("flags", &format!("{}/{RED_FLAG_POINTS}", s.red_flags)),
                ("ces", &CES_POINTS.to_string()),
                (
                    "efficiency",
                    &format!("{}/{EFFICIENCY_POINTS}", s.efficiency),
                ),
            ],
        ),
        false,
    );
    out
}

/// A number of things in words, singular or plural: the text of key `one`
/// for 1, of `other` for any other number, with `{n}` filled in (English and
/// Spanish both say one thing in the singular and 0 in the plural).
pub fn count(bank: &Bank, n: usize, one: &str, other: &str) -> String {
    bank.ui_fill(if n == 1 { one } else { other }, &[("n", &n.to_string())])
}
