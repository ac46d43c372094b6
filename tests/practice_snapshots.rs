//! The practice screens drawn on a TestBackend at 80x24 and 120x40 and
//! compared with their accepted snapshots; colour is asserted on cells where
//! it carries meaning (snapshots hold no colour), and clicks are tested
//! against what a frame drew.

use hamstring_triage::app::practice::{Action, PracticeApp, Screen, Step, update};
use hamstring_triage::bank::Bank;
use hamstring_triage::practice::built_in;
use ratatui::style::{Color, Modifier};
use tui_input::InputRequest;

#[path = "common/screen.rs"]
mod screen;

use screen::{SIZES, find, render, text};

/// A short case: the patient of the lunge classes.
const CASE: &str = "gym-class-ten-days";

fn new_app_in(bank: Bank, colour: bool) -> PracticeApp {
    let (cases, bad) = built_in(&bank.vocab);
    assert!(bad.is_empty(), "{bad:?}");
    let case = cases.into_iter().find(|c| c.id() == CASE).unwrap();
    PracticeApp::new(bank, case, colour)
}

fn new_app() -> PracticeApp {
    new_app_in(Bank::builtin().expect("built-in bank"), true)
}

/// Asks the question with this bank id, with the keys.
#[track_caller]
fn ask(app: &mut PracticeApp, id: &str) {
    let target = app
        .askable
        .iter()
        .position(|a| app.bank.questions[a.question].id == id)
        .unwrap_or_else(|| panic!("no question {id}"));
    update(app, Action::Home);
    while app.cursor != target {
        update(app, Action::Down);
    }
    update(app, Action::Confirm);
}

fn pick(app: &mut PracticeApp, id: &str) {
    app.diagnosis_cursor = app.bank.diagnosis_index(id).unwrap();
    update(app, Action::Confirm);
}

/// An interview of a few questions, the cauda equina screen not among them.
fn interviewed() -> PracticeApp {
    let mut app = new_app();
    for id in ["onset", "duration", "location", "aggravators", "radiation"] {
        ask(&mut app, id);
    }
    // The highlight left on a question not asked yet.
    update(&mut app, Action::Down);
    app
}

fn to_differential() -> PracticeApp {
    let mut app = interviewed();
    update(&mut app, Action::Next);
    pick(&mut app, "ischial_bursitis");
    pick(&mut app, "hamstring_tendinopathy");
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    app
}

fn to_urgency() -> PracticeApp {
    let mut app = to_differential();
    update(&mut app, Action::Next);
    // Nothing is chosen at first: the first move highlights the most urgent.
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    assert_eq!(app.screen, Screen::Commit(Step::Urgency));
    app
}

/// Feedback on a wrong first choice with the cauda equina screen skipped.
fn to_feedback_in(bank: Bank, colour: bool) -> PracticeApp {
    let mut app = new_app_in(bank, colour);
    for id in ["onset", "duration", "location", "aggravators", "radiation"] {
        ask(&mut app, id);
    }
    update(&mut app, Action::Next);
    pick(&mut app, "ischial_bursitis");
    pick(&mut app, "hamstring_tendinopathy");
    update(&mut app, Action::Next);
    update(&mut app, Action::End);
    update(&mut app, Action::Confirm);
    assert_eq!(app.screen, Screen::Feedback);
    app
}

fn to_feedback() -> PracticeApp {
    to_feedback_in(Bank::builtin().unwrap(), true)
}

/// Snapshots the app at both sizes under `name`.
#[track_caller]
fn snap(name: &str, app: &PracticeApp) {
    for (w, h) in SIZES {
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn interview_at_the_start() {
    snap("interview_start", &new_app());
}

#[test]
fn interview_after_a_few_questions() {
    let app = interviewed();
    snap("interview", &app);
    // The transcript ends with the latest reply, whatever the size.
    for (w, h) in SIZES {
        let t = render(&app, w, h);
        let reply = &app.interview.asked.last().unwrap().reply;
        let words: String = reply.chars().take(12).collect();
        assert!(
            text(t.backend().buffer()).contains(&words),
            "the latest reply is out of view at {w}x{h}"
        );
    }
}

#[test]
fn interview_searching() {
    let mut app = interviewed();
    update(&mut app, Action::Search);
    for c in "symptoms".chars() {
        update(&mut app, Action::Edit(InputRequest::InsertChar(c)));
    }
    snap("interview_search", &app);
    for c in " zzz".chars() {
        update(&mut app, Action::Edit(InputRequest::InsertChar(c)));
    }
    let t = render(&app, 80, 24);
    assert!(
        text(t.backend().buffer()).contains("No question matches"),
        "{}",
        t.backend()
    );
}

#[test]
fn commit_differential() {
    let mut app = to_differential();
    snap("commit_differential", &app);
    // A fourth pick is refused with a notice on screen.
    pick(&mut app, "hamstring_strain");
    pick(&mut app, "dvt");
    let t = render(&app, 80, 24);
    assert!(
        text(t.backend().buffer()).contains("You have three already"),
        "{}",
        t.backend()
    );
}

#[test]
fn commit_urgency() {
    let app = to_urgency();
    snap("commit_urgency", &app);
    // Each level's name is on its colour, the most urgent on red.
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "EMERGENCY").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Red);
}

#[test]
fn the_urgency_step_starts_with_nothing_chosen_so_a_stray_enter_commits_nothing() {
    for lang in ["en", "es"] {
        let bank = Bank::builtin().unwrap().localized(lang).unwrap();
        let notice = bank.ui("practice_commit.choose_urgency").to_string();
        let mut app = new_app_in(bank, true);
        ask(&mut app, "onset");
        update(&mut app, Action::Next);
        pick(&mut app, "ischial_bursitis");
        update(&mut app, Action::Next);
        assert_eq!(app.screen, Screen::Commit(Step::Urgency));
        assert_eq!(app.level_cursor, None);
        let screen = text(render(&app, 80, 24).backend().buffer());
        assert!(!screen.contains("(•)"), "{lang}: {screen}");
        assert!(screen.contains("( )"), "{screen}");
        // Enter with nothing chosen: no feedback, a word on what to do.
        update(&mut app, Action::Confirm);
        assert_eq!(app.screen, Screen::Commit(Step::Urgency));
        assert!(app.feedback().is_none());
        let t = render(&app, 80, 24);
        insta::assert_snapshot!(format!("commit_urgency_unchosen_{lang}_80x24"), t.backend());
        let screen = text(t.backend().buffer());
        let start: String = notice.chars().take(30).collect();
        assert!(screen.contains(&start), "{lang}: {screen}");
        // The first move highlights the most urgent; Enter then commits it.
        update(&mut app, Action::Down);
        assert_eq!(app.level_cursor, Some(0));
        update(&mut app, Action::Confirm);
        assert_eq!(app.screen, Screen::Feedback);
    }
}

#[test]
fn feedback() {
    let app = to_feedback();
    snap("feedback", &app);
}

#[test]
fn feedback_scrolled_to_the_end() {
    let mut app = to_feedback();
    // Drawing measures the feedback; End then goes to its last rows.
    render(&app, 80, 24);
    update(&mut app, Action::End);
    let t = render(&app, 80, 24);
    insta::assert_snapshot!("feedback_end_80x24", t.backend());
    let screen = text(t.backend().buffer());
    assert!(screen.contains("End of the feedback."), "{screen}");
    assert!(screen.contains("Score "), "{screen}");
}

#[test]
fn the_serious_miss_comes_first_in_words_and_colour() {
    let app = to_feedback();
    for (w, h) in SIZES {
        let t = render(&app, w, h);
        let buf = t.backend().buffer();
        // First row under the title bar: the cauda equina miss.
        let (x, y) = find(buf, "!! SERIOUS MISS").expect("the serious miss");
        assert_eq!(y, 1, "{}", t.backend());
        assert_eq!(buf[(x, y)].bg, Color::Red);
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
        // The score stays in the title bar.
        let (_, sy) = find(buf, "Score ").unwrap();
        assert_eq!(sy, 0);
    }
    // Without colour the miss is still marked: reversed, and in words.
    let app = to_feedback_in(Bank::builtin().unwrap(), false);
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "!! SERIOUS MISS").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Reset);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn quit_box() {
    let mut app = interviewed();
    update(&mut app, Action::AskQuit);
    snap("quit", &app);
}

#[test]
fn too_small_says_how_big() {
    let app = new_app();
    let t = render(&app, 59, 19);
    insta::assert_snapshot!("too_small_59x19", t.backend());
    let screen = text(t.backend().buffer());
    assert!(screen.contains("at least 60 wide and 20 high"), "{screen}");
}

#[test]
fn spanish_interview_fits() {
    let bank = Bank::builtin().unwrap().localized("es").unwrap();
    let mut app = new_app_in(bank, true);
    for id in ["onset", "cauda_equina_screen"] {
        ask(&mut app, id);
    }
    let t = render(&app, 80, 24);
    insta::assert_snapshot!("interview_es_80x24", t.backend());
    let screen = text(t.backend().buffer());
    assert!(screen.contains("Presentación:"), "{screen}");
    assert!(!screen.contains("[missing text]"), "{screen}");
}

#[test]
fn every_screen_has_its_texts_in_both_languages() {
    for lang in ["en", "es"] {
        let bank = Bank::builtin().unwrap().localized(lang).unwrap();
        let mut app = to_feedback_in(bank.clone(), true);
        let mut screens = vec![render(&app, 80, 24)];
        update(&mut app, Action::AskQuit);
        screens.push(render(&app, 80, 24));
        let mut app = new_app_in(bank, true);
        screens.push(render(&app, 80, 24));
        update(&mut app, Action::Search);
        screens.push(render(&app, 80, 24));
        update(&mut app, Action::Next);
        update(&mut app, Action::Next);
        screens.push(render(&app, 80, 24));
        update(&mut app, Action::Confirm);
        update(&mut app, Action::Next);
        screens.push(render(&app, 80, 24));
        for t in &screens {
            let screen = text(t.backend().buffer());
            assert!(!screen.contains("[missing text]"), "{lang}:\n{screen}");
        }
    }
}

#[test]
fn a_click_on_a_question_asks_it_and_a_click_on_a_diagnosis_picks_it() {
    let mut app = new_app();
    let t = render(&app, 80, 24);
    let (x, y) = find(t.backend().buffer(), "Duration of symptoms").unwrap();
    update(&mut app, Action::Click { column: x, row: y });
    assert_eq!(app.interview.asked.len(), 1);
    let asked = app.interview.asked[0].question;
    assert_eq!(app.bank.questions[asked].id, "duration");
    let t = render(&app, 80, 24);
    assert!(text(t.backend().buffer()).contains("You: Duration of symptoms"));

    let (x, y) = find(t.backend().buffer(), "[ Ready: diagnose (c) ]").unwrap();
    update(&mut app, Action::Click { column: x, row: y });
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    let t = render(&app, 80, 24);
    let (x, y) = find(t.backend().buffer(), "Ischial bursitis").unwrap();
    update(&mut app, Action::Click { column: x, row: y });
    assert_eq!(
        app.differential,
        vec![app.bank.diagnosis_index("ischial_bursitis").unwrap()]
    );
    let t = render(&app, 80, 24);
    let screen = text(t.backend().buffer());
    assert!(screen.contains("[1] Ischial bursitis"), "{screen}");
}

#[test]
fn the_wheel_over_the_transcript_scrolls_it() {
    let mut app = new_app();
    for id in [
        "onset",
        "mechanism",
        "injury_signs",
        "duration",
        "location",
        "radiation",
        "quality",
        "aggravators",
    ] {
        ask(&mut app, id);
    }
    let t = render(&app, 80, 24);
    let before = text(t.backend().buffer());
    assert!(!before.contains("You: Onset"), "scrolled to the latest");
    let (x, y) = find(t.backend().buffer(), "The interview").unwrap();
    for _ in 0..10 {
        update(
            &mut app,
            Action::ScrollUp {
                column: x + 2,
                row: y + 3,
            },
        );
    }
    let t = render(&app, 80, 24);
    let after = text(t.backend().buffer());
    assert!(after.contains("You: Onset"), "{after}");
}
