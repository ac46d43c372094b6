//! Property tests on the interactive apps: random sequences of key presses,
//! mouse events, resizes, pastes, focus changes and time passing are fed to
//! the questionnaire (both audiences, English and Spanish, with and without
//! colour, saving or not), the kiosk and the practice screen, through the
//! same entry points the terminal loop uses (`Interactive::handle` with the effects
//! done by `Io` and fed back, `tick`,
//! `done`, `take_wipe`, and `terminal::draw` on a TestBackend at the current
//! size). Nothing may panic, and after every event the state must hold
//! together:
//!
//! - questionnaire: the answers are exactly those on the path the engine
//!   walks from the start, each a valid answer to its question; the walk and
//!   the result are the engine's own for those answers; the question shown is
//!   on the path or the one it waits for; a red flag that fires is shown at
//!   once, every one is shown before the review or the result (or, when one
//!   stopped the questionnaire, that one, and the result lists them all),
//!   one goes away only when an answer that raised it changes, and the
//!   result is never less urgent than a red flag that fired; it only ends
//!   by Ctrl-C or a "yes" to "Quit?".
//! - kiosk: the same for the patient's questionnaire, and it never ends or
//!   asks to but on the staff chord and the right PIN; the staff chord always
//!   opens the PIN box; no answers outlive the idle or done timeout; every
//!   wipe leaves a fresh questionnaire.
//! - practice: the transcript holds only questions asked, each once, with the
//!   simulated patient's reply; it only grows by the question asked, and not
//!   at all once the answer is committed; the cursors and the differential
//!   stay in range.
//!
//! Each test also fails when none of its sequences reached a state it names
//! (a red flag, a result, the PIN box, the feedback, ...): the properties
//! must not pass for want of getting anywhere. The counts are printed
//! (`-- --nocapture`).
//!
//! CI runs a short pass with a fixed seed. A long run, in release:
//!
//!     APP_PROP_CASES=5000 cargo test --release --test app_props
//!
//! `APP_PROP_CASES` is the number of sequences per test; `APP_PROP_SEED`
//! picks other sequences.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use hamstring_triage::app::kiosk::{KioskApp, KioskDrawn, Phase, is_staff_chord};
use hamstring_triage::app::practice::{self, PracticeApp};
use hamstring_triage::app::{Action, App, Drawn, KioskSettings, Overlay, Screen, Settings, Target};
use hamstring_triage::bank::{Bank, Kind};
use hamstring_triage::cli::Audience;
use hamstring_triage::engine::walk::Fired;
use hamstring_triage::engine::{self, End, Step, Walker};
use hamstring_triage::kiosk::PinGate;
use hamstring_triage::practice::{LibraryCase, askable, built_in, reply};
use hamstring_triage::terminal::{Interactive, Io, draw, perform};
use hamstring_triage::ui::{MIN_HEIGHT, MIN_WIDTH};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

// ------------------------------------------------------------ settings

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// A runner with a fixed seed (each test its own stream) and no failure
/// files: the same sequences on every run unless `APP_PROP_SEED` is set.
fn runner(test: &str, ci_cases: u32) -> TestRunner {
    let seed = env_number("APP_PROP_SEED").unwrap_or(0xa99);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    for (i, b) in test.bytes().enumerate() {
        bytes[8 + i % 24] ^= b;
    }
    let config = Config {
        cases: env_number("APP_PROP_CASES").map_or(ci_cases, |n| n as u32),
        failure_persistence: None,
        max_shrink_iters: 4000,
        max_shrink_time: 120_000,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

thread_local! {
    /// How many cases reached each state of interest (each test runs its
    /// cases on one thread).
    static REACHED: RefCell<BTreeMap<&'static str, u64>> = RefCell::default();
}

/// Runs `test` on every case `strategy` makes; a failure shows the shrunk
/// case. The sequences must have reached every state in `expected` at least
/// once, or the properties were checked on too little.
fn run<S: Strategy>(
    name: &str,
    ci_cases: u32,
    strategy: S,
    test: fn(&S::Value) -> Checked,
    expected: &[&str],
) where
    S::Value: std::fmt::Debug,
{
    let started = Instant::now();
    REACHED.with(|r| r.borrow_mut().clear());
    let mut runner = runner(name, ci_cases);
    let result = runner.run(&strategy, |case| test(&case));
    let reached = REACHED.with(|r| std::mem::take(&mut *r.borrow_mut()));
    eprintln!(
        "{name}: {} cases in {:.1?}; cases reaching each state: {reached:?}",
        runner.config().cases,
        started.elapsed()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, case)) => panic!("{name}: {why}\nshrunk case: {case:?}"),
        Err(TestError::Abort(why)) => panic!("{name}: aborted: {why}"),
    }
    for state in expected {
        assert!(
            reached.contains_key(state),
            "{name}: no sequence reached \"{state}\" (reached: {reached:?})"
        );
    }
}

type Checked = Result<(), TestCaseError>;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

// ------------------------------------------------------------ fixtures

/// The built-in bank in English and in Spanish, loaded once.
fn banks() -> &'static (Bank, Bank) {
    static BANKS: OnceLock<(Bank, Bank)> = OnceLock::new();
    BANKS.get_or_init(|| {
        let en = Bank::builtin().expect("built-in bank");
        let es = en.localized("es").expect("Spanish");
        (en, es)
    })
}

fn bank(spanish: bool) -> Bank {
    let (en, es) = banks();
    if spanish { es.clone() } else { en.clone() }
}

/// The built-in practice cases, loaded once.
fn cases() -> &'static [LibraryCase] {
    static CASES: OnceLock<Vec<LibraryCase>> = OnceLock::new();
    CASES.get_or_init(|| {
        let (cases, bad) = built_in(&banks().0.vocab);
        assert!(bad.is_empty(), "{bad:?}");
        cases
    })
}

/// The kiosk's staff PIN.
const PIN: &str = "2468";

/// The PIN's hash, as `kiosk set-pin` stores it but with the cheapest
/// Argon2 costs, so that the many tries the sequences make stay fast (the
/// costs travel in the hash, and the kiosk verifies whatever it is given).
fn pin_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let params = Params::new(8, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(PIN.as_bytes(), &salt)
            .unwrap()
            .to_string()
    })
}

/// A folder for the records the apps save, one for the whole run, under
/// the target folder (statics are never dropped, so it stays there).
fn data_dir() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("app-props-records-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap()
    })
    .path()
    .to_path_buf()
}

/// How results are saved.
#[derive(Debug, Clone, Copy)]
enum Saving {
    /// Not at all (the default settings).
    Off,
    /// In a writable folder.
    Folder,
    /// With no folder: every save fails (and the record can be shown).
    NoFolder,
}

fn settings(saving: Saving) -> Settings {
    let mut s = Settings {
        clinic_name: Some("Riverside Physiotherapy".into()),
        emergency_number: Some("999".into()),
        ..Settings::default()
    };
    match saving {
        Saving::Off => {}
        Saving::Folder => {
            s.save_records = true;
            s.data_dir = Some(data_dir());
        }
        Saving::NoFolder => s.save_records = true,
    }
    s
}

// ------------------------------------------------------------ events

/// One thing the person, the terminal or the clock does.
#[derive(Debug, Clone)]
enum Ev {
    Key(KeyCode, KeyModifiers, KeyEventKind),
    Mouse(MouseEventKind, u16, u16, KeyModifiers),
    /// A left click in the middle of the n-th (modulo their number)
    /// clickable thing the last frame drew, so that sequences get far; the
    /// ways out (Quit, "Yes" to "Quit?") only when the flag says so, so that
    /// most sequences go on long enough to get somewhere.
    ClickDrawn(usize, bool),
    /// The window's new size.
    Resize(u16, u16),
    /// Time passes (milliseconds); the loop wakes up and ticks.
    Wait(u64),
    Paste(String),
    Focus(bool),
    /// On a question, the number of its n-th option (modulo their number),
    /// then Enter if several may be ticked: an answer.
    Answer(usize),
    /// Clinician: `o`, the code of the last record saved, Enter.
    OpenSaved,
    /// Kiosk: Ctrl-Alt-Q.
    StaffChord,
    /// Kiosk: digits typed (the right PIN, or these), then Enter.
    TypePin(Option<String>),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    let special = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Null,
        KeyCode::CapsLock,
    ]);
    // The keys that mean something somewhere, the ways out rarer so that
    // sequences get somewhere before they quit.
    let meaningful = prop::sample::select(
        " jkgGwWrRcCvVoOlLsShH?/+-nNáñ é"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        16 => (b'1'..=b'9').prop_map(|d| KeyCode::Char(d as char)),
        2 => Just(KeyCode::Char('0')),
        12 => special,
        10 => meaningful.prop_map(KeyCode::Char),
        1 => prop::sample::select(vec![KeyCode::Char('q'), KeyCode::Char('Q'), KeyCode::Esc]),
        2 => any::<char>().prop_map(KeyCode::Char),
        2 => (0u8..=30).prop_map(KeyCode::F),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        12 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ]
}

fn key_kind() -> impl Strategy<Value = KeyEventKind> {
    prop_oneof![
        18 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Release),
        1 => Just(KeyEventKind::Repeat),
    ]
}

fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
    let button = prop::sample::select(vec![
        MouseButton::Left,
        MouseButton::Right,
        MouseButton::Middle,
    ]);
    prop_oneof![
        4 => Just(MouseEventKind::Down(MouseButton::Left)),
        1 => button.clone().prop_map(MouseEventKind::Down),
        1 => button.clone().prop_map(MouseEventKind::Up),
        1 => button.prop_map(MouseEventKind::Drag),
        1 => Just(MouseEventKind::Moved),
        2 => Just(MouseEventKind::ScrollUp),
        2 => Just(MouseEventKind::ScrollDown),
        1 => Just(MouseEventKind::ScrollLeft),
        1 => Just(MouseEventKind::ScrollRight),
    ]
}

/// A cell: mostly on a usual window, sometimes anywhere at all.
fn cell() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        4 => (0u16..130, 0u16..45),
        1 => (any::<u16>(), any::<u16>()),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    // Mostly the sizes of real windows and the edges of "too small", often
    // tiny (down to nothing at all), sometimes anything up to 300x100.
    prop_oneof![
        12 => prop::sample::select(vec![(80, 24), (120, 40), (60, 20), (59, 20), (60, 19), (100, 30)]),
        4 => (0u16..=4, 0u16..=4),
        4 => (40u16..=140, 10u16..=45),
        1 => (0u16..=300, 0u16..=100),
        1 => Just((300, 100)),
    ]
}

fn wait() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => 0u64..2_000,
        2 => 2_000u64..60_000,
        1 => 60_000u64..400_000,
    ]
}

/// An event of the questionnaire: any, or opening the last record saved.
fn questionnaire_event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        30 => event(),
        4 => any::<usize>().prop_map(Ev::Answer),
        1 => Just(Ev::OpenSaved),
    ]
}

/// The options of the question showing in a questionnaire.
fn question_options(app: &App) -> Option<(usize, bool)> {
    (app.screen == Screen::Question && app.overlay.is_none()).then(|| {
        (
            app.bank.questions[app.current].options.len(),
            app.current_is_multi(),
        )
    })
}

/// An event of any of the apps.
fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        14 => (key_code(), modifiers(), key_kind()).prop_map(|(c, m, k)| Ev::Key(c, m, k)),
        3 => (mouse_kind(), cell(), modifiers()).prop_map(|(k, (x, y), m)| Ev::Mouse(k, x, y, m)),
        5 => (any::<usize>(), prop::bool::weighted(0.1)).prop_map(|(n, out)| Ev::ClickDrawn(n, out)),
        1 => size().prop_map(|(w, h)| Ev::Resize(w, h)),
        1 => wait().prop_map(Ev::Wait),
        1 => ".{0,12}".prop_map(Ev::Paste),
        1 => any::<bool>().prop_map(Ev::Focus),
    ]
}

/// An event of the kiosk: the same, the clock more often, and the staff.
fn kiosk_event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        20 => event(),
        3 => any::<usize>().prop_map(Ev::Answer),
        3 => wait().prop_map(Ev::Wait),
        1 => Just(Ev::StaffChord),
        1 => Just(Ev::TypePin(None)),
        1 => "[0-9]{0,14}".prop_map(|p| Ev::TypePin(Some(p))),
    ]
}

fn events(event: impl Strategy<Value = Ev>) -> impl Strategy<Value = Vec<Ev>> {
    prop::collection::vec(event, 0..200)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new_with_kind(
        code,
        modifiers,
        KeyEventKind::Press,
    ))
}

fn left_click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn is_press(e: &Event, code: KeyCode) -> bool {
    matches!(e, Event::Key(k) if k.kind == KeyEventKind::Press && k.code == code)
}

fn is_ctrl_c(e: &Event) -> bool {
    matches!(e, Event::Key(k) if k.kind == KeyEventKind::Press
        && k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, KeyCode::Char('c' | 'C')))
}

fn is_left_click(e: &Event) -> bool {
    matches!(e, Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left))
}

// ------------------------------------------------------------ the loop

/// An app under test with what its checks remember between events.
trait Harness<A: Interactive> {
    fn app(&mut self) -> &mut A;
    /// The clickable areas of the last frame, the ways out among them or
    /// not.
    fn clickable(&mut self, drawn: &A::Drawn, ways_out: bool) -> Vec<Rect>;
    /// The number of options of the question showing, if one is.
    fn options(&self) -> Option<(usize, bool)> {
        None
    }
    /// The code of the last record saved, if one was.
    fn saved(&self) -> Option<String> {
        None
    }
    /// Remembers what the checks compare with, just before an event.
    fn before(&mut self, now: Instant);
    /// The checks after the event and the tick that follows it.
    fn check(&mut self, event: &Event, now: Instant) -> Result<(), String>;
    /// The checks when the loop must end.
    fn check_done(&mut self, event: &Event) -> Result<(), String>;
    /// Notes the states of interest the app is in.
    fn reached(&self, states: &mut BTreeSet<&'static str>);
    /// The checks when the loop wipes the screen.
    fn check_wipe(&mut self) -> Result<(), String> {
        Err("a wipe asked for outside the kiosk".into())
    }
}

/// Drives an app the way the terminal loop does: draw, an event to
/// `handle` against what that frame drew, the effect it asks for done by
/// `io` and fed back, a `tick` with the time now, stop when `done`, wipe
/// when asked, draw again. Checks after every event; a panic fails the case.
fn drive<A, H>(h: &mut H, io: Io, start: (u16, u16), events: &[Ev]) -> Checked
where
    A: Interactive,
    H: Harness<A>,
{
    let mut states = BTreeSet::new();
    let result = drive_noting(h, io, start, events, &mut states);
    REACHED.with(|r| {
        let mut r = r.borrow_mut();
        for s in states {
            *r.entry(s).or_default() += 1;
        }
    });
    result
}

fn drive_noting<A, H>(
    h: &mut H,
    mut io: Io,
    start: (u16, u16),
    events: &[Ev],
    states: &mut BTreeSet<&'static str>,
) -> Checked
where
    A: Interactive,
    H: Harness<A>,
{
    let mut terminal = Terminal::new(TestBackend::new(start.0, start.1)).unwrap();
    let mut now = Instant::now();
    let mut drawn = A::Drawn::default();
    draw(&mut terminal, &*h.app(), &mut drawn).unwrap();
    for (i, ev) in events.iter().enumerate() {
        let mut concrete = Vec::new();
        match ev {
            Ev::Key(code, mods, kind) => {
                concrete.push(Event::Key(KeyEvent::new_with_kind(*code, *mods, *kind)))
            }
            Ev::Mouse(kind, column, row, modifiers) => concrete.push(Event::Mouse(MouseEvent {
                kind: *kind,
                column: *column,
                row: *row,
                modifiers: *modifiers,
            })),
            Ev::ClickDrawn(n, ways_out) => {
                let areas = h.clickable(&drawn, *ways_out);
                if let Some(r) = areas.get(n % areas.len().max(1)) {
                    concrete.push(left_click(r.x + r.width / 2, r.y + r.height / 2));
                }
            }
            Ev::Resize(w, hh) => {
                terminal.backend_mut().resize(*w, *hh);
                concrete.push(Event::Resize(*w, *hh));
            }
            Ev::Wait(ms) => now += Duration::from_millis(*ms),
            Ev::Paste(s) => concrete.push(Event::Paste(s.clone())),
            Ev::Focus(true) => concrete.push(Event::FocusGained),
            Ev::Focus(false) => concrete.push(Event::FocusLost),
            Ev::Answer(n) => {
                if let Some((count, multi)) = h.options() {
                    let digit = char::from_digit((n % count.clamp(1, 9)) as u32 + 1, 10).unwrap();
                    concrete.push(key(KeyCode::Char(digit), KeyModifiers::NONE));
                    if multi {
                        concrete.push(key(KeyCode::Enter, KeyModifiers::NONE));
                    }
                }
            }
            Ev::OpenSaved => {
                concrete.push(key(KeyCode::Char('o'), KeyModifiers::NONE));
                for c in h.saved().unwrap_or_default().chars() {
                    concrete.push(key(KeyCode::Char(c), KeyModifiers::NONE));
                }
                concrete.push(key(KeyCode::Enter, KeyModifiers::NONE));
            }
            Ev::StaffChord => concrete.push(key(
                KeyCode::Char('q'),
                KeyModifiers::CONTROL | KeyModifiers::ALT,
            )),
            Ev::TypePin(pin) => {
                for c in pin.as_deref().unwrap_or(PIN).chars() {
                    concrete.push(key(KeyCode::Char(c), KeyModifiers::NONE));
                }
                concrete.push(key(KeyCode::Enter, KeyModifiers::NONE));
            }
        }
        // A wake-up with no event still ticks.
        let mut steps: Vec<Option<Event>> = concrete.into_iter().map(Some).collect();
        if steps.is_empty() {
            steps.push(None);
        }
        for e in steps {
            h.before(now);
            let app = h.app();
            if let Some(e) = &e {
                let effect = app.handle(e, &drawn);
                perform(app, &mut io, effect, now);
            }
            let (_, effect) = app.tick(now);
            perform(app, &mut io, effect, now);
            let shown = e
                .as_ref()
                .map_or("a tick alone".into(), |e| format!("{e:?}"));
            let at = |why: String| TestCaseError::fail(format!("after event {i} ({shown}): {why}"));
            // The checks look at the event; a tick alone is no input.
            let e = e.unwrap_or(Event::FocusLost);
            if h.app().done() {
                states.insert("quit");
                return h.check_done(&e).map_err(at);
            }
            if h.app().take_wipe() {
                states.insert("wiped");
                h.check_wipe().map_err(at)?;
                terminal.swap_buffers();
            }
            draw(&mut terminal, &*h.app(), &mut drawn).unwrap();
            // What the frame drew is what clicks are tested against.
            h.check(&e, now).map_err(at)?;
            h.reached(states);
            let area = terminal.backend().buffer().area;
            if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
                states.insert("too small");
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------ questionnaire

/// The questionnaire's state is consistent with itself, the engine and the
/// bank.
fn questionnaire_holds(app: &App) -> Result<(), String> {
    let bank = &app.bank;
    let walk = &app.session.walk;

    // The path, walked again one answer at a time, follows the tree.
    let mut walker = Walker::new(bank);
    for (i, s) in walk.steps.iter().enumerate() {
        ensure!(
            walker.pending() == Some(s.question),
            "step {i} is question {} but the tree asks {:?} there",
            s.question,
            walker.pending()
        );
        ensure!(
            walker.answer(&s.chosen).is_ok(),
            "step {i}: {:?} is no answer to question {}",
            s.chosen,
            s.question
        );
    }
    ensure!(
        walker.walk().end == walk.end,
        "the path ends {:?} but the app says {:?}",
        walker.walk().end,
        walk.end
    );
    ensure!(walker.walk().fired == walk.fired, "other red flags fired");

    // The answers are exactly those on the path.
    let on_path: BTreeSet<usize> = walk.asked().collect();
    ensure!(
        on_path.len() == walk.steps.len(),
        "a question twice on the path"
    );
    let answered: BTreeSet<usize> = app.session.answers.keys().copied().collect();
    ensure!(
        answered == on_path,
        "answers to {answered:?} but the path asks {on_path:?}"
    );
    for s in &walk.steps {
        ensure!(
            app.session.answers[&s.question] == s.chosen,
            "question {}: the answer {:?} is not the path's {:?}",
            s.question,
            app.session.answers[&s.question],
            s.chosen
        );
    }
    for (&q, chosen) in &app.session.answers {
        ensure!(q < bank.questions.len(), "an answer to no question ({q})");
        if let Err(e) = engine::check_answer(bank, q, chosen) {
            return Err(format!("question {q}: {chosen:?} refused: {e}"));
        }
    }

    // The walk and the result are the engine's own.
    let again = engine::walk(bank, &app.session.answers);
    ensure!(
        again.steps == walk.steps
            && again.end == walk.end
            && again.fired == walk.fired
            && again.findings == walk.findings,
        "the app's walk is not the engine's for its answers"
    );
    ensure!(
        app.session.outcome.is_some() == walk.is_finished(),
        "a result {} for a walk that {}",
        if app.session.outcome.is_some() {
            "shown"
        } else {
            "missing"
        },
        if walk.is_finished() {
            "ended"
        } else {
            "goes on"
        }
    );
    if let Some(o) = &app.session.outcome {
        let t = engine::triage(bank, walk);
        ensure!(
            o.urgency == t.urgency
                && o.red_flags == t.red_flags
                && o.stopped_by == t.stopped_by
                && o.reasons == t.reasons,
            "the result is not the engine's for the walk"
        );
        // Never below a red flag that fired.
        for f in &walk.fired {
            ensure!(
                o.urgency >= bank.red_flags[f.flag].urgency,
                "urgency {:?} below red flag {} ({:?})",
                o.urgency,
                bank.red_flags[f.flag].id,
                bank.red_flags[f.flag].urgency
            );
        }
        if let End::Stopped(f) = walk.end {
            ensure!(
                o.stopped_by == Some(f),
                "stopped by {f} but the result says otherwise"
            );
        }
        let listed: Vec<usize> = walk.fired.iter().map(|f| f.flag).collect();
        ensure!(
            o.red_flags == listed,
            "the result lists red flags {:?} of {listed:?}",
            o.red_flags
        );
    }

    // Red flags shown are red flags that fired.
    let fired: BTreeSet<usize> = walk.fired.iter().map(|f| f.flag).collect();
    for f in &app.session.seen_flags {
        ensure!(
            fired.contains(f),
            "red flag {f} counted as shown but not fired"
        );
    }
    // Every red flag that fired is shown on a screen of its own, but for
    // those that fired with the one that stopped the questionnaire: that one
    // is shown, and the result lists them all.
    let all_shown = match walk.end {
        End::Stopped(s) => app.session.seen_flags.contains(&s),
        _ => fired.iter().all(|f| app.session.seen_flags.contains(f)),
    };

    match app.screen {
        Screen::Welcome => {}
        Screen::Question => {
            let q = app.current;
            ensure!(q < bank.questions.len(), "question {q} does not exist");
            ensure!(
                app.session.step_of(q).is_some() || walk.end == End::Pending(q),
                "question {} shown but the path is {on_path:?} and ends {:?}",
                bank.questions[q].id,
                walk.end
            );
            let n = bank.questions[q].options.len();
            ensure!(app.cursor < n, "cursor {} of {n} options", app.cursor);
            ensure!(
                app.draft.iter().all(|&o| o < n),
                "draft {:?} of {n} options",
                app.draft
            );
            let distinct: BTreeSet<_> = app.draft.iter().collect();
            ensure!(
                distinct.len() == app.draft.len(),
                "draft {:?} repeats",
                app.draft
            );
            if bank.questions[q].kind == Kind::Single {
                ensure!(
                    app.draft.len() <= 1,
                    "draft {:?} on a single choice",
                    app.draft
                );
            }
        }
        Screen::Review => {
            ensure!(
                walk.end == End::Result,
                "review with the walk at {:?}",
                walk.end
            );
            ensure!(
                app.review_cursor <= walk.steps.len(),
                "review cursor {} of {}",
                app.review_cursor,
                walk.steps.len()
            );
            ensure!(
                all_shown,
                "review reached with a red flag not shown: fired {fired:?}, shown {:?}",
                app.session.seen_flags
            );
        }
        Screen::RedFlag(f) => {
            ensure!(
                fired.contains(&f),
                "red flag {f} shown but not fired ({fired:?})"
            );
        }
        Screen::Result => {
            ensure!(
                walk.is_finished(),
                "result shown with the walk at {:?}",
                walk.end
            );
            ensure!(
                all_shown,
                "result reached with a red flag not shown: fired {fired:?}, shown {:?}",
                app.session.seen_flags
            );
        }
    }
    match app.overlay {
        Some(Overlay::RecordJson) => ensure!(
            app.screen == Screen::Result && app.unsaved_json().is_some(),
            "the record's JSON open with none to show"
        ),
        Some(Overlay::OpenRecord) => ensure!(
            app.screen == Screen::Welcome
                && app.audience == Audience::Clinician
                && app.settings.save_records
                && !app.is_kiosk(),
            "the code box open where it may not be"
        ),
        _ => {}
    }
    if let Some(code) = app.saved_code() {
        ensure!(
            app.settings.save_records && app.session.outcome.is_some(),
            "saved as {code} without a result to save"
        );
    }
    Ok(())
}

/// The questionnaire's states of interest.
fn questionnaire_reached(app: &App, states: &mut BTreeSet<&'static str>) {
    states.insert(match app.screen {
        Screen::Welcome => "welcome",
        Screen::Question => "question",
        Screen::Review => "review",
        Screen::RedFlag(_) => "red flag",
        Screen::Result => "result",
    });
    if let Some(o) = app.overlay {
        states.insert(match o {
            Overlay::Help => "help",
            Overlay::ConfirmQuit => "quit?",
            Overlay::RecordJson => "record json",
            Overlay::OpenRecord => "code box",
        });
    }
    if app.saved_code().is_some() {
        states.insert("saved");
    }
    if app.unsaved_json().is_some() {
        states.insert("save failed");
    }
    if app.opened().is_some() {
        states.insert("record opened");
    }
    if app.bank.language != "en" {
        states.insert("spanish");
    }
}

/// What a questionnaire was just before an event.
#[derive(Default)]
struct QBefore {
    steps: Vec<Step>,
    fired: Vec<Fired>,
    confirm_quit: bool,
}

impl QBefore {
    fn of(app: &App) -> QBefore {
        QBefore {
            steps: app.session.walk.steps.clone(),
            fired: app.session.walk.fired.clone(),
            confirm_quit: app.overlay == Some(Overlay::ConfirmQuit),
        }
    }

    /// A red flag that fires with this event is shown at once (a red-flag
    /// screen), and one that fired goes only when an answer that raised it
    /// (one at or before its step) changes.
    fn red_flags_hold(&self, app: &App) -> Result<(), String> {
        let was: BTreeSet<usize> = self.fired.iter().map(|f| f.flag).collect();
        let now: BTreeSet<usize> = app.session.walk.fired.iter().map(|f| f.flag).collect();
        let new: Vec<usize> = now.difference(&was).copied().collect();
        // A saved record opened goes straight to its result, which lists
        // its red flags first.
        let opened = app.screen == Screen::Result && app.opened().is_some();
        if !new.is_empty() && !opened {
            ensure!(
                matches!(app.screen, Screen::RedFlag(f) if now.contains(&f)),
                "red flags {new:?} fired but the screen is {:?}",
                app.screen
            );
        }
        for f in self.fired.iter().filter(|f| !now.contains(&f.flag)) {
            let upto = f.step + 1;
            ensure!(
                app.session.walk.steps.get(..upto) != self.steps.get(..upto),
                "red flag {} went away with the answers that raised it unchanged",
                app.bank.red_flags[f.flag].id
            );
        }
        Ok(())
    }
}

struct Questionnaire {
    app: App,
    before: QBefore,
    saved: Option<String>,
}

impl Harness<App> for Questionnaire {
    fn app(&mut self) -> &mut App {
        &mut self.app
    }

    fn clickable(&mut self, drawn: &Drawn, ways_out: bool) -> Vec<Rect> {
        let out = |t: &Target| matches!(t, Target::Button(Action::AskQuit | Action::QuitConfirmed));
        drawn
            .targets
            .all()
            .iter()
            .filter(|(_, t)| ways_out || !out(t))
            .map(|(r, _)| *r)
            .collect()
    }

    fn saved(&self) -> Option<String> {
        self.saved.clone()
    }

    fn options(&self) -> Option<(usize, bool)> {
        question_options(&self.app)
    }

    fn reached(&self, states: &mut BTreeSet<&'static str>) {
        questionnaire_reached(&self.app, states);
    }

    fn before(&mut self, _now: Instant) {
        self.before = QBefore::of(&self.app);
    }

    fn check(&mut self, _event: &Event, _now: Instant) -> Result<(), String> {
        ensure!(!self.app.should_quit, "should quit but the loop goes on");
        if let Some(code) = self.app.saved_code() {
            self.saved = Some(code.to_string());
        }
        questionnaire_holds(&self.app)?;
        self.before.red_flags_hold(&self.app)
    }

    fn check_done(&mut self, event: &Event) -> Result<(), String> {
        ensure!(
            is_ctrl_c(event) || self.before.confirm_quit,
            "quit without Ctrl-C or a yes to \"Quit?\""
        );
        questionnaire_holds(&self.app)
    }
}

#[derive(Debug, Clone)]
struct QCase {
    audience: Audience,
    spanish: bool,
    colour: bool,
    saving: Saving,
    size: (u16, u16),
    events: Vec<Ev>,
}

fn questionnaire_case() -> impl Strategy<Value = QCase> {
    let audience = prop::sample::select(vec![Audience::Patient, Audience::Clinician]);
    let saving = prop::sample::select(vec![Saving::Off, Saving::Folder, Saving::NoFolder]);
    let start = prop_oneof![4 => Just((80u16, 24u16)), 2 => Just((120, 40)), 1 => size()];
    (
        audience,
        any::<bool>(),
        any::<bool>(),
        saving,
        start,
        events(questionnaire_event()),
    )
        .prop_map(|(audience, spanish, colour, saving, size, events)| QCase {
            audience,
            spanish,
            colour,
            saving,
            size,
            events,
        })
}

fn questionnaire(case: &QCase) -> Checked {
    let app = App::new(bank(case.spanish), case.audience, case.colour)
        .with_settings(settings(case.saving));
    let io = Io::new(app.settings.data_dir.as_deref());
    let mut h = Questionnaire {
        app,
        before: QBefore::default(),
        saved: None,
    };
    drive(&mut h, io, case.size, &case.events)
}

#[test]
fn the_questionnaire_holds_together_whatever_is_pressed() {
    run(
        "questionnaire",
        48,
        questionnaire_case(),
        questionnaire,
        &[
            "question",
            "red flag",
            "result",
            "code box",
            "help",
            "quit",
            "too small",
        ],
    );
}

// ------------------------------------------------------------ kiosk

struct Kiosk {
    app: KioskApp,
    before: QBefore,
    /// The phase, the PIN typed and the wait before the event.
    phase: Phase,
    pin: String,
    locked: bool,
    /// When the last key press, touch or wheel turn came.
    last_input: Instant,
}

impl Kiosk {
    fn kiosk_holds(&self, event: &Event, now: Instant) -> Result<(), String> {
        let k = &self.app;
        let app = &k.app;
        ensure!(app.is_kiosk(), "the questionnaire forgot it is a kiosk");
        ensure!(!app.should_quit, "the questionnaire asks to quit");
        ensure!(
            !matches!(
                app.overlay,
                Some(Overlay::ConfirmQuit | Overlay::Help | Overlay::OpenRecord)
            ),
            "a way out open: {:?}",
            app.overlay
        );
        questionnaire_holds(app)?;
        ensure!(
            k.pin.value().len() <= 12 && k.pin.value().chars().all(|c| c.is_ascii_digit()),
            "the PIN box holds {:?}",
            k.pin.value()
        );
        if k.phase != Phase::Staff {
            ensure!(k.pin.value().is_empty(), "a PIN kept with the box closed");
        }
        if let Event::Key(key) = event
            && is_staff_chord(key)
        {
            ensure!(
                k.phase == Phase::Staff,
                "the staff chord did not open the PIN box"
            );
        }
        // No answers outlive the timeouts: the done timeout on a result
        // saved, the idle timeout (then the countdown) everywhere else; an
        // emergency result waits for the staff, its answers folded away
        // after the done timeout.
        let idle = now.saturating_duration_since(self.last_input);
        match k.phase {
            // Folded: the answers are hidden behind the notice for the staff.
            _ if k.folded() => {}
            _ if k.app.emergency_result() => ensure!(
                k.folded() || idle < k.kiosk.done_timeout,
                "an emergency's answers still showing {idle:?} after the last touch"
            ),
            Phase::StillThere { until } => {
                ensure!(
                    until > now,
                    "still asking \"Are you still there?\" after the wipe was due"
                );
                ensure!(
                    until - now <= k.kiosk.countdown(),
                    "the countdown is longer than it should be"
                );
            }
            _ if k.pristine() => {}
            _ => match k.done_left() {
                Some(left) => ensure!(
                    idle < k.kiosk.done_timeout && !left.is_zero(),
                    "the result stays {idle:?} after the last touch"
                ),
                None => ensure!(
                    idle < k.kiosk.idle_timeout,
                    "{idle:?} idle with a patient's answers showing"
                ),
            },
        }
        Ok(())
    }
}

impl Harness<KioskApp> for Kiosk {
    fn reached(&self, states: &mut BTreeSet<&'static str>) {
        questionnaire_reached(&self.app.app, states);
        states.insert(match self.app.phase {
            Phase::Questionnaire => "questionnaire",
            Phase::StillThere { .. } => "still there?",
            Phase::ConfirmRestart => "restart?",
            Phase::Staff => "staff box",
        });
        if self.app.pin_message.is_some() {
            states.insert("pin refused");
        }
        if self.app.pin_wait().is_some() {
            states.insert("pin locked");
        }
    }

    fn app(&mut self) -> &mut KioskApp {
        &mut self.app
    }

    fn options(&self) -> Option<(usize, bool)> {
        question_options(&self.app.app)
    }

    fn clickable(&mut self, drawn: &KioskDrawn, _ways_out: bool) -> Vec<Rect> {
        let mut areas: Vec<Rect> = drawn.targets.all().iter().map(|(r, _)| *r).collect();
        areas.extend(drawn.app.targets.all().iter().map(|(r, _)| *r));
        areas
    }

    fn before(&mut self, now: Instant) {
        self.before = QBefore::of(&self.app.app);
        self.phase = self.app.phase;
        self.pin = self.app.pin.value().to_string();
        self.locked = self.app.pin_wait().is_some();
        let _ = now;
    }

    fn check(&mut self, event: &Event, now: Instant) -> Result<(), String> {
        let input = match event {
            Event::Key(k) => k.kind == KeyEventKind::Press,
            Event::Mouse(m) => matches!(
                m.kind,
                MouseEventKind::Down(_) | MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
            ),
            _ => false,
        };
        if input {
            self.last_input = now;
        }
        self.kiosk_holds(event, now)?;
        // A red flag that fires shows at once, unless a box of the kiosk's
        // own covers it.
        if self.app.phase == Phase::Questionnaire {
            self.before.red_flags_hold(&self.app.app)?;
        }
        Ok(())
    }

    fn check_done(&mut self, event: &Event) -> Result<(), String> {
        ensure!(
            self.phase == Phase::Staff,
            "ended outside the staff PIN box ({:?})",
            self.phase
        );
        ensure!(
            self.pin == PIN,
            "ended with {:?} typed, not the PIN",
            self.pin
        );
        ensure!(!self.locked, "ended while wrong PINs made it wait");
        ensure!(
            is_press(event, KeyCode::Enter) || is_left_click(event),
            "ended on {event:?}, not Enter or OK"
        );
        Ok(())
    }

    fn check_wipe(&mut self) -> Result<(), String> {
        let app = &self.app.app;
        ensure!(
            self.app.pristine()
                && app.session.seen_flags.is_empty()
                && app.saved_code().is_none()
                && app.unsaved_json().is_none(),
            "the screen wiped but the patient's answers kept"
        );
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct KCase {
    audience: Audience,
    spanish: bool,
    colour: bool,
    saving: Saving,
    idle: u64,
    done: u64,
    size: (u16, u16),
    events: Vec<Ev>,
}

fn kiosk_case() -> impl Strategy<Value = KCase> {
    // Saving is on in a kiosk: in a folder, or failing for want of one.
    let saving = prop::sample::select(vec![Saving::Folder, Saving::NoFolder]);
    let audience = prop_oneof![4 => Just(Audience::Patient), 1 => Just(Audience::Clinician)];
    let start = prop_oneof![4 => Just((80u16, 24u16)), 2 => Just((120, 40)), 1 => size()];
    (
        (audience, any::<bool>(), any::<bool>(), saving),
        prop_oneof![Just(180u64), 5u64..400],
        prop_oneof![Just(90u64), 1u64..200],
        start,
        events(kiosk_event()),
    )
        .prop_map(
            |((audience, spanish, colour, saving), idle, done, size, events)| KCase {
                audience,
                spanish,
                colour,
                saving,
                idle,
                done,
                size,
                events,
            },
        )
}

fn kiosk(case: &KCase) -> Checked {
    let t0 = Instant::now();
    let kiosk = KioskSettings {
        idle_timeout: Duration::from_secs(case.idle),
        done_timeout: Duration::from_secs(case.done),
    };
    let app = KioskApp::new(
        bank(case.spanish),
        case.audience,
        case.colour,
        settings(case.saving),
        kiosk,
        t0,
    );
    let mut h = Kiosk {
        app,
        before: QBefore::default(),
        phase: Phase::Questionnaire,
        pin: String::new(),
        locked: false,
        last_input: t0,
    };
    let io = Io::new(settings(case.saving).data_dir.as_deref())
        .with_pin(PinGate::default(), pin_hash().to_string());
    drive(&mut h, io, case.size, &case.events)
}

#[test]
fn the_kiosk_holds_together_and_only_staff_end_it() {
    run(
        "kiosk",
        24,
        kiosk_case(),
        kiosk,
        &[
            "result",
            "red flag",
            "still there?",
            "restart?",
            "staff box",
            "pin refused",
            "wiped",
            "quit",
        ],
    );
}

// ------------------------------------------------------------ practice

struct Practice {
    app: PracticeApp,
    /// The questions of the transcript, the screen, "Quit?" and whether the
    /// answer was committed, before the event.
    asked: Vec<usize>,
    screen: practice::Screen,
    confirm_quit: bool,
    committed: bool,
}

impl Practice {
    fn practice_holds(&self) -> Result<(), String> {
        let app = &self.app;
        let bank = &app.bank;
        let askable: BTreeSet<usize> = askable(bank).iter().map(|a| a.question).collect();
        ensure!(
            app.askable
                .iter()
                .map(|a| a.question)
                .collect::<BTreeSet<_>>()
                == askable,
            "the questions offered changed"
        );
        let asked: Vec<usize> = app.interview.asked.iter().map(|a| a.question).collect();
        let distinct: BTreeSet<usize> = asked.iter().copied().collect();
        ensure!(
            distinct.len() == asked.len(),
            "a question twice in the transcript: {asked:?}"
        );
        for a in &app.interview.asked {
            ensure!(
                askable.contains(&a.question),
                "question {} was never offered",
                a.question
            );
            let chosen = engine::choose(bank, a.question, &app.interview.case.case.findings)
                .unwrap_or_default();
            ensure!(
                a.chosen == chosen,
                "question {}: not the case's answer",
                a.question
            );
            ensure!(
                a.reply == reply(bank, a.question, &a.chosen),
                "question {}: not the patient's reply",
                a.question
            );
        }
        ensure!(
            app.cursor < app.askable.len(),
            "question cursor {} of {}",
            app.cursor,
            app.askable.len()
        );
        ensure!(
            app.diagnosis_cursor < bank.diagnoses.len(),
            "diagnosis cursor {} of {}",
            app.diagnosis_cursor,
            bank.diagnoses.len()
        );
        ensure!(
            app.level_cursor.is_none_or(|c| c < app.levels().len()),
            "urgency cursor {:?} of {}",
            app.level_cursor,
            app.levels().len()
        );
        let picked: BTreeSet<usize> = app.differential.iter().copied().collect();
        ensure!(
            app.differential.len() <= practice::MAX_DIFFERENTIAL
                && picked.len() == app.differential.len()
                && picked.iter().all(|&d| d < bank.diagnoses.len()),
            "differential {:?}",
            app.differential
        );
        if let Some(f) = app.focus {
            ensure!(f < asked.len(), "focus on exchange {f} of {}", asked.len());
        }
        ensure!(
            !app.searching || app.screen == practice::Screen::Interview,
            "typing into a search box not shown"
        );
        ensure!(
            (app.screen == practice::Screen::Feedback) == app.feedback().is_some(),
            "screen {:?} with feedback {}",
            app.screen,
            app.feedback().is_some()
        );
        if app.screen == practice::Screen::Commit(practice::Step::Urgency) {
            ensure!(
                !app.differential.is_empty(),
                "the urgency step with no differential"
            );
        }
        Ok(())
    }
}

impl Harness<PracticeApp> for Practice {
    fn reached(&self, states: &mut BTreeSet<&'static str>) {
        states.insert(match self.app.screen {
            practice::Screen::Interview => "interview",
            practice::Screen::Commit(practice::Step::Differential) => "differential",
            practice::Screen::Commit(practice::Step::Urgency) => "urgency",
            practice::Screen::Feedback => "feedback",
        });
        if !self.app.interview.asked.is_empty() {
            states.insert("asked");
        }
        if self.app.searching {
            states.insert("searching");
        }
        if self.app.confirm_quit {
            states.insert("quit?");
        }
    }

    fn app(&mut self) -> &mut PracticeApp {
        &mut self.app
    }

    fn clickable(&mut self, drawn: &practice::Drawn, ways_out: bool) -> Vec<Rect> {
        let out = |t: &practice::Target| {
            matches!(t, practice::Target::Button(practice::Action::QuitConfirmed))
        };
        drawn
            .targets
            .all()
            .iter()
            .filter(|(_, t)| ways_out || !out(t))
            .map(|(r, _)| *r)
            .collect()
    }

    fn before(&mut self, _now: Instant) {
        self.asked = self
            .app
            .interview
            .asked
            .iter()
            .map(|a| a.question)
            .collect();
        self.screen = self.app.screen;
        self.confirm_quit = self.app.confirm_quit;
        self.committed = self.app.feedback().is_some();
    }

    fn check(&mut self, event: &Event, _now: Instant) -> Result<(), String> {
        ensure!(!self.app.should_quit, "should quit but the loop goes on");
        self.practice_holds()?;
        let asked: Vec<usize> = self
            .app
            .interview
            .asked
            .iter()
            .map(|a| a.question)
            .collect();
        ensure!(
            asked.starts_with(&self.asked) && asked.len() <= self.asked.len() + 1,
            "the transcript went from {:?} to {asked:?}",
            self.asked
        );
        if asked.len() > self.asked.len() {
            let new = asked[asked.len() - 1];
            ensure!(
                !self.committed,
                "question {new} asked after the answer was committed"
            );
            ensure!(
                self.screen == practice::Screen::Interview && !self.confirm_quit,
                "question {new} asked from {:?} (\"Quit?\" {})",
                self.screen,
                self.confirm_quit
            );
            ensure!(
                is_press(event, KeyCode::Enter)
                    || is_press(event, KeyCode::Char(' '))
                    || is_left_click(event),
                "question {new} asked by {event:?}"
            );
            ensure!(
                self.app.askable[self.app.cursor].question == new,
                "question {new} asked but the highlight is on another"
            );
        }
        if self.committed {
            ensure!(
                self.app.screen == practice::Screen::Feedback,
                "left the feedback"
            );
        }
        Ok(())
    }

    fn check_done(&mut self, event: &Event) -> Result<(), String> {
        ensure!(
            is_ctrl_c(event) || self.confirm_quit,
            "quit without Ctrl-C or a yes to \"Quit?\""
        );
        self.practice_holds()
    }

    fn check_wipe(&mut self) -> Result<(), String> {
        Err("practice asked for a wipe".into())
    }
}

#[derive(Debug, Clone)]
struct PCase {
    spanish: bool,
    colour: bool,
    case: usize,
    size: (u16, u16),
    events: Vec<Ev>,
}

fn practice_case() -> impl Strategy<Value = PCase> {
    let start = prop_oneof![4 => Just((80u16, 24u16)), 2 => Just((120, 40)), 1 => size()];
    (
        any::<bool>(),
        any::<bool>(),
        any::<usize>(),
        start,
        events(event()),
    )
        .prop_map(|(spanish, colour, case, size, events)| PCase {
            spanish,
            colour,
            case,
            size,
            events,
        })
}

fn practice_run(case: &PCase) -> Checked {
    let cases = cases();
    let chosen = cases[case.case % cases.len()].clone();
    let app = PracticeApp::new(bank(case.spanish), chosen, case.colour);
    let mut h = Practice {
        app,
        asked: Vec::new(),
        screen: practice::Screen::Interview,
        confirm_quit: false,
        committed: false,
    };
    drive(&mut h, Io::default(), case.size, &case.events)
}

#[test]
fn practice_keeps_an_honest_transcript_whatever_is_pressed() {
    run(
        "practice",
        24,
        practice_case(),
        practice_run,
        &[
            "asked",
            "differential",
            "urgency",
            "feedback",
            "searching",
            "quit",
        ],
    );
}
