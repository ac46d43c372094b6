//! The interview screen: the case's presentation at the top, the search box,
//! on the left the bank's questions by theme (filtered by the search, asked
//! ones marked), on the right the transcript of questions and the patient's
//! replies, kept scrolled to the latest.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;

use crate::app::practice::{Action, Drawn, PracticeApp, Target};
use crate::ui::theme::Theme;
use crate::ui::{button_row, wrapped, wrapped_height};

use super::{case_title, footer, scrolled, t, tf, title_bar};
use crate::ui::list::Row;

/// The mark before a question already asked.
const ASKED: &str = "✓";

pub fn render(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let info = &app.interview.case.case.info;
    let asked = app.interview.asked.len().to_string();
    let asked = tf(app, "asked_count", &[("asked", &asked)]);
    let body = title_bar(area, buf, theme, &case_title(app), &asked);
    let rest = footer(app, body, buf, theme, drawn, &[]);

    let presentation = Text::from(Line::from(vec![
        Span::styled(format!("{} ", t(app, "presentation")), theme.bold()),
        Span::raw(info.presentation.clone()),
    ]));
    let text_width = rest.width.saturating_sub(2);
    let ph = wrapped_height(&presentation, text_width).min(rest.height / 3);
    let roomy = rest.height >= 30;
    let [pres, _, search, _, panes] = Layout::vertical([
        Constraint::Length(ph),
        Constraint::Length(u16::from(roomy)),
        Constraint::Length(1),
        Constraint::Length(u16::from(roomy)),
        Constraint::Fill(1),
    ])
    .areas(rest);
    wrapped(presentation, true).render(pres.inner(Margin::new(1, 0)), buf);
    search_row(app, search, buf, theme, drawn);

    let [left, divider, right] = Layout::horizontal([
        Constraint::Percentage(55),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(panes);
    for y in divider.top()..divider.bottom() {
        buf.set_string(divider.x, y, "│", theme.quiet());
    }
    questions(app, left, buf, theme, drawn);
    transcript(app, right, buf, theme, drawn);
}

/// "Search: text" with the button to go on at the end of the row.
fn search_row(app: &PracticeApp, row: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let label = format!(" {} ", t(app, "search"));
    let (x, _) = buf.set_stringn(row.x, row.y, &label, row.width as usize, theme.bold());
    let button = [(t(app, "button_diagnose"), Action::Next, false)];
    let bw = button[0].0.chars().count() as u16 + 5;
    let button_at = Rect::new(row.right().saturating_sub(bw), row.y, bw, 1);
    button_row(button_at, buf, theme, &button, |r, b| {
        drawn.targets.add(r, Target::Button(b))
    });
    let width = button_at.x.saturating_sub(x + 1);
    if width == 0 {
        return;
    }
    let field = Rect::new(x, row.y, width, 1);
    drawn.targets.add(field, Target::SearchBox);
    let value = app.search.value();
    let (shown, style) = if app.searching {
        // The box reads as a field while it takes the typing, with the
        // cursor drawn as a reversed cell.
        buf.set_style(field, Style::default().add_modifier(Modifier::UNDERLINED));
        let scroll = app.search.visual_scroll(width as usize);
        let cx = (app.search.visual_cursor().saturating_sub(scroll) as u16).min(width - 1);
        let cursor = Rect::new(x + cx, row.y, 1, 1);
        buf.set_style(cursor, Style::default().add_modifier(Modifier::REVERSED));
        (value.chars().skip(scroll).collect(), theme.bold())
    } else if value.is_empty() {
        (t(app, "search_hint").to_string(), theme.quiet())
    } else {
        (value.to_string(), theme.notice())
    };
    buf.set_stringn(x, row.y, shown, width as usize, style);
}

/// A pane's heading on its top row; returns the rest.
fn pane(heading: &str, area: Rect, buf: &mut Buffer, theme: Theme) -> Rect {
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let width = head.width.saturating_sub(1) as usize;
    buf.set_stringn(head.x + 1, head.y, heading, width, theme.heading());
    body
}

/// The questions the search lets through, under their themes.
fn questions(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let body = pane(t(app, "questions"), area, buf, theme);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(1),
        ..body
    };
    let visible = app.visible();
    if visible.is_empty() {
        let text = tf(app, "no_match", &[("search", app.search.value())]);
        wrapped(Line::styled(text, theme.notice()), true).render(body, buf);
        return;
    }
    let mut rows: Vec<Row<'_, Target>> = Vec::new();
    let mut selected = None;
    let mut theme_now = "";
    for i in visible {
        let a = &app.askable[i];
        if a.theme != theme_now {
            theme_now = &a.theme;
            rows.push(Row {
                prefix: Line::default(),
                body: Text::from(Line::styled(
                    app.bank.ui(&format!("theme.{}", a.theme)).to_string(),
                    theme.bold(),
                )),
                target: None,
            });
        }
        if i == app.cursor {
            selected = Some(rows.len());
        }
        let (prefix, style) = if app.interview.has_asked(a.question) {
            (
                Line::styled(format!(" {ASKED}"), theme.bold()),
                theme.quiet(),
            )
        } else {
            (Line::default(), theme.text())
        };
        let question = &app.bank.questions[a.question].clinician;
        rows.push(Row {
            prefix,
            body: Text::from(Line::styled(question.clone(), style)),
            target: Some(Target::Question(i)),
        });
    }
    super::list(app, &rows, selected, 3).render(body, buf, theme, |r, t| drawn.targets.add(r, t));
}

/// The questions asked and the patient's replies, oldest first.
fn transcript(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let body = pane(t(app, "transcript"), area, buf, theme);
    drawn.transcript_area = body;
    // One column for the scroll bar, one of margin on the left.
    let inner = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    let asked = &app.interview.asked;
    if asked.is_empty() {
        let empty = Line::styled(t(app, "transcript_empty"), theme.quiet());
        wrapped(empty, true).render(inner, buf);
        return;
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    // Each exchange's first row and height, to keep the focused one in view.
    let mut spans: Vec<(u16, u16)> = Vec::new();
    let mut row = 0u16;
    for (i, a) in asked.iter().enumerate() {
        let question = &app.bank.questions[a.question].clinician;
        let reply = if app.focus == Some(i) {
            theme.bold()
        } else {
            theme.text()
        };
        let mut exchange = vec![
            Line::styled(tf(app, "you_ask", &[("question", question)]), theme.quiet()),
            Line::styled(tf(app, "patient_says", &[("reply", &a.reply)]), reply),
        ];
        if i + 1 < asked.len() {
            exchange.push(Line::default());
        }
        let h = wrapped_height(&Text::from(exchange.clone()), inner.width);
        spans.push((row, h));
        row = row.saturating_add(h);
        lines.extend(exchange);
    }
    let top = match (app.transcript_scroll, app.focus.and_then(|f| spans.get(f))) {
        (Some(s), _) => s,
        (None, Some(&(start, h))) => (start + h).saturating_sub(inner.height).min(start),
        // The end.
        (None, None) => u16::MAX,
    };
    drawn.transcript = scrolled(Text::from(lines), top, inner, body, buf);
}
