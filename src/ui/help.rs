//! The help overlay: every key and what the mouse does.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::app::{App, Button, Target};

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, centred, wrapped_height};

/// Draws the help overlay over whatever screen is showing.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let key = |k: &'static str, what: &'static str| {
        Line::from(vec![
            Span::styled(format!("{k:<16}"), theme.key()),
            Span::raw(what),
        ])
    };
    let text = Text::from(vec![
        key("↑ ↓   j k", "move the highlight; scroll the result"),
        key(
            "1 to 9",
            "choose that answer (or tick it, where you may tick several)",
        ),
        key("Space", "tick or untick the highlighted answer"),
        key("Enter", "confirm and go on"),
        key("Backspace  ←", "back to the previous question"),
        key("w", "why we ask this question"),
        key("PgUp PgDn", "scroll the result a page"),
        key("s", "start again (on the result)"),
        key("q  Esc", "quit (asks first)"),
        key("Ctrl-C", "quit at once"),
        key("?", "show or hide this help"),
        Line::from(""),
        Line::from("Mouse: click an answer or a button; the wheel scrolls the result."),
        Line::from(format!(
            "The window must be at least {MIN_WIDTH} wide and {MIN_HEIGHT} high."
        )),
        Line::from(""),
        Line::styled(
            "Not a diagnosis. In an emergency, call your local emergency number.",
            theme.bold(),
        ),
    ]);
    let w = area.width.saturating_sub(4).min(78);
    let h = (wrapped_height(&text, w.saturating_sub(4)) + 4).min(area.height);
    let box_area = centred(area, w, h);
    Clear.render(box_area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(" Help: keys ")
        .title_bottom(" Esc or ? to close ");
    let inner = block.inner(box_area).inner(Margin::new(1, 0));
    block.render(box_area, buf);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    let close = "[ Close ]";
    let cw = close.chars().count() as u16;
    let x = box_area.right().saturating_sub(cw + 2);
    let y = box_area.y;
    buf.set_string(x, y, close, theme.button());
    app.drawn
        .target(Rect::new(x, y, cw, 1), Target::Button(Button::CloseHelp));
}
