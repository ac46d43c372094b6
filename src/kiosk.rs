//! Kiosk staff access: the exit PIN, stored only as a salted Argon2 hash in
//! the config folder, and a gate that slows down guessing, its count of
//! wrong tries kept on disk beside the PIN so a restart does not reset it.
//! Time is passed in, so the rate limit is tested without sleeping.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::app::PinTry;
use crate::app::kiosk::PIN_MAX;
use crate::input::{Links, check_private_folder, read_text};
use crate::records::store::{Publish, atomic_write, ensure_private_dir};

/// The PIN hash file in the config folder.
pub fn pin_file(config_dir: &Path) -> PathBuf {
    config_dir.join("kiosk-pin")
}

/// The file beside the PIN that keeps the count of wrong tries.
pub fn tries_file(config_dir: &Path) -> PathBuf {
    config_dir.join("kiosk-pin-tries")
}

/// A PIN must be 4 to 12 digits and not one that is guessed first: one
/// digit repeated (0000), a run up or down (1234, 9876), a short group
/// repeated (1212, 123123) or a keypad column (2580).
pub fn check_pin_format(pin: &str) -> Result<(), String> {
    if !((4..=PIN_MAX).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit())) {
        return Err("a PIN is 4 to 12 digits".into());
    }
    let d: Vec<i8> = pin.bytes().map(|b| (b - b'0') as i8).collect();
    let run = |step: i8| d.windows(2).all(|w| w[1] - w[0] == step);
    let repeated = (1..=d.len() / 2).any(|p| d.iter().enumerate().all(|(i, x)| *x == d[i % p]));
    if run(1) || run(-1) || repeated || ["2580", "0852"].contains(&pin) {
        return Err(
            "that PIN is among the first anyone would guess (a repeated digit or group, a run such as 1234, a keypad column); choose another".into(),
        );
    }
    Ok(())
}

/// How many PINs `kiosk set-pin` asks for before giving up.
pub const PIN_TRIES: usize = 3;

/// Asks for a new PIN until one is acceptable (and, with `confirm`, typed
/// the same twice), at most [`PIN_TRIES`] times, telling the person through
/// `say` why each refused one was refused. `ask(prompt)` reads one answer;
/// `None` is the end of the input.
pub fn ask_new_pin(
    mut ask: impl FnMut(&str) -> Result<Option<String>, String>,
    confirm: bool,
    mut say: impl FnMut(&str),
) -> Result<String, String> {
    let none = || "no PIN was given; nothing was changed".to_string();
    let mut tries = 0;
    loop {
        tries += 1;
        let pin = ask("New kiosk PIN (4 to 12 digits): ")?
            .ok_or_else(none)?
            .trim()
            .to_string();
        let refused = match check_pin_format(&pin) {
            Err(why) => why,
            Ok(()) if !confirm => return Ok(pin),
            Ok(()) => match ask("The same PIN again: ")?.ok_or_else(none)? {
                again if again.trim() == pin => return Ok(pin),
                _ => "the two PINs differ".to_string(),
            },
        };
        let left = PIN_TRIES - tries;
        if left == 0 {
            return Err(format!(
                "{refused}; nothing was changed after {PIN_TRIES} tries"
            ));
        }
        say(&format!(
            "{refused}; please try again ({left} {} left)",
            if left == 1 { "try" } else { "tries" }
        ));
    }
}

/// The PHC string (algorithm, salt and hash) of a PIN with a fresh salt.
pub fn hash_pin(pin: &str) -> Result<String, String> {
    check_pin_format(pin)?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness for the salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether a PIN matches a stored hash (a damaged hash matches nothing).
pub fn verify_pin(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored.trim()).is_ok_and(|h| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &h)
            .is_ok()
    })
}

/// Saves a PIN's hash, owner-only and atomically, and starts the count of
/// wrong tries again.
pub fn set_pin(config_dir: &Path, pin: &str) -> Result<PathBuf, String> {
    let hash = hash_pin(pin)?;
    check_private_folder(config_dir)?;
    ensure_private_dir(config_dir)
        .map_err(|e| format!("cannot create {}: {e}", config_dir.display()))?;
    let path = pin_file(config_dir);
    let text = format!("{hash}\n");
    atomic_write(&path, text.as_bytes(), Publish::Replace, &mut || Ok(()))
        .map_err(|e| format!("cannot save {}: {e}", path.display()))?;
    let _ = std::fs::remove_file(tries_file(config_dir));
    Ok(path)
}

/// The stored PIN hash: `None` if no PIN has been set; an error if the file
/// cannot be read or is damaged (a kiosk that no PIN could unlock must not
/// start), saying how to set it again.
pub fn stored_pin(config_dir: &Path) -> Result<Option<String>, String> {
    let path = pin_file(config_dir);
    let reset = "set the PIN again with `hamstring-triage kiosk set-pin`";
    check_private_folder(config_dir).map_err(|e| format!("{e}; the kiosk PIN is kept there"))?;
    let text = match read_text(&path, Links::Refuse) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the kiosk PIN file {}: {e}; {reset}",
                path.display()
            ));
        }
    };
    let hash = text.trim();
    if hash.is_empty() {
        return Ok(None);
    }
    match PasswordHash::new(hash) {
        Ok(h) if h.algorithm.as_str().starts_with("argon2") => Ok(Some(hash.to_string())),
        _ => Err(format!(
            "the kiosk PIN file {} is damaged (not a PIN hash), so no PIN could unlock the kiosk; {reset}",
            path.display()
        )),
    }
}

/// Counts wrong PINs and makes the next try wait: after three wrong in a row,
/// 30 seconds, doubling with each further wrong PIN up to 15 minutes. Made
/// with [`PinGate::on_disk`], the count and the wait are kept in a file
/// beside the PIN (owner-only, written atomically), so ending the kiosk and
/// starting it again does not give a guesser new tries.
#[derive(Debug, Clone, Default)]
pub struct PinGate {
    wrong: u32,
    locked_until: Option<Instant>,
    file: Option<PathBuf>,
}

impl PinGate {
    const FREE_TRIES: u32 = 3;
    const FIRST_WAIT: Duration = Duration::from_secs(30);
    const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

    /// A gate kept in the config folder's tries file, as it was left at
    /// the last try (`now` is the time on the clock `attempt` is given). A
    /// tries file that cannot be read counts as three wrong tries.
    pub fn on_disk(config_dir: &Path, now: Instant) -> PinGate {
        let file = tries_file(config_dir);
        let mut gate = PinGate {
            file: Some(file.clone()),
            ..PinGate::default()
        };
        let text = match read_text(&file, Links::Refuse) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return gate,
            Err(_) => String::new(),
        };
        let field = |key: &str| {
            text.lines()
                .filter_map(|l| l.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .and_then(|(_, v)| v.trim().parse::<u64>().ok())
        };
        match (field("wrong"), field("locked_until")) {
            (Some(wrong), Some(until)) => {
                gate.wrong = wrong.min(u32::MAX as u64) as u32;
                let left = until.saturating_sub(unix_now());
                gate.locked_until = (left > 0).then(|| now + Duration::from_secs(left));
            }
            _ => {
                gate.wrong = Self::FREE_TRIES;
                gate.locked_until = Some(now + Self::FIRST_WAIT);
            }
        }
        gate
    }

    /// Writes the count and the wait to the tries file, if there is one.
    /// A failure leaves the count in memory (the gate still holds).
    fn keep(&self, now: Instant) {
        let Some(file) = &self.file else { return };
        let until = self
            .locked_until
            .filter(|&u| u > now)
            .map_or(0, |u| unix_now() + (u - now).as_secs_f64().ceil() as u64);
        let text = format!("wrong = {}\nlocked_until = {until}\n", self.wrong);
        let _ = atomic_write(file, text.as_bytes(), Publish::Replace, &mut || Ok(()));
    }

    /// Tries a PIN at time `now` against the stored hash.
    pub fn attempt(&mut self, pin: &str, stored: &str, now: Instant) -> PinTry {
        if let Some(wait) = self.wait(now) {
            return PinTry::Wait(wait);
        }
        if verify_pin(pin, stored) {
            self.wrong = 0;
            self.locked_until = None;
            self.keep(now);
            return PinTry::Accepted;
        }
        self.wrong += 1;
        if self.wrong >= Self::FREE_TRIES {
            let doublings = (self.wrong - Self::FREE_TRIES).min(10);
            let wait = (Self::FIRST_WAIT * 2u32.pow(doublings)).min(Self::LONGEST_WAIT);
            self.locked_until = Some(now + wait);
        }
        self.keep(now);
        PinTry::Wrong {
            wrong_so_far: self.wrong,
        }
    }

    pub fn wrong(&self) -> u32 {
        self.wrong
    }

    /// How long the next try must wait at time `now`, if it must.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        let left = self.locked_until?.checked_duration_since(now);
        left.filter(|d| !d.is_zero())
    }
}

/// Seconds since the Unix epoch on the wall clock (a wait must outlast a
/// restart, which `Instant` does not).
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
