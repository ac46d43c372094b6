//! Key presses and mouse events to `Action`s, given the screen showing. No
//! state changes here: `update` applies what this returns.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{Action, App, Overlay, Screen};

/// The meaning of a terminal event, if it has one. Only key presses count
/// (not releases or repeats reported as such).
pub fn action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => key(app, k),
        Event::Mouse(m) => mouse(m),
        _ => None,
    }
}

/// The meaning of a key press.
pub fn key(app: &App, k: &KeyEvent) -> Option<Action> {
    if k.modifiers.contains(KeyModifiers::CONTROL) {
        return match k.code {
            KeyCode::Char('c') | KeyCode::Char('C') => Some(Action::QuitNow),
            _ => None,
        };
    }
    match app.overlay {
        Some(Overlay::ConfirmQuit) => {
            return match k.code {
                KeyCode::Char('y' | 'Y' | 'q' | 'Q') | KeyCode::Enter => {
                    Some(Action::QuitConfirmed)
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Backspace => {
                    Some(Action::Dismiss)
                }
                _ => None,
            };
        }
        Some(Overlay::Help) => {
            return match k.code {
                KeyCode::Char('?' | 'h' | 'H') => Some(Action::ToggleHelp),
                KeyCode::Esc | KeyCode::Enter | KeyCode::Backspace | KeyCode::Char('q') => {
                    Some(Action::Dismiss)
                }
                _ => None,
            };
        }
        None => {}
    }
    let common = match k.code {
        KeyCode::Char('?') | KeyCode::F(1) => Some(Action::ToggleHelp),
        KeyCode::Char('q' | 'Q') | KeyCode::Esc => Some(Action::AskQuit),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Home | KeyCode::Char('g') => Some(Action::Home),
        KeyCode::End | KeyCode::Char('G') => Some(Action::End),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Backspace | KeyCode::Left => Some(Action::Back),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match (app.screen, k.code) {
        (Screen::Question, KeyCode::Char(c @ '1'..='9')) => {
            Some(Action::Pick(c as usize - '1' as usize))
        }
        (Screen::Question, KeyCode::Char(' ')) => Some(Action::Toggle),
        (Screen::Question, KeyCode::Char('w' | 'W')) => Some(Action::ToggleWhy),
        (Screen::Question, KeyCode::Right) => Some(Action::Confirm),
        (Screen::Welcome, KeyCode::Char(' ' | 's' | 'S') | KeyCode::Right) => Some(Action::Confirm),
        (Screen::Review | Screen::RedFlag(_), KeyCode::Char('r' | 'R')) => Some(Action::ShowResult),
        (Screen::Result, KeyCode::Char('s' | 'S')) => Some(Action::StartAgain),
        (Screen::Result, KeyCode::Char(' ')) => Some(Action::PageDown),
        _ => None,
    }
}

/// The meaning of a mouse event: left clicks and the wheel.
pub fn mouse(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            column: m.column,
            row: m.row,
        }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown),
        _ => None,
    }
}
