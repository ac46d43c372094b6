//! Kiosk mode: the questionnaire on one shared terminal for patients one
//! after another. `KioskApp` wraps the questionnaire's `App` and sees every
//! event first: the ways out (q, Esc, Ctrl-C, Ctrl-Z, Ctrl-\ and every other
//! Ctrl or Alt chord) are swallowed, and only the staff chord (Ctrl-Alt-Q)
//! opens the PIN box that ends the program. Time comes in through `tick`, so
//! the idle timeout, its "Are you still there?" countdown and the return
//! after the result are tested without sleeping. Every reset replaces the
//! inner `App` with a fresh one: nothing of one patient is kept for the next.

pub mod allowed;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::{Input, InputRequest};

use crate::audience::Audience;
use crate::bank::Bank;
use crate::kiosk::{PinGate, Try};

use super::save::Saving;
use super::{Action, App, KioskSettings, Overlay, Screen, Settings, Target, Targets, keys, update};
use allowed::Verdict;

/// The staff chord, in words (for the README and the PIN box).
pub const STAFF_CHORD: &str = "Ctrl-Alt-Q";

/// The longest PIN `kiosk set-pin` accepts.
const PIN_MAX: usize = 12;

/// What is over the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The questionnaire, nothing over it.
    Questionnaire,
    /// "Are you still there?": every answer is wiped at `until`.
    StillThere { until: Instant },
    /// "Start again? Your answers will be wiped."
    ConfirmRestart,
    /// The staff PIN box.
    Staff,
}

/// Something on the kiosk's own boxes that can be touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskTarget {
    /// "Yes, I am still here".
    StillHere,
    /// "Yes, start again".
    RestartYes,
    /// "No, carry on".
    RestartNo,
    /// Try the PIN typed.
    PinOk,
    /// Close the PIN box.
    PinCancel,
}

/// The kiosk: a questionnaire App, the boxes over it, and the clock.
#[derive(Debug)]
pub struct KioskApp {
    /// The questionnaire of the patient at the terminal now.
    pub app: App,
    /// The bank, audience, colour and settings every fresh App starts from.
    bank: Bank,
    audience: Audience,
    colour: bool,
    settings: Settings,
    pub kiosk: KioskSettings,
    pub phase: Phase,
    /// The PIN being typed (shown masked).
    pub pin: Input,
    /// What the last PIN try came to.
    pub pin_message: Option<String>,
    gate: PinGate,
    /// The time of the last tick.
    now: Instant,
    /// The time of the last key press, click or wheel turn.
    last_input: Instant,
    /// An input arrived since the last tick.
    input_pending: bool,
    /// The inner App was replaced: the screen and scrollback must be wiped.
    wipe_pending: bool,
    /// The right PIN was given: the program ends.
    unlocked: bool,
    /// The seconds of the countdown last drawn (to redraw when it changes).
    shown_seconds: Option<u64>,
    /// Clickable areas of the kiosk's own boxes in the last frame.
    pub targets: Targets<KioskTarget>,
}

/// Whole seconds left, rounded up (a countdown shows 30 .. 1).
pub fn seconds_left(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// Whether a key press is the staff chord, Ctrl-Alt-Q.
pub fn is_staff_chord(k: &KeyEvent) -> bool {
    k.kind == KeyEventKind::Press
        && k.modifiers
            .contains(KeyModifiers::CONTROL | KeyModifiers::ALT)
        && matches!(k.code, KeyCode::Char('q' | 'Q'))
}

impl KioskApp {
    /// A kiosk at its welcome screen at time `now`.
    pub fn new(
        bank: Bank,
        audience: Audience,
        colour: bool,
        mut settings: Settings,
        kiosk: KioskSettings,
        now: Instant,
    ) -> Self {
        settings.kiosk = Some(kiosk.clone());
        let app = App::new(bank.clone(), audience, colour).with_settings(settings.clone());
        KioskApp {
            app,
            bank,
            audience,
            colour,
            settings,
            kiosk,
            phase: Phase::Questionnaire,
            pin: Input::default(),
            pin_message: None,
            gate: PinGate::default(),
            now,
            last_input: now,
            input_pending: false,
            wipe_pending: false,
            unlocked: false,
            shown_seconds: None,
            targets: Targets::default(),
        }
    }

    /// The same kiosk with this gate on the staff PIN (one kept on disk, so
    /// a restart does not reset the count of wrong tries).
    pub fn with_pin_gate(mut self, gate: PinGate) -> Self {
        self.gate = gate;
        self
    }

    /// Nothing of a patient is on the screen or in memory: the welcome
    /// screen, untouched, in the kiosk's own language.
    pub fn pristine(&self) -> bool {
        self.phase == Phase::Questionnaire
            && self.app.screen == Screen::Welcome
            && self.app.session.answers.is_empty()
            && self.app.overlay.is_none()
            && self.app.bank.language == self.bank.language
    }

    /// On the result with its record saved: the done timeout applies.
    fn finished(&self) -> bool {
        self.phase == Phase::Questionnaire
            && self.app.screen == Screen::Result
            && self.app.saved_code().is_some()
    }

    /// "Are you still there?": the time left before the wipe.
    pub fn still_there_left(&self) -> Option<Duration> {
        match self.phase {
            Phase::StillThere { until } => Some(until.saturating_duration_since(self.now)),
            _ => None,
        }
    }

    /// On the finished result: the time left before it clears itself.
    pub fn done_left(&self) -> Option<Duration> {
        self.finished().then(|| {
            self.kiosk
                .done_timeout
                .saturating_sub(self.now.saturating_duration_since(self.last_input))
        })
    }

    /// How long the next PIN try must wait, after too many wrong ones.
    pub fn pin_wait(&self) -> Option<Duration> {
        self.gate.wait(self.now)
    }

    /// True once after the inner App was replaced: the terminal loop then
    /// clears the screen and the scrollback and redraws every cell.
    pub fn take_wipe(&mut self) -> bool {
        std::mem::take(&mut self.wipe_pending)
    }

    /// True when the right PIN was given.
    pub fn done(&self) -> bool {
        self.unlocked
    }

    /// Wipes every answer: a fresh App at the welcome screen. A result whose
    /// save failed gets one last try first.
    pub fn reset(&mut self) {
        if self.app.screen == Screen::Result {
            update(&mut self.app, Action::Save);
        }
        self.app = App::new(self.bank.clone(), self.audience, self.colour)
            .with_settings(self.settings.clone());
        self.phase = Phase::Questionnaire;
        self.pin.reset();
        self.pin_message = None;
        self.last_input = self.now;
        self.wipe_pending = true;
    }

    /// Handles one terminal event; true when the screen must be redrawn.
    pub fn handle(&mut self, event: &Event) -> bool {
        let input = match event {
            Event::Key(k) => k.kind == KeyEventKind::Press,
            Event::Mouse(m) => matches!(
                m.kind,
                MouseEventKind::Down(_) | MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
            ),
            Event::Resize(..) => return true,
            _ => false,
        };
        if !input {
            return false;
        }
        self.input_pending = true;
        match event {
            Event::Key(k) => self.key(k),
            Event::Mouse(m) => self.mouse(m),
            _ => {}
        }
        true
    }

    fn key(&mut self, k: &KeyEvent) {
        if is_staff_chord(k) {
            self.phase = Phase::Staff;
            self.pin.reset();
            self.pin_message = None;
            return;
        }
        match self.phase {
            // Any key means someone is there; the key itself does nothing.
            Phase::StillThere { .. } => self.phase = Phase::Questionnaire,
            Phase::Staff => self.staff_key(k),
            Phase::ConfirmRestart => match k.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => self.reset(),
                KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Backspace => {
                    self.phase = Phase::Questionnaire
                }
                _ => {}
            },
            Phase::Questionnaire => {
                if !allowed::key(k) {
                    return;
                }
                if let Some(action) = keys::key(&self.app, k) {
                    self.apply(action);
                }
            }
        }
    }

    fn mouse(&mut self, m: &MouseEvent) {
        match self.phase {
            // A touch anywhere means someone is there.
            Phase::StillThere { .. } => {
                if matches!(m.kind, MouseEventKind::Down(_)) {
                    self.phase = Phase::Questionnaire;
                }
            }
            Phase::Staff | Phase::ConfirmRestart => {
                if m.kind == MouseEventKind::Down(MouseButton::Left)
                    && let Some(t) = self.hit(m.column, m.row)
                {
                    self.press(t);
                }
            }
            Phase::Questionnaire => {
                if let Some(action) = keys::mouse(m) {
                    self.apply(action);
                }
            }
        }
    }

    fn hit(&self, column: u16, row: u16) -> Option<KioskTarget> {
        self.targets.hit(column, row)
    }

    fn press(&mut self, t: KioskTarget) {
        match t {
            KioskTarget::StillHere | KioskTarget::RestartNo => self.phase = Phase::Questionnaire,
            KioskTarget::RestartYes => self.reset(),
            KioskTarget::PinOk => self.try_pin(),
            KioskTarget::PinCancel => self.close_staff(),
        }
    }

    /// An action for the questionnaire, as far as `allowed` lets a patient.
    fn apply(&mut self, action: Action) {
        let verdict = match action {
            Action::Click { column, row } => match self.app.drawn.hit(column, row) {
                Some(Target::Button(b)) => allowed::button(b),
                _ => allowed::action(&action),
            },
            _ => allowed::action(&action),
        };
        match verdict {
            Verdict::Allowed => update(&mut self.app, action),
            Verdict::StartAgain => self.start_again(),
            Verdict::Refused => {}
        }
        // Whatever happened, the questionnaire neither ends nor asks to.
        self.app.should_quit = false;
        if matches!(
            self.app.overlay,
            Some(Overlay::ConfirmQuit | Overlay::Help | Overlay::OpenRecord)
        ) {
            self.app.overlay = None;
        }
    }

    /// "Done" on the result starts again at once; elsewhere it asks first.
    fn start_again(&mut self) {
        if self.app.screen == Screen::Result {
            self.reset();
        } else if !self.pristine() {
            self.phase = Phase::ConfirmRestart;
        }
    }

    fn staff_key(&mut self, k: &KeyEvent) {
        if k.modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        match k.code {
            KeyCode::Esc => self.close_staff(),
            KeyCode::Enter => self.try_pin(),
            KeyCode::Backspace => {
                self.pin.handle(InputRequest::DeletePrevChar);
            }
            KeyCode::Char(c) if c.is_ascii_digit() && self.pin.value().len() < PIN_MAX => {
                self.pin.handle(InputRequest::InsertChar(c));
            }
            _ => {}
        }
    }

    fn close_staff(&mut self) {
        self.phase = Phase::Questionnaire;
        self.pin.reset();
        self.pin_message = None;
    }

    fn try_pin(&mut self) {
        if self.pin.value().is_empty() {
            self.pin_message = Some(self.app.bank.ui("kiosk.pin_first").to_string());
            return;
        }
        let pin = self.pin.value().to_string();
        self.pin.reset();
        self.pin_message = match self.gate.attempt(&pin, &self.kiosk.pin_hash, self.now) {
            Try::Accepted => {
                self.unlocked = true;
                None
            }
            Try::Wrong { wrong_so_far } => Some(
                self.app
                    .bank
                    .ui_fill("kiosk.pin_wrong", &[("n", &wrong_so_far.to_string())]),
            ),
            Try::Wait(_) => Some(self.app.bank.ui("kiosk.pin_too_many").to_string()),
        };
    }

    /// Called on every wake-up with the time now: the timeouts and
    /// countdowns. True when the screen must be redrawn.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.now = now;
        if std::mem::take(&mut self.input_pending) {
            self.last_input = now;
        }
        let idle = now.saturating_duration_since(self.last_input);
        match self.phase {
            Phase::StillThere { until } => {
                if now >= until {
                    self.reset();
                    return true;
                }
            }
            _ if self.pristine() => {}
            _ if self.finished() => {
                if idle >= self.kiosk.done_timeout {
                    self.reset();
                    return true;
                }
            }
            _ => {
                if idle >= self.kiosk.idle_timeout {
                    // The staff box closes too: whoever opened it has gone.
                    self.pin.reset();
                    self.pin_message = None;
                    self.phase = Phase::StillThere {
                        until: now + self.kiosk.countdown(),
                    };
                    return true;
                }
            }
        }
        let shown = self
            .still_there_left()
            .or_else(|| self.done_left())
            .or_else(|| {
                (self.phase == Phase::Staff)
                    .then(|| self.pin_wait())
                    .flatten()
            })
            .map(seconds_left);
        let changed = shown != self.shown_seconds;
        self.shown_seconds = shown;
        changed
    }

    /// The save of the result failed (the kiosk says to tell the staff).
    pub fn save_failed(&self) -> bool {
        self.app.screen == Screen::Result && matches!(self.app.save.saving, Saving::Failed { .. })
    }
}

#[cfg(test)]
mod tests;
