//! Safety over every path of the built-in tree. Every route through the tree
//! is walked with every possible answer (every option, every multi-select
//! combination) at each question in turn, the rest answered "no"; a property
//! test adds random answers everywhere. The red flags are the brief's own
//! list (tests/common), not the bank's, so a bank that forgets one fails here.

mod common;

use std::collections::{BTreeSet, HashSet};

use common::*;
use hamstring_triage::bank::{Bank, Findings, Kind, Target};
use hamstring_triage::engine::{Answers, End, Walker, choose, triage, walk};
use proptest::prelude::*;

/// Every valid answer to a question.
fn valid_answers(bank: &Bank, q: usize) -> Vec<Vec<usize>> {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => (0..question.options.len()).map(|o| vec![o]).collect(),
        Kind::Multi => {
            let plain: Vec<usize> = (0..question.options.len())
                .filter(|&o| !question.options[o].none && !question.options[o].not_sure)
                .collect();
            assert!(
                plain.len() <= 10,
                "{}: too many options to enumerate",
                question.id
            );
            let mut out: Vec<Vec<usize>> = (1u32..(1 << plain.len()))
                .map(|mask| {
                    plain
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, &o)| o)
                        .collect()
                })
                .collect();
            out.extend(
                (0..question.options.len())
                    .filter(|&o| question.options[o].none || question.options[o].not_sure)
                    .map(|o| vec![o]),
            );
            out
        }
    }
}

/// What a patient with none of the findings answers.
fn plain_no(bank: &Bank, q: usize) -> Vec<usize> {
    choose(bank, q, &Findings::new()).expect("every question has a plain answer")
}

fn next_of(bank: &Bank, q: usize, a: &[usize]) -> Target {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => question.options[a[0]].next,
        Kind::Multi => question.next.unwrap_or(Target::Result),
    }
}

/// A brief red flag that holds now and did not before this step.
fn new_flags(before: &Findings, after: &Findings) -> Vec<&'static Flag> {
    FLAGS
        .iter()
        .filter(|f| f.holds(after) && !f.holds(before))
        .collect()
}

/// Checks one finished walk against the flags seen on the way.
fn check_finished(
    bank: &Bank,
    w: &Walker,
    seen: &[(&'static Flag, usize)],
    failures: &mut Vec<String>,
) {
    let walk = w.walk();
    let out = triage(bank, walk);
    let path: Vec<&str> = walk
        .asked()
        .map(|q| bank.questions[q].id.as_str())
        .collect();
    for (flag, step) in seen {
        if out.urgency.0 < urgency_rank(bank, flag.floor) {
            failures.push(format!(
                "{} at step {step} gave {} on path {path:?}",
                flag.name,
                bank.vocab.urgency_id(out.urgency)
            ));
        }
        if flag.stops && walk.steps.len() != step + 1 {
            failures.push(format!(
                "{} at step {step} did not end the questionnaire: {path:?}",
                flag.name
            ));
        }
        if flag.stops && !matches!(walk.end, End::Stopped(_)) {
            failures.push(format!(
                "{} did not stop the questionnaire: {path:?}",
                flag.name
            ));
        }
    }
    if walk.end == End::Result {
        let asked: BTreeSet<&str> = walk
            .asked()
            .flat_map(|q| bank.questions[q].finding_keys())
            .collect();
        for key in &bank.must_ask {
            if !asked.contains(key.as_str()) {
                failures.push(format!("path {path:?} never asks {key}"));
            }
        }
    }
}

/// Walks every route, trying every answer at each question while the rest
/// are answered "no" (or the first answer that takes each distinct route).
fn explore(
    bank: &Bank,
    w: Walker,
    seen: Vec<(&'static Flag, usize)>,
    deviated: bool,
    count: &mut usize,
    failures: &mut Vec<String>,
) {
    let Some(q) = w.pending() else {
        *count += 1;
        check_finished(bank, &w, &seen, failures);
        return;
    };
    assert!(
        w.walk().steps.len() <= bank.questions.len(),
        "a walk longer than the bank"
    );
    let base = plain_no(bank, q);
    let mut routes_taken: HashSet<Target> = HashSet::new();
    routes_taken.insert(next_of(bank, q, &base));
    for a in valid_answers(bank, q) {
        let route = next_of(bank, q, &a);
        let opens_route = routes_taken.insert(route);
        let is_base = a == base;
        if deviated && !is_base && !opens_route {
            continue;
        }
        let mut w2 = w.clone();
        let before = w2.walk().findings.clone();
        w2.answer(&a)
            .unwrap_or_else(|e| panic!("{}: {e}", bank.questions[q].id));
        let step = w2.walk().steps.len() - 1;
        let mut seen2 = seen.clone();
        seen2.extend(
            new_flags(&before, &w2.walk().findings)
                .into_iter()
                .map(|f| (f, step)),
        );
        explore(
            bank,
            w2,
            seen2,
            deviated || !(is_base || opens_route),
            count,
            failures,
        );
    }
}

#[test]
fn every_route_with_every_answer_keeps_the_red_flag_floors() {
    let bank = bank();
    let mut failures = Vec::new();
    let mut count = 0;
    explore(
        &bank,
        Walker::new(&bank),
        Vec::new(),
        false,
        &mut count,
        &mut failures,
    );
    assert!(
        count > 1000,
        "only {count} paths walked: the enumeration is broken"
    );
    failures.truncate(30);
    assert!(
        failures.is_empty(),
        "{count} paths walked; unsafe:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_bank_validates_clean() {
    let bank = bank();
    let problems = hamstring_triage::bank::validate::validate(&bank);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_red_flag_question_comes_before_any_result() {
    // The cauda equina screen is the third question on every path.
    let bank = bank();
    let w = walk(&bank, &Answers::new());
    assert_eq!(w.end, End::Pending(bank.start));
    let q = bank.question_index["cauda_equina_screen"];
    for key in [
        "bladder",
        "bowel_incontinence",
        "saddle_numbness",
        "new_sexual_dysfunction",
        "both_legs",
    ] {
        assert!(
            bank.questions[q].finding_keys().any(|k| k == key),
            "the screen misses {key}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random answers everywhere: the walk ends, every flag keeps its floor,
    /// and "Not sure" never gives a lower urgency than a plain "no".
    #[test]
    fn random_paths_are_safe(picks in proptest::collection::vec(any::<u32>(), 40)) {
        let bank = bank();
        let mut w = Walker::new(&bank);
        let mut seen = Vec::new();
        let mut i = 0;
        while let Some(q) = w.pending() {
            prop_assert!(i < picks.len(), "the walk did not end");
            let answers = valid_answers(&bank, q);
            let a = answers[picks[i] as usize % answers.len()].clone();
            i += 1;
            let before = w.walk().findings.clone();
            w.answer(&a).unwrap();
            let step = w.walk().steps.len() - 1;
            seen.extend(new_flags(&before, &w.walk().findings).into_iter().map(|f| (f, step)));
        }
        let mut failures = Vec::new();
        check_finished(&bank, &w, &seen, &mut failures);
        prop_assert!(failures.is_empty(), "{:?}", failures);

        let walk_done = w.walk();
        let urgency = triage(&bank, walk_done).urgency;
        let answers: Answers = walk_done.steps.iter().map(|s| (s.question, s.chosen.clone())).collect();
        for s in &walk_done.steps {
            let question = &bank.questions[s.question];
            if s.chosen.iter().any(|&o| question.options[o].not_sure) {
                let mut alt = answers.clone();
                alt.insert(s.question, plain_no(&bank, s.question));
                let alt_walk = walk(&bank, &alt);
                prop_assert!(urgency >= triage(&bank, &alt_walk).urgency,
                    "Not sure at {} lowered the urgency", question.id);
            }
        }
    }
}
