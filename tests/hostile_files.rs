//! Files an attacker with write access to a folder (or a careless
//! installer) could leave: FIFOs and devices in place of input files,
//! symbolic links under the names of temporary files and folders, folders
//! anyone can write, escape sequences in texts that are printed, records
//! whose contents disagree with their names, and a closed output pipe.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use hamstring_triage::records::{Record, Store, StoreError};

/// Long enough for a debug build; a FIFO that hangs the program is killed.
const LIMIT: Duration = Duration::from_secs(30);

fn bin() -> Command {
    let mut c = Command::cargo_bin("hamstring-triage").unwrap();
    c.timeout(LIMIT);
    c.env_remove("HAMSTRING_TRIAGE_CONFIG_DIR");
    c.env_remove("HAMSTRING_TRIAGE_DATA_DIR");
    c
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Runs `cmd` and checks its exit status, showing what it printed if not.
#[track_caller]
fn exits(cmd: &mut Command, code: i32) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The built-in bank's files copied into a folder, to spoil one of them.
fn bank_copy(dir: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    }
    let to = dir.join("bank");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("questions"),
        &to,
    );
    to
}

fn fixture_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/record-v1.json"),
    )
    .unwrap()
}

/// A data folder holding the fixture record under `name`, its text changed
/// by `edit`.
fn data_with_record(name: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let records = data.path().join("records");
    std::fs::create_dir(&records).unwrap();
    std::fs::set_permissions(&records, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::write(records.join(name), edit(fixture_text())).unwrap();
    data
}

#[test]
fn a_fifo_in_place_of_any_input_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // The case file.
    let case = dir.path().join("case.toml");
    mkfifo(&case);
    let out = exits(bin().arg("assess").arg("--case").arg(&case), 2);
    let err = text(&out.stderr);
    assert!(err.contains("case.toml") && err.contains("FIFO"), "{err}");

    // A bank file.
    let bank = bank_copy(dir.path());
    std::fs::remove_file(bank.join("questions.toml")).unwrap();
    mkfifo(&bank.join("questions.toml"));
    let out = exits(bin().arg("validate").arg("--questions").arg(&bank), 1);
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(
        all.contains("questions.toml") && all.contains("FIFO"),
        "{all}"
    );

    // The config file.
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    mkfifo(&config.join("config.toml"));
    let out = exits(
        bin()
            .arg("--config-dir")
            .arg(&config)
            .args(["config", "show"]),
        2,
    );
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));

    // The kiosk PIN (the config file gone, so the PIN is what is read).
    std::fs::remove_file(config.join("config.toml")).unwrap();
    mkfifo(&config.join("kiosk-pin"));
    let out = exits(bin().arg("--config-dir").arg(&config).arg("--kiosk"), 2);
    let err = text(&out.stderr);
    assert!(
        err.contains("kiosk-pin") && err.contains("FIFO") && err.contains("kiosk set-pin"),
        "{err}"
    );

    // A record: named as damaged, the others still listed.
    let data = data_with_record("V2T-EST.json", |t| t);
    mkfifo(&data.path().join("records/AAA-222.json"));
    let out = exits(
        bin()
            .args(["records", "list", "--data-dir"])
            .arg(data.path()),
        1,
    );
    assert!(text(&out.stdout).contains("V2T-EST"));
    let err = text(&out.stderr);
    assert!(
        err.contains("AAA-222.json") && err.contains("FIFO"),
        "{err}"
    );
}

#[test]
fn a_pin_file_that_is_endless_or_damaged_stops_the_kiosk_with_how_to_reset_it() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("kiosk-pin")).unwrap();
    let out = exits(bin().arg("--config-dir").arg(dir.path()).arg("--kiosk"), 2);
    assert!(
        text(&out.stderr).contains("hamstring-triage kiosk set-pin"),
        "{}",
        text(&out.stderr)
    );

    std::fs::remove_file(dir.path().join("kiosk-pin")).unwrap();
    std::fs::write(
        dir.path().join("kiosk-pin"),
        "$argon2id$v=19$m=19456,t=2,p=1$cut sh",
    )
    .unwrap();
    let out = exits(bin().arg("--config-dir").arg(dir.path()).arg("--kiosk"), 2);
    let err = text(&out.stderr);
    assert!(
        err.contains("damaged") && err.contains("hamstring-triage kiosk set-pin"),
        "{err}"
    );
}

#[test]
fn set_pin_never_writes_through_a_planted_link_and_refuses_weak_pins() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, config.join(".kiosk-pin.tmp")).unwrap();
    let out = bin()
        .arg("--config-dir")
        .arg(&config)
        .args(["kiosk", "set-pin"])
        .write_stdin("2468\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let pin = config.join("kiosk-pin");
    assert_eq!(
        std::fs::metadata(&pin).unwrap().permissions().mode() & 0o777,
        0o600
    );

    for weak in ["0000", "1234", "9876", "1212"] {
        let out = exits(
            bin()
                .arg("--config-dir")
                .arg(&config)
                .args(["kiosk", "set-pin"])
                .write_stdin(format!("{weak}\n")),
            2,
        );
        assert!(text(&out.stderr).contains("guess"), "{}", text(&out.stderr));
    }
}

#[test]
fn a_folder_for_private_files_that_is_a_link_or_open_to_all_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Record::from_json(&fixture_text(), "fixture").unwrap();

    // The records folder a link to somewhere else.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::os::unix::fs::symlink(&elsewhere, data.join("records")).unwrap();
    let store = Store::new(&data);
    let err = store.save_with(&fixture, &mut || Ok(())).unwrap_err();
    assert!(
        matches!(err, StoreError::UnsafeFolder(_)) && err.to_string().contains("symbolic link"),
        "{err}"
    );
    assert!(store.list().is_err());
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "nothing written through the link"
    );
    let out = exits(bin().args(["records", "list", "--data-dir"]).arg(&data), 2);
    assert!(text(&out.stderr).contains("symbolic link"));

    // The data folder itself a link.
    let linked = dir.path().join("linked-data");
    std::os::unix::fs::symlink(&elsewhere, &linked).unwrap();
    let err = Store::new(&linked)
        .save_with(&fixture, &mut || Ok(()))
        .unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

    // The records folder writable by every user.
    std::fs::remove_file(data.join("records")).unwrap();
    std::fs::create_dir(data.join("records")).unwrap();
    std::fs::set_permissions(data.join("records"), std::fs::Permissions::from_mode(0o777)).unwrap();
    let err = store.save_with(&fixture, &mut || Ok(())).unwrap_err();
    assert!(err.to_string().contains("writable by every user"), "{err}");

    // The config folder: a link, and open to all.
    let config = dir.path().join("config");
    std::os::unix::fs::symlink(&elsewhere, &config).unwrap();
    let out = exits(
        bin()
            .arg("--config-dir")
            .arg(&config)
            .args(["config", "show"]),
        2,
    );
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = exits(
        bin()
            .arg("--config-dir")
            .arg(&elsewhere)
            .args(["kiosk", "set-pin"])
            .write_stdin("2468\n"),
        2,
    );
    assert!(
        text(&out.stderr).contains("chmod 700"),
        "{}",
        text(&out.stderr)
    );
    assert!(!elsewhere.join("kiosk-pin").exists());
}

#[test]
fn a_taken_code_is_retried_under_a_fresh_one_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut record = Record::from_json(&fixture_text(), "fixture").unwrap();
    record.code = "KKK-777".into();
    let taken = store.dir().join("KKK-777.json");
    // Another terminal saves under the same code between our check and
    // our publishing.
    let mut first = true;
    let path = store
        .save_new_with(&mut record, &mut || {
            if std::mem::take(&mut first) {
                std::fs::write(&taken, "the other terminal's record").unwrap();
            }
            Ok(())
        })
        .unwrap();
    assert_ne!(record.code, "KKK-777");
    assert_eq!(path, store.dir().join(format!("{}.json", record.code)));
    assert_eq!(
        std::fs::read_to_string(&taken).unwrap(),
        "the other terminal's record"
    );
    assert_eq!(store.load(&record.code).unwrap().code, record.code);
    let names: Vec<String> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    // Saving the same code again is refused, not a misleading error.
    let err = store.save_with(&record, &mut || Ok(())).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn a_planted_temporary_name_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    std::fs::create_dir(store.dir()).unwrap();
    std::fs::set_permissions(store.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    let record = Record::from_json(&fixture_text(), "fixture").unwrap();
    std::os::unix::fs::symlink(&victim, store.dir().join(".V2T-EST.json.tmp")).unwrap();
    let path = store.save_with(&record, &mut || Ok(())).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A record that is itself a link is not read through it.
    std::os::unix::fs::symlink(&path, store.dir().join("LLL-222.json")).unwrap();
    let (good, bad) = store.list().unwrap();
    assert_eq!(good.len(), 1);
    assert!(
        bad.iter()
            .any(|p| p.file.ends_with("LLL-222.json") && p.message.contains("symbolic link")),
        "{bad:?}"
    );
}

#[test]
fn leftovers_of_interrupted_saves_are_removed_or_named_for_the_staff() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    std::fs::create_dir(store.dir()).unwrap();
    std::fs::set_permissions(store.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    let leave = |name: &str, contents: &str, when: std::time::SystemTime| {
        let p = store.dir().join(name);
        std::fs::write(&p, contents).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(when)
            .unwrap();
        p
    };
    let half = leave(".MMM-333.json.aB3dE9.tmp", "{\"format\": \"hamst", old);
    let whole = leave(".V2T-EST.json.Zx81qP.tmp", &fixture_text(), old);
    let fresh = leave(
        ".NNN-444.json.q1w2e3.tmp",
        "{",
        std::time::SystemTime::now(),
    );
    let (good, bad) = store.list().unwrap();
    assert!(good.is_empty());
    assert!(!half.exists(), "a cut-off leftover is removed");
    assert!(fresh.exists(), "a save that may be under way is left alone");
    assert!(whole.exists(), "a whole record is kept for the staff");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].message.contains("interrupted save") && bad[0].message.contains("V2T-EST"),
        "{bad:?}"
    );
}

#[test]
fn a_record_is_trusted_only_as_its_file_name_and_the_bank_s_urgencies_say() {
    // The code inside differs from the file's name.
    let data = data_with_record("PPP-444.json", |t| t);
    let out = exits(
        bin()
            .args(["records", "list", "--data-dir"])
            .arg(data.path()),
        1,
    );
    assert!(
        !text(&out.stdout).contains("V2T-EST"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("PPP-444.json"),
        "{}",
        text(&out.stderr)
    );
    let out = exits(
        bin()
            .args(["records", "show", "PPP-444", "--data-dir"])
            .arg(data.path()),
        2,
    );
    assert!(
        text(&out.stderr).contains("its file name"),
        "{}",
        text(&out.stderr)
    );

    // An urgency the bank does not know.
    let data = data_with_record("V2T-EST.json", |t| {
        t.replace("\"urgency\": \"soon\"", "\"urgency\": \"whenever\"")
    });
    let out = exits(
        bin()
            .args(["records", "list", "--data-dir"])
            .arg(data.path()),
        1,
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("unknown urgency \"whenever\"") && err.contains("emergency"),
        "{err}"
    );
}

#[test]
fn escape_sequences_in_a_record_never_reach_the_terminal() {
    let osc52 = "\\u001b]52;c;cm0gLXJmIH4=\\u0007";
    let title = "\\u001b]0;owned\\u0007";
    let hide = "\\u001b[8m";
    let data = data_with_record("V2T-EST.json", |t| {
        // `records list` names a diagnosis the bank does not know by the
        // name saved with it.
        t.replacen("\"hamstring_strain\"", &format!("\"x{osc52}\""), 1)
            .replacen(
                "\"Proximal hamstring strain",
                &format!("\"Proximal{title} hamstring strain"),
                1,
            )
            .replace(
                "How old are you?",
                &format!("How old{title} are you?{hide}"),
            )
            .replace("18 to 49", "18 \\u202e94 ot")
    });
    let run = |args: &[&str]| {
        let out = bin()
            .args(args)
            .arg("--data-dir")
            .arg(data.path())
            .output()
            .unwrap();
        (text(&out.stdout), text(&out.stderr))
    };
    for args in [
        &["records", "list"][..],
        &["records", "show", "V2T-EST"],
        &["records", "export", "V2T-EST", "--format", "markdown"],
    ] {
        let (out, err) = run(args);
        assert!(
            !out.contains('\u{1b}') && !err.contains('\u{1b}'),
            "{args:?}: {out:?}"
        );
        assert!(
            !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
        assert!(
            out.contains('\u{FFFD}'),
            "{args:?}: the tampering stays visible: {out}"
        );
    }
}

#[test]
fn control_characters_in_a_bank_or_case_are_located_and_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let bank = bank_copy(dir.path());
    let q = bank.join("questions.toml");
    let original = std::fs::read_to_string(&q).unwrap();
    let line = original
        .lines()
        .position(|l| l.trim_start().starts_with("patient ="))
        .unwrap();
    let spoiled: Vec<String> = original
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                l.replacen("patient = \"", "patient = \"\\u001b]52;c;aGk=\\u0007", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&q, spoiled.join("\n") + "\n").unwrap();
    let col = spoiled[line].find("\\u001b").unwrap() + 1;
    let out = exits(bin().arg("validate").arg("--questions").arg(&bank), 1);
    let listed = text(&out.stdout);
    assert!(
        listed.contains(&format!(
            "questions.toml:{}:{col}: U+001B (escape) written as an escape",
            line + 1
        )),
        "{listed}"
    );
    // Plain mode refuses the bank rather than print it.
    let out = exits(
        bin()
            .arg("--plain")
            .arg("--questions")
            .arg(&bank)
            .write_stdin(""),
        2,
    );
    assert!(!text(&out.stdout).contains('\u{1b}') && !text(&out.stderr).contains('\u{1b}'));

    // A case file with a raw bidirectional override.
    let case = dir.path().join("case.toml");
    std::fs::write(&case, "[findings]\nonset = \"sudden\u{202E}\"\n").unwrap();
    let out = exits(bin().arg("assess").arg("--case").arg(&case), 2);
    let err = text(&out.stderr);
    assert!(
        err.contains("case.toml:2:16") && err.contains("bidirectional"),
        "{err}"
    );
    assert!(!err.contains('\u{202E}'));
}

/// Runs the program with its stdout a pipe whose reading end is already
/// closed, as in `hamstring-triage config show | true`.
fn into_a_closed_pipe(args: &[&str], config: &Path) -> std::process::Output {
    let mut fds = [0; 2];
    // SAFETY: a two-element array for pipe(2).
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: closing the reading end we own.
    unsafe { libc::close(fds[0]) };
    // SAFETY: the writing end is ours, handed to the child's stdout.
    let write_end = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fds[1]) };
    std::process::Command::new(env!("CARGO_BIN_EXE_hamstring-triage"))
        .args(args)
        .env("HAMSTRING_TRIAGE_CONFIG_DIR", config)
        .stdout(write_end)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_output_pipe_ends_the_program_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let config = tempfile::tempdir().unwrap();
    for args in [
        &["config", "show"][..],
        &["config", "path"],
        &["validate"],
        &["practice", "--list"],
    ] {
        let out = into_a_closed_pipe(args, config.path());
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
        assert!(
            out.status.success() || out.status.signal() == Some(libc::SIGPIPE),
            "{args:?}: {:?} {err}",
            out.status
        );
    }
}
