//! The help overlay: every key (from the keys' table) and what the mouse
//! does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;

use crate::app::{App, Drawn};

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, centred, wrapped, wrapped_height};

/// Draws the help overlay over whatever screen is showing.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let ui = |k: &str| app.say(k).to_string();
    // Every key of the table that the help names, then the mouse.
    let mut lines: Vec<Line<'_>> = crate::app::keys::described(app, "help.")
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:<16}"), theme.key()),
                Span::raw(what),
            ])
        })
        .collect();
    let (min_w, min_h) = (MIN_WIDTH.to_string(), MIN_HEIGHT.to_string());
    lines.extend([
        Line::from(""),
        Line::from(ui("help.mouse")),
        Line::from(app.say_fill("help.window", &[("width", &min_w), ("height", &min_h)])),
        Line::from(""),
        Line::styled(ui("help.not_a_diagnosis"), theme.bold()),
    ]);
    let text = Text::from(lines);
    let w = area.width.saturating_sub(4).min(78);
    let h = (wrapped_height(&text, w.saturating_sub(4)) + 4).min(area.height);
    let box_area = centred(area, w, h);
    let (title, keys) = (ui("help.title"), ui("help.close_hint"));
    let inner = super::frame(box_area, &title, Some(&keys), buf);
    wrapped(text, false).render(inner, buf);
    let close = app.say("button.close");
    super::close_button(box_area, close, buf, theme, drawn);
}
