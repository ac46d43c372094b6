//! The built binary in a real pseudo-terminal: keys and mouse clicks in, the
//! screen read back through a terminal emulator (vt100), and checks that the
//! terminal was put back. Include it with `#[path = "common/pty.rs"] mod
//! pty;` so only the tests that drive a terminal build it.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen or the program before failing.
pub const WAIT: Duration = Duration::from_secs(10);

pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Told when the program's output ends.
    eof: mpsc::Receiver<()>,
    _master: Box<dyn MasterPty + Send>,
    /// When the program was started.
    pub started: Instant,
    /// The program's own home: records, progress and config never reach
    /// the real one (a test may still name its own folders by flag or
    /// environment).
    _home: tempfile::TempDir,
}

impl Pty {
    /// Starts the binary with `args` in a `cols` x `rows` terminal.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hamstring-triage"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let home = tempfile::tempdir().expect("a home for the program");
        cmd.env("HOME", home.path());
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
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
            _home: home,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote, as text.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Waits until the screen shows `text`; returns the screen.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
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
    pub fn wait_change(&self, before: &str) -> String {
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

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends keys and waits for the screen to change.
    #[track_caller]
    pub fn press(&mut self, keys: &str) -> String {
        let before = self.screen();
        self.send(keys);
        self.wait_change(&before)
    }

    /// Clicks (left button, SGR mouse encoding) on the first cell of the
    /// first screen line containing `text`.
    #[track_caller]
    pub fn click(&mut self, text: &str) -> String {
        let click = crate::screen::click_bytes(&self.screen(), text);
        self.press(&click)
    }

    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the program to end and its output to be read.
    #[track_caller]
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

    /// Whether the program has the alternate screen and mouse reporting on
    /// (as while it runs full-screen).
    pub fn full_screen(&self) -> (bool, bool) {
        let p = self.parser.lock().unwrap();
        (
            p.screen().alternate_screen(),
            p.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None,
        )
    }

    /// The terminal is back in normal mode: main screen, no mouse reporting,
    /// and the program did switch both on and off.
    #[track_caller]
    pub fn assert_restored(&self) {
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
        let text = self.raw();
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

/// A test that fails part-way leaves no program running behind it.
impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
