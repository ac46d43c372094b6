//! The practice app's `update` driven the way a student drives it: actions
//! in (through the loop's `Driver`), state out; `update` given a `Drawn` by
//! hand; and the keys that produce the actions.

use hamstring_triage::app::Rows;
use hamstring_triage::app::keys::practice as keys;
use hamstring_triage::app::practice::{Action, Drawn, PracticeApp, Screen, Step, Target, update};
use hamstring_triage::bank::Bank;
use hamstring_triage::practice::built_in;
use hamstring_triage::terminal::Io;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use tui_input::InputRequest;

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, practice_case};

fn app_with(case: &str) -> Driver<PracticeApp> {
    practice_case(Bank::builtin().unwrap(), case, true)
}

fn app() -> Driver<PracticeApp> {
    app_with("gym-class-ten-days")
}

/// The index in `askable` of the question with this bank id.
fn askable_of(app: &PracticeApp, id: &str) -> usize {
    app.askable
        .iter()
        .position(|a| app.bank.questions[a.question].id == id)
        .unwrap_or_else(|| panic!("no askable question {id}"))
}

fn diagnosis(app: &PracticeApp, id: &str) -> usize {
    app.bank.diagnosis_index(id).unwrap()
}

fn level(app: &PracticeApp, id: &str) -> usize {
    let u = app.bank.vocab.urgency(id).unwrap();
    app.levels().iter().position(|&l| l == u).unwrap()
}

fn type_text(app: &mut Driver<PracticeApp>, text: &str) {
    for c in text.chars() {
        app.act(Action::Edit(InputRequest::InsertChar(c)));
    }
}

fn press(app: &PracticeApp, code: KeyCode) -> Option<Action> {
    keys::action(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn it_starts_on_the_interview_with_every_question_and_nothing_asked() {
    let app = app();
    assert_eq!(app.screen, Screen::Interview);
    assert!(app.interview.asked.is_empty());
    assert_eq!(app.visible().len(), app.askable.len());
    assert!(app.askable.len() > 10);
    assert!(app.feedback().is_none());
}

#[test]
fn asking_a_question_gets_the_patients_reply_and_keeps_it_in_view() {
    let mut app = app();
    app.ask("onset");
    assert_eq!(app.interview.asked.len(), 1);
    let asked = &app.interview.asked[0];
    assert_eq!(app.bank.questions[asked.question].id, "onset");
    assert!(asked.reply.contains("Gradually"), "{}", asked.reply);
    assert_eq!(app.focus, Some(0));
    assert_eq!(app.transcript_scroll, None);
    assert!(app.notice.is_none());

    app.ask("cauda_equina_screen");
    assert_eq!(app.interview.asked.len(), 2);
    assert_eq!(app.focus, Some(1));
    assert_eq!(
        app.interview.asked[1].reply,
        app.bank.ui("practice.reply_none")
    );
}

#[test]
fn asking_again_adds_nothing_and_points_at_the_earlier_reply() {
    let mut app = app();
    app.ask("onset");
    app.ask("duration");
    app.ask("onset");
    assert_eq!(app.interview.asked.len(), 2);
    assert_eq!(app.focus, Some(0));
    assert_eq!(
        app.notice.as_deref(),
        Some(app.bank.ui("practice.already_asked"))
    );
    // The next action clears the notice.
    app.act(Action::Down);
    assert!(app.notice.is_none());
}

#[test]
fn the_search_filters_the_questions_and_keeps_the_highlight_on_one_shown() {
    let mut app = app();
    app.act(Action::Search);
    assert!(app.searching);
    type_text(&mut app, "BLADDER");
    let shown = app.visible();
    assert_eq!(shown, vec![askable_of(&app, "cauda_equina_screen")]);
    assert_eq!(app.cursor, shown[0]);
    // Enter asks the one found and stops the typing, keeping the filter.
    app.act(Action::Confirm);
    assert!(!app.searching);
    assert_eq!(app.interview.asked.len(), 1);
    assert_eq!(app.search.value(), "BLADDER");

    // Every word must match; a theme's name matches its questions.
    app.act(Action::Search);
    assert_eq!(app.search.value(), "", "/ starts a new search");
    type_text(&mut app, "red flags");
    let shown = app.visible();
    assert!(shown.len() >= 2, "{shown:?}");
    assert!(shown.iter().all(|&i| app.askable[i].theme == "red_flags"));
    type_text(&mut app, " zzz");
    assert!(app.visible().is_empty());
    app.act(Action::Confirm);
    assert_eq!(app.interview.asked.len(), 1, "nothing to ask");
    app.act(Action::ClearSearch);
    assert_eq!(app.visible().len(), app.askable.len());
    assert!(!app.searching);
}

#[test]
fn the_search_ignores_accents_and_case() {
    let bank = Bank::builtin().unwrap().localized("es").unwrap();
    let (cases, _) = built_in(&bank.vocab);
    let case = cases.into_iter().next().unwrap();
    let mut app = Driver::new(PracticeApp::new(bank, case, true), Io::default());
    app.act(Action::Search);
    type_text(&mut app, "INTESTINAL");
    let accented = app.visible();
    assert_eq!(accented.len(), 1, "{accented:?}");
    app.act(Action::Search);
    type_text(&mut app, "intestínal");
    assert_eq!(app.visible(), accented);
}

#[test]
fn editing_the_search_deletes_and_moves_within_the_text() {
    let mut app = app();
    app.act(Action::Search);
    type_text(&mut app, "xpaqq");
    app.act(Action::Edit(InputRequest::GoToStart));
    app.act(Action::Edit(InputRequest::DeleteNextChar));
    app.act(Action::Edit(InputRequest::GoToEnd));
    app.act(Action::Edit(InputRequest::DeletePrevChar));
    app.act(Action::Edit(InputRequest::DeletePrevChar));
    type_text(&mut app, "in");
    assert_eq!(app.search.value(), "pain");
    // Editing does nothing when the box is not taking the typing.
    app.act(Action::KeepSearch);
    app.act(Action::Edit(InputRequest::InsertChar('x')));
    assert_eq!(app.search.value(), "pain");
}

#[test]
fn the_highlight_moves_over_the_shown_questions_only() {
    let mut app = app();
    app.act(Action::Search);
    type_text(&mut app, "injury");
    let shown = app.visible();
    assert!(shown.len() >= 2, "{shown:?}");
    assert!(shown.len() < app.bank.questions.len(), "{shown:?}");
    let last = *shown.last().unwrap();
    app.act(Action::Home);
    assert_eq!(app.cursor, shown[0]);
    app.act(Action::Down);
    assert_eq!(app.cursor, shown[1]);
    app.act(Action::Up);
    assert_eq!(app.cursor, shown[0]);
    app.act(Action::End);
    assert_eq!(app.cursor, last);
    app.act(Action::Down);
    assert_eq!(app.cursor, last, "stays on the last shown");
}

#[test]
fn the_differential_holds_three_in_the_order_picked_and_reorders() {
    let mut app = app();
    app.ask("onset");
    app.act(Action::Next);
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    // Nothing picked: cannot go on.
    app.act(Action::Next);
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    assert_eq!(
        app.notice.as_deref(),
        Some(app.bank.ui("practice.pick_first"))
    );

    let ids = [
        "hamstring_strain",
        "hamstring_tendinopathy",
        "ischial_bursitis",
    ];
    for id in ids {
        app.pick(id);
    }
    let want: Vec<usize> = ids.iter().map(|id| diagnosis(&app, id)).collect();
    assert_eq!(app.differential, want);
    // A fourth is refused.
    app.pick("myofascial_pain");
    assert_eq!(app.differential, want);
    assert_eq!(
        app.notice.as_deref(),
        Some(app.bank.ui("practice.three_picked"))
    );
    // Unpicking closes the gap.
    app.pick("hamstring_strain");
    assert_eq!(app.differential, want[1..].to_vec());
    app.pick("hamstring_strain");
    assert_eq!(app.differential, vec![want[1], want[2], want[0]]);
    // Raise the highlighted pick to the top; lower stops at the bottom.
    app.diagnosis_cursor = want[0];
    app.act(Action::Raise);
    app.act(Action::Raise);
    app.act(Action::Raise);
    assert_eq!(app.differential, vec![want[0], want[1], want[2]]);
    app.diagnosis_cursor = want[1];
    app.act(Action::Lower);
    app.act(Action::Lower);
    assert_eq!(app.differential, vec![want[0], want[2], want[1]]);
    // Raising a diagnosis not picked changes nothing.
    app.diagnosis_cursor = diagnosis(&app, "dvt");
    app.act(Action::Raise);
    assert_eq!(app.differential, vec![want[0], want[2], want[1]]);
}

#[test]
fn back_from_the_commit_returns_to_the_interview_with_everything_kept() {
    let mut app = app();
    app.ask("onset");
    app.act(Action::Next);
    app.pick("hamstring_tendinopathy");
    app.act(Action::Next);
    assert_eq!(app.screen, Screen::Commit(Step::Urgency));
    app.act(Action::Back);
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    app.act(Action::Back);
    assert_eq!(app.screen, Screen::Interview);
    app.ask("duration");
    assert_eq!(app.interview.asked.len(), 2);
    app.act(Action::Next);
    assert_eq!(
        app.differential,
        vec![diagnosis(&app, "hamstring_tendinopathy")]
    );
}

#[test]
fn submitting_an_urgency_judges_the_answer_and_shows_the_feedback() {
    let mut app = app();
    let result = app.result();
    // The emergency screens: the cauda equina screen is its question and
    // the weakness of both legs; a fall needs the age and the mechanism; a
    // fever or an infection risk, the history and the general screen.
    for id in [
        "age",
        "onset",
        "mechanism",
        "duration",
        "location",
        "cauda_equina_screen",
        "other_symptoms",
        "history",
        "general_screen",
    ] {
        app.ask(id);
    }
    app.act(Action::Next);
    app.pick("hamstring_tendinopathy");
    app.pick("ischial_bursitis");
    app.act(Action::Next);
    // Highlight self-care with the keys, then submit.
    let want = level(&app, "self_care");
    app.act(Action::Home);
    for _ in 0..want {
        app.act(Action::Down);
    }
    assert_eq!(app.level_cursor, Some(want));
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Feedback);
    let f = app.feedback().expect("feedback");
    assert!(f.correct(), "{f:?}");
    assert_eq!(f.asked, 9);
    assert_eq!(f.urgency, f.expected_urgency);
    assert!(
        f.missed_red_flags.iter().all(|m| !m.serious),
        "the cauda equina screen was asked"
    );
    assert_eq!(
        f.differential,
        vec![
            diagnosis(&app, "hamstring_tendinopathy"),
            diagnosis(&app, "ischial_bursitis")
        ]
    );
    // The handle given out before sees the same feedback.
    assert_eq!(result.get(), Some(f));
    // The feedback is final: back and next do nothing.
    app.act(Action::Back);
    app.act(Action::Next);
    assert_eq!(app.screen, Screen::Feedback);
}

#[test]
fn skipping_the_cauda_equina_screen_is_a_serious_miss_in_the_feedback() {
    let mut app = app();
    app.ask("onset");
    app.act(Action::Next);
    app.pick("hamstring_tendinopathy");
    app.act(Action::Next);
    app.level_cursor = Some(level(&app, "self_care"));
    app.act(Action::Confirm);
    let f = app.feedback().unwrap();
    assert!(f.missed_red_flags[0].serious);
}

#[test]
fn the_feedback_scrolls_within_what_was_drawn() {
    let mut app = app();
    app.act(Action::Next);
    app.pick("dvt");
    app.act(Action::Next);
    app.act(Action::Down);
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Feedback);
    let drawn = Drawn {
        feedback: Rows {
            total: 50,
            view: 20,
            top: 0,
        },
        ..Drawn::default()
    };
    let mut scrolled = |action| {
        update(&mut app.state, action, &drawn);
        app.state.feedback_scroll
    };
    assert_eq!(scrolled(Action::Down), 1);
    assert_eq!(scrolled(Action::PageDown), 20);
    assert_eq!(scrolled(Action::End), 30);
    assert_eq!(scrolled(Action::ScrollUp { column: 0, row: 5 }), 27);
    assert_eq!(scrolled(Action::Home), 0);
    assert_eq!(scrolled(Action::Up), 0);
}

#[test]
fn the_transcript_follows_the_latest_reply_until_scrolled() {
    let mut app = app();
    app.ask("onset");
    app.ask("duration");
    let drawn = Drawn {
        transcript_area: Rect::new(40, 5, 40, 10),
        transcript: Rows {
            total: 30,
            view: 10,
            top: 20,
        },
        ..Drawn::default()
    };
    update(&mut app.state, Action::PageUp, &drawn);
    assert_eq!(app.transcript_scroll, Some(11));
    // The wheel over the transcript scrolls it; elsewhere it moves the
    // highlight.
    update(
        &mut app.state,
        Action::ScrollUp { column: 50, row: 8 },
        &drawn,
    );
    assert_eq!(app.transcript_scroll, Some(8));
    let cursor = app.cursor;
    update(
        &mut app.state,
        Action::ScrollDown { column: 5, row: 8 },
        &drawn,
    );
    assert_ne!(app.cursor, cursor);
    assert_eq!(app.transcript_scroll, Some(8));
    // Asking again follows the new reply.
    app.ask("location");
    assert_eq!(app.transcript_scroll, None);
    assert_eq!(app.focus, Some(2));
}

#[test]
fn clicks_ask_questions_pick_diagnoses_and_press_buttons() {
    let mut app = app();
    let q = askable_of(&app, "duration");
    let mut drawn = Drawn::default();
    drawn
        .targets
        .add(Rect::new(0, 10, 30, 2), Target::Question(q));
    drawn
        .targets
        .add(Rect::new(60, 4, 10, 1), Target::Button(Action::Next));
    let app = &mut app.state;
    let click = |column, row| Action::Click { column, row };
    update(app, click(3, 11), &drawn);
    assert_eq!(app.interview.asked.len(), 1);
    assert_eq!(app.cursor, q);
    // A click where nothing was drawn does nothing.
    update(app, click(3, 20), &drawn);
    assert_eq!(app.interview.asked.len(), 1);
    update(app, click(61, 4), &drawn);
    assert_eq!(app.screen, Screen::Commit(Step::Differential));

    // Targets are those of the frame given.
    let d = app.bank.diagnosis_index("hamstring_tendinopathy").unwrap();
    let mut drawn = Drawn::default();
    drawn
        .targets
        .add(Rect::new(0, 8, 60, 1), Target::Diagnosis(d));
    update(app, click(2, 8), &drawn);
    assert_eq!(app.differential, vec![d]);
    // Clicking the same diagnosis again unpicks it.
    update(app, click(2, 8), &drawn);
    assert!(app.differential.is_empty());
}

#[test]
fn quitting_asks_first_and_ctrl_c_quits_at_once() {
    let mut app = app();
    app.act(Action::AskQuit);
    assert!(app.confirm_quit);
    // While asking, other actions do nothing.
    app.act(Action::Next);
    assert_eq!(app.screen, Screen::Interview);
    app.act(Action::Dismiss);
    assert!(!app.confirm_quit);
    assert!(!app.should_quit);
    app.act(Action::AskQuit);
    app.act(Action::QuitConfirmed);
    assert!(app.should_quit);

    let mut app = self::app();
    app.act(Action::QuitNow);
    assert!(app.should_quit);

    // Only the box's buttons take clicks while it shows.
    let mut app = self::app();
    let q = askable_of(&app, "onset");
    let mut drawn = Drawn::default();
    drawn
        .targets
        .add(Rect::new(0, 10, 30, 1), Target::Question(q));
    drawn.targets.add(
        Rect::new(20, 12, 10, 1),
        Target::Button(Action::QuitConfirmed),
    );
    let app = &mut app.state;
    update(app, Action::AskQuit, &drawn);
    update(app, Action::Click { column: 1, row: 10 }, &drawn);
    assert!(app.interview.asked.is_empty());
    update(
        app,
        Action::Click {
            column: 21,
            row: 12,
        },
        &drawn,
    );
    assert!(app.should_quit);
}

#[test]
fn keys_mean_commands_until_the_search_box_takes_the_typing() {
    let mut app = app();
    assert_eq!(press(&app, KeyCode::Char('q')), Some(Action::AskQuit));
    assert_eq!(press(&app, KeyCode::Esc), Some(Action::AskQuit));
    assert_eq!(press(&app, KeyCode::Char('c')), Some(Action::Next));
    assert_eq!(press(&app, KeyCode::Enter), Some(Action::Confirm));
    assert_eq!(press(&app, KeyCode::Char('/')), Some(Action::Search));
    app.act(Action::Search);
    assert_eq!(
        press(&app, KeyCode::Char('q')),
        Some(Action::Edit(InputRequest::InsertChar('q')))
    );
    assert_eq!(
        press(&app, KeyCode::Char('c')),
        Some(Action::Edit(InputRequest::InsertChar('c')))
    );
    assert_eq!(
        press(&app, KeyCode::Backspace),
        Some(Action::Edit(InputRequest::DeletePrevChar))
    );
    assert_eq!(press(&app, KeyCode::Down), Some(Action::Down));
    assert_eq!(press(&app, KeyCode::Enter), Some(Action::Confirm));
    assert_eq!(press(&app, KeyCode::Tab), Some(Action::KeepSearch));
    assert_eq!(press(&app, KeyCode::Esc), Some(Action::ClearSearch));
    // Ctrl-C quits whatever is showing.
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(keys::action(&app, &ctrl_c), Some(Action::QuitNow));
    // A filter left in place: Esc clears it before it asks to quit.
    type_text(&mut app, "pain");
    app.act(Action::KeepSearch);
    assert_eq!(press(&app, KeyCode::Esc), Some(Action::ClearSearch));
}

#[test]
fn only_key_presses_count() {
    let app = app();
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(keys::action(&app, &Event::Key(release)), None);
}

#[test]
fn the_commit_screens_have_their_own_keys() {
    let mut app = app();
    app.act(Action::Next);
    assert_eq!(press(&app, KeyCode::Char(' ')), Some(Action::Confirm));
    assert_eq!(press(&app, KeyCode::Char('+')), Some(Action::Raise));
    assert_eq!(press(&app, KeyCode::Char('-')), Some(Action::Lower));
    assert_eq!(press(&app, KeyCode::Char('c')), Some(Action::Next));
    assert_eq!(press(&app, KeyCode::Backspace), Some(Action::Back));
    assert_eq!(press(&app, KeyCode::Char('/')), None);
    app.pick("dvt");
    app.act(Action::Next);
    assert_eq!(press(&app, KeyCode::Enter), Some(Action::Confirm));
    assert_eq!(press(&app, KeyCode::Left), Some(Action::Back));
    app.act(Action::AskQuit);
    assert_eq!(press(&app, KeyCode::Char('s')), Some(Action::QuitConfirmed));
    assert_eq!(press(&app, KeyCode::Char('n')), Some(Action::Dismiss));
}
