//! The practice screens drawn on a TestBackend at 80x24 and 120x40 and
//! compared with their accepted snapshots; colour is asserted on cells where
//! it carries meaning (snapshots hold no colour), and clicks are tested
//! against what a frame drew.

use hamstring_triage::app::practice::{Action, PracticeApp, Screen, Step};
use hamstring_triage::bank::Bank;
use ratatui::style::{Color, Modifier};
use tui_input::InputRequest;

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, practice_case};
use screen::{SIZES, find, text};

/// A short case: the patient of the lunge classes.
const CASE: &str = "gym-class-ten-days";

fn new_app_in(bank: Bank, colour: bool) -> Driver<PracticeApp> {
    practice_case(bank, CASE, colour)
}

fn new_app() -> Driver<PracticeApp> {
    new_app_in(Bank::builtin().expect("built-in bank"), true)
}

/// An interview of a few questions, the cauda equina screen not among them.
fn interviewed() -> Driver<PracticeApp> {
    let mut app = new_app();
    for id in ["onset", "duration", "location", "aggravators", "radiation"] {
        app.ask(id);
    }
    // The highlight left on a question not asked yet.
    app.act(Action::Down);
    app
}

fn to_differential() -> Driver<PracticeApp> {
    let mut app = interviewed();
    app.act(Action::Next);
    app.pick("ischial_bursitis");
    app.pick("hamstring_tendinopathy");
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    app
}

fn to_urgency() -> Driver<PracticeApp> {
    let mut app = to_differential();
    app.act(Action::Next);
    // Nothing is chosen at first: the first move highlights the most urgent.
    app.act(Action::Down);
    app.act(Action::Down);
    app.act(Action::Down);
    assert_eq!(app.screen, Screen::Commit(Step::Urgency));
    app
}

/// Feedback on a wrong first choice with the cauda equina screen skipped.
fn to_feedback_in(bank: Bank, colour: bool) -> Driver<PracticeApp> {
    let mut app = new_app_in(bank, colour);
    for id in ["onset", "duration", "location", "aggravators", "radiation"] {
        app.ask(id);
    }
    app.act(Action::Next);
    app.pick("ischial_bursitis");
    app.pick("hamstring_tendinopathy");
    app.act(Action::Next);
    app.act(Action::End);
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Feedback);
    app
}

fn to_feedback() -> Driver<PracticeApp> {
    to_feedback_in(Bank::builtin().unwrap(), true)
}

/// Snapshots the app at both sizes under `name`.
#[track_caller]
fn snap(name: &str, app: &mut Driver<PracticeApp>) {
    for (w, h) in SIZES {
        let t = app.render(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn interview_at_the_start() {
    snap("interview_start", &mut new_app());
}

#[test]
fn interview_after_a_few_questions() {
    let mut app = interviewed();
    snap("interview", &mut app);
    // The transcript ends with the latest reply, whatever the size.
    for (w, h) in SIZES {
        let screen = app.screen(w, h);
        let reply = &app.interview.asked.last().unwrap().reply;
        let words: String = reply.chars().take(12).collect();
        assert!(
            screen.contains(&words),
            "the latest reply is out of view at {w}x{h}"
        );
    }
}

#[test]
fn interview_searching() {
    let mut app = interviewed();
    app.act(Action::Search);
    for c in "symptoms".chars() {
        app.act(Action::Edit(InputRequest::InsertChar(c)));
    }
    snap("interview_search", &mut app);
    for c in " zzz".chars() {
        app.act(Action::Edit(InputRequest::InsertChar(c)));
    }
    let t = app.render(80, 24);
    assert!(
        text(t.backend().buffer()).contains("No question matches"),
        "{}",
        t.backend()
    );
}

#[test]
fn commit_differential() {
    let mut app = to_differential();
    snap("commit_differential", &mut app);
    // A fourth pick is refused with a notice on screen.
    app.pick("hamstring_strain");
    app.pick("dvt");
    let t = app.render(80, 24);
    assert!(
        text(t.backend().buffer()).contains("You have three already"),
        "{}",
        t.backend()
    );
}

#[test]
fn commit_urgency() {
    let mut app = to_urgency();
    snap("commit_urgency", &mut app);
    // Each level's name is on its colour, the most urgent on red.
    let t = app.render(80, 24);
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
        app.ask("onset");
        app.act(Action::Next);
        app.pick("ischial_bursitis");
        app.act(Action::Next);
        assert_eq!(app.screen, Screen::Commit(Step::Urgency));
        assert_eq!(app.level_cursor, None);
        let screen = text(app.render(80, 24).backend().buffer());
        assert!(!screen.contains("(•)"), "{lang}: {screen}");
        assert!(screen.contains("( )"), "{screen}");
        // Enter with nothing chosen: no feedback, a word on what to do.
        app.act(Action::Confirm);
        assert_eq!(app.screen, Screen::Commit(Step::Urgency));
        assert!(app.feedback().is_none());
        let t = app.render(80, 24);
        insta::assert_snapshot!(format!("commit_urgency_unchosen_{lang}_80x24"), t.backend());
        let screen = text(t.backend().buffer());
        let start: String = notice.chars().take(30).collect();
        assert!(screen.contains(&start), "{lang}: {screen}");
        // The first move highlights the most urgent; Enter then commits it.
        app.act(Action::Down);
        assert_eq!(app.level_cursor, Some(0));
        app.act(Action::Confirm);
        assert_eq!(app.screen, Screen::Feedback);
    }
}

#[test]
fn feedback() {
    let mut app = to_feedback();
    snap("feedback", &mut app);
}

#[test]
fn feedback_scrolled_to_the_end() {
    let mut app = to_feedback();
    // Drawing measures the feedback; End then goes to its last rows.
    app.render(80, 24);
    app.act(Action::End);
    let t = app.render(80, 24);
    insta::assert_snapshot!("feedback_end_80x24", t.backend());
    let screen = text(t.backend().buffer());
    assert!(screen.contains("End of the feedback."), "{screen}");
    assert!(screen.contains("Score "), "{screen}");
}

#[test]
fn the_serious_miss_comes_first_in_words_and_colour() {
    let mut app = to_feedback();
    for (w, h) in SIZES {
        let t = app.render(w, h);
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
    let mut app = to_feedback_in(Bank::builtin().unwrap(), false);
    let t = app.render(80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "!! SERIOUS MISS").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Reset);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn quit_box() {
    let mut app = interviewed();
    app.act(Action::AskQuit);
    snap("quit", &mut app);
}

#[test]
fn too_small_says_how_big() {
    let mut app = new_app();
    let t = app.render(59, 19);
    insta::assert_snapshot!("too_small_59x19", t.backend());
    let screen = text(t.backend().buffer());
    assert!(screen.contains("at least 60 wide and 20 high"), "{screen}");
}

#[test]
fn spanish_interview_fits() {
    let bank = Bank::builtin().unwrap().localized("es").unwrap();
    let mut app = new_app_in(bank, true);
    for id in ["onset", "cauda_equina_screen"] {
        app.ask(id);
    }
    let t = app.render(80, 24);
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
        let mut screens = vec![app.screen(80, 24)];
        app.act(Action::AskQuit);
        screens.push(app.screen(80, 24));
        let mut app = new_app_in(bank, true);
        screens.push(app.screen(80, 24));
        app.act(Action::Search);
        screens.push(app.screen(80, 24));
        app.act(Action::Next);
        app.act(Action::Next);
        screens.push(app.screen(80, 24));
        app.act(Action::Confirm);
        app.act(Action::Next);
        screens.push(app.screen(80, 24));
        for screen in &screens {
            assert!(!screen.contains("[missing text]"), "{lang}:\n{screen}");
        }
    }
}

#[test]
fn a_click_on_a_question_asks_it_and_a_click_on_a_diagnosis_picks_it() {
    let mut app = new_app();
    let t = app.render(80, 24);
    let (x, y) = find(t.backend().buffer(), "Duration of symptoms").unwrap();
    app.act(Action::Click { column: x, row: y });
    assert_eq!(app.interview.asked.len(), 1);
    let asked = app.interview.asked[0].question;
    assert_eq!(app.bank.questions[asked].id, "duration");
    let t = app.render(80, 24);
    assert!(text(t.backend().buffer()).contains("You: Duration of symptoms"));

    let (x, y) = find(t.backend().buffer(), "[ Ready: diagnose (c) ]").unwrap();
    app.act(Action::Click { column: x, row: y });
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    let t = app.render(80, 24);
    let (x, y) = find(t.backend().buffer(), "Ischial bursitis").unwrap();
    app.act(Action::Click { column: x, row: y });
    assert_eq!(
        app.differential,
        vec![app.bank.diagnosis_index("ischial_bursitis").unwrap()]
    );
    let t = app.render(80, 24);
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
        app.ask(id);
    }
    let t = app.render(80, 24);
    let before = text(t.backend().buffer());
    assert!(!before.contains("You: Onset"), "scrolled to the latest");
    let (x, y) = find(t.backend().buffer(), "The interview").unwrap();
    for _ in 0..10 {
        app.act(Action::ScrollUp {
            column: x + 2,
            row: y + 3,
        });
    }
    let t = app.render(80, 24);
    let after = text(t.backend().buffer());
    assert!(after.contains("You: Onset"), "{after}");
}
