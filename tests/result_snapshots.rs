//! The result screen in both audiences and both languages, the clinician's
//! welcome and review screens, and a result whose urgency a "Not sure" on
//! the emergency screen raised: whole screens on a TestBackend, compared
//! with their accepted snapshots.

use hamstring_triage::app::{Action, App, Screen};
use hamstring_triage::audience::Audience;
use hamstring_triage::bank::Bank;

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, drive};
use screen::{SIZES, text};

fn app(audience: Audience, lang: &str) -> Driver<App> {
    let bank = Bank::builtin().expect("built-in bank");
    let bank = if lang == "en" {
        bank
    } else {
        bank.localized(lang).expect("translation")
    };
    drive(App::new(bank, audience, true))
}

#[track_caller]
fn snap(name: &str, app: &mut Driver<App>) {
    for (w, h) in SIZES {
        let t = app.render(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

/// The calm path's result (a runner's sit-bone ache).
fn calm_result(audience: Audience, lang: &str) -> Driver<App> {
    let mut a = app(audience, lang);
    a.walk_to_review();
    a.act(Action::ShowResult);
    assert_eq!(a.screen, Screen::Result);
    a
}

#[test]
fn clinician_result_shows_the_differential_as_bars_and_a_waterfall() {
    for lang in ["en", "es"] {
        let mut a = calm_result(Audience::Clinician, lang);
        snap(&format!("result_clinician_{lang}"), &mut a);
        let screen = text(a.render(120, 200).backend().buffer());
        // Bars for the differential, the waterfall's prior and total.
        assert!(screen.contains('█') && screen.contains('·'), "{screen}");
        let total = a.bank.ui("result.total");
        assert!(screen.contains(&format!("  {total}")), "{screen}");
    }
}

#[test]
fn patient_result_in_spanish() {
    snap(
        "result_patient_es",
        &mut calm_result(Audience::Patient, "es"),
    );
}

#[test]
fn clinician_welcome_and_review_use_clinical_wording() {
    for lang in ["en", "es"] {
        let mut a = app(Audience::Clinician, lang);
        snap(&format!("welcome_clinician_{lang}"), &mut a);
        a.walk_to_review();
        snap(&format!("review_clinician_{lang}"), &mut a);
    }
}

/// "Not sure" on the emergency screen raises the urgency to URGENT: what to
/// do and whom to see follow it, not the likely cause's routine advice.
#[test]
fn a_raised_urgency_leads_the_advice() {
    for lang in ["en", "es"] {
        let mut a = app(Audience::Patient, lang);
        a.act(Action::Confirm);
        for ids in screen::CALM_PATH.iter() {
            let ids: &[&str] = if a.bank.questions[a.current].id == "cauda_equina_screen" {
                &["not_sure"]
            } else {
                ids
            };
            if a.screen == Screen::RedFlag(0) || matches!(a.screen, Screen::RedFlag(_)) {
                a.act(Action::Confirm);
            }
            a.answer(ids);
        }
        while matches!(a.screen, Screen::RedFlag(_)) {
            a.act(Action::Confirm);
        }
        a.act(Action::ShowResult);
        assert_eq!(a.screen, Screen::Result);
        let report = a.session.report(&a.bank, a.audience, None).unwrap();
        assert!(report.first.is_some(), "the urgency is raised");
        assert_eq!(report.do_now.as_deref(), Some(a.bank.ui("act.urgent")));
        assert_eq!(report.care_where.as_deref(), Some(a.bank.ui("who.urgent")));
        snap(&format!("result_raised_{lang}"), &mut a);
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
        let mut screens = vec![text(a.render(120, 40).backend().buffer())];
        a.walk_to_review();
        screens.push(text(a.render(120, 40).backend().buffer()));
        let mut a = app(Audience::Clinician, lang);
        a.act(Action::Confirm);
        for ids in [
            &["18_to_49"][..],
            &["not_said"],
            &["running"],
            &["bladder_difficulty"],
        ] {
            a.answer(ids);
        }
        assert!(matches!(a.screen, Screen::RedFlag(_)));
        screens.push(text(a.render(120, 40).backend().buffer()));
        snap(&format!("red_flag_clinician_{lang}"), &mut a);
        for screen in &screens {
            assert_eq!(second_person(screen), None, "{screen}");
        }
    }
}
