//! `update` driven the way a student drives it: actions in, state out; and
//! the keys that produce the actions.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;
use crate::practice::built_in;

fn app_with(case: &str) -> PracticeApp {
    let bank = Bank::builtin().unwrap();
    let (cases, bad) = built_in(&bank.vocab);
    assert!(bad.is_empty(), "{bad:?}");
    let case = cases
        .into_iter()
        .find(|c| c.id() == case)
        .unwrap_or_else(|| panic!("no case {case}"));
    PracticeApp::new(bank, case, true)
}

fn app() -> PracticeApp {
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

/// Highlights a question with the keys and asks it.
fn ask(app: &mut PracticeApp, id: &str) {
    let target = askable_of(app, id);
    update(app, Action::Home);
    while app.cursor != target {
        let before = app.cursor;
        update(app, Action::Down);
        assert_ne!(app.cursor, before, "{id} is not reachable in the list");
    }
    update(app, Action::Confirm);
}

fn type_text(app: &mut PracticeApp, text: &str) {
    for c in text.chars() {
        update(app, Action::Edit(InputRequest::InsertChar(c)));
    }
}

/// Highlights a diagnosis and picks (or unpicks) it.
fn pick(app: &mut PracticeApp, id: &str) {
    app.diagnosis_cursor = diagnosis(app, id);
    update(app, Action::Confirm);
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
    ask(&mut app, "onset");
    assert_eq!(app.interview.asked.len(), 1);
    let asked = &app.interview.asked[0];
    assert_eq!(app.bank.questions[asked.question].id, "onset");
    assert!(asked.reply.contains("Gradually"), "{}", asked.reply);
    assert_eq!(app.focus, Some(0));
    assert_eq!(app.transcript_scroll, None);
    assert!(app.notice.is_none());

    ask(&mut app, "cauda_equina_screen");
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
    ask(&mut app, "onset");
    ask(&mut app, "duration");
    ask(&mut app, "onset");
    assert_eq!(app.interview.asked.len(), 2);
    assert_eq!(app.focus, Some(0));
    assert_eq!(
        app.notice.as_deref(),
        Some(app.bank.ui("practice.already_asked"))
    );
    // The next action clears the notice.
    update(&mut app, Action::Down);
    assert!(app.notice.is_none());
}

#[test]
fn the_search_filters_the_questions_and_keeps_the_highlight_on_one_shown() {
    let mut app = app();
    update(&mut app, Action::Search);
    assert!(app.searching);
    type_text(&mut app, "BLADDER");
    let shown = app.visible();
    assert_eq!(shown, vec![askable_of(&app, "cauda_equina_screen")]);
    assert_eq!(app.cursor, shown[0]);
    // Enter asks the one found and stops the typing, keeping the filter.
    update(&mut app, Action::Confirm);
    assert!(!app.searching);
    assert_eq!(app.interview.asked.len(), 1);
    assert_eq!(app.search.value(), "BLADDER");

    // Every word must match; a theme's name matches its questions.
    update(&mut app, Action::Search);
    assert_eq!(app.search.value(), "", "/ starts a new search");
    type_text(&mut app, "red flags");
    let shown = app.visible();
    assert!(shown.len() >= 2, "{shown:?}");
    assert!(shown.iter().all(|&i| app.askable[i].theme == "red_flags"));
    type_text(&mut app, " zzz");
    assert!(app.visible().is_empty());
    update(&mut app, Action::Confirm);
    assert_eq!(app.interview.asked.len(), 1, "nothing to ask");
    update(&mut app, Action::ClearSearch);
    assert_eq!(app.visible().len(), app.askable.len());
    assert!(!app.searching);
}

#[test]
fn the_search_ignores_accents_and_case() {
    let bank = Bank::builtin().unwrap().localized("es").unwrap();
    let (cases, _) = built_in(&bank.vocab);
    let case = cases.into_iter().next().unwrap();
    let mut app = PracticeApp::new(bank, case, true);
    update(&mut app, Action::Search);
    type_text(&mut app, "INTESTINAL");
    let accented = app.visible();
    assert_eq!(accented.len(), 1, "{accented:?}");
    update(&mut app, Action::Search);
    type_text(&mut app, "intestínal");
    assert_eq!(app.visible(), accented);
}

#[test]
fn editing_the_search_deletes_and_moves_within_the_text() {
    let mut app = app();
    update(&mut app, Action::Search);
    type_text(&mut app, "xpaqq");
    update(&mut app, Action::Edit(InputRequest::GoToStart));
    update(&mut app, Action::Edit(InputRequest::DeleteNextChar));
    update(&mut app, Action::Edit(InputRequest::GoToEnd));
    update(&mut app, Action::Edit(InputRequest::DeletePrevChar));
    update(&mut app, Action::Edit(InputRequest::DeletePrevChar));
    type_text(&mut app, "in");
    assert_eq!(app.search.value(), "pain");
    // Editing does nothing when the box is not taking the typing.
    update(&mut app, Action::KeepSearch);
    update(&mut app, Action::Edit(InputRequest::InsertChar('x')));
    assert_eq!(app.search.value(), "pain");
}

#[test]
fn the_highlight_moves_over_the_shown_questions_only() {
    let mut app = app();
    update(&mut app, Action::Search);
    type_text(&mut app, "injury");
    let shown = app.visible();
    assert!(shown.len() >= 2, "{shown:?}");
    assert!(shown.len() < app.bank.questions.len(), "{shown:?}");
    let last = *shown.last().unwrap();
    update(&mut app, Action::Home);
    assert_eq!(app.cursor, shown[0]);
    update(&mut app, Action::Down);
    assert_eq!(app.cursor, shown[1]);
    update(&mut app, Action::Up);
    assert_eq!(app.cursor, shown[0]);
    update(&mut app, Action::End);
    assert_eq!(app.cursor, last);
    update(&mut app, Action::Down);
    assert_eq!(app.cursor, last, "stays on the last shown");
}

#[test]
fn the_differential_holds_three_in_the_order_picked_and_reorders() {
    let mut app = app();
    ask(&mut app, "onset");
    update(&mut app, Action::Next);
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    // Nothing picked: cannot go on.
    update(&mut app, Action::Next);
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
        pick(&mut app, id);
    }
    let want: Vec<usize> = ids.iter().map(|id| diagnosis(&app, id)).collect();
    assert_eq!(app.differential, want);
    // A fourth is refused.
    pick(&mut app, "myofascial_pain");
    assert_eq!(app.differential, want);
    assert_eq!(
        app.notice.as_deref(),
        Some(app.bank.ui("practice.three_picked"))
    );
    // Unpicking closes the gap.
    pick(&mut app, "hamstring_strain");
    assert_eq!(app.differential, want[1..].to_vec());
    pick(&mut app, "hamstring_strain");
    assert_eq!(app.differential, vec![want[1], want[2], want[0]]);
    // Raise the highlighted pick to the top; lower stops at the bottom.
    app.diagnosis_cursor = want[0];
    update(&mut app, Action::Raise);
    update(&mut app, Action::Raise);
    update(&mut app, Action::Raise);
    assert_eq!(app.differential, vec![want[0], want[1], want[2]]);
    app.diagnosis_cursor = want[1];
    update(&mut app, Action::Lower);
    update(&mut app, Action::Lower);
    assert_eq!(app.differential, vec![want[0], want[2], want[1]]);
    // Raising a diagnosis not picked changes nothing.
    app.diagnosis_cursor = diagnosis(&app, "dvt");
    update(&mut app, Action::Raise);
    assert_eq!(app.differential, vec![want[0], want[2], want[1]]);
}

#[test]
fn back_from_the_commit_returns_to_the_interview_with_everything_kept() {
    let mut app = app();
    ask(&mut app, "onset");
    update(&mut app, Action::Next);
    pick(&mut app, "hamstring_tendinopathy");
    update(&mut app, Action::Next);
    assert_eq!(app.screen, Screen::Commit(Step::Urgency));
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Commit(Step::Differential));
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Interview);
    ask(&mut app, "duration");
    assert_eq!(app.interview.asked.len(), 2);
    update(&mut app, Action::Next);
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
        ask(&mut app, id);
    }
    update(&mut app, Action::Next);
    pick(&mut app, "hamstring_tendinopathy");
    pick(&mut app, "ischial_bursitis");
    update(&mut app, Action::Next);
    // Highlight self-care with the keys, then submit.
    let want = level(&app, "self_care");
    update(&mut app, Action::Home);
    for _ in 0..want {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.level_cursor, Some(want));
    update(&mut app, Action::Confirm);
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
    update(&mut app, Action::Back);
    update(&mut app, Action::Next);
    assert_eq!(app.screen, Screen::Feedback);
}

#[test]
fn skipping_the_cauda_equina_screen_is_a_serious_miss_in_the_feedback() {
    let mut app = app();
    ask(&mut app, "onset");
    update(&mut app, Action::Next);
    pick(&mut app, "hamstring_tendinopathy");
    update(&mut app, Action::Next);
    app.level_cursor = Some(level(&app, "self_care"));
    update(&mut app, Action::Confirm);
    let f = app.feedback().unwrap();
    assert!(f.missed_red_flags[0].serious);
}

#[test]
fn the_feedback_scrolls_within_what_was_drawn() {
    let mut app = app();
    update(&mut app, Action::Next);
    pick(&mut app, "dvt");
    update(&mut app, Action::Next);
    update(&mut app, Action::Down);
    update(&mut app, Action::Confirm);
    assert_eq!(app.screen, Screen::Feedback);
    app.drawn.feedback.set(Rows {
        total: 50,
        view: 20,
        top: 0,
    });
    update(&mut app, Action::Down);
    assert_eq!(app.feedback_scroll, 1);
    update(&mut app, Action::PageDown);
    assert_eq!(app.feedback_scroll, 20);
    update(&mut app, Action::End);
    assert_eq!(app.feedback_scroll, 30);
    update(&mut app, Action::ScrollUp { column: 0, row: 5 });
    assert_eq!(app.feedback_scroll, 27);
    update(&mut app, Action::Home);
    assert_eq!(app.feedback_scroll, 0);
    update(&mut app, Action::Up);
    assert_eq!(app.feedback_scroll, 0);
}

#[test]
fn the_transcript_follows_the_latest_reply_until_scrolled() {
    let mut app = app();
    ask(&mut app, "onset");
    ask(&mut app, "duration");
    app.drawn.transcript_area.set(Rect::new(40, 5, 40, 10));
    app.drawn.transcript.set(Rows {
        total: 30,
        view: 10,
        top: 20,
    });
    update(&mut app, Action::PageUp);
    assert_eq!(app.transcript_scroll, Some(11));
    // The wheel over the transcript scrolls it; elsewhere it moves the
    // highlight.
    update(&mut app, Action::ScrollUp { column: 50, row: 8 });
    assert_eq!(app.transcript_scroll, Some(8));
    let cursor = app.cursor;
    update(&mut app, Action::ScrollDown { column: 5, row: 8 });
    assert_ne!(app.cursor, cursor);
    assert_eq!(app.transcript_scroll, Some(8));
    // Asking again follows the new reply.
    ask(&mut app, "location");
    assert_eq!(app.transcript_scroll, None);
    assert_eq!(app.focus, Some(2));
}

#[test]
fn clicks_ask_questions_pick_diagnoses_and_press_buttons() {
    let mut app = app();
    let q = askable_of(&app, "duration");
    app.drawn
        .target(Rect::new(0, 10, 30, 2), Target::Question(q));
    app.drawn
        .target(Rect::new(60, 4, 10, 1), Target::Button(Button::Diagnose));
    update(&mut app, Action::Click { column: 3, row: 11 });
    assert_eq!(app.interview.asked.len(), 1);
    assert_eq!(app.cursor, q);
    // A click where nothing was drawn does nothing.
    update(&mut app, Action::Click { column: 3, row: 20 });
    assert_eq!(app.interview.asked.len(), 1);
    update(&mut app, Action::Click { column: 61, row: 4 });
    assert_eq!(app.screen, Screen::Commit(Step::Differential));

    // Targets are those of the last frame.
    app.drawn.clear();
    let d = diagnosis(&app, "hamstring_tendinopathy");
    app.drawn
        .target(Rect::new(0, 8, 60, 1), Target::Diagnosis(d));
    update(&mut app, Action::Click { column: 2, row: 8 });
    assert_eq!(app.differential, vec![d]);
    // Clicking the same diagnosis again unpicks it.
    update(&mut app, Action::Click { column: 2, row: 8 });
    assert!(app.differential.is_empty());
}

#[test]
fn quitting_asks_first_and_ctrl_c_quits_at_once() {
    let mut app = app();
    update(&mut app, Action::AskQuit);
    assert!(app.confirm_quit);
    // While asking, other actions do nothing.
    update(&mut app, Action::Next);
    assert_eq!(app.screen, Screen::Interview);
    update(&mut app, Action::Dismiss);
    assert!(!app.confirm_quit);
    assert!(!app.should_quit);
    update(&mut app, Action::AskQuit);
    update(&mut app, Action::QuitConfirmed);
    assert!(app.should_quit);

    let mut app = self::app();
    update(&mut app, Action::QuitNow);
    assert!(app.should_quit);

    // Only the box's buttons take clicks while it shows.
    let mut app = self::app();
    let q = askable_of(&app, "onset");
    app.drawn
        .target(Rect::new(0, 10, 30, 1), Target::Question(q));
    update(&mut app, Action::AskQuit);
    update(&mut app, Action::Click { column: 1, row: 10 });
    assert!(app.interview.asked.is_empty());
    app.drawn
        .target(Rect::new(20, 12, 10, 1), Target::Button(Button::QuitYes));
    update(
        &mut app,
        Action::Click {
            column: 21,
            row: 12,
        },
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
    update(&mut app, Action::Search);
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
    update(&mut app, Action::KeepSearch);
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
    update(&mut app, Action::Next);
    assert_eq!(press(&app, KeyCode::Char(' ')), Some(Action::Confirm));
    assert_eq!(press(&app, KeyCode::Char('+')), Some(Action::Raise));
    assert_eq!(press(&app, KeyCode::Char('-')), Some(Action::Lower));
    assert_eq!(press(&app, KeyCode::Char('c')), Some(Action::Next));
    assert_eq!(press(&app, KeyCode::Backspace), Some(Action::Back));
    assert_eq!(press(&app, KeyCode::Char('/')), None);
    pick(&mut app, "dvt");
    update(&mut app, Action::Next);
    assert_eq!(press(&app, KeyCode::Enter), Some(Action::Confirm));
    assert_eq!(press(&app, KeyCode::Left), Some(Action::Back));
    update(&mut app, Action::AskQuit);
    assert_eq!(press(&app, KeyCode::Char('s')), Some(Action::QuitConfirmed));
    assert_eq!(press(&app, KeyCode::Char('n')), Some(Action::Dismiss));
}
