//! A record's result as a FHIR R4 RiskAssessment: one prediction per ranked
//! diagnosis, the urgency and the red flags that fired, based on the
//! record's QuestionnaireResponse.

use serde_json::{Value, json};

use crate::bank::{Codes, Coding};

use super::super::record::Record;
use super::{RECORD_SYSTEM, fhir_id};

/// The extension holding the urgency (the project's level, and SNOMED CT's
/// where there is one).
pub const EXT_URGENCY: &str = "urn:hamstring-triage:fhir:extension:urgency";
/// One extension per red flag that fired, in the order they fired.
pub const EXT_RED_FLAG: &str = "urn:hamstring-triage:fhir:extension:red-flag";
/// Whether a red flag ended the questionnaire early.
pub const EXT_STOPPED_EARLY: &str = "urn:hamstring-triage:fhir:extension:stopped-early";

pub const DIAGNOSIS_SYSTEM: &str = "urn:hamstring-triage:diagnosis";
pub const URGENCY_SYSTEM: &str = "urn:hamstring-triage:urgency";
pub const RED_FLAG_SYSTEM: &str = "urn:hamstring-triage:red-flag";

/// A concept: the project's code first, the standard one beside it.
fn concept(system: &str, id: &str, display: &str, standard: Option<&Coding>, text: &str) -> Value {
    let mut codings = vec![json!({"system": system, "code": id, "display": display})];
    codings.extend(
        standard.map(|c| json!({"system": c.system, "code": c.code, "display": c.display})),
    );
    json!({"coding": codings, "text": text})
}

/// The RiskAssessment of record `r`, its basis the response at `response`.
pub fn risk_assessment(r: &Record, codes: &Codes, response: &str) -> Value {
    let res = &r.result;
    let (id, meaning) = (&res.urgency, &res.urgency_meaning);
    let urgency = concept(URGENCY_SYSTEM, id, id, codes.urgency.get(id), meaning);
    let mut extension = vec![json!({"url": EXT_URGENCY, "valueCodeableConcept": urgency})];
    extension.extend(res.red_flags.iter().map(|f| {
        json!({"url": EXT_RED_FLAG, "valueCoding": {
            "system": RED_FLAG_SYSTEM, "code": f.id, "display": f.title
        }})
    }));
    extension.push(json!({"url": EXT_STOPPED_EARLY, "valueBoolean": res.stopped_early}));
    let prediction: Vec<Value> = res
        .diagnoses
        .iter()
        .map(|d| {
            let mut p = json!({
                "outcome": concept(
                    DIAGNOSIS_SYSTEM,
                    &d.id,
                    &d.clinician_name,
                    codes.diagnosis.get(&d.id),
                    &d.name,
                ),
                "probabilityDecimal": d.score,
            });
            let why: Vec<String> = [("for", &d.because), ("against", &d.against)]
                .into_iter()
                .filter(|(_, findings)| !findings.is_empty())
                .map(|(label, findings)| format!("{label}: {}", findings.join("; ")))
                .collect();
            if !why.is_empty() {
                p["rationale"] = json!(why.join(". "));
            }
            p
        })
        .collect();
    let mut summary = format!("Urgency: {} ({meaning}).", id.replace('_', " "));
    if !res.red_flags.is_empty() {
        let flags: Vec<&str> = res.red_flags.iter().map(|f| f.title.as_str()).collect();
        summary.push_str(&format!(" Red flags: {}.", flags.join("; ")));
        if res.stopped_early {
            summary.push_str(" The questionnaire ended at the red flag.");
        }
    }
    let mut ra = json!({
        "resourceType": "RiskAssessment",
        "id": fhir_id(&format!("{}-outcome", r.code)),
        "extension": extension,
        "identifier": [{"system": RECORD_SYSTEM, "value": r.code}],
        "status": "final",
        "method": {"text": format!(
            "hamstring-triage, question bank \"{}\" {}: a likelihood-ratio model over a self-reported history",
            r.bank.name, r.bank.version
        )},
        "subject": {"display": "The person who answered (no name or date of birth is asked)"},
        "occurrenceDateTime": r.created,
        "basis": [{"reference": response}],
        "mitigation": res.urgency_meaning,
        "note": [{"text": summary}],
    });
    if !prediction.is_empty() {
        ra["prediction"] = Value::Array(prediction);
    }
    ra
}
