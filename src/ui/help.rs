//! The help overlay: every key and what the mouse does.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::app::{App, Button, Drawn, Screen};

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, centred, wrapped_height};

/// Draws the help overlay over whatever screen is showing.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let bank = &app.bank;
    let ui = |k: &str| bank.ui(k).to_string();
    let key = |k: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("{k:<16}"), theme.key()),
            Span::raw(bank.ui(what).to_string()),
        ])
    };
    let mut lines = vec![
        key("↑ ↓   j k", "help.move"),
        key(&ui("keys.one_to_nine"), "help.choose"),
        key(&ui("keys.space"), "help.tick"),
        key(&ui("keys.enter"), "help.confirm"),
        key(&format!("{}  ←", ui("keys.backspace")), "help.back"),
        key("w", "help.why"),
        key(&ui("keys.pages"), "help.page"),
        key("s", "help.start_again"),
        key("q  Esc", "help.quit"),
        key("Ctrl-C", "help.quit_now"),
        key("?", "help.help"),
        Line::from(""),
        Line::from(ui("help.mouse")),
        Line::from(bank.ui_fill(
            "help.window",
            &[
                ("width", &MIN_WIDTH.to_string()),
                ("height", &MIN_HEIGHT.to_string()),
            ],
        )),
        Line::from(""),
        Line::styled(ui("help.not_a_diagnosis"), theme.bold()),
    ];
    if app.screen == Screen::Welcome && app.next_language().is_some() {
        // Where the key works, with the other keys of one screen (w, PgUp, s).
        lines.insert(8, key("l", "help.language"));
    }
    let text = Text::from(lines);
    let w = area.width.saturating_sub(4).min(78);
    let h = (wrapped_height(&text, w.saturating_sub(4)) + 4).min(area.height);
    let box_area = centred(area, w, h);
    Clear.render(box_area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {} ", ui("help.title")))
        .title_bottom(format!(" {} ", ui("help.close_hint")));
    let inner = block.inner(box_area).inner(Margin::new(1, 0));
    block.render(box_area, buf);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    let close = bank.ui("button.close");
    super::close_button(box_area, close, Button::CloseHelp, buf, theme, drawn);
}
