//! Kiosk staff access: the exit PIN, stored only as a salted Argon2 hash in
//! the config folder, and a gate that slows down guessing. Time is passed in,
//! so the rate limit is tested without sleeping.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::records::store::{Stage, atomic_write, ensure_private_dir};

/// The PIN hash file in the config folder.
pub fn pin_file(config_dir: &Path) -> PathBuf {
    config_dir.join("kiosk-pin")
}

/// A PIN must be 4 to 12 digits.
pub fn check_pin_format(pin: &str) -> Result<(), String> {
    if (4..=12).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err("a PIN is 4 to 12 digits".into())
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
    PasswordHash::new(stored.trim())
        .map(|h| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Saves a PIN's hash, owner-only and atomically.
pub fn set_pin(config_dir: &Path, pin: &str) -> Result<PathBuf, String> {
    let hash = hash_pin(pin)?;
    ensure_private_dir(config_dir)
        .map_err(|e| format!("cannot create {}: {e}", config_dir.display()))?;
    let path = pin_file(config_dir);
    atomic_write(
        &path,
        format!("{hash}\n").as_bytes(),
        &mut |_: Stage| Ok(()),
    )
    .map_err(|e| format!("cannot save {}: {e}", path.display()))?;
    Ok(path)
}

/// The stored PIN hash, if a PIN has been set.
pub fn stored_pin(config_dir: &Path) -> Option<String> {
    std::fs::read_to_string(pin_file(config_dir))
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// Counts wrong PINs and makes the next try wait: after three wrong in a row,
/// 30 seconds, doubling with each further wrong PIN up to 15 minutes.
#[derive(Debug, Clone, Default)]
pub struct PinGate {
    wrong: u32,
    locked_until: Option<Instant>,
}

/// The outcome of one try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Try {
    Accepted,
    Wrong {
        wrong_so_far: u32,
    },
    /// Too many wrong PINs: no check made; try again after this long.
    Wait(Duration),
}

impl PinGate {
    const FREE_TRIES: u32 = 3;
    const FIRST_WAIT: Duration = Duration::from_secs(30);
    const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

    /// Tries a PIN at time `now` against the stored hash.
    pub fn attempt(&mut self, pin: &str, stored: &str, now: Instant) -> Try {
        if let Some(until) = self.locked_until
            && now < until
        {
            return Try::Wait(until - now);
        }
        if verify_pin(pin, stored) {
            *self = PinGate::default();
            return Try::Accepted;
        }
        self.wrong += 1;
        if self.wrong >= Self::FREE_TRIES {
            let doublings = (self.wrong - Self::FREE_TRIES).min(10);
            let wait = (Self::FIRST_WAIT * 2u32.pow(doublings)).min(Self::LONGEST_WAIT);
            self.locked_until = Some(now + wait);
        }
        Try::Wrong {
            wrong_so_far: self.wrong,
        }
    }

    pub fn wrong(&self) -> u32 {
        self.wrong
    }

    /// How long the next try must wait at time `now`, if it must.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        self.locked_until
            .filter(|&until| now < until)
            .map(|until| until - now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let h = hash_pin("1234").unwrap();
        let mut gate = PinGate::default();
        let t0 = Instant::now();
        assert_eq!(gate.attempt("0000", &h, t0), Try::Wrong { wrong_so_far: 1 });
        assert_eq!(gate.attempt("0000", &h, t0), Try::Wrong { wrong_so_far: 2 });
        assert_eq!(gate.attempt("0000", &h, t0), Try::Wrong { wrong_so_far: 3 });
        // Locked: even the right PIN waits.
        assert_eq!(
            gate.attempt("1234", &h, t0 + Duration::from_secs(10)),
            Try::Wait(Duration::from_secs(20))
        );
        // After the wait, one more wrong doubles it.
        let t1 = t0 + Duration::from_secs(31);
        assert_eq!(gate.attempt("9999", &h, t1), Try::Wrong { wrong_so_far: 4 });
        assert_eq!(
            gate.attempt("1234", &h, t1 + Duration::from_secs(59)),
            Try::Wait(Duration::from_secs(1))
        );
        assert_eq!(
            gate.attempt("1234", &h, t1 + Duration::from_secs(60)),
            Try::Accepted
        );
        assert_eq!(gate.wrong(), 0);
    }

    #[test]
    fn set_pin_stores_only_the_hash_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = set_pin(dir.path(), "2468").unwrap();
        let stored = stored_pin(dir.path()).unwrap();
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
}
