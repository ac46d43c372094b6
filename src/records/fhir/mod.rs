//! HL7 FHIR R4 exports: the bank as a Questionnaire that a Structured Data
//! Capture (SDC) form filler runs the way the program does (branching and
//! red-flag stops as `enableWhen` or `enableWhenExpression`, every question
//! required once reached, "None"/"Not sure" exclusive), and a record as a
//! Bundle of its QuestionnaireResponse and the result as a RiskAssessment.

pub mod enable;
pub mod outcome;

use serde_json::{Value, json};

use crate::bank::{Bank, Kind};

use super::record::Record;
use enable::{Branching, Rule};

/// The record codes' identifier system.
pub const RECORD_SYSTEM: &str = "urn:hamstring-triage:record";

const EXT_ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const EXT_OPTION_EXCLUSIVE: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";
const EXT_RENDERING_XHTML: &str = "http://hl7.org/fhir/StructureDefinition/rendering-xhtml";
const EXT_RENDERING_STYLE: &str = "http://hl7.org/fhir/StructureDefinition/rendering-style";
const EXT_ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";

/// The canonical URL of the Questionnaire in one audience's wording and one
/// language (`urn:hamstring-triage:questionnaire:patient:en`): each has its
/// own, as their texts differ.
pub fn questionnaire_url(clinician: bool, language: &str) -> String {
    let audience = if clinician { "clinician" } else { "patient" };
    format!("urn:hamstring-triage:questionnaire:{audience}:{language}")
}

/// The code system of one question's options.
fn system(question: &str) -> String {
    format!("urn:hamstring-triage:option:{question}")
}

/// A FHIR id: letters, digits, '-' and '.', at most 64 characters.
fn fhir_id(s: &str) -> String {
    let keep = |c: char| c.is_ascii_alphanumeric() || c == '.';
    s.chars()
        .map(|c| if keep(c) { c } else { '-' })
        .take(64)
        .collect()
}

/// Text escaped for XHTML.
fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn expression(c: &enable::Cond, bank: &Bank) -> Value {
    json!({
        "url": EXT_ENABLE_WHEN_EXPRESSION,
        "valueExpression": {"language": "text/fhirpath", "expression": c.fhirpath(bank)},
    })
}

/// The bank as a FHIR R4 Questionnaire in the bank's language and the
/// audience's wording.
///
/// Questions come in an order every path keeps; each is enabled exactly when
/// the program would ask it (see [`enable`]) and is then required, as the
/// program cannot finish without its answer. After them, one display item per
/// red flag that stops the questionnaire carries its message and is enabled
/// when it fired, by then the last answer given.
pub fn questionnaire(bank: &Bank, clinician: bool) -> Value {
    let branching = Branching::new(bank);
    // The audience's wording of a text.
    let says = |patient, clinical| if clinician { clinical } else { patient };
    let audience = says("patient", "clinician");
    let mut items: Vec<Value> = branching
        .order
        .iter()
        .map(|&qi| {
            let q = &bank.questions[qi];
            let text = says(&q.patient, &q.clinician);
            let multi = q.kind == Kind::Multi;
            let rule = branching.rule(qi);
            let mut extension = vec![json!({
                "url": EXT_ITEM_CONTROL,
                "valueCodeableConcept": {"coding": [{
                    "system": ITEM_CONTROL_SYSTEM,
                    "code": if multi { "check-box" } else { "radio-button" },
                    "display": if multi { "Check-box" } else { "Radio Button" },
                }]},
            })];
            if let Rule::Expression(c) = &rule {
                extension.push(expression(c, bank));
            }
            let mut item = json!({
                "linkId": q.id,
                "text": text,
                "type": "choice",
                "required": true,
                "repeats": multi,
                "extension": extension,
                "answerOption": q.options.iter().map(|o| {
                    let mut option = json!({
                        "valueCoding": {
                            "system": system(&q.id),
                            "code": o.id,
                            "display": says(&o.label, &o.clinician),
                        }
                    });
                    if multi && o.exclusive() {
                        option["extension"] =
                            json!([{"url": EXT_OPTION_EXCLUSIVE, "valueBoolean": true}]);
                    }
                    option
                }).collect::<Vec<_>>(),
            });
            // The picture the question refers to travels with its text.
            if let Some(art) = q.art.as_ref().and_then(|a| bank.art.get(a)) {
                item["_text"] = json!({"extension": [{
                    "url": EXT_RENDERING_XHTML,
                    "valueString": format!(
                        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{}</p><pre>{}</pre></div>",
                        xml_text(text),
                        xml_text(art.trim_end())
                    ),
                }]});
            }
            if let Rule::Plain(atoms) = rule {
                item["enableWhen"] = atoms
                    .iter()
                    .map(|&(p, o)| {
                        let pq = &bank.questions[p];
                        match o {
                            None => json!({
                                "question": pq.id, "operator": "exists", "answerBoolean": true
                            }),
                            Some(o) => json!({
                                "question": pq.id, "operator": "=",
                                "answerCoding": {"system": system(&pq.id), "code": pq.options[o].id}
                            }),
                        }
                    })
                    .collect();
                item["enableBehavior"] = json!("any");
            }
            item
        })
        .collect();
    for (f, flag) in bank.red_flags.iter().enumerate().filter(|(_, f)| f.stop) {
        items.push(json!({
            // The display item that shows the red flag's message.
            "linkId": format!("red-flag.{}", flag.id),
            "text": format!("{}. {}", flag.title, says(&flag.patient, &flag.clinician)),
            "_text": {"extension": [{
                "url": EXT_RENDERING_STYLE, "valueString": "color: #b00020; font-weight: bold"
            }]},
            "type": "display",
            "extension": [expression(&branching.flag_shown(f), bank)],
        }));
    }
    json!({
        "resourceType": "Questionnaire",
        "id": fhir_id(&format!("hamstring-triage-{audience}-{}-{}", bank.language, bank.version)),
        "url": questionnaire_url(clinician, &bank.language),
        "version": bank.version,
        "name": "HamstringTriage",
        "title": bank.name,
        "status": "active",
        "language": bank.language,
        "subjectType": ["Patient"],
        "description": "A history of buttock and hamstring pain for triage. A question is shown only when the answers before it lead to it; an answer that is a red flag ends the questionnaire there and shows its message.",
        "item": items,
    })
}

/// A record as a FHIR R4 QuestionnaireResponse to the Questionnaire of its
/// audience and language.
pub fn questionnaire_response(r: &Record) -> Value {
    let url = questionnaire_url(r.audience == "clinician", &r.language);
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
        "identifier": {"system": RECORD_SYSTEM, "value": r.code},
        "questionnaire": format!("{url}|{}", r.bank.version),
        "status": "completed",
        "authored": r.created,
        "language": r.language,
        "item": items,
    })
}

/// A record as a FHIR R4 Bundle (a collection): its QuestionnaireResponse
/// and its result as a RiskAssessment based on it. `codes` gives the
/// standard codes shown beside the project's ids.
pub fn bundle(r: &Record, codes: &crate::bank::Codes) -> Value {
    let response_url = format!("urn:uuid:{}", uuid_for(&format!("{}/response", r.code)));
    let outcome_url = format!("urn:uuid:{}", uuid_for(&format!("{}/outcome", r.code)));
    json!({
        "resourceType": "Bundle",
        "id": fhir_id(&r.code),
        "identifier": {"system": RECORD_SYSTEM, "value": r.code},
        "type": "collection",
        "timestamp": r.created,
        "entry": [
            {"fullUrl": response_url, "resource": questionnaire_response(r)},
            {"fullUrl": outcome_url, "resource": outcome::risk_assessment(r, codes, &response_url)},
        ],
    })
}

/// A UUID (version 8: made by this program) that is the same every time for
/// the same text, so that exporting a record twice gives the same Bundle.
fn uuid_for(text: &str) -> String {
    let fnv = |seed: u64| {
        text.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let hi = fnv(0xcbf2_9ce4_8422_2325);
    let lo = fnv(0x8422_2325_cbf2_9ce4);
    let hi = (hi & !0xf000) | 0x8000;
    let lo = (lo & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}
