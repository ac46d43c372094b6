//! Key presses and mouse events to practice `Action`s, given the screen
//! showing and whether the search box takes the typing. No state changes
//! here: `update` applies what this returns.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::InputRequest;

use super::{Action, PracticeApp, Screen, Step};

/// The meaning of a terminal event, if it has one. Only key presses count
/// (not releases or repeats reported as such).
pub fn action(app: &PracticeApp, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => key(app, k),
        Event::Mouse(m) => mouse(m),
        _ => None,
    }
}

/// The meaning of a key press.
pub fn key(app: &PracticeApp, k: &KeyEvent) -> Option<Action> {
    if k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('c' | 'C')) {
        return Some(Action::QuitNow);
    }
    if app.confirm_quit {
        // y for yes, s for "sí": the Spanish screen offers s.
        return match k.code {
            KeyCode::Char('y' | 'Y' | 's' | 'S' | 'q' | 'Q') | KeyCode::Enter => {
                Some(Action::QuitConfirmed)
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Backspace => Some(Action::Dismiss),
            _ => None,
        };
    }
    if app.screen == Screen::Interview && app.searching {
        return search_key(k);
    }
    match (app.screen, k.code) {
        (_, KeyCode::Char('q' | 'Q')) => Some(Action::AskQuit),
        (_, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
        (_, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (_, KeyCode::PageUp) => Some(Action::PageUp),
        (_, KeyCode::PageDown) => Some(Action::PageDown),
        (_, KeyCode::Home | KeyCode::Char('g')) => Some(Action::Home),
        (_, KeyCode::End | KeyCode::Char('G')) => Some(Action::End),
        // Esc first empties a search left in place, then asks to quit.
        (Screen::Interview, KeyCode::Esc) if !app.search.value().is_empty() => {
            Some(Action::ClearSearch)
        }
        (_, KeyCode::Esc) => Some(Action::AskQuit),
        (Screen::Interview, KeyCode::Char('/')) => Some(Action::Search),
        (Screen::Interview, KeyCode::Enter | KeyCode::Char(' ')) => Some(Action::Confirm),
        (Screen::Interview, KeyCode::Char('c' | 'C')) => Some(Action::Next),
        (Screen::Commit(Step::Differential), KeyCode::Enter | KeyCode::Char(' ')) => {
            Some(Action::Confirm)
        }
        (Screen::Commit(Step::Differential), KeyCode::Char('+')) => Some(Action::Raise),
        (Screen::Commit(Step::Differential), KeyCode::Char('-')) => Some(Action::Lower),
        (
            Screen::Commit(Step::Differential),
            KeyCode::Char('c' | 'C') | KeyCode::Right | KeyCode::Tab,
        ) => Some(Action::Next),
        (Screen::Commit(Step::Urgency), KeyCode::Enter) => Some(Action::Confirm),
        (Screen::Commit(_), KeyCode::Backspace | KeyCode::Left) => Some(Action::Back),
        (Screen::Feedback, KeyCode::Char(' ')) => Some(Action::PageDown),
        _ => None,
    }
}

/// Keys while the search box takes the typing: the list still moves and
/// Enter still asks; everything else edits the text.
fn search_key(k: &KeyEvent) -> Option<Action> {
    let plain = k.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    match k.code {
        KeyCode::Esc => Some(Action::ClearSearch),
        KeyCode::Tab => Some(Action::KeepSearch),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Char(c) if plain => Some(Action::Edit(InputRequest::InsertChar(c))),
        _ => tui_input::backend::crossterm::to_input_request(&Event::Key(*k)).map(Action::Edit),
    }
}

/// The meaning of a mouse event: left clicks and the wheel.
pub fn mouse(m: &MouseEvent) -> Option<Action> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
        _ => None,
    }
}
