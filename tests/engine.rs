//! The engine's walker and scoring as the checks use them: a multi-select
//! answer means the same in any order, and the shortcuts the beam search for
//! "can this diagnosis rank first" takes (a cloned walker, scoring by
//! number, the first diagnosis without the ranking) agree with the walk and
//! the full triage.

use hamstring_triage::bank::{Bank, Kind};
use hamstring_triage::engine::{Answers, Scorer, Walker, first_diagnosis, rank, triage};

/// A pseudo-random answer to question `q`: one option of a single-choice
/// question; for a multi-select one, a random set of its ordinary options
/// (or, when none is drawn, any one option, "none" and "not sure" included).
fn random_answer(bank: &Bank, q: usize, next: &mut impl FnMut() -> u64) -> Vec<usize> {
    let question = &bank.questions[q];
    let n = question.options.len();
    let bits = next();
    let ticked: Vec<usize> = (0..n)
        .filter(|&o| bits >> o & 1 == 1)
        .filter(|&o| !question.options[o].none && !question.options[o].not_sure)
        .collect();
    if question.kind == Kind::Multi && !ticked.is_empty() {
        ticked
    } else {
        vec![next() as usize % n]
    }
}

/// Ticking the same options in another order gives the same findings
/// and the same red flags: a finding two ticked options both set takes
/// the value of the later option in the bank, whatever the order typed.
#[test]
fn a_multi_select_answer_means_the_same_whatever_order_it_was_ticked_in() {
    let bank = Bank::builtin().unwrap();
    let mut checked = 0;
    for (q, question) in bank.questions.iter().enumerate() {
        if question.kind != Kind::Multi {
            continue;
        }
        let plain: Vec<usize> = (0..question.options.len())
            .filter(|&o| !question.options[o].none && !question.options[o].not_sure)
            .collect();
        for (i, &a) in plain.iter().enumerate() {
            for &b in &plain[i + 1..] {
                let answer = |chosen: &[usize]| {
                    let mut w = Walker::new(&bank);
                    // Reach `q` along any path: answer every pending
                    // question with its first option until `q` is next.
                    let mut answers = Answers::new();
                    answers.insert(q, chosen.to_vec());
                    let mut steps = 0;
                    while let Some(p) = w.pending() {
                        let c = answers.get(&p).cloned().unwrap_or_else(|| vec![0]);
                        if w.answer(&c).is_err() || steps > bank.questions.len() {
                            break;
                        }
                        steps += 1;
                    }
                    w.walk()
                };
                let ab = answer(&[a, b]);
                let ba = answer(&[b, a]);
                if !ab.asked().any(|x| x == q) {
                    continue;
                }
                checked += 1;
                assert_eq!(ab.findings, ba.findings, "{} {a} {b}", question.id);
                assert_eq!(ab.end, ba.end, "{} {a} {b}", question.id);
            }
        }
    }
    assert!(checked > 10, "{checked}");
}

/// Walks the built-in bank with pseudo-random answers (a fixed sequence),
/// checking the shortcuts the beam search takes (the walker's own
/// findings and red flags, the log-odds and the first diagnosis without
/// the ranking) against the walk and the engine's full triage at every
/// step.
#[test]
fn the_beam_search_shortcuts_agree_with_the_engine() {
    let bank = Bank::builtin().expect("the built-in bank");
    let mut scorer = Scorer::default();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..400 {
        let mut w = Walker::new(&bank);
        while let Some(q) = w.pending() {
            let chosen = &random_answer(&bank, q, &mut next);
            // A clone taken before the answer answers alike.
            let mut probe = w.clone();
            w.answer(chosen).expect("a candidate answer is valid");
            probe.answer(chosen).expect("and the clone takes it");
            let walk = w.walk();
            assert_eq!(probe.walk().findings, walk.findings);
            let fired: Vec<usize> = walk.fired.iter().map(|f| f.flag).collect();
            let probe_fired: Vec<usize> = probe.fired().iter().map(|f| f.flag).collect();
            assert_eq!(probe_fired, fired);
            assert_eq!(probe.pending(), w.pending());
            let log_odds = scorer.log_odds(&bank, probe.slots()).to_vec();
            for r in rank(&bank, &walk.findings) {
                assert_eq!(log_odds[r.diagnosis].to_bits(), r.log_odds.to_bits());
            }
            assert_eq!(
                first_diagnosis(&bank, probe.fired(), probe.slots(), &mut scorer),
                Some(triage(&bank, &walk).ranked[0].diagnosis)
            );
            assert_eq!(probe.walk().steps, walk.steps);
            assert_eq!(probe.walk().set_by, walk.set_by);
        }
        assert_eq!(w.pending(), None);
    }
}
