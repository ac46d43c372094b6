//! The built binary in a real pseudo-terminal: key presses in, the screen
//! read back through a terminal emulator (vt100). Checks what only a real
//! terminal shows: that a person can get from the first screen to a result,
//! that a red flag interrupts, and that every way out leaves the terminal in
//! normal mode (alternate screen left, mouse reporting off).

#[path = "common/pty.rs"]
mod pty;
#[path = "common/screen.rs"]
mod screen;

use pty::Pty;

/// The app in an 80x24 terminal.
fn spawn(args: &[&str]) -> Pty {
    Pty::spawn(args, &[], 80, 24)
}

/// The options on screen, in order: whether the cursor is on it, the number
/// shown before it (options past 9 have none), and its first line.
fn options(screen: &str) -> Vec<(bool, Option<usize>, &str)> {
    screen
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let cursor = t.starts_with('>');
            let t = t.trim_start_matches('>').trim_start();
            let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let (number, t) = match t[digits..].strip_prefix('.') {
                Some(rest) if digits > 0 => (t[..digits].parse().ok(), rest.trim_start()),
                _ => (None, t),
            };
            ["( )", "(•)", "[ ]", "[x]"]
                .iter()
                .any(|m| t.starts_with(m))
                .then_some((cursor, number, l))
        })
        .collect()
}

/// The number shown before the option whose line contains `label`.
fn number_of(screen: &str, label: &str) -> Option<usize> {
    options(screen)
        .into_iter()
        .find(|(_, _, l)| l.contains(label))
        .and_then(|(_, n, _)| n)
}

/// Answers whatever question is showing with the first of the preferred
/// answers it offers, so the walk does not depend on the bank's order. An
/// option with a number is chosen by its number; one past 9 (no number) with
/// the arrow keys, then Space on a multi-select question.
fn answer_calmly(pty: &mut Pty, screen: &str) -> String {
    const PREFER: [&str; 14] = [
        "None of these",
        "18 to 49",
        "Prefer not to say",
        "Running longer distances",
        "Gradually, over days or weeks",
        "6 weeks to 6 months",
        "A: On the sit bone",
        "No, it stays where it is",
        "An ache or a pulling feeling",
        "Sitting makes it worse",
        "Yes, that is the sore spot",
        "No",
        "Not sure",
        "",
    ];
    let multi = screen.contains("[ ]") || screen.contains("[x]");
    let shown = options(screen);
    let at = |label: &str| shown.iter().position(|(_, _, l)| l.contains(label));
    let target = PREFER.iter().find_map(|p| at(p)).unwrap_or(0);
    if let Some(n) = shown[target].1 {
        let s = pty.press(&n.to_string());
        return if multi { pty.press("\r") } else { s };
    }
    let cursor = shown.iter().position(|(c, _, _)| *c).unwrap_or(0);
    let key = if target > cursor { "\x1b[B" } else { "\x1b[A" }; // Down, Up
    pty.press(&key.repeat(target.abs_diff(cursor)));
    if multi {
        pty.press(" ");
    }
    pty.press("\r")
}

#[test]
fn a_patient_gets_from_the_first_screen_to_a_result_and_quits_cleanly() {
    let mut pty = spawn(&[]);
    pty.wait_for("Start (Enter)");
    let first_frame = pty.started.elapsed();
    eprintln!("process start to first frame: {first_frame:?}");
    assert!(pty.screen().contains("This is not a diagnosis"));
    assert!(pty.screen().contains("emergency number"));

    let mut screen = pty.press("\r");
    assert!(screen.contains("How old are you?"), "{screen}");
    let mut asked = 0;
    while !screen.contains("Check your answers") {
        assert!(screen.contains(" answered · this"), "{screen}");
        assert!(!screen.contains("WARNING SIGN"), "{screen}");
        screen = answer_calmly(&mut pty, &screen);
        asked += 1;
        assert!(asked < 40, "the questions never ended:\n{screen}");
    }
    assert!(asked >= 8, "only {asked} questions");
    // Enter on "See my result".
    let screen = pty.press("\r");
    assert!(screen.contains("What to do now"), "{screen}");
    // A calm banner for a routine result: its words, no alarm marks.
    assert!(
        screen.contains("Routine: book an appointment") && !screen.contains("!!"),
        "an urgency banner:\n{screen}"
    );
    assert!(screen.contains("Start again"), "{screen}");
    // Scroll to the likely causes and the answers behind them.
    let mut seen = screen;
    for _ in 0..10 {
        if seen.contains("Because you said") {
            break;
        }
        seen = pty.press("\x1b[6~"); // PgDn
    }
    assert!(seen.contains("Because you said"), "{seen}");

    let screen = pty.press("q");
    assert!(screen.contains("Quit now?"), "{screen}");
    pty.send("y");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}

#[test]
fn a_red_flag_interrupts_at_once_and_ctrl_c_quits_cleanly() {
    let mut pty = spawn(&[]);
    pty.wait_for("Start (Enter)");
    pty.press("\r");
    let mut screen = pty.screen();
    // To the cauda equina screen, answering the first questions calmly.
    let mut steps = 0;
    while !screen.contains("New trouble passing urine") {
        screen = answer_calmly(&mut pty, &screen);
        steps += 1;
        assert!(steps < 10, "never reached the bladder question:\n{screen}");
    }
    let n = number_of(&screen, "New trouble passing urine").unwrap();
    let screen = pty.press(&n.to_string());
    assert!(screen.contains("[x] New trouble passing urine"), "{screen}");
    let screen = pty.press("\r");
    assert!(screen.contains("EMERGENCY"), "{screen}");
    assert!(screen.contains("WARNING SIGN"), "{screen}");
    assert!(screen.contains("New bladder trouble"), "{screen}");
    let screen = pty.press("\r");
    assert!(screen.contains("EMERGENCY"), "{screen}");
    assert!(screen.contains("Warning signs in your answers"), "{screen}");
    pty.send("\x03");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}

#[test]
fn a_clinician_goes_back_and_corrects_an_answer() {
    let mut pty = spawn(&["--audience", "clinician"]);
    pty.wait_for("Start (Enter)");
    // With the mouse: the Start button, then an answer.
    let screen = pty.click("[ Start (Enter) ]");
    assert!(screen.contains("Age band"), "{screen}");
    let screen = pty.click("18-49 years");
    assert!(
        screen.lines().any(|l| l.trim() == "Sex") && screen.contains("Not stated"),
        "the sex question:\n{screen}"
    );
    // Back (Backspace), the answer is preselected, change it.
    let screen = pty.press("\x7f");
    assert!(screen.contains("(•) 18-49 years"), "{screen}");
    let n = number_of(&screen, "≥ 65 years").unwrap();
    let screen = pty.press(&n.to_string());
    assert!(
        screen.lines().any(|l| l.trim() == "Sex") && screen.contains("Not stated"),
        "the sex question:\n{screen}"
    );
    let screen = pty.press("\x1b[D"); // Left: back again
    assert!(screen.contains("(•) ≥ 65 years"), "{screen}");
    pty.send("q");
    pty.wait_for("Quit now?");
    pty.send("y");
    assert!(pty.wait_exit().success());
    pty.assert_restored();
}

/// Sends a signal to the running app and checks the terminal comes back.
fn signal_restores(name: &str, number: i32) {
    let mut pty = spawn(&[]);
    pty.wait_for("Start (Enter)");
    pty.press("\r");
    let pid = pty.process_id().expect("a pid");
    let ok = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 128 + number as u32, "{status:?}");
    pty.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores("INT", 2);
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores("QUIT", 3);
}

/// The process's state letter (`T` when stopped).
fn state(pid: u32) -> String {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("")
        .to_string()
}

#[track_caller]
fn wait_state(pid: u32, want: &str) {
    let end = std::time::Instant::now() + pty::WAIT;
    while state(pid) != want {
        assert!(
            std::time::Instant::now() < end,
            "state {} not {want}",
            state(pid)
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn sigtstp_stops_with_the_terminal_restored_and_sigcont_takes_it_back() {
    let mut pty = spawn(&[]);
    pty.wait_for("Start (Enter)");
    let question = pty.press("\r");
    assert_eq!(pty.full_screen(), (true, true));
    let pid = pty.process_id().expect("a pid");
    let kill = |name: &str| {
        assert!(
            std::process::Command::new("kill")
                .args([&format!("-{name}"), &pid.to_string()])
                .status()
                .unwrap()
                .success()
        )
    };
    kill("TSTP");
    wait_state(pid, "T");
    // Stopped, with the terminal as the shell needs it.
    std::thread::sleep(std::time::Duration::from_millis(100));
    pty.assert_restored();
    kill("CONT");
    // Back: the whole screen drawn again, mouse and all.
    let first_line = question
        .lines()
        .find(|l| l.contains('?'))
        .unwrap()
        .trim()
        .to_string();
    pty.wait_for(&first_line);
    assert_eq!(pty.full_screen(), (true, true));
    pty.send("\x03");
    assert!(pty.wait_exit().success());
    pty.assert_restored();
}

#[test]
fn a_bank_that_does_not_load_exits_2_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().to_str().unwrap();
    let mut pty = spawn(&["--questions", bad]);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let text = pty.raw();
    assert!(
        !text.contains("\x1b[?1049h"),
        "entered the alternate screen:\n{text}"
    );
    assert!(text.contains("error"), "{text}");
}

/// The peak resident memory of a process so far, in bytes (Linux).
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    kib * 1024
}

/// The app's peak memory through a whole questionnaire on a large screen,
/// the long clinician result scrolled to its end, under 20 MiB. Measured on
/// this (unoptimised) build, which uses more than the release build.
#[test]
fn the_app_stays_under_20_mib_through_a_whole_questionnaire() {
    let mut pty = Pty::spawn(&["--audience", "clinician"], &[], 200, 60);
    pty.wait_for("Start (Enter)");
    let mut screen = pty.press("\r");
    let mut asked = 0;
    while !screen.contains("Review the answers") {
        screen = answer_calmly(&mut pty, &screen);
        asked += 1;
        assert!(asked < 40, "the questions never ended:\n{screen}");
    }
    pty.press("\r");
    // To the end of the result (PgDn at the end changes nothing).
    for _ in 0..20 {
        pty.send("\x1b[6~");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    pty.press("?");
    let pid = pty.process_id().expect("a pid");
    let peak = peak_memory(pid);
    eprintln!("peak memory: {:.1} MiB", peak as f64 / 1048576.0);
    assert!(
        peak < 20 * 1024 * 1024,
        "peak memory {:.1} MiB",
        peak as f64 / 1048576.0
    );
    pty.send("\x03");
    assert!(pty.wait_exit().success());
}

/// A terminal that goes away (a closed window, a dropped connection) ends
/// the app at once with 129, as SIGHUP does, instead of leaving it running
/// for ever on a dead terminal.
#[test]
fn the_app_ends_when_its_terminal_goes_away() {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::time::{Duration, Instant};

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: two out-parameters and a valid winsize; no name, no termios.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hamstring-triage"));
    cmd.env("TERM", "xterm-256color")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave.try_clone().unwrap());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            // Its own session, with the pty as its controlling terminal.
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // SAFETY: fcntl on a descriptor we own: the child must not keep the
    // master side open, or the terminal never goes away.
    unsafe {
        use std::os::fd::AsRawFd;
        libc::fcntl(master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC);
    }
    let mut child = cmd.spawn().expect("spawn");
    drop(cmd);
    drop(slave);

    // Read (without blocking) until the first screen is drawn.
    let mut master = std::fs::File::from(master);
    // SAFETY: fcntl on a descriptor we own.
    unsafe {
        use std::os::fd::AsRawFd;
        let fd = master.as_raw_fd();
        libc::fcntl(
            fd,
            libc::F_SETFL,
            libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK,
        );
    }
    let mut seen = Vec::new();
    let end = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&seen).contains("Start") {
        let mut buf = [0u8; 4096];
        match master.read(&mut buf) {
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(e) => panic!("reading the pty: {e}"),
        }
        assert!(Instant::now() < end, "no first screen");
    }

    // The terminal goes away: its only master side is closed.
    drop(master);
    let end = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("still running 5 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(129), "{status:?}");
}
