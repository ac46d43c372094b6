//! The synthetic banks the benchmarks load are real banks: they compile and
//! pass the tree checks of validate (their vocabulary is their own, not the
//! shared contract's), keep the red-flag rules, and a case walks them to a result.

#[path = "support/synthetic.rs"]
mod synthetic;

use hamstring_triage::bank::{Bank, Source, compile};
use hamstring_triage::case::parse_case;
use hamstring_triage::check;
use hamstring_triage::engine::{End, interview, triage};
use synthetic::DIAGNOSES;

fn build(n: usize) -> Bank {
    let sources = synthetic::bank_sources(n);
    let bank = compile(&sources).unwrap_or_else(|p| panic!("{n} questions: {p:#?}"));
    assert_eq!(bank.questions.len(), n);
    bank
}

#[test]
fn a_bank_of_1000_questions_compiles_and_validates_clean() {
    let bank = build(1000);
    let problems = check::validate_tree(&bank);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(bank.diagnoses.len(), DIAGNOSES);
    assert!(bank.diagnoses.iter().all(|d| !d.evidence.is_empty()));
    assert!(bank.red_flags.len() >= 8);
    assert_eq!(bank.must_ask.len(), 10);
    // Branching: some single-choice question leads to different places.
    assert!(bank.questions.iter().any(|q| {
        let mut targets: Vec<_> = q.options.iter().map(|o| o.next).collect();
        targets.dedup();
        targets.len() > 1
    }));
    assert!(
        bank.questions
            .iter()
            .any(|q| q.kind == hamstring_triage::bank::Kind::Multi)
    );
}

#[test]
fn small_and_odd_sizes_validate_clean_too() {
    for n in [synthetic::MIN_QUESTIONS, 9, 23, 130, 515] {
        let bank = build(n);
        let problems = check::validate_tree(&bank);
        assert!(problems.is_empty(), "{n} questions: {problems:#?}");
    }
}

#[test]
fn a_case_walks_a_synthetic_bank_to_a_result() {
    let bank = build(1000);
    for d in [0, 5, DIAGNOSES - 1] {
        let src = Source::new("synthetic-case.toml", synthetic::case_text(d));
        let case = parse_case(&src, &bank.vocab).unwrap_or_else(|p| panic!("{p}"));
        let walk = interview(&bank, &case.findings).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(walk.end, End::Result);
        assert!(
            walk.steps.len() >= 6,
            "a real path: {} steps",
            walk.steps.len()
        );
        let out = triage(&bank, &walk);
        assert_eq!(
            bank.diagnoses[out.ranked[0].diagnosis].id,
            synthetic::diagnosis_id(d),
            "the complaint's diagnosis ranks first"
        );
    }
}

#[test]
fn a_cauda_equina_answer_stops_a_synthetic_bank_at_once() {
    let bank = build(1000);
    let src = Source::new(
        "synthetic-case.toml",
        "[findings]\nces_saddle = true\ncomplaint = \"c_04\"\n",
    );
    let case = parse_case(&src, &bank.vocab).unwrap();
    let walk = interview(&bank, &case.findings).unwrap();
    assert!(matches!(walk.end, End::Stopped(_)));
    assert_eq!(walk.steps.len(), 2, "the screen is the second question");
    let out = triage(&bank, &walk);
    assert_eq!(bank.vocab.urgency_id(out.urgency), "emergency");
}

#[test]
fn the_router_count_covers_every_section() {
    assert_eq!(synthetic::routers(1), 0);
    assert_eq!(synthetic::routers(8), 1);
    assert_eq!(synthetic::routers(9), 3);
    assert_eq!(synthetic::routers(64), 9);
}

#[test]
fn a_bank_has_exactly_the_questions_asked_for() {
    for n in [synthetic::MIN_QUESTIONS, 9, 10, 17, 100, 1000, 1234] {
        let s = synthetic::bank_sources(n);
        assert_eq!(
            s.questions.text.matches("[[question]]").count(),
            n,
            "n = {n}"
        );
    }
}
