use super::*;
use crate::case::load_case;
use crate::engine::{interview, triage};

fn said(text: &str, ticked: bool) -> Said {
    Said {
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
        "\"Sitting\"; not reported: \"Numbness\""
    );
    assert_eq!(quote(&bank, Audience::Clinician, &s[..1]), "\"Sitting\"");
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
            assert_eq!(r.diagnoses.len(), outcome.ranked.len().min(LISTED));
            let top = &bank.diagnoses[outcome.ranked[0].diagnosis];
            assert_eq!(
                r.first.is_some(),
                outcome.urgency > top.urgency_for(&walk.findings),
                "{name}"
            );
            if outcome.self_care_held {
                assert_eq!(r.self_care, None, "{name}");
            }
            assert!(r.not_a_diagnosis.contains("112"));
            if audience == Audience::Patient {
                // Patients see neither what argues against nor what to examine.
                for d in &r.diagnoses {
                    assert!(d.against.is_none() && d.examine.is_empty(), "{name}");
                }
            }
        }
    }
}
