//! The faces of one `Report`: for every shared case and every library case,
//! both audiences and both languages, the full-screen result, plain mode and
//! `assess --format text` give the same reasons for the urgency, the same
//! "First: ..." line, the same number to call and the same closing line.
//! Nothing a clinician reads speaks to "you"; nothing a patient reads puts a
//! number beside a diagnosis.

mod common;

use common::*;
use hamstring_triage::app::{App, Screen};
use hamstring_triage::bank::Bank;
use hamstring_triage::case::load_case;
use hamstring_triage::cli::Audience;
use hamstring_triage::engine::{Answers, interview, triage};
use hamstring_triage::plain::{PlainEnd, PlainOptions, run};
use hamstring_triage::records::{Record, markdown};
use hamstring_triage::report::{Report, assess_text, say};
use hamstring_triage::ui::result::text;
use hamstring_triage::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The lines of the result that say how urgent, why, what comes first,
/// whom to call and that it is not a diagnosis.
#[derive(Debug, PartialEq, Eq)]
struct Key {
    reasons: Vec<String>,
    first: Option<String>,
    call: Option<String>,
    closing: String,
}

/// One case, walked: its answers and the order they were asked in.
struct Walked {
    name: String,
    answers: Answers,
    steps: Vec<usize>,
}

fn walked(bank: &Bank, path: &std::path::Path) -> Walked {
    let name = path.display().to_string();
    let case = load_case(path, &bank.vocab).unwrap_or_else(|e| panic!("{e}"));
    let walk = interview(bank, &case.findings).unwrap_or_else(|e| panic!("{name}: {e}"));
    Walked {
        name,
        answers: walk
            .steps
            .iter()
            .map(|s| (s.question, s.chosen.clone()))
            .collect(),
        steps: walk.steps.iter().map(|s| s.question).collect(),
    }
}

fn every_case() -> Vec<std::path::PathBuf> {
    let mut cases = shared_cases();
    let library = library_cases();
    assert!(!library.is_empty(), "the bank's case library is missing");
    cases.extend(library);
    cases
}

fn banks() -> Vec<Bank> {
    let en = bank();
    let es = en.localized("es").expect("the Spanish translation");
    vec![en, es]
}

fn app_at_result(bank: &Bank, audience: Audience, answers: &Answers) -> App {
    let mut app = App::new(bank.clone(), audience, false);
    app.session.walk = hamstring_triage::engine::walk(bank, answers);
    app.session.answers = answers.clone();
    app.session.outcome = Some(triage(bank, &app.session.walk));
    app.screen = Screen::Result;
    app
}

fn report(bank: &Bank, audience: Audience, answers: &Answers) -> Report {
    app_at_result(bank, audience, answers)
        .session
        .report(bank, audience, None)
        .unwrap()
}

/// The result pane's lines, before wrapping.
fn screen_lines(bank: &Bank, report: &Report) -> Vec<String> {
    text(bank, report, Theme::new(false), 100)
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn screen_key(bank: &Bank, report: &Report, app: &App) -> Key {
    let lines = screen_lines(bank, report);
    // The number to call is on the banner, once.
    let screen = whole_screen(app);
    let why = lines
        .iter()
        .position(|l| l == report.say(bank, "result.why_urgency"))
        .expect("a why-this-urgency heading");
    let first = format!("{} ", report.say(bank, "result.first"));
    Key {
        reasons: lines[why + 1..]
            .iter()
            .filter_map(|l| l.strip_prefix("• ").map(str::to_string))
            .collect(),
        first: lines
            .iter()
            .find_map(|l| l.strip_prefix(&first).map(str::to_string)),
        call: report
            .call
            .clone()
            .filter(|c| screen.matches(c.as_str()).count() == 1),
        closing: lines.last().unwrap().clone(),
    }
}

/// Plain mode's whole output for these answers (no to the offer to save).
fn plain_output(bank: &Bank, audience: Audience, w: &Walked) -> String {
    let mut input = String::new();
    for q in &w.steps {
        let typed: Vec<String> = w.answers[q].iter().map(|o| (o + 1).to_string()).collect();
        input.push_str(&typed.join(" "));
        input.push('\n');
    }
    input.push('\n');
    let mut out = Vec::new();
    let opts = PlainOptions {
        audience,
        data_dir: None,
    };
    let end = run(bank, input.as_bytes(), &mut out, &opts).unwrap();
    assert!(matches!(end, PlainEnd::Finished { .. }), "{end:?}");
    String::from_utf8(out).unwrap()
}

/// The key lines of a plain report (plain mode's, or `assess` text's).
fn plain_key(bank: &Bank, audience: Audience, out: &str, call: Option<&String>) -> Key {
    let lines: Vec<&str> = out.lines().collect();
    let heading = say(bank, audience, "plain.why_urgency");
    let why = lines
        .iter()
        .rposition(|l| *l == heading)
        .unwrap_or_else(|| panic!("no why-this-urgency line in\n{out}"));
    let reasons: Vec<String> = lines[why + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .map(|l| l.strip_prefix("- ").expect("a reason").to_string())
        .collect();
    let first = format!("{} ", say(bank, audience, "result.first"));
    Key {
        first: lines
            .iter()
            .find_map(|l| l.strip_prefix(&first).map(str::to_string)),
        call: call.and_then(|c| lines.iter().find(|l| **l == c).map(|l| l.to_string())),
        // After the reasons and a blank line.
        closing: lines[why + reasons.len() + 2].to_string(),
        reasons,
    }
}

#[test]
fn the_full_screen_plain_mode_and_assess_text_give_the_same_reasons() {
    for bank in banks() {
        for path in every_case() {
            let w = walked(&bank, &path);
            let walk = hamstring_triage::engine::walk(&bank, &w.answers);
            let outcome = triage(&bank, &walk);
            for audience in [Audience::Patient, Audience::Clinician] {
                let r = report(&bank, audience, &w.answers);
                let app = app_at_result(&bank, audience, &w.answers);
                let screen = screen_key(&bank, &r, &app);
                let plain = plain_key(
                    &bank,
                    audience,
                    &plain_output(&bank, audience, &w),
                    r.call.as_ref(),
                );
                let assess = plain_key(
                    &bank,
                    audience,
                    &assess_text(&bank, &walk, &outcome, audience),
                    r.call.as_ref(),
                );
                let name = format!("{}, {audience:?}, {}", w.name, r.urgency_id);
                assert!(!screen.reasons.is_empty(), "{name}: no reasons");
                assert_eq!(screen.call.is_some(), r.call.is_some(), "{name}");
                assert_eq!(screen, plain, "{name}: full screen and plain mode");
                assert_eq!(screen, assess, "{name}: full screen and assess text");
            }
        }
    }
}

/// Every line of the whole result screen, drawn tall enough to hold it all.
fn whole_screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 400)).unwrap();
    hamstring_triage::terminal::draw(&mut t, app, &mut Default::default()).unwrap();
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Second-person words, as whole words: English "you", "your" (and
/// "yourself"); in Spanish the pronouns "usted", "ustedes", "tú" and "tu".
fn second_person(text: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "you", "your", "yours", "yourself", "usted", "ustedes", "tú", "tu",
    ];
    text.lines().find_map(|line| {
        line.split(|c: char| !c.is_alphanumeric())
            .find(|w| WORDS.contains(&w.to_lowercase().as_str()))
            .map(|w| format!("{w}\" in \"{}", line.trim()))
    })
}

#[test]
fn nothing_a_clinician_reads_says_you() {
    for bank in banks() {
        for path in every_case() {
            let w = walked(&bank, &path);
            let walk = hamstring_triage::engine::walk(&bank, &w.answers);
            let outcome = triage(&bank, &walk);
            let audience = Audience::Clinician;
            let app = app_at_result(&bank, audience, &w.answers);
            let r = report(&bank, audience, &w.answers);
            let record = Record::new(
                &bank,
                &walk,
                &outcome,
                Audience::Clinician,
                "K7M-4QX".into(),
                "now".into(),
            );
            let plain = plain_output(&bank, audience, &w);
            // From the result on: the questions' own wording is the bank's.
            let result = &plain[plain.rfind(say(&bank, audience, "plain.result")).unwrap()..];
            for (face, text) in [
                ("full screen", whole_screen(&app)),
                ("plain mode", result.to_string()),
                ("assess text", assess_text(&bank, &walk, &outcome, audience)),
                ("markdown", markdown::to_markdown(&bank, &record, Some(&r))),
            ] {
                if let Some(word) = second_person(&text) {
                    panic!("{}: the clinician's {face} says \"{word}\"", w.name);
                }
            }
        }
    }
}

#[test]
fn no_patient_sees_a_number_beside_a_diagnosis() {
    for bank in banks() {
        for path in every_case() {
            let w = walked(&bank, &path);
            let audience = Audience::Patient;
            let r = report(&bank, audience, &w.answers);
            let screen = screen_lines(&bank, &r).join("\n");
            let plain = plain_output(&bank, audience, &w);
            for d in &r.diagnoses {
                assert!(!d.label.chars().any(|c| c.is_ascii_digit()), "{}", d.label);
                for text in [&screen, &plain] {
                    for line in text.lines().filter(|l| l.contains(&d.name)) {
                        // The list's own number ("2. ") is not the cause's.
                        let rest = line.split_once(". ").map_or(line, |(n, rest)| {
                            if n.chars().all(|c| c.is_ascii_digit()) {
                                rest
                            } else {
                                line
                            }
                        });
                        assert!(
                            !rest.chars().any(|c| c.is_ascii_digit()),
                            "{}: a number beside {}: {line}",
                            w.name,
                            d.name
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_patients_emergency_shows_the_emergency_and_folds_the_rest_away() {
    for bank in banks() {
        for path in every_case() {
            let w = walked(&bank, &path);
            let r = report(&bank, Audience::Patient, &w.answers);
            let Some(call) = &r.call else { continue };
            let screen = screen_lines(&bank, &r);
            // The number is named once on the whole screen (its banner),
            // and the causes listed are the ones the emergency rests on.
            let app = app_at_result(&bank, Audience::Patient, &w.answers);
            assert_eq!(
                whole_screen(&app).matches(call.as_str()).count(),
                1,
                "{}",
                w.name
            );
            assert!(screen.len() < 60, "{}: {} lines", w.name, screen.len());
            if r.folded > 0 {
                assert!(screen.iter().any(|l| l == bank.ui("result.folded")));
            }
        }
    }
}
