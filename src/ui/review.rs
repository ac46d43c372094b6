//! The review screen: every answer given, each one editable, and the way on
//! to the result.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use crate::app::{Action, App, Drawn, Target};
use crate::report::explain::{option_text, question_text};

use super::list::Row;
use super::theme::Theme;
use super::{ButtonSpec, footer, title_bar};

const PREFIX: u16 = 7;

/// Draws the review screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let body = title_bar(app, area, buf, theme, drawn, "");
    let ui = |k| app.say(k);
    let buttons: [ButtonSpec<'_>; 3] = [
        (ui("button.back"), Action::Back, false),
        (ui("button.see_result"), Action::ShowResult, true),
        (ui("button.quit"), Action::AskQuit, false),
    ];
    let rest = footer(app, body, buf, theme, drawn, &buttons);
    let inner = rest.inner(ratatui::layout::Margin::new(1, 0));
    let head = Text::from(vec![
        Line::styled(ui("review.heading"), theme.heading()),
        Line::from(ui("review.how_to")),
    ]);
    let main = super::head(head, inner, buf);

    let mut items: Vec<Row<'_, Target>> = app
        .session
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
            Row {
                prefix: Line::from(vec![
                    super::cursor(i == app.review_cursor, theme),
                    Span::raw(format!("{:>2}. ", i + 1)),
                ]),
                body: Text::from(vec![
                    Line::from(question_text(&app.bank, app.audience, step.question).to_string()),
                    Line::from(vec![
                        Span::raw("→ "),
                        Span::styled(answer.join("; "), theme.bold()),
                    ]),
                ]),
                target: Some(Target::ReviewItem(i)),
            }
        })
        .collect();
    let n = items.len();
    items.push(Row {
        prefix: Line::from(super::cursor(app.review_cursor == n, theme)),
        body: Text::from(Line::styled(ui("review.see_result"), theme.bold())),
        target: Some(Target::ReviewItem(n)),
    });
    super::app_list(app, &items, app.review_cursor, PREFIX)
        .render(main, buf, theme, |r, t| drawn.targets.add(r, t));
}
