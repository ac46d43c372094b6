//! A questionnaire in progress (`Session`) and the walk beneath it.

use hamstring_triage::bank::{Bank, Findings, Kind};
use hamstring_triage::engine::{self, Answers, Walker};
use hamstring_triage::session::Session;

fn q(bank: &Bank, id: &str) -> usize {
    bank.question_index[id]
}

fn o(bank: &Bank, question: &str, id: &str) -> usize {
    bank.questions[q(bank, question)]
        .options
        .iter()
        .position(|x| x.id == id)
        .unwrap()
}

#[test]
fn a_refused_answer_changes_nothing_and_back_withdraws_the_last() {
    let bank = Bank::builtin().unwrap();
    let mut s = Session::new(&bank);
    let start = s.pending().unwrap();
    assert_eq!(start, bank.start);
    assert!(s.answer(&bank, start, vec![]).is_err());
    assert!(s.answers.is_empty());
    s.answer(&bank, start, vec![o(&bank, "age", "18_to_49")])
        .unwrap();
    assert_ne!(s.pending(), Some(start));
    assert_eq!(s.step_of(start), Some(0));
    assert_eq!(s.back(&bank), Some(start));
    assert_eq!(s.pending(), Some(start));
    assert_eq!(s.back(&bank), None);
}

#[test]
fn changing_an_answer_drops_the_answers_off_the_new_path() {
    let bank = Bank::builtin().unwrap();
    let mut s = Session::new(&bank);
    // Answer everything with the first option until the walk ends or a
    // question offers a second branch.
    while let Some(p) = s.pending() {
        let chosen = engine::choose(&bank, p, &Findings::new()).unwrap();
        s.answer(&bank, p, chosen).unwrap();
    }
    assert!(s.outcome.is_some());
    let on_path: Vec<usize> = s.walk.asked().collect();
    assert!(s.answers.keys().all(|q| on_path.contains(q)));
    let first = s.walk.steps[0].question;
    s.withdraw(&bank, first);
    assert!(s.outcome.is_none());
    assert!(s.answers.keys().all(|q| s.walk.asked().any(|a| a == *q)));
    s.reset(&bank);
    assert!(s.answers.is_empty() && s.seen_flags.is_empty());
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
                    w.into_walk()
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
