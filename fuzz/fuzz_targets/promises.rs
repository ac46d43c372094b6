//! What every fuzz target checks: a refused input has problems located from
//! line and column 1 with a message; a value goes on through everything
//! that would use it. A panic anywhere is a crash for libFuzzer to report.

#![allow(dead_code)]

use hamstring_triage::bank::{Bank, Findings, Problem};
use hamstring_triage::engine::{interview, triage};
use hamstring_triage::records::{Record, fhir, markdown};
use hamstring_triage::report::{assess_json, assess_text};

pub fn located(problems: &[Problem]) {
    assert!(!problems.is_empty(), "refused with no problem given");
    for p in problems {
        assert!(p.line >= 1 && p.column >= 1, "not located from 1: {p}");
        assert!(!p.message.trim().is_empty() && !p.file.is_empty(), "{p:?}");
    }
}

pub fn use_record(record: &Record) {
    let _ = markdown::to_markdown(record);
    let _ = fhir::questionnaire_response(record);
    let back = Record::from_json(&record.to_json(), "round-trip.json")
        .expect("a record written can be read back");
    assert!(&back == record, "a record changed in a round trip");
}

pub fn use_bank(bank: &Bank) {
    located_or_none(&hamstring_triage::bank::validate::validate(bank));
    if !hamstring_triage::bank::validate::cycles(bank).is_empty() {
        return;
    }
    let _ = fhir::questionnaire(bank, false);
    let mut languages = vec!["en".to_string()];
    languages.extend(bank.languages.iter().cloned());
    for lang in languages {
        let Ok(b) = bank.localized(&lang) else { continue };
        let first: Findings = b
            .vocab
            .findings
            .values()
            .map(|f| (f.key.clone(), f.values[0].clone()))
            .collect();
        for stated in [Findings::new(), first] {
            if let Ok(walk) = interview(&b, &stated) {
                let outcome = triage(&b, &walk);
                let _ = assess_text(&b, &walk, &outcome);
                let _ = serde_json::to_string(&assess_json(&b, &walk, &outcome));
                let r = Record::new(&b, &walk, &outcome, true, "ABC-234".into(), "t".into());
                use_record(&r);
            }
        }
    }
}

fn located_or_none(problems: &[Problem]) {
    if !problems.is_empty() {
        located(problems);
    }
}
