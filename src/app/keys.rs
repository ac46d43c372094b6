//! Key presses and mouse events to `Action`s, given the screen showing. No
//! state changes here: `update` applies what this returns.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use tui_input::InputRequest;

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
                // s for "sí" as well as y for "yes".
                KeyCode::Char('y' | 'Y' | 's' | 'S' | 'q' | 'Q') | KeyCode::Enter => {
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
        Some(Overlay::RecordJson) => {
            return match k.code {
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                KeyCode::PageUp => Some(Action::PageUp),
                KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
                KeyCode::Home | KeyCode::Char('g') => Some(Action::Home),
                KeyCode::End | KeyCode::Char('G') => Some(Action::End),
                KeyCode::Esc
                | KeyCode::Enter
                | KeyCode::Backspace
                | KeyCode::Char('q' | 'v' | 'V') => Some(Action::Dismiss),
                _ => None,
            };
        }
        Some(Overlay::OpenRecord) => {
            let edit = |r| Some(Action::Edit(r));
            return match k.code {
                KeyCode::Esc => Some(Action::Dismiss),
                KeyCode::Enter => Some(Action::Confirm),
                KeyCode::Backspace => edit(InputRequest::DeletePrevChar),
                KeyCode::Delete => edit(InputRequest::DeleteNextChar),
                KeyCode::Left => edit(InputRequest::GoToPrevChar),
                KeyCode::Right => edit(InputRequest::GoToNextChar),
                KeyCode::Home => edit(InputRequest::GoToStart),
                KeyCode::End => edit(InputRequest::GoToEnd),
                KeyCode::Char(c) if !c.is_control() => edit(InputRequest::InsertChar(c)),
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
        (Screen::Welcome, KeyCode::Char('o' | 'O')) => Some(Action::OpenRecord),
        (Screen::Welcome, KeyCode::Char('l' | 'L')) => Some(Action::SwitchLanguage),
        (Screen::Review | Screen::RedFlag(_), KeyCode::Char('r' | 'R')) => Some(Action::ShowResult),
        (Screen::Result, KeyCode::Char('s' | 'S')) => Some(Action::StartAgain),
        (Screen::Result, KeyCode::Char(' ')) => Some(Action::PageDown),
        (Screen::Result, KeyCode::Char('c' | 'C' | 'r' | 'R')) => Some(Action::Save),
        (Screen::Result, KeyCode::Char('v' | 'V')) => Some(Action::ShowRecord),
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

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyEventState, MouseButton};

    use super::*;
    use crate::audience::Audience;
    use crate::bank::Bank;

    fn app() -> App {
        App::new(Bank::builtin().unwrap(), Audience::Patient, true)
    }

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn only_presses_count() {
        let app = app();
        let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        release.state = KeyEventState::NONE;
        assert_eq!(action(&app, &Event::Key(release)), None);
        assert_eq!(action(&app, &press(KeyCode::Enter)), Some(Action::Confirm));
    }

    #[test]
    fn numbers_pick_on_a_question_and_ctrl_c_quits_anywhere() {
        let mut app = app();
        assert_eq!(action(&app, &press(KeyCode::Char('3'))), None);
        app.screen = Screen::Question;
        assert_eq!(
            action(&app, &press(KeyCode::Char('3'))),
            Some(Action::Pick(2))
        );
        assert_eq!(action(&app, &press(KeyCode::Char('0'))), None);
        app.overlay = Some(Overlay::Help);
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(action(&app, &ctrl_c), Some(Action::QuitNow));
    }

    #[test]
    fn the_quit_question_takes_y_and_n() {
        let mut app = app();
        assert_eq!(
            action(&app, &press(KeyCode::Char('q'))),
            Some(Action::AskQuit)
        );
        assert_eq!(action(&app, &press(KeyCode::Esc)), Some(Action::AskQuit));
        app.overlay = Some(Overlay::ConfirmQuit);
        assert_eq!(
            action(&app, &press(KeyCode::Char('y'))),
            Some(Action::QuitConfirmed)
        );
        assert_eq!(
            action(&app, &press(KeyCode::Char('n'))),
            Some(Action::Dismiss)
        );
        assert_eq!(action(&app, &press(KeyCode::Char('3'))), None);
    }

    #[test]
    fn back_keys_and_start_again_only_on_the_result() {
        let mut app = app();
        app.screen = Screen::Question;
        assert_eq!(action(&app, &press(KeyCode::Backspace)), Some(Action::Back));
        assert_eq!(action(&app, &press(KeyCode::Left)), Some(Action::Back));
        assert_eq!(action(&app, &press(KeyCode::Char('s'))), None);
        app.screen = Screen::Result;
        assert_eq!(
            action(&app, &press(KeyCode::Char('s'))),
            Some(Action::StartAgain)
        );
    }

    #[test]
    fn l_switches_language_on_the_welcome_screen_only() {
        let mut app = app();
        assert_eq!(
            action(&app, &press(KeyCode::Char('l'))),
            Some(Action::SwitchLanguage)
        );
        app.screen = Screen::Question;
        assert_eq!(action(&app, &press(KeyCode::Char('l'))), None);
        app.overlay = Some(Overlay::ConfirmQuit);
        assert_eq!(
            action(&app, &press(KeyCode::Char('s'))),
            Some(Action::QuitConfirmed),
            "s for sí"
        );
    }

    #[test]
    fn clicks_and_the_wheel() {
        let m = |kind| MouseEvent {
            kind,
            column: 4,
            row: 7,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(
            mouse(&m(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { column: 4, row: 7 })
        );
        assert_eq!(mouse(&m(MouseEventKind::Up(MouseButton::Left))), None);
        assert_eq!(
            mouse(&m(MouseEventKind::ScrollDown)),
            Some(Action::ScrollDown)
        );
    }
}
