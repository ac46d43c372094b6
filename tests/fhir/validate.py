#!/usr/bin/env python3
"""Validates FHIR exports with an independent implementation (fhir.resources,
R4B models) and checks that each QuestionnaireResponse fits the Questionnaire:
every answered linkId exists and every answer is one of its options.

usage: validate.py QUESTIONNAIRE.json [RESPONSE.json ...]
Exits 0 when every document validates, 1 otherwise.
"""
import json
import sys

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse


# Value sets of the coded fields used, from the FHIR R4 specification (the
# models check structure and types but not these bindings).
QR_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
Q_STATUS = {"draft", "active", "retired", "unknown"}
ITEM_TYPE = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
             "string", "text", "url", "choice", "open-choice", "attachment", "reference", "quantity"}
OPERATOR = {"exists", "=", "!=", ">", "<", ">=", "<="}
BEHAVIOR = {"all", "any"}


def check_codes(path, q_json=None, r_json=None):
    bad = []
    if q_json is not None:
        if q_json.get("status") not in Q_STATUS:
            bad.append(f"status {q_json.get('status')!r}")
        for item in q_json.get("item", []):
            if item.get("type") not in ITEM_TYPE:
                bad.append(f"{item.get('linkId')}: type {item.get('type')!r}")
            if "enableBehavior" in item and item["enableBehavior"] not in BEHAVIOR:
                bad.append(f"{item.get('linkId')}: enableBehavior {item['enableBehavior']!r}")
            for c in item.get("enableWhen", []):
                if c.get("operator") not in OPERATOR:
                    bad.append(f"{item.get('linkId')}: operator {c.get('operator')!r}")
            if len(item.get("enableWhen", [])) > 1 and "enableBehavior" not in item:
                bad.append(f"{item.get('linkId')}: several enableWhen need enableBehavior")
    if r_json is not None and r_json.get("status") not in QR_STATUS:
        bad.append(f"status {r_json.get('status')!r}")
    for b in bad:
        print(f"{path}: {b}")
    return len(bad)


def main():
    q_path, responses = sys.argv[1], sys.argv[2:]
    failures = 0
    q_json = json.load(open(q_path))
    q = Questionnaire.model_validate(q_json)
    failures += check_codes(q_path, q_json=q_json)
    options = {
        item.linkId: {(o.valueCoding.system, o.valueCoding.code) for o in item.answerOption or []}
        for item in q.item
    }
    link_ids = set(options)
    for item in q.item:
        for cond in item.enableWhen or []:
            if cond.question not in link_ids:
                print(f"{q_path}: {item.linkId} enableWhen names unknown {cond.question}")
                failures += 1
    print(f"{q_path}: Questionnaire valid, {len(q.item)} items")
    for path in responses:
        r_json = json.load(open(path))
        r = QuestionnaireResponse.model_validate(r_json)
        failures += check_codes(path, r_json=r_json)
        if not r.questionnaire.startswith(q_json["url"]):
            print(f"{path}: answers {r.questionnaire}, not {q_json['url']}")
            failures += 1
        for item in r.item or []:
            if item.linkId not in options:
                print(f"{path}: unknown linkId {item.linkId}")
                failures += 1
                continue
            for a in item.answer or []:
                if (a.valueCoding.system, a.valueCoding.code) not in options[item.linkId]:
                    print(f"{path}: {item.linkId} answer {a.valueCoding.code} is not an option")
                    failures += 1
        print(f"{path}: QuestionnaireResponse valid, {len(r.item or [])} items")
    sys.exit(1 if failures else 0)


main()
