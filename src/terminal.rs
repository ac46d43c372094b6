//! The loop: read a terminal event, map it to an `Action`, update, do the
//! `Effect` it asks for (`Io`: records on disk, the kiosk's PIN) and feed
//! the outcome back, draw, keeping where the frame drew things for the next
//! event. Also setting the terminal up and putting it back on every way
//! out (a quit, an error, a panic, a signal: which ones, see
//! [`Interactive::KIOSK`]), and wiping a kiosk's screen between patients.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;
use ratatui::widgets::StatefulWidget;
use ratatui::{DefaultTerminal, Terminal, backend::Backend};

use crate::app::kiosk::{KioskApp, KioskDrawn};
use crate::app::practice::{self, PracticeApp};
use crate::app::{Action, App, Drawn, Effect, OpenError, Outcome, SaveError, keys, update};
use crate::kiosk::PinGate;
use crate::records::{Store, StoreError, now_rfc3339};

/// How long to block waiting for input before looking at the signal flag.
/// Idle costs one wake-up per interval and no drawing.
const POLL: Duration = Duration::from_millis(250);

/// Puts the terminal back (mouse capture off, raw mode off, the alternate
/// screen left), quietly: when it has gone there is nothing to put back and
/// nowhere to say so (a message to a dead terminal would fail).
fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
}

/// Puts the terminal back when dropped: on every way out of the loop,
/// unwinding included.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Our panic hook, installed before ratatui's: whichever runs, the terminal
/// is put back before the panic message prints, so the message is readable.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default(info);
    }));
}

/// Something the loop can drive: it turns events into its own actions and
/// updates itself given where its last frame drew things, asks for what it
/// cannot do itself (an `Effect`), says when time alone changed it, and when
/// it is done.
pub trait Interactive {
    /// SIGTERM and SIGHUP end any app. A kiosk ignores the signals a
    /// keyboard can send (SIGINT, SIGTSTP, SIGQUIT); on a person's own
    /// terminal SIGINT and SIGQUIT end it too, and SIGTSTP suspends it with
    /// the terminal put back (it takes the screen again on SIGCONT).
    const KIOSK: bool = false;
    /// Where a frame drew things: kept by the loop from one draw to the next
    /// event.
    type Drawn: Default;
    /// Draws a frame, recording in `drawn` where it drew things.
    fn render(&self, area: Rect, buf: &mut Buffer, drawn: &mut Self::Drawn);
    /// Handles one terminal event.
    fn handle(&mut self, event: &Event, drawn: &Self::Drawn) -> Option<Effect>;
    /// Takes what came of an `Effect`.
    fn outcome(&mut self, _outcome: Outcome) -> Option<Effect> {
        None
    }
    /// Called on every wake-up with the time now (timeouts, countdowns):
    /// whether the screen must be redrawn, and anything to do.
    fn tick(&mut self, _now: Instant) -> (bool, Option<Effect>) {
        (false, None)
    }
    /// True when the loop should end.
    fn done(&self) -> bool;
    /// True (once) when everything shown so far must go: the loop then
    /// clears the screen and the terminal's scrollback and redraws it all.
    fn take_wipe(&mut self) -> bool {
        false
    }
}

impl Interactive for App {
    type Drawn = Drawn;

    fn render(&self, area: Rect, buf: &mut Buffer, drawn: &mut Drawn) {
        StatefulWidget::render(self, area, buf, drawn);
    }

    fn handle(&mut self, event: &Event, drawn: &Drawn) -> Option<Effect> {
        update(self, keys::action(self, event)?, drawn)
    }

    fn outcome(&mut self, outcome: Outcome) -> Option<Effect> {
        update(self, Action::Done(outcome), &Drawn::default())
    }

    fn done(&self) -> bool {
        self.should_quit
    }
}

impl Interactive for PracticeApp {
    type Drawn = practice::Drawn;

    fn render(&self, area: Rect, buf: &mut Buffer, drawn: &mut practice::Drawn) {
        StatefulWidget::render(self, area, buf, drawn);
    }

    fn handle(&mut self, event: &Event, drawn: &practice::Drawn) -> Option<Effect> {
        practice::update(self, keys::practice::action(self, event)?, drawn);
        None
    }

    fn done(&self) -> bool {
        self.should_quit
    }
}

impl Interactive for KioskApp {
    const KIOSK: bool = true;
    type Drawn = KioskDrawn;

    fn render(&self, area: Rect, buf: &mut Buffer, drawn: &mut KioskDrawn) {
        StatefulWidget::render(self, area, buf, drawn);
    }

    fn handle(&mut self, event: &Event, drawn: &KioskDrawn) -> Option<Effect> {
        KioskApp::handle(self, event, drawn)
    }

    fn outcome(&mut self, outcome: Outcome) -> Option<Effect> {
        self.done_effect(outcome)
    }

    fn tick(&mut self, now: Instant) -> (bool, Option<Effect>) {
        KioskApp::tick(self, now)
    }

    fn done(&self) -> bool {
        KioskApp::done(self)
    }

    fn take_wipe(&mut self) -> bool {
        KioskApp::take_wipe(self)
    }
}

/// Does what the apps ask of the outside world: saving and reading records
/// in the data folder, and checking the kiosk's staff PIN (with its count of
/// wrong tries, kept on disk by the gate).
#[derive(Debug, Default)]
pub struct Io {
    store: Option<Store>,
    gate: PinGate,
    pin_hash: String,
}

impl Io {
    /// Records under this data folder (none: saving and opening fail and
    /// say so).
    pub fn new(data_dir: Option<&Path>) -> Io {
        Io {
            store: data_dir.map(Store::new),
            ..Io::default()
        }
    }

    /// The same, checking PINs against this hash through this gate.
    pub fn with_pin(mut self, gate: PinGate, pin_hash: String) -> Io {
        self.gate = gate;
        self.pin_hash = pin_hash;
        self
    }

    /// Does one effect at time `now`.
    pub fn perform(&mut self, effect: Effect, now: Instant) -> Outcome {
        match effect {
            Effect::Save(mut record) => {
                let error = match &self.store {
                    None => Some(SaveError::NoFolder),
                    Some(store) => {
                        if record.code.is_empty() {
                            record.code = store.fresh_code();
                            record.created = now_rfc3339();
                        }
                        // Another terminal may take this code meanwhile: the
                        // store then saves it under a fresh one.
                        let saved = store.save_new(&mut record);
                        saved.err().map(|e| SaveError::Failed(e.to_string()))
                    }
                };
                Outcome::Saved { record, error }
            }
            Effect::Open(code) => Outcome::Opened(match &self.store {
                None => Err(OpenError::NoFolder),
                Some(store) => store.load(&code).map(Box::new).map_err(|e| match e {
                    StoreError::BadCode(_) => OpenError::BadCode,
                    StoreError::NotFound { code, dir } => OpenError::NotFound {
                        code,
                        dir: dir.display().to_string(),
                    },
                    e => OpenError::Unreadable(e.to_string()),
                }),
            }),
            Effect::CheckPin(pin) => Outcome::Pin {
                tried: self.gate.attempt(&pin, &self.pin_hash, now),
                wait: self.gate.wait(now),
            },
        }
    }
}

/// Runs an app full-screen until it is done or a signal ends it (a kiosk:
/// only SIGTERM or SIGHUP, a lost terminal, and its supervisor starts it
/// again; nothing is saved on the way out, as a record is only ever written
/// whole, on reaching the result). The terminal is restored on every way out.
pub fn run<T: Interactive>(app: &mut T, io: Io) -> ExitCode {
    run_on_terminal(app, io).unwrap_or_else(|e| {
        // Quietly: the terminal may have gone.
        let _ = writeln!(io::stderr(), "error: {e}");
        ExitCode::from(1)
    })
}

fn run_on_terminal<T: Interactive>(app: &mut T, mut io: Io) -> Result<ExitCode, String> {
    let (signal, suspend) = watch_signals(T::KIOSK)?;
    install_panic_hook();
    let mut terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        format!("cannot set up the terminal: {e}")
    })?;
    let guard = Guard;
    execute!(io::stdout(), EnableMouseCapture)
        .map_err(|e| format!("cannot turn on the mouse: {e}"))?;
    let result = event_loop(&mut terminal, app, &mut io, &signal, &suspend);
    if matches!(result, Ok(End::TerminalLost)) {
        // Nothing to restore on a terminal that is gone, and ratatui's own
        // clean-up would complain to it: leave both undone.
        std::mem::forget(terminal);
        std::mem::forget(guard);
        return Ok(ExitCode::from(128u8 + signal_hook::consts::SIGHUP as u8));
    }
    drop(guard);
    let _ = io::stdout().flush();
    result.map_err(|e| e.to_string())?;
    Ok(match signal.load(Ordering::SeqCst) {
        0 => ExitCode::SUCCESS,
        sig => ExitCode::from(128u8.saturating_add(sig as u8)),
    })
}

/// Watches the signals of a kiosk or of a person's own terminal: the
/// number of one that asks the loop to end, and whether a suspend is asked
/// for.
fn watch_signals(kiosk: bool) -> Result<(Arc<AtomicUsize>, Arc<AtomicBool>), String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::flag;
    let signal = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(AtomicBool::new(false));
    let suspend = Arc::new(AtomicBool::new(false));
    let failed = |sig: i32, e: io::Error| format!("cannot watch for signal {sig}: {e}");
    let ending: &[i32] = if kiosk {
        // The signals a keyboard or a patient's shell could send (Ctrl-C,
        // Ctrl-Z, Ctrl-\ when the terminal is not in raw mode, or `kill
        // -INT`) are ignored: raw mode already turns those keys into key
        // presses; this guards the moments around it and signals sent
        // from outside. A handler that only sets a flag replaces the
        // default action (terminate, stop, or core dump).
        let ignored = Arc::new(AtomicBool::new(false));
        for sig in [SIGINT, SIGTSTP, SIGQUIT] {
            flag::register(sig, Arc::clone(&ignored))
                .map_err(|e| format!("cannot guard against signal {sig}: {e}"))?;
        }
        &[SIGTERM, SIGHUP]
    } else {
        flag::register(SIGTSTP, Arc::clone(&suspend)).map_err(|e| failed(SIGTSTP, e))?;
        &[SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    };
    for &sig in ending {
        // A second signal, while the first is being handled, ends the process
        // at once in case the loop is stuck; the first asks the loop to stop.
        flag::register_conditional_shutdown(sig, 1, Arc::clone(&seen))
            .and_then(|_| flag::register(sig, Arc::clone(&seen)))
            .and_then(|_| flag::register_usize(sig, Arc::clone(&signal), sig as usize))
            .map_err(|e| failed(sig, e))?;
    }
    Ok((signal, suspend))
}

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// Done, or asked to stop by a signal.
    Finished,
    /// The terminal hung up.
    TerminalLost,
}

fn event_loop<T: Interactive>(
    terminal: &mut DefaultTerminal,
    app: &mut T,
    io: &mut Io,
    signal: &AtomicUsize,
    suspend: &AtomicBool,
) -> io::Result<End> {
    let mut dirty = true;
    let mut drawn = T::Drawn::default();
    loop {
        if signal.load(Ordering::SeqCst) != 0 || app.done() {
            return Ok(End::Finished);
        }
        if suspend.swap(false, Ordering::SeqCst) {
            suspend_until_continued(terminal)?;
            dirty = true;
        }
        if app.take_wipe() {
            clear(terminal, WIPE)?;
            dirty = true;
        }
        if dirty {
            draw(terminal, &*app, &mut drawn)?;
            dirty = false;
        }
        // Wait for input ourselves: once the terminal has gone (a closed
        // window, a dropped connection) crossterm's own poll spins for ever
        // and never returns (crossterm-rs/crossterm#793), so a lost terminal
        // would never reach the signal check above.
        if hung_up(POLL) {
            return Ok(End::TerminalLost);
        }
        // Everything crossterm has: a read can bring several events, and a
        // resize comes by a signal rather than on the terminal's input.
        while event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            dirty |= redraws(&ev);
            let effect = app.handle(&ev, &drawn);
            perform(app, io, effect, Instant::now());
        }
        let now = Instant::now();
        let (changed, effect) = app.tick(now);
        dirty |= changed;
        perform(app, io, effect, now);
    }
}

/// Whether an event can change what is shown: a key press, a click, the
/// wheel, a resize (not a mouse move or a key release).
fn redraws(event: &Event) -> bool {
    match event {
        Event::Key(k) => k.kind == KeyEventKind::Press,
        Event::Mouse(m) => !matches!(m.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)),
        Event::Resize(..) => true,
        _ => false,
    }
}

/// Does what the app asked for at time `now` and feeds what came of it
/// back, until it asks for nothing more.
pub fn perform<T: Interactive>(app: &mut T, io: &mut Io, mut effect: Option<Effect>, now: Instant) {
    while let Some(e) = effect {
        effect = app.outcome(io.perform(e, now));
    }
}

/// Waits up to `timeout` for the terminal's input (standard input: the app
/// runs full-screen only when it is a terminal), and says whether the
/// terminal has hung up (otherwise: input, the time up, or a signal such as
/// a resize).
fn hung_up(timeout: Duration) -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd and a count of one.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// SIGTSTP (`kill -TSTP`, or Ctrl-Z where the terminal is not raw): the
/// terminal is put back as on quitting, the process stops, and when it is
/// continued it takes the screen again and draws it whole.
fn suspend_until_continued(terminal: &mut DefaultTerminal) -> io::Result<()> {
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    restore();
    io::stdout().flush()?;
    // SAFETY: raising a signal has no preconditions. SIGSTOP, not SIGTSTP,
    // whose handler is ours; the shell sees the job stopped either way.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    // Continued.
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.hide_cursor()?;
    clear(terminal, b"\x1b[2J\x1b[H")
}

/// What a wipe between patients writes: clear the screen, then the scrollback, then home the
/// cursor. In this order: a terminal that moves a cleared screen into its
/// history (tmux's scroll-on-clear, PuTTY), on the main screen, would keep
/// the last patient there if the history were cleared first.
pub const WIPE: &[u8] = b"\x1b[2J\x1b[3J\x1b[H";

/// Writes these clearing sequences (`WIPE`: nothing of what was shown stays
/// anywhere) and makes the next frame draw every cell.
fn clear(terminal: &mut DefaultTerminal, sequences: &[u8]) -> io::Result<()> {
    let out = terminal.backend_mut();
    out.write_all(sequences)?;
    Write::flush(out)?;
    // Both buffers blank, so the next frame is drawn whole. Not
    // `Terminal::clear`: it asks the terminal where the cursor is, and a
    // terminal that does not answer would end the kiosk.
    terminal.swap_buffers();
    Ok(())
}

/// Draws one frame, recording in `drawn` where it drew things.
pub fn draw<B: Backend, T: Interactive>(
    terminal: &mut Terminal<B>,
    app: &T,
    drawn: &mut T::Drawn,
) -> Result<(), B::Error> {
    terminal.draw(|f| app.render(f.area(), f.buffer_mut(), drawn))?;
    Ok(())
}
