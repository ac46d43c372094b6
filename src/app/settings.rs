//! What the app is told from outside rather than asked: where records go,
//! the clinic's name and emergency number, and kiosk mode. Built by `main`
//! from the config file and the flags; tests build it by hand.

use std::path::PathBuf;
use std::time::Duration;

use crate::config::Config;

/// The app's settings beyond the bank and the audience.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Results are saved as records (and records can be opened). Off by
    /// default, so that an app built for a test or a benchmark writes
    /// nothing.
    pub save_records: bool,
    /// The data folder records are saved under (`None`: none could be
    /// found; a save then fails and says so).
    pub data_dir: Option<PathBuf>,
    /// Shown on the welcome screen.
    pub clinic_name: Option<String>,
    /// Shown in every emergency message.
    pub emergency_number: Option<String>,
    /// Set in kiosk mode.
    pub kiosk: Option<KioskSettings>,
}

/// Kiosk mode's timeouts (its staff PIN is checked outside the app).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSettings {
    /// "Are you still there?" after this long without input.
    pub idle_timeout: Duration,
    /// Back to the welcome screen this long after the result (without input).
    pub done_timeout: Duration,
}

impl KioskSettings {
    /// The kiosk settings of a config file.
    pub fn from_config(config: &Config) -> Self {
        KioskSettings {
            idle_timeout: Duration::from_secs(config.idle_timeout_seconds),
            done_timeout: Duration::from_secs(config.done_timeout_seconds),
        }
    }

    /// How long "Are you still there?" counts down before everything is
    /// wiped: a sixth of the idle timeout, from 5 to 30 seconds.
    pub fn countdown(&self) -> Duration {
        (self.idle_timeout / 6).clamp(Duration::from_secs(5), Duration::from_secs(30))
    }
}

impl Settings {
    /// The settings of a config file, with the data folder already worked
    /// out (flag, environment, config or platform default).
    pub fn from_config(config: &Config, data_dir: Option<PathBuf>) -> Self {
        Settings {
            save_records: true,
            data_dir,
            clinic_name: config.clinic_name.clone(),
            emergency_number: config.emergency_number.clone(),
            kiosk: None,
        }
    }
}
