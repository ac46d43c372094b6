//! The questionnaire's `update` driven the way a person drives it: actions
//! in (through the loop's `Driver`), state out; and `update` given a `Drawn`
//! by hand, to show it hit-tests and scrolls against nothing else; and the
//! keys' table that the handler, the footers, the help and the kiosk read.

use hamstring_triage::app::progress::{Remaining, remaining};
use hamstring_triage::app::{
    Action, App, Drawn, Overlay, Rows, Screen, Settings, Target, keys, update,
};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::Audience;
use hamstring_triage::engine::End;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, at, drive};

fn app() -> Driver<App> {
    drive(App::new(Bank::builtin().unwrap(), Audience::Patient, true))
}

fn q(app: &App, id: &str) -> usize {
    app.bank.question_index[id]
}

fn opt(app: &App, question: &str, id: &str) -> usize {
    app.bank.questions[q(app, question)]
        .options
        .iter()
        .position(|o| o.id == id)
        .unwrap_or_else(|| panic!("no option {id} at {question}"))
}

#[test]
fn enter_on_welcome_opens_the_first_question_and_arrows_move_within_bounds() {
    let mut app = app();
    assert_eq!(app.screen, Screen::Welcome);
    app.act(Action::Confirm);
    at(&app, "age");
    assert_eq!(app.cursor, 0);
    app.act(Action::Up);
    assert_eq!(app.cursor, 0, "the cursor stops at the top");
    let last = app.bank.questions[q(&app, "age")].options.len() - 1;
    for _ in 0..=last {
        app.act(Action::Down);
    }
    assert_eq!(app.cursor, last, "the cursor stops at the last option");
    app.act(Action::Confirm);
    at(&app, "sex");
    assert_eq!(app.session.answers[&q(&app, "age")], vec![last]);
}

#[test]
fn number_keys_choose_and_go_on_and_out_of_range_numbers_do_nothing() {
    let mut app = app();
    app.act(Action::Confirm);
    app.act(Action::Pick(8));
    at(&app, "age");
    assert!(app.session.answers.is_empty());
    app.act(Action::Pick(1));
    at(&app, "sex");
    assert_eq!(app.session.answers[&q(&app, "age")], vec![1]);
}

#[test]
fn back_goes_to_the_previous_question_with_the_answer_preselected() {
    let mut app = app();
    app.act(Action::Confirm);
    app.answer(&["50_to_64"]);
    app.answer(&["not_said"]);
    at(&app, "activity");
    app.act(Action::Back);
    at(&app, "sex");
    app.act(Action::Back);
    at(&app, "age");
    assert_eq!(app.cursor, opt(&app, "age", "50_to_64"));
    assert_eq!(app.session.answers.len(), 2, "going back keeps answers");
    app.act(Action::Back);
    assert_eq!(app.screen, Screen::Welcome);
}

#[test]
fn changing_a_branch_drops_downstream_answers_and_keeps_those_still_on_the_path() {
    let mut app = app();
    app.walk_to_location();
    app.answer(&["sit_bone"]);
    app.answer(&["none"]); // radiation
    at(&app, "quality");
    app.answer(&["ache_or_pulling"]);
    at(&app, "aggravators");
    let radiation = q(&app, "radiation");
    let quality = q(&app, "quality");
    assert!(app.session.answers.contains_key(&radiation));
    assert!(app.session.answers.contains_key(&quality));

    // Back to the location, and change it to a branch with other questions.
    app.act(Action::Back); // quality
    app.act(Action::Back); // radiation
    app.act(Action::Back); // location
    at(&app, "location");
    assert_eq!(
        app.session.answers.len(),
        9,
        "nothing dropped while going back"
    );
    app.answer(&["lateral_hip"]);
    at(&app, "hip_radiation");
    assert!(
        !app.session.answers.contains_key(&radiation),
        "off-path answer kept"
    );
    assert!(
        !app.session.answers.contains_key(&quality),
        "off-path answer kept"
    );
    for id in [
        "age",
        "sex",
        "activity",
        "cauda_equina_screen",
        "onset",
        "duration",
        "location",
    ] {
        assert!(
            app.session.answers.contains_key(&q(&app, id)),
            "{id} was dropped"
        );
    }
    assert_eq!(app.session.answers.len(), 7);
}

#[test]
fn changing_an_answer_without_changing_the_branch_keeps_everything_after_it() {
    let mut app = app();
    app.walk_to_location();
    app.answer(&["sit_bone"]);
    app.answer(&["thigh"]);
    at(&app, "quality");
    app.act(Action::Back);
    app.act(Action::Back);
    at(&app, "location");
    app.answer(&["back_of_thigh"]); // same next question: radiation
    at(&app, "radiation");
    assert_eq!(
        app.draft,
        vec![opt(&app, "radiation", "thigh")],
        "the kept answer is shown preselected"
    );
    assert_eq!(app.cursor, opt(&app, "radiation", "thigh"));
    assert_eq!(app.session.answers.len(), 8);
}

#[test]
fn ticking_an_exclusive_option_unticks_the_others_and_the_reverse() {
    let mut app = app();
    app.walk_to_location();
    app.answer(&["sit_bone"]);
    app.answer(&["none"]);
    app.answer(&["ache_or_pulling"]);
    at(&app, "aggravators");
    let sitting = opt(&app, "aggravators", "sitting");
    let running = opt(&app, "aggravators", "running_fast");
    let none = opt(&app, "aggravators", "none");
    let not_sure = opt(&app, "aggravators", "not_sure");

    app.act(Action::Pick(sitting));
    app.act(Action::Pick(running));
    assert_eq!(app.draft, vec![sitting, running]);
    app.act(Action::Pick(none));
    assert_eq!(app.draft, vec![none], "None of these unticks the others");
    app.act(Action::Pick(not_sure));
    assert_eq!(app.draft, vec![not_sure], "Not sure unticks None of these");
    app.act(Action::Pick(sitting));
    assert_eq!(app.draft, vec![sitting], "a plain option unticks Not sure");
    // Space ticks the highlighted option; again unticks it.
    app.cursor = running;
    app.act(Action::Toggle);
    assert_eq!(app.draft, vec![sitting, running]);
    app.act(Action::Toggle);
    assert_eq!(app.draft, vec![sitting]);
    app.act(Action::Confirm);
    at(&app, "tender_sit_bone");
    assert_eq!(app.session.answers[&q(&app, "aggravators")], vec![sitting]);
}

#[test]
fn confirming_a_multi_select_with_nothing_ticked_is_refused_with_a_message() {
    let mut app = app();
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    at(&app, "cauda_equina_screen");
    app.act(Action::Confirm);
    at(&app, "cauda_equina_screen");
    let notice = app.notice.clone().expect("a notice");
    assert!(notice.contains("None of these"), "{notice}");
    app.act(Action::Toggle);
    assert_eq!(app.notice, None, "ticking clears the notice");
}

#[test]
fn ticking_the_bladder_option_shows_the_emergency_interrupt_then_the_result() {
    let mut app = app();
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    at(&app, "cauda_equina_screen");
    app.answer(&["bladder_difficulty"]);
    let Screen::RedFlag(f) = app.screen else {
        panic!("expected the red-flag interrupt, got {:?}", app.screen);
    };
    assert_eq!(app.bank.red_flags[f].id, "ces_bladder");
    assert!(matches!(app.session.walk.end, End::Stopped(_)));
    let u = app.bank.red_flags[f].urgency;
    assert_eq!(app.bank.vocab.urgency_id(u), "emergency");
    assert_eq!(app.bank.ui("headline.emergency"), "EMERGENCY");

    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
    let outcome = app.session.outcome.as_ref().expect("an outcome");
    assert_eq!(app.bank.vocab.urgency_id(outcome.urgency), "emergency");
    assert_eq!(outcome.stopped_by, Some(f));
}

#[test]
fn back_from_the_interrupt_allows_a_mistaken_tick_to_be_undone() {
    let mut app = app();
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    app.answer(&["saddle"]);
    assert!(matches!(app.screen, Screen::RedFlag(_)));
    app.act(Action::Back);
    at(&app, "cauda_equina_screen");
    assert_eq!(app.draft, vec![opt(&app, "cauda_equina_screen", "saddle")]);
    app.answer(&["none"]);
    at(&app, "onset");
    assert!(app.session.walk.fired.is_empty());
    assert!(app.session.seen_flags.is_empty());
}

#[test]
fn the_review_lists_every_answer_and_enter_on_one_opens_it_for_editing() {
    let mut app = app();
    app.walk_to_review();
    assert_eq!(app.session.walk.end, End::Result);
    let n = app.session.walk.steps.len();
    assert_eq!(app.review_cursor, n, "See my result is highlighted first");
    app.act(Action::Home);
    assert_eq!(app.review_cursor, 0);
    app.act(Action::Down);
    app.act(Action::Down);
    app.act(Action::Confirm);
    at(&app, "activity");
    // Change it and come straight back to the review.
    app.answer(&["desk_work"]);
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(
        app.session.answers[&q(&app, "activity")],
        vec![opt(&app, "activity", "desk_work")]
    );
    app.act(Action::End);
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
}

#[test]
fn start_again_wipes_every_answer() {
    let mut app = app();
    app.walk_to_review();
    app.act(Action::ShowResult);
    assert_eq!(app.screen, Screen::Result);
    assert!(!app.session.answers.is_empty());
    app.act(Action::StartAgain);
    assert_eq!(app.screen, Screen::Welcome);
    assert!(app.session.answers.is_empty());
    assert!(app.session.walk.steps.is_empty());
    assert!(app.session.outcome.is_none());
    app.act(Action::Confirm);
    at(&app, "age");
    assert!(app.draft.is_empty());
}

#[test]
fn start_again_does_nothing_mid_questionnaire() {
    let mut app = app();
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.act(Action::StartAgain);
    at(&app, "activity");
    assert_eq!(app.session.answers.len(), 2);
}

#[test]
fn the_result_scrolls_within_what_was_drawn() {
    let mut app = app();
    app.walk_to_review();
    app.act(Action::ShowResult);
    let drawn = Drawn {
        result: Rows {
            total: 50,
            view: 10,
            top: 0,
        },
        ..Drawn::default()
    };
    let mut scrolled = |action| {
        update(&mut app.state, action, &drawn);
        app.state.result_scroll
    };
    assert_eq!(scrolled(Action::Down), 1);
    assert_eq!(scrolled(Action::PageDown), 10);
    assert_eq!(
        scrolled(Action::End),
        40,
        "stops with the last row at the bottom"
    );
    assert_eq!(scrolled(Action::ScrollDown), 40);
    assert_eq!(scrolled(Action::ScrollUp), 37);
    assert_eq!(scrolled(Action::Home), 0);
}

#[test]
fn quitting_asks_first_and_ctrl_c_does_not() {
    let mut app = app();
    app.act(Action::AskQuit);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(!app.should_quit);
    app.act(Action::Dismiss);
    assert_eq!(app.overlay, None);
    app.act(Action::AskQuit);
    app.act(Action::QuitConfirmed);
    assert!(app.should_quit);

    let mut app2 = self::app();
    app2.act(Action::QuitNow);
    assert!(app2.should_quit);
}

#[test]
fn the_help_overlay_swallows_other_actions_until_closed() {
    let mut app = app();
    app.act(Action::ToggleHelp);
    assert_eq!(app.overlay, Some(Overlay::Help));
    app.act(Action::Pick(0));
    app.act(Action::Back);
    assert_eq!(app.screen, Screen::Welcome);
    app.act(Action::ToggleHelp);
    assert_eq!(app.overlay, None);
}

#[test]
fn clicks_hit_what_was_drawn_there() {
    let mut app = app();
    app.act(Action::Confirm);
    let mut drawn = Drawn::default();
    drawn.targets.add(Rect::new(0, 5, 40, 1), Target::Option(2));
    drawn
        .targets
        .add(Rect::new(0, 20, 10, 1), Target::Button(Action::Back));
    let app = &mut app.state;
    update(app, Action::Click { column: 50, row: 5 }, &drawn);
    at(app, "age");
    update(app, Action::Click { column: 3, row: 5 }, &drawn);
    at(app, "sex");
    assert_eq!(app.session.answers[&q(app, "age")], vec![2]);
    update(app, Action::Click { column: 3, row: 20 }, &drawn);
    at(app, "age");
}

#[test]
fn progress_counts_answers_and_narrows_to_the_path() {
    let mut app = app();
    app.act(Action::Confirm);
    let start = app.left();
    assert!(start.fewest < start.most);
    assert_eq!(app.answered_before_current(), 0);
    let mut app = self::app();
    app.walk_to_review();
    app.act(Action::Home);
    app.act(Action::Confirm);
    at(&app, "age");
    let all = app.session.walk.steps.len();
    assert_eq!(app.left().fewest, all, "a finished path is known exactly");
    assert_eq!(app.left().most, all);
}

#[test]
fn the_last_question_has_one_left_and_the_first_has_the_most() {
    let bank = Bank::builtin().unwrap();
    let r = remaining(&bank);
    let last = bank.question_index["general_screen"];
    assert_eq!(r[last], Remaining { fewest: 1, most: 1 });
    let first = r[bank.start];
    assert!(first.fewest > 5, "{first:?}");
    assert!(first.most >= first.fewest);
    // onset branches: sudden adds two questions.
    let onset = r[bank.question_index["onset"]];
    assert!(onset.most - onset.fewest >= 2, "{onset:?}");
}

#[test]
fn the_refusal_names_the_questions_own_way_out_in_the_audiences_words() {
    let mut app = drive(App::new(
        Bank::builtin().unwrap(),
        Audience::Clinician,
        true,
    ));
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    app.act(Action::Confirm);
    let none = opt(&app, "cauda_equina_screen", "none");
    let words = app.bank.questions[app.current].options[none]
        .clinician
        .clone();
    let notice = app.notice.clone().expect("a notice");
    assert!(notice.contains(&format!("\"{words}\"")), "{notice}");
}

#[test]
fn switching_language_on_the_welcome_screen_changes_the_question_wording() {
    let mut app = app();
    let english = app.bank.questions[app.bank.start].patient.clone();
    assert_eq!(app.next_language().as_deref(), Some("es"));
    app.act(Action::SwitchLanguage);
    assert_eq!(app.bank.language, "es");
    assert_eq!(app.next_language().as_deref(), Some("en"));
    app.act(Action::Confirm);
    at(&app, "age");
    assert!(
        app.bank.questions[app.current]
            .patient
            .starts_with("¿Qué edad tiene?")
    );
    // Only on the welcome screen.
    app.act(Action::SwitchLanguage);
    assert_eq!(app.bank.language, "es");
    // Back on it, it switches back; the answer given stays.
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.act(Action::Back);
    app.act(Action::Back);
    app.act(Action::Back);
    assert_eq!(app.screen, Screen::Welcome);
    app.act(Action::SwitchLanguage);
    assert_eq!(app.bank.language, "en");
    assert_eq!(app.bank.questions[app.bank.start].patient, english);
    assert_eq!(app.session.answers.len(), 2);
    app.act(Action::Confirm);
    at(&app, "age");
    assert_eq!(
        app.cursor,
        opt(&app, "age", "18_to_49"),
        "the answer is kept"
    );
}

#[test]
fn an_app_started_in_spanish_switches_to_english() {
    let es = Bank::builtin().unwrap().localized("es").unwrap();
    let mut app = App::new(es, Audience::Patient, true);
    assert_eq!(app.next_language().as_deref(), Some("en"));
    assert_eq!(app.language_name("en"), "English");
    let mut drawn = Drawn::default();
    drawn.targets.add(
        Rect::new(0, 20, 10, 1),
        Target::Button(Action::SwitchLanguage),
    );
    update(&mut app, Action::Click { column: 3, row: 20 }, &drawn);
    assert_eq!(app.bank.language, "en");
    assert_eq!(app.bank.ui("button.start"), "Start (Enter)");
    assert_eq!(app.language_name("es"), "Español");
}

// ------------------------------------------------------------ the keys' table

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn only_key_presses_count() {
    let app = app();
    let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(keys::action(&app, &Event::Key(release)), None);
    assert_eq!(
        keys::action(&app, &press(KeyCode::Enter)),
        Some(Action::Confirm)
    );
}

#[test]
fn numbers_pick_on_a_question_and_ctrl_c_quits_anywhere() {
    let mut app = app();
    assert_eq!(keys::action(&app, &press(KeyCode::Char('3'))), None);
    app.act(Action::Confirm);
    assert_eq!(
        keys::action(&app, &press(KeyCode::Char('3'))),
        Some(Action::Pick(2))
    );
    assert_eq!(keys::action(&app, &press(KeyCode::Char('0'))), None);
    app.act(Action::ToggleHelp);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(keys::action(&app, &ctrl_c), Some(Action::QuitNow));
}

#[test]
fn the_quit_question_takes_y_s_and_n() {
    let mut app = app();
    assert_eq!(
        keys::action(&app, &press(KeyCode::Char('q'))),
        Some(Action::AskQuit)
    );
    assert_eq!(
        keys::action(&app, &press(KeyCode::Esc)),
        Some(Action::AskQuit)
    );
    app.act(Action::AskQuit);
    for (c, a) in [
        ('y', Some(Action::QuitConfirmed)),
        ('s', Some(Action::QuitConfirmed)),
        ('n', Some(Action::Dismiss)),
        ('3', None),
    ] {
        assert_eq!(keys::action(&app, &press(KeyCode::Char(c))), a, "{c}");
    }
}

#[test]
fn back_keys_language_and_start_again_where_they_belong() {
    let mut app = app();
    assert_eq!(
        keys::action(&app, &press(KeyCode::Char('l'))),
        Some(Action::SwitchLanguage)
    );
    app.act(Action::Confirm);
    assert_eq!(keys::action(&app, &press(KeyCode::Char('l'))), None);
    assert_eq!(
        keys::action(&app, &press(KeyCode::Backspace)),
        Some(Action::Back)
    );
    assert_eq!(
        keys::action(&app, &press(KeyCode::Left)),
        Some(Action::Back)
    );
    assert_eq!(keys::action(&app, &press(KeyCode::Char('s'))), None);
    let mut app = self::app();
    app.walk_to_review();
    app.act(Action::ShowResult);
    assert_eq!(
        keys::action(&app, &press(KeyCode::Char('s'))),
        Some(Action::StartAgain)
    );
}

#[test]
fn clicks_and_the_wheel() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let m = |kind| MouseEvent {
        kind,
        column: 4,
        row: 7,
        modifiers: KeyModifiers::NONE,
    };
    let left = MouseEventKind::Down(MouseButton::Left);
    assert_eq!(
        keys::mouse(&m(left)),
        Some(Action::Click { column: 4, row: 7 })
    );
    assert_eq!(keys::mouse(&m(MouseEventKind::Up(MouseButton::Left))), None);
    assert_eq!(
        keys::mouse(&m(MouseEventKind::ScrollDown)),
        Some(Action::ScrollDown)
    );
}

#[test]
fn the_footer_and_the_help_are_read_from_the_keys_table() {
    let mut app = app();
    app.act(Action::Confirm);
    let legend = keys::legend(&app);
    let names: Vec<&str> = legend.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["↑↓", "1-9", "Backspace", "w", "?", "q"]);
    let screen = app.draw();
    assert!(screen.contains("w why  ? help  q quit"), "{screen}");
    let help = keys::described(&app, "help.");
    assert!(
        help.iter()
            .any(|(k, what)| k == "Ctrl-C" && what == "quit at once"),
        "{help:?}"
    );
}

#[test]
fn a_kiosk_allows_no_way_out_no_help_and_no_records() {
    for a in [
        Action::AskQuit,
        Action::QuitConfirmed,
        Action::QuitNow,
        Action::ToggleHelp,
        Action::OpenRecord,
        Action::ShowRecord,
    ] {
        assert!(!keys::kiosk_allows(&a), "{a:?}");
    }
    for a in [
        Action::Confirm,
        Action::Back,
        Action::Pick(3),
        Action::Save,
        Action::ToggleWhy,
    ] {
        assert!(keys::kiosk_allows(&a), "{a:?}");
    }
    let app = app();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keys::key_action(&app, &ctrl_c, true), None);
    assert_eq!(
        keys::key_action(&app, &KeyEvent::from(KeyCode::Esc), true),
        None
    );
    assert_eq!(
        keys::key_action(&app, &KeyEvent::from(KeyCode::Enter), true),
        Some(Action::Confirm)
    );
}

/// The quit question's words in one language and audience: not kept,
/// saved (with the code), kept before a change.
struct QuitWords {
    lang: &'static str,
    audience: Audience,
    not_kept: &'static str,
    saved: &'static str,
    changed: &'static str,
}

const QUIT_WORDS: [QuitWords; 3] = [
    QuitWords {
        lang: "en",
        audience: Audience::Patient,
        not_kept: "Your answers are not kept.",
        saved: "Your answers are saved: reference code {code}.",
        changed: "Record {code} is kept, but your changes since are not.",
    },
    QuitWords {
        lang: "en",
        audience: Audience::Clinician,
        not_kept: "The answers are not kept.",
        saved: "The answers are saved: reference code {code}.",
        changed: "Record {code} is kept; the changes since are not.",
    },
    QuitWords {
        lang: "es",
        audience: Audience::Patient,
        not_kept: "Sus respuestas no se guardan.",
        saved: "Sus respuestas están guardadas: código de referencia {code}.",
        changed: "El registro {code} se conserva, pero sus cambios posteriores no.",
    },
];

/// The quit box's text, on one line (it wraps at any width).
fn quit_text(app: &mut Driver<App>) -> String {
    app.act(Action::AskQuit);
    let s = app.screen(120, 40);
    app.act(Action::Dismiss);
    s.lines()
        .filter_map(|l| l.split('║').nth(1))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_quit_question_says_whether_the_answers_are_saved() {
    for w in &QUIT_WORDS {
        let data = tempfile::tempdir().unwrap();
        let bank = Bank::builtin().unwrap().localized(w.lang).unwrap();
        let mut app = drive(App::new(bank, w.audience, true).with_settings(Settings {
            save_records: true,
            data_dir: Some(data.path().to_path_buf()),
            ..Settings::default()
        }));
        app.walk_to_review();
        let s = quit_text(&mut app);
        assert!(s.contains(w.not_kept), "{} {:?}: {s}", w.lang, w.audience);
        app.act(Action::ShowResult);
        if app.saved_code().is_none() {
            app.act(Action::Save);
        }
        let code = app.saved_code().expect("saved").to_string();
        let s = quit_text(&mut app);
        assert!(s.contains(&w.saved.replace("{code}", &code)), "{s}");
        assert!(!s.contains(w.not_kept), "{s}");
        // A changed answer: the record stays as it was, the change is not
        // kept.
        app.act(Action::Back);
        assert_eq!(app.screen, Screen::Review);
        app.act(Action::Home);
        app.act(Action::Confirm);
        app.answer(&["50_to_64"]);
        assert_ne!(app.saved_code(), Some(code.as_str()));
        let s = quit_text(&mut app);
        assert!(s.contains(&w.changed.replace("{code}", &code)), "{s}");
    }
}
