//! The clinic's config file: clinic name, the local emergency number, timeouts,
//! where records go, kiosk mode, language. TOML in the platform config folder
//! (`hamstring-triage config path`); a bad file is an error with line and
//! column, and kiosk mode refuses to start on one.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::bank::source::{Problem, Source, parse_toml, read_source};

/// Overrides the config folder (tests, several kiosks on one machine).
pub const CONFIG_DIR_ENV: &str = "HAMSTRING_TRIAGE_CONFIG_DIR";

/// The config folder: the flag, else the environment, else the platform's.
pub fn config_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(d) = flag {
        return Some(d.to_path_buf());
    }
    if let Some(d) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "hamstring-triage").map(|p| p.config_dir().to_path_buf())
}

/// The config file's path in a config folder.
pub fn config_file(dir: &Path) -> PathBuf {
    dir.join("config.toml")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigDef {
    clinic_name: Option<Spanned<String>>,
    emergency_number: Option<Spanned<String>>,
    idle_timeout_seconds: Option<Spanned<u64>>,
    done_timeout_seconds: Option<Spanned<u64>>,
    data_dir: Option<Spanned<String>>,
    kiosk: Option<bool>,
    lang: Option<Spanned<String>>,
}

/// The settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Shown on the welcome screen.
    pub clinic_name: Option<String>,
    /// Shown in every emergency message; `None`: "your local emergency
    /// number" with examples.
    pub emergency_number: Option<String>,
    /// Kiosk: "Are you still there?" after this long without input.
    pub idle_timeout_seconds: u64,
    /// Kiosk: back to the welcome screen this long after the result.
    pub done_timeout_seconds: u64,
    /// Where records and practice progress are kept.
    pub data_dir: Option<PathBuf>,
    pub kiosk: bool,
    pub lang: Option<String>,
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            clinic_name: None,
            emergency_number: None,
            idle_timeout_seconds: 180,
            done_timeout_seconds: 90,
            data_dir: None,
            kiosk: false,
            lang: None,
            file: None,
        }
    }
}

/// Timeouts outside these bounds are refused.
pub const TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 15..=3600;

/// Parses a config file's text.
pub fn parse(src: &Source) -> Result<Config, Problem> {
    // Its texts are shown on the kiosk's screen: no escape sequences or
    // bidirectional overrides.
    if let Some(p) = crate::bank::source::hidden_char_problems(src)
        .into_iter()
        .next()
    {
        return Err(p);
    }
    let def: ConfigDef = if src.text.trim().is_empty() {
        // An empty file is all defaults.
        toml::from_str("").map_err(|e| src.problem(0..0, e.message().to_string()))?
    } else {
        parse_toml(src)?
    };
    let timeout = |t: &Option<Spanned<u64>>, default: u64| -> Result<u64, Problem> {
        match t {
            None => Ok(default),
            Some(v) if TIMEOUT_RANGE.contains(v.get_ref()) => Ok(*v.get_ref()),
            Some(v) => Err(src.problem(
                v.span(),
                format!(
                    "expected a number of seconds from {} to {}",
                    TIMEOUT_RANGE.start(),
                    TIMEOUT_RANGE.end()
                ),
            )),
        }
    };
    let defaults = Config::default();
    let emergency_number = match &def.emergency_number {
        None => None,
        Some(n) => {
            let s = n.get_ref().trim();
            if !is_phone_number(s) {
                return Err(src.problem(
                    n.span(),
                    "expected a phone number of 3 to 20 characters with at least 2 digits (spaces, + and - allowed), such as \"112\"",
                ));
            }
            Some(s.to_string())
        }
    };
    let text =
        |v: &Option<Spanned<String>>, what: &str, max: usize| -> Result<Option<String>, Problem> {
            match v {
                None => Ok(None),
                Some(s) if s.get_ref().trim().is_empty() || s.get_ref().chars().count() > max => {
                    Err(src.problem(
                        s.span(),
                        format!("expected {what} of 1 to {max} characters"),
                    ))
                }
                Some(s) => Ok(Some(s.get_ref().trim().to_string())),
            }
        };
    let idle_timeout_seconds = timeout(&def.idle_timeout_seconds, defaults.idle_timeout_seconds)?;
    let done_timeout_seconds = timeout(&def.done_timeout_seconds, defaults.done_timeout_seconds)?;
    // A finished result, with its code, must not stay on a kiosk's screen
    // longer than an unfinished questionnaire would.
    if done_timeout_seconds > idle_timeout_seconds {
        let at = def
            .done_timeout_seconds
            .as_ref()
            .or(def.idle_timeout_seconds.as_ref())
            .map_or(0..0, |v| v.span());
        return Err(src.problem(
            at,
            format!(
                "expected done_timeout_seconds ({done_timeout_seconds}) to be at most idle_timeout_seconds ({idle_timeout_seconds}): a result must not stay on screen longer than unfinished answers"
            ),
        ));
    }
    Ok(Config {
        clinic_name: text(&def.clinic_name, "a clinic name", 80)?,
        emergency_number,
        idle_timeout_seconds,
        done_timeout_seconds,
        data_dir: text(&def.data_dir, "a folder", 4096)?.map(PathBuf::from),
        kiosk: def.kiosk.unwrap_or(false),
        lang: text(&def.lang, "a language code", 16)?,
        file: None,
    })
}

/// Whether a text is a number to call: 3 to 20 characters, digits with
/// spaces, `+` and `-` between them, at least 2 digits ("Call +++--- now."
/// would send a patient nowhere).
fn is_phone_number(s: &str) -> bool {
    (3..=20).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'))
        && s.chars().filter(char::is_ascii_digit).count() >= 2
}

/// Loads the config file from a config folder; a missing file is all
/// defaults, a bad one is an error.
pub fn load(dir: Option<&Path>) -> Result<Config, Problem> {
    let Some(dir) = dir else {
        return Ok(Config::default());
    };
    // The folder also holds the kiosk PIN: another user must not be able to
    // swap the files in it.
    crate::input::check_private_folder(dir)
        .map_err(|e| Problem::whole_file(dir.display().to_string(), e))?;
    let path = config_file(dir);
    if !path.exists() {
        return Ok(Config::default());
    }
    let src = read_source(&path)?;
    let mut c = parse(&src)?;
    c.file = Some(path);
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Config, Problem> {
        parse(&Source::new("config.toml", text.to_string()))
    }

    #[test]
    fn a_result_may_not_outstay_unfinished_answers() {
        let e = p("idle_timeout_seconds = 60\ndone_timeout_seconds = 90\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 24), "{e}");
        assert!(
            e.message.contains("at most idle_timeout_seconds (60)"),
            "{e}"
        );
        // The default done timeout (90) against a short idle one.
        let e = p("idle_timeout_seconds = 60\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let c = p("idle_timeout_seconds = 60\ndone_timeout_seconds = 60\n").unwrap();
        assert_eq!(c.done_timeout_seconds, 60);
    }

    #[test]
    fn defaults_and_a_full_file() {
        assert_eq!(p("").unwrap(), Config::default());
        let c = p("clinic_name = \"Riverside Physio\"\nemergency_number = \"999\"\nidle_timeout_seconds = 120\nkiosk = true\nlang = \"es\"\n").unwrap();
        assert_eq!(c.clinic_name.as_deref(), Some("Riverside Physio"));
        assert_eq!(c.emergency_number.as_deref(), Some("999"));
        assert_eq!(c.idle_timeout_seconds, 120);
        assert!(c.kiosk);
    }

    #[test]
    fn bad_values_are_located() {
        let e = p("kiosk = true\nidle_timeout_seconds = 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 24), "{e}");
        let e = p("emergency_number = \"call 999\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 20), "{e}");
        for bad in ["+++---", "1", "+ 1", "12345678901234567890123"] {
            let e = p(&format!("emergency_number = \"{bad}\"\n")).unwrap_err();
            assert_eq!((e.line, e.column), (1, 20), "{bad}: {e}");
            assert!(e.message.contains("at least 2 digits"), "{e}");
        }
        for good in ["112", "+44 20 7946-0000", "999"] {
            let c = p(&format!("emergency_number = \"{good}\"\n")).unwrap();
            assert_eq!(c.emergency_number.as_deref(), Some(good));
        }
        let e = p("kiosk = yes\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = p("kiosk = true\ncolour = \"red\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn control_and_bidi_characters_are_refused_with_their_place() {
        let e = p("kiosk = true\nclinic_name = \"Riverside\\u001b]0;owned\\u0007\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 25), "{e}");
        assert!(e.message.contains("U+001B (escape)"), "{e}");
        let e = p("clinic_name = \"Clinic \u{202E}cisyhP\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 23), "{e}");
        assert!(e.message.contains("bidirectional"), "{e}");
    }
}
