//! A second language: complete, checked by `validate`, and never changing the
//! clinical result.

mod common;

use std::io::Cursor;

use common::*;
use hamstring_triage::bank::{Problem, builtin_sources, compile};
use hamstring_triage::case::load_case;
use hamstring_triage::check;
use hamstring_triage::cli::Audience;
use hamstring_triage::engine::{Walker, choose, interview, triage};
use hamstring_triage::plain::{PlainOptions, run};
use hamstring_triage::records::Record;

fn problems_with_es(edit: impl Fn(&str) -> String) -> Vec<Problem> {
    let mut s = builtin_sources();
    let es = &mut s.langs.iter_mut().find(|(l, _)| l == "es").unwrap().1;
    es.text = edit(&es.text).into();
    match compile(&s) {
        Ok(bank) => check::validate(&bank),
        Err(p) => p,
    }
}

#[test]
fn the_built_in_bank_declares_spanish_and_it_is_complete() {
    let bank = bank();
    assert!(bank.languages.iter().any(|l| l == "es"));
    assert!(check::validate(&bank).is_empty());
    let es = bank.localized("es").unwrap();
    assert_eq!(es.language, "es");
    assert_eq!(
        es.questions[bank.start].patient,
        "¿Qué edad tiene? Si responde en nombre de un menor, indique su edad."
    );
    assert_ne!(es.ui("plain.intro"), bank.ui("plain.intro"));
    assert!(
        bank.localized("xx")
            .unwrap_err()
            .contains("no `xx` language")
    );
}

#[test]
fn validate_catches_a_missing_translation_at_the_base_text() {
    let p = problems_with_es(|t| {
        t.replacen(
            "patient = \"¿Qué edad tiene? Si responde en nombre de un menor, indique su edad.\"\n",
            "",
            1,
        )
    });
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].file.ends_with("questions.toml"), "{p:#?}");
    assert!(
        p[0].message
            .contains("no `es` text for `question.age.patient`")
    );
    assert!(p[0].line > 1);
}

#[test]
fn validate_catches_a_misspelt_key_and_a_lost_placeholder() {
    let p = problems_with_es(|t| t.replacen("[question.age]", "[question.edad]", 1));
    assert!(
        p.iter().any(|x| x.file.ends_with("es.toml")
            && x.message.contains("`question.edad.patient` is not a text")),
        "{p:#?}"
    );
    let p = problems_with_es(|t| t.replacen("{code}", "CODE", 1));
    assert!(
        p.iter()
            .any(|x| x.file.ends_with("es.toml") && x.message.contains("placeholders")),
        "{p:#?}"
    );
}

#[test]
fn a_localized_bank_switches_back_to_every_base_text() {
    let en = bank();
    let back = en.localized("es").unwrap().localized("en").unwrap();
    assert_eq!(back.language, "en");
    assert_eq!(back.available_languages(), ["en", "es"]);
    let texts = |b: &hamstring_triage::bank::Bank| {
        let mut copy = b.clone();
        let mut out = Vec::new();
        hamstring_triage::bank::lang::each_text(&mut copy, &mut |k, t, _| {
            out.push((k.to_string(), t.clone()))
        });
        out
    };
    assert_eq!(texts(&back), texts(&en));
}

#[test]
fn the_same_case_gives_the_same_result_in_both_languages_and_both_modes() {
    let en = bank();
    let es = en.localized("es").unwrap();
    for path in shared_cases() {
        let case = load_case(&path, &en.vocab).unwrap();
        let a = triage(&en, &interview(&en, &case.findings).unwrap());
        let b = triage(&es, &interview(&es, &case.findings).unwrap());
        assert_eq!(a.urgency, b.urgency, "{}", path.display());
        let ids = |o: &hamstring_triage::engine::Outcome| {
            o.ranked
                .iter()
                .take(3)
                .map(|r| r.diagnosis)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b), "{}", path.display());

        // Plain mode in Spanish shows the same urgency, in Spanish words.
        let mut w = Walker::new(&es);
        let mut input = String::new();
        while let Some(q) = w.pending() {
            let c = choose(&es, q, &case.findings).unwrap();
            input.push_str(
                &c.iter()
                    .map(|o| (o + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            input.push('\n');
            w.answer(&c).unwrap();
        }
        let mut out = Vec::new();
        run(
            &es,
            Cursor::new(input),
            &mut out,
            &PlainOptions {
                audience: Audience::Patient,
                data_dir: None,
            },
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        let word = es.ui(&format!("urgency.{}", es.vocab.urgency_id(b.urgency)));
        assert!(
            out.contains(&format!("{} {word}.", es.ui("plain.how_soon"))),
            "{}: {word}",
            path.display()
        );
        assert!(out.contains(&es.diagnoses[b.ranked[0].diagnosis].name));
    }
}

#[test]
fn a_record_keeps_the_language_and_the_wording_shown() {
    let es = bank().localized("es").unwrap();
    let case = load_case(
        &shared_dir().join("cases/02-sprint-grab-football.toml"),
        &es.vocab,
    )
    .unwrap();
    let walk = interview(&es, &case.findings).unwrap();
    let r = Record::new(
        &es,
        &walk,
        &triage(&es, &walk),
        Audience::Patient,
        "ABC-234".into(),
        "2026-01-01T00:00:00Z".into(),
    );
    assert_eq!(r.language, "es");
    assert_eq!(
        r.answers[0].wording,
        "¿Qué edad tiene? Si responde en nombre de un menor, indique su edad."
    );
}

/// Every `ui("key")` and `ui_fill("key", ...)` written in the program's
/// source, as (file, key).
fn ui_keys_in_source() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    let mut keys = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for call in ["ui(", "ui_fill("] {
            for (i, _) in text.match_indices(call) {
                // A method or function named exactly `ui`/`ui_fill`.
                let before = text[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = text[i + call.len()..].trim_start();
                let Some(lit) = rest.strip_prefix('"') else {
                    continue;
                };
                let key = &lit[..lit.find('"').unwrap()];
                if key.contains('.') && !key.contains('{') {
                    keys.push((f.display().to_string(), key.to_string()));
                }
            }
        }
    }
    keys
}

#[test]
fn every_fixed_text_the_program_asks_for_is_in_the_bank_in_every_language() {
    let keys = ui_keys_in_source();
    assert!(
        keys.len() > 100,
        "the scan finds the screens' texts ({} found)",
        keys.len()
    );
    let base = bank();
    let es = base.localized("es").unwrap();
    let missing: Vec<String> = keys
        .iter()
        .filter(|(_, k)| !base.ui.contains_key(k) || !es.ui.contains_key(k))
        .map(|(f, k)| format!("{f}: {k}"))
        .collect();
    assert!(missing.is_empty(), "not in ui.toml or es: {missing:#?}");
}

#[test]
fn a_broken_language_file_is_reported_where_it_breaks_though_read_late() {
    // The language file is read when first needed; a syntax error in it is
    // still one of validate's problems, at its line and column.
    let p = problems_with_es(|t| t.replacen("[bank]", "[bank", 1));
    assert!(
        p.iter()
            .any(|x| x.file.ends_with("lang/es.toml") && x.line >= 1),
        "{p:#?}"
    );
    // And asking for the language says why it cannot be had.
    let mut s = builtin_sources();
    let es = &mut s.langs.iter_mut().find(|(l, _)| l == "es").unwrap().1;
    es.text = es.text.replacen("[bank]", "[bank", 1).into();
    let bank = compile(&s).expect("the base texts compile");
    let err = bank.localized("es").unwrap_err();
    assert!(err.contains("es.toml"), "{err}");
}

/// The clinician's relative score has one label in every face and language:
/// in Spanish, plain mode says "puntuación relativa", never the English
/// "score"; and the clinician's Spanish overrides cover every key they name.
#[test]
fn the_relative_score_is_labelled_in_the_language_of_the_screen() {
    let es = bank().localized("es").unwrap();
    let case = load_case(
        &shared_dir().join("cases/03-marathoner-sit-bone-ache.toml"),
        &es.vocab,
    )
    .unwrap();
    let walk = interview(&es, &case.findings).unwrap();
    let mut input = String::new();
    for s in &walk.steps {
        let typed: Vec<String> = s.chosen.iter().map(|o| (o + 1).to_string()).collect();
        input.push_str(&typed.join(" "));
        input.push('\n');
    }
    let mut out = Vec::new();
    let opts = PlainOptions {
        audience: Audience::Clinician,
        data_dir: None,
    };
    run(&es, Cursor::new(input), &mut out, &opts).unwrap();
    let out = String::from_utf8(out).unwrap();
    let label = es.ui("result.score_estimated");
    let words = label.split('{').next().unwrap();
    assert_eq!(words, "puntuación relativa ");
    assert!(out.contains(words), "{out}");
    assert!(!out.contains("score"), "{out}");
    // Every clinician override in English with words has its Spanish.
    let en = bank();
    let has_words = |t: &str| {
        t.split('{')
            .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
            .any(|rest| rest.chars().any(char::is_alphabetic))
    };
    for key in en.ui.keys().filter(|k| k.starts_with("clinician.")) {
        if has_words(en.ui(key)) {
            assert_ne!(es.ui(key), en.ui(key), "{key} is not translated");
        }
    }
}
