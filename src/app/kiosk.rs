//! Kiosk mode: the questionnaire on one shared terminal for patients one
//! after another. `KioskApp` wraps the questionnaire's `App` and sees every
//! event first: the ways out (q, Esc, Ctrl-C, Ctrl-Z, Ctrl-\ and every other
//! Ctrl or Alt chord) are swallowed, and only the staff chord (Ctrl-Alt-Q)
//! opens the PIN box that ends the program (the PIN is checked by the caller:
//! `Effect::CheckPin`). Time comes in through `tick`, so the idle timeout,
//! its "Are you still there?" countdown and the return after the result are
//! tested without sleeping. Every reset replaces the inner `App` with a fresh
//! one: nothing of one patient is kept for the next.
//!
//! An emergency result is the exception to every timeout: it waits for the
//! staff (their PIN clears it). After the done timeout it folds to a notice
//! that hides the answers from whoever comes next; no key or touch but the
//! staff chord unfolds it.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::{Input, InputRequest};

use crate::audience::Audience;
use crate::bank::Bank;

use super::{
    Action, App, Drawn, Effect, KioskSettings, Outcome, Overlay, PinTry, Screen, Settings, Target,
    Targets, keys, update,
};

/// The staff chord, in words (for the README and the PIN box).
pub const STAFF_CHORD: &str = "Ctrl-Alt-Q";

/// The longest PIN `kiosk set-pin` accepts.
pub const PIN_MAX: usize = 12;

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

/// Where the last frame drew things: the questionnaire's and the kiosk's
/// own boxes'.
#[derive(Debug, Default)]
pub struct KioskDrawn {
    pub app: Drawn,
    pub targets: Targets<KioskTarget>,
}

/// The kiosk: a questionnaire App, the boxes over it, and the clock.
#[derive(Debug)]
pub struct KioskApp {
    /// The questionnaire of the patient at the terminal now.
    pub app: App,
    /// The App every patient starts from, in the kiosk's own language.
    fresh: App,
    pub kiosk: KioskSettings,
    pub phase: Phase,
    /// The PIN being typed (shown masked).
    pub pin: Input,
    /// What the last PIN try came to.
    pub pin_message: Option<String>,
    /// No PIN is checked before this time (too many wrong ones).
    pin_locked_until: Option<Instant>,
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
    /// An emergency result has folded to the notice for the staff.
    folded: bool,
    /// An emergency (a red flag or a result) has been on screen since the
    /// last reset: no timeout wipes this patient's session any more, even if
    /// they went back from it; it folds for the staff instead.
    emergency_seen: bool,
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
        let app = App::new(bank, audience, colour).with_settings(settings);
        KioskApp {
            fresh: app.clone(),
            app,
            kiosk,
            phase: Phase::Questionnaire,
            pin: Input::default(),
            pin_message: None,
            pin_locked_until: None,
            now,
            last_input: now,
            input_pending: false,
            wipe_pending: false,
            unlocked: false,
            shown_seconds: None,
            folded: false,
            emergency_seen: false,
        }
    }

    /// The same kiosk with the staff PIN locked for this long (wrong tries
    /// before a restart still count).
    pub fn with_pin_wait(mut self, wait: Option<Duration>) -> Self {
        self.pin_locked_until = wait.map(|w| self.now + w);
        self
    }

    /// Nothing of a patient is on the screen or in memory: the welcome
    /// screen, untouched, in the kiosk's own language.
    pub fn pristine(&self) -> bool {
        self.phase == Phase::Questionnaire
            && self.app.screen == Screen::Welcome
            && self.app.session.answers.is_empty()
            && self.app.overlay.is_none()
            && self.app.bank.language == self.fresh.bank.language
    }

    /// On the result with its record saved: the done timeout applies (not
    /// to an emergency, which waits for the staff).
    fn finished(&self) -> bool {
        self.phase == Phase::Questionnaire
            && self.app.screen == Screen::Result
            && self.app.saved_code().is_some()
            && !self.app.emergency_result()
    }

    /// An emergency result folded to the notice: the answers are hidden
    /// until the staff clear it.
    pub fn folded(&self) -> bool {
        self.folded
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
        let left = self.pin_locked_until?.checked_duration_since(self.now);
        left.filter(|d| !d.is_zero())
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
    /// save failed gets one last try first (what comes of it goes to the
    /// fresh App, which ignores it).
    pub fn reset(&mut self) -> Option<Effect> {
        let last_try = update(&mut self.app, Action::Save, &Drawn::default());
        self.app = self.fresh.clone();
        self.set_phase(Phase::Questionnaire);
        self.last_input = self.now;
        self.wipe_pending = true;
        self.folded = false;
        self.emergency_seen = false;
        last_try
    }

    /// Handles one terminal event, given where the last frame drew things;
    /// returns what needs doing outside.
    pub fn handle(&mut self, event: &Event, drawn: &KioskDrawn) -> Option<Effect> {
        use MouseEventKind::{Down, ScrollDown, ScrollUp};
        let effect = match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => self.key(k, drawn),
            Event::Mouse(m) if matches!(m.kind, Down(_) | ScrollUp | ScrollDown) => {
                self.mouse(m, drawn)
            }
            _ => return None,
        };
        self.input_pending = true;
        effect
    }

    /// What came of an `Effect`: the PIN's try here, the rest for the
    /// questionnaire.
    pub fn done_effect(&mut self, outcome: Outcome) -> Option<Effect> {
        let Outcome::Pin { tried, wait } = outcome else {
            return update(&mut self.app, Action::Done(outcome), &Drawn::default());
        };
        self.pin_locked_until = wait.map(|w| self.now + w);
        let bank = &self.app.bank;
        self.pin_message = match tried {
            // On an emergency the staff have come: the kiosk clears for
            // the next patient and carries on.
            PinTry::Accepted if self.app.emergency_result() => return self.reset(),
            PinTry::Accepted => {
                self.unlocked = true;
                None
            }
            PinTry::Wrong { wrong_so_far } => {
                Some(bank.ui_fill("kiosk.pin_wrong", &[("n", &wrong_so_far.to_string())]))
            }
            PinTry::Wait(_) => Some(bank.ui("kiosk.pin_too_many").to_string()),
        };
        None
    }

    fn key(&mut self, k: &KeyEvent, drawn: &KioskDrawn) -> Option<Effect> {
        if is_staff_chord(k) {
            self.set_phase(Phase::Staff);
            return None;
        }
        match self.phase {
            // Any key means someone is there; the key itself does nothing.
            Phase::StillThere { .. } => self.phase = Phase::Questionnaire,
            Phase::Staff => return self.staff_key(k),
            Phase::ConfirmRestart => match k.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => return self.reset(),
                KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Backspace => {
                    self.phase = Phase::Questionnaire
                }
                _ => {}
            },
            // The folded emergency waits for the staff chord.
            Phase::Questionnaire if self.folded => {}
            Phase::Questionnaire => {
                return keys::key_action(&self.app, k, true).and_then(|a| self.apply(a, drawn));
            }
        }
        None
    }

    fn mouse(&mut self, m: &MouseEvent, drawn: &KioskDrawn) -> Option<Effect> {
        let left_click = m.kind == MouseEventKind::Down(MouseButton::Left);
        match self.phase {
            // A touch anywhere means someone is there.
            Phase::StillThere { .. } => {
                if matches!(m.kind, MouseEventKind::Down(_)) {
                    self.phase = Phase::Questionnaire;
                }
                None
            }
            Phase::Staff | Phase::ConfirmRestart if left_click => {
                self.press(drawn.targets.hit(m.column, m.row)?)
            }
            Phase::Staff | Phase::ConfirmRestart => None,
            Phase::Questionnaire if self.folded => None,
            Phase::Questionnaire => self.apply(keys::mouse(m)?, drawn),
        }
    }

    fn press(&mut self, t: KioskTarget) -> Option<Effect> {
        match t {
            KioskTarget::StillHere | KioskTarget::RestartNo => self.phase = Phase::Questionnaire,
            KioskTarget::RestartYes => return self.reset(),
            KioskTarget::PinOk => return self.try_pin(),
            KioskTarget::PinCancel => self.set_phase(Phase::Questionnaire),
        }
        None
    }

    /// An action for the questionnaire, as far as the keys' table lets a
    /// patient (`keys::kiosk_allows`); a click is judged by the button it
    /// lands on. "Start again" is the kiosk's own.
    fn apply(&mut self, action: Action, drawn: &KioskDrawn) -> Option<Effect> {
        let meant = match action {
            Action::Click { column, row } => match drawn.app.targets.hit(column, row) {
                Some(Target::Button(pressed)) => pressed,
                _ => action.clone(),
            },
            _ => action.clone(),
        };
        let effect = match meant {
            Action::StartAgain => self.start_again(),
            _ if keys::kiosk_allows(&meant) => update(&mut self.app, action, &drawn.app),
            _ => None,
        };
        // Whatever happened, the questionnaire neither ends nor asks to, and
        // of its boxes only a failed save's record is a patient's.
        self.app.should_quit = false;
        self.app.overlay = self.app.overlay.filter(|&o| o == Overlay::RecordJson);
        effect
    }

    /// "Done" on the result starts again at once (not on an emergency,
    /// which waits for the staff); elsewhere it asks first.
    fn start_again(&mut self) -> Option<Effect> {
        match self.app.screen {
            Screen::Result if self.app.emergency_result() => {}
            Screen::Result => return self.reset(),
            _ if !self.pristine() => self.phase = Phase::ConfirmRestart,
            _ => {}
        }
        None
    }

    fn staff_key(&mut self, k: &KeyEvent) -> Option<Effect> {
        let chord = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match k.code {
            _ if k.modifiers.intersects(chord) => {}
            KeyCode::Esc => self.set_phase(Phase::Questionnaire),
            KeyCode::Enter => return self.try_pin(),
            KeyCode::Backspace => {
                self.pin.handle(InputRequest::DeletePrevChar);
            }
            KeyCode::Char(c) if c.is_ascii_digit() && self.pin.value().len() < PIN_MAX => {
                self.pin.handle(InputRequest::InsertChar(c));
            }
            _ => {}
        }
        None
    }

    /// Puts `phase` up with the PIN box emptied.
    fn set_phase(&mut self, phase: Phase) {
        self.phase = phase;
        self.pin.reset();
        self.pin_message = None;
    }

    fn try_pin(&mut self) -> Option<Effect> {
        if self.pin.value().is_empty() {
            self.pin_message = Some(self.app.bank.ui("kiosk.pin_first").to_string());
            return None;
        }
        let pin = self.pin.value().to_string();
        self.pin.reset();
        Some(Effect::CheckPin(pin))
    }

    /// Called on every wake-up with the time now: the timeouts and
    /// countdowns. True when the screen must be redrawn, and what needs
    /// doing outside (a reset's last try at a failed save).
    pub fn tick(&mut self, now: Instant) -> (bool, Option<Effect>) {
        self.now = now;
        if std::mem::take(&mut self.input_pending) {
            self.last_input = now;
        }
        let idle = now.saturating_duration_since(self.last_input);
        self.emergency_seen |= self.app.emergency_result()
            || matches!(self.app.screen, Screen::RedFlag(f)
                if crate::report::most_urgent(&self.app.bank, self.app.bank.red_flags[f].urgency));
        match self.phase {
            Phase::StillThere { until } if now >= until => return (true, self.reset()),
            Phase::StillThere { .. } => {}
            _ if self.pristine() => {}
            // An emergency is never wiped by a timeout: after the done
            // timeout the answers fold away, and a staff box left open
            // closes after the idle one.
            _ if self.emergency_seen => {
                let wait = if self.app.emergency_result() {
                    self.kiosk.done_timeout
                } else {
                    self.kiosk.idle_timeout
                };
                if !self.folded && idle >= wait {
                    self.folded = true;
                    return (true, None);
                }
                if self.phase == Phase::Staff && idle >= self.kiosk.idle_timeout {
                    self.set_phase(Phase::Questionnaire);
                    return (true, None);
                }
            }
            // A finished result waits for the done timeout, not the idle one.
            _ if self.finished() && idle >= self.kiosk.done_timeout => return (true, self.reset()),
            _ if self.finished() => {}
            _ if idle >= self.kiosk.idle_timeout => {
                // The staff box closes too: whoever opened it has gone.
                self.set_phase(Phase::StillThere {
                    until: now + self.kiosk.countdown(),
                });
                return (true, None);
            }
            _ => {}
        }
        let shown = self
            .still_there_left()
            .or_else(|| self.done_left())
            .or_else(|| self.pin_wait().filter(|_| self.phase == Phase::Staff))
            .map(seconds_left);
        let changed = shown != self.shown_seconds;
        self.shown_seconds = shown;
        (changed, None)
    }
}
