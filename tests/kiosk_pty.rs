//! `hamstring-triage --kiosk` in a real pseudo-terminal: the keys and the
//! signals that end or suspend an ordinary program leave it running; the
//! staff chord and the right PIN end it with exit 0 and the terminal put
//! back; a patient's result is saved and its code shown, and "Done" wipes the
//! screen and its scrollback; a lost terminal (SIGHUP) ends it cleanly with
//! no half record. Also the refusals: no PIN, a bad config file.

#[path = "common/pty.rs"]
mod pty;
#[path = "common/screen.rs"]
mod screen;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use pty::Pty;

const PIN: &str = "2468";

/// A config folder with a PIN and a config file, and a data folder.
struct Kiosk {
    _dir: tempfile::TempDir,
    config: PathBuf,
    data: PathBuf,
}

fn kiosk_dirs() -> Kiosk {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    hamstring_triage::kiosk::set_pin(&config, PIN).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "clinic_name = \"Riverside Physiotherapy\"\nemergency_number = \"999\"\nidle_timeout_seconds = 15\ndone_timeout_seconds = 15\n",
    )
    .unwrap();
    Kiosk {
        _dir: dir,
        config,
        data,
    }
}

fn spawn(k: &Kiosk) -> Pty {
    Pty::spawn(
        &[
            "--kiosk",
            "--config-dir",
            k.config.to_str().unwrap(),
            "--data-dir",
            k.data.to_str().unwrap(),
        ],
        &[],
        80,
        24,
    )
}

fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name}");
}

/// The process exists and is neither stopped nor a zombie.
fn running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in brackets.
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|state| !matches!(state, "Z" | "T" | "X")),
        Err(_) => false,
    }
}

fn files(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(d) => {
            let mut v: Vec<String> = d
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }
        Err(_) => Vec::new(),
    }
}

fn pause() {
    thread::sleep(Duration::from_millis(150));
}

#[test]
fn quit_keys_and_signals_do_nothing_and_the_staff_chord_and_pin_end_it() {
    let k = kiosk_dirs();
    let mut pty = spawn(&k);
    let screen = pty.wait_for("Touch here to start");
    assert!(screen.contains("Riverside Physiotherapy"), "{screen}");
    assert!(screen.contains("Call 999 now"), "{screen}");
    let pid = pty.process_id().expect("a pid");

    // Ctrl-C, q, Esc, Ctrl-Z, Ctrl-\ and Ctrl-D, one at a time.
    for keys in ["\x03", "q", "\x1b", "\x1a", "\x1c", "\x04"] {
        pty.send(keys);
        pause();
        assert!(running(pid), "{keys:?} ended or stopped the kiosk");
    }
    // The signals a keyboard sends when the terminal is not in raw mode.
    for sig in ["INT", "TSTP", "QUIT"] {
        signal(pid, sig);
        pause();
        assert!(running(pid), "SIG{sig} ended or stopped the kiosk");
    }
    assert!(
        pty.screen().contains("Touch here to start"),
        "{}",
        pty.screen()
    );
    // Still answering: Enter starts the questionnaire.
    let screen = pty.press("\r");
    assert!(screen.contains("How old are you?"), "{screen}");
    // A question's own Quit is not there; Start again is.
    assert!(!screen.contains("Quit"), "{screen}");
    assert!(screen.contains("Start again"), "{screen}");
    pty.send("q");
    pause();
    assert!(running(pid));

    // The staff chord, Ctrl-Alt-Q (Esc then Ctrl-Q), then a wrong PIN.
    let screen = pty.press("\x1b\x11");
    assert!(screen.contains("type the kiosk PIN"), "{screen}");
    pty.send("1111");
    pause();
    assert!(pty.screen().contains("••••"), "{}", pty.screen());
    assert!(!pty.screen().contains("1111"), "the PIN shows");
    pty.send("\r");
    pty.wait_for("Wrong PIN");
    assert!(running(pid));
    // The right one.
    pty.send(PIN);
    pause();
    pty.send("\r");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}

#[test]
fn an_emergency_asks_for_the_staff_and_their_pin_wipes_everything() {
    let k = kiosk_dirs();
    let mut pty = spawn(&k);
    pty.wait_for("Touch here to start");
    let screen = pty.click("Touch here to start");
    assert!(screen.contains("How old are you?"), "{screen}");
    // The shortest path: the bladder warning sign ends the questions.
    // Age 18 to 49, sex not said, then the activity.
    pty.press("3");
    pty.press("3");
    pty.press("1");
    let screen = pty.screen();
    assert!(screen.contains("New trouble passing urine"), "{screen}");
    pty.press("1");
    let screen = pty.press("\r");
    assert!(screen.contains("EMERGENCY"), "{screen}");
    assert!(screen.contains("Call 999 now."), "{screen}");
    let screen = pty.press("\r");
    assert!(screen.contains("Tell a member of staff now."), "{screen}");
    assert!(screen.contains("Show this code to the staff"), "{screen}");
    assert!(!screen.contains("Done"), "{screen}");
    let records = files(&k.data.join("records"));
    assert_eq!(records.len(), 1, "{records:?}");
    let code = records[0].trim_end_matches(".json").to_string();
    assert!(screen.contains(&code), "{screen}");

    // The staff clear it with their PIN, and the kiosk carries on.
    let before = pty.raw().len();
    pty.send("\x1b\x11");
    pty.wait_for("to clear this emergency");
    pty.send(PIN);
    pause();
    pty.send("\r");
    // The wipe blanks the screen first; then the welcome screen comes.
    let screen = pty.wait_for("Touch here to start");
    for gone in [code.as_str(), "EMERGENCY", "urine", "Show this code"] {
        assert!(
            !screen.contains(gone),
            "{gone:?} still on screen:\n{screen}"
        );
    }
    // The screen and the scrollback were cleared.
    let after = pty.raw()[before..].to_string();
    assert!(after.contains("\x1b[3J"), "no scrollback clear");
    assert!(after.contains("\x1b[2J"), "no screen clear");

    // Leave.
    pty.send("\x1b\x11");
    pty.wait_for("type the kiosk PIN");
    pty.send(PIN);
    pause();
    pty.send("\r");
    assert!(pty.wait_exit().success());
    pty.assert_restored();
}

#[test]
fn a_lost_terminal_ends_the_kiosk_cleanly_with_no_half_record() {
    let k = kiosk_dirs();
    let mut pty = spawn(&k);
    pty.wait_for("Touch here to start");
    pty.press("\r");
    pty.press("2");
    let pid = pty.process_id().unwrap();
    signal(pid, "HUP");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
    pty.assert_restored();
    // Nothing was saved: no record, no temporary file.
    assert!(files(&k.data.join("records")).is_empty());
}

fn run(args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("hamstring-triage")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_kiosk_without_a_pin_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["--kiosk", "--config-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kiosk set-pin"), "{err}");
    // kiosk = true in the config file counts the same.
    std::fs::write(dir.path().join("config.toml"), "kiosk = true\n").unwrap();
    let out = run(&["--config-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kiosk set-pin"));
}

#[test]
fn a_kiosk_with_a_bad_config_file_refuses_to_start() {
    let k = kiosk_dirs();
    std::fs::write(
        k.config.join("config.toml"),
        "kiosk = true\nidle_timeout_seconds = 2\n",
    )
    .unwrap();
    let out = run(&["--kiosk", "--config-dir", k.config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(":2:"), "{err}");
    assert!(err.contains("must be fixed first"), "{err}");
}

#[test]
fn a_kiosk_needs_a_terminal() {
    let k = kiosk_dirs();
    let out = run(&["--kiosk", "--config-dir", k.config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}
