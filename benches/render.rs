//! Render benchmarks: one frame of each screen at 120x40 and 200x60 on a
//! TestBackend,
//! and the time from starting the binary in a pseudo-terminal to its first
//! frame on screen.

use std::hint::black_box;
use std::io::Read;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hamstring_triage::app::kiosk::{KioskApp, KioskDrawn};
use hamstring_triage::app::{Action, App, Drawn, KioskSettings, Screen, Settings, update};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::Audience;
use hamstring_triage::terminal::draw;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn pick(app: &mut App, id: &str) {
    let o = app.bank.questions[app.current]
        .options
        .iter()
        .position(|o| o.id == id)
        .expect("option");
    update(app, Action::Pick(o), &Drawn::default());
    if app.current_is_multi() {
        update(app, Action::Confirm, &Drawn::default());
    }
}

/// A whole calm path, to the review screen.
fn to_review(mut app: App) -> App {
    update(&mut app, Action::Confirm, &Drawn::default());
    for id in [
        "18_to_49",
        "not_said",
        "running",
        "none",
        "gradual",
        "6_weeks_to_6_months",
    ] {
        pick(&mut app, id);
    }
    for id in ["sit_bone", "none", "ache_or_pulling", "sitting", "yes"] {
        pick(&mut app, id);
    }
    // The rest of the path: "None of these" where offered, else the first.
    while app.screen == Screen::Question {
        let q = &app.bank.questions[app.current];
        let id = q
            .options
            .iter()
            .find(|o| o.none)
            .unwrap_or(&q.options[0])
            .id
            .clone();
        pick(&mut app, &id);
    }
    assert_eq!(app.screen, Screen::Review);
    app
}

/// The app on each screen worth measuring.
fn screens() -> Vec<(&'static str, App)> {
    let bank = Bank::builtin().expect("bank");
    let fresh = |a| App::new(bank.clone(), a, true);
    let mut out = Vec::new();
    out.push(("welcome", fresh(Audience::Patient)));

    let mut app = fresh(Audience::Patient);
    update(&mut app, Action::Confirm, &Drawn::default());
    out.push(("question", app));

    let mut app = fresh(Audience::Patient);
    update(&mut app, Action::Confirm, &Drawn::default());
    for id in [
        "18_to_49",
        "not_said",
        "running",
        "none",
        "gradual",
        "6_weeks_to_6_months",
    ] {
        pick(&mut app, id);
    }
    out.push(("pain_map", app));

    let mut app = fresh(Audience::Patient);
    update(&mut app, Action::Confirm, &Drawn::default());
    for id in ["18_to_49", "not_said", "running", "bladder_difficulty"] {
        pick(&mut app, id);
    }
    assert!(matches!(app.screen, Screen::RedFlag(_)));
    out.push(("red_flag", app));

    let mut help = fresh(Audience::Patient);
    update(&mut help, Action::Confirm, &Drawn::default());
    update(&mut help, Action::ToggleHelp, &Drawn::default());
    out.push(("help", help));

    out.push(("review", to_review(fresh(Audience::Patient))));
    for (name, audience) in [
        ("result_patient", Audience::Patient),
        ("result_clinician", Audience::Clinician),
    ] {
        let mut result = to_review(fresh(audience));
        update(&mut result, Action::ShowResult, &Drawn::default());
        assert_eq!(result.screen, Screen::Result);
        out.push((name, result));
    }
    let es = bank.localized("es").expect("Spanish");
    let mut result = to_review(App::new(es, Audience::Patient, true));
    update(&mut result, Action::ShowResult, &Drawn::default());
    out.push(("result_spanish", result));
    out
}

/// The kiosk's own welcome screen (big letters, big buttons).
fn kiosk() -> KioskApp {
    let kiosk = KioskSettings {
        idle_timeout: Duration::from_secs(180),
        done_timeout: Duration::from_secs(90),
    };
    KioskApp::new(
        Bank::builtin().expect("bank"),
        Audience::Patient,
        true,
        Settings::default(),
        kiosk,
        Instant::now(),
    )
}

fn frames(c: &mut Criterion) {
    let screens = screens();
    let kiosk = kiosk();
    for (w, h) in [(120, 40), (200, 60)] {
        let mut g = c.benchmark_group(format!("frame_{w}x{h}"));
        // The floor: clearing and diffing a frame with nothing drawn.
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        g.bench_function("empty_frame_baseline", |b| {
            b.iter(|| {
                terminal.clear().unwrap();
                terminal.draw(|_| {}).unwrap();
            })
        });
        for (name, app) in &screens {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            g.bench_function(*name, |b| {
                b.iter(|| {
                    // A full redraw each time, as after a resize.
                    terminal.clear().unwrap();
                    draw(&mut terminal, black_box(app), &mut Drawn::default()).unwrap();
                })
            });
        }
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        g.bench_function("kiosk_welcome", |b| {
            b.iter(|| {
                terminal.clear().unwrap();
                draw(&mut terminal, black_box(&kiosk), &mut KioskDrawn::default()).unwrap();
            })
        });
        g.finish();
    }
}

/// Spawns the binary in an 80x24 pseudo-terminal and returns how long it took
/// for the welcome screen to appear; then quits it with Ctrl-C.
fn first_frame() -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hamstring-triage"));
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(24), size(80), 0);
        let mut buf = [0u8; 8192];
        let mut told = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if !told && parser.screen().contents().contains("Start (Enter)") {
                let _ = tx.send(Instant::now());
                told = true;
            }
        }
    });
    let seen = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the welcome screen");
    std::io::Write::write_all(&mut writer, b"\x03").unwrap();
    let _ = child.wait();
    seen - start
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("process_start_to_first_frame", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| first_frame()).sum())
    });
    g.finish();
}

criterion_group!(benches, frames, startup);
criterion_main!(benches);
