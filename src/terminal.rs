//! The loop: read a terminal event, map it to an `Action`, update, draw. Also
//! setting the terminal up and putting it back on every way out: a normal
//! quit, an error, a panic, SIGTERM and SIGHUP, and outside a kiosk SIGINT
//! and SIGQUIT (which end it) and SIGTSTP (which stops it with the terminal
//! put back, and takes the screen again on SIGCONT); and for a kiosk,
//! ignoring the signals a keyboard can send and wiping the screen between
//! patients.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::{DefaultTerminal, Terminal, backend::Backend};

use crate::app::kiosk::KioskApp;
use crate::app::practice::PracticeApp;
use crate::app::{App, keys, update};

/// How long to block waiting for input before looking at the signal flag.
/// Idle costs one wake-up per interval and no drawing.
const POLL: Duration = Duration::from_millis(250);

/// Undoes everything `setup` switched on when dropped: mouse capture off,
/// raw mode off, the alternate screen left.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back, quietly: when it has gone there is nothing to
/// put back and nowhere to say so (a message to a dead terminal would fail).
fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
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
/// updates itself, says when time alone changed it, and when it is done.
/// Drawing is `Widget for &Self`.
pub trait Interactive
where
    for<'a> &'a Self: ratatui::widgets::Widget,
{
    /// Handles one terminal event; true when the screen must be redrawn.
    fn handle(&mut self, event: &Event) -> bool;
    /// Called on every wake-up with the time now (timeouts, countdowns);
    /// true when the screen must be redrawn.
    fn tick(&mut self, _now: std::time::Instant) -> bool {
        false
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
    fn handle(&mut self, event: &Event) -> bool {
        match keys::action(self, event) {
            Some(action) => {
                update(self, action);
                true
            }
            None => matches!(event, Event::Resize(..)),
        }
    }

    fn done(&self) -> bool {
        self.should_quit
    }
}

impl Interactive for PracticeApp {
    fn handle(&mut self, event: &Event) -> bool {
        match crate::app::practice::keys::action(self, event) {
            Some(action) => {
                crate::app::practice::update(self, action);
                true
            }
            None => matches!(event, Event::Resize(..)),
        }
    }

    fn done(&self) -> bool {
        self.should_quit
    }
}

impl Interactive for KioskApp {
    fn handle(&mut self, event: &Event) -> bool {
        KioskApp::handle(self, event)
    }

    fn tick(&mut self, now: std::time::Instant) -> bool {
        KioskApp::tick(self, now)
    }

    fn done(&self) -> bool {
        KioskApp::done(self)
    }

    fn take_wipe(&mut self) -> bool {
        KioskApp::take_wipe(self)
    }
}

/// Runs the interactive questionnaire until the person quits or a signal
/// arrives. The terminal is restored on every way out.
pub fn run(app: App) -> ExitCode {
    run_interactive(app)
}

/// The signals a keyboard or a patient's shell could send (Ctrl-C, Ctrl-Z,
/// Ctrl-\ when the terminal is not in raw mode, or `kill -INT`): a kiosk
/// ignores them. Raw mode already turns those keys into key presses; this
/// guards the moments around it and signals sent from outside.
pub const KIOSK_IGNORED: [i32; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTSTP,
    signal_hook::consts::SIGQUIT,
];

/// Runs the kiosk until the staff chord and the right PIN, or SIGTERM or
/// SIGHUP (a lost terminal: the supervisor starts it again). Nothing is
/// saved on the way out: a record is only ever written whole, on reaching
/// the result.
pub fn run_kiosk(app: KioskApp) -> ExitCode {
    let ignored = Arc::new(AtomicBool::new(false));
    for sig in KIOSK_IGNORED {
        // A handler that only sets a flag replaces the default action
        // (terminate, stop, or core dump).
        if let Err(e) = signal_hook::flag::register(sig, Arc::clone(&ignored)) {
            eprintln!("error: cannot guard against signal {sig}: {e}");
            return ExitCode::from(1);
        }
    }
    let mut app = app;
    run_loop(&mut app, Mode::Kiosk)
}

/// Runs anything `Interactive` full-screen, with the same terminal set-up,
/// restoring and signal handling as the questionnaire.
pub fn run_interactive<T>(mut app: T) -> ExitCode
where
    T: Interactive,
    for<'a> &'a T: ratatui::widgets::Widget,
{
    run_borrowed(&mut app)
}

/// `run_interactive` on a borrowed state, for a caller that looks at the
/// state once the terminal is back (an unsaved record, for one).
pub fn run_borrowed<T>(app: &mut T) -> ExitCode
where
    T: Interactive,
    for<'a> &'a T: ratatui::widgets::Widget,
{
    run_loop(app, Mode::App)
}

/// Whose signals the loop handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A person's own terminal: SIGINT and SIGQUIT end the program like
    /// SIGTERM; SIGTSTP suspends it with the terminal put back.
    App,
    /// A kiosk: those three are ignored (`run_kiosk` sees to it).
    Kiosk,
}

fn run_loop<T>(app: &mut T, mode: Mode) -> ExitCode
where
    T: Interactive,
    for<'a> &'a T: ratatui::widgets::Widget,
{
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let signal = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(AtomicBool::new(false));
    let ending: &[i32] = match mode {
        Mode::App => &[SIGTERM, SIGHUP, SIGINT, SIGQUIT],
        Mode::Kiosk => &[SIGTERM, SIGHUP],
    };
    let suspend = Arc::new(AtomicBool::new(false));
    if mode == Mode::App
        && let Err(e) = signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))
    {
        eprintln!("error: cannot watch for signal {SIGTSTP}: {e}");
        return ExitCode::from(1);
    }
    for &sig in ending {
        // A second signal, while the first is being handled, ends the process
        // at once in case the loop is stuck; the first asks the loop to stop.
        let registered =
            signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&seen))
                .and_then(|_| signal_hook::flag::register(sig, Arc::clone(&seen)))
                .and_then(|_| {
                    signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
                });
        if let Err(e) = registered {
            eprintln!("error: cannot watch for signal {sig}: {e}");
            return ExitCode::from(1);
        }
    }
    install_panic_hook();
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprintln!("error: cannot set up the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    let guard = Guard;
    if let Err(e) = execute!(io::stdout(), EnableMouseCapture) {
        drop(guard);
        eprintln!("error: cannot turn on the mouse: {e}");
        return ExitCode::from(1);
    }
    let result = event_loop(&mut terminal, app, &signal, &suspend);
    if matches!(result, Ok(End::TerminalLost)) {
        // Nothing to restore on a terminal that is gone, and ratatui's own
        // clean-up would complain to it: leave both undone.
        std::mem::forget(terminal);
        std::mem::forget(guard);
        return ExitCode::from(128u8 + signal_hook::consts::SIGHUP as u8);
    }
    drop(guard);
    let _ = io::stdout().flush();
    match result {
        Ok(_) => match signal.load(Ordering::SeqCst) {
            0 => ExitCode::SUCCESS,
            sig => ExitCode::from(128u8.saturating_add(sig as u8)),
        },
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            ExitCode::from(1)
        }
    }
}

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// Done, or asked to stop by a signal.
    Finished,
    /// The terminal hung up.
    TerminalLost,
}

fn event_loop<T>(
    terminal: &mut DefaultTerminal,
    app: &mut T,
    signal: &AtomicUsize,
    suspend: &AtomicBool,
) -> io::Result<End>
where
    T: Interactive,
    for<'a> &'a T: ratatui::widgets::Widget,
{
    let mut dirty = true;
    loop {
        if signal.load(Ordering::SeqCst) != 0 || app.done() {
            return Ok(End::Finished);
        }
        if suspend.swap(false, Ordering::SeqCst) {
            suspend_until_continued(terminal)?;
            dirty = true;
        }
        if app.take_wipe() {
            wipe(terminal)?;
            dirty = true;
        }
        if dirty {
            draw(terminal, &*app)?;
            dirty = false;
        }
        // Wait for input ourselves: once the terminal has gone (a closed
        // window, a dropped connection) crossterm's own poll spins for ever
        // and never returns (crossterm-rs/crossterm#793), so a lost terminal
        // would never reach the signal check above.
        if wait_for_input(POLL) == Input::Lost {
            return Ok(End::TerminalLost);
        }
        // Everything crossterm has: a read can bring several events, and a
        // resize comes by a signal rather than on the terminal's input.
        while event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            dirty |= app.handle(&ev);
        }
        dirty |= app.tick(std::time::Instant::now());
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Input {
    /// Something to read, a signal, or the time is up.
    Look,
    /// The terminal has hung up.
    Lost,
}

/// Waits up to `timeout` for the terminal's input (standard input: the app
/// runs full-screen only when it is a terminal), and says whether the
/// terminal is still there.
fn wait_for_input(timeout: Duration) -> Input {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd and a count of one.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::Lost
    } else {
        // Input, the time up, or a signal (EINTR) such as a resize.
        Input::Look
    }
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
    let out = terminal.backend_mut();
    out.write_all(b"\x1b[2J\x1b[H")?;
    Write::flush(out)?;
    terminal.swap_buffers();
    Ok(())
}

/// What `wipe` writes: clear the screen, then the scrollback, then home the
/// cursor. In this order: a terminal that moves a cleared screen into its
/// history (tmux's scroll-on-clear, PuTTY), on the main screen, would keep
/// the last patient there if the history were cleared first.
pub const WIPE: &[u8] = b"\x1b[2J\x1b[3J\x1b[H";

/// Clears the screen and the terminal's scrollback, and makes the next frame
/// draw every cell: nothing of what was shown stays anywhere.
fn wipe(terminal: &mut DefaultTerminal) -> io::Result<()> {
    let out = terminal.backend_mut();
    out.write_all(WIPE)?;
    Write::flush(out)?;
    // Both buffers blank, so the next frame is drawn whole. Not
    // `Terminal::clear`: it asks the terminal where the cursor is, and a
    // terminal that does not answer would end the kiosk.
    terminal.swap_buffers();
    Ok(())
}

/// Draws one frame.
pub fn draw<B: Backend, T>(terminal: &mut Terminal<B>, app: &T) -> Result<(), B::Error>
where
    for<'a> &'a T: ratatui::widgets::Widget,
{
    terminal.draw(|f| f.render_widget(app, f.area()))?;
    Ok(())
}
