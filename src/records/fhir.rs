//! HL7 FHIR R4 exports: the bank as a Questionnaire (branching as
//! `enableWhen`) and a record as the matching QuestionnaireResponse.

use serde_json::{Value, json};

use crate::bank::{Bank, Kind, Target};

use super::record::Record;

/// The Questionnaire's canonical URL.
pub const QUESTIONNAIRE_URL: &str = "urn:hamstring-triage:questionnaire";

/// The code system of one question's options.
fn system(question: &str) -> String {
    format!("urn:hamstring-triage:option:{question}")
}

/// A FHIR id: letters, digits, '-' and '.', at most 64 characters.
fn fhir_id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect()
}

/// The bank as a FHIR R4 Questionnaire. A question is enabled when any answer
/// that leads to it was given (for a multi-select question, or when every
/// option leads on: when that question was answered at all).
pub fn questionnaire(bank: &Bank, clinician: bool) -> Value {
    let n = bank.questions.len();
    // enableWhen conditions per question.
    let mut conditions: Vec<Vec<Value>> = vec![Vec::new(); n];
    for (qi, q) in bank.questions.iter().enumerate() {
        let targets: Vec<Target> = match q.kind {
            Kind::Single => q.options.iter().map(|o| o.next).collect(),
            Kind::Multi => vec![q.next.unwrap_or(Target::Result)],
        };
        let mut seen = Vec::new();
        for t in &targets {
            let Target::Question(m) = *t else { continue };
            if seen.contains(&m) {
                continue;
            }
            seen.push(m);
            let all_lead_here = targets.iter().all(|x| *x == Target::Question(m));
            if q.kind == Kind::Multi || all_lead_here {
                conditions[m].push(json!({
                    "question": q.id, "operator": "exists", "answerBoolean": true
                }));
            } else {
                for o in q.options.iter().filter(|o| o.next == Target::Question(m)) {
                    conditions[m].push(json!({
                        "question": q.id, "operator": "=",
                        "answerCoding": {"system": system(&q.id), "code": o.id}
                    }));
                }
            }
        }
        let _ = qi;
    }
    let items: Vec<Value> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let mut item = json!({
                "linkId": q.id,
                "text": if clinician { &q.clinician } else { &q.patient },
                "type": "choice",
                "required": qi == bank.start,
                "repeats": q.kind == Kind::Multi,
                "answerOption": q.options.iter().map(|o| json!({
                    "valueCoding": {
                        "system": system(&q.id),
                        "code": o.id,
                        "display": if clinician { &o.clinician } else { &o.label },
                    }
                })).collect::<Vec<_>>(),
            });
            if !conditions[qi].is_empty() && qi != bank.start {
                item["enableWhen"] = Value::Array(conditions[qi].clone());
                item["enableBehavior"] = json!("any");
            }
            item
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "id": fhir_id(&format!("hamstring-triage-{}", bank.version)),
        "url": QUESTIONNAIRE_URL,
        "version": bank.version,
        "name": "HamstringTriage",
        "title": bank.name,
        "status": "active",
        "subjectType": ["Patient"],
        "description": "A history of buttock and hamstring pain for triage. Questions after a red-flag answer are not asked: the questionnaire ends there with emergency or urgent advice.",
        "item": items,
    })
}

/// A record as a FHIR R4 QuestionnaireResponse to the Questionnaire above.
pub fn questionnaire_response(r: &Record) -> Value {
    let items: Vec<Value> = r
        .answers
        .iter()
        .map(|a| {
            json!({
                "linkId": a.question,
                "text": a.wording,
                "answer": a.answers.iter().map(|o| json!({
                    "valueCoding": {
                        "system": system(&a.question),
                        "code": o.option,
                        "display": o.label,
                    }
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(&r.code),
        "identifier": {"system": "urn:hamstring-triage:record", "value": r.code},
        "questionnaire": format!("{QUESTIONNAIRE_URL}|{}", r.bank.version),
        "status": "completed",
        "authored": r.created,
        "language": r.language,
        "item": items,
    })
}
