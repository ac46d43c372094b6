//! `hamstring-triage kiosk set-pin` at a real pseudo-terminal: the PIN is
//! read without echo, a refused one is asked for again with the reason, and
//! an accepted one is asked for twice.

#[path = "common/pty.rs"]
mod pty;
#[path = "common/screen.rs"]
mod screen;

use std::os::unix::fs::PermissionsExt;

use pty::Pty;

#[test]
fn set_pin_at_a_terminal_asks_again_saying_why_then_for_the_same_pin_twice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let config = dir.path().to_str().unwrap();
    let mut pty = Pty::spawn(&["--config-dir", config, "kiosk", "set-pin"], &[], 80, 24);
    pty.wait_for("New kiosk PIN (4 to 12 digits):");
    pty.send("12\r");
    let screen = pty.wait_for("please try again (2 tries left)");
    assert!(screen.contains("a PIN is 4 to 12 digits"), "{screen}");
    pty.send("4826\r");
    pty.wait_for("The same PIN again:");
    pty.send("4826\r");
    let screen = pty.wait_for("PIN set");
    assert!(
        !screen.contains("4826"),
        "the PIN is never echoed: {screen}"
    );
    assert!(pty.wait_exit().success());
    let stored = hamstring_triage::kiosk::stored_pin(dir.path())
        .unwrap()
        .expect("a PIN is stored");
    assert!(hamstring_triage::kiosk::verify_pin("4826", &stored));
}
