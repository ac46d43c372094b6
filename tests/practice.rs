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
    // The urgencies by their names, never their ids.
    assert!(
        s.contains("  1. EMERGENCY (") && s.contains(". SELF-CARE ("),
        "{s}"
    );
    assert!(!s.contains("self care") && !s.contains("self_care"), "{s}");
    let stats = assert_cmd::Command::cargo_bin("hamstring-triage")
        .unwrap()
        .args(["practice", "--stats", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(
        stats.contains("1 attempt on 1 case;") && stats.contains("Cauda equina screen missed once"),
        "{stats}"
    );
    assert!(
        !stats.contains("1 times") && !stats.contains("(s)"),
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

/// The feedback's lines as text, in a language.
fn feedback_text(bank: &Bank, f: &hamstring_triage::practice::Feedback) -> String {
    hamstring_triage::practice::report::lines(bank, f)
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Words with an underscore or an `=`: a raw key or `key = value`.
fn raw_keys(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| w.contains('_') || *w == "=")
        .collect()
}

#[test]
fn the_feedback_says_findings_and_urgencies_in_words_in_both_languages() {
    let base = bank();
    for lang in ["en", "es"] {
        let bank = base.localized(lang).unwrap();
        let mut iv = Interview::new(shared_case(&bank, "03-marathoner-sit-bone-ache.toml"));
        ask_like_the_tree(&bank, &mut iv);
        iv.asked
            .retain(|a| bank.questions[a.question].id != "aggravators");
        let f = iv.commit(
            &bank,
            &[d(&bank, "ischial_bursitis")],
            u(&bank, "emergency"),
        );
        assert!(!f.separators.is_empty());
        let text = feedback_text(&bank, &f);
        assert!(
            raw_keys(&text).is_empty(),
            "{lang}: {:?}\n{text}",
            raw_keys(&text)
        );
        assert!(!text.contains("[missing text]"), "{text}");
        // The finding as the aggravators question words it, and this
        // patient's answer.
        let line = bank
            .questions
            .iter()
            .flat_map(|q| &q.options)
            .find(|o| {
                o.sets
                    .iter()
                    .any(|(k, v)| k == "worse_running_fast_or_uphill" && v == "true")
            })
            .unwrap();
        assert!(
            text.contains(&format!(
                "  - {}: {} ({})",
                line.clinician,
                bank.ui("practice_feedback.present"),
                bank.ui("practice.not_asked")
            )),
            "{lang}: {text}"
        );
        assert!(text.contains(bank.ui("urgency.emergency")), "{text}");
    }
}

#[test]
fn a_right_diagnosis_without_the_questions_that_tell_it_apart_says_so() {
    let base = bank();
    for lang in ["en", "es"] {
        let bank = base.localized(lang).unwrap();
        // The avulsion named right after asking only the emergency screen.
        let mut iv = Interview::new(shared_case(&bank, "01-waterski-fall.toml"));
        iv.ask(&bank, bank.question_index["cauda_equina_screen"]);
        let f = iv.commit(&bank, &[d(&bank, "hamstring_avulsion")], u(&bank, "urgent"));
        assert!(f.correct());
        let rival = f.rival.expect("the next most likely");
        assert_ne!(rival, d(&bank, "hamstring_avulsion"));
        assert!(!f.separators.is_empty() && f.separators.iter().all(|s| !s.asked));
        let text = feedback_text(&bank, &f);
        let heading = bank.ui_fill(
            "practice_feedback.skipped",
            &[
                (
                    "right",
                    &bank.diagnoses[d(&bank, "hamstring_avulsion")].clinician_name,
                ),
                ("chosen", &bank.diagnoses[rival].clinician_name),
            ],
        );
        assert!(text.contains(&heading), "{lang}: {text}");
        assert!(raw_keys(&text).is_empty(), "{text}");
        // One question asked: the singular.
        let one = bank.ui("practice_feedback.questions_one");
        assert!(text.contains(one), "{lang}: {text}");
        assert!(
            !text.contains("1 questions") && !text.contains("1 preguntas"),
            "{text}"
        );
    }
    // Asked like the tree: nothing skipped, nothing said.
    let mut iv = Interview::new(shared_case(&base, "01-waterski-fall.toml"));
    ask_like_the_tree(&base, &mut iv);
    let f = iv.commit(&base, &[d(&base, "hamstring_avulsion")], u(&base, "urgent"));
    assert_eq!(f.score.total(), 100);
    assert!(
        f.separators.is_empty() && f.rival.is_none(),
        "{:?}",
        f.separators
    );
    assert!(!feedback_text(&base, &f).contains("Right, but"));
}

/// A progress file of attempts with these scores and numbers of red flags
/// missed, the first right and the others wrong.
fn progress_of(sessions: &[(u32, usize)]) -> progress::ProgressFile {
    progress::ProgressFile {
        version: progress::VERSION,
        attempts: sessions
            .iter()
            .enumerate()
            .map(|(i, &(score, flags))| Attempt {
                case: format!("case-{}", i % 2),
                time: format!("2026-01-0{}T10:00:00Z", i + 1),
                score,
                correct: i == 0,
                chosen: "ischial_bursitis".into(),
                expected: "hamstring_avulsion".into(),
                urgency_exact: true,
                under_triaged: false,
                red_flags_missed: (0..flags).map(|n| format!("Flag {n}")).collect(),
                ces_missed: flags > 2,
            })
            .collect(),
    }
}

#[test]
fn practice_stats_count_in_the_singular_and_plural_in_both_languages() {
    use hamstring_triage::practice::stats;
    let base = bank();
    let one = progress_of(&[(80, 3)]);
    let en = stats::text(&base, &one, false);
    assert!(
        en.starts_with("1 attempt on 1 case; the right first diagnosis once;"),
        "{en}"
    );
    assert!(en.contains("missed once"), "{en}");
    assert!(
        en.contains("Scores of the last session, oldest first: 80."),
        "{en}"
    );
    let es_bank = base.localized("es").unwrap();
    let es = stats::text(&es_bank, &one, false);
    assert!(
        es.starts_with("1 intento con 1 caso; diagnóstico principal correcto 1 vez;"),
        "{es}"
    );
    let three = progress_of(&[(40, 6), (70, 2), (100, 0)]);
    for (bank, text) in [
        (&base, stats::text(&base, &three, false)),
        (&es_bank, stats::text(&es_bank, &three, false)),
    ] {
        assert!(!text.contains("[missing text]"), "{text}");
        assert!(
            !text.contains("1 times") && !text.contains("1 veces") && !text.contains("(s)"),
            "{text}"
        );
        // The diagnosis missed by its name, never its id.
        let avulsion = &bank.diagnoses[d(bank, "hamstring_avulsion")].clinician_name;
        assert!(
            text.contains(&format!(
                "{}: {avulsion}",
                bank.ui_fill("practice_stats.times_other", &[("n", "2")])
            )),
            "{text}"
        );
        assert!(!text.contains("hamstring_avulsion"), "{text}");
    }
    let en = stats::text(&base, &three, false);
    assert!(
        en.contains("3 attempts on 2 cases; the right first diagnosis once;"),
        "{en}"
    );
    assert!(
        en.contains("Scores of the last 3 sessions, oldest first: 40, 70, 100."),
        "{en}"
    );
    assert!(en.contains("oldest first: 6, 2, 0."), "{en}");
    assert!(!en.contains('█'), "plain output has no chart: {en}");
}

#[test]
fn practice_stats_draw_the_scores_and_red_flags_missed_over_time() {
    use hamstring_triage::practice::stats::{self, SHOWN, sparkline};
    let bank = bank();
    let three = progress_of(&[(40, 6), (70, 2), (100, 0)]);
    let text = stats::text(&bank, &three, true);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Scores (0 to 100) of the last 3 sessions"))
        .expect(&text);
    assert_eq!(
        lines[at + 1],
        format!("  {}  40 → 100", sparkline(&[40, 70, 100], 100))
    );
    assert_eq!(
        lines[at + 1]
            .trim_start()
            .chars()
            .take(3)
            .collect::<String>(),
        "▄▆█"
    );
    assert_eq!(lines[at + 2], "Red flags not asked in each of them:");
    assert_eq!(lines[at + 3], "  █▃·  6 → 0");
    // A long history: the latest sessions only.
    let many: Vec<(u32, usize)> = (0..SHOWN + 5).map(|i| (i as u32 % 101, 1)).collect();
    let text = stats::text(&bank, &progress_of(&many), true);
    assert!(
        text.contains(&format!("of the last {SHOWN} sessions")),
        "{text}"
    );
    let bars = text.lines().find(|l| l.contains('→')).unwrap();
    assert_eq!(
        bars.trim().split("  ").next().unwrap().chars().count(),
        SHOWN
    );
}

#[test]
fn practice_stats_name_each_red_flag_in_the_language_asked_whatever_it_was_saved_in() {
    use hamstring_triage::practice::stats;
    let en = bank();
    let es = en.localized("es").unwrap();
    let flag = |b: &Bank| b.red_flags[0].title.clone();
    let mut file = progress_of(&[(50, 0), (60, 0)]);
    // Missed once in an English session, once in a Spanish one.
    file.attempts[0].red_flags_missed = vec![flag(&en), en.ui("practice.ces_screen").into()];
    file.attempts[1].red_flags_missed = vec![flag(&es), es.ui("practice.ces_screen").into()];
    for b in [&en, &es] {
        let text = stats::text(b, &file, false);
        let twice = b.ui_fill("practice_stats.times_other", &[("n", "2")]);
        assert!(text.contains(&format!("  {twice}: {}", flag(b))), "{text}");
        assert!(
            text.contains(&format!("  {twice}: {}", b.ui("practice.ces_screen"))),
            "{text}"
        );
    }
    assert_ne!(flag(&en), flag(&es), "the title is translated");
}

#[test]
fn a_bar_is_as_high_as_its_value_and_nothing_is_a_dot() {
    use hamstring_triage::practice::stats::sparkline;
    assert_eq!(sparkline(&[0, 1, 50, 100], 100), "·▁▄█");
    assert_eq!(sparkline(&[3, 0, 6], 6), "▄·█");
    assert_eq!(sparkline(&[2], 0), "█", "a top of 0 does not divide by 0");
}
