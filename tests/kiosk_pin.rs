//! The staff PIN: its format, its hash, the file it is kept in, the count
//! of wrong tries and the wait they earn (hazards H24, H32, H33).

use std::time::{Duration, Instant};

use hamstring_triage::app::PinTry;
use hamstring_triage::kiosk::*;

#[test]
fn a_pin_round_trips_and_the_hash_hides_it() {
    let h = hash_pin("482913").unwrap();
    assert!(h.starts_with("$argon2"), "{h}");
    assert!(!h.contains("482913"));
    assert!(verify_pin("482913", &h));
    assert!(!verify_pin("482914", &h));
    assert_ne!(hash_pin("482913").unwrap(), h, "a fresh salt each time");
    assert!(!verify_pin("482913", "not a hash"));
    assert!(hash_pin("12a4").is_err() && hash_pin("123").is_err());
}

#[test]
fn wrong_pins_are_counted_and_slowed_down() {
    let h = hash_pin("1357").unwrap();
    let mut gate = PinGate::default();
    let t0 = Instant::now();
    assert_eq!(
        gate.attempt("0000", &h, t0),
        PinTry::Wrong { wrong_so_far: 1 }
    );
    assert_eq!(
        gate.attempt("0000", &h, t0),
        PinTry::Wrong { wrong_so_far: 2 }
    );
    assert_eq!(
        gate.attempt("0000", &h, t0),
        PinTry::Wrong { wrong_so_far: 3 }
    );
    // Locked: even the right PIN waits.
    assert_eq!(
        gate.attempt("1357", &h, t0 + Duration::from_secs(10)),
        PinTry::Wait(Duration::from_secs(20))
    );
    // After the wait, one more wrong doubles it.
    let t1 = t0 + Duration::from_secs(31);
    assert_eq!(
        gate.attempt("9999", &h, t1),
        PinTry::Wrong { wrong_so_far: 4 }
    );
    assert_eq!(
        gate.attempt("1357", &h, t1 + Duration::from_secs(59)),
        PinTry::Wait(Duration::from_secs(1))
    );
    assert_eq!(
        gate.attempt("1357", &h, t1 + Duration::from_secs(60)),
        PinTry::Accepted
    );
    assert_eq!(gate.wrong(), 0);
}

#[test]
fn set_pin_stores_only_the_hash_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = set_pin(dir.path(), "2468").unwrap();
    let stored = stored_pin(dir.path()).unwrap().unwrap();
    assert!(verify_pin("2468", &stored));
    assert!(!std::fs::read_to_string(&path).unwrap().contains("2468"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

/// `ask_new_pin` fed these answers: the PIN or error, what it said, and
/// how many answers it read.
fn asked(answers: &[&str], confirm: bool) -> (Result<String, String>, Vec<String>, usize) {
    let mut given = answers.iter();
    let mut read = 0;
    let mut said = Vec::new();
    let pin = ask_new_pin(
        |_| {
            read += 1;
            Ok(given.next().map(|a| a.to_string()))
        },
        confirm,
        |s| said.push(s.to_string()),
    );
    (pin, said, read)
}

#[test]
fn a_refused_pin_is_asked_for_again_saying_why() {
    let (pin, said, _) = asked(&["12", "2468\n"], false);
    assert_eq!(pin.as_deref(), Ok("2468"));
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("4 to 12 digits") && said[0].contains("2 tries left"));
    // Twice the same at a terminal; a mismatch is asked again too.
    let (pin, said, read) = asked(&["2468", "2469", "1357", "1357"], true);
    assert_eq!(pin.as_deref(), Ok("1357"));
    assert_eq!(read, 4);
    assert!(said[0].contains("the two PINs differ"), "{said:?}");
    // A weak one says so.
    let (_, said, _) = asked(&["1234", "2468"], false);
    assert!(said[0].contains("first anyone would guess"), "{said:?}");
}

#[test]
fn asking_for_a_pin_gives_up_after_the_last_try_or_the_end_of_input() {
    let (pin, said, read) = asked(&["1", "22", "333", "2468"], false);
    let e = pin.unwrap_err();
    assert!(
        e.contains("4 to 12 digits") && e.contains("after 3 tries"),
        "{e}"
    );
    assert_eq!((said.len(), read), (2, PIN_TRIES), "{said:?}");
    assert!(said[1].contains("1 try left"), "{said:?}");
    let (pin, _, _) = asked(&["12"], false);
    assert!(pin.unwrap_err().contains("no PIN was given"));
}

#[test]
fn weak_pins_are_refused() {
    for weak in [
        "0000", "1111", "1234", "4321", "0123", "9876", "123456", "1212", "123123", "2580",
        "99999999",
    ] {
        let e = check_pin_format(weak).unwrap_err();
        assert!(e.contains("first anyone would guess"), "{weak}: {e}");
        assert!(hash_pin(weak).is_err(), "{weak}");
    }
    for fine in ["2468", "1357", "482913", "7046"] {
        assert_eq!(check_pin_format(fine), Ok(()), "{fine}");
    }
}

#[test]
fn the_count_of_wrong_pins_outlives_a_restart() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    set_pin(dir.path(), "2468").unwrap();
    let h = stored_pin(dir.path()).unwrap().unwrap();
    let t0 = Instant::now();
    let mut gate = PinGate::on_disk(dir.path(), t0);
    for n in 1..=3 {
        assert_eq!(
            gate.attempt("9753", &h, t0),
            PinTry::Wrong { wrong_so_far: n }
        );
    }
    let file = tries_file(dir.path());
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A restart: a new gate, read from the file, still counts three and
    // still makes the next try wait (the right PIN included).
    let t1 = Instant::now();
    let mut again = PinGate::on_disk(dir.path(), t1);
    assert_eq!(again.wrong(), 3);
    assert!(
        matches!(again.attempt("2468", &h, t1), PinTry::Wait(w) if w > Duration::from_secs(25))
    );
    // After the wait, the right PIN clears the count on disk too.
    let later = t1 + Duration::from_secs(31);
    assert_eq!(again.attempt("2468", &h, later), PinTry::Accepted);
    assert_eq!(PinGate::on_disk(dir.path(), later).wrong(), 0);
    // A damaged tries file counts as three wrong tries, not none.
    std::fs::write(&file, "garbage").unwrap();
    let g = PinGate::on_disk(dir.path(), later);
    assert_eq!(g.wrong(), 3);
    assert!(g.wait(later).is_some());
}

#[test]
fn a_damaged_or_endless_pin_file_is_an_error_saying_how_to_reset_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(stored_pin(dir.path()), Ok(None));
    std::fs::write(pin_file(dir.path()), "not a hash\n").unwrap();
    let e = stored_pin(dir.path()).unwrap_err();
    assert!(e.contains("damaged") && e.contains("kiosk set-pin"), "{e}");
    std::fs::remove_file(pin_file(dir.path())).unwrap();
    std::os::unix::fs::symlink("/dev/zero", pin_file(dir.path())).unwrap();
    let started = Instant::now();
    let e = stored_pin(dir.path()).unwrap_err();
    assert!(e.contains("kiosk set-pin"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_planted_temporary_link_is_not_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    // The names the PIN's temporary file had before: a link at each.
    for planted in [".kiosk-pin.tmp", ".kiosk-pin.tmp.tmp"] {
        std::os::unix::fs::symlink(&victim, dir.path().join(planted)).unwrap();
    }
    let path = set_pin(dir.path(), "2468").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A link in the PIN's own place is replaced, not followed.
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&victim, &path).unwrap();
    set_pin(dir.path(), "2468").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        !std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(verify_pin(
        "2468",
        &stored_pin(dir.path()).unwrap().unwrap()
    ));
}
