//! The full-screen result and plain mode render one `Report`: for every
//! shared case and both audiences they give the same reasons for the
//! urgency, the same "First: ..." line and the same closing line.

mod common;

use common::*;
use hamstring_triage::app::App;
use hamstring_triage::bank::Bank;
use hamstring_triage::case::load_case;
use hamstring_triage::cli::Audience;
use hamstring_triage::engine::{Answers, interview, triage};
use hamstring_triage::plain::{PlainEnd, PlainOptions, run};
use hamstring_triage::ui::result::text;
use hamstring_triage::ui::theme::Theme;

/// The lines of the result that say why this urgency, what comes first, and
/// that it is not a diagnosis.
#[derive(Debug, PartialEq, Eq)]
struct Key {
    reasons: Vec<String>,
    first: Option<String>,
    closing: String,
}

fn screen_key(bank: &Bank, audience: Audience, answers: &Answers) -> Key {
    let mut app = App::new(bank.clone(), audience, false);
    app.session.walk = hamstring_triage::engine::walk(bank, answers);
    app.session.answers = answers.clone();
    app.session.outcome = Some(triage(bank, &app.session.walk));
    let report = app.session.report(bank, audience, None).unwrap();
    let lines: Vec<String> = text(bank, &report, Theme::new(false))
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let why = lines
        .iter()
        .position(|l| l == bank.ui("result.why_urgency"))
        .expect("a why-this-urgency heading");
    let first = format!("{} ", bank.ui("result.first"));
    Key {
        reasons: lines[why + 1..]
            .iter()
            .filter_map(|l| l.strip_prefix("• ").map(str::to_string))
            .collect(),
        first: lines
            .iter()
            .find_map(|l| l.strip_prefix(&first).map(str::to_string)),
        closing: lines.last().unwrap().clone(),
    }
}

fn plain_key(bank: &Bank, audience: Audience, answers: &Answers, steps: &[usize]) -> Key {
    let mut input = String::new();
    for q in steps {
        let typed: Vec<String> = answers[q].iter().map(|o| (o + 1).to_string()).collect();
        input.push_str(&typed.join(" "));
        input.push('\n');
    }
    // No to the offer to save.
    input.push('\n');
    let mut out = Vec::new();
    let opts = PlainOptions {
        audience,
        data_dir: None,
    };
    let end = run(bank, input.as_bytes(), &mut out, &opts).unwrap();
    assert!(matches!(end, PlainEnd::Finished { .. }), "{end:?}");
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let why = lines
        .iter()
        .position(|l| *l == bank.ui("plain.why_urgency"))
        .unwrap_or_else(|| panic!("no why-this-urgency line in\n{out}"));
    let reasons: Vec<String> = lines[why + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .map(|l| l.strip_prefix("- ").expect("a reason").to_string())
        .collect();
    let first = format!("{} ", bank.ui("result.first"));
    Key {
        first: lines
            .iter()
            .find_map(|l| l.strip_prefix(&first).map(str::to_string)),
        // After the reasons and a blank line.
        closing: lines[why + reasons.len() + 2].to_string(),
        reasons,
    }
}

#[test]
fn the_full_screen_and_plain_mode_give_the_same_reasons() {
    let bank = bank();
    let cases = shared_cases();
    assert!(!cases.is_empty());
    for path in cases {
        let name = path.display().to_string();
        let case = load_case(&path, &bank.vocab).unwrap_or_else(|e| panic!("{e}"));
        let walk = interview(&bank, &case.findings).unwrap_or_else(|e| panic!("{name}: {e}"));
        let answers: Answers = walk
            .steps
            .iter()
            .map(|s| (s.question, s.chosen.clone()))
            .collect();
        let steps: Vec<usize> = walk.steps.iter().map(|s| s.question).collect();
        for audience in [Audience::Patient, Audience::Clinician] {
            let screen = screen_key(&bank, audience, &answers);
            let plain = plain_key(&bank, audience, &answers, &steps);
            assert!(!screen.reasons.is_empty(), "{name}: no reasons");
            assert_eq!(screen, plain, "{name}, {audience:?}");
        }
    }
}
