//! A questionnaire in progress (`Session`): its answers, back, and changing
//! an answer.

use hamstring_triage::bank::{Bank, Findings};
use hamstring_triage::engine;
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
    let s = Session::new(&bank);
    assert!(s.answers.is_empty() && s.seen_flags.is_empty());
}
