//! The kiosk driven the way patients and staff drive it: events in, time
//! injected through `tick`, never a sleep; records and the PIN through the
//! loop's `Io` (the PIN's wrong tries counted in memory).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use hamstring_triage::app::kiosk::{KioskApp, Phase};
use hamstring_triage::app::save::Saving;
use hamstring_triage::app::{KioskSettings, Screen, Settings};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::Audience;
use hamstring_triage::kiosk::{PinGate, hash_pin};
use hamstring_triage::terminal::Io;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind,
};

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, mouse, option_indexes};

const PIN: &str = "2468";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn kiosk_of(
    bank: Bank,
    audience: Audience,
    data_dir: Option<PathBuf>,
    t0: Instant,
) -> Driver<KioskApp> {
    let io = Io::new(data_dir.as_deref()).with_pin(PinGate::default(), hash_pin(PIN).unwrap());
    let settings = Settings {
        save_records: true,
        data_dir,
        clinic_name: Some("Riverside Physiotherapy".into()),
        emergency_number: Some("999".into()),
        kiosk: None,
    };
    let kiosk = KioskSettings {
        idle_timeout: secs(180),
        done_timeout: secs(90),
    };
    let mut d = Driver::new(KioskApp::new(bank, audience, true, settings, kiosk, t0), io);
    d.now = t0;
    d
}

fn kiosk_with(data_dir: Option<PathBuf>, t0: Instant) -> Driver<KioskApp> {
    kiosk_of(Bank::builtin().unwrap(), Audience::Patient, data_dir, t0)
}

fn kiosk(t0: Instant) -> Driver<KioskApp> {
    kiosk_with(None, t0)
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn chord() -> Event {
    Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ))
}

fn click(column: u16, row: u16) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

/// An event at time `t`: handled, then the tick the loop gives after it.
fn at(k: &mut Driver<KioskApp>, t: Instant, e: Event) {
    k.event(e);
    k.tick(t);
}

fn typed(k: &mut Driver<KioskApp>, t: Instant, text: &str) {
    for c in text.chars() {
        at(k, t, key(KeyCode::Char(c)));
    }
}

/// Answers the current question with these option ids, by number keys.
#[track_caller]
fn answer(k: &mut Driver<KioskApp>, t: Instant, ids: &[&str]) {
    assert_eq!(k.app.screen, Screen::Question, "not on a question");
    let multi = k.app.current_is_multi();
    let options = option_indexes(&k.app, ids);
    for o in options {
        if o < 9 {
            at(k, t, key(KeyCode::Char(char::from(b'1' + o as u8))));
        } else {
            // Past the number keys: the arrows, then Space or Enter.
            while k.app.cursor < o {
                at(k, t, key(KeyCode::Down));
            }
            while k.app.cursor > o {
                at(k, t, key(KeyCode::Up));
            }
            at(
                k,
                t,
                key(if multi {
                    KeyCode::Char(' ')
                } else {
                    KeyCode::Enter
                }),
            );
        }
    }
    if multi {
        at(k, t, key(KeyCode::Enter));
    }
}

fn to_review(k: &mut Driver<KioskApp>, t: Instant) {
    at(k, t, key(KeyCode::Enter));
    for ids in screen::CALM_PATH {
        answer(k, t, ids);
    }
    assert_eq!(k.app.screen, Screen::Review);
}

#[test]
fn the_countdown_is_a_sixth_of_the_idle_time_within_bounds() {
    let k = |n| KioskSettings {
        idle_timeout: secs(n),
        done_timeout: secs(90),
    };
    assert_eq!(k(180).countdown(), secs(30));
    assert_eq!(k(60).countdown(), secs(10));
    assert_eq!(k(15).countdown(), secs(5));
    assert_eq!(k(3600).countdown(), secs(30));
}

#[test]
fn idle_asks_are_you_still_there_then_wipes_everything() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    at(&mut k, t0, key(KeyCode::Enter));
    answer(&mut k, t0, &["18_to_49"]);
    answer(&mut k, t0, &["not_said"]);
    answer(&mut k, t0, &["running"]);
    assert_eq!(k.app.session.answers.len(), 3);

    // Just short of the idle timeout: nothing happens.
    assert!(!k.tick(t0 + secs(179)));
    assert_eq!(k.phase, Phase::Questionnaire);
    // At it: the question, with a countdown of a sixth of it (30 s).
    assert!(k.tick(t0 + secs(180)));
    assert!(matches!(k.phase, Phase::StillThere { .. }));
    assert_eq!(k.still_there_left(), Some(secs(30)));
    let s = k.screen(80, 24);
    assert!(s.contains("Are you still there?"), "{s}");
    assert!(s.contains("answers are wiped in 30 s"), "{s}");
    // The countdown moves on with the clock, and redraws when it does.
    assert!(k.tick(t0 + secs(200)));
    assert!(k.screen(80, 24).contains("answers are wiped in 10 s"));
    assert!(!k.tick(t0 + secs(200)), "no redraw when nothing changed");
    // At its end every answer is gone and the welcome screen is back.
    assert!(k.tick(t0 + secs(210)));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert_eq!(k.app.screen, Screen::Welcome);
    assert!(k.app.session.answers.is_empty());
    assert!(k.app.session.walk.steps.is_empty());
    assert!(k.take_wipe(), "the screen and scrollback are wiped");
    assert!(!k.take_wipe(), "once");
    assert!(!k.done());
}

#[test]
fn a_touch_or_a_key_during_the_countdown_keeps_the_answers() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    at(&mut k, t0, key(KeyCode::Enter));
    answer(&mut k, t0, &["50_to_64"]);
    answer(&mut k, t0, &["not_said"]);
    k.tick(t0 + secs(180));
    at(&mut k, t0 + secs(185), click(3, 3));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert_eq!(k.app.session.answers.len(), 2);
    assert_eq!(k.app.screen, Screen::Question, "the touch did nothing else");
    // The idle clock starts again from that touch.
    assert!(!k.tick(t0 + secs(185 + 179)));
    assert_eq!(k.phase, Phase::Questionnaire);
    k.tick(t0 + secs(185 + 180));
    assert!(matches!(k.phase, Phase::StillThere { .. }));
    // A key: still there, and the key itself does nothing.
    at(&mut k, t0 + secs(370), key(KeyCode::Backspace));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert_eq!(k.app.screen, Screen::Question);
    assert_eq!(k.app.session.answers.len(), 2);
}

#[test]
fn the_untouched_welcome_screen_has_no_timeout() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    assert!(!k.tick(t0 + secs(10_000)));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert!(!k.take_wipe());
}

#[test]
fn after_a_reset_nothing_of_the_last_patient_is_in_memory_or_on_screen() {
    let t0 = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let mut k = kiosk_with(Some(data.path().to_path_buf()), t0);
    to_review(&mut k, t0);
    // What this patient's screens showed: every answer in their words.
    let review = k.screen(120, 40);
    let said: Vec<String> = k
        .app
        .session
        .walk
        .steps
        .iter()
        .flat_map(|s| {
            s.chosen
                .iter()
                .map(|&o| {
                    hamstring_triage::report::explain::option_text(
                        &k.app.bank,
                        Audience::Patient,
                        s.question,
                        o,
                    )
                    .to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|t| t.len() > 8)
        .collect();
    assert!(said.len() >= 5, "{said:?}");
    assert!(said.iter().any(|t| review.contains(t.as_str())), "{review}");
    at(&mut k, t0, key(KeyCode::Char('r')));
    assert_eq!(k.app.screen, Screen::Result);
    let result = k.screen(120, 40);
    let code = k
        .app
        .saved_code()
        .expect("saved on reaching the result")
        .to_string();
    assert!(result.contains(&code), "{result}");

    // The patient walks away; the next one sees the welcome screen.
    k.tick(t0 + secs(90));
    assert!(k.take_wipe());
    assert!(k.app.session.answers.is_empty() && k.app.session.outcome.is_none());
    assert!(k.app.session.walk.steps.is_empty() && k.app.session.seen_flags.is_empty());
    assert!(k.app.saved_code().is_none());
    assert_eq!(k.app.save.saving, Saving::NotSaved);
    assert!(k.app.opened.is_none() && k.app.notice.is_none());
    for (w, h) in [(80, 24), (120, 40)] {
        let s = k.screen(w, h);
        assert!(s.contains("Touch here to start"), "{s}");
        for t in &said {
            assert!(!s.contains(t.as_str()), "{t:?} still on screen:\n{s}");
        }
        assert!(!s.contains(&code), "{s}");
    }
    // The record itself was kept.
    assert!(
        data.path()
            .join("records")
            .join(format!("{code}.json"))
            .is_file()
    );
}

#[test]
fn the_result_is_saved_its_code_shown_large_and_it_clears_itself() {
    let t0 = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let mut k = kiosk_with(Some(data.path().to_path_buf()), t0);
    to_review(&mut k, t0);
    at(&mut k, t0 + secs(10), key(KeyCode::Char('r')));
    let code = k.app.saved_code().unwrap().to_string();
    for (w, h) in [(80, 24), (120, 40)] {
        let s = k.screen(w, h);
        assert!(s.contains("Show this code at reception"), "{s}");
        assert!(s.contains("Done"), "{s}");
        assert!(s.contains("Clears itself in 90 s"), "{s}");
        assert!(!s.contains("Quit"), "{s}");
        // The big letters: half-height block characters.
        assert!(s.contains('█') || s.contains('▀'), "{s}");
    }
    // Reading (a scroll) puts the clock back.
    at(&mut k, t0 + secs(60), key(KeyCode::Down));
    k.tick(t0 + secs(60 + 89));
    assert_eq!(k.app.screen, Screen::Result);
    assert!(k.tick(t0 + secs(60 + 90)));
    assert_eq!(k.app.screen, Screen::Welcome);
    assert!(k.take_wipe());
    assert!(data.path().join(format!("records/{code}.json")).is_file());
}

#[test]
fn done_returns_to_the_welcome_screen_at_once() {
    let t0 = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let mut k = kiosk_with(Some(data.path().to_path_buf()), t0);
    to_review(&mut k, t0);
    at(&mut k, t0, key(KeyCode::Char('r')));
    let s = k.screen(80, 24);
    let (x, y) = k.find("Done").expect(&s);
    at(&mut k, t0, click(x, y));
    assert_eq!(k.app.screen, Screen::Welcome);
    assert!(k.app.session.answers.is_empty());
    assert!(k.take_wipe());
}

#[test]
fn keys_that_would_quit_or_suspend_do_nothing() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    let blocked = [
        key(KeyCode::Char('q')),
        key(KeyCode::Char('Q')),
        key(KeyCode::Esc),
        key(KeyCode::F(1)),
        key(KeyCode::Char('?')),
        ctrl('c'),
        ctrl('z'),
        ctrl('\\'),
        ctrl('d'),
        Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)),
    ];
    for screen_of in ["welcome", "question"] {
        if screen_of == "question" {
            at(&mut k, t0, key(KeyCode::Enter));
            answer(&mut k, t0, &["18_to_49"]);
            answer(&mut k, t0, &["not_said"]);
        }
        let before = (k.app.screen, k.app.session.answers.clone());
        for e in &blocked {
            at(&mut k, t0, e.clone());
            assert!(!k.done(), "{e:?} ended the kiosk");
            assert!(!k.app.should_quit, "{e:?}");
            assert_eq!(k.app.overlay, None, "{e:?} opened a box");
            assert_eq!(k.phase, Phase::Questionnaire, "{e:?}");
            assert_eq!(
                (k.app.screen, k.app.session.answers.clone()),
                before,
                "{e:?}"
            );
        }
    }
    // No Quit button is drawn, and none can be clicked.
    let s = k.screen(80, 24);
    assert!(!s.contains("Quit"), "{s}");
    assert!(!s.contains("Help"), "{s}");
}

#[test]
fn start_again_asks_first_and_then_wipes() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    at(&mut k, t0, key(KeyCode::Enter));
    answer(&mut k, t0, &["18_to_49"]);
    answer(&mut k, t0, &["not_said"]);
    let s = k.screen(80, 24);
    assert!(s.contains("← Back"), "{s}");
    let (x, y) = k.find("Start again").expect(&s);
    at(&mut k, t0, click(x, y));
    assert_eq!(k.phase, Phase::ConfirmRestart);
    let s = k.screen(80, 24);
    let (x, y) = k.find("No, carry on").expect(&s);
    at(&mut k, t0, click(x, y));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert_eq!(k.app.session.answers.len(), 2);
    k.screen(80, 24);
    let (x, y) = k.find("Start again").unwrap();
    at(&mut k, t0, click(x, y));
    let s = k.screen(80, 24);
    let (x, y) = k.find("Yes, start again").expect(&s);
    at(&mut k, t0, click(x, y));
    assert_eq!(k.app.screen, Screen::Welcome);
    assert!(k.app.session.answers.is_empty());
    assert!(k.take_wipe());
}

#[test]
fn back_works_by_touch() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    let s = k.screen(80, 24);
    let (x, y) = k.find("Touch here to start").expect(&s);
    at(&mut k, t0, click(x, y));
    assert_eq!(k.app.screen, Screen::Question);
    answer(&mut k, t0, &["18_to_49"]);
    answer(&mut k, t0, &["not_said"]);
    let first = k.app.current;
    let s = k.screen(80, 24);
    let (x, y) = k.find("← Back").expect(&s);
    at(&mut k, t0, click(x + 2, y));
    assert_ne!(k.app.current, first);
    assert_eq!(k.app.bank.questions[k.app.current].id, "sex");
}

#[test]
fn the_staff_pin_unlocks_and_wrong_pins_are_slowed_down() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    at(&mut k, t0, key(KeyCode::Enter));
    at(&mut k, t0, chord());
    assert_eq!(k.phase, Phase::Staff);
    let s = k.screen(80, 24);
    assert!(s.contains("type the kiosk PIN"), "{s}");
    // Masked: the digits never show.
    typed(&mut k, t0, "13");
    let s = k.screen(80, 24);
    assert!(s.contains("••") && !s.contains("13 "), "{s}");
    // Esc cancels the box (and only the box).
    at(&mut k, t0, key(KeyCode::Esc));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert_eq!(k.app.screen, Screen::Question);

    at(&mut k, t0, chord());
    for n in 1..=3 {
        typed(&mut k, t0, "1111");
        at(&mut k, t0, key(KeyCode::Enter));
        assert!(!k.done());
        assert_eq!(
            k.pin_message.as_deref(),
            Some(format!("Wrong PIN ({n} wrong in a row).").as_str())
        );
    }
    // Locked for 30 s: even the right PIN waits, and the wait is shown.
    let t1 = t0 + secs(5);
    assert!(k.tick(t1));
    let s = k.screen(80, 24);
    assert!(s.contains("the next try waits 25 s"), "{s}");
    typed(&mut k, t1, PIN);
    at(&mut k, t1, key(KeyCode::Enter));
    assert!(!k.done(), "accepted during the wait");
    // After the wait the right PIN unlocks.
    let t2 = t0 + secs(31);
    k.tick(t2);
    typed(&mut k, t2, PIN);
    at(&mut k, t2, key(KeyCode::Enter));
    assert!(k.done());
}

#[test]
fn the_pin_box_closes_itself_when_left_open() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    at(&mut k, t0, chord());
    typed(&mut k, t0, "12");
    k.tick(t0 + secs(180));
    assert!(matches!(k.phase, Phase::StillThere { .. }));
    assert_eq!(k.pin.value(), "");
    k.tick(t0 + secs(210));
    assert_eq!(k.phase, Phase::Questionnaire);
}

#[test]
fn the_emergency_number_is_in_the_red_flag_interrupt() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    to_interrupt(&mut k, t0);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = k.screen(w, h);
        assert!(s.contains("Call 999 now."), "{s}");
    }
}

#[test]
fn the_welcome_screen_names_the_clinic_and_the_number() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = k.screen(w, h);
        assert!(s.contains("Riverside Physiotherapy"), "{s}");
        assert!(s.contains("In an emergency: Call 999 now."), "{s}");
        assert!(s.contains("Touch here to start"), "{s}");
    }
}

#[test]
fn a_failed_save_stays_on_screen_for_the_staff_until_the_idle_timeout() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(&data, "a file, not a folder").unwrap();
    let mut k = kiosk_with(Some(data.clone()), t0);
    to_review(&mut k, t0);
    at(&mut k, t0, key(KeyCode::Char('r')));
    assert!(matches!(k.app.save.saving, Saving::Failed { .. }));
    let s = k.screen(80, 24);
    assert!(s.contains("NOT SAVED"), "{s}");
    assert!(s.contains("tell the staff"), "{s}");
    assert!(!s.contains("Show the record"), "{s}");
    assert!(!s.contains("Clears itself"), "{s}");
    // No done timeout: the result waits for someone.
    k.tick(t0 + secs(100));
    assert_eq!(k.app.screen, Screen::Result);
    // Fixed meanwhile: the wipe after the idle countdown saves it first.
    std::fs::remove_file(&data).unwrap();
    std::fs::create_dir(&data).unwrap();
    k.tick(t0 + secs(180));
    assert!(matches!(k.phase, Phase::StillThere { .. }));
    k.tick(t0 + secs(210));
    assert_eq!(k.app.screen, Screen::Welcome);
    assert_eq!(std::fs::read_dir(data.join("records")).unwrap().count(), 1);
}

/// Words of the kiosk's English screens: none may show on a Spanish kiosk.
const ENGLISH: &[&str] = &[
    "Touch",
    "touch",
    "start",
    "Start",
    "again",
    "still",
    "there",
    "wiped",
    "Staff",
    "leave",
    "Done",
    "Clears",
    "Unlock",
    "Cancel",
    "Yes",
    "carry",
    "answers",
    "emergency",
    "diagnosis",
    "Show",
    "code",
    "reception",
    "Back",
    "Continue",
    "Choose",
    "result",
    "Enter",
    "Wrong",
    "wrong",
    "Type",
    "many",
    "waits",
    "Call",
    "now",
    "Quit",
    "Help",
];

/// The English words on a screen.
fn english_words(screen: &str) -> Vec<&'static str> {
    screen::whole_words(screen, ENGLISH)
}

#[track_caller]
fn all_spanish(k: &mut Driver<KioskApp>, what: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let s = k.screen(w, h);
        let found = english_words(&s);
        assert!(
            found.is_empty(),
            "{what} at {w}x{h}: English {found:?} in\n{s}"
        );
    }
}

fn spanish_kiosk(data_dir: Option<PathBuf>, t0: Instant) -> Driver<KioskApp> {
    let es = Bank::builtin().unwrap().localized("es").unwrap();
    kiosk_of(es, Audience::Patient, data_dir, t0)
}

#[test]
fn a_spanish_kiosk_has_no_english_on_any_of_its_screens() {
    // The check finds English where there is some.
    let t0 = Instant::now();
    assert!(!english_words(&kiosk(t0).screen(80, 24)).is_empty());

    let data = tempfile::tempdir().unwrap();
    let mut k = spanish_kiosk(Some(data.path().to_path_buf()), t0);
    all_spanish(&mut k, "welcome");
    let s = k.screen(80, 24);
    assert!(s.contains("Toque aquí para empezar"), "{s}");
    assert!(s.contains("English"), "the way back to English:\n{s}");
    at(&mut k, t0, key(KeyCode::Enter));
    all_spanish(&mut k, "first question");
    answer(&mut k, t0, &["18_to_49"]);
    answer(&mut k, t0, &["not_said"]);

    // Idle: "are you still there?", then carry on.
    k.tick(t0 + secs(180));
    assert!(matches!(k.phase, Phase::StillThere { .. }));
    all_spanish(&mut k, "still there");
    let t1 = t0 + secs(185);
    at(&mut k, t1, key(KeyCode::Char(' ')));
    assert_eq!(k.phase, Phase::Questionnaire);

    // "Start again?" asked, and refused.
    let s = k.screen(80, 24);
    let (x, y) = k.find("Volver a empezar").expect(&s);
    at(&mut k, t1, click(x, y));
    assert_eq!(k.phase, Phase::ConfirmRestart);
    all_spanish(&mut k, "start again?");
    at(&mut k, t1, key(KeyCode::Char('n')));

    // The staff box: empty, wrong PINs, then the wait.
    at(&mut k, t1, chord());
    all_spanish(&mut k, "staff");
    at(&mut k, t1, key(KeyCode::Enter));
    all_spanish(&mut k, "staff, empty PIN");
    for _ in 0..3 {
        typed(&mut k, t1, "1111");
        at(&mut k, t1, key(KeyCode::Enter));
        all_spanish(&mut k, "staff, wrong PIN");
    }
    k.tick(t1 + secs(1));
    assert!(k.screen(80, 24).contains("el próximo intento espera"));
    all_spanish(&mut k, "staff, waiting");
    at(&mut k, t1, key(KeyCode::Esc));

    // On to the result, saved, with its countdown.
    k.reset();
    to_review(&mut k, t1);
    all_spanish(&mut k, "review");
    at(&mut k, t1, key(KeyCode::Char('r')));
    assert!(k.app.saved_code().is_some());
    let s = k.screen(120, 40);
    assert!(s.contains("Se borra sola en"), "{s}");
    assert!(s.contains("Terminado"), "{s}");
    // The result's own text scrolls; its first page and the footer are
    // checked (the rest is the questionnaire's, checked with the app).
    all_spanish(&mut k, "result");

    // The red-flag interrupt.
    k.reset();
    at(&mut k, t1, key(KeyCode::Enter));
    answer(&mut k, t1, &["18_to_49"]);
    answer(&mut k, t1, &["not_said"]);
    answer(&mut k, t1, &["running"]);
    answer(&mut k, t1, &["bladder_difficulty"]);
    assert!(matches!(k.app.screen, Screen::RedFlag(_)));
    all_spanish(&mut k, "red flag");
    assert!(k.screen(120, 40).contains("999"));
}

#[test]
fn a_patient_may_switch_the_kiosk_to_spanish_and_the_next_patient_has_english() {
    let t0 = Instant::now();
    let mut k = kiosk(t0);
    let s = k.screen(80, 24);
    let (x, y) = k.find("Español").expect(&s);
    at(&mut k, t0, click(x + 1, y));
    assert_eq!(k.app.bank.language, "es");
    let s = k.screen(80, 24);
    assert!(s.contains("Toque aquí para empezar"), "{s}");
    assert!(
        !k.pristine(),
        "a switched language is a patient's choice, wiped like an answer"
    );
    // The key does the same, both ways.
    at(&mut k, t0, key(KeyCode::Char('l')));
    assert_eq!(k.app.bank.language, "en");
    at(&mut k, t0, key(KeyCode::Char('l')));
    assert_eq!(k.app.bank.language, "es");

    // The patient walks away: asked in Spanish, then wiped back to English.
    assert!(k.tick(t0 + secs(180)));
    assert!(k.screen(80, 24).contains("¿Sigue usted ahí?"));
    assert!(k.tick(t0 + secs(210)));
    assert_eq!(k.app.screen, Screen::Welcome);
    assert_eq!(k.app.bank.language, "en");
    assert!(k.pristine());
    assert!(k.screen(80, 24).contains("Touch here to start"));
}

#[test]
fn no_saved_record_can_be_opened_or_shown_at_the_kiosk() {
    // Clinician wording, where the plain app offers both ways to a record.
    let t0 = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let mut k = kiosk_of(
        Bank::builtin().unwrap(),
        Audience::Clinician,
        Some(data.path().to_path_buf()),
        t0,
    );
    to_review(&mut k, t0);
    at(&mut k, t0, key(KeyCode::Char('r')));
    let code = k.app.saved_code().expect("saved").to_string();
    // The record's JSON box stays shut.
    at(&mut k, t0, key(KeyCode::Char('v')));
    assert_eq!(k.app.overlay, None);
    assert!(!k.screen(120, 40).contains("\"answers\""));
    // The next patient cannot open it by its code.
    k.tick(t0 + secs(90));
    assert_eq!(k.app.screen, Screen::Welcome);
    at(&mut k, t0 + secs(90), key(KeyCode::Char('o')));
    assert_eq!(k.app.overlay, None);
    let s = k.screen(120, 40);
    assert!(!s.contains("Open a record"), "{s}");
    typed(&mut k, t0 + secs(90), &code);
    at(&mut k, t0 + secs(90), key(KeyCode::Enter));
    assert!(k.app.opened().is_none());
    assert!(k.app.saved_code().is_none());
    for (w, h) in [(80, 24), (120, 40)] {
        assert!(!k.screen(w, h).contains(&code));
    }
}

#[test]
fn every_button_of_a_question_fits_at_80_columns_in_both_languages() {
    let t0 = Instant::now();
    for (mut k, why, back) in [
        (kiosk(t0), "Why we ask", "Back"),
        (spanish_kiosk(None, t0), "Por qué", "Atrás"),
    ] {
        at(&mut k, t0, key(KeyCode::Enter));
        let s = k.screen(80, 24);
        assert!(s.contains(why) && s.contains(back), "{s}");
    }
}

/// From the welcome screen to the result of a bladder red flag (an
/// emergency), its record saved.
fn to_emergency(k: &mut Driver<KioskApp>, t: Instant) {
    to_interrupt(k, t);
    at(k, t, key(KeyCode::Char('r')));
    assert!(k.app.emergency_result());
    assert!(k.app.saved_code().is_some());
}

/// From the welcome screen to the emergency interrupt (a bladder red flag).
fn to_interrupt(k: &mut Driver<KioskApp>, t: Instant) {
    at(k, t, key(KeyCode::Enter));
    answer(k, t, &["18_to_49"]);
    answer(k, t, &["not_said"]);
    answer(k, t, &["running"]);
    answer(k, t, &["bladder_difficulty"]);
    assert!(matches!(k.app.screen, Screen::RedFlag(_)));
}

/// Emergency words of the kiosk in one language.
struct Emergency {
    tell: &'static str,
    call: &'static str,
    clears: &'static str,
    done: &'static str,
    hidden: &'static str,
    staff: &'static str,
}

const EMERGENCY_EN: Emergency = Emergency {
    tell: "Tell a member of staff now.",
    call: "Call 999 now.",
    clears: "Clears itself",
    done: "Done",
    hidden: "Your answers are hidden.",
    staff: "to clear this emergency",
};

const EMERGENCY_ES: Emergency = Emergency {
    tell: "Avise ahora a alguien del personal.",
    call: "999",
    clears: "Se borra sola",
    done: "Terminado",
    hidden: "Sus respuestas están ocultas.",
    staff: "para borrar esta",
};

/// An emergency result asks for the staff, is never wiped by a timeout,
/// folds away from the next patient's eyes after the done timeout, and
/// clears only with the staff PIN, after which the kiosk carries on.
fn emergency_waits_for_the_staff(mut k: Driver<KioskApp>, data: &std::path::Path, w: &Emergency) {
    let t0 = k.now;
    to_emergency(&mut k, t0);
    let code = k.app.saved_code().unwrap().to_string();
    let top = k.app.session.outcome.as_ref().unwrap().ranked[0].diagnosis;
    let cause = k.app.bank.diagnoses[top].name.clone();
    for (width, height) in [(80, 24), (120, 40)] {
        let s = k.screen(width, height);
        assert!(s.contains(w.tell), "{s}");
        assert!(s.contains(&code), "{s}");
        assert!(!s.contains(w.clears), "{s}");
        assert!(
            !s.contains(w.done),
            "no way to clear it but the staff's:\n{s}"
        );
    }
    assert!(k.screen(120, 40).contains(&cause));
    // "Done"'s key does nothing either.
    at(&mut k, t0 + secs(10), key(KeyCode::Char('s')));
    assert_eq!(k.app.screen, Screen::Result);
    // The done timeout folds it: the emergency, the number and the code
    // stay; the answers and the causes go.
    assert!(!k.tick(t0 + secs(10 + 89)));
    assert!(!k.folded());
    assert!(k.tick(t0 + secs(10 + 90)));
    assert!(k.folded());
    for (width, height) in [(80, 24), (120, 40)] {
        let s = k.screen(width, height);
        for shown in [w.tell, w.call, w.hidden, &code] {
            assert!(s.contains(shown), "{shown:?} at {width}x{height}:\n{s}");
        }
        assert!(!s.contains(&cause), "{s}");
    }
    // The next person's keys and touches do not unfold it, and no timeout
    // wipes it.
    for e in [
        key(KeyCode::Backspace),
        key(KeyCode::Enter),
        key(KeyCode::Char('s')),
        click(40, 20),
    ] {
        at(&mut k, t0 + secs(200), e);
        assert!(k.folded());
    }
    k.tick(t0 + secs(100_000));
    assert_eq!(k.phase, Phase::Questionnaire);
    assert_eq!(k.app.screen, Screen::Result);
    assert!(k.folded());
    // The staff: the chord, the box saying what the PIN does, the PIN.
    let t1 = t0 + secs(100_010);
    at(&mut k, t1, chord());
    assert_eq!(k.phase, Phase::Staff);
    let s = k.screen(80, 24);
    assert!(s.contains(w.staff), "{s}");
    typed(&mut k, t1, PIN);
    at(&mut k, t1, key(KeyCode::Enter));
    assert!(!k.done(), "the kiosk carries on");
    assert!(k.pristine());
    assert!(!k.folded());
    assert!(k.take_wipe());
    assert!(data.join(format!("records/{code}.json")).is_file());
}

#[test]
fn an_emergency_result_waits_for_the_staff_in_english() {
    let data = tempfile::tempdir().unwrap();
    let k = kiosk_with(Some(data.path().to_path_buf()), Instant::now());
    emergency_waits_for_the_staff(k, data.path(), &EMERGENCY_EN);
}

#[test]
fn an_emergency_result_waits_for_the_staff_in_spanish() {
    let data = tempfile::tempdir().unwrap();
    let k = spanish_kiosk(Some(data.path().to_path_buf()), Instant::now());
    emergency_waits_for_the_staff(k, data.path(), &EMERGENCY_ES);
}

#[test]
fn the_folded_emergency_has_no_english_in_spanish() {
    let t0 = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let mut k = spanish_kiosk(Some(data.path().to_path_buf()), t0);
    to_emergency(&mut k, t0);
    all_spanish(&mut k, "emergency result");
    k.tick(t0 + secs(90));
    assert!(k.folded());
    all_spanish(&mut k, "folded emergency");
    at(&mut k, t0 + secs(91), chord());
    all_spanish(&mut k, "staff box over the emergency");
}

#[test]
fn the_folded_emergency_snapshot() {
    let t0 = Instant::now();
    for (lang, mut k) in [("en", kiosk(t0)), ("es", spanish_kiosk(None, t0))] {
        to_interrupt(&mut k, t0);
        at(&mut k, t0, key(KeyCode::Char('r')));
        k.tick(t0 + secs(90));
        assert!(k.folded());
        for (w, h) in screen::SIZES {
            let s = k.screen(w, h);
            insta::assert_snapshot!(format!("kiosk_emergency_folded_{lang}_{w}x{h}"), s);
        }
    }
}

/// A kiosk's words for a touch screen in one language: what its
/// instructions say, and the keys-only wording they must not.
struct Touch {
    tap: &'static str,
    nothing_ticked: &'static str,
    keys_only: &'static [&'static str],
}

const TOUCH_EN: Touch = Touch {
    tap: "tap",
    nothing_ticked: "tap each line that applies",
    keys_only: &[
        "Press the number",
        "press Enter",
        "Press Enter",
        "Space",
        "highlight it",
    ],
};

const TOUCH_ES: Touch = Touch {
    tap: "toque",
    nothing_ticked: "toque cada línea que corresponda",
    keys_only: &[
        "Pulse el número",
        "pulse Intro",
        "Pulse Intro",
        "Espacio",
        "resált",
    ],
};

#[track_caller]
fn fits_touch(k: &mut Driver<KioskApp>, w: &Touch, what: &str) {
    fits_touch_at(k, w, what, &[(80, 24), (120, 40)]);
}

#[track_caller]
fn fits_touch_at(k: &mut Driver<KioskApp>, w: &Touch, what: &str, sizes: &[(u16, u16)]) {
    for &(width, height) in sizes {
        let s = k.screen(width, height);
        assert!(
            s.to_lowercase().contains(w.tap),
            "{what} at {width}x{height}:\n{s}"
        );
        for keys in w.keys_only {
            assert!(
                !s.contains(keys),
                "{what}: {keys:?} at {width}x{height}:\n{s}"
            );
        }
    }
}

fn the_instructions_fit_a_finger(new: fn(Instant) -> Driver<KioskApp>, w: &Touch) {
    let t0 = Instant::now();
    let mut k = new(t0);
    at(&mut k, t0, key(KeyCode::Enter));
    fits_touch(&mut k, w, "a single-choice question");
    for ids in &screen::CALM_PATH[..3] {
        answer(&mut k, t0, ids);
    }
    assert!(k.app.current_is_multi());
    fits_touch(&mut k, w, "a multi-select question");
    // Going on with nothing ticked says to tap.
    at(&mut k, t0, key(KeyCode::Enter));
    let s = k.screen(120, 40);
    assert!(s.contains(w.nothing_ticked), "{s}");
    for ids in &screen::CALM_PATH[3..] {
        answer(&mut k, t0, ids);
    }
    assert_eq!(k.app.screen, Screen::Review);
    fits_touch(&mut k, w, "the review");

    let mut k = new(t0);
    at(&mut k, t0, key(KeyCode::Enter));
    for ids in &screen::CALM_PATH[..3] {
        answer(&mut k, t0, ids);
    }
    answer(&mut k, t0, &["bladder_difficulty"]);
    assert!(matches!(k.app.screen, Screen::RedFlag(_)));
    // At 80x24 the warning itself leaves no room for the instruction.
    fits_touch_at(&mut k, w, "the warning sign", &[(120, 40)]);
}

#[test]
fn the_instructions_fit_a_finger_in_english() {
    the_instructions_fit_a_finger(kiosk, &TOUCH_EN);
}

#[test]
fn the_instructions_fit_a_finger_in_spanish() {
    the_instructions_fit_a_finger(|t0| spanish_kiosk(None, t0), &TOUCH_ES);
}

/// A patient who walks away from the emergency interrupt, or goes back from
/// the emergency result, is not wiped by the idle timeout: the emergency
/// folds to the notice for the staff instead.
#[test]
fn an_emergency_is_never_wiped_by_the_idle_timeout_even_off_the_result() {
    let t0 = Instant::now();
    // Walked away on the interrupt itself.
    let mut k = kiosk(t0);
    to_interrupt(&mut k, t0);
    for s in [200, 400, 3600] {
        k.tick(t0 + secs(s));
    }
    assert!(k.folded(), "the interrupt folds for the staff");
    assert!(!k.pristine(), "and is not wiped");
    // Went back from the result to the review, then away.
    let mut k = kiosk(t0);
    to_interrupt(&mut k, t0);
    at(&mut k, t0, key(KeyCode::Char('r')));
    assert!(k.app.emergency_result());
    at(&mut k, t0, key(KeyCode::Backspace));
    assert!(!k.app.emergency_result(), "back off the result");
    for s in [200, 400, 3600] {
        k.tick(t0 + secs(s));
    }
    assert!(k.folded() && !k.pristine());
}
