//! What a patient at the kiosk may do, in one place: every key, action and
//! button of the questionnaire, each allowed or not. The matches name every
//! action and button, so a new one does not compile until it is placed here.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, Button};

/// What becomes of something a patient does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The questionnaire does it.
    Allowed,
    /// The kiosk's own "start again": at once on the result, asked first
    /// elsewhere.
    StartAgain,
    /// Nothing happens.
    Refused,
}

use Verdict::{Allowed, Refused, StartAgain};

/// Whether a key reaches the questionnaire at all: no chord, no Esc, no q,
/// no help and no function key does, since none of them may end or leave it.
pub fn key(k: &KeyEvent) -> bool {
    !(k.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER)
        || matches!(
            k.code,
            KeyCode::Esc | KeyCode::F(_) | KeyCode::Char('q' | 'Q' | '?')
        ))
}

/// What a patient may do of the questionnaire's actions. A click is judged
/// by what it lands on (`button`).
pub fn action(a: &Action) -> Verdict {
    match a {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End
        | Action::Pick(_)
        | Action::Toggle
        | Action::Confirm
        | Action::Back
        | Action::ToggleWhy
        | Action::Dismiss
        | Action::ShowResult
        | Action::Click { .. }
        | Action::ScrollUp
        | Action::ScrollDown
        | Action::Save
        | Action::SwitchLanguage
        | Action::Done(_) => Allowed,
        Action::StartAgain => StartAgain,
        // No way out, no help (it lists the ways out), no records of other
        // patients, and no record's JSON on a shared screen.
        Action::AskQuit
        | Action::QuitConfirmed
        | Action::QuitNow
        | Action::ToggleHelp
        | Action::OpenRecord
        | Action::ShowRecord
        | Action::Edit(_) => Refused,
    }
}

/// What a patient may press of the questionnaire's buttons.
pub fn button(b: Button) -> Verdict {
    match b {
        Button::Start
        | Button::Back
        | Button::Continue
        | Button::Why
        | Button::SeeResult
        | Button::QuitNo
        | Button::CloseHelp
        | Button::Save
        | Button::CloseOverlay
        | Button::Language => Allowed,
        Button::StartAgain => StartAgain,
        Button::Quit
        | Button::QuitYes
        | Button::Help
        | Button::ShowRecord
        | Button::OpenRecord
        | Button::OpenCode => Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_out_is_refused() {
        for a in [
            Action::AskQuit,
            Action::QuitConfirmed,
            Action::QuitNow,
            Action::ToggleHelp,
            Action::OpenRecord,
            Action::ShowRecord,
        ] {
            assert_eq!(action(&a), Refused, "{a:?}");
        }
        for b in [
            Button::Quit,
            Button::QuitYes,
            Button::Help,
            Button::OpenRecord,
        ] {
            assert_eq!(button(b), Refused, "{b:?}");
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(!key(&ctrl_c));
        assert!(!key(&KeyEvent::from(KeyCode::Esc)));
        assert!(key(&KeyEvent::from(KeyCode::Enter)));
    }
}
