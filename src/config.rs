//! The clinic's config file: clinic name, the local emergency number, timeouts,
//! where records go, kiosk mode, language. TOML in the platform config folder
//! (`hamstring-triage config path`); a bad file is an error with line and
//! column, and kiosk mode refuses to start on one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;
use toml::Spanned;

use crate::bank::Bank;
use crate::bank::source::{Problem, Source, hidden_char_problems, parse_toml, read_source};

/// Overrides the config folder (tests, several kiosks on one machine).
pub const CONFIG_DIR_ENV: &str = "HAMSTRING_TRIAGE_CONFIG_DIR";

/// The config folder: the flag, else the environment, else the platform's.
pub fn config_dir(flag: Option<&Path>) -> Option<PathBuf> {
    folder(flag, CONFIG_DIR_ENV, ProjectDirs::config_dir)
}

/// A folder of ours: the flag, else the environment variable `env` (unless
/// empty), else the platform's one of that kind (from `directories`).
pub fn folder(
    flag: Option<&Path>,
    env: &str,
    platform: fn(&ProjectDirs) -> &Path,
) -> Option<PathBuf> {
    let env = std::env::var_os(env).filter(|d| !d.is_empty());
    let ours = || ProjectDirs::from("", "", "hamstring-triage");
    flag.map(Path::to_path_buf)
        .or_else(|| env.map(PathBuf::from))
        .or_else(|| ours().map(|p| platform(&p).to_path_buf()))
}

/// The config file's path in a config folder.
pub fn config_file(dir: &Path) -> PathBuf {
    dir.join("config.toml")
}

/// The file as written: every value kept whole with its place, so that a
/// value of the wrong type gets the same message as one out of range.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigDef {
    clinic_name: Option<Spanned<toml::Value>>,
    emergency_number: Option<Spanned<toml::Value>>,
    idle_timeout_seconds: Option<Spanned<toml::Value>>,
    done_timeout_seconds: Option<Spanned<toml::Value>>,
    data_dir: Option<Spanned<toml::Value>>,
    kiosk: Option<Spanned<toml::Value>>,
    lang: Option<Spanned<toml::Value>>,
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
    /// Where `lang` is set (`FILE:LINE:COLUMN`), to blame a language the
    /// bank lacks on that line.
    pub lang_at: Option<String>,
    /// The settings the file gives, by key; the others are their defaults.
    pub written: BTreeSet<String>,
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
            lang_at: None,
            written: BTreeSet::new(),
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
    if let Some(p) = hidden_char_problems(src).into_iter().next() {
        return Err(p);
    }
    let def: ConfigDef = parse_toml(src)?;
    let defaults = Config::default();
    let timeout = |t: &Option<Spanned<toml::Value>>, default: u64| {
        let (low, high) = TIMEOUT_RANGE.into_inner();
        let expected = format!("a whole number of seconds, {low} to {high} (such as {default})");
        let seconds = |v: &toml::Value| v.as_integer().and_then(|n| u64::try_from(n).ok());
        read(src, t, &expected, |v| {
            seconds(v).filter(|n| TIMEOUT_RANGE.contains(n))
        })
        .map(|n| n.unwrap_or(default))
    };
    let text = |v: &Option<Spanned<toml::Value>>, what: &str, max: usize| {
        let expected = format!("{what} of 1 to {max} characters in quotes");
        read(src, v, &expected, |v| {
            let s = v
                .as_str()
                .filter(|s| !s.trim().is_empty() && s.chars().count() <= max);
            s.map(|s| s.trim().to_string())
        })
    };
    let emergency_number = read(
        src,
        &def.emergency_number,
        "a phone number of 3 to 20 characters with at least 2 digits (spaces, + and - allowed) in quotes, such as \"112\"",
        |v| {
            v.as_str()
                .map(str::trim)
                .filter(|s| is_phone_number(s))
                .map(String::from)
        },
    )?;
    let kiosk = read(src, &def.kiosk, "true or false", toml::Value::as_bool)?;
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
    let lang_at = def.lang.as_ref().map(|l| {
        let p = src.problem(l.span(), "");
        format!("{}:{}:{}", p.file, p.line, p.column)
    });
    // The file read once more as a plain table, for the keys it sets.
    let written = parse_toml::<toml::Table>(src)?.keys().cloned().collect();
    Ok(Config {
        clinic_name: text(&def.clinic_name, "a clinic name", 80)?,
        emergency_number,
        idle_timeout_seconds,
        done_timeout_seconds,
        data_dir: text(&def.data_dir, "a folder", 4096)?.map(PathBuf::from),
        kiosk: kiosk.unwrap_or(false),
        lang: text(&def.lang, "a language code", 16)?,
        lang_at,
        written,
        file: None,
    })
}

/// A setting's value as `ok` reads it (`None`: not set), else a problem at
/// the value saying what was `expected` and what was found.
fn read<T>(
    src: &Source,
    value: &Option<Spanned<toml::Value>>,
    expected: &str,
    ok: impl Fn(&toml::Value) -> Option<T>,
) -> Result<Option<T>, Problem> {
    let Some(v) = value else { return Ok(None) };
    let found = match v.get_ref() {
        toml::Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    let problem = || src.problem(v.span(), format!("expected {expected}, not {found}"));
    ok(v.get_ref()).map(Some).ok_or_else(problem)
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
    let mut config = parse(&read_source(&path)?)?;
    config.file = Some(path);
    Ok(config)
}

impl Config {
    /// The settings in force as TOML that could be the config file: a set
    /// value as `key = value`, an unset one as a comment saying what applies
    /// instead. `path` is the config file's place; `data_dir` the folder
    /// records go to when `data_dir` is unset.
    pub fn show(&self, path: &Path, data_dir: Option<&Path>) -> String {
        // Each setting: its key, its value as written or `None`, and what
        // applies when it is unset.
        let set = |key, value: &Option<String>, unset: &str| {
            let quoted = value
                .as_ref()
                .map(|s| toml::Value::String(s.clone()).to_string());
            (key, quoted, unset.to_string())
        };
        let valued = |key, value: &dyn std::fmt::Display| {
            let value = value.to_string();
            let written = self.written.contains(key).then(|| value.clone());
            (key, written, format!("{value}, the default"))
        };
        let data_default = data_dir.map_or_else(
            || "none could be found; give one with --data-dir".to_string(),
            |d| d.display().to_string(),
        );
        let settings = [
            set("clinic_name", &self.clinic_name, "no clinic name is shown"),
            set(
                "emergency_number",
                &self.emergency_number,
                "\"your local emergency number\", with 112, 911 and 999 as examples",
            ),
            valued("idle_timeout_seconds", &self.idle_timeout_seconds),
            valued("done_timeout_seconds", &self.done_timeout_seconds),
            set(
                "data_dir",
                &self.data_dir.as_ref().map(|d| d.display().to_string()),
                &data_default,
            ),
            valued("kiosk", &self.kiosk),
            set(
                "lang",
                &self.lang,
                "the question bank's own language, en for the built-in one",
            ),
        ];
        let not_there = match self.file {
            Some(_) => "",
            None => " (not there: every setting is its default)",
        };
        let mut out = format!("# {}{not_there}\n", path.display());
        for (key, value, unset) in settings {
            out += &match value {
                Some(v) => format!("{key} = {v}\n"),
                None => format!("# {key} = (unset: {unset})\n"),
            };
        }
        out
    }
}

/// The language asked for and where it was asked for (`--lang`, or `lang`
/// in the config file), so that a language the bank lacks is blamed on the
/// flag or the line that asked for it. Nothing asked for: the bank's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LangChoice {
    pub code: Option<String>,
    /// The flag or the config line, for messages.
    from: String,
}

impl LangChoice {
    /// The flag's language, else the config file's.
    pub fn new(flag: Option<&str>, config: &Config) -> LangChoice {
        let (code, from) = match (flag, &config.lang) {
            (Some(code), _) => (code, format!("--lang {code}")),
            (None, Some(code)) => {
                let at = config.lang_at.as_deref().unwrap_or("the config file");
                (code.as_str(), format!("{at}: lang = \"{code}\""))
            }
            (None, None) => return LangChoice::default(),
        };
        let code = Some(code.to_string());
        LangChoice { code, from }
    }

    /// The bank in the language asked for; an error naming the flag or the
    /// config line when the bank does not have it, with the languages it has.
    pub fn apply(&self, bank: Bank) -> Result<Bank, String> {
        match &self.code {
            None => Ok(bank),
            Some(code) => bank
                .into_localized(code)
                .map_err(|e| format!("{}: {e}", self.from)),
        }
    }
}
