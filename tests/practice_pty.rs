//! `hamstring-triage practice` in a real pseudo-terminal, end to end through
//! a short case: ask questions (by search and by clicking), commit a
//! differential and an urgency, read the feedback with its score, quit; the
//! process exits 0, the terminal is put back and the attempt is kept.

#[path = "common/pty.rs"]
mod pty;
#[path = "common/screen.rs"]
mod screen;

use pty::Pty;

/// A short case: the decision tree needs only a few questions.
const CASE: &str = "numb-saddle-sex";

/// Practice on `CASE` at 80x24 with its config and data folders in `dir`;
/// the data folder is returned.
fn spawn(dir: &std::path::Path) -> (Pty, std::path::PathBuf) {
    let data = dir.join("data");
    let config = dir.join("config");
    let pty = Pty::spawn(
        &[
            "--config-dir",
            config.to_str().unwrap(),
            "practice",
            "--case",
            CASE,
            "--data-dir",
            data.to_str().unwrap(),
        ],
        &[],
        80,
        24,
    );
    (pty, data)
}

#[test]
fn a_student_interviews_commits_sees_the_score_and_the_attempt_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut pty, data) = spawn(dir.path());
    let screen = pty.wait_for("Presentation:");
    assert!(screen.contains("Numb where she sits"), "{screen}");
    assert!(screen.contains("0 asked"), "{screen}");

    // By search: the cauda equina screen.
    pty.press("/");
    for c in "bladder".chars() {
        pty.send(&c.to_string());
    }
    pty.wait_for("Search: bladder");
    let screen = pty.press("\r");
    assert!(screen.contains("1 asked"), "{screen}");
    assert!(screen.contains("Patient: \"Yes:"), "{screen}");
    // Esc clears the search; Home goes to the top of the list; then a
    // click asks another question.
    let screen = pty.press("\x1b");
    assert!(screen.contains("press / and type"), "{screen}");
    let screen = pty.press("g");
    assert!(screen.contains("Duration of symptoms"), "{screen}");
    let screen = pty.click("Duration of symptoms");
    assert!(screen.contains("2 asked"), "{screen}");
    assert!(screen.contains("You: Duration of symptoms"), "{screen}");

    // The differential: cauda equina syndrome first.
    let screen = pty.press("c");
    assert!(screen.contains("Your differential:"), "{screen}");
    let screen = pty.click("Cauda equina syndrome");
    assert!(screen.contains("[1] Cauda equina syndrome"), "{screen}");
    // The urgency: nothing chosen at first, so Enter alone commits nothing;
    // the most urgent level clicked, then submitted.
    let screen = pty.press("c");
    assert!(screen.contains("How urgent is it?"), "{screen}");
    let screen = pty.press("\r");
    assert!(screen.contains("Choose an urgency first"), "{screen}");
    pty.click("EMERGENCY");
    let screen = pty.press("\r");
    assert!(screen.contains("Score "), "{screen}");
    assert!(screen.contains("/100"), "{screen}");

    let screen = pty.press("q");
    assert!(screen.contains("Quit now?"), "{screen}");
    pty.send("y");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
    // The score is left on the normal screen after the app closes.
    assert!(pty.screen().contains("Score "), "{}", pty.screen());

    let progress = std::fs::read_to_string(data.join("practice").join("progress.json"))
        .expect("the progress file was written");
    let json: serde_json::Value = serde_json::from_str(&progress).unwrap();
    let attempt = &json["attempts"][0];
    assert_eq!(attempt["case"], CASE, "{progress}");
    assert_eq!(attempt["correct"], true, "{progress}");
    assert_eq!(attempt["chosen"], "cauda_equina", "{progress}");
}

#[test]
fn quitting_before_committing_keeps_nothing_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut pty, data) = spawn(dir.path());
    pty.wait_for("Presentation:");
    pty.press("\r");
    pty.send("\x03");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
    assert!(!data.join("practice").join("progress.json").exists());
}
