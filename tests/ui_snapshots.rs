//! Every screen drawn on a TestBackend at 80x24 and 120x40 and compared with
//! its accepted snapshot; colour is asserted on cells where it carries
//! meaning (snapshots hold no colour).

use hamstring_triage::app::{Action, App, Overlay, Screen, Settings};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::Audience;
use ratatui::style::{Color, Modifier};

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, at, drive};
use screen::{CALM_PATH, SIZES, find, text};

fn new_app(audience: Audience) -> App {
    App::new(Bank::builtin().expect("built-in bank"), audience, true)
}

fn to_red_flag(app: &mut Driver<App>) {
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    at(app, "cauda_equina_screen");
    app.answer(&["bladder_difficulty"]);
    assert!(matches!(app.screen, Screen::RedFlag(_)));
}

/// Snapshots the app at both sizes under `name`.
#[track_caller]
fn snap(name: &str, app: &mut Driver<App>) {
    for (w, h) in SIZES {
        let t = app.render(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn welcome() {
    snap("welcome", &mut drive(new_app(Audience::Patient)));
}

#[test]
fn first_question() {
    let mut app = drive(new_app(Audience::Patient));
    app.act(Action::Confirm);
    snap("question_age", &mut app);
}

#[test]
fn question_with_why_shown() {
    let mut app = drive(new_app(Audience::Patient));
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    app.act(Action::ToggleWhy);
    app.act(Action::Pick(0));
    app.act(Action::Pick(1));
    snap("question_multi_why", &mut app);
}

#[test]
fn pain_map_question_shows_the_whole_picture() {
    let mut app = drive(new_app(Audience::Patient));
    app.walk_to_location();
    app.act(Action::Down);
    snap("question_pain_map", &mut app);
    for (w, h) in SIZES {
        let t = app.render(w, h);
        let screen = text(t.backend().buffer());
        assert!(screen.contains("FROM BEHIND"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("FROM THE FRONT"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("7. ( ) Not sure"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn clinician_wording() {
    let mut app = drive(new_app(Audience::Clinician));
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    snap("question_clinician", &mut app);
}

#[test]
fn refused_answer_notice() {
    let mut app = drive(new_app(Audience::Patient));
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    app.act(Action::Confirm);
    snap("question_refused", &mut app);
}

#[test]
fn review() {
    let mut app = drive(new_app(Audience::Patient));
    app.walk_to_review();
    snap("review", &mut app);
}

#[test]
fn red_flag_interrupt() {
    let mut app = drive(new_app(Audience::Patient));
    to_red_flag(&mut app);
    snap("red_flag", &mut app);
    for (w, h) in SIZES {
        let t = app.render(w, h);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "EMERGENCY").expect("an EMERGENCY heading");
        let cell = &buf[(x, y)];
        assert_eq!(cell.bg, Color::Red, "the emergency heading is on red");
        assert!(cell.modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn result_after_red_flag() {
    let mut app = drive(new_app(Audience::Patient));
    to_red_flag(&mut app);
    app.act(Action::Confirm);
    snap("result_emergency", &mut app);
    let t = app.render(80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "EMERGENCY").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Red);
    assert_eq!(buf[(x, y)].fg, Color::White);
}

#[test]
fn result_banner_colour_and_words_follow_the_urgency() {
    let mut app = drive(new_app(Audience::Patient));
    app.walk_to_review();
    app.act(Action::ShowResult);
    snap("result_routine", &mut app);
    let t = app.render(80, 24);
    let buf = t.backend().buffer();
    let screen = text(buf);
    let (x, y) = find(buf, "Routine: book an appointment").expect(&screen);
    assert_eq!(buf[(x, y)].bg, Color::Green, "{screen}");
    // Tall enough for the whole result: the answers behind the causes.
    let t = app.render(100, 120);
    let screen = text(t.backend().buffer());
    assert!(
        screen.contains("Because you said: \"A: On the sit bone"),
        "{screen}"
    );
}

#[test]
fn long_result_scrolls() {
    let mut app = drive(new_app(Audience::Clinician));
    app.walk_to_review();
    app.act(Action::ShowResult);
    // Draw once so the app knows the pane's height, then scroll.
    for (w, h) in SIZES {
        let first = app.screen(w, h);
        let rows = app.drawn.result;
        let (total, view) = (rows.total, rows.view);
        assert!(total > view, "the clinician result must not fit at {w}x{h}");
        app.act(Action::PageDown);
        app.act(Action::Down);
        let scrolled = app.draw();
        assert_ne!(first, scrolled);
        assert!(
            scrolled.contains(&format!("Rows {}-", view + 1)),
            "{scrolled}"
        );
        insta::assert_snapshot!(
            format!("result_clinician_scrolled_{w}x{h}"),
            app.terminal.backend()
        );
        app.act(Action::End);
        assert!(app.draw().contains("end of the result"));
        app.act(Action::Home);
    }
}

#[test]
fn help_overlay() {
    let mut app = drive(new_app(Audience::Patient));
    app.act(Action::Confirm);
    app.act(Action::ToggleHelp);
    snap("help", &mut app);
}

#[test]
fn quit_confirmation() {
    let mut app = drive(new_app(Audience::Patient));
    app.act(Action::AskQuit);
    snap("quit", &mut app);
}

#[test]
fn too_small_says_how_big() {
    let mut app = drive(new_app(Audience::Patient));
    let t = app.render(50, 15);
    let screen = text(t.backend().buffer());
    assert!(screen.contains("at least 60 wide"), "{screen}");
    assert!(screen.contains("50 wide and 15 high"), "{screen}");
    insta::assert_snapshot!("too_small_50x15", t.backend());
}

#[test]
fn a_window_too_small_still_shows_an_emergency_once_a_red_flag_has_fired() {
    let mut app = drive(new_app(Audience::Patient).with_settings(Settings {
        emergency_number: Some("999".into()),
        ..Settings::default()
    }));
    // Before any answer: only how big the window must be.
    let screen = text(app.render(50, 15).backend().buffer());
    assert!(!screen.contains("EMERGENCY"), "{screen}");
    to_red_flag(&mut app);
    for (w, h) in [(59, 20), (50, 15), (40, 12)] {
        let screen = text(app.render(w, h).backend().buffer());
        assert!(screen.contains("EMERGENCY"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("Call 999 now."), "{w}x{h}:\n{screen}");
    }
    // And on the result it led to.
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
    let screen = text(app.render(50, 15).backend().buffer());
    assert!(screen.contains("EMERGENCY"), "{screen}");
    assert!(screen.contains("Call 999 now."), "{screen}");
    // A calm result says its urgency too.
    let mut app = drive(new_app(Audience::Patient));
    app.walk_to_review();
    app.act(Action::ShowResult);
    let screen = text(app.render(50, 15).backend().buffer());
    assert!(screen.contains("Routine: book an appointment"), "{screen}");
    // Calm: no alarm marks for a level that needs no hurry.
    assert!(!screen.contains("!!"), "{screen}");
    assert!(!screen.contains("EMERGENCY"), "{screen}");
}

#[test]
fn the_emergency_banner_names_a_number_to_call_with_or_without_a_config() {
    // No number configured: the same words in the banner and the text, in
    // each language, and the banner names it once.
    for (app, words, number) in [
        (
            new_app(Audience::Patient),
            "Call your local emergency number now.",
            "emergency number",
        ),
        (
            spanish_app(Audience::Patient),
            "Llame ahora a su número local de emergencias.",
            "número",
        ),
    ] {
        let mut app = drive(app);
        to_red_flag(&mut app);
        let screen = text(app.render(120, 40).backend().buffer());
        assert!(screen.contains(words), "{screen}");
        app.act(Action::Confirm);
        let screen = text(app.render(120, 40).backend().buffer());
        let banner: String = screen.lines().take(6).collect();
        assert_eq!(banner.matches(number).count(), 1, "{screen}");
    }
    // A configured number, in the banner of the interrupt and the result.
    let mut app = drive(new_app(Audience::Patient).with_settings(Settings {
        emergency_number: Some("000".into()),
        ..Settings::default()
    }));
    to_red_flag(&mut app);
    let screen = text(app.render(120, 40).backend().buffer());
    assert!(screen.contains("Call 000 now."), "{screen}");
    app.act(Action::Confirm);
    let screen = text(app.render(120, 40).backend().buffer());
    assert!(screen.contains("Call 000 now."), "{screen}");
}

#[test]
fn no_colour_keeps_meaning_in_words_and_emphasis() {
    let mut app = drive(App::new(Bank::builtin().unwrap(), Audience::Patient, false));
    to_red_flag(&mut app);
    let t = app.render(80, 24);
    let buf = t.backend().buffer();
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, Color::Reset, "colour at {x},{y}");
            assert_eq!(c.bg, Color::Reset, "colour at {x},{y}");
        }
    }
    let (x, y) = find(buf, "EMERGENCY").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn every_screen_fits_at_the_minimum_size_without_panicking() {
    let mut app = drive(new_app(Audience::Clinician));
    let _ = app.render(60, 20);
    app.walk_to_review();
    for _ in 0..3 {
        let _ = app.render(60, 20);
        app.act(Action::Confirm);
    }
    let mut app = drive(new_app(Audience::Patient));
    app.walk_to_location();
    let t = app.render(60, 20);
    let screen = text(t.backend().buffer());
    assert!(
        screen.contains("Not sure") || screen.contains("more below"),
        "{screen}"
    );
}

fn spanish_app(audience: Audience) -> App {
    let bank = Bank::builtin().unwrap().localized("es").unwrap();
    App::new(bank, audience, true)
}

#[test]
fn welcome_in_spanish() {
    let mut app = drive(spanish_app(Audience::Patient));
    let t = app.render(80, 24);
    insta::assert_snapshot!("welcome_es_80x24", t.backend());
}

#[test]
fn first_question_in_spanish() {
    let mut app = drive(spanish_app(Audience::Patient));
    app.act(Action::Confirm);
    let t = app.render(80, 24);
    insta::assert_snapshot!("question_age_es_80x24", t.backend());
}

#[test]
fn the_language_button_on_the_welcome_screen_switches_and_switches_back() {
    let mut app = drive(new_app(Audience::Patient));
    let screen = app.draw();
    assert!(
        screen.contains("l Español"),
        "the legend offers it:\n{screen}"
    );
    assert!(app.click_text("[ Español (l) ]"), "{screen}");
    assert_eq!(app.bank.language, "es");
    let screen = app.draw();
    assert!(screen.contains("Empezar (Intro)"), "{screen}");
    assert!(app.click_text("[ English (l) ]"), "{screen}");
    assert_eq!(app.bank.language, "en");
}

/// Words of the screens' old English literals: none may show in Spanish.
const ENGLISH: &[&str] = &[
    "answered",
    "Back",
    "Because",
    "Why",
    "Quit",
    "Help",
    "Continue",
    "Choose",
    "Enter",
    "Space",
    "Backspace",
    "below",
    "above",
    "See",
    "WARNING",
    "SIGN",
    "Check",
    "What",
    "Who",
    "Looking",
    "When",
    "This",
    "Rows",
    "Nothing",
    "tick",
    "move",
    "help",
    "quit",
    "scroll",
    "page",
    "start",
    "Start",
    "again",
    "Against",
    "Examine",
    "Imaging",
    "Hamstring",
    "EMERGENCY",
    "URGENT",
    "APPOINTMENT",
    "DOCTOR",
    "HOME",
    "last",
    "more",
    "Picture",
    "window",
    "Close",
    "Mouse",
    "carry",
    "change",
    "answer",
    "answers",
    "You",
    "you",
    "sure",
    "likely",
    "warning",
    "sign",
    "PgUp",
    "PgDn",
    "Yes",
    "stay",
    "result",
    "unanswered",
    "question",
    "highlighted",
    "emergency",
    "diagnosis",
    "keys",
    "Press",
    "press",
    "small",
];

/// The English words on a screen.
fn english_words(screen: &str) -> Vec<&'static str> {
    screen::whole_words(screen, ENGLISH)
}

/// Renders the app at `w`x`h` and fails on any English word, naming `what`.
#[track_caller]
fn all_spanish(app: &mut Driver<App>, w: u16, h: u16, what: &str) {
    let t = app.render(w, h);
    let screen = text(t.backend().buffer());
    let found = english_words(&screen);
    assert!(found.is_empty(), "{what}: English {found:?} in\n{screen}");
}

/// Every page of the result, scrolled through.
#[track_caller]
fn all_spanish_result(app: &mut Driver<App>, what: &str) {
    app.act(Action::Home);
    loop {
        all_spanish(app, 120, 40, what);
        let rows = app.drawn.result;
        if app.result_scroll + rows.view >= rows.total {
            break;
        }
        app.act(Action::PageDown);
    }
}

#[test]
fn no_english_is_left_on_any_screen_in_spanish() {
    let english = drive(new_app(Audience::Patient)).screen(120, 40);
    assert!(
        !english_words(&english).is_empty(),
        "the check finds English where there is some"
    );
    for audience in [Audience::Patient, Audience::Clinician] {
        let mut app = drive(spanish_app(audience));
        all_spanish(&mut app, 120, 40, "welcome");
        all_spanish(&mut app, 70, 20, "welcome, small");
        all_spanish(&mut app, 50, 15, "too small");
        app.act(Action::ToggleHelp);
        all_spanish(&mut app, 120, 40, "help");
        app.act(Action::Dismiss);
        app.act(Action::AskQuit);
        all_spanish(&mut app, 120, 40, "quit?");
        app.act(Action::Dismiss);

        // A full path to a result, each question with "why we ask" shown.
        app.act(Action::Confirm);
        for ids in CALM_PATH {
            let id = app.bank.questions[app.current].id.clone();
            all_spanish(&mut app, 120, 40, &id);
            if id == "cauda_equina_screen" {
                // Nothing ticked on a multi-select question: the refusal.
                app.act(Action::Confirm);
                all_spanish(&mut app, 120, 40, "refused");
            }
            if id == "location" {
                all_spanish(&mut app, 60, 20, "picture hidden");
            }
            app.act(Action::ToggleWhy);
            all_spanish(&mut app, 120, 40, &format!("{id}, why"));
            app.act(Action::ToggleWhy);
            app.answer(ids);
        }
        assert_eq!(app.screen, Screen::Review);
        all_spanish(&mut app, 120, 40, "review");
        all_spanish(&mut app, 60, 20, "review, scrolled list");
        app.act(Action::ShowResult);
        assert_eq!(app.screen, Screen::Result);
        all_spanish_result(&mut app, "result");
        app.act(Action::StartAgain);
        all_spanish(&mut app, 120, 40, "welcome again");

        // The red-flag interrupt and its result.
        to_red_flag(&mut app);
        all_spanish(&mut app, 120, 40, "red flag");
        app.act(Action::ToggleHelp);
        all_spanish(&mut app, 120, 40, "help over the red flag");
        app.act(Action::Dismiss);
        app.act(Action::Confirm);
        all_spanish_result(&mut app, "emergency result");
    }
}

/// Drives the Spanish app from the welcome screen to the result.
fn spanish_to_result(app: &mut Driver<App>) {
    app.walk_to_review();
    app.act(Action::ShowResult);
    assert_eq!(app.screen, Screen::Result);
}

#[test]
fn saving_and_opening_records_speak_spanish_too() {
    let data = tempfile::tempdir().unwrap();
    let settings = |dir: Option<&std::path::Path>| Settings {
        save_records: true,
        data_dir: dir.map(|d| d.to_path_buf()),
        emergency_number: None,
        ..Settings::default()
    };

    // A clinician's result is saved on arrival and shows its code.
    let mut app =
        drive(spanish_app(Audience::Clinician).with_settings(settings(Some(data.path()))));
    all_spanish(&mut app, 120, 40, "welcome with records");
    spanish_to_result(&mut app);
    let code = app.saved_code().expect("saved").to_string();
    all_spanish_result(&mut app, "saved result");
    app.act(Action::StartAgain);
    app.act(Action::OpenRecord);
    assert_eq!(app.overlay, Some(Overlay::OpenRecord));
    all_spanish(&mut app, 120, 40, "code box");
    for typed in ["", "zz", "ABC-DEF"] {
        for c in typed.chars() {
            app.act(Action::Edit(tui_input::InputRequest::InsertChar(c)));
        }
        app.act(Action::Confirm);
        assert!(app.code_entry.error.is_some(), "{typed:?}");
        all_spanish(&mut app, 120, 40, &format!("code box, {typed:?} refused"));
        while !app.code_entry.input.value().is_empty() {
            app.act(Action::Edit(tui_input::InputRequest::DeletePrevChar));
        }
    }
    for c in code.chars() {
        app.act(Action::Edit(tui_input::InputRequest::InsertChar(c)));
    }
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
    assert!(app.opened().is_some());
    all_spanish_result(&mut app, "opened record");

    // A patient's save that fails (no data folder): why, and the record to
    // copy.
    let mut app = drive(spanish_app(Audience::Patient).with_settings(settings(None)));
    spanish_to_result(&mut app);
    all_spanish_result(&mut app, "not saved yet");
    app.act(Action::Save);
    app.act(Action::Save);
    all_spanish_result(&mut app, "save failed twice");
    app.act(Action::ShowRecord);
    assert_eq!(app.overlay, Some(Overlay::RecordJson));
    let t = app.render(120, 40);
    let screen = text(t.backend().buffer());
    // The record itself is JSON (its field names stay): only the box's own
    // words are checked.
    for spanish in ["El registro, sin guardar", "Filas 1-", "Cerrar"] {
        assert!(screen.contains(spanish), "{spanish}:\n{screen}");
    }
    for english in ["Rows", "Close", "select and copy", "printed in full"] {
        assert!(!screen.contains(english), "{english}:\n{screen}");
    }
}

#[test]
fn the_key_footer_is_one_row_at_80_columns_in_both_languages() {
    for lang in ["en", "es"] {
        for audience in [Audience::Patient, Audience::Clinician] {
            let bank = Bank::builtin().unwrap().localized(lang).unwrap();
            let app =
                |settings| drive(App::new(bank.clone(), audience, true).with_settings(settings));
            let records = Settings {
                save_records: true,
                ..Settings::default()
            };
            // The legend is the last row, the buttons the row above it.
            let one_row = |app: &mut Driver<App>, what: &str| {
                let s = app.screen(80, 24);
                let rows: Vec<&str> = s.lines().collect();
                assert!(
                    rows[22].trim_start().starts_with('[') && !rows[23].trim().is_empty(),
                    "{lang} {audience:?} {what}: the keys wrap or are missing:\n{s}"
                );
            };
            let mut a = app(records.clone());
            one_row(&mut a, "welcome");
            a.act(Action::Confirm);
            one_row(&mut a, "single choice");
            for ids in &CALM_PATH[..3] {
                a.answer(ids);
            }
            one_row(&mut a, "several may apply");
            for ids in &CALM_PATH[3..] {
                a.answer(ids);
            }
            one_row(&mut a, "review");
            a.act(Action::ShowResult);
            one_row(&mut a, "result");
            let mut a = app(Settings::default());
            to_red_flag(&mut a);
            one_row(&mut a, "red flag");
        }
    }
}

/// The screen's text with only the cells drawn in the highlight style
/// (black on cyan) kept, blanks as ▒: where the highlight is, for a
/// snapshot.
fn highlighted(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| {
                    let c = &buf[(x, y)];
                    match (c.bg == Color::Cyan, c.symbol()) {
                        (true, " ") => "▒",
                        (true, symbol) => symbol,
                        (false, _) => " ",
                    }
                })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pain_map_lights_the_places_chosen_and_highlighted_in_both_audiences() {
    for (name, audience, a, b) in [
        (
            "patient",
            Audience::Patient,
            "A: On the sit bone",
            "B: The back of",
        ),
        (
            "clinician",
            Audience::Clinician,
            "A: Ischial tuberosity",
            "B: Posterior thigh",
        ),
    ] {
        let mut app = drive(new_app(audience));
        app.walk_to_location();
        // Chosen: the sit bone (A); then back, and the highlight on B.
        app.answer(&["sit_bone"]);
        app.act(Action::Back);
        at(&app, "location");
        app.act(Action::Home);
        app.act(Action::Down);
        for (w, h) in SIZES {
            let t = app.render(w, h);
            let buf = t.backend().buffer();
            let screen = text(buf);
            // The options carry the map's letters in both audiences.
            assert!(screen.contains(a), "{name} {w}x{h}:\n{screen}");
            assert!(screen.contains(b), "{name} {w}x{h}:\n{screen}");
            let lit = highlighted(buf);
            let picture = |letter: char| {
                let (x, y) = find(buf, "FROM BEHIND").expect("the picture");
                (y..buf.area.bottom()).any(|y| {
                    (x.saturating_sub(4)..x + 16).any(|x| {
                        buf[(x, y)].symbol() == letter.to_string() && buf[(x, y)].bg == Color::Cyan
                    })
                })
            };
            assert!(picture('A'), "the chosen place, {name} {w}x{h}:\n{lit}");
            assert!(
                picture('B'),
                "the highlighted place, {name} {w}x{h}:\n{lit}"
            );
            assert!(!picture('C'), "{name} {w}x{h}:\n{lit}");
            insta::assert_snapshot!(format!("pain_map_{name}_{w}x{h}"), t.backend());
            insta::assert_snapshot!(format!("pain_map_{name}_lit_{w}x{h}"), lit);
        }
    }
}

#[test]
fn the_keys_speak_in_the_audiences_voice_in_both_languages() {
    for (lang, mine, theirs, we_ask, is_asked) in [
        (
            "en",
            "change my answer",
            "change the answer",
            "why we ask this question",
            "why the question is asked",
        ),
        (
            "es",
            "cambiar mi respuesta",
            "cambiar la respuesta",
            "por qué hacemos esta pregunta",
            "por qué se hace esta pregunta",
        ),
    ] {
        for (audience, says, not) in [
            (Audience::Patient, (mine, we_ask), (theirs, is_asked)),
            (Audience::Clinician, (theirs, is_asked), (mine, we_ask)),
        ] {
            let bank = Bank::builtin().unwrap().localized(lang).unwrap();
            let mut app = drive(App::new(bank, audience, true));
            to_red_flag(&mut app);
            for (w, h) in SIZES {
                // The footer's key legend: its last row.
                let screen = app.screen(w, h);
                let legend = screen.lines().last().unwrap();
                assert!(legend.contains(says.0), "{lang} {audience:?}: {legend}");
                assert!(!legend.contains(not.0), "{lang} {audience:?}: {legend}");
            }
            app.act(Action::ToggleHelp);
            let screen = app.screen(120, 40);
            assert!(screen.contains(says.1), "{lang} {audience:?}:\n{screen}");
            assert!(!screen.contains(not.1), "{lang} {audience:?}:\n{screen}");
        }
    }
}
