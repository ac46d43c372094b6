//! `update` driven the way a person drives it: actions in, state out.

use super::*;
use crate::bank::Bank;
use crate::engine::End;

fn app() -> App {
    App::new(Bank::builtin().unwrap(), Audience::Patient, true)
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

/// Answers the current question with the options of these ids and confirms.
#[track_caller]
fn answer(app: &mut App, ids: &[&str]) {
    assert_eq!(app.screen, Screen::Question, "not on a question");
    let id = app.bank.questions[app.current].id.clone();
    if app.current_is_multi() {
        // Clear whatever is preselected first.
        for o in app.draft.clone() {
            update(app, Action::Pick(o));
        }
        for i in ids {
            update(app, Action::Pick(opt(app, &id, i)));
        }
        update(app, Action::Confirm);
    } else {
        assert_eq!(ids.len(), 1);
        update(app, Action::Pick(opt(app, &id, ids[0])));
    }
}

#[track_caller]
fn at(app: &App, id: &str) {
    assert_eq!(app.screen, Screen::Question, "expected question {id}");
    assert_eq!(app.bank.questions[app.current].id, id);
}

/// Starts and answers up to (not including) `location`.
fn to_location(app: &mut App) {
    update(app, Action::Confirm);
    answer(app, &["18_to_49"]);
    answer(app, &["not_said"]);
    answer(app, &["running"]);
    answer(app, &["none"]);
    answer(app, &["gradual"]);
    answer(app, &["6_weeks_to_6_months"]);
    at(app, "location");
}

#[test]
fn enter_on_welcome_opens_the_first_question_and_arrows_move_within_bounds() {
    let mut app = app();
    assert_eq!(app.screen, Screen::Welcome);
    update(&mut app, Action::Confirm);
    at(&app, "age");
    assert_eq!(app.cursor, 0);
    update(&mut app, Action::Up);
    assert_eq!(app.cursor, 0, "the cursor stops at the top");
    let last = app.bank.questions[q(&app, "age")].options.len() - 1;
    for _ in 0..=last {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.cursor, last, "the cursor stops at the last option");
    update(&mut app, Action::Confirm);
    at(&app, "sex");
    assert_eq!(app.session.answers[&q(&app, "age")], vec![last]);
}

#[test]
fn number_keys_choose_and_go_on_and_out_of_range_numbers_do_nothing() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    update(&mut app, Action::Pick(8));
    at(&app, "age");
    assert!(app.session.answers.is_empty());
    update(&mut app, Action::Pick(1));
    at(&app, "sex");
    assert_eq!(app.session.answers[&q(&app, "age")], vec![1]);
}

#[test]
fn back_goes_to_the_previous_question_with_the_answer_preselected() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    answer(&mut app, &["50_to_64"]);
    answer(&mut app, &["not_said"]);
    at(&app, "activity");
    update(&mut app, Action::Back);
    at(&app, "sex");
    update(&mut app, Action::Back);
    at(&app, "age");
    assert_eq!(app.cursor, opt(&app, "age", "50_to_64"));
    assert_eq!(app.session.answers.len(), 2, "going back keeps answers");
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Welcome);
}

#[test]
fn changing_a_branch_drops_downstream_answers_and_keeps_those_still_on_the_path() {
    let mut app = app();
    to_location(&mut app);
    answer(&mut app, &["sit_bone"]);
    answer(&mut app, &["none"]); // radiation
    at(&app, "quality");
    answer(&mut app, &["ache_or_pulling"]);
    at(&app, "aggravators");
    let radiation = q(&app, "radiation");
    let quality = q(&app, "quality");
    assert!(app.session.answers.contains_key(&radiation));
    assert!(app.session.answers.contains_key(&quality));

    // Back to the location, and change it to a branch with other questions.
    update(&mut app, Action::Back); // quality
    update(&mut app, Action::Back); // radiation
    update(&mut app, Action::Back); // location
    at(&app, "location");
    assert_eq!(
        app.session.answers.len(),
        9,
        "nothing dropped while going back"
    );
    answer(&mut app, &["lateral_hip"]);
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
    to_location(&mut app);
    answer(&mut app, &["sit_bone"]);
    answer(&mut app, &["thigh"]);
    at(&app, "quality");
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);
    at(&app, "location");
    answer(&mut app, &["back_of_thigh"]); // same next question: radiation
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
    to_location(&mut app);
    answer(&mut app, &["sit_bone"]);
    answer(&mut app, &["none"]);
    answer(&mut app, &["ache_or_pulling"]);
    at(&app, "aggravators");
    let sitting = opt(&app, "aggravators", "sitting");
    let running = opt(&app, "aggravators", "running_fast");
    let none = opt(&app, "aggravators", "none");
    let not_sure = opt(&app, "aggravators", "not_sure");

    update(&mut app, Action::Pick(sitting));
    update(&mut app, Action::Pick(running));
    assert_eq!(app.draft, vec![sitting, running]);
    update(&mut app, Action::Pick(none));
    assert_eq!(app.draft, vec![none], "None of these unticks the others");
    update(&mut app, Action::Pick(not_sure));
    assert_eq!(app.draft, vec![not_sure], "Not sure unticks None of these");
    update(&mut app, Action::Pick(sitting));
    assert_eq!(app.draft, vec![sitting], "a plain option unticks Not sure");
    // Space ticks the highlighted option; again unticks it.
    app.cursor = running;
    update(&mut app, Action::Toggle);
    assert_eq!(app.draft, vec![sitting, running]);
    update(&mut app, Action::Toggle);
    assert_eq!(app.draft, vec![sitting]);
    update(&mut app, Action::Confirm);
    at(&app, "tender_sit_bone");
    assert_eq!(app.session.answers[&q(&app, "aggravators")], vec![sitting]);
}

#[test]
fn confirming_a_multi_select_with_nothing_ticked_is_refused_with_a_message() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    answer(&mut app, &["18_to_49"]);
    answer(&mut app, &["not_said"]);
    answer(&mut app, &["running"]);
    at(&app, "cauda_equina_screen");
    update(&mut app, Action::Confirm);
    at(&app, "cauda_equina_screen");
    let notice = app.notice.clone().expect("a notice");
    assert!(notice.contains("None of these"), "{notice}");
    update(&mut app, Action::Toggle);
    assert_eq!(app.notice, None, "ticking clears the notice");
}

#[test]
fn ticking_the_bladder_option_shows_the_emergency_interrupt_then_the_result() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    answer(&mut app, &["18_to_49"]);
    answer(&mut app, &["not_said"]);
    answer(&mut app, &["running"]);
    at(&app, "cauda_equina_screen");
    answer(&mut app, &["bladder_difficulty"]);
    let Screen::RedFlag(f) = app.screen else {
        panic!("expected the red-flag interrupt, got {:?}", app.screen);
    };
    assert_eq!(app.bank.red_flags[f].id, "ces_bladder");
    assert!(matches!(app.session.walk.end, End::Stopped(_)));
    let u = app.bank.red_flags[f].urgency;
    assert_eq!(app.bank.vocab.urgency_id(u), "emergency");
    assert_eq!(app.bank.ui("headline.emergency"), "EMERGENCY");

    update(&mut app, Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
    let outcome = app.session.outcome.as_ref().expect("an outcome");
    assert_eq!(app.bank.vocab.urgency_id(outcome.urgency), "emergency");
    assert_eq!(outcome.stopped_by, Some(f));
}

#[test]
fn back_from_the_interrupt_allows_a_mistaken_tick_to_be_undone() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    answer(&mut app, &["18_to_49"]);
    answer(&mut app, &["not_said"]);
    answer(&mut app, &["running"]);
    answer(&mut app, &["saddle"]);
    assert!(matches!(app.screen, Screen::RedFlag(_)));
    update(&mut app, Action::Back);
    at(&app, "cauda_equina_screen");
    assert_eq!(app.draft, vec![opt(&app, "cauda_equina_screen", "saddle")]);
    answer(&mut app, &["none"]);
    at(&app, "onset");
    assert!(app.session.walk.fired.is_empty());
    assert!(app.session.seen_flags.is_empty());
}

/// A whole path, to the review and the result.
fn to_review(app: &mut App) {
    to_location(app);
    answer(app, &["sit_bone"]);
    answer(app, &["none"]);
    answer(app, &["ache_or_pulling"]);
    answer(app, &["sitting", "running_fast"]);
    answer(app, &["yes"]);
    at(app, "other_symptoms");
    answer(app, &["none"]);
    answer(app, &["training_change"]);
    answer(app, &["none"]);
    assert_eq!(app.screen, Screen::Review);
}

#[test]
fn the_review_lists_every_answer_and_enter_on_one_opens_it_for_editing() {
    let mut app = app();
    to_review(&mut app);
    assert_eq!(app.session.walk.end, End::Result);
    let n = app.session.walk.steps.len();
    assert_eq!(app.review_cursor, n, "See my result is highlighted first");
    update(&mut app, Action::Home);
    assert_eq!(app.review_cursor, 0);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Confirm);
    at(&app, "activity");
    // Change it and come straight back to the review.
    answer(&mut app, &["desk_work"]);
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(
        app.session.answers[&q(&app, "activity")],
        vec![opt(&app, "activity", "desk_work")]
    );
    update(&mut app, Action::End);
    update(&mut app, Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
}

#[test]
fn start_again_wipes_every_answer() {
    let mut app = app();
    to_review(&mut app);
    update(&mut app, Action::ShowResult);
    assert_eq!(app.screen, Screen::Result);
    assert!(!app.session.answers.is_empty());
    update(&mut app, Action::StartAgain);
    assert_eq!(app.screen, Screen::Welcome);
    assert!(app.session.answers.is_empty());
    assert!(app.session.walk.steps.is_empty());
    assert!(app.session.outcome.is_none());
    update(&mut app, Action::Confirm);
    at(&app, "age");
    assert!(app.draft.is_empty());
}

#[test]
fn start_again_does_nothing_mid_questionnaire() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    answer(&mut app, &["18_to_49"]);
    answer(&mut app, &["not_said"]);
    update(&mut app, Action::StartAgain);
    at(&app, "activity");
    assert_eq!(app.session.answers.len(), 2);
}

#[test]
fn the_result_scrolls_within_what_was_drawn() {
    let mut app = app();
    to_review(&mut app);
    update(&mut app, Action::ShowResult);
    app.drawn.result_rows.set((50, 10));
    update(&mut app, Action::Down);
    assert_eq!(app.result_scroll, 1);
    update(&mut app, Action::PageDown);
    assert_eq!(app.result_scroll, 10);
    update(&mut app, Action::End);
    assert_eq!(
        app.result_scroll, 40,
        "stops with the last row at the bottom"
    );
    update(&mut app, Action::ScrollDown);
    assert_eq!(app.result_scroll, 40);
    update(&mut app, Action::ScrollUp);
    assert_eq!(app.result_scroll, 37);
    update(&mut app, Action::Home);
    assert_eq!(app.result_scroll, 0);
}

#[test]
fn quitting_asks_first_and_ctrl_c_does_not() {
    let mut app = app();
    update(&mut app, Action::AskQuit);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(!app.should_quit);
    update(&mut app, Action::Dismiss);
    assert_eq!(app.overlay, None);
    update(&mut app, Action::AskQuit);
    update(&mut app, Action::QuitConfirmed);
    assert!(app.should_quit);

    let mut app2 = self::app();
    update(&mut app2, Action::QuitNow);
    assert!(app2.should_quit);
}

#[test]
fn the_help_overlay_swallows_other_actions_until_closed() {
    let mut app = app();
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, Some(Overlay::Help));
    update(&mut app, Action::Pick(0));
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Welcome);
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, None);
}

#[test]
fn clicks_hit_what_was_drawn_there() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    app.drawn.target(Rect::new(0, 5, 40, 1), Target::Option(2));
    app.drawn
        .target(Rect::new(0, 20, 10, 1), Target::Button(Button::Back));
    update(&mut app, Action::Click { column: 50, row: 5 });
    at(&app, "age");
    update(&mut app, Action::Click { column: 3, row: 5 });
    at(&app, "sex");
    assert_eq!(app.session.answers[&q(&app, "age")], vec![2]);
    update(&mut app, Action::Click { column: 3, row: 20 });
    at(&app, "age");
}

#[test]
fn progress_counts_answers_and_narrows_to_the_path() {
    let mut app = app();
    update(&mut app, Action::Confirm);
    let start = app.left();
    assert!(start.fewest < start.most);
    assert_eq!(app.answered_before_current(), 0);
    let mut app = self::app();
    to_review(&mut app);
    update(&mut app, Action::Home);
    update(&mut app, Action::Confirm);
    at(&app, "age");
    let all = app.session.walk.steps.len();
    assert_eq!(app.left().fewest, all, "a finished path is known exactly");
    assert_eq!(app.left().most, all);
}

#[test]
fn the_refusal_names_the_questions_own_way_out_in_the_audiences_words() {
    let mut app = App::new(Bank::builtin().unwrap(), Audience::Clinician, true);
    update(&mut app, Action::Confirm);
    answer(&mut app, &["18_to_49"]);
    answer(&mut app, &["not_said"]);
    answer(&mut app, &["running"]);
    update(&mut app, Action::Confirm);
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
    update(&mut app, Action::SwitchLanguage);
    assert_eq!(app.bank.language, "es");
    assert_eq!(app.next_language().as_deref(), Some("en"));
    update(&mut app, Action::Confirm);
    at(&app, "age");
    assert!(
        app.bank.questions[app.current]
            .patient
            .starts_with("¿Qué edad tiene?")
    );
    // Only on the welcome screen.
    update(&mut app, Action::SwitchLanguage);
    assert_eq!(app.bank.language, "es");
    // Back on it, it switches back; the answer given stays.
    answer(&mut app, &["18_to_49"]);
    answer(&mut app, &["not_said"]);
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Welcome);
    update(&mut app, Action::SwitchLanguage);
    assert_eq!(app.bank.language, "en");
    assert_eq!(app.bank.questions[app.bank.start].patient, english);
    assert_eq!(app.session.answers.len(), 2);
    update(&mut app, Action::Confirm);
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
    app.drawn
        .target(Rect::new(0, 20, 10, 1), Target::Button(Button::Language));
    update(&mut app, Action::Click { column: 3, row: 20 });
    assert_eq!(app.bank.language, "en");
    assert_eq!(app.bank.ui("button.start"), "Start (Enter)");
    assert_eq!(app.language_name("es"), "Español");
}
