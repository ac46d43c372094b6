//! The review screen: every answer given, each one editable, and the way on
//! to the result.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::explain::{option_text, question_text};
use crate::app::{App, Button, Target};

use super::theme::Theme;
use super::{ButtonSpec, Key, footer, list, title_bar, wrapped_height};

const PREFIX: u16 = 7;

/// Draws the review screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let body = title_bar(app, area, buf, theme, "");
    let buttons: [ButtonSpec<'_>; 3] = [
        ("← Back", Button::Back, false),
        ("See my result (r)", Button::SeeResult, true),
        ("Quit (q)", Button::Quit, false),
    ];
    let keys: [Key<'_>; 5] = [
        ("↑↓", "move"),
        ("Enter", "change it / see result"),
        ("r", "result"),
        ("Backspace", "back"),
        ("?", "help"),
    ];
    let rest = footer(app, body, buf, theme, &buttons, &keys);
    let inner = rest.inner(ratatui::layout::Margin::new(1, 0));
    let head = Text::from(vec![
        Line::styled("Check your answers", theme.heading()),
        Line::from(
            "To change one, highlight it and press Enter (or click it). When they are right, choose \"See my result\".",
        ),
    ]);
    let hh = wrapped_height(&head, inner.width);
    let [head_area, _gap, main] = Layout::vertical([
        Constraint::Length(hh),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    Paragraph::new(head)
        .wrap(Wrap { trim: false })
        .render(head_area, buf);

    let mut items: Vec<list::Item<'_>> = app
        .walk
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let answer: Vec<&str> = step
                .chosen
                .iter()
                .map(|&o| option_text(&app.bank, app.audience, step.question, o))
                .collect();
            let here = i == app.review_cursor;
            list::Item {
                prefix: Line::from(vec![
                    Span::styled(if here { " > " } else { "   " }, theme.bold()),
                    Span::raw(format!("{:>2}. ", i + 1)),
                ]),
                body: Text::from(vec![
                    Line::from(question_text(&app.bank, app.audience, step.question).to_string()),
                    Line::from(vec![
                        Span::raw("→ "),
                        Span::styled(answer.join("; "), theme.bold()),
                    ]),
                ]),
                target: Target::ReviewItem(i),
            }
        })
        .collect();
    let n = items.len();
    items.push(list::Item {
        prefix: Line::from(Span::styled(
            if app.review_cursor == n { " > " } else { "   " },
            theme.bold(),
        )),
        body: Text::from(Line::styled("See my result →", theme.bold())),
        target: Target::ReviewItem(n),
    });
    list::render(app, &items, app.review_cursor, PREFIX, main, buf, theme);
}
