//! The clinic's config file: defaults, located problems, the language it
//! asks for, and `config show` reading back as the same settings.

use std::path::Path;

use hamstring_triage::bank::{Bank, Problem, Source};
use hamstring_triage::config::*;

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
fn a_value_of_the_wrong_type_says_what_is_expected_where() {
    let e = p("kiosk = true\nidle_timeout_seconds = \"ten\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (2, 24), "{e}");
    assert_eq!(
        e.message,
        "expected a whole number of seconds, 15 to 3600 (such as 180), not \"ten\""
    );
    // Out of range, negative or fractional: the same words.
    for bad in ["2", "-30", "60.5", "99999"] {
        let e = p(&format!("done_timeout_seconds = {bad}\n")).unwrap_err();
        assert!(
            e.message
                .starts_with("expected a whole number of seconds, 15 to 3600 (such as 90)"),
            "{bad}: {e}"
        );
    }
    let e = p("kiosk = \"yes\"\n").unwrap_err();
    assert_eq!(e.message, "expected true or false, not \"yes\"");
    let e = p("clinic_name = 42\n").unwrap_err();
    assert!(
        e.message.contains("a clinic name") && e.message.ends_with("not 42"),
        "{e}"
    );
    let e = p("emergency_number = 999\n").unwrap_err();
    assert!(e.message.contains("in quotes"), "{e}");
}

#[test]
fn the_language_is_blamed_on_the_flag_or_the_config_line_that_asked() {
    let bank = Bank::load(None).unwrap();
    let config = p("kiosk = false\n  lang = \"fr\"\n").unwrap();
    let e = LangChoice::new(None, &config)
        .apply(bank.clone())
        .unwrap_err();
    assert_eq!(
        e,
        "config.toml:2:10: lang = \"fr\": no `fr` language in this bank; it has en, es"
    );
    let e = LangChoice::new(Some("de"), &config)
        .apply(bank.clone())
        .unwrap_err();
    assert_eq!(e, "--lang de: no `de` language in this bank; it has en, es");
    let es = LangChoice::new(Some("es"), &config).apply(bank.clone());
    assert_eq!(es.unwrap().language, "es");
    // Nothing asked for: the bank's own language.
    let own = LangChoice::new(None, &Config::default()).apply(bank);
    assert_eq!(own.unwrap().language, "en");
}

#[test]
fn show_is_toml_that_reads_back_as_the_same_settings() {
    let path = Path::new("/etc/x/config.toml");
    let unset = Config::default().show(path, Some(Path::new("/data/here")));
    assert!(
        unset.contains("# data_dir = (unset: /data/here)\n"),
        "{unset}"
    );
    assert!(unset.contains("# lang = (unset: "), "{unset}");
    assert!(
        unset.contains("# idle_timeout_seconds = (unset: 180, the default)\n"),
        "{unset}"
    );
    assert!(
        unset.contains("# kiosk = (unset: false, the default)\n"),
        "{unset}"
    );
    assert!(!unset.contains("\"\""), "no empty values: {unset}");
    assert_eq!(p(&unset).unwrap(), Config::default());
    let full = p("clinic_name = \"St \\\"Mary's\\\" \\\\ Physio\"\nemergency_number = \"112\"\nidle_timeout_seconds = 300\ndata_dir = \"/srv/records\"\nkiosk = true\nlang = \"es\"\n").unwrap();
    let shown = full.show(path, None);
    let mut back = p(&shown).unwrap();
    // The same settings, though not at the same places.
    back.lang_at = full.lang_at.clone();
    assert!(shown.contains("idle_timeout_seconds = 300\n"), "{shown}");
    // Only the done timeout is left to its default.
    assert_eq!(shown.matches("(unset").count(), 1, "{shown}");
    assert_eq!(back, full);
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
