//! The headless commands as the contract gives them: JSON fields, exit codes,
//! one located message on stderr for bad input.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::*;

fn bin() -> Command {
    Command::cargo_bin("hamstring-triage").unwrap()
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the built-in bank (with its translations) in a temporary folder.
fn bank_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["", "lang"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(manifest().join("questions").join(sub)).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

#[test]
fn assess_prints_the_contract_json() {
    let case = shared_dir().join("cases/01-waterski-fall.toml");
    let out = bin()
        .args(["assess", "--case"])
        .arg(&case)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out.stdout);
    assert_eq!(v["urgency"], "urgent");
    let d = v["diagnoses"].as_array().unwrap();
    assert!(d.len() >= 3);
    assert_eq!(d[0]["id"], "hamstring_avulsion");
    let s0 = d[0]["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&s0));
    assert!(
        d[0]["because"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == "pop")
    );
    assert!(v["red_flags"].as_array().unwrap().is_empty());
    let asked: Vec<&str> = v["asked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(asked[0], "age");
    assert!(asked.contains(&"cauda_equina_screen"));
}

#[test]
fn assess_defaults_to_json_when_piped_and_names_red_flags() {
    let case = shared_dir().join("cases/08-week-of-back-and-leg-pain.toml");
    let out = bin()
        .args(["assess", "--case"])
        .arg(&case)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json_of(&out.stdout);
    assert_eq!(v["urgency"], "emergency");
    assert_eq!(v["diagnoses"][0]["id"], "cauda_equina");
    let flags: Vec<&str> = v["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        flags.contains(&"bladder") && flags.contains(&"saddle_numbness"),
        "{flags:?}"
    );
    assert_eq!(
        v["asked"].as_array().unwrap().last().unwrap(),
        "cauda_equina_screen"
    );
}

#[test]
fn assess_text_format_reads_as_a_report() {
    let case = shared_dir().join("cases/03-marathoner-sit-bone-ache.toml");
    let out = bin()
        .args(["assess", "--format", "text", "--case"])
        .arg(&case)
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    // The result screen's Report, in the patient's words: no ids, no scores.
    assert!(
        s.starts_with("RESULT\nHow soon to get care: ROUTINE."),
        "{s}"
    );
    assert!(
        s.contains("Irritated hamstring tendon at the sit bone"),
        "{s}"
    );
    assert!(
        !s.contains("hamstring_tendinopathy") && !s.contains("score"),
        "{s}"
    );
    // And in the clinician's, in Spanish, when asked.
    let out = bin()
        .args([
            "assess",
            "--format",
            "text",
            "--audience",
            "clinician",
            "--lang",
            "es",
            "--case",
        ])
        .arg(&case)
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("RESULTADO\nUrgencia: RUTINARIO."), "{s}");
    assert!(
        s.contains("puntuación relativa") && s.contains("A favor:"),
        "{s}"
    );
    assert!(
        !s.contains("hamstring_tendinopathy") && !s.contains("Why:"),
        "{s}"
    );
}

#[test]
fn assess_with_a_questions_folder_uses_it() {
    let dir = bank_copy();
    let case = shared_dir().join("cases/02-sprint-grab-football.toml");
    let out = assess_with_bank(dir.path(), &case);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json_of(&out.stdout)["diagnoses"][0]["id"],
        "hamstring_strain"
    );

    // A broken copy is refused with the file named.
    std::fs::write(dir.path().join("questions.toml"), "[[question]\n").unwrap();
    let out = assess_with_bank(dir.path(), &case);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("questions.toml:1:"), "{err}");
}

#[test]
fn a_bank_folder_that_fails_validate_is_refused_before_any_patient_sees_it() {
    let dir = bank_copy();
    // Every path now skips the cauda equina screen: it compiles, but
    // `validate` finds the gap.
    let q = dir.path().join("questions.toml");
    let text = std::fs::read_to_string(&q).unwrap();
    assert!(text.contains("next = \"cauda_equina_screen\""));
    std::fs::write(
        &q,
        text.replace("next = \"cauda_equina_screen\"", "next = \"onset\""),
    )
    .unwrap();
    let case = shared_dir().join("cases/02-sprint-grab-football.toml");
    let out = assess_with_bank(dir.path(), &case);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no result is printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("questions.toml:") && err.contains("without the cauda equina screen"),
        "{err}"
    );
    // The questionnaire refuses it too, before touching the terminal.
    let out = bin()
        .args(["--plain", "--questions"])
        .arg(dir.path())
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("without the cauda equina screen"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_global_flags_may_come_before_or_after_the_subcommand() {
    let before = bin()
        .args(["--audience", "clinician", "export-questionnaire"])
        .output()
        .unwrap();
    let after = bin()
        .args(["export-questionnaire", "--audience", "clinician"])
        .output()
        .unwrap();
    assert!(before.status.success() && after.status.success());
    assert_eq!(before.stdout, after.stdout);
    let patient = bin().args(["export-questionnaire"]).output().unwrap();
    assert_ne!(patient.stdout, after.stdout, "the flag is not ignored");
    // --plain after a subcommand is taken, not refused.
    let out = bin()
        .args(["practice", "--list", "--plain"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `assess --questions DIR --case CASE`.
fn assess_with_bank(dir: &Path, case: &Path) -> std::process::Output {
    bin()
        .args(["assess", "--questions"])
        .arg(dir)
        .args(["--case"])
        .arg(case)
        .output()
        .unwrap()
}

fn assess_err(case_text: &[u8]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("case.toml");
    std::fs::write(&p, case_text).unwrap();
    let out = bin().args(["assess", "--case"]).arg(&p).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        p.display().to_string(),
    )
}

#[test]
fn bad_case_files_give_one_located_message_and_exit_2() {
    let table: &[(&[u8], &str, &str)] = &[
        (b"[findings]\nonset = \"sudden\nx = 1\n", ":2:", "string"),
        (
            b"[findings]\nonset = \"sudden\"\nsparkle = true\n",
            ":3:1:",
            "unknown finding `sparkle`",
        ),
        (
            b"[findings]\nonset = \"sideways\"\n",
            ":2:9:",
            "expected \"sudden\", \"gradual\"",
        ),
        (
            b"[findings]\npop = \"yes\"\n",
            ":2:7:",
            "expected true or false",
        ),
        (
            b"[findings]\nage_band = 49\n",
            ":2:12:",
            "not a value of `age_band`",
        ),
        (b"", ":1:1:", "empty"),
        (b"[case]\nid = \"x\"\n", ":1:1:", "[findings]"),
        (b"[findings]\nonset = \"sud\xffden\"\n", ":2:", "UTF-8"),
    ];
    for (text, at, what) in table {
        let (code, err, path) = assess_err(text);
        assert_eq!(code, Some(2), "{}: {err}", String::from_utf8_lossy(text));
        assert_eq!(err.lines().count(), 1, "one message: {err}");
        assert!(err.contains(&format!("{path}{at}")), "want {at} in: {err}");
        assert!(err.contains(what), "want {what:?} in: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn a_directory_or_missing_file_as_the_case_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for p in [dir.path().to_path_buf(), dir.path().join("nope.toml")] {
        let out = bin().args(["assess", "--case"]).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&p.display().to_string()), "{err}");
        assert!(
            err.contains("directory") || err.contains("cannot read"),
            "{err}"
        );
    }
}

#[test]
fn validate_passes_the_built_in_bank_and_fails_a_broken_one() {
    let out = bin().arg("validate").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let dir = bank_copy();
    let q = dir.path().join("questions.toml");
    let text = std::fs::read_to_string(&q).unwrap();
    std::fs::write(
        &q,
        text.replacen("next = \"activity\"", "next = \"activty\"", 1),
    )
    .unwrap();
    let out = bin()
        .arg("validate")
        .arg("--questions")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("questions.toml:") && s.contains("`activty`"),
        "{s}"
    );
}

#[test]
fn a_missing_bank_folder_is_refused() {
    let out = bin()
        .arg("validate")
        .arg("--questions")
        .arg(Path::new("/no/such/bank"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("/no/such/bank"));
}

/// A private folder for the config file or data, as the program asks.
fn private_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    d
}

/// Runs the program and returns its exit code, stdout and stderr.
fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_practice_case_is_named_with_the_case_ids_to_choose_from() {
    let data = private_dir();
    let (code, _, err) = run(bin()
        .args(["practice", "--case", "nope", "--data-dir"])
        .arg(data.path()));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("there is no case `nope`"), "{err}");
    assert!(!err.contains("cannot read"), "{err}");
    assert!(err.contains("path of a case file"), "{err}");
    // Every built-in case's id is offered.
    let bank = bank();
    let (library, _) = hamstring_triage::practice::built_in(&bank.vocab);
    assert!(library.len() > 10);
    for c in &library {
        assert!(err.contains(c.id()), "{} missing: {err}", c.id());
    }
}

#[test]
fn a_language_the_bank_lacks_is_blamed_on_the_flag_or_the_config_line() {
    let config = private_dir();
    let data = private_dir();
    let (code, _, err) = run(bin()
        .args(["--lang", "fr", "records", "list", "--data-dir"])
        .arg(data.path())
        .arg("--config-dir")
        .arg(config.path()));
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim(),
        "error: --lang fr: no `fr` language in this bank; it has en, es"
    );
    // `assess` takes the flag alone.
    let case = shared_cases()[0].clone();
    let (code, _, err) = run(bin().args(["--lang", "fr", "assess", "--case"]).arg(&case));
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error: --lang fr: "), "{err}");

    std::fs::write(
        config.path().join("config.toml"),
        "kiosk = false\nlang = \"fr\"\n",
    )
    .unwrap();
    let (code, _, err) = run(bin()
        .args(["records", "list", "--data-dir"])
        .arg(data.path())
        .arg("--config-dir")
        .arg(config.path()));
    assert_eq!(code, Some(2));
    let file = config.path().join("config.toml");
    assert_eq!(
        err.trim(),
        format!(
            "error: {}:2:8: lang = \"fr\": no `fr` language in this bank; it has en, es",
            file.display()
        )
    );
    assert!(!err.contains("built-in bank"), "{err}");
}

#[test]
fn a_timeout_that_is_not_a_number_says_what_is_expected_with_its_place() {
    let config = private_dir();
    std::fs::write(
        config.path().join("config.toml"),
        "idle_timeout_seconds = \"ten\"\n",
    )
    .unwrap();
    let (code, _, err) = run(bin()
        .arg("--config-dir")
        .arg(config.path())
        .args(["config", "show"]));
    assert_eq!(code, Some(2));
    let file = config.path().join("config.toml");
    assert!(
        err.contains(&format!(
            "{}:1:24: expected a whole number of seconds, 15 to 3600",
            file.display()
        )),
        "{err}"
    );
    assert!(!err.contains("u64"), "{err}");
}

#[test]
fn set_pin_asks_again_after_a_short_pin_and_gives_up_after_three() {
    let config = private_dir();
    let (code, out, err) = run(bin()
        .arg("--config-dir")
        .arg(config.path())
        .args(["kiosk", "set-pin"])
        .write_stdin("12\n2468\n"));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("a PIN is 4 to 12 digits; please try again (2 tries left)"),
        "{err}"
    );
    assert!(out.contains("PIN set"), "{out}");
    let stored = hamstring_triage::kiosk::stored_pin(config.path())
        .unwrap()
        .unwrap();
    assert!(hamstring_triage::kiosk::verify_pin("2468", &stored));

    let (code, _, err) = run(bin()
        .arg("--config-dir")
        .arg(config.path())
        .args(["kiosk", "set-pin"])
        .write_stdin("1\n22\n1234\n1357\n"));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("after 3 tries"), "{err}");
    let still = hamstring_triage::kiosk::stored_pin(config.path())
        .unwrap()
        .unwrap();
    assert_eq!(still, stored, "nothing was changed");
}

#[test]
fn a_translation_template_with_nothing_missing_says_so() {
    let (code, out, err) = run(bin().args(["translation-template", "--missing", "es"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("Nothing is missing") && err.contains("`es`"),
        "{err}"
    );
    // With a text gone, the template holds it and says nothing else.
    let dir = bank_copy();
    let es = dir.path().join("lang/es.toml");
    let text = std::fs::read_to_string(&es).unwrap();
    let cut = text.replace("stopped = \"Detenido. No se ha guardado nada.\"\n", "");
    assert_ne!(cut, text, "the line to cut is in es.toml");
    std::fs::write(&es, cut).unwrap();
    let (code, out, err) = run(bin()
        .args(["translation-template", "--missing", "es", "--questions"])
        .arg(dir.path()));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("stopped"), "{out}");
    assert!(!err.contains("Nothing is missing"), "{err}");
}

#[test]
fn config_show_gives_unset_settings_as_comments_with_what_applies() {
    let config = private_dir();
    let data = private_dir();
    let (code, out, err) = run(bin()
        .arg("--config-dir")
        .arg(config.path())
        .arg("--data-dir")
        .arg(data.path())
        .args(["config", "show"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains("= \"\""), "no empty values: {out}");
    assert!(
        out.contains(&format!("# data_dir = (unset: {})", data.path().display())),
        "{out}"
    );
    assert!(out.contains("# clinic_name = (unset: "), "{out}");
    assert!(out.contains("# lang = (unset: "), "{out}");
    assert!(
        out.contains("# idle_timeout_seconds = (unset: 180, the default)\n"),
        "{out}"
    );
    // Valid TOML: the settings read back as a config file.
    let table: toml::Table = out.parse().unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(table.is_empty(), "nothing is set: {out}");
    // A setting given is shown as given.
    std::fs::write(
        config.path().join("config.toml"),
        "kiosk = false\nclinic_name = \"Riverside\"\n",
    )
    .unwrap();
    let (_, out, _) = run(bin()
        .arg("--config-dir")
        .arg(config.path())
        .args(["config", "show"]));
    let table: toml::Table = out.parse().unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(table.get("kiosk"), Some(&toml::Value::Boolean(false)));
    assert_eq!(
        table.get("clinic_name").and_then(|v| v.as_str()),
        Some("Riverside")
    );
    assert_eq!(table.len(), 2, "{out}");
}
