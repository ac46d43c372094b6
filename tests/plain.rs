//! Plain mode end to end with piped answers: a full path, a red-flag path,
//! going back, bad input, early end of input, saving, and the same result as
//! `assess` for every shared case.

mod common;

use std::io::Cursor;

use assert_cmd::Command;
use common::*;
use hamstring_triage::bank::Bank;
use hamstring_triage::case::load_case;
use hamstring_triage::cli::Audience;
use hamstring_triage::engine::{Walker, choose, triage};
use hamstring_triage::plain::{PlainEnd, PlainOptions, run};

fn plain(
    bank: &Bank,
    input: &str,
    audience: Audience,
    data_dir: Option<std::path::PathBuf>,
) -> (PlainEnd, String) {
    let mut out = Vec::new();
    let end = run(
        bank,
        Cursor::new(input.to_string()),
        &mut out,
        &PlainOptions { audience, data_dir },
    )
    .unwrap();
    (end, String::from_utf8(out).unwrap())
}

/// The lines a patient with these findings would type.
fn lines_for(bank: &Bank, findings: &hamstring_triage::bank::Findings) -> (String, String, String) {
    let mut w = Walker::new(bank);
    let mut input = String::new();
    while let Some(q) = w.pending() {
        let chosen = choose(bank, q, findings).unwrap();
        let nums: Vec<String> = chosen.iter().map(|o| (o + 1).to_string()).collect();
        input.push_str(&nums.join(" "));
        input.push('\n');
        w.answer(&chosen).unwrap();
    }
    let out = triage(bank, &w.walk());
    let top = bank.diagnoses[out.ranked[0].diagnosis].name.clone();
    (
        input,
        bank.ui(&format!("urgency.{}", bank.vocab.urgency_id(out.urgency)))
            .to_string(),
        top,
    )
}

#[test]
fn a_full_path_reaches_a_result_in_plain_paragraphs() {
    let bank = bank();
    let case = load_case(
        &shared_dir().join("cases/03-marathoner-sit-bone-ache.toml"),
        &bank.vocab,
    )
    .unwrap();
    let (input, urgency, top) = lines_for(&bank, &case.findings);
    let (end, out) = plain(&bank, &(input + "\n"), Audience::Patient, None);
    assert_eq!(end, PlainEnd::Finished { record: None });
    let result = out.split("RESULT\n").nth(1).expect("a result section");
    assert!(
        result.starts_with(&format!("How soon to get care: {urgency}.")),
        "{result}"
    );
    assert!(result.contains(&format!("1. {top} (")), "{result}");
    assert!(result.contains("Because you said: \""));
    assert!(result.contains("What to do now:"));
    assert!(!out.contains('\u{1b}'), "no escape sequences in plain mode");
    assert!(!out.contains('│') && !out.contains('┌'), "no box drawing");
}

#[test]
fn a_red_flag_stops_at_once_with_the_emergency_first() {
    let bank = bank();
    // Age, sex, activity, then the bladder option of the cauda equina screen.
    let (end, out) = plain(&bank, "3\n3\n5\n1\n", Audience::Patient, None);
    assert_eq!(end, PlainEnd::Finished { record: None });
    assert!(
        !out.contains("Question 5"),
        "no question after the red flag"
    );
    let after = out.split("Question 4").nth(1).unwrap();
    let alarm = after
        .find("EMERGENCY. Go to an emergency department now")
        .expect("the alarm");
    let result = after.find("RESULT").unwrap();
    assert!(alarm < result, "the alarm comes before the result");
    assert!(after.contains("How soon to get care: EMERGENCY."));
}

#[test]
fn back_re_asks_the_previous_question_and_the_new_answer_counts() {
    let bank = bank();
    let (_, out) = plain(&bank, "3\nb\n1\nb\nb\nq\n", Audience::Patient, None);
    assert_eq!(out.matches("Question 1 ").count(), 3, "{out}");
    assert_eq!(out.matches("Question 2 ").count(), 2);
    assert!(out.contains("This is the first question"));
    assert!(out.ends_with("Stopped. Nothing was saved.\n"));
}

#[test]
fn bad_input_is_re_asked_politely() {
    let bank = bank();
    let (end, out) = plain(
        &bank,
        "99\nbanana\n1 2\n?\nunder\nq\n",
        Audience::Patient,
        None,
    );
    assert_eq!(end, PlainEnd::Quit);
    assert!(out.contains("There is no answer 99. Please type a number from 1 to 5"));
    assert!(out.contains("That did not match an answer."));
    assert!(out.contains("Please choose only one answer."));
    assert!(out.contains("Why we ask: Age changes"));
    // "under" is the first word of "Under 12": it answers question 1.
    assert!(out.contains("Question 2 "));
}

#[test]
fn multi_select_takes_several_numbers_and_refuses_none_with_others() {
    let bank = bank();
    // Age, sex, activity; then "both legs" with "None of these" (10) is
    // refused, and "None of these" alone is taken.
    let (_, out) = plain(&bank, "3\n3\n5\n7 10\n10\nq\n", Audience::Patient, None);
    assert!(out.contains("cannot be ticked with other options"), "{out}");
    assert!(out.contains("Question 5 "));
}

#[test]
fn early_end_of_input_is_a_clear_message_and_exit_2() {
    let bank = bank();
    let (end, out) = plain(&bank, "2\n", Audience::Patient, None);
    assert_eq!(end, PlainEnd::InputEnded);
    assert!(out.contains("The answers ended before the questionnaire was finished"));

    let out = Command::cargo_bin("hamstring-triage")
        .unwrap()
        .arg("--plain")
        .write_stdin("2\n1\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_binary_falls_back_to_plain_mode_when_piped() {
    let out = Command::cargo_bin("hamstring-triage")
        .unwrap()
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Question 1 ") && s.contains("How old are you?"),
        "{s}"
    );
}

#[test]
fn a_clinician_session_is_saved_by_default_and_a_patient_may_save() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let case = load_case(
        &shared_dir().join("cases/07-warehouse-leg-pain.toml"),
        &bank.vocab,
    )
    .unwrap();
    let (input, _, _) = lines_for(&bank, &case.findings);
    let (end, out) = plain(
        &bank,
        &input,
        Audience::Clinician,
        Some(dir.path().to_path_buf()),
    );
    let PlainEnd::Finished { record: Some(code) } = end else {
        panic!("not saved: {out}")
    };
    assert!(
        out.contains(&format!("Saved. Reference code {code}")),
        "{out}"
    );
    assert!(out.contains("Examine next:"), "clinicians get next steps");
    assert!(out.contains("Strongest for: "), "and the weights in words");
    let store = hamstring_triage::records::Store::new(dir.path());
    assert_eq!(store.load(&code).unwrap().audience, "clinician");

    let (end, _) = plain(
        &bank,
        &format!("{input}s\n"),
        Audience::Patient,
        Some(dir.path().to_path_buf()),
    );
    assert!(matches!(end, PlainEnd::Finished { record: Some(_) }));
    assert_eq!(store.list().unwrap().0.len(), 2);
}

#[test]
fn every_shared_case_gives_the_same_result_in_plain_mode_as_assess() {
    let bank = bank();
    for path in shared_cases() {
        let case = load_case(&path, &bank.vocab).unwrap();
        let (input, urgency, top) = lines_for(&bank, &case.findings);
        let (_, out) = plain(&bank, &input, Audience::Patient, None);
        let result = out
            .split("RESULT\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{}: no result", path.display()));
        assert!(
            result.starts_with(&format!("How soon to get care: {urgency}.")),
            "{}",
            path.display()
        );
        assert!(
            result.contains(&format!("1. {top} (")),
            "{}: {top}",
            path.display()
        );
    }
}
