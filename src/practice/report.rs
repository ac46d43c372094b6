//! Feedback as text: the same words for plain mode and the practice screen.

use crate::bank::Bank;

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
    let urgency = |u: crate::bank::Urgency| bank.vocab.urgency_id(u).replace('_', " ");

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
    if let (Some(&chosen), false) = (f.differential.first(), f.separators.is_empty()) {
        say(
            bank.ui_fill(
                "practice.separators",
                &[("chosen", &name(chosen)), ("right", &right)],
            ),
            false,
        );
        for s in &f.separators {
            let asked = if s.asked {
                bank.ui("practice.asked")
            } else {
                bank.ui("practice.not_asked")
            };
            let meaning = bank
                .vocab
                .findings
                .get(&s.finding)
                .map_or("", |x| x.means.as_str());
            say(
                format!("  - {} = {} ({asked}): {meaning}", s.finding, s.value),
                false,
            );
        }
    }
    say(
        bank.ui_fill(
            "practice.efficiency",
            &[
                ("asked", &f.asked.to_string()),
                ("needed", &f.needed.to_string()),
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
