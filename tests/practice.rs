//! Practice mode: scoring a student's interview, the case library, progress.

mod common;

use common::*;
use hamstring_triage::bank::{Bank, Urgency};
use hamstring_triage::engine::{interview, triage};
use hamstring_triage::practice::progress::{self, Attempt};
use hamstring_triage::practice::{Interview, LibraryCase, askable, built_in, from_file};

fn library_case(bank: &Bank, id: &str) -> LibraryCase {
    let (cases, bad) = built_in(&bank.vocab);
    assert!(bad.is_empty(), "{bad:?}");
    cases
        .into_iter()
        .find(|c| c.id() == id)
        .unwrap_or_else(|| panic!("no case {id}"))
}

fn shared_case(bank: &Bank, file: &str) -> LibraryCase {
    from_file(&shared_dir().join("cases").join(file), &bank.vocab).unwrap()
}

/// Asks exactly what the decision tree would ask this patient.
fn ask_like_the_tree(bank: &Bank, iv: &mut Interview) {
    let walk = interview(bank, &iv.case.case.findings).unwrap();
    for s in &walk.steps {
        iv.ask(bank, s.question);
    }
}

fn u(bank: &Bank, id: &str) -> Urgency {
    bank.vocab.urgency(id).unwrap()
}

fn d(bank: &Bank, id: &str) -> usize {
    bank.diagnosis_index(id).unwrap()
}

#[test]
fn a_perfect_interview_scores_100() {
    let bank = bank();
    let mut iv = Interview::new(shared_case(&bank, "01-waterski-fall.toml"));
    ask_like_the_tree(&bank, &mut iv);
    let f = iv.commit(
        &bank,
        &[d(&bank, "hamstring_avulsion"), d(&bank, "hamstring_strain")],
        u(&bank, "urgent"),
    );
    assert!(f.correct());
    assert!(f.missed_red_flags.is_empty(), "{:?}", f.missed_red_flags);
    assert_eq!(f.asked, f.needed);
    assert_eq!(f.score.total(), 100, "{:?}", f.score);
}

#[test]
fn the_right_diagnosis_with_the_cauda_equina_screen_skipped_is_a_serious_miss() {
    let bank = bank();
    let mut iv = Interview::new(shared_case(&bank, "01-waterski-fall.toml"));
    ask_like_the_tree(&bank, &mut iv);
    iv.asked
        .retain(|a| bank.questions[a.question].id != "cauda_equina_screen");
    let f = iv.commit(&bank, &[d(&bank, "hamstring_avulsion")], u(&bank, "urgent"));
    assert!(f.correct());
    let first = &f.missed_red_flags[0];
    assert!(
        first.serious,
        "the CES miss comes first: {:?}",
        f.missed_red_flags
    );
    assert!(
        !first.present,
        "this patient had no CES sign, and it is still a miss"
    );
    assert!(first.findings.contains(&"bladder".to_string()));
    assert_eq!(f.score.red_flags, 10, "{:?}", f.score);
    assert_eq!(f.score.total(), 85);
}

#[test]
fn a_question_that_cannot_find_the_flag_does_not_count_as_screening_it() {
    let bank = bank();
    let mut iv = Interview::new(shared_case(&bank, "01-waterski-fall.toml"));
    // Local swelling at the injury is asked; whole-leg swelling is not.
    iv.ask(&bank, bank.question_index["injury_signs"]);
    let f = iv.commit(&bank, &[d(&bank, "hamstring_avulsion")], u(&bank, "urgent"));
    assert!(
        f.missed_red_flags
            .iter()
            .any(|m| m.findings == ["leg_swelling"]),
        "{:?}",
        f.missed_red_flags
    );
}

#[test]
fn a_wrong_diagnosis_names_the_deciding_finding_never_asked() {
    let bank = bank();
    let mut iv = Interview::new(shared_case(&bank, "03-marathoner-sit-bone-ache.toml"));
    ask_like_the_tree(&bank, &mut iv);
    // The student never asks what makes the pain worse.
    iv.asked
        .retain(|a| bank.questions[a.question].id != "aggravators");
    let f = iv.commit(&bank, &[d(&bank, "ischial_bursitis")], u(&bank, "routine"));
    assert!(!f.correct());
    assert_eq!(f.score.diagnosis, 0);
    let deciding = f
        .separators
        .iter()
        .find(|s| s.finding == "worse_running_fast_or_uphill")
        .expect("running speed separates them");
    assert!(!deciding.asked, "{:?}", f.separators);
    assert!(f.separators.windows(2).all(|w| w[0].weight >= w[1].weight));
}

#[test]
fn an_under_triaged_urgency_scores_nothing_for_urgency() {
    let bank = bank();
    let mut iv = Interview::new(shared_case(&bank, "12-cross-country-buttock-pain.toml"));
    ask_like_the_tree(&bank, &mut iv);
    let f = iv.commit(
        &bank,
        &[d(&bank, "myofascial_pain"), d(&bank, "stress_fracture")],
        u(&bank, "routine"),
    );
    assert!(f.under_triaged());
    assert_eq!(f.score.urgency, 0);
    assert_eq!(f.score.diagnosis, 25, "right diagnosis second");
    assert_eq!(
        f.score.efficiency, 0,
        "efficiency counts only with the right diagnosis"
    );
    // Over-triage by one level costs less than under-triage.
    let over = iv.commit(&bank, &[d(&bank, "stress_fracture")], u(&bank, "emergency"));
    assert_eq!(over.score.urgency, 15);
}

#[test]
fn too_many_questions_cost_efficiency_points() {
    let bank = bank();
    // A patient whose emergency screen ends the tree early: every other
    // question in the list is one too many.
    let mut iv = Interview::new(shared_case(&bank, "23-tearing-back-pain-feels-faint.toml"));
    for a in askable(&bank) {
        iv.ask(&bank, a.question);
    }
    let f = iv.commit(&bank, &[d(&bank, "aortic_aneurysm")], u(&bank, "emergency"));
    assert!(f.asked > f.needed + 3);
    assert!(f.score.efficiency < 10);
    assert!(f.missed_red_flags.is_empty());
}

#[test]
fn every_built_in_case_meets_its_own_answer_key_in_assess() {
    let bank = bank();
    let (cases, bad) = built_in(&bank.vocab);
    assert!(bad.is_empty(), "{bad:?}");
    assert!(cases.len() >= 38, "at least 38 cases, got {}", cases.len());
    let mut covered: Vec<String> = cases
        .iter()
        .map(|c| c.case.expected.as_ref().unwrap().diagnosis.clone())
        .collect();
    covered.sort();
    covered.dedup();
    assert_eq!(
        covered.len(),
        bank.diagnoses.len(),
        "every diagnosis has a case: {covered:?}"
    );
    for c in &cases {
        let key = c.case.expected.as_ref().unwrap();
        let walk = interview(&bank, &c.case.findings).unwrap();
        let out = triage(&bank, &walk);
        let top = &bank.diagnoses[out.ranked[0].diagnosis].id;
        assert!(
            top == &key.diagnosis || key.also.contains(top),
            "{}: {top} for {}",
            c.source,
            key.diagnosis
        );
        assert_eq!(
            bank.vocab.urgency_id(out.urgency),
            key.urgency,
            "{}",
            c.source
        );
        assert!(
            ["easy", "medium", "hard"].contains(&c.case.info.difficulty.as_str()),
            "{}",
            c.source
        );
        assert!(!c.case.info.presentation.is_empty());
    }
}

#[test]
fn a_broken_case_file_is_located_and_the_rest_still_load() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, "[findings]\nonset = \"sudden\"\n[expected]\nurgency = \"soonish\"\ndiagnosis = \"hamstring_strain\"\n").unwrap();
    let err = from_file(&p, &bank.vocab).unwrap_err();
    assert!(err.message.contains("soonish"), "{err}");
    std::fs::write(&p, "[findings]\nonset = \"suddenly\"\n").unwrap();
    let err = from_file(&p, &bank.vocab).unwrap_err();
    assert_eq!((err.line, err.column), (2, 9), "{err}");
}

#[test]
fn the_patient_answers_in_words_from_the_case_and_defaults() {
    let bank = bank();
    let mut iv = Interview::new(library_case(&bank, "feverish-teen-limp"));
    let general = bank.question_index["general_screen"];
    let reply = iv.ask(&bank, general).reply.clone();
    assert!(
        reply.starts_with("Yes: ") && reply.contains("Fever"),
        "{reply}"
    );
    let ces = bank.question_index["cauda_equina_screen"];
    assert_eq!(iv.ask(&bank, ces).reply, "No, none of those.");
    // Asking again gives the same reply and counts once.
    iv.ask(&bank, ces);
    assert_eq!(iv.asked.len(), 2);
}

#[test]
fn the_askable_list_groups_by_theme_with_each_wording_once() {
    let bank = bank();
    let list = askable(&bank);
    let wordings: Vec<&str> = list
        .iter()
        .map(|a| bank.questions[a.question].clinician.as_str())
        .collect();
    let mut unique = wordings.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), wordings.len());
    assert_eq!(list[0].theme, "onset");
    assert!(
        list.iter()
            .any(|a| bank.questions[a.question].id == "cauda_equina_screen")
    );
}

#[test]
fn progress_is_kept_and_summarised() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let mut iv = Interview::new(shared_case(&bank, "06-accountant-hard-chair.toml"));
    ask_like_the_tree(&bank, &mut iv);
    let wrong = iv.commit(&bank, &[d(&bank, "myofascial_pain")], u(&bank, "routine"));
    let right = iv.commit(&bank, &[d(&bank, "ischial_bursitis")], u(&bank, "routine"));
    progress::record(
        dir.path(),
        Attempt::from_feedback(&bank, &wrong, "2026-01-01T00:00:00Z".into()),
    )
    .unwrap();
    progress::record(
        dir.path(),
        Attempt::from_feedback(&bank, &right, "2026-01-02T00:00:00Z".into()),
    )
    .unwrap();
    let s = progress::summarise(&progress::load(dir.path()).unwrap());
    assert_eq!((s.attempts, s.cases, s.correct), (2, 1, 1));
    assert_eq!(s.wrong_most, vec![("ischial_bursitis".to_string(), 1)]);
    assert!((s.mean_score - (wrong.score.total() + right.score.total()) as f64 / 2.0).abs() < 1e-9);
}

#[test]
fn a_plain_practice_session_runs_end_to_end_and_keeps_progress() {
    let dir = tempfile::tempdir().unwrap();
    // Ask two questions (one by search), then commit avulsion and urgent.
    let avulsion = bank().diagnosis_index("hamstring_avulsion").unwrap() + 1;
    let input = format!("1\nbladder\n3\nc\n{avulsion}\n2\n");
    let out = assert_cmd::Command::cargo_bin("hamstring-triage")
        .unwrap()
        .args([
            "practice",
            "--case",
            "teen-sprinter-start-pop",
            "--data-dir",
        ])
        .arg(dir.path())
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Practice case: Pop out of the blocks"), "{s}");
    assert!(s.contains("Patient: \""), "{s}");
    assert!(
        s.contains("Emergency screen: cauda equina"),
        "search finds the screen: {s}"
    );
    assert!(s.contains("!! SERIOUS MISS"), "{s}");
    assert!(s.contains("Diagnosis: right."));
    assert!(s.contains("Score "));
    let stats = assert_cmd::Command::cargo_bin("hamstring-triage")
        .unwrap()
        .args(["practice", "--stats", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(
        stats.contains("Attempts: 1 on 1 case(s)")
            && stats.contains("Cauda equina screen missed: 1"),
        "{stats}"
    );
}

#[test]
fn practice_list_shows_every_case_with_its_level() {
    let out = assert_cmd::Command::cargo_bin("hamstring-triage")
        .unwrap()
        .args(["practice", "--list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.lines().count() > 24);
    assert!(s.contains("feverish-teen-limp") && s.contains("hard"));
}
