//! The Report: quotes of what was said, the report built from an outcome,
//! and a finding said in the bank's words.

use hamstring_triage::audience::Audience;
use hamstring_triage::bank::Bank;
use hamstring_triage::case::load_case;
use hamstring_triage::engine::{Answers, interview, triage};
use hamstring_triage::report::explain::{self, Said};
use hamstring_triage::report::finding::{FindingText, FindingValue, finding_text};
use hamstring_triage::report::*;

fn said(text: &str, ticked: bool) -> Said {
    Said {
        question: None,
        text: text.to_string(),
        ticked,
    }
}

#[test]
fn an_unticked_option_is_never_quoted_as_if_ticked() {
    let bank = Bank::builtin().unwrap();
    let s = [said("Sitting", true), said("Numbness", false)];
    assert_eq!(
        quote(&bank, Audience::Patient, &s),
        "\"Sitting\"; you did not tick \"Numbness\""
    );
    assert_eq!(
        quote(&bank, Audience::Clinician, &s),
        "reported \"Sitting\"; not reported \"Numbness\""
    );
    assert_eq!(
        quote(&bank, Audience::Clinician, &s[..1]),
        "reported \"Sitting\""
    );
}

/// A single answer ("No", "50 or over") is quoted with the question it
/// answers: the asking sentence for a patient, the label for a clinician.
#[test]
fn a_single_answer_is_quoted_with_its_question() {
    let bank = Bank::builtin().unwrap();
    let q = bank.question_index["age"];
    let s = [Said {
        question: Some(explain::question_quote(&bank, Audience::Patient, q).to_string()),
        text: "50 to 64".to_string(),
        ticked: true,
    }];
    assert_eq!(
        quote(&bank, Audience::Patient, &s),
        "\"50 to 64\" to \"How old are you?\""
    );
    assert_eq!(
        explain::question_quote(&bank, Audience::Clinician, q),
        bank.questions[q].clinician
    );
}

/// Every case of the bank's library, in both audiences, gives a report that
/// says what the outcome says.
#[test]
fn a_report_says_what_the_outcome_says() {
    let bank = Bank::builtin().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let case = load_case(&path, &bank.vocab).unwrap();
        let walk = interview(&bank, &case.findings).unwrap();
        let answers: Answers = walk
            .steps
            .iter()
            .map(|s| (s.question, s.chosen.clone()))
            .collect();
        let outcome = triage(&bank, &walk);
        for audience in [Audience::Patient, Audience::Clinician] {
            let r = Report::new(&bank, &walk, &answers, &outcome, audience, Some("112"));
            let name = path.display();
            assert_eq!(r.reasons.len(), outcome.reasons.len(), "{name}");
            assert_eq!(r.red_flags.len(), outcome.red_flags.len(), "{name}");
            assert_eq!(
                r.diagnoses.len() + r.folded,
                outcome.ranked.len().min(LISTED)
            );
            let emergency = most_urgent(&bank, outcome.urgency);
            assert_eq!(r.call.is_some(), emergency, "{name}");
            // Only a patient's emergency, or a history a red flag stopped,
            // folds causes away.
            assert!(
                r.folded == 0
                    || (emergency && audience == Audience::Patient)
                    || outcome.stopped_by.is_some(),
                "{name}"
            );
            if outcome.stopped_by.is_some() && audience == Audience::Clinician {
                // A stopped history's causes are the red flag's, and unscored.
                let flagged: Vec<&str> = outcome
                    .red_flags
                    .iter()
                    .filter_map(|&f| bank.red_flags[f].diagnosis)
                    .map(|d| bank.diagnoses[d].id.as_str())
                    .collect();
                for d in &r.diagnoses {
                    assert!(flagged.contains(&d.id.as_str()), "{name}: {}", d.id);
                    assert!(!d.label.chars().any(|c| c.is_ascii_digit()), "{name}");
                }
            }
            let top = &bank.diagnoses[outcome.ranked[0].diagnosis];
            assert_eq!(
                r.first.is_some(),
                outcome.urgency > top.urgency_for(&walk.findings),
                "{name}"
            );
            // An emergency's advice is written for an emergency: the
            // level's own, unless the likely cause's is (cauda equina).
            if emergency && audience == Audience::Patient && top.urgency != outcome.urgency {
                assert_eq!(
                    r.do_now.as_deref(),
                    Some(bank.ui("act.emergency")),
                    "{name}"
                );
                assert_eq!(
                    r.care_where.as_deref(),
                    Some(bank.ui("who.emergency")),
                    "{name}"
                );
            }
            if outcome.self_care_held {
                assert_eq!(r.self_care, None, "{name}");
            }
            if let Some(call) = &r.call {
                assert!(call.contains("112"), "{name}");
            }
            if audience == Audience::Patient {
                assert!(r.not_a_diagnosis.contains("112"));
                // Patients see neither what argues against nor what to examine.
                for d in &r.diagnoses {
                    assert!(d.against.is_none() && d.examine.is_empty(), "{name}");
                    assert!(d.weights.is_empty(), "{name}");
                }
                // When the urgency is above the likely cause's, the advice
                // is the urgency's, not the cause's.
                if r.first.is_some() {
                    assert_ne!(r.do_now.as_deref(), Some(top.do_now.as_str()), "{name}");
                    assert_ne!(
                        r.care_where.as_deref(),
                        Some(top.care_where.as_str()),
                        "{name}"
                    );
                }
            } else {
                // Clinicians get no patient advice, and every listed cause
                // says what argues against it; its weights sum to its score.
                assert!(r.do_now.is_none() && r.self_care.is_none() && r.seek_care.is_none());
                for d in &r.diagnoses {
                    assert!(d.against.is_some(), "{name}");
                    let sum: f64 =
                        d.prior_log_odds + d.weights.iter().map(|w| w.log_lr).sum::<f64>();
                    assert!((sum - d.log_odds).abs() < 1e-9, "{name}");
                }
            }
        }
    }
}

fn words(bank: &Bank, key: &str, value: &str) -> FindingText {
    finding_text(bank, Audience::Clinician, key, value, None)
        .unwrap_or_else(|| panic!("{key} = {value} has no words"))
}

#[test]
fn a_finding_is_said_by_its_question_and_option() {
    let bank = Bank::load(None).unwrap();
    let w = words(&bank, "mechanism", "forced_split");
    assert_eq!(w.what, "Mechanism of injury");
    assert_eq!(
        w.value,
        FindingValue::Answer("Forced hip flexion with knee extension".into())
    );
    // Set alongside the onset, but said by the mechanism question.
    assert_eq!(
        words(&bank, "mechanism", "none").what,
        "Mechanism of injury"
    );
    let w = words(&bank, "eased_by_changing_position", "true");
    assert_eq!(
        (w.what.as_str(), &w.value),
        ("Eased by change of spinal position", &FindingValue::Present)
    );
    let w = words(&bank, "eased_by_changing_position", "false");
    assert_eq!(w.value, FindingValue::Absent);
    // Two lines whose leaving unticked says the same.
    let w = words(&bank, "walking_pain", "none");
    assert!(w.what.contains(" or "), "{w:?}");
    // Spanish words from the Spanish bank.
    let es = bank.localized("es").unwrap();
    let w = finding_text(&es, Audience::Clinician, "mechanism", "forced_split", None).unwrap();
    assert_ne!(w.what, "Mechanism of injury");
    assert!(finding_text(&bank, Audience::Clinician, "nope", "x", None).is_none());
}

#[test]
fn every_value_an_answer_can_give_has_words() {
    let bank = Bank::load(None).unwrap();
    let mut n = 0;
    for q in &bank.questions {
        for opt in &q.options {
            for (k, v) in opt.sets.iter().chain(opt.unticked.iter()) {
                n += 1;
                let w = words(&bank, k, v);
                assert!(!w.what.contains('_'), "{k} = {v}: {w:?}");
            }
        }
    }
    assert!(n > 50, "{n} values");
}
