#!/usr/bin/env python3
"""Validates FHIR exports with independent implementations and replays each
record through the Questionnaire the way an SDC form filler would.

usage: validate.py FILE.json ...

Each file is a Questionnaire, a Bundle (a record: QuestionnaireResponse and
RiskAssessment) or a bare QuestionnaireResponse. Structure is checked with
fhir.resources (R4B models). Then every response is replayed against the
Questionnaire it names (by canonical url|version, which must be given):

- going down the items in order, each item is enabled by its enableWhen
  (with enableBehavior) or its SDC enableWhenExpression, evaluated with
  fhirpathpy over the response; a disabled item's answers are dropped, as a
  form filler drops them;
- the response is valid only if no disabled item was answered, every
  enabled required item is answered, every answer is one of its options, a
  non-repeating item has one answer and an exclusive option stands alone;
- the questions enabled must be exactly the questions the program asked (the
  response's items, in order), and the red-flag messages enabled exactly
  the stopping red flags the RiskAssessment says fired;
- altered copies of the response must be refused: each answered question
  left out in turn, an exclusive option ticked beside another, and after a
  red-flag stop every other question answered too.

Where RECORD.bundle.json has RECORD.record.json beside it (`records export
--format json`), the RiskAssessment must carry the urgency, the diagnoses
(in order, with their scores) and the red flags of the record, and the
response its answers.

Exits 0 when every check passes, 1 otherwise.
"""
import copy
import json
import os
import sys

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhirpathpy import compile as fhirpath_compile
from fhirpathpy.models import models

# Value sets of the coded fields used, from the FHIR R4 specification (the
# models check structure and types but not these bindings).
QR_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
Q_STATUS = {"draft", "active", "retired", "unknown"}
ITEM_TYPE = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
             "string", "text", "url", "choice", "open-choice", "attachment", "reference", "quantity"}
OPERATOR = {"exists", "=", "!=", ">", "<", ">=", "<="}
BEHAVIOR = {"all", "any"}
ITEM_CONTROL = {"radio-button", "check-box", "drop-down", "list", "autocomplete", "lookup"}

EXT_ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
EXT_OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
EXT_ENABLE_WHEN_EXPRESSION = \
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
EXT_URGENCY = "urn:hamstring-triage:fhir:extension:urgency"
EXT_RED_FLAG = "urn:hamstring-triage:fhir:extension:red-flag"
EXT_STOPPED_EARLY = "urn:hamstring-triage:fhir:extension:stopped-early"
RED_FLAG_ITEM = "red-flag."


def extensions(element, url):
    return [e for e in (element or {}).get("extension", []) if e.get("url") == url]


class Form:
    """A Questionnaire ready to replay responses against."""

    def __init__(self, path, q_json):
        self.path = path
        self.json = q_json
        self.items = q_json.get("item", [])
        self.canonical = f"{q_json.get('url')}|{q_json.get('version')}"
        self.options = {
            i["linkId"]: {(o["valueCoding"].get("system"), o["valueCoding"]["code"])
                          for o in i.get("answerOption", [])}
            for i in self.items}
        self.exclusive = {
            i["linkId"]: {o["valueCoding"]["code"] for o in i.get("answerOption", [])
                          if any(e.get("valueBoolean") for e in extensions(o, EXT_OPTION_EXCLUSIVE))}
            for i in self.items}
        self.expressions = {}

    def check(self):
        """Problems with the Questionnaire itself."""
        bad = []
        q = self.json
        if q.get("status") not in Q_STATUS:
            bad.append(f"status {q.get('status')!r}")
        link_ids = [i["linkId"] for i in self.items]
        if len(set(link_ids)) != len(link_ids):
            bad.append("a linkId is used twice")
        seen = set()
        for item in self.items:
            lid = item.get("linkId")
            if item.get("type") not in ITEM_TYPE:
                bad.append(f"{lid}: type {item.get('type')!r}")
            if "enableBehavior" in item and item["enableBehavior"] not in BEHAVIOR:
                bad.append(f"{lid}: enableBehavior {item['enableBehavior']!r}")
            for c in item.get("enableWhen", []):
                if c.get("operator") not in OPERATOR:
                    bad.append(f"{lid}: operator {c.get('operator')!r}")
                if c.get("question") not in seen:
                    bad.append(f"{lid}: enableWhen names {c.get('question')}, not an item before it")
            if len(item.get("enableWhen", [])) > 1 and "enableBehavior" not in item:
                bad.append(f"{lid}: several enableWhen need enableBehavior")
            expressions = extensions(item, EXT_ENABLE_WHEN_EXPRESSION)
            if expressions and item.get("enableWhen"):
                bad.append(f"{lid}: enableWhen and enableWhenExpression together")
            for e in expressions:
                expr = e.get("valueExpression", {})
                if expr.get("language") != "text/fhirpath":
                    bad.append(f"{lid}: expression language {expr.get('language')!r}")
                try:
                    self.expressions[lid] = fhirpath_compile(expr["expression"], models["r4"])
                except Exception as err:  # noqa: BLE001 - any parse failure is the finding
                    bad.append(f"{lid}: enableWhenExpression does not parse: {err}")
            if item.get("type") == "choice":
                controls = extensions(item, EXT_ITEM_CONTROL)
                codes = [c.get("code") for e in controls
                         for c in e["valueCodeableConcept"].get("coding", [])]
                if not codes or any(c not in ITEM_CONTROL for c in codes):
                    bad.append(f"{lid}: itemControl {codes}")
            seen.add(lid)
        return bad

    def enabled(self, item, response):
        """Whether `item` is enabled on the answers in `response`."""
        lid = item["linkId"]
        if lid in self.expressions:
            result = self.expressions[lid](response, {"resource": response})
            return result == [True]
        conditions = item.get("enableWhen", [])
        if not conditions:
            return True
        answers = {i["linkId"]: i.get("answer", []) for i in response.get("item", [])}
        results = []
        for c in conditions:
            given = answers.get(c["question"], [])
            if c["operator"] == "exists":
                results.append(bool(given) == c["answerBoolean"])
            elif c["operator"] == "=":
                want = (c["answerCoding"].get("system"), c["answerCoding"]["code"])
                results.append(any((a["valueCoding"].get("system"), a["valueCoding"]["code"]) == want
                                   for a in given))
            else:
                raise ValueError(f"{lid}: operator {c['operator']} is not replayed here")
        behavior = item.get("enableBehavior", "all")
        return any(results) if behavior == "any" else all(results)

    def replay(self, response):
        """(enabled linkIds in order, problems) for a response, as a form
        filler sees it."""
        working = copy.deepcopy(response)
        working.setdefault("item", [])
        enabled, problems = [], []
        for item in self.items:
            lid = item["linkId"]
            if self.enabled(item, working):
                enabled.append(lid)
                continue
            answered = [i for i in working["item"] if i["linkId"] == lid and i.get("answer")]
            if answered:
                problems.append(f"{lid} is answered but disabled")
            working["item"] = [i for i in working["item"] if i["linkId"] != lid]
        by_id = {i["linkId"]: i for i in self.items}
        for r_item in response.get("item", []):
            lid = r_item["linkId"]
            if lid not in by_id:
                problems.append(f"unknown linkId {lid}")
                continue
            codes = [(a["valueCoding"].get("system"), a["valueCoding"]["code"])
                     for a in r_item.get("answer", [])]
            for c in codes:
                if c not in self.options[lid]:
                    problems.append(f"{lid}: {c[1]} is not an option")
            if len(codes) > 1 and not by_id[lid].get("repeats"):
                problems.append(f"{lid}: several answers to a question that takes one")
            if len(codes) > 1 and any(code in self.exclusive[lid] for _, code in codes):
                problems.append(f"{lid}: an exclusive option beside another")
        answered = {i["linkId"] for i in response.get("item", []) if i.get("answer")}
        for lid in enabled:
            if by_id[lid].get("required") and lid not in answered:
                problems.append(f"{lid} is required and enabled but not answered")
        return enabled, problems


def bundle_parts(path, data):
    """(response, risk assessment or None) of a Bundle or a bare response."""
    if data["resourceType"] == "QuestionnaireResponse":
        QuestionnaireResponse.model_validate(data)
        return data, None
    Bundle.model_validate(data)
    by_type = {e["resource"]["resourceType"]: e for e in data.get("entry", [])}
    response = by_type["QuestionnaireResponse"]
    ra = by_type.get("RiskAssessment")
    if ra is not None:
        basis = [b.get("reference") for b in ra["resource"].get("basis", [])]
        if response["fullUrl"] not in basis:
            raise ValueError(f"{path}: the RiskAssessment's basis is not the response")
        ra = ra["resource"]
    return response["resource"], ra


def compare_with_record(path, response, ra, record):
    bad = []
    res = record["result"]
    urgency = [e["valueCodeableConcept"]["coding"][0]["code"] for e in extensions(ra, EXT_URGENCY)]
    if urgency != [res["urgency"]]:
        bad.append(f"urgency {urgency}, the record says {res['urgency']}")
    flags = [e["valueCoding"]["code"] for e in extensions(ra, EXT_RED_FLAG)]
    if flags != [f["id"] for f in res["red_flags"]]:
        bad.append(f"red flags {flags}, the record says {[f['id'] for f in res['red_flags']]}")
    stopped = [e["valueBoolean"] for e in extensions(ra, EXT_STOPPED_EARLY)]
    if stopped != [res["stopped_early"]]:
        bad.append(f"stopped early {stopped}, the record says {res['stopped_early']}")
    predictions = [(p["outcome"]["coding"][0]["code"], p.get("probabilityDecimal"))
                   for p in ra.get("prediction", [])]
    if predictions != [(d["id"], d["score"]) for d in res["diagnoses"]]:
        bad.append(f"diagnoses {predictions}, the record says "
                   f"{[(d['id'], d['score']) for d in res['diagnoses']]}")
    answers = [(i["linkId"], [a["valueCoding"]["code"] for a in i.get("answer", [])])
               for i in response.get("item", [])]
    if answers != [(a["question"], [o["option"] for o in a["answers"]]) for a in record["answers"]]:
        bad.append("the response's answers are not the record's")
    return [f"{path}: {b}" for b in bad]


def mutants(form, response, stopped):
    """Altered copies of a valid response, each of which must be refused."""
    items = response.get("item", [])
    for k, item in enumerate(items):
        r = copy.deepcopy(response)
        del r["item"][k]
        yield f"without {item['linkId']}", r
    for k, item in enumerate(items):
        lid = item["linkId"]
        exclusive = form.exclusive.get(lid, set())
        if not exclusive or len(form.options[lid]) < 2:
            continue
        given = {a["valueCoding"]["code"] for a in item["answer"]}
        system = item["answer"][0]["valueCoding"].get("system")
        if given & exclusive:
            extra = sorted(c for s, c in form.options[lid] if c not in given)[0]
        else:
            extra = sorted(exclusive)[0]
        r = copy.deepcopy(response)
        r["item"][k]["answer"].append({"valueCoding": {"system": system, "code": extra}})
        yield f"{lid} with {extra} added", r
    if stopped:
        r = copy.deepcopy(response)
        answered = {i["linkId"] for i in items}
        for item in form.items:
            if item["type"] == "choice" and item["linkId"] not in answered:
                first = item["answerOption"][0]["valueCoding"]
                r["item"].append({"linkId": item["linkId"], "answer": [
                    {"valueCoding": {"system": first.get("system"), "code": first["code"]}}]})
        yield "every question answered after the stop", r


def main():
    paths = sys.argv[1:]
    failures = []
    forms = {}
    documents = []
    for path in paths:
        data = json.load(open(path))
        if data.get("resourceType") == "Questionnaire":
            Questionnaire.model_validate(data)
            form = Form(path, data)
            failures += [f"{path}: {b}" for b in form.check()]
            if form.canonical in forms and forms[form.canonical].json != data:
                failures.append(f"{path}: {form.canonical} is also the canonical of "
                                f"{forms[form.canonical].path}, which differs")
            forms[form.canonical] = form
            print(f"{path}: Questionnaire valid, {len(form.items)} items, {form.canonical}")
        else:
            documents.append((path, data))
    replayed = matched = refused = 0
    per_form = {}
    for path, data in documents:
        response, ra = bundle_parts(path, data)
        if response.get("status") not in QR_STATUS:
            failures.append(f"{path}: status {response.get('status')!r}")
        form = forms.get(response.get("questionnaire"))
        if form is None:
            failures.append(f"{path}: answers {response.get('questionnaire')}, which was not given")
            continue
        replayed += 1
        per_form[form.canonical] = per_form.get(form.canonical, 0) + 1
        enabled, problems = form.replay(response)
        failures += [f"{path}: {p}" for p in problems]
        asked = [i["linkId"] for i in response.get("item", [])]
        questions = [lid for lid in enabled if not lid.startswith(RED_FLAG_ITEM)]
        messages = {lid[len(RED_FLAG_ITEM):] for lid in enabled if lid.startswith(RED_FLAG_ITEM)}
        stopped = False
        if ra is not None:
            stopped = any(e["valueBoolean"] for e in extensions(ra, EXT_STOPPED_EARLY))
            fired = {e["valueCoding"]["code"] for e in extensions(ra, EXT_RED_FLAG)}
            stoppers = {i["linkId"][len(RED_FLAG_ITEM):] for i in form.items
                        if i["linkId"].startswith(RED_FLAG_ITEM)}
            expected = fired & stoppers if stopped else set()
            if messages != expected:
                failures.append(f"{path}: red-flag messages enabled {sorted(messages)}, "
                                f"expected {sorted(expected)}")
        if questions != asked:
            failures.append(f"{path}: a form filler enables {questions}, the program asked {asked}")
        else:
            matched += 1
        for what, mutant in mutants(form, response, stopped):
            enabled_m, problems_m = form.replay(mutant)
            if not problems_m:
                failures.append(f"{path}: a response {what} is accepted")
            else:
                refused += 1
            if what.startswith("every question") and \
                    [lid for lid in enabled_m if not lid.startswith(RED_FLAG_ITEM)] != asked:
                failures.append(f"{path}: filled in after the stop, it enables more than was asked")
        record_path = path.replace(".bundle.json", ".record.json")
        if ra is not None and record_path != path and os.path.exists(record_path):
            failures += compare_with_record(path, response, ra, json.load(open(record_path)))
    for f in failures:
        print(f)
    for canonical, n in sorted(per_form.items()):
        print(f"{canonical}: {n} responses replayed")
    print(f"{replayed} responses replayed, {matched} enable exactly the questions asked; "
          f"{refused} altered responses refused; {len(failures)} problems")
    sys.exit(1 if failures else 0)


main()
