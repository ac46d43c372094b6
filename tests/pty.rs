//! The built binary in a real pseudo-terminal: key presses in, the screen
//! read back through a terminal emulator (vt100). Checks what only a real
//! terminal shows: that a person can get from the first screen to a result,
//! that a red flag interrupts, and that every way out leaves the terminal in
//! normal mode (alternate screen left, mouse reporting off).

use std::io::{Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const WAIT: Duration = Duration::from_secs(5);

struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Told when the program's output ends.
    eof: mpsc::Receiver<()>,
    _master: Box<dyn MasterPty + Send>,
    started: Instant,
}

impl Pty {
    fn spawn(args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hamstring-triage"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(80), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (tx, eof) = mpsc::channel();
        {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            parser.lock().unwrap().process(&buf[..n]);
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                    }
                }
                let _ = tx.send(());
            });
        }
        Pty {
            parser,
            raw,
            writer,
            child,
            eof,
            _master: pty.master,
            started,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; returns the screen.
    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        let end = Instant::now() + WAIT;
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if Instant::now() > end {
                panic!("timed out waiting for {text:?}; the screen:\n{s}");
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the screen differs from `before` and has then stayed the
    /// same for a moment (a frame can arrive in several writes).
    #[track_caller]
    fn wait_change(&self, before: &str) -> String {
        let end = Instant::now() + WAIT;
        let mut last = self.screen();
        let mut since = Instant::now();
        loop {
            thread::sleep(Duration::from_millis(10));
            let s = self.screen();
            if s != last {
                last = s;
                since = Instant::now();
            } else if last != before && since.elapsed() >= Duration::from_millis(60) {
                return last;
            }
            if Instant::now() > end {
                panic!("timed out waiting for the screen to change; the screen:\n{last}");
            }
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends keys and waits for the screen to change.
    #[track_caller]
    fn press(&mut self, keys: &str) -> String {
        let before = self.screen();
        self.send(keys);
        self.wait_change(&before)
    }

    /// Clicks (left button, SGR mouse encoding) on the first cell of the
    /// first screen line containing `text`.
    #[track_caller]
    fn click(&mut self, text: &str) -> String {
        let screen = self.screen();
        let (row, col) = screen
            .lines()
            .enumerate()
            .find_map(|(y, l)| l.find(text).map(|b| (y, l[..b].chars().count())))
            .unwrap_or_else(|| panic!("no {text:?} on screen:\n{screen}"));
        let (x, y) = (col + 1, row + 1);
        self.press(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"))
    }

    /// Waits for the program to end and its output to be read.
    #[track_caller]
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let end = Instant::now() + WAIT;
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(10));
        };
        let _ = self.eof.recv_timeout(WAIT);
        status
    }

    /// The terminal is back in normal mode: main screen, no mouse reporting.
    #[track_caller]
    fn assert_restored(&self) {
        let p = self.parser.lock().unwrap();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert_eq!(
            p.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("\x1b[?1049h"),
            "never entered the alternate screen"
        );
        assert!(
            text.contains("\x1b[?1049l"),
            "never left the alternate screen"
        );
        assert!(
            text.contains("\x1b[?1000l"),
            "mouse capture never turned off"
        );
    }
}

/// The number shown before the option whose line contains `label`.
fn number_of(screen: &str, label: &str) -> Option<char> {
    screen.lines().find(|l| l.contains(label)).and_then(|l| {
        let t = l.trim_start().trim_start_matches('>').trim_start();
        let c = t.chars().next()?;
        (c.is_ascii_digit() && t[1..].starts_with('.')).then_some(c)
    })
}

/// Answers whatever question is showing with the first of the preferred
/// answers it offers, so the walk does not depend on the bank's order.
fn answer_calmly(pty: &mut Pty, screen: &str) -> String {
    const PREFER: [&str; 14] = [
        "None of these",
        "18 to 49",
        "Running longer distances",
        "Gradually, over days or weeks",
        "6 weeks to 6 months",
        "A: On the sit bone",
        "No, it stays where it is",
        "An ache or a pulling feeling",
        "Sitting makes it worse",
        "Yes, that is the sore spot",
        "Yes: I can hop without sharp pain",
        "No",
        "Not sure",
        "",
    ];
    let multi = screen.contains("[ ]") || screen.contains("[x]");
    let n = PREFER
        .iter()
        .find_map(|p| number_of(screen, p))
        .unwrap_or('1');
    let s = pty.press(&n.to_string());
    if multi { pty.press("\r") } else { s }
}

#[test]
fn a_patient_gets_from_the_first_screen_to_a_result_and_quits_cleanly() {
    let mut pty = Pty::spawn(&[], &[]);
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
    assert!(screen.contains("!!"), "an urgency banner:\n{screen}");
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
    let mut pty = Pty::spawn(&[], &[]);
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
    let mut pty = Pty::spawn(&["--audience", "clinician"], &[]);
    pty.wait_for("Start (Enter)");
    // With the mouse: the Start button, then an answer.
    let screen = pty.click("[ Start (Enter) ]");
    assert!(screen.contains("Age band"), "{screen}");
    let screen = pty.click("18-49 years");
    assert!(screen.contains("Main activity or sport"), "{screen}");
    // Back (Backspace), the answer is preselected, change it.
    let screen = pty.press("\x7f");
    assert!(screen.contains("(•) 18-49 years"), "{screen}");
    let n = number_of(&screen, "≥ 50 years").unwrap();
    let screen = pty.press(&n.to_string());
    assert!(screen.contains("Main activity or sport"), "{screen}");
    let screen = pty.press("\x1b[D"); // Left: back again
    assert!(screen.contains("(•) ≥ 50 years"), "{screen}");
    pty.send("q");
    pty.wait_for("Quit now?");
    pty.send("y");
    assert!(pty.wait_exit().success());
    pty.assert_restored();
}

/// Sends a signal to the running app and checks the terminal comes back.
fn signal_restores(name: &str, number: i32) {
    let mut pty = Pty::spawn(&[], &[]);
    pty.wait_for("Start (Enter)");
    pty.press("\r");
    let pid = pty.child.process_id().expect("a pid");
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
fn a_bank_that_does_not_load_exits_2_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().to_str().unwrap();
    let mut pty = Pty::spawn(&["--questions", bad], &[]);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = pty.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("\x1b[?1049h"),
        "entered the alternate screen:\n{text}"
    );
    assert!(text.contains("error"), "{text}");
}
