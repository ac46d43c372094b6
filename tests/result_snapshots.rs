//! The result screen in both audiences and both languages, the clinician's
//! welcome and review screens, and a result whose urgency a "Not sure" on
//! the emergency screen raised: whole screens on a TestBackend, compared
//! with their accepted snapshots.

use hamstring_triage::app::{Action, App, Screen, update};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::Audience;

#[path = "common/screen.rs"]
mod screen;

use screen::{SIZES, answer, render, text, to_review};

fn app(audience: Audience, lang: &str) -> App {
    let bank = Bank::builtin().expect("built-in bank");
    let bank = if lang == "en" {
        bank
    } else {
        bank.localized(lang).expect("translation")
    };
    App::new(bank, audience, true)
}

#[track_caller]
fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

/// The calm path's result (a runner's sit-bone ache).
fn calm_result(audience: Audience, lang: &str) -> App {
    let mut a = app(audience, lang);
    to_review(&mut a);
    update(&mut a, Action::ShowResult);
    assert_eq!(a.screen, Screen::Result);
    a
}

#[test]
fn clinician_result_shows_the_differential_as_bars_and_a_waterfall() {
    for lang in ["en", "es"] {
        let a = calm_result(Audience::Clinician, lang);
        snap(&format!("result_clinician_{lang}"), &a);
        let screen = text(render(&a, 120, 200).backend().buffer());
        // Bars for the differential, the waterfall's prior and total.
        assert!(screen.contains('█') && screen.contains('·'), "{screen}");
        let total = a.bank.ui("result.total");
        assert!(screen.contains(&format!("  {total}")), "{screen}");
    }
}

#[test]
fn patient_result_in_spanish() {
    snap("result_patient_es", &calm_result(Audience::Patient, "es"));
}

#[test]
fn clinician_welcome_and_review_use_clinical_wording() {
    for lang in ["en", "es"] {
        let mut a = app(Audience::Clinician, lang);
        snap(&format!("welcome_clinician_{lang}"), &a);
        to_review(&mut a);
        snap(&format!("review_clinician_{lang}"), &a);
    }
}

/// "Not sure" on the emergency screen raises the urgency to URGENT: what to
/// do and whom to see follow it, not the likely cause's routine advice.
#[test]
fn a_raised_urgency_leads_the_advice() {
    for lang in ["en", "es"] {
        let mut a = app(Audience::Patient, lang);
        update(&mut a, Action::Confirm);
        for ids in screen::CALM_PATH.iter() {
            let ids: &[&str] = if a.bank.questions[a.current].id == "cauda_equina_screen" {
                &["not_sure"]
            } else {
                ids
            };
            if a.screen == Screen::RedFlag(0) || matches!(a.screen, Screen::RedFlag(_)) {
                update(&mut a, Action::Confirm);
            }
            answer(&mut a, ids);
        }
        while matches!(a.screen, Screen::RedFlag(_)) {
            update(&mut a, Action::Confirm);
        }
        update(&mut a, Action::ShowResult);
        assert_eq!(a.screen, Screen::Result);
        let report = a.session.report(&a.bank, a.audience, None).unwrap();
        assert!(report.first.is_some(), "the urgency is raised");
        assert_eq!(report.do_now.as_deref(), Some(a.bank.ui("act.urgent")));
        assert_eq!(report.care_where.as_deref(), Some(a.bank.ui("who.urgent")));
        snap(&format!("result_raised_{lang}"), &a);
    }
}

/// Second-person words, whole words: English "you", "your"; Spanish
/// "usted", "ustedes", "tú", "tu" (the choice of tests/report_faces.rs).
fn second_person(screen: &str) -> Option<&str> {
    const WORDS: &[&str] = &["you", "your", "yourself", "usted", "ustedes", "tú", "tu"];
    screen.lines().find(|line| {
        line.split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w.to_lowercase().as_str()))
    })
}

#[test]
fn the_clinicians_welcome_review_and_red_flag_screens_do_not_say_you() {
    for lang in ["en", "es"] {
        let mut a = app(Audience::Clinician, lang);
        let mut screens = vec![text(render(&a, 120, 40).backend().buffer())];
        to_review(&mut a);
        screens.push(text(render(&a, 120, 40).backend().buffer()));
        let mut a = app(Audience::Clinician, lang);
        update(&mut a, Action::Confirm);
        for ids in [
            &["18_to_49"][..],
            &["not_said"],
            &["running"],
            &["bladder_difficulty"],
        ] {
            answer(&mut a, ids);
        }
        assert!(matches!(a.screen, Screen::RedFlag(_)));
        screens.push(text(render(&a, 120, 40).backend().buffer()));
        snap(&format!("red_flag_clinician_{lang}"), &a);
        for screen in &screens {
            assert_eq!(second_person(screen), None, "{screen}");
        }
    }
}
