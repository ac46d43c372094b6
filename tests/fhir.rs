//! The FHIR exports mean what the program does: a form filler enables
//! exactly the questions the program asks, red-flag stops included; every
//! question reached is required; "None"/"Not sure" exclude the others; each
//! audience and language has its own Questionnaire; a record exports as a
//! Bundle carrying its result.

mod common;
#[path = "support/synthetic.rs"]
mod synthetic;

use common::*;
use hamstring_triage::audience::Audience;
use hamstring_triage::bank::{Bank, Kind, compile};
use hamstring_triage::case::load_case;
use hamstring_triage::engine::{Answers, End, Walk, Walker, interview, triage};
use hamstring_triage::records::Record;
use hamstring_triage::records::fhir::{
    self,
    enable::{Branching, Cond, Rule},
};
use serde_json::Value;

/// A small deterministic random source (xorshift), so failures repeat.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A path through the bank with random valid answers.
fn random_walk(bank: &Bank, rng: &mut Rng) -> Walk {
    let mut w = Walker::new(bank);
    while let Some(q) = w.pending() {
        let question = &bank.questions[q];
        let n = question.options.len();
        let chosen = match question.kind {
            Kind::Single => vec![rng.below(n)],
            Kind::Multi => {
                let first = rng.below(n);
                let o = &question.options[first];
                if o.none || o.not_sure {
                    vec![first]
                } else {
                    let mut chosen: Vec<usize> = (0..n)
                        .filter(|&i| {
                            let o = &question.options[i];
                            i == first || (!o.none && !o.not_sure && rng.below(3) == 0)
                        })
                        .collect();
                    chosen.sort();
                    chosen
                }
            }
        };
        w.answer(&chosen).expect("a valid answer");
    }
    w.walk()
}

/// Question `q`'s enabling rule as a condition over the answers (plain
/// `enableWhen`, with `enableBehavior` "any", is an "or" of its atoms).
fn enabled_when(branching: &Branching, q: usize) -> Cond {
    match branching.rule(q) {
        Rule::Always => Cond::True,
        Rule::Plain(atoms) => Cond::Or(
            atoms
                .into_iter()
                .map(|(q, o)| o.map_or(Cond::Answered(q), |o| Cond::Chosen(q, o)))
                .collect(),
        ),
        Rule::Expression(c) => c,
    }
}

/// For this finished walk, the enabling rule of every item holds exactly
/// for the questions asked and for the stopping red flags that fired.
#[track_caller]
fn enabled_is_asked(bank: &Bank, branching: &Branching, walk: &Walk) {
    let answers: Answers = walk
        .steps
        .iter()
        .map(|s| (s.question, s.chosen.clone()))
        .collect();
    let asked: Vec<usize> = walk.asked().collect();
    for q in 0..bank.questions.len() {
        assert_eq!(
            enabled_when(branching, q).eval(&answers),
            asked.contains(&q),
            "question {} on the path {:?}",
            bank.questions[q].id,
            walk.steps
        );
    }
    let stopped = matches!(walk.end, End::Stopped(_));
    for (f, flag) in bank.red_flags.iter().enumerate().filter(|(_, f)| f.stop) {
        let fired = walk.fired.iter().any(|x| x.flag == f);
        assert_eq!(
            branching.flag_shown(f).eval(&answers),
            stopped && fired,
            "red flag {} on the path {:?}",
            flag.id,
            walk.steps
        );
    }
}

#[test]
fn the_items_enabled_are_the_questions_asked_on_random_paths() {
    let bank = bank();
    let branching = Branching::new(&bank);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut stops = 0;
    for _ in 0..3000 {
        let walk = random_walk(&bank, &mut rng);
        stops += usize::from(matches!(walk.end, End::Stopped(_)));
        enabled_is_asked(&bank, &branching, &walk);
    }
    assert!(stops > 100, "the paths reach red-flag stops ({stops})");
}

#[test]
fn the_items_enabled_are_the_questions_asked_in_the_practice_cases() {
    let bank = bank();
    let branching = Branching::new(&bank);
    let cases = library_cases();
    assert!(!cases.is_empty());
    for path in cases {
        let case = load_case(&path, &bank.vocab).unwrap();
        let walk = interview(&bank, &case.findings).unwrap();
        enabled_is_asked(&bank, &branching, &walk);
    }
}

#[test]
fn the_items_enabled_are_the_questions_asked_in_a_generated_bank() {
    // Another shape of tree: routers, sections, stops in two screens.
    let bank = compile(&synthetic::bank_sources(300)).unwrap();
    let branching = Branching::new(&bank);
    let mut rng = Rng(7);
    for _ in 0..1000 {
        enabled_is_asked(&bank, &branching, &random_walk(&bank, &mut rng));
    }
}

fn items(q: &Value) -> &Vec<Value> {
    q["item"].as_array().unwrap()
}

fn extension<'a>(v: &'a Value, url_end: &str) -> Option<&'a Value> {
    v["extension"]
        .as_array()?
        .iter()
        .find(|e| e["url"].as_str().unwrap().ends_with(url_end))
}

#[test]
fn every_question_is_required_with_its_control_and_exclusive_options() {
    let bank = bank();
    let q = fhir::questionnaire(&bank, false);
    let questions: Vec<&Value> = items(&q).iter().filter(|i| i["type"] == "choice").collect();
    assert_eq!(questions.len(), bank.questions.len());
    let mut exclusive = 0;
    for item in &questions {
        let question = &bank.questions[bank.question_index[item["linkId"].as_str().unwrap()]];
        assert_eq!(item["required"], true, "{}", question.id);
        let control = extension(item, "questionnaire-itemControl").expect("itemControl");
        let code = &control["valueCodeableConcept"]["coding"][0]["code"];
        match question.kind {
            Kind::Single => assert_eq!(code, "radio-button"),
            Kind::Multi => assert_eq!(code, "check-box"),
        }
        for (o, option) in question
            .options
            .iter()
            .zip(item["answerOption"].as_array().unwrap())
        {
            let marked = extension(option, "questionnaire-optionExclusive")
                .is_some_and(|e| e["valueBoolean"] == true);
            assert_eq!(
                marked,
                question.kind == Kind::Multi && (o.none || o.not_sure),
                "{}.{}",
                question.id,
                o.id
            );
            exclusive += usize::from(marked);
        }
    }
    assert!(exclusive >= 4, "{exclusive} exclusive options");
    // Every must-ask finding's question is among them (required).
    for key in &bank.must_ask {
        assert!(
            bank.questions
                .iter()
                .any(|q| q.finding_keys().any(|k| k == key)),
            "{key}"
        );
    }
}

#[test]
fn the_pain_map_travels_with_its_question() {
    let bank = bank();
    let (qi, art) = bank
        .questions
        .iter()
        .enumerate()
        .find_map(|(i, q)| q.art.as_ref().map(|a| (i, &bank.art[a])))
        .expect("a question with a picture");
    let q = fhir::questionnaire(&bank, false);
    let item = items(&q)
        .iter()
        .find(|i| i["linkId"] == bank.questions[qi].id)
        .unwrap();
    let xhtml = extension(&item["_text"], "rendering-xhtml").unwrap()["valueString"]
        .as_str()
        .unwrap();
    assert!(xhtml.starts_with("<div xmlns=\"http://www.w3.org/1999/xhtml\">"));
    let first_line = art.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
    assert!(xhtml.contains(first_line), "{xhtml}");
}

#[test]
fn each_audience_and_language_has_its_own_canonical_and_a_response_names_it() {
    let bank = bank();
    let mut seen = Vec::new();
    for lang in ["en", "es"] {
        let localized = bank.localized(lang).unwrap();
        for audience in [Audience::Patient, Audience::Clinician] {
            let q = fhir::questionnaire(&localized, audience == Audience::Clinician);
            assert_eq!(q["language"], lang);
            let canonical = format!(
                "{}|{}",
                q["url"].as_str().unwrap(),
                q["version"].as_str().unwrap()
            );
            assert!(!seen.contains(&canonical), "{canonical} twice");
            seen.push(canonical.clone());

            let case = load_case(&library_cases()[0], &localized.vocab).unwrap();
            let walk = interview(&localized, &case.findings).unwrap();
            let outcome = triage(&localized, &walk);
            let record = Record::new(
                &localized,
                &walk,
                &outcome,
                audience,
                "ABC-234".into(),
                "2026-01-01T00:00:00Z".into(),
            );
            let qr = fhir::questionnaire_response(&record);
            assert_eq!(qr["questionnaire"], canonical.as_str());
            assert_eq!(qr["item"][0]["text"], items(&q)[0]["text"]);
        }
    }
    assert_eq!(seen.len(), 4);
}

/// What a form filler enables, going down the items in order: an item
/// whose rule does not hold is disabled and its answers dropped.
fn form_filler_enabled(branching: &Branching, given: &Answers) -> Vec<usize> {
    let mut answers = given.clone();
    let mut enabled = Vec::new();
    for &q in &branching.order {
        if enabled_when(branching, q).eval(&answers) {
            enabled.push(q);
        } else {
            answers.remove(&q);
        }
    }
    enabled
}

#[test]
fn after_a_stopping_answer_a_filled_form_enables_nothing_more() {
    let bank = bank();
    let branching = Branching::new(&bank);
    let mut rng = Rng(42);
    let mut stops = 0;
    for _ in 0..2000 {
        let walk = random_walk(&bank, &mut rng);
        let End::Stopped(flag) = walk.end else {
            continue;
        };
        stops += 1;
        // The path's answers, then an answer to every other question too.
        let mut answers: Answers = walk
            .steps
            .iter()
            .map(|s| (s.question, s.chosen.clone()))
            .collect();
        for q in 0..bank.questions.len() {
            answers.entry(q).or_insert_with(|| vec![0]);
        }
        let asked: Vec<usize> = walk.asked().collect();
        let mut enabled = form_filler_enabled(&branching, &answers);
        enabled.sort();
        let mut asked_sorted = asked.clone();
        asked_sorted.sort();
        assert_eq!(
            enabled, asked_sorted,
            "stopped by {}",
            bank.red_flags[flag].id
        );
        let path_only: Answers = walk
            .steps
            .iter()
            .map(|s| (s.question, s.chosen.clone()))
            .collect();
        assert!(branching.flag_shown(flag).eval(&path_only));
    }
    assert!(stops > 50, "{stops} stops");
}

#[test]
fn a_record_exports_as_a_bundle_with_its_result() {
    let bank = bank();
    let codes = &bank.codes;
    assert!(!codes.urgency.is_empty() && !codes.diagnosis.is_empty());
    let mut checked_code = false;
    for path in library_cases() {
        let case = load_case(&path, &bank.vocab).unwrap();
        let walk = interview(&bank, &case.findings).unwrap();
        let outcome = triage(&bank, &walk);
        let record = Record::new(
            &bank,
            &walk,
            &outcome,
            Audience::Patient,
            "ABC-234".into(),
            "2026-01-01T00:00:00Z".into(),
        );
        let b = fhir::bundle(&record, codes);
        assert_eq!(b["resourceType"], "Bundle");
        let entries = b["entry"].as_array().unwrap();
        let qr = &entries[0]["resource"];
        let ra = &entries[1]["resource"];
        assert_eq!(qr["resourceType"], "QuestionnaireResponse");
        assert_eq!(ra["resourceType"], "RiskAssessment");
        assert_eq!(ra["basis"][0]["reference"], entries[0]["fullUrl"]);
        // Each entry's id is a UUID (version 8, the RFC variant) of its own,
        // the same on every export of the record.
        assert_eq!(b, fhir::bundle(&record, codes));
        let urls: Vec<&str> = entries
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        assert_ne!(urls[0], urls[1]);
        for url in urls {
            let parts: Vec<&str> = url.strip_prefix("urn:uuid:").unwrap().split('-').collect();
            let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{url}");
            assert!(parts[2].starts_with('8'), "version 8: {url}");
            assert!("89ab".contains(&parts[3][..1]), "RFC variant: {url}");
        }

        let urgency = &extension(ra, "urgency").unwrap()["valueCodeableConcept"];
        assert_eq!(urgency["coding"][0]["code"], record.result.urgency);
        let standard = codes.urgency.get(&record.result.urgency);
        assert_eq!(
            urgency["coding"][1]["code"].as_str(),
            standard.map(|c| c.code.as_str())
        );
        let flags: Vec<&str> = ra["extension"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["url"].as_str().unwrap().ends_with("red-flag"))
            .map(|e| e["valueCoding"]["code"].as_str().unwrap())
            .collect();
        let fired: Vec<&str> = record
            .result
            .red_flags
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(flags, fired, "{}", path.display());
        assert_eq!(
            extension(ra, "stopped-early").unwrap()["valueBoolean"],
            record.result.stopped_early
        );
        let predictions = ra["prediction"].as_array().unwrap();
        assert_eq!(predictions.len(), record.result.diagnoses.len());
        for (p, d) in predictions.iter().zip(&record.result.diagnoses) {
            let coding = p["outcome"]["coding"].as_array().unwrap();
            assert_eq!(coding[0]["code"], d.id.as_str());
            assert_eq!(p["probabilityDecimal"], d.score);
            match codes.diagnosis.get(&d.id) {
                Some(c) => {
                    assert_eq!(coding[1]["code"], c.code.as_str());
                    assert_eq!(coding[1]["system"], "http://snomed.info/sct");
                    checked_code = true;
                }
                None => assert_eq!(coding.len(), 1, "no standard code, none made up"),
            }
        }
    }
    assert!(
        checked_code,
        "some case ranks a diagnosis with a SNOMED CT code"
    );
}

#[test]
fn a_bank_without_a_codes_file_loads_and_a_code_table_ahead_of_the_bank_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        if e.path().is_file() && e.file_name() != "codes.toml" {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    std::fs::create_dir(dir.path().join("lang")).unwrap();
    std::fs::copy(src.join("lang/es.toml"), dir.path().join("lang/es.toml")).unwrap();
    let bank = Bank::load(Some(dir.path())).unwrap();
    assert!(bank.codes.diagnosis.is_empty() && bank.codes.urgency.is_empty());

    std::fs::write(
        dir.path().join("codes.toml"),
        "system = \"http://snomed.info/sct\"\n[diagnosis]\nnot_in_this_bank = { code = \"1\", display = \"x\" }\n",
    )
    .unwrap();
    let bank = Bank::load(Some(dir.path())).unwrap();
    assert_eq!(bank.codes.diagnosis.len(), 1);

    std::fs::write(
        dir.path().join("codes.toml"),
        "[urgency]\nemergency = { code = \"1\", display = \"x\" }\n",
    )
    .unwrap();
    let problems = Bank::load(Some(dir.path())).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.file.ends_with("codes.toml") && p.message.contains("system")),
        "{problems:?}"
    );
}
