//! The kiosk's wipe on a terminal without an alternate screen: tmux with
//! `alternate-screen off` keeps everything the program draws on its main
//! screen, and with `scroll-on-clear` (on by default) moves a cleared
//! screen into its history. After a patient's result and `Done`, nothing
//! of that patient may be left on the screen or anywhere in the history.
//! Needs tmux 3.3 or later (the test fails, not skips, without it).

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/screen.rs"]
mod screen;

const PIN: &str = "2468";

/// A tmux server of our own (its own socket), ended when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux must be installed for this test");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen as it is now.
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }

    /// The screen and the whole history above it.
    fn everything(&self) -> String {
        self.run(&["capture-pane", "-p", "-S", "-", "-E", "-"])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", k]);
            thread::sleep(Duration::from_millis(150));
        }
    }

    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        let end = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(Instant::now() < end, "timed out waiting for {text:?}:\n{s}");
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// A left click on the first cell of `text` on the screen.
    fn click(&self, text: &str) {
        let click = screen::click_bytes(&self.screen(), text);
        self.run(&["send-keys", "-l", &click]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[test]
fn the_wipe_leaves_nothing_in_the_history_of_a_terminal_without_an_alternate_screen() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    hamstring_triage::kiosk::set_pin(&config, PIN).unwrap();
    let conf = dir.path().join("tmux.conf");
    std::fs::write(
        &conf,
        "set -g alternate-screen off\nset -g scroll-on-clear on\nset -g history-limit 5000\n",
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("hamstring-wipe-{}", std::process::id()),
    };
    let bin = env!("CARGO_BIN_EXE_hamstring-triage");
    let shown = |p: &Path| p.to_str().unwrap().to_string();
    let command = format!(
        "TERM=screen {bin} --kiosk --config-dir {} --data-dir {}",
        shown(&config),
        shown(&data)
    );
    tmux.run(&[
        "-f",
        conf.to_str().unwrap(),
        "new-session",
        "-d",
        "-x",
        "80",
        "-y",
        "24",
        &command,
    ]);
    assert_eq!(
        tmux.run(&["show-options", "-gwv", "alternate-screen"])
            .trim(),
        "off"
    );
    tmux.wait_for("Touch here to start");
    // Start, then the bladder warning sign: a result at once.
    tmux.keys(&["Enter", "3", "3", "1", "1", "Enter", "Enter"]);
    let screen = tmux.wait_for("Show this code to the staff");
    let records: Vec<String> = std::fs::read_dir(data.join("records"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(records.len(), 1, "{records:?}");
    let code = records[0].trim_end_matches(".json").to_string();
    assert!(screen.contains(&code), "{screen}");

    // An emergency waits for the staff: their chord and PIN wipe it.
    tmux.keys(&["C-M-q"]);
    tmux.wait_for("to clear this emergency");
    tmux.keys(&[PIN]);
    tmux.click("Unlock");
    tmux.wait_for("Touch here to start");
    thread::sleep(Duration::from_millis(300));
    let all = tmux.everything();
    for gone in [
        code.as_str(),
        "EMERGENCY",
        "Show this code",
        "staff",
        "bladder",
    ] {
        assert!(
            !all.contains(gone),
            "{gone:?} is still in the terminal's history:\n{all}"
        );
    }
}
